"""The worker processes: one per core, for the CPU work of parsing feeds and reading stories.

feedparser and the extractor are pure Python; run in threads they would hold the GIL and
stall the event loop's downloads (or a rebuild's database reads), so they run here.  A
fetch sends feeds to parse and new stories to read (`fetch/run.py`), `extract --rebuild`
sends every stored story to read (`pipeline.rebuild`).

"forkserver" starts workers from a clean single-threaded process (the app and the demo
server have threads; forking them is unsafe), and preloads the parser and the extractor so a
new worker costs a fork, not fresh imports.  Workers ignore Ctrl-C (the parent handles it)
and exit when this process ends, however it ends (`fetch/lifeline.py`).
"""

from __future__ import annotations

import atexit
import gc
import importlib
import multiprocessing
import os
import threading
from concurrent.futures import Executor, ProcessPoolExecutor
from typing import Any

from .fetch.lifeline import start_worker

_pool: ProcessPoolExecutor | None = None
_pool_lock = threading.Lock()


def worker_count() -> int:
    """One worker per core (at least 2, at most 8): parsing and reading are the CPU-bound part of a run."""
    return max(2, min(os.cpu_count() or 2, 8))


def get_pool(relevance: bool = False) -> Executor:
    """The shared pool, started on first use and reused across runs.

    `relevance`: its workers will filter feeds kept "relevant", so the forkserver loads the filter
    too (compiling its tables takes ~0.4 s; once there, not in each worker, and not at all for a
    run whose feeds all keep everything, whose workers are ready that much sooner)."""
    global _pool
    with _pool_lock:
        if _pool is None:
            method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
            context = multiprocessing.get_context(method)
            if method == "forkserver":
                context.set_forkserver_preload(["briefing.workers", "briefing.fetch.parse", "briefing.reading"]
                                               + (["briefing.fetch.relevance"] if relevance else []))
            _pool = ProcessPoolExecutor(max_workers=worker_count(), mp_context=context,
                                        initializer=_start, initargs=(os.getpid(),))
        return _pool


def _start(parent_pid: int) -> None:
    """In each worker as it starts: die with the briefing process (`lifeline`), and collect garbage as
    a batch job can.  Everything preloaded (the parser, the extractor's tables) lives as long as the
    worker, so it is frozen out of the collector's passes, and the youngest generation is collected
    every 20,000 allocations, not 700: parsing a feed makes thousands of short-lived objects, and the
    collector's passes over them were ~5% of a worker's time."""
    start_worker(parent_pid)
    gc.freeze()
    gc.set_threshold(20_000, 20, 20)


def started_pool() -> Executor | None:
    """The shared pool if it has been started, else None (starting one blocks: see `start_workers`)."""
    return _pool


def start_workers(relevance: bool = False) -> None:
    """Start every worker now (blocking: forking one waits for the forkserver to have loaded the
    parser and the extractor, ~0.3 s; a fetch calls this in a thread, never on its event loop).
    `relevance`: as for `get_pool`."""
    pool = get_pool(relevance)
    for _ in range(worker_count()):
        pool.submit(int, 0)


def shutdown_pool() -> None:
    global _pool
    with _pool_lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)


atexit.register(shutdown_pool)


def discard_broken_pool(broken: Executor) -> None:
    """Forget a pool whose worker died (out of memory, killed): the next `get_pool` starts a fresh one."""
    global _pool
    with _pool_lock:
        if _pool is broken:
            _pool = None
    broken.shutdown(wait=False, cancel_futures=True)


def call(module: str, name: str, args: tuple, kwargs: dict) -> Any:
    """Run `module.name(*args, **kwargs)` in a worker: the caller sends names, so it need not import
    the module itself (the fetcher never loads feedparser; only its workers parse)."""
    return getattr(importlib.import_module(module), name)(*args, **kwargs)
