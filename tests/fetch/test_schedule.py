"""When a feed is due: one rule, asked by the fetcher and the app."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from briefing.fetch.schedule import backing_off, due_feeds
from briefing.models import Feed

NOW = datetime(2026, 12, 7, 12, 0, tzinfo=timezone.utc)


def state(name: str, fetched_minutes_ago: float, next_due_in: float, status: str = "new", **kw) -> Feed:
    return Feed(name=name, url=f"https://{name}.example/f.xml", last_status=status,
                last_fetched=NOW - timedelta(minutes=fetched_minutes_ago),
                next_due=NOW + timedelta(minutes=next_due_in), etag='"v1"', **kw)


def test_a_fetcher_on_a_short_interval_is_not_starved_by_one_on_a_long_interval():
    feeds = [Feed(name=n, url=f"https://{n}.example/f.xml") for n in ("a", "b", "c", "d")]
    states = {
        "a": state("a", 2, 28),  # fetched 2 minutes ago by a reader polling every 30 minutes
        "b": state("b", 0.5, 29.5),  # fetched half a minute ago
        "c": state("c", 2, 60, status="error"),  # backing off after errors: always respected
    }
    due = due_feeds(feeds, states, NOW, interval_minutes=1)
    assert [f.name for f in due] == ["a", "d"]
    assert due[0].etag == '"v1"' and feeds[0].etag is None  # copies carry validators; the input is untouched
    assert [f.name for f in due_feeds(feeds, states, NOW)] == ["d"]  # the stored times alone
    assert backing_off(states, NOW) == {"c"}


def test_an_outlets_polite_minimum_holds_for_every_fetcher():
    feeds = [Feed(name="slow", url="https://slow.example/f.xml", min_interval_minutes=60)]
    states = {"slow": state("slow", 10, 50)}
    assert due_feeds(feeds, states, NOW, interval_minutes=1) == []
