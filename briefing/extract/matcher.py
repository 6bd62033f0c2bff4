"""Running a language's tables over a text fast: try only the rules that can start at a word.

Why: a table is one regular expression of hundreds of alternatives, and Python's engine tries
them at every position of the text (a table costs 100–370 µs on 900 characters, seventeen
tables a story). Yet almost every alternative starts with a known letter or two ("killed",
"погиб", "həlak"), and a match can only begin where the text has them. So each table's
alternatives are filed under their first two letters (folded as the engine folds case), or
their first letter, or, for the few that may start with anything, kept apart; a scan walks the
positions where some table's alternative can start (one C-level search over the text) and tries
there, with an anchored `.match`, only the few groups filed under the letters found. All tables
of a language share that walk, so a story is read once for all of them. At a common word that
starts rules of many tables ("the", "in", "a"), the groups are told apart once more by the
characters after the word (up to six), with which every match of theirs must go on (`_tail`); the
walk looks up a word and those characters at once (`_at`).

The result is exactly what `table.regex.finditer` gives: per table, leftmost non-overlapping
hits, at a position the first alternative in the table's order (longest first) that matches,
whole words only, case-insensitive. (Hits of different tables may overlap, as before.)
"""

from __future__ import annotations

import re
import re._compiler as _re_compiler  # type: ignore[import-not-found]
import re._constants as _C  # type: ignore[import-not-found]
import re._parser as _P  # type: ignore[import-not-found]
from dataclasses import dataclass, field
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

import _sre

FLAGS = re.IGNORECASE
_ZERO_WIDTH = (_C.ASSERT, _C.ASSERT_NOT, _C.AT)
# characters the engine treats as equal under IGNORECASE beyond simple lower-casing (i/ı/İ, s/ſ, …)
try:
    from re._casefix import _EXTRA_CASES as _FIXES  # type: ignore[import-not-found]  # Python 3.11+
except ImportError:  # pragma: no cover - older layouts
    _FIXES = getattr(_re_compiler, "_ignorecase_fixes", {})


class _Fold(dict):
    """A character → its case-folded representative, exactly as the engine compares under IGNORECASE."""

    def __missing__(self, char: str) -> str:
        low = _sre.unicode_tolower(ord(char))
        folded = chr(min((low, *_FIXES.get(low, ()))))
        self[char] = folded
        return folded


FOLD = _Fold()


def fold(text: str) -> str:
    return "".join(FOLD[char] for char in text)


@lru_cache(maxsize=4096)
def _parsed(alternative: str) -> Any:
    """An alternative's parse tree (read, never changed): made once, though how it starts, what it
    must hold and whether it looks around are each asked of it (a language's tables load in about
    half the time). Raises re.error when it does not parse."""
    return _P.parse(alternative, FLAGS)


# --- what an alternative can start with ------------------------------------------------------

ANY = None  # may start with any character (a class like \w, a wide range, a negation)
# stands for "a digit" (\d: any Unicode decimal digit) where an alternative may start with one: such
# alternatives are filed under this key, tried at words that start with a digit ("13-14 September")
DIGIT = "\ue000"
_DIGITS = [(_C.CATEGORY, _C.CATEGORY_DIGIT)]


def _first(items: list) -> tuple[set[str] | None, bool]:
    """The characters a parsed sequence can start with, and whether it can match nothing."""
    out: set[str] = set()
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        chars, nullable = _first_of(op, av)
        if chars is ANY:
            return ANY, False
        out |= chars
        if not nullable:
            return out, False
    return out, True


def _first_of(op: Any, av: Any) -> tuple[set[str] | None, bool]:
    if op is _C.LITERAL:
        return {chr(av)}, False
    if op is _C.IN:
        if av == _DIGITS:
            return {DIGIT}, False
        chars: set[str] = set()
        for kind, value in av:
            if kind is _C.LITERAL:
                chars.add(chr(value))
            elif kind is _C.RANGE and value[1] - value[0] <= 256:
                chars.update(chr(c) for c in range(value[0], value[1] + 1))
            else:
                return ANY, False
        return chars, False
    if op is _C.SUBPATTERN:
        return _first(list(av[3]))
    if op is _C.BRANCH:
        chars, nullable = set(), False
        for branch in av[1]:
            found, empty = _first(list(branch))
            if found is ANY:
                return ANY, False
            chars |= found
            nullable = nullable or empty
        return chars, nullable
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
        found, empty = _first(list(av[2]))
        return found, empty or av[0] == 0
    return ANY, False


