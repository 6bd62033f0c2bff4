"""The bundled sample outlets' items stored as the fetcher would store them, for tests that need a
real database of them (importable from any test directory: `from sample_store import save_samples`)."""

from __future__ import annotations

from typing import Iterable

from briefing.demo.samples import SampleFeed
from briefing.models import Story
from briefing.store import Store


def save_samples(store: Store, feeds: Iterable[SampleFeed], *, with_content: bool = False) -> None:
    """Save every item of `feeds` (marked pending, as a fetch leaves them); `with_content`: the summary
    as the story's text too, for tests that open a story in the reader."""
    for feed in feeds:
        store.save_stories(feed.name, [
            Story(feed=feed.name, title=i.title, url=i.link, guid=i.id, summary=i.summary,
                  content=i.summary if with_content else "", published=i.published)
            for i in feed.items
        ])
