"""Figures the corpus does not count, kept for the reader: "12 casualties", "dozens of soldiers killed".

Why a module of its own: README rule 8 leaves out an unsplit "casualties" figure and
unquantified losses ("dozens", "scores"), so the corpus view (`briefing extract`) must not
see them; but a reader of the store still wants to know that Baku reported "12 casualties"
or that "dozens of soldiers were killed".  These are read here, apart from the counting
rules of `mentions.py`, and become claims with `vague=True`:

* "N casualties" -> `unsplit=N`, killed = wounded = 0;
* "dozens of ... killed" -> killed = 24 (the low end of "dozens"), `killed_high=None`;
  "scores of" -> 40; wounded likewise.

A vague figure is only kept for a (claimant, side) the story gives no exact figure for.
"""

from __future__ import annotations

from collections.abc import Callable

from .claimants import claimant_at, resolve_bare
from .gazetteer import PlaceMatch
from .numbers import count_at
from .records import Sentence
from .victims import is_civil, nation_of, side_of
from .words import ACTIVE_KILL, ci, ACTIVE_WOUND, BARE, KILL_WORDS, NATION_ADJ, PARTIES, PERSON_WORDS, WOUND_WORDS

# the low end of an unquantified plural ("dozens" is at least two dozen)
VAGUE_VALUES = {"dozens": 24, "scores": 40}
CUES = ("casualt", "dozens", "scores")
SUMS = ci(r"\b(?:both sides|the two sides|on each side|combined|between (?:armenian|azerbaijani|the two))\b")


def has_vague_cue(lower_text: str) -> bool:
    """Cheap substring test run before any vague reading (speed)."""
    return any(cue in lower_text for cue in CUES)


def vague_figures(sentence: Sentence, context: str | None, outlet: str | None, places: Callable[[], list[PlaceMatch]]) -> list[tuple[str, int, str, str]]:
    """(field, value, claimant, side) of each vague figure in one sentence; field is
    "unsplit", "killed" or "wounded".  `places` is called only when a figure is found (speed)."""
    low = sentence.low
    if not has_vague_cue(sentence.lower):
        return []
    n = len(low)
    out: list[tuple[str, int, str, str]] = []
    for t, tok in enumerate(low):
        if sentence.masked[t]:
            continue
        if tok == "casualties" and t > 0:
            # "12 casualties", "12 military casualties", "at least 12 Azerbaijani casualties"
            k = t - 1
            adjectives: list[str] = []
            while k >= 0 and k >= t - 3 and (low[k] in NATION_ADJ or low[k] in ("civilian", "military", "army", "total")):
                adjectives.insert(0, low[k])
                k -= 1
            count = count_at(low, k) if k >= 0 else None
            if count is None or count.end != k + 1 or (k > 0 and low[k - 1] == "no"):
                continue
            # the subject of "suffered/sustained N casualties": "the Azerbaijani side had sustained 30 casualties"
            subject = low[max(0, count.start - 7):count.start]
            for q in range(len(subject) - 1, -1, -1):
                if subject[q] in ("said", "says", "that", "reported", "claimed", ",", ";", "according"):
                    subject = subject[q + 1:]
                    break
            if not any(w in ("suffered", "sustained", "took", "had", "has", "incurred") for w in subject):
                subject = []
            np = subject + adjectives + ["casualties"] + low[t + 1:t + 5]
            civil = "civilian" in adjectives or None
            slot = _slot(sentence, count.start, np, civil, context, outlet, places)
            if slot:
                out.append(("unsplit", count.value, *slot))
        elif tok in VAGUE_VALUES:
            # "dozens of soldiers were killed", "killing dozens of civilians", "scores were wounded"
            np: list[str] = []
            k = t + 1
            if k < n and low[k] == "of":
                k += 1
                while k < n and k - t <= 5 and low[k] not in (",", ";", ".") and low[k] not in KILL_WORDS and low[k] not in WOUND_WORDS:
                    np.append(low[k])
                    k += 1
            if np and not any(w in PERSON_WORDS for w in np):
                continue  # "dozens of houses", "scores of drones"
            field = None
            for w in low[k:k + 4]:  # "dozens of soldiers were killed", "dozens dead"
                if w in KILL_WORDS or w in WOUND_WORDS:
                    field = "killed" if w in KILL_WORDS else "wounded"
                    break
            if field is None and t > 0:
                before = low[t - 1]
                if before in ACTIVE_KILL:
                    field = "killed"  # "killing dozens of civilians"
                elif before in ACTIVE_WOUND:
                    field = "wounded"
            if field is None:
                continue
            slot = _slot(sentence, t, np, None, context, outlet, places)
            if slot:
                out.append((field, VAGUE_VALUES[tok], *slot))
    return out


def _slot(sentence: Sentence, pos: int, np: list[str], civil: bool | None, context: str | None,
          outlet: str | None, lazy_places: Callable[[], list[PlaceMatch]]) -> tuple[str, str] | None:
    """(claimant, side) of a vague figure at token pos with victim phrase np."""
    places = lazy_places()
    claimant = claimant_at(sentence, pos, context)
    nation = nation_of(np)
    if nation is None and (claimant == "<own>" or SUMS.search(sentence.lower)):
        return None  # "dozens were killed as the two armies clashed, officials on both sides said": a sum
    own = any(w in ("its", "their", "our") for w in np)
    if claimant in (BARE, "<own>"):
        claimant = resolve_bare(BARE, nation, None, outlet, places)
    if civil is None:
        civil = is_civil(np) if any(w in PERSON_WORDS for w in np) else None
    if civil is None:
        civil = nation is None and not own and claimant not in PARTIES
    side = side_of(nation, bool(civil), claimant, places, own)
    if side is None:
        return None
    return claimant, side
