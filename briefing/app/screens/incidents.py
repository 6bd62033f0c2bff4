"""Incidents and their claims side by side, where the reader corrects the machine.

Top: the incidents of the period (today, 7 days, 30 days or all: keys 1-4),
newest first, or (`s`) the least sure first.  Below: the highlighted
incident's claims in three columns, "Armenia says… / Azerbaijan says… /
Others say…", so conflicting figures are read against each other instead of
being merged.  Each claim names the story it was read from and how sure the
machine is (`0.62`), or "reviewed" once a reader confirmed or corrected it;
`w` shows why the machine says so.  At the bottom, the reports the machine
could not read: stories that read as incident reports but gave no figure, so
the tally never undercounts in silence (Enter reads one, `c`/`x` says whether
it is an incident).

`c` confirms, `x` rejects, `e` edits the figures of the highlighted claim, `n`
toggles whether its story reports an incident at all.  Every change goes
through the store's correction methods, which keep the reader's word apart
from machine output (re-extraction cannot undo it), and the screen re-reads
the store afterwards rather than patching its own copy.  Rejected claims stay
visible, struck through, so `c` can restore them.  Reading and writing run in
thread workers on their own connection that post typed messages: the screen
never waits on the database.

Feed text (titles, outlets, places) is only ever put into `Text` objects from
plain strings, never parsed as markup.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from ...models import Claim, Incident, Story
from ...store import Store
from ...tally import build_tally, standing
from ...wording import claim_phrase, confidence_label, count_phrase, language_mark, side_label
from ..text import plain
from .edit_figures import EditFiguresScreen
from .why import WhyScreen

# Days back from today (None: every incident stored) and how the title names the range.
RANGES: tuple[tuple[int | None, str], ...] = ((1, "today"), (7, "7 days"), (30, "30 days"), (None, "all"))
RANGE_KEYS = Binding.Group("Range", compact=True)

# Column id → the claims it shows (None: everyone not named in another column).
COLUMNS: tuple[tuple[str, str, str | None], ...] = (
    ("claims-armenia", "Armenia says…", "Armenia"),
    ("claims-azerbaijan", "Azerbaijan says…", "Azerbaijan"),
    ("claims-others", "Others say…", None),
)
STATUS_NOTES = {
    "confirmed": ("✓ confirmed", "green"),
    "edited": ("✎ corrected", "yellow"),
    "rejected": ("✗ rejected (c restores)", "red"),
}
UNREAD_LIST = "unread-list"


STANDING_NOTES = {
    "non-combat": "non-combat, kept out of the clash tally",
    "denied": "only denials, not counted",
    "rejected": "every claim rejected, not counted (c restores)",
}


def incident_prompt(incident: Incident) -> Text:
    """Two lines: date, places and type; then how many claims each claimant made."""
    places = ", ".join(incident.locations) or "place not stated"
    text = Text(no_wrap=False, overflow="fold")
    text.append(incident.event_date.isoformat(), style="bold")
    text.append(f"  {plain(places)} · {plain(incident.event_type)}")
    note = STANDING_NOTES.get(standing(incident))
    if note:
        text.append(f" · {note}", style="dim")
    if incident.marked_story:
        text.append("\n  marked as an incident by you; no figures", style="dim")
        return text
    counts: dict[str, int] = {}
    for claim in incident.claims:
        counts[claim.claimant] = counts.get(claim.claimant, 0) + 1
    text.append("\n  claims: " + ", ".join(f"{plain(c)} {n}" for c, n in counts.items()), style="dim")
    least = least_sure(incident)
    if least < 1.0:
        text.append(f" · least sure {least:.2f}", style="dim")
    return text


def claim_prompt(claim: Claim, story: Story | None, show_claimant: bool, incident: Incident | None = None) -> Text:
    """A claim as the reader checks it: figures (or what it denies), status and confidence, places, its story."""
    text = Text(no_wrap=False, overflow="fold")
    rejected = claim.status == "rejected"
    if show_claimant:
        text.append(f"{plain(claim.claimant)} says: ", style="italic")
    text.append(plain(claim_phrase(claim, incident)), style="bold strike dim" if rejected else "bold")
    note = STATUS_NOTES.get(claim.status)
    if note:
        text.append(f"  {note[0]}", style=note[1])
    text.append(f"  {confidence_label(claim, short=True)}", style="dim")
    text.append("\n" + plain(", ".join(claim.locations) or "place not stated"), style="dim" if rejected else "")
    if story is None:
        text.append("\nsource story not stored", style="dim")
    else:
        when = story.when.astimezone().strftime("%Y-%m-%d %H:%M") if story.when else ""
        mark = language_mark(story.language)  # the headline as written, its language said: "[ru] …"
        headline = (f"{mark} " if mark else "") + plain(story.title or "(untitled)")
        text.append("\n" + headline, style="dim" if rejected else "")
        text.append(f"\n— {plain(story.feed)} {when}", style="dim")
        if not story.has_incident:
            text.append("\n  story marked: not an incident", style="yellow")
        text.append("\n  Enter opens the story · w why", style="dim")
    return text


def unread_prompt(story: Story) -> Text:
    """`2026-11-25 09:00  Armenpress  Shelling near Sotk…`: a report to read, one line."""
    when = story.when.astimezone().strftime("%Y-%m-%d %H:%M") if story.when else ""
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(f"{when}  ", style="dim")
    text.append(f"{plain(story.feed)}  ", style="italic")
    mark = language_mark(story.language)
    text.append((f"{mark} " if mark else "") + plain(story.title or "(untitled)"))
    return text


def least_sure(incident: Incident) -> float:
    """The lowest confidence among the claims nobody has reviewed yet (2.0: nothing left to check)."""
    return min((c.confidence for c in incident.claims if c.status == "machine"), default=2.0)


def claim_order(claim: Claim) -> tuple[bool, float]:
    """Least sure first: unreviewed claims by confidence, then the reviewed and rejected ones."""
    return (claim.status != "machine", claim.confidence)


def local_day_bounds(start: date, end: date) -> tuple[datetime | None, datetime | None]:
    """The reader's local days [start, end] as aware datetimes (None at the ends of the calendar)."""
    since = None if start == date.min else datetime.combine(start, time.min).astimezone()
    until = None if end == date.max else datetime.combine(end + timedelta(days=1), time.min).astimezone()
    return since, until


