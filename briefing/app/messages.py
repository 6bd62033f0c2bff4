"""Typed messages that background workers post to the app.

Workers never touch widgets: they post one of these and the app, on its own
event loop, decides what the user sees.  Messages that belong to one widget
(a cursor move, an open request) are nested in that widget's class instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from ..models import Feed, FetchOutcome, Tally
from ..store import TagCount


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
