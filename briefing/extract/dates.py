"""The day an event happened, from "on Tuesday", "Monday's blast", "on 24 March", "overnight".

Why relative to the publication time: wires almost never print the full date.  A weekday
means the most recent such day on or before the (local) publication day; a day and month
without a year means the most recent such date not after publication.  Explicit dates
beat weekdays ("said on Thursday ... since the fighting began on 13 September" is the
13th), and "Monday's explosion" beats "said on Tuesday".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}

_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December)"
# "19-20 September", "19 and 20 September" is the first day (the event began then)
_DAY_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?(?:\s*(?:[-–]|and|to|&)\s*\d{1,2}(?:st|nd|rd|th)?)?\s+" + _MONTH + r"(?:\s+(\d{4}))?\b")
_MONTH_DAY = re.compile(r"\b" + _MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4}))?")
_WEEKDAY = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)('s)?\b")
_RELATIVE = re.compile(r"\b(yesterday|today|tonight|overnight|last night|this morning|last week|the day before|a day earlier|the previous day|the previous night)\b", re.I)

_RELATIVE_WORDS = ("yesterday", "today", "tonight", "overnight", "last", "this morning", "the day before", "a day earlier", "previous")

# rank: higher wins when a sentence holds several dates
EXPLICIT, POSSESSIVE, WEEKDAY, SPEECH, RELATIVE = 4, 3, 2, 1.5, 1
_SPEECH_BEFORE = re.compile(r"\b(?:said|says|reported|announced|stated|told [\w-]+|confirmed) $")
_SPEECH = re.compile(r"\b(?:said|says|reported|announced|stated|told [\w-]+|confirmed)(?: late| early)? on $")


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date found in text at character offset `start`."""

    start: int
    day: date
    rank: int


def local_day(published: datetime) -> date:
    """The publication day in the outlet's own offset (what "on Tuesday" is relative to)."""
    return published.date()


def _explicit(day: int, month: int, year: int | None, pub: date) -> date | None:
    try:
        if year:
            return date(year, month, day)
        candidate = date(pub.year, month, day)
        if candidate > pub + timedelta(days=2):
            candidate = date(pub.year - 1, month, day)
        return candidate
    except ValueError:
        return None


def find_dates(text: str, published: datetime) -> list[DateMention]:
    """Every date mention in text, resolved against the publication day."""
    pub = local_day(published)
    out: list[DateMention] = []
    for m in _DAY_MONTH.finditer(text):
        d = _explicit(int(m.group(1)), MONTHS[m.group(2).lower()], int(m.group(3)) if m.group(3) else None, pub)
        if d:
            out.append(DateMention(m.start(), d, EXPLICIT))
    for m in _MONTH_DAY.finditer(text):
        if int(m.group(2)) > 31:
            continue
        d = _explicit(int(m.group(2)), MONTHS[m.group(1).lower()], int(m.group(3)) if m.group(3) else None, pub)
        if d:
            out.append(DateMention(m.start(), d, EXPLICIT))
    for m in _WEEKDAY.finditer(text):
        back = (pub.weekday() - WEEKDAYS[m.group(1).lower()]) % 7
        rank = POSSESSIVE if m.group(2) else WEEKDAY
        if rank == WEEKDAY and text[max(0, m.start() - 6):m.start()].lower() == "since ":
            rank = POSSESSIVE  # "its death toll since Sunday": the episode began then
        if rank == WEEKDAY and _SPEECH.search(text, max(0, m.start() - 30), m.start()):
            rank = SPEECH  # "said on Monday that ... on Sunday": Sunday is the event
        out.append(DateMention(m.start(), pub - timedelta(days=back), rank))
    lower = text.lower()
    relative = any(word in lower for word in _RELATIVE_WORDS)
    for m in _RELATIVE.finditer(text) if relative else ():
        word = m.group(1).lower()
        if word == "yesterday" or word in ("the day before", "a day earlier", "the previous day", "the previous night"):
            d = pub - timedelta(days=1)
        elif word == "last week":
            d = pub - timedelta(days=7)
        else:
            d = pub
        # "last week's fighting" names the event's time; "said on Monday" only the statement's;
        # "the previous day", "a day earlier" always point at the event, "yesterday" unless it
        # dates the statement ("said yesterday")
        if word == "last week" or word in ("the day before", "a day earlier", "the previous day", "the previous night"):
            rank = POSSESSIVE
        elif word == "yesterday":
            rank = SPEECH if _SPEECH_BEFORE.search(text, max(0, m.start() - 20), m.start()) else WEEKDAY
        else:
            rank = RELATIVE
        out.append(DateMention(m.start(), d, rank))
    out.sort(key=lambda mention: mention.start)
    return out


def best_date(mentions: list[DateMention]) -> date | None:
    """The date a sentence is about: highest rank, first in text among equals."""
    best: DateMention | None = None
    for mention in mentions:
        if best is None or mention.rank > best.rank:
            best = mention
    return best.day if best else None
