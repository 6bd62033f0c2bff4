"""Is a story about the Armenia–Azerbaijan conflict or relations?

Why rules and not a bag of words: outlets from both countries publish plenty of news that
names one country but has nothing to do with the other (gas exports, university reform,
a summit in Baku, an attack in Tehran).  A story is relevant when it names both sides, or
a place or institution that only exists because of the conflict (Karabakh, the Lachin
corridor, the EU border mission, peacekeepers, delimitation), or one side plus words of
armed conflict or peace-making.

`DEFAULT_KEYWORDS` and `matches_keywords` are the cheap pre-filter the fetcher uses for
feeds configured with `keep = "relevant"`; `is_relevant` is the stricter judgement.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .gazetteer import find_places

# Sectors along the line of contact; a place on one of them ties a story to the conflict.
BORDER_SECTORS = frozenset({
    "tavush-tovuz-gazakh", "gegharkunik-kalbajar", "vayots-dzor-kalbajar", "syunik-lachin",
    "syunik-zangilan", "nakhchivan", "karabakh",
})


def _ci(source: str) -> re.Pattern[str]:
    """Compile a pattern that is only run on lower-cased text (faster than re.I)."""
    return re.compile(source.lower())

DEFAULT_KEYWORDS: tuple[str, ...] = (
    "Armenia", "Armenian", "Azerbaijan", "Azerbaijani", "Yerevan", "Baku", "Karabakh",
    "Artsakh", "Stepanakert", "Khankendi", "Lachin", "Syunik", "Zangezur", "Tavush",
    "Gegharkunik", "Nakhchivan", "Kalbajar", "Pashinyan", "Aliyev", "Bayramov", "Mirzoyan",
    "EUMA", "peacekeepers", "ceasefire", "Sotk", "Jermuk", "Tovuz", "Shusha", "Shushi",
)

_ARM = _ci(r"\b(?:Armenia|Armenian|Armenians|Yerevan|Pashinyan|Mirzoyan|Syunik|Tavush|Gegharkunik|Vayots Dzor)")
_AZE = _ci(r"\b(?:Azerbaijan|Azerbaijani|Azerbaijanis|Azeri|Baku|Aliyev|Bayramov|Hajizada|Nakhchivan|ANAMA)")
_CONFLICT_PLACE = _ci(
    r"\b(?:Karabakh|Artsakh|Stepanakert|Khankendi|Lachin|Kalbajar|Kelbajar|Zangezur|Shusha|Shushi|"
    r"Askeran|Martakert|Hadrut|Khojavend|Martuni|Sotk|Jermuk|Tovuz|Tegh|EUMA|Minsk Group|EU Monitoring Mission|EU mission in Armenia)"
)
_CONFLICT_WORD = _ci(
    r"\b(?:ceasefire|truce|border clash|clashes|shelling|sniper|peacekeep\w*|delimitation|demarcation|"
    r"peace treaty|peace talks|prisoners of war|POWs?|landmines?|mine victims|CSTO|Collective Security Treaty|"
    r"occupied|incursion|border guards|war with|cluster munitions?|rocket attacks?|artillery|missile strikes?|"
    r"drone strikes?|rocket strikes?|front ?line|clash|servicem[ae]n|military positions|armed forces|separatists?|"
    r"shells?|shelled|sniper fire|gunfire|mortars?|martyred|martyrs|anti-tank mines?|anti-personnel mines?|mine blasts?|"
    r"ceasefire violations?|border posts?|combat positions|the fighting|killed in (?:the )?(?:fighting|clashes)|"
    r"(?:soldiers|servicemen|troops) (?:were )?killed)\b",
)


@lru_cache(maxsize=64)
def _keyword_pattern(keywords: tuple[str, ...]) -> re.Pattern[str]:
    """One compiled alternation per keyword list (feeds share lists, so cache them)."""
    alternatives = sorted({re.escape(k.strip()) for k in keywords if k.strip()}, key=len, reverse=True)
    if not alternatives:
        return re.compile(r"(?!x)x")
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")", re.I)


def matches_keywords(text: str, keywords: list[str] | tuple[str, ...] = DEFAULT_KEYWORDS) -> bool:
    """True if any keyword starts a word in `text` (case-insensitive; "Armenia" matches "Armenian")."""
    return bool(_keyword_pattern(tuple(keywords)).search(text))


def is_relevant(title: str, summary: str) -> bool:
    """True if the story is about the conflict or relations between the two sides."""
    text = f"{title}\n{summary}".lower()
    if _CONFLICT_PLACE.search(text):
        return True
    has_arm = bool(_ARM.search(text))
    has_aze = bool(_AZE.search(text))
    if has_arm and has_aze:
        return True
    if (has_arm or has_aze) and _CONFLICT_WORD.search(text):
        return True
    # a border village or a Karabakh district ("a conscript was wounded near Norabak",
    # "a mine exploded in Fuzuli"): Karabakh places count alone, border places with a side
    for match in find_places(f"{title}\n{summary}"):
        if "karabakh" in match.place.sectors:
            return True
        if (has_arm or has_aze) and BORDER_SECTORS.intersection(match.place.sectors):
            return True
    return False
