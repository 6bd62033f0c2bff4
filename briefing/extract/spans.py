"""Stage 2: what each sentence holds, as spans: counts, casualty words, victims, side words,
speakers, speech and denial words, scopes, dates, places, weapons.

Everything language-specific comes from the lexicon's tables; this module only adds what is
the same in every language: digits, joining "twenty-one" and "two hundred", telling a count
from an age or a year, and turning weekday and month words into days.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date, timedelta
from operator import attrgetter

from .events import sentence_day
from .gazetteer import as_of, find_places
from .lexicon import Lexicon
from .records import Sentence, Span
from .text import SEPARATOR

_DIGIT = re.compile(r"\d")  # where the first digit stands: no count starts before it
_DIGITS = re.compile(r"(?<![\w.,:/-])(\d{1,3}(?:,\d{3})+|\d{1,3}(?:[\u00a0\u202f ]\d{3})+(?![\d,.])|\d+)(?![\d:]|[.,]\d|\w)")
_TABLE_KINDS = ("victim", "nationality", "trigger", "authority", "speech", "denial", "scope", "revision",
                "attacker", "target", "boundary", "event", "setting", "participle", "utterance")
_JOIN = re.compile(r"^[\s-]*(?:and\s+)?$")
_START, _END = attrgetter("start"), attrgetter("end")
_GROUPING = re.compile(r"[,\s\u00a0\u202f]")  # what groups a number's digits ("12,000", "12 000")




def table_spans(lexicon: Lexicon, texts: list[str]) -> list[list[Span]]:
    """Every table's spans for each text: one walk over all the texts joined finds every table's
    hits (one call per story, not per table or sentence), and each hit goes back to its own text.

    The lexicon is told the story's sentences too, so the later per-sentence questions (counts,
    dates) are answered from the same walk without reading the sentence again, wherever that
    answer is exactly what reading the sentence alone would give (`Lexicon.remember_sentences`)."""
    joined = SEPARATOR.join(texts)
    starts, position = [], 0
    for text in texts:
        starts.append(position)
        position += len(text) + len(SEPARATOR)
    beyond = position + 1
    out: list[list[Span]] = [[] for _ in texts]
    for kind in _TABLE_KINDS:
        found, rows = lexicon.walked(kind, joined)
        index, begins, ends = 0, 0, (starts[1] if len(starts) > 1 else beyond)
        for hit in found:
            if rows is None:
                row, start, end, words = hit.row, hit.start, hit.end, hit.text
            else:
                (start, end), row, words = hit.span(), rows[hit.lastgroup], hit.group()
            if not begins <= start < ends:  # (hits come in order: mostly in the sentence of the one before)
                index = bisect_right(starts, start) - 1
                begins, ends = starts[index], (starts[index + 1] if index + 1 < len(starts) else beyond)
            if end - begins > len(texts[index]):
                continue  # a hit across two sentences
            out[index].append(Span(kind, start - begins, end - begins, words, row))
    lexicon.remember_sentences(texts, starts, joined)
    return out


def find_spans(lexicon: Lexicon, text: str, index: int, headline: bool, published: date,
               found: list[Span] | None = None) -> Sentence:
    """Every span of one sentence, and the day and scope the sentence speaks of."""
    # (`_topic_edges` makes a new list: the spans handed in stay as they were)
    spans = _compounds(_topic_edges(found if found is not None else table_spans(lexicon, [text])[0], text), text)
    dates = _dates(lexicon, text, published)
    numbers = _numbers(lexicon, text, dates)
    spans += numbers + dates
    spans += [Span("place", m.start, m.end, m.text, None, as_of(m.place, published)) for m in find_places(text)]
    spans.sort(key=_END, reverse=True)  # by start, the longer first: two stable sorts keyed in C
    spans.sort(key=_START)
    scopes = _without_comparisons(_scopes(spans, published), spans, text, lexicon)
    day = sentence_day(spans, text, published, tuple(scopes))
    return Sentence(index, text, headline, tuple(spans), day, scopes[0][2] if scopes else "", tuple(scopes))


def _compounds(spans: list[Span], text: str) -> list[Span]:
    """ "солдата-контрактника", "military-serviceman": two victim words joined by a hyphen are one
    person's noun (the second is its head)."""
    victims = sorted((s for s in spans if s.kind == "victim"), key=_START)
    joined = {}
    for first, second in zip(victims, victims[1:]):
        if text[first.end:second.start] == "-" and first not in joined.values():
            joined[id(first)] = second
    if not joined:
        return spans
    gone = {id(second) for second in joined.values()}
    out = []
    for span in spans:
        if id(span) in gone:
            continue
        second = joined.get(id(span))
        out.append(span if second is None else Span("victim", span.start, second.end, text[span.start:second.end], second.row))
    return out


