"""The incident and tally policy: one rule for the store, the panel, the screen and the digest.

Pure functions over records.  The store reads claims, the reader's corrections,
incident rows and story times, and hands them here: `corrected` says what a
correction does to a claim, `assemble_incidents` how claims make the incidents a
reader sees, and `build_tally` how those are counted.  So the tally panel's
"7 incidents", the incidents screen's header and the digest's headline are
computed by the same code and cannot disagree.  Nothing here changes a record it
is given: a corrected claim or an assembled incident is a new one.

An incident counts once.  It is *non-combat* (kept apart) when its kind is a
landmine or another non-combat death; it does not count at all when every
claim left is a denial ("Baku denies firing at Armenian positions" alone is
not a ceasefire violation) or when the reader rejected every claim.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, datetime
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


@dataclass(frozen=True, slots=True)
class Correction:
    """The reader's decision about one claim, keyed by (story, claimant, side) so it outlives re-extraction."""

    action: Literal["confirmed", "rejected", "edited"]
    killed: int | None = None
    wounded: int | None = None


def corrected(claim: Claim, correction: Correction | None, not_incident: bool) -> Claim:
    """The claim as the reader left it (a new record; the machine's is untouched).

    An edit replaces the figures it gives and drops the range tops (the reader gave
    one figure); a story the reader marked "not an incident" contributes no claims.
    """
    if correction is not None and correction.action == "edited":
        claim = replace(
            claim, status="edited",
            killed=claim.killed if correction.killed is None else correction.killed,
            wounded=claim.wounded if correction.wounded is None else correction.wounded,
            killed_high=None, wounded_high=None,
        )
    elif correction is not None:
        claim = replace(claim, status=correction.action)
    return replace(claim, status="rejected") if not_incident else claim


def assemble_incidents(
    claims: list[Claim], stored: dict[str, Incident], times: dict[str, datetime]
) -> list[Incident]:
    """Claims (corrections applied) gathered into the incidents a reader sees, each claim once.

    `stored` holds the grouper's incident rows by id (without claims); a claim not yet
    grouped is an incident of its own story.  Within an incident claims run oldest
    story first (by `times`), the order `build_tally` relies on for "the latest
    figure replaces the earlier one".
    """
    grouped: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        grouped[c.incident_id or f"story:{c.story_id}"].append(c)
    incidents: list[Incident] = []
    for key, members in grouped.items():
        members.sort(key=lambda c: (times.get(c.story_id) or datetime.min).isoformat())
        row = stored.get(key)
        if row is not None:
            incidents.append(replace(row, claims=members))
            continue
        first = members[0]
        incidents.append(Incident(
            id=key, event_date=first.event_date, locations=sorted({p for c in members for p in c.locations}),
            event_type=first.event_type, kind=first.kind, claims=members,
        ))
    return incidents


def is_reviewed(claim: Claim) -> bool:
    """A reader confirmed or corrected this claim: its figures are no longer only the machine's reading."""
    return claim.status in ("confirmed", "edited")


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
    """Add one incident's figures to the totals: each claimant's latest figure for each side, because a
    claimant's later statement about the same incident updates its earlier one rather than adding to it."""
    latest: dict[tuple[str, str], Claim] = {}
    for claim in claims:  # oldest first, so the last one wins...
        earlier = latest.get((claim.claimant, claim.side_affected))
        if claim.vague and earlier is not None and not earlier.vague:
            continue  # ...but "dozens" never replaces a figure someone actually gave
        latest[(claim.claimant, claim.side_affected)] = claim
    for (claimant, side), claim in latest.items():
        figures = totals.setdefault((claimant, side), SideFigures(claimant, side))
        figures.claims += 1
        figures.reviewed += is_reviewed(claim)
        figures.unsplit += claim.unsplit or 0
        if claim.vague:
            continue  # "dozens killed" is shown with its claim, never added up as deaths
        figures.killed += claim.killed
        figures.wounded += claim.wounded
        figures.killed_high += max(claim.killed_high or 0, claim.killed)
        figures.wounded_high += max(claim.wounded_high or 0, claim.wounded)
