"""Grouping claims from different stories and outlets into incidents; revisions."""

from __future__ import annotations

import copy
import os
import subprocess
import sys
from dataclasses import FrozenInstanceError, replace
from datetime import date, datetime, timedelta, timezone

import pytest

from briefing.extract import extract_claims, group_incidents
from briefing.extract.events import DATE_OWN, DATE_PUBLISHED
from briefing.extract.records import Why
from briefing.models import Claim
from briefing.tally import build_tally

TZ = timezone(timedelta(hours=4))


def story(story_id: str, summary: str, when: datetime) -> list[tuple[Claim, datetime]]:
    return [(replace(claim, story_id=story_id), when) for claim in extract_claims("Border report", summary, when)]


def incident_of(incidents) -> dict[str, set[str]]:
    """Each story's incident ids, as the grouped claims carry them."""
    out: dict[str, set[str]] = {}
    for incident in incidents:
        for claim in incident.claims:
            assert claim.incident_id == incident.id
            out.setdefault(claim.story_id, set()).add(claim.incident_id)
    return out


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
    ids = {story: ids.pop() for story, ids in incident_of(incidents).items()}
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
    assert len(incident_of(group_incidents(items))["mines"]) == 2


def test_different_days_are_different_incidents():
    items = (
        story("a", "Armenia's Defence Ministry said a soldier was killed near Sotk on Monday.",
              datetime(2024, 3, 4, 20, 0, tzinfo=TZ))
        + story("b", "Armenia's Defence Ministry said a soldier was killed near Sotk on Monday.",
                datetime(2024, 3, 11, 20, 0, tzinfo=TZ))
    )
    ids = incident_of(group_incidents(items))
    assert ids["a"] != ids["b"]


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
        Claim("Armenia", "Armenia", day, killed=2, story_id="s1", locations=["Sotk"]),
        Claim("Azerbaijan", "Azerbaijan", day, wounded=3, story_id="s2", locations=["Sotk"]),
        Claim("Armenia", "Armenia", day, killed=4, story_id="s3", locations=["Sotk"]),
    ]
    when = datetime(2024, 3, 8, tzinfo=TZ)
    (incident,) = group_incidents([(c, when + timedelta(hours=i)) for i, c in enumerate(claims)])
    tally = build_tally([incident], day, day)
    assert {(f.claimant, f.killed, f.wounded) for f in tally.figures} == {("Armenia", 4, 0), ("Azerbaijan", 0, 3)}



def offensive_claims() -> list[tuple[Claim, datetime]]:
    """An offensive's first day, its third day's toll, and a shooting elsewhere that Sunday."""
    sunday = datetime(2020, 9, 27, 22, 0, tzinfo=TZ)
    return [
        (Claim("Karabakh", "Karabakh", date(2020, 9, 27), killed=16, event_type="armed clash", story_id="start", locations=["Martakert"],
               evidence="16 servicemen were killed as Azerbaijan launched a large-scale offensive"), sunday),
        (Claim("Karabakh", "Karabakh", date(2020, 9, 29), killed=15, event_type="armed clash", story_id="third-day",
               evidence="15 more servicemen were killed as fighting in the offensive raged for a third day"),
         sunday + timedelta(days=2)),
        (Claim("Armenia", "Armenia", date(2020, 9, 27), wounded=2, event_type="armed clash", story_id="sotk",
               locations=["Sotk"], evidence="two soldiers were wounded near Sotk"), sunday),
    ]


def test_grouping_leaves_the_claims_it_is_given_as_they_were():
    items = offensive_claims()
    before = copy.deepcopy(items)
    incidents = group_incidents(items)

    assert items == before  # the caller's claims: no incident, the third day's own date
    assert all(claim.incident_id == "" for claim, _ in items)
    third_day = items[1][0]
    assert third_day.event_date == date(2020, 9, 29)
    with pytest.raises(FrozenInstanceError):
        third_day.incident_id = "changed"  # type: ignore[misc]

    # what comes out: one new record per claim, each carrying its incident (the third day's toll is
    # the offensive's, dated from its start), and the tally a reader sees from them
    grouped = {claim.story_id: (incident.id, claim) for incident in incidents for claim in incident.claims}
    assert sorted(grouped) == ["sotk", "start", "third-day"]
    assert grouped["start"][0] == grouped["third-day"][0] != grouped["sotk"][0]
    assert grouped["third-day"][1] == replace(third_day, incident_id=grouped["third-day"][0], event_date=date(2020, 9, 27))
    assert grouped["start"][1] == replace(items[0][0], incident_id=grouped["start"][0])
    tally = build_tally(incidents, date(2020, 9, 27), date(2020, 9, 29))
    assert tally.incidents == 2
    assert {(f.claimant, f.side_affected): (f.killed, f.wounded) for f in tally.figures} == {
        ("Karabakh", "Karabakh"): (15, 0), ("Armenia", "Armenia"): (0, 2)}


