"""What users run, timed as they run it: new processes, the command line, feeds from 127.0.0.1.

In one run on one machine:
- `briefing fetch --all`, cold, 200 feeds x 50 items (50 ms latency per request, 20 ports), beside the
  bare httpx + feedparser + sqlite script and newsboat with 32 reload threads, taken in turns, medians of 3;
- a warm `briefing fetch --all` (every feed answers 304) for 200 and for 1,000 feeds;
- the app launched as `briefing` launches it, with its fetch at start (40 outlets, 2,000 new stories),
  on archives of 100,000 and 1,000,000 stories: the first screen with stories, when the fetch and its
  processing are done, and the longest the screen stopped answering meanwhile;
- one feed of 100,000 items, `briefing fetch` end to end;
- a fetch of 1,000 incident reports spanning 30 days into the 1,000,000-story archive;
- `briefing extract --rebuild` of the 1,000,000-story archive;
with peak memory summed over each command's processes (parser workers included).

The archives are built by `benchmarks/scale.py`'s builder into --data (kept for the next run, never
committed): `python benchmarks/users.py --data DIR --build` once (not timed; takes ~6 minutes), then
`python benchmarks/users.py --data DIR` (writes benchmarks/results/users.txt).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.common import (Tee, briefing_command, dated_header, load_line, load_now, remove_database,  # noqa: E402
                               sampled)
from benchmarks.fetch import CONCURRENCY, Farm, run_newsboat  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "users.txt"
SIZES = {"100k": 100_000, "1M": 1_000_000}
PY = sys.executable


# --- measuring a command --------------------------------------------------------------


def run(command: list[str], env: dict | None = None) -> tuple[float, float, str]:
    """Wall seconds, peak memory (MB) over the command's process tree, and its output."""
    cost = sampled(command, {**os.environ, **(env or {})}, keep_output=True, every=0.05)
    return cost.wall, cost.peak_mb, cost.output


# --- archives -------------------------------------------------------------------------


def copy_archive(source: Path, db: Path) -> None:
    """A fresh copy of an archive, with no journal of an older copy beside it."""
    shutil.copy(source, remove_database(db))



# --- the scenarios ----------------------------------------------------------------------


def cold_fetch(tee: Tee, tmp: Path, rounds: int) -> None:
    farm = Farm(200, 50)
    try:
        config = farm.config(tmp / "cold.toml")
        urls = tmp / "urls.txt"
        urls.write_text("\n".join(farm.urls))
        times: dict[str, list[float]] = {"briefing": [], "bare": [], "newsboat": []}
        peaks = []
        for n in range(rounds):  # in turns, so a neighbour's burst falls on all three alike
            seconds, peak, _ = run(briefing_command(config, tmp / f"cold{n}.db", "fetch", "--all", "-q"))
            times["briefing"].append(seconds)
            peaks.append(peak)
            times["bare"].append(run([PY, __file__, "--bare", str(urls), str(tmp / f"bare{n}.db")])[0])
            newsboat = run_newsboat(farm.urls, CONCURRENCY)
            if newsboat is not None:
                times["newsboat"].append(newsboat[0])
        warm = [run(briefing_command(config, tmp / "cold0.db", "fetch", "--all", "-q"))[0] for _ in range(rounds)]
    finally:
        farm.close()
    e2e, bare = statistics.median(times["briefing"]), statistics.median(times["bare"])
    tee(f"`briefing fetch --all`, 200 x 50, cold (fetch, claims, groups)   {e2e:6.2f} s   "
        f"(runs {', '.join(f'{t:.2f}' for t in times['briefing'])}; peak {max(peaks):.0f} MB)")
    tee(f"bare script: httpx + feedparser + sqlite inserts             {bare:6.2f} s   "
        f"-> briefing {e2e / bare:.2f}x  [target <= 1.5x]")
    if times["newsboat"]:
        boat = statistics.median(times["newsboat"])
        tee(f"newsboat -x reload, reload-threads 32                        {boat:6.2f} s   "
            f"-> briefing {e2e / boat:.2f}x  [target <= 1.2x]")
    tee(f"`briefing fetch --all`, 200 feeds, warm (all 304)            {statistics.median(warm):6.2f} s   "
        "[target < 1 s]")


