"""The pending-work record: stories stored but not yet fully processed.

`save_stories` marks every new or changed story here in the transaction that
stores it; the pipeline removes a mark only after the story's claims, incident
groups and near-duplicate groups are written.  So "what still needs processing"
survives any kill, and every run finishes what an earlier one left.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from .db import Database


MANY = 100_000  # marks beyond which reading them all to sort costs more than walking the list


@dataclass(frozen=True, slots=True)
class PendingMark:
    """One story waiting for processing; `n` tells this mark from a later one of the same story."""

    story_id: str
    n: int


def mark_pending(conn: sqlite3.Connection, story_ids: list[str]) -> None:
    """Record that these stories need processing (inside the caller's transaction).

    REPLACE gives a story already waiting a newer `n`, so a run processing its
    older content cannot clear the mark of the newer one.
    """
    conn.executemany("INSERT OR REPLACE INTO pending (story_id) VALUES (?)", [(i,) for i in story_ids])


class PendingMixin(Database):
    def pending_marks(self, limit: int) -> list[PendingMark]:
        """The oldest `limit` stories still waiting, oldest first.

        A fetch leaves a few thousand marks: they are read and sorted (CROSS JOIN keeps SQLite from
        walking the whole list index for them, 2 s at a million stories even with none waiting).
        `doctor --all` leaves one per story: then walking the list in time order is the cheap way.
        """
        few = self.conn.execute("SELECT count(*) FROM (SELECT 1 FROM pending LIMIT ?)", (MANY,)).fetchone()[0] < MANY
        rows = self.conn.execute(
            f"SELECT p.story_id, p.n FROM pending p {'CROSS JOIN' if few else 'JOIN'} stories s ON s.id = p.story_id"
            " ORDER BY s.sort_time, s.id LIMIT ?",
            (limit,),
        ).fetchall()
        return [PendingMark(r[0], r[1]) for r in rows]

    def pending_marks_of(self, story_ids: list[str]) -> list[PendingMark]:
        """The marks of these stories, for a caller that processes stories it names."""
        rows = self.conn.execute(
            "SELECT story_id, n FROM pending WHERE story_id IN (SELECT value FROM json_each(?))",
            (json.dumps(story_ids),),
        ).fetchall()
        return [PendingMark(r[0], r[1]) for r in rows]

    def pending_count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM pending").fetchone()[0]

    def finish_pending(self, marks: list[PendingMark]) -> None:
        """Clear these marks, unless the story was marked again since they were read."""
        if not marks:
            return
        with self.transaction() as conn:
            conn.execute(
                "DELETE FROM pending WHERE n IN (SELECT value FROM json_each(?))",
                (json.dumps([m.n for m in marks]),),
            )

    def processing_gaps(self) -> list[str]:
        """Stories whose derived data is visibly incomplete though no mark says so.

        Claims without an incident (or pointing at one that is gone), and stories whose
        "reports an incident" flag disagrees with their claims: what a run of an older
        briefing, killed mid-way, could leave.  `briefing doctor` marks them pending.
        """
        rows = self.conn.execute(
            "SELECT DISTINCT c.story_id FROM claims c LEFT JOIN incidents i ON i.id = c.incident_id"
            " WHERE i.id IS NULL"
            " UNION SELECT s.id FROM stories s WHERE s.has_incident = 0"
            "   AND EXISTS (SELECT 1 FROM claims c WHERE c.story_id = s.id)"
            "   AND NOT EXISTS (SELECT 1 FROM story_marks m WHERE m.story_id = s.id AND m.is_incident = 0)"
        ).fetchall()
        waiting = {r[0] for r in self.conn.execute("SELECT story_id FROM pending")}
        return sorted(r[0] for r in rows if r[0] not in waiting)

    def mark_stories_pending(self, story_ids: list[str]) -> None:
        with self.transaction() as conn:
            mark_pending(conn, story_ids)

    def mark_all_pending(self) -> int:
        """Every story waits for processing again (`briefing doctor --all`); returns how many."""
        with self.transaction() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO pending (story_id) SELECT id FROM stories ORDER BY sort_time, id"
            )
        return self.pending_count()
