"""Stage 7: what kind of event a claim is about, with which weapons, where.

The event table's rows are in order of precedence: the first row found in the claim's own
sentences names the event type (a mine blast before a drone before a sniper before shelling
before a clash before plain gunfire), and its `kind` keeps mine blasts and non-combat deaths
out of the clash tally. Weapons are every weapon named there; places are the gazetteer's,
as written. Where the claim's sentences name none, the whole story is asked.

The event day is the first day the claim's own sentences name, else the nearest the story's body
names (back first; forward not from a background sentence about an earlier episode), else the day
the claimant spoke, else the publication day; which it was is recorded (`DATE_RULES`), because
incident grouping trusts a named day more than a publication day (a recap published a week
after an offensive names no day of its own). Not every day a sentence names is an event's: a
statement's ("said on Monday"), a dateline's ("YEREVAN, June 28 --") and the day a wounded man
died are not (`sentence_day`, `event_day`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..language import detect_language

from .gazetteer import NOT_LOCATIONS
from .lexicon import load
from .records import Sentence, Span, Why

# How a claim's event day was found, as recorded in its `why` (field "date"): named in its own
# sentences, named elsewhere in the story, or only the publication day.
DATE_OWN, DATE_STORY, DATE_PUBLISHED = "date.own-sentence", "date.story", "date.published"
DATE_STATEMENT = "date.statement"  # no event day named: the day the claimant spoke
DATE_RULES = (DATE_OWN, DATE_STORY, DATE_STATEMENT, DATE_PUBLISHED)


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
        if not sentence.of("place"):
            continue
        names = [(s.start, s.end) for kind in ("authority", "nationality") for s in sentence.of(kind)]
        names += _venues(sentence.text)
        for span in sentence.of("place"):
            if span.value.name.casefold() in NOT_LOCATIONS or span.text in out:
                continue
            if any(start <= span.start and span.end <= end for start, end in names):
                continue
            out.append(span.text)
    return out


def sentence_day(spans: list[Span], text: str, published: date,
                 scopes: tuple[tuple[int, int, str], ...] = ()) -> date | None:
    """The day a sentence's event happened: an explicit date before a weekday before "yesterday".
    Two kinds of day name no event: a statement's day ("said on Monday"; of several days, one right
    before a speech or denial word, "on Tuesday rejected a claim that ... on Monday") and a
    dateline's ("YEREVAN, June 28." at the head of a wire story: the day it was filed). A day inside a running
    total's mark ("bringing the toll since 27 September to 45") gives way to one outside it ("killed
    on Thursday"): it is when the count began, not this event's day."""
    dates = [span for span in spans if span.kind == "date"]
    if not dates:
        return None
    alone = _only_dates(dates, text)
    told = [span for span in dates if not _statement_day(span, spans, text)
            and not ((alone or _dateline(span, text, published)) and 0 <= (published - span.value).days <= 1)]
    if not told:
        return None
    if len({span.value for span in told}) > 1:
        # of several days, one right before a speech word is the statement's ("the ministry on
        # Tuesday called untrue a claim that its units fired on Monday")
        told = [span for span in told if not _spoken(span, spans, text)] or told
    outside = [span for span in told if not any(start <= span.start and span.end <= end
                                                 for start, end, kind in scopes if kind == "cumulative")]
    return max(outside or told, key=_rank).value


def _spoken(span: Span, spans: list[Span], text: str) -> bool:
    """A day right before a speech or denial word ("on Tuesday called", "on Sunday rejected", "17
    октября сообщает", "29-ին հայտարարել", a case ending between)."""
    return any(other.kind in ("speech", "denial") and other.start >= span.end
               and _BEFORE_SPEECH.fullmatch(text, span.end, other.start) for other in spans)


_BEFORE_SPEECH = re.compile(r"(?:-\w{1,4})?\s+")


def _rank(span: Span) -> int:
    """An explicit date outranks a weekday, which outranks "yesterday" and the like."""
    return _DAY_RANK.get(span.row.get("kind") if span.row is not None else "", 1)


_DAY_RANK = {"month": 3, "weekday": 2}


def _statement_day(span: Span, spans: list[Span], text: str) -> bool:
    """A day right after a speech word ("said on Monday", "said Monday")."""
    return any(other.kind == "speech" and 0 <= span.start - other.end <= 4 for other in spans)


