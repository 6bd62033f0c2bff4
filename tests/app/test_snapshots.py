"""Snapshots of the main screen on the sample data (update with --snapshot-update).

Fixed `now`, no fetching, UTC: the same pixels on every machine.
"""

from __future__ import annotations

from briefing.app import BriefingApp
from briefing.store import Store, StoryFilter

from .conftest import NOW
from .helpers import press, settle


def test_main_screen_80x24(sample_db, snap_compare):
    config, path = sample_db
    app = BriefingApp(config, path, fetch_on_start=False, now=NOW)
    assert snap_compare(app, run_before=settle, terminal_size=(80, 24))


def test_main_screen_160x48_with_story_open(sample_db, snap_compare):
    config, path = sample_db
    app = BriefingApp(config, path, fetch_on_start=False, now=NOW)

    async def open_star_and_tag(pilot) -> None:
        await press(pilot, "j", "j", "enter", "s", "1")
        # Settle what would otherwise depend on timing: the batched sidebar re-count and the toast.
        app.refresh_counts()
        app.refresh_tally()  # the "incident" tag counts as an incident
        app.clear_notifications()
        await settle(pilot)

    assert snap_compare(app, run_before=open_star_and_tag, terminal_size=(160, 48))


def test_main_screen_60x20_one_pane(sample_db, snap_compare):
    config, path = sample_db
    app = BriefingApp(config, path, fetch_on_start=False, now=NOW)
    assert snap_compare(app, run_before=settle, terminal_size=(60, 20))


def test_60x20_story_open_then_sources_and_tally(sample_db, snap_compare):
    config, path = sample_db
    app = BriefingApp(config, path, fetch_on_start=False, now=NOW)

    async def read_then_sidebar(pilot) -> None:
        await press(pilot, "j", "enter", "escape", "b")
        app.refresh_counts()
        await settle(pilot)

    assert snap_compare(app, run_before=read_then_sidebar, terminal_size=(60, 20))


def _incidents_app(sample_db) -> BriefingApp:
    from .test_daily_use import add_incidents

    config, path = sample_db
    add_incidents(path)
    with Store(path) as store:  # a report the machine could not read, listed for the reader
        unread = store.story_window(StoryFilter(collapse_clusters=True), 2, 1)[0].id
        store.replace_machine_claims({unread: []}, unread_incidents={unread})
    return BriefingApp(config, path, fetch_on_start=False, now=NOW)


def test_incidents_screen_80x24(sample_db, snap_compare):
    app = _incidents_app(sample_db)

    async def open_first(pilot) -> None:
        await press(pilot, "i")
        await settle(pilot)
        await press(pilot, "enter")
        await settle(pilot)

    assert snap_compare(app, run_before=open_first, terminal_size=(80, 24))


def test_incidents_screen_why_80x24(sample_db, snap_compare):
    app = _incidents_app(sample_db)

    async def why(pilot) -> None:
        await press(pilot, "i")
        await settle(pilot)
        await press(pilot, "j", "enter", "w")  # the Armenia claim: the machine's reasons, confidence 0.62
        await settle(pilot)

    assert snap_compare(app, run_before=why, terminal_size=(80, 24))


def test_incidents_screen_60x20(sample_db, snap_compare):
    app = _incidents_app(sample_db)

    async def open_screen(pilot) -> None:
        await press(pilot, "i")
        await settle(pilot)

    assert snap_compare(app, run_before=open_screen, terminal_size=(60, 20))
