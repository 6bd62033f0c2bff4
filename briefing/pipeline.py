"""After stories are stored: extract their claims, regroup the incidents around them,
and group near-duplicate stories from different outlets.

This is the "(extract → incidents, clusters)" step of the data flow.  It reads
stories from the store, calls the pure extractor and clusterer, and writes
claims, incident groups and clusters back.  What it must still do is read from
the pending-work record (`store/pending.py`), never from a list a caller kept
in memory, so work a killed run left is finished by the next one.  Callers go
through `service.py` (fetch, watch, demo, the app) or `rebuild`/`process_pending`
(`extract --rebuild`, `doctor`).  A fetch has most of its stories read already, in its
worker processes (`reading.py`); those readings are taken when they match what is stored.
"""

from __future__ import annotations

import functools
import gc
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import BrokenExecutor, Executor, Future
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import ParamSpec, TypeVar

from .clusters import WINDOW as CLUSTER_WINDOW
from .clusters import place_stories
from .extract import group_incidents
from .extract.incidents import LOOKBACK_DAYS
from .models import Claim, PipelineResult, Story
from .reading import ReadAhead, read_each
from .store import PendingMark, Store
from .store.stories import Grouped

# Claims this many days either side of a new claim are regrouped with it: wider than
# the extractor's "same or adjacent day" rule, so an incident is never cut in two.
REGROUP_MARGIN = timedelta(days=7)
# ... and this many days before it: a recap that names no day joins the episode it recaps weeks on
REGROUP_BACK = max(REGROUP_MARGIN, timedelta(days=LOOKBACK_DAYS))
# Stories read around the new ones for near-duplicate grouping: from 48 h before them (the leads
# they may join, whose members come after the lead) to 96 h after (the stories they may move, and
# those stories' own).
CLUSTER_BEFORE = CLUSTER_WINDOW
CLUSTER_AFTER = 2 * CLUSTER_WINDOW
BATCH = 2000  # stories read from the store and extracted at a time (their full text in memory)
# Pending stories processed together: their claims written and incidents regrouped in one transaction,
# their near-duplicates grouped in one pass over their windows, their marks cleared together.  A fetch of
# 10,000 stories from one morning groups that morning once, not once per batch.
ROUND = 20_000
AHEAD = 4  # pages a rebuild keeps in the worker processes at once
T = TypeVar("T", date, datetime)
P = ParamSpec("P")
R = TypeVar("R")


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


def extract(store: Store, story_ids: list[str], ahead: Mapping[str, ReadAhead] | None = None) -> Extracted:
    """The machine claims of these stories (nothing written), the dates they are about, the unread reports.

    A reading made ahead (by a fetch's worker processes) is taken for a story whose stored
    content, time and language are the ones it was made from; every other story is read here.
    """
    out = Extracted({}, [], set())
    for chunk in _chunks(story_ids, BATCH):
        todo = chunk
        if ahead:
            sources = store.reading_sources(chunk)
            todo = []
            for sid in chunk:
                offer = ahead.get(sid)
                if offer is not None and sid in sources and offer.source == sources[sid]:
                    _keep(out, sid, offer.claims, offer.unread)
                else:
                    todo.append(sid)
        stories = store.stories_by_ids(todo, full=True)
        _keep_all(out, stories, read_each(stories))
    return out


def _keep_all(out: Extracted, stories: list[Story], readings: list[tuple[tuple[Claim, ...], bool, str | None]]) -> None:
    for story, (claims, unread, error) in zip(stories, readings):
        if error:
            out.failed.append(f"{story.id}: {error}")
        _keep(out, story.id, claims, unread)


def _keep(out: Extracted, story_id: str, claims: Iterable[Claim], unread: bool) -> None:
    mine = [replace(c, story_id=story_id) for c in claims]
    out.dates.extend(c.event_date for c in mine)
    out.claims[story_id] = mine
    if unread:
        out.unread.add(story_id)


def _uncollected(work: Callable[P, R]) -> Callable[P, R]:
    """Run without the cycle collector: grouping builds tens of thousands of small records (titles'
    words, claims, incidents) that live until it ends and make no reference cycles, and the
    collector's full passes over them took a sixth of a 30-day fetch's processing (reference
    counting frees them all the same; a cycle left meanwhile waits for the next pass)."""

    @functools.wraps(work)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        if not gc.isenabled():
            return work(*args, **kwargs)
        gc.disable()
        try:
            return work(*args, **kwargs)
        finally:
            gc.enable()

    return run


@_uncollected
def regroup(store: Store, start: date, end: date) -> int:
    """Recompute incident groups for every claim in [start, end] (the grouper leaves the claims it reads as they are)."""
    claims = store.claims_between(start, end, include_rejected=True, reasons=False)
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


@_uncollected
def clusters_around(store: Store, story_ids: list[str]) -> tuple[list[tuple[str, str | None]], Grouped | None]:
    """The near-duplicate groups these stories join or found, and the stored stories whose group
    that changes (nothing written), with the groups the stories read are stored in now (for
    `Store.set_clusters`).

    Only the new stories' own windows are read: a fetch that brings a story from last
    month and one from today reads two short stretches, not the month between them.
    Stored groups are kept unless a new story changes them (`clusters.place_stories`).
    """
    times = list(store.story_times(story_ids).values())
    runs = _runs(times, CLUSTER_BEFORE + CLUSTER_AFTER)
    windows = store.grouped_titles_between([(first - CLUSTER_BEFORE, last + CLUSTER_AFTER) for first, last in runs])
    new = set(story_ids)
    pairs: list[tuple[str, str | None]] = []
    stored: dict[str, str | None] = {}
    for window in windows:
        pairs.extend(place_stories(window.stories, window.clusters, new))
        stored.update(window.clusters)
    return pairs, (Grouped([], stored, windows[0].version) if windows else None)


