"""Stories: saving fetched items without duplicates, and reading them a window at a time."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ..language import story_language
from ..models import Story, Titled
from ..query import parse_query
from ..urls import TRACKING_PARAM, strip_tracking
from .db import Database, from_text, to_text, utc_now
from .pending import mark_pending


def canonical_url(url: str) -> str:
    """A link with case, fragments, default ports and tracking parameters normalised away."""
    if not url:
        return ""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()
    host = (parts.hostname or "").lower()
    if parts.port and not (
        (parts.scheme == "http" and parts.port == 80) or (parts.scheme == "https" and parts.port == 443)
    ):
        host = f"{host}:{parts.port}"
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not TRACKING_PARAM.match(k)))
    path = parts.path or "/"
    return urlunsplit((parts.scheme.lower(), host, path, query, ""))


def content_hash(story: Story) -> str:
    digest = hashlib.blake2b(digest_size=12)
    for part in (story.title, story.summary, story.content, story.url, story.author):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\x00")
    return digest.hexdigest()


def story_key(story: Story) -> str:
    """What makes two items of one feed the same story: guid, else canonical link, else text."""
    if story.guid:
        # A permalink guid with campaign parameters ("?utm_campaign=<date>") is one story, not one per fetch.
        return "g:" + (strip_tracking(story.guid) if story.guid.startswith(("http://", "https://")) else story.guid)
    if story.url:
        return "u:" + canonical_url(story.url)
    return "h:" + content_hash(story)


def story_id(feed: str, story: Story) -> str:
    """Stable id: the same item fetched again, or edited in place, keeps its id (and tags)."""
    return hashlib.blake2b(f"{feed}\x00{story_key(story)}".encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def reading_source(story: Story, digest: str | None = None) -> tuple[str, str | None, str]:
    """What a story's machine reading is made from, as `StoriesMixin.reading_sources` reads it back:
    a reading made ahead of the pipeline (`briefing.reading`) is taken only if the two are equal.
    `digest` is the story's `content_hash` when the caller has it already (`SaveResult.hashes`)."""
    return digest or content_hash(story), to_text(story.published), story.language


@dataclass(slots=True)
class SaveResult:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    new_ids: list[str] = field(default_factory=list)
    updated_ids: list[str] = field(default_factory=list)
    # Each story given, in order: its id and content hash (so a caller need not compute them again).
    ids: list[str] = field(default_factory=list)
    hashes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class StoryFilter:
    """What the story list shows. Empty fields mean "no restriction"."""

    feeds: tuple[str, ...] = ()
    origin: str | None = None
    tag: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    unread: bool = False
    starred: bool = False
    incidents: bool = False
    language: str | None = None  # 'en', 'ru', 'az', 'hy'
    query: str = ""
    # Near-duplicates from several outlets as one row: only each cluster's newest member is listed,
    # and its `duplicate_ids` name the others.
    collapse_clusters: bool = False


@dataclass(frozen=True, slots=True)
class Grouped:
    """Stories of a stretch of time as near-duplicate grouping reads them, the group each is stored in,
    and the `data_version` of the database they were read at."""

    stories: list[Titled]
    clusters: Mapping[str, str | None]
    version: int


# Up to this many full-text hits, a search's page is read from the hits themselves (sorting a few
# thousand rows takes milliseconds); beyond, by walking the list index newest first.
FEW_HITS = 5000


class SearchError(ValueError):
    """A full-text query SQLite cannot parse; the message is fit to show a user."""


_LIST_COLUMNS = (
    "s.id, s.feed, s.guid, s.url, s.title, s.author, s.published, s.first_seen, s.read, s.starred, "
    "s.has_incident, s.cluster, s.language, f.origin AS origin, "
    "(SELECT group_concat(tag, char(31)) FROM story_tags t WHERE t.story_id = s.id) AS tag_list"
)


def _row_to_story(row: sqlite3.Row, full: bool = False) -> Story:
    keys = row.keys()
    tags = row["tag_list"] if "tag_list" in keys else None
    return Story(
        id=row["id"],
        feed=row["feed"],
        guid=row["guid"],
        url=row["url"],
        title=row["title"],
        summary=row["summary"] if full else "",
        content=row["content"] if full else "",
        author=row["author"],
        published=from_text(row["published"]),
        published_claimed=from_text(row["published_claimed"]) if "published_claimed" in keys else None,
        first_seen=from_text(row["first_seen"]),
        read=bool(row["read"]),
        starred=bool(row["starred"]),
        has_incident=bool(row["has_incident"]),
        language=row["language"] if "language" in keys else "",
        origin=row["origin"] or "" if "origin" in keys else "",
        tags=sorted(tags.split("\x1f"), key=str.casefold) if tags else [],
    )


