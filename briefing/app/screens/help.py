"""Every key, read from the bindings themselves so the list never goes stale (keymaps included)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Static


def key_table(rows: list[tuple[str, str, str]]) -> Table:
    """Keys, what they do, binding id; cells are `Text` built from plain strings, never markup."""
    table = Table.grid(padding=(0, 2), expand=True)
    table.add_column(no_wrap=True, min_width=8)
    table.add_column(ratio=1)
    table.add_column(style="dim", justify="right", overflow="fold")
    for keys, what, ident in rows:
        table.add_row(Text(keys), Text(what), Text(ident))
    return table


class HelpScreen(ModalScreen[None]):
    """Shows (section, [(keys, description, binding id)]) tables; any of Escape, q or ? closes it."""

    BINDINGS = [Binding("escape,q,question_mark", "close", "Close", id="help.close")]

    def __init__(self, sections: list[tuple[str, list[tuple[str, str, str]]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog help"):
            yield Label("Keys (Escape closes)", classes="dialog-title")
            yield Static(
                Content('Remap a key in feeds.toml by its id: [keys] "app.quit" = "ctrl+q"'),
                classes="help-hint",
            )
            with VerticalScroll():
                for title, rows in self.sections:
                    yield Static(Content(title), classes="help-section")
                    yield Static(key_table(rows), classes="help-keys")

    def action_close(self) -> None:
        self.dismiss(None)
