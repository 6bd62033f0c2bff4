"""The HTTP side against a real loopback server: validators, errors, limits, retries."""

from __future__ import annotations

import gzip
import re
import threading
import time
import zlib
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path

from feedserver import FeedServer, Reply, rss, xml_reply

from briefing.fetch import USER_AGENT
from briefing.store import Store

from .conftest import by_feed, fetch, make_config

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=timezone.utc)
DOC = rss([{"title": "Shelling near Sotk", "link": "http://example.org/1", "guid": "g1", "pubDate": NOW}])


def test_conditional_get_sends_validators_back_exactly_and_304_is_unchanged(feed_server, db_path):
    etag = 'W/"a b\\"c-1"'  # odd but legal: quotes, spaces and a backslash must survive byte for byte
    modified = "Fri, 20 Nov 2026 12:00:00 GMT"
    calls = []

    def route(request):
        calls.append(request)
        if request.headers.get("if-none-match") == etag:
            return Reply(304, headers={"ETag": etag})
        return xml_reply(DOC, ETag=etag, **{"Last-Modified": modified})

    url = feed_server.route("/a.xml", route)
    config = make_config(("A", url))
    outcomes, _ = fetch(config, db_path)
    assert outcomes[0].status == "new" and outcomes[0].new == 1
    with Store(db_path) as store:
        state = store.feed_states()["A"]
        assert (state.etag, state.last_modified) == (etag, modified)

    outcomes, result = fetch(config, db_path)
    assert outcomes[0].status == "unchanged" and outcomes[0].http_status == 304
    assert calls[-1].headers["if-none-match"] == etag
    assert calls[-1].headers["if-modified-since"] == modified
    assert calls[-1].headers["user-agent"] == USER_AGENT
    assert len(calls) == 2  # a 304 is never retried
    assert result.new_ids == [] and result.updated_ids == []
    with Store(db_path) as store:
        assert store.feed_states()["A"].etag == etag  # kept


def test_304_costs_no_parsing(feed_server, db_path, monkeypatch):
    url = feed_server.route("/a.xml", [xml_reply(DOC, ETag='"v1"'), Reply(304)])
    config = make_config(("A", url))
    fetch(config, db_path)
    import briefing.fetch.run as run_module

    def boom(*args, **kwargs):
        raise AssertionError("parsed a 304")

    monkeypatch.setattr(run_module, "_parse_in_pool", boom)
    outcomes, _ = fetch(config, db_path)
    assert outcomes[0].status == "unchanged"


def test_404_is_an_error_with_a_clear_message_and_not_retried(feed_server, db_path):
    url = feed_server.url("/missing.xml")
    outcomes, _ = fetch(make_config(("A", url)), db_path)
    assert outcomes[0].status == "error"
    assert outcomes[0].error == "HTTP 404 Not Found"
    assert len(feed_server.hits("/missing.xml")) == 1
    with Store(db_path) as store:
        state = store.feed_states()["A"]
        assert state.last_status == "error" and state.last_error == "HTTP 404 Not Found"
        assert store.fetch_log(NOW - timedelta(days=3650))[-1].error == "HTTP 404 Not Found"


def test_500_then_success_is_retried(feed_server, db_path):
    url = feed_server.route("/a.xml", [Reply(500), Reply(502), xml_reply(DOC)])
    outcomes, _ = fetch(make_config(("A", url), retries=2), db_path)
    assert outcomes[0].status == "new"
    assert len(feed_server.hits("/a.xml")) == 3


def test_500_forever_records_error_and_keeps_older_stories(feed_server, db_path):
    url = feed_server.route("/a.xml", [xml_reply(DOC, ETag='"v1"'), Reply(500)])
    config = make_config(("A", url), retries=2)
    fetch(config, db_path)
    outcomes, _ = fetch(config, db_path)
    assert outcomes[0].status == "error" and outcomes[0].error == "HTTP 500 Internal Server Error"
    assert len(feed_server.hits("/a.xml")) == 1 + 3
    with Store(db_path) as store:
        assert store.story_count() == 1
        state = store.feed_states()["A"]
        assert state.etag == '"v1"'  # an error keeps the validators
        assert state.next_due > datetime.now(timezone.utc)


