"""Worker processes started before the fetch itself: only when the stored feed states say a body will come."""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone

from feedserver import rss, xml_reply

from briefing import workers
from briefing.fetch.early import start_early, take_early
from briefing.service import refresh
from briefing.store import Store

from .conftest import fetch, make_config

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=timezone.utc)


def item(n: int) -> dict:
    return {"title": f"Talks in Brussels, day {n}", "guid": f"g{n}", "link": f"http://e.org/{n}", "pubDate": NOW}


def early(config, db_path, **kw) -> bool:
    start_early(config, db_path, **kw)
    decided = take_early()
    assert decided is not None
    return decided.result(timeout=60)


def test_a_feed_never_fetched_has_the_workers_started_before_the_fetch(feed_server, db_path):
    config = make_config(("A", feed_server.url("/a.xml")))
    assert early(config, db_path, force=True) is True  # (no database yet: every feed sends a body)
    assert workers.started_pool() is not None
    assert take_early() is None  # one decision, taken once


def test_feeds_with_validators_or_not_due_leave_the_workers_alone_until_a_body_comes(feed_server, db_path):
    with_etag = feed_server.route("/a.xml", [xml_reply(rss([item(1)]), ETag='"v1"'),
                                             xml_reply(rss([item(1), item(2)]), ETag='"v2"')])
    without = feed_server.route("/b.xml", xml_reply(rss([item(3)])))
    fetch(make_config(("A", with_etag), ("B", without)), db_path)
    with Store(db_path) as store:
        assert store.feed_states()["A"].etag == '"v1"' and not store.feed_states()["B"].etag

    assert early(make_config(("A", with_etag)), db_path, force=True) is False  # it may well answer 304
    assert early(make_config(("A", with_etag), ("B", without)), db_path) is False  # B is not due yet
    assert early(make_config(("A", with_etag), ("B", without)), db_path, force=True) is True  # B sends a body
    # Decided "no body", and A sends one anyway (a new version, despite the validators): it is stored.
    report = asyncio.run(refresh(make_config(("A", with_etag)), db_path, force=True))
    assert [(o.feed, o.status, o.new) for o in report.outcomes] == [("A", "new", 1)]


def test_a_database_it_cannot_read_decides_nothing_and_the_fetch_goes_on(feed_server, db_path):
    url = feed_server.route("/a.xml", xml_reply(rss([item(1)])))
    db_path.write_bytes(b"not a database at all" * 100)
    assert early(make_config(("A", url)), db_path, force=True) is False
