"""Typed messages that background workers post to the app.

Workers never touch widgets: they post one of these and the app, on its own
event loop, decides what the user sees.  Messages that belong to one widget
(a cursor move, an open request) are nested in that widget's class instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from ..models import Feed, FetchOutcome, Story, Tally
from ..store import StoryFilter, TagCount


@dataclass
class FetchStarted(Message):
    """A fetch run began; `total` feeds will report (0 when the fetcher did not say)."""

    total: int = 0


@dataclass
class FeedFetched(Message):
    """One feed finished, successfully or not."""

    outcome: FetchOutcome


@dataclass
class FetchFinished(Message):
    """The whole fetch run is over; `story_ids` are the stories it added or changed."""

    outcomes: list[FetchOutcome]
    story_ids: list[str]


@dataclass
class ProcessingFinished(Message):
    """Pending stories were processed (claims, incidents, near-duplicates), or processing stopped."""

    processed: int
    failures: list[str]


@dataclass
class DigestWritten(Message):
    """Today's digest was exported to `path`."""

    path: str


@dataclass
class ExportWritten(Message):
    """The incidents screen's claims were exported to `path` (`rows` claims)."""

    path: str
    rows: int


@dataclass
class CountsRead(Message):
    """Fresh sidebar counts, read off the UI thread; `seq` orders reads started one after another."""

    seq: int
    states: dict[str, Feed]
    tags: list[TagCount]


@dataclass
class TalliesRead(Message):
    """Fresh tallies for today, 7 days and 30 days, read off the UI thread."""

    seq: int
    today: Tally
    week: Tally
    month: Tally


@dataclass
class StoreOpened(Message):
    """The app's connection is ready: feeds.toml synced, its `data_version`, stories left pending."""

    data_version: int
    pending: int


@dataclass
class DataVersionRead(Message):
    """The poll's answer: `PRAGMA data_version` of the app's connection (changes when another commits)."""

    data_version: int


@dataclass
class StoryRead(Message):
    """A story with its text, and its near-duplicates, read to be shown in the reader."""

    story: Story
    also: list[Story]
    focus: bool = True  # opened by the reader now (not put back from the last run)


@dataclass
class FilterChoices(Message):
    """What the filter dialog offers: every source and tag stored."""

    feeds: list[str]
    tags: list[str]


@dataclass
class UnreadCounted(Message):
    """How many unread stories `A` would mark read (`story_filter` without near-duplicates folded)."""

    story_filter: StoryFilter
    count: int
    error: str = ""


@dataclass
class ReadMarksWritten(Message):
    """`A` (read) or `u` (unread again) was stored for these stories."""

    ids: list[str]
    read: bool


@dataclass
class TagsWritten(Message):
    """A tag was renamed or deleted on every story (`note` says which); `error` when it was refused."""

    note: str
    error: str = ""
