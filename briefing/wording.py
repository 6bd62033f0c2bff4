"""How figures and claims are phrased for people: plain text shared by the app and the digest.

The incidents screen, the tally panel and every digest format must say exactly
the same thing ("Azerbaijan says: Armenia 10 killed"), and must never add one
claimant's figures to another's, so the words live here once.  Each caller
escapes the result for its own syntax (Textual `Text`, Markdown, HTML); nothing
here returns markup.
"""

from __future__ import annotations

from datetime import datetime

from .models import CLAIMANTS, NON_COMBAT_KINDS, Claim, SideFigures, Tally


def side_label(side: str) -> str:
    """`civilians-Armenia` reads as `civilians (Armenia)`; `unknown` as `side not stated`."""
    if side.startswith("civilians-"):
        return f"civilians ({side.removeprefix('civilians-')})"
    if side == "unknown":
        return "side not stated"
    return side


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _range(low: int, high: int | None) -> str:
    return f"{low}–{high}" if high is not None and high > low else str(low)


def _figures(killed: int, killed_high: int | None, wounded: int, wounded_high: int | None, unsplit: int) -> str:
    parts: list[str] = []
    if killed or killed_high:
        parts.append(f"{_range(killed, killed_high)} killed")
    if wounded or wounded_high:
        parts.append(f"{_range(wounded, wounded_high)} wounded")
    if unsplit:
        parts.append(f"{unsplit} casualties (not split)")
    return ", ".join(parts) or "no casualties"


def claim_figures(claim: Claim) -> str:
    """`4 killed, 2 wounded`, `5–7 killed`, or `12 casualties (not split)`; `no casualties` if none.

    A vague figure ("dozens killed", kept as its low end) says so, because the tally
    leaves it out of killed and wounded.
    """
    if claim.vague and (claim.killed or claim.wounded):
        parts = [f"at least {n} {what}" for n, what in ((claim.killed, "killed"), (claim.wounded, "wounded")) if n]
        return ", ".join(parts) + " (a vague figure, not in the tally)"
    return _figures(claim.killed, claim.killed_high, claim.wounded, claim.wounded_high, claim.unsplit)


def casualties(figures: SideFigures) -> str:
    """A tally's figures for one side, phrased like a claim's: `4 killed, 2 wounded`, `5–7 killed`."""
    return _figures(figures.killed, figures.killed_high, figures.wounded, figures.wounded_high, figures.unsplit)


def figures_phrase(figures: SideFigures) -> str:
    """One side as one claimant tells it: `Armenia 4 killed, 2 wounded`, `Azerbaijan 1 wounded`."""
    return f"{side_label(figures.side_affected)} {casualties(figures)}"


def by_claimant(tally: Tally) -> list[tuple[str, list[SideFigures]]]:
    """The tally's non-zero figures grouped by who claims them, claimants in the fixed order."""
    groups: dict[str, list[SideFigures]] = {}
    for figures in tally.figures:
        if not (figures.killed or figures.wounded or figures.killed_high or figures.wounded_high
                or figures.unsplit):
            continue  # "Russia says: side not stated, no casualties" is noise in a headline
        groups.setdefault(figures.claimant, []).append(figures)
    order = [c for c in CLAIMANTS if c in groups] + sorted(set(groups) - set(CLAIMANTS))
    return [(claimant, groups[claimant]) for claimant in order]


def claimant_says(claimant: str) -> str:
    return "Unattributed reports" if claimant == "unattributed" else f"{claimant} says"


def tally_sentences(tally: Tally) -> list[str]:
    """The headline: incident count, then one sentence per claimant, never summed across claimants.

    ["2 incidents (1 non-combat apart).", "Armenia says: Armenia 4 killed, 2 wounded.",
     "Azerbaijan says: Armenia 10 killed."]
    """
    count = plural(tally.incidents, "incident")
    if tally.non_combat:
        count += f" ({tally.non_combat} non-combat apart)"
    sentences = [count + "."]
    for claimant, figures in by_claimant(tally):
        sentences.append(f"{claimant_says(claimant)}: {'; '.join(figures_phrase(f) for f in figures)}.")
    return sentences


def incident_kind(kind: str) -> str:
    """A note for incidents kept out of the clash tally (landmines, non-combat deaths)."""
    return " (not in the clash tally)" if kind in NON_COMBAT_KINDS else ""


def claim_status(claim: Claim) -> str:
    """What the reader did to the machine's claim, if anything."""
    return {
        "confirmed": "confirmed by the reader",
        "edited": "figures corrected by the reader",
        "manual": "added by the reader",
    }.get(claim.status, "")


def when_label(moment: datetime | None, one_day: bool) -> str:
    """`14:05` in a one-day digest, `2026-11-25 14:05` in a range; already in the reader's zone."""
    if moment is None:
        return ""
    return moment.strftime("%H:%M" if one_day else "%Y-%m-%d %H:%M")


def places(locations: list[str]) -> str:
    return ", ".join(locations) or "place not stated"
