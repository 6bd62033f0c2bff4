"""Command palette entries for every action that has a key, built from the bindings.

Reading the bindings (app-level and the story list's) keeps the palette and the
keys from drifting apart: a new binding shows up in both.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Callable

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from .app import BriefingApp


class BriefingCommands(Provider):
    """The reader's actions, searchable by their description."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        app: BriefingApp = self.app  # type: ignore[assignment]
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
