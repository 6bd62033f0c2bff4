"""Grouping claims from many stories into incidents (one real event each).

Why: the same clash is reported by Yerevan ("near Sotk") and Baku ("in Kalbajar"), often by
several outlets and with revised figures.  A tally must count the event once, and the reader
wants every side's claim side by side.  Two groups of claims are the same incident when

* their dates are the same or adjacent (wires report "on Friday" for an overnight fight),
* their places overlap, share a border sector (Sotk/Norabak <-> Kalbajar, Tegh <-> Lachin),
  or one of them names no place at all,
* and their kinds agree (a mine blast is never the same incident as a border clash),
* and, when each hurt only civilians, the same side's (a strike on a town hurts its own side's
  civilians: Ganja's and Stepanakert's wounded are two strikes, outside an offensive's tolls).

Within one story combat claims of one day at compatible places are one incident, and on a day
of an offensive or a war ("large-scale offensive", "fighting raged for a second day") all the
day's combat claims are, since such a day covers the whole front; landmine claims are split by
the side affected, because separate blasts are separate incidents (README rule 11).  A road
named after two places ("the Lachin-Khankendi road") is at both.  A later report that revises a
toll ("the number killed in the attack near Nerkin Hand has risen to four") and names no day of
its own joins the incident at the same place up to three days before.  A toll of ten killed or
more is a major clash, and major clashes are rare: two reports of such tolls a few days apart
(a week, when the later names no day) are one clash unless their places differ or a toll shrank,
in one story as across stories; that is how an offensive told in plain words ("49 killed in
clashes", "the toll rose to 105") stays one incident when no report names a place.  Within one
story, groups days apart are one event by the same rules, or when a major toll falls a day or two
from a day the story calls an offensive's.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from datetime import date, datetime, timedelta
from typing import Iterable

from ..models import Claim, Incident
from ..language import detect_language
from .events import DATE_OWN, DATE_PUBLISHED, DATE_STATEMENT
from .gazetteer import BROAD_SECTOR, NOT_LOCATIONS, lookup
from .lexicon import load

_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(slots=True)
class _Group:
    """Claims of one story that describe one event, with what grouping needs to know."""

    claims: list[Claim]
    published: datetime | None
    day: date
    kind: str
    places: set[str] = field(default_factory=set)
    sectors: set[str] = field(default_factory=set)
    sides: set[str] = field(default_factory=set)
    types: set[str] = field(default_factory=set)
    stories: set[str] = field(default_factory=set)
    episode: bool = False  # an offensive or operation over days: its toll is revised for days
    late_death: bool = False  # "died of his wounds": a death days after the shooting
    revision: bool = False  # "the number killed in the attack has risen to six": a toll revised days later
    undated: bool = False  # no day named anywhere in the story: the day is only the publication day
    dated: bool = False  # a claim's own sentences name its day ("on Tuesday", "on 27 October")
    # (claimant, side) -> (killed, wounded), the largest of each the story gives
    tolls: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)
    heaviest: int = 0  # the most killed of `tolls`, kept beside them: grouping asks it of every pair


def _place_keys(locations: Iterable[str], whole_region: bool = True) -> tuple[set[str], set[str]]:
    """Canonical place names and border sectors of a claim's locations; without `whole_region`,
    a name for the whole former oblast ("Nagorno-Karabakh") is no place: within one story it is
    the conflict's name or an authority's ("Karabakh's Defence Army"), not where a figure fell."""
    places: set[str] = set()
    sectors: set[str] = set()
    for name in locations:
        place = lookup(name)
        if place is None:
            places.add(name.casefold())
            continue
        if place.name.casefold() in NOT_LOCATIONS:
            continue
        sectors.update(place.sectors)
        if _whole_region(place) and not whole_region:
            continue
        places.add(place.name.casefold())
        if "-" in name:
            # "the Lachin-Khankendi road" runs between two places: both are where it happened
            for part in name.split()[0].split("-"):
                other = lookup(part)
                if other is not None and other.name.casefold() not in NOT_LOCATIONS:
                    places.add(other.name.casefold())
                    sectors.update(other.sectors)
    return places, sectors


def _whole_region(place) -> bool:
    """A region that is nothing but the broad sector (the whole former oblast)."""
    return place.kind == "region" and set(place.sectors) <= {BROAD_SECTOR}


def _story_groups(claims: list[Claim], published: datetime | None) -> list[_Group]:
    """Split one story's claims into events: combat together, each mine blast apart; a major
    clash's tolls dated a day or two apart ("105 killed, Yerevan said on Wednesday" beside Baku's
    50 of Monday night) stay one event, by the rule that joins them across stories (`_heavy_toll`)."""
    groups = [_make_group(members, published) for members in _buckets(claims)]
    merged: list[_Group] = []
    for group in groups:
        into = next((m for m in merged if _one_event_told(m, group)), None)
        if into is None:
            merged.append(group)
        else:
            merged[merged.index(into)] = _make_group(into.claims + group.claims, published)
    return merged


def _one_event_told(a: _Group, b: _Group) -> bool:
    """Two of one story's groups, days apart, that are one event: a major clash's tolls, an
    episode's days, or a major toll a day or two from a day the story calls an offensive's."""
    gap = abs((a.day - b.day).days)
    if _heavy_toll(a, b, gap) or _one_episode(a, b, gap):
        return True
    return (a.kind == "combat" and gap <= EPISODE_DAYS and (a.episode or b.episode) and (_heavy(a) or _heavy(b))
            and bool(not a.places or not b.places or a.places & b.places or a.sectors & b.sectors))


def _buckets(claims: list[Claim]) -> list[list[Claim]]:
    """One story's claims by event (README rule 11: different places or days are different events)."""
    buckets: dict[tuple, list[Claim]] = {}
    # figures first: a zero ("no fire was opened", "no losses") answers a figure of the same side
    for claim in sorted(claims, key=_is_zero):
        answered = _answered(claim, buckets) if _is_zero(claim) else None
        if answered is not None:
            buckets[answered].append(claim)
            continue
        if claim.kind == "landmine":
            # separate blasts are separate incidents: a blast per side, day and place (the sappers
            # sent to help the wounded workers at the same village were hurt in the same blast)
            key: tuple = ("landmine", claim.side_affected, claim.event_date, len(buckets))
            places, _ = _place_keys(claim.locations)
            for existing, members in buckets.items():
                if existing[0] != "landmine" or existing[2] != claim.event_date:
                    continue
                other_places = set().union(*(_place_keys(m.locations)[0] for m in members))
                same_side = existing[1] == claim.side_affected
                if places & other_places or (same_side and (not places or not other_places)):
                    key = existing
                    break
        else:
            # different places in one story are different incidents (README rule 11):
            # join the first group of this kind whose places are compatible
            places, sectors = _place_keys(claim.locations, whole_region=False)
            key = (claim.kind, len(buckets))
            for existing, members in buckets.items():
                if existing[0] != claim.kind or claim.kind == "landmine":
                    continue
                if members[0].event_date != claim.event_date:
                    continue  # different days are different incidents (README rule 11)
                other_places, other_sectors = set(), set()
                for member in members:
                    p, s = _place_keys(member.locations, whole_region=False)
                    other_places |= p
                    other_sectors |= s
                if not places or not other_places or places & other_places or sectors & other_sectors:
                    key = existing
                    break
                if claim.kind == "combat" and any("episode" in signals(c.evidence) for c in members + [claim]):
                    # a day of an offensive or a war covers the whole front: the shelling of a
                    # village that day, told in the same story, is part of it
                    key = existing
                    break
        buckets.setdefault(key, []).append(claim)
    return list(buckets.values())


