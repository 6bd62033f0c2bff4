"""Drawing the story list never waits on the database: rows outside the window come from a worker.

Scrolling the list (the mouse wheel, the scroll bar) moves the view without moving the
cursor, so the rows it shows may be outside the window of rows in memory.  They are read
by the window loader on its own connection and drawn when they arrive; the app's own
connection, the one the UI thread uses, runs no query for them.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from briefing.app import BriefingApp
from briefing.config import Config
from briefing.models import Feed, Story
from briefing.store import Store, StoryFilter

from .conftest import NOW
from .helpers import screen_text, wait_for

STORIES = 1500  # several windows of rows (400 each)


def long_list(path: Path) -> Config:
    feeds = [Feed(name="Wire", url="http://127.0.0.1:9/wire.xml", keep="all")]
    with Store(path) as store:
        store.sync_feeds(feeds)
        store.save_stories("Wire", [
            Story(feed="Wire", title=f"Dispatch number {n:04d}", guid=f"g{n}", published=NOW - timedelta(minutes=n))
            for n in range(STORIES)
        ])
        store.finish_pending(store.pending_marks(STORIES))
    return Config(feeds=feeds)


async def test_scrolling_far_from_the_cursor_draws_rows_read_off_the_ui_thread(tmp_path):
    path = tmp_path / "briefing.db"
    app = BriefingApp(long_list(path), path, fetch_on_start=False, now=NOW)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert "Dispatch number 0000" in screen_text(app)
        ui_queries: list[str] = []
        app.store.conn.set_trace_callback(ui_queries.append)
        try:
            app.story_list.scroll_to(y=1200, animate=False, immediate=True)
            await wait_for(pilot, lambda: "Dispatch number 1200" in screen_text(app))
        finally:
            app.store.conn.set_trace_callback(None)
        assert not [q for q in ui_queries if "FROM stories" in q]
        assert app.story_list.cursor == 0  # the cursor stayed where it was
        await pilot.press("j")  # and moving it brings the view back to it, its story at hand
        assert app.story_list.current.title == "Dispatch number 0001"
        with Store(path) as store:
            assert store.story_window(StoryFilter(collapse_clusters=True), 1200, 1)[0].title == "Dispatch number 1200"
