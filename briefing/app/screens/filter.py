"""The filter form: source, origin, language, tag, date range, unread only, incidents only.

It edits a copy of the list's `StoryFilter` and hands it back; the search
query and cluster collapsing are carried over untouched.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta, timezone

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from ...language import LANGUAGES
from ...models import ORIGIN_LABELS, ORIGINS
from ...store import StoryFilter
from ..text import plain


def parse_day(text: str) -> date | None:
    """A YYYY-MM-DD date, None if blank; ValueError with a readable message otherwise."""
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a date like 2025-06-01") from None


def day_start(day: date) -> datetime:
    """Midnight at the start of `day` in the reader's time zone, as UTC."""
    return datetime.combine(day, time.min).astimezone().astimezone(timezone.utc)


class FilterScreen(ModalScreen[StoryFilter | None]):
    """Dismisses with the new filter, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="filter.cancel")]

    def __init__(self, current: StoryFilter, feeds: list[str], tags: list[str]) -> None:
        super().__init__()
        self.current = current
        self.feed_names = feeds
        self.tag_names = tags

    def compose(self) -> ComposeResult:
        f = self.current
        since = f.since.astimezone().date().isoformat() if f.since else ""
        until = (f.until.astimezone() - timedelta(seconds=1)).date().isoformat() if f.until else ""
        # Compact one-line fields: the whole form, buttons included, fits an 80×24 terminal.
        with Vertical(id="dialog", classes="dialog filter"):
            yield Label("Filter stories", classes="dialog-title")
            yield Select(
                [(plain(n), n) for n in self.feed_names],
                prompt="Any source",
                value=f.feeds[0] if len(f.feeds) == 1 else Select.NULL,
                id="feed",
                compact=True,
            )
            yield Select(
                [(ORIGIN_LABELS[o], o) for o in ORIGINS],
                prompt="Any origin",
                value=f.origin or Select.NULL,
                id="origin",
                compact=True,
            )
            yield Select(
                [(name, code) for code, name in LANGUAGES.items()],
                prompt="Any language",
                value=f.language if f.language in LANGUAGES else Select.NULL,
                id="language",
                compact=True,
            )
            yield Select(
                [(plain(t), t) for t in self.tag_names],
                prompt="Any tag",
                value=f.tag if f.tag in self.tag_names else Select.NULL,
                id="tag",
                compact=True,
            )
            with Horizontal(classes="dates"):
                yield Input(since, placeholder="from YYYY-MM-DD", id="since", compact=True)
                yield Input(until, placeholder="to YYYY-MM-DD", id="until", compact=True)
            with Horizontal(classes="checks"):
                yield Checkbox("Unread only", f.unread, id="unread", compact=True)
                yield Checkbox("Starred only", f.starred, id="starred", compact=True)
                yield Checkbox("Incidents only", f.incidents, id="incidents", compact=True)
            yield Static("", id="filter-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Apply", variant="primary", id="apply", compact=True)
                yield Button("Clear", id="clear", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "apply":
            self.apply()
        elif event.button.id == "clear":
            self.dismiss(StoryFilter(query=self.current.query, collapse_clusters=self.current.collapse_clusters))
        else:
            self.dismiss(None)

    def on_input_submitted(self) -> None:
        self.apply()

    def apply(self) -> None:
        def chosen(select_id: str) -> str | None:
            value = self.query_one(f"#{select_id}", Select).value
            return None if value is Select.NULL else str(value)

        try:
            since = parse_day(self.query_one("#since", Input).value)
            until = parse_day(self.query_one("#until", Input).value)
        except ValueError as error:
            self.query_one("#filter-error", Static).update(str(error))
            return
        feed = chosen("feed")
        self.dismiss(
            replace(
                self.current,
                feeds=(feed,) if feed else (),
                origin=chosen("origin"),
                language=chosen("language"),
                tag=chosen("tag"),
                since=day_start(since) if since else None,
                until=day_start(until + timedelta(days=1)) if until else None,
                unread=self.query_one("#unread", Checkbox).value,
                starred=self.query_one("#starred", Checkbox).value,
                incidents=self.query_one("#incidents", Checkbox).value,
            )
        )

    def action_cancel(self) -> None:
        self.dismiss(None)
