"""One clean run of the fault corpus per test session, shared by every kill."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import Bench, CorpusServer  # noqa: E402


@pytest.fixture(scope="session")
def corpus_server():
    with CorpusServer(copies=6) as server:
        yield server


@pytest.fixture(scope="session")
def bench(corpus_server, tmp_path_factory) -> Bench:
    return Bench.prepare(corpus_server, tmp_path_factory.mktemp("faults"))
