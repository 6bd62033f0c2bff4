"""One clean run of the fault corpus per test session, shared by every kill."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import Bench, CorpusServer  # noqa: E402


@pytest.fixture(scope="session")
def corpus_server():
    with CorpusServer(copies=4) as server:
        yield server


@pytest.fixture(scope="session")
def bench(corpus_server, tmp_path_factory) -> Bench:
    # Under pytest-xdist the parent of each worker's base temp directory is this session's, shared
    # by all workers: one clean run serves them all.
    base = tmp_path_factory.getbasetemp()
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    return Bench.shared(corpus_server, root / "faults-bench")
