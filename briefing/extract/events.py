"""Event type, weapons and kind (combat / landmine / non-combat) of a claim (README rules 10, 12).

Why: grouping across stories needs the kind (a mine blast is never the same incident as a
border clash) and the reader shows the type and weapons.  Cues are tried on the claim's own
sentences first, then its claimant's, then the whole story, so a story mixing a drone strike
and a clash types each claim by its own words.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .victims import is_civil
from .words import MILITARY_WORDS, ci

# Event type cues, checked in this order.
REMNANTS = ci(r"\b(?:left ?over|leftover|unexploded|remnants?|land ?mines?|anti-(?:tank|personnel) mines?|mine blasts?|mines? (?:went off|blew up)|(?:hit|struck|stepped on|drove over|ran over) an? (?:[\w-]+ )?mine)\b")


MINE = ci(
    r"\b(?:land ?mines?|anti-(?:tank|personnel) mines?|(?:hit|struck|stepped on|drove over|ran over|detonated) (?:an? |another )?(?:\w+ )?mine|"
    r"mine (?:blasts?|explosions?|exploded|detonated|incidents?|went off|blew up)|(?:set off|triggered) an? (?:\w+ )?mine|by (?:a|another) mine|mine victims|unexploded (?:ordnance|munitions?|shells?|bombs?)|explosive device|left ?over from|leftover)\b",
)


EVENT_TYPE_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("landmine", MINE),
    ("other", ci(r"\b(?:explosion|blast|exploded|fire broke out|shot down|brought down|downed|downing|crash\w*|accident\w*|helicopter|barracks fire|depot|overturned|avalanche|drowned|"
                  r"(?:fire|blaze) (?:at|in) (?:the |a )?(?:[\w-]+ ){0,2}(?:barracks|depot|warehouse|dormitory|building)|burned down|blaze)\b")),
    ("sniper fire", ci(r"\bsnipers?\b")),
    ("drone strike", ci(r"\b(?:drone strikes?|drone attacks?|with (?:an? )?(?:attack |combat |kamikaze |strike |armed )?(?:drones?|UAVs?)|UAV strikes?|struck by (?:an? )?(?:\w+ )?drone|drones? (?:struck|hit|attacked|targeted))\b")),
    ("shelling/artillery", ci(r"\b(?:shell(?:s|ing|ed)?|artillery|bombard\w*|rocket attacks?|rockets?|missiles?|missile strikes?|cluster|air ?strikes?|airstrikes?|Grad|Smerch)\b")),
    ("armed clash", ci(r"\b(?:clash\w*|fighting|firefight|attack\w*|ambush\w*|offensive|skirmish\w*|battles?|exchanged? (?:of )?fire|opened (?:\w+ )?fire|assault|raid|"
                        r"(?:vehicle|car|convoy|patrol|truck|bus|minibus) (?:was |were )?(?:fired (?:on|upon|at)|shot at))\b")),
    ("ceasefire violation", ci(r"\b(?:ceasefire violations?|violat\w+|breach\w* of the (?:truce|ceasefire)|gunfire|fired (?:at|on)|shooting|shot at|provocations?|sporadic)\b")),
)


WEAPON_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("drone", ci(r"\b(?:drones?|UAVs?|Bayraktars?|quadcopters?|loitering munitions?)\b")),
    ("artillery", ci(r"\b(?:artillery|howitzers?)\b")),
    ("mortar", ci(r"\bmortars?\b")),
    ("small arms", ci(r"\b(?:gunfire|firearms?|assault rifles?|machine[- ]guns?|small[- ]arms|rifles?|guns|gunshots?|bullets?|Kalashnikovs?|automatic weapons?|automatic rifles?|submachine guns?|pistols?)\b")),
    ("sniper", ci(r"\bsnipers?\b")),
    ("rocket", ci(r"\b(?:rockets?|cluster (?:munitions?|rockets?|bombs?)|Grad|Smerch|MLRS)\b")),
    ("missile", ci(r"\bmissiles?\b")),
    ("mine", MINE),
    ("tank", ci(r"(?<!-)\btanks?\b")),
    ("aircraft", ci(r"\b(?:air ?strikes?|airstrikes?|aircraft|warplanes?|jets?|bombers?)\b")),
)


# Substrings one of which every match of a cue contains: a cheap `in` test before each regex
# (speed: most texts name two or three of the ten weapons).
_MINE_HINTS = ("mine", "unexploded", "explosive device", "left")
EVENT_HINTS: dict[str, tuple[str, ...]] = {
    "landmine": _MINE_HINTS,
    "other": ("explo", "blast", "fire broke", "down", "crash", "accident", "helicopter", "barracks", "depot", "overturn", "avalanche", "drown", "burned down", "blaze"),
    "sniper fire": ("sniper",),
    "drone strike": ("drone", "uav"),
    "shelling/artillery": ("shell", "artiller", "bombard", "rocket", "missile", "cluster", "air", "grad", "smerch"),
    "armed clash": ("clash", "fight", "attack", "ambush", "offensive", "skirmish", "battle", "fire", "assault", "raid", "shot at"),
    "ceasefire violation": ("ceasefire", "violat", "breach", "gunfire", "fired", "shooting", "shot at", "provocation", "sporadic"),
}
WEAPON_HINTS: dict[str, tuple[str, ...]] = {
    "drone": ("drone", "uav", "bayraktar", "quadcopter", "loitering"),
    "artillery": ("artillery", "howitzer"),
    "mortar": ("mortar",),
    "small arms": ("gun", "firearm", "rifle", "arms", "bullet", "kalashnikov", "automatic", "pistol"),
    "sniper": ("sniper",),
    "rocket": ("rocket", "cluster", "grad", "smerch", "mlrs"),
    "missile": ("missile",),
    "mine": _MINE_HINTS,
    "tank": ("tank",),
    "aircraft": ("air", "aircraft", "warplane", "jet", "bomber"),
}


def _hinted(hints: tuple[str, ...], text: str) -> bool:
    for hint in hints:
        if hint in text:
            return True
    return False


# A ground offensive is fighting even when guns and drones are named.
OFFENSIVE = ci(
    r"\b(?:(?:military |ground |counter-?|large-scale |full-scale )offensive|offensive (?:operation|along)|full-scale (?:attack|assault|war|offensive)|"
    r"ground (?:assault|attack|operation|offensive)|along the (?:entire )?(?:line of contact|front ?line|front)|anti-terror(?:ist)? (?:measures|operation)|"
    r"launched an? (?:\w+ )?offensive)\b"
)


ATTACK = ci(r"\b(?:attack(?:ed|s|ing)?|assault\w*|offensive|stormed)\b")


HEAVY_WEAPONS = ci(r"\b(?:mortars?|artillery|tanks?|howitzers?|rockets?|grad)\b")


FIGHTING = ci(r"\b(?:clash\w*|fighting|firefight|exchange of fire|exchanged fire|ambush\w*|battle|assault|returned fire|offensive)\b")


OPENED_FIRE = ci(r"\bopened (?:\w+ )?fire(?: with [\w\s-]{0,30}?)? (?:on|at) ((?:[\w'-]+ ){0,4}[\w'-]+)")


@lru_cache(maxsize=64)
def event_type_in(text: str) -> str | None:
    """First event-type cue in (lower-cased) text; cached because a story's claims share text."""
    for name, pattern in EVENT_TYPE_CUES:
        if name == "sniper fire" and OFFENSIVE.search(text):
            return "armed clash"  # "launched a full-scale attack ... using artillery and drones"
        if _hinted(EVENT_HINTS[name], text) and pattern.search(text):
            if name == "drone strike" and ATTACK.search(text) and HEAVY_WEAPONS.search(text):
                return "armed clash"  # "attacked positions with combat drones and mortars"
            if name == "armed clash" and OPENED_FIRE.search(text) and not FIGHTING.search(text):
                target = OPENED_FIRE.search(text).group(1).split()
                if is_civil(target) and not any(w in MILITARY_WORDS or w in ("positions", "posts", "post", "position") for w in target):
                    return "ceasefire violation"  # "opened fire on four men repairing a pipeline"
            return name
    return None