@pytest.mark.parametrize("first, later", [
    ("16 servicemen were killed as Azerbaijan launched a large-scale offensive",
     "15 more servicemen were killed as fighting in the offensive raged for a third day"),
    ("16 военнослужащих погибли в результате масштабного наступления Азербайджана",
     "Число погибших в ходе наступления военнослужащих возросло до 31"),
    ("Azərbaycanın hərbi əməliyyatı zamanı 16 erməni hərbçisi həlak olub",
     "Hərbi əməliyyat zamanı həlak olanların sayı 31-ə çatıb"),
    ("Ադրբեջանի լայնածավալ հարձակման հետևանքով զոհվել է 16 զինծառայող",
     "Լայնածավալ հարձակման հետևանքով զոհվածների թիվը հասել է 31-ի"),
])
def test_an_offensives_toll_two_days_on_joins_its_first_day_in_every_language(first: str, later: str) -> None:
    """The signals that an event lasts days come from each language's tables, not English words."""
    sunday = datetime(2020, 9, 27, 22, 0, tzinfo=TZ)
    items = [
        (Claim("Karabakh", "Karabakh", date(2020, 9, 27), killed=16, event_type="armed clash", story_id="start",
               locations=["Martakert"], evidence=first), sunday),
        (Claim("Karabakh", "Karabakh", date(2020, 9, 29), killed=31, event_type="armed clash", story_id="later",
               evidence=later), sunday + timedelta(days=2)),
    ]
    ids = incident_of(group_incidents(items))
    assert ids["start"] == ids["later"]


def test_a_denial_joins_the_figure_it_answers_wherever_it_places_it():
    """One story: Baku's wounded soldier near Kapan and Yerevan's denial that mentions Stepanakert."""
    monday = datetime(2024, 2, 12, 18, 0, tzinfo=TZ)
    items = story("one", "An Azerbaijani serviceman was wounded by Armenian fire near Kapan on Monday, Azerbaijan's "
                         "Defence Ministry said. Armenia's Defence Ministry denied that its units had opened fire on "
                         "Azerbaijani positions, calling the report disinformation like earlier claims about Stepanakert.",
                  monday)
    assert {(c.claimant, c.side_affected) for c, _ in items} == {("Azerbaijan", "Azerbaijan"), ("Armenia", "Azerbaijan")}
    assert len(incident_of(group_incidents(items))["one"]) == 1


def test_nagorno_karabakh_alone_does_not_split_a_story():
    """One story: a soldier killed at Verin Shorzha, and the same death retold beside the name of the
    conflict: one event, though only one sentence names the village."""
    when = datetime(2021, 5, 25, 12, 0, tzinfo=TZ)
    day = when.date()
    items = [(Claim("Armenia", "Armenia", day, killed=1, story_id="a", locations=["Verin Shorzha", "Gegharkunik"]), when),
             (Claim("Azerbaijan", "Armenia", day, story_id="a", locations=["Nagorno-Karabakh"]), when)]
    assert len(incident_of(group_incidents(items))["a"]) == 1


def _published_only(claim: Claim) -> Claim:
    return replace(claim, why=(Why("date", claim.event_date.isoformat(), DATE_PUBLISHED),))


def test_a_recap_that_names_no_day_joins_the_episode_weeks_before():
    """Three weeks after an offensive, a story naming no day repeats the ministry's toll, raised;
    a clash with its own small toll at the same time stays apart."""
    start = datetime(2023, 9, 19, 20, 0, tzinfo=TZ)
    later = datetime(2023, 10, 10, 16, 0, tzinfo=TZ)
    items = [
        (Claim("Azerbaijan", "Azerbaijan", date(2023, 9, 19), killed=192, story_id="offensive", locations=["Nagorno-Karabakh"],
               evidence="192 servicemen were killed during the anti-terror measures"), start),
        (_published_only(Claim("Azerbaijan", "Azerbaijan", date(2023, 10, 10), killed=198, story_id="recap",
                               locations=["Nagorno-Karabakh"], evidence="the number of servicemen killed is now 198")), later),
        (_published_only(Claim("Azerbaijan", "Azerbaijan", date(2023, 10, 10), killed=1, story_id="new",
                               locations=["Nagorno-Karabakh"], evidence="a serviceman was killed by a sniper")), later),
    ]
    incidents = group_incidents(items)
    ids = {story: ids.pop() for story, ids in incident_of(incidents).items()}
    assert ids["offensive"] == ids["recap"] != ids["new"]
    recap = next(c for i in incidents for c in i.claims if c.story_id == "recap")
    assert recap.event_date == date(2023, 9, 19)  # dated from the episode it recaps


