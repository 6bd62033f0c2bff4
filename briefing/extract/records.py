"""The two records the stages pass around: a `Sentence` and a `Mention`.

Why: every stage reads the same tokenised sentence (words, lower-cased tokens, masked
asides, anchors) and produces or edits the same figure records; defining them apart from
the stages keeps the imports one-way.  Places and dates are looked up lazily, because most
sentences never need them (speed target: >= 2,000 stories/s).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from .attribution import Anchor
from .dates import DateMention, find_dates
from .gazetteer import PlaceMatch, find_places


@dataclass(slots=True)
class Mention:
    """One casualty figure read from one sentence."""

    field: str  # "killed" | "wounded" | "zero"
    value: int
    sentence: int
    claimant: str
    side: str
    high: int | None = None
    more: bool = False
    split_civilians: int = 0  # "207 people, three of them civilians"
    group: int = -1  # figures joined by "and" under one verb are added up
    # for generic victims ("200 people"): the sides to use if a later "of the dead, ten
    # were civilians" splits the figure
    armed_side: str | None = None
    civil_side: str | None = None
    denial: bool = False  # a zero from a denial ("rejected the report as disinformation")
    superseded: bool = False  # "initially reported two dead": replaced by a later figure
    part: int = -1  # in a sentence with a shifted clause: 1 inside it, 0 outside
    pos: int = -1  # token index of the figure in its sentence
    incident: int = 0  # > 0: a separate incident told in the same story ("Hours later, in Fuzuli, ...")
    unsourced: bool = False  # said by nobody we can name ("a relative said"): a later authority may own it
    day: date | None = None  # "the 11 October strike killed 10, and the 17 October strike 13": its own day


@dataclass(slots=True)
class Sentence:
    """A sentence with its tokens, places, dates, anchors and the claimant it speaks for."""

    index: int
    text: str
    words: list[str]
    low: list[str]
    masked: list[bool]
    published: datetime
    anchors: list[Anchor] = field(default_factory=list)
    claimants: set[str] = field(default_factory=set)
    skip: bool = False
    lower: str = ""
    splits: list[tuple[int, int]] = field(default_factory=list)  # (token of a civilian split, civilians)
    after_colon: int = -1  # token index of a ':' (elaborations after it are subsets)
    _places: list[PlaceMatch] | None = None
    _dates: list[DateMention] | None = None
    dropped: tuple[int, int] | None = None  # character span of a running total's clause
    # "A day after an Azerbaijani soldier was wounded ..., the ministry said on Wednesday that
    # ...": the clause's events happened `shift_days` before the rest of the sentence
    shift_span: tuple[int, int] | None = None
    shift_tokens: tuple[int, int] = (0, 0)
    shift_days: int = 0

    def part_text(self, part: int) -> str:
        """The shifted clause (part 1), the rest of the sentence (part 0), or all of it (-1)."""
        if self.shift_span is None or part < 0:
            return self.text
        lo, hi = self.shift_span
        return self.text[lo:hi] if part == 1 else self.text[:lo] + self.text[hi:]

    def part_places(self, part: int) -> list[PlaceMatch]:
        if self.shift_span is None or part < 0:
            return self.places
        lo, hi = self.shift_span
        return [p for p in self.places if (lo <= p.start < hi) == (part == 1)]

    # Places and dates are looked up only for sentences that need them (speed).
    @property
    def places(self) -> list[PlaceMatch]:
        if self._places is None:
            self._places = find_places(self.text)
            if self.dropped is not None:
                lo, hi = self.dropped
                self._places = [p for p in self._places if not lo <= p.start < hi]
        return self._places

    @property
    def dates(self) -> list[DateMention]:
        if self._dates is None:
            self._dates = find_dates(self.text, self.published)
            if self.dropped is not None:
                # dates inside a running total's clause ("since 27 September") are not the event's
                lo, hi = self.dropped
                self._dates = [d for d in self._dates if not lo <= d.start < hi]
        return self._dates
