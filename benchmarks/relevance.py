"""The fetch-side relevance filter and language detection: what they keep, and what they cost per story.

Run:

    python benchmarks/relevance.py      # prints the machine, saves benchmarks/results/relevance.txt

Quality: the filter (`briefing.fetch.relevance`) against the `relevant` labels of the labelled sets in
tests/extract/sets (written by other helpers for the extractor; the filter's words were not tuned on them,
though their off-topic headlines were seen once while the filter's mechanism was built).  The filter is the
broad first pass: a story it drops is never stored, so recall is what it must not lose; its misses in
precision are the extractor's to judge.

Speed: stories per second on one core for an off-topic world-news story (the common case in a general
feed: one scan that finds no anchor), for on-topic stories of the sets (every rule runs), and for
`story_language` on stories in each language.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.common import Tee, machine_info  # noqa: E402
from briefing.fetch.relevance import RelevanceFilter  # noqa: E402
from briefing.language import story_language  # noqa: E402

SETS = ROOT / "tests" / "extract" / "sets"
# (file, its language) - the per-language sets and the English wire set.
LABELLED = [("ru.jsonl", "ru"), ("az.jsonl", "az"), ("hy.jsonl", "hy"), ("wire_en.jsonl", "en")]
OFF_TOPIC = ("Stock markets rally as central banks hold rates",
             "Shares in Europe and Asia rose on Tuesday after the Federal Reserve kept rates unchanged and oil "
             "prices eased. " * 3)


def rate(work: list[tuple[str, str]], fn) -> float:
    """Stories per second for `fn(title, summary)` over `work`, repeated for at least two seconds."""
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < 2.0:
        for title, summary in work:
            fn(title, summary)
        done += len(work)
    return done / (time.perf_counter() - start)


def main() -> None:
    out = Tee()
    out("briefing relevance and language benchmark")
    out(machine_info())
    out(f"load:     {os.getloadavg()[0]:.1f} (1-minute average when the run started; other work slows every figure)")
    out()
    keep = RelevanceFilter()
    out(f"{'set':<16}{'stories':>8}{'relevant':>9}{'kept':>6}{'missed':>7}{'precision':>10}{'recall':>8}{'F1':>7}")
    by_language: dict[str, list[tuple[str, str]]] = {}
    on_topic: list[tuple[str, str]] = []
    for name, language in LABELLED:
        rows = [json.loads(line) for line in (SETS / name).read_text(encoding="utf-8").splitlines() if line]
        kept = [keep.matches(r["title"], r["summary"]) for r in rows]
        hits = sum(k and r["relevant"] for k, r in zip(kept, rows))
        relevant = sum(r["relevant"] for r in rows)
        precision, recall = hits / max(sum(kept), 1), hits / max(relevant, 1)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out(f"{name:<16}{len(rows):>8}{relevant:>9}{sum(kept):>6}{relevant - hits:>7}"
            f"{precision:>10.3f}{recall:>8.3f}{f1:>7.3f}")
        by_language[language] = [(r["title"], r["summary"]) for r in rows]
        on_topic += [(r["title"], r["summary"]) for r in rows if r["relevant"]]
    out()
    out("speed, one core")
    out(f"  relevance, off-topic world news      {rate([OFF_TOPIC] * 100, keep.matches):>10,.0f} stories/s")
    out(f"  relevance, on-topic stories of the sets {rate(on_topic, keep.matches):>7,.0f} stories/s")
    for language, work in by_language.items():
        out(f"  language detection, {language} stories        {rate(work, story_language):>10,.0f} stories/s")
    out.save(ROOT / "benchmarks" / "results" / "relevance.txt")


if __name__ == "__main__":
    main()
