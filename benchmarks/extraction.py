"""Extraction quality on the dev corpus and the held-out set, and speed.

Targets: exact-claim F1 >= 0.90, relevance F1 >= 0.95, same-incident pairs F1 >= 0.85,
tally error <= 5% of the gold total, and >= 2,000 stories/s on one core.  Run:

    python benchmarks/extraction.py [CORPUS.jsonl ...]

With no arguments it scores the dev corpus (shared/corpus/dev.jsonl), tests/extract/heldout.jsonl,
heldout2.jsonl, heldout3.jsonl, heldout4.jsonl and heldout5.jsonl (all six used for tuning by now),
each on its own, and times extraction on them together.  It never reads tests/extract/heldout6*: that set is
being written for the next honest measurement and must not be scored (or opened) while rules
are being tuned.
Quality: `extract_jsonl` writes predictions for a corpus, then the corpus's own score.py
scores them (its figures are printed as it prints them).
Speed: the stories are repeated to >= 5,000 and `extract_claims` (relevance filter plus
extraction, the per-story work) is timed in one process, single-threaded, several times;
the median is reported.  CPU time is used so other load on the machine does not count
against us; wall time is printed too.
"""

from __future__ import annotations

import importlib.util
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from briefing.commands.extract import extract_jsonl  # noqa: E402
from briefing.extract import extract_claims  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus"
DEFAULT_CORPORA = (
    CORPUS / "dev.jsonl",
    REPO / "tests" / "extract" / "heldout.jsonl",
    REPO / "tests" / "extract" / "heldout2.jsonl",
    REPO / "tests" / "extract" / "heldout3.jsonl",
    REPO / "tests" / "extract" / "heldout4.jsonl",
    REPO / "tests" / "extract" / "heldout5.jsonl",
)
# The next unseen set: never read here (its name is refused before any file is opened).
UNSEEN_PREFIX = "heldout6"
TARGET_STORIES = 5000
RUNS = 5


def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"machine: {platform.platform()}\n"
        f"cpu: {cpu}, {os.cpu_count()} logical cores (benchmark uses one)\n"
        f"python: {platform.python_implementation()} {platform.python_version()}"
    )


def load_scorer():
    spec = importlib.util.spec_from_file_location("corpus_score", CORPUS / "score.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def quality(gold_path: Path) -> dict:
    scorer = load_scorer()
    with tempfile.TemporaryDirectory() as tmp:
        pred_path = Path(tmp) / "pred.jsonl"
        extract_jsonl(gold_path, pred_path)
        return scorer.score(scorer.load(str(gold_path)), scorer.load(str(pred_path)))


def speed(gold_paths: list[Path]) -> tuple[int, float, float]:
    rows = [json.loads(line) for path in gold_paths for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    stories = [(r["title"], r["summary"], datetime.fromisoformat(r["published"]), r.get("source", "")) for r in rows]
    repeat = -(-TARGET_STORIES // len(stories))
    stories = stories * repeat
    cpu_rates, wall_rates = [], []
    for _ in range(RUNS):
        cpu0, wall0 = time.process_time(), time.perf_counter()
        for title, summary, published, source in stories:
            extract_claims(title, summary, published, source)
        cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
        cpu_rates.append(len(stories) / cpu)
        wall_rates.append(len(stories) / wall)
    return len(stories), statistics.median(cpu_rates), statistics.median(wall_rates)


def report(gold_path: Path) -> None:
    result = quality(gold_path)
    print(f"== {gold_path.name} ({gold_path})")
    for key, value in result.items():
        if isinstance(value, dict):
            value = (f"P {value['precision']:.3f}  R {value['recall']:.3f}  F1 {value['f1']:.3f}  "
                     f"({value['tp']} of {value['pred']} predicted, {value['gold']} gold)")
        print(f"{key:32} {value}")
    total = result["tally_gold_total"] or 1
    print(f"{'tally error / gold total':32} {result['tally_abs_error'] / total:.1%}")
    print()


def main() -> int:
    gold_paths = [Path(arg) for arg in sys.argv[1:]] or [p for p in DEFAULT_CORPORA if p.exists()]
    if any(p.name.lower().startswith(UNSEEN_PREFIX) for p in gold_paths):
        print(f"{UNSEEN_PREFIX} is the next held-out measure; this tuning benchmark does not read it")
        return 1
    missing = [p for p in gold_paths if not p.exists()]
    if missing or not gold_paths:
        print(f"no corpus at {', '.join(map(str, missing)) or 'the default paths'}")
        return 1
    print(machine())
    print()
    for gold_path in gold_paths:
        report(gold_path)
    n, cpu_rate, wall_rate = speed(gold_paths)
    print(f"speed ({' + '.join(p.name for p in gold_paths)}): {n} stories x {RUNS} runs, "
          f"median {cpu_rate:,.0f} stories/s CPU time ({wall_rate:,.0f} stories/s wall), one core")
    return 0


if __name__ == "__main__":
    sys.exit(main())
