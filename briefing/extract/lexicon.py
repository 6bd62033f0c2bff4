"""The extractor's rules as data: one TOML file of tables per language in `lexicon/`.

Why tables: a rule written as a branch in code can only be found by reading the code, and grows
special cases; a row with an id, a pattern, its reading and its own examples can be listed,
tested (every example runs through the whole extractor in the test suite), counted (which rows
never fire on any corpus) and shown to a reader (`briefing extract --explain`). A language is one
more file with the same tables; the stages that read them know no language.

Matching: each table compiles into one regular expression whose alternatives are tried longest
first, so "died of his wounds" wins over "died" whichever row holds it; whole words only.

A row's pattern may name another row's as `{table.id}` ("Karabakh army" is a side word only
before `{victim.soldier}`): a list of words that two rules need is kept in the one row it
belongs to and written out, as a group, where the other names it (`_with_references`).
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Callable, Iterable

from .matcher import (Dispatch, TableIndex, dispatch, finder, index_table, looks_around, may_match,
                      possessive_tail, refers_back, scan, structure)
from .matcher import bounded as whole_words
from .quick import quick_init

TABLES = (
    "number", "unit", "victim", "nationality", "trigger", "authority", "speech", "denial", "scope",
    "revision", "attacker", "target", "boundary", "event", "date", "relevance", "setting", "participle",
    "utterance", "grouping",
)
LANGUAGES = ("en", "ru", "az", "hy")
# tables the stages ask of single sentences only (counts): where a row looks around its match, the
# sentence is scanned for them alone, so the walk over a whole story leaves them out
SENTENCE_TABLES = frozenset({"number"})


@dataclass(frozen=True, slots=True)
class Row:
    """One rule: where it came from, what it matches and what a match means."""

    table: str
    id: str
    pattern: str
    reading: dict[str, Any]
    examples: tuple[str, ...] = ()
    # `row.get(name, default)`: what the reading says. The reading's own `dict.get`, bound once: the
    # stages ask rows a hundred times a story, and a method of ours around it cost a call more each time
    get: Callable[..., Any] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "get", self.reading.get)

    @property
    def key(self) -> str:
        """The id shown to people: `en.trigger.killed`."""
        return f"{self.reading.get('language', '')}.{self.table}.{self.id}".lstrip(".")


@quick_init
@dataclass(frozen=True, slots=True)
class Hit:
    """A table row found in a text: offsets, the words as written and the row."""

    row: Row
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Table:
    """The rows of one table of one language, compiled into one expression (and, for speed, into
    groups filed by how their alternatives start: `matcher.py`)."""

    name: str
    rows: list[Row] = field(default_factory=list)
    source: str | None = None  # the one expression, compiled on first use (`regex`): most runs never need it
    by_group: dict[str, Row] = field(default_factory=dict)
    index: TableIndex | None = None  # None: scanned with `regex` (a unit, or an alternative matching nothing)
    plan: Dispatch | None = None
    self_contained: bool = False  # no rule looks at the text around its match (lookarounds, anchors)
    # the rules that look outside their match ("he" before "died"), each as its own expression, and
    # where any of them may start (`matcher.finder`); None when one may start anywhere or refers back
    probes: tuple[re.Pattern[str], ...] | None = None
    probe_starts: re.Pattern[str] | None = None

    @property
    def regex(self) -> re.Pattern[str] | None:
        return None if self.source is None else _compiled(self.source)

    def finditer(self, text: str) -> list[Hit]:
        if self.source is None:
            return []
        if self.plan is not None:
            return self.hits(scan(self.plan, text)[0])
        return self.hits(m for m in self.regex.finditer(text) if m.lastgroup)

    def hits(self, matches: Iterable[re.Match[str]]) -> list[Hit]:
        by_group = self.by_group
        return [Hit(by_group[m.lastgroup], m.start(), m.end(), m.group(0)) for m in matches]  # type: ignore[index]


@dataclass(slots=True)
class Lexicon:
    """All tables of one language."""

    language: str
    tables: dict[str, Table]
    # how a plural victim word ends ("soldiers", "servicemen"): a singular one is one victim
    plural: re.Pattern[str] = re.compile(r"(?!)")
    # words that join two figures ("killed two and wounded three"): a count after one of
    # these belongs to the next casualty word, not to the one before
    conjunction: re.Pattern[str] = re.compile(r"(?!)")
    # words that may stand between a toll and its figure ("the toll ... has reached 10")
    toll_link: re.Pattern[str] = re.compile(r"(?!)")
    # "at least", "more than": words before a count that do not change it
    approx: re.Pattern[str] = re.compile(r"(?!)")
    # what joins two counted victim phrases into one figure ("two soldiers and a police officer")
    coordination: re.Pattern[str] = re.compile(r"(?!)")
    # which word of a victim phrase is its head, the one that says singular or plural:
    # "last" ("contract soldiers") or "first" ("военнослужащий срочной службы")
    head_word: str = "last"
    # the possessor stands before the count ("Azərbaycan Ordusunun əlli hərbçisi"): a side word just
    # before a count names whose people it counts
    side_before_count: bool = False
    # "about this, the ministry reported": a closing attribution that speaks for the figures before it
    about_this: re.Pattern[str] = re.compile(r"(?!)")
    # "about 30", "almost 80": a rounded figure, which an exact one close below it replaces
    rough: re.Pattern[str] = re.compile(r"(?!)")
    # "the worst fighting since the 1994 truce": a superlative before "since" compares, it does not
    # open a running total or an earlier episode
    comparison: re.Pattern[str] = re.compile(r"(?!)")
    # "the Defence Ministry in Baku": the word that puts an authority in its capital
    seat: re.Pattern[str] = re.compile(r"(?!)")
    # "the fighting reportedly also claimed two civilians": the outlet's own hedged voice, which an
    # earlier sentence's speaker does not carry over to
    hedge: re.Pattern[str] = re.compile(r"(?!)")
    # "killed or wounded": the word that makes two casualty words one unsplit figure
    either: re.Pattern[str] = re.compile(r"(?!)")
    # a possessor noun's case ending ("erməni hərbi dəstəsinin altı üzvü", six members of the Armenian
    # detachment): the side word before such a noun names whose people the count after it are
    genitive: re.Pattern[str] = re.compile(r"(?!)")
    # the word that ends a full name ("Həsənov Amid Hüseyn oğlu"): a patronymic written in lower case
    name_end: str = "(?!)"
    # "с азербайджанской стороны двое погибли", "on the Azerbaijani side, two dead": the word for a
    # side after a side word that names whose the figures after it are
    side_noun: re.Pattern[str] = re.compile(r"(?!)")
    # "şəhid atası" (the martyr's father): a relative named after a word for the dead is no victim
    kin: re.Pattern[str] = re.compile(r"(?!)")
    # "two women, aged 94 and 41": the word before ages; the numbers after it are no counts
    age_before: re.Pattern[str] = re.compile(r"(?!)")
    # "among the civilians, two were killed", "խաղաղ բնակչության շրջանում 2 զոհ": the word that makes the
    # people named before a count (after it, where it is a postposition: `among_after`) the count's people
    among_before: re.Pattern[str] = re.compile(r"(?!)")
    among_after: re.Pattern[str] = re.compile(r"(?!)")

    def is_plural(self, victim_words: str) -> bool:
        words = victim_words.split()
        if not words:
            return False
        return bool(self.plural.search(words[0] if self.head_word == "first" else words[-1]))

    # the last text walked, each indexed table's matches in it, and those already made into hits
    _last: tuple[str, dict[str, list[re.Match[str]]], dict[str, list[Hit]]] = ("\x00", {}, {})
    _plan: tuple[list[Table], Dispatch] | None = None
    # what the last story's sentences hold, per table, as read by one walk over the whole story:
    # worked out for a table when a stage first asks a sentence for it (`_split`)
    # (a table's entry is None where the sentence must be read alone)
    _sentences: dict[str, dict[str, list[Hit] | None]] = field(default_factory=dict)
    _story: tuple[list[str], list[int], tuple[str, dict[str, list[re.Match[str]]], dict[str, list[Hit]]]] | None = None
    # each sentence's place(s) in the last story, and each table's hits per sentence from its walk
    _indices: dict[str, list[int]] = field(default_factory=dict)
    _split_tables: dict[str, tuple[list[list[Hit]], set[int]] | None] = field(default_factory=dict)
    # tables asked together whether they match at all (`holds`), walked as one plan (None: not quickly)
    _quick: dict[tuple[str, ...], Dispatch | None] = field(default_factory=dict)

    def find(self, table: str, text: str) -> list[Hit]:
        """A table's hits in a text: leftmost, non-overlapping, the longest alternative at a place."""
        known = self._sentences.get(text)
        if known is not None:
            split = known[table] if table in known else self._from_walk(table, text, known)
            if split is not None:
                return split
        found = self.tables.get(table)
        if found is None:
            return []
        if found.index is None or known is not None or not self._walked(found):
            # a sentence of the story just walked: only this table is asked of it (a number row
            # looks around its match), so only this table is scanned
            return found.finditer(text)
        _, matches, hits = self._walk(text)
        if table not in hits:
            hits[table] = found.hits(matches[table])
        return hits[table]

    def found(self, table: str, text: str) -> list[tuple[Row, int, int, str]]:
        """A table's hits in a text as (row, start, end, words), as `find` gives them; where the walk
        over the text has them and no `Hit` was made yet, straight from its matches (a story's spans
        need no more, and making a record of each hit first cost as much as the spans)."""
        found = self.tables.get(table)
        if found is not None and self._walked(found) and text not in self._sentences:
            _, matches, hits = self._walk(text)
            if table not in hits:
                rows = found.by_group
                return [(rows[m.lastgroup], m.start(), m.end(), m.group()) for m in matches[table]]  # type: ignore[index]
        return [(hit.row, hit.start, hit.end, hit.text) for hit in self.find(table, text)]

    def walked(self, table: str, text: str) -> tuple[list[Any], dict[str, Row] | None]:
        """A table's hits in a text from the walk over it: the walk's matches with the table's rows
        by group name, or, for a table the walk does not read, its `Hit`s (rows None). What `found`
        gives, without a tuple made for each hit first (a story's spans are made straight from these)."""
        known = self.tables.get(table)
        if known is not None and self._walked(known) and text not in self._sentences:
            return self._walk(text)[1][table], known.by_group
        return self.find(table, text), None

    def holds(self, text: str, *tables: str) -> bool:
        """Does any of the tables match anywhere in the text? Where the text was not walked yet, a
        quick look settles it (`matcher.may_match`: word by word, stopping at the first match),
        and the walk over every table is left for a text that turns out to need it: most stories
        hold no casualty word, and for them that look is all the reading they get."""
        if text != self._last[0]:
            if tables not in self._quick:
                self._quick[tables] = self._quick_plan(tables)
            plan = self._quick[tables]
            if plan is not None:
                return may_match(plan, text)
        return any(self.found(name, text) for name in tables)

    def _quick_plan(self, names: tuple[str, ...]) -> Dispatch | None:
        """One plan for a few tables (None where a table is not indexed or may start anywhere)."""
        tables = [self.tables.get(name) for name in names]
        if any(table is None or table.index is None for table in tables):
            return None
        plan = dispatch([table.index for table in tables])  # type: ignore[union-attr,misc]
        return None if plan.anywhere else plan

    def find_all(self, text: str) -> dict[str, list[Hit]]:
        """Every indexed table's hits in one walk over the text (hits of different tables may overlap);
        the last text's are remembered, so asking for several tables of one text reads it once."""
        _, matches, hits = self._walk(text)
        for name, found in matches.items():
            if name not in hits:
                hits[name] = self.tables[name].hits(found)
        return dict(hits)

    def _walk(self, text: str) -> tuple[str, dict[str, list[re.Match[str]]], dict[str, list[Hit]]]:
        if text == self._last[0]:
            return self._last
        if self._plan is None:
            indexed = [t for t in self.tables.values() if self._walked(t)]
            self._plan = (indexed, dispatch([t.index for t in indexed]))  # type: ignore[misc]
        indexed, plan = self._plan
        self._last = (text, {t.name: found for t, found in zip(indexed, scan(plan, text))}, {})
        return self._last

    @staticmethod
    def _walked(table: Table) -> bool:
        """Is the table read in the walk over a whole text?"""
        return table.index is not None and (table.probes is not None or table.name not in SENTENCE_TABLES)

    def remember_sentences(self, texts: list[str], starts: list[int], joined: str) -> None:
        """The sentences of a story just walked as one text (`joined`, each sentence starting at its
        offset in `starts`), for `find` to answer a sentence's questions from that walk (the last
        story's only)."""
        self._story = (texts, starts, self._walk(joined))
        self._sentences = {text: {} for text in texts}
        self._indices = {}
        for index, text in enumerate(texts):
            self._indices.setdefault(text, []).append(index)
        self._split_tables = {}

    def _from_walk(self, name: str, text: str, known: dict[str, list[Hit] | None]) -> list[Hit] | None:
        """A table's hits in a sentence of the last story, from the walk over the whole story,
        wherever that is exactly what reading the sentence alone would give: none of its hits runs
        across the sentence's edge, and its rules that look outside their match match at the same
        places, to the same ends, in the sentence alone and in the story (a rule that looks ahead
        across the sentence's end, or behind across its start, may not); None where it is not.
        Only the tables a stage asks of single sentences are split (counts, dates), and a sentence
        is compared with the story only when it is asked (the events stage asks few of them)."""
        if name not in self._split_tables:
            self._split_tables[name] = self._split(name)
        split, found = self._split_tables[name], None
        if split is not None and self._story is not None:
            per, broken = split
            _, starts, (joined, _, _) = self._story
            table = self.tables[name]
            found = next((per[index] for index in self._indices[text]
                          if index not in broken and _alike(table, text, joined, starts[index])), None)
        known[name] = found
        return found

    def _split(self, name: str) -> tuple[list[list[Hit]], set[int]] | None:
        """A table's hits in each sentence of the last story, from the walk over it, and the
        sentences a hit runs out of (None: the table cannot be split)."""
        table = self.tables.get(name)
        if table is None or table.probes is None or self._story is None:
            return None
        texts, starts, (joined, matches, _) = self._story
        rows = table.by_group
        per: list[list[Hit]] = [[] for _ in texts]
        broken: set[int] = set()
        for match in matches[name]:
            start, end = match.span()
            index = bisect_right(starts, start) - 1
            offset = starts[index]
            if end - offset > len(texts[index]):
                broken.add(index)
                broken.update(range(index + 1, bisect_right(starts, end - 1)))
                continue
            per[index].append(Hit(rows[match.lastgroup], start - offset, end - offset, match.group()))  # type: ignore[index]
        return per, broken

    def rows(self) -> list[Row]:
        return [row for table in self.tables.values() for row in table.rows]


