"""Helpers for Pilot tests: read the screen as text, wait on a condition with a deadline."""

from __future__ import annotations

import asyncio
import time
from typing import Callable

from textual.app import App
from textual.pilot import Pilot


def screen_text(app: App) -> str:
    """What the terminal shows right now, as plain text (toasts are not in it: see `notifications`)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def region_text(app: App, selector: str) -> str:
    """The plain text of one widget's part of the screen (its lines, cropped to its columns)."""
    region = app.screen.query_one(selector).region
    lines = screen_text(app).splitlines()[region.y:region.bottom]
    return "\n".join(line[region.x:region.right] for line in lines)


def notifications(app: App) -> list[str]:
    return [n.message for n in app._notifications]


async def wait_for(pilot: Pilot, condition: Callable[[], bool], timeout: float = 5.0) -> None:
    """Poll `condition` until it holds; fail after `timeout` seconds (no fixed sleeps)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met before the deadline")
        await pilot.pause(0.02)
        await asyncio.sleep(0)
