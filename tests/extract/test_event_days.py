"""The day an event happened, told apart from the day it was filed or a statement was made.

Incident grouping compares days: a wrong day puts a report of Sunday's clash beside another
day's, or beside a clash weeks earlier that a background paragraph recalls. The sentences here are
written for these tests, in the manner of wire copy.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from briefing.extract import extract_claims
from briefing.extract.events import DATE_OWN, DATE_PUBLISHED, DATE_STATEMENT, DATE_STORY

BAKU = timezone(timedelta(hours=4))
YEREVAN = timezone(timedelta(hours=4))


def days(summary: str, published: datetime, title: str = "Border report") -> list[tuple[date, str]]:
    """Each claim's event day and the rule that found it."""
    out = []
    for claim in extract_claims(title, summary, published):
        rule = next(why.rule for why in claim.why if why.field == "date")
        out.append((claim.event_date, rule))
    return out


def test_a_dateline_is_when_the_story_was_filed_not_the_event_day():
    tuesday = datetime(2024, 3, 5, 11, 0, tzinfo=YEREVAN)
    for summary in (
        "YEREVAN, March 5 -- An Armenian soldier was killed by Azerbaijani fire near Sotk on Sunday, "
        "the Defence Ministry said.",
        "5 March 2024 -- An Armenian soldier was killed by Azerbaijani fire near Sotk on Sunday, "
        "the Defence Ministry said.",
        "YEREVAN, March 5. /Agency/. An Armenian soldier was killed by Azerbaijani fire near Sotk on Sunday, "
        "the Defence Ministry said.",
        "March 5 (Agency) - An Armenian soldier was killed by Azerbaijani fire near Sotk on Sunday, "
        "the Defence Ministry said.",
    ):
        assert days(summary, tuesday) == [(date(2024, 3, 3), DATE_OWN)], summary


def test_a_date_inside_the_lead_is_not_a_dateline():
    tuesday = datetime(2024, 3, 5, 11, 0, tzinfo=YEREVAN)
    summary = ("On March 4 an Armenian soldier was killed by Azerbaijani fire near Sotk, the Defence "
               "Ministry said on Tuesday.")
    assert days(summary, tuesday) == [(date(2024, 3, 4), DATE_OWN)]


def test_with_no_event_day_the_statement_day_comes_before_the_publication_day():
    # filed half an hour after midnight: "Wednesday" is the day before publication
    thursday = datetime(2022, 9, 29, 0, 30, tzinfo=BAKU)
    summary = ("Azerbaijan's Defence Ministry said on Wednesday that one of its soldiers was wounded when "
               "Armenian forces opened fire on its positions in the Kalbajar district.")
    assert days(summary, thursday) == [(date(2022, 9, 28), DATE_STATEMENT)]


def test_with_no_day_named_at_all_the_publication_day_stays():
    thursday = datetime(2022, 9, 29, 14, 0, tzinfo=BAKU)
    summary = ("Azerbaijan's Defence Ministry said that one of its soldiers was wounded when Armenian forces "
               "opened fire on its positions in the Kalbajar district.")
    assert days(summary, thursday) == [(date(2022, 9, 29), DATE_PUBLISHED)]


def test_a_background_sentence_about_an_earlier_blast_lends_its_day_to_nothing():
    tuesday = datetime(2021, 9, 21, 12, 0, tzinfo=BAKU)
    summary = ("A tractor driver was wounded when his tractor hit an anti-tank mine in the Aghdam district, "
               "the Azerbaijani mine action agency said. "
               "On 2 August a shepherd from the Fuzuli district was also wounded by a mine.")
    found = days(summary, tuesday)
    assert (date(2021, 9, 21), DATE_PUBLISHED) in found
    assert all(day != date(2021, 8, 2) or rule == DATE_OWN for day, rule in found)


def test_a_sentence_before_the_figure_still_gives_it_its_day():
    # the thread reads back: the figure continues the sentence that named the fighting's days
    monday = datetime(2016, 4, 11, 12, 0, tzinfo=BAKU)
    summary = ("Heavy fighting raged along the line of contact on 2 April. "
               "Azerbaijan's Defence Ministry put its losses at 31 servicemen killed.")
    assert days(summary, monday) == [(date(2016, 4, 2), DATE_STORY)]


def test_the_day_a_wounded_woman_died_is_not_the_day_of_the_strike():
    monday = datetime(2020, 10, 12, 12, 0, tzinfo=BAKU)
    summary = ("The Armenian missile strike on Ganja took place on 11 October. On 12 October a woman who was "
               "wounded in the strike died in hospital, bringing the number of civilians killed to ten, "
               "Azerbaijan's prosecutor general's office said.")
    found = days(summary, monday)
    assert found and {day for day, _ in found} == {date(2020, 10, 11)}


def test_a_late_death_keeps_its_own_day_when_nothing_names_an_earlier_one():
    monday = datetime(2020, 10, 12, 12, 0, tzinfo=BAKU)
    summary = ("On 12 October an Azerbaijani soldier died of his wounds in hospital, the Defence Ministry in "
               "Baku said. He had been hit by Armenian fire near Tovuz.")
    found = days(summary, monday)
    assert found and {day for day, _ in found} == {date(2020, 10, 12)}


def test_a_line_of_nothing_but_a_date_and_a_time_is_a_dateline():
    # a recap filed a week after the fighting names no day of its own: grouping must know that
    wednesday = datetime(2023, 9, 27, 16, 0, tzinfo=BAKU)
    for line in ("27 Sep. 16:00 (UTC+3 MSK)", "BAKU, September 27. /AGENCY/."):
        summary = (f"{line}\n\nDuring the recent operation in Karabakh, 192 Azerbaijani servicemen were killed "
                   "and 511 wounded, Azerbaijan's Health Ministry said.")
        assert days(summary, wednesday) == [(date(2023, 9, 27), DATE_PUBLISHED)], line


def test_the_day_a_running_total_began_is_not_the_day_of_the_strike_it_adds():
    thursday = datetime(2020, 10, 29, 18, 0, tzinfo=YEREVAN)
    summary = ("Two civilians were killed and three wounded when Azerbaijani forces fired rockets at Shushi on "
               "Thursday, the Karabakh ombudsman's office said, bringing the number of civilians killed in Karabakh "
               "since 27 September to 45.")
    found = [(c.killed, c.wounded, c.event_date) for c in extract_claims("Border report", summary, thursday)]
    assert (2, 3, date(2020, 10, 29)) in found


def test_of_two_days_the_one_before_a_speech_or_denial_verb_is_the_statements():
    tuesday = datetime(2025, 3, 11, 15, 0, tzinfo=YEREVAN)
    for verb in ("dismissed", "called"):
        summary = (f"Armenia's Defence Ministry on Tuesday {verb} as false a claim by Baku that Armenian units had "
                   "fired at Azerbaijani positions near Kalbajar on Monday night, wounding an Azerbaijani soldier.")
        found = days(summary, tuesday)
        assert found and {day for day, _ in found} == {date(2025, 3, 10)}, verb