def test_a_place_that_names_a_speaker_is_not_where_it_happened():
    when = datetime(2020, 9, 27, 18, 0, tzinfo=TZ)
    (claim,) = extract_claims("Border report", "Karabakh's Defence Army said two servicemen were killed near Martuni on Sunday.", when)
    assert claim.locations == ["Martuni"]


def test_reports_of_an_offensive_are_one_episode_wherever_they_place_it_when_the_toll_grew():
    """Day one: 25 killed, placed nowhere; day two: 190 killed, a story placing it where talks were held."""
    first = datetime(2023, 9, 19, 22, 0, tzinfo=TZ)
    items = [
        (Claim("Karabakh", "Karabakh", date(2023, 9, 19), killed=25, story_id="first", evidence="25 killed in the offensive"), first),
        (Claim("Karabakh", "Karabakh", date(2023, 9, 20), killed=190, story_id="second", locations=["Yevlakh"],
               evidence="190 killed in the offensive, as talks were held in Yevlakh"), first + timedelta(days=1)),
    ]
    ids = incident_of(group_incidents(items))
    assert ids["first"] == ids["second"]


def test_a_report_naming_no_place_joins_an_incident_its_other_reports_placed_apart():
    """One report places the offensive at Shusha, the first named no place, a third names Askeran:
    the third fits the first report, so it joins the incident."""
    day = date(2023, 9, 19)
    when = datetime(2023, 9, 19, 20, 0, tzinfo=TZ)
    items = [
        (Claim("Karabakh", "Karabakh", day, killed=25, story_id="a", evidence="killed in the offensive"), when),
        (Claim("Azerbaijan", "civilians-Azerbaijan", day, killed=1, story_id="b", locations=["Shusha"],
               evidence="killed in the offensive"), when + timedelta(hours=1)),
        (Claim("Azerbaijan", "Azerbaijan", day, killed=2, story_id="c", locations=["Yevlakh"],
               evidence="killed in the offensive"), when + timedelta(hours=2)),
    ]
    ids = incident_of(group_incidents(items))
    assert ids["a"] == ids["b"] == ids["c"]


def test_peacekeepers_fired_on_are_their_own_incident_beside_a_clash_that_day():
    day = date(2023, 9, 20)
    when = datetime(2023, 9, 20, 20, 0, tzinfo=TZ)
    items = [
        (Claim("Karabakh", "Karabakh", day, killed=3, story_id="clash"), when),
        (Claim("Azerbaijan", "Russia", day, killed=5, story_id="peacekeepers", locations=["Janyatag"]), when + timedelta(hours=1)),
    ]
    ids = incident_of(group_incidents(items))
    assert ids["clash"] != ids["peacekeepers"]


def test_a_figure_with_no_day_takes_the_day_of_the_sentence_before_it():
    """The story's first dated sentence is the newest event; the toll after the episode's dates is the episode's."""
    when = datetime(2016, 4, 8, 10, 0, tzinfo=TZ)
    claims = extract_claims("Border report", "A Karabakh soldier was killed overnight, the Defence Army said. "
                            "The Defence Army puts its losses in the fighting of 2-5 April at 36 servicemen killed. "
                            "Azerbaijan's Defence Ministry has acknowledged that 31 of its troops died.", when)
    days = {(c.claimant, c.killed): c.event_date for c in claims}
    assert days[("Azerbaijan", 31)] == date(2016, 4, 2)


def test_workers_and_the_sappers_sent_to_help_them_at_one_village_are_one_blast():
    day = date(2022, 12, 14)
    when = datetime(2022, 12, 14, 21, 0, tzinfo=TZ)
    mine = {"kind": "landmine", "event_type": "landmine"}
    items = [(Claim("Azerbaijan", "civilians-Azerbaijan", day, wounded=4, story_id="a", locations=["Kalbajar"], **mine), when),
             (Claim("Azerbaijan", "Azerbaijan", day, killed=1, wounded=3, story_id="a", locations=["Kalbajar"], **mine), when),
             (Claim("Azerbaijan", "Azerbaijan", day, killed=1, wounded=3, story_id="b", locations=["Kalbajar district"], **mine),
              when + timedelta(hours=1))]
    ids = incident_of(group_incidents(items))
    assert len(ids["a"]) == 1 and ids["a"] == ids["b"]


@pytest.mark.parametrize("text", [
    "On the night of 12-13 September two Armenian soldiers were killed, Armenia's defence ministry said.",
    "В ночь с 12 на 13 сентября погибли двое армянских военнослужащих, сообщило Минобороны Армении.",
    "Sentyabrın 12-dən 13-nə keçən gecə iki hərbçimiz şəhid olub, Müdafiə Nazirliyi bildirib.",
    "Սեպտեմբերի 12-ի լույս 13-ի գիշերը ադրբեջանական կրակոցից զոհվել է երկու հայ զինծառայող, հայտնում է ՀՀ ՊՆ-ն։",
])
def test_a_night_from_one_day_to_the_next_is_dated_by_the_day_it_ended(text: str) -> None:
    (claim,) = extract_claims("", text, datetime(2022, 9, 14, 12, 0, tzinfo=TZ))
    assert claim.event_date == date(2022, 9, 13)


