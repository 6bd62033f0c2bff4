"""The reader pane: one story's clean text with its title, source, time, link and tags.

Everything here is feed text, so it goes into `Content(...)` objects built from
plain strings (never parsed as markup) after control characters are replaced.
Only a background refresh of the list happens while a story is open, and that
never touches this pane: it changes only when the reader opens another story.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ...language import language_name
from ...models import ORIGIN_LABELS, Story
from ..text import plain

PLACEHOLDER = "Select a story and press Enter to read it."


def safe_link(url: str) -> str:
    """The story's link if it is http(s), else an empty string: nothing else is ever shown as a link."""
    url = plain(url.strip())
    return url if url.lower().startswith(("http://", "https://")) else ""


_LINK_BREAKS = re.compile(r"(?<=[/?&=_.-])")  # a link is broken after these, never mid-word


def wrap_link(url: str, width: int) -> str:
    """The link on as many lines as it needs, each break after a `/`, `-`, `?`… where possible."""
    if width <= 0 or len(url) <= width:
        return url
    lines: list[str] = []
    line = ""
    for piece in _LINK_BREAKS.split(url):
        while len(piece) > width:  # one piece longer than a line: cut it
            room = width - len(line)
            lines.append(line + piece[:room])
            line, piece = "", piece[room:]
        if len(line) + len(piece) > width:
            lines.append(line)
            line = ""
        line += piece
    if line:
        lines.append(line)
    return "\n".join(lines)


class Reader(VerticalScroll):
    """Shows the story opened from the list; scrolls with the arrow keys, j/k and space when focused."""

    BINDINGS = [
        Binding("escape", "close", "Back to the list", id="reader.close"),
        Binding("j", "scroll_down", "Down", show=False, id="reader.down"),
        Binding("k", "scroll_up", "Up", show=False, id="reader.up"),
        Binding("n", "next_unread(1)", "Next unread", id="reader.next_unread"),
        Binding("N", "next_unread(-1)", "Previous unread", show=False, id="reader.previous_unread"),
    ]

    class Closed(Message):
        """The reader is done with the story (Esc): back to the list."""

    @dataclass
    class NextUnread(Message):
        """n / N while reading: the next (previous) unread story."""

        step: int

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.story: Story | None = None

    def compose(self) -> ComposeResult:
        yield Static(Content(PLACEHOLDER), id="reader-title", markup=False)
        yield Static("", id="reader-meta", markup=False)
        yield Static("", id="reader-link", markup=False)
        yield Static("", id="reader-tags", markup=False)
        yield Static("", id="reader-body", markup=False)
        yield Static("", id="reader-sources", markup=False)

    def show(self, story: Story, also: list[Story] | None = None) -> None:
        """Display `story` (with body); `also` are the other outlets' versions of it."""
        self.story = story
        when = story.when.astimezone().strftime("%a %d %b %Y, %H:%M") if story.when else "undated"
        if story.published_claimed is not None:  # the feed's clock was ahead: say what it claimed
            when += story.published_claimed.astimezone().strftime(" (the feed dates it %d %b %Y, %H:%M)")
        meta = " · ".join(
            part
            for part in (plain(story.feed), ORIGIN_LABELS.get(story.origin, ""), plain(language_name(story.language)),
                         when, plain(story.author))
            if part
        )
        body = plain_body(story.content or story.summary) or "(This story has no text; press o to open it.)"
        self.query_one("#reader-title", Static).update(Content(plain(story.title)))
        self.query_one("#reader-meta", Static).update(Content(meta))
        self._show_link()
        self.query_one("#reader-tags", Static).update(
            Content("Tags: " + ", ".join(plain(t) for t in story.tags) if story.tags else "")
        )
        self.query_one("#reader-body", Static).update(Content(body))
        lines = [f"{plain(s.feed)}: {plain(s.title)}" for s in also or []]
        self.query_one("#reader-sources", Static).update(
            Content("Also reported by:\n" + "\n".join(lines) if lines else "")
        )
        self.scroll_home(animate=False)

    def _show_link(self) -> None:
        link = safe_link(self.story.url) if self.story is not None else ""
        width = self.scrollable_content_region.width  # inside the padding and any scrollbar
        if self.story is not None:
            self.query_one("#reader-link", Static).update(Content(wrap_link(link, width) or "(no web link)"))

    def on_resize(self, event: events.Resize) -> None:
        self._show_link()

    def action_close(self) -> None:
        self.post_message(self.Closed())

    def action_next_unread(self, step: int) -> None:
        self.post_message(self.NextUnread(step))

    def update_tags(self, story: Story) -> None:
        """Refresh the tag line after the reader tagged the open story."""
        if self.story is not None and self.story.id == story.id:
            self.story = replace(self.story, tags=list(story.tags))  # the list's row stays as it is
            self.query_one("#reader-tags", Static).update(
                Content("Tags: " + ", ".join(plain(t) for t in story.tags) if story.tags else "")
            )


def plain_body(text: str) -> str:
    """Body text keeps its paragraphs; any other control character becomes a space."""
    return "\n".join(plain(line) for line in text.splitlines()).strip()
