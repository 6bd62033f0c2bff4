"""The full-text search prompt: a reader's query (words, "phrases", OR, -word, word*), read by `query.py`."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from ...query import parse_query

HINT = 'words · "a phrase" · lachin OR tegh · -word or NOT word · drone* · lang:ru'


class SearchScreen(ModalScreen[str | None]):
    """Dismisses with the query ("" clears the search) or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="search.cancel")]

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.query_text = query

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog"):
            yield Label("Search titles and summaries (empty to clear):", markup=False)
            yield Input(self.query_text, placeholder='e.g. Nagorno-Karabakh, "peace treaty", drone*', id="query")
            yield Static(Content(HINT), id="search-hint", classes="dialog-hint")
            yield Static("", id="search-error", markup=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        query = event.value.strip()
        if query and parse_query(query).empty:
            self.query_one("#search-error", Static).update(
                Content("Nothing to search for there: type a word, \"a phrase\" or word*.")
            )
            return
        self.dismiss(query)

    def action_cancel(self) -> None:
        self.dismiss(None)
