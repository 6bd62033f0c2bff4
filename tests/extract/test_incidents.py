"""Grouping claims from different stories and outlets into incidents; revisions."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from briefing.extract import extract_claims, group_incidents
from briefing.models import Claim
from briefing.tally import build_tally

TZ = timezone(timedelta(hours=4))


def story(story_id: str, summary: str, when: datetime) -> list[tuple[Claim, datetime]]:
    claims = extract_claims("Border report", summary, when)
    for claim in claims:
        claim.story_id = story_id
    return [(claim, when) for claim in claims]


def test_cross_border_reports_share_an_incident():
    friday = datetime(2024, 3, 8, 20, 0, tzinfo=TZ)
    items = (
        story("arm", "Armenia's Defence Ministry said two soldiers were wounded by Azerbaijani fire near "
                     "Norabak in Gegharkunik on Friday.", friday)
        + story("aze", "Azerbaijan's Defence Ministry said one of its servicemen was killed by Armenian fire "
                       "in the Kalbajar district on Friday.", friday + timedelta(hours=1))
        + story("tegh", "Armenia's Defence Ministry said a soldier was wounded near Tegh on Wednesday.",
                friday)
    )
    incidents = group_incidents(items)
    ids = {claim.story_id: claim.incident_id for claim, _ in items}
    assert ids["arm"] == ids["aze"]
    assert ids["tegh"] != ids["arm"]
    assert len(incidents) == 2
    assert ids["arm"].startswith("2024-03-08")


def test_separate_mine_blasts_are_separate_incidents():
    tuesday = datetime(2024, 6, 4, 18, 0, tzinfo=TZ)
    items = story(
        "mines",
        "Two Azerbaijani soldiers were killed when their vehicle hit a mine near Aghdam on Tuesday, the "
        "Defence Ministry in Baku said. In a separate blast, a civilian was injured by a landmine in Fuzuli, "
        "ANAMA said.",
        tuesday,
    )
    group_incidents(items)
    assert len({claim.incident_id for claim, _ in items}) == 2


def test_different_days_are_different_incidents():
    items = (
        story("a", "Armenia's Defence Ministry said a soldier was killed near Sotk on Monday.",
              datetime(2024, 3, 4, 20, 0, tzinfo=TZ))
        + story("b", "Armenia's Defence Ministry said a soldier was killed near Sotk on Monday.",
                datetime(2024, 3, 11, 20, 0, tzinfo=TZ))
    )
    group_incidents(items)
    assert items[0][0].incident_id != items[1][0].incident_id


def test_revision_replaces_the_earlier_figure():
    first = datetime(2024, 3, 8, 12, 0, tzinfo=TZ)
    items = (
        story("early", "Armenia's Defence Ministry said two soldiers were killed near Sotk on Friday.", first)
        + story("late", "Armenia's Defence Ministry said four soldiers were killed near Sotk on Friday, raising "
                        "its earlier toll.", first + timedelta(hours=6))
    )
    (incident,) = group_incidents(items)
    tally = build_tally([incident], incident.event_date, incident.event_date)
    assert [(f.claimant, f.side_affected, f.killed) for f in tally.figures] == [("Armenia", "Armenia", 4)]


def test_the_tally_keeps_one_figure_per_claimant_and_side():
    day = date(2024, 3, 8)
    claims = [
        Claim("Armenia", "Armenia", day, killed=2, story_id="s1"),
        Claim("Azerbaijan", "Azerbaijan", day, wounded=3, story_id="s2"),
        Claim("Armenia", "Armenia", day, killed=4, story_id="s3"),
    ]
    for claim in claims:
        claim.locations = ["Sotk"]
    when = datetime(2024, 3, 8, tzinfo=TZ)
    (incident,) = group_incidents([(c, when + timedelta(hours=i)) for i, c in enumerate(claims)])
    tally = build_tally([incident], day, day)
    assert {(f.claimant, f.killed, f.wounded) for f in tally.figures} == {("Armenia", 4, 0), ("Azerbaijan", 0, 3)}
