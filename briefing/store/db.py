"""Opening the database: one SQLite file in WAL mode, migrated on open.

WAL lets the app read while a fetcher (in the app or in another terminal) writes,
and `synchronous=NORMAL` in WAL still never loses a committed transaction to a
killed process; only a power cut can drop the last few commits.
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

import sqlite_utils

from .schema import migrate


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def to_text(moment: datetime | None) -> str | None:
    """UTC timestamps as fixed-width ISO text, so string order is time order."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def from_text(text: str | None) -> datetime | None:
    if not text:
        return None
    return datetime.fromisoformat(text)  # Python 3.11 reads the trailing "Z" as UTC


class Database:
    """The connection and its housekeeping; the store's concern modules build on it."""

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = Path(path)
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(
            str(path),
            timeout=30,
            isolation_level=None,  # we open transactions explicitly
            check_same_thread=False,  # each thread opens its own Store; workers may hand one over
        )
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.execute("PRAGMA foreign_keys=ON")
        self.conn.execute("PRAGMA busy_timeout=30000")
        self.conn.execute("PRAGMA cache_size=-32000")
        self.conn.execute("PRAGMA temp_store=MEMORY")
        # Checkpoint (and fsync) every ~16 MB of WAL rather than every 4 MB: a fetch
        # run commits once per feed, and checkpoints were a third of its write time.
        self.conn.execute("PRAGMA wal_autocheckpoint=4000")
        self.schema_version = migrate(self.conn)
        self.db = sqlite_utils.Database(self.conn)

    def close(self) -> None:
        try:
            self.conn.execute("PRAGMA optimize")
        except sqlite3.Error:
            pass
        self.conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction that takes the lock up front, so it never deadlocks halfway."""
        if self.conn.in_transaction:
            yield self.conn
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    def data_version(self) -> int:
        """Changes whenever *another* connection commits: a cheap "is there news?" poll."""
        return self.conn.execute("PRAGMA data_version").fetchone()[0]