def _make_group(members: list[Claim], published: datetime | None) -> _Group:
    """What grouping reads of one event's claims in one story."""
    places: set[str] = set()
    sectors: set[str] = set()
    for claim in members:
        p, s = _place_keys(claim.locations)
        places |= p
        sectors |= s
    day = Counter(c.event_date for c in members).most_common(1)[0][0]
    return _Group(members, published, day, members[0].kind, places, sectors, {c.side_affected for c in members},
                  {c.event_type for c in members},
                  episode=any("episode" in signals(c.evidence) for c in members),
                  late_death=any("late-death" in signals(c.evidence) for c in members if c.killed),
                  revision=any({"revised-toll"} <= signals(c.evidence) and "day-named" not in signals(c.evidence)
                               for c in members if c.killed or c.wounded),
                  undated=all(_undated(c) for c in members), tolls=_tolls(members),
                  heaviest=max(c.killed for c in members),
                  dated=any(_date_rule(c) == DATE_OWN and "day-of-its-own" in signals(c.evidence) for c in members))


def _date_rule(claim: Claim) -> str:
    return next((why.rule for why in claim.why if why.field == "date"), "")


def _undated(claim: Claim) -> bool:
    """No day of the event named: only the publication day or the day the claimant spoke."""
    return _date_rule(claim) in (DATE_PUBLISHED, DATE_STATEMENT)


