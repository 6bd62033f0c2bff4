"""The incident tally in the sidebar: today, 7 days and 30 days, each figure with who claims it.

The panel never adds one claimant's figures to another's: "Armenia: 10 killed
(Azerbaijan says)" and "Armenia: 1 killed (Armenia says)" are two claims about
the same losses, and a single summed number would be a third claim nobody made.  Landmine and other
non-combat incidents are counted apart.  A sparkline shows incidents per day
over the month.  Enter (or a click) asks the app to open the incidents screen.

Everything drawn is built from plain strings into `Text`, never parsed as markup.
"""

from __future__ import annotations

import textwrap

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Sparkline, Static

from ...models import Tally
from ...wording import by_claimant, plural, review_note, tally_line

LEGEND = ("Each line: whose losses, the figures, who says so, and whether a reader reviewed them (machine: the"
          " machine's reading, not yet checked); claimants are never added together.")


def figure_lines(tally: Tally) -> list[tuple[str, str]]:
    """One (what, who says it and whether it was reviewed) per claimant and side with casualties,
    claimants in the digest's order: `("Armenia: 3 killed", "(Armenia says) machine")`."""
    lines = []
    for _claimant, figures in by_claimant(tally):
        for f in sorted(figures, key=lambda f: f.side_affected):
            what, who = tally_line(f)
            lines.append((what, f"{who} {review_note(f)}"))
    return lines


def _fit(what: str, who: str, width: int, indent: str = "   ") -> list[str]:
    """`Armenia: 2 civilians wounded (Armenia says) machine` on one line if it fits, else who says it on
    the next, a long figure broken after a comma, and what still does not fit broken between words, each
    continuation indented: the narrow sidebar never folds a line itself, mid-word or back to its margin."""
    line = f" {what} {who}"
    if len(line) <= width:
        return [line]
    lines = [f" {what}"]
    if len(lines[0]) > width and ", " in what:
        head, _, tail = what.partition(", ")
        lines = [f" {head},", f"{indent}{tail}"]
    if len(lines[-1]) + 1 + len(who) <= width:
        lines[-1] += f" {who}"
    else:
        lines.append(f"{indent}{who}")
    return [part for line in lines for part in _between_words(line, width, indent)]


def _between_words(line: str, width: int, indent: str) -> list[str]:
    """A line too long for `width` broken between words (a word longer than the width stays whole)."""
    if len(line) <= width:
        return [line]
    return textwrap.wrap(line, width, subsequent_indent=indent, break_long_words=False,
                         break_on_hyphens=False) or [line]


def tally_text(today: Tally, week: Tally, month: Tally, width: int = 40) -> Text:
    """The three periods as plain text: a heading with the counts, then the claimed figures in words."""
    text = Text(no_wrap=False, overflow="fold")
    for label, tally in (("Today", today), ("7 days", week), ("30 days", month)):
        if text:
            text.append("\n")
        count = plural(tally.incidents, "incident")
        text.append(label, style="bold")
        text.append(f"  {count}", style="" if tally.incidents else "dim")
        if tally.non_combat:
            extra = f"+{tally.non_combat} non-combat"
            fits = len(label) + len(count) + len(extra) + 3 <= width
            text.append((" " if fits else "\n ") + extra, style="dim")
        lines = figure_lines(tally)
        for what, who in lines:
            for part in _fit(what, who, width):
                text.append("\n" + part)
        if tally.incidents and not lines:
            text.append("\n no casualties claimed", style="dim")
    return text


def sparkline_dates(tally: Tally, width: int) -> str:
    """`06 Nov … 05 Dec` under the sparkline: the first and last day it covers, at its two ends."""
    first, last = f"{tally.start:%d %b}", f"{tally.end:%d %b}"
    gap = max(1, width - len(first) - len(last))
    return first + " " * gap + last


class _TallyText(Static):
    """The three periods' text, broken for the width it is drawn at and broken again whenever that
    changes: a scroll bar, or the focus border, takes columns without resizing the panel."""

    _tallies: tuple[Tally, Tally, Tally] | None = None

    def show(self, today: Tally, week: Tally, month: Tally) -> None:
        self._tallies = (today, week, month)
        self._fit()

    def _fit(self) -> None:
        if self._tallies is not None:
            self.update(tally_text(*self._tallies, self.content_size.width or 40))

    def on_resize(self, event: events.Resize) -> None:
        self._fit()


class TallyPanel(Widget, can_focus=True):
    """Incident counts and claimed casualties for today, 7 days and 30 days."""


    BINDINGS = [Binding("enter", "open", "Incidents", id="tally.open")]

    _tallies: tuple[Tally, Tally, Tally] | None = None

    class Opened(Message):
        """The reader asked to see the incidents behind the tally."""

    def compose(self) -> ComposeResult:
        yield _TallyText(Text("Incident tally: loading…"), id="tally-text")
        yield Static(Text("Incidents per day, 30 days"), id="tally-caption")
        yield Sparkline([], id="tally-sparkline")
        yield Static(Text(""), id="tally-dates")

    def on_mount(self) -> None:
        self.tooltip = LEGEND + "\nEnter: every incident with each side's claims"
        self.border_title = "Incidents"

    def set_tallies(self, today: Tally, week: Tally, month: Tally) -> None:
        """Show fresh tallies; the app calls this whenever the store changes."""
        self._tallies = (today, week, month)
        self._draw()
        self.query_one("#tally-sparkline", Sparkline).data = list(month.per_day)

    def _draw(self) -> None:
        if self._tallies is None:
            return
        width = self.scrollable_content_region.width or 40  # (less the scroll bar, once the text outgrows the panel)
        today, week, month = self._tallies
        self.query_one("#tally-text", _TallyText).show(today, week, month)
        peak = max(month.per_day, default=0)
        self.query_one("#tally-caption", Static).update(Text(f"Incidents per day (max {peak})"))
        self.query_one("#tally-dates", Static).update(Text(sparkline_dates(month, width)))

    def on_resize(self, event: events.Resize) -> None:
        self._draw()

    def action_open(self) -> None:
        self.post_message(self.Opened())

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.Opened())