def _topic_edges(spans: list[Span], text: str) -> list[Span]:
    """A clause edge marked by a word after the phrase it sets apart (az "isə": "..., 40 nəfər isə
    yaralanıb") stands where that phrase begins: at the comma before it, or nowhere at a sentence's start."""
    out = []
    for span in spans:
        if span.kind == "boundary" and span.row.get("after_topic"):
            comma = text.rfind(",", 0, span.start)
            if comma < 0:
                continue
            span = Span("boundary", comma, comma + 1, ",", span.row)
        out.append(span)
    return out


def _without_comparisons(scopes: list[tuple[int, int, str]], spans: list[Span], text: str,
                         lexicon: Lexicon) -> list[tuple[int, int, str]]:
    """ "35 wounded in the largest-scale hostilities since a 1994 truce": a superlative before a
    "since" compares this episode with the past; the years after it are not the figure's time."""
    compared = [(span.start, min(len(text), span.end + 40)) for span in spans
                if span.kind == "scope" and span.row.get("kind") == "since" and lexicon.comparison.search(text, 0, span.start)]
    if not compared:
        return scopes
    return [scope for scope in scopes if not any(start <= scope[0] < end for start, end in compared)]


def _number_value(span_text: str, row) -> int:
    values = row.get("values")
    if isinstance(values, dict):
        value = values.get(span_text.casefold())
        if value is not None:
            return int(value)
    return int(row.get("value", 0))


def _numbers(lexicon: Lexicon, text: str, dates: list[Span]) -> list[Span]:
    """Counts: number words and digits, joined ("twenty-one"), without ages, years and measures."""
    raw: list[Span] = []
    for hit in lexicon.find("number", text):
        raw.append(Span("number", hit.start, hit.end, hit.text, hit.row, _number_value(hit.text, hit.row)))
    first = _DIGIT.search(text)
    for match in _DIGITS.finditer(text, first.start()) if first is not None else ():
        value = int(_GROUPING.sub("", match.group(1)))
        raw.append(Span("number", match.start(), match.end(), match.group(0), None, value))
    if not raw:
        return raw  # (a sentence with no count: nothing to join or to tell from a year or an age)
    raw.sort(key=_START)
    joined: list[Span] = []
    for span in raw:
        if joined and _JOIN.match(text[joined[-1].end:span.start]) and _joins(joined[-1], span):
            last = joined.pop()
            multiply = span.row is not None and span.row.get("multiplier")
            value = last.value * span.value if multiply else last.value + span.value
            span = Span("number", last.start, span.end, text[last.start:span.end], last.row or span.row, value)
        joined.append(span)
    taken = [(d.start, d.end) for d in dates]
    unit = lexicon.tables.get("unit")
    measure = unit.regex if unit is not None and joined else None
    out = []
    for span in joined:
        if any(start <= span.start < end for start, end in taken):
            continue
        if span.row is None and len(span.text) == 4 and span.text.startswith("0"):
            continue  # "at about 0100": a clock time in military style, not a count
        if span.row is None and 1900 <= span.value <= 2100 and "," not in span.text:
            out.append(Span("year", span.start, span.end, span.text, None, span.value))
            continue
        if span.row is None and lexicon.age_before.search(text, max(0, span.start - 40), span.start):
            continue  # "two women, aged 94 and 41": ages
        rest = text[span.end:span.end + 30]
        gap = len(rest) - len(rest.lstrip(" "))
        if measure is not None and measure.match(rest, gap):
            continue
        out.append(span)
    return out


def _joins(left: Span, right: Span) -> bool:
    """ "twenty" + "one", "two" + "hundred": number words that make one number together."""
    if right.row is not None and right.row.get("multiplier"):
        return True
    return (left.row is not None and bool(left.row.get("tens")) and right.row is not None
            and not right.row.get("tens") and 0 < right.value < 10)


