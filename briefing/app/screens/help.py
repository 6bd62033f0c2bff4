"""Every key, read from the bindings themselves so the list never goes stale (keymaps included)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Static


class HelpScreen(ModalScreen[None]):
    """Shows (section, [(keys, description)]) tables; any of Escape, q or ? closes it."""

    BINDINGS = [Binding("escape,q,question_mark", "close", "Close", id="help.close")]

    def __init__(self, sections: list[tuple[str, list[tuple[str, str]]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog help"):
            yield Label("Keys (Escape closes)", classes="dialog-title")
            with VerticalScroll():
                for title, rows in self.sections:
                    width = max((len(k) for k, _ in rows), default=0)
                    lines = "\n".join(f"  {keys.ljust(width)}  {what}" for keys, what in rows)
                    yield Static(Content(title), classes="help-section")
                    yield Static(Content(lines), classes="help-keys")

    def action_close(self) -> None:
        self.dismiss(None)
