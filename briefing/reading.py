"""One story's machine reading: its claims, and whether it reads as an incident report the
machine could not read.

The one home of "how a stored story is read": the pipeline calls `read` for the stories it
processes, and a fetch calls `read_many` in its parser processes for the stories it has just
stored, so extraction uses the cores parsing uses while downloads go on.  What a fetch read
ahead is only an offer (`ReadAhead`): the pipeline takes it for a story only if the story
it finds stored is the one that was read (`source`), and reads the story itself otherwise.
Nothing here touches the database.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timezone
from typing import Any

from .extract import is_relevant, read_story, speaks_of_casualties
from .extract.lexicon import load
from .language import detect_language
from .models import Claim, ParsedFeed, Story

# What a reading was made from, as the store keeps it: content hash, publication time, language
# (`Store.reading_sources`, `store.stories.reading_source`).
Source = tuple[str, str | None, str]


@dataclass(frozen=True, slots=True)
class ReadAhead:
    """A story's reading made before the pipeline asked for it, and what it was made from."""

    source: Source
    claims: tuple[Claim, ...]
    unread: bool


def read(story: Story) -> tuple[list[Claim], bool]:
    """One story's machine claims, and whether it reads as an incident report the machine could not read.

    `extract_claims` unfolded (a casualty word, relevance, then the staged reading) because the pipeline
    also keeps the reading's `unread_incident` flag.  A story with no casualty or denial word is settled
    before the relevance check, as `extract_claims` settles it: the staged reading finds nothing in it.
    """
    when = story.when
    if when is None:
        return [], False
    text = story.summary or story.content
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    language = story.language or detect_language(f"{story.title} {text}")
    if not speaks_of_casualties(load(language), story.title, text):
        return [], False  # no casualty or denial word: no figure and no unread report (most stories; cheap)
    if not is_relevant(story.title, text, language):
        return [], False
    reading = read_story(story.title, text, when, language)
    return list(reading.claims), reading.unread_incident


def read_each(stories: list[Story]) -> list[tuple[tuple[Claim, ...], bool, str | None]]:
    """Each stored story's claims, unread-report flag and, if the extractor raised on it, the error
    as "Error: message" (the story then has no claims: one bug never holds back the others)."""
    out: list[tuple[tuple[Claim, ...], bool, str | None]] = []
    for story in stories:
        try:
            claims, unread = read(story)
        except Exception as error:  # noqa: BLE001 - an extractor bug costs this story's claims, not the run
            out.append(((), False, f"{type(error).__name__}: {' '.join(str(error).split())[:200]}"))
            continue
        out.append((tuple(claims), unread, None))
    return out


def parse_and_read(content: bytes, url: str, feed_name: str, **options: Any) -> tuple[ParsedFeed, list]:
    """A feed fetched for the first time, parsed (`parse_feed`) and its stories read (`read_many`) in
    the one worker process: every story it brings is new, so reading them here spares sending them
    back to a worker once they are stored (a cold fetch of 10,000 stories sent them all twice)."""
    from .fetch.parse import parse_feed  # (preloaded in the workers; the fetcher's process never calls this)

    parsed = parse_feed(content, url, feed_name, **options)
    return parsed, read_many(parsed.stories)


def read_many(stories: list[Story]) -> list[tuple[tuple[Claim, ...], bool] | None]:
    """Each story's reading, read ahead (in a worker process); None where none is offered.

    A story without a publication time is read by the pipeline (its time is when the store first
    saw it, which this process does not know), and so is one the extractor raises on: the pipeline
    reads it again and reports the failure where failures are reported.
    """
    out: list[tuple[tuple[Claim, ...], bool] | None] = []
    for story in stories:
        if story.published is None:
            out.append(None)
            continue
        # Read at the time the store keeps (whole seconds, UTC), as the pipeline would read it.
        kept = story.published.astimezone(timezone.utc).replace(microsecond=0)
        [(claims, unread, error)] = read_each([replace(story, published=kept)])
        out.append(None if error else (claims, unread))
    return out
