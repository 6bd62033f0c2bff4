"""Parser workers die with the process that started them, even when it is killed with -9.

The pool's workers are forked by multiprocessing's forkserver, not by briefing, so
a parent-death signal would name the wrong parent, and they hold both ends of
their task queue, so they never see it close.  Instead each worker watches the
briefing process itself (a pidfd on Linux, polling elsewhere) and exits the moment
it ends.  Once the workers are gone the forkserver and the resource tracker see
their last client leave and exit on their own, so a killed fetcher leaves nothing.
"""

from __future__ import annotations

import os
import select
import signal
import threading
import time

POLL_SECONDS = 1.0


def start_worker(parent_pid: int) -> None:
    """Pool initializer: ignore Ctrl-C (the parent handles it) and exit when `parent_pid` ends."""
    # Ctrl-C reaches the whole process group; an idle worker would print a KeyboardInterrupt traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        handle: int | None = os.pidfd_open(parent_pid)
    except ProcessLookupError:
        os._exit(0)  # the parent is already gone
    except (AttributeError, OSError):
        handle = None  # no pidfd (not Linux, or an old kernel): poll instead
    threading.Thread(target=_watch, args=(parent_pid, handle), name="briefing-lifeline", daemon=True).start()


def _watch(parent_pid: int, handle: int | None) -> None:
    if handle is not None:
        select.select([handle], [], [])  # a pidfd becomes readable when its process exits
    else:
        while _alive(parent_pid):
            time.sleep(POLL_SECONDS)
    os._exit(0)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
