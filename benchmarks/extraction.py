"""Extraction quality, measured honestly, and speed.

    python benchmarks/extraction.py [EXTRA.jsonl ...]
    python benchmarks/extraction.py --speed-only   (the speed measurement alone, nothing saved)

Quality, scored by the corpus's own score.py:

* every committed labelled set (the shared dev corpus; tests/extract/sets/: the corpus-style
  held-out sets, the wire-style English set, the Russian, Azerbaijani and Armenian sets and their
  English twins), each on its own, per language;
* **leave-one-set-out cross-validation**, the headline: the extractor's few numeric settings (how
  far a count may stand from its casualty word, how far a scope word reaches, ...) are chosen on
  all sets but one, and the one left out is scored with them. The rules themselves were written on
  dev, wire_en and a set of real reports kept outside the repository; every set's score the day
  it arrived, before any tuning on it, is in benchmarks/first_contact.json and printed here;
* any EXTRA.jsonl given (sets of real reports kept outside the repository: the outlets' words
  are never committed), scored and reported apart.

Speed: stories from every set, repeated to >= 5,000, through `extract_claims` (relevance and all
stages) on one core; CPU time, median of five runs.
"""

from __future__ import annotations

import importlib.util
import itertools
import json
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.common import machine_info  # noqa: E402
from briefing.extract import CorpusStory, corpus_view, extract_claims  # noqa: E402
from briefing.extract import mentions, resolve  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus"
SETS = REPO / "tests" / "extract" / "sets"
FIRST_CONTACT = REPO / "benchmarks" / "first_contact.json"
# the settings cross-validation may choose, each with the values it tries
SETTINGS = {
    (mentions, "LEFT_WORDS_WITH_VICTIM"): (8, 11, 14),
    (mentions, "SINGULAR_WORDS"): (9, 16),
    (resolve, "SCOPE_BEFORE_WORDS"): (8, 12),
}
TARGET_STORIES = 5000
RUNS = 5


