"""Whose casualties: the side affected, from the words of the victim phrase (README rule 7).

Why a module of its own: the same figure means a different claim depending on whether the
victims are "Azerbaijani servicemen", "its soldiers", "civilians" (whose civilians: the
claimant's or the place's), "members of the illegal armed formations" (Karabakh forces in
Baku's words) or EU monitors (`unknown`).
"""

from __future__ import annotations

from collections.abc import Callable

from .gazetteer import NOT_LOCATIONS, PlaceMatch, lookup
from .records import Mention
from .words import (
    CIVIL_WORDS,
    KARABAKH_FORCES,
    MILITARY_WORDS,
    MONTH_NAMES,
    NATION_ADJ,
    NATIONAL_NOUNS,
    SIDE_OF_PLACE,
    ci,
)


def nation_of(tokens: list[str]) -> str | None:
    """Side named by the words of a victim phrase ("Azerbaijani servicemen", "of the Karabakh army")."""
    found = None
    for k, tok in enumerate(tokens):
        nation = NATION_ADJ.get(tok)
        if nation:
            if nation == "EU" and tok in ("mission",) and "eu" not in tokens:
                continue
            # "Karabakh Armenian forces": Karabakh wins over Armenian
            if found == "Karabakh" and nation == "Armenia":
                continue
            found = nation
        elif tok in ("defence", "defense") and k + 1 < len(tokens) and tokens[k + 1] == "army":
            found = "Karabakh"
        elif tok == "border" and k + 1 < len(tokens) and tokens[k + 1] == "service" and k > 0 and tokens[k - 1] == "state" and found is None:
            found = "Azerbaijan"  # "a serviceman of the State Border Service"
        elif tok in NATIONAL_NOUNS and found is None:
            found = NATIONAL_NOUNS[tok]
    # "illegal Armenian armed formations", "separatists": Baku's words for Karabakh forces
    if found in (None, "Armenia") and any(tok in KARABAKH_FORCES for tok in tokens):
        return "Karabakh"
    return found


def is_civil(tokens: list[str], split: bool = False) -> bool | None:
    """True civilian, False armed, None unknown, from the head words of a victim phrase.

    A person named without rank or unit ("killing Aram Tepnants") is taken for a civilian:
    wires name soldiers with their rank or as "serviceman"."""
    words = set(tokens)
    if "<named>" in words:
        return not (words & MILITARY_WORDS)
    if words & {"civilian", "civilians", "family", "families", "household", "villagers", "residents"}:
        return True
    if words & {"ministry", "police", "army", "military", "forces", "policemen", "policeman", "border", "guards"}:
        return False
    if words & MILITARY_WORDS:
        return False
    if words & CIVIL_WORDS:
        if words & {"people", "person"} and split:
            return False
        return True
    return None


def side_of(nation: str | None, civil: bool | None, claimant: str, places: list[PlaceMatch], own: bool) -> str | None:
    """Side affected from nationality, civil/armed, claimant and places (README rule 7)."""
    if nation == "EU":
        return "unknown"
    if nation is None and own and claimant in ("Armenia", "Azerbaijan", "Karabakh", "Russia"):
        nation = claimant
    if civil:
        if nation is None:
            if claimant in ("Armenia", "Karabakh"):
                nation = "Armenia"
            elif claimant == "Azerbaijan":
                nation = "Azerbaijan"
            else:
                for place in places:
                    if place.place.name.casefold() not in NOT_LOCATIONS:
                        nation = SIDE_OF_PLACE[place.place.side]
                        break
        if nation in ("Armenia", "Karabakh"):
            return "civilians-Armenia"
        if nation == "Azerbaijan":
            return "civilians-Azerbaijan"
        if nation in ("Russia", "EU"):
            return "unknown"  # e.g. foreign journalists: "anyone else" (README rule 7)
        return None
    if nation is None and claimant in ("Armenia", "Azerbaijan", "Karabakh", "Russia"):
        # armed forces report their own losses; an outlet or NGO naming no side gives
        # no side (often a sum across sides: "seven soldiers died when troops exchanged fire")
        nation = claimant
    if nation == "Armenia" and claimant == "Karabakh":
        return "Karabakh"
    return nation


_NOT_NAME = frozenset({
    "defence", "defense", "ministry", "army", "state", "border", "service", "office", "general", "prosecutor",
    "interior", "national", "security", "committee", "council", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "the", "a", "an", "on", "in", "at", "and", "but", "president", "minister",
    "republic", "agency", "police", "mission", "union", "european", "human", "rights", "ombudsman", "foreign",
})


def is_name(words: list[str], k: int) -> bool:
    """True if words[k] ends a personal name: two capitalised words that are not a place,
    a nation, an institution or a weekday ("Siraj Abishov", "Ivan Kovgan")."""
    if k < 1 or k >= len(words):
        return False
    pair = words[k - 1: k + 1]
    for w in pair:
        lw = w.lower()
        if not w[:1].isupper() or lw in _NOT_NAME or lw in NATION_ADJ or lw in NATIONAL_NOUNS or lw in MONTH_NAMES:
            return False
        if lookup(w) is not None:
            return False
    return True


def agent_noun(word: str) -> bool:
    """Crude: words ending like agent nouns ("driller", "deminer", "guardsman")."""
    return word.endswith(("er", "man", "ist", "ant", "ent", "or")) and len(word) > 3


KARABAKH_FRAME = ci(r"\b(?:armed formations?|illegal (?:armenian )?(?:armed )?(?:formations?|detachments?|groups?)|separatists?|armed detachments?)\b")


def karabakh_frame(mentions: list[Mention], summary: str, places: Callable[[], list[PlaceMatch]]) -> None:
    """Baku's "illegal Armenian armed formations" in Karabakh are the Karabakh forces, so
    "three members of the Armenian group" there are the Karabakh side (README rule 7).

    Only when the story's places are in Karabakh (or Karabakh and Azerbaijan): the same
    words about the Armenian border are about Armenia's army."""
    lower = summary.lower()
    if not (("formation" in lower or "separatist" in lower or "detachment" in lower or "illegal" in lower) and KARABAKH_FRAME.search(lower)):
        return
    sides = {p.place.side for p in places() if p.place.name.casefold() not in NOT_LOCATIONS}
    if sides == {"karabakh"} or (sides and sides <= {"karabakh", "azerbaijan"} and "karabakh" in sides):
        for mention in mentions:
            if mention.side == "Armenia" and mention.claimant not in ("Armenia", "Karabakh"):
                mention.side = "Karabakh"


def unsplit_to_armed(mentions: list[Mention]) -> None:
    """ "killing two servicemen and a civilian and wounding eleven people", "32 killed, seven
    of them civilians, and more than 200 wounded": when a claimant divides one figure of a
    sentence between its armed side and civilians, a figure of the other kind for plain
    "people" is not divided and stays with the armed side (README rule 8)."""
    for mention in mentions:
        if not (mention.armed_side and mention.civil_side and mention.side == mention.civil_side):
            continue
        if mention.field not in ("killed", "wounded"):
            continue
        sides = {m.side for m in mentions if m.sentence == mention.sentence and m.claimant == mention.claimant
                 and m.field != mention.field and m.field in ("killed", "wounded")}
        if mention.armed_side in sides and mention.civil_side in sides:
            mention.side = mention.armed_side