def warm_fetch_1000(tee: Tee, tmp: Path, rounds: int) -> None:
    farm = Farm(1000, 20)
    try:
        config = farm.config(tmp / "k.toml")
        db = tmp / "k.db"
        first, _, _ = run(briefing_command(config, db, "fetch", "--all", "-q"))
        warm = [run(briefing_command(config, db, "fetch", "--all", "-q"))[0] for _ in range(rounds)]
    finally:
        farm.close()
    tee(f"`briefing fetch --all`, 1,000 feeds, warm (all 304)          {statistics.median(warm):6.2f} s   "
        f"[target < 2 s]  (cold, 20 items each: {first:.2f} s)")


def app_launch(tee: Tee, tmp: Path, data: Path) -> None:
    farm = Farm(40, 50)
    try:
        config = farm.config(tmp / "app.toml")
        for label in SIZES:
            db = tmp / f"app-{label}.db"
            copy_archive(data / f"scale{label}.db", db)
            _, peak, output = run([PY, __file__, "--launch", str(config), str(db)])
            tee(f"app launch with its fetch at start, {label:>4} stories: {output.strip()}; peak {peak:.0f} MB")
            db.unlink()
    finally:
        farm.close()


def big_feed(tee: Tee, tmp: Path) -> None:
    farm = Farm(1, 100_000)
    try:
        config = farm.config(tmp / "big.toml", max_bytes=1_000_000_000, read_timeout=120, total_timeout=600)
        seconds, peak, output = run(briefing_command(config, tmp / "big.db", "fetch", "--all"))
    finally:
        farm.close()
    tee(f"one feed of 100,000 items, `briefing fetch` end to end       {seconds:6.2f} s, peak {peak:.0f} MB "
        "over all processes  [target < 60 s, < 500 MB]")


def thirty_days(tee: Tee, tmp: Path, data: Path, rounds: int) -> None:
    import re

    farm = Farm(40, 25, step=30 * 24 * 60 / 25, reports=True)
    processed: list[float] = []
    try:
        config = farm.config(tmp / "30d.toml")
        db = tmp / "30d.db"
        for _ in range(rounds):  # a fresh copy of the archive each time
            copy_archive(data / "scale1M.db", db)
            os.sync()  # (the copy's writes are not the fetch's to wait for)
            seconds, peak, output = run([PY, __file__, "--split", str(config), str(db)])
            db.unlink()
            processed.append(float(re.search(r"in ([0-9.]+) s more", output).group(1)))  # type: ignore[union-attr]
            tee(f"1,000 incident reports over 30 days into 1M stories, end to end {seconds:6.2f} s; {output.strip()}"
                f" (load {load_now()})")
    finally:
        farm.close()
    tee(f"... processed, median of {rounds}: {statistics.median(processed):.2f} s  [target: processed < 2 s]")


def rebuild(tee: Tee, tmp: Path, data: Path) -> None:
    for label in SIZES:
        db = tmp / f"rebuild-{label}.db"
        copy_archive(data / f"scale{label}.db", db)
        seconds, peak, output = run(briefing_command(tmp / "none.toml", db, "extract", "--rebuild"))
        db.unlink()
        tee(f"`briefing extract --rebuild`, {label:>4} stories                  {seconds:6.2f} s, peak {peak:.0f} MB "
            f"over all processes ({output.strip().split(':')[1].strip()})"
            + ("  [target < 120 s, < 300 MB]" if label == "1M" else ""))


# --- helpers run as their own processes -----------------------------------------------------


def bare_script(urls_file: str, db: str) -> None:
    """The bare script as its own process: httpx + feedparser + plain inserts, same concurrency."""
    from benchmarks.fetch import run_bare

    run_bare(Path(urls_file).read_text().split(), Path(db))