def _dateline(span: Span, text: str, published: date) -> bool:
    """ "10 October 2005 -- ...", "BAKU, October 12. /TASS/.", "YEREVAN, JUNE 28, ARMENPRESS.",
    "Sept 21 (Agency) - ...": a date opening the sentence (after, at most, a city in capitals and a
    comma; before, at most, an agency in brackets) and set off by a dash, a slash, a full stop or a
    comma (within a day of publication: when the story was filed)."""
    return bool(_DATELINE_BEFORE.fullmatch(text, 0, span.start) and _DATELINE_AFTER.match(text, span.end))


def _only_dates(dates: list[Span], text: str) -> bool:
    """A line of nothing but days, times and a few words in capitals ("27 Sep. 16:00 (UTC+3 MSK)",
    "BAKU, October 12. /TASS/."): a dateline by itself, whatever its order."""
    rest, end = [], 0
    for span in sorted(dates, key=lambda span: span.start):
        rest.append(text[end:span.start])
        end = max(end, span.end)
    rest.append(text[end:])
    words = _WORD.findall(" ".join(rest))
    return len(words) <= 3 and not any(word != word.upper() for word in words)


_WORD = re.compile(r"[^\W\d_]{2,}")


_DATELINE_BEFORE = re.compile(r"\s*(?:[^\W\d_][^\W\d_a-zа-яёա-ֆ]+(?:[ -][^\W\d_][^\W\d_a-zа-яёա-ֆ]+)?,\s*)?")
_DATELINE_AFTER = re.compile(
    r"\s*(?:\([^()]{2,30}\)\s*)?"  # "(Agency)"
    r"(?:(?:--?|[—–])\s"  # "--", "—"
    r"|[.,](?:\s*(?:/|[^\W\d_a-zа-яёա-ֆ]{2,}|\d{1,2}:\d\d)|\s*$))"  # ". /TASS/", ", ARMENPRESS", ". 16:00"
)


def event_day(own: list[Sentence], story: list[Sentence], published: date) -> tuple[date, Why]:
    """The day the claim's event happened, and the rule that found it (never after publication)."""
    first = min((s.index for s in own), default=0)
    body = [s for s in story if not s.headline]
    # a claim's sentence with no day continues the thread of the closest sentence before it that
    # names one ("Baku put its losses over the four days at 31" after "the fighting of 2-5 April")
    # ... and else the next that does, but not a background sentence after it about an earlier
    # episode ("On 29 August another resident was hurt by a mine"): its day is that episode's
    thread = (sorted((s for s in body if s.index < first), key=lambda s: -s.index)
              + [s for s in body if s.index > first and not _dated_back(s)])
    # the day a wounded man died ("On 12 October a woman wounded in the strike died in hospital")
    # is not the attack's: an earlier day the claim's or the story's sentences name is
    late = next((s for s in own if _named(s, published) and _late_death(s)), None)
    named = next(((rule, s) for rule, sentences in ((DATE_OWN, own), (DATE_STORY, thread)) for s in sentences
                  if s is not late and _named(s, published)), None)
    if named is not None and (late is None or named[1].day <= late.day):
        rule, sentence = named
    elif late is not None:
        rule, sentence = DATE_OWN, late
    else:
        rule, sentence = DATE_PUBLISHED, None
    if sentence is not None:
        day = _night_end(sentence, sentence.day, published)
        return day, Why("date", day.isoformat(), rule, sentence.text[:60])
    for sentence in own + thread:
        # no day of the event anywhere: the day the claimant spoke ("said on Wednesday", in a
        # story filed after midnight) is nearer to it than the publication day
        said = [span for span in sentence.of("date") if span.value <= published
                and _statement_day(span, sentence.spans, sentence.text)]
        if said:
            day = max(said, key=_rank).value
            return day, Why("date", day.isoformat(), DATE_STATEMENT, sentence.text[:60])
    return published, Why("date", published.isoformat(), DATE_PUBLISHED)


def _named(sentence: Sentence, published: date) -> bool:
    return sentence.day is not None and sentence.day <= published


def _late_death(sentence: Sentence) -> bool:
    """A death of wounds received earlier (the `grouping` table's "late-death" rows)."""
    hits = load(detect_language(sentence.text)).find("grouping", sentence.text)
    return any(hit.row.get("kind") == "late-death" for hit in hits)


def _dated_back(sentence: Sentence) -> bool:
    """The sentence is about an earlier episode because of a day it names weeks back (the spans
    stage marks such a date as history): "On 29 August another resident was hurt by a mine"."""
    return any(kind == "history" and any(d.start == start for d in sentence.of("date"))
               for start, _, kind in sentence.scopes)


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
