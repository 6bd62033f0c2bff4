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


async def wait_for(pilot: Pilot, condition: Callable[[], bool], timeout: float = 5.0) -> None:
    """Poll `condition` until it holds; fail after `timeout` seconds (no fixed sleeps)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met before the deadline")
        await pilot.pause(0.02)
        await asyncio.sleep(0)


async def settle(pilot: Pilot) -> None:
    """Let background reads (sidebar counts, tallies) finish and their results reach the screen."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


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