def _tolls(claims: Iterable[Claim]) -> dict[tuple[str, str], tuple[int, int]]:
    out: dict[tuple[str, str], tuple[int, int]] = {}
    for claim in claims:
        key = (claim.claimant, claim.side_affected)
        killed, wounded = out.get(key, (0, 0))
        out[key] = (max(killed, claim.killed), max(wounded, claim.wounded))
    return out


def _is_zero(claim: Claim) -> bool:
    return not claim.killed and not claim.wounded


def _answered(zero: Claim, buckets: dict[tuple, list[Claim]]) -> tuple | None:
    """The group of the story's figure that a zero answers: one of the same kind and side, a day
    apart at most ("Yerevan denied firing on Azerbaijani positions" beside Baku's wounded soldier,
    however the denial names the place)."""
    for key, members in buckets.items():
        if key[0] == zero.kind and any(
                not _is_zero(m) and m.side_affected == zero.side_affected
                and abs((m.event_date - zero.event_date).days) <= 1 for m in members):
            return key
    return None


@lru_cache(maxsize=4096)
def signals(evidence: str) -> frozenset[str]:
    """What a claim's own sentences say about its event's span in time, from the `grouping` table
    of their language: an operation over days ("episode"), a death days after the wounding
    ("late-death"), a toll revised later ("revised-toll"); "day-named" when they name a day, and
    "day-of-its-own" when that is a weekday, a date or a day back ("yesterday"), not "today" or
    "overnight", which only repeat the publication's day."""
    if not evidence:
        return frozenset()
    lexicon = load(detect_language(evidence))
    found = {str(hit.row.get("kind")) for hit in lexicon.find("grouping", evidence)}
    hits = lexicon.find("date", evidence)
    kinds = {hit.row.get("kind") for hit in hits}
    if kinds & {"weekday", "month", "days-back"}:
        found.add("day-named")
    if kinds & {"weekday", "month"} or any(hit.row.get("kind") == "days-back" and hit.row.get("value") for hit in hits):
        found.add("day-of-its-own")  # not "today" or "overnight", which only repeat the publication's day
    return frozenset(found)


def _compatible(a: _Group, b: _Group) -> int:
    """0 if a and b cannot be one event, else a score (higher = better match)."""
    if a.kind != b.kind or _civilians_apart(a, b):
        return 0
    gap = abs((a.day - b.day).days)
    if gap > 1 and _recap(a, b, gap):
        return RECAP_SCORE  # before a small clash of the recap's own day that the same claimant reported
    score = _same_days(a, b, gap) if gap <= 1 else 0
    if score:
        return score
    if _one_episode(a, b, gap) or _heavy_toll(a, b, gap):
        return 1
    return 1 if gap and (_late_death(a, b, gap) or _revised(a, b, gap)) else 0


