"""Feeds stored in groups: one transaction for the feeds ready together, yet each feed whole or not at all."""

from __future__ import annotations

import asyncio
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone

import pytest
from feedserver import rss, xml_reply

from briefing.fetch.commits import GroupCommit
from briefing.store import Store

from .conftest import by_feed, fetch, make_config

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=timezone.utc)


def item(n: int) -> dict:
    return {"title": f"Talks in Brussels, day {n}", "guid": f"g{n}", "link": f"http://e.org/{n}", "pubDate": NOW}


def refuse_feed(db_path, name: str) -> None:
    """A trigger that makes SQLite refuse every story of one feed (as a real write failure would)."""
    with Store(db_path) as store:
        store.conn.execute(f"CREATE TRIGGER refuse BEFORE INSERT ON stories WHEN new.feed = '{name}'"
                           " BEGIN SELECT RAISE(ABORT, 'refused by the test'); END")


def test_a_group_commits_together_and_a_failing_feed_is_rolled_back_alone(store: Store):
    store.conn.execute("CREATE TABLE t (feed TEXT, n INTEGER CHECK (n < 100))")
    writer = ThreadPoolExecutor(max_workers=1)

    def put(feed: str, *numbers: int) -> str:
        for n in numbers:  # the bad feed's first row goes in before its second fails
            store.conn.execute("INSERT INTO t VALUES (?, ?)", (feed, n))
        return feed

    async def main():
        loop = asyncio.get_running_loop()
        commits = GroupCommit(store, lambda fn, *args: loop.run_in_executor(writer, fn, *args))
        results = await asyncio.gather(commits.write(put, "a", 1, 2), commits.write(put, "bad", 3, 500),
                                       commits.write(put, "c", 4), return_exceptions=True)
        await commits.drain()
        return results

    try:
        a, bad, c = asyncio.run(main())
    finally:
        writer.shutdown()
    assert (a, c) == ("a", "c") and isinstance(bad, sqlite3.IntegrityError)
    assert [tuple(r) for r in store.conn.execute("SELECT feed, n FROM t ORDER BY n")] == [("a", 1), ("a", 2), ("c", 4)]
    assert not store.conn.in_transaction


def test_a_feed_the_database_refuses_is_reported_and_the_others_are_stored(feed_server, db_path):
    urls = {name: feed_server.route(f"/{name}.xml", xml_reply(rss([item(10 * k + j) for j in range(3)])))
            for k, name in enumerate(("A", "Bad", "C", "D"))}
    config = make_config(*urls.items())
    with Store(db_path) as store:
        store.sync_feeds(config.feeds)
    refuse_feed(db_path, "Bad")
    outcomes, run = fetch(config, db_path)
    got = by_feed(outcomes)
    assert [got[name].status for name in ("A", "C", "D")] == ["new"] * 3
    assert got["Bad"].status == "error" and "refused by the test" in got["Bad"].error
    assert run.store_errors and "Bad" in run.store_errors[0]  # the run failed, and says which feed
    with Store(db_path) as store:
        states = store.feed_states()
        assert [states[name].story_count for name in ("A", "Bad", "C", "D")] == [3, 0, 3, 3]
        assert states["Bad"].etag is None and states["Bad"].last_status == "error"


@pytest.mark.parametrize("feeds", [40])
def test_many_feeds_at_once_are_each_stored_with_their_outcome(feed_server, db_path, feeds):
    """More feeds than one group holds: every one stored, its stories and its outcome together."""
    urls = {f"F{k}": feed_server.route(f"/f{k}.xml", xml_reply(rss([item(100 * k + j) for j in range(60)])))
            for k in range(feeds)}
    outcomes, run = fetch(make_config(*urls.items(), concurrency=16, per_host=16), db_path)
    assert sorted(o.new for o in outcomes) == [60] * feeds and not run.store_errors
    with Store(db_path) as store:
        states = store.feed_states()
        assert all(states[name].story_count == 60 and states[name].last_status == "new" for name in urls)