_WORD = re.compile(r"\w+")


def fold_word(word: str) -> str:
    """A word folded as the engine compares letters under IGNORECASE (ASCII: lower-cased)."""
    return word.lower() if word.isascii() else word.translate(_FOLD_ORD)


class _FoldOrd(dict):
    def __missing__(self, code: int) -> int:
        folded = ord(FOLD[chr(code)])
        self[code] = folded
        return folded


_FOLD_ORD = _FoldOrd()


@dataclass(frozen=True, slots=True)
class Start:
    """Where an alternative is filed: under its whole first word, the first letters of it, or anywhere."""

    words: frozenset[str] = frozenset()  # whole first words: only a text word equal to one can start a match
    prefixes: frozenset[str] = frozenset()  # the first one to three letters of the text's word, or a sign
    anywhere: bool = False


Head = tuple[str, bool]  # literal text a match starts with, and whether something unknown follows it
_MAX_HEADS = 48
# texts as far as `reach` (what must follow a word, `_tail`): listed once per word a text first has,
# not at load, so a rule's many phrasings ("a lie", "an outright lie", "fake", ...) can all be listed
_MAX_REACHED_HEADS = 400


def _heads(items: list, first: bool = True, reach: int = 0) -> set[Head] | None:
    """The literal texts a parsed sequence can start with, optional parts and branches spelled out
    ("(?:the )?company" → "the ", "company"), as far as the first word is settled (with `reach`: as
    far as that many characters); None when there are too many to list."""
    heads: set[Head] = {("", False)}
    for op, av in items:
        grown: set[Head] = set()
        for text, open_ in heads:
            if open_ or (len(text) >= reach if reach else _decided(text)):
                grown.add((text, True))
                continue
            options = _item_heads(op, av, first and not text, reach)
            if options is None:
                return None
            # a digit after letters continues their word: what follows is unknown
            grown.update((text, True) if text and more.startswith(DIGIT) else (text + more, more_open)
                         for more, more_open in options)
        heads = grown
        if len(heads) > (_MAX_REACHED_HEADS if reach else _MAX_HEADS):
            return None
    return heads


def _decided(text: str) -> bool:
    """A text that already settles the first word (a letter run followed by something else)."""
    word = _WORD.match(text)
    return word is not None and word.end() < len(text)


def _item_heads(op: Any, av: Any, at_start: bool, reach: int = 0) -> set[Head] | None:
    if op is _C.LITERAL:
        return {(chr(av), False)}
    if op in _ZERO_WIDTH:
        return {("", False)} if at_start else {("", True)}
    if op is _C.SUBPATTERN:
        return _heads(list(av[3]), at_start, reach)
    if op is _C.BRANCH:
        out: set[Head] = set()
        for branch in av[1]:
            found = _heads(list(branch), at_start, reach)
            if found is None:
                return None
            out |= found
        return out
    if op is _C.IN and av == _DIGITS:
        return {(DIGIT, True)}
    if op is _C.IN and len(av) <= 8 and all(kind is _C.LITERAL for kind, _ in av):
        return {(chr(value), False) for _, value in av}
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
        low, high, sub = av
        found = _heads(list(sub), at_start, reach)
        if found is None:
            return None
        if low == 1 and high == 1:
            return found
        if low == 0 and high == 1:
            return found | {("", False)}  # "(?:the )?": once or not at all, and what follows is known
        repeated = {(text, True) for text, _ in found}
        return repeated | {("", False)} if low == 0 else repeated
    return {("", True)}


