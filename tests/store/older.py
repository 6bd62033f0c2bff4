"""Databases as an earlier briefing left them, for the tests of what opening one with this briefing does."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from briefing.store.schema import MIGRATIONS


def database_at_version(path: Path, version: int) -> sqlite3.Connection:
    """A new database file with the schema briefing at schema `version` made, open for the test to fill
    (and close): the first `version` migrations, which are the schema's history, and `user_version`."""
    conn = sqlite3.connect(path)
    for script in MIGRATIONS[:version]:
        conn.executescript(script)
    conn.execute(f"PRAGMA user_version = {version}")
    return conn
