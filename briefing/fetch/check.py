"""`briefing feeds --check`: fetch every feed once, now, and say what each address really serves.

A normal fetch is polite and incremental (validators, schedules, backoff); a check
is the opposite: one unconditional GET per feed, no retries, nothing stored, so a
user who just edited feeds.toml learns at once which addresses are feeds, which
are web pages, which refuse scripts and which stopped publishing months ago.
The words come from `briefing.health`, the same ones the sidebar and
`briefing feeds` show after a real fetch.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace
from datetime import datetime, timezone

from .. import health
from ..config import Settings
from ..models import Feed
from .client import FeedClient
from .parse import parse_feed


@dataclass(slots=True)
class FeedCheck:
    """One feed's answer to a check: its health word and a line a person can act on."""

    feed: str
    url: str
    word: str
    detail: str
    items: int = 0
    newest: datetime | None = None
    final_url: str = ""

    @property
    def broken(self) -> bool:
        return health.is_broken(self.word)


def age(moment: datetime, now: datetime) -> str:
    """'3 h', '5 d', '4 months': how old the newest item is, as a person says it."""
    seconds = max(0.0, (now - moment).total_seconds())
    if seconds < 3600:
        return f"{int(seconds // 60)} min"
    if seconds < 2 * 86400:
        return f"{int(seconds // 3600)} h"
    if seconds < 60 * 86400:
        return f"{int(seconds // 86400)} d"
    return f"{int(seconds // (30 * 86400))} months"


async def check_feeds(feeds: list[Feed], settings: Settings, now: datetime | None = None) -> list[FeedCheck]:
    """Fetch each feed once (no retries, no validators) and classify its answer; in `feeds` order."""
    now = now or datetime.now(timezone.utc)
    async with FeedClient(replace(settings, retries=0), backoff=0) as client:
        return list(await asyncio.gather(*(_check(client, feed, now) for feed in feeds)))


async def _check(client: FeedClient, feed: Feed, now: datetime) -> FeedCheck:
    try:
        response = await client.get(feed.url, user_agent=feed.user_agent)
    except Exception as error:  # noqa: BLE001 - every failure is this feed's answer
        return FeedCheck(feed.name, feed.url, health.from_error(error), str(error) or type(error).__name__)
    parsed = await asyncio.to_thread(
        parse_feed, response.content, response.url, feed.name, content_type=response.content_type,
        timezone_name=feed.timezone, fetched_at=now,
    )
    answer = health.Answer(feed.url, response.url, parsed.entries, parsed.newest, bool(parsed.error), parsed.html)
    word = health.from_answer(answer, now)
    check = FeedCheck(feed.name, feed.url, word, "", parsed.entries, parsed.newest, response.url)
    newest = f", newest {age(parsed.newest, now)} ago" if parsed.newest else ", items undated"
    if parsed.error:
        kind = (response.content_type or "no content type").split(";")[0]
        check.detail = f"a web page ({kind}), not a feed" if parsed.html else f"{parsed.error} ({kind})"
    elif word == health.EMPTY:
        check.detail = "a feed with no items"
    elif word == health.STALE:
        check.detail = f"{parsed.entries} items, but the newest is {age(parsed.newest, now)} old"
    elif word == health.MOVED:
        check.detail = f"redirected to {response.url} ({parsed.entries} items{newest}): put that address in feeds.toml"
    else:
        check.detail = f"feed, {parsed.entries} items{newest}"
    return check
