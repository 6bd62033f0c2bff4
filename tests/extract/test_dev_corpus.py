"""The dev corpus scored by the corpus's own score.py must meet the project targets."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from briefing.commands.extract import extract_jsonl

CORPUS = Path(__file__).parents[2].parent / "shared/corpus"


@pytest.mark.skipif(not (CORPUS / "dev.jsonl").exists() or not (CORPUS / "score.py").exists(),
                    reason="shared corpus not present")
def test_dev_corpus_meets_targets(tmp_path):
    spec = importlib.util.spec_from_file_location("corpus_score", CORPUS / "score.py")
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    pred = tmp_path / "pred.jsonl"
    extract_jsonl(CORPUS / "dev.jsonl", pred)
    result = scorer.score(scorer.load(str(CORPUS / "dev.jsonl")), scorer.load(str(pred)))
    assert result["claims_exact"]["f1"] >= 0.90
    assert result["relevance"]["f1"] >= 0.95
    assert result["same_incident_pairs"]["f1"] >= 0.85
    assert result["tally_abs_error"] <= 0.05 * result["tally_gold_total"]