def test_two_strikes_on_one_town_a_day_apart_each_named_by_its_day_are_two_incidents():
    tuesday = datetime(2020, 10, 27, 16, 0, tzinfo=TZ)
    items = (story("first", "Four civilians were killed when Armenian forces shelled Barda on Tuesday, Azerbaijan's "
                            "Prosecutor General's Office said.", tuesday)
             + story("second", "Twenty-one civilians were killed when Armenian forces shelled Barda on Wednesday, "
                               "Azerbaijan's Prosecutor General's Office said.", tuesday + timedelta(days=1)))
    ids = incident_of(group_incidents(items))
    assert ids["first"] != ids["second"]


def test_today_in_an_evening_report_and_today_in_next_mornings_are_no_two_days_of_their_own():
    """A sniper's victim reported late in the evening ("today"), and next morning's story of his
    funeral ("will be buried today"): "today" only repeats each story's publication day, so they
    are not two reports each naming its own day, and the same village makes them one incident."""
    evening = datetime(2020, 3, 5, 22, 30, tzinfo=TZ)
    morning = evening + timedelta(hours=12)
    items = (story("evening", "An Azerbaijani border guard was killed by an Armenian sniper near Gushchu Ayrim "
                              "in the Gazakh district today, the State Border Service said.", evening)
             + story("morning", "The Azerbaijani border guard killed by an Armenian sniper near Gushchu Ayrim in the "
                                "Gazakh district will be buried today, the State Border Service said.", morning))
    ids = incident_of(group_incidents(items))
    assert ids["evening"] == ids["morning"]


def test_two_strikes_on_one_town_each_told_the_next_day_as_yesterdays_are_two_incidents():
    monday = datetime(2020, 10, 26, 12, 0, tzinfo=TZ)
    items = (story("first", "Four civilians were killed when Armenian forces shelled Barda yesterday, Azerbaijan's "
                            "Prosecutor General's Office said.", monday)
             + story("second", "Twenty-one civilians were killed when Armenian forces shelled Barda yesterday, "
                               "Azerbaijan's Prosecutor General's Office said.", monday + timedelta(days=1)))
    ids = incident_of(group_incidents(items))
    assert ids["first"] != ids["second"]


def test_where_talks_were_held_is_not_where_the_figure_fell():
    when = datetime(2023, 9, 21, 15, 0, tzinfo=TZ)
    (claim,) = extract_claims("Border report", "At least 200 people were killed in the offensive, the Karabakh ombudsman said "
                              "on Thursday. Talks between Karabakh Armenian representatives and Azerbaijani officials on "
                              "the region's future were held in Yevlakh.", when)
    assert "Yevlakh" not in claim.locations


def test_an_offensives_second_day_joins_its_first_once_a_later_report_calls_day_one_the_offensive():
    tuesday = datetime(2023, 9, 19, 20, 0, tzinfo=TZ)
    items = [
        (Claim("Karabakh", "civilians-Armenia", date(2023, 9, 19), wounded=34, story_id="shelling",
               evidence="34 civilians were wounded by shelling"), tuesday),
        (Claim("Karabakh", "civilians-Armenia", date(2023, 9, 20), killed=200, story_id="day-two",
               evidence="200 people were killed in the offensive"), tuesday + timedelta(days=1)),
        (Claim("Azerbaijan", "Azerbaijan", date(2023, 9, 19), killed=192, story_id="recap",
               evidence="192 servicemen were killed in the anti-terror measures"), tuesday + timedelta(days=8)),
    ]
    ids = incident_of(group_incidents(items))
    assert ids["shelling"] == ids["day-two"] == ids["recap"]


def test_reports_a_day_apart_never_chain_a_week_of_shelling_into_one_incident():
    first = datetime(2024, 3, 1, 18, 0, tzinfo=TZ)
    items = [(Claim("Armenia", "Armenia", (first + timedelta(days=n)).date(), wounded=1, story_id=f"day{n}",
                    locations=["Sotk"]), first + timedelta(days=n)) for n in range(8)]
    ids = incident_of(group_incidents(items))
    assert ids["day0"] != ids["day7"]


def _named_day(claim: Claim) -> Claim:
    return replace(claim, why=(Why("date", claim.event_date.isoformat(), DATE_OWN),))