def start_of(alternative: str) -> Start | None:
    """How an alternative starts; None when it can match the empty string (no index for its table)."""
    try:
        parsed = _parsed(alternative)
    except re.error:
        return Start(anywhere=True)
    if parsed.getwidth()[0] == 0:
        return None
    items = list(parsed)
    heads = _heads(items)
    if heads is not None and all(text for text, _ in heads):
        words: set[str] = set()
        prefixes: set[str] = set()
        for text, open_ in heads:
            word = _WORD.match(text)
            if word is None:
                prefixes.add(FOLD[text[0]])  # a sign: a quote, a dash
            elif word.end() < len(text) or not open_:
                # a literal space or sign after the letters, or the alternative's end (whole words
                # only), ends the text's word there too
                words.add(fold_word(word.group()))
            else:
                prefixes.add(fold_word(word.group())[:3])
        return Start(words=frozenset(words), prefixes=frozenset(prefixes))
    chars, _ = _first(items)
    if chars is ANY or not chars:
        return Start(anywhere=True)
    return Start(prefixes=frozenset(FOLD[c] for c in chars))


def _nodes(alternative: str) -> Iterator[tuple[object, object]]:
    """Every node of an alternative's parse tree, the insides of groups, branches, repeats and
    lookarounds included (raises re.error when it does not parse)."""
    stack = [list(_parsed(alternative))]
    while stack:
        for op, av in stack.pop():
            yield op, av
            if op in (_C.ASSERT, _C.ASSERT_NOT):
                stack.append(list(av[1]))
            elif op is _C.SUBPATTERN:
                stack.append(list(av[3]))
            elif op is _C.BRANCH:
                stack.extend(list(branch) for branch in av[1])
            elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
                stack.append(list(av[2]))


def looks_around(alternative: str) -> bool:
    """Does a match depend on text outside it (lookahead, lookbehind, ^ or $)? Word edges do not count."""
    try:
        return any(op in (_C.ASSERT, _C.ASSERT_NOT, _C.GROUPREF, _C.GROUPREF_EXISTS)
                   or (op is _C.AT and av not in (_C.AT_BOUNDARY, _C.AT_NON_BOUNDARY)) for op, av in _nodes(alternative))
    except re.error:
        return True


def required_text(alternative: str) -> frozenset[str] | None:
    """Texts (folded) of which every match of the alternative holds one, or None when none is known.

    Why: an alternative that may start at any word ("76-year-old", "three days of fighting") is
    searched for over the whole text; most texts lack the words it needs ("-year-old", " days of "),
    and a plain `in` on the folded text says so far faster than the search."""
    try:
        return _required(list(_parsed(alternative)))
    except re.error:
        return None


def _required(items: list) -> frozenset[str] | None:
    """The best set of literal texts one of which a parsed sequence must match (the set whose
    shortest text is longest); literal runs are taken only where nothing but literals joins them."""
    best: frozenset[str] | None = None

    def keep(found: frozenset[str] | None) -> None:
        nonlocal best
        if found and all(found) and (best is None or min(map(len, found)) > min(map(len, best))):
            best = found

    run: list[str] = []
    for op, av in items:
        if op is _C.LITERAL:
            run.append(FOLD[chr(av)])
            continue
        keep(frozenset({"".join(run)}) if run else None)
        run = []
        if op is _C.SUBPATTERN:
            keep(_required(list(av[3])))
        elif op is _C.BRANCH:
            options = [_required(list(branch)) for branch in av[1]]
            if all(option for option in options):
                keep(frozenset().union(*options))  # type: ignore[arg-type]
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT) and av[0] >= 1:
            keep(_required(list(av[2])))
    keep(frozenset({"".join(run)}) if run else None)
    return best


def refers_back(alternative: str) -> bool:
    """Does the alternative refer back to a group (\\1, (?P=name), (?(1)...))? Such a rule cannot be
    wrapped in another expression (its group numbers would shift)."""
    try:
        return any(op in (_C.GROUPREF, _C.GROUPREF_EXISTS) for op, _ in _nodes(alternative))
    except re.error:
        return True


