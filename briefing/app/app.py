"""The reader app: wires the panes to the store and runs fetching in the background.

The store is the single source of truth.  The app holds no list of stories:
the story list asks the store for a window of rows, and whenever the database
changes (our own fetch worker, or `briefing fetch --watch` in another terminal)
a two-second poll of `PRAGMA data_version` triggers a re-read that keeps the
cursor on its story.  The UI thread never touches the database: what it reads
and writes on the app's own connection is a job on the `StoreQueue` (one at a
time, in order), the rest runs on connections of its own in workers, and every
worker only posts typed messages (`messages.py`); `on_worker_state_changed` is
the one place a worker's failure becomes a notification, so a broken feed or a
failing step never crashes the reader.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal, Vertical
from textual.widgets import Footer
from textual.worker import Worker, WorkerState

from .. import health, paths, service
from ..wording import plural
from ..config import Config
from ..fetch.schedule import backing_off
from ..language import language_name
from ..models import ORIGIN_LABELS, Feed, FetchOutcome
from ..store import SearchError, Store, StoryFilter, utc_now
from .commands import BriefingCommands
from .keys import KeyedBinding, binding_ids, effective_bindings, refused_remaps
from .messages import (
    CountsRead, DataVersionRead, DigestWritten, ExportWritten, FeedFetched, FetchFinished, FetchStarted, FilterChoices,
    ProcessingFinished, ReadMarksWritten, StoreOpened, StoryRead, TagsWritten, TalliesRead, UnreadCounted,
)
from .screens.confirm import ConfirmScreen
from .screens.edit_figures import EditFiguresScreen
from .screens.filter import FilterScreen
from .screens.help import HelpScreen
from .screens.incidents import IncidentsScreen
from .screens.prompt import PromptScreen
from .screens.search import SearchScreen
from .screens.tag_picker import TagPicker
from .screens.why import WhyScreen
from .widgets.reader import Reader
from .widgets.sidebar import Choice, Sidebar
from .widgets.status_line import StatusLine
from .text import plain
from .widgets.story_list import StoryList
from .widgets.tally_panel import TallyPanel
from .state import Place, load_state, save_state
from .workers import StoreQueue, start_resource_tracker

ONE_PANE = 90  # columns below which one pane is shown at a time
DIALOGS = (ConfirmScreen, EditFiguresScreen, FilterScreen, HelpScreen, PromptScreen, SearchScreen, TagPicker,
           WhyScreen)
POLL_SECONDS = 2.0
COUNTS_DELAY = 0.3  # sidebar counts are re-read this long after the last change
TALLY_DAYS = (1, 7, 30)
# Actions that only make sense on the main screen (not under a modal or the incidents screen).
MAIN_SCREEN_ACTIONS = {"search", "filter", "mark_all_read", "undo", "incidents", "help", "clear_filter",
                       "toggle_sidebar", "page_reader", "fetch", "digest", "quit"}


class BriefingApp(App[None]):
    """Sidebar, story list, reader and incident tally over one SQLite database."""

    CSS_PATH = "app.tcss"
    TITLE = "briefing"
    # Below ONE_PANE columns one pane at a time: the list, or the story, or (b) the sources and tally.
    HORIZONTAL_BREAKPOINTS = [(0, "-one-pane"), (ONE_PANE, "-narrow"), (140, "-wide")]
    COMMANDS = App.COMMANDS | {BriefingCommands}

    # Footer order is priority order: a narrow footer cuts from the right, so Incidents and Quit come first.
    BINDINGS = [
        Binding("i", "incidents", "Incidents", id="app.incidents"),
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Keys", id="app.help"),
        Binding("slash", "search", "Search", id="app.search"),
        Binding("b", "toggle_sidebar", "Sources", id="app.toggle_sidebar"),
        Binding("f", "filter", "Filter", id="app.filter"),
        Binding("r", "fetch", "Fetch", id="app.fetch"),
        Binding("escape", "clear_filter", "Show all", show=False, id="app.clear_filter"),
        Binding("e", "digest", "Digest", show=False, id="app.digest"),
        Binding("A", "mark_all_read", "Mark all read", show=False, id="app.mark_all_read"),
        Binding("u", "undo", "Undo mark all", show=False, id="app.undo"),
        Binding("space", "page_reader", "Page the story", show=False, id="app.page_reader"),
    ]

    def __init__(
        self,
        config: Config,
        db_path: Path,
        *,
        fetch_on_start: bool = True,
        now: datetime | None = None,
    ) -> None:
        super().__init__()
        self.config = config
        self.db_path = Path(db_path)
        self.fetch_on_start = fetch_on_start
        self._fixed_now = now
        # Opened (and migrated) before the UI starts, so a damaged file is one line, not a screen;
        # from then on only the queue's jobs use it, never the UI thread.
        self.store = Store(self.db_path)
        self.jobs = StoreQueue(self.store)
        self._data_version = -1
        self._polling = False
        self._undo: list[str] = []
        self._fetch_total = 0
        self._fetch_done = 0
        self._fetch_failed: list[FetchOutcome] = []
        self._counts_timer: Any = None
        self._reads = 0  # numbers the background reads, so a late older one never replaces a newer one
        self._counts_seq = self._tally_seq = 0
        self._state = load_state(paths.state_path())
        if self._state.theme in self.available_themes:
            self.theme = self._state.theme
        start_resource_tracker()

    def now(self) -> datetime:
        """The current time, or the fixed one given for tests and snapshots."""
        return self._fixed_now or datetime.now(timezone.utc)

    # --- layout ---------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # The panes are kept as attributes: they live on the default screen, and the
        # app must reach them while a dialog or the incidents screen is on top.
        self.sidebar = Sidebar(id="sidebar")
        self.story_list = StoryList(self.jobs, quick_tags=self.config.quick_tags, now=self.now, id="stories")
        self.reader = Reader(id="reader")
        self.status = StatusLine(id="status")
        self.tally = TallyPanel(id="tally")
        with Horizontal(id="panes"):
            with Vertical(id="side"):
                yield self.sidebar
                yield self.tally
            with Container(id="center"):
                yield self.story_list
                yield self.reader
        yield self.status
        yield Footer(show_command_palette=False)  # ctrl+p is listed under ?; the room goes to keys

    def on_mount(self) -> None:
        self.apply_keymap()
        feeds = list(self.config.feeds)

        def opened(store: Store) -> StoreOpened:
            store.sync_feeds(feeds)
            return StoreOpened(store.data_version(), store.pending_count())

        self.jobs.submit(self, opened)
        stories = self.story_list
        # (shown only while there are no stories at all)
        stories.empty_message = (
            [f"No stories yet. Fetching {len(self.config.feeds)} feeds for the first time…"]
            if self.fetch_on_start
            else [f"No stories yet. Press {self.key_for('fetch')} to fetch, or try the samples: briefing demo"]
        )
        place = self._state.places.get(str(self.db_path.resolve()))
        stories.set_filter(stories.filter, keep=place.cursor if place else None)  # where the reader left off
        if place is not None and place.open:
            self._read_story(place.open, focus=False)
        stories.focus()
        self.refresh_counts()
        self.refresh_tally()
        self.set_interval(POLL_SECONDS, self.poll_changes, name="poll")
        if self.fetch_on_start:
            self.action_fetch()  # a fetch run first finishes what an earlier run left
            minutes = self.config.settings.fetch_interval_minutes
            self.set_interval(minutes * 60, self._fetch_on_interval, name="fetch-interval")

    def on_store_opened(self, message: StoreOpened) -> None:
        self._data_version = message.data_version
        if message.pending and not self.fetch_on_start:
            self.process_worker()  # work a killed earlier run left pending

    def on_unmount(self) -> None:
        if self._counts_timer is not None:
            self._counts_timer.stop()
        self._save_place()
        self.jobs.close_in_thread()  # the last writes asked for are stored, off the UI thread

    def _read_story(self, story_id: str, *, focus: bool = True, also: list[str] | None = None) -> None:
        """Read a story's text (and its near-duplicates `also`) in a job, for the reader."""
        def job(store: Store) -> StoryRead | None:
            story = store.get_story(story_id)
            if story is None:
                return None
            return StoryRead(story, store.stories_by_ids(also, full=False) if also else [], focus)

        self.jobs.submit(self, job)

    def on_story_read(self, message: StoryRead) -> None:
        self.reader.show(message.story, message.also)
        if message.focus and self.screen.has_class("-one-pane"):  # one pane: the story replaces the list until Esc
            self.add_class("-reading")
            self.reader.focus()

    def _save_place(self) -> None:
        if getattr(self, "story_list", None) is None or not self.story_list.is_attached:
            return  # never composed (a failed start): no place to keep
        current = self.story_list.current
        shown = self.reader.story
        self._state.places[str(self.db_path.resolve())] = Place(current.id if current else None,
                                                                shown.id if shown else None)
        save_state(paths.state_path(), self._state)

    async def action_quit(self) -> None:
        """q: keep the reader's place for the next run, then quit (everything else is already saved)."""
        self._save_place()
        await super().action_quit()

    def watch_theme(self, theme: str) -> None:
        """The chosen theme (ctrl+p → theme) is remembered for the next run."""
        if getattr(self, "_state", None) is not None and self._state.theme != theme:
            self._state.theme = theme
            save_state(paths.state_path(), self._state)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys for the main screen do nothing while a dialog or another screen is up."""
        if action in MAIN_SCREEN_ACTIONS and len(self.screen_stack) > 1:
            return False
        return True

    # --- keeping the panes current -------------------------------------------

    def poll_changes(self) -> None:
        """Re-read everything when another connection (a fetcher) committed (asked in a job)."""
        if not self.story_list.is_attached or self._polling:
            return
        self._polling = True
        self.jobs.submit(self, lambda store: DataVersionRead(store.data_version()))

    def on_data_version_read(self, message: DataVersionRead) -> None:
        self._polling = False
        if message.data_version == self._data_version or not self.story_list.is_attached:
            return
        self._data_version = message.data_version
        self.refresh_data()

    def refresh_data(self) -> None:
        """New stories, counts and tallies, without moving the cursor or touching the reader."""
        self.story_list.reload()
        self.refresh_counts()
        self.refresh_tally()

    def refresh_counts(self) -> None:
        """Re-count the sidebar in a worker: the GROUP BY over every story never runs on the UI thread."""
        if not self.sidebar.is_attached:  # a late timer while the app shuts down
            return
        self._reads += 1
        self.counts_worker(self._reads)

    @work(thread=True, exclusive=True, group="counts", exit_on_error=False)
    def counts_worker(self, seq: int) -> None:
        # Read-only: closing a writable connection runs PRAGMA optimize, which waits for a fetch's writes.
        with Store(self.db_path, readonly=True) as store, store.snapshot():
            states, tags = store.feed_states(), store.tag_counts()
        self.post_message(CountsRead(seq, states, tags))

    def on_counts_read(self, message: CountsRead) -> None:
        if message.seq < self._counts_seq or not self.sidebar.is_attached:
            return  # an older count finished after a newer one
        self._counts_seq = message.seq
        self.sidebar.show_counts(self.config.feeds, message.states, message.tags)

    def _refresh_counts_soon(self) -> None:
        """Batch the sidebar re-count: holding `m` must not run a GROUP BY per keypress."""
        if self._counts_timer is not None:
            self._counts_timer.stop()
        self._counts_timer = self.set_timer(COUNTS_DELAY, self._refresh_marks)

    def _refresh_marks(self) -> None:
        """Counts, and the tally too: a story tagged "incident" counts as one."""
        self.refresh_counts()
        self.refresh_tally()

    def refresh_tally(self) -> None:
        """Re-read the three tallies in a worker (never on the UI thread)."""
        if not self.tally.is_attached:  # a late message while the app shuts down
            return
        self._reads += 1
        self.tally_worker(self._reads, self.now().astimezone().date())

    @work(thread=True, exclusive=True, group="tally", exit_on_error=False)
    def tally_worker(self, seq: int, today: Any) -> None:
        with Store(self.db_path, readonly=True) as store, store.snapshot():  # three tallies of one state of the database
            today_t, week, month = [store.tally(today - timedelta(days=d - 1), today) for d in TALLY_DAYS]
        self.post_message(TalliesRead(seq, today_t, week, month))

    def on_tallies_read(self, message: TalliesRead) -> None:
        if message.seq < self._tally_seq or not self.tally.is_attached:
            return
        self._tally_seq = message.seq
        self.tally.set_tallies(message.today, message.week, message.month)

    def describe_filter(self, selection: StoryFilter) -> str:
        """The selection in words, for the status line and the dialogs that act on it ("Mark 12 unread
        stories read? (Source: TASS · unread)"); feed text in it is made plain, so it never reads as markup."""
        parts: list[str] = []
        if selection.feeds:
            parts.append("Source: " + ", ".join(selection.feeds))
        if selection.origin:
            parts.append("Origin: " + ORIGIN_LABELS.get(selection.origin, selection.origin))
        if selection.language:
            parts.append("Language: " + language_name(selection.language))
        if selection.tag:
            parts.append(f"Tag: {selection.tag}")
        if selection.since or selection.until:
            since = selection.since.astimezone().date().isoformat() if selection.since else "…"
            # (`until` is exclusive, the midnight after the last day: the last day is the one before it)
            last_day = selection.until.astimezone() - timedelta(seconds=1) if selection.until else None
            until = last_day.date().isoformat() if last_day else "…"
            parts.append(f"{since} to {until}")
        parts += [label for flag, label in ((selection.unread, "unread"), (selection.starred, "starred"),
                                            (selection.incidents, "incidents")) if flag]
        if selection.query.strip():
            parts.append(f"search “{selection.query.strip()}”")
        return plain(" · ".join(parts) or "All stories")

    def apply_filter(self, story_filter: StoryFilter) -> None:
        """Show another selection, the cursor kept on its story when the new one has it (`Selected` follows)."""
        current = self.story_list.current
        self.story_list.set_filter(story_filter, keep=current.id if current else None)

    def on_story_list_selected(self, event: StoryList.Selected) -> None:
        if event.error:
            self.notify(event.error, title="Search", severity="error", markup=False)
            return
        self.status.selection = self.describe_filter(event.story_filter)
        if event.count == 0:
            self.story_list.no_match_message = [
                f"No stories match: {self.status.selection}.",
                f"Press {self.key_for('clear_filter')} to show every story.",
            ]
            self.story_list.refresh()

    def on_story_list_not_listed(self, event: StoryList.NotListed) -> None:
        if event.open:
            self._read_story(event.story_id)  # a near-duplicate the list folds away: shown all the same

    # --- messages from the panes ----------------------------------------------

    def on_story_list_highlighted(self, event: StoryList.Highlighted) -> None:
        more = "+" if event.more else ""  # a long search still being counted: "1/10000+"
        self.status.position = f"{event.index + 1}/{event.total}{more}" if event.total else "0 stories"

    def on_story_list_opened(self, event: StoryList.Opened) -> None:
        self._read_story(event.story.id, also=list(event.story.duplicate_ids))

    def on_reader_closed(self, event: Reader.Closed) -> None:
        self.remove_class("-reading")
        self.story_list.focus()

    def on_reader_next_unread(self, event: Reader.NextUnread) -> None:
        self.story_list.action_next_unread(event.step)

    def action_toggle_sidebar(self) -> None:
        """b: hide or show the sources and tally (on a narrow terminal: show them instead of the list)."""
        if self.screen.has_class("-one-pane"):
            self.toggle_class("-side")
            if self.has_class("-side"):
                self.sidebar.focus()
                return
        else:
            self.toggle_class("-hide-side")
        self.story_list.focus()

    def action_page_reader(self) -> None:
        """Space: the open story a page on; at its end (or with none open) the next unread story."""
        reader = self.reader
        if reader.story is not None and reader.scroll_y < reader.max_scroll_y:
            reader.scroll_page_down(animate=False)
            return
        self.story_list.action_next_unread(1)

    def on_incidents_screen_open_story(self, message: IncidentsScreen.OpenStory) -> None:
        """Enter on a claim: back to the main screen with that story under the cursor and open."""
        self.pop_screen()
        self.story_list.go_to(message.story_id, open=True, widen=True)

    def on_incidents_screen_export(self, message: IncidentsScreen.Export) -> None:
        self.export_worker(message.start, message.end)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def export_worker(self, start: Any, end: Any) -> None:
        """The incidents screen's claims as CSV in the data directory (what `briefing incidents` writes)."""
        from ..export import claim_rows, render_rows

        with Store(self.db_path) as store:
            rows = claim_rows(store, start, end)
        directory = paths.data_dir() / "exports"
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / f"incidents-{start.isoformat()}-to-{end.isoformat()}.csv"
        partial = path.with_name(path.name + ".part")
        partial.write_text(render_rows(rows, "csv"), encoding="utf-8")
        partial.replace(path)
        self.post_message(ExportWritten(str(path), len(rows)))

    def on_export_written(self, message: ExportWritten) -> None:
        self.notify(f"{plural(message.rows, 'claim')} exported to {message.path}", markup=False, timeout=8)

    def on_story_list_story_changed(self, event: StoryList.StoryChanged) -> None:
        self.reader.update_tags(event.story)
        self._refresh_counts_soon()

    def on_sidebar_chosen(self, event: Sidebar.Chosen) -> None:
        choice: Choice = event.choice
        current = self.story_list.filter
        base = replace(current, feeds=(), origin=None, tag=None)
        if choice.kind == "origin":
            base.origin = choice.value
        elif choice.kind == "feed":
            base.feeds = (choice.value,)
        elif choice.kind == "tag":
            base.tag = choice.value
        self.apply_filter(base)
        self.story_list.focus()

    def on_sidebar_feed_highlighted(self, event: Sidebar.FeedHighlighted) -> None:
        feed = event.feed
        if feed.last_status == "error" or health.is_broken(feed.health):
            why = feed.last_error or health.HINTS.get(feed.health or "", "last fetch failed")
            self.status.activity = plain(f"{feed.name}: {feed.health or 'error'}: {why}")

    def on_sidebar_tag_action(self, event: Sidebar.TagAction) -> None:
        """R renames a tag on every story (merging into an existing one), D deletes it after asking."""
        old = event.tag

        def rename(store: Store, new: str) -> TagsWritten:
            try:
                kept = store.rename_tag(old, new)
            except ValueError as error:
                return TagsWritten("", str(error))
            return TagsWritten(f"Renamed tag “{plain(old)}” to “{plain(kept)}”.")

        def renamed(new: str | None) -> None:
            if new and new != old:
                self.jobs.submit(self, lambda store: rename(store, new))

        def deleted(yes: bool | None) -> None:
            if yes:
                self.jobs.submit(self, lambda store: TagsWritten(
                    f"Deleted tag “{plain(old)}” from {plural(store.delete_tag(old), 'story', 'stories')}."))

        if event.action == "rename":
            self.push_screen(PromptScreen(f"Rename the tag “{plain(old)}” to:", old), renamed)
        else:
            self.push_screen(ConfirmScreen(f"Delete the tag “{plain(old)}” from every story?"), deleted)

    def on_tags_written(self, message: TagsWritten) -> None:
        if message.error:
            self.notify(message.error, severity="warning", markup=False)
            return
        if self.story_list.filter.tag is not None:
            self.apply_filter(replace(self.story_list.filter, tag=None))
        else:
            self.story_list.reload()
        self.refresh_counts()
        self.notify(message.note, markup=False, timeout=4)

    def on_tally_panel_opened(self, event: TallyPanel.Opened) -> None:
        self.action_incidents()

    def on_incidents_screen_corrected(self, event: IncidentsScreen.Corrected) -> None:
        """A claim or a story's incident mark was corrected: the tally and the list's ▲ marks are stale."""
        self.story_list.reload()
        self.refresh_tally()

    # --- global actions --------------------------------------------------------

    def keys_of(self, bindings: list[Any]) -> list[KeyedBinding]:
        """These bindings with the keys that trigger them now, after the keymap."""
        return effective_bindings(bindings, self._keymap)

    def key_label(self, item: KeyedBinding) -> str:
        """`j, ↓` for display; `(none)` when the keymap gave the key to another action."""
        return ", ".join(self.get_key_display(item.binding.with_key(k)) for k in item.keys) or "(none)"

    def key_for(self, action: str) -> str:
        """The key that runs one of the app's own actions now, for hints in messages."""
        return next(self.key_label(i) for i in self.keys_of(self.BINDINGS) if i.binding.action == action)

    def action_help(self) -> None:
        quick = self.config.quick_tags

        def describe(item: KeyedBinding) -> str:
            if item.binding.action.startswith("quick_tag("):
                n = int(item.binding.action[len("quick_tag("):-1])
                return f"Quick tag {n}: {quick[n - 1]}" if n <= len(quick) else f"Quick tag {n} (not set)"
            return item.binding.description

        def rows(bindings: list[Any]) -> list[tuple[str, str, str]]:
            return [(self.key_label(item), describe(item), item.id) for item in self.keys_of(bindings)]

        self.push_screen(
            HelpScreen(
                [
                    ("Story list", rows(StoryList.BINDINGS)),
                    ("Everywhere", rows(self.BINDINGS)),
                    ("Sources pane", [*rows(Sidebar.BINDINGS), ("enter", "Show only this entry", "")]),
                    ("Incidents screen", rows(IncidentsScreen.BINDINGS)),
                    ("Panes", [("tab, shift+tab", "Next / previous pane", ""),
                               ("ctrl+p", "Command palette", ""),
                               ("mouse", "Click a row to select it, double-click to open", "")]),
                ]
            )
        )

    def palette_actions(self) -> list[tuple[str, str, str, Any]]:
        """(title, keys, action, namespace) for every bound action, for the command palette."""
        out = []
        for bindings, namespace in ((StoryList.BINDINGS, self.story_list), (self.BINDINGS, self)):
            for item in self.keys_of(bindings):
                action = item.binding.action
                if action.startswith("cursor_") or action in ("page_up", "page_down"):
                    continue
                out.append((item.binding.description, self.key_label(item), action, namespace))
        return out

    def apply_keymap(self) -> None:
        """Use the `[keys]` of feeds.toml; a binding id that does not exist is reported, not ignored."""
        keymap = dict(self.config.keymap)
        if not keymap:
            return
        panes = (StoryList, Sidebar, TallyPanel, Reader, IncidentsScreen)
        refused = refused_remaps([*((type(self), pane) for pane in panes), *((d,) for d in DIALOGS)], keymap)
        for ident in refused:
            del keymap[ident]
        self.set_keymap(keymap)
        if refused:
            self.notify("feeds.toml [keys]: not applied, the key is taken:\n" + "\n".join(refused.values()),
                        title="Keys", severity="warning", markup=False, timeout=12)
        known = binding_ids([type(self), StoryList, Sidebar, TallyPanel, IncidentsScreen, *DIALOGS])
        unknown = sorted(set(keymap) - known)
        if unknown:
            self.notify(
                f"feeds.toml [keys]: no key has the id {', '.join(repr(u) for u in unknown)}. "
                "Press ? to see every binding id.",
                title="Keys", severity="warning", markup=False, timeout=10,
            )

    def action_search(self) -> None:
        def searched(query: str | None) -> None:
            if query is not None:
                self.apply_filter(replace(self.story_list.filter, query=query))

        self.push_screen(SearchScreen(self.story_list.filter.query), searched)

    def action_filter(self) -> None:
        configured = {f.name for f in self.config.feeds}
        self.jobs.submit(self, lambda store: FilterChoices(
            sorted(configured | set(store.feed_states()), key=str.casefold), [t.name for t in store.tag_counts()]))

    def on_filter_choices(self, message: FilterChoices) -> None:
        def chosen(story_filter: StoryFilter | None) -> None:
            if story_filter is not None:
                self.apply_filter(story_filter)

        if len(self.screen_stack) == 1:  # nothing opened meanwhile
            self.push_screen(FilterScreen(self.story_list.filter, message.feeds, message.tags), chosen)

    def action_clear_filter(self) -> None:
        if self.story_list.filter != StoryFilter(collapse_clusters=True):
            self.apply_filter(StoryFilter(collapse_clusters=True))

    def action_incidents(self) -> None:
        self.push_screen(IncidentsScreen(self.store, self.now().astimezone().date(), days=30))

    def action_mark_all_read(self) -> None:
        """Mark every unread story in the current selection read, after asking; `u` undoes it."""
        unread = replace(self.story_list.filter, unread=True, collapse_clusters=False)

        def count(store: Store) -> UnreadCounted:
            try:
                return UnreadCounted(unread, store.count_stories(unread))
            except SearchError as error:
                return UnreadCounted(unread, 0, str(error))

        self.jobs.submit(self, count)

    def on_unread_counted(self, message: UnreadCounted) -> None:
        if message.error:
            self.notify(message.error, severity="error", markup=False)
            return
        if message.count == 0:
            self.notify("Nothing unread here.", timeout=2)
            return
        unread, count = message.story_filter, message.count

        def mark(store: Store) -> ReadMarksWritten:
            ids = [s.id for s in store.story_window(unread, 0, count)]
            store.set_read(ids, True)
            return ReadMarksWritten(ids, True)

        def answered(yes: bool | None) -> None:
            if yes:
                self.jobs.submit(self, mark)

        where = self.describe_filter(replace(unread, unread=self.story_list.filter.unread, collapse_clusters=True))
        self.push_screen(ConfirmScreen(f"Mark {count} unread stories read?\n({where})"), answered)

    def action_undo(self) -> None:
        if not self._undo:
            self.notify("Nothing to undo.", timeout=2)
            return
        ids, self._undo = self._undo, []

        def unmark(store: Store) -> ReadMarksWritten:
            store.set_read(ids, False)
            return ReadMarksWritten(ids, False)

        self.jobs.submit(self, unmark)

    def on_read_marks_written(self, message: ReadMarksWritten) -> None:
        self.story_list.reload()
        self.refresh_counts()
        if message.read:
            self._undo = message.ids
            self.notify(f"Marked {len(message.ids)} stories read. Press u to undo.", timeout=4)
        else:
            self.notify(f"Marked {len(message.ids)} stories unread again.", timeout=3)

    def action_digest(self) -> None:
        self.digest_worker()

    @work(thread=True, exclusive=True, group="digest", exit_on_error=False)
    def digest_worker(self) -> None:
        from ..digest import export_today  # the app's only use of the digest: imported when asked

        with Store(self.db_path) as store:
            path = export_today(store, self.config, paths.data_dir() / "digests", now=self.now())
        self.post_message(DigestWritten(str(path)))

    def on_digest_written(self, message: DigestWritten) -> None:
        self.notify(f"Digest written to {message.path}", markup=False, timeout=6)

    # --- fetching --------------------------------------------------------------

    def action_fetch(self) -> None:
        """Fetch now: every feed, not only the due ones, except those a server asked us to
        leave alone for a while (Retry-After) or that are backing off after errors."""
        self.status.activity = "fetching…"
        self.fetch_worker(every=True)

    def _fetch_on_interval(self) -> None:
        """The interval's fetch, skipped while one still runs: a new fetch cancels the running one, so
        with feeds slower than the interval (or a loaded machine) no fetch would ever finish."""
        if any(worker.group == "fetch" and not worker.is_finished for worker in self.workers):
            return
        self.action_fetch()

    def _not_backing_off(self) -> list[Feed]:
        """The configured feeds, less those backing off (read on a connection of its own, in a thread)."""
        with Store(self.db_path) as store:
            waiting = backing_off(store.feed_states(), utc_now())
        return [feed for feed in self.config.feeds if feed.name not in waiting]

    @work(exclusive=True, group="fetch", exit_on_error=False)
    async def fetch_worker(self, every: bool = False) -> None:
        """Fetch every feed not backing off (`every`), or else the due ones, then process them: the same
        `service.refresh` as `briefing fetch`.  Progress goes out as messages, never straight to widgets."""
        feeds = await asyncio.to_thread(self._not_backing_off) if every else None

        def on_start(total: int) -> None:
            self.post_message(FetchStarted(total))

        def on_outcome(outcome: FetchOutcome) -> None:
            self.post_message(FeedFetched(outcome))

        def on_fetched(run: Any) -> None:
            self.post_message(FetchFinished(list(run.outcomes), [*run.new_ids, *run.updated_ids]))

        report = await service.refresh(
            self.config, self.db_path, feeds=feeds, force=feeds is not None,
            on_outcome=on_outcome, on_start=on_start, on_fetched=on_fetched, apart=True,
        )
        self.post_message(ProcessingFinished(report.processed.stories, list(report.failures)))

    def on_fetch_started(self, message: FetchStarted) -> None:
        self._fetch_total = message.total
        self._fetch_done = 0
        self._fetch_failed = []
        self.status.activity = f"fetching 0/{message.total}" if message.total else "fetching…"

    def on_feed_fetched(self, message: FeedFetched) -> None:
        self._fetch_done += 1
        if message.outcome.status == "error":
            self._fetch_failed.append(message.outcome)
        total = f"/{self._fetch_total}" if self._fetch_total else ""
        failed = f", {len(self._fetch_failed)} failed" if self._fetch_failed else ""
        self.status.activity = f"fetching {self._fetch_done}{total}{failed}"

    def on_fetch_finished(self, message: FetchFinished) -> None:
        outcomes = message.outcomes
        failed = [o for o in outcomes if o.status == "error"]
        new = sum(o.new for o in outcomes)
        stamp = self.now().astimezone().strftime("%H:%M")
        self.status.activity = f"fetched {stamp}: {new} new" + (f", {len(failed)} failed" if failed else "")
        summary = f"{plural(len(outcomes), 'feed')} fetched: {plural(new, 'new story', 'new stories')}"
        self.notify(summary + (f", {len(failed)} failed" if failed else "") + ".", title="Fetch done",
                    markup=False, timeout=5)
        if failed:
            lines = [f"{o.feed}: {o.error or 'failed'}" for o in failed[:6]]
            if len(failed) > 6:
                lines.append(f"…and {len(failed) - 6} more (see `briefing feeds`)")
            self.notify("\n".join(plain(line) for line in lines), title=f"{plural(len(failed), 'feed')} failed",
                        severity="warning", markup=False, timeout=8)
        stories = self.story_list
        if outcomes and len(failed) == len(outcomes):  # (shown only while there are no stories at all)
            stories.empty_message = [
                "No stories yet: every feed failed to fetch.",
                "No network? Try the bundled sample feeds: briefing demo",
                "",
                *(f"  {o.feed}: {o.error or 'failed'}" for o in failed),
            ]
        else:
            again = self.key_for("fetch")
            stories.empty_message = [f"No stories yet. Press {again} to fetch again, or try: briefing demo"]
        stories.refresh()
        self.refresh_data()

    @work(thread=True, exclusive=True, group="process", exit_on_error=False)
    def process_worker(self) -> None:
        """Finish stories an earlier run left pending (when the app starts without fetching).

        The same `service.process` every run uses, on its own connection, so its writes
        reach the list through the data_version poll like any other writer's.
        """
        processed = service.process(self.db_path)
        failures = [processed.error] if processed.error else []
        self.post_message(ProcessingFinished(processed.result.stories, failures))

    def on_processing_finished(self, message: ProcessingFinished) -> None:
        if message.failures:
            self.notify("\n".join(plain(f) for f in message.failures), title="Processing stopped",
                        severity="error", markup=False, timeout=10)
        self.poll_changes()

    # --- the one place worker failures become messages ---------------------------

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if event.state == WorkerState.ERROR:
            what = {"fetch": "Fetching", "process": "Processing new stories", "digest": "Digest export",
                     "export": "Exporting incidents", "incidents": "Reading the incidents",
                     "incidents-write": "Saving a correction",
                     "counts": "Counting unread stories", "tally": "Reading the incident tally",
                     "store": "Reading or saving", "story-count": "Counting the story list"}.get(
                worker.group, worker.name or "A background task"
            )
            self.notify(f"{what} failed: {worker.error}", title="Error", severity="error", markup=False,
                        timeout=8)
            if worker.group == "fetch":
                self.status.activity = "fetch failed"