def _civilians_apart(a: _Group, b: _Group) -> bool:
    """Only one side's civilians hurt in each, and not the same side's: a strike on a town hurts
    its own side's civilians, so Ganja's and Stepanakert's wounded the same day are two strikes,
    however the reports place them (an offensive's tolls, both sides' together, excepted)."""
    return (a.sides <= CIVILIANS and b.sides <= CIVILIANS and not a.sides & b.sides
            and not (a.episode and b.episode))


def _heavy(group: _Group) -> bool:
    """A toll of `HEAVY_TOLL` killed or more for one claimant and side: a major clash or an offensive."""
    return group.heaviest >= HEAVY_TOLL


def _heavy_toll(a: _Group, b: _Group, gap: int) -> bool:
    """ "Armenia says 49 soldiers killed" and, two days on, "the toll rises to 105": a toll of ten or
    more killed is a major clash, and major clashes are days or weeks apart, so two reports of such
    tolls a few days apart are one clash whatever words they use (a toll revised as bodies are
    found, the other side's first figure, a press conference dated by its own day), unless their
    places differ or a toll the same claimant gave the same side shrank (a new clash). A report
    that calls it an offensive is a major clash's too, whatever figures it gives (only denials, on
    an offensive's first day), when a later report whose own sentences name no day gives a major
    toll (a report of "escalation" days before a clash told with its own day is not). Farther apart
    (up to `HEAVY_RECAP_DAYS`) only a later report that names no day of its own joins: two strikes on
    one city a week apart, each told with its own day, stay two."""
    if a.kind != "combat":
        return False
    later, earlier = (a, b) if a.day >= b.day else (b, a)
    if not (_heavy(a) and _heavy(b) or (earlier.episode and _heavy(later) and not later.dated)):
        return False
    if gap > HEAVY_DAYS and not (later.undated and gap <= HEAVY_RECAP_DAYS):
        return False
    if _toll_shrank(later, earlier):
        return False
    return bool(not a.places or not b.places or a.places & b.places or a.sectors & b.sectors)


def _toll_shrank(later: _Group, earlier: _Group) -> bool:
    """The later gives the same claimant's figure for the same side, smaller than the earlier's: by
    more than a quarter when both are major tolls ("12 killed in four days" and, three days on, "13
    lost over the weekend" beside another report's 15 are one flare-up counted two ways)."""
    shared = later.tolls.keys() & earlier.tolls.keys()
    if not shared or all(earlier.tolls[k] == (0, 0) for k in shared) or _toll_grew(later, earlier):
        return False
    main = max(shared, key=lambda k: (sum(earlier.tolls[k]), k))
    killed, was_killed = later.tolls[main][0], earlier.tolls[main][0]
    return not (killed >= HEAVY_TOLL and was_killed >= HEAVY_TOLL and killed * 4 >= was_killed * 3)


def _recap(a: _Group, b: _Group, gap: int) -> bool:
    """ "192 servicemen were killed in last week's offensive", in a story that names no day: a
    recap of the episode, when the same claimant gave a figure for the same side there and the
    recap's is no smaller (a new clash days later with its own small toll stays apart). Only an
    episode is recapped so: "the number of dead" alone (a toll word) is said of any strike; and a
    recap that calls it an offensive recaps a major clash (`_heavy`), not a skirmish weeks before."""
    later, earlier = (a, b) if a.day > b.day else (b, a)
    if not (later.undated and gap <= RECAP_DAYS and (earlier.episode or (later.episode and _heavy(earlier)))):
        return False
    return _toll_grew(later, earlier) and bool(
        a.places & b.places or (a.sectors & b.sectors) - {BROAD_SECTOR} or not a.places or not b.places)


