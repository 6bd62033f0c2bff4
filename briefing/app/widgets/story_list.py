"""The story list: a line-API widget that holds a window of rows, never the whole list.

With 100,000 stories a DataTable or ListView would build 100,000 rows before the
first paint.  This widget instead knows only how many rows the filter matches
(`Store.count_stories`) and keeps about `WINDOW` rows around the cursor
(`Store.story_window`); `render_line` draws whichever rows are on screen and never
reads the database: rows scrolled into view from outside the window, and the rows
ahead of a cursor nearing the window's edge, are read by the window loader (a
worker with its own read-only connection) and posted back as `WindowLoaded`.

Near-duplicate stories arrive collapsed (one row with "+N sources"); `x`
expands a row in place.  Expanded members are "virtual" rows inserted after
their head row, so positions on screen are mapped back to database offsets.

Every string drawn here comes from a feed and is untrusted: it is turned into
plain `Segment`s (never markup) with control characters replaced, so a title
like ``[@click=app.quit]x[/]`` is just those characters.
"""

from __future__ import annotations

import webbrowser
from bisect import bisect_right
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from threading import Lock
from typing import Callable

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events, work
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...models import Story
from ...store import SearchError, Store, StoryFilter
from ..screens.tag_picker import TagPicker
from ..text import fit, plain

WINDOW = 400  # rows kept in memory around the cursor
MARGIN = 100  # refill the window when the cursor gets this close to its edge
# A search's count stops here at first ("10,000+"); the exact number is counted in a worker (at a
# million stories a common word's count takes ~0.3 s, ten times what the first screen may take).
COUNT_FIRST = 10_000
TIME_WIDTH = 6
LANGUAGE_WIDTH = 2
# The source column narrows on small terminals so the title keeps most of the row.
SOURCE_WIDTHS = ((110, 20), (70, 14), (0, 10))  # (list width at least, source column)
TITLE_ROOM = 24  # cells a title keeps before chips and "+N sources" are given room


def source_width(list_width: int) -> int:
    return next(source for at_least, source in SOURCE_WIDTHS if list_width >= at_least)


@dataclass(slots=True)
class Row:
    """One line of the list: a story and whether it is an expanded cluster member."""

    story: Story
    member: bool = False