@pytest.mark.parametrize("days, named", [
    (3, True),  # the prime minister's figure, dated by the day he gave it
    (7, False),  # a week on, a recap that names no day of its own
])
def test_a_major_clashs_toll_days_later_joins_it_though_no_report_names_a_place(days: int, named: bool) -> None:
    """49 killed on one side and 50 on the other, then a toll of 105 days later, each placed nowhere
    and told in plain words (no offensive named): one clash whose toll grew."""
    first = datetime(2022, 5, 10, 9, 0, tzinfo=TZ)
    later = Claim("Armenia", "Armenia", (first + timedelta(days=days)).date(), killed=105, event_type="armed clash",
                  story_id="later", evidence="105 servicemen were killed, the prime minister told parliament")
    items = [
        (Claim("Armenia", "Armenia", date(2022, 5, 10), killed=49, event_type="armed clash", story_id="first",
               evidence="49 servicemen were killed in clashes on the border"), first),
        (Claim("Azerbaijan", "Azerbaijan", date(2022, 5, 10), killed=50, event_type="armed clash", story_id="other-side",
               evidence="50 servicemen were killed, the ministry said"), first + timedelta(hours=3)),
        (_named_day(later) if named else _published_only(later), first + timedelta(days=days)),
    ]
    ids = incident_of(group_incidents(items))
    assert ids["first"] == ids["other-side"] == ids["later"]


@pytest.mark.parametrize("first_killed, later_killed, later_place, days, named", [
    (20, 30, "Ganja", 7, True),  # a second strike on the city a week on, told with its own day
    (20, 12, "Ganja", 2, False),  # a toll the same claimant gave that shrank: a new strike
    (20, 30, "Sotk", 2, False),  # a major clash elsewhere on the border
    (2, 3, "Ganja", 2, False),  # small tolls are no major clash
])
def test_a_major_clash_stays_apart_from_a_later_one(first_killed: int, later_killed: int, later_place: str, days: int,
                                                    named: bool) -> None:
    first = datetime(2020, 10, 11, 9, 0, tzinfo=TZ)
    later = Claim("Azerbaijan", "civilians-Azerbaijan", (first + timedelta(days=days)).date(), killed=later_killed,
                  event_type="shelling/artillery", story_id="later", locations=[later_place],
                  evidence=f"{later_killed} civilians were killed when the city was shelled")
    items = [
        (_named_day(Claim("Azerbaijan", "civilians-Azerbaijan", first.date(), killed=first_killed, event_type="shelling/artillery",
                          story_id="first", locations=["Ganja"], evidence="civilians were killed when the city was shelled")),
         first),
        (_named_day(later) if named else _published_only(later), first + timedelta(days=days)),
    ]
    ids = incident_of(group_incidents(items))
    assert ids["first"] != ids["later"]


@pytest.mark.parametrize("later_killed, one", [(13, True), (15, True), (10, False)])
def test_a_flare_ups_toll_counted_a_little_lower_days_on_is_still_the_flare_up(later_killed: int, one: bool) -> None:
    """"15 soldiers killed" on Saturday and, three days on in a story naming no day, "13 killed over
    the weekend": one flare-up counted two ways; a third fewer is another clash."""
    saturday = datetime(2014, 8, 2, 18, 0, tzinfo=TZ)
    items = [
        (Claim("Azerbaijan", "Azerbaijan", saturday.date(), killed=15, story_id="first",
               evidence="15 soldiers have been killed"), saturday),
        (_published_only(Claim("Azerbaijan", "Azerbaijan", date(2014, 8, 5), killed=later_killed, story_id="later",
                               evidence=f"{later_killed} soldiers were killed over the weekend")),
         saturday + timedelta(days=3)),
    ]
    ids = incident_of(group_incidents(items))
    assert (ids["first"] == ids["later"]) is one


def test_one_storys_tolls_of_a_major_clash_dated_a_day_apart_are_one_event():
    """The other side's toll of the first night and this side's, given at a press conference the
    next day: one story, one clash, which a later report joins whole."""
    first = datetime(2022, 5, 11, 9, 0, tzinfo=TZ)
    items = [
        (Claim("Armenia", "Armenia", date(2022, 5, 11), killed=105, story_id="both", evidence="105 servicemen were killed"), first),
        (Claim("Azerbaijan", "Azerbaijan", date(2022, 5, 10), killed=50, story_id="both", evidence="50 servicemen were killed"), first),
        (Claim("Armenia", "Armenia", date(2022, 5, 12), killed=135, story_id="later", evidence="135 servicemen were killed"),
         first + timedelta(days=1)),
    ]
    ids = incident_of(group_incidents(items))
    assert len(ids["both"]) == 1 and ids["both"] == ids["later"]


@pytest.mark.parametrize("second_killed, second_evidence", [
    (3, "three more servicemen were killed as the offensive went on"),  # both days called the offensive's
    (79, "79 servicemen were killed, the ministry said"),  # a major toll a day from the offensive's day
])
def test_one_storys_days_of_an_offensive_are_one_event(second_killed: int, second_evidence: str) -> None:
    """A recap a week on: civilians wounded on the offensive's first day, and a toll of the next."""
    when = datetime(2022, 5, 17, 9, 0, tzinfo=TZ)
    items = [
        (Claim("Armenia", "civilians-Armenia", date(2022, 5, 10), wounded=2, story_id="recap",
               evidence="two civilians were wounded in the offensive"), when),
        (Claim("Azerbaijan", "Azerbaijan", date(2022, 5, 11), killed=second_killed, story_id="recap",
               evidence=second_evidence), when),
    ]
    assert len(incident_of(group_incidents(items))["recap"]) == 1


