"""Incident-claim extraction: pure functions from story text to `Claim`s and `Incident`s.

Public API (no database, no network):

* `is_relevant(title, summary)` - is the story about the Armenia–Azerbaijan conflict?
* `extract_claims(title, summary, published, source="")` - casualty claims of one story,
  following the labelling rules of shared/corpus/README.md.
* `group_incidents(items)` - assign `incident_id` across stories and outlets.
* `latest_claims(incident)` - the latest claim per (claimant, side affected).

Reading and writing corpus files is `briefing.commands.extract`'s job (the corpus view, which
leaves out claims with `vague=True`); this package never touches a file.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from ..models import Claim, Incident
from .claims import extract_story
from .incidents import group_incidents, latest_claims
from .relevance import is_relevant

__all__ = [
    "Claim",
    "Incident",
    "claim_to_dict",
    "extract_claims",
    "group_incidents",
    "is_relevant",
    "latest_claims",
]


def extract_claims(title: str, summary: str, published: datetime, source: str = "") -> list[Claim]:
    """Casualty claims of one story; [] when the story is not relevant.

    `published` should be timezone-aware (its own offset decides what "on Tuesday" means).
    `source` (the outlet name) is optional: it only helps when an Armenian or Azerbaijani
    outlet writes "the Defence Ministry said" without naming the country.
    Claims come back without `story_id`/`incident_id`; set `story_id` and call
    `group_incidents` to link stories.  Claims with `vague=True` ("12 casualties", "dozens
    killed") are figures the corpus rules do not count, kept for the reader; the corpus view
    (`briefing extract FILE.jsonl`) leaves them out.
    """
    if not is_relevant(title, summary):
        return []
    if published.tzinfo is None:
        published = published.replace(tzinfo=timezone.utc)
    return extract_story(title, summary, published, source)


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
