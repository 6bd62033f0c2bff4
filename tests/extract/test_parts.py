"""The small building blocks: numbers, places, attribution, dates, keywords."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from briefing.extract.attribution import classify, find_anchors
from briefing.extract.dates import best_date, find_dates
from briefing.extract.gazetteer import find_places, load, sectors_of
from briefing.extract.numbers import parse_count, tokenize


@pytest.mark.parametrize("text, value, high", [
    ("three soldiers", 3, None),
    ("Twenty-one civilians", 21, None),
    ("1,615 servicemen", 1615, None),
    ("at least 49 soldiers", 49, None),
    ("one hundred and five soldiers", 105, None),
    ("5 to 7 soldiers", 5, 7),
    ("between five and seven soldiers", 5, 7),
    ("a dozen soldiers", 12, None),
])
def test_counts(text, value, high):
    count = parse_count(text)
    assert count is not None and (count.value, count.high) == (value, high)


@pytest.mark.parametrize("text", ["a 76-year-old man", "the 44-day war", "3.5 kilometres", "at 3:40 a.m.",
                                  "on 13 September", "the 58th kilometre", "dozens of soldiers"])
def test_measures_are_not_counts(text):
    assert parse_count(text) is None


def test_gazetteer_is_big_and_has_sectors():
    gaz = load()
    assert len(gaz.places) >= 150
    assert {"armenia", "azerbaijan", "karabakh"} == {p.side for p in gaz.places}
    assert sectors_of(["Sotk"]) & sectors_of(["Kalbajar"])
    assert sectors_of(["Tegh"]) & sectors_of(["Lachin"])
    assert sectors_of(["Tavush"]) & sectors_of(["Tovuz"])
    assert sectors_of(["Yeraskh"]) & sectors_of(["Nakhchivan"])


def test_find_places_keeps_the_spelling_written():
    found = [m.text for m in find_places("Residents of Verin Shorzha and Kelbajar's villages near the Lachin corridor")]
    assert found == ["Verin Shorzha", "Kelbajar", "Lachin corridor"]


@pytest.mark.parametrize("subject, claimant", [
    ("Armenia's Defence Ministry", "Armenia"),
    ("Baku", "Azerbaijan"),
    ("Nagorno-Karabakh's Defence Army", "Karabakh"),
    ("Karabakh ombudsman Gegham Stepanian", "Karabakh"),
    ("Russian Foreign Ministry spokeswoman Maria Zakharova", "Russia"),
    ("The EU Mission in Armenia", "EU"),
    ("Human Rights Watch", "other"),
    ("the Prosecutor General's Office", "Azerbaijan"),
    ("Armenia's Investigative Committee", "Armenia"),
])
def test_classify_subjects(subject, claimant):
    assert classify([w.lower() for w in tokenize(subject)]) == claimant


def test_anchors_find_inverted_and_according_to():
    words = tokenize("A man was hurt, said Anna Petrosyan, a spokeswoman for the mining company.")
    assert [a.claimant for a in find_anchors(words, [w.lower() for w in words])] == ["other"]
    words = tokenize("Two soldiers died, according to Moscow.")
    assert [a.claimant for a in find_anchors(words, [w.lower() for w in words])] == ["Russia"]
    words = tokenize("Azerbaijan's Defence Ministry denied the report.")
    anchors = find_anchors(words, [w.lower() for w in words])
    assert anchors[0].deny and anchors[0].claimant == "Azerbaijan"


def test_dates_relative_to_publication():
    published = datetime(2023, 5, 17, 18, 0, tzinfo=timezone(timedelta(hours=4)))  # Wednesday
    assert best_date(find_dates("said on Tuesday", published)) == date(2023, 5, 16)
    assert best_date(find_dates("in Monday's blast, the ministry said on Wednesday", published)) == date(2023, 5, 15)
    assert best_date(find_dates("said on Wednesday that fighting began on 13 May", published)) == date(2023, 5, 13)
    assert best_date(find_dates("on 28 December", published)) == date(2022, 12, 28)