def _one_episode(a: _Group, b: _Group, gap: int) -> bool:
    """ "The toll from the offensive rose to 200" days on: one multi-day episode, when both
    reports call it one and name the same region (or no place), or wherever they place it
    (the talks in Yevlakh, the region's capital) when the same claimant's toll for the same
    side grew from one to the other."""
    if not (gap <= EPISODE_DAYS and a.episode and b.episode and a.kind == "combat"):
        return False
    later, earlier = (a, b) if a.day >= b.day else (b, a)
    return bool(a.sectors & b.sectors or a.places & b.places or not a.places or not b.places) or _toll_grew(later, earlier)


def _toll_grew(later: _Group, earlier: _Group) -> bool:
    """The later group repeats or raises the largest toll the same claimant gave the same side in
    the earlier (a smaller figure beside it, such as the civilians among the dead, may be told
    differently by each report). The largest is by all its casualties, and it is raised when as
    many are killed or, where the earlier gave only wounded and a major clash's number of them
    (`HEAVY_TOLL` or more), as many are wounded ("511 wounded" on the first day, "192 killed and
    511 wounded" a week on; one soldier wounded and, weeks on, two is no toll that grew)."""
    shared = later.tolls.keys() & earlier.tolls.keys()
    if not shared:
        return False
    # (the same one however the set is ordered)
    main = max(shared, key=lambda k: (sum(earlier.tolls[k]), k))
    (killed, wounded), (was_killed, was_wounded) = later.tolls[main], earlier.tolls[main]
    if was_killed:
        return killed >= was_killed
    return wounded >= was_wounded >= HEAVY_TOLL


def _late_death(a: _Group, b: _Group, gap: int) -> bool:
    """ "A soldier wounded near Sotk earlier this week died in hospital": the shooting's incident
    (the death is the later report: a new strike days after an incident with a late death is a
    new incident)."""
    later_death = (a.late_death and a.day > b.day) or (b.late_death and b.day > a.day)
    return 1 < gap <= LATE_DEATH_DAYS and later_death and bool(a.sides & b.sides) and bool(
        a.places & b.places or (a.sectors & b.sectors) - {BROAD_SECTOR})


def _revised(a: _Group, b: _Group, gap: int) -> bool:
    """ "The number of servicemen killed in the attack near Nerkin Hand has risen to four", two
    days on and naming no day: the same attack's toll, revised."""
    later, earlier = (a, b) if a.day > b.day else (b, a)
    return 1 < gap <= REVISION_DAYS and later.revision and bool(a.sides & b.sides) and bool(a.places & b.places)


def _same_days(a: _Group, b: _Group, gap: int) -> int:
    """Two groups of the same or adjacent days: one event when their places and kinds agree."""
    if gap and a.dated and b.dated and not (a.episode and b.episode):
        # each report names its own day, and they differ: two strikes on Barda a day apart
        return 0
    if gap and a.episode != b.episode:
        # a day after an offensive began, a report of one shooting (no offensive named) is its
        # own incident ("a car of peacekeepers came under fire")
        return 0
    if a.kind == "landmine" and not (a.sides & b.sides or (gap == 0 and a.places & b.places)):
        return 0
    if a.episode != b.episode and not (a.places if a.episode else b.places) and (b.places if a.episode else a.places):
        # an offensive told with no place, and a shooting at a named village that day: the
        # offensive's reports would name the village's stretch of border if it were part of it
        return 0
    if a.kind == "combat" and _third_party_apart(a, b):
        # peacekeepers or monitors fired on, told as a shooting of its own ("their car came under
        # fire near Janyatag"): their own incident, not the clash or the offensive of that day
        return 0
    score = 2 if gap == 0 else 1
    if a.places & b.places and (gap == 0 or _types_agree(a, b)):
        return score + 4
    if not _types_agree(a, b) and not (
            gap == 0 and a.sides & b.sides and (a.sectors & b.sectors) - {BROAD_SECTOR} and _sniper_or_fire(a, b)):
        # (one report's "sniper" is another's "Armenian fire" when the same side was hit the
        # same day on the same stretch of border)
        return 0
    if gap:
        # a day apart ("on Monday" vs "overnight"): the same place, or a report naming none
        return score if not a.places or not b.places else 0
    if (a.sectors & b.sectors) - {BROAD_SECTOR}:
        return score + 2
    if a.sectors & b.sectors:
        # "karabakh" covers the whole former oblast: as weak as naming no place at all
        return score + 1
    if not a.places or not b.places:
        return score
    return 0


