"""When a feed is due: the one home of the fetch schedule.

The fetcher asks which feeds are due and when to try each again; the app asks
which feeds are backing off (so its "fetch now" leaves them alone).  The store
only keeps the times; it decides nothing.  Nothing here changes the `Feed`
records it is given: feeds with their stored validators are new copies.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from ..config import Settings
from ..models import Feed, FetchOutcome

MAX_ERROR_BACKOFF = timedelta(hours=12)


def next_due_after(
    settings: Settings, outcome: FetchOutcome, failures: int, now: datetime, min_interval_minutes: float = 0
) -> datetime:
    """When to try a feed again: the interval (never below the feed's polite minimum), longer after
    repeated errors, never before Retry-After."""
    interval = timedelta(minutes=max(settings.fetch_interval_minutes, min_interval_minutes))
    delay = interval
    if outcome.status == "error":
        # failures counts earlier consecutive errors: 1st error waits one interval, then 2x, 4x...
        delay = min(interval * (2 ** min(failures, 10)), max(interval, MAX_ERROR_BACKOFF))
    if outcome.retry_after:
        delay = max(delay, timedelta(seconds=outcome.retry_after))
    return now + delay


def with_validators(feeds: list[Feed], states: dict[str, Feed]) -> list[Feed]:
    """Copies of `feeds` carrying their stored ETag and Last-Modified (if the address is unchanged)."""
    out: list[Feed] = []
    for feed in feeds:
        state = states.get(feed.name)
        if state is not None and state.url == feed.url:
            feed = replace(feed, etag=state.etag, last_modified=state.last_modified)
        out.append(feed)
    return out


def too_soon(feed: Feed, state: Feed | None, now: datetime) -> bool:
    """Was `feed` fetched less than its `min_interval_minutes` ago (an outlet that asks to be polled rarely)?"""
    return bool(feed.min_interval_minutes and state is not None and state.last_fetched
                and now - state.last_fetched < timedelta(minutes=feed.min_interval_minutes))


def due_feeds(feeds: list[Feed], states: dict[str, Feed], now: datetime,
              interval_minutes: float | None = None) -> list[Feed]:
    """The feeds whose next fetch time has come (a feed never fetched is due), with their validators.

    With `interval_minutes` (this run's interval), a feed another fetcher last fetched on a longer
    interval is due once *this* interval has passed: `fetch --watch --every 1` beside a reader
    polling every 30 minutes still fetches every minute.  Back-off after errors always holds.
    """
    due = []
    for feed in with_validators(feeds, states):
        state = states.get(feed.name)
        if state is not None and state.next_due is not None and state.next_due > now:
            if not _own_interval_passed(feed, state, now, interval_minutes):
                continue
        due.append(feed)
    return due


def _own_interval_passed(feed: Feed, state: Feed, now: datetime, interval_minutes: float | None) -> bool:
    if interval_minutes is None or state.last_status == "error" or state.last_fetched is None:
        return False
    interval = timedelta(minutes=max(interval_minutes, feed.min_interval_minutes or 0))
    return now - state.last_fetched >= interval


def backing_off(states: dict[str, Feed], now: datetime) -> set[str]:
    """Feeds waiting after errors or a Retry-After: even "fetch now" leaves them alone."""
    return {
        name for name, state in states.items()
        if state.last_status == "error" and state.next_due is not None and state.next_due > now
    }
