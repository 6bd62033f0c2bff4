"""The digest as JSON for scripts: the same content as the other formats, as data.

The shape is documented in `schema.json` (and docs/digest-json.md) and carries
`schema_version`; fields are only ever added within a version, so a script
written today keeps working.  Links are http(s) or null, never anything else.
"""

from __future__ import annotations

import json
from datetime import datetime

from .build import ClaimEntry, Digest, IncidentEntry, SourceRef, StoryEntry
from ..tally import is_denial, is_reviewed
from ..wording import review_sentence, tally_sentences

SCHEMA_VERSION = 1


def _when(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _source(ref: SourceRef | None) -> dict | None:
    if ref is None:
        return None
    return {
        "id": ref.story_id,
        "title": ref.title,
        "feed": ref.feed,
        "origin": ref.origin,
        "url": ref.url or None,
        "published": _when(ref.published),
        "language": ref.language or None,
    }


def _claim(entry: ClaimEntry) -> dict:
    c = entry.claim
    return {
        "claimant": c.claimant,
        "side_affected": c.side_affected,
        "killed": c.killed,
        "wounded": c.wounded,
        "killed_high": c.killed_high,
        "wounded_high": c.wounded_high,
        "unsplit": c.unsplit,
        "locations": list(c.locations),
        "weapons": list(c.weapons),
        "event_type": c.event_type,
        "kind": c.kind,
        "status": c.status,
        "reviewed": is_reviewed(c),
        "confidence": c.confidence,
        "denial": is_denial(c),
        "evidence": c.evidence,
        "source": _source(entry.source),
    }


def _incident(entry: IncidentEntry) -> dict:
    inc = entry.incident
    return {
        "id": inc.id,
        "event_date": inc.event_date.isoformat(),
        "locations": list(inc.locations),
        "sector": inc.sector,
        "event_type": inc.event_type,
        "kind": inc.kind,
        "claims": [_claim(c) for c in entry.claims],
    }


def _story(entry: StoryEntry) -> dict:
    out = _source(entry.story) or {}
    out["tags"] = list(entry.tags)
    out["starred"] = entry.starred
    out["duplicates"] = [_source(d) for d in entry.duplicates]
    return out


def digest_data(digest: Digest) -> dict:
    """The digest as plain JSON-ready data, in the documented shape."""
    tally = digest.tally
    return {
        "schema_version": SCHEMA_VERSION,
        "title": digest.title,
        "start": digest.start.isoformat(),
        "end": digest.end.isoformat(),
        "timezone": digest.timezone,
        "generated": _when(digest.generated),
        "empty": digest.is_empty,
        "story_count": digest.story_count,
        "tally": {
            "incidents": tally.incidents,
            "non_combat": tally.non_combat,
            "figures": [
                {"claimant": f.claimant, "side_affected": f.side_affected, "killed": f.killed, "wounded": f.wounded,
                 "claims": f.claims, "reviewed": f.reviewed}
                for f in tally.figures
            ],
            "headline": tally_sentences(tally),
            "review": review_sentence(tally),
        },
        "unread_reports": [_source(ref) for ref in digest.unread_reports],
        "incidents": [_incident(e) for e in digest.incidents],
        "tagged": [{"tag": g.key, "stories": [_story(e) for e in g.stories]} for g in digest.tagged],
        "starred": [_story(e) for e in digest.starred],
        "by_origin": [
            {"origin": g.key, "label": g.label, "stories": [_story(e) for e in g.stories]} for g in digest.by_origin
        ],
        "failed_feeds": [{"feed": f.feed, "when": _when(f.when), "error": f.error} for f in digest.failed_feeds],
        "chart": {
            "start": digest.chart_start.isoformat() if digest.chart_start else None,
            "per_day": list(digest.per_day),
        },
    }


def render_json(digest: Digest) -> str:
    # Readable UTF-8, but "<" and ">" (only ever inside strings) as \u escapes: a script that
    # pastes the JSON into a web page cannot be handed a raw "</script>" by a feed.
    text = json.dumps(digest_data(digest), indent=2, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e") + "\n"
