"""Is a story about the Armenia–Azerbaijan conflict or relations?

Why rules and not a bag of words: outlets from both countries publish plenty of news that
names one country but has nothing to do with the other (gas exports, university reform,
a summit in Baku, an attack in Tehran).  A story is relevant when it names both sides, or
a place or institution that only exists because of the conflict (Karabakh, the Lachin
corridor, the EU border mission, peacekeepers, delimitation), or one side plus words of
armed conflict or peace-making.

This is the extractor's judgement.  Which stories a general-news feed keeps at all is
decided earlier and more broadly by the fetcher's own keyword filter (`fetch/relevance.py`),
which runs in the parser processes and knows nothing of extraction.
"""

from __future__ import annotations

import re

from .gazetteer import find_places

# Sectors along the line of contact; a place on one of them ties a story to the conflict.
BORDER_SECTORS = frozenset({
    "tavush-tovuz-gazakh", "gegharkunik-kalbajar", "vayots-dzor-kalbajar", "syunik-lachin",
    "syunik-zangilan", "nakhchivan", "karabakh",
})


def _ci(source: str) -> re.Pattern[str]:
    """Compile a pattern that is only run on lower-cased text (faster than re.I)."""
    return re.compile(source.lower())


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