def test_one_storys_small_toll_a_day_after_an_offensive_named_stays_apart():
    """A small toll of the next day with no offensive named is a shooting of its own."""
    when = datetime(2022, 5, 17, 9, 0, tzinfo=TZ)
    items = [
        (Claim("Armenia", "civilians-Armenia", date(2022, 5, 10), wounded=2, story_id="recap",
               evidence="two civilians were wounded in the offensive"), when),
        (Claim("Azerbaijan", "Azerbaijan", date(2022, 5, 11), killed=1, story_id="recap",
               evidence="a serviceman was killed, the ministry said"), when),
    ]
    assert len(incident_of(group_incidents(items))["recap"]) == 2


def test_a_later_strike_elsewhere_in_karabakh_is_no_recap_of_the_offensive():
    """Weeks after an offensive's first day at Martuni, two civilians killed at Shushi in a story
    naming no day: the same toll, but the whole of Karabakh is no shared place."""
    start = datetime(2020, 9, 27, 20, 0, tzinfo=TZ)
    items = [
        (Claim("Karabakh", "civilians-Armenia", start.date(), killed=2, story_id="offensive", locations=["Martuni"],
               evidence="two civilians were killed in the offensive"), start),
        (_published_only(Claim("Karabakh", "civilians-Armenia", date(2020, 10, 29), killed=2, story_id="shushi",
                               locations=["Shushi"], evidence="two civilians were killed when rockets fell on the town")),
         start + timedelta(days=32)),
    ]
    ids = incident_of(group_incidents(items))
    assert ids["offensive"] != ids["shushi"]


def test_one_sides_civilians_and_the_others_the_same_day_are_two_strikes():
    """Civilians wounded in Ganja, and Karabakh's civilians wounded the same day in a report whose
    town the gazetteer does not know: two strikes; in an offensive's reports, one episode."""
    when = datetime(2020, 10, 4, 14, 0, tzinfo=TZ)
    items = [
        (Claim("Azerbaijan", "civilians-Azerbaijan", when.date(), killed=1, wounded=30, event_type="shelling/artillery",
               story_id="ganja", locations=["Ganja"], evidence="a civilian was killed when rockets hit the city"), when),
        (Claim("Karabakh", "civilians-Armenia", when.date(), killed=1, wounded=12, event_type="shelling/artillery",
               story_id="other-town", evidence="a civilian was killed when rockets hit the town"), when + timedelta(hours=1)),
    ]
    ids = incident_of(group_incidents(items))
    assert ids["ganja"] != ids["other-town"]
    offensive = [(replace(claim, evidence=claim.evidence + " in the offensive"), at) for claim, at in items]
    ids = incident_of(group_incidents(offensive))
    assert ids["ganja"] == ids["other-town"]


def test_a_recap_repeating_the_main_toll_joins_though_a_smaller_figure_beside_it_differs():
    """The civilians among an offensive's dead told as 15 on day two and as 10 in a recap a week
    on: the soldiers' toll, the one that matters, holds, so the recap is the offensive's."""
    start = datetime(2023, 9, 20, 20, 0, tzinfo=TZ)
    first = [Claim("Karabakh", "Karabakh", start.date(), killed=190, story_id="day-two", evidence="190 killed"),
             Claim("Karabakh", "civilians-Armenia", start.date(), killed=15, story_id="day-two", evidence="15 civilians killed")]
    recap = [_published_only(Claim("Karabakh", side, date(2023, 9, 27), killed=killed, story_id="recap",
                                   evidence="killed in the offensive"))
             for side, killed in (("Karabakh", 190), ("civilians-Armenia", 10))]
    items = [(c, start) for c in first] + [(c, start + timedelta(days=7)) for c in recap]
    ids = incident_of(group_incidents(items))
    assert ids["day-two"] == ids["recap"]


