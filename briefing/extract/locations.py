"""Where an incident happened: the place names of a claim (README: "as written ... for this claim").

Why: grouping across stories matches incidents by place, so places that are not where the
event happened must not be taken: capitals used for governments ("Baku said"), institutions
named after a place ("the Karabakh Defence Army"), hospitals and meeting venues.
"""

from __future__ import annotations

import re

from .gazetteer import NOT_LOCATIONS, PlaceMatch
from .records import Sentence

# A place name used for an institution or people, not where something happened:
# "the Karabakh Defence Army", "Karabakh's ombudsman", "Artsakh Armenians".
_INSTITUTION_AFTER = re.compile(
    r"^(?:'s|’s)?\s+(?:(?:human rights |State |Interior |Emergency |Health |Foreign |Defen[cs]e )?"
    r"(?:Defen[cs]e Army|Defen[cs]e Ministry|army|Army|ombudsman|Ombudsman|police|Police|authorities|officials|"
    r"leader|leadership|president|President|government|Government|forces|Armenians?|Ministry|ministry|"
    r"Service|service|emergency|health|parliament|separatists?|side|de facto|Human Rights|human rights|"
    r"press service|administration|military|Security Council|mayor|governor|head))"
)


# "in the central hospital in Barda", "a Stepanakert hospital", "talks in Moscow"
_VENUE_BEFORE = re.compile(r"(?:hospital|hospitals|morgue|clinic|medical cent(?:re|er)|talks|meeting|summit|negotiations|evacuated|taken|flown|airlifted|transferred)(?: \w+){0,1} (?:in|to|at) (?:the )?(?:(?:town|city|village|capital|resort) of )?$", re.I)


# "the de facto authorities in Stepanakert said": where the speaker sits, not the incident
_SPEAKER_BEFORE = re.compile(r"(?:authorities|officials|leadership|government|leaders|administration) (?:in|of) (?:the )?$", re.I)


_VENUE_AFTER = re.compile(r"^(?:'s|’s)?\s+(?:\w+ )?(?:hospital|morgue|clinic|medical cent(?:re|er))", re.I)


_REGIONS = frozenset({"nagorno-karabakh"})


_VENUE_WORDS = ("hospital", "morgue", "clinic", "medical", "talks", "meeting", "summit", "negotiat", "evacuated", "taken", "flown", "airlifted", "transferred")


def incident_places(text: str, matches: list[PlaceMatch]) -> list[PlaceMatch]:
    """Places of one sentence that can be where an incident happened (README: "place names as
    written ... for this claim"): not capitals used for governments, not institutions named
    after a place, not hospitals or meeting venues; the whole region only when the sentence
    names nothing more specific."""
    kept: list[PlaceMatch] = []
    lower = text.lower()
    venues = any(word in lower for word in _VENUE_WORDS)
    for match in matches:
        if match.place.name.casefold() in NOT_LOCATIONS:
            continue
        after = text[match.end: match.end + 40]
        if _INSTITUTION_AFTER.match(after) or (venues and _VENUE_AFTER.match(after)):
            continue
        if venues and _VENUE_BEFORE.search(text[max(0, match.start - 40): match.start]):
            continue
        if _SPEAKER_BEFORE.search(text[max(0, match.start - 30): match.start]):
            continue
        kept.append(match)
    if any(m.place.name.casefold() not in _REGIONS for m in kept):
        kept = [m for m in kept if m.place.name.casefold() not in _REGIONS]
    return kept


def claim_locations(sentences: list[Sentence], indexes: set[int], claimant: str, taken: set[int] | None = None, parts: dict[int, int] | None = None) -> list[str]:
    """Places as written: the claim's sentences, else its claimant's, else the story's
    (never a sentence that carries another claim: its places are that claim's)."""
    taken = taken or set()
    parts = parts or {}

    def collect(selected: list[Sentence]) -> list[str]:
        seen: list[str] = []
        for s in selected:
            for match in incident_places(s.text, s.part_places(parts.get(s.index, -1))):
                if match.text not in seen:
                    seen.append(match.text)
        return seen

    own = collect([s for s in sentences if s.index in indexes])
    if own:
        return own
    if any(parts.get(i, -1) >= 0 for i in indexes):
        # "carried out an operation in the area": the rest of the sentence names the place
        parts = {}
        own = collect([s for s in sentences if s.index in indexes])
        if own:
            return own
    # earlier sentences set the scene even when they carry another claim ("... on the
    # Khankendi-Khalfali road. Three members of the group were killed"); later ones do not
    first = min(indexes)
    same = collect([s for s in sentences if claimant in s.claimants and (s.index not in taken or s.index < first)])
    if same:
        return same
    # witnesses and media set the scene too: "Residents of Berkaber said gunfire was heard"
    return collect([s for s in sentences if (not s.claimants or s.claimants <= {"other"}) and s.index not in taken])
