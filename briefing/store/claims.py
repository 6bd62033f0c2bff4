"""Claims, incidents and the reader's corrections: storing them and reading them back.

Machine claims are replaced wholesale whenever a story is re-extracted; the
reader's corrections live in their own tables, keyed by (story, claimant, side),
and are laid over the machine's output whenever claims are read. So
`briefing extract --rebuild` can never undo what a person decided.  What a
correction does, how claims make incidents and how they are counted is the
domain's rule (`briefing.tally`); this module only reads what it needs.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

from collections.abc import Collection
from typing import TYPE_CHECKING

from ..models import Claim, Incident, Story, Tally
from ..tally import Correction, assemble_incidents, build_tally, corrected
from .db import Database, from_text, to_text, utc_now
from .stories import _LIST_COLUMNS, _row_to_story

if TYPE_CHECKING:  # the extractor loads when reasons are read, not with the store (a warm fetch never reads it)
    from ..extract.records import Why


_CLAIM_COLUMNS = (
    "story_id, incident_id, claimant, side_affected, event_date, killed, wounded, killed_high, wounded_high,"
    " unsplit, locations, weapons, event_type, kind, evidence, origin, vague, confidence, why"
)
# a stored claim's reasons cut to the one about its day (`extract.events.DATE_RULES`)
_DATE_REASON = ("(SELECT json_group_array(json(value)) FROM json_each(claims.why)"
                " WHERE json_extract(value, '$.field') = 'date')")
_INSERT_CLAIM = f"INSERT INTO claims ({_CLAIM_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"


def why_to_json(why: tuple) -> str:
    """A claim's decisions as JSON: [{field, value, rule, words, confidence}], what `why` is stored as."""
    return json.dumps(
        [{"field": w.field, "value": str(w.value), "rule": w.rule, "words": w.words, "confidence": w.confidence}
         for w in why],
        ensure_ascii=False,
    )


def why_from_json(text: str | None) -> tuple[Why, ...]:
    """The stored decisions back as `Why` records; anything unreadable is no reason rather than an error."""
    from ..extract.records import Why
    try:
        items = json.loads(text or "[]")
        return tuple(
            Why(str(i.get("field", "")), str(i.get("value", "")), str(i.get("rule", "")), str(i.get("words", "")),
                float(i.get("confidence", 1.0)))
            for i in items if isinstance(i, dict)
        )
    except (ValueError, TypeError, AttributeError):
        return ()


def _row_to_claim(r) -> Claim:
    return Claim(
        id=r["id"],
        story_id=r["story_id"],
        incident_id=r["incident_id"],
        claimant=r["claimant"],
        side_affected=r["side_affected"],
        event_date=date.fromisoformat(r["event_date"]),
        killed=r["killed"],
        wounded=r["wounded"],
        killed_high=r["killed_high"],
        wounded_high=r["wounded_high"],
        unsplit=r["unsplit"],
        locations=json.loads(r["locations"]),
        weapons=json.loads(r["weapons"]),
        event_type=r["event_type"],
        kind=r["kind"],
        evidence=r["evidence"],
        vague=bool(r["vague"]),
        confidence=r["confidence"],
        why=why_from_json(r["why"]),
    )


def _day_bounds(start: date, end: date) -> tuple[str | None, str | None]:
    """[start, end] as stored times: from start's midnight to the midnight after end (UTC)."""
    return (to_text(datetime.combine(max(start, date(1970, 1, 2)), datetime.min.time())),
            to_text(datetime.combine(min(end, date(9999, 12, 30)) + timedelta(days=1), datetime.min.time())))


