"""A database made by any earlier briefing opens with this one, keeps the reader's work, and is processed.

Each earlier schema version is built from a prefix of `MIGRATIONS` (the migrations
are the history of the schema, so the prefix is exactly what that version created),
filled the way that version would have filled it, and then opened with today's code.
A new migration is covered by this test the moment it is added to the list.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from briefing.pipeline import process_pending
from briefing.store import Store
from briefing.store import schema
from briefing.store.schema import MIGRATIONS

PUBLISHED = datetime(2026, 11, 20, 12, 0, tzinfo=timezone.utc)  # a Friday
INCIDENT = "Armenia's Defence Ministry said two soldiers were killed near Sotk on Friday."
PENDING = 5  # the version that introduced the pending-work record


def old_database(path: Path, version: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """The file briefing at schema `version` would have left: its schema, a feed, two stories, a tag, a
    read mark, a log line and, from version 2, the reader's correction of a claim.  The schema is made
    by `migrate` itself, knowing only the first `version` migrations, as that briefing did."""
    conn = sqlite3.connect(path, isolation_level=None)
    with monkeypatch.context() as patch:
        patch.setattr(schema, "MIGRATIONS", MIGRATIONS[:version])
        assert schema.migrate(conn) == version
    if version >= 1:
        when = PUBLISHED.strftime("%Y-%m-%dT%H:%M:%SZ")
        conn.execute("INSERT INTO feeds (name, url, origin) VALUES ('Armenpress', 'http://127.0.0.1/a', 'armenia')")
        for sid, title, summary, read in (("s1", "Soldiers killed near Sotk", INCIDENT, 0),
                                          ("s2", "Yerevan hosts a book fair", "A book fair opened.", 1)):
            conn.execute(
                "INSERT INTO stories (id, feed, title, summary, published, first_seen, sort_time, content_hash, read)"
                " VALUES (?, 'Armenpress', ?, ?, ?, ?, ?, ?, ?)",
                (sid, title, summary, when, when, when, f"hash-{sid}", read),
            )
        conn.execute("INSERT INTO tags (name, created) VALUES ('border', ?)", (when,))
        conn.execute("INSERT INTO story_tags (story_id, tag, tagged) VALUES ('s1', 'border', ?)", (when,))
        conn.execute("INSERT INTO fetch_log (feed, started, status, new) VALUES ('Armenpress', ?, 'new', 2)", (when,))
    if version >= 2:
        conn.execute(
            "INSERT INTO claim_corrections (story_id, claimant, side_affected, action, killed, wounded, corrected)"
            " VALUES ('s1', 'Armenia', 'Armenia', 'edited', 3, 0, ?)", (PUBLISHED.isoformat(),),
        )
    if version >= PENDING:
        conn.executemany("INSERT INTO pending (story_id) VALUES (?)", [("s1",), ("s2",)])
    conn.close()


def schema_of(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(  # sqlite_stat1 and the like are SQLite's own (PRAGMA optimize)
            "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name"
        ).fetchall()
    finally:
        conn.close()


@pytest.mark.parametrize("version", range(len(MIGRATIONS)))
def test_an_earlier_database_is_upgraded_keeping_the_readers_work(tmp_path, version, monkeypatch):
    path = tmp_path / f"v{version}.db"
    old_database(path, version, monkeypatch)

    with Store(path) as store:
        assert store.schema_version == len(MIGRATIONS)
        if version == 0:
            assert store.story_count() == 0
            return
        kept = store.get_story("s1")
        assert kept is not None and kept.title == "Soldiers killed near Sotk" and kept.tags == ["border"]
        assert store.get_story("s2").read
        assert [e.feed for e in store.fetch_log(PUBLISHED - timedelta(days=1))] == ["Armenpress"]
        # Every story of an older database is processed once; none is lost on the way.
        assert store.pending_count() == 2
        process_pending(store)
        assert store.pending_count() == 0
        tally = store.tally(date(2026, 11, 14), date(2026, 11, 21))
        figures = {(f.claimant, f.side_affected): f.killed for f in tally.figures}
        assert tally.incidents == 1
        assert figures == {("Armenia", "Armenia"): 3 if version >= 2 else 2}  # the correction survived

    fresh = tmp_path / "fresh.db"
    Store(fresh).close()
    assert schema_of(path) == schema_of(fresh)


def test_the_newest_database_opens_unchanged(tmp_path, monkeypatch):
    path = tmp_path / "now.db"
    old_database(path, len(MIGRATIONS), monkeypatch)
    before = schema_of(path)
    with Store(path) as store:
        assert store.schema_version == len(MIGRATIONS) and store.pending_count() == 2
    assert schema_of(path) == before