def test_a_recap_with_the_dead_joins_an_offensive_first_told_by_its_wounded():
    """On the offensive's day the ministry gave only its wounded (and one civilian killed); a week on,
    a story naming no day gives the dead and the same wounded: its main toll grew, so it is a recap,
    though the civilian figure beside it is told differently."""
    start = datetime(2023, 9, 19, 20, 0, tzinfo=TZ)
    first = [Claim("Azerbaijan", "Azerbaijan", start.date(), wounded=511, story_id="day-one",
                   evidence="511 servicemen were wounded in the anti-terror operation"),
             Claim("Azerbaijan", "civilians-Azerbaijan", start.date(), killed=1, wounded=1, story_id="day-one",
                   evidence="a civilian was killed and another wounded in the anti-terror operation")]
    recap = [_published_only(Claim("Azerbaijan", side, date(2023, 9, 27), killed=killed, wounded=wounded,
                                   story_id="recap", evidence="servicemen were killed and wounded"))
             for side, killed, wounded in (("Azerbaijan", 192, 511), ("civilians-Azerbaijan", 0, 1))]
    items = [(c, start) for c in first] + [(c, start + timedelta(days=8)) for c in recap]
    ids = incident_of(group_incidents(items))
    assert ids["day-one"] == ids["recap"]


def test_a_soldier_wounded_amid_escalation_and_two_weeks_later_two_more_are_two_incidents():
    """More wounded than before, in a story naming no day, is no recap of a skirmish: only a
    major clash's wounded (ten or more) grow into a recap's figure."""
    first = datetime(2023, 5, 2, 18, 0, tzinfo=TZ)
    items = [
        (Claim("Armenia", "Armenia", first.date(), wounded=1, story_id="first",
               evidence="a soldier was wounded amid the escalation"), first),
        (_published_only(Claim("Armenia", "Armenia", date(2023, 5, 23), wounded=2, story_id="later",
                               evidence="two soldiers were wounded amid the escalation")), first + timedelta(days=21)),
    ]
    ids = incident_of(group_incidents(items))
    assert ids["first"] != ids["later"]


def test_a_recap_calling_it_an_offensive_takes_in_no_skirmish_weeks_before():
    """Three soldiers wounded at Kalbajar, and four weeks on a story naming no day with the
    offensive's 192 dead and 511 wounded: more of everything, but a skirmish is no offensive."""
    skirmish = datetime(2023, 9, 1, 20, 0, tzinfo=TZ)
    items = [
        (Claim("Azerbaijan", "Azerbaijan", skirmish.date(), wounded=3, story_id="skirmish", locations=["Kalbajar"],
               evidence="three servicemen were wounded by Armenian fire"), skirmish),
        (_published_only(Claim("Azerbaijan", "Azerbaijan", date(2023, 9, 27), killed=192, wounded=511,
                               story_id="recap", evidence="192 servicemen were killed and 511 wounded in the offensive")),
         skirmish + timedelta(days=26)),
    ]
    ids = incident_of(group_incidents(items))
    assert ids["skirmish"] != ids["recap"]


def test_a_major_toll_days_after_an_offensive_told_only_by_denials_joins_it():
    """An offensive's first report gives only denials ("Karabakh denies it lost any positions"); two
    days on, a story naming no day gives 50 killed: a toll that size a couple of days after an
    offensive at no other place is the offensive's. A denial is no toll that shrank."""
    start = datetime(2016, 4, 4, 18, 0, tzinfo=TZ)
    items = [
        (Claim("Azerbaijan", "Karabakh", start.date(), story_id="offensive", locations=["Martakert"],
               evidence="Azerbaijan denied the reports as the offensive resumed"), start),
        (Claim("Karabakh", "Karabakh", start.date(), story_id="offensive", locations=["Martakert"],
               evidence="Karabakh denied any losses in the offensive"), start),
        (_published_only(Claim("Karabakh", "Karabakh", date(2016, 4, 6), killed=50, wounded=100, story_id="toll",
                               evidence="about 50 soldiers were killed and over 100 wounded")),
         start + timedelta(days=2)),
    ]
    ids = incident_of(group_incidents(items))
    assert ids["offensive"] == ids["toll"]


def test_a_major_clash_told_with_its_own_day_is_not_the_escalation_reported_days_before():
    """Baku denies firing on Saturday and blames Yerevan for an escalation, and three days on 49
    soldiers are killed "on Tuesday": the clash is told with its own day, so it is a new one."""
    saturday = datetime(2022, 9, 10, 18, 0, tzinfo=TZ)
    tuesday = saturday + timedelta(days=3)
    items = [
        (replace(Claim("Azerbaijan", "Armenia", saturday.date(), story_id="escalation",
                       evidence="Baku denied opening fire on Saturday and blamed Yerevan for the escalation"),
                 why=(Why("date", "2022-09-10", DATE_OWN),)), saturday),
        (replace(Claim("Armenia", "Armenia", tuesday.date(), killed=49, story_id="clash",
                       evidence="49 soldiers were killed on Tuesday"),
                 why=(Why("date", "2022-09-13", DATE_OWN),)), tuesday),
    ]
    ids = incident_of(group_incidents(items))
    assert ids["escalation"] != ids["clash"]


