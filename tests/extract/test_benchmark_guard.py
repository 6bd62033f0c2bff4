"""The tuning benchmark must refuse the next held-out set before opening it."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCHMARK = Path(__file__).parents[2] / "benchmarks" / "extraction.py"


@pytest.mark.parametrize("name", ["heldout6.jsonl", "HELDOUT6.jsonl", "heldout6-draft.jsonl"])
def test_the_benchmark_refuses_the_next_heldout_set(name: str, monkeypatch, capsys) -> None:
    spec = importlib.util.spec_from_file_location("extraction_benchmark", BENCHMARK)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    opened: list[str] = []
    monkeypatch.setattr(Path, "read_text", lambda self, *a, **k: opened.append(str(self)) or "")
    monkeypatch.setattr(sys, "argv", ["extraction.py", str(Path("tests/extract") / name)])
    assert module.main() == 1
    assert not opened
    assert "heldout6" in capsys.readouterr().out