class _IncidentList(OptionList):
    """The incident list, where Enter acts at once: in the key's own handling, not in a message handled
    after it, so a key typed right after Enter (`w`, `c`, `e`) reaches the claim Enter moved to."""

    def __init__(self, on_enter: Callable[[], None], **kwargs) -> None:
        super().__init__(**kwargs)
        self._on_enter = on_enter

    def action_select(self) -> None:
        if self.highlighted is not None and not self.get_option_at_index(self.highlighted).disabled:
            self._on_enter()


class IncidentsScreen(Screen[None]):
    """Every incident of a period; the highlighted one's claims side by side, correctable."""

    BINDINGS = [
        Binding("q,escape", "close", "Close", id="incidents.close"),
        Binding("c", "correct('confirmed')", "Confirm", id="incidents.confirm"),
        Binding("x", "correct('rejected')", "Reject", id="incidents.reject"),
        Binding("e", "edit", "Edit figures", id="incidents.edit"),
        Binding("w", "why", "Why", id="incidents.why"),
        Binding("s", "sort_confidence", "Least sure first", id="incidents.sort_confidence"),
        Binding("n", "toggle_incident", "Incident?", id="incidents.toggle_story"),
        *(
            Binding(str(n), f"range({days})", label.capitalize(), id=f"incidents.range_{n}", group=RANGE_KEYS)
            for n, (days, label) in enumerate(RANGES, start=1)
        ),
        Binding("E", "export", "Export CSV", id="incidents.export"),
        Binding("left,h", "column(-1)", "Column left", show=False, id="incidents.column_left"),
        Binding("right,l", "column(1)", "Column right", show=False, id="incidents.column_right"),
        Binding("j", "move(1)", "Down", show=False, id="incidents.down"),
        Binding("k", "move(-1)", "Up", show=False, id="incidents.up"),
    ]

    class Corrected(Message):
        """The reader changed a claim or a story's incident mark: tallies elsewhere are stale."""

    @dataclass
    class OpenStory(Message):
        """Enter on a claim or an unread report: show the story in the reader."""

        story_id: str

    @dataclass
    class Export(Message):
        """Export the claims of the incidents shown (one row per claim) for a spreadsheet."""

        start: date
        end: date

    @dataclass
    class Loaded(Message):
        """The load worker read the period: its incidents, their stories, the reports nobody could read."""

        seq: int
        incidents: list[Incident]
        stories: dict[str, Story]
        unread: list[Story]

    @dataclass
    class Saved(Message):
        """The write worker stored a correction; `note` tells the reader what changed."""

        note: str

    def __init__(self, store: Store, today: date, days: int | None = 30) -> None:
        """`store` is the app's; this screen only takes its path and reads and writes on its own connections."""
        super().__init__()
        self.db_path = Path(store.path)
        self.today = today
        self.days = days
        self.low_first = False  # `s`: least sure first instead of newest first
        self.every: list[Incident] = []  # as read, newest first
        self.incidents: list[Incident] = []  # as listed
        self.stories: dict[str, Story] = {}
        self.unread: list[Story] = []
        self.loaded = False
        # Column id → the claims shown in it, in option order.
        self.column_claims: dict[str, list[Claim]] = {column: [] for column, _, _ in COLUMNS}
        self.shown_id: str | None = None  # the incident whose claims the columns hold
        # Incidents the reader corrected here stay listed (to be restored) even when they stop counting.
        self.touched: set[str] = set()
        self._writing = threading.Lock()  # corrections are stored in the order they were made
        self._seq = 0  # numbers the reads, so only the newest is shown

    def compose(self) -> ComposeResult:
        yield Static(Text("Incidents · loading…"), id="incidents-title")
        yield _IncidentList(self._enter_incident, id="incident-list")
        with Horizontal(id="claim-columns"):
            for column, heading, _ in COLUMNS:
                with Vertical(classes="claim-column"):
                    yield Static(Text(heading), id=f"{column}-heading")
                    yield OptionList(id=column)
        with Vertical(id="unread-reports"):
            yield Static(id="unread-heading")
            yield OptionList(id=UNREAD_LIST)
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#unread-reports").display = False
        self.reload()
        self.query_one("#incident-list", OptionList).focus()

    # --- reading (in a worker) --------------------------------------------------------

    def reload(self) -> None:
        """Ask the load worker to re-read the period; `on_incidents_screen_loaded` shows it."""
        self._seq += 1
        self.load_worker(self._seq, self.start, self.end)

    @work(thread=True, exclusive=True, group="incidents", exit_on_error=False)
    def load_worker(self, seq: int, start: date, end: date) -> None:
        """The period's incidents (rejected claims too), their stories and the unread reports, one snapshot."""
        since, until = local_day_bounds(start, end)
        with Store(self.db_path, readonly=True) as store, store.snapshot():
            every = store.incidents_between(start, end, include_rejected=True)
            ids = sorted({c.story_id for inc in every for c in inc.claims}
                         | {inc.marked_story for inc in every if inc.marked_story})
            stories = {s.id: s for s in store.stories_by_ids(ids, full=False)}
            unread = store.unread_incident_stories(since, until)
        self.post_message(self.Loaded(seq, every, stories, unread))

    def on_incidents_screen_loaded(self, message: Loaded) -> None:
        """Show what the worker read, keeping the highlighted incident, claim and report."""
        message.stop()
        if message.seq != self._seq:
            return  # a newer read is on its way
        current = self.current_incident()
        keep_id = current.id if current else None
        focused = self.focused.id if self.focused is not None else None
        keep_row = self.focused.highlighted if isinstance(self.focused, OptionList) else None
        self.every, self.stories, self.unread = message.incidents, message.stories, message.unread
        self.loaded = True
        self._list_incidents(keep_id)
        self._list_unread()
        if focused in (*self.column_claims, UNREAD_LIST) and keep_row is not None:
            widget = self.query_one(f"#{focused}", OptionList)
            if widget.option_count:
                widget.highlighted = min(keep_row, widget.option_count - 1)

    def _list_incidents(self, keep_id: str | None) -> None:
        """Fill the incident list in the chosen order and show the kept (else the first) incident's claims."""
        listed = [i for i in self.every if standing(i) != "rejected" or i.id in self.touched]
        if self.low_first:
            listed.sort(key=least_sure)  # stable: newest first among equals
        self.incidents = listed
        self.query_one("#incidents-title", Static).update(self.title_text())
        incident_list = self.query_one("#incident-list", OptionList)
        incident_list.clear_options()
        if not self.incidents:
            incident_list.add_option(Option(Text(self.empty_text(), style="dim"), disabled=True))
            self.show_claims(None)
            return
        incident_list.add_options(Option(incident_prompt(inc), id=inc.id) for inc in self.incidents)
        index = next((i for i, inc in enumerate(self.incidents) if inc.id == keep_id), 0)
        incident_list.highlighted = index
        self.show_claims(self.incidents[index])

    def _list_unread(self) -> None:
        """The reports the machine could not read, under their own heading; hidden when there are none."""
        self.query_one("#unread-reports").display = bool(self.unread)
        heading = f"Reports the machine could not read: {len(self.unread)} · Enter reads · c/x: an incident or not"
        self.query_one("#unread-heading", Static).update(Text(heading))
        widget = self.query_one(f"#{UNREAD_LIST}", OptionList)
        widget.clear_options()
        widget.add_options(Option(unread_prompt(s), id=s.id) for s in self.unread)
        if self.unread:
            widget.highlighted = 0

    @property
    def start(self) -> date:
        return date.min if self.days is None else self.today - timedelta(days=self.days - 1)

    @property
    def end(self) -> date:
        return date.max if self.days is None else self.today

    def title_text(self) -> Text:
        """`Incidents · 7 days (2025-05-29 to 2025-06-04) · 3 incidents, 1 non-combat apart`: counted
        exactly as the tally panel counts (`briefing.tally`), and every one of them is listed."""
        if self.days is None:
            span = "all dates"
        elif self.days == 1:
            span = f"today ({self.today.isoformat()})"
        else:
            span = f"{self.days} days ({self.start.isoformat()} to {self.end.isoformat()})"
        start = min((i.event_date for i in self.incidents), default=self.today) if self.days is None else self.start
        end = max((i.event_date for i in self.incidents), default=self.today) if self.days is None else self.end
        tally = build_tally(self.incidents, start, end)
        others = [standing(i) for i in self.incidents]
        extra = [f"{n} {what}" for what, n in (("only denied", others.count("denied")),
                                               ("rejected", others.count("rejected"))) if n]
        order = " · least sure first" if self.low_first else ""
        return Text(f"Incidents · {span} · {count_phrase(tally)}" + "".join(f", {e}" for e in extra) + order)

    def empty_text(self) -> str:
        if self.days is None:
            return "No incidents stored yet: they are read from the stories as they are fetched."
        period = "today" if self.days == 1 else f"in the last {self.days} days"
        return f"No incidents {period}. A longer range is one key away (see the footer)."

    def action_range(self, days: int | None) -> None:
        """Show today, the last 7 or 30 days, or every incident."""
        if days == self.days:
            return
        self.days = days
        self.reload()
        self.query_one("#incident-list", OptionList).focus()

    def action_sort_confidence(self) -> None:
        """`s`: the least sure incidents (and claims) first, so a day's review starts where it matters."""
        self.low_first = not self.low_first
        current = self.current_incident()
        self._list_incidents(None if self.low_first else (current.id if current else None))
        self.query_one("#incident-list", OptionList).focus()
        self.notify("Least sure first" if self.low_first else "Newest first", timeout=2)

    def current_incident(self) -> Incident | None:
        index = self.query_one("#incident-list", OptionList).highlighted
        if index is None or not self.incidents or index >= len(self.incidents):
            return None
        return self.incidents[index]

    def show_claims(self, incident: Incident | None) -> None:
        """Fill the three columns with the incident's claims, each in its claimant's column."""
        self.shown_id = incident.id if incident else None
        named = {claimant for _, _, claimant in COLUMNS if claimant}
        for column, _, claimant in COLUMNS:
            claims = [] if incident is None else [
                c for c in incident.claims if (c.claimant == claimant if claimant else c.claimant not in named)
            ]
            if self.low_first:
                claims.sort(key=claim_order)
            self.column_claims[column] = claims
            widget = self.query_one(f"#{column}", OptionList)
            widget.clear_options()
            if claims:
                widget.add_options(
                    Option(claim_prompt(c, self.stories.get(c.story_id), show_claimant=claimant is None,
                                        incident=incident))
                    for c in claims
                )
                widget.highlighted = 0
            elif incident is not None and incident.marked_story and claimant is None:
                story = self.stories.get(incident.marked_story)
                title = plain(story.title) if story else "story not stored"
                widget.add_option(Option(Text(f"Marked by you, no figures:\n{title}"), disabled=True))
            else:
                widget.add_option(Option(Text("no claim", style="dim"), disabled=True))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        # Only a move to another incident refills the columns: a reload re-highlights the
        # same incident, and refilling then would throw away the claim the reader was on.
        incident = self.current_incident()
        if event.option_list.id == "incident-list" and (incident.id if incident else None) != self.shown_id:
            self.show_claims(incident)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a claim or an unread report opens its story (on an incident: `_enter_incident`)."""
        if event.option_list.id == UNREAD_LIST:
            if event.option.id:
                self.post_message(self.OpenStory(event.option.id))
            return
        if event.option_list.id in self.column_claims:
            claims = self.column_claims[event.option_list.id]
            if event.option_index < len(claims):
                self.post_message(self.OpenStory(claims[event.option_index].story_id))
            return

    def _enter_incident(self) -> None:
        """Enter on an incident: into its first column that has claims (a story the reader marked as
        an incident, with no claims: that story opens)."""
        incident = self.current_incident()
        if incident is not None and incident.marked_story:
            self.post_message(self.OpenStory(incident.marked_story))
            return
        for column, _, _ in COLUMNS:
            if self.column_claims[column]:
                self.set_focus(self.query_one(f"#{column}", OptionList))  # now, not after queued keys
                return

    def selected_claim(self) -> Claim | None:
        """The highlighted claim of the focused column; None (and a hint) when no claim is focused."""
        focused = self.focused
        if focused is None or focused.id not in self.column_claims:
            self.notify("Pick a claim first: Enter on an incident, then ←/→ between columns.", timeout=3)
            return None
        claims = self.column_claims[focused.id]
        index = focused.highlighted if isinstance(focused, OptionList) else None
        if index is None or index >= len(claims):
            return None
        return claims[index]

    def selected_unread(self) -> Story | None:
        """The highlighted unread report, when that list has the focus."""
        focused = self.focused
        if not isinstance(focused, OptionList) or focused.id != UNREAD_LIST or focused.highlighted is None:
            return None
        index = focused.highlighted
        return self.unread[index] if index < len(self.unread) else None

    # --- corrections (written in a worker) -------------------------------------------------

    def write_worker(self, change: Callable[[Store], object], note: str) -> None:
        """Store one correction in a thread worker of the app's (not this screen's), so closing the
        screen at once never cancels it; the app hears `Corrected`, this screen `Saved`."""

        def write() -> None:
            with self._writing, Store(self.db_path) as store:
                change(store)
            self.app.post_message(self.Corrected())
            self.post_message(self.Saved(note))

        self.app.run_worker(write, thread=True, group="incidents-write", exit_on_error=False)

    def on_incidents_screen_saved(self, message: Saved) -> None:
        message.stop()
        current = self.current_incident()
        if current is not None:
            self.touched.add(current.id)
        self.reload()
        self.notify(message.note, timeout=3, markup=False)

    def action_correct(self, action: str) -> None:
        report = self.selected_unread()
        if report is not None:
            is_incident = action == "confirmed"
            self.write_worker(lambda store: store.mark_story_incident(report.id, is_incident),
                              "Marked as an incident (no figures): it is listed with the incidents"
                              if is_incident else "Marked as not an incident")
            return
        claim = self.selected_claim()
        if claim is None:
            return
        verb = {"confirmed": "Confirmed", "rejected": "Rejected"}[action]
        self.write_worker(
            lambda store: store.correct_claim(claim.story_id, claim.claimant, claim.side_affected, action),
            f"{verb}: {claim.claimant} says {claim_phrase(claim, self.current_incident())}",
        )

    def action_edit(self) -> None:
        if self.selected_unread() is not None:
            self.notify("No figures to edit: the machine read none here. Enter reads the story.", timeout=3)
            return
        claim = self.selected_claim()
        if claim is None:
            return

        def save(figures: tuple[int, int] | None) -> None:
            if figures is None:
                return
            killed, wounded = figures
            self.write_worker(
                lambda store: store.correct_claim(claim.story_id, claim.claimant, claim.side_affected, "edited",
                                                  killed=killed, wounded=wounded),
                f"Corrected: {claim.claimant} says {side_label(claim.side_affected)}: "
                f"{killed} killed, {wounded} wounded",
            )

        heading = f"{claim.claimant} says {side_label(claim.side_affected)}"
        self.app.push_screen(EditFiguresScreen(plain(heading), claim.killed, claim.wounded), save)

    def action_why(self) -> None:
        """`w`: the words and rules behind each field of the highlighted claim."""
        if self.selected_unread() is not None:
            self.notify("The machine found an incident report here but no figure it understood. "
                        "Enter reads the story.", timeout=4)
            return
        claim = self.selected_claim()
        if claim is not None:
            self.app.push_screen(WhyScreen(claim, self.current_incident()))

    def action_toggle_incident(self) -> None:
        if self.selected_unread() is not None:
            self.notify("c: it reports an incident · x: it does not", timeout=3)
            return
        claim = self.selected_claim()
        if claim is None:
            return
        story = self.stories.get(claim.story_id)
        is_incident = not (story.has_incident if story else True)
        self.write_worker(lambda store: store.mark_story_incident(claim.story_id, is_incident),
                          "Story marked as reporting an incident" if is_incident else
                          "Story marked as not reporting an incident")

    # --- moving around ------------------------------------------------------------

    def action_column(self, step: int) -> None:
        """←/→ between the claim columns (from the incident list, → enters the first)."""
        order = [column for column, _, _ in COLUMNS]
        focused = self.focused.id if self.focused is not None else None
        if focused in order:
            index = order.index(focused) + step
            if index < 0:
                self.query_one("#incident-list", OptionList).focus()
                return
            index = min(index, len(order) - 1)
        elif step > 0:
            index = 0
        else:
            return
        self.query_one(f"#{order[index]}", OptionList).focus()

    def action_move(self, step: int) -> None:
        """j/k: down and up in whichever list has the focus."""
        focused = self.focused
        if isinstance(focused, OptionList):
            focused.action_cursor_down() if step > 0 else focused.action_cursor_up()

    def action_export(self) -> None:
        start, end = self.start, self.end
        if self.days is None:
            start = min((i.event_date for i in self.incidents), default=self.today)
            end = max((i.event_date for i in self.incidents), default=self.today)
        self.post_message(self.Export(start, end))

    def action_close(self) -> None:
        self.dismiss(None)
