"""Stage 7: what kind of event a claim is about, with which weapons, where.

The event table's rows are in order of precedence: the first row found in the claim's own
sentences names the event type (a mine blast before a drone before a sniper before shelling
before a clash before plain gunfire), and its `kind` keeps mine blasts and non-combat deaths
out of the clash tally. Weapons are every weapon named there; places are the gazetteer's,
as written. Where the claim's sentences name none, the whole story is asked.

The event day is the first day the claim's own sentences name, else the first the story's body
names, else the publication day; which of the three it was is recorded (`DATE_RULES`), because
incident grouping trusts a named day more than a publication day (a recap published a week
after an offensive names no day of its own).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..language import detect_language

from .gazetteer import NOT_LOCATIONS
from .lexicon import load
from .records import Sentence, Why

# How a claim's event day was found, as recorded in its `why` (field "date"): named in its own
# sentences, named elsewhere in the story, or only the publication day.
DATE_OWN, DATE_STORY, DATE_PUBLISHED = "date.own-sentence", "date.story", "date.published"
DATE_RULES = (DATE_OWN, DATE_STORY, DATE_PUBLISHED)


@dataclass(frozen=True, slots=True)
class EventDescription:
    event_type: str = "armed clash"
    kind: str = "combat"
    weapons: list[str] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)


def _event_spans(sentences: list[Sentence]):
    return [span for sentence in sentences if not sentence.scope for span in sentence.of("event")]


def describe(own: list[Sentence], story: list[Sentence]) -> EventDescription:
    spans = _event_spans(own) or _event_spans(story)
    weapons: list[str] = []
    for span in spans:
        weapon = span.row.get("weapon")
        if weapon and weapon not in weapons:
            weapons.append(weapon)
    event_type, kind = "armed clash", "combat"
    if spans:
        first = min(spans, key=lambda span: span.row.get("rank", 99))
        event_type = first.row.get("event", "armed clash")
        kind = first.row.get("kind", "combat")
    places = _places(own) or _places([s for s in story if not s.scope])
    return EventDescription(event_type, kind, weapons, places)


def _places(sentences: list[Sentence]) -> list[str]:
    """Places as written, but not a place that names a speaker or a side ("Karabakh's Defence
    Army", "the Artsakh ombudsman", "Nagorno-Karabakh forces"): that is who, not where; nor one
    where people met or fled to."""
    out: list[str] = []
    for sentence in sentences:
        names = [(s.start, s.end) for s in sentence.spans if s.kind in ("authority", "nationality")]
        if sentence.of("place"):
            names += _venues(sentence.text)
        for span in sentence.of("place"):
            if span.value.name.casefold() in NOT_LOCATIONS or span.text in out:
                continue
            if any(start <= span.start and span.end <= end for start, end in names):
                continue
            out.append(span.text)
    return out


def event_day(own: list[Sentence], story: list[Sentence], published: date) -> tuple[date, Why]:
    """The day the claim's event happened, and the rule that found it (never after publication)."""
    first = min((s.index for s in own), default=0)
    body = [s for s in story if not s.headline]
    # a claim's sentence with no day continues the thread of the closest sentence before it that
    # names one ("Baku put its losses over the four days at 31" after "the fighting of 2-5 April")
    thread = sorted((s for s in body if s.index < first), key=lambda s: -s.index) + [s for s in body if s.index > first]
    for rule, sentences in ((DATE_OWN, own), (DATE_STORY, thread)):
        for sentence in sentences:
            if sentence.day is not None and sentence.day <= published:
                day = _night_end(sentence, sentence.day, published)
                return day, Why("date", day.isoformat(), rule, sentence.text[:60])
    return published, Why("date", published.isoformat(), DATE_PUBLISHED)


def _venues(text: str) -> list[tuple[int, int]]:
    """Where people met, talked or fled to ("talks in Yevlakh", "left for Barda"): the `grouping`
    table's "venue" rows; a place there is not where the figure fell."""
    out = []
    for hit in load(detect_language(text)).find("grouping", text):
        if hit.row.get("kind") == "venue":  # "talks were held in" + the place right after
            after = _PLACE_AFTER.match(text, hit.end)
            out.append((hit.end, after.end() if after else hit.end))
        elif hit.row.get("kind") == "venue-before":  # "В Евлахе прошла встреча": the place inside
            out.append((hit.start, hit.end))
    return out


_PLACE_AFTER = re.compile(r"\s*\S+(?:[ -]\S+)?")


_DAY_NUMBER = re.compile(r"\d{1,2}")


def _night_end(sentence: Sentence, day: date, published: date) -> date:
    """ "On the night of 12-13 September" names the 12th; the night is dated by the day it
    ended, as an overnight attack is (the `grouping` table's "night-end" rows)."""
    lexicon = load(detect_language(sentence.text))
    for hit in lexicon.find("grouping", sentence.text):
        if hit.row.get("kind") != "night-end":
            continue
        numbers = [int(n) for n in _DAY_NUMBER.findall(hit.text)[:2]]
        after = day + timedelta(days=1)
        if len(numbers) == 2 and numbers == [day.day, after.day] and after <= published:
            return after
    return day
