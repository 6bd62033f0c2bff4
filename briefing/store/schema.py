"""The database schema, as an ordered list of migrations.

Each migration runs once, inside a transaction, and bumps `PRAGMA user_version`,
so an old database is brought up to date the first time a newer briefing opens it
and a half-applied upgrade cannot exist.
"""

from __future__ import annotations

import sqlite3

from ..language import story_language

MIGRATIONS: list[str] = [
    # 1: feeds, stories (+ full-text index), tags, fetch log.
    """
    CREATE TABLE feeds (
        name TEXT PRIMARY KEY,
        url TEXT NOT NULL,
        origin TEXT NOT NULL DEFAULT 'international',
        language TEXT NOT NULL DEFAULT 'en',
        keep TEXT NOT NULL DEFAULT 'relevant',
        etag TEXT,
        last_modified TEXT,
        last_status TEXT,
        last_error TEXT,
        last_fetched TEXT,
        next_due TEXT,
        failures INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        feed TEXT NOT NULL,
        guid TEXT NOT NULL DEFAULT '',
        url TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL DEFAULT '',
        summary TEXT NOT NULL DEFAULT '',
        content TEXT NOT NULL DEFAULT '',
        author TEXT NOT NULL DEFAULT '',
        published TEXT,
        first_seen TEXT NOT NULL,
        sort_time TEXT NOT NULL,
        updated TEXT,
        content_hash TEXT NOT NULL,
        read INTEGER NOT NULL DEFAULT 0,
        starred INTEGER NOT NULL DEFAULT 0,
        has_incident INTEGER NOT NULL DEFAULT 0,
        cluster TEXT
    );
    CREATE INDEX stories_sort ON stories (sort_time DESC, id DESC);
    CREATE INDEX stories_feed_sort ON stories (feed, sort_time DESC);
    CREATE INDEX stories_url ON stories (url);
    CREATE INDEX stories_cluster ON stories (cluster);
    CREATE VIRTUAL TABLE stories_fts USING fts5(
        title, summary, content='stories', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER stories_ai AFTER INSERT ON stories BEGIN
        INSERT INTO stories_fts (rowid, title, summary) VALUES (new.rowid, new.title, new.summary);
    END;
    CREATE TRIGGER stories_ad AFTER DELETE ON stories BEGIN
        INSERT INTO stories_fts (stories_fts, rowid, title, summary)
        VALUES ('delete', old.rowid, old.title, old.summary);
    END;
    CREATE TRIGGER stories_au AFTER UPDATE OF title, summary ON stories BEGIN
        INSERT INTO stories_fts (stories_fts, rowid, title, summary)
        VALUES ('delete', old.rowid, old.title, old.summary);
        INSERT INTO stories_fts (rowid, title, summary) VALUES (new.rowid, new.title, new.summary);
    END;
    CREATE TABLE tags (
        name TEXT PRIMARY KEY COLLATE NOCASE,
        created TEXT NOT NULL
    );
    CREATE TABLE story_tags (
        story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
        tag TEXT NOT NULL REFERENCES tags (name) COLLATE NOCASE,
        tagged TEXT NOT NULL,
        PRIMARY KEY (story_id, tag)
    ) WITHOUT ROWID;
    CREATE INDEX story_tags_tag ON story_tags (tag);
    CREATE TABLE fetch_log (
        id INTEGER PRIMARY KEY,
        feed TEXT NOT NULL,
        started TEXT NOT NULL,
        status TEXT NOT NULL,
        http_status INTEGER,
        new INTEGER NOT NULL DEFAULT 0,
        updated INTEGER NOT NULL DEFAULT 0,
        skipped INTEGER NOT NULL DEFAULT 0,
        filtered INTEGER NOT NULL DEFAULT 0,
        error TEXT,
        elapsed REAL NOT NULL DEFAULT 0
    );
    CREATE INDEX fetch_log_feed ON fetch_log (feed, started);
    CREATE INDEX fetch_log_started ON fetch_log (started);
    """,
    # 2: claims, incidents and the reader's corrections, kept apart from machine output.
    """
    CREATE TABLE incidents (
        id TEXT PRIMARY KEY,
        event_date TEXT NOT NULL,
        locations TEXT NOT NULL DEFAULT '[]',
        sector TEXT NOT NULL DEFAULT '',
        event_type TEXT NOT NULL DEFAULT 'other',
        kind TEXT NOT NULL DEFAULT 'combat'
    );
    CREATE INDEX incidents_date ON incidents (event_date);
    CREATE TABLE claims (
        id INTEGER PRIMARY KEY,
        story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
        incident_id TEXT NOT NULL DEFAULT '',
        claimant TEXT NOT NULL,
        side_affected TEXT NOT NULL,
        event_date TEXT NOT NULL,
        killed INTEGER NOT NULL DEFAULT 0,
        wounded INTEGER NOT NULL DEFAULT 0,
        killed_high INTEGER,
        wounded_high INTEGER,
        unsplit INTEGER,
        locations TEXT NOT NULL DEFAULT '[]',
        weapons TEXT NOT NULL DEFAULT '[]',
        event_type TEXT NOT NULL DEFAULT 'other',
        kind TEXT NOT NULL DEFAULT 'combat',
        evidence TEXT NOT NULL DEFAULT '',
        origin TEXT NOT NULL DEFAULT 'machine'
    );
    CREATE INDEX claims_story ON claims (story_id);
    CREATE INDEX claims_incident ON claims (incident_id);
    CREATE INDEX claims_date ON claims (event_date);
    -- A correction is keyed by what it corrects, not by a claim row id, so it
    -- survives `briefing extract --rebuild`, which replaces every machine claim.
    CREATE TABLE claim_corrections (
        story_id TEXT NOT NULL,
        claimant TEXT NOT NULL,
        side_affected TEXT NOT NULL,
        action TEXT NOT NULL,            -- confirmed | rejected | edited
        killed INTEGER,
        wounded INTEGER,
        corrected TEXT NOT NULL,
        PRIMARY KEY (story_id, claimant, side_affected)
    );
    CREATE TABLE story_marks (
        story_id TEXT PRIMARY KEY,
        is_incident INTEGER NOT NULL,    -- the reader's word on "this story reports an incident"
        marked TEXT NOT NULL
    );
    """,
    # 3: the story list pages through 100,000 rows from one covering index; whether a
    # story is hidden behind a newer near-duplicate is stored, not computed per row.
    """
    ALTER TABLE stories ADD COLUMN duplicate_of_newer INTEGER NOT NULL DEFAULT 0;
    DROP INDEX stories_sort;
    DROP INDEX stories_url;  -- links are folded into the story id; nothing looks stories up by url
    CREATE INDEX stories_list ON stories (
        sort_time DESC, id DESC, feed, read, starred, has_incident, duplicate_of_newer
    );
    """,
    # 4: figures the corpus rules do not count ("12 casualties", "dozens killed") are kept,
    # marked, so the tally can leave them out of killed and wounded.
    """
    ALTER TABLE claims ADD COLUMN vague INTEGER NOT NULL DEFAULT 0;
    """,
    # 5: the pending-work record.  A story is written here in the same transaction that
    # stores (or changes) it, and leaves only once its claims, incident groups and
    # near-duplicate groups are written, so a killed run's leftovers are finished by the
    # next run.  `n` grows on every mark: a story changed again while it was being
    # processed keeps a newer row and is processed again.  Earlier versions could lose
    # derived data without a trace, so an upgraded database has every story processed once.
    """
    CREATE TABLE pending (
        n INTEGER PRIMARY KEY AUTOINCREMENT,
        story_id TEXT NOT NULL UNIQUE REFERENCES stories (id) ON DELETE CASCADE
    );
    INSERT INTO pending (story_id) SELECT id FROM stories ORDER BY sort_time, id;
    """,
    # 6: real feeds. A feed's health word and how many stories its last fetch filtered out;
    # a story's own date when the feed put it in the future (`published` is then the fetch time).
    """
    ALTER TABLE feeds ADD COLUMN health TEXT;
    ALTER TABLE feeds ADD COLUMN last_filtered INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE stories ADD COLUMN published_claimed TEXT;
    """,
    # 7: each story's language ('en', 'ru', 'az', 'hy'), read from its text when it is parsed.
    # Stories stored earlier are read here, by the same rule (`story_language`, registered on the
    # connection by `migrate`), their feed's configured language as the hint.  The list's covering
    # index carries the language, so the `lang` filter pages through 100,000 rows like the others.
    """
    ALTER TABLE stories ADD COLUMN language TEXT NOT NULL DEFAULT '';
    UPDATE stories SET language = story_language(
        title, coalesce(nullif(summary, ''), content),
        coalesce((SELECT f.language FROM feeds f WHERE f.name = stories.feed), '')
    );
    DROP INDEX stories_list;
    CREATE INDEX stories_list ON stories (
        sort_time DESC, id DESC, feed, read, starred, has_incident, duplicate_of_newer, language
    );
    """,
    # 8: uncertainty shown, not hidden.  Each machine claim keeps how sure the extractor was and
    # why (JSON: a list of {field, value, rule, words}); a story that reads as an incident report
    # but gave no figure the extractor understood is flagged for a person.  Written with the
    # claims, in one transaction; an older database has every story processed once to fill them.
    """
    ALTER TABLE claims ADD COLUMN confidence REAL NOT NULL DEFAULT 1.0;
    ALTER TABLE claims ADD COLUMN why TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE stories ADD COLUMN unread_incident INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX stories_unread_incident ON stories (sort_time) WHERE unread_incident = 1;
    INSERT OR IGNORE INTO pending (story_id) SELECT id FROM stories ORDER BY sort_time, id;
    """,
    # 9: each feed's story and unread counts are kept as stories change (triggers), so the
    # sidebar, `briefing feeds` and every fetch read them in O(feeds), not by counting a million
    # stories.  Unread counts what the list shows: a near-duplicate behind a newer row is no row.
    """
    CREATE TABLE feed_counts (
        feed TEXT PRIMARY KEY,
        stories INTEGER NOT NULL DEFAULT 0,
        unread INTEGER NOT NULL DEFAULT 0
    ) WITHOUT ROWID;
    INSERT INTO feed_counts (feed, stories, unread)
        SELECT feed, count(*), sum(read = 0 AND duplicate_of_newer = 0) FROM stories GROUP BY feed;
    CREATE TRIGGER feed_counts_ai AFTER INSERT ON stories BEGIN
        INSERT INTO feed_counts (feed, stories, unread)
        VALUES (new.feed, 1, new.read = 0 AND new.duplicate_of_newer = 0)
        ON CONFLICT (feed) DO UPDATE SET stories = stories + 1, unread = unread + excluded.unread;
    END;
    CREATE TRIGGER feed_counts_ad AFTER DELETE ON stories BEGIN
        UPDATE feed_counts SET stories = stories - 1,
            unread = unread - (old.read = 0 AND old.duplicate_of_newer = 0) WHERE feed = old.feed;
    END;
    CREATE TRIGGER feed_counts_au AFTER UPDATE OF feed, read, duplicate_of_newer ON stories
    WHEN old.feed IS NOT new.feed OR (old.read = 0 AND old.duplicate_of_newer = 0)
        IS NOT (new.read = 0 AND new.duplicate_of_newer = 0) BEGIN
        UPDATE feed_counts SET stories = stories - 1,
            unread = unread - (old.read = 0 AND old.duplicate_of_newer = 0) WHERE feed = old.feed;
        INSERT INTO feed_counts (feed, stories, unread)
        VALUES (new.feed, 1, new.read = 0 AND new.duplicate_of_newer = 0)
        ON CONFLICT (feed) DO UPDATE SET stories = stories + 1, unread = unread + excluded.unread;
    END;
    """,
]


class SchemaError(Exception):
    """The database cannot be used by this version of briefing; the message says why."""


def migrate(conn: sqlite3.Connection) -> int:
    """Apply every migration newer than the database; return the resulting version."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > len(MIGRATIONS):
        raise SchemaError(
            f"the database was made by a newer briefing (schema version {version}; this one knows up to"
            f" {len(MIGRATIONS)}); upgrade briefing to use it"
        )
    # Migrations that fill a new column from a story's text call the same Python the fetcher does.
    conn.create_function("story_language", 3, story_language, deterministic=True)
    for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Re-check under the write lock: another process may have migrated meanwhile.
            if conn.execute("PRAGMA user_version").fetchone()[0] >= number:
                conn.execute("ROLLBACK")
                continue
            for statement in _split(script):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    return len(MIGRATIONS)


def _split(script: str) -> list[str]:
    """Split a migration into statements (executescript would commit our transaction)."""
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        if line.strip().startswith("--"):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