def load_scorer():
    spec = importlib.util.spec_from_file_location("corpus_score", CORPUS / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def committed_sets() -> dict[str, Path]:
    out = {"dev": CORPUS / "dev.jsonl"}
    out.update({path.stem: path for path in sorted(SETS.glob("*.jsonl"))})
    return {name: path for name, path in out.items() if path.exists()}


def load_stories(path: Path) -> tuple[list[dict], list[CorpusStory]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    stories = [CorpusStory(str(r["id"]), r.get("title") or "", r.get("summary") or "",
                           datetime.fromisoformat(r["published"].replace("Z", "+00:00")), r.get("language") or "")
               for r in rows]
    return rows, stories


def score(scorer, path: Path) -> dict:
    rows, stories = load_stories(path)
    gold = {str(r["id"]): r for r in rows}
    pred = {r["id"]: r for r in corpus_view(stories)}
    result = scorer.score(gold, pred)
    total = result["tally_gold_total"] or 1
    return {"stories": len(rows), "exact": result["claims_exact"]["f1"], "relevance": result["relevance"]["f1"],
            "pairs": result["same_incident_pairs"]["f1"], "tally": result["tally_abs_error"] / total,
            "language": rows[0].get("language", "en") if rows else "en"}


def line(name: str, figures: dict) -> str:
    return (f"{name:22} {figures['stories']:5} {figures.get('language', ''):4} exact {figures['exact']:.3f}  "
            f"relevance {figures['relevance']:.3f}  pairs {figures['pairs']:.3f}  tally error {figures['tally']:6.1%}")


def configurations():
    keys = list(SETTINGS)
    for values in itertools.product(*(SETTINGS[key] for key in keys)):
        yield dict(zip(keys, values))


def apply(configuration: dict) -> None:
    for (module, name), value in configuration.items():
        setattr(module, name, value)


def cross_validation(scorer, sets: dict[str, Path]) -> dict[str, float]:
    """Left-out set -> its exact-claim F1 with the settings chosen on the other sets."""
    table: list[tuple[dict, dict[str, float]]] = []
    for configuration in configurations():
        apply(configuration)
        table.append((configuration, {name: score(scorer, path)["exact"] for name, path in sets.items()}))
    out = {}
    for name in sets:
        best = max(table, key=lambda row: statistics.mean(v for k, v in row[1].items() if k != name))
        out[name] = best[1][name]
    apply({key: SETTINGS[key][0] for key in SETTINGS} | {k: v for k, v in max(
        table, key=lambda row: statistics.mean(row[1].values()))[0].items()})
    return out


def coverage(paths: list[Path]) -> list[str]:
    """Rows that fire on no story of any set (each language's rows on its own stories): a rule
    nothing needs is a rule to question."""
    from briefing.extract.lexicon import all_rows, load
    from briefing.language import detect_language

    fired: set[str] = set()
    for path in paths:
        for story in load_stories(path)[1]:
            text = f"{story.title}\n{story.summary}"
            lexicon = load(story.language or detect_language(text))
            for table in lexicon.tables.values():
                fired.update(hit.row.key for hit in table.finditer(text))
    return sorted(row.key for row in all_rows() if row.key not in fired and row.table != "unit")


def speed(paths: list[Path]) -> tuple[int, float]:
    stories = [s for path in paths for s in load_stories(path)[1]]
    work = (stories * (TARGET_STORIES // max(1, len(stories)) + 1))[:TARGET_STORIES]
    times = []
    for _ in range(RUNS):
        start = time.process_time()
        for story in work:
            extract_claims(story.title, story.summary, story.published, language=story.language)
        times.append(time.process_time() - start)
    return len(work), len(work) / statistics.median(times)


def main() -> int:
    if "--speed-only" in sys.argv[1:]:  # for speed work: a figure in seconds, not the whole report
        count, rate = speed(list(committed_sets().values()))
        print(f"speed: {count:,} stories: {rate:,.0f} stories/s (CPU time, median of {RUNS})")
        return 0
    scorer = load_scorer()
    sets = committed_sets()
    extra = [Path(arg) for arg in sys.argv[1:]]
    out = [machine_info(), "", "committed sets (as the extractor stands):"]
    by_language: dict[str, list[float]] = {}
    for name, path in sets.items():
        figures = score(scorer, path)
        by_language.setdefault(figures["language"], []).append(figures["exact"])
        out.append("  " + line(name, figures))
    out.append("  mean exact-claim F1 per language: " + ", ".join(
        f"{lang} {statistics.mean(v):.3f} ({len(v)} sets)" for lang, v in sorted(by_language.items())))
    loso = cross_validation(scorer, sets)
    out += ["", "leave-one-set-out cross-validation (settings chosen on the other sets):"]
    out += [f"  {name:22} exact {value:.3f}" for name, value in loso.items()]
    out.append(f"  HEADLINE: mean exact-claim F1 {statistics.mean(loso.values()):.3f} over {len(loso)} sets")
    if FIRST_CONTACT.exists():
        out += ["", "first contact (each set scored once the day it arrived, before any tuning on it):"]
        for entry in json.loads(FIRST_CONTACT.read_text(encoding="utf-8")):
            out.append(f"  {entry['set']:22} {entry['date']}  exact {entry['exact']:.3f}  pairs {entry['pairs']:.3f}  "
                       f"tally error {entry['tally']:.1%}  ({entry['note']})")
    if extra:
        out += ["", "sets kept outside the repository (real reports in the outlets' words):"]
        out += ["  " + line(path.stem, score(scorer, path)) for path in extra]
    silent = coverage(list(sets.values()) + extra)
    out += ["", f"coverage: {len(silent)} rows never fire on any set: " + ", ".join(silent)]
    count, rate = speed(list(sets.values()))
    out += ["", f"speed: {count:,} stories (all sets, every language) in one process: {rate:,.0f} stories/s (CPU time, "
                f"median of {RUNS})"]
    text = "\n".join(out)
    print(text)
    results = REPO / "benchmarks" / "results" / "extraction.txt"
    results.parent.mkdir(parents=True, exist_ok=True)
    results.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
