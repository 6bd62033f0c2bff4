"""Starting the worker processes as soon as a run can tell it will have feeds to parse.

A cold fetch is bound by its workers (parsing and reading on both cores), and a worker is
ready only ~0.5 s after it is asked for: the forkserver must start and load the parser and
the extractor first.  Asked for when the fetch itself starts, after the fetcher's imports and
the store, they were ready only after every download was done.  `start_early` asks for them
before all that, in a thread, when the feeds table already says a body will come (a feed
never fetched, or one without validators, that this run will fetch); a run where every
feed has validators leaves them alone, as before, until a feed actually sends a body.

Only light modules here: the caller has not loaded the fetcher yet.
"""

from __future__ import annotations

import sqlite3
import threading
from concurrent.futures import Future
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..config import Config
    from ..models import Feed

_early: Future | None = None
_lock = threading.Lock()


def start_workers(relevance: bool = False) -> bool:
    """Start the worker processes (blocking; call it in a thread), then load what sends them work and
    reads their readings in this process (multiprocessing, the extractor); True once they run.
    `relevance`: some feed is kept "relevant", so the workers load the relevance filter too.

    The workers come first: the forkserver loads the parser and the extractor on the other core
    while this process loads its own copy of the extractor."""
    from ..workers import start_workers as start

    start(relevance)
    from .. import reading  # noqa: F401

    return True


def start_early(config: Config, db_path: Path, feeds: list[Feed] | None = None, force: bool = False) -> None:
    """In a thread: look at the stored feed states and start the workers if this run will parse.

    Never raises, never blocks (the app calls this on its event loop); what it decided is
    taken by the next `fetch_feeds` (`take_early`).  A damaged or locked database, or any
    doubt, decides nothing: the fetch starts its workers itself when a body comes, as before.
    """
    global _early
    wanted = list(feeds) if feeds is not None else list(config.feeds)
    with _lock:
        if _early is not None or not wanted:
            return
        future: Future = Future()
        _early = future

    def decide_and_start() -> None:
        try:
            future.set_result(_bodies_expected(wanted, db_path, force)
                              and start_workers(any(feed.keep == "relevant" for feed in wanted)))
        except BaseException as error:  # noqa: BLE001 - handed to the fetch, which reports it per feed
            future.set_exception(error)

    threading.Thread(target=decide_and_start, name="briefing-workers-early", daemon=True).start()


def take_early() -> Future | None:
    """What `start_early` decided for this run (a Future of "the workers were started"), if it was asked."""
    global _early
    with _lock:
        future, _early = _early, None
    return future


def _bodies_expected(wanted: list[Feed], db_path: Path, force: bool) -> bool:
    """Will a feed of `wanted` surely send a body: fetched this run (due, or `force`) without validators?"""
    path = Path(db_path)
    if not path.exists():
        return True
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=1)
        try:
            rows = conn.execute("SELECT name, url, etag, last_modified, next_due FROM feeds").fetchall()
        finally:
            conn.close()
    except (sqlite3.Error, OSError, ValueError):
        return False
    states = {name: (url, etag, last_modified, next_due) for name, url, etag, last_modified, next_due in rows}
    now = datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0).isoformat() + "Z"  # (`store.to_text`)
    for feed in wanted:
        state = states.get(feed.name)
        if state is None:
            return True  # never fetched: it sends a body
        url, etag, last_modified, next_due = state
        if (url != feed.url or not (etag or last_modified)) and (force or next_due is None or next_due <= now):
            return True
    return False
