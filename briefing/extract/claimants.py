"""Story-level attribution: which claimant each figure of a sentence belongs to.

`attribution.py` finds the anchors of one sentence ("Armenia's Defence Ministry said");
this module applies them across the story, because wires write "the ministry said" or
"it added" for the authority named a sentence before, and Armenian or Azerbaijani outlets
write "the Defence Ministry" for their own country's (README rule 5).
"""

from __future__ import annotations

import re

from .attribution import ANAPHOR, OWN, SAY_VERBS, Anchor, classify_strong, find_anchors
from .gazetteer import NOT_LOCATIONS, PlaceMatch
from .records import Sentence
from .words import BARE, PARTIES, SIDE_OF_PLACE, ci

# Armenian and Azerbaijani outlets use "the Defence Ministry" for their own country's.
OUTLET_COUNTRY = {
    "azertac": "Azerbaijan", "trend": "Azerbaijan", "report.az": "Azerbaijan", "news.az": "Azerbaijan",
    "apa": "Azerbaijan", "azernews": "Azerbaijan", "caspian news": "Azerbaijan", "turan": "Azerbaijan",
    "day.az": "Azerbaijan", "oxu.az": "Azerbaijan", "minval": "Azerbaijan", "haqqin": "Azerbaijan",
    "armenpress": "Armenia", "news.am": "Armenia", "public radio of armenia": "Armenia",
    "panarmenian.net": "Armenia", "radar armenia": "Armenia", "civilnet": "Armenia", "hetq": "Armenia",
    "azatutyun": "Armenia", "evn report": "Armenia", "armenian weekly": "Armenia", "asbarez": "Armenia",
    "massis post": "Armenia", "mirror-spectator": "Armenia", "aravot": "Armenia", "168.am": "Armenia",
    "tass": "Russia", "ria novosti": "Russia", "interfax": "Russia", "sputnik": "Russia",
    "caliber.az": "Azerbaijan", "caliber": "Azerbaijan", "azvision": "Azerbaijan", "1news.az": "Azerbaijan",
    "qafqazinfo": "Azerbaijan", "milli.az": "Azerbaijan", "aztv": "Azerbaijan", "az24saat": "Azerbaijan",
    "vesti.az": "Azerbaijan", "musavat": "Azerbaijan", "ictimai tv": "Azerbaijan", "azernews.az": "Azerbaijan",
    "arka": "Armenia", "factor.am": "Armenia", "lragir": "Armenia", "a1plus": "Armenia", "shamshyan": "Armenia",
    "armenian public tv": "Armenia", "public tv of armenia": "Armenia", "mediamax": "Armenia", "arminfo": "Armenia",
    "artsakhpress": "Karabakh", "artsakh public tv": "Karabakh", "izvestia": "Russia",
    "kommersant": "Russia", "rossiyskaya gazeta": "Russia", "zvezda": "Russia",
}


def resolve_anchors(sentences: list[Sentence], last: str | None = None) -> None:
    """Give every anchor a concrete claimant; "the ministry said" takes the previous one
    (`last`: the speaker named before the text, e.g. in a headline prefix)."""
    named: list[Anchor] = []  # anchors that named their speaker, in text order
    for sentence in sentences:
        sentence.anchors = find_anchors(sentence.words, sentence.low)
        for anchor in sentence.anchors:
            if anchor.claimant == ANAPHOR:
                anchor.anaphor = True
                # "the mission said" after "The EU Mission ... said" and "Armenia's ministry reported":
                # the speaker last named with the same noun; else the last speaker; "the army
                # said" with nobody named before: an institution named earlier in the sentence
                # ("soldiers of Nagorno-Karabakh's Defence Army ... the army said")
                anchor.claimant = _same_noun(anchor, named) or last or classify_strong(sentence.low[: anchor.start]) or BARE
            elif anchor.claimant and anchor.claimant not in (BARE, OWN) and anchor.subject:
                named.append(anchor)
            if anchor.claimant and anchor.claimant not in (BARE, OWN):
                if not (last and (anchor.noun or (anchor.verb in SAY_VERBS and _subordinate(sentence.low, anchor.start)))):
                    # "..., the Armenian ministry said, after Baku claimed that ...": the
                    # subordinate speaker (or "Baku's claim") is not who "the ministry said" refers to next
                    last = anchor.claimant
                sentence.claimants.add(anchor.claimant)


