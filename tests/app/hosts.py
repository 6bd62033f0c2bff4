"""Bare apps that show one screen or widget of the reader's, with its styles, for tests that drive
that part alone: they record what it asks of the app (a correction made, a story to open, the
incidents screen to open) instead of doing it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.app import App, ComposeResult

import briefing.app
from briefing.app.screens.incidents import IncidentsScreen
from briefing.app.widgets.tally_panel import TallyPanel
from briefing.store import Store

APP_CSS = Path(briefing.app.__file__).parent / "app.tcss"


class IncidentsHost(App[None]):
    """Shows only the incidents screen for `days` days up to `day`."""

    CSS_PATH = APP_CSS

    def __init__(self, store: Store, day: date, days: int | None = 1) -> None:
        super().__init__()
        self.store = store
        self.day = day
        self.days = days
        self.corrections = 0
        self.opened: list[str] = []  # the stories the screen asked the app to open

    def on_mount(self) -> None:
        self.push_screen(IncidentsScreen(self.store, self.day, days=self.days))

    def on_incidents_screen_corrected(self, message: IncidentsScreen.Corrected) -> None:
        self.corrections += 1

    def on_incidents_screen_open_story(self, message: IncidentsScreen.OpenStory) -> None:
        self.opened.append(message.story_id)


class PanelHost(App[None]):
    """Shows only the tally panel; counts how often it asks for the incidents screen."""

    CSS_PATH = APP_CSS

    def __init__(self) -> None:
        super().__init__()
        self.opened = 0

    def compose(self) -> ComposeResult:
        yield TallyPanel(id="tally")

    def on_tally_panel_opened(self, message: TallyPanel.Opened) -> None:
        self.opened += 1
