"""The pending-work record: what still needs processing survives kills, upgrades and failures."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timezone

import pytest

from briefing.cli import main
from briefing.models import Feed, Story
from briefing.pipeline import process_pending
from briefing.store import Store, StoreError
from briefing.store.schema import MIGRATIONS

from .older import database_at_version

ARM = Feed("Armenpress", "http://127.0.0.1/arm", origin="armenia")
WHEN = datetime(2026, 11, 17, 9, 0, tzinfo=timezone.utc)
KILLED = ("Two soldiers killed near Sotk", "Armenia's Defence Ministry said on Tuesday that two servicemen were "
          "killed near Sotk by Azerbaijani fire.")


def save(store: Store, title: str, summary: str, guid: str | None = None) -> str:
    story = Story(feed=ARM.name, title=title, summary=summary, published=WHEN, guid=guid or title)
    return store.save_stories(ARM.name, [story]).new_ids[0]


def test_a_stored_story_waits_for_processing_until_its_claims_and_groups_are_written(store: Store):
    store.sync_feeds([ARM])
    sid = save(store, *KILLED)
    assert store.pending_count() == 1 and store.claims_for_story(sid) == []
    result = process_pending(store)
    assert result.stories == 1 and store.pending_count() == 0
    [claim] = store.claims_for_story(sid)
    assert claim.killed == 2 and claim.incident_id
    assert store.tally(date(2026, 11, 17), date(2026, 11, 17)).incidents == 1


def test_a_story_changed_while_it_was_processed_is_processed_again(store: Store):
    store.sync_feeds([ARM])
    sid = save(store, "Soldier wounded in Tegh", "A soldier was wounded.", guid="g1")
    marks = store.pending_marks(10)
    # Another fetcher stores a new version of the story before this run clears its mark.
    store.save_stories(ARM.name, [Story(feed=ARM.name, title=KILLED[0], summary=KILLED[1], published=WHEN,
                                        guid="g1")])
    store.finish_pending(marks)
    assert [m.story_id for m in store.pending_marks(10)] == [sid]
    process_pending(store)
    assert store.claims_for_story(sid)[0].killed == 2


def _version_4_database(path) -> None:
    conn = database_at_version(path, 4)
    conn.execute("INSERT INTO feeds (name, url) VALUES ('Armenpress', 'http://127.0.0.1/arm')")
    conn.execute(
        "INSERT INTO stories (id, feed, title, summary, published, first_seen, sort_time, content_hash)"
        " VALUES ('s1', 'Armenpress', ?, ?, '2026-11-17T09:00:00Z', '2026-11-17T09:00:00Z',"
        " '2026-11-17T09:00:00Z', 'h')", KILLED,
    )
    conn.commit()
    conn.close()


def test_a_database_of_the_previous_version_is_upgraded_and_every_story_processed_once(db_path):
    _version_4_database(db_path)
    with Store(db_path) as store:
        assert store.schema_version == len(MIGRATIONS) and store.pending_count() == 1
        process_pending(store)
        assert store.claims_for_story("s1")[0].killed == 2


def test_a_database_from_a_newer_briefing_is_refused_and_left_alone(db_path, capsys):
    Store(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(StoreError, match="newer briefing"):
        Store(db_path)
    assert main(["--db", str(db_path), "doctor"]) == 1
    err = capsys.readouterr().err
    assert "newer briefing (schema version 99" in err and "Traceback" not in err
    assert sqlite3.connect(db_path).execute("PRAGMA user_version").fetchone()[0] == 99


def test_doctor_reports_and_repairs_what_a_killed_run_left(db_path, capsys):
    with Store(db_path) as store:
        store.sync_feeds([ARM])
        sid = save(store, *KILLED)  # stored, then "killed" before processing
        other = save(store, "Soldier wounded in Tegh", "Armenia's Defence Ministry said a soldier was wounded "
                     "on Tuesday by Azerbaijani fire near Tegh.")
        process_pending(store)
        # An older briefing, killed mid-regroup, left a claim without its incident and no mark.
        store.conn.execute("UPDATE claims SET incident_id = '' WHERE story_id = ?", (other,))
        save(store, "Another report", "Text.")
    assert main(["--db", str(db_path), "doctor", "--check"]) == 1
    out = capsys.readouterr().out
    assert "integrity: ok" in out and "waiting for processing: 1; with incomplete claims or incidents: 1" in out
    assert main(["--db", str(db_path), "doctor"]) == 0
    assert "repaired: processed 2 stories" in capsys.readouterr().out
    assert main(["--db", str(db_path), "doctor", "--check"]) == 0
    with Store(db_path) as store:
        assert all(c.incident_id for c in store.claims_for_story(other) + store.claims_for_story(sid))


def test_extract_rebuild_first_finishes_stories_an_earlier_run_left(db_path, tmp_path, capsys):
    config = tmp_path / "feeds.toml"
    config.write_text(f'[[feeds]]\nname = "{ARM.name}"\nurl = "{ARM.url}"\norigin = "armenia"\n')
    with Store(db_path) as store:
        store.sync_feeds([ARM])
        sid = save(store, *KILLED)
    assert main(["--db", str(db_path), "--config", str(config), "extract", "--rebuild"]) == 0
    with Store(db_path) as store:
        assert store.pending_count() == 0 and store.claims_for_story(sid)[0].killed == 2


def test_a_story_the_extractor_fails_on_never_blocks_the_others(store: Store, monkeypatch):
    """Fault injection: the extractor raises on one story (a bug); the rest are processed, no mark is left."""
    import briefing.reading as reading

    real_read = reading.read

    def read_or_fail(story):
        if story.title == "Poison":
            raise IndexError("list index out of range")
        return real_read(story)

    monkeypatch.setattr(reading, "read", read_or_fail)
    store.sync_feeds([ARM])
    poison = save(store, "Poison", "Text.")
    sid = save(store, *KILLED)
    result = process_pending(store)
    assert result.failed == [f"{poison}: IndexError: list index out of range"]
    assert store.pending_count() == 0 and store.claims_for_story(sid)[0].killed == 2


def test_a_reading_made_ahead_is_taken_only_for_the_story_it_was_made_from(store: Store):
    """A fetch's worker processes offer readings; the pipeline takes one only if the stored story is
    the one that was read (a story changed since by another fetcher is read again)."""
    from dataclasses import replace

    from briefing.models import Claim
    from briefing.reading import ReadAhead
    from briefing.store.stories import reading_source

    store.sync_feeds([ARM])
    story = Story(feed=ARM.name, title=KILLED[0], summary=KILLED[1], published=WHEN, guid="g", language="en")
    stale = Story(feed=ARM.name, title="Soldier wounded in Tegh", summary="A soldier was wounded.",
                  published=WHEN, guid="g2", language="en")
    sid = store.save_stories(ARM.name, [story]).new_ids[0]
    other = store.save_stories(ARM.name, [replace(stale, summary="Three soldiers were killed in Tegh.")]).new_ids[0]
    offered = Claim(claimant="Armenia", side_affected="Armenia", event_date=WHEN.date(), killed=7)
    ahead = {sid: ReadAhead(reading_source(story), (offered,), False),
             other: ReadAhead(reading_source(stale), (offered,), False)}
    process_pending(store, ahead)
    assert [c.killed for c in store.claims_for_story(sid)] == [7]  # the offer, taken
    assert [c.killed for c in store.claims_for_story(other)] == [3]  # read again: the stored text changed