# Institution nouns that tell speakers apart: "the mission said" is the EU mission named
# before, even if the Armenian ministry spoke in between.
_HEAD_NOUNS = frozenset({"mission", "monitors", "observers", "ombudsman", "police", "prosecutor", "agency", "service",
                         "committee", "army", "peacekeepers", "command", "kremlin", "charity", "trust", "company"})


def _same_noun(anchor: Anchor, named: list[Anchor]) -> str | None:
    """Claimant of the latest named speaker whose subject shares the anaphor's head noun."""
    heads = [w for w in anchor.subject if w in _HEAD_NOUNS]
    if not heads:
        return None
    head = heads[-1]
    for earlier in reversed(named):
        if head in earlier.subject:
            return earlier.claimant
    return None


_SUBORDINATORS = frozenset({"after", "as", "while", "when", "because", "before", "since", "although", "though"})


def _subordinate(low: list[str], verb: int) -> bool:
    """The reporting verb at `verb` sits in a subordinate clause: "after Baku claimed"."""
    for k in range(verb - 1, max(-1, verb - 6), -1):
        if low[k] in _SUBORDINATORS:
            return True
        if low[k] in (",", ";", ".", ":", "and", "but"):
            return False
    return False


def anchor_at(sentence: Sentence, pos: int) -> Anchor | None:
    """The anchor a figure at token `pos` is attributed to: nearest before it in the clause,
    else after it in the clause, else the sentence's last one before the clause."""
    before = [a for a in sentence.anchors if a.end <= pos and a.claimant and not a.deny]
    semicolons = [i for i, tok in enumerate(sentence.low[:pos]) if tok == ";"]
    earlier = before
    if semicolons:
        before = [a for a in before if a.start > semicolons[-1]]
    if before:
        return before[-1]
    after = [a for a in sentence.anchors if a.start >= pos and a.claimant and not a.deny]
    next_semicolon = next((i for i, tok in enumerate(sentence.low) if tok == ";" and i > pos), None)
    if next_semicolon is not None:
        after = [a for a in after if a.start < next_semicolon]
    if after:
        return after[0]
    # "..., Stepanakert's emergency service reported; one civilian was killed": a clause
    # with no anchor of its own continues the sentence's last attribution before it
    if earlier:
        return earlier[-1]
    return None


def claimant_at(sentence: Sentence, pos: int, context: str | None) -> str:
    """Claimant for a figure at token `pos` (see `anchor_at`), else the story's context."""
    anchor = anchor_at(sentence, pos)
    if anchor is not None:
        return anchor.claimant or BARE
    return context or "unattributed"


def names_both_sides(lower: str) -> bool:
    return bool(re.search(r"\barmenia", lower)) and bool(re.search(r"\bazerbaijan|\bbaku\b", lower))


def resolve_bare(claimant: str, nation: str | None, side: str | None, outlet: str | None, places: list[PlaceMatch]) -> str:
    """Claimant behind "the Defence Ministry said" when no side was named before it.

    Armed forces report their own losses, so the victims' nationality decides; else the
    outlet's country (Armenpress's "the Defence Ministry" is Armenia's); else the place.
    "According to the two sides" (OWN) means each side for its own losses.
    """
    if claimant == OWN:
        return side if side in PARTIES else "unattributed"
    if claimant != BARE:
        return claimant
    if nation in PARTIES:
        return nation
    if outlet:
        return outlet
    for place in places:
        if place.place.name.casefold() not in NOT_LOCATIONS:
            return SIDE_OF_PLACE[place.place.side]
    return "unattributed"


ATTACKER = ci(
    r"\b(armenian|azerbaijani) (?:armed forces|army|forces|units|troops|soldiers|military|side|servicemen)\b"
    r"[^.;]{0,40}?\b(?:fired|opened fire|shelled|attacked|violated|struck|targeted)\b"
)


def accuser(lower: str) -> str | None:
    """Who speaks in "Armenian units fired at army positions, the Defence Ministry said": the
    side accusing the other (a ministry names the other side as the attacker)."""
    m = ATTACKER.search(lower)
    if not m:
        return None
    return "Azerbaijan" if m.group(1) == "armenian" else "Armenia"
