"""Random kills: `kill -9` at a random moment of a fetch, of processing and of a rebuild, then one
ordinary `briefing fetch`; the derived data must equal a clean run's, every time.

Feeds are served from 127.0.0.1 (the bundled samples, `--copies` times over as outlets of their
own); briefing runs as a subprocess on a real SQLite file.  For each kill the report says when it
came, what the database held at that moment (stories stored, stories still pending), whether the
rerun left stories, claims, incidents and near-duplicate groups equal to the clean run, and how
many of the killed run's processes (forkserver, resource tracker, parsers) outlived it.

    python benchmarks/faults.py [--kills 20] [--copies 12] [--seed N]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "faults"))

from benchmarks.common import Tee, machine_info  # noqa: E402
from harness import SCENARIOS, Bench, CorpusServer  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--copies", type=int, default=12, help="copies of the sample outlets to serve")
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(1_000_000)
    rng = random.Random(seed)
    out = Tee()
    out("# Random kills (benchmarks/faults.py)")
    out(machine_info())
    out(f"seed:     {seed}")
    started = time.monotonic()
    with CorpusServer(copies=args.copies) as server, tempfile.TemporaryDirectory() as tmp:
        bench = Bench.prepare(server, Path(tmp))
        clean = bench.clean
        out(f"clean run: {len(clean['stories'])} stories, {len(clean['claims'])} claims, "
            f"{len(clean['incidents'])} incidents, {sum(1 for s in clean['stories'] if s[3])} stories in "
            f"near-duplicate groups; fetch {bench.seconds['fetch']:.2f} s, process all "
            f"{bench.seconds['process']:.2f} s, rebuild {bench.seconds['rebuild']:.2f} s, "
            f"start-up {bench.seconds['startup']:.2f} s")
        out()
        out("| # | killed during | after (s) | stories stored at the kill | of them pending | "
            "equal after one rerun | processes left |")
        out("|---|---|---|---|---|---|---|")
        kills = []
        for n in range(args.kills):
            scenario = SCENARIOS[n % len(SCENARIOS)]
            kill = bench.kill_once(scenario, rng, n)
            kills.append(kill)
            what = {"fetch": "briefing fetch", "process": "processing (doctor --all)",
                    "rebuild": "extract --rebuild"}[scenario]
            if kill.finished_first:
                what += " (had finished)"
            out(f"| {n + 1} | {what} | {kill.after:.2f} | {kill.stored} | {kill.pending} | "
                f"{'yes' if kill.equal else 'NO'} | {kill.descendants_left} |")
    equal = sum(k.equal for k in kills)
    interrupted = sum(not k.finished_first for k in kills)
    left = sum(k.descendants_left for k in kills)
    out()
    out(f"{equal} of {len(kills)} equal to the clean run after one rerun ({interrupted} kills landed before the "
        f"run finished); {left} processes outlived a killed run; {time.monotonic() - started:.0f} s in all")
    out.save(ROOT / "benchmarks" / "results" / "faults.txt")
    return 0 if equal == len(kills) and left == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
