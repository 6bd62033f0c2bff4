"""The store: the only place in briefing that writes SQL.

`Store` is one SQLite connection with the methods of each concern mixed in, one
module per concern (stories, tags, feeds and fetch log, claims and incidents),
so a reader finds every query about a thing in one file.  Each thread that
needs the database opens its own `Store`.
"""

from __future__ import annotations

from .claims import ClaimsMixin
from .db import Database, StoreError, from_text, to_text, utc_now
from .feeds import FeedsMixin, LogEntry
from .pending import PendingMark, PendingMixin
from .stories import SaveResult, SearchError, StoriesMixin, StoryFilter, canonical_url, story_id
from .tags import TagCount, TagsMixin, clean_tag


class Store(StoriesMixin, TagsMixin, FeedsMixin, ClaimsMixin, PendingMixin, Database):
    """Open with `Store(path)`; use as a context manager to close it."""


__all__ = [
    "Store",
    "StoreError",
    "PendingMark",
    "StoryFilter",
    "SaveResult",
    "SearchError",
    "TagCount",
    "LogEntry",
    "canonical_url",
    "story_id",
    "clean_tag",
    "from_text",
    "to_text",
    "utc_now",
]