def _alike(table: Table, text: str, joined: str, offset: int) -> bool:
    """Do the table's rules that look outside their match match alike, at every place in the
    sentence where one may start, in the sentence alone and in the story around it?"""
    if not table.probes or table.probe_starts is None:
        return True
    for start in table.probe_starts.finditer(text):
        position = start.start()
        for probe in table.probes:
            alone, walked = probe.match(text, position), probe.match(joined, offset + position)
            if (alone is None) != (walked is None) or (alone is not None and alone.end() != walked.end() - offset):
                return False
    return True


def split_alternatives(pattern: str) -> list[str]:
    """Top-level alternatives of a regular expression ("a|b(c|d)" -> ["a", "b(c|d)"])."""
    out, start = [], 0
    for i, char, depth in structure(pattern):
        if char == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
    out.append(pattern[start:])
    return [alt.strip() for alt in out if alt.strip()]


_LITERAL_START = re.compile(r"^[^\\()\[\].*+?{}|^$]")


def _first_letter(alternative: str) -> str:
    """The letter an alternative must start with, lower-cased; "" when it may start otherwise."""
    if not _LITERAL_START.match(alternative):
        return ""
    if len(alternative) > 1 and alternative[1] in "?*{":
        return ""  # "s?oldier": the first letter is optional
    return alternative[0].lower()


