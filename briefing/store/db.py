"""Opening the database: one SQLite file in WAL mode, migrated on open.

WAL lets the app read while a fetcher (in the app or in another terminal) writes,
and `synchronous=NORMAL` in WAL still never loses a committed transaction to a
killed process; only a power cut can drop the last few commits.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, Sequence


from .schema import MIGRATIONS, SchemaError, migrate

if TYPE_CHECKING:
    import sqlite_utils


# Lists of ids go to SQLite this many at a time: older SQLite builds allow 999 parameters a statement.
ID_CHUNK = 500


class StoreError(Exception):
    """The database cannot be opened or used; the message is one line fit to show a user."""


def describe_error(path: Path, error: BaseException) -> str:
    """One line about a database failure: what went wrong with which file, and what to do."""
    text = str(error).strip() or type(error).__name__
    if isinstance(error, SchemaError):
        return f"{path}: {text}"
    if "not a database" in text or "malformed" in text:
        return f"{path}: not a usable briefing database ({text}); `briefing doctor` checks it"
    if "disk is full" in text or "disk I/O error" in text:
        return f"{path}: could not write the database ({text}); free some space and run again"
    if "readonly" in text or "read-only" in text:
        return f"{path}: the database is read-only ({text})"
    if "unable to open" in text:
        return f"{path}: cannot open the database ({text})"
    return f"{path}: database error ({text})"


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def to_text(moment: datetime | None) -> str | None:
    """UTC timestamps as fixed-width ISO text, so string order is time order."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    moment = moment.astimezone(timezone.utc)
    if moment.year < 1000:  # (strftime does not pad such years; text already stored keeps matching)
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    return moment.replace(tzinfo=None, microsecond=0).isoformat() + "Z"  # (half strftime's cost, same text)


def from_text(text: str | None) -> datetime | None:
    if not text:
        return None
    return datetime.fromisoformat(text)  # Python 3.11 reads the trailing "Z" as UTC


def _writable(path: Path) -> bool:
    """Can this process write the file and create its journal beside it?"""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