def _process_round(store: Store, story_ids: list[str], marks: list[PendingMark],
                   ahead: Mapping[str, ReadAhead] | None = None) -> PipelineResult:
    """Process stories and clear their pending marks; safe to repeat after a kill at any line.

    Claims and the incident groups around them are written in one transaction, so a
    reader never sees claims without their incidents.  Near-duplicate groups and the
    clearing of the marks go in a second one: a kill between the two leaves the marks,
    and the next run does the (idempotent) work again.
    """
    result = PipelineResult(stories=len(story_ids))
    found = extract(store, story_ids, ahead)
    dates = found.dates
    with store.transaction():
        store.replace_machine_claims(found.claims, found.unread)
        # Each stretch of the new claims' own days is regrouped on its own: one story about an
        # old event adds a fortnight around that event, not every day in between.
        for first, last in _runs(dates, REGROUP_BACK + REGROUP_MARGIN):
            result.incidents += regroup(store, first - REGROUP_BACK, last + REGROUP_MARGIN)
    result.claims = sum(len(claims) for claims in found.claims.values())
    result.failed = found.failed
    pairs, known = clusters_around(store, story_ids)
    with store.transaction():
        store.set_clusters(pairs, known)
        store.finish_pending(marks)
    result.clustered = sum(cluster is not None for _, cluster in pairs)
    return result


def process_stories(store: Store, story_ids: list[str]) -> PipelineResult:
    """For new or updated stories: extract claims, regroup the incidents they touch, group near-duplicates."""
    if not story_ids:
        return PipelineResult()
    return _process_round(store, story_ids, store.pending_marks_of(story_ids))


def process_pending(store: Store, ahead: Mapping[str, ReadAhead] | None = None,
                    round_size: int = ROUND) -> PipelineResult:
    """Finish every story still marked pending, oldest first, a round at a time.

    This is how each run (fetch, watch, the app, demo, rebuild, doctor) finishes what a
    killed or failed earlier run left, as well as its own new stories; a fetch passes the
    readings its worker processes made `ahead`.
    """
    total = PipelineResult()
    while True:
        marks = store.pending_marks(round_size)
        if not marks:
            return total
        done = _process_round(store, [m.story_id for m in marks], marks, ahead)
        total.stories += done.stories
        total.claims += done.claims
        total.incidents = max(total.incidents, done.incidents)
        total.clustered += done.clustered
        total.failed += done.failed


def rebuild(store: Store, pool: Executor | None = None) -> PipelineResult:
    """Re-extract every story (after the extractor improved); corrections are kept.

    The archive is read a page at a time (in `pool`'s worker processes when one is given, a
    few pages ahead) and the new claims are staged in temporary tables, so memory holds pages,
    not the archive.  The old machine claims and incidents are then swapped for the new ones and
    the incidents regrouped in one transaction: a kill leaves the old set or the new one, never a
    mixture or nothing, and a digest taken meanwhile sees one of them.
    """
    process_pending(store)  # an earlier run's leftovers first, near-duplicate groups included
    result = PipelineResult()
    store.begin_rebuild()
    for found in _read_archive(store, pool):
        store.stage_rebuilt_claims(found.claims, found.unread)
        result.stories += len(found.claims)
        result.claims += sum(len(claims) for claims in found.claims.values())
        result.failed += found.failed
    with store.transaction():
        store.swap_in_rebuilt_claims()
        # Stretches of days farther apart than any claim joins an incident share none: each is grouped on its own.
        for first, last in _runs(store.claim_days(), REGROUP_BACK + REGROUP_MARGIN):
            result.incidents += regroup(store, first, last)
    return result


def _read_archive(store: Store, pool: Executor | None) -> Iterator[Extracted]:
    """Every stored story's reading, a page at a time, in storage order."""
    in_flight: deque[tuple[list[Story], Future | None]] = deque()
    after = 0
    while True:
        after, stories = store.stories_to_read(after, BATCH)
        if stories:
            in_flight.append((stories, _submit(pool, stories)))
        if in_flight and (not stories or len(in_flight) > AHEAD):
            page, future = in_flight.popleft()
            out = Extracted({}, [], set())
            _keep_all(out, page, _result(future, page))
            yield out
        if not stories and not in_flight:
            return


def _submit(pool: Executor | None, page: list[Story]) -> Future | None:
    if pool is None:
        return None
    try:
        return pool.submit(read_each, page)
    except (BrokenExecutor, RuntimeError):  # a worker died, or the pool is shutting down: read here
        return None


def _result(future: Future | None, page: list[Story]) -> list[tuple[tuple[Claim, ...], bool, str | None]]:
    """A page's readings from its worker, or read here if there is none (or it died)."""
    if future is not None:
        try:
            return future.result()
        except BrokenExecutor:
            pass
    return read_each(page)