def _dates(lexicon: Lexicon, text: str, published: date) -> list[Span]:
    """Days named in the sentence, resolved against the publication day."""
    out: list[Span] = []
    for hit in lexicon.find("date", text):
        kind = hit.row.get("kind")
        if kind == "weekday":
            back = (published.weekday() - _number_value(hit.text, hit.row)) % 7
            out.append(Span("date", hit.start, hit.end, hit.text, hit.row, published - timedelta(days=back)))
        elif kind in ("birth", "document"):
            # "born in 1997": a birth year; "the statement of 10 November 2020": a document's date.
            # Neither is a count, the event's day or an earlier episode
            out.append(Span(kind, hit.start, hit.end, hit.text, hit.row, None))
        elif kind == "days-back":
            out.append(Span("date", hit.start, hit.end, hit.text, hit.row, published - timedelta(days=int(hit.row.get("value", 0)))))
        elif kind == "month":
            month = _number_value(hit.text, hit.row)
            span = _day_of_month(text, hit, month, published)
            if span is not None:
                out.append(span)
            elif month and (published.month - month) % 12 >= 2:
                # "In August" without a day, months before the story: an earlier episode
                out.append(Span("month", hit.start, hit.end, hit.text, hit.row, month))
    documents = [span for span in out if span.kind == "document"]
    if documents:  # the days inside a document's name are the document's
        out = [span for span in out if span.kind == "document"
               or not any(d.start <= span.start and span.end <= d.end for d in documents)]
    return out


_DAY_BEFORE = re.compile(r"(\d{1,2})(?:st|nd|rd|th|-?го|-?е|-?ci|-?cı|-?cu|-?cü|-?ին)?\s*(?:[-–]\s*\d{1,2}\s*)?$")
_DAY_AFTER = re.compile(r"^\.?\s*(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+((?:19|20)\d\d))?")  # "Jan. 7"
_YEAR_AFTER = re.compile(r"^\s*((?:19|20)\d\d)")


def _day_of_month(text: str, hit, month: int, published: date) -> Span | None:
    """ "13 September", "September 13, 2022", "13 сентября": a day; a month alone is no day."""
    before = _DAY_BEFORE.search(text[max(0, hit.start - 8):hit.start])
    after = _DAY_AFTER.match(text[hit.end:hit.end + 12])
    if before:
        day, start = int(before.group(1)), hit.start - (len(text[max(0, hit.start - 8):hit.start]) - before.start())
        year_match = _YEAR_AFTER.match(text[hit.end:hit.end + 6])
        end = hit.end + (year_match.end() if year_match else 0)
        year = int(year_match.group(1)) if year_match else None
    elif after:
        day, start, end = int(after.group(1)), hit.start, hit.end + after.end()
        year = int(after.group(2)) if after.group(2) else None
    else:
        return None
    try:
        found = date(year or published.year, month, day)
    except ValueError:
        return None
    if year is None and found > published + timedelta(days=2):
        found = found.replace(year=found.year - 1)
    return Span("date", start, end, text[start:end], hit.row, found)


def _scopes(spans: list[Span], published: date) -> list[tuple[int, int, str]]:
    """Marks that a figure near them is not the news: a running total, an earlier episode (a
    scope word, an earlier year, a date weeks before), another conflict."""
    out = []
    # "in Aghdam district, liberated from occupation in 2020": an aside on a place's past dates no figure
    asides = [(s.start, s.end) for s in spans if s.kind == "scope" and s.row.get("kind") == "aside"]
    for span in spans:
        if any(start <= span.start < end for start, end in asides):
            continue
        if span.kind == "scope":
            kind = str(span.row.get("kind"))
            if kind != "since":
                out.append((span.start, span.end, kind))
                continue
            # "since 27 September": a running total when that day is more than a week back
            since = next((d for d in spans if d.kind in ("date", "year") and (0 <= d.start - span.end <= 2
                                                                                 or 0 <= span.start - d.end <= 6)), None)
            # "from 12 July till 16 July": a closed span of days is an episode when short, whatever day it is now
            until = next((d for d in spans if d.kind == "date" and since is not None and since.kind == "date"
                          and 0 < d.start - since.end <= 12), None)
            last = until.value if until is not None else published
            if since is not None and (since.kind == "year" or (last - since.value).days > 7):
                out.append((span.start, since.end, "cumulative"))
        elif span.kind == "year" and span.value < published.year:
            out.append((span.start, span.end, "history"))
        elif span.kind == "date" and (published - span.value).days > 21 and not any(
                t.kind == "trigger" and t.row.get("form") == "toll" and t.start <= span.start < t.end for t in spans):
            # (a date inside a toll names its incident: "the toll of the 25 September blast now stands at 218")
            out.append((span.start, span.end, "history"))
        elif span.kind == "month":
            out.append((span.start, span.end, "history"))
    return sorted(out)
