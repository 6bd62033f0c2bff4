"""`briefing demo` shows what briefing is for on any day: its freshest reports are recent incidents,
each counted once."""

from __future__ import annotations

import re
from datetime import datetime, timezone

import pytest

from sample_store import save_samples  # tests/sample_store.py (tests/ is on the path)
from briefing.app import BriefingApp
from briefing.demo.samples import demo_config, sample_feeds
from briefing.store import Store

from .helpers import region_text, wait_for


@pytest.mark.parametrize(("now", "today"), [
    (datetime(2026, 12, 8, 12, 0, tzinfo=timezone.utc), 1),  # a Tuesday
    (datetime(2026, 12, 12, 12, 0, tzinfo=timezone.utc), 1),  # a Saturday
    (datetime(2026, 12, 8, 1, 30, tzinfo=timezone.utc), 0),  # its reports from before and after midnight
], ids=["tuesday", "saturday", "after-midnight"])
async def test_the_demos_freshest_reports_are_one_recent_incident(tmp_path, now, today):
    """(Once its reports said "on Thursday" whatever the day: on a Tuesday the wounding near Sotk was
    dated five days back, and the demo opened on "Today  0 incidents".  Dated by each report's own day,
    it became two incidents, and the soldier was counted twice, when the reports straddled midnight.)"""
    config = demo_config("http://127.0.0.1:9", now)
    path = tmp_path / "demo.db"
    with Store(path) as store:  # the demo's stories as its fetch stores them, to be processed by the app
        store.sync_feeds(config.feeds)
        save_samples(store, sample_feeds(now, recent=True))

    def week() -> str:  # the tally's "7 days" part, its lines joined
        text = region_text(app, "#tally-text")
        return re.sub(r"\s+", " ", text[text.find("7 days"):text.find("30 days")])

    app = BriefingApp(config, path, fetch_on_start=False, now=now)
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_for(pilot, lambda: "Armenia: 1 wounded (Armenia says)" in week(), timeout=30)
        assert re.search(rf"Today\s+{today} incidents?\b", region_text(app, "#tally-text"))
