"""The status line: where the cursor is, what is shown, and how fetching is going."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from ..text import plain


class StatusLine(Static):
    """One line at the bottom; every part is plain text (filters can hold feed names and tags)."""

    position: reactive[str] = reactive("")
    selection: reactive[str] = reactive("All stories")
    activity: reactive[str] = reactive("")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)

    def _show(self) -> None:
        parts = [p for p in (self.selection, self.position, self.activity) if p]
        # One fixed-height line: no need to lay the whole screen out again on every cursor move.
        self.update(Content(plain("  │  ".join(parts))), layout=False)

    def watch_position(self) -> None:
        self._show()

    def watch_selection(self) -> None:
        self._show()

    def watch_activity(self) -> None:
        self._show()
