"""The story list and the database: the UI thread never waits on SQLite.

Drawing shows the rows in memory (a placeholder for a row not read yet) and asks a worker
for the rest; keys that change a story change its row at once and store the change in a
worker.  The last test records the thread of every SQL statement any connection runs while
a reader uses the app, and fails if one ran on the UI thread.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from datetime import timedelta
from pathlib import Path

import pytest

from briefing.app import BriefingApp
from briefing.app.screens.tag_picker import TagPicker
from briefing.config import Config
from briefing.models import Feed, Story
from briefing.store import Store, StoryFilter

from .conftest import NOW
from .helpers import press, screen_text, settle, wait_for

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


def hold_the_queue(app: BriefingApp) -> threading.Event:
    """Keep the app's database jobs waiting (a job that blocks until the event is set)."""
    gate = threading.Event()
    app.jobs.submit(app, lambda store: None if gate.wait(10) else None)
    return gate


async def test_scrolling_into_rows_not_read_yet_shows_placeholders_then_the_rows(tmp_path):
    path = tmp_path / "briefing.db"
    app = BriefingApp(long_list(path), path, fetch_on_start=False, now=NOW)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert "Dispatch number 0000" in screen_text(app)
        gate = hold_the_queue(app)
        try:
            app.story_list.scroll_to(y=1200, animate=False, immediate=True)
            await pilot.pause()
            shown = screen_text(app)
            assert "Dispatch number" not in shown and "…" in shown  # placeholders while the rows are read
        finally:
            gate.set()
        await wait_for(pilot, lambda: "Dispatch number 1200" in screen_text(app))
        assert app.story_list.cursor == 0  # the cursor stayed where it was
        await press(pilot, "j")  # and moving it brings the view back to it, its story at hand
        assert app.story_list.current.title == "Dispatch number 0001"
        assert "Dispatch number 0001" in screen_text(app)


async def test_a_tag_shows_at_once_and_is_stored_when_the_database_is_free(sample_db):
    """Another writer holds the database: the tag is on the row at once, in the file once it is free."""
    config, path = sample_db
    app = BriefingApp(config, path, fetch_on_start=False, now=NOW)
    story_id = app.store.story_window(StoryFilter(collapse_clusters=True), 0, 1)[0].id
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await press(pilot, "t")
        assert isinstance(app.screen, TagPicker)
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # a fetcher in another terminal, writing
        try:
            for key in (*"ceasefire", "enter"):
                await pilot.press(key)
            await pilot.pause()
            assert " ceasefire " in screen_text(app).splitlines()[0]  # the first row, at once
            with Store(path, readonly=True) as reader:
                assert reader.story_tags(story_id) == []  # not stored yet: the writer holds the lock
        finally:
            other.execute("ROLLBACK")
            other.close()
        await settle(pilot)
        with Store(path) as store:
            assert store.story_tags(story_id) == ["ceasefire"]
        assert " ceasefire " in screen_text(app).splitlines()[0]
        assert app.story_list.current.tags == ["ceasefire"]


@pytest.fixture
def statements_by_thread(monkeypatch):
    """Every SQL statement run by a connection opened from now on, with the thread that ran it."""
    seen: list[tuple[threading.Thread, str]] = []
    connect = sqlite3.connect

    def recording(*args, **kwargs):
        conn = connect(*args, **kwargs)
        conn.set_trace_callback(lambda sql: seen.append((threading.current_thread(), sql)))
        return conn

    monkeypatch.setattr(sqlite3, "connect", recording)
    return seen


async def test_the_ui_thread_never_touches_the_database(sample_db, statements_by_thread):
    config, path = sample_db
    config.quick_tags = ["incident"]
    app = BriefingApp(config, path, fetch_on_start=False, now=NOW)
    opening = len(statements_by_thread)  # opening and migrating the file happens before the UI starts
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await press(pilot, "j", "j", "pagedown", "G", "g", "enter", "s", "m", "1", "x", "n", "N")
        await press(pilot, "t", *"border", "enter")
        await press(pilot, "f", "escape", "slash", *"Lachin", "enter", "escape")
        await press(pilot, "A", "y", "u")
        await press(pilot, "i", "escape")
        await press(pilot, "r")

        def news() -> None:  # another process's news (off this thread): the poll notices, the list re-reads
            with Store(path) as writer:
                writer.save_stories("TASS", [Story(feed="TASS", title="Late news from the border", guid="late",
                                                   published=NOW + timedelta(hours=1))])

        await asyncio.to_thread(news)
        await wait_for(pilot, lambda: "Late news from the border" in screen_text(app), timeout=6)
    during = statements_by_thread[opening:]
    with Store(path) as store:
        assert "border" in [t.name for t in store.tag_counts()]  # the keys reached the file
    assert len(during) > 50  # the recording saw the app's work
    on_ui = [sql for thread, sql in during if thread is threading.main_thread()]
    assert on_ui == []