def test_a_feed_that_keeps_failing_is_tried_less_and_less_often_until_it_recovers(feed_server, db_path):
    url = feed_server.route("/a.xml", [Reply(404), Reply(404), Reply(404), xml_reply(DOC)])
    config = make_config(("A", url), fetch_interval_minutes=10)
    waits = []
    for _ in range(4):
        fetch(config, db_path)
        with Store(db_path) as store:
            state = store.feed_states()["A"]
        waits.append(round((state.next_due - state.last_fetched).total_seconds() / 60))
    assert waits == [10, 20, 40, 10]  # one interval, then doubling; back to normal once it answers


def test_a_page_that_is_not_a_feed_leaves_the_feeds_validators_alone(feed_server, db_path):
    """A login page with its own ETag must not become the feed's validator: the next request would
    get a 304 for the login page and the broken feed would look "unchanged" from then on."""
    login = Reply(body=b"<html><body><form>Log in</form></body></html>",
                  headers={"Content-Type": "text/html", "ETag": '"login"'})

    def route(request):
        if len(feed_server.hits("/a.xml")) == 1:
            return xml_reply(DOC, ETag='"v1"')
        if request.headers.get("if-none-match") == '"login"':
            return Reply(304, headers={"ETag": '"login"'})
        return login

    url = feed_server.route("/a.xml", route)
    config = make_config(("A", url))
    fetch(config, db_path)
    for _ in range(2):
        outcomes, _ = fetch(config, db_path)
        assert outcomes[0].status == "error" and outcomes[0].error.startswith("not a feed: ")
    with Store(db_path) as store:
        assert store.feed_states()["A"].etag == '"v1"'


def test_hanging_server_times_out_within_the_configured_time(feed_server, db_path):
    url = feed_server.route("/slow.xml", Reply(hang=True))
    outcomes, _ = fetch(make_config(("A", url), read_timeout=0.3, total_timeout=5, retries=1), db_path)
    assert outcomes[0].status == "error"
    assert outcomes[0].error == "timed out after 0.3 s waiting for the server"
    assert len(feed_server.hits("/slow.xml")) == 2  # a timeout is retried


def test_total_timeout_bounds_a_whole_request(feed_server, db_path):
    url = feed_server.route("/slow.xml", Reply(hang=True))
    outcomes, _ = fetch(make_config(("A", url), read_timeout=10, total_timeout=0.3, retries=0 + 1), db_path)
    assert outcomes[0].error == "timed out after 0.3 s"


def test_redirects_are_followed_and_a_loop_is_an_error(feed_server, db_path):
    feed_server.route("/a.xml", Reply(301, headers={"Location": "/b.xml"}))
    feed_server.route("/b.xml", xml_reply(DOC))
    feed_server.route("/loop1", Reply(302, headers={"Location": "/loop2"}))
    feed_server.route("/loop2", Reply(302, headers={"Location": feed_server.url("/loop1")}))
    config = make_config(("A", feed_server.url("/a.xml")), ("Loop", feed_server.url("/loop1")), max_redirects=3)
    outcomes = by_feed(fetch(config, db_path)[0])
    assert outcomes["A"].status == "new"
    assert outcomes["Loop"].status == "error" and outcomes["Loop"].error == "too many redirects (loop?)"
    assert len(feed_server.hits("/loop1")) + len(feed_server.hits("/loop2")) == 4  # not retried


def test_redirect_to_a_non_http_address_is_refused(feed_server, db_path):
    url = feed_server.route("/a.xml", Reply(302, headers={"Location": "file:///etc/passwd"}))
    outcomes, _ = fetch(make_config(("A", url)), db_path)
    assert outcomes[0].status == "error" and "not allowed" in outcomes[0].error


def test_non_http_feed_url_is_refused(db_path):
    outcomes, _ = fetch(make_config(("A", "file:///etc/passwd"), ("B", "ftp://example.org/feed")), db_path)
    for outcome in outcomes:
        assert outcome.status == "error" and outcome.error.startswith("refused: url must start with http")


GIGABYTES = 10 * 10**9  # never sent in full: the server stops when the client hangs up (or the test ends)