def event_type_of(*scopes: str) -> str:
    """First matching event type cue, trying the narrowest text first."""
    for scope in scopes:
        found = event_type_in(scope.lower())
        if found:
            return found
    return "armed clash"


@lru_cache(maxsize=64)
def _weapons_in(text: str) -> tuple[str, ...]:
    found = [name for name, pattern in WEAPON_CUES if _hinted(WEAPON_HINTS[name], text) and pattern.search(text)]
    if "sniper" in found and "small arms" in found and not re.search(r"\b(?:gunfire|assault rifles?|machine[- ]guns?|small arms)\b", text):
        found.remove("small arms")
    return tuple(found)


def weapons_of(text: str) -> list[str]:
    """Weapons named in text, in the corpus vocabulary."""
    return list(_weapons_in(text.lower()))


NON_COMBAT = ci(
    r"\b(?:fire broke out|caught fire|barracks fire|depot|warehouse|accident\w*|carelessness|negligence|"
    r"blew up|explosion at|blast at|crash\w*|collapsed?|drowned|heart attack|suicide|fuel|gas leak|"
    r"overturned|road accident|car accident|traffic accident|fell|avalanche|illness|hazing|burned down|"
    r"(?:fire|blaze) (?:at|in) (?:the |a )?(?:[\w-]+ ){0,2}(?:barracks|depot|warehouse|dormitory|building))\b"
)


HOSTILE = ci(r"\b(?:shot down|brought down|downed|downing|attack\w*|fired|shelling|strike)\b")


def kind_of(event_type: str, weapons: list[str], text: str) -> str:
    """combat / landmine / non-combat (README rule 10: fires and depot blasts are non-combat)."""
    if event_type == "landmine":
        return "landmine"
    text = text.lower()
    if event_type == "other" and not weapons and NON_COMBAT.search(text) and not HOSTILE.search(text):
        return "non-combat"
    return "combat"


def clear_caches() -> None:
    """Forget cached cue lookups: they only serve the claims of one story (keeps memory flat
    and benchmarks honest)."""
    event_type_in.cache_clear()
    _weapons_in.cache_clear()
