"""A reader's search, as typed, turned into a safe SQLite FTS5 expression.

FTS5's own syntax is hostile to everyday queries about this conflict:
`Nagorno-Karabakh` is read as a column filter ("no such column: Karabakh"),
`Shusha's` and a lone `"` are syntax errors, and `NOT lachin` cannot start a
query.  So the reader's words never reach FTS5 as typed: this module reads them
itself and writes every term back as a quoted FTS5 string, which the database
can only take as text to find.

The syntax (a web search's, which is what people type):

- `word word` both words (AND); `"a phrase"` the words side by side;
- `lachin OR tegh` either (binds tighter than AND: `killed lachin OR tegh`
  is killed and one of the two places);
- `-word` or `NOT word` without the word (a query of only these excludes);
- `drone*` any word starting with drone;
- `Nagorno-Karabakh`, `Shusha's`: a hyphenated word is its parts side by side;
  a possessive `'s` is dropped, so `Shusha's` finds every Shusha story;
- `lang:ru` (or `lang:russian`) only stories in that language; not a word to find.

Anything that holds no letter or digit (a lone `"`, `*`, `-`, `(`) is ignored.
Only upper-case `OR`, `NOT` and `AND` are operators, as in FTS5 itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .language import LANGUAGES

# A quoted phrase (its closing quote may be missing), or a run of anything else.
_TOKEN = re.compile(r'(-?)"([^"]*)"?(\*?)|(\S+)')
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'"})
_POSSESSIVE = re.compile(r"(?<=\w)'s\b", re.IGNORECASE)
# What the unicode61 tokenizer keeps: letters, digits (and marks inside words).
_WORD_CHARS = re.compile(r"[^\W_]+", re.UNICODE)
# `lang:ru`, `lang:Russian`: a language filter, by code or English name.
_LANGUAGE = re.compile(r"(?<!\S)lang:(\S*)", re.IGNORECASE)
_LANGUAGE_CODES = {**{code: code for code in LANGUAGES}, **{name.lower(): code for code, name in LANGUAGES.items()}}


@dataclass(frozen=True, slots=True)
class FtsQuery:
    """`match`: what a story must match ("" for anything); `exclude`: what it must not ("" for nothing).

    A query with words to find carries its exclusions inside `match`
    (`"killed" NOT "wounded"`), which is one index lookup; a query of only
    exclusions (`NOT lachin`) cannot be written in FTS5 alone, so the store
    excludes `exclude`'s hits itself.  `language`: only stories in it ("" for any).
    """

    match: str = ""
    exclude: str = ""
    language: str = ""

    @property
    def empty(self) -> bool:
        """Nothing to search for: no term held a letter or a digit, and no language was asked for."""
        return not self.match and not self.exclude and not self.language


@dataclass(slots=True)
class _Term:
    text: str
    prefix: bool = False
    negated: bool = False


@dataclass(slots=True)
class _Parsed:
    groups: list[list[_Term]] = field(default_factory=list)  # AND of ORs
    excluded: list[_Term] = field(default_factory=list)


def _words(text: str) -> list[str]:
    """The tokens FTS5 will see in `text`: `Nagorno-Karabakh` → [Nagorno, Karabakh]."""
    text = _POSSESSIVE.sub("", text.translate(_APOSTROPHES))
    return _WORD_CHARS.findall(text)


def _fts_string(term: _Term) -> str:
    """One term as an FTS5 string (a phrase when it has several words); "" when it has none."""
    words = _words(term.text)
    if not words:
        return ""
    return '"' + " ".join(words) + '"' + ("*" if term.prefix else "")


def _tokens(query: str) -> list[tuple[str, _Term | None]]:
    """("term", Term) or ("op", None-with-name) in order; operators are OR, NOT and AND."""
    out: list[tuple[str, _Term | None]] = []
    for m in _TOKEN.finditer(query):
        if m.group(4) is None:  # a quoted phrase
            out.append(("term", _Term(m.group(2), prefix=bool(m.group(3)), negated=bool(m.group(1)))))
            continue
        raw = m.group(4)
        if raw in ("OR", "NOT", "AND", "|"):
            out.append(("OR" if raw == "|" else raw, None))
            continue
        negated = raw.startswith("-") and len(raw) > 1
        raw = raw.lstrip("-+")
        prefix = raw.endswith("*")
        out.append(("term", _Term(raw.strip("*()"), prefix=prefix, negated=negated)))
    return out


def _parse(query: str) -> _Parsed:
    """The terms in groups: each group one term, or the terms an OR joins to it (an OR binds the term
    after it to the group before it, so it binds tighter than AND; an OR with nothing before it is a
    no-op), and the terms to exclude (`-word`, or the term right after NOT)."""
    parsed = _Parsed()
    pending_or = False
    pending_not = False
    for kind, term in _tokens(query):
        if kind == "OR":
            pending_or = bool(parsed.groups)
            continue
        if kind == "NOT":
            pending_not = True
            continue
        if kind == "AND":
            continue
        assert term is not None
        if not _fts_string(term):
            continue  # a lone quote, star or dash: nothing to find
        if term.negated or pending_not:
            parsed.excluded.append(term)
        elif pending_or:
            parsed.groups[-1].append(term)
        else:
            parsed.groups.append([term])
        pending_or = pending_not = False
    return parsed


def _either(terms: list[_Term]) -> str:
    parts = [_fts_string(t) for t in terms]
    return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"


def parse_query(query: str) -> FtsQuery:
    """The reader's query as an FTS5 expression that cannot be a syntax error (see the module doc)."""
    asked = [m.group(1).lower() for m in _LANGUAGE.finditer(query) if m.group(1)]
    # An unknown language ("lang:fr") is kept as asked: it finds nothing, which is the truth.
    language = _LANGUAGE_CODES.get(asked[-1], asked[-1]) if asked else ""
    parsed = _parse(_LANGUAGE.sub(" ", query))
    wanted = " AND ".join(_either(group) for group in parsed.groups)
    unwanted = " OR ".join(_fts_string(t) for t in parsed.excluded)
    if wanted and unwanted:
        return FtsQuery(match=f"({wanted}) NOT ({unwanted})", language=language)
    return FtsQuery(match=wanted, exclude=unwanted, language=language)
