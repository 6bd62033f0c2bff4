"""The reader finishes what a killed run left: stories stored but never processed get their claims."""

from __future__ import annotations

from sample_store import save_samples  # tests/sample_store.py (tests/ is on the path)
from briefing.app import BriefingApp
from briefing.demo.samples import sample_feeds
from briefing.store import Store

from .conftest import NOW, sample_config
from .helpers import screen_text, wait_for


async def test_the_reader_processes_stories_an_earlier_run_left_pending(tmp_path):
    path = tmp_path / "left.db"
    config = sample_config()
    with Store(path) as store:  # what `briefing fetch` killed after storing leaves behind
        store.sync_feeds(config.feeds)
        save_samples(store, sample_feeds(NOW))
        waiting = store.pending_count()
    assert waiting > 0

    def finished() -> bool:
        with Store(path) as store:
            return store.pending_count() == 0

    app = BriefingApp(config, path, fetch_on_start=False, now=NOW)
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_for(pilot, finished, timeout=30)
        await wait_for(pilot, lambda: "▲" in screen_text(app), timeout=10)  # incident marks in the list
    with Store(path) as store:
        assert store.conn.execute("SELECT count(*) FROM claims").fetchone()[0] > 0
