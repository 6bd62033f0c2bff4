"""How long a digest takes for a busy day: 2,000 stories, claims, tags, stars, near-duplicates.

Target: under 1 s from store to text for each format.  Run:

    python benchmarks/digest.py            # prints the machine and the timings

The database is built in a temporary directory first (not timed); each format
is then built and rendered from scratch several times and the median reported,
so one slow run (a cold page cache) does not decide the figure.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import machine_info  # noqa: E402
from briefing.config import Config  # noqa: E402
from briefing.digest import build_digest, render  # noqa: E402
from briefing.models import ORIGINS, Claim, Feed, FetchOutcome, Incident, Story  # noqa: E402
from briefing.store import Store  # noqa: E402

DAY = date(2026, 11, 25)
TZ = timezone(timedelta(hours=4), "UTC+04:00")
STORIES = 2000
FEEDS = 40
INCIDENTS = 60
RUNS = 7


def fill(store: Store) -> Config:
    """A day with STORIES stories over FEEDS feeds of every origin, plus the reader's work."""
    feeds = [Feed(f"Feed {i:02d}", f"https://feed{i}.example/rss", origin=ORIGINS[i % len(ORIGINS)])
             for i in range(FEEDS)]
    config = Config(feeds=feeds)
    store.sync_feeds(feeds)
    start = datetime(DAY.year, DAY.month, DAY.day, tzinfo=TZ)
    ids: list[str] = []
    for i, feed in enumerate(feeds):
        batch = [
            Story(feed=feed.name, title=f"Report {n} from {feed.name} on the border <b>situation</b>",
                  url=f"https://feed{i}.example/{n}", guid=f"{i}-{n}", summary="Text " * 80,
                  published=start + timedelta(seconds=(n * FEEDS + i) * 86400 // STORIES))
            for n in range(STORIES // FEEDS)
        ]
        ids += store.save_stories(feed.name, batch).new_ids
    # Near-duplicates: the first third of the stories, in groups of three.
    store.set_clusters([(sid, f"c{k // 3}") for k, sid in enumerate(ids[: STORIES // 3])])
    claims: dict[str, list[Claim]] = {}
    for k in range(INCIDENTS):
        for j, (claimant, side) in enumerate((("Armenia", "Armenia"), ("Azerbaijan", "Armenia"),
                                              ("Azerbaijan", "Azerbaijan"))):
            sid = ids[(k * 7 + j * 3) % len(ids)]
            claims.setdefault(sid, []).append(
                Claim(claimant=claimant, side_affected=side, event_date=DAY, killed=k % 4, wounded=j,
                      story_id=sid, incident_id=f"inc-{k}", locations=["Sotk"], event_type="armed clash"))
    store.replace_machine_claims(claims)
    members = store.claims_between(DAY, DAY)
    store.save_incidents([Incident(id=f"inc-{k}", event_date=DAY, locations=["Sotk"],
                                   claims=[c for c in members if c.incident_id == f"inc-{k}"])
                          for k in range(INCIDENTS)])
    for k, sid in enumerate(ids[::10]):
        store.add_tag(sid, ("incident", "diplomacy", "my notes")[k % 3])
    for sid in ids[5::40]:
        store.set_starred(sid, True)
    for i in range(3):
        store.record_outcome(FetchOutcome(feed=feeds[i].name, status="error", error="HTTP 503"), None,
                             started=start + timedelta(hours=i))
    return config


def main() -> None:
    print(machine_info())
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.db")
        config = fill(store)
        print(f"data: {STORIES} stories in one day, {FEEDS} feeds, {INCIDENTS} incidents with 3 claims each, "
              f"{STORIES // 10} tagged, {STORIES // 40} starred, {STORIES // 3} stories in near-duplicate groups")
        for fmt in ("md", "html", "json"):
            times = []
            for _ in range(RUNS):
                t0 = time.perf_counter()
                text = render(build_digest(store, config, DAY, DAY, TZ), fmt)
                times.append(time.perf_counter() - t0)
            print(f"{fmt:>4}: median {statistics.median(times) * 1000:.0f} ms, worst {max(times) * 1000:.0f} ms "
                  f"over {RUNS} runs ({len(text) // 1024} KiB) — target < 1000 ms")
        store.close()


if __name__ == "__main__":
    main()