class Database:
    """The connection and its housekeeping; the store's concern modules build on it."""

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        """Open (creating and migrating if need be) the database, or raise `StoreError`.

        `readonly` opens an existing file without writing anything: no migration, no
        journal-mode change, so a read-only file or directory can still be read.
        """
        self.path = Path(path)
        self.readonly = readonly
        self.conn: sqlite3.Connection | None = None  # type: ignore[assignment]
        if self.path.is_dir():
            raise StoreError(f"{self.path}: is a directory, not a database file")
        try:
            self.conn = self._connect(readonly)
        except (sqlite3.Error, SchemaError, OSError) as error:
            if getattr(self, "conn", None) is not None:
                self.conn.close()
            if not readonly and self.path.exists() and not _writable(self.path):
                raise StoreError(f"{self.path}: the database is read-only here; commands that only read it"
                                 " (digest, feeds, doctor --check) still work") from None
            if isinstance(error, OSError):
                raise StoreError(f"{self.path}: cannot open the database ({error.strerror or error})") from None
            raise StoreError(describe_error(self.path, error)) from None
        self._utils: sqlite_utils.Database | None = None

    @property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils over the same connection, for the simple reads (`rows_where`, `count_where`) and the
        feeds.toml sync; the hot paths (saving a fetch, the list's window, search) and every write transaction
        stay on `conn`.  Made, and the library loaded, on first use: loading it (and the plugin scan it does
        over every installed package) was ~0.06 s of every run, and a warm fetch never needs it."""
        if self._utils is None:
            import sqlite_utils

            self._utils = sqlite_utils.Database(self.conn)
        return self._utils

    @classmethod
    def for_reading(cls, path: str | Path):
        """Open for a command that only reads: read-only when the file cannot be written."""
        target = Path(path)
        return cls(path, readonly=target.exists() and not _writable(target))

    def _connect(self, readonly: bool) -> sqlite3.Connection:
        """Open the file, migrating its schema to this version.  A read-only file cannot be migrated: an
        older one is refused with a way out rather than read with queries its schema cannot answer."""
        if readonly:
            conn = self._connect_readonly()
            self.conn = conn
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA busy_timeout=30000")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > len(MIGRATIONS):
                migrate(conn)  # raises the "newer briefing" error
            if version < len(MIGRATIONS):
                raise SchemaError(
                    "the database is read-only and was made by an older briefing; open it once with write"
                    " access (e.g. `briefing fetch`) to upgrade it"
                )
            self.schema_version = version
            return conn
        if str(self.path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(
            str(self.path),
            timeout=30,
            isolation_level=None,  # we open transactions explicitly
            check_same_thread=False,  # each thread opens its own Store; workers may hand one over
        )
        self.conn = conn
        self._configure(conn)
        self.schema_version = migrate(conn)
        return conn

    def _connect_readonly(self) -> sqlite3.Connection:
        """A read-only connection; where SQLite cannot even create its shared-memory file
        (a read-only directory or file system) the file is read as immutable."""
        uri = self.path.resolve().as_uri()
        for options in ("mode=ro", "mode=ro&immutable=1"):
            conn = sqlite3.connect(f"{uri}?{options}", uri=True, timeout=30, isolation_level=None,
                                   check_same_thread=False)
            try:
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
                return conn
            except sqlite3.OperationalError as error:
                conn.close()
                if "unable to open" not in str(error):
                    raise
        raise sqlite3.OperationalError("unable to open database file")

    def _configure(self, conn: sqlite3.Connection) -> None:
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA busy_timeout=30000")
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA cache_size=-32000")
        conn.execute("PRAGMA temp_store=MEMORY")
        # Checkpoint (and fsync) every ~16 MB of WAL rather than every 4 MB: a fetch
        # run commits once per feed, and checkpoints were a third of its write time.
        conn.execute("PRAGMA wal_autocheckpoint=4000")

    def close(self) -> None:
        if not self.readonly:
            try:
                # A bounded look at each table (SQLite's advice): at a million stories an unbounded
                # ANALYZE made closing the app take most of a second.
                self.conn.execute("PRAGMA analysis_limit=400")
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
            if self.conn.in_transaction:  # SQLite has already rolled back after some errors (disk full)
                self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    @contextmanager
    def snapshot(self) -> Iterator[sqlite3.Connection]:
        """Reads inside see one state of the database, whatever other processes commit meanwhile.

        A WAL read transaction: a digest or a tally taken while `extract --rebuild` or a
        fetcher writes sees all of a commit or none of it, never half of two.
        """
        if self.conn.in_transaction:
            yield self.conn
            return
        self.conn.execute("BEGIN")
        try:
            yield self.conn
        finally:
            if self.conn.in_transaction:
                self.conn.execute("COMMIT")

    def rows_for_ids(self, sql: str, ids: Sequence[str]) -> Iterator[sqlite3.Row]:
        """The rows of `sql` for every id in `ids`, `ID_CHUNK` ids a statement; `sql` writes `{ids}` where
        the parameter list goes (`... WHERE id IN ({ids})`).  Order holds within a chunk only."""
        for start in range(0, len(ids), ID_CHUNK):
            chunk = list(ids[start : start + ID_CHUNK])
            yield from self.conn.execute(sql.format(ids=",".join("?" * len(chunk))), chunk)

    def integrity_problems(self) -> list[str]:
        """`PRAGMA integrity_check` as a list of problems; empty when the file is sound."""
        rows = [r[0] for r in self.conn.execute("PRAGMA integrity_check").fetchall()]
        return [] if rows == ["ok"] else rows

    def data_version(self) -> int:
        """Changes whenever *another* connection commits: a cheap "is there news?" poll."""
        return self.conn.execute("PRAGMA data_version").fetchone()[0]
