"""Fixtures shared by every test: a throwaway database and config, never the user's own."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from briefing.config import Config, load_config
from briefing.store import Store

# Property tests draw the same examples on every run: a failure is then a finding that reproduces,
# never a red CI that the next run cannot show (HYPOTHESIS_PROFILE=explore draws new ones).
settings.register_profile("ci", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path_factory, monkeypatch):
    """Point platformdirs and the env overrides at a temporary home for every test."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local/share"))
    monkeypatch.delenv("BRIEFING_CONFIG", raising=False)
    monkeypatch.delenv("BRIEFING_DB", raising=False)
    return home


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "briefing.db"


@pytest.fixture
def store(db_path) -> Store:
    s = Store(db_path)
    yield s
    s.close()


@pytest.fixture
def default_config() -> Config:
    return load_config(REPO / "briefing" / "data" / "feeds.toml")