def finder(alternatives: list[str]) -> str | None:
    """An expression that finds every place where one of the alternatives may start as a
    whole-word rule (its first words, first letters, signs or a digit, as the index files them);
    None when one may start anywhere."""
    parts: set[str] = set()
    for alternative in alternatives:
        start = start_of(alternative)
        if start is None or start.anywhere:
            return None
        parts.update(rf"{re.escape(word)}(?!\w)" for word in start.words)
        parts.update(r"\d" if prefix == DIGIT else re.escape(prefix) for prefix in start.prefixes)
    return rf"(?<!\w)(?:{'|'.join(sorted(parts))})"


_LOOKAROUND_OPEN = re.compile(r"\(\?(?:=|!|<=|<!)")


def structure(pattern: str) -> Iterator[tuple[int, str, int]]:
    """(index, character, depth) for each character of a regular expression outside its escapes and
    its character classes ("[^]x]" included); a bracket's depth counts the groups around it, not its own."""
    depth, in_class, i = 0, False, 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            if pattern[i + 1:i + 2] == "^":
                i += 1
            if pattern[i + 1:i + 2] == "]":
                i += 1  # "[]...]": a bracket first in a class is a member
        else:
            if char == ")":
                depth -= 1
            yield i, char, depth
            if char == "(":
                depth += 1
        i += 1


def possessive_tail(alternative: str) -> str:
    """A whole-word rule whose last item is `\\w*` or `\\w+` (then nothing but lookarounds:
    "yaralan\\w*(?=[^.]*?yalan)") with that item made possessive (`\\w*+`).

    Why: the table's expression ends every rule with "no letter follows" (`(?!\\w)`), so a match
    must take the word's letters to its end; when the lookaround after them fails, the engine
    would give the letters back one by one and try the lookaround again at each (a lookahead that
    reads to the sentence's end, for every letter of the word: the costliest rule of a language).
    No match can come from a shorter run, so a possessive run, which is never given back, finds
    exactly the same matches, at once. For whole-word rules only (the bound is what makes it so)."""
    tops: list[tuple[int, int]] = []  # top-level groups, (start, end)
    opened = 0
    for i, char, depth in structure(alternative):
        if char == "(" and depth == 0:
            opened = i
        elif char == ")" and depth == 0:
            tops.append((opened, i + 1))
    end = len(alternative)
    while tops and tops[-1][1] == end and _LOOKAROUND_OPEN.match(alternative, tops[-1][0]):
        end = tops.pop()[0]
    body = alternative[:end]
    if not body.endswith(("\\w*", "\\w+")):
        return alternative
    slashes = len(body[:-2]) - len(body[:-2].rstrip("\\"))
    if slashes % 2 == 0:
        return alternative  # "\\\\w*": a backslash, then letters w
    return body + "+" + alternative[end:]


# --- the index and the scan ------------------------------------------------------------------

Group = tuple[int, re.Pattern[str]]  # (table slot, one compiled group of alternatives)
Source = tuple[int, tuple[str, ...]]  # (table slot, a group's alternatives, compiled when a text first needs it)


@dataclass(slots=True)
class Dispatch:
    """The groups of one or more tables, filed by how they start, and where any can start."""

    starts: re.Pattern[str]
    by_word: dict[str, tuple[Source, ...]]
    by_prefix: dict[str, tuple[Source, ...]]
    anywhere: tuple[Group, ...]
    needs: tuple[frozenset[str] | None, ...]  # per "anywhere" group: texts one of which a match holds
    ranks: list[dict[str, int]]  # per slot: group name → the alternative's place in its table
    slots: int
    words: dict[str, Any] = field(default_factory=dict)  # a text's word → its groups (`_lookup`)
    seen: dict[str, Any] = field(default_factory=dict)  # a word and the characters after it → groups (`_at`)


@dataclass(slots=True)
class TableIndex:
    """One table's alternatives, split into groups by how they start (compiled)."""

    by_word: dict[str, tuple[str, ...]] = field(default_factory=dict)  # key → a group's alternatives
    by_prefix: dict[str, tuple[str, ...]] = field(default_factory=dict)
    anywhere: re.Pattern[str] | None = None
    needs: frozenset[str] | None = None  # the "anywhere" group's required texts (`required_text`)
    ranks: dict[str, int] = field(default_factory=dict)
    signs: set[str] = field(default_factory=set)  # characters other than letters an alternative may start with


