"""`briefing demo` shows what briefing is for on any day: its freshest reports are today's incidents."""

from __future__ import annotations

import re
from datetime import datetime, timezone

import pytest

from briefing.app import BriefingApp
from briefing.demo.samples import demo_config, sample_feeds
from briefing.models import Story
from briefing.store import Store

from .helpers import region_text, wait_for


@pytest.mark.parametrize("now", [datetime(2026, 12, 8, 12, 0, tzinfo=timezone.utc),  # a Tuesday
                                 datetime(2026, 12, 12, 12, 0, tzinfo=timezone.utc)],  # a Saturday
                         ids=["tuesday", "saturday"])
async def test_the_demos_freshest_reports_count_in_todays_tally(tmp_path, now):
    """(Once its reports said "on Thursday" whatever the day: on a Tuesday the wounding near Sotk was
    dated five days back, and the demo opened on "Today  0 incidents".)"""
    config = demo_config("http://127.0.0.1:9", now)
    path = tmp_path / "demo.db"
    with Store(path) as store:  # the demo's stories as its fetch stores them, to be processed by the app
        store.sync_feeds(config.feeds)
        for feed in sample_feeds(now, recent=True):
            store.save_stories(feed.name, [Story(feed=feed.name, title=i.title, url=i.link, guid=i.id,
                                                 summary=i.summary, published=i.published) for i in feed.items])
    app = BriefingApp(config, path, fetch_on_start=False, now=now)
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_for(pilot, lambda: re.search(r"Today\s+1 incident\b", region_text(app, "#tally")) is not None,
                       timeout=30)
        assert "Armenia: 1 wounded" in region_text(app, "#tally").split("7 days")[0]
