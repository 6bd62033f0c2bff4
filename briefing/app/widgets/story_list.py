"""The story list: a line-API widget that holds a window of rows, never the whole list.

With 100,000 stories a DataTable or ListView would build 100,000 rows before the
first paint.  This widget instead knows only how many rows the filter matches and
keeps about `WINDOW` rows around the cursor; `render_line` draws whichever rows are
on screen and never reads the database.  Nothing here does: every read and write is
a job on the app's `StoreQueue` (a thread worker) that posts a typed message back.

* A *listing* (`read_listing`: the count, where a story sits, the rows around it and
  the members of expanded clusters, from one snapshot) answers a new selection, a
  reload after the database changed, and a jump to a story (`n`, the incidents screen).
* A *window* (`WindowLoaded`) answers a row drawn or reached that is not in memory: the
  line shows a placeholder until the rows arrive.
* A key that changes a story (star, read, tag) changes the row at once and stores the
  change in a job; the row read back afterwards (`StoryWritten`) is the truth.

Answers carry the `generation` they were asked in; a row changed here since (or a new
selection) makes an older answer stale: a stale window is dropped, a stale listing asked again.

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
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from threading import Lock
from typing import Callable, Literal

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
from ...store.tags import clean_tag
from ..screens.tag_picker import TagPicker
from ..text import fit, plain
from ..workers import StoreQueue

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
PLACEHOLDER = "…"  # a row whose window is still being read
ALL_STORIES = StoryFilter(collapse_clusters=True)


def source_width(list_width: int) -> int:
    return next(source for at_least, source in SOURCE_WIDTHS if list_width >= at_least)


def _newest_first(stories: list[Story]) -> list[Story]:
    return sorted(stories, key=lambda s: (s.when or datetime.min.replace(tzinfo=timezone.utc)), reverse=True)


class _Newest:
    """The newest window asked for and not read yet.  Scrolling fast asks for many windows; the
    job reads only the last one asked (older asks are replaced here, never queued), so a jump or
    a search asked after a thousand page-downs does not wait behind their windows."""

    def __init__(self) -> None:
        self._lock = Lock()
        self._wanted: tuple[StoryFilter, int, int] | None = None

    def put(self, wanted: tuple[StoryFilter, int, int]) -> bool:
        """Ask for `wanted` (filter, generation, start); True if no job is waiting to read one."""
        with self._lock:
            idle, self._wanted = self._wanted is None, wanted
            return idle

    def take(self) -> tuple[StoryFilter, int, int] | None:
        with self._lock:
            wanted, self._wanted = self._wanted, None
            return wanted


@dataclass(slots=True)
class Row:
    """One line of the list: a story and whether it is an expanded cluster member."""

    story: Story
    member: bool = False


@dataclass(frozen=True, slots=True)
class ListingRequest:
    """What the list asks a listing for, and what it will do with the answer.

    `select`: show `story_filter`, the cursor on `story_id` if it is there; `reload`: the same
    selection after the database changed, `story_id` kept at `screen_row`; `goto`: the cursor
    to `story_id` (with `widen`, in every story when this selection lacks it; `unread_from`:
    to the next unread story after that one instead), then open it if `open`.
    """

    intent: Literal["select", "reload", "goto"]
    story_filter: StoryFilter
    seq: int
    generation: int
    story_id: str | None = None
    expanded: tuple[str, ...] = ()
    around: int = 0  # the offset to read around when `story_id` is not in the list
    screen_row: int = 0
    member: int | None = None  # the cursor was on this member of `story_id`'s cluster
    unread_from: str | None = None
    forward: bool = True
    widen: bool = False
    open: bool = False


@dataclass(frozen=True, slots=True)
class Listing:
    """The list as one snapshot of the database showed it."""

    story_filter: StoryFilter
    count: int
    start: int
    rows: list[Story]
    expanded: dict[str, list[Story]] = field(default_factory=dict)
    inserts: list[tuple[int, str]] = field(default_factory=list)  # (offset of the head, head id), sorted
    position: int | None = None  # of the story asked for, if the list has it
    story_id: str | None = None  # the story asked for (`n`: the unread one found)
    more: bool = False  # `count` is "at least": a long search, counted in full in the background


def read_listing(store: Store, request: ListingRequest) -> Listing:
    """Count, positions and rows from one snapshot: a fetcher committing between them would
    otherwise shift the rows under the cursor by its news.  Runs in a worker; may raise SearchError."""
    with store.snapshot():
        story_id = request.story_id
        if request.unread_from is not None or (request.intent == "goto" and story_id is None):
            story_id = store.next_unread(request.story_filter, request.unread_from, forward=request.forward)
            if story_id is None:
                return Listing(request.story_filter, -1, 0, [])  # nothing unread that way
        listing = _listing(store, request, request.story_filter, story_id)
        if listing.position is None and request.widen and request.story_filter != ALL_STORIES:
            listing = _listing(store, request, ALL_STORIES, story_id)
    return listing


def _listing(store: Store, request: ListingRequest, story_filter: StoryFilter, story_id: str | None) -> Listing:
    """One read of what the list shows for `story_filter`: its count, the members of the groups the
    reader expanded, where `story_id` stands in it and the window of rows around that place (or around
    `request.around` when the story is not in it), so the list is redrawn from one consistent read."""
    count = store.count_stories(story_filter, at_most=COUNT_FIRST)
    # Any count may stop there: at a million stories the whole list takes ~0.1 s to count, and a
    # fetch's commits ask for a reload each (the job queue would hold the rows back behind them).
    more = count >= COUNT_FIRST
    expanded: dict[str, list[Story]] = {}
    inserts: list[tuple[int, str]] = []
    for head_id in request.expanded:
        at = store.position_of(story_filter, head_id)
        head = store.story_window(story_filter, at, 1) if at is not None and at < count else []
        if head and head[0].id == head_id and head[0].duplicate_ids:
            expanded[head_id] = _newest_first(store.stories_by_ids(head[0].duplicate_ids, full=False))
            inserts.append((at, head_id))
    first = store.story_window(story_filter, 0, WINDOW) if request.intent == "select" else []
    position = next((i for i, story in enumerate(first) if story.id == story_id), None)
    if position is None and story_id is not None and not (request.intent == "select" and story_filter.query.strip()):
        # (a search starts at its first hit: only a plain filter pays for a position query)
        position = store.position_of(story_filter, story_id)
        if position is not None and more and position >= count:
            count, more = store.count_stories(story_filter), False  # a reader deep in a long search: count it all
        position = position if position is not None and position < count else None
    centre = position if position is not None else min(request.around, max(count - 1, 0))
    start = max(0, centre - WINDOW // 2)
    rows = first if first and start == 0 else store.story_window(story_filter, start, WINDOW)
    return Listing(story_filter, count, start, rows, expanded, sorted(inserts), position, story_id, more)


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
        "story-list--placeholder",
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
        """A story's tags, read or starred state changed (on screen now; stored by a job)."""

        story: Story

    @dataclass
    class Selected(Message):
        """A selection is shown (`count` stories), or was refused (`error`: a search SQLite cannot run)."""

        story_filter: StoryFilter
        count: int
        error: str = ""

    @dataclass
    class NotListed(Message):
        """The story asked for is not in the list (a near-duplicate folded away, or gone)."""

        story_id: str
        open: bool

    @dataclass
    class WindowLoaded(Message, bubble=False):
        """Rows a job read, for the list as it was when they were asked for."""

        generation: int
        start: int
        rows: list[Story]

    @dataclass
    class Listed(Message, bubble=False):
        """A listing read in a job (`error`: the selection's search could not run)."""

        request: ListingRequest
        listing: Listing | None
        error: str = ""

    @dataclass
    class Counted(Message, bubble=False):
        """The exact count of a selection first shown as "at least", for the selection it was asked for."""

        generation: int
        count: int

    @dataclass
    class MembersRead(Message, bubble=False):
        """The other outlets' versions of the story at `offset`, for `x`."""

        generation: int
        head_id: str
        offset: int
        members: list[Story]

    @dataclass
    class StoryWritten(Message, bubble=False):
        """A change was stored; `story` is the row read back after it (None: the story is gone)."""

        story_id: str
        story: Story | None
        note: str = ""

    @dataclass
    class TagChoices(Message, bubble=False):
        """Every tag stored, for the tag picker opened on `story`."""

        story: Story
        existing: list[str]

    def __init__(
        self,
        jobs: StoreQueue,
        *,
        quick_tags: list[str] | None = None,
        now: Callable[[], datetime] | None = None,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.jobs = jobs
        self.quick_tags = list(quick_tags or [])
        self.now = now or (lambda: datetime.now(timezone.utc))
        self.filter = ALL_STORIES
        # What an empty list says: no stories at all, or none matching the filter.
        self.empty_message: list[str] = ["No stories."]
        self.no_match_message: list[str] = ["No stories match this selection."]
        self._listed = False  # no listing has arrived yet: lines are placeholders, not "No stories."
        self._count = 0
        self._window_start = 0
        self._window: list[Story] = []
        # Expanded clusters: head story id → its other members.
        self._expanded: dict[str, list[Story]] = {}
        # (database offset of the head, head id), sorted by offset.
        self._inserts: list[tuple[int, str]] = []
        # Answers are kept only if the selection and the rows have not changed since they were asked.
        self._generation = 0
        self._listing_seq = 0  # the latest listing asked for; an older one's answer is dropped
        self._asked: int | None = None  # the offset a window job is reading around, if any
        self._window_wanted = _Newest()
        self._writing: Counter[str] = Counter()  # changes made here and not stored yet, by story
        # A count that stopped at COUNT_FIRST ("at least"), and which selection the counter works for;
        # the full count runs on a connection of its own, so the queue's jobs never wait on it.
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

    def _in_window(self, offset: int) -> bool:
        return 0 <= offset - self._window_start < len(self._window)

    def _story_at_offset(self, offset: int) -> Story | None:
        """The story at a database offset, if its window is in memory."""
        if not 0 <= offset < self._count or not self._in_window(offset):
            return None
        return self._window[offset - self._window_start]

    def row_at(self, line: int) -> Row | None:
        """The row on screen line `line`, if it is in memory (None: not loaded yet, or no such line)."""
        if not 0 <= line < self.row_count:
            return None
        offset, member = self._locate(line)
        story = self._story_at_offset(offset)
        if story is None:
            return None
        if member is None:
            return Row(story)
        members = self._expanded.get(story.id, [])
        return Row(members[member], member=True) if member < len(members) else None

    @property
    def current(self) -> Story | None:
        """The story under the cursor (None until its rows arrive)."""
        row = self.row_at(self.cursor)
        return row.story if row else None

    # --- listings: a selection, a reload, a jump -------------------------------

    def _ask_listing(self, intent: Literal["select", "reload", "goto"], story_filter: StoryFilter, **what) -> None:
        self._listing_seq += 1
        self._generation += 1  # windows asked before this are for the old list
        self._asked = None
        self._submit_listing(ListingRequest(intent, story_filter, self._listing_seq, self._generation, **what))

    def _submit_listing(self, request: ListingRequest) -> None:
        def job(store: Store) -> Message:
            try:
                return self.Listed(request, read_listing(store, request))
            except SearchError as error:
                return self.Listed(request, None, str(error))

        self.jobs.submit(self, job)

    def set_filter(self, story_filter: StoryFilter, keep: str | None = None) -> None:
        """Show another selection, the cursor on story `keep` if it is in it (else on the first row).
        The list changes when the rows arrive; `Selected` tells the app (or why it was refused)."""
        self._ask_listing("select", story_filter, story_id=keep)

    def go_to(self, story_id: str, *, open: bool = False, widen: bool = False) -> None:
        """Put the cursor on a story (`widen`: showing every story if this selection lacks it), then
        open it if `open`; `NotListed` when the list does not show it."""
        self._ask_listing("goto", self.filter, story_id=story_id, expanded=tuple(self._expanded),
                          widen=widen, open=open, around=self._locate(self.cursor)[0])

    def reload(self) -> None:
        """Re-read the list after the database changed, keeping the cursor on its story.

        The row under the cursor keeps its place on screen: if three stories
        arrived above it, cursor and scroll both move down by three, so what the
        reader sees does not jump.  Only a reader at the very top, with the
        cursor's story still on screen, sees the new rows appear above it.
        """
        offset, member = self._locate(self.cursor)
        head = self._story_at_offset(offset)
        self._ask_listing("reload", self.filter, story_id=head.id if head else None, member=member,
                          expanded=tuple(self._expanded), around=offset,
                          screen_row=self.cursor - round(self.scroll_y))

    def on_story_list_listed(self, message: Listed) -> None:
        request, listing = message.request, message.listing
        if request.seq != self._listing_seq:
            return  # a newer listing is on its way
        if request.generation != self._generation:
            # a row changed here after this was asked: the rows may be older than the screen
            self._generation += 1
            self._submit_listing(replace(request, generation=self._generation))
            return
        if listing is None:
            self.post_message(self.Selected(request.story_filter, self._count, message.error))
            return
        if listing.count < 0:
            self.notify(f"No {'more' if request.forward else 'earlier'} unread stories here.", timeout=2)
            return
        self._listed = True
        self._apply(listing)
        if request.intent == "reload":
            self._keep_screen_row(listing, request)
        elif listing.position is None:
            self._cursor_to(0 if request.intent == "select" else min(self.cursor, max(self.row_count - 1, 0)))
        else:
            self._cursor_to(self._line_of(listing.position))
        if request.intent == "select" or listing.story_filter != request.story_filter:
            self.post_message(self.Selected(listing.story_filter, listing.count))
        if request.intent == "goto" and listing.position is None and listing.story_id is not None:
            self.post_message(self.NotListed(listing.story_id, request.open))
        elif request.open and listing.position is not None:
            self.action_open()

    def _apply(self, listing: Listing) -> None:
        self.filter = listing.story_filter
        self._count = listing.count
        self._count_generation += 1
        self._more = listing.more
        if listing.more:
            self._full_count(listing.story_filter, self._count_generation)
        self._window, self._window_start = listing.rows, listing.start
        self._expanded, self._inserts = dict(listing.expanded), list(listing.inserts)
        self._update_size()
        self.refresh()

    @work(thread=True, exclusive=True, group="story-count", exit_on_error=False)
    def _full_count(self, story_filter: StoryFilter, generation: int) -> None:
        with self._counter_lock:
            if self._counter is None:
                self._counter = Store(self.jobs.store.path, readonly=True)
            count = self._counter.count_stories(story_filter)
        self.post_message(self.Counted(generation, count))

    def on_story_list_counted(self, message: Counted) -> None:
        if message.generation != self._count_generation or not self._more:
            return  # the selection changed (or was counted again) since
        self._count, self._more = max(message.count, self._count), False
        self._update_size()
        self.refresh()
        self.post_message(self.Highlighted(self, self.current, self.cursor, self.row_count))

    def on_unmount(self) -> None:
        with self._counter_lock:
            if self._counter is not None:
                self._counter.close()
                self._counter = None

    def _cursor_to(self, line: int) -> None:
        """The cursor on `line`, scrolled to the middle of the view if it is off screen."""
        height = max(self.scrollable_content_region.height, 1)
        if not round(self.scroll_y) <= line < round(self.scroll_y) + height:
            self.scroll_to(y=max(0, line - height // 2), animate=False, immediate=True)
        self.cursor = line

    def _keep_screen_row(self, listing: Listing, request: ListingRequest) -> None:
        """After a reload, the cursor's story on the screen row it was on, so new stories arriving
        above do not move what the reader is looking at (at the top of the list, they push it down)."""
        if listing.position is not None:
            line = self._line_of(listing.position) + (request.member + 1 if request.member is not None else 0)
        else:
            line = self._line_of(request.around) if request.story_id is None else 0
        line = min(line, max(self.row_count - 1, 0))
        at_top = round(self.scroll_y) == 0
        if at_top and line < self.scrollable_content_region.height:
            top = 0  # reading from the top: new stories appear above, the cursor stays on its story
        else:
            top = max(0, line - request.screen_row)
        self.scroll_to(y=top, animate=False, immediate=True)
        self.cursor = line

    def update_story(self, story: Story, *, local: bool = True) -> None:
        """Replace a cached row.  `local`: changed here and not stored yet, so a window or listing asked
        before now would bring the old row back (it is dropped or asked again)."""
        if local:
            self._generation += 1
        for rows in (self._window, *self._expanded.values()):
            for i, cached in enumerate(rows):
                if cached.id == story.id:
                    rows[i] = replace(story, duplicate_ids=cached.duplicate_ids)
        self.refresh()

    def _update_size(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, self.row_count)

    def on_resize(self, event: events.Resize) -> None:
        self._update_size()

    # --- windows ----------------------------------------------------------------

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, self.row_count - 1)) if self.row_count else 0

    def watch_cursor(self, old: int, new: int) -> None:
        self._prefetch(new)
        self._scroll_cursor_into_view()
        self.refresh()
        self.post_message(self.Highlighted(self, self.current, new, self.row_count, self._more))

    def _prefetch(self, line: int) -> None:
        """Move the window before the cursor reaches its edge, so a keypress rarely lands on a row
        not read yet (one that does shows a placeholder until the rows arrive)."""
        offset, _ = self._locate(line)
        start, end = self._window_start, self._window_start + len(self._window)
        near_start = start > 0 and offset - start < MARGIN
        near_end = end < self._count and end - offset < MARGIN
        if not self._window or not start <= offset < end or near_start or near_end:
            self._ask_window(offset)

    def _ask_window(self, offset: int) -> None:
        """Have a job read the rows around `offset`, unless one is already reading near there."""
        if not 0 <= offset < self._count:
            return
        if self._asked is not None and abs(self._asked - offset) < MARGIN:
            return
        self._asked = offset
        if self._window_wanted.put((self.filter, self._generation, max(0, offset - WINDOW // 2))):
            self.jobs.submit(self, self._read_window)

    def _read_window(self, store: Store) -> Message | None:
        """(a job) The rows of the newest window asked for."""
        wanted = self._window_wanted.take()
        if wanted is None:
            return None
        story_filter, generation, start = wanted
        return self.WindowLoaded(generation, start, store.story_window(story_filter, start, WINDOW))

    def on_story_list_window_loaded(self, message: WindowLoaded) -> None:
        self._asked = None
        if message.generation != self._generation:
            # the selection or a row changed since: these rows may be stale; the lines still
            # waiting for rows ask again when they are drawn
            self._prefetch(self.cursor)
            self.refresh()
            return
        waiting = self.current is None  # the cursor was on a row not read yet
        self._window, self._window_start = message.rows, message.start
        self.refresh()
        if waiting and self.current is not None:
            self.post_message(self.Highlighted(self, self.current, self.cursor, self.row_count, self._more))

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

    def _change(self, changed: Story, write: Callable[[Store], object], note: Callable[[object], str] | None = None) -> None:
        """Show a change at once, store it in a job, and show the row read back after it."""
        self.update_story(changed)
        self.post_message(self.StoryChanged(changed))
        story_id = changed.id
        self._writing[story_id] += 1

        def job(store: Store) -> Message:
            result = write(store)
            fresh = store.stories_by_ids([story_id], full=False)
            return self.StoryWritten(story_id, fresh[0] if fresh else None, note(result) if note else "")

        self.jobs.submit(self, job)

    def on_story_list_story_written(self, message: StoryWritten) -> None:
        if message.note:
            self.notify(message.note, timeout=2, markup=False)
        self._writing[message.story_id] -= 1
        if self._writing[message.story_id] > 0:
            return  # a later change to this story is still on its way: its answer is the one to show
        del self._writing[message.story_id]
        if message.story is not None:
            self.update_story(message.story, local=False)
            self.post_message(self.StoryChanged(message.story))

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
            ids = self._with_hidden(story)
            story = replace(story, read=True)
            self._change(story, lambda store: store.set_read(ids, True))
        self.post_message(self.Opened(story))

    def action_next_unread(self, step: int = 1) -> None:
        """n / N (as in newsboat): the next (previous) unread story, opened."""
        story = self.current
        self._ask_listing("goto", self.filter, unread_from=story.id if story else None, forward=step > 0,
                          expanded=tuple(self._expanded), open=True, around=self._locate(self.cursor)[0])

    def action_expand(self) -> None:
        """Show or hide the other outlets' versions of the story under the cursor."""
        offset, member = self._locate(self.cursor)
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
        generation, head_id, ids = self._generation, head.id, list(head.duplicate_ids)
        self.jobs.submit(self, lambda store: self.MembersRead(generation, head_id, offset,
                                                              _newest_first(store.stories_by_ids(ids, full=False))))

    def on_story_list_members_read(self, message: MembersRead) -> None:
        head = self._story_at_offset(message.offset)
        if head is None or head.id != message.head_id or head.id in self._expanded:
            return  # the list moved on since `x`
        self._expanded[head.id] = message.members
        index = bisect_right(self._inserts, (message.offset, head.id))
        self._inserts.insert(index, (message.offset, head.id))
        self._update_size()
        self.cursor = self._line_of(message.offset)

    def action_star(self) -> None:
        story = self.current
        if story is None:
            return
        starred = not story.starred
        self._change(replace(story, starred=starred), lambda store: store.set_starred(story.id, starred))

    def action_toggle_read(self) -> None:
        story = self.current
        if story is None:
            return
        ids, read = self._with_hidden(story), not story.read
        self._change(replace(story, read=read), lambda store: store.set_read(ids, read))

    def action_quick_tag(self, number: int) -> None:
        story = self.current
        if story is None:
            return
        if not 1 <= number <= len(self.quick_tags):
            self.notify(f"No quick tag {number}: set [tags] quick in feeds.toml.", timeout=3, markup=False)
            return
        self.toggle_tag(story, self.quick_tags[number - 1])

    def toggle_tag(self, story: Story, tag: str) -> None:
        """Put the tag on the story, or take it off; the row shows it at once, the job says which it stored."""
        try:
            tag = clean_tag(tag)
        except ValueError as error:
            self.notify(str(error), severity="warning", markup=False)
            return
        others = [t for t in story.tags if t.casefold() != tag.casefold()]
        tags = others if len(others) < len(story.tags) else sorted([*story.tags, tag], key=str.casefold)

        def said(result: object) -> str:
            on, name = result  # type: ignore[misc]
            return f"{'Tagged' if on else 'Untagged'} “{plain(name)}”"

        self._change(replace(story, tags=tags), lambda store: store.toggle_tag(story.id, tag), said)

    def action_tag(self) -> None:
        story = self.current
        if story is None:
            return
        self.jobs.submit(self, lambda store: self.TagChoices(story, [t.name for t in store.tag_counts()]))

    def on_story_list_tag_choices(self, message: TagChoices) -> None:
        story = message.story

        def picked(tag: str | None) -> None:
            if tag:
                self.toggle_tag(self._cached(story), tag)

        self.app.push_screen(TagPicker(message.existing, list(story.tags), self.quick_tags), picked)

    def _cached(self, story: Story) -> Story:
        """The row in memory for this story now (it may have changed since it was read), else `story`."""
        for rows in (self._window, *self._expanded.values()):
            for cached in rows:
                if cached.id == story.id:
                    return cached
        return story

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
        if not self._listed:
            return Strip.blank(width, base)  # the first rows are on their way (a few milliseconds)
        if self._count == 0:
            unfiltered = self.filter == StoryFilter(collapse_clusters=True)
            lines = self.empty_message if unfiltered else self.no_match_message
            text = lines[y] if y < len(lines) else ""
            style = self.get_component_rich_style("story-list--empty")
            return Strip([Segment(set_cell_size(plain(text), width), base + style)], width)
        row = self.row_at(line)  # drawing never waits on the database
        if row is None:
            offset, _ = self._locate(line)
            if not 0 <= offset < self._count:
                return Strip.blank(width, base)
            if not self._in_window(offset):
                self._ask_window(offset)  # scrolled away from the cursor: a job brings the rows
            return self._placeholder(width, base)
        segments = self._row_segments(row, width, base)
        strip = Strip(segments).crop_extend(0, width, base)
        if line == self.cursor:
            cursor = self.get_component_rich_style("story-list--cursor")
            strip = Strip(Segment.apply_style(list(strip), post_style=cursor), width)
        return strip

    def _placeholder(self, width: int, base: Style) -> Strip:
        """A row whose window is still being read."""
        style = self.get_component_rich_style("story-list--placeholder")
        return Strip([Segment(set_cell_size(f"   {PLACEHOLDER}", width), base + style)], width)

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