def test_a_feed_that_sends_gigabytes_is_cut_at_the_cap(feed_server, db_path):
    # Read to the end and checked afterwards, these would take minutes: the 1 s total timeout would
    # answer instead of the size cap.
    feed_server.route("/close.xml", Reply(body=DOC, content_length=None, stream_bytes=GIGABYTES))
    feed_server.route("/chunked.xml", Reply(body=DOC, chunked=True, stream_bytes=GIGABYTES))
    feed_server.route("/honest.xml", Reply(body=DOC, stream_bytes=GIGABYTES))
    names = ("close", "chunked", "honest")
    config = make_config(*[(n, feed_server.url(f"/{n}.xml")) for n in names], max_bytes=100_000, total_timeout=1.0)
    outcomes = by_feed(fetch(config, db_path)[0])
    for name in names:
        assert outcomes[name].status == "error", name
        assert outcomes[name].error == "response larger than 100 KB", name
        assert len(feed_server.hits(f"/{name}.xml")) == 1, name  # not retried
    with Store(db_path) as store:
        assert store.story_count() == 0
        assert store.feed_states()["chunked"].last_error == "response larger than 100 KB"


def test_gzip_bomb_with_small_content_length_is_capped_on_decompressed_size(feed_server, db_path):
    bomb = gzip.compress(b"<rss>" + b" " * 5_000_000, mtime=0)
    assert len(bomb) < 100_000
    url = feed_server.route(
        "/bomb.xml", Reply(body=bomb, headers={"Content-Encoding": "gzip", "Content-Type": "application/rss+xml"})
    )
    # And one that never ends: a few KB on the wire per 10 MB of text, gigabytes in all.
    endless = feed_server.route("/endless.xml", Reply(body=DOC, gzip=True, chunked=True, stream_bytes=GIGABYTES))
    outcomes = by_feed(fetch(make_config(("A", url), ("B", endless), max_bytes=100_000, total_timeout=1.0),
                             db_path)[0])
    assert outcomes["A"].error == "response larger than 100 KB"
    assert outcomes["B"].error == "response larger than 100 KB"


def test_gzip_response_is_decoded(feed_server, db_path):
    url = feed_server.route("/a.xml", Reply(body=DOC, gzip=True, headers={"Content-Type": "application/rss+xml"}))
    outcomes, _ = fetch(make_config(("A", url)), db_path)
    assert outcomes[0].status == "new"
    assert "gzip" in feed_server.hits("/a.xml")[0].headers["accept-encoding"]


def test_deflate_with_and_without_the_zlib_wrapper_is_decoded(feed_server, db_path):
    raw = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    bodies = {"zlib": zlib.compress(DOC), "raw": raw.compress(DOC) + raw.flush()}
    for name, body in bodies.items():
        feed_server.route(f"/{name}.xml", Reply(body=body, headers={"Content-Encoding": "deflate"}))
    feed_server.route("/junk.xml", Reply(body=b"\x00not deflate at all" * 10, headers={"Content-Encoding": "deflate"}))
    config = make_config(*[(n, feed_server.url(f"/{n}.xml")) for n in (*bodies, "junk")])
    outcomes = by_feed(fetch(config, db_path)[0])
    assert [(outcomes[n].status, outcomes[n].new) for n in bodies] == [("new", 1), ("new", 1)]
    assert outcomes["junk"].error == "corrupt deflate data"


def test_429_is_not_retried_and_retry_after_pushes_next_due(feed_server, db_path):
    url = feed_server.route("/a.xml", Reply(429, headers={"Retry-After": "7200"}))
    config = make_config(("A", url), fetch_interval_minutes=30)
    outcomes, _ = fetch(config, db_path)
    assert outcomes[0].status == "error" and outcomes[0].error.startswith("HTTP 429 Too Many Requests")
    assert outcomes[0].retry_after == 7200
    assert len(feed_server.hits("/a.xml")) == 1
    with Store(db_path) as store:
        due = store.feed_states()["A"].next_due
    assert due >= datetime.now(timezone.utc) + timedelta(seconds=7000)
    # Not due on the next ordinary run.
    outcomes, _ = fetch(config, db_path, force=False)
    assert outcomes == [] and len(feed_server.hits("/a.xml")) == 1


def test_503_with_retry_after_as_a_date_is_obeyed_not_retried(feed_server, db_path):
    when = datetime.now(timezone.utc) + timedelta(hours=3)
    url = feed_server.route("/a.xml", Reply(503, headers={"Retry-After": format_datetime(when, usegmt=True)}))
    config = make_config(("A", url), retries=3, fetch_interval_minutes=30)
    outcomes, _ = fetch(config, db_path)
    assert outcomes[0].status == "error"
    assert re.fullmatch(r"HTTP 503 Service Unavailable \(retry after (107\d\d|10800) s\)", outcomes[0].error)
    assert len(feed_server.hits("/a.xml")) == 1  # asked to come back later: no immediate retries
    with Store(db_path) as store:
        assert store.feed_states()["A"].next_due >= when - timedelta(seconds=60)
    outcomes, _ = fetch(config, db_path, force=False)
    assert outcomes == [] and len(feed_server.hits("/a.xml")) == 1


