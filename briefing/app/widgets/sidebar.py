"""The sidebar: sources grouped by origin, then tags, each with its unread count.

Choosing an entry narrows the story list.  A source whose last fetch failed, or
whose health word (`briefing.health`, the word `briefing feeds` shows) is a broken
one, is marked with ✗, and highlighting it shows that word and the error in the
status line, so a broken feed is visible without leaving the app.  Counts are re-read from the
store after each change; the highlighted entry is kept by id across rebuilds.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ... import health
from ...models import ORIGIN_LABELS, ORIGINS, Feed
from ...store import TagCount
from ..text import plain, shorten


@dataclass(slots=True)
class Choice:
    """What a sidebar entry selects: everything, an origin, a feed or a tag."""

    kind: str  # "all" | "origin" | "feed" | "tag"
    value: str = ""


def _label(
    name: str, unread: int, *, indent: int = 0, failed: bool = False, bold: bool = False, width: int = 0
) -> Text:
    """One entry on one line: a long name is cut (with …) so its count is never pushed onto a line
    of its own, where "Armenia 3" would read as the Armenia heading."""
    suffix = (" ✗" if failed else "") + (f" {unread}" if unread else "")
    shown = plain(name)
    room = width - indent - cell_len(suffix)
    if width and cell_len(shown) > room:
        shown = shorten(shown, max(room, 4))
    text = Text(" " * indent)
    text.append(shown, style="bold" if bold else "")
    if failed:
        text.append(" ✗", style="bold red")
    if unread:
        text.append(f" {unread}", style="dim")
    return text


class Sidebar(OptionList):
    """Sources by origin and tags; Enter or a click filters the list."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="sidebar.down"),
        Binding("k", "cursor_up", "Up", show=False, id="sidebar.up"),
        Binding("R", "tag('rename')", "Rename tag", id="sidebar.rename_tag"),
        Binding("D", "tag('delete')", "Delete tag", id="sidebar.delete_tag"),
    ]

    @dataclass
    class TagAction(Message):
        """Rename or delete the highlighted tag (the app asks, then writes)."""

        action: str  # "rename" | "delete"
        tag: str

    @dataclass
    class Chosen(Message):
        """The reader picked an entry."""

        choice: Choice

    @dataclass
    class FeedHighlighted(Message):
        """The cursor rests on a feed; `error` is its last fetch error, if any."""

        feed: Feed

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.feeds: dict[str, Feed] = {}
        self._shown: tuple[list[Feed], dict[str, Feed], list[TagCount]] | None = None
        self._on_tag = False  # a tag is highlighted: R and D apply

    def show_counts(self, configured: list[Feed], states: dict[str, Feed], tags: list[TagCount]) -> None:
        """Rebuild the entries from fresh counts, keeping the highlighted one."""
        self._shown = (configured, states, tags)
        width = self.scrollable_content_region.width
        label = partial(_label, width=max(width, 0))
        highlighted = self.highlighted_option.id if self.highlighted_option is not None else None
        self.feeds = {f.name: states.get(f.name, f) for f in configured}
        for name, state in states.items():  # feeds dropped from feeds.toml keep their stories
            self.feeds.setdefault(name, state)
        total_unread = sum(f.unread_count for f in self.feeds.values())
        options: list[Option | None] = [Option(label("All stories", total_unread, bold=True), id="all")]
        for origin in ORIGINS:
            members = sorted((f for f in self.feeds.values() if f.origin == origin), key=lambda f: f.name.casefold())
            if not members:
                continue
            unread = sum(f.unread_count for f in members)
            options.append(Option(label(ORIGIN_LABELS[origin], unread, bold=True), id=f"origin:{origin}"))
            for feed in members:
                failed = feed.last_status == "error" or health.is_broken(feed.health)
                options.append(Option(label(feed.name, feed.unread_count, indent=2, failed=failed),
                                      id=f"feed:{feed.name}"))
        if tags:
            options.append(None)
            options.append(Option(Text("Tags", style="bold"), id="head:tags", disabled=True))
            for tag in tags:
                options.append(Option(label(tag.name, tag.unread, indent=2), id=f"tag:{tag.name}"))
        self.set_options(options)
        if highlighted is not None:
            try:
                self.highlighted = self.get_option_index(highlighted)
            except Exception:  # the entry is gone (a tag removed from its last story)
                self.highlighted = 0
        elif self.option_count:
            self.highlighted = 0

    def on_resize(self, event: events.Resize) -> None:
        if self._shown is not None:
            self.show_counts(*self._shown)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """R and D only where they apply (on a tag), so the footer lists them only there."""
        if action == "tag":
            option = self.highlighted_option
            return option is not None and (option.id or "").startswith("tag:")
        return True

    def action_tag(self, action: str) -> None:
        option = self.highlighted_option
        if option is None or not (option.id or "").startswith("tag:"):
            self.notify("Highlight a tag (under Tags) to rename or delete it.", timeout=3)
            return
        self.post_message(self.TagAction(action, option.id[4:]))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or "all"
        kind, _, value = option_id.partition(":")
        self.post_message(self.Chosen(Choice(kind, value)))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        option_id = event.option.id or ""
        if option_id.startswith("tag:") != self._on_tag:
            # R and D come and go with a tag under the cursor.  Only then are the keys refreshed: the
            # footer is rebuilt for it (a whole-screen layout), and every re-count of the entries
            # highlights one again (at a million stories, with a fetch running, a stall each time).
            self._on_tag = not self._on_tag
            self.refresh_bindings()
        if option_id.startswith("feed:"):
            feed = self.feeds.get(option_id[5:])
            if feed is not None:
                self.post_message(self.FeedHighlighted(feed))