def _searches(story_filter: StoryFilter | None) -> bool:
    """Whether a filter searches the text: then a query SQLite refuses is the reader's to reword
    (`SearchError`), not a failure of the database."""
    return bool(story_filter and story_filter.query.strip())


class StoriesMixin(Database):
    # --- writing -------------------------------------------------------------

    def save_stories(self, feed: str, stories: list[Story]) -> SaveResult:
        """Insert new stories and update changed ones, in one transaction that also marks them pending.

        An updated entry keeps its id, so the reader's tags, read and starred
        state survive; an entry seen twice in one batch is stored once.
        """
        result = SaveResult()
        if not stories:
            return result
        now = to_text(utc_now())
        batch: dict[str, tuple[Story, str]] = {}
        for story in stories:
            sid, digest = story_id(feed, story), content_hash(story)
            batch[sid] = (story, digest)
            result.ids.append(sid)
            result.hashes.append(digest)
        with self.transaction() as conn:
            existing: dict[str, str] = {}
            ids = list(batch)
            existing.update(self.rows_for_ids("SELECT id, content_hash FROM stories WHERE id IN ({ids})", ids))
            inserts = []
            updates = []
            hint = conn.execute("SELECT language FROM feeds WHERE name = ?", (feed,)).fetchone()
            for sid, (story, digest) in batch.items():
                published = to_text(story.published)
                # The parser read the language; a story from anywhere else is read here, by the same rule.
                language = story.language or story_language(
                    story.title, story.summary or story.content, hint[0] if hint else "")
                if sid not in existing:
                    inserts.append(
                        (sid, feed, story.guid, story.url, story.title, story.summary, story.content,
                         story.author, published, now, published or now, digest, to_text(story.published_claimed),
                         language)
                    )
                    result.new_ids.append(sid)
                elif existing[sid] != digest:
                    updates.append(
                        (story.url, story.title, story.summary, story.content, story.author,
                         published, now, digest, language, sid)
                    )
                    result.updated_ids.append(sid)
                else:
                    result.unchanged += 1
            if inserts:
                conn.executemany(
                    "INSERT INTO stories (id, feed, guid, url, title, summary, content, author, published,"
                    " first_seen, sort_time, content_hash, published_claimed, language)"
                    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    inserts,
                )
            if updates:
                conn.executemany(
                    "UPDATE stories SET url=?, title=?, summary=?, content=?, author=?,"
                    " published=coalesce(?, published), updated=?, content_hash=?, language=? WHERE id=?",
                    updates,
                )
            # In the same transaction: a story is never stored without its processing being owed.
            mark_pending(conn, result.new_ids + result.updated_ids)
        result.new = len(result.new_ids)
        result.updated = len(result.updated_ids)
        return result

    def set_read(self, ids: list[str], read: bool = True) -> None:
        with self.transaction() as conn:
            conn.executemany("UPDATE stories SET read=? WHERE id=?", [(int(read), i) for i in ids])

    def set_starred(self, story_id: str, starred: bool) -> None:
        with self.transaction() as conn:
            conn.execute("UPDATE stories SET starred=? WHERE id=?", (int(starred), story_id))

    def set_has_incident(self, ids_flags: list[tuple[str, bool]]) -> None:
        with self.transaction() as conn:
            conn.executemany("UPDATE stories SET has_incident=? WHERE id=?", [(int(f), i) for i, f in ids_flags])

    def set_clusters(self, pairs: list[tuple[str, str | None]], known: Grouped | None = None) -> None:
        """Record near-duplicate groups: (story id, cluster id).

        Also marks every member but the newest of each touched cluster, so the
        collapsed list filters on a stored flag instead of a per-row subquery.
        `known` is what `grouped_titles_between` read the stories' groups as: when no other
        connection has committed since, those are the stored groups and they are not read again
        (reading 30,000 scattered rows back was a fifth of a 30-day fetch's processing at 1M).
        """
        if not pairs:
            return
        with self.transaction() as conn:
            if known is not None and known.version == self.data_version():
                stored = known.clusters
            else:
                stored = dict(conn.execute(
                    "SELECT id, cluster FROM stories WHERE id IN (SELECT value FROM json_each(?))",
                    (json.dumps([i for i, _ in pairs]),),
                ).fetchall())
            # Only what changed is written: regrouping a window rewrites few of its rows.
            pairs = [(i, c) for i, c in pairs if i in stored and stored[i] != c]
            old = {stored[i] for i, _ in pairs if stored[i] is not None}
            conn.executemany("UPDATE stories SET cluster=? WHERE id=?", [(c, i) for i, c in pairs])
            touched = sorted(old | {c for _, c in pairs if c})
            conn.executemany("UPDATE stories SET duplicate_of_newer=0 WHERE id=?", [(i,) for i, c in pairs if not c])
            conn.executemany(
                # INDEXED BY: most stories have no group, so SQLite's statistics make the cluster index
                # look useless and it would walk the whole list index for each group (83 s at 300k).
                "UPDATE stories SET duplicate_of_newer = (id != (SELECT n.id FROM stories n"
                " INDEXED BY stories_cluster WHERE n.cluster = ?1"
                " ORDER BY n.sort_time DESC, n.id DESC LIMIT 1)) WHERE cluster = ?1",
                [(c,) for c in touched],
            )

    # --- reading -------------------------------------------------------------

    def _where(self, story_filter: StoryFilter, search: bool = True) -> tuple[str, list]:
        """SQL conditions for a filter; `search=False` leaves the full-text match to the caller."""
        clauses: list[str] = []
        params: list = []
        if story_filter.feeds:
            clauses.append(f"s.feed IN ({','.join('?' * len(story_filter.feeds))})")
            params.extend(story_filter.feeds)
        if story_filter.origin:
            clauses.append("s.feed IN (SELECT name FROM feeds WHERE origin = ?)")
            params.append(story_filter.origin)
        if story_filter.tag:
            clauses.append("EXISTS (SELECT 1 FROM story_tags t WHERE t.story_id = s.id AND t.tag = ?)")
            params.append(story_filter.tag)
        if story_filter.since:
            clauses.append("s.sort_time >= ?")
            params.append(to_text(story_filter.since))
        if story_filter.until:
            clauses.append("s.sort_time < ?")
            params.append(to_text(story_filter.until))
        if story_filter.unread:
            clauses.append("s.read = 0")
        if story_filter.starred:
            clauses.append("s.starred = 1")
        if story_filter.incidents:
            clauses.append("s.has_incident = 1")
        fts = parse_query(story_filter.query)
        language = story_filter.language or fts.language
        if language:
            clauses.append("s.language = ?")
            params.append(language)
        if search and fts.match:
            clauses.append("s.rowid IN (SELECT rowid FROM stories_fts WHERE stories_fts MATCH ?)")
            params.append(fts.match)
        if fts.exclude:  # "NOT lachin" alone: FTS5 cannot say it, so the hits are taken away here
            clauses.append("s.rowid NOT IN (SELECT rowid FROM stories_fts WHERE stories_fts MATCH ?)")
            params.append(fts.exclude)
        if story_filter.collapse_clusters:
            clauses.append("s.duplicate_of_newer = 0")
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def _run(self, sql: str, params: list, searching: bool = False) -> list[sqlite3.Row]:
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.OperationalError as error:
            if searching and "locked" not in str(error):
                # The query parser writes only quoted strings, so this is not expected; if it
                # happens the reader still gets words, not the database's.
                raise SearchError(
                    "cannot search for that; try plain words, \"a phrase\", word*, OR, -word"
                ) from None
            raise

    def count_stories(self, story_filter: StoryFilter | None = None, at_most: int | None = None) -> int:
        """How many stories the filter matches.

        A search with nothing else to filter on is counted by the full-text index alone (its hits,
        exactly: 20 ms for 600,000 hits of 1,000,000).  Otherwise every row is visited (0.2 s for a
        search's 600,000 hits joined to their stories; 70 ms for the whole list at 1,000,000), so
        `at_most` stops the count there, and the answer `at_most` then means "at least that many"
        (the list shows "10000+" at once and counts the rest in the background).
        """
        story_filter = story_filter or StoryFilter()
        fts = parse_query(story_filter.query)
        limit = f" LIMIT {int(at_most)}" if at_most is not None else ""
        if not fts.match:
            where, params = self._where(story_filter)
            return self._run(f"SELECT count(*) FROM (SELECT 1 FROM stories s{where}{limit})", params,
                             searching=not fts.empty)[0][0]
        where, params = self._where(story_filter, search=False)
        if not where:
            return self._run("SELECT count(*) FROM stories_fts WHERE stories_fts MATCH ?", [fts.match],
                             searching=True)[0][0]
        # Counting a search from the full-text side joins each hit once, instead of
        # building the set of hits and testing every story against it (30 vs 45 ms
        # for 60,000 hits of 100,000).
        where = where.replace(" WHERE ", " AND ", 1)
        sql = f"SELECT 1 FROM stories_fts JOIN stories s ON s.rowid = stories_fts.rowid WHERE stories_fts MATCH ?{where}{limit}"
        return self._run(f"SELECT count(*) FROM ({sql})", [fts.match, *params], searching=True)[0][0]

    def story_window(self, story_filter: StoryFilter | None, offset: int, limit: int) -> list[Story]:
        """Rows `offset`..`offset+limit` of the list, newest first, without bodies."""
        where, params = self._where(story_filter or StoryFilter())
        # Page through the covering list index first and read full rows only for the page:
        # OFFSET then skips index entries, not joined rows with their tag lists.  The index
        # is named because for a search SQLite would otherwise sort every hit (40 ms for
        # 60,000 hits) instead of walking the index newest-first and stopping at the page.
        sql = (
            f"SELECT {_LIST_COLUMNS} FROM (SELECT s.rowid AS rid FROM stories s {self._list_plan(story_filter)}{where}"
            " ORDER BY s.sort_time DESC, s.id DESC LIMIT ? OFFSET ?) page"
            " JOIN stories s ON s.rowid = page.rid LEFT JOIN feeds f ON f.name = s.feed"
            " ORDER BY s.sort_time DESC, s.id DESC"
        )
        rows = self._run(sql, params + [limit, offset], _searches(story_filter))
        stories = [_row_to_story(r) for r in rows]
        if story_filter and story_filter.collapse_clusters:
            self._fill_duplicates(stories, [r["cluster"] for r in rows])
        return stories

    def _list_plan(self, story_filter: StoryFilter | None) -> str:
        """How to walk the list: newest first down the covering index, stopping at the page (the
        way for the whole list and for a search with many hits), or, for a search with few hits,
        from the full-text hits, sorted (a rare word would otherwise walk the whole index)."""
        fts = parse_query(story_filter.query) if story_filter is not None else None
        if fts is None or not fts.match:
            return "INDEXED BY stories_list"
        try:
            found = self.conn.execute(
                "SELECT count(*) FROM (SELECT 1 FROM stories_fts WHERE stories_fts MATCH ? LIMIT ?)",
                (fts.match, FEW_HITS),
            ).fetchone()[0]
        except sqlite3.OperationalError:
            return "INDEXED BY stories_list"  # the query itself then says what is wrong, in words
        return "NOT INDEXED" if found < FEW_HITS else "INDEXED BY stories_list"

    def _fill_duplicates(self, stories: list[Story], clusters: list[str | None]) -> None:
        """Name the other members of each listed story's cluster (newest first)."""
        wanted = sorted({c for c in clusters if c})
        if not wanted:
            return
        members: dict[str, list[str]] = {}
        for cluster, sid in self.rows_for_ids(
            "SELECT cluster, id FROM stories INDEXED BY stories_cluster WHERE cluster IN ({ids})"
            " ORDER BY sort_time DESC, id DESC", wanted
        ):
            members.setdefault(cluster, []).append(sid)
        for story, cluster in zip(stories, clusters):
            if cluster:
                story.duplicate_ids = [sid for sid in members.get(cluster, []) if sid != story.id]

    def position_of(self, story_filter: StoryFilter | None, story_id: str) -> int | None:
        """Where a story sits in the filtered list, so a refresh can keep the cursor on it."""
        row = self.conn.execute("SELECT sort_time FROM stories WHERE id=?", (story_id,)).fetchone()
        if row is None:
            return None
        where, params = self._where(story_filter or StoryFilter())
        extra = "(s.sort_time > ? OR (s.sort_time = ? AND s.id > ?))"
        where = f"{where} AND {extra}" if where else f" WHERE {extra}"
        sql = f"SELECT count(*) FROM stories s{where}"
        return self._run(sql, params + [row[0], row[0], story_id], _searches(story_filter))[0][0]

    def next_unread(self, story_filter: StoryFilter | None, story_id: str | None, forward: bool = True) -> str | None:
        """The id of the nearest unread story after (or before) `story_id` in the filtered list, if any."""
        where, params = self._where(replace(story_filter or StoryFilter(), unread=True))
        if story_id is not None:
            row = self.conn.execute("SELECT sort_time FROM stories WHERE id=?", (story_id,)).fetchone()
            if row is None:
                return None
            op = "<" if forward else ">"
            extra = f"(s.sort_time {op} ? OR (s.sort_time = ? AND s.id {op} ?))"
            where = f"{where} AND {extra}" if where else f" WHERE {extra}"
            params = params + [row[0], row[0], story_id]
        order = "DESC" if forward else "ASC"
        sql = (f"SELECT s.id FROM stories s {self._list_plan(story_filter)}{where}"
               f" ORDER BY s.sort_time {order}, s.id {order} LIMIT 1")
        found = self._run(sql, params, _searches(story_filter))
        return found[0][0] if found else None

    def get_story(self, story_id: str) -> Story | None:
        row = self.conn.execute(
            f"SELECT {_LIST_COLUMNS}, s.summary, s.content, s.published_claimed FROM stories s"
            " LEFT JOIN feeds f ON f.name = s.feed WHERE s.id = ?",
            (story_id,),
        ).fetchone()
        return _row_to_story(row, full=True) if row else None

    def stories_between(self, since: datetime, until: datetime, full: bool = True) -> list[Story]:
        """Every story in a time range, oldest first (digest, extraction, clustering)."""
        columns = _LIST_COLUMNS + (", s.summary, s.content, s.published_claimed" if full else "")
        rows = self.conn.execute(
            f"SELECT {columns} FROM stories s LEFT JOIN feeds f ON f.name = s.feed"
            " WHERE s.sort_time >= ? AND s.sort_time < ? ORDER BY s.sort_time, s.id",
            (to_text(since), to_text(until)),
        ).fetchall()
        return [_row_to_story(r, full=full) for r in rows]

    def grouped_titles_between(self, spans: list[tuple[datetime, datetime]]) -> list[Grouped]:
        """Id, feed, title and time of every story in each [since, until) span, oldest first, with the
        near-duplicate group each is stored in: what near-duplicate grouping reads (no tags, bodies
        or feed rows, so 30 days of a large archive read in a blink).  Read in one snapshot, with the
        `data_version` it was read at, so `set_clusters` can tell whether another connection has
        changed the groups since."""
        out: list[Grouped] = []
        # Asked before the snapshot begins: a commit after this moment, seen by the reads or not,
        # changes what `set_clusters` will be told, and it then reads the stored groups again.
        version = self.data_version()
        with self.snapshot() as conn:
            for since, until in spans:
                rows = conn.execute(
                    "SELECT id, feed, title, sort_time, cluster FROM stories WHERE sort_time >= ? AND sort_time < ?"
                    " ORDER BY sort_time, id",
                    (to_text(since), to_text(until)),
                ).fetchall()
                out.append(Grouped([Titled(r[0], r[1], r[2], from_text(r[3])) for r in rows],
                                   {r[0]: r[4] for r in rows}, version))
        return out

    def stories_by_ids(self, ids: list[str], full: bool = True) -> list[Story]:
        columns = _LIST_COLUMNS + (", s.summary, s.content, s.published_claimed" if full else "")
        sql = f"SELECT {columns} FROM stories s LEFT JOIN feeds f ON f.name = s.feed WHERE s.id IN ({{ids}})"
        return [_row_to_story(r, full=full) for r in self.rows_for_ids(sql, ids)]

    def reading_sources(self, ids: list[str]) -> dict[str, tuple[str, str | None, str]]:
        """Each stored story's `reading_source`: content hash, publication time and language."""
        return {r[0]: (r[1], r[2], r[3]) for r in self.rows_for_ids(
            "SELECT id, content_hash, published, language FROM stories WHERE id IN ({ids})", ids)}

    def stories_to_read(self, after: int, limit: int) -> tuple[int, list[Story]]:
        """The next `limit` stories in storage order after position `after`, with what the extractor
        reads (title, texts, times, language), and the position to go on from: `extract --rebuild`
        walks the archive a page at a time instead of holding it."""
        rows = self.conn.execute(
            "SELECT rowid, id, feed, title, summary, content, published, first_seen, language FROM stories"
            " WHERE rowid > ? ORDER BY rowid LIMIT ?", (after, limit)).fetchall()
        stories = [Story(id=r[1], feed=r[2], title=r[3], summary=r[4], content=r[5], published=from_text(r[6]),
                         first_seen=from_text(r[7]), language=r[8] or "") for r in rows]
        return (rows[-1][0] if rows else after), stories

    def all_story_ids(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT id FROM stories ORDER BY sort_time")]

    def story_count(self) -> int:
        """How many stories are stored (from the per-feed counts: no walk over the stories)."""
        return self.conn.execute("SELECT coalesce(sum(stories), 0) FROM feed_counts").fetchone()[0]

    def story_clusters(self, ids: list[str]) -> dict[str, str]:
        """Near-duplicate group of each of these stories that has one (the digest's "+N sources")."""
        return dict(self.rows_for_ids("SELECT id, cluster FROM stories WHERE cluster IS NOT NULL AND id IN ({ids})", ids))