def _counting_route(enough, timeout: float):
    """A route that counts the requests in flight (and the most at once), each waiting briefly until
    `enough(counts)` holds, so requests that may run together are seen together."""
    guard = threading.Condition()
    state = {"in_flight": 0, "most": 0}

    def route(request):
        with guard:
            state["in_flight"] += 1
            state["most"] = max(state["most"], state["in_flight"])
            guard.notify_all()
            guard.wait_for(lambda: enough(state), timeout=timeout)
            state["in_flight"] -= 1
        return xml_reply(DOC)

    return route, state


def test_never_more_than_per_host_requests_to_one_outlet(feed_server, db_path):
    """Each request waits (briefly) for a third to join it; one joins only if the per-host limit is broken."""
    route, state = _counting_route(lambda counts: counts["in_flight"] > 2, timeout=0.25)

    names = [f"F{i}" for i in range(4)]
    for name in names:
        feed_server.route(f"/{name}.xml", route)
    config = make_config(*[(n, feed_server.url(f"/{n}.xml")) for n in names], per_host=2, concurrency=8,
                         total_timeout=5)
    outcomes = by_feed(fetch(config, db_path)[0])
    assert {n: o.status for n, o in outcomes.items()} == dict.fromkeys(names, "new")
    assert state["most"] == 2


def test_a_slow_outlet_holds_back_no_other_outlet(db_path):
    """Requests queued for a busy outlet hold no global slot: with 2 slots and 1 per host, three feeds of a
    slow outlet must leave a slot for another outlet's feed.  The slow outlet answers only once the other
    outlet's feed has been served (or after 5 s, when it never is: the order then shows the fault)."""
    served: list[str] = []
    quick_done = threading.Event()

    def slow(request):
        quick_done.wait(5)
        served.append("slow")
        return xml_reply(DOC)

    def quick(request):
        served.append("quick")
        quick_done.set()
        return xml_reply(DOC)

    slow_server, quick_server = FeedServer().start(), FeedServer().start()
    try:
        for n in range(3):
            slow_server.route(f"/s{n}.xml", slow)
        quick_server.route("/q.xml", quick)
        feeds = [(f"S{n}", slow_server.url(f"/s{n}.xml")) for n in range(3)] + [("Q", quick_server.url("/q.xml"))]
        config = make_config(*feeds, concurrency=2, per_host=1, read_timeout=10, total_timeout=10, retries=0)
        outcomes = by_feed(fetch(config, db_path)[0])
    finally:
        slow_server.stop()
        quick_server.stop()
    assert {n: o.status for n, o in outcomes.items()} == {"S0": "new", "S1": "new", "S2": "new", "Q": "new"}
    assert served[0] == "quick"


def test_feeds_on_many_hosts_have_more_requests_in_flight_than_concurrency(db_path):
    """concurrency 2, 1 per host, 4 hosts: all four requests are in flight together (up to twice `concurrency`
    when the hosts can take it); the first four wait (briefly) until all four are in flight."""
    route, state = _counting_route(lambda counts: counts["most"] >= 4, timeout=2)

    servers = [FeedServer().start() for _ in range(4)]
    try:
        feeds = []
        for n, server in enumerate(servers):
            for k in range(2):
                feeds.append((f"H{n}F{k}", server.route(f"/f{k}.xml", route)))
        config = make_config(*feeds, concurrency=2, per_host=1, total_timeout=10, read_timeout=10)
        outcomes = by_feed(fetch(config, db_path)[0])
    finally:
        for server in servers:
            server.stop()
    assert {o.status for o in outcomes.values()} == {"new"} and len(outcomes) == 8
    assert state["most"] == 4


