"""The incident tally in the sidebar: today, 7 days and 30 days, each figure with who claims it.

The panel never adds one claimant's figures to another's: "AZ says AM: 10
killed" and "AM says AM: 1 killed" are two claims about the same losses, and a
single summed number would be a third claim nobody made.  Landmine and other
non-combat incidents are counted apart.  A sparkline shows incidents per day
over the month.  Enter (or a click) asks the app to open the incidents screen.

Everything drawn is built from plain strings into `Text`, never parsed as markup.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Sparkline, Static

from ...models import Tally
from ...wording import by_claimant, casualties

# Short names so a figure fits in a 30-40 column sidebar ("AZ says AM: 10 killed").
SHORT = {
    "Armenia": "AM",
    "Azerbaijan": "AZ",
    "Russia": "RU",
    "Karabakh": "KB",
    "civilians-Armenia": "AM civ.",
    "civilians-Azerbaijan": "AZ civ.",
    "unknown": "?",
    "unattributed": "unattr.",
}
LEGEND = "AM Armenia · AZ Azerbaijan · RU Russia · KB Karabakh · civ. civilians · ? side not stated"


def short(name: str) -> str:
    return SHORT.get(name, name)


def figure_lines(tally: Tally) -> list[str]:
    """One line per (claimant, side) with casualties, claimants in the digest's fixed order."""
    return [
        f"{short(claimant)} says {short(f.side_affected)}: {casualties(f)}"
        for claimant, figures in by_claimant(tally)
        for f in sorted(figures, key=lambda f: f.side_affected)
    ]


def _fit(line: str, width: int, indent: str = "   ") -> list[str]:
    """`line`, or the line broken after its last comma that fits, continued with a hanging indent.

    A sidebar is ~30 columns and "AM says AM: 1 killed, 2 wounded" is 31; a
    break after "killed," reads better than the terminal folding mid-word.
    """
    if len(line) <= width or ", " not in line:
        return [line]
    head, _, tail = line.rpartition(", ")
    while len(head) + 1 > width and ", " in head:
        head, _, more = head.rpartition(", ")
        tail = f"{more}, {tail}"
    return [head + ",", indent + tail]


def tally_text(today: Tally, week: Tally, month: Tally, width: int = 40) -> Text:
    """The three periods as plain text: a heading with the counts, then the claimed figures."""
    text = Text(no_wrap=False, overflow="fold")
    for label, tally in (("Today", today), ("7 days", week), ("30 days", month)):
        if text:
            text.append("\n")
        count = f"{tally.incidents} incident{'' if tally.incidents == 1 else 's'}"
        text.append(label, style="bold")
        text.append(f"  {count}", style="" if tally.incidents else "dim")
        if tally.non_combat:
            extra = f"+{tally.non_combat} non-combat"
            fits = len(label) + len(count) + len(extra) + 3 <= width
            text.append((" " if fits else "\n ") + extra, style="dim")
        lines = figure_lines(tally)
        for line in lines:
            for part in _fit(" " + line, width):
                text.append("\n" + part)
        if tally.incidents and not lines:
            text.append("\n no casualties claimed", style="dim")
    return text


class TallyPanel(Widget, can_focus=True):
    """Incident counts and claimed casualties for today, 7 days and 30 days."""


    BINDINGS = [Binding("enter", "open", "Incidents", id="tally.open")]

    _tallies: tuple[Tally, Tally, Tally] | None = None

    class Opened(Message):
        """The reader asked to see the incidents behind the tally."""

    def compose(self) -> ComposeResult:
        yield Static(Text("Incident tally: loading…"), id="tally-text")
        yield Static(Text("Daily, 30 days"), id="tally-caption")
        yield Sparkline([], id="tally-sparkline")

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
        width = self.content_size.width or 40
        today, week, month = self._tallies
        self.query_one("#tally-text", Static).update(tally_text(today, week, month, width))
        peak = max(month.per_day, default=0)
        self.query_one("#tally-caption", Static).update(Text(f"Daily, 30 days (max {peak})"))

    def on_resize(self, event: events.Resize) -> None:
        self._draw()

    def action_open(self) -> None:
        self.post_message(self.Opened())

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.Opened())
