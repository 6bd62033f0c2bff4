"""Feeds as configured, their fetch state (validators, health) and the fetch log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from ..models import Feed, FetchOutcome
from .db import Database, from_text, to_text, utc_now


@dataclass(slots=True)
class LogEntry:
    feed: str
    started: datetime
    status: str
    http_status: int | None
    new: int
    updated: int
    skipped: int
    filtered: int
    error: str | None
    elapsed: float


class FeedsMixin(Database):
    def sync_feeds(self, feeds: list[Feed]) -> None:
        """Make the feeds table match feeds.toml, keeping each feed's fetch state.

        A feed removed from feeds.toml keeps its row (and its stories): removing a
        line from a config file must never delete what the reader has tagged.  Plain
        SQL, one statement for all feeds: through sqlite-utils, loading the library alone
        cost a first fetch ~0.1 s before its first request.
        """
        with self.transaction() as conn:
            known = dict(conn.execute("SELECT name, url FROM feeds").fetchall())
            conn.executemany(
                "INSERT INTO feeds (name, url, origin, language, keep) VALUES (?,?,?,?,?)"
                " ON CONFLICT (name) DO UPDATE SET url=excluded.url, origin=excluded.origin,"
                " language=excluded.language, keep=excluded.keep",
                [(f.name, f.url, f.origin, f.language, f.keep) for f in feeds],
            )
            # A new address means the old validators describe another resource.
            moved = [(f.name,) for f in feeds if f.name in known and known[f.name] != f.url]
            conn.executemany("UPDATE feeds SET etag=NULL, last_modified=NULL, next_due=NULL WHERE name=?", moved)

    def feed_states(self) -> dict[str, Feed]:
        """Every stored feed with its fetch state and story counts, by name (O(feeds): the counts are kept
        by the schema's triggers, so this is cheap enough for the reader's sidebar at any archive size)."""
        rows = self.conn.execute(
            # Unread counts what the list shows: a near-duplicate behind a newer outlet's row is not a row.
            "SELECT f.*, coalesce(c.stories, 0) AS stories, coalesce(c.unread, 0) AS unread"
            " FROM feeds f LEFT JOIN feed_counts c ON c.feed = f.name ORDER BY f.name"
        ).fetchall()
        out: dict[str, Feed] = {}
        for r in rows:
            out[r["name"]] = Feed(
                name=r["name"],
                url=r["url"],
                origin=r["origin"],
                language=r["language"],
                keep=r["keep"],
                etag=r["etag"],
                last_modified=r["last_modified"],
                last_status=r["last_status"],
                last_error=r["last_error"],
                last_fetched=from_text(r["last_fetched"]),
                next_due=from_text(r["next_due"]),
                story_count=r["stories"],
                unread_count=r["unread"],
                health=r["health"],
                last_filtered=r["last_filtered"],
            )
        return out

    def record_outcome(self, outcome: FetchOutcome, next_due: datetime | None, started: datetime | None = None) -> None:
        """Store one feed's result: validators exactly as received, health, and a log line.

        Validators are only replaced when the server sent new ones; an error keeps
        the old ones so the next try can still be conditional.
        """
        self.record_outcomes([(outcome, next_due, started)])

    def record_outcomes(self, results: list[tuple[FetchOutcome, datetime | None, datetime | None]]) -> None:
        """`record_outcome` for many feeds at once, one statement of each kind for all of them, in one
        transaction (a warm fetch of 1,000 feeds answered 304 records them about once a second)."""
        errors, others, log = [], [], []
        for outcome, next_due, started in results:
            now = to_text(started or utc_now())
            if outcome.status == "error":
                errors.append((outcome.error, now, to_text(next_due), outcome.health, outcome.feed))
            else:
                others.append((outcome.status, now, to_text(next_due), outcome.etag, outcome.last_modified,
                               outcome.health, outcome.health is None, outcome.filtered, outcome.feed))
            log.append((outcome.feed, now, outcome.status, outcome.http_status, outcome.new, outcome.updated,
                        outcome.skipped, outcome.filtered, outcome.error, outcome.elapsed))
        with self.transaction() as conn:
            if errors:
                conn.executemany(
                    "UPDATE feeds SET last_status='error', last_error=?, last_fetched=?, next_due=?,"
                    " failures = failures + 1, health=coalesce(?, health) WHERE name=?",
                    errors,
                )
            if others:
                # A 304 says nothing new about health (health None): the word from the last answer stays.
                conn.executemany(
                    "UPDATE feeds SET last_status=?, last_error=NULL, last_fetched=?, next_due=?, failures=0,"
                    " etag=coalesce(?, etag), last_modified=coalesce(?, last_modified),"
                    " health=coalesce(?, health), last_filtered=CASE WHEN ? THEN last_filtered ELSE ? END"
                    " WHERE name=?",
                    others,
                )
            conn.executemany(
                "INSERT INTO fetch_log (feed, started, status, http_status, new, updated, skipped, filtered,"
                " error, elapsed) VALUES (?,?,?,?,?,?,?,?,?,?)",
                log,
            )

    def feed_failures(self, feed: str) -> int:
        row = self.conn.execute("SELECT failures FROM feeds WHERE name = ?", (feed,)).fetchone()
        return row[0] if row else 0

    def fetch_log(self, since: datetime, until: datetime | None = None) -> list[LogEntry]:
        until = until or (utc_now() + timedelta(days=1))
        rows = self.db["fetch_log"].rows_where(
            "started >= ? AND started < ?", [to_text(since), to_text(until)], order_by="started, id"
        )
        return [
            LogEntry(r["feed"], from_text(r["started"]), r["status"], r["http_status"], r["new"], r["updated"],
                     r["skipped"], r["filtered"], r["error"], r["elapsed"])
            for r in rows
        ]

    def fetch_count(self, since: datetime, until: datetime) -> int:
        """How many feed fetches were recorded in a time range (a fresh database has none)."""
        return self.db["fetch_log"].count_where("started >= ? AND started < ?", [to_text(since), to_text(until)])

    def failed_feeds(self, since: datetime, until: datetime) -> list[LogEntry]:
        """The last error of each feed that failed in a time range (digest footer)."""
        latest: dict[str, LogEntry] = {}
        for entry in self.fetch_log(since, until):
            if entry.status == "error":
                latest[entry.feed] = entry
        return list(latest.values())