def test_time_spent_waiting_for_the_outlet_is_not_counted_against_the_deadline(feed_server, db_path):
    """Three feeds of one outlet, one at a time, each answered in 0.4 s, with a 1 s deadline: the third waits
    0.8 s for its turn, and must still be fetched (the deadline bounds an exchange, not the queue)."""

    def route(request):
        time.sleep(0.4)
        return xml_reply(DOC)

    names = [f"F{i}" for i in range(3)]
    for name in names:
        feed_server.route(f"/{name}.xml", route)
    config = make_config(*[(n, feed_server.url(f"/{n}.xml")) for n in names], per_host=1, concurrency=8,
                         total_timeout=1.0, retries=0)
    outcomes = by_feed(fetch(config, db_path)[0])
    assert {n: o.status for n, o in outcomes.items()} == dict.fromkeys(names, "new")


def test_an_address_with_spaces_or_letters_of_another_script_is_sent_percent_encoded(feed_server, db_path):
    feed_server.route("/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8%20rss.xml?lang=%D1%80%D1%83", xml_reply(DOC))
    config = make_config(("A", feed_server.url("/новости rss.xml?lang=ру")))
    assert by_feed(fetch(config, db_path)[0])["A"].status == "new"


def test_one_bad_feed_never_stops_the_others(feed_server, db_path):
    feed_server.route("/good.xml", xml_reply(DOC))
    feed_server.route("/html.xml", Reply(body=b"<html><body><p>Login</p></body></html>",
                                         headers={"Content-Type": "text/html"}))
    feed_server.route("/hang.xml", Reply(hang=True))
    config = make_config(
        ("good", feed_server.url("/good.xml")),
        ("404", feed_server.url("/nope.xml")),
        ("html", feed_server.url("/html.xml")),
        ("hang", feed_server.url("/hang.xml")),
        ("refused", "http://127.0.0.1:1/feed.xml"),
        retries=1, total_timeout=0.3,
    )
    outcomes = by_feed(fetch(config, db_path)[0])
    assert outcomes["good"].status == "new"
    assert outcomes["404"].error == "HTTP 404 Not Found"
    assert outcomes["html"].error.startswith("not a feed: ")
    assert outcomes["hang"].error == "timed out after 0.3 s"
    assert outcomes["refused"].error == "cannot connect: Connection refused"
    with Store(db_path) as store:
        states = store.feed_states()
        assert {n: s.last_status for n, s in states.items()} == {
            "good": "new", "404": "error", "html": "error", "hang": "error", "refused": "error"}


class _TLSFeed:
    """An https feed on 127.0.0.1 served with `cert` (a certificate for IP 127.0.0.1, its own CA)."""

    def __init__(self, cert: str, key: str) -> None:
        import ssl
        from http.server import BaseHTTPRequestHandler, HTTPServer

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("Content-Length", str(len(DOC)))
                self.end_headers()
                self.wfile.write(DOC)

            def log_message(self, *args) -> None:
                pass

        data = Path(__file__).parent / "data"
        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(data / cert, data / key)
        self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        self.cert = data / cert
        self.url = f"https://127.0.0.1:{self.server.server_address[1]}/feed.xml"
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_an_https_feed_is_trusted_by_the_certificates_ssl_cert_file_names(db_path, monkeypatch):
    """The CA certificates are httpx's choice: $SSL_CERT_FILE first, else certifi's, which do not know the
    feed's own certificate."""
    feed = _TLSFeed("loopback-cert.pem", "loopback-key.pem")
    try:
        monkeypatch.delenv("SSL_CERT_FILE", raising=False)
        monkeypatch.delenv("SSL_CERT_DIR", raising=False)
        [untrusted], _ = fetch(make_config(("TLS", feed.url), retries=0), db_path)
        monkeypatch.setenv("SSL_CERT_FILE", str(feed.cert))
        [trusted], _ = fetch(make_config(("TLS", feed.url), retries=0), db_path)
    finally:
        feed.close()
    assert untrusted.status == "error"
    assert untrusted.error.startswith("cannot connect: the server's certificate is not trusted (")
    assert trusted.status == "new" and trusted.new == 1


def test_an_https_feed_with_an_untrusted_certificate_says_so_in_one_line(db_path):
    """A self-signed certificate is refused, and the reason names the certificate (TLS errors are OSErrors
    with errno 1, which used to read "cannot connect: Operation not permitted")."""
    feed = _TLSFeed("selfsigned-cert.pem", "selfsigned-key.pem")
    try:
        outcomes, _ = fetch(make_config(("TLS", feed.url), retries=0), db_path)
    finally:
        feed.close()
    [outcome] = outcomes
    assert outcome.status == "error" and "\n" not in outcome.error
    assert outcome.error.startswith("cannot connect: the server's certificate is not trusted (self")