_LOOKAROUND = re.compile(r"\(\?<?[=!](?:[^()]|\([^()]*\))*\)")


def _reach(alternative: str) -> int:
    """How much text an alternative matches, roughly: its length without lookarounds (which
    match nothing), so "killed in action" is tried before "killed" whatever guards either has.
    (Table authors order rows by this: a longer phrase wins over a shorter one it contains.)"""
    return len(_LOOKAROUND.sub("", alternative))


def _compile(name: str, rows: list[Row], bounded: bool) -> Table:
    """One expression for the table: every alternative of every row, longest first.

    The alternatives are dispatched on their first letter, so the engine tries only those that
    can start at a word (an order of magnitude faster than one long alternation on big tables);
    alternatives that may start with any letter are tried in every branch, in their place by
    length, so the longest alternative wins wherever it starts.
    """
    table = Table(name, rows)
    alternatives = sorted(((alt, row) for row in rows for alt in split_alternatives(row.pattern)),
                          key=lambda pair: -_reach(pair[0]))
    if not alternatives:
        return table
    if bounded:
        alternatives = [(possessive_tail(alt), row) for alt, row in alternatives]  # same matches, sooner
    if bounded:
        for number, (_, row) in enumerate(alternatives):
            table.by_group[f"r{number}"] = row
        table.index = index_table([(f"r{number}", alt) for number, (alt, _) in enumerate(alternatives)])
        table.plan = dispatch([table.index]) if table.index is not None else None
        table.self_contained = table.index is not None and not any(looks_around(alt) for alt, _ in alternatives)
        risky = [alt for alt, _ in alternatives if looks_around(alt)]
        starts = finder(risky) if risky else None
        if table.index is not None and not any(map(refers_back, risky)) and (starts is not None or not risky):
            table.probes = tuple(_compiled(whole_words([alt])) for alt in risky)
            table.probe_starts = None if starts is None else _compiled(starts)
    letters: dict[str, list[tuple[str, Row]]] = {}
    anywhere: list[tuple[str, Row]] = []
    for alt, row in alternatives:
        first = _first_letter(alt)
        (letters.setdefault(first, []) if first else anywhere).append((alt, row))

    def group(members: list[tuple[str, Row]]) -> str:
        parts = []
        for alt, row in sorted(members, key=lambda pair: -_reach(pair[0])):
            name_ = f"g{len(table.by_group)}"
            table.by_group[name_] = row
            parts.append(f"(?P<{name_}>{alt})")
        return "|".join(parts)

    branches = [f"(?={re.escape(first)})(?:{group(members + anywhere)})" for first, members in letters.items()]
    if anywhere:
        branches.append(group(anywhere))
    body = "|".join(branches)
    if bounded:
        body = rf"(?<!\w)(?:{body})(?!\w)"
    table.source = body
    return table


