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
        with self.transaction() as conn:
            conn.execute("DELETE FROM story_tags WHERE story_id = ? AND tag = ?", (story_id, tag))

    def toggle_tag(self, story_id: str, tag: str) -> bool:
        """Add the tag if the story lacks it, else remove it; return whether it is now on."""
        tag = clean_tag(tag)
        with self.transaction() as conn:
            on = conn.execute(
                "SELECT 1 FROM story_tags WHERE story_id = ? AND tag = ?", (story_id, tag)
            ).fetchone()
            if on:
                self.remove_tag(story_id, tag)
                return False
            self.add_tag(story_id, tag)
            return True

    def story_tags(self, story_id: str) -> list[str]:
        rows = self.conn.execute(
            "SELECT tag FROM story_tags WHERE story_id = ? ORDER BY tag COLLATE NOCASE", (story_id,)
        ).fetchall()
        return [r[0] for r in rows]

    def tag_counts(self) -> list[TagCount]:
        rows = self.conn.execute(
            "SELECT t.name, count(st.story_id), coalesce(sum(s.read = 0 AND s.duplicate_of_newer = 0), 0)"
            " FROM tags t LEFT JOIN story_tags st ON st.tag = t.name"
            " LEFT JOIN stories s ON s.id = st.story_id"
            " GROUP BY t.name ORDER BY t.name COLLATE NOCASE"
        ).fetchall()
        return [TagCount(name, stories, unread) for name, stories, unread in rows]

    def tagged_story_ids(self, tag: str) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT story_id FROM story_tags WHERE tag = ?", (tag,))]