class StoryList(ScrollView, can_focus=True):
    """Stories newest first, drawn a line at a time from a window of store rows."""

    BINDINGS = [
        Binding("j,down", "cursor_down", "Down", show=False, id="story_list.down"),
        Binding("k,up", "cursor_up", "Up", show=False, id="story_list.up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="story_list.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="story_list.page_up"),
        Binding("home,g", "first", "First", show=False, id="story_list.first"),
        Binding("end,G", "last", "Last", show=False, id="story_list.last"),
        Binding("enter", "open", "Open", id="story_list.open"),
        Binding("x", "expand", "Other sources", show=False, id="story_list.expand"),
        Binding("t", "tag", "Tag", id="story_list.tag"),
        Binding("s", "star", "Star", id="story_list.star"),
        Binding("m", "toggle_read", "Read/unread", id="story_list.toggle_read", show=False),
        Binding("o", "open_link", "Open link", show=False, id="story_list.open_link"),
        Binding("n", "next_unread(1)", "Next unread", show=False, id="story_list.next_unread"),
        Binding("N", "next_unread(-1)", "Previous unread", show=False, id="story_list.previous_unread"),
        *(
            Binding(str(n), f"quick_tag({n})", f"Quick tag {n}", show=False, id=f"story_list.quick_tag_{n}")
            for n in range(1, 10)
        ),
    ]

    COMPONENT_CLASSES = {
        "story-list--cursor",
        "story-list--unread",
        "story-list--read",
        "story-list--time",
        "story-list--source",
        "story-list--language",
        "story-list--mark",
        "story-list--star",
        "story-list--incident",
        "story-list--tag",
        "story-list--sources",
        "story-list--member",
        "story-list--empty",
    }


    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    @dataclass
    class Highlighted(Message):
        """The cursor is on a new row (`index` of `total`; of at least `total` while `more`)."""

        story_list: StoryList
        story: Story | None
        index: int
        total: int
        more: bool = False

        @property
        def control(self) -> StoryList:
            return self.story_list

    @dataclass
    class Opened(Message):
        """The reader asked to read a story."""

        story: Story

    @dataclass
    class StoryChanged(Message):
        """A story's tags, read or starred state was written to the store."""

        story: Story

    @dataclass
    class Counted(Message, bubble=False):
        """The exact count of a selection first shown as "at least", for the selection it was asked for."""

        generation: int
        count: int

    @dataclass
    class WindowLoaded(Message, bubble=False):
        """Rows the window loader read in a worker, for the list as it was when they were asked for."""

        generation: int
        start: int
        rows: list[Story]

    def __init__(
        self,
        store: Store,
        *,
        quick_tags: list[str] | None = None,
        now: Callable[[], datetime] | None = None,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.store = store
        self.quick_tags = list(quick_tags or [])
        self.now = now or (lambda: datetime.now(timezone.utc))
        self.filter = StoryFilter(collapse_clusters=True)
        # What an empty list says: no stories at all, or none matching the filter.
        self.empty_message: list[str] = ["No stories."]
        self.no_match_message: list[str] = ["No stories match this selection."]
        self._count = 0
        self._window_start = 0
        self._window: list[Story] = []
        # Expanded clusters: head story id → its other members.
        self._expanded: dict[str, list[Story]] = {}
        # (database offset of the head, head id), sorted by offset.
        self._inserts: list[tuple[int, str]] = []
        # Drawing never reads the database: a row outside the window is asked of the window loader
        # (a worker with its own read-only connection), and its answer is kept only if the selection
        # and the rows have not changed since it was asked (`_generation`).
        self._generation = 0
        self._asked: int | None = None  # the offset the loader is reading around, if any
        self._loader: Store | None = None
        self._loader_lock = Lock()
        # A count that stopped at COUNT_FIRST ("at least"), and which selection the counter works for.
        self._more = False
        self._count_generation = 0
        self._counter: Store | None = None
        self._counter_lock = Lock()

    # --- size and mapping -------------------------------------------------------

    @property
    def row_count(self) -> int:
        """Rows on screen: stories matching the filter plus expanded cluster members."""
        return self._count + sum(len(m) for m in self._expanded.values())

    @property
    def story_count(self) -> int:
        return self._count

    def _locate(self, line: int) -> tuple[int, int | None]:
        """Screen row → (database offset, member index or None for the head row itself)."""
        extra = 0
        for offset, head in self._inserts:
            if line <= offset + extra:
                break
            members = len(self._expanded.get(head, ()))
            if line <= offset + extra + members:
                return offset, line - offset - extra - 1
            extra += members
        return line - extra, None

    def _line_of(self, offset: int) -> int:
        """Database offset → screen row."""
        extra = 0
        for head_offset, head in self._inserts:
            if head_offset >= offset:
                break
            extra += len(self._expanded.get(head, ()))
        return offset + extra

    def _load_window(self, offset: int) -> None:
        start = max(0, offset - WINDOW // 2)
        self._window = self.store.story_window(self.filter, start, WINDOW)
        self._window_start = start

    def _in_window(self, offset: int) -> bool:
        return 0 <= offset - self._window_start < len(self._window)

    def _story_at_offset(self, offset: int, load: bool = True) -> Story | None:
        """The story at a database offset; on a miss it is read now (`load`) or not at all."""
        if not 0 <= offset < self._count:
            return None
        if not self._in_window(offset):
            if not load:
                return None
            self._load_window(offset)
        index = offset - self._window_start
        return self._window[index] if 0 <= index < len(self._window) else None

    def row_at(self, line: int, load: bool = True) -> Row | None:
        """The row on screen line `line`; with `load=False` only from the rows in memory."""
        if not 0 <= line < self.row_count:
            return None
        offset, member = self._locate(line)
        story = self._story_at_offset(offset, load)
        if story is None:
            return None
        if member is None:
            return Row(story)
        members = self._expanded.get(story.id, [])
        return Row(members[member], member=True) if member < len(members) else None

    @property
    def current(self) -> Story | None:
        """The story under the cursor."""
        row = self.row_at(self.cursor)
        return row.story if row else None

    # --- loading ----------------------------------------------------------------

    def set_filter(self, story_filter: StoryFilter, keep: str | None = None) -> None:
        """Show another selection, the cursor on story `keep` if it is in it (else on the first row);
        raises SearchError (and changes nothing) on a bad query."""
        with self.store.snapshot():  # the count and the first rows from one state of the database
            count = self.store.count_stories(story_filter, at_most=COUNT_FIRST)
            window = self.store.story_window(story_filter, 0, WINDOW)
        self.filter = story_filter
        self._generation += 1
        self._set_count(count)
        self._expanded.clear()
        self._inserts = []
        self._window = window
        self._window_start = 0
        self._update_size()
        line = self._kept_line(story_filter, keep, count)
        height = max(self.scrollable_content_region.height, 1)
        self.scroll_to(y=max(0, line - height // 2), animate=False, immediate=True)
        self.cursor = line

    def _set_count(self, count: int) -> None:
        """The selection's size; a search count that stopped at COUNT_FIRST is finished by a worker."""
        self._count = count
        self._count_generation += 1
        self._more = count >= COUNT_FIRST and bool(self.filter.query.strip())
        if self._more:
            self._full_count(self.filter, self._count_generation)

    @work(thread=True, exclusive=True, group="story-count", exit_on_error=False)
    def _full_count(self, story_filter: StoryFilter, generation: int) -> None:
        with self._counter_lock:
            if self._counter is None:
                self._counter = Store(self.store.path, readonly=True)
            count = self._counter.count_stories(story_filter)
        self.post_message(self.Counted(generation, count))

    def on_story_list_counted(self, message: Counted) -> None:
        if message.generation != self._count_generation or not self._more:
            return  # the selection changed (or was counted again) since
        self._count, self._more = max(message.count, self._count), False
        self._update_size()
        self.refresh()
        self.post_message(self.Highlighted(self, self.current, self.cursor, self.row_count))

    def _kept_line(self, story_filter: StoryFilter, keep: str | None, count: int) -> int:
        """Where story `keep` sits in the new selection, else 0.  Looked up in the rows just read first;
        a search starts at its first hit, so only a plain filter pays for a position query."""
        if keep is None:
            return 0
        for i, story in enumerate(self._window):
            if story.id == keep:
                return i
        if story_filter.query.strip():
            return 0
        position = self.store.position_of(story_filter, keep)
        return position if position is not None and position < count else 0

    def go_to(self, story_id: str) -> bool:
        """Put the cursor on a story of this list; False if the list does not show it."""
        position = self.store.position_of(self.filter, story_id)
        if position is None or position >= self._count:
            return False
        line = self._line_of(position)
        height = max(self.scrollable_content_region.height, 1)
        if not round(self.scroll_y) <= line < round(self.scroll_y) + height:
            self.scroll_to(y=max(0, line - height // 2), animate=False, immediate=True)
        self.cursor = line
        return True

    def reload(self) -> None:
        """Re-read the list after the database changed, keeping the cursor on its story.

        The row under the cursor keeps its place on screen: if three stories
        arrived above it, cursor and scroll both move down by three, so what the
        reader sees does not jump.  Only a reader at the very top, with the
        cursor's story still on screen, sees the new rows appear above it.
        """
        keep = self.row_at(self.cursor)
        screen_row = self.cursor - round(self.scroll_y)
        head_id: str | None = None
        member_index: int | None = None
        if keep is not None and keep.member:
            offset, member_index = self._locate(self.cursor)
            head = self._story_at_offset(offset)
            head_id = head.id if head else None
        elif keep is not None:
            head_id = keep.story.id
        self._generation += 1
        # Count, positions and the rows around the cursor come from one snapshot: a fetcher
        # committing between them would otherwise shift the rows under the cursor by its news.
        with self.store.snapshot():
            try:
                count = self.store.count_stories(self.filter, at_most=COUNT_FIRST)
            except SearchError:
                return
            line = 0
            position = self.store.position_of(self.filter, head_id) if head_id is not None else None
            if position is not None and position >= count:
                count = self.store.count_stories(self.filter)  # a reader deep in a long search: count it all
            self._set_count(count)
            self._window = []
            self._reload_expanded()
            if position is not None:
                position = min(position, max(self._count - 1, 0))
                line = self._line_of(position) + (member_index + 1 if member_index is not None else 0)
                self._load_window(position)
        self._update_size()
        line = min(line, max(self.row_count - 1, 0))
        at_top = round(self.scroll_y) == 0
        if at_top and line < self.scrollable_content_region.height:
            top = 0  # reading from the top: new stories appear above, the cursor stays on its story
        else:
            top = max(0, line - screen_row)
        self.scroll_to(y=top, animate=False, immediate=True)
        self.cursor = line
        self.refresh()

    def _reload_expanded(self) -> None:
        """Find where each expanded head sits now, dropping heads that left the list."""
        inserts: list[tuple[int, str]] = []
        for head_id in list(self._expanded):
            position = self.store.position_of(self.filter, head_id)
            head = self._story_at_offset(position) if position is not None else None
            if head is None or head.id != head_id or not head.duplicate_ids:
                del self._expanded[head_id]
                continue
            self._expanded[head_id] = self.store.stories_by_ids(head.duplicate_ids, full=False)
            self._expanded[head_id].sort(key=lambda s: (s.when or datetime.min.replace(tzinfo=timezone.utc)),
                                         reverse=True)
            inserts.append((position, head_id))
        self._inserts = sorted(inserts)

    def update_story(self, story: Story) -> None:
        """Replace a cached row after this app changed it, without re-reading the window."""
        self._generation += 1  # a window read before the change would bring the old row back
        for rows in (self._window, *self._expanded.values()):
            for i, cached in enumerate(rows):
                if cached.id == story.id:
                    rows[i] = replace(story, duplicate_ids=cached.duplicate_ids)
        self.refresh()

    def _update_size(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, self.row_count)

    def on_resize(self, event: events.Resize) -> None:
        self._update_size()

    # --- cursor -----------------------------------------------------------------

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, self.row_count - 1)) if self.row_count else 0

    def watch_cursor(self, old: int, new: int) -> None:
        self._prefetch(new)
        self._scroll_cursor_into_view()
        self.refresh()
        self.post_message(self.Highlighted(self, self.current, new, self.row_count, self._more))

    def _prefetch(self, line: int) -> None:
        """Move the window before the cursor reaches its edge, so a keypress never waits on a miss."""
        offset, _ = self._locate(line)
        start, end = self._window_start, self._window_start + len(self._window)
        near_start = start > 0 and offset - start < MARGIN
        near_end = end < self._count and end - offset < MARGIN
        if not self._window or not start <= offset < end:
            self._load_window(offset)  # the cursor's own row is needed now
        elif near_start or near_end:
            self._ask_window(offset)  # the rows ahead of it, read in the worker meanwhile

    def _ask_window(self, offset: int) -> None:
        """Have the window loader read the rows around `offset`, unless it is already reading near there."""
        if self._asked is not None and abs(self._asked - offset) < MARGIN:
            return
        self._asked = offset
        self._window_loader(self.filter, offset, self._generation)

    @work(thread=True, exclusive=True, group="story-window", exit_on_error=False)
    def _window_loader(self, story_filter: StoryFilter, offset: int, generation: int) -> None:
        start = max(0, offset - WINDOW // 2)
        with self._loader_lock:
            if self._loader is None:
                self._loader = Store(self.store.path, readonly=True)
            rows = self._loader.story_window(story_filter, start, WINDOW)
        self.post_message(self.WindowLoaded(generation, start, rows))

    def on_story_list_window_loaded(self, message: WindowLoaded) -> None:
        self._asked = None
        if message.generation != self._generation:
            return  # the selection or a row changed since: these rows may be stale
        self._window, self._window_start = message.rows, message.start
        self.refresh()

    def on_unmount(self) -> None:
        with self._loader_lock:
            if self._loader is not None:
                self._loader.close()
                self._loader = None
        with self._counter_lock:
            if self._counter is not None:
                self._counter.close()
                self._counter = None

    def _scroll_cursor_into_view(self) -> None:
        height = self.scrollable_content_region.height
        if height <= 0:
            return
        top = round(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_page_down(self) -> None:
        self.cursor += max(1, self.scrollable_content_region.height - 1)

    def action_page_up(self) -> None:
        self.cursor -= max(1, self.scrollable_content_region.height - 1)

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = self.row_count - 1

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        line = round(self.scroll_y) + offset.y
        if 0 <= line < self.row_count:
            self.cursor = line
            if event.chain >= 2:
                self.action_open()

    # --- actions on the story under the cursor ----------------------------------

    def _changed(self, story_id: str) -> None:
        """Re-read one story after writing it, and tell the app."""
        fresh = self.store.stories_by_ids([story_id], full=False)
        if fresh:
            self.update_story(fresh[0])
            self.post_message(self.StoryChanged(fresh[0]))

    def _with_hidden(self, story: Story) -> list[str]:
        """The story and, on a collapsed "+N sources" row, the near-duplicates hidden behind it: reading
        the lead reads them all, so unread counts (which count rows) reach zero."""
        row = self.row_at(self.cursor)
        hidden = story.duplicate_ids if row is not None and not row.member and story.id not in self._expanded else []
        return [story.id, *hidden]

    def action_open(self) -> None:
        story = self.current
        if story is None:
            return
        if not story.read:
            self.store.set_read(self._with_hidden(story), True)
            self._changed(story.id)
        self.post_message(self.Opened(story))

    def action_next_unread(self, step: int = 1) -> None:
        """n / N (as in newsboat): the next (previous) unread story, opened."""
        story = self.current
        found = self.store.next_unread(self.filter, story.id if story else None, forward=step > 0)
        if found is None or not self.go_to(found):
            self.notify(f"No {'more' if step > 0 else 'earlier'} unread stories here.", timeout=2)
            return
        self.action_open()

    def action_expand(self) -> None:
        """Show or hide the other outlets' versions of the story under the cursor."""
        line = self.cursor
        offset, member = self._locate(line)
        head = self._story_at_offset(offset)
        if head is None:
            return
        if head.id in self._expanded:
            del self._expanded[head.id]
            self._inserts = [(o, h) for o, h in self._inserts if h != head.id]
            self._update_size()
            self.cursor = self._line_of(offset)
            return
        if not head.duplicate_ids:
            self.notify("This story has no other sources.", timeout=2)
            return
        members = self.store.stories_by_ids(head.duplicate_ids, full=False)
        members.sort(key=lambda s: (s.when or datetime.min.replace(tzinfo=timezone.utc)), reverse=True)
        self._expanded[head.id] = members
        index = bisect_right(self._inserts, (offset, head.id))
        self._inserts.insert(index, (offset, head.id))
        self._update_size()
        self.cursor = self._line_of(offset)

    def action_star(self) -> None:
        story = self.current
        if story is None:
            return
        self.store.set_starred(story.id, not story.starred)
        self._changed(story.id)

    def action_toggle_read(self) -> None:
        story = self.current
        if story is None:
            return
        self.store.set_read(self._with_hidden(story), not story.read)
        self._changed(story.id)

    def action_quick_tag(self, number: int) -> None:
        story = self.current
        if story is None:
            return
        if not 1 <= number <= len(self.quick_tags):
            self.notify(f"No quick tag {number}: set [tags] quick in feeds.toml.", timeout=3, markup=False)
            return
        self.toggle_tag(story, self.quick_tags[number - 1])

    def toggle_tag(self, story: Story, tag: str) -> None:
        try:
            on, name = self.store.toggle_tag(story.id, tag)
        except ValueError as error:
            self.notify(str(error), severity="warning", markup=False)
            return
        self.notify(f"{'Tagged' if on else 'Untagged'} “{plain(name)}”", timeout=2, markup=False)
        self._changed(story.id)

    def action_tag(self) -> None:
        story = self.current
        if story is None:
            return
        existing = [t.name for t in self.store.tag_counts()]
        current = self.store.story_tags(story.id)

        def picked(tag: str | None) -> None:
            if tag:
                self.toggle_tag(story, tag)

        self.app.push_screen(TagPicker(existing, current, self.quick_tags), picked)

    def action_open_link(self) -> None:
        story = self.current
        if story is None:
            return
        url = plain(story.url.strip())
        if not url.lower().startswith(("http://", "https://")):
            self.notify("This story has no web link to open.", severity="warning", timeout=3)
            return
        try:
            webbrowser.get()
        except webbrowser.Error:
            self.notify(f"No web browser found (set $BROWSER). The link: {url}", severity="warning", timeout=10,
                        markup=False)
            return
        self.app.open_url(url)
        self.notify(f"Opening in your browser: {url}", timeout=3, markup=False)

    # --- drawing ----------------------------------------------------------------

    def _when(self, story: Story) -> str:
        """`14:05` today, `25 Nov` within the last ten months or so, the year before that."""
        moment = story.when
        if moment is None:
            return ""
        local = moment.astimezone()
        today = self.now().astimezone().date()
        if local.date() == today:
            return local.strftime("%H:%M")
        if (today - local.date()).days < 300:
            return f"{local.day:>2} {local:%b}"
        return local.strftime("%Y")

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        line = round(self.scroll_y) + y
        if self._count == 0:
            unfiltered = self.filter == StoryFilter(collapse_clusters=True)
            lines = self.empty_message if unfiltered else self.no_match_message
            text = lines[y] if y < len(lines) else ""
            style = self.get_component_rich_style("story-list--empty")
            return Strip([Segment(set_cell_size(plain(text), width), base + style)], width)
        row = self.row_at(line, load=False)  # drawing never waits on the database
        if row is None:
            offset, _ = self._locate(line)
            if 0 <= offset < self._count and not self._in_window(offset):
                self._ask_window(offset)  # scrolled away from the cursor: the loader brings the rows
            return Strip.blank(width, base)
        segments = self._row_segments(row, width, base)
        strip = Strip(segments).crop_extend(0, width, base)
        if line == self.cursor:
            cursor = self.get_component_rich_style("story-list--cursor")
            strip = Strip(Segment.apply_style(list(strip), post_style=cursor), width)
        return strip

    def _row_segments(self, row: Row, width: int, base: Style) -> list[Segment]:
        story = row.story
        style = self.get_component_rich_style
        body = base + style("story-list--read" if story.read else "story-list--unread")
        mark = style("story-list--mark")
        segments = [
            Segment("●" if not story.read else " ", body + mark),
            Segment("★" if story.starred else " ", body + style("story-list--star")),
            Segment("▲" if story.has_incident else " ", body + style("story-list--incident")),
            Segment(" ", body),
            Segment(set_cell_size(self._when(story), TIME_WIDTH) + " ", body + style("story-list--time")),
        ]
        source = plain(story.feed)
        if row.member:
            source = "└ " + source
        segments.append(Segment(fit(source, source_width(width)) + " ", body + style("story-list--source")))
        # The language the title is written in, before the title: `ru`, `hy`, `az`, `en`.
        segments.append(Segment(fit(plain(story.language), LANGUAGE_WIDTH) + " ", body + style("story-list--language")))
        used = sum(cell_len(s.text) for s in segments)
        tail = self._tail(story, row, body, width - used - TITLE_ROOM)
        room = width - used - sum(cell_len(s.text) for s in tail)
        title = plain(story.title)
        if cell_len(title) > room:
            title = fit(title, room)
        title_style = body + (style("story-list--member") if row.member else Style())
        segments.append(Segment(title, title_style))
        segments.extend(tail)
        return segments

    def _tail(self, story: Story, row: Row, body: Style, room: int) -> list[Segment]:
        """"+N sources" and the tag chips in `room` cells: chips that do not fit become "+2 tags", and
        "+N sources" goes last, so a third tag never wipes the label or the other chips."""
        style = self.get_component_rich_style
        tail: list[Segment] = []
        sources = ""
        if story.duplicate_ids and not row.member:
            others = len(story.duplicate_ids)
            sources = f" +{others} source" if others == 1 else f" +{others} sources"
        left = room - cell_len(sources)
        if left < 0:
            return []
        tail.append(Segment(sources, body + style("story-list--sources")))
        for n, tag in enumerate(story.tags):
            chip = f" {plain(tag)} "
            rest = len(story.tags) - n - 1
            more = f" +{rest} tag{'s' if rest > 1 else ''}" if rest else ""
            if cell_len(chip) + 1 + cell_len(more) > left:
                label = f" +{len(story.tags) - n} tag{'s' if len(story.tags) - n > 1 else ''}"
                if cell_len(label) <= left:
                    tail.append(Segment(label, body + style("story-list--sources")))
                break
            tail.append(Segment(" "))
            tail.append(Segment(chip, style("story-list--tag")))
            left -= cell_len(chip) + 1
        return tail
