"""Is a story about the Armenia–Azerbaijan conflict or relations? (the relevance table)

A story is relevant when it names a place or body that only the conflict has (Karabakh, the
Lachin corridor, the EU mission in Armenia), or both sides, or one side beside words of armed
conflict or peace-making, or a border place of one side. Stories led by sport, business or
natural disasters or another country's war ("Qarabağ" the football club, gas exports, floods in
Armenia, Armenians killed in Beirut) are not, unless they also name the conflict itself or both
sides, or a side's soldiers killed or wounded (corpus rule 10: a soldier's death in an accident is a
claim): a civilian death toll beside an off-topic word is the disaster's far more often than the war's. The words are the `relevance` rows of
each language's tables; the fetcher's broader keep-filter is `fetch/relevance.py`.
"""

from __future__ import annotations

from .gazetteer import find_places
from .lexicon import Lexicon
from .text import story_text

BORDER_SECTORS = frozenset({
    "tavush-tovuz-gazakh", "gegharkunik-kalbajar", "vayots-dzor-kalbajar", "syunik-lachin",
    "syunik-zangilan", "nakhchivan", "karabakh",
})


def relevance_kinds(lexicon: Lexicon, text: str) -> set[str]:
    """Which kinds of relevance words the text holds (side-a, side-b, conflict, war-word, off-topic)."""
    return {str(row.get("kind")) for row, *_ in lexicon.found("relevance", text)}


def is_relevant_text(lexicon: Lexicon, title: str, summary: str) -> bool:
    text = story_text(title, summary)
    found = lexicon.found("relevance", text)
    kinds = {str(row.get("kind")) for row, *_ in found}
    one_side = bool(kinds & {"side-a", "side-b", "enemy"})  # "the enemy" is a side unnamed
    # the conflict's places inside an off-topic phrase name a club ("Ağdamın “Qarabağ” klubu"), not the conflict
    off_topic = [(start, end) for row, start, end, _ in found if row.get("kind") == "off-topic"]
    conflict_named = any(row.get("kind") == "conflict" and not any(a <= start < b for a, b in off_topic)
                         for row, start, end, _ in found)
    named_conflict = conflict_named or {"side-a", "side-b"} <= kinds
    if any(row.get("kind") == "elsewhere" for row, *_ in lexicon.found("scope", text)) and not named_conflict:
        return False  # another country's war or disaster (the `elsewhere` scope rows)
    victims = [row for row, *_ in lexicon.found("victim", text)]
    casualties = bool(lexicon.found("trigger", text)) and bool(victims)
    if "off-topic" in kinds and not (named_conflict or (casualties and any(v.get("role") == "armed" for v in victims))):
        return False
    if named_conflict or (one_side and ("war-word" in kinds or casualties)):
        return True
    # the places are looked up only when the words alone do not settle it
    places = find_places(text)
    border = one_side and any(BORDER_SECTORS.intersection(m.place.sectors) for m in places)
    # soldiers killed or wounded in a place of the two countries ("4 զինծառայող է վիրավորվել Նորաբակում"):
    # the two armies' losses, whatever the cause, are the tally's business (not police, rows marked
    # civil_order: they also fall in a town's riot)
    soldiers_there = casualties and any(v.get("role") == "armed" and not v.get("civil_order") for v in victims) and any(
        m.place.side in ("armenia", "azerbaijan", "karabakh") for m in places)
    return border or soldiers_there or any("karabakh" in m.place.sectors for m in places)
