"""Keyword relevance filter for general-news feeds (`keep = "relevant"`).

A world-news feed carries a hundred stories a day and three about the conflict;
this keeps the three.  It is broad on purpose, because a story it drops is never
stored: the extractor decides later what is an incident.  It reads English,
Russian, Azerbaijani and Armenian (the tables are in `relevance_words.py`, one per
language, matched together so a Russian story quoting "SOCAR" or an English one
quoting "Qarabağ" is read right whatever its language), and it decides in steps:

1. A story must name the region, a place or a person of the conflict (an anchor),
   or one of the reader's own keywords; most stories of a world feed stop here.
2. A word only this conflict has (Nagorno-Karabakh, Artsakh, the Lachin corridor, a
   border village, delimitation), one of the reader's keywords, or both sides'
   names (Armenia and Azerbaijan, Ереван and Баку): kept.
3. Another country's war named more often than the region (Ukraine's drones "as in
   Karabakh"): dropped.
4. A headline or first lines about football (ФК «Карабах», Qarabağ FK, Ղարաբաղ ՖԱ),
   gas and oil business or culture, in a story with fewer words of violence, soldiers,
   talks or prisoners than words of that topic: dropped.
5. Anything else that names the region: kept.

Reader keywords (`[relevance] keywords` for all feeds, `keywords` per feed) match as
whole words, exactly as written.  It is self-contained on purpose: the fetcher runs
it in worker processes and must not import the app or the extraction code.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

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


def _compile(fragments: Iterable[str]) -> re.Pattern[str]:
    """One regex for many fragments, its alternatives grouped by their first letter.

    Python's regex engine tries every alternative at every position; grouped, it tries only
    those that start with the letter in front of it (seven times faster on 250 words).  Phrases
    go before single words, so "лачинского коридора" is read whole, not as "лачинского".
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
    parts = [re.escape(letter) + "(?:" + "|".join(tails) + ")" for letter, tails in groups.items()]
    return re.compile(r"(?<!\w)(?:" + "|".join(parts + rest) + r")(?!\w)")


# Every word that makes a story worth a second look, side names and specific words included.
BUILTIN_PATTERNS: tuple[str, ...] = tuple(
    _fragments("anchors") + _fragments("armenia") + _fragments("azerbaijan") + _fragments("specific")
)
CATEGORIES: dict[str, re.Pattern[str]] = {
    "anchor": _compile(BUILTIN_PATTERNS),
    "specific": _compile(_fragments("specific")),
    "armenia": _compile(_fragments("armenia")),
    "azerbaijan": _compile(_fragments("azerbaijan")),
    "conflict": _compile(_fragments("conflict")),
    "off_topic": _compile(_fragments("sport") + _fragments("business") + _fragments("culture")),
    "other_wars": _compile(_fragments("other_wars")),
}
# One pass over a story finds every word of every category; each word found is then sorted into its
# categories (cached: the same few hundred words come back story after story).
_SCAN = _compile(f for category in WORDS["en"].__slots__ for f in _fragments(category))
# The decision reads this much of a story; only the anchor test reads all of it.
WINDOW_CHARS = 6000


@lru_cache(maxsize=8192)
def _categories(word: str) -> frozenset[str]:
    return frozenset(name for name, pattern in CATEGORIES.items() if pattern.fullmatch(word))


def _user_pattern(keywords: Iterable[str]) -> re.Pattern[str] | None:
    extra = sorted({k.strip() for k in keywords if k and k.strip()}, key=len, reverse=True)
    return _compile(re.escape(k) for k in extra) if extra else None


def build_pattern(keywords: Iterable[str] = ()) -> re.Pattern[str]:
    """One regex for the built-in anchors plus user keywords (whole words), for `fold`ed text: step 1."""
    extra = sorted({k.strip() for k in keywords if k and k.strip()}, key=len, reverse=True)
    return _compile(list(BUILTIN_PATTERNS) + [re.escape(k) for k in extra])


@lru_cache(maxsize=64)
def _cached(keywords: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str] | None]:
    return build_pattern(keywords), _user_pattern(keywords)


class RelevanceFilter:
    """A reusable filter for one feed's keyword set."""

    def __init__(self, keywords: Iterable[str] = ()) -> None:
        self.pattern, self.user = _cached(tuple(sorted(set(keywords))))

    def matches(self, title: str = "", summary: str = "", *more: str) -> bool:
        """Whether a story is about the conflict: `title`, `summary`, then any other text (body, link)."""
        whole = fold("\n".join(text for text in (title, summary, *more) if text))
        if not self.pattern.search(whole):
            return False
        if self.user is not None and self.user.search(whole):
            return True
        lede = len(title) + 1 + min(len(summary), LEDE_CHARS)
        counts = dict.fromkeys(CATEGORIES, 0)
        off_topic_lede = False
        for found in _SCAN.finditer(whole, 0, WINDOW_CHARS):
            for name in _categories(found.group()):
                counts[name] += 1
                off_topic_lede |= name == "off_topic" and found.start() < lede
        if counts["specific"] or (counts["armenia"] and counts["azerbaijan"]):
            return True
        if counts["other_wars"] > counts["anchor"]:
            return False
        # Sport reports borrow war's words ("attacks", "a shot", "defence"), and a film festival's
        # programme has war dramas: the conflict's words must be at least as many as the topic's.
        return not off_topic_lede or counts["conflict"] >= counts["off_topic"]


def is_relevant(texts: Iterable[str], keywords: Iterable[str] = ()) -> bool:
    """Whether a story (its title first, then summary and any other text) is about the conflict."""
    return RelevanceFilter(keywords).matches(*texts)
