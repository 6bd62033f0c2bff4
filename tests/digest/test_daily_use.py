"""Digest fixes a daily reader noticed: today's news about earlier incidents, each story once,
near-duplicates together, honest footers, denials as denials, and dates in the reader's zone."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from briefing.config import Config
from briefing.digest import build_digest, render
from briefing.models import Claim, Feed, Incident, Story
from briefing.store import Store

TODAY = date(2026, 12, 7)
THURSDAY = date(2026, 12, 3)
NOW = datetime(2026, 12, 7, 13, 40, tzinfo=timezone.utc)
UTC = timezone.utc


def _story(store: Store, feed: str, title: str, hour: int, summary: str = "") -> str:
    when = datetime(2026, 12, 7, hour, tzinfo=UTC)
    return store.save_stories(feed, [Story(feed=feed, title=title, guid=title, summary=summary, url=f"https://x.example/{hour}",
                                           published=when)]).new_ids[0]


def _config() -> Config:
    return Config(feeds=[Feed("Armenpress", "http://127.0.0.1:9/a", origin="armenia"),
                         Feed("Report.az", "http://127.0.0.1:9/b", origin="azerbaijan"),
                         Feed("TASS", "http://127.0.0.1:9/c", origin="russia")])


def _denial_day(store: Store) -> None:
    """Today's stories about Thursday's wounding near Sotk, one of them Baku's denial."""
    store.sync_feeds(_config().feeds)
    am = _story(store, "Armenpress", "Armenian serviceman wounded near Sotk", 10)
    az = _story(store, "Report.az", "Baku denies firing at Armenian positions near Kalbajar", 12)
    wounded = Claim(claimant="Armenia", side_affected="Armenia", event_date=THURSDAY, wounded=1, story_id=am,
                    incident_id="sotk", evidence="One serviceman was wounded on Thursday.")
    denial = Claim(claimant="Azerbaijan", side_affected="Armenia", event_date=THURSDAY, story_id=az,
                   incident_id="sotk", evidence="Azerbaijan's Defence Ministry denied that its units had opened fire.")
    store.replace_machine_claims({am: [wounded], az: [denial]})
    store.save_incidents([Incident(id="sotk", event_date=THURSDAY, locations=["Sotk"], event_type="armed clash",
                                   claims=store.claims_between(THURSDAY, THURSDAY))])


def test_todays_digest_lists_incidents_todays_stories_report(store: Store):
    _denial_day(store)
    md = render(build_digest(store, _config(), TODAY, TODAY, UTC, now=NOW), "md")
    assert md.splitlines()[2].startswith("**1 incident.")
    assert "### 2026-12-03 · Sotk" in md


def test_a_denial_reads_as_a_denial_of_the_report_it_answers(store: Store):
    _denial_day(store)
    md = render(build_digest(store, _config(), TODAY, TODAY, UTC, now=NOW), "md")
    row = next(line for line in md.splitlines() if line.startswith("| Azerbaijan says"))
    assert "denies Armenia's report (Armenia: 1 wounded)" in row
    assert "no casualties" not in row


def test_an_incident_of_only_denials_is_not_counted(store: Store):
    _denial_day(store)
    am = store.claims_between(THURSDAY, THURSDAY)[0]
    store.correct_claim(am.story_id, am.claimant, am.side_affected, "rejected")
    digest = build_digest(store, _config(), TODAY, TODAY, UTC, now=NOW)
    assert digest.tally.incidents == 0
    md = render(digest, "md")
    assert "only denials: not counted as a ceasefire violation" in md
    assert store.tally(THURSDAY, THURSDAY).incidents == 0


def test_a_fresh_database_does_not_claim_every_feed_was_fetched(store: Store):
    store.sync_feeds(_config().feeds)
    md = render(build_digest(store, _config(), TODAY, TODAY, UTC, now=NOW), "md")
    assert "without error" not in md
    assert "No fetch was recorded in this period" in md


def test_near_duplicates_from_both_sides_are_listed_together(store: Store):
    store.sync_feeds(_config().feeds)
    first = _story(store, "Armenpress", "Foreign ministers to meet in Abu Dhabi", 7)
    second = _story(store, "TASS", "Foreign ministers to meet in Abu Dhabi next week", 8)
    store.set_clusters([(first, "c1"), (second, "c1")])
    md = render(build_digest(store, _config(), TODAY, TODAY, UTC, now=NOW), "md")
    entries = [line for line in md.splitlines() if "Abu Dhabi" in line]
    assert len(entries) == 1 and "+1 source: [TASS]" in entries[0]


def test_a_far_zone_dates_the_header_and_the_generated_time_alike(store: Store):
    store.sync_feeds(_config().feeds)
    kiritimati = timezone(timedelta(hours=14), "UTC+14:00")
    today = NOW.astimezone(kiritimati).date()
    md = render(build_digest(store, _config(), today, today, kiritimati, now=NOW), "md")
    assert md.startswith("# Briefing for 2026-12-08")
    assert "generated 2026-12-08 03:40 UTC+14:00" in md