def launch(config_path: str, db: str) -> None:
    """`briefing` as a user starts it (the fetch at start), in this new process: first screen with
    stories, fetch and processing done, and the longest stall of the screen meanwhile."""
    start = time.perf_counter()
    from briefing.app import BriefingApp
    from briefing.app.widgets.story_list import StoryList
    from briefing.config import load_config

    app = BriefingApp(load_config(Path(config_path)), Path(db))
    ticks: list[float] = []
    painted: list[float] = []
    draw = StoryList.render_line

    def render_line(self, y):  # the first time a story's row is drawn is the first screen a user sees
        if not painted and self._listed and self.row_at(round(self.scroll_y) + y) is not None:
            painted.append(time.perf_counter() - start)
        return draw(self, y)

    StoryList.render_line = render_line

    async def main() -> None:
        async with app.run_test(size=(160, 48)) as pilot:
            while not painted:
                await pilot.pause(0.001)
            first = painted[0]
            app.set_interval(0.01, lambda: ticks.append(time.perf_counter()))
            while not app.status.activity.startswith("fetched") or any(
                    w.group in ("fetch", "process") and w.is_running for w in app.workers):
                if time.perf_counter() - start > 300:
                    raise SystemExit(f"the fetch at start did not finish: {app.status.activity!r}")
                await pilot.pause(0.01)
            done = time.perf_counter() - start
            gaps = [b - a for a, b in zip(ticks, ticks[1:])]
            stall = max(gaps) - 0.01 if gaps else 0.0
            print(f"first screen {first:.2f} s [target < 1 s], fetch and processing done {done:.2f} s, "
                  f"longest stall {stall * 1000:.0f} ms [target < 100 ms]")

    asyncio.run(main())


def split(config_path: str, db: str) -> None:
    """A fetch as `briefing fetch` runs it, timed in two parts: stored, then processed."""
    from briefing.config import load_config
    from briefing.service import refresh

    import resource

    def cpu() -> float:  # this process's CPU seconds, all threads (processing runs in one of them)
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return usage.ru_utime + usage.ru_stime

    marks: dict[str, float] = {}

    def stored(run) -> None:
        marks["stored"], marks["cpu"] = time.perf_counter(), cpu()

    start = time.perf_counter()
    report = asyncio.run(refresh(load_config(Path(config_path)), Path(db), force=True, on_fetched=stored))
    end = time.perf_counter()
    print(f"stored in {marks['stored'] - start:.2f} s, processed {report.processed.stories:,} stories "
          f"({report.processed.claims:,} claims) in {end - marks['stored']:.2f} s more "
          f"(CPU {cpu() - marks['cpu']:.2f} s)")


def build(data: Path) -> None:
    from benchmarks.scale import build as build_archive

    data.mkdir(parents=True, exist_ok=True)
    for label, size in SIZES.items():
        path = data / f"scale{label}.db"
        if not path.exists():
            seconds = build_archive(path, size, years=max(1.0, size / 300_000))
            print(f"built {path} ({size:,} stories) in {seconds:.0f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="where the archives are kept")
    parser.add_argument("--build", action="store_true", help="build the archives into --data (not timed)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--only", help="comma-separated: cold,warm1000,app,big,30days,rebuild")
    parser.add_argument("--bare", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--launch", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--split", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare:
        bare_script(*args.bare)
        return 0
    if args.launch:
        launch(*args.launch)
        return 0
    if args.split:
        split(*args.split)
        return 0
    if args.data is None:
        parser.error("--data DIR is needed (the archives)")
    if args.build:
        build(args.data)
        return 0
    only = set(args.only.split(",")) if args.only else {"cold", "warm1000", "app", "big", "30days", "rebuild"}
    tee = Tee()
    dated_header(tee, "briefing: what users run")
    tee()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        (tmp / "none.toml").write_text("")
        if "cold" in only:
            cold_fetch(tee, tmp, args.rounds)
        if "warm1000" in only:
            warm_fetch_1000(tee, tmp, args.rounds)
        if "app" in only:
            app_launch(tee, tmp, args.data)
        if "big" in only:
            big_feed(tee, tmp)
        if "30days" in only:
            thirty_days(tee, tmp, args.data, args.rounds)
        if "rebuild" in only:
            rebuild(tee, tmp, args.data)
    tee()
    tee(load_line("at the end"))
    if not args.only:
        tee.save(RESULTS)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