# an alternative that may start with this many different letters is searched for as one that may start
# anywhere, when the text must hold some words for it to match (`required_text`)
_BROAD = 20


def index_table(alternatives: list[tuple[str, str]]) -> TableIndex | None:
    """Group a bounded table's (group name, alternative) pairs, in the table's order, by how they
    start; None when some alternative can match nothing (the table is then scanned as a whole)."""
    index = TableIndex()
    by_word: dict[str, list[str]] = {}
    by_prefix: dict[str, list[str]] = {}
    anywhere: list[str] = []
    needs: list[frozenset[str] | None] = []
    for rank, (name, alternative) in enumerate(alternatives):
        start = start_of(alternative)
        if start is None:
            return None
        needed = required_text(alternative) if len(start.prefixes) >= _BROAD else None
        if needed is not None:
            start = Start(anywhere=True)  # "[a-z]+-year-old": it may start at most words, but needs a rare one
        index.ranks[name] = rank
        part = f"(?P<{name}>{alternative})"
        for key in start.words:
            by_word.setdefault(key, []).append(part)
        if start.anywhere:
            anywhere.append(part)
            needs.append(needed or required_text(alternative))
        for key in start.prefixes:
            by_prefix.setdefault(key, []).append(part)
            if not _WORD.match(key) and key != DIGIT:
                index.signs.add(key)
    index.by_word = {key: tuple(parts) for key, parts in by_word.items()}
    index.by_prefix = {key: tuple(parts) for key, parts in by_prefix.items()}
    index.anywhere = _compiled(bounded(anywhere)) if anywhere else None
    index.needs = None if None in needs else frozenset().union(*needs)  # type: ignore[arg-type]
    return index


def bounded(parts: list[str]) -> str:
    """Alternatives as one expression that matches whole words only."""
    return rf"(?<!\w)(?:{'|'.join(parts)})(?!\w)"


_COMPILED: dict[str, re.Pattern[str]] = {}


def _compiled(source: str) -> re.Pattern[str]:
    """A group's expression compiled once, when a text first has a word it may start at (a short run
    compiles a few dozen of a language's thousand groups, not all of them at start)."""
    found = _COMPILED.get(source)
    if found is None:
        found = _COMPILED[source] = re.compile(source, FLAGS)
    return found


def dispatch(indexes: list[TableIndex]) -> Dispatch:
    """One walk for several tables: their groups merged under each key, slot = place in `indexes`."""
    by_word: dict[str, list[Source]] = {}
    by_prefix: dict[str, list[Source]] = {}
    anywhere: list[Group] = []
    needs: list[frozenset[str] | None] = []
    signs: set[str] = set()
    for slot, index in enumerate(indexes):
        for key, regex in index.by_word.items():
            by_word.setdefault(key, []).append((slot, regex))
        for key, regex in index.by_prefix.items():
            by_prefix.setdefault(key, []).append((slot, regex))
        if index.anywhere is not None:
            anywhere.append((slot, index.anywhere))
            needs.append(index.needs)
        signs |= index.signs
    # A match starts where no letter precedes: at a word (read whole, for the lookup) or at a sign
    # some alternative starts with (a quote, a dash).  The class matches case-insensitively, as the tables do.
    extra = f"|[{''.join(re.escape(c) for c in sorted(signs))}]" if signs else ""
    starts = re.compile(rf"(?<!\w)(?:\w+{extra})", FLAGS)
    return Dispatch(starts, {k: tuple(v) for k, v in by_word.items()}, {k: tuple(v) for k, v in by_prefix.items()},
                    tuple(anywhere), tuple(needs), [index.ranks for index in indexes], len(indexes))


