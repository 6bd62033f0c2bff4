"""Which incidents count, and the tally built from them: one rule for the panel, the screen and the digest.

Pure functions over `Incident` records (corrections already applied by the
store), so the tally panel's "7 incidents", the incidents screen's header and
the digest's headline are computed by the same code and cannot disagree.

An incident counts once.  It is *non-combat* (kept apart) when its kind is a
landmine or another non-combat death; it does not count at all when every
claim left is a denial ("Baku denies firing at Armenian positions" alone is
not a ceasefire violation) or when the reader rejected every claim.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from .models import NON_COMBAT_KINDS, Claim, Incident, SideFigures, Tally

Standing = Literal["combat", "non-combat", "denied", "rejected"]

# How a zero claim that answers an accusation is worded (README rule 9 of the corpus: a denial
# is a claim with 0 killed and 0 wounded); "no one was hurt" alone is a report, not a denial.
_DENIAL = re.compile(
    r"\b(den(y|ies|ied|ying|ial)|reject(s|ed|ing)?|refut(e|es|ed|ing)|dismiss(es|ed|ing)?|"
    r"false|untrue|groundless|baseless|disinformation|fabricat\w*|did not (open )?fire|"
    r"does not correspond to reality|not true)\b",
    re.IGNORECASE,
)


def has_figures(claim: Claim) -> bool:
    return bool(claim.killed or claim.wounded or claim.killed_high or claim.wounded_high or claim.unsplit)


def is_denial(claim: Claim) -> bool:
    """A claim of no losses that answers someone else's report: shown as a denial, never as figures."""
    return not has_figures(claim) and bool(_DENIAL.search(claim.evidence or ""))


def live_claims(incident: Incident) -> list[Claim]:
    return [c for c in incident.claims if c.status != "rejected"]


def standing(incident: Incident) -> Standing:
    """How an incident counts: in the clash tally, apart as non-combat, or not at all."""
    live = live_claims(incident)
    if incident.claims and not live:
        return "rejected"
    if live and all(is_denial(c) for c in live):
        return "denied"
    return "non-combat" if incident.kind in NON_COMBAT_KINDS else "combat"


def answered(denial: Claim, incident: Incident) -> list[Claim]:
    """The reports a denial answers: other claimants' figures about the side it is about."""
    return [
        c for c in live_claims(incident)
        if c.claimant != denial.claimant and c.side_affected == denial.side_affected and has_figures(c)
    ]


def build_tally(incidents: list[Incident], start: date, end: date) -> Tally:
    """Incidents in [start, end] counted once; figures per (claimant, side), never added across claimants.

    Within one incident a claimant's later claim about a side replaces its
    earlier one (a toll revised 2 → 3 → 4 is 4, not 9).  `incidents` must be
    oldest claim first within each incident, as the store returns them.
    """
    days = (end - start).days + 1
    tally = Tally(start=start, end=end, per_day=[0] * days)
    totals: dict[tuple[str, str], SideFigures] = {}
    for inc in incidents:
        kind = standing(inc)
        if kind == "non-combat":
            tally.non_combat += 1
        if kind != "combat":
            continue
        tally.incidents += 1
        index = (inc.event_date - start).days
        if 0 <= index < days:
            tally.per_day[index] += 1
        _add_figures(totals, live_claims(inc))
    tally.figures = sorted(totals.values(), key=lambda f: (f.side_affected, f.claimant))
    return tally


def _add_figures(totals: dict[tuple[str, str], SideFigures], claims: list[Claim]) -> None:
    latest: dict[tuple[str, str], Claim] = {}
    for c in claims:  # oldest first, so the last one wins...
        earlier = latest.get((c.claimant, c.side_affected))
        if c.vague and earlier is not None and not earlier.vague:
            continue  # ...but "dozens" never replaces a figure someone actually gave
        latest[(c.claimant, c.side_affected)] = c
    for (claimant, side), c in latest.items():
        figures = totals.setdefault((claimant, side), SideFigures(claimant, side))
        figures.unsplit += c.unsplit or 0
        if c.vague:
            continue  # "dozens killed" is shown with its claim, never added up as deaths
        figures.killed += c.killed
        figures.wounded += c.wounded
        figures.killed_high += max(c.killed_high or 0, c.killed)
        figures.wounded_high += max(c.wounded_high or 0, c.wounded)