@lru_cache(maxsize=None)
def _compiled(source: str) -> re.Pattern[str]:
    return re.compile(source, re.IGNORECASE)


# a row's pattern naming another row's: "{victim.soldier}"
_REFERENCE = re.compile(r"\{([a-z_]+)\.([\w-]+)\}")


def _with_references(data: dict[str, Any]) -> dict[str, Any]:
    """The tables with each row's references to other rows' patterns written out as groups, so the
    words of one row are not copied into another's pattern (a reference to a row that is not there,
    or back to itself, is an error in the tables)."""
    patterns = {(table, str(entry["id"])): str(entry["pattern"]) for table in TABLES for entry in data.get(table, [])}

    def written_out(pattern: str, seen: tuple[tuple[str, str], ...]) -> str:
        def one(reference: re.Match[str]) -> str:
            key = (reference.group(1), reference.group(2))
            if key not in patterns or key in seen:
                raise ValueError(f"the pattern of {'.'.join(seen[-1])} names {reference.group(0)}: no such row, or a loop")
            return f"(?:{written_out(patterns[key], seen + (key,))})"
        return _REFERENCE.sub(one, pattern)

    out = dict(data)
    for table in TABLES:
        out[table] = [{**entry, "pattern": written_out(str(entry["pattern"]), ((table, str(entry["id"])),))}
                      if _REFERENCE.search(str(entry["pattern"])) else entry for entry in data.get(table, [])]
    return out


