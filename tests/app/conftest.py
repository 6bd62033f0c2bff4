"""Fixtures for the app tests: the bundled sample stories loaded straight into a store.

No fetching and a fixed `now`, so every run (and every snapshot) sees the same screen.
Times are shown in the reader's time zone, so the tests pin it to UTC.
"""

from __future__ import annotations

import os
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest

from sample_store import save_samples  # tests/sample_store.py (tests/ is on the path)
from briefing.config import Config
from briefing.demo.samples import sample_feeds
from briefing.models import Feed
from briefing.store import Store

os.environ["TZ"] = "UTC"
time.tzset()

NOW = datetime(2025, 6, 4, 12, 0, tzinfo=timezone.utc)


def sample_config() -> Config:
    feeds = [
        Feed(name=f.name, url=f"http://127.0.0.1:9/{f.slug}.xml", origin=f.origin, keep="all")
        for f in sample_feeds(NOW)
    ]
    return Config(feeds=feeds)


def load_samples(path: Path) -> Config:
    """Fill the database at `path` with the sample stories; return a matching config."""
    config = sample_config()
    with Store(path) as store:
        store.sync_feeds(config.feeds)
        save_samples(store, sample_feeds(NOW), with_content=True)
        # These screens show stories as stored, without claims or near-duplicate groups: clear the
        # pending-work marks so the app does not process them mid-test (test_app_pending.py does).
        store.finish_pending(store.pending_marks(100_000))
    return config


@pytest.fixture
def sample_db(tmp_path) -> tuple[Config, Path]:
    path = tmp_path / "briefing.db"
    return load_samples(path), path
