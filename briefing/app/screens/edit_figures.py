"""Correct a claim's figures: two numbers, killed and wounded."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static


class EditFiguresScreen(ModalScreen[tuple[int, int] | None]):
    """Two numbers, killed and wounded; dismisses with them, or None on Escape."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="edit_figures.cancel")]

    def __init__(self, heading: str, killed: int, wounded: int) -> None:
        super().__init__()
        self.heading = heading
        self.killed = killed
        self.wounded = wounded

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog edit-figures"):
            yield Static(Text(self.heading), classes="dialog-title")
            yield Label("Killed")
            yield Input(str(self.killed), type="integer", id="killed")
            yield Label("Wounded")
            yield Input(str(self.wounded), type="integer", id="wounded")
            with Horizontal(classes="buttons"):
                yield Button("Save (Enter)", variant="primary", id="save")
                yield Button("Cancel (Esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#killed", Input).focus()

    def _save(self) -> None:
        try:
            killed = int(self.query_one("#killed", Input).value or 0)
            wounded = int(self.query_one("#wounded", Input).value or 0)
        except ValueError:
            self.notify("Figures must be whole numbers.", severity="error")
            return
        if killed < 0 or wounded < 0:
            self.notify("Figures cannot be negative.", severity="error")
            return
        self.dismiss((killed, wounded))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self._save()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
