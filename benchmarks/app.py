"""App benchmark: 100,000 stories; launch to first rows, 1,000 moves, a search, peak memory.

Run: python benchmarks/app.py [--stories N] [--keep DB]
Writes the report to benchmarks/results/app.txt as well as stdout.
Targets: first screen < 1 s, search < 100 ms, peak memory < 250 MB.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.common import machine_info, peak_rss_mb  # noqa: E402
from briefing.app import BriefingApp  # noqa: E402
from briefing.config import Config  # noqa: E402
from briefing.models import Feed, Story  # noqa: E402
from briefing.store import Store, StoryFilter  # noqa: E402

NOW = datetime(2025, 6, 4, 12, 0, tzinfo=timezone.utc)
WORDS = ("Armenia Azerbaijan border shelling ceasefire Lachin Karabakh peace treaty talks drone soldiers "
         "killed wounded Syunik Tavush Nakhchivan delimitation Baku Yerevan ministry claims village "
         "mortar sniper EU monitors Russia peacekeepers corridor prisoners refugees Pashinyan Aliyev").split()
ORIGINS = ("armenia", "azerbaijan", "russia", "international")


def build(path: Path, count: int) -> Config:
    rng = random.Random(7)
    feeds = [Feed(name=f"Outlet {i:02d}", url=f"http://127.0.0.1:9/{i}.xml", origin=ORIGINS[i % 4])
             for i in range(40)]
    with Store(path) as store:
        store.sync_feeds(feeds)
        per_feed = count // len(feeds)
        for n, feed in enumerate(feeds):
            stories = []
            for i in range(per_feed):
                title = " ".join(rng.choices(WORDS, k=9))
                stories.append(Story(feed=feed.name, title=title, guid=f"{n}-{i}", url=f"https://example.org/{n}/{i}",
                                     summary=" ".join(rng.choices(WORDS, k=40)),
                                     published=NOW - timedelta(minutes=rng.randrange(60 * 24 * 365))))
            store.save_stories(feed.name, stories)
        # A reader's database is processed; processing itself is measured elsewhere
        # (benchmarks/extraction.py, benchmarks/faults.py), so clear the pending marks.
        store.finish_pending(store.pending_marks(count))
    return Config(feeds=feeds)


async def measure(config: Config, path: Path) -> dict[str, float]:
    results: dict[str, float] = {}
    start = time.perf_counter()
    app = BriefingApp(config, path, fetch_on_start=False, now=NOW)
    async with app.run_test(size=(160, 48)) as pilot:
        while not (app.story_list.story_count and app.story_list.row_at(0)):
            await pilot.pause(0.001)
        await pilot.pause()
        results["first screen with stories (s)"] = time.perf_counter() - start

        stories = app.story_list
        start = time.perf_counter()
        for _ in range(1000):
            stories.action_cursor_down()
        await pilot.pause()
        results["1,000 moves down, by action (s)"] = time.perf_counter() - start
        assert stories.cursor == 1000

        # Through the whole key path; Pilot waits for a screen refresh after each key, so this
        # is an upper bound on what a typing reader waits.
        start = time.perf_counter()
        await pilot.press(*["j"] * 100)
        results["one j key press through Pilot, mean of 100 (s)"] = (time.perf_counter() - start) / 100

        # The list reads in workers: a key returns at once, the rows it needs arrive a moment later.
        start = time.perf_counter()
        for _ in range(1000):
            stories.action_page_down()
        while stories.current is None:
            await pilot.pause(0.001)
        results["1,000 page downs, deep into the list, until the cursor's row is read (s)"] = \
            time.perf_counter() - start

        start = time.perf_counter()
        stories.action_last()
        while stories.current is None:
            await pilot.pause(0.001)
        results["jump to the last (100,000th) row, until its row is read (s)"] = time.perf_counter() - start

        start = time.perf_counter()
        app.apply_filter(StoryFilter(query="Lachin ceasefire", collapse_clusters=True))
        while not (stories.filter.query and stories.row_at(0)):
            await pilot.pause(0.001)
        results["search 'Lachin ceasefire', until its first rows are shown (s)"] = time.perf_counter() - start
        results["search hits"] = stories.story_count

        start = time.perf_counter()
        app.refresh_data()
        await app.workers.wait_for_complete()
        results["refresh after a change: count, window, sidebar, tally (s)"] = time.perf_counter() - start
    results["peak memory (MB)"] = peak_rss_mb()[0]
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--keep", metavar="DB", help="reuse (or create) this database instead of a temporary one")
    args = parser.parse_args()
    lines = [machine_info()]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.keep) if args.keep else Path(tmp) / "bench.db"
        start = time.perf_counter()
        if path.exists():
            with Store(path) as store:
                feeds = [f for f in store.feed_states().values()]
            config = Config(feeds=feeds)
        else:
            config = build(path, args.stories)
        with Store(path) as store:
            total = store.story_count()
        lines.append(f"database: {total:,} stories ({time.perf_counter() - start:.1f} s to build)")
        results = asyncio.run(measure(config, path))
    for name, value in results.items():
        lines.append(f"{name}: {value:,.3f}" if isinstance(value, float) else f"{name}: {value:,}")
    lines.append("targets: first screen < 1 s, search < 0.1 s, peak memory < 250 MB")
    report = "\n".join(lines) + "\n"
    print(report, end="")
    out = ROOT / "benchmarks" / "results" / "app.txt"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
