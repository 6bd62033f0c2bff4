"""Command palette entries for every action that has a key, built from the bindings.

Reading the bindings (app-level and the story list's) keeps the palette and the
keys from drifting apart: a new binding shows up in both.  The provider asks the
app only for `palette_actions` and `run_action` (`PaletteApp`), so this module
does not import the app that imports it.
"""

from __future__ import annotations

from functools import partial
from typing import Any, Callable, Protocol

from textual.command import DiscoveryHit, Hit, Hits, Provider


class PaletteApp(Protocol):
    """What the palette needs of the app."""

    def palette_actions(self) -> list[tuple[str, str, str, Any]]: ...

    async def run_action(self, action: str, default_namespace: Any = None) -> bool: ...


class BriefingCommands(Provider):
    """The reader's actions, searchable by their description."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        app: PaletteApp = self.app  # type: ignore[assignment]
        out = []
        for title, keys, action, namespace in app.palette_actions():
            out.append((title, f"key: {keys}", partial(app.run_action, action, namespace)))
        return out

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)