THIRD_PARTY = frozenset({"Russia", "unknown"})
CIVILIANS = frozenset({"civilians-Armenia", "civilians-Azerbaijan"})
EPISODE_DAYS = 3
LATE_DEATH_DAYS = 7
REVISION_DAYS = 3
RECAP_DAYS = 45
RECAP_SCORE = 7  # above any same-day score
HEAVY_TOLL = 10  # killed, by one claimant for one side: a major clash (`_heavy_toll`)
HEAVY_DAYS = 3
HEAVY_RECAP_DAYS = 8
# The widest gap in days `_compatible` ever accepts between two groups' days.
MAX_GAP = max(1, EPISODE_DAYS, LATE_DEATH_DAYS, REVISION_DAYS, HEAVY_RECAP_DAYS)
# ... and for a group that names no day (a recap), how far back it looks: the farthest back any
# claim can join an incident (what the pipeline regroups around new claims)
LOOKBACK_DAYS = max(MAX_GAP, RECAP_DAYS)
# Event types two reports of one event can disagree on (Yerevan's "shelling" is Baku's
# "provocation"); a sniper shot, a drone strike and a shoot-down are told apart by everyone.
_TYPE_FAMILY = {
    "armed clash": "fire", "shelling/artillery": "fire", "ceasefire violation": "fire",
    "drone strike": "fire", "sniper fire": "sniper", "landmine": "mine", "other": "other",
}


def _third_party_apart(a: _Group, b: _Group) -> bool:
    """One group is about peacekeepers or monitors alone, the other names none of them at all (a
    report of the monitors' patrol fired on, beside another that also gives a side's denial, is one)."""
    return (a.sides <= THIRD_PARTY and not b.sides & THIRD_PARTY) or (b.sides <= THIRD_PARTY and not a.sides & THIRD_PARTY)


def _sniper_or_fire(a: _Group, b: _Group) -> bool:
    fa = {_TYPE_FAMILY.get(t, t) for t in a.types}
    fb = {_TYPE_FAMILY.get(t, t) for t in b.types}
    return (fa | fb) == {"fire", "sniper"}


def _types_agree(a: _Group, b: _Group) -> bool:
    fa = {_TYPE_FAMILY.get(t, t) for t in a.types}
    fb = {_TYPE_FAMILY.get(t, t) for t in b.types}
    if not fa or not fb:
        return True
    if fa & fb:
        return True
    # a ceasefire violation with a sniper named is still sporadic fire
    return {"fire", "sniper"} >= (fa | fb) and ("ceasefire violation" in a.types | b.types)


def _slug(group: _Group) -> str:
    names = sorted(group.places) or sorted(group.sectors)
    if not names:
        return "unknown"
    return _SLUG.sub("-", names[0]).strip("-") or "unknown"


def group_incidents(items: Iterable[Claim | tuple[Claim, datetime | None]]) -> list[Incident]:
    """The incidents these claims describe, each holding new claim records that carry its id.

    `items` are Claims with `story_id` set, or (Claim, story published time) pairs; stories
    are taken in publication order so each incident is named after its first report.  The
    claims given are not changed (`with_incidents` gives them back linked, in their order).
    """
    return _group(list(items))[0]


