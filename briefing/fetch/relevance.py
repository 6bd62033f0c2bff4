"""Keyword relevance filter for general-news feeds (`keep = "relevant"`).

A world-news feed carries a hundred stories a day and three about the conflict;
this keeps the three.  It is deliberately simple: one compiled regex of place
names, actors and their common spellings (English, Russian, Armenian and
Azerbaijani script), matched case-insensitively at word boundaries.  Stems such
as "Armenia" also match their inflections ("Armenian", "Armenians"), because
feeds rarely use the bare country name.  Users add words in feeds.toml
(`[relevance] keywords` for all feeds, `keywords` per feed); those match as
whole words, exactly as written.

It is self-contained on purpose: the fetcher runs it in worker processes and
must not import the app or the extraction code.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

# Regex fragments (trusted, written here): a trailing \w* lets a stem match its inflections.
BUILTIN_PATTERNS: tuple[str, ...] = (
    # Countries, peoples, the region.
    r"armenia\w*", r"azerbaijan\w*", r"azeri\w*", r"karabag?kh\w*", r"artsakh\w*", r"south caucasus",
    r"nagorno\w*",
    # Capitals and cities.
    r"baku", r"yerevan\w*", r"stepanakert\w*", r"khankendi", r"xank[əe]ndi", r"shushi?a?", r"ganja",
    r"gyumri", r"goris", r"kapan", r"meghri", r"jermuk", r"ijevan", r"vanadzor", r"sisian",
    # Regions and corridors.
    r"lachin", r"la[çc][ıi]n", r"syunik\w*", r"siunik\w*", r"nakh[ci]h?[ie]van\w*", r"naxç[ıi]van\w*",
    r"zangezur\w*", r"zangazur\w*", r"tavush", r"tovuz", r"gegharkunik", r"vayots dzor", r"kalbajar",
    r"kelbajar", r"k[əe]lb[əe]c[əe]r", r"gazakh", r"qazax", r"agh?dam", r"fuzuli", r"jabrayil", r"zangilan",
    r"gubadli", r"kubatly", r"hadrut", r"martakert", r"martuni", r"askeran", r"aghdara", r"khojaly",
    r"khojavend", r"hakari",
    # Border villages that make the news.
    r"sotk", r"tegh", r"khoznavar", r"verin shorzha", r"nerkin hand", r"tigranashen", r"yeraskh",
    r"berdavan", r"chinari", r"voskepar", r"kirants", r"baghanis", r"voskevan", r"aygepar",
    r"paravakar", r"sadarak", r"dondar gushchu", r"alibeyli", r"yukhari askipara", r"ashaghi askipara",
    r"jermuk", r"nerkin karmiraghbyur",
    # Actors and institutions.
    r"pashinyan\w*", r"aliyev\w*", r"kocharyan\w*", r"sargsyan\w*", r"mirzoyan\w*", r"bayramov\w*",
    r"minsk group", r"euma", r"eu mission in armenia", r"crossroads of peace",
    # Russian.
    r"армени\w*", r"армян\w*", r"азербайджан\w*", r"азер\w*", r"карабах\w*", r"арцах\w*", r"баку",
    r"ерева\w*", r"степанакерт\w*", r"ханкенди", r"лачин\w*", r"сюник\w*", r"нахичеван\w*",
    r"зангезур\w*", r"пашинян\w*", r"алиев\w*", r"закавказ\w*", r"южн\w* кавказ\w*",
    # Armenian.
    r"հայաստան\w*", r"ադրբեջան\w*", r"արցախ\w*", r"ղարաբաղ\w*", r"սյունիք\w*",
    # Azerbaijani.
    r"az[əe]rbaycan\w*", r"erm[əe]nistan\w*", r"erm[əe]ni\w*", r"qaraba[ğg]\w*", r"bakı",
)


def build_pattern(keywords: Iterable[str] = ()) -> re.Pattern[str]:
    """One regex for the built-in list plus user keywords (escaped, whole words)."""
    extra = sorted({k.strip() for k in keywords if k and k.strip()}, key=len, reverse=True)
    parts = list(BUILTIN_PATTERNS) + [re.escape(k) for k in extra]
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=64)
def _cached(keywords: tuple[str, ...]) -> re.Pattern[str]:
    return build_pattern(keywords)


def is_relevant(texts: Iterable[str], keywords: Iterable[str] = ()) -> bool:
    """Whether any of `texts` mentions the conflict (or one of `keywords`)."""
    pattern = _cached(tuple(sorted(set(keywords))))
    return any(text and pattern.search(text) for text in texts)


class RelevanceFilter:
    """A reusable filter for one feed's keyword set."""

    def __init__(self, keywords: Iterable[str] = ()) -> None:
        self.pattern = _cached(tuple(sorted(set(keywords))))

    def matches(self, *texts: str) -> bool:
        return any(text and self.pattern.search(text) for text in texts)
