"""Stored stories become claims and incidents; re-extraction keeps the reader's corrections."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

from briefing.cli import main
from briefing.extract import extract_claims, group_incidents
from briefing.models import Feed, Story
from briefing.pipeline import process_stories
from briefing.store import Store, StoryFilter
from briefing.tally import build_tally

ARM = Feed("Armenpress", "http://127.0.0.1/arm", origin="armenia")
AZE = Feed("Report.az", "http://127.0.0.1/aze", origin="azerbaijan")


def save(store: Store, feed: Feed, title: str, summary: str, when: datetime) -> str:
    return store.save_stories(feed.name, [Story(feed=feed.name, title=title, summary=summary, published=when,
                                                guid=title)]).new_ids[0]


def test_two_sides_reports_of_one_clash_become_one_incident_with_both_claims(store: Store):
    store.sync_feeds([ARM, AZE])
    morning = datetime(2026, 11, 17, 9, 0, tzinfo=timezone.utc)
    a = save(store, ARM, "Two Armenian soldiers killed near Sotk",
             "Armenia's Defence Ministry said on Tuesday that two servicemen were killed and three wounded "
             "when Azerbaijani forces opened fire on positions near Sotk in Gegharkunik.", morning)
    b = save(store, AZE, "Baku says Armenian provocation repelled in Kalbajar",
             "Azerbaijan's Defence Ministry said on Tuesday that its units came under fire in the Kalbajar "
             "district and that there were no losses.", morning.replace(hour=11))
    result = process_stories(store, [a, b])
    assert result.claims >= 2

    day = date(2026, 11, 17)
    incidents = store.incidents_between(day, day)
    assert len(incidents) == 1
    claims = {(c.claimant, c.side_affected): (c.killed, c.wounded) for c in incidents[0].claims}
    assert claims[("Armenia", "Armenia")] == (2, 3)
    assert ("Azerbaijan", "Azerbaijan") in claims
    assert store.get_story(a).has_incident

    tally = store.tally(day, day)
    assert tally.incidents == 1
    assert {(f.claimant, f.side_affected): f.killed for f in tally.figures}[("Armenia", "Armenia")] == 2


def test_extract_rebuild_command_keeps_the_readers_corrections(tmp_path, capsys):
    db = tmp_path / "r.db"
    config = tmp_path / "feeds.toml"
    config.write_text(f'[[feeds]]\nname = "{ARM.name}"\nurl = "{ARM.url}"\norigin = "armenia"\n')
    when = datetime(2026, 11, 17, 9, 0, tzinfo=timezone.utc)
    with Store(db) as store:
        store.sync_feeds([ARM])
        wounded = save(store, ARM, "Soldier wounded in Tegh", "Armenia's Defence Ministry said a soldier was "
                       "wounded on Tuesday by Azerbaijani fire near Tegh.", when)
        killed = save(store, ARM, "Two soldiers killed near Sotk", "Armenia's Defence Ministry said on Tuesday "
                      "that two servicemen were killed near Sotk.", when.replace(hour=12))
        process_stories(store, [wounded, killed])
        [a] = store.claims_for_story(wounded)
        [b] = store.claims_for_story(killed)
        assert b.killed == 2
        store.correct_claim(wounded, a.claimant, a.side_affected, "rejected")
        store.correct_claim(killed, b.claimant, b.side_affected, "edited", killed=3, wounded=1)
    assert main(["--db", str(db), "--config", str(config), "extract", "--rebuild"]) == 0
    assert capsys.readouterr().out.startswith("re-extracted 2 stories: ")
    with Store(db) as store:
        assert store.claims_for_story(wounded) == []
        [b] = store.claims_for_story(killed)
        assert (b.killed, b.wounded, b.status) == (3, 1, "edited")
        day = date(2026, 11, 17)
        figures = {(f.claimant, f.side_affected): (f.killed, f.wounded) for f in store.tally(day, day).figures}
        assert figures == {("Armenia", "Armenia"): (3, 1)}


def test_extract_command_writes_one_json_line_per_story(tmp_path, capsys):
    stories = tmp_path / "in.jsonl"
    stories.write_text(json.dumps({
        "id": "s1", "source": "Armenpress", "title": "Two soldiers killed near Sotk",
        "summary": "Armenia's Defence Ministry said on Tuesday that two servicemen were killed near Sotk.",
        "published": "2026-11-17T10:00:00+04:00"}) + "\n" + json.dumps({
        "id": "s2", "source": "TASS", "title": "Moscow weather", "summary": "Snow is expected.",
        "published": "2026-11-17T10:00:00+03:00"}) + "\n")
    assert main(["extract", str(stories)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["id"] for line in lines] == ["s1", "s2"]
    assert lines[0]["relevant"] and lines[0]["claims"][0]["killed"] == 2
    assert lines[1] == {"id": "s2", "relevant": False, "claims": []}


def test_process_stories_groups_near_duplicates_from_other_outlets(store: Store):
    store.sync_feeds([ARM, AZE])
    when = datetime(2026, 11, 17, 9, 0, tzinfo=timezone.utc)
    old = save(store, AZE, "Peace treaty signed in Washington", "Text.", when - timedelta(days=30))
    a = save(store, ARM, "Peace treaty signed in Washington", "The leaders signed the treaty.", when)
    b = save(store, AZE, "Peace treaty signed in Washington today", "The treaty was signed.", when.replace(hour=12))
    other = save(store, AZE, "Snow closes the Lachin road", "Snow.", when.replace(hour=13))
    # 60 hours earlier: outside the 48-hour window, though close enough to be looked at.
    earlier = save(store, ARM, "Peace treaty signed in Washington today", "Text.", when - timedelta(hours=60))
    result = process_stories(store, [earlier, a, b, other])
    assert result.clustered == 2
    clusters = store.story_clusters([a, b, other, old, earlier])
    assert clusters == {a: a, b: a}  # the oldest member names the group; older namesakes stay apart
    assert store.count_stories(StoryFilter(collapse_clusters=True)) == 4


def test_processing_a_later_story_keeps_older_groups(store: Store):
    store.sync_feeds([ARM, AZE])
    when = datetime(2026, 11, 17, 9, 0, tzinfo=timezone.utc)
    a = save(store, ARM, "Border villages handed over in Tavush", "Text.", when)
    b = save(store, AZE, "Border villages handed over in Tavush region", "Text.", when + timedelta(hours=5))
    process_stories(store, [a, b])
    # Three days later a story unrelated to them arrives: the pair is outside the window that is rewritten.
    c = save(store, ARM, "Pashinyan meets Aliyev in Prague", "Text.", when + timedelta(days=3))
    process_stories(store, [c])
    assert store.story_clusters([a, b, c]) == {a: a, b: a}


def test_the_tally_a_reader_sees_is_the_grouping_of_the_extracted_claims(store: Store):
    """The pipeline hands the grouper what it read and stores what comes back; nothing else changes the figures."""
    store.sync_feeds([ARM])
    sunday = datetime(2020, 9, 27, 18, 0, tzinfo=timezone.utc)
    stories = [
        ("Offensive", "Karabakh's Defence Army said 16 servicemen were killed on Sunday as Azerbaijan launched a "
                      "large-scale offensive along the entire line of contact.", sunday),
        ("Third day", "Karabakh's Defence Army said on Tuesday that 15 more servicemen were killed as fighting in "
                      "the Azerbaijani offensive raged for a third day.", sunday + timedelta(days=2)),
        ("Sotk", "Armenia's Defence Ministry said two soldiers were wounded near Sotk on Sunday.", sunday),
    ]
    ids = [save(store, ARM, title, summary, when) for title, summary, when in stories]
    process_stories(store, ids)

    items = [(replace(claim, story_id=sid), when) for sid, (title, summary, when) in zip(ids, stories)
             for claim in extract_claims(title, summary, when)]
    start, end = date(2020, 9, 27), date(2020, 9, 29)
    expected = build_tally(group_incidents(items), start, end)
    seen = store.tally(start, end)
    assert expected.incidents >= 2 and expected.figures
    assert (seen.incidents, seen.figures, seen.per_day) == (expected.incidents, expected.figures, expected.per_day)


def test_rebuild_replaces_stale_machine_output_and_the_flags_that_follow_it(store: Store):
    """What an older extractor wrote (a claim from a story about talks, an 'unread report' flag) goes;
    what the stored texts say now comes, with the 'reports an incident' flags to match."""
    from briefing.models import Claim
    from briefing.pipeline import rebuild

    store.sync_feeds([ARM])
    when = datetime(2026, 11, 17, 9, 0, tzinfo=timezone.utc)
    talks = save(store, ARM, "Ministers meet on delimitation", "The commissions met in Gazakh.", when)
    report = save(store, ARM, "Two soldiers killed near Sotk", "Armenia's Defence Ministry said on Tuesday "
                  "that two servicemen were killed near Sotk.", when)
    process_stories(store, [talks, report])
    stale = Claim(claimant="Armenia", side_affected="Armenia", event_date=when.date(), killed=9)
    store.replace_machine_claims({talks: [stale], report: []}, unread_incidents={report})
    assert store.get_story(talks).has_incident and not store.get_story(report).has_incident
    result = rebuild(store)
    assert (result.stories, result.claims, result.incidents) == (2, 1, 1)
    assert store.claims_for_story(talks) == [] and not store.get_story(talks).has_incident
    [claim] = store.claims_for_story(report)
    assert claim.killed == 2 and claim.incident_id and store.get_story(report).has_incident
    assert store.unread_incident_stories() == []


def test_a_recap_weeks_later_joins_its_episode_when_regrouped_from_the_store(store: Store):
    """Grouping trusts a day the story named over a publication day: the store keeps, for the regrouping
    it does from stored claims, the reason that says which one a claim's day is."""
    store.sync_feeds([AZE])
    first = datetime(2023, 9, 20, 18, 0, tzinfo=timezone.utc)
    a = save(store, AZE, "Offensive", "Azerbaijan's Defence Ministry said 192 servicemen were killed on Tuesday in "
                                      "the anti-terror measures in Karabakh.", first)
    b = save(store, AZE, "Toll", "Azerbaijan's Defence Ministry said the number of servicemen killed in the anti-terror "
                                 "measures in Karabakh has risen to 198.", first + timedelta(days=20))
    process_stories(store, [a, b])
    [early], [late] = store.claims_for_story(a), store.claims_for_story(b)
    assert early.incident_id == late.incident_id != ""
    [incident] = store.incidents_between(date(2023, 9, 19), date(2023, 10, 10))
    assert {c.killed for c in incident.claims} == {192, 198}
