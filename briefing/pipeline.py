"""After stories are stored: extract their claims, regroup the incidents around them,
and group near-duplicate stories from different outlets.

This is the "(extract → incidents, clusters)" step of the data flow.  It reads
stories from the store, calls the pure extractor and clusterer, and writes
claims, incident groups and clusters back, so `briefing fetch` (once or
`--watch`), `briefing demo`, the app's fetch worker and `briefing extract
--rebuild` all share one path and cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from .clusters import WINDOW as CLUSTER_WINDOW
from .clusters import cluster_stories
from .extract import extract_claims, group_incidents
from .models import Claim
from .store import Store

# Claims this many days either side of a new claim are regrouped with it: wider than
# the extractor's "same or adjacent day" rule, so an incident is never cut in two.
REGROUP_MARGIN = timedelta(days=7)
# Stories this far either side of the new ones are read for near-duplicate grouping;
# only those within the clusterer's own window (48 h) of a new story are written back,
# so a story at the edge is never split from a partner that was not read.
CLUSTER_MARGIN = timedelta(days=4)
BATCH = 2000


@dataclass(slots=True)
class PipelineResult:
    stories: int = 0
    claims: int = 0
    incidents: int = 0
    clustered: int = 0  # stories now in a group of near-duplicates


def _chunks(ids: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def extract_into_store(store: Store, story_ids: list[str]) -> tuple[int, list[date]]:
    """Replace the machine claims of these stories; return the claim count and their dates."""
    count = 0
    dates: list[date] = []
    for chunk in _chunks(story_ids, BATCH):
        found: dict[str, list[Claim]] = {}
        for story in store.stories_by_ids(chunk, full=True):
            when = story.when
            if when is None:
                found[story.id] = []
                continue
            claims = extract_claims(story.title, story.summary or story.content, when, story.feed)
            for claim in claims:
                claim.story_id = story.id
                dates.append(claim.event_date)
            found[story.id] = claims
            count += len(claims)
        store.replace_machine_claims(found)
    return count, dates


def regroup(store: Store, start: date, end: date) -> int:
    """Recompute incident groups for every claim (machine or manual) in [start, end]."""
    claims = store.claims_between(start, end, include_rejected=True)
    times = store.story_times(sorted({c.story_id for c in claims}))
    incidents = group_incidents([(c, times.get(c.story_id)) for c in claims])
    store.save_incidents(incidents)
    return len(incidents)


def cluster_around(store: Store, story_ids: list[str]) -> int:
    """Regroup near-duplicates among the stories published around these; return how many are grouped."""
    times = [s.when for s in store.stories_by_ids(story_ids, full=False) if s.when is not None]
    if not times:
        return 0
    first, last = min(times), max(times)
    recent = store.stories_between(first - CLUSTER_MARGIN, last + CLUSTER_MARGIN, full=False)
    when = {s.id: s.when for s in recent}
    low, high = first - CLUSTER_WINDOW, last + CLUSTER_WINDOW
    pairs = [
        (sid, cluster) for sid, cluster in cluster_stories(recent)
        if when[sid] is None or low <= when[sid] <= high  # type: ignore[operator]
    ]
    store.set_clusters(pairs)
    return sum(cluster is not None for _, cluster in pairs)


def process_stories(store: Store, story_ids: list[str]) -> PipelineResult:
    """For new or updated stories: extract claims, regroup the incidents they touch, group near-duplicates."""
    result = PipelineResult(stories=len(story_ids))
    if not story_ids:
        return result
    result.claims, dates = extract_into_store(store, story_ids)
    if dates:
        result.incidents = regroup(store, min(dates) - REGROUP_MARGIN, max(dates) + REGROUP_MARGIN)
    result.clustered = cluster_around(store, story_ids)
    return result


def rebuild(store: Store) -> PipelineResult:
    """Re-extract every story (after the extractor improved); corrections are kept."""
    store.clear_machine_claims()
    ids = store.all_story_ids()
    result = PipelineResult(stories=len(ids))
    result.claims, dates = extract_into_store(store, ids)
    if dates:
        result.incidents = regroup(store, min(dates), max(dates))
    return result
