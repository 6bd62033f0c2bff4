"""The bundled sample stories, as feeds, moved forward in time so the demo looks like today.

The stories are the project's hand-written corpus (2020–2025 events).  A demo
whose tally for "today" and "7 days" is empty shows nothing, so every burst of
reports (stories within three days of each other) is moved forward by a whole
number of weeks: the newest burst lands in the current week, the next ones in
the weeks before.  Whole weeks keep "on Tuesday" true, and a burst is moved as
one so that reports of one incident stay together.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from importlib import resources

from ..config import Config, Settings
from ..models import Feed

# Which side of the conflict each sample outlet is from.
SOURCE_ORIGINS: dict[str, str] = {
    **dict.fromkeys(
        ["Armenpress", "News.am", "Asbarez", "Public Radio of Armenia", "Azatutyun", "PanARMENIAN.Net",
         "Armenian Weekly", "Massis Post", "Radar Armenia", "Mirror-Spectator", "EVN Report"],
        "armenia",
    ),
    **dict.fromkeys(
        ["News.az", "Report.az", "AZERTAC", "Azernews", "Trend", "Caspian News", "Turan"], "azerbaijan"
    ),
    **dict.fromkeys(["TASS", "Sputnik"], "russia"),
}

BURSTS_PER_WEEK = 5


@dataclass(slots=True)
class SampleItem:
    id: str
    title: str
    summary: str
    link: str
    published: datetime


@dataclass(slots=True)
class SampleFeed:
    name: str
    origin: str
    slug: str
    items: list[SampleItem] = field(default_factory=list)


def _slug(name: str) -> str:
    return "".join(c.lower() if c.isalnum() else "-" for c in name).strip("-")


def _rows(name: str) -> list[dict]:
    text = resources.files("briefing.demo").joinpath(name).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def corpus_rows() -> list[dict]:
    return _rows("stories.jsonl")


def recent_rows() -> list[dict]:
    """A few stories written for the demo, dated hours before `now`: today's tally and
    "+N sources" need reports from the last day, with near-identical titles.  Their text says
    "{weekday}" where a report names the day its event happened, `event_hours_ago` before `now`
    (see `_dated_row`)."""
    return _rows("recent.jsonl")


WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _dated_row(row: dict, now: datetime) -> dict:
    """A demo report whose text names the day its event happened (`event_hours_ago` before `now`).

    A fixed weekday would put the incident up to six days back (the demo's "Today" empty on most
    days); each report's own day would split one event in two, and count its casualties twice, when
    its reports straddle midnight."""
    if "event_hours_ago" not in row:
        return row
    happened = now - timedelta(hours=row["event_hours_ago"])
    day = WEEKDAYS[happened.astimezone(timezone.utc).weekday()]
    return {**row, "title": row["title"].replace("{weekday}", day), "summary": row["summary"].replace("{weekday}", day)}


def _shifts(dates: list[datetime], now: datetime) -> dict[int, timedelta]:
    """Index of each story → how far to move it (whole weeks, one shift per burst)."""
    order = sorted(range(len(dates)), key=lambda i: dates[i])
    bursts: list[list[int]] = []
    for i in order:
        if bursts and dates[i] - dates[bursts[-1][-1]] <= timedelta(days=3):
            bursts[-1].append(i)
        else:
            bursts.append([i])
    shifts: dict[int, timedelta] = {}
    for rank, burst in enumerate(reversed(bursts)):
        last = max(dates[i] for i in burst)
        target = now - timedelta(weeks=rank // BURSTS_PER_WEEK)
        weeks = (target - last) // timedelta(weeks=1)
        for i in burst:
            shifts[i] = timedelta(weeks=weeks)
    return shifts


def sample_feeds(now: datetime | None = None, recent: bool = False) -> list[SampleFeed]:
    """The sample outlets with their items, dated relative to `now` (fixed in tests).

    `recent` adds the stories written for the demo's last day (the served demo has them;
    tests that count sample stories use the corpus alone).
    """
    now = now or datetime.now(timezone.utc)
    rows = corpus_rows()
    dates = [datetime.fromisoformat(r["published"]) for r in rows]
    shifts = _shifts(dates, now)
    dated = [(row, dates[i] + shifts[i]) for i, row in enumerate(rows)]
    if recent:
        dated += [(_dated_row(row, now), now - timedelta(hours=row["hours_ago"])) for row in recent_rows()]
    feeds: dict[str, SampleFeed] = {}
    for row, published in dated:
        name = row["source"]
        feed = feeds.setdefault(name, SampleFeed(name, SOURCE_ORIGINS.get(name, "international"), _slug(name)))
        feed.items.append(
            SampleItem(
                id=row["id"],
                title=row["title"],
                summary=row["summary"],
                link=row["link"],
                published=published.astimezone(timezone.utc),
            )
        )
    for feed in feeds.values():
        feed.items.sort(key=lambda item: item.published, reverse=True)
    return sorted(feeds.values(), key=lambda f: (f.origin, f.name))


def demo_config(base_url: str, now: datetime | None = None) -> Config:
    """A Config whose feeds are the sample outlets served under `base_url` (a 127.0.0.1 server)."""
    base = base_url.rstrip("/")
    feeds = [
        Feed(name=f.name, url=f"{base}/{f.slug}.xml", origin=f.origin, language="en", keep="all")
        for f in sample_feeds(now, recent=True)
    ]
    return Config(feeds=feeds, settings=Settings(fetch_interval_minutes=5, retries=0))
