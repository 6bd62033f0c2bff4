"""The app's background work: the queue of database jobs the UI asks for, and what must run
before Textual takes the terminal."""

from __future__ import annotations

import sys
import threading
from collections import deque
from typing import Callable

from textual.message import Message
from textual.message_pump import MessagePump

from ..store import Store


def start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker while sys.stderr is still the real one.

    The fetcher parses feeds in a process pool.  Starting a pool's first process
    also starts the resource tracker, which passes `sys.stderr.fileno()` to the
    new process; inside a running Textual app sys.stderr is a capture object whose
    fileno() is -1, and the fetch fails with "bad value(s) in fds_to_keep".
    Started early, the tracker is simply reused later.
    """
    try:
        if sys.stderr is None or sys.stderr.fileno() < 0:
            return
        from multiprocessing import resource_tracker

        resource_tracker.ensure_running()
    except Exception:  # no fileno (pytest capture), or no multiprocessing support: fetching reports it
        pass


class StoreQueue:
    """The app's own connection, used by one job at a time in the order the jobs were given.

    Every read and write the UI thread wants (the list's rows and counts, a star, a tag, a
    read mark, the poll for other writers) is a job here, run in a thread worker: the UI
    thread never waits on SQLite.  A job is a function of the store that returns the typed
    message to post to the node that asked (or None).  The order is what makes an optimistic
    widget safe: a read asked after a write sees it, and two writes land as they were made.
    A job that raises fails its worker, which the app's one handler of worker errors reports.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self._jobs: deque[tuple[Callable[[Store], Message | None], MessagePump]] = deque()
        self._lock = threading.Lock()
        self._closed = False

    def submit(self, node: MessagePump, job: Callable[[Store], Message | None]) -> None:
        """Queue `job`; its message goes to `node`.  The worker belongs to the app, so a screen or
        widget that goes away never cancels a write it asked for."""
        if self._closed:
            return
        self._jobs.append((job, node))
        node.app.run_worker(self._run, thread=True, group="store", exit_on_error=False)

    def _run(self) -> None:
        """Run every queued job, oldest first (any worker may run any job: the order is the queue's)."""
        while True:
            with self._lock:
                if not self._jobs:
                    return
                job, node = self._jobs.popleft()
                message = job(self.store)
                if message is not None:
                    node.post_message(message)  # under the lock: messages arrive in the jobs' order

    def close(self) -> None:
        """Run what is still queued (a write asked for just before quitting), then close the connection.

        Called when the app ends, in a thread of its own (`close_in_thread`): workers that had not
        started are cancelled by then, but their jobs are in the queue.
        """
        with self._lock:
            self._closed = True
            try:
                while self._jobs:
                    job, _ = self._jobs.popleft()
                    job(self.store)
            finally:
                self.store.close()

    def close_in_thread(self) -> None:
        """`close` off the UI thread, waiting for it: the last writes are stored before the app exits."""
        closer = threading.Thread(target=self.close, name="briefing-store-close")
        closer.start()
        closer.join()
