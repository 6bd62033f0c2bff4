"""Incident-claim extraction: pure functions from story text to `Claim`s and `Incident`s.

Public API (no database, no network):

* `is_relevant(title, summary)` - is the story about the Armenia–Azerbaijan conflict?
* `extract_claims(title, summary, published, source="")` - casualty claims of one story,
  following the labelling rules of shared/corpus/README.md.
* `group_incidents(items)` - assign `incident_id` across stories and outlets.
* `latest_claims(incident)` - the latest claim per (claimant, side affected).
* `extract_jsonl(in_path, out_path)` - the `briefing extract FILE.jsonl` command (the corpus
  view: claims with `vague=True` are left out).
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..language import detect_language
from ..models import Claim, Incident
from .claims import StoryReading, read_story
from .incidents import group_incidents, latest_claims
from .lexicon import load
from .relevance import is_relevant_text

__all__ = [
    "Claim",
    "Incident",
    "StoryReading",
    "claim_to_dict",
    "extract_claims",
    "extract_jsonl",
    "group_incidents",
    "is_relevant",
    "latest_claims",
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
    Claims come back without `story_id`/`incident_id`; set `story_id` and call
    `group_incidents` to link stories. Claims with `vague=True` ("dozens killed", an unsplit
    "12 casualties") are kept for the reader and left out of the corpus view.
    """
    if published.tzinfo is None:
        published = published.replace(tzinfo=timezone.utc)
    language = language or detect_language(f"{title} {summary}")
    if not is_relevant(title, summary, language):
        return []
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


def _parse_time(value: str | None) -> datetime:
    if not value:
        return datetime.now(timezone.utc)
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def extract_jsonl(in_path: str | Path, out_path: str | Path) -> int:
    """Read corpus-format stories, write `{"id", "relevant", "claims"}` lines; return the count.

    Incident ids are assigned across the whole file, so two outlets' reports of one clash
    share an id.
    """
    rows: list[tuple[str, bool, list[Claim]]] = []
    linked: list[tuple[Claim, datetime]] = []
    with open(in_path, encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            story = json.loads(line)
            story_id = str(story.get("id", ""))
            title = story.get("title") or ""
            summary = story.get("summary") or ""
            published = _parse_time(story.get("published"))
            relevant = is_relevant(title, summary)
            claims = extract_claims(title, summary, published) if relevant else []
            # the corpus view: figures the corpus rules do not count stay in the store only
            claims = [claim for claim in claims if not claim.vague]
            for claim in claims:
                claim.story_id = story_id
                linked.append((claim, published))
            rows.append((story_id, relevant, claims))
    group_incidents(linked)
    with open(out_path, "w", encoding="utf-8") as out:
        for story_id, relevant, claims in rows:
            record = {"id": story_id, "relevant": relevant, "claims": [claim_to_dict(c) for c in claims]}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return len(rows)

