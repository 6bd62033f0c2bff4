"""Fixtures for fetcher tests: a live loopback feed server and a fast-failing config."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # so `feedserver` imports from any test dir

from feedserver import FeedServer  # noqa: E402

from briefing.config import Config, Settings  # noqa: E402
from briefing.fetch import fetch_feeds  # noqa: E402
from briefing.fetch.run import RunResult  # noqa: E402
from briefing.models import Feed  # noqa: E402


@pytest.fixture
def feed_server():
    server = FeedServer().start()
    yield server
    server.stop()


def fast_settings(**overrides) -> Settings:
    """Tiny timeouts and caps so failure paths finish in well under a second."""
    values = dict(connect_timeout=0.5, read_timeout=0.5, total_timeout=1.0, max_bytes=200_000, retries=2,
                  max_redirects=3, concurrency=8, per_host=4)
    values.update(overrides)
    return Settings(**values)


def make_config(*feeds: tuple[str, str] | Feed, keywords: list[str] | None = None, **settings) -> Config:
    items = [f if isinstance(f, Feed) else Feed(name=f[0], url=f[1], keep="all") for f in feeds]
    return Config(feeds=items, settings=fast_settings(**settings), keywords=keywords or [])


def fetch(config: Config, db_path: Path, **kw) -> tuple[list, RunResult]:
    """Run one fetch (forced unless told otherwise) with near-zero retry backoff."""
    result = RunResult()
    kw.setdefault("force", True)
    outcomes = asyncio.run(fetch_feeds(config, db_path, result=result, backoff=0.01, **kw))
    return outcomes, result


def by_feed(outcomes) -> dict:
    return {o.feed: o for o in outcomes}
