"""Helpers for the app's background work that must run before Textual takes the terminal."""

from __future__ import annotations

import sys


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