def _groups(plan: Dispatch, word: str) -> tuple[tuple[Group, ...], tuple[Tail, ...]]:
    """The groups that may match at a word (or sign) of the text, and what must follow the word for
    each (remembered: words recur)."""
    found = plan.words.get(word)
    if found is None:
        if len(plan.words) > 100_000:
            plan.words.clear()
        found = plan.words[word] = _lookup(plan, word)
    return found


def _at(plan: Dispatch, key: str, size: int) -> tuple[tuple[Group, ...], bool]:
    """The groups that may match where the text has `key`: a word (or sign) of `size` characters
    and the `_TAIL` characters after it; and whether a table has more than one among them (its
    matches are then ranked). Remembered under the key, so the walk settles a word and what
    follows it with one look-up (common words are mostly followed by a few common words)."""
    groups, tails = _groups(plan, key[:size])
    after = fold_word(key[size:])
    groups = tuple(group for group, tail in zip(groups, tails) if tail is None or after[:tail[0]] in tail[1])
    if len(plan.seen) > 100_000:
        plan.seen.clear()
    found = plan.seen[key] = (groups, len({slot for slot, _ in groups}) < len(groups))
    return found


def _lookup(plan: Dispatch, word: str) -> tuple[tuple[Group, ...], tuple[Tail, ...]]:
    """The groups that may match at the word (filed under the whole word and under its first
    letters), and what must follow the word for each (`_tail`)."""
    key = word.lower() if word.isascii() else word.translate(_FOLD_ORD)
    by_prefix = plan.by_prefix
    found = plan.by_word.get(key, ())
    size = len(key)
    if size >= 3:
        found += by_prefix.get(key[:3], ())
    if size >= 2:
        found += by_prefix.get(key[:2], ())
    found += by_prefix.get(key[:1], ())
    if key[:1].isdecimal():
        found += by_prefix.get(DIGIT, ())
    groups = tuple((slot, _compiled(bounded(list(parts)))) for slot, parts in found)
    return groups, tuple(_tail(key, parts) for _, parts in found)


# A word's groups are told apart again by the characters right after the word that every match of
# theirs goes on with ("the def…" for "the defence ministry", "the two" for "the two sides"): after
# "the", most groups of most tables cannot match, and a look at the next few characters (one look-up
# for the word and them, `_at`) costs less than trying the groups.
_TAIL = 6
_HEAD_REACH = 12
_GROUP_HEADS: dict[tuple[str, ...], tuple[str, ...] | None] = {}
# per group at a word: how many characters after the word tell, and the texts they may be (None:
# anything may follow)
Tail = tuple[int, frozenset[str]] | None


def _group_heads(parts: tuple[str, ...]) -> tuple[str, ...] | None:
    """The folded texts (up to `_HEAD_REACH` characters) one of which every match of a group starts
    with; None when they cannot be listed."""
    found = _GROUP_HEADS.get(parts, ())
    if found == ():
        texts: list[str] | None = []
        for part in parts:
            try:
                # the part is `(?P<name>alternative)`: the alternative's own parse tree is kept
                heads = _heads(list(_parsed(part[part.index(">") + 1:-1])), True, _HEAD_REACH)
            except re.error:
                heads = None
            if heads is None or texts is None:
                texts = None
                break
            texts += [fold(text.split(DIGIT, 1)[0]) for text, _ in heads]
        found = _GROUP_HEADS[parts] = None if texts is None else tuple(texts)
    return found


def _tail(key: str, parts: tuple[str, ...]) -> Tail:
    """What must follow a word (folded: `key`) for a group to match there: the next n characters
    are one of the texts (n at most `_TAIL`); None when anything may follow. Sound because a match
    starting at the word starts with one of the group's texts (`_group_heads`): a text that does
    not agree with the word cannot be the match's start, and the others say what follows it (a text
    that ends within the word says nothing, and nothing is then ruled out)."""
    texts = _group_heads(parts)
    if texts is None:
        return None
    size = len(key)
    agreeing = [text for text in texts if (key.startswith(text) if len(text) <= size else text.startswith(key))]
    if any(len(text) <= size for text in agreeing):
        return None
    reach = min((len(text) - size for text in agreeing), default=0)
    reach = min(reach, _TAIL)
    return reach, frozenset(text[size:size + reach] for text in agreeing)