def _rows(language: str, name: str, entries: list[dict[str, Any]]) -> list[Row]:
    rows = []
    for rank, entry in enumerate(entries):
        reading = {k: v for k, v in entry.items() if k not in ("id", "pattern", "examples")}
        reading["language"] = language
        reading.setdefault("rank", rank)  # a row's place in its table: earlier rows take precedence
        rows.append(Row(name, str(entry["id"]), str(entry["pattern"]), reading, tuple(entry.get("examples", ()))))
    return rows


@lru_cache(maxsize=None)
def load(language: str) -> Lexicon:
    """The tables of one language (English when there is no file for it)."""
    if language not in LANGUAGES or not _has_file(language):
        language = "en"
    text = resources.files(__package__).joinpath("lexicon", f"{language}.toml").read_text(encoding="utf-8")
    data = _with_references(tomllib.loads(text))
    tables = {}
    for name in TABLES:
        rows = _rows(language, name, data.get(name, []))
        # a unit follows a number directly ("76-year-old"): no word edge before it
        tables[name] = _compile(name, rows, bounded=name != "unit")
    plural = re.compile(str(data.get("plural", "(?!)")), re.IGNORECASE)
    conjunction = re.compile(rf"(?:^|\W)(?:{data.get('conjunction', '(?!)')})(?:\W|$)|[,;]", re.IGNORECASE)
    approx_words = data.get("approx", "(?!)")
    toll_link = re.compile(rf"(?:^|\W)(?:{data.get('toll_link', '(?!)')})(?:\s+(?:{approx_words}))?\s*$", re.IGNORECASE)
    approx = re.compile(rf"^\s*(?:(?:{approx_words})\s*)*$", re.IGNORECASE)
    coordination = re.compile(rf"\s*(?:,\s*)?(?:{data.get('coordination', 'and')})\s+", re.IGNORECASE)
    head_word = "first" if data.get("head_word") == "first" else "last"
    return Lexicon(language, tables, plural, conjunction, toll_link, approx, coordination, head_word,
                   bool(data.get("side_before_count", False)),
                   re.compile(rf"(?<!\w)(?:{data.get('about_this', '(?!)')})(?!\w)", re.IGNORECASE),
                   re.compile(rf"(?<!\w)(?:{data.get('rough', '(?!)')})\s*$", re.IGNORECASE),
                   re.compile(rf"(?<!\w)(?:{data.get('comparison', '(?!)')})(?!\w)[^.;,]{{0,40}}$", re.IGNORECASE),
                   re.compile(rf"\s+(?:{data.get('seat', '(?!)')})\s+", re.IGNORECASE),
                   re.compile(rf"(?<!\w)(?:{data.get('hedge', '(?!)')})(?!\w)", re.IGNORECASE),
                   re.compile(rf"(?:{data.get('either', '(?!)')})", re.IGNORECASE),
                   re.compile(rf"\w(?:{data.get('genitive', '(?!)')})\s*$", re.IGNORECASE),
                   str(data.get("name_end", "(?!)")),
                   re.compile(rf"\s*(?:{data.get('side_noun', '(?!)')})(?!\w)", re.IGNORECASE),
                   re.compile(rf"(?:{data.get('kin', '(?!)')})", re.IGNORECASE),
                   re.compile(rf"(?<!\w)(?:{data.get('age_before', '(?!)')})\s+(?:\d{{1,3}}\s*(?:,|and|or)?\s*)*$", re.IGNORECASE),
                   re.compile(rf"(?<!\w)(?:{data.get('among', '(?!)')})\s+(?:[\w-]+\s+){{0,2}}$", re.IGNORECASE)
                   if not data.get("among_is_postposition") else re.compile(r"(?!)"),
                   re.compile(rf"^\s*(?:{data.get('among', '(?!)')})\s*[,՝]?\s*(?:(?:{approx_words})\s*)*$", re.IGNORECASE)
                   if data.get("among_is_postposition") else re.compile(r"(?!)"))


def all_rows() -> list[Row]:
    """Every row of every language (the tests and the coverage report walk these)."""
    return [row for language in LANGUAGES if _has_file(language) for row in load(language).rows()]


def _has_file(language: str) -> bool:
    return resources.files(__package__).joinpath("lexicon", f"{language}.toml").is_file()
