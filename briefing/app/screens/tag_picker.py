"""Pick a tag for the story under the cursor: choose an existing one or type a new one.

Picking a tag the story already has (marked ✓) takes it off again, so one
screen adds and removes.  The screen only returns the chosen name; the story
list writes it to the store.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from ..text import plain


class TagPicker(ModalScreen[str | None]):
    """Dismisses with a tag name to toggle, or None."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="tag_picker.cancel"),
        Binding("down", "focus_tags", "Tags", show=False, id="tag_picker.to_list"),
    ]

    def __init__(self, existing: list[str], current: list[str], quick: list[str] | None = None) -> None:
        super().__init__()
        names = {t.casefold(): t for t in [*(quick or []), *existing, *current]}
        self.names = sorted(names.values(), key=str.casefold)
        self.current = {t.casefold() for t in current}

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog"):
            yield Label("Type a new tag, or pick one (✓ = on this story; picking it takes it off)", markup=False)
            yield Input(placeholder="tag name", id="tag-name")
            yield OptionList(id="tag-options")

    def on_mount(self) -> None:
        self._show("")

    def _show(self, typed: str) -> None:
        wanted = typed.strip().casefold()
        options = []
        for name in self.names:
            if wanted and wanted not in name.casefold():
                continue
            mark = "✓ " if name.casefold() in self.current else "  "
            options.append(Option(Text(mark + plain(name)), id=name))
        self.query_one(OptionList).set_options(options)

    def on_input_changed(self, event: Input.Changed) -> None:
        self._show(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        typed = event.value.strip()
        if typed:
            self.dismiss(typed)
        else:
            options = self.query_one(OptionList)
            if options.highlighted is not None:
                self.dismiss(options.get_option_at_index(options.highlighted).id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_focus_tags(self) -> None:
        options = self.query_one(OptionList)
        if options.option_count:
            options.focus()
            options.highlighted = 0

    def action_cancel(self) -> None:
        self.dismiss(None)
