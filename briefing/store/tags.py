"""Tags the reader puts on stories; written at once so quitting never loses one."""

from __future__ import annotations

from dataclasses import dataclass

from .db import Database, to_text, utc_now


@dataclass(slots=True)
class TagCount:
    name: str
    stories: int
    unread: int


def clean_tag(name: str) -> str:
    """Tags are single-line, trimmed, and free of control characters."""
    name = "".join(ch for ch in name if ch.isprintable()).strip()
    if not name:
        raise ValueError("a tag needs at least one visible character")
    if len(name) > 64:
        raise ValueError("a tag is at most 64 characters")
    return name


class TagsMixin(Database):
    def add_tag(self, story_id: str, tag: str) -> None:
        tag = clean_tag(tag)
        now = to_text(utc_now())
        with self.transaction() as conn:
            conn.execute("INSERT OR IGNORE INTO tags (name, created) VALUES (?, ?)", (tag, now))
            # Keep the spelling the tag was first created with.
            stored = conn.execute("SELECT name FROM tags WHERE name = ?", (tag,)).fetchone()[0]
            conn.execute(
                "INSERT OR IGNORE INTO story_tags (story_id, tag, tagged) VALUES (?, ?, ?)",
                (story_id, stored, now),
            )

    def remove_tag(self, story_id: str, tag: str) -> None:
        """Take a tag off a story; a tag left on no story is gone (it would linger in the sidebar)."""
        with self.transaction() as conn:
            conn.execute("DELETE FROM story_tags WHERE story_id = ? AND tag = ?", (story_id, tag))
            conn.execute("DELETE FROM tags WHERE name = ? AND NOT EXISTS"
                         " (SELECT 1 FROM story_tags WHERE tag = ?)", (tag, tag))

    def rename_tag(self, old: str, new: str) -> str:
        """Rename a tag on every story (merging into `new` if it exists); returns the name kept."""
        new = clean_tag(new)
        now = to_text(utc_now())
        with self.transaction() as conn:
            conn.execute("INSERT OR IGNORE INTO tags (name, created) VALUES (?, ?)", (new, now))
            kept = conn.execute("SELECT name FROM tags WHERE name = ?", (new,)).fetchone()[0]
            if kept == old:  # only the case changes: same row under NOCASE
                conn.execute("UPDATE tags SET name = ? WHERE name = ?", (new, old))
                conn.execute("UPDATE story_tags SET tag = ? WHERE tag = ?", (new, old))
                return new
            conn.execute(
                "INSERT OR IGNORE INTO story_tags (story_id, tag, tagged) SELECT story_id, ?, tagged"
                " FROM story_tags WHERE tag = ?", (kept, old),
            )
            conn.execute("DELETE FROM story_tags WHERE tag = ?", (old,))
            conn.execute("DELETE FROM tags WHERE name = ?", (old,))
        return kept

    def delete_tag(self, name: str) -> int:
        """Take a tag off every story and forget it; returns how many stories had it."""
        with self.transaction() as conn:
            count = conn.execute("SELECT count(*) FROM story_tags WHERE tag = ?", (name,)).fetchone()[0]
            conn.execute("DELETE FROM story_tags WHERE tag = ?", (name,))
            conn.execute("DELETE FROM tags WHERE name = ?", (name,))
        return count

    def toggle_tag(self, story_id: str, tag: str) -> tuple[bool, str]:
        """Add the tag if the story lacks it, else remove it; return whether it is now on, and the tag's
        stored spelling (typing "INCIDENT" toggles the existing "incident")."""
        tag = clean_tag(tag)
        with self.transaction() as conn:
            stored = conn.execute("SELECT name FROM tags WHERE name = ?", (tag,)).fetchone()
            name = stored[0] if stored else tag
            on = conn.execute(
                "SELECT 1 FROM story_tags WHERE story_id = ? AND tag = ?", (story_id, tag)
            ).fetchone()
            if on:
                self.remove_tag(story_id, name)
                return False, name
            self.add_tag(story_id, tag)
            return True, name

    def story_tags(self, story_id: str) -> list[str]:
        rows = self.db["story_tags"].rows_where("story_id = ?", [story_id], select="tag",
                                                order_by="tag COLLATE NOCASE")
        return [r["tag"] for r in rows]

    def tag_counts(self) -> list[TagCount]:
        rows = self.conn.execute(
            "SELECT t.name, count(st.story_id), coalesce(sum(s.read = 0 AND s.duplicate_of_newer = 0), 0)"
            " FROM tags t LEFT JOIN story_tags st ON st.tag = t.name"
            " LEFT JOIN stories s ON s.id = st.story_id"
            " GROUP BY t.name HAVING count(st.story_id) > 0 ORDER BY t.name COLLATE NOCASE"
        ).fetchall()
        return [TagCount(name, stories, unread) for name, stories, unread in rows]
