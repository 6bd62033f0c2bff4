"""Incident-claim extraction: pure functions from story text to `Claim`s and `Incident`s.

Public API (no database, no network):

* `is_relevant(title, summary)` - is the story about the Armenia–Azerbaijan conflict?
* `extract_claims(title, summary, published, source="")` - casualty claims of one story,
  following the labelling rules of shared/corpus/README.md.
* `group_incidents(items)` - incidents across stories and outlets (new claims carrying `incident_id`).
* `corpus_view(stories)` - what `briefing extract FILE.jsonl` prints: the corpus schema, incident
  ids across the stories, vague figures left out.
* `read_story(...)` - every stage's result for one story (`briefing extract --explain`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from typing import Any

from ..language import detect_language
from ..models import Claim, Incident
from .claims import StoryReading, read_story, speaks_of_casualties
from .incidents import group_incidents, with_incidents
from .lexicon import load
from .relevance import is_relevant_text

__all__ = [
    "Claim",
    "Incident",
    "StoryReading",
    "claim_to_dict",
    "CorpusStory",
    "corpus_view",
    "extract_claims",
    "group_incidents",
    "is_relevant",
    "read_story",
]


def is_relevant(title: str, summary: str, language: str = "") -> bool:
    """Is the story about the Armenia–Azerbaijan conflict or relations (in its own language)?"""
    language = language or detect_language(f"{title} {summary}")
    return is_relevant_text(load(language), title, summary)


def extract_claims(title: str, summary: str, published: datetime, source: str = "", language: str = "") -> list[Claim]:
    """Casualty claims of one story; [] when the story is not relevant.

    `published` should be timezone-aware (its own offset decides what "on Tuesday" means).
    `source` is accepted for callers that have it; the claimant never comes from the outlet.
    Claims come back without `story_id`/`incident_id`; `replace` them with a `story_id` and
    call `group_incidents` to link stories. Claims with `vague=True` ("dozens killed", an unsplit
    "12 casualties") are kept for the reader and left out of the corpus view.
    """
    if published.tzinfo is None:
        published = published.replace(tzinfo=timezone.utc)
    language = language or detect_language(f"{title} {summary}")
    lexicon = load(language)
    if not speaks_of_casualties(lexicon, title, summary) or not is_relevant_text(lexicon, title, summary):
        return []  # most stories name no casualty: the relevance check is not needed for them
    return list(read_story(title, summary, published, language).claims)


def claim_to_dict(claim: Claim) -> dict[str, Any]:
    """A claim in the corpus schema (what score.py reads)."""
    return {
        "incident_id": claim.incident_id,
        "event_date": claim.event_date.isoformat(),
        "claimant": claim.claimant,
        "side_affected": claim.side_affected,
        "killed": claim.killed,
        "wounded": claim.wounded,
        "locations": list(claim.locations),
        "weapons": list(claim.weapons),
        "event_type": claim.event_type,
    }


@dataclass(frozen=True, slots=True)
class CorpusStory:
    """One story as the corpus format gives it (the fields the extractor reads)."""

    id: str
    title: str
    summary: str
    published: datetime
    source: str = ""
    language: str = ""


def corpus_view(stories: Iterable[CorpusStory]) -> list[dict[str, Any]]:
    """`{"id", "relevant", "claims"}` per story, in the corpus schema (what score.py reads).

    Incident ids are assigned across all the stories, so two outlets' reports of one clash share
    an id; vague figures ("dozens killed") are left out, as the corpus rules leave them out.
    """
    rows: list[tuple[str, bool, int]] = []
    items: list[tuple[Claim, datetime]] = []
    for story in stories:
        published = story.published if story.published.tzinfo else story.published.replace(tzinfo=timezone.utc)
        language = story.language or detect_language(f"{story.title} {story.summary}")
        relevant = is_relevant(story.title, story.summary, language)
        found = read_story(story.title, story.summary, published, language).claims if relevant else ()
        claims = [replace(c, story_id=story.id) for c in found if not c.vague]
        items += [(claim, published) for claim in claims]
        rows.append((story.id, relevant, len(claims)))
    linked = with_incidents(items)  # in the order given: each story's claims one after another
    out, start = [], 0
    for story_id, relevant, count in rows:
        out.append({"id": story_id, "relevant": relevant, "claims": [claim_to_dict(c) for c in linked[start:start + count]]})
        start += count
    return out
