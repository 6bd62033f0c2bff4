"""The full-text search prompt (SQLite FTS5 syntax: words, "phrases", OR, NOT, prefix*)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label


class SearchScreen(ModalScreen[str | None]):
    """Dismisses with the query ("" clears the search) or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="search.cancel")]

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.query_text = query

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog"):
            yield Label("Search titles and summaries (empty to clear):", markup=False)
            yield Input(self.query_text, placeholder='e.g. Lachin, "peace treaty", drone*', id="query")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