class ClaimsMixin(Database):
    # --- machine output --------------------------------------------------------

    def replace_machine_claims(
        self, story_claims: dict[str, list[Claim]], unread_incidents: Collection[str] = ()
    ) -> None:
        """Store the extractor's claims for these stories, dropping their old machine claims.

        `unread_incidents` are the stories among them that read as incident reports but gave no
        figure the extractor understood; each story's flag is written with its claims.
        """
        with self.transaction() as conn:
            ids = json.dumps(list(story_claims))
            unread = json.dumps([i for i in story_claims if i in unread_incidents])
            # Set-based, and a row is written only where something changes: most stories of a fetch have no
            # claim and never had one, and 10,000 of them cost 0.2 s written one statement a story.
            conn.execute("DELETE FROM claims WHERE origin='machine' AND story_id IN (SELECT value FROM json_each(?))",
                         (ids,))
            conn.executemany(_INSERT_CLAIM, [self._claim_row(c, story_id, "machine")
                                             for story_id, claims in story_claims.items() for c in claims])
            conn.execute(
                "UPDATE stories SET has_incident = x.flag FROM (SELECT j.value AS id,"
                " EXISTS (SELECT 1 FROM claims c WHERE c.story_id = j.value)"
                " OR coalesce((SELECT is_incident FROM story_marks m WHERE m.story_id = j.value), 0) AS flag"
                " FROM json_each(?) j) AS x WHERE stories.id = x.id AND stories.has_incident IS NOT x.flag",
                (ids,),
            )
            conn.execute(
                "UPDATE stories SET unread_incident = x.flag FROM (SELECT j.value AS id,"
                " j.value IN (SELECT value FROM json_each(?2)) AS flag FROM json_each(?1) j) AS x"
                " WHERE stories.id = x.id AND stories.unread_incident IS NOT x.flag",
                (ids, unread),
            )

    @staticmethod
    def _claim_row(c: Claim, story_id: str, origin: str) -> tuple:
        return (
            story_id, c.incident_id, c.claimant, c.side_affected, c.event_date.isoformat(), c.killed, c.wounded,
            c.killed_high, c.wounded_high, c.unsplit, json.dumps(c.locations, ensure_ascii=False),
            json.dumps(c.weapons), c.event_type, c.kind, c.evidence, origin, int(c.vague),
            c.confidence, why_to_json(c.why),
        )

    # --- a rebuild: every story read again, the new machine claims swapped in at once ----------

    def begin_rebuild(self) -> None:
        """An empty staging area for a rebuild's claims: temporary tables of this connection, so a
        killed rebuild leaves nothing behind and the claims in use stay as they were."""
        conn = self.conn
        # In a temporary file, not in memory: every claim of the archive with its reasons is staged
        # here (60 MB at a million stories).  SQLite deletes the file with the connection, however
        # the process ends.  (Changing temp_store drops this connection's temporary tables, and cannot be
        # done inside a transaction, where the swap is: the connection keeps it until it closes.)
        conn.execute("PRAGMA temp_store=FILE")
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS rebuilt_claims AS SELECT * FROM claims WHERE 0")
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS rebuilt_unread (story_id TEXT PRIMARY KEY)")
        conn.execute("DELETE FROM temp.rebuilt_claims")
        conn.execute("DELETE FROM temp.rebuilt_unread")

    def stage_rebuilt_claims(self, story_claims: dict[str, list[Claim]], unread_incidents: Collection[str] = ()) -> None:
        """Keep some stories' new machine claims (and unread-report flags) until `swap_in_rebuilt_claims`."""
        conn = self.conn
        conn.executemany(
            _INSERT_CLAIM.replace("INSERT INTO claims", "INSERT INTO temp.rebuilt_claims"),
            [self._claim_row(c, story_id, "machine") for story_id, claims in story_claims.items() for c in claims],
        )
        conn.executemany("INSERT OR IGNORE INTO temp.rebuilt_unread VALUES (?)", [(i,) for i in unread_incidents])

    def swap_in_rebuilt_claims(self) -> None:
        """Every machine claim and incident out, the staged claims in, each story's flags to match:
        one transaction, so a reader sees the old set or the new one.  Incidents are regrouped after."""
        with self.transaction() as conn:
            conn.execute("CREATE TEMP TABLE IF NOT EXISTS rebuilt_touched (story_id TEXT PRIMARY KEY)")
            conn.execute("DELETE FROM temp.rebuilt_touched")
            # Only stories with machine claims before or after can see their "reports an incident" flag change.
            conn.execute("INSERT OR IGNORE INTO temp.rebuilt_touched"
                         " SELECT story_id FROM claims WHERE origin = 'machine'"
                         " UNION SELECT story_id FROM temp.rebuilt_claims")
            conn.execute("DELETE FROM claims WHERE origin = 'machine'")
            conn.execute("DELETE FROM incidents")
            conn.execute(f"INSERT INTO claims ({_CLAIM_COLUMNS}) SELECT {_CLAIM_COLUMNS} FROM temp.rebuilt_claims"
                         " WHERE story_id IN (SELECT id FROM stories) ORDER BY rowid")
            # One statement a story: a single UPDATE of 60,000 rows scattered over a million-story table
            # kept a statement journal of every page it touched in memory (300 MB at 1M).
            touched = [(r[0],) for r in conn.execute("SELECT story_id FROM temp.rebuilt_touched")]
            conn.executemany(
                "UPDATE stories SET has_incident = EXISTS (SELECT 1 FROM claims c WHERE c.story_id = ?1)"
                " OR coalesce((SELECT is_incident FROM story_marks m WHERE m.story_id = ?1), 0) WHERE id = ?1",
                touched,
            )
            conn.execute("UPDATE stories SET unread_incident = 0 WHERE unread_incident = 1"
                         " AND id NOT IN (SELECT story_id FROM temp.rebuilt_unread)")
            conn.execute("UPDATE stories SET unread_incident = 1"
                         " WHERE id IN (SELECT story_id FROM temp.rebuilt_unread) AND unread_incident = 0")
        for table in ("rebuilt_claims", "rebuilt_unread", "rebuilt_touched"):
            conn.execute(f"DROP TABLE IF EXISTS temp.{table}")

    def claim_days(self) -> list[date]:
        """Every day some claim is about, oldest first (what a rebuild regroups)."""
        return [date.fromisoformat(r[0]) for r in self.conn.execute("SELECT DISTINCT event_date FROM claims"
                                                                    " ORDER BY event_date")]

    def save_incidents(self, incidents: list[Incident]) -> None:
        """Store incident groups and point each of their claims at its incident."""
        with self.transaction() as conn:
            for inc in incidents:
                conn.execute(
                    "INSERT INTO incidents (id, event_date, locations, sector, event_type, kind)"
                    " VALUES (?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET event_date=excluded.event_date,"
                    " locations=excluded.locations, sector=excluded.sector, event_type=excluded.event_type,"
                    " kind=excluded.kind",
                    (inc.id, inc.event_date.isoformat(), json.dumps(inc.locations, ensure_ascii=False),
                     inc.sector, inc.event_type, inc.kind),
                )
                conn.executemany(
                    "UPDATE claims SET incident_id=? WHERE id=?",
                    [(inc.id, c.id) for c in inc.claims if c.id is not None],
                )
            conn.execute("DELETE FROM incidents WHERE id NOT IN (SELECT DISTINCT incident_id FROM claims)")

    # --- the reader's corrections ------------------------------------------------

    def correct_claim(
        self, story_id: str, claimant: str, side_affected: str, action: str,
        killed: int | None = None, wounded: int | None = None,
    ) -> None:
        """Confirm, reject or edit a claim; the correction outlives re-extraction."""
        if action not in ("confirmed", "rejected", "edited"):
            raise ValueError(f"unknown correction {action!r}")
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO claim_corrections (story_id, claimant, side_affected, action, killed, wounded, corrected)"
                " VALUES (?,?,?,?,?,?,?) ON CONFLICT(story_id, claimant, side_affected) DO UPDATE SET"
                " action=excluded.action, killed=excluded.killed, wounded=excluded.wounded,"
                " corrected=excluded.corrected",
                (story_id, claimant, side_affected, action, killed, wounded, to_text(utc_now())),
            )

    def mark_story_incident(self, story_id: str, is_incident: bool) -> None:
        """The reader's word on whether a story reports an incident, kept across re-extraction."""
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO story_marks (story_id, is_incident, marked) VALUES (?,?,?)"
                " ON CONFLICT(story_id) DO UPDATE SET is_incident=excluded.is_incident, marked=excluded.marked",
                (story_id, int(is_incident), to_text(utc_now())),
            )
            conn.execute(
                "UPDATE stories SET has_incident = ? OR"
                " (? AND (SELECT count(*) > 0 FROM claims WHERE story_id = ?)) WHERE id = ?",
                (int(is_incident), int(is_incident), story_id, story_id),
            )

    # --- reading -------------------------------------------------------------

    def claims_for_story(self, story_id: str, include_rejected: bool = False) -> list[Claim]:
        rows = self.conn.execute("SELECT * FROM claims WHERE story_id=? ORDER BY id", (story_id,)).fetchall()
        return self._apply_corrections([_row_to_claim(r) for r in rows], include_rejected)

    def claims_between(self, start: date, end: date, include_rejected: bool = False,
                       reasons: bool = True) -> list[Claim]:
        """Claims whose event date is in [start, end], corrections applied.

        `reasons=False` leaves out each claim's `why` (its decisions as JSON, most of a stored claim)
        but the one saying how its day was found, the only one incident grouping reads (a day named
        in the story is trusted over a publication day); regrouping a whole archive at once held
        30,000 of them.
        """
        columns = "*" if reasons else _CLAIM_COLUMNS.replace(" why", f" {_DATE_REASON} AS why") + ", id"
        cursor = self.conn.execute(
            f"SELECT {columns} FROM claims WHERE event_date >= ? AND event_date <= ? ORDER BY event_date, id",
            (start.isoformat(), end.isoformat()),
        )
        return self._apply_corrections([_row_to_claim(r) for r in cursor], include_rejected)

    def _apply_corrections(self, claims: list[Claim], include_rejected: bool) -> list[Claim]:
        """The claims with the reader's corrections and "not an incident" marks laid over (`tally.corrected`)."""
        story_ids = sorted({c.story_id for c in claims})
        corrections = {
            (r[0], r[1], r[2]): Correction(r[3], r[4], r[5])
            for r in self.rows_for_ids(
                "SELECT story_id, claimant, side_affected, action, killed, wounded FROM claim_corrections"
                " WHERE story_id IN ({ids})", story_ids,
            )
        }
        not_incidents = {
            r[0] for r in self.rows_for_ids(
                "SELECT story_id FROM story_marks WHERE is_incident = 0 AND story_id IN ({ids})", story_ids
            )
        }
        out = [
            corrected(c, corrections.get((c.story_id, c.claimant, c.side_affected)), c.story_id in not_incidents)
            for c in claims
        ]
        return out if include_rejected else [c for c in out if c.status != "rejected"]

    def story_times(self, story_ids: list[str]) -> dict[str, datetime]:
        """Publication (else first-seen) time of each story: which claim is the later one."""
        return {r[0]: from_text(r[1]) for r in self.rows_for_ids("SELECT id, sort_time FROM stories WHERE id IN ({ids})",
                                                                   story_ids)}

    def incidents_between(self, start: date, end: date, include_rejected: bool = False) -> list[Incident]:
        """Incidents with every claim (corrections applied), newest first, read from one snapshot."""
        with self.snapshot():
            return self._incidents_between(start, end, include_rejected)

    def _incidents_between(self, start: date, end: date, include_rejected: bool) -> list[Incident]:
        claims = self.claims_between(start, end, include_rejected)
        stored = {
            r["id"]: Incident(
                id=r["id"], event_date=date.fromisoformat(r["event_date"]), locations=json.loads(r["locations"]),
                sector=r["sector"], event_type=r["event_type"], kind=r["kind"],
            )
            for r in self.conn.execute(
                "SELECT * FROM incidents WHERE event_date >= ? AND event_date <= ?",
                (start.isoformat(), end.isoformat()),
            )
        }
        times = self.story_times(sorted({c.story_id for c in claims}))
        incidents = assemble_incidents(claims, stored, times) + self._marked_incidents(start, end)
        incidents.sort(key=lambda i: (i.event_date, i.id), reverse=True)
        return incidents

    def incidents_reported_by(self, story_ids: list[str]) -> list[Incident]:
        """Incidents that these stories report, whatever day they happened (a digest's "reported today")."""
        if not story_ids:
            return []
        row = self.conn.execute(
            "SELECT min(event_date), max(event_date) FROM claims WHERE story_id IN (SELECT value FROM json_each(?))",
            (json.dumps(story_ids),),
        ).fetchone()
        if row[0] is None:
            return []
        wanted = set(story_ids)
        return [
            inc for inc in self.incidents_between(date.fromisoformat(row[0]), date.fromisoformat(row[1]))
            if any(c.story_id in wanted for c in inc.claims)
        ]

    def _marked_incidents(self, start: date, end: date) -> list[Incident]:
        """Stories the reader marked as incidents (or tagged "incident") that carry no claim: each is an
        incident without figures, listed and counted like any other."""
        rows = self.conn.execute(
            "SELECT s.id, s.sort_time FROM stories s WHERE s.sort_time >= ? AND s.sort_time < ?"
            " AND NOT EXISTS (SELECT 1 FROM claims c WHERE c.story_id = s.id)"
            " AND (EXISTS (SELECT 1 FROM story_marks m WHERE m.story_id = s.id AND m.is_incident = 1)"
            "      OR EXISTS (SELECT 1 FROM story_tags t WHERE t.story_id = s.id AND t.tag = 'incident'))",
            _day_bounds(start, end),
        ).fetchall()
        return [
            Incident(id=f"story:{sid}", event_date=from_text(sort_time).date(), marked_story=sid)
            for sid, sort_time in rows
        ]

    def unread_incident_stories(self, since: datetime | None = None, until: datetime | None = None) -> list[Story]:
        """Stories published in [since, until) that read as incident reports but gave no figure the
        extractor understood, and that the reader has not yet marked either way; newest first.

        Listed for a person to read (the incidents screen, the digest), so the tally never
        undercounts in silence.  A story the reader marked (or tagged "incident") has been read.
        """
        rows = self.conn.execute(
            f"SELECT {_LIST_COLUMNS} FROM stories s LEFT JOIN feeds f ON f.name = s.feed"
            " WHERE s.unread_incident = 1 AND s.sort_time >= ? AND s.sort_time < ?"
            " AND NOT EXISTS (SELECT 1 FROM story_marks m WHERE m.story_id = s.id)"
            " AND NOT EXISTS (SELECT 1 FROM story_tags t WHERE t.story_id = s.id AND t.tag = 'incident')"
            " ORDER BY s.sort_time DESC, s.id DESC",
            (to_text(since) if since else "", to_text(until) if until else "~"),
        ).fetchall()
        return [_row_to_story(r, full=False) for r in rows]

    def tally(self, start: date, end: date) -> Tally:
        """Incidents in [start, end] counted once, figures per (claimant, side): see `briefing.tally`."""
        return build_tally(self.incidents_between(start, end), start, end)
