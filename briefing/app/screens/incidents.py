"""Incidents and their claims side by side, where the reader corrects the machine.

Top: the incidents of the period (today, 7 days, 30 days or all: keys 1-4),
newest first.  Below: the highlighted
incident's claims in three columns, "Armenia says… / Azerbaijan says… /
Others say…", so conflicting figures are read against each other instead of
being merged.  Each claim names the story it was read from.

`c` confirms, `x` rejects, `e` edits the figures of the highlighted claim, `n`
toggles whether its story reports an incident at all.  Every change goes
through the store's correction methods, which keep the reader's word apart
from machine output (re-extraction cannot undo it), and the screen re-reads
the store afterwards rather than patching its own copy.  Rejected claims stay
visible, struck through, so `c` can restore them.

Feed text (titles, outlets, places) is only ever put into `Text` objects from
plain strings, never parsed as markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable

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
from ..text import plain
from ...wording import claim_phrase, count_phrase, language_mark, side_label
from .edit_figures import EditFiguresScreen

# Days back from today (None: every incident stored) and how the title names the range.
RANGES: tuple[tuple[int | None, str], ...] = ((1, "today"), (7, "7 days"), (30, "30 days"), (None, "all"))
RANGE_KEYS = Binding.Group("Range", compact=True)

# Column id → the claimants it shows (None: everyone not named in another column).
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
    return text


def claim_prompt(claim: Claim, story: Story | None, show_claimant: bool, incident: Incident | None = None) -> Text:
    """A claim as the reader checks it: figures (or what it denies), status, places, and the story behind it."""
    text = Text(no_wrap=False, overflow="fold")
    rejected = claim.status == "rejected"
    if show_claimant:
        text.append(f"{plain(claim.claimant)} says: ", style="italic")
    text.append(plain(claim_phrase(claim, incident)), style="bold strike dim" if rejected else "bold")
    note = STATUS_NOTES.get(claim.status)
    if note:
        text.append(f"  {note[0]}", style=note[1])
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
        text.append("\n  Enter opens the story", style="dim")
    return text


class IncidentsScreen(Screen[None]):
    """Every incident of a period; the highlighted one's claims side by side, correctable."""


    BINDINGS = [
        Binding("q,escape", "close", "Close", id="incidents.close"),
        Binding("c", "correct('confirmed')", "Confirm", id="incidents.confirm"),
        Binding("x", "correct('rejected')", "Reject", id="incidents.reject"),
        Binding("e", "edit", "Edit figures", id="incidents.edit"),
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
    class Loaded(Message):
        """The period's incidents and their stories, read off the UI thread."""

        seq: int
        incidents: list[Incident]
        stories: dict[str, Story]

    @dataclass
    class Written(Message):
        """A correction was written (off the UI thread); `text` says what it was."""

        text: str

    @dataclass
    class OpenStory(Message):
        """Enter on a claim: show the story it was read from in the reader."""

        story_id: str

    @dataclass
    class Export(Message):
        """Export the claims of the incidents shown (one row per claim) for a spreadsheet."""

        start: date
        end: date

    def __init__(self, store: Store, today: date, days: int | None = 30) -> None:
        super().__init__()
        self.store = store
        self.today = today
        self.days = days
        self.incidents: list[Incident] = []
        self.stories: dict[str, Story] = {}
        # Column id → the claims shown in it, in option order.
        self.column_claims: dict[str, list[Claim]] = {column: [] for column, _, _ in COLUMNS}
        self.shown_id: str | None = None  # the incident whose claims the columns hold
        # Incidents the reader corrected here stay listed (to be restored) even when they stop counting.
        self.touched: set[str] = set()
        self._seq = 0  # numbers the reads, so only the newest is shown

    def compose(self) -> ComposeResult:
        yield Static(id="incidents-title", markup=False)
        yield OptionList(id="incident-list")
        with Horizontal(id="claim-columns"):
            for column, heading, _ in COLUMNS:
                with Vertical(classes="claim-column"):
                    yield Static(Text(heading), id=f"{column}-heading")
                    yield OptionList(id=column)
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#incident-list", OptionList).focus()

    # --- reading ----------------------------------------------------------------

    def reload(self) -> None:
        """Re-read the period in a worker (never on the UI thread); `on_incidents_screen_loaded` shows it."""
        self._seq += 1
        self._read(self._seq, self.start, self.end)

    @work(thread=True, exclusive=True, group="incidents", exit_on_error=False)
    def _read(self, seq: int, start: date, end: date) -> None:
        with Store(self.store.path) as store, store.snapshot():
            every = store.incidents_between(start, end, include_rejected=True)
            ids = sorted({c.story_id for inc in every for c in inc.claims}
                         | {inc.marked_story for inc in every if inc.marked_story})
            stories = {s.id: s for s in store.stories_by_ids(ids, full=False)}
        self.post_message(self.Loaded(seq, every, stories))

    def on_incidents_screen_loaded(self, message: Loaded) -> None:
        """Show what `_read` found, keeping the highlighted incident and claim."""
        message.stop()
        if message.seq != self._seq:
            return  # a newer read is on its way
        incident_list = self.query_one("#incident-list", OptionList)
        current = self.current_incident()
        keep_id = current.id if current else None
        focused = self.focused.id if self.focused is not None else None
        keep_claim = self.query_one(f"#{focused}", OptionList).highlighted if focused in self.column_claims else None

        self.incidents = [i for i in message.incidents if standing(i) != "rejected" or i.id in self.touched]
        self.query_one("#incidents-title", Static).update(self.title_text())
        self.stories = message.stories
        incident_list.clear_options()
        if not self.incidents:
            incident_list.add_option(Option(Text(self.empty_text(), style="dim"), disabled=True))
            self.show_claims(None)
            return
        incident_list.add_options(Option(incident_prompt(inc), id=inc.id) for inc in self.incidents)
        index = next((i for i, inc in enumerate(self.incidents) if inc.id == keep_id), 0)
        incident_list.highlighted = index
        self.show_claims(self.incidents[index])
        if focused in self.column_claims and keep_claim is not None:
            column = self.query_one(f"#{focused}", OptionList)
            if column.option_count:
                column.highlighted = min(keep_claim, column.option_count - 1)

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
        return Text(f"Incidents · {span} · {count_phrase(tally)}" + "".join(f", {e}" for e in extra))

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
        """Enter on an incident moves into its first column that has claims; Enter on a claim opens its story."""
        if event.option_list.id in self.column_claims:
            claims = self.column_claims[event.option_list.id]
            if event.option_index < len(claims):
                self.post_message(self.OpenStory(claims[event.option_index].story_id))
            return
        if event.option_list.id != "incident-list":
            return
        incident = self.current_incident()
        if incident is not None and incident.marked_story:
            self.post_message(self.OpenStory(incident.marked_story))
            return
        for column, _, _ in COLUMNS:
            if self.column_claims[column]:
                self.query_one(f"#{column}", OptionList).focus()
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

    # --- corrections --------------------------------------------------------------

    def _write(self, write: Callable[[Store], object], text: str) -> None:
        """Run a correction in a worker; the screen re-reads once it is written."""
        self._writer(write, text)

    @work(thread=True, group="incidents-write", exit_on_error=False)
    def _writer(self, write: Callable[[Store], object], text: str) -> None:
        with Store(self.store.path) as store:
            write(store)
        self.post_message(self.Written(text))

    def on_incidents_screen_written(self, message: Written) -> None:
        message.stop()
        self._changed(message.text)

    def _changed(self, message: str) -> None:
        current = self.current_incident()
        if current is not None:
            self.touched.add(current.id)
        self.reload()
        self.post_message(self.Corrected())
        self.notify(message, timeout=3, markup=False)

    def action_correct(self, action: str) -> None:
        claim = self.selected_claim()
        if claim is None:
            return
        verb = {"confirmed": "Confirmed", "rejected": "Rejected"}[action]
        self._write(lambda store: store.correct_claim(claim.story_id, claim.claimant, claim.side_affected, action),
                    f"{verb}: {claim.claimant} says {claim_phrase(claim, self.current_incident())}")

    def action_edit(self) -> None:
        claim = self.selected_claim()
        if claim is None:
            return

        def save(figures: tuple[int, int] | None) -> None:
            if figures is None:
                return
            killed, wounded = figures
            self._write(
                lambda store: store.correct_claim(claim.story_id, claim.claimant, claim.side_affected, "edited",
                                                  killed=killed, wounded=wounded),
                f"Corrected: {claim.claimant} says {side_label(claim.side_affected)}: "
                f"{killed} killed, {wounded} wounded",
            )

        heading = f"{claim.claimant} says {side_label(claim.side_affected)}"
        self.app.push_screen(EditFiguresScreen(plain(heading), claim.killed, claim.wounded), save)

    def action_toggle_incident(self) -> None:
        claim = self.selected_claim()
        if claim is None:
            return
        story = self.stories.get(claim.story_id)
        is_incident = not (story.has_incident if story else True)
        self._write(lambda store: store.mark_story_incident(claim.story_id, is_incident),
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
