"""The store keeps every story once, keeps the reader's work, and survives other writers."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta, timezone

import pytest

from briefing.models import Claim, Feed, FetchOutcome, Incident, Story
from briefing.store import Store, StoryFilter

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=timezone.utc)


def story(title: str, **kw) -> Story:
    kw.setdefault("published", NOW)
    return Story(feed="Feed A", title=title, **kw)


@pytest.fixture
def fed(store: Store) -> Store:
    store.sync_feeds([Feed("Feed A", "http://127.0.0.1/a", origin="armenia"),
                      Feed("Feed B", "http://127.0.0.1/b", origin="azerbaijan")])
    return store


def test_same_guid_twice_is_one_story_and_an_edit_updates_it_keeping_tags(fed: Store):
    first = fed.save_stories("Feed A", [story("Shelling near Sotk", guid="g1", summary="v1")])
    assert (first.new, first.updated) == (1, 0)
    sid = first.new_ids[0]
    fed.add_tag(sid, "incident")
    fed.set_read([sid])
    fed.set_starred(sid, True)

    again = fed.save_stories("Feed A", [story("Shelling near Sotk", guid="g1", summary="v1")])
    assert (again.new, again.updated, again.unchanged) == (0, 0, 1)
    edited = fed.save_stories("Feed A", [story("Shelling near Sotk: two wounded", guid="g1", summary="v2")])
    assert edited.updated_ids == [sid]

    assert fed.story_count() == 1
    kept = fed.get_story(sid)
    assert kept.title == "Shelling near Sotk: two wounded"
    assert kept.tags == ["incident"] and kept.read and kept.starred


def test_dedupe_falls_back_to_canonical_link_then_content(fed: Store):
    fed.save_stories("Feed A", [story("One", url="https://Example.org/a?utm_source=x#top")])
    result = fed.save_stories("Feed A", [story("One, edited", url="https://example.org/a")])
    assert result.updated == 1
    fed.save_stories("Feed A", [story("No link", summary="same text"), story("No link", summary="same text")])
    assert fed.story_count() == 2


def test_window_is_newest_first_and_filters_combine(fed: Store):
    fed.save_stories("Feed A", [story(f"A{i}", guid=f"a{i}", published=NOW - timedelta(hours=i)) for i in range(5)])
    fed.save_stories("Feed B", [Story(feed="Feed B", title="B0", guid="b0", published=NOW + timedelta(hours=1))])
    titles = [s.title for s in fed.story_window(None, 0, 3)]
    assert titles == ["B0", "A0", "A1"]
    assert [s.title for s in fed.story_window(StoryFilter(origin="azerbaijan"), 0, 10)] == ["B0"]
    a2 = fed.story_window(StoryFilter(feeds=("Feed A",)), 2, 1)[0]
    assert a2.title == "A2"
    assert fed.position_of(StoryFilter(feeds=("Feed A",)), a2.id) == 2
    fed.set_read([a2.id])
    assert fed.count_stories(StoryFilter(unread=True)) == 5


def test_full_text_search_and_a_malformed_query_gives_a_message(fed: Store):
    fed.save_stories("Feed A", [story("Drone strike in Jermuk", guid="1", summary="Armenian positions"),
                                story("Peace talks in Washington", guid="2")])
    assert [s.title for s in fed.story_window(StoryFilter(query="jermuk"), 0, 10)] == ["Drone strike in Jermuk"]
    assert fed.count_stories(StoryFilter(query="armenian")) == 1
    # What FTS5 itself rejects is read as the reader meant it.
    assert fed.count_stories(StoryFilter(query='"drone strike')) == 1
    assert fed.count_stories(StoryFilter(query="NOT jermuk")) == 1
    # An edited story is found by its new words only; diacritics do not matter.
    fed.save_stories("Feed A", [story("Drone strike near Şuşa", guid="1", summary="Azerbaijani positions")])
    assert fed.count_stories(StoryFilter(query="jermuk")) == 0
    assert [s.title for s in fed.story_window(StoryFilter(query="susa"), 0, 10)] == ["Drone strike near Şuşa"]
    assert fed.count_stories(StoryFilter(query="azerbaijani")) == 1
    assert fed.count_stories(StoryFilter(query="armenian")) == 0
    either = StoryFilter(query='"peace talks" OR susa')
    assert {s.title for s in fed.story_window(either, 0, 10)} == {"Drone strike near Şuşa", "Peace talks in Washington"}
    assert fed.count_stories(either) == 2


def test_a_second_connection_reads_while_the_first_writes(fed: Store, db_path):
    fed.save_stories("Feed A", [story("before", guid="0")])
    reader = Store(db_path)
    before = reader.data_version()
    with fed.transaction():
        fed.save_stories("Feed A", [story("during", guid="1")])
        assert reader.story_count() == 1  # WAL: the reader is not blocked and sees the last commit
    assert reader.story_count() == 2
    assert reader.data_version() != before
    reader.close()


def test_tally_counts_an_incident_once_and_keeps_claimants_apart(fed: Store):
    day = date(2026, 11, 20)
    saved = fed.save_stories("Feed A", [story(f"report {i}", guid=f"r{i}", published=NOW + timedelta(hours=i))
                                        for i in range(3)])
    s1, s2, s3 = saved.new_ids

    def claim(sid, claimant, side, killed):
        return Claim(claimant=claimant, side_affected=side, event_date=day, killed=killed, story_id=sid,
                     incident_id="2026-11-20-sotk", event_type="armed clash")

    fed.replace_machine_claims({
        s1: [claim(s1, "Armenia", "Armenia", 2)],
        s2: [claim(s2, "Armenia", "Armenia", 4), claim(s2, "Azerbaijan", "Armenia", 10)],
        s3: [claim(s3, "Azerbaijan", "Azerbaijan", 0)],
    })
    fed.save_incidents([Incident(id="2026-11-20-sotk", event_date=day, locations=["Sotk"],
                                 claims=fed.claims_between(day, day))])
    tally = fed.tally(day, day)
    assert tally.incidents == 1
    figures = {(f.claimant, f.side_affected): f.killed for f in tally.figures}
    assert figures == {("Armenia", "Armenia"): 4, ("Azerbaijan", "Armenia"): 10, ("Azerbaijan", "Azerbaijan"): 0}
    assert fed.get_story(s1).has_incident


def test_corrections_survive_re_extraction(fed: Store):
    day = date(2026, 11, 20)
    sid = fed.save_stories("Feed A", [story("report", guid="r")]).new_ids[0]
    machine = [Claim(claimant="Armenia", side_affected="Armenia", event_date=day, killed=1, story_id=sid)]
    fed.replace_machine_claims({sid: machine})
    fed.correct_claim(sid, "Armenia", "Armenia", "edited", killed=3, wounded=2)
    fed.replace_machine_claims({sid: [Claim(claimant="Armenia", side_affected="Armenia", event_date=day,
                                            killed=1, story_id=sid)]})
    [c] = fed.claims_for_story(sid)
    assert (c.killed, c.wounded, c.status) == (3, 2, "edited")
    fed.correct_claim(sid, "Armenia", "Armenia", "rejected")
    assert fed.claims_for_story(sid) == []
    assert fed.tally(day, day).figures == []


def test_schema_is_versioned_and_reopening_migrates_nothing(db_path):
    Store(db_path).close()
    conn = sqlite3.connect(db_path)
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()
    with Store(db_path) as again:
        assert again.schema_version == version >= 2


def test_a_story_marked_not_an_incident_leaves_the_tally(fed: Store):
    day = date(2026, 11, 20)
    sid = fed.save_stories("Feed A", [story("report", guid="r")]).new_ids[0]
    fed.replace_machine_claims({sid: [Claim(claimant="Armenia", side_affected="Armenia", event_date=day,
                                            killed=2, story_id=sid)]})
    assert fed.tally(day, day).incidents == 1
    fed.mark_story_incident(sid, False)
    assert fed.tally(day, day).incidents == 0
    assert not fed.get_story(sid).has_incident
    fed.mark_story_incident(sid, True)
    assert fed.tally(day, day).figures[0].killed == 2


def test_vague_figures_are_kept_but_never_added_up_as_deaths(fed: Store):
    day = date(2026, 11, 20)
    ids = fed.save_stories("Feed A", [story(f"r{i}", guid=f"v{i}", published=NOW + timedelta(hours=i))
                                      for i in range(3)]).new_ids

    def claim(sid, **kw):
        return Claim(claimant="Azerbaijan", side_affected="Karabakh", event_date=day, story_id=sid,
                     incident_id="2026-11-20-x", **kw)

    fed.replace_machine_claims({
        ids[0]: [claim(ids[0], killed=3)],
        ids[1]: [claim(ids[1], killed=24, vague=True)],            # "dozens killed", reported later
        ids[2]: [Claim(claimant="Armenia", side_affected="Armenia", event_date=day, story_id=ids[2],
                       incident_id="2026-11-20-x", unsplit=12, vague=True)],   # "12 casualties"
    })
    [stored] = [c for c in fed.claims_for_story(ids[1])]
    assert stored.vague and stored.killed == 24
    figures = {(f.claimant, f.side_affected): f for f in fed.tally(day, day).figures}
    assert figures[("Azerbaijan", "Karabakh")].killed == 3      # "dozens" did not replace the real figure
    assert figures[("Armenia", "Armenia")].killed == 0
    assert figures[("Armenia", "Armenia")].unsplit == 12        # its own bucket, not deaths


def test_the_database_is_an_ordinary_sqlite_file_that_sqlite_utils_reads(fed: Store, db_path):
    import sqlite_utils

    sid = fed.save_stories("Feed A", [story("Shelling near Sotk", guid="g1")]).new_ids[0]
    fed.add_tag(sid, "border")
    other = sqlite_utils.Database(db_path)
    assert {"stories", "feeds", "claims", "incidents", "story_tags"} <= set(other.table_names())
    assert [r["title"] for r in other["stories"].rows] == ["Shelling near Sotk"]
    assert [r["tag"] for r in other["story_tags"].rows_where("story_id = ?", [sid])] == ["border"]
    other.close()


def test_syncing_feeds_keeps_fetch_state_unless_the_address_moved(fed: Store):
    for name in ("Feed A", "Feed B"):
        fed.record_outcome(FetchOutcome(name, "new", etag=f'"{name}"', last_modified="Fri, 20 Nov 2026 12:00:00 GMT"),
                           NOW + timedelta(hours=1))
    fed.sync_feeds([Feed("Feed A", "http://127.0.0.1/a", origin="international"),
                    Feed("Feed B", "http://127.0.0.1/b-moved", origin="azerbaijan")])
    states = fed.feed_states()
    assert (states["Feed A"].etag, states["Feed A"].origin) == ('"Feed A"', "international")
    assert states["Feed A"].next_due is not None
    assert (states["Feed B"].etag, states["Feed B"].last_modified, states["Feed B"].next_due) == (None, None, None)
    fed.sync_feeds([Feed("Feed A", "http://127.0.0.1/a")])  # a feed taken out of feeds.toml keeps its row
    assert set(fed.feed_states()) == {"Feed A", "Feed B"}


def test_near_duplicate_groups_read_before_another_connection_changed_them_are_read_again(fed: Store, db_path):
    """The pipeline reads stories with their stored groups, groups them, and writes only what changed:
    a group another process wrote in between must not survive because the first read missed it."""
    first = fed.save_stories("Feed A", [story("Talks in Brussels end", guid="a")]).new_ids[0]
    second = fed.save_stories("Feed B", [story("Talks in Brussels end", guid="b")]).new_ids[0]
    span = [(datetime(2000, 1, 1, tzinfo=timezone.utc), datetime(2100, 1, 1, tzinfo=timezone.utc))]
    (read,) = fed.grouped_titles_between(span)
    assert read.clusters[first] is None and {s.id for s in read.stories} >= {first, second}
    with Store(db_path) as other:  # e.g. a `fetch --watch` in another terminal, grouping the same morning
        other.set_clusters([(first, first), (second, first)])
    fed.set_clusters([(first, None), (second, None)], read)  # what this run found: no group at all
    assert fed.story_clusters([first, second]) == {}
    (again,) = fed.grouped_titles_between(span)
    fed.set_clusters([(first, first), (second, first)], again)  # nothing changed since: written from what was read
    assert fed.story_clusters([first, second]) == {first: first, second: first}