def may_match(plan: Dispatch, text: str) -> bool:
    """Does any rule of the plan match in `text`, i.e. would `scan` find anything? Tried word by
    word, stopping at the first match (a tenth of a scan where nothing matches: most stories hold
    no casualty word at all). A plan with rules that may start anywhere is not looked into (True)."""
    if plan.anywhere:
        return True
    seen = plan.seen
    for candidate in plan.starts.finditer(text):
        p, end = candidate.span()
        key = text[p:end + _TAIL]
        groups, _ = seen.get(key) or _at(plan, key, end - p)
        if groups:
            for _, regex in groups:
                if regex.match(text, p) is not None:
                    return True
    return False


def scan(plan: Dispatch, text: str) -> list[list[re.Match[str]]]:
    """Every table's matches in `text` (per slot), as each table's own `finditer` would give them."""
    out: list[list[re.Match[str]]] = [[] for _ in range(plan.slots)]
    free = [0] * plan.slots  # a table's next match may start here (its matches do not overlap)
    ahead: dict[int, re.Match[str]] = {}  # slot → its next "anywhere" match not yet taken
    searches = dict(plan.anywhere)
    folded = ""
    for (slot, regex), needs in zip(plan.anywhere, plan.needs):
        if needs is not None:
            folded = folded or (text.lower() if text.isascii() else text.translate(_FOLD_ORD))
            if not any(need in folded for need in needs):
                continue  # the text lacks every word a match of this group needs
        found = regex.search(text)
        if found is not None:
            ahead[slot] = found
    ranks, seen = plan.ranks, plan.seen
    for candidate in plan.starts.finditer(text):
        p, end = candidate.span()
        key = text[p:end + _TAIL]
        groups, ranked = seen.get(key) or _at(plan, key, end - p)
        if not ahead and not ranked:
            if groups:  # (most words: no rule of any table starts with them)
                for slot, regex in groups:  # one group per table: its match is the table's
                    if free[slot] <= p:
                        match = regex.match(text, p)
                        if match is not None:
                            out[slot].append(match)
                            free[slot] = match.end()
            continue
        if not groups and not ahead:
            continue
        if ahead:
            _take_ahead(ahead, searches, out, free, text, p)
        best: dict[int, tuple[int, re.Match[str]]] = {}
        for slot, regex in groups:
            if free[slot] > p:
                continue
            match = regex.match(text, p)
            if match is not None:
                rank = ranks[slot][match.lastgroup]  # type: ignore[index]
                if slot not in best or rank < best[slot][0]:
                    best[slot] = (rank, match)
        if ahead:
            for slot, match in ahead.items():
                if match.start() == p:
                    rank = ranks[slot][match.lastgroup]  # type: ignore[index]
                    if slot not in best or rank < best[slot][0]:
                        best[slot] = (rank, match)
        if best:
            for slot, (_, match) in best.items():
                out[slot].append(match)
                free[slot] = match.end()
        if ahead:
            for slot, match in list(ahead.items()):
                if match.start() <= p or match.start() < free[slot]:
                    _advance(ahead, searches, slot, text, max(p + 1, free[slot]))
    if ahead:
        _take_ahead(ahead, searches, out, free, text, len(text) + 1)
    return out


def _advance(ahead: dict[int, re.Match[str]], searches: dict[int, re.Pattern[str]], slot: int,
             text: str, start: int) -> None:
    found = searches[slot].search(text, start)
    if found is None:
        ahead.pop(slot, None)
    else:
        ahead[slot] = found


def _take_ahead(ahead: dict[int, re.Match[str]], searches: dict[int, re.Pattern[str]],
                out: list[list[re.Match[str]]], free: list[int], text: str, before: int) -> None:
    """Matches of "anywhere" groups that start before `before`, where no other group can start."""
    for slot in list(ahead):
        while slot in ahead and ahead[slot].start() < before:
            match = ahead[slot]
            out[slot].append(match)
            free[slot] = match.end()
            _advance(ahead, searches, slot, text, match.end())
