"""Helpers for Pilot tests: read the screen as text, wait on a condition with a deadline.

Only public Textual APIs: the screen is read from `App.export_screenshot()` (the SVG a
snapshot test compares), toasts are the `Toast` widgets the screen shows.
"""

from __future__ import annotations

import asyncio
import html
import re
import time
from typing import Callable

from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import OptionList
from textual.widgets.option_list import OptionDoesNotExist
from textual.worker import WorkerCancelled, WorkerFailed

_CELL = 12.2  # the width of one terminal cell in Rich's SVG export
_TEXT = re.compile(r'<text [^>]*?x="([\d.]+)"[^>]*?clip-path="url\(#[\w-]+-line-(\d+)\)">([^<]*)</text>')


def screen_text(app: App) -> str:
    """What the terminal shows right now, as plain text, one line per terminal row."""
    width, height = app.size
    rows = [[" "] * width for _ in range(height)]
    for x, line, text in _TEXT.findall(app.export_screenshot()):
        column = round(float(x) / _CELL)
        for i, ch in enumerate(html.unescape(text).replace("\xa0", " ")):
            if 0 <= int(line) < height and column + i < width:
                rows[int(line)][column + i] = ch
    return "\n".join("".join(row) for row in rows)


def region_text(app: App, selector: str) -> str:
    """The plain text of one widget's part of the screen (its lines, cropped to its columns)."""
    region = app.screen.query_one(selector).region
    lines = screen_text(app).splitlines()
    lines += [""] * (region.bottom - len(lines))
    return "\n".join(line[region.x:region.right] for line in lines[region.y:region.bottom])


def toasts_now(app: App) -> list[str]:
    """The toasts on screen now, oldest first, each as its title and message (for `wait_for`)."""
    return [str(toast.render()) for toast in app.screen.query("Toast")]


async def toasts(pilot: Pilot) -> list[str]:
    """The toasts on screen once pending messages (and background reads) are handled."""
    await settle(pilot)
    return toasts_now(pilot.app)


async def toast_saying(pilot: Pilot, text: str, timeout: float = 10.0) -> list[str]:
    """Wait until a toast containing `text` is on screen; return the toasts shown at that moment.

    A toast stays a few seconds only.  Read once everything has settled, it may already be gone on
    a loaded machine, and the test would fail with the app right; so it is watched for from the
    moment the action is done.
    """
    shown: list[str] = []
    seen_meanwhile: dict[str, None] = {}  # for the failure message: every toast that came and went

    def seen() -> bool:
        shown[:] = toasts_now(pilot.app)
        seen_meanwhile.update(dict.fromkeys(shown))
        return any(text in toast for toast in shown)

    try:
        await wait_for(pilot, seen, timeout)
    except AssertionError:
        raise AssertionError(f"no toast saying {text!r}; shown meanwhile: {list(seen_meanwhile)}") from None
    return shown


async def wait_for(pilot: Pilot, condition: Callable[[], bool], timeout: float = 5.0) -> None:
    """Poll `condition` until it holds; fail after `timeout` seconds (no fixed sleeps)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met before the deadline")
        await pilot.pause(0.02)
        await asyncio.sleep(0)


async def settle(pilot: Pilot) -> None:
    """Let background reads and writes finish and their results reach the screen.

    A result can start more work (a listing that opens a story asks for its text; a write's answer
    asks for new counts), so this waits until two pauses in a row find no worker left, rather than
    for the workers running now only: on a loaded machine the later ones are still running when a
    fixed number of pauses is over.
    """
    quiet = 0
    while quiet < 2:
        await pilot.pause()
        running = [worker for worker in pilot.app.workers if not worker.is_finished]
        quiet = 0 if running else quiet + 1
        for worker in running:
            try:
                await worker.wait()
            except (WorkerCancelled, WorkerFailed):
                pass  # replaced by a newer read, or failed: the app says so in a toast, which tests read


async def press(pilot: Pilot, *keys: str) -> None:
    """Press keys as a reader would, one after another once what the last asked for is on screen.

    The app reads and writes the database in workers: a key's result arrives a few milliseconds
    later, and a reader's next key comes later than that.  (Whether a key's own effect shows before
    its write lands is tested on its own, with the database held busy.)
    """
    for key in keys:
        await settle(pilot)
        await pilot.press(key)
    await settle(pilot)


def option_list_text(screen: Screen, ident: str) -> str:
    """The prompts of the `OptionList` with id `ident` on `screen`, one a line (its scrolled-away rows too)."""
    widget = screen.query_one(f"#{ident}", OptionList)
    return "\n".join(str(widget.get_option_at_index(i).prompt) for i in range(widget.option_count))


def lists_option(options: OptionList, option_id: str) -> bool:
    """Whether an option list shows the option `option_id` now (for `wait_for`: the sidebar, say,
    re-counts in a batch a moment after the change that adds a tag)."""
    try:
        options.get_option_index(option_id)
    except OptionDoesNotExist:
        return False
    return True
