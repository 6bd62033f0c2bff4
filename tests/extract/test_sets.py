"""Each committed labelled set, scored by the corpus's own score.py, must stay above its floor.

The floors are regression checks, not targets: each is a little under the score the extractor had
when the set was committed (the first-contact scores, before any tuning, are in
benchmarks/results/extraction.txt and the README). Raising the extractor raises the floors.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from briefing.commands.extract import predictions, read_corpus

ROOT = Path(__file__).parents[2]
SETS = ROOT / "tests/extract/sets"
CORPUS = ROOT.parent / "shared/corpus"

# set -> (exact-claim F1, relevance F1) floors
FLOORS = {
    "dev": (0.90, 0.95),
    "heldout": (0.68, 0.95),
    "heldout2": (0.76, 0.95),
    "heldout3": (0.71, 0.95),
    "heldout4": (0.84, 0.95),
    "heldout5": (0.66, 0.95),
    "heldout6": (0.80, 0.95),
    "wire_en": (0.79, 0.95),
    "ru": (0.71, 0.95),
    "ru_twins_en": (0.85, 0.95),
    "az": (0.84, 0.95),
    "hy": (0.80, 0.95),
    "azhy_twins_en": (0.90, 0.95),
}

# set -> same-incident pairs F1 floor (incident grouping across the set's stories; a set whose
# stories share no incident scores 1.0)
PAIRS_FLOORS = {
    "dev": 0.85, "heldout": 0.51, "heldout2": 0.57, "heldout3": 0.60, "heldout4": 0.84, "heldout5": 0.58,
    "heldout6": 0.75, "wire_en": 0.65, "ru": 0.88, "ru_twins_en": 0.95, "az": 0.95, "hy": 0.62, "azhy_twins_en": 0.95,
}


def _scorer():
    spec = importlib.util.spec_from_file_location("corpus_score", CORPUS / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _path(name: str) -> Path:
    return CORPUS / "dev.jsonl" if name == "dev" else SETS / f"{name}.jsonl"


@pytest.mark.skipif(not (CORPUS / "score.py").exists(), reason="shared corpus not present")
@pytest.mark.parametrize("name", sorted(FLOORS))
def test_set_stays_above_its_floor(name: str, tmp_path: Path) -> None:
    scorer = _scorer()
    predictions_file = tmp_path / "pred.jsonl"
    with _path(name).open("rb") as handle:
        records = predictions(read_corpus(handle))
    predictions_file.write_text("".join(json.dumps(r) + "\n" for r in records))
    result = scorer.score(scorer.load(str(_path(name))), scorer.load(str(predictions_file)))
    exact, relevance = FLOORS[name]
    assert result["claims_exact"]["f1"] >= exact
    assert result["relevance"]["f1"] >= relevance
    assert result["same_incident_pairs"]["f1"] >= PAIRS_FLOORS[name]
