"""After stories are stored: extract their claims, regroup the incidents around them,
and group near-duplicate stories from different outlets.

This is the "(extract → incidents, clusters)" step of the data flow.  It reads
stories from the store, calls the pure extractor and clusterer, and writes
claims, incident groups and clusters back.  What it must still do is read from
the pending-work record (`store/pending.py`), never from a list a caller kept
in memory, so work a killed run left is finished by the next one.  Callers go
through `service.py` (fetch, watch, demo, the app) or `rebuild`/`process_pending`
(`extract --rebuild`, `doctor`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, timezone
from typing import TypeVar

from .clusters import WINDOW as CLUSTER_WINDOW
from .clusters import cluster_stories
from .extract import group_incidents, is_relevant, read_story
from .language import detect_language
from .models import Claim, Story
from .store import PendingMark, Store

# Claims this many days either side of a new claim are regrouped with it: wider than
# the extractor's "same or adjacent day" rule, so an incident is never cut in two.
REGROUP_MARGIN = timedelta(days=7)
# Stories this far either side of the new ones are read for near-duplicate grouping;
# only those within the clusterer's own window (48 h) of a new story are written back,
# so a story at the edge is never split from a partner that was not read.
CLUSTER_MARGIN = timedelta(days=4)
BATCH = 2000
T = TypeVar("T", date, datetime)


@dataclass(slots=True)
class PipelineResult:
    stories: int = 0
    claims: int = 0
    incidents: int = 0
    clustered: int = 0  # stories now in a group of near-duplicates
    # Stories the extractor failed on ("id: Error: message"): stored without claims, so one
    # story that trips a bug can never block the processing of every story after it.
    failed: list[str] = field(default_factory=list)


def _chunks(ids: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


@dataclass(slots=True)
class Extracted:
    """What the extractor read from a set of stories (nothing written yet)."""

    claims: dict[str, list[Claim]]  # per story, possibly empty
    dates: list[date]  # the days the claims are about
    unread: set[str]  # stories that read as incident reports but gave no figure the extractor understood
    failed: list[str] = field(default_factory=list)  # stories the extractor raised on, as "id: error"


def read(story: Story) -> tuple[list[Claim], bool]:
    """One story's machine claims, and whether it reads as an incident report the machine could not read.

    `extract_claims` unfolded (relevance, then the staged reading) because the pipeline also keeps
    the reading's `unread_incident` flag.
    """
    when = story.when
    if when is None:
        return [], False
    text = story.summary or story.content
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    language = story.language or detect_language(f"{story.title} {text}")
    if not is_relevant(story.title, text, language):
        return [], False
    reading = read_story(story.title, text, when, language)
    return list(reading.claims), reading.unread_incident


def extract(store: Store, story_ids: list[str]) -> Extracted:
    """The machine claims of these stories (nothing written), the dates they are about, the unread reports."""
    out = Extracted({}, [], set())
    for chunk in _chunks(story_ids, BATCH):
        for story in store.stories_by_ids(chunk, full=True):
            try:
                claims, unread = read(story)
            except Exception as error:  # noqa: BLE001 - an extractor bug costs this story's claims, not the run
                out.failed.append(f"{story.id}: {type(error).__name__}: {' '.join(str(error).split())[:200]}")
                claims, unread = [], False
            claims = [replace(c, story_id=story.id) for c in claims]
            out.dates.extend(c.event_date for c in claims)
            out.claims[story.id] = claims
            if unread:
                out.unread.add(story.id)
    return out


def regroup(store: Store, start: date, end: date) -> int:
    """Recompute incident groups for every claim in [start, end] (the grouper leaves the claims it reads as they are)."""
    claims = store.claims_between(start, end, include_rejected=True)
    times = store.story_times(sorted({c.story_id for c in claims}))
    incidents = group_incidents([(c, times.get(c.story_id)) for c in claims])
    store.save_incidents(incidents)
    return len(incidents)


def _runs(times: list[T], gap: timedelta) -> list[tuple[T, T]]:
    """Times (or days) as (first, last) runs in which no two neighbours are more than `gap` apart."""
    runs: list[tuple[T, T]] = []
    for moment in sorted(times):
        if runs and moment - runs[-1][1] <= gap:
            runs[-1] = (runs[-1][0], moment)
        else:
            runs.append((moment, moment))
    return runs


def clusters_around(store: Store, story_ids: list[str]) -> list[tuple[str, str | None]]:
    """Near-duplicate groups among the stories published around these (nothing written).

    Only the new stories' own windows are read: a fetch that brings a story from last
    month and one from today reads two short stretches, not the month between them.
    """
    times = list(store.story_times(story_ids).values())
    pairs: list[tuple[str, str | None]] = []
    for first, last in _runs(times, 2 * CLUSTER_MARGIN):
        recent = store.titles_between(first - CLUSTER_MARGIN, last + CLUSTER_MARGIN)
        when = {s.id: s.when for s in recent}
        low, high = first - CLUSTER_WINDOW, last + CLUSTER_WINDOW
        pairs.extend(
            (sid, cluster) for sid, cluster in cluster_stories(recent)
            if low <= when[sid] <= high  # type: ignore[operator]
        )
    return pairs


def _process_chunk(store: Store, story_ids: list[str], marks: list[PendingMark]) -> PipelineResult:
    """Process stories and clear their pending marks; safe to repeat after a kill at any line.

    Claims and the incident groups around them are written in one transaction, so a
    reader never sees claims without their incidents.  Near-duplicate groups and the
    clearing of the marks go in a second one: a kill between the two leaves the marks,
    and the next run does the (idempotent) work again.
    """
    result = PipelineResult(stories=len(story_ids))
    found = extract(store, story_ids)
    dates = found.dates
    with store.transaction():
        store.replace_machine_claims(found.claims, found.unread)
        # Each stretch of the new claims' own days is regrouped on its own: one story about an
        # old event adds a fortnight around that event, not every day in between.
        for first, last in _runs(dates, 2 * REGROUP_MARGIN):
            result.incidents += regroup(store, first - REGROUP_MARGIN, last + REGROUP_MARGIN)
    result.claims = sum(len(claims) for claims in found.claims.values())
    result.failed = found.failed
    pairs = clusters_around(store, story_ids)
    with store.transaction():
        store.set_clusters(pairs)
        store.finish_pending(marks)
    result.clustered = sum(cluster is not None for _, cluster in pairs)
    return result


def process_stories(store: Store, story_ids: list[str]) -> PipelineResult:
    """For new or updated stories: extract claims, regroup the incidents they touch, group near-duplicates."""
    if not story_ids:
        return PipelineResult()
    return _process_chunk(store, story_ids, store.pending_marks_of(story_ids))


def process_pending(store: Store, batch: int = BATCH) -> PipelineResult:
    """Finish every story still marked pending, oldest first, a batch at a time.

    This is how each run (fetch, watch, the app, demo, rebuild, doctor) finishes what a
    killed or failed earlier run left, as well as its own new stories.
    """
    total = PipelineResult()
    while True:
        marks = store.pending_marks(batch)
        if not marks:
            return total
        done = _process_chunk(store, [m.story_id for m in marks], marks)
        total.stories += done.stories
        total.claims += done.claims
        total.incidents = max(total.incidents, done.incidents)
        total.clustered += done.clustered
        total.failed += done.failed


def rebuild(store: Store) -> PipelineResult:
    """Re-extract every story (after the extractor improved); corrections are kept.

    Extraction runs outside any transaction; the old machine claims and incidents are
    then swapped for the new ones in one transaction, so a kill leaves the old set or
    the new one, never a mixture or nothing, and a digest taken meanwhile sees one of them.
    """
    process_pending(store)  # an earlier run's leftovers first, near-duplicate groups included
    ids = store.all_story_ids()
    result = PipelineResult(stories=len(ids))
    found = extract(store, ids)
    dates = found.dates
    with store.transaction():
        store.clear_machine_claims()
        store.replace_machine_claims(found.claims, found.unread)
        if dates:
            result.incidents = regroup(store, min(dates), max(dates))
    result.claims = sum(len(claims) for claims in found.claims.values())
    result.failed = found.failed
    return result
