"""`briefing feeds --check` against a local server playing every kind of broken feed, and the demo feeds."""

from __future__ import annotations

import asyncio
import textwrap
from datetime import datetime, timedelta, timezone

from feedserver import Reply, rss, xml_reply

from briefing import health
from briefing.cli import main
from briefing.demo.samples import demo_config
from briefing.demo.server import DemoServer
from briefing.fetch.check import check_feeds

from .conftest import fast_settings

NOW = datetime.now(timezone.utc)
KINDS = {
    # feed name: (path, expected word)
    "Good": ("/good.xml", health.OK),
    "Web page": ("/page", health.HTML),
    "Refuses scripts": ("/forbidden", health.FORBIDDEN),
    "Moved away": ("/missing.xml", health.NOT_FOUND),
    "No items": ("/empty.xml", health.EMPTY),
    "Stopped in spring": ("/stale.xml", health.STALE),
    "Redirected": ("/old.xml", health.MOVED),
    "Hangs": ("/hang.xml", health.TIMEOUT),
    "Server down": ("/down.xml", health.SERVER_ERROR),
    "Not XML": ("/garbage.txt", health.NOT_A_FEED),
}


def serve_every_kind(server) -> None:
    recent = [{"title": f"Story {i}", "link": f"https://o.example/{i}", "pubDate": NOW - timedelta(hours=i + 2)}
              for i in range(3)]
    old = [{"title": f"Old {i}", "link": f"https://o.example/old/{i}", "pubDate": NOW - timedelta(days=200 + i)}
           for i in range(3)]
    server.route("/good.xml", xml_reply(rss(recent)))
    server.route("/page", Reply(body=b"<!DOCTYPE html><html><head><title>News</title></head><body><p>Hi</p>"
                                     b"</body></html>", headers={"Content-Type": "text/html; charset=utf-8"}))
    server.route("/forbidden", Reply(403, body=b"Forbidden"))
    server.route("/empty.xml", xml_reply(rss([])))
    server.route("/stale.xml", xml_reply(rss(old)))
    server.route("/old.xml", Reply(301, headers={"Location": "/new.xml"}))
    server.route("/new.xml", xml_reply(rss(recent)))
    server.route("/hang.xml", Reply(hang=True))
    server.route("/down.xml", Reply(503, body=b"maintenance"))
    server.route("/garbage.txt", Reply(body=b"just some text, no markup at all", headers={"Content-Type": "text/plain"}))


def write_config(path, server, names) -> None:
    lines = ["[settings]", "connect_timeout = 0.5", "read_timeout = 0.5", "total_timeout = 1", "retries = 2", ""]
    for name in names:
        lines += ["[[feeds]]", f'name = "{name}"', f'url = "{server.url(KINDS[name][0])}"', ""]
    path.write_text("\n".join(lines))


def test_check_classifies_every_kind_of_answer(feed_server):
    serve_every_kind(feed_server)
    from briefing.models import Feed

    feeds = [Feed(name=name, url=feed_server.url(path)) for name, (path, _) in KINDS.items()]
    results = asyncio.run(check_feeds(feeds, fast_settings()))
    assert {r.feed: r.word for r in results} == {name: word for name, (_, word) in KINDS.items()}
    good = results[0]
    assert (good.items, good.detail) == (3, "feed, 3 items, newest 2 h ago")
    moved = next(r for r in results if r.feed == "Redirected")
    assert moved.final_url == feed_server.url("/new.xml") and not moved.broken
    assert "put that address in feeds.toml" in moved.detail
    assert len(feed_server.hits("/down.xml")) == 1  # a check asks once: no retries


def test_feeds_check_prints_a_table_and_exits_1_when_any_feed_is_broken(feed_server, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "220")
    serve_every_kind(feed_server)
    config = tmp_path / "feeds.toml"
    write_config(config, feed_server, list(KINDS))
    db = tmp_path / "never.db"
    assert main(["--config", str(config), "--db", str(db), "feeds", "--check"]) == 1
    out = capsys.readouterr().out
    rows = {line.split("│")[1].strip(): line.split("│")[2].strip() for line in out.splitlines()
            if line.count("│") == 5 and line.split("│")[1].strip() in KINDS}
    assert rows == {name: word for name, (_, word) in KINDS.items()}
    assert "2 of 10 feeds work; broken: Web page, Refuses scripts" in out
    assert not db.exists()  # a check stores nothing
    write_config(config, feed_server, ["Good", "Redirected"])
    assert main(["--config", str(config), "feeds", "--check"]) == 0
    assert "2 of 2 feeds work" in capsys.readouterr().out


def test_every_bundled_demo_feed_checks_ok():
    with DemoServer() as server:
        config = demo_config(server.base_url)
        results = asyncio.run(check_feeds(config.feeds, config.settings))
    assert results and {r.word for r in results} == {health.OK}


def test_the_health_word_after_a_real_fetch_is_the_checks_word(feed_server, tmp_path, capsys, monkeypatch):
    """`briefing feeds` (and the sidebar, which reads the same state) shows what `--check` says."""
    monkeypatch.setenv("COLUMNS", "220")
    serve_every_kind(feed_server)
    names = ["Good", "Web page", "Refuses scripts", "Stopped in spring", "Redirected"]
    config = tmp_path / "feeds.toml"
    write_config(config, feed_server, names)
    text = config.read_text().replace("retries = 2", "retries = 0")
    config.write_text(text + textwrap.dedent(""))
    db = tmp_path / "h.db"
    main(["--config", str(config), "--db", str(db), "fetch", "--quiet"])
    capsys.readouterr()
    assert main(["--config", str(config), "--db", str(db), "feeds"]) == 0
    rows = {line.split("│")[1].strip(): line.split("│")[3].strip() for line in capsys.readouterr().out.splitlines()
            if line.count("│") == 10}
    assert {name: rows[name] for name in names} == {name: KINDS[name][1] for name in names}
