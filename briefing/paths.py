"""Where briefing keeps its files: the user's config and data directories.

Resolution order is the same for every command so that `briefing`, `briefing fetch`
and `briefing digest` always agree on which feeds.toml and which database they use:
an explicit `--config`/`--db` flag, then `BRIEFING_CONFIG`/`BRIEFING_DB`, then the
platform's per-user directories (platformdirs).
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from platformdirs import user_config_path, user_data_path, user_state_path

APP_NAME = "briefing"


def config_dir() -> Path:
    return user_config_path(APP_NAME, appauthor=False)


def data_dir() -> Path:
    path = user_data_path(APP_NAME, appauthor=False)
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_feeds_text() -> str:
    """The curated feeds.toml shipped inside the package."""
    return resources.files("briefing.data").joinpath("feeds.toml").read_text(encoding="utf-8")


def config_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The feeds.toml to use.

    On first use the shipped default is copied into the config directory, so the
    user has a file of their own to edit rather than one buried in site-packages.
    """
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get("BRIEFING_CONFIG")
    if env:
        return Path(env).expanduser()
    path = config_dir() / "feeds.toml"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(default_feeds_text(), encoding="utf-8")
    return path


def db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get("BRIEFING_DB")
    if env:
        return Path(env).expanduser()
    return data_dir() / "briefing.db"


def state_path() -> Path:
    """The reader's place and theme between runs (platformdirs' state directory, not the config)."""
    return user_state_path(APP_NAME, appauthor=False) / "state.json"