def with_incidents(items: Iterable[Claim | tuple[Claim, datetime | None]]) -> list[Claim]:
    """The claims of `items`, in the order given, as new records carrying their incident id.

    A toll revised days into an episode also carries the episode's first day as its date.
    """
    return _group(list(items))[1]


@dataclass(slots=True)
class _Building:
    """An incident while claims join it; made into an `Incident` once grouping is over."""

    id: str
    group: _Group  # what the incident's claims so far have in common (days, places, sides)
    sector: str
    event_type: str
    members: list[int] = field(default_factory=list)  # positions in the input
    locations: list[str] = field(default_factory=list)
    reports: list[_Group] = field(default_factory=list)  # each story's group that joined, as it came
    stories: list[str] = field(default_factory=list)  # the story of each report
    distinct: dict[tuple, _Group] = field(default_factory=dict)  # reports that differ in what grouping reads

    def absorb(self, group: _Group, story: str) -> None:
        """What the incident's reports have in common grows with a report that joins it."""
        self.reports.append(group)
        self.stories.append(story)
        self.distinct.setdefault(_signature(group), group)
        merged = self.group
        merged.places |= group.places
        merged.sectors |= group.sectors
        merged.sides |= group.sides
        merged.types |= group.types
        merged.episode |= group.episode
        merged.late_death |= group.late_death
        merged.dated = all(r.dated for r in self.reports)
        for key, (killed, wounded) in group.tolls.items():
            was_killed, was_wounded = merged.tolls.get(key, (0, 0))
            merged.tolls[key] = (max(was_killed, killed), max(was_wounded, wounded))
        merged.heaviest = max(merged.heaviest, group.heaviest)
        merged.stories.add(story)

    def link(self, positions: list[int], linked: list[Claim]) -> None:
        """The claims at `positions` join the incident: new records carrying its id (a toll revised
        days into an episode is the episode's, dated from its start)."""
        for position in positions:
            claim = linked[position]
            moved = abs((claim.event_date - self.group.day).days) > 1
            linked[position] = replace(claim, incident_id=self.id, **({"event_date": self.group.day} if moved else {}))
            self.members.append(position)
            for name in claim.locations:
                if name not in self.locations:
                    self.locations.append(name)

    def score(self, group: _Group) -> int:
        """How well `group` fits: the incident as a whole, or any one report of it (a report that
        names no place fits an incident whose other reports placed it differently)."""
        whole = _compatible(group, self.group)
        if len(self.reports) < 2 or abs((group.day - self.group.day).days) > EPISODE_DAYS:
            return whole
        return max([whole] + [_compatible(group, r) for r in self.distinct.values()])


def _signature(group: _Group) -> tuple:
    """What `_compatible` reads of a group: two reports alike in it score alike."""
    return (group.day, group.kind, frozenset(group.places), frozenset(group.sectors), frozenset(group.sides),
            frozenset(group.types), group.episode, group.late_death, group.revision, group.undated, group.dated,
            frozenset(group.tolls.items()))


def _new_incident(group: _Group, used_ids: set[str]) -> _Building:
    """An incident for a group that joins none, named after its day and place (unique among `used_ids`)."""
    base = f"{group.day.isoformat()}-{_slug(group)}"
    if group.kind == "landmine":
        base += "-mine"
    ident, n = base, 2
    while ident in used_ids:
        ident, n = f"{base}-{n}", n + 1
    used_ids.add(ident)
    return _Building(ident, _Group([], None, group.day, group.kind, set(), set(), set()),
                     sorted(group.sectors)[0] if group.sectors else "", group.claims[0].event_type)


