"""Uncertainty is stored, not hidden: each machine claim keeps its confidence and the decisions
behind it, and a story that reads as an incident report but gave no figure is flagged for a person."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, time, timedelta, timezone

from briefing.extract import read_story
from briefing.extract.explain import explain_claim_lines
from briefing.models import Feed, Story
from briefing.pipeline import process_pending, rebuild
from briefing.store import Store
from briefing.store.schema import MIGRATIONS

from .older import database_at_version

ARM = Feed("Armenpress", "http://127.0.0.1/arm", origin="armenia")
WHEN = datetime(2026, 11, 25, 9, 0, tzinfo=timezone.utc)
DAY = WHEN.date()
READABLE = ("Armenian soldier killed by Azerbaijani fire",
            "An Armenian soldier was killed by Azerbaijani fire near Sotk, the Ministry of Defence of Armenia said.")
# Reads as an incident report (fire, positions, the ministry) but gives no figure the extractor understands.
UNREADABLE = ("Shelling near Sotk leaves soldiers hurt",
              "The Armenian Defence Ministry said Azerbaijani forces opened fire on positions near Sotk, and several"
              " soldiers were hurt.")


def bounds(day: date) -> tuple[datetime, datetime]:
    since = datetime.combine(day, time.min, tzinfo=timezone.utc)
    return since, since + timedelta(days=1)


def save(store: Store, title: str, summary: str, guid: str) -> str:
    story = Story(feed=ARM.name, title=title, summary=summary, published=WHEN, guid=guid)
    return store.save_stories(ARM.name, [story]).new_ids[0]


def test_a_stored_claim_keeps_the_confidence_and_the_reasons_the_extractor_gave(store: Store):
    store.sync_feeds([ARM])
    sid = save(store, *READABLE, guid="r")
    process_pending(store)
    [stored] = store.claims_for_story(sid)
    [fresh] = read_story(*READABLE, WHEN, "en").claims
    assert stored.confidence == fresh.confidence < 1.0
    assert explain_claim_lines(stored) == explain_claim_lines(fresh)  # the why panel shows what --explain prints
    fields = {why.field: why for why in stored.why}
    assert fields["claimant"].value == "Armenia" and fields["claimant"].words == "Ministry of Defence"
    assert fields["count"].value == "1" and fields["role"].rule == "en.trigger.killed"
    # Stored as JSON a person (or another tool) can read: a list of {field, value, rule, words, ...}.
    raw = sqlite3.connect(store.path).execute("SELECT why FROM claims WHERE story_id=?", (sid,)).fetchone()[0]
    assert '"field": "claimant"' in raw and '"rule": "en.trigger.killed"' in raw
    rebuild(store)  # incidents are regrouped from claims read without their reasons; the stored ones keep them
    [again] = store.claims_for_story(sid)
    assert again.why == stored.why and again.incident_id == stored.incident_id != ""


def test_a_report_the_machine_could_not_read_is_flagged_until_the_reader_decides(store: Store):
    store.sync_feeds([ARM])
    unread = save(store, *UNREADABLE, guid="u")
    save(store, *READABLE, guid="r")  # has a claim: not listed
    save(store, "Yerevan hosts a chess festival", "Players from twelve countries met in Yerevan.", guid="c")
    process_pending(store)
    assert store.claims_for_story(unread) == []
    assert [s.id for s in store.unread_incident_stories(*bounds(DAY))] == [unread]
    assert store.unread_incident_stories(*bounds(date(2026, 11, 26))) == []
    assert [s.id for s in store.unread_incident_stories()] == [unread]
    store.mark_story_incident(unread, False)  # read it: not an incident after all
    assert store.unread_incident_stories(*bounds(DAY)) == []
    rebuild(store)  # re-extraction keeps the flag and the reader's word
    assert store.unread_incident_stories(*bounds(DAY)) == []
    store.mark_story_incident(unread, True)  # or it is one: then it is a marked incident, no longer unread
    assert store.unread_incident_stories(*bounds(DAY)) == []
    assert [i.marked_story for i in store.incidents_between(DAY, DAY) if i.marked_story] == [unread]


def test_the_flag_goes_when_a_changed_story_gives_a_figure(store: Store):
    store.sync_feeds([ARM])
    sid = save(store, *UNREADABLE, guid="g")
    process_pending(store)
    assert store.unread_incident_stories(*bounds(DAY))
    save_again = Story(feed=ARM.name, title=READABLE[0], summary=READABLE[1], published=WHEN, guid="g")
    store.save_stories(ARM.name, [save_again])
    assert store.pending_count() == 1  # the changed story waits; its flag is rewritten with its claims
    process_pending(store)
    assert store.unread_incident_stories(*bounds(DAY)) == [] and store.claims_for_story(sid)[0].killed == 1


def test_an_older_database_is_upgraded_and_its_claims_get_their_reasons(db_path):
    conn = database_at_version(db_path, 6)
    conn.execute("INSERT INTO feeds (name, url) VALUES ('Armenpress', 'http://127.0.0.1/arm')")
    conn.execute(
        "INSERT INTO stories (id, feed, title, summary, published, first_seen, sort_time, content_hash)"
        " VALUES ('s1', 'Armenpress', ?, ?, '2026-11-25T09:00:00Z', '2026-11-25T09:00:00Z',"
        " '2026-11-25T09:00:00Z', 'h')", READABLE,
    )
    conn.execute("INSERT INTO claims (story_id, claimant, side_affected, event_date, killed) VALUES"
                 " ('s1', 'Armenia', 'Armenia', '2026-11-25', 1)")
    conn.commit()
    conn.close()
    with Store(db_path) as store:
        assert store.schema_version == len(MIGRATIONS) and store.pending_count() == 1
        assert store.claims_for_story("s1")[0].why == ()  # read before processing: no reasons, no error
        process_pending(store)
        [claim] = store.claims_for_story("s1")
        assert claim.why and claim.confidence < 1.0
