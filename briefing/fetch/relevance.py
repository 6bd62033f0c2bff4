"""Keyword relevance filter for general-news feeds (`keep = "relevant"`).

A world-news feed carries a hundred stories a day and three about the conflict;
this keeps the three.  It is broad on purpose, because a story it drops is never
stored: the extractor decides later what is an incident.  It reads English,
Russian, Azerbaijani and Armenian (the tables are in `relevance_words.py`, one per
language, matched together so a Russian story quoting "SOCAR" or an English one
quoting "Qarabağ" is read right whatever its language), and it decides in steps:

1. One of the reader's own keywords: kept.
2. A story must name the region, a place or a person of the conflict (an anchor);
   most stories of a world feed stop here.
3. A word only this conflict has (Nagorno-Karabakh, Artsakh, the Lachin corridor, a
   village, delimitation), or both sides' names (Armenia and Azerbaijan, Ереван and
   Баку): kept.
4. Another country's war named more often than the region (Ukraine's drones "as in
   Karabakh"): dropped.
5. A headline or first lines about football (ФК «Карабах», Qarabağ FK, Ղարաբաղ ՖԱ),
   gas and oil business or culture, in a story with fewer words of violence, soldiers,
   talks or prisoners than words of that topic: dropped.
6. Anything else that names the region: kept.

Place names are the gazetteer's (`briefing.extract.gazetteer`: places.csv and the
spellings and case forms of lexicon/places-<lang>.csv), the one home of place names: every
spelling of every place is an anchor, and those of villages, roads, passes and heights (places
only the conflict puts in the news) are specific.  A place counts only written with a
capital, as the gazetteer reads them (Hats, Sus and Kut are villages; hats, sus and kut are
not), and a one-word spelling outside ASCII takes up to four letters of case ending, as in
the gazetteer ("Սոթքում", "Kəlbəcərdə").

Reader keywords (`[relevance] keywords` for all feeds, `keywords` per feed) match as
whole words, exactly as written.  The filter runs in the fetch's worker processes, which
have the extractor loaded already; it imports nothing of the app.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from ..extract import gazetteer
from .relevance_words import WORDS

# How much of the summary counts as the story's "first lines" for its topic.
LEDE_CHARS = 400


def _fragments(category: str) -> list[str]:
    return [fragment for words in WORDS.values() for fragment in getattr(words, category)]


# Case is folded once per story instead of matching with re.IGNORECASE (three times faster), and
# Azerbaijani dotless ı and Russian ё are folded into i and е on both sides, so "BAKI", "Bakı" and
# "baki", or "огнём" and "огнем", are one word.  (str.replace, not str.translate: ten times faster.)
def fold(text: str) -> str:
    """Lower case with ı → i and ё → е: what the patterns are written against."""
    text = text.replace("İ", "i").lower()
    if not text.isascii():
        text = text.replace("ı", "i").replace("ё", "е").replace("\u0307", "")
    return text


def _compile(fragments: Iterable[str], places: Iterable[str] = ()) -> re.Pattern[str]:
    """One regex for many fragments, its alternatives grouped by their first letter, and place spellings.

    Python's regex engine tries every alternative at every position; grouped, it tries only
    those that start with the letter in front of it (seven times faster on 250 words).  Phrases
    go before single words, so "лачинского коридора" is read whole, not as "лачинского".  The
    gazetteer's five thousand spellings are plain text, so they go in as a trie (`_trie`), each
    first letter's branch beside the fragments that start with it.
    """
    groups: dict[str, list[str]] = {}
    rest: list[str] = []
    folded = sorted(dict.fromkeys(fold(f) for f in fragments), key=lambda f: " " not in f)
    for fragment in folded:
        first = re.match(r"\[(\w+)\]", fragment)
        if first:  # "[əe]..." starts with either letter
            for letter in dict.fromkeys(first.group(1)):
                groups.setdefault(letter, []).append(fragment[first.end():])
        elif fragment[0].isalpha() and fragment[1:2] not in ("?", "*", "+", "{"):
            groups.setdefault(fragment[0], []).append(fragment[1:])
        else:
            rest.append(fragment)
    for letter, tail in _trie(places).items():
        if letter == "և":
            rest.append(_EV + tail)
        else:
            groups.setdefault(letter, []).append(tail)
    parts = [re.escape(letter) + "(?:" + "|".join(tails) + ")" for letter, tails in groups.items()]
    return re.compile(r"(?<!\w)(?:" + "|".join(parts + rest) + r")(?!\w)")


# Gazetteer places small enough that only the conflict puts them in the news: "specific".
LOCAL_KINDS = frozenset({"village", "road", "pass", "bridge", "hill", "mountain", "reservoir", "sector"})
# Armenian "և" is also written "եւ" and "եվ" (the word tables write it so too).
_EV = "(?:և|եւ|եվ)"
# Case endings the gazetteer strips from a one-word name outside ASCII (`gazetteer._inflected`).
_MAX_ENDING, _MIN_STEM = 4, 4
_END, _INFLECTS = "", "+"  # trie keys that mark where a spelling ends (a letter key is never empty or "+")


def _inflects(spelling: str) -> bool:
    """Whether a spelling takes case endings: one word outside ASCII, four letters or more."""
    return not spelling.isascii() and " " not in spelling and len(spelling) >= _MIN_STEM


def _stems(word: str) -> Iterable[str]:
    """`word` without up to four final letters, for spellings that take case endings."""
    for cut in range(1, _MAX_ENDING + 1):
        stem = word[:-cut]
        if len(stem) < _MIN_STEM or not word[-cut:].isalnum():
            return
        yield stem


def _trie(spellings: Iterable[str]) -> dict[str, str]:
    """Many plain spellings as a trie: by first letter, a regex for the rest that at each letter
    tries only the spellings that go on with it.

    A spelling that takes case endings ("Սոթքում", "Kəlbəcərdə") ends in up to four more letters,
    so its case forms listed in the gazetteer need no branch of their own (a third of the regex,
    and of the time to compile it).  Longer spellings are tried first ("verin shorzha" before "verin").
    """
    root: dict[str, dict] = {}
    inflecting: set[str] = set()
    for word in sorted(spellings, key=len):
        if any(stem in inflecting for stem in _stems(word)):
            continue
        node = root
        for letter in word:
            node = node.setdefault(letter, {})
        if _inflects(word):
            inflecting.add(word)
        node[_INFLECTS if _inflects(word) else _END] = {}

    def emit(node: dict[str, dict]) -> str:
        letters = [(_EV if letter == "և" else re.escape(letter)) + emit(child)
                   for letter, child in node.items() if letter not in (_END, _INFLECTS)]
        ends = [r"\w{0,%d}" % _MAX_ENDING] if _INFLECTS in node else [""] if _END in node else []
        alternatives = letters + ends
        return alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"

    return {letter: emit(child) for letter, child in root.items()}


def _armenian_ev(word: str) -> str:
    """Armenian "և" however it is written ("եւ", "եվ"; the gazetteer's casefolded keys have "եւ")."""
    return word.replace("եւ", "և").replace("եվ", "և") if "ե" in word else word


# Every gazetteer spelling, folded as the text is, with its place.
PLACES: dict[str, gazetteer.Place] = {}
for _spelling, _place in gazetteer.load().by_key.items():
    PLACES.setdefault(_armenian_ev(fold(_spelling)), _place)


@lru_cache(maxsize=8192)
def _place_categories(word: str) -> frozenset[str]:
    """What a word found by the place trie counts as: an anchor, and specific if a small place."""
    word = _armenian_ev(word)
    place = PLACES.get(word)
    if place is None and _inflects(word):
        place = next((PLACES[stem] for stem in _stems(word) if stem in PLACES and _inflects(stem)), None)
    if place is None:
        return frozenset()
    return frozenset({"anchor", "specific"} if place.kind in LOCAL_KINDS else {"anchor"})


# Every word of the tables that makes a story worth a second look, side names and specific words included.
BUILTIN_PATTERNS: tuple[str, ...] = tuple(
    _fragments("anchors") + _fragments("armenia") + _fragments("azerbaijan") + _fragments("specific")
)
# What a word of the tables counts as, wherever it stands and however it is written.
CATEGORIES: dict[str, re.Pattern[str]] = {
    "anchor": _compile(BUILTIN_PATTERNS),
    "specific": _compile(_fragments("specific")),
    "armenia": _compile(_fragments("armenia")),
    "azerbaijan": _compile(_fragments("azerbaijan")),
    "conflict": _compile(_fragments("conflict")),
    "off_topic": _compile(_fragments("sport") + _fragments("business") + _fragments("culture")),
    "other_wars": _compile(_fragments("other_wars")),
}
# Step 2 reads the whole story for an anchor of the tables or a place (a smaller regex than `_SCAN`).
_ANCHOR = _compile(BUILTIN_PATTERNS, PLACES)
# One pass over a story finds every word of every category and every place; each word found is then
# sorted into its categories (cached: the same few hundred words come back story after story).
_SCAN = _compile((f for category in WORDS["en"].__slots__ for f in _fragments(category)), PLACES)
# The decision reads this much of a story; only the anchor test reads all of it.
WINDOW_CHARS = 6000


@lru_cache(maxsize=8192)
def _categories(word: str) -> tuple[frozenset[str], frozenset[str]]:
    """(what `word` counts as in the tables, what it adds as a place written with a capital)."""
    words = frozenset(name for name, pattern in CATEGORIES.items() if pattern.fullmatch(word))
    return words, _place_categories(word) - words


@lru_cache(maxsize=64)
def _user_pattern(keywords: tuple[str, ...]) -> re.Pattern[str] | None:
    extra = sorted({k.strip() for k in keywords if k and k.strip()}, key=len, reverse=True)
    return _compile(re.escape(k) for k in extra) if extra else None


class _Story:
    """A story's text folded for the patterns, and whether a letter of it was written as a capital."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.written = "\n".join(text for text in texts if text)
        self.folded = fold(self.written)
        # Folding keeps every letter in place but for a rare combining dot; then every place counts.
        self._aligned = len(self.folded) == len(self.written)

    def capital(self, at: int) -> bool:
        return not self._aligned or self.written[at].isupper()

    def categories(self, found: re.Match[str]) -> frozenset[str]:
        words, places = _categories(found.group())
        return words | places if places and self.capital(found.start()) else words

    def names_region(self) -> bool:
        return any(self.categories(found) for found in _ANCHOR.finditer(self.folded))


class RelevanceFilter:
    """A reusable filter for one feed's keyword set."""

    def __init__(self, keywords: Iterable[str] = ()) -> None:
        self.user = _user_pattern(tuple(sorted(set(keywords))))

    def matches(self, title: str = "", summary: str = "", *more: str) -> bool:
        """Whether a story is about the conflict: `title`, `summary`, then any other text (body, link)."""
        story = _Story((title, summary, *more))
        if self.user is not None and self.user.search(story.folded):
            return True
        if not story.names_region():
            return False
        lede = len(title) + 1 + min(len(summary), LEDE_CHARS)
        counts = dict.fromkeys(CATEGORIES, 0)
        off_topic_lede = False
        for found in _SCAN.finditer(story.folded, 0, WINDOW_CHARS):
            for name in story.categories(found):
                counts[name] += 1
                off_topic_lede |= name == "off_topic" and found.start() < lede
        if counts["specific"] or (counts["armenia"] and counts["azerbaijan"]):
            return True
        if counts["other_wars"] > counts["anchor"]:
            return False
        # Sport reports borrow war's words ("attacks", "a shot", "defence"), and a film festival's
        # programme has war dramas: the conflict's words must be at least as many as the topic's.
        return not off_topic_lede or counts["conflict"] >= counts["off_topic"]

