"""The records the extractor's stages hand to each other; none is changed after it is made.

text -> `Sentence`s (each with its `Span`s) -> `Mention`s (a figure, a role, its victims) ->
`Reading`s (a mention with its claimant and side, each decided by a named rule) -> `Claim`s.
Every decision carries the id of the table row or stage rule that made it (`Why`), which is
what `briefing extract --explain` prints and the incidents screen shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .lexicon import Row
from .quick import quick_init


@quick_init
@dataclass(frozen=True, slots=True)
class Span:
    """A piece of a sentence a table (or the number reader, dates or the gazetteer) recognised."""

    kind: str  # a table name, or "place"
    start: int
    end: int
    text: str
    row: Row | None = None
    value: object = None  # a count, a side, a date, a place...

    @property
    def rule(self) -> str:
        return self.row.key if self.row is not None else f"{self.kind}"


@quick_init
@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a story (the headline is sentence 0) and everything found in it."""

    index: int
    text: str
    headline: bool
    spans: tuple[Span, ...] = ()
    day: date | None = None  # the event day this sentence names, if any
    scope: str = ""  # cumulative | history | elsewhere: the first mark found (the sentence's tone)
    # where those marks stand: (start, end, kind); a mark reaches the figures near it only
    scopes: tuple[tuple[int, int, str], ...] = ()
    # the spans filed by kind, made once: the stages ask `of` a few dozen times per sentence
    _by_kind: dict[str, tuple[Span, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_kind: dict[str, list[Span]] = {}
        for span in self.spans:
            by_kind.setdefault(span.kind, []).append(span)
        object.__setattr__(self, "_by_kind", {kind: tuple(found) for kind, found in by_kind.items()})

    def of(self, kind: str) -> tuple[Span, ...]:
        """The sentence's spans of one kind, in order (the record's own tuple: the stages ask this
        a hundred times a story, and a new list each time cost more than reading it)."""
        return self._by_kind.get(kind, ())


@quick_init
@dataclass(frozen=True, slots=True)
class Why:
    """One decision: which field, what it became, by which rule, on which words."""

    field: str
    value: str
    rule: str
    words: str = ""
    confidence: float = 1.0


@quick_init
@dataclass(frozen=True, slots=True)
class Mention:
    """A casualty figure as read in one sentence: how many, killed or wounded, whose people."""

    sentence: int
    role: str  # killed | wounded | casualties | zero
    count: int  # -1: vague ("dozens")
    start: int
    victim: str = "person"  # armed | civilian | peacekeeper | monitor | person
    nationality: str = ""  # a side word in the victim phrase: Armenia, Azerbaijan, Karabakh, Russia, own
    fixed_side: str = ""  # the victim word's own side ("peacekeepers": Russia)
    head: str = ""  # the victim word as written (parts "30 soldiers and 5 police" add up)
    old: bool = False  # "up from 7": an earlier figure
    subset: bool = False  # "including two officers": a part of a figure already given
    denial: bool = False  # a zero that answers someone else's claim
    why: tuple[Why, ...] = ()
    contrast: bool = False  # counts "civilians" as against soldiers: as a part, it splits a total
    rough: bool = False  # "about 30": a rounded figure


@quick_init
@dataclass(frozen=True, slots=True)
class Reading:
    """A mention with its claimant and side decided."""

    mention: Mention
    claimant: str
    side: str
    why: tuple[Why, ...] = field(default_factory=tuple)

    @property
    def confidence(self) -> float:
        out = 1.0
        for why in self.why:
            out *= why.confidence
        return round(out, 3)
