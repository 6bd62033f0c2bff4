"""Properties of the tally rule (`briefing.tally`) over many generated incidents, with hypothesis.

The tally is what readers quote, so its two promises are checked on every shape of
input hypothesis can think of, not only on the examples someone wrote down:

* a new story never lowers another claimant's figure (one outlet's report cannot
  shrink what another side said);
* one claimant's revisions about one side never add up (2 → 3 → 4 killed is 4, not 9).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.models import Claim, Incident, SideFigures, Tally
from briefing.tally import Correction, assemble_incidents, build_tally, corrected

DAY = date(2026, 11, 20)
CLAIMANTS = ("Armenia", "Azerbaijan", "Russia", "unattributed")
SIDES = ("Armenia", "Azerbaijan", "civilians-Armenia")
EVIDENCE = ("Two soldiers were killed.", "Baku denied the report as groundless.", "")

figures = st.integers(min_value=0, max_value=50)
claims = st.builds(
    Claim,
    claimant=st.sampled_from(CLAIMANTS),
    side_affected=st.sampled_from(SIDES),
    event_date=st.just(DAY),
    killed=figures,
    wounded=figures,
    killed_high=st.none() | figures,
    unsplit=st.none() | figures,
    vague=st.booleans(),
    evidence=st.sampled_from(EVIDENCE),
    kind=st.sampled_from(("combat", "combat", "landmine")),
    status=st.sampled_from(("machine", "machine", "confirmed", "rejected")),
)
# A story: its claims and the incident (0-3) each one was grouped into.
stories = st.lists(st.tuples(st.integers(0, 3), claims), min_size=1, max_size=4)


def incidents_of(story_list: list[list[tuple[int, Claim]]]) -> list[Incident]:
    """The stories' claims gathered into incidents the way the store does it, oldest story first."""
    every: list[Claim] = []
    times: dict[str, datetime] = {}
    for n, story in enumerate(story_list):
        sid = f"s{n}"
        times[sid] = datetime(2026, 11, 20, tzinfo=timezone.utc) + timedelta(minutes=n)
        for group, claim in story:
            kind = "landmine" if group == 3 else "combat"  # an incident has one kind, as the grouper makes it
            every.append(replace(claim, story_id=sid, incident_id=f"i{group}", kind=kind))
    stored = {f"i{g}": Incident(id=f"i{g}", event_date=DAY, kind="landmine" if g == 3 else "combat") for g in range(4)}
    return assemble_incidents([c for c in every if c.status != "rejected"], stored, times)


def figures_by_key(tally: Tally) -> dict[tuple[str, str], SideFigures]:
    return {(f.claimant, f.side_affected): f for f in tally.figures}


def numbers(f: SideFigures | None) -> tuple[int, ...]:
    return (0, 0, 0, 0, 0) if f is None else (f.killed, f.wounded, f.killed_high, f.wounded_high, f.unsplit)


@settings(max_examples=300, deadline=None)
@given(st.lists(stories, min_size=0, max_size=6), stories)
def test_a_new_story_never_lowers_another_claimants_figure(earlier, new):
    before = figures_by_key(build_tally(incidents_of(earlier), DAY, DAY))
    after = figures_by_key(build_tally(incidents_of(earlier + [new]), DAY, DAY))
    newcomers = {claim.claimant for _, claim in new}
    for key, was in before.items():
        if key[0] in newcomers:
            continue
        assert all(a >= b for a, b in zip(numbers(after.get(key)), numbers(was))), (key, was, after.get(key))


@settings(max_examples=300, deadline=None)
@given(st.lists(claims, min_size=1, max_size=6), st.sampled_from(CLAIMANTS), st.sampled_from(SIDES))
def test_one_claimants_revisions_never_add(revisions, claimant, side):
    """Several reports by one claimant about one side in one incident count as one figure: the latest
    that gives one (a vague "dozens" never replaces a figure someone actually gave)."""
    story_list = [[(0, replace(c, claimant=claimant, side_affected=side, status="machine"))] for c in revisions]
    got = figures_by_key(build_tally(incidents_of(story_list), DAY, DAY)).get((claimant, side))
    precise = [c for c in revisions if not c.vague]
    latest = precise[-1] if precise else None
    alone = [[(0, replace(latest, claimant=claimant, side_affected=side, status="machine"))]] if latest else []
    expected = figures_by_key(build_tally(incidents_of(alone), DAY, DAY)).get((claimant, side))
    assert (got.killed, got.wounded) == ((expected.killed, expected.wounded) if expected else (0, 0))
    assert got.killed <= max(c.killed for c in revisions)


@settings(max_examples=200, deadline=None)
@given(claims, st.none() | st.builds(Correction, st.sampled_from(("confirmed", "rejected", "edited")),
                                     st.none() | figures, st.none() | figures), st.booleans())
def test_a_correction_makes_a_new_claim_and_leaves_the_machines_alone(claim, correction, not_incident):
    machine = replace(claim, status="machine")
    kept = replace(machine)
    result = corrected(machine, correction, not_incident)
    assert machine == kept
    if not_incident or (correction is not None and correction.action == "rejected"):
        assert result.status == "rejected"
    elif correction is not None and correction.action == "edited":
        assert result.killed == (machine.killed if correction.killed is None else correction.killed)
        assert result.killed_high is None and result.wounded_high is None
