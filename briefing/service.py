"""Fetch, then process: the one path from feeds to stories, claims, incidents and groups.

`briefing fetch` (once and `--watch`), `briefing demo` and the app all call
`refresh`, so they collect new stories, process them and report failures the
same way.  What needs processing is never a list kept in memory: it is the
pending-work record in the database (`store/pending.py`), written with the
stories themselves, so a run also finishes whatever a killed or failed earlier
run left.  A failure of the database (a full disk, a damaged file) makes the
run a failed run; a feed that fails is only that feed's outcome.
"""

from __future__ import annotations

import asyncio
import importlib
import sqlite3
from collections.abc import Callable
from concurrent.futures import BrokenExecutor
from dataclasses import dataclass, field
from pathlib import Path

from typing import TYPE_CHECKING, Mapping

from . import fetch as fetcher  # its names load on first use: the app draws before httpx and feedparser load
from .config import Config
from .models import Feed, FetchOutcome, PipelineResult
from .store import Store, StoreError
from .store.db import describe_error

if TYPE_CHECKING:
    from .fetch import RunResult
    from .reading import ReadAhead


@dataclass(frozen=True, slots=True)
class Processed:
    """What a processing pass did, or why it stopped (the work stays pending for the next run)."""

    result: PipelineResult = field(default_factory=PipelineResult)
    error: str | None = None


@dataclass(frozen=True, slots=True)
class RefreshReport:
    """One fetch-then-process run: each feed's outcome, what was processed, and what failed."""

    outcomes: tuple[FetchOutcome, ...]
    processed: PipelineResult
    failures: tuple[str, ...] = ()

    @property
    def complete(self) -> bool:
        """True when everything fetched was stored and processed (a dead feed does not count)."""
        return not self.failures

    @property
    def new(self) -> int:
        return sum(o.new for o in self.outcomes)


def process(db_path: Path, ahead: Mapping[str, ReadAhead] | None = None) -> Processed:
    """Finish every story marked pending (taking the readings a fetch made `ahead`); a database
    failure is reported, never raised."""
    try:
        with Store(db_path) as store:
            if not store.pending_count():
                return Processed()  # (a warm fetch: the extractor is never even loaded)
            from .pipeline import process_pending

            return Processed(process_pending(store, ahead))
    except StoreError as error:
        return Processed(error=f"processing stopped: {error}")
    except (sqlite3.Error, OSError) as error:
        return Processed(error=f"processing stopped: {describe_error(db_path, error)}")


async def _process_apart(db_path: Path, ahead: Mapping[str, ReadAhead]) -> Processed:
    """`process` in a worker process (which has read most of the stories already), else in a thread:
    when the fetch started no workers (nothing new came; starting them would block the loop)."""
    from .workers import call, started_pool  # loaded with the fetcher

    pool = started_pool() if ahead else None
    if pool is not None:
        try:
            return await asyncio.get_running_loop().run_in_executor(
                pool, call, "briefing.service", "process", (db_path, dict(ahead)), {})
        except BrokenExecutor:  # a worker died (killed, out of memory): the thread does it
            pass
    return await asyncio.to_thread(process, db_path, ahead)


async def refresh(
    config: Config,
    db_path: Path,
    *,
    feeds: list[Feed] | None = None,
    force: bool = False,
    on_start: Callable[[int], None] | None = None,
    on_outcome: Callable[[FetchOutcome], None] | None = None,
    on_fetched: Callable[[RunResult], None] | None = None,
    backoff: float = 1.0,
    apart: bool = False,
) -> RefreshReport:
    """Finish earlier leftovers, fetch (due feeds, `feeds`, or all with `force`), process what came.

    `on_fetched` is called once the stories are stored and before they are processed,
    so a reader can show them at once.  The extractor reads the new stories in the fetch's
    worker processes while other feeds download (`read_ahead`); what remains (writing claims,
    incident and near-duplicate groups) runs in a thread: the event loop (the app's, or the
    fetch's) must stay free.  With `apart` (the app) it runs in one of the worker processes
    instead: grouping is pure Python, and in a thread of the app's process it would take the
    GIL from the screen for a second at a million stories.
    """
    failures: list[str] = []
    # The worker processes start first, in a thread, if the stored feed states say bodies will come to parse.
    from .fetch.early import start_early

    start_early(config, db_path, feeds, force)
    # The fetcher (httpx) loads in a thread, beside the leftovers' processing: the app's screen keeps answering.
    loading = asyncio.to_thread(importlib.import_module, "briefing.fetch.run")
    earlier, _ = await asyncio.gather(asyncio.to_thread(process, db_path), loading)
    if earlier.error:
        failures.append(earlier.error)
    run = fetcher.RunResult()
    await fetcher.fetch_feeds(config, db_path, feeds=feeds, force=force, on_start=on_start, on_outcome=on_outcome,
                      result=run, backoff=backoff, read_ahead=True)
    failures.extend(run.store_errors)
    if on_fetched is not None:
        on_fetched(run)
    ahead = await fetcher.readings(run)
    processed = await (_process_apart(db_path, ahead) if apart else asyncio.to_thread(process, db_path, ahead))
    if processed.error:
        failures.append(processed.error)
    total = PipelineResult(
        stories=earlier.result.stories + processed.result.stories,
        claims=earlier.result.claims + processed.result.claims,
        incidents=max(earlier.result.incidents, processed.result.incidents),
        clustered=earlier.result.clustered + processed.result.clustered,
        failed=earlier.result.failed + processed.result.failed,
    )
    return RefreshReport(tuple(run.outcomes), total, tuple(failures))
