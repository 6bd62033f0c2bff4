"""Scale benchmark: what a reader with years of stories waits for, at 100k, 300k and 1M stories.

The archives are built by this script in a temporary directory (never committed): 40 outlets,
stories spread over the years before 2026-11-20 with titles and summaries drawn from a fixed
vocabulary (a few place and actor names, many ordinary words), 3% of them with an incident report
("Armenia's Defence Ministry said two servicemen were wounded near Sotk …") and a machine claim,
every story processed (nothing pending).  Measured on each, in one run:

- `feed_states()` (sidebar, `briefing feeds`, every fetch) and `story_count()`;
- a search for a common word and for a rare one: the first page of the list, and the count;
- a fetch spanning 30 days: 1,000 new stories processed by the pipeline (extraction, incident
  regrouping, near-duplicate grouping), as `briefing fetch` does after storing them;
- incident grouping of every claim in the archive (what `extract --rebuild` regroups);
(all as CPU time of this one process, medians of three where cheap),

and, on their own: near-duplicate grouping of one feed of 100,000 items and of formulaic
headlines from 200 outlets ("Outlet 7 story 2: …", 2k to 16k titles).

Usage: python benchmarks/scale.py [--sizes 100000,300000,1000000]  (writes benchmarks/results/scale.txt)
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import Tee, machine_info, peak_rss_mb  # noqa: E402
from briefing.clusters import cluster_stories  # noqa: E402
from briefing.extract import group_incidents  # noqa: E402
from briefing.models import Claim, Feed, Story  # noqa: E402
from briefing.pipeline import process_pending  # noqa: E402
from briefing.store import Store, StoryFilter  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "scale.txt"
END = datetime(2026, 11, 20, 12, 0, tzinfo=timezone.utc)
FEEDS = [Feed(f"Outlet {n}", f"http://127.0.0.1/{n}.xml", origin=("armenia", "azerbaijan", "russia",
                                                                   "international")[n % 4]) for n in range(40)]
PLACES = ["Sotk", "Tegh", "Lachin", "Kalbajar", "Tavush", "Gazakh", "Jermuk", "Goris", "Stepanakert", "Aghdam"]
ACTORS = ["Armenia", "Azerbaijan", "Pashinyan", "Aliyev", "EU monitors", "Russia", "Iran", "Turkey"]
WORDS = ("talks border commission delimitation treaty ministers meeting statement peace agreement road corridor "
         "villages checkpoint mission observers parliament election economy gas exports prices weather "
         "festival football court protest opposition government budget railway airport energy water").split()
RARE = "xylophonist"
SIDES = ["Armenia", "Azerbaijan"]
COUNTS = ["one serviceman was", "two servicemen were", "three soldiers were", "a soldier was", "four servicemen were"]


def report(rng: random.Random) -> str:
    """An incident report the extractor reads a claim from (one story in 33 carries one)."""
    side = rng.choice(SIDES)
    other = SIDES[1 - SIDES.index(side)]
    return (f" {side}'s Defence Ministry said {rng.choice(COUNTS)} {rng.choice(['killed', 'wounded'])}"
            f" near {rng.choice(PLACES)} by {other}n fire.").replace("Azerbaijann", "Azerbaijani")


def title(rng: random.Random) -> str:
    words = [rng.choice(ACTORS), rng.choice(WORDS), rng.choice(WORDS), "near", rng.choice(PLACES),
             rng.choice(WORDS), str(rng.randint(1, 9999))]
    return " ".join(words).capitalize()


def build(path: Path, size: int, years: float) -> float:
    """An archive of `size` processed stories over `years` before END; returns the seconds it took."""
    rng = random.Random(size)
    span = timedelta(days=365 * years).total_seconds()
    start = time.perf_counter()
    with Store(path) as store:
        store.sync_feeds(FEEDS)
        batch = 2000
        for first in range(0, size, batch):
            by_feed: dict[str, list[Story]] = {}
            for k in range(first, min(size, first + batch)):
                feed = FEEDS[k % len(FEEDS)].name
                words = " ".join(rng.choice(WORDS) for _ in range(30))
                extra = f" {RARE}" if k % 50_000 == 7 else ""
                extra += report(rng) if k % 33 == 0 else ""
                by_feed.setdefault(feed, []).append(Story(
                    feed=feed, title=title(rng), guid=f"s{k}", summary=f"{words}{extra}.",
                    published=END - timedelta(seconds=rng.random() * span)))
            for feed, stories in by_feed.items():
                store.save_stories(feed, stories)
        with store.transaction() as conn:
            conn.execute("DELETE FROM pending")  # an archive's stories were processed when they came
        ids = [r[0] for r in store.conn.execute("SELECT id FROM stories WHERE rowid % 33 = 0")]
        claims: dict[str, list[Claim]] = {}
        times = store.story_times(ids)
        for sid in ids:
            day = times[sid].date()
            claims[sid] = [Claim(claimant=rng.choice(["Armenia", "Azerbaijan"]), side_affected=rng.choice(
                ["Armenia", "Azerbaijan"]), event_date=day, killed=rng.randint(0, 3), wounded=rng.randint(0, 3),
                locations=[rng.choice(PLACES)], event_type="armed clash", story_id=sid)]
        store.replace_machine_claims(claims)
        store.conn.execute("ANALYZE")
    return time.perf_counter() - start


def timed(fn, runs: int = 3) -> tuple[float, object]:
    """Median CPU seconds of `fn` (everything measured here runs in this process: on a machine
    shared with other work, wall time would measure the neighbours)."""
    values, result = [], None
    for _ in range(runs):
        start = time.process_time()
        result = fn()
        values.append(time.process_time() - start)
    return statistics.median(values), result


def measure(tee: Tee, path: Path, size: int) -> None:
    with Store(path) as store:
        seconds, states = timed(store.feed_states)
        tee(f"  feed_states() ({len(states)} feeds)              {seconds * 1000:8.1f} ms")
        seconds, count = timed(store.story_count)
        tee(f"  story_count() = {count:,}                {seconds * 1000:8.1f} ms")
        for label, word in (("common word", "border"), ("rare word", RARE)):
            f = StoryFilter(query=word, collapse_clusters=True)
            seconds, page = timed(lambda: store.story_window(f, 0, 60))
            hits, _ = timed(lambda: store.count_stories(f), runs=1)
            tee(f"  search {label:12} first page ({len(page)} rows) {seconds * 1000:8.1f} ms;"
                f" count {store.count_stories(f):,} in {hits * 1000:.0f} ms")
        seconds, incidents = timed(lambda: _regroup_all(store), runs=1)
        tee(f"  incident grouping of every claim ({incidents:,} incidents) {seconds:6.2f} s")
        rng = random.Random(1)
        news = [Story(feed=FEEDS[k % len(FEEDS)].name, title=title(rng), guid=f"new{k}",
                      summary="Armenia's Defence Ministry said two servicemen were wounded near Sotk.",
                      published=END - timedelta(days=30 * k / 1000)) for k in range(1000)]
        for feed in FEEDS:
            store.save_stories(feed.name, [s for s in news if s.feed == feed.name])
        seconds, done = timed(lambda: process_pending(store), runs=1)
        tee(f"  a fetch spanning 30 days: {done.stories:,} new stories processed   "  # type: ignore[attr-defined]
            f"{seconds:6.2f} s (target < 2 s at 1M)")


def _regroup_all(store: Store) -> int:
    claims = store.claims_between(datetime(1990, 1, 1).date(), END.date(), include_rejected=True)
    times = store.story_times(sorted({c.story_id for c in claims}))
    return len(group_incidents([(c, times.get(c.story_id)) for c in claims]))


def clustering(tee: Tee) -> None:
    items = [Story(id=f"x{k}", feed="Wire", title=f"Item {k} of the big feed about the border talks",
                   published=END - timedelta(minutes=k)) for k in range(100_000)]
    seconds, pairs = timed(lambda: cluster_stories(items), runs=1)
    tee(f"  one feed of 100,000 items                     {seconds:6.2f} s")
    for n in (2000, 4000, 8000, 16000):
        outlets = 200
        items = [Story(id=f"{k}", feed=f"Outlet {k % outlets}",
                       title=f"Outlet {k % outlets} story {k // outlets}: talks on the border",
                       published=END - timedelta(minutes=k)) for k in range(n)]
        seconds, pairs = timed(lambda: cluster_stories(items), runs=1)
        sizes = Counter(c for _, c in pairs if c)  # type: ignore[union-attr]
        tee(f"  {n:6,} formulaic titles from {outlets} outlets        {seconds:6.2f} s;"
            f" largest group {max(sizes.values()) if sizes else 1}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="100000,300000,1000000")
    args = parser.parse_args()
    tee = Tee()
    tee("briefing scale benchmark")
    tee(machine_info())
    tee()
    tee("near-duplicate grouping")
    clustering(tee)
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "scale.db"
            built = build(path, size, years=max(1.0, size / 300_000))
            tee()
            tee(f"{size:,} stories (built in {built:.0f} s, {path.stat().st_size / 1e6:.0f} MB)")
            measure(tee, path, size)
    own, _ = peak_rss_mb()
    tee()
    tee(f"peak memory of this process: {own:.0f} MB")
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text("\n".join(tee.lines) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
