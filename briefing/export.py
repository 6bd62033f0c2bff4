"""Incidents as one row per claim, for spreadsheets and for comparing with event datasets such as ACLED.

`briefing incidents --format csv|json` and the incidents screen's export key
both write through here, so the file a reader gets is the same either way.
Corrections are applied (a rejected claim is left out, an edited one carries
the reader's figures) and every row says whether a person reviewed it.  Links
are written only if they are http(s).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass
from datetime import date

from .digest.links import http_url
from .store import Store
from .tally import is_denial, is_reviewed, standing

FORMATS = ("csv", "json")


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """One claim as a spreadsheet row."""

    incident_id: str
    date: str
    places: str
    claimant: str
    side: str
    killed: int
    wounded: int
    review: str  # "reviewed" (confirmed or edited by the reader) or "machine"
    denial: bool
    counted: bool  # in the clash tally (not non-combat, not only denials)
    event_type: str
    sources: str  # the story's link (http(s) only), else its outlet and title
    language: str  # the source story's language ('en', 'ru', 'az', 'hy'): which reports a figure rests on
    confidence: float  # how sure the machine was of its reading (0-1)


def claim_rows(store: Store, start: date, end: date) -> list[ClaimRow]:
    """Every claim of the incidents in [start, end], newest incident first."""
    incidents = store.incidents_between(start, end)
    stories = {s.id: s for s in store.stories_by_ids(sorted({c.story_id for i in incidents for c in i.claims}),
                                                       full=False)}
    rows: list[ClaimRow] = []
    for inc in incidents:
        counted = standing(inc) == "combat"
        for c in inc.claims:
            story = stories.get(c.story_id)
            link = http_url(story.url) if story else ""
            source = link or (f"{story.feed}: {story.title}" if story else "")
            rows.append(ClaimRow(
                incident_id=inc.id, date=inc.event_date.isoformat(), places="; ".join(inc.locations or c.locations),
                claimant=c.claimant, side=c.side_affected, killed=c.killed, wounded=c.wounded,
                review="reviewed" if is_reviewed(c) else "machine", denial=is_denial(c), counted=counted,
                event_type=c.event_type, sources=source, language=story.language if story else "",
                confidence=c.confidence,
            ))
    return rows


def render_rows(rows: list[ClaimRow], fmt: str) -> str:
    if fmt == "json":
        return json.dumps([asdict(r) for r in rows], indent=2, ensure_ascii=False) + "\n"
    if fmt != "csv":
        raise ValueError(f"unknown format {fmt!r}; use csv or json")
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(list(ClaimRow.__dataclass_fields__))
    for r in rows:
        # A cell starting with = + - @ is a formula to a spreadsheet: feed text is data, so it is quoted off.
        writer.writerow(["'" + v if isinstance(v, str) and v[:1] in "=+-@" else v for v in asdict(r).values()])
    return out.getvalue()