def _group(items: list[Claim | tuple[Claim, datetime | None]]) -> tuple[list[Incident], list[Claim]]:
    """Incidents and the linked claims (one per input, in input order)."""
    by_story: dict[str, list[int]] = {}
    published: dict[str, datetime | None] = {}
    claims: list[Claim] = []
    for position, item in enumerate(items):
        claim, when = item if isinstance(item, tuple) else (item, None)
        claims.append(claim)
        story = claim.story_id or f"#{position}"
        by_story.setdefault(story, []).append(position)
        if when is not None:
            published[story] = when
    order = sorted(by_story, key=lambda s: (published.get(s) is None, published.get(s) or datetime.min, s))
    positions: dict[int, list[int]] = {}  # a claim given twice is two claims
    for position, claim in enumerate(claims):
        positions.setdefault(id(claim), []).append(position)
    linked: list[Claim] = list(claims)

    building: list[_Building] = []
    # Incidents by (kind, first day): a group is only compared with those of its kind within
    # MAX_GAP days, so grouping a year of claims costs what grouping a fortnight does.
    buckets: dict[tuple[str, date], list[int]] = {}
    # ... and those of them that are episodes: farther back than MAX_GAP, a recap can join only
    # an episode's incident, unless it is an episode's report itself (`_recap`)
    episodes: dict[tuple[str, date], list[int]] = {}
    created: dict[int, int] = {}  # id of an incident → its place in `building`

    def nearby(group: _Group) -> list[_Building]:
        found: list[int] = []
        for offset in range(-MAX_GAP, MAX_GAP + 1):
            found.extend(buckets.get((group.kind, group.day + timedelta(days=offset)), ()))
        if group.undated:
            back = buckets if group.episode else episodes
            for offset in range(-RECAP_DAYS, -MAX_GAP):
                found.extend(back.get((group.kind, group.day + timedelta(days=offset)), ()))
        return [building[k] for k in sorted(found)]  # in creation order: the first best match wins

    used_ids: set[str] = set()
    for story in order:
        groups = _story_groups([claims[k] for k in by_story[story]], published.get(story))
        if len(groups) > 1 and building:
            # the story's groups are two events: the one matching an incident best joins it
            # first ("rejected the report about Sunday night" takes Sunday's incident, not Monday's)
            groups.sort(key=lambda g: -max((b.score(g) for b in nearby(g)), default=0))
        for group in groups:
            best, best_score = None, 0
            for candidate in nearby(group):
                if story in candidate.group.stories:
                    continue  # the story itself told these events apart
                score = candidate.score(group)
                if score > best_score:
                    best, best_score = candidate, score
            if best is None:
                best = _new_incident(group, used_ids)
                created[id(best)] = len(building)
                buckets.setdefault((group.kind, group.day), []).append(len(building))
                building.append(best)
            best.link([positions[id(claim)].pop(0) for claim in group.claims], linked)
            was_episode = best.group.episode
            best.absorb(group, story)
            if best.group.episode and not was_episode:
                episodes.setdefault((best.group.kind, best.group.day), []).append(created[id(best)])
    building = _join_episodes(building, linked)
    incidents = [Incident(id=b.id, event_date=b.group.day, locations=b.locations, sector=b.sector,
                          event_type=b.event_type, kind=b.group.kind, claims=[linked[k] for k in b.members])
                 for b in building]
    return incidents, linked


def _join_episodes(building: list[_Building], linked: list[Claim]) -> list[_Building]:
    """Two incidents that each became one offensive's, days apart (the day-two toll came before
    any report that tied day one to the offensive), are one: the later joins the earlier."""
    episodes = sorted((b for b in building if b.group.episode and b.group.kind == "combat"), key=lambda b: b.group.day)
    gone: set[int] = set()
    for i, first in enumerate(episodes):
        for later in episodes[i + 1:]:
            gap = (later.group.day - first.group.day).days
            if gap > EPISODE_DAYS:
                break
            if id(later) in gone or id(first) in gone or first.group.stories & later.group.stories:
                continue
            if _one_episode(later.group, first.group, gap):
                first.link(later.members, linked)
                for report, story in zip(later.reports, later.stories):
                    first.absorb(report, story)
                gone.add(id(later))
    return [b for b in building if id(b) not in gone]
