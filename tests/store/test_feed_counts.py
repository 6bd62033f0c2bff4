"""Each feed's story and unread counts are kept as stories change, and always equal a recount."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone

from briefing.models import Feed, Story
from briefing.store import Store

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=timezone.utc)


def recount(path) -> dict[str, tuple[int, int]]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT feed, count(*), sum(read = 0 AND duplicate_of_newer = 0) FROM stories"
                            " GROUP BY feed").fetchall()
    return {feed: (stories, unread) for feed, stories, unread in rows}


def shown(store: Store) -> dict[str, tuple[int, int]]:
    return {name: (f.story_count, f.unread_count) for name, f in store.feed_states().items() if f.story_count}


def test_counts_follow_new_stories_reading_near_duplicates_and_deletion(store: Store, db_path):
    store.sync_feeds([Feed("A", "http://127.0.0.1/a"), Feed("B", "http://127.0.0.1/b")])
    a = store.save_stories("A", [Story(feed="A", title=f"Talks in Brussels, part {k}", guid=f"a{k}",
                                       published=NOW - timedelta(hours=k)) for k in range(5)]).new_ids
    b = store.save_stories("B", [Story(feed="B", title="Talks in Brussels, part 0", guid="b0", published=NOW)]).new_ids
    assert shown(store) == {"A": (5, 5), "B": (1, 1)} == recount(db_path)

    store.set_read(a[:2])
    store.set_read(a[:1])  # reading a read story again changes nothing
    assert shown(store) == {"A": (5, 3), "B": (1, 1)} == recount(db_path)

    store.set_clusters([(a[0], a[0]), (b[0], a[0])])  # b0 is newer: a0 hides behind it (a0 was read)
    store.set_clusters([(a[2], b[0]), (b[0], b[0])])
    assert shown(store) == recount(db_path)

    store.set_read(a, read=False)
    assert shown(store) == recount(db_path)
    assert store.story_count() == 6

    with store.transaction() as conn:  # a feed's stories removed (as a cleanup would)
        conn.execute("DELETE FROM stories WHERE feed = 'B'")
    assert shown(store) == {"A": recount(db_path)["A"]}
    assert store.story_count() == 5
