"""`briefing fetch --all` end to end, as a user runs it, beside the bare script and newsboat, robustly.

On a shared 2-core machine one run decides nothing: a neighbour's burst that falls on one
fetcher's turn moves its time by half.  So, in one run of this script:
- cold, 200 feeds x 50 items (50 ms latency per request, 20 ports on 127.0.0.1): `briefing fetch
  --all` (new process: fetch, claims, incident and near-duplicate groups, on an empty database),
  the bare httpx + feedparser + sqlite script, and newsboat with 32 reload threads, taken in
  turns, the order rotated each round, --rounds rounds (default 7);
- warm (every feed answers 304), 200 feeds, after each cold round (on that round's database);
- warm, 1,000 feeds x 20 items over 20 ports, --rounds times after one cold run.
Each row gives the median, the fastest and slowest run, and the CPU seconds of the command's
process tree (worker processes included; sampled every 20 ms, so a little low); the ratios are of
medians and, with their spread, of each round's pair (the same neighbours for both).  The load
average is printed at the start, at the end and beside every round.

Usage: python benchmarks/fetch_e2e.py [--rounds 7] [--only cold,warm1000] (writes benchmarks/results/fetch-e2e.txt)
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.common import (Tee, briefing_command, dated_header, load_line, load_now, remove_database,  # noqa: E402
                               sampled)
from benchmarks.fetch import CONCURRENCY, LATENCY, NEWSBOAT_ENV, Farm, newsboat_reload  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "fetch-e2e.txt"
PY = sys.executable


# --- measuring a command ------------------------------------------------------------------


def timed(command: list[str], env: dict | None = None) -> tuple[float, float]:
    """Wall seconds and CPU seconds (process tree, sampled) of a command; raises if it fails."""
    cost = sampled(command, env)
    return cost.wall, cost.cpu


# --- the three fetchers -------------------------------------------------------------------


def briefing(config: Path, db: Path) -> list[str]:
    return briefing_command(config, db, "fetch", "--all", "-q")


def newsboat(urls: Path, tmp: Path) -> list[str] | None:
    exe = shutil.which("newsboat")
    if not exe:
        return None
    (tmp / "newsboat.conf").write_text(f"reload-threads {CONCURRENCY}\n")
    return newsboat_reload(exe, urls, remove_database(tmp / "newsboat.db"), tmp / "newsboat.conf")


# --- the scenarios ------------------------------------------------------------------------


def spread(values: list[float], unit: str = "s") -> str:
    return (f"{statistics.median(values):6.2f} {unit}  (fastest {min(values):.2f}, slowest {max(values):.2f}, "
            f"runs {', '.join(f'{v:.2f}' for v in values)})")


def cold(tee: Tee, tmp: Path, rounds: int) -> None:
    farm = Farm(200, 50)
    try:
        config = farm.config(tmp / "cold.toml")
        urls = tmp / "urls.txt"
        urls.write_text("\n".join(farm.urls) + "\n")
        home = tmp / "home"
        home.mkdir(exist_ok=True)
        runners = {
            "briefing": lambda n: timed(briefing(config, remove_database(tmp / f"cold{n}.db"))),
            "bare": lambda n: timed([PY, str(ROOT / "benchmarks" / "users.py"), "--bare", str(urls),
                                     str(remove_database(tmp / "bare.db"))]),
        }
        boat = newsboat(urls, tmp)
        if boat is not None:
            runners["newsboat"] = lambda n: timed(newsboat(urls, tmp), env={**NEWSBOAT_ENV, "HOME": str(home)})
        names = list(runners)
        walls: dict[str, list[float]] = {name: [] for name in names + ["warm"]}
        cpus: dict[str, list[float]] = {name: [] for name in names + ["warm"]}
        for n in range(rounds):  # in turns, the order rotated: a neighbour's burst falls on each alike
            order = names[n % len(names):] + names[: n % len(names)]
            line = []
            for name in order:
                wall, cpu = runners[name](n)
                walls[name].append(wall)
                cpus[name].append(cpu)
                line.append(f"{name} {wall:.2f}")
            wall, cpu = timed(briefing(config, tmp / f"cold{n}.db"))  # the same feeds again: every one 304
            walls["warm"].append(wall)
            cpus["warm"].append(cpu)
            remove_database(tmp / f"cold{n}.db")
            tee(f"  round {n + 1}: {', '.join(line)}, warm {wall:.2f}  (load {load_now()})")
    finally:
        farm.close()
    tee()
    tee(f"`briefing fetch --all`, 200 x 50, cold (fetch, claims, groups) {spread(walls['briefing'])}")
    tee(f"    CPU {statistics.median(cpus['briefing']):.2f} s (median)")
    tee(f"bare script: httpx + feedparser + sqlite inserts            {spread(walls['bare'])}")
    tee(f"    CPU {statistics.median(cpus['bare']):.2f} s")
    if "newsboat" in walls:
        tee(f"newsboat -x reload, reload-threads {CONCURRENCY}                      {spread(walls['newsboat'])}")
        tee(f"    CPU {statistics.median(cpus['newsboat']):.2f} s")
    tee(f"`briefing fetch --all`, 200 feeds, warm (all 304)          {spread(walls['warm'])}  [target < 1 s]")
    tee()
    for other, target in (("bare", 1.5), ("newsboat", 1.2)):
        if other not in walls:
            continue
        pairs = [b / o for b, o in zip(walls["briefing"], walls[other])]
        ratio = statistics.median(walls["briefing"]) / statistics.median(walls[other])
        tee(f"briefing / {other:<9} {ratio:.2f}x of medians; round by round {statistics.median(pairs):.2f}x "
            f"(from {min(pairs):.2f}x to {max(pairs):.2f}x)  [target <= {target}x]")
    if "newsboat" not in walls:
        tee("newsboat: not installed (apt-get install newsboat)")


def warm_1000(tee: Tee, tmp: Path, rounds: int) -> None:
    farm = Farm(1000, 20)
    try:
        config = farm.config(tmp / "k.toml")
        db = remove_database(tmp / "k.db")
        first, _ = timed(briefing(config, db))
        walls, cpus = [], []
        for _ in range(rounds):
            wall, cpu = timed(briefing(config, db))
            walls.append(wall)
            cpus.append(cpu)
    finally:
        farm.close()
    tee(f"`briefing fetch --all`, 1,000 feeds, warm (all 304)        {spread(walls)}  [target < 2 s]")
    tee(f"    CPU {statistics.median(cpus):.2f} s; the cold run before them (20 items each): {first:.2f} s  "
        f"(load {load_now()})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--only", help="comma-separated: cold,warm1000")
    parser.add_argument("--no-save", action="store_true")
    args = parser.parse_args()
    only = set(args.only.split(",")) if args.only else {"cold", "warm1000"}
    tee = Tee()
    dated_header(tee, "`briefing fetch` end to end, beside the bare script and newsboat")
    tee(f"setup:    {LATENCY * 1000:.0f} ms latency per request, 20 ports on 127.0.0.1, concurrency {CONCURRENCY}, "
        f"per-host 2; {args.rounds} rounds")
    tee()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        if "cold" in only:
            cold(tee, tmp, args.rounds)
        if "warm1000" in only:
            tee()
            warm_1000(tee, tmp, args.rounds)
    tee()
    tee(load_line("at the end"))
    if not args.no_save:
        tee.save(RESULTS)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