def test_a_major_toll_days_after_a_single_shooting_stays_apart():
    start = datetime(2022, 9, 10, 18, 0, tzinfo=TZ)
    items = [
        (Claim("Armenia", "Armenia", start.date(), killed=1, story_id="shooting", locations=["Sotk"],
               evidence="a soldier was killed by Azerbaijani sniper fire"), start),
        (_published_only(Claim("Armenia", "Armenia", date(2022, 9, 12), killed=49, story_id="toll",
                               evidence="49 soldiers were killed")), start + timedelta(days=2)),
    ]
    ids = incident_of(group_incidents(items))
    assert ids["shooting"] != ids["toll"]


@pytest.mark.parametrize("village", ["Ашагы-Бузгов", "Aşağı Buzqovda", "Գյուննուտի", "Günnüt"])
def test_a_nakhchivan_village_in_any_spelling_is_on_yeraskhs_stretch_of_border(village: str) -> None:
    """Baku's report names its village on the Nakhchivan side, Yerevan's names Yeraskh across the
    line: the gazetteer puts both on one stretch of border, so the same day's reports are one clash."""
    when = datetime(2021, 5, 28, 12, 0, tzinfo=TZ)
    items = [
        (Claim("Azerbaijan", "Azerbaijan", when.date(), wounded=1, story_id="baku", locations=[village],
               evidence="a serviceman was wounded by Armenian fire"), when),
        (Claim("Armenia", "Armenia", when.date(), wounded=1, story_id="yerevan", locations=["Yeraskh"],
               evidence="a serviceman was wounded by Azerbaijani fire"), when + timedelta(hours=2)),
    ]
    ids = incident_of(group_incidents(items))
    assert ids["baku"] == ids["yerevan"]


def test_monitors_fired_on_join_a_report_of_them_that_also_gives_a_sides_word():
    """The mission says no monitor was hurt near a village, the ministry adds that no soldier was;
    a report the next day of the same patrol fired on names no place: one incident."""
    day = date(2023, 8, 15)
    when = datetime(2023, 8, 15, 18, 0, tzinfo=TZ)
    fire = {"event_type": "ceasefire violation"}
    items = [
        (Claim("EU", "unknown", day, story_id="first", locations=["Verin Shorzha"], **fire), when),
        (Claim("Armenia", "Armenia", day, story_id="first", locations=["Verin Shorzha"], **fire), when),
        (Claim("EU", "unknown", day, story_id="next-day", **fire), when + timedelta(hours=14)),
    ]
    ids = incident_of(group_incidents(items))
    assert ids["first"] == ids["next-day"]


_TIED_TOLLS = """
from datetime import date, datetime, timedelta, timezone
from briefing.extract import group_incidents
from briefing.models import Claim
when = datetime(2022, 5, 10, 9, 0, tzinfo=timezone.utc)
first = [Claim(side, side, date(2022, 5, 10), killed=12, story_id="first") for side in ("Armenia", "Azerbaijan")]
later = [Claim(side, side, date(2022, 5, 12), killed=k, story_id="later") for side, k in (("Armenia", 15), ("Azerbaijan", 8))]
items = [(c, when) for c in first] + [(c, when + timedelta(days=2)) for c in later]
print(sorted((c.story_id, c.incident_id) for i in group_incidents(items) for c in i.claims))
"""


def test_grouping_is_the_same_in_every_run():
    """Two tolls tie for the largest: which one decides may not depend on how Python orders a set
    in this run (incident ids a reader sees would change from run to run)."""
    runs = {subprocess.run([sys.executable, "-c", _TIED_TOLLS], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout for seed in range(4)}
    assert len(runs) == 1


@pytest.mark.parametrize("text, fell, buried", [
    ("A soldier killed by Azerbaijani fire near Sotk on Monday was buried in his native village of Tegh, "
     "Armenia's Defence Ministry said.", "Sotk", "Tegh"),
    ("Военнослужащий, погибший в понедельник у Сотка от огня азербайджанской стороны, похоронен в родном селе Тех, "
     "сообщило Минобороны Армении.", "Сотка", "Тех"),
    ("Müdafiə Nazirliyi bildirib ki, Kəlbəcərdə şəhid olan əsgər Tovuzda dəfn edilib.", "Kəlbəcərdə", "Tovuz"),
    ("Müdafiə Nazirliyi bildirib ki, Kəlbəcərdə bir hərbçi şəhid olub, Tovuz rayonunda ailəsinin evində vida mərasimi "
     "keçirilir.", "Kəlbəcərdə", "Tovuz"),
    ("Սոթքում զոհված զինծառայողին Գորիսում հուղարկավորել են, հայտնում է ՀՀ ՊՆ-ն։", "Սոթքում", "Գորիս"),
])
def test_where_the_dead_were_buried_is_not_where_they_fell(text: str, fell: str, buried: str) -> None:
    (claim,) = extract_claims("", text, datetime(2023, 5, 12, 12, 0, tzinfo=TZ))
    assert fell in claim.locations
    assert not any(buried in place for place in claim.locations)
