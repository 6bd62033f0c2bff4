"""What the reader leaves behind between runs: the chosen theme, and per database the story under the
cursor and the story open in the reader.

Kept as JSON in the platformdirs state directory (`paths.state_path()`), never in
feeds.toml: it is the app's memory, not the reader's configuration.  A missing or
damaged file is an empty memory, never an error; writes go through a temporary
file so a killed app leaves the old state whole.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(slots=True)
class Place:
    """Where the reader was in one database."""

    cursor: str | None = None  # story id under the cursor
    open: str | None = None  # story id shown in the reader


@dataclass(slots=True)
class AppState:
    theme: str | None = None
    places: dict[str, Place] = field(default_factory=dict)  # database path → place


def load_state(path: Path) -> AppState:
    """The state the last run saved; a missing, unreadable or damaged file is a fresh start, never an error:
    losing the place in the list is better than an app that will not open."""
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
        places = {
            str(db): Place(cursor=p.get("cursor"), open=p.get("open"))
            for db, p in (saved.get("places") or {}).items() if isinstance(p, dict)
        }
        theme = saved.get("theme")
        return AppState(theme=theme if isinstance(theme, str) else None, places=places)
    except (OSError, ValueError, AttributeError):
        return AppState()


def save_state(path: Path, state: AppState) -> None:
    saved = {"theme": state.theme,
             "places": {db: {"cursor": p.cursor, "open": p.open} for db, p in state.places.items()}}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".part")
        partial.write_text(json.dumps(saved, indent=1), encoding="utf-8")
        partial.replace(path)
    except OSError:
        pass  # a read-only home loses the place, never the reader's work
