"""Why the machine says what it says: the words and rules behind each field of one claim.

`w` on the incidents screen opens this over the highlighted claim, so a reader who sees
"Azerbaijan says Armenia lost 4" sees at once which words gave the count, the casualty
word, the victims, the speaker and the side, and which table row or stage rule joined them
(the lines `briefing extract --explain` prints), and corrects the claim with knowledge.

Everything here is built from plain strings into `Text`: story words are never read as markup.
"""

from __future__ import annotations

import re

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from ...extract.explain import explain_claim_lines
from ...models import Claim, Incident
from ...wording import claim_phrase, claimant_says, confidence_label
from ..text import plain


_PADDING = re.compile(r" {2,}")


def weakest(claim: Claim) -> str:
    """`least sure: side (0.75, zero.side-of-the-claim-denied)`: the decision most worth checking."""
    unsure = [why for why in claim.why if why.confidence < 1.0]
    if not unsure:
        return ""
    low = min(unsure, key=lambda why: why.confidence)
    return f"least sure: {low.field} ({low.confidence:.2f}, {low.rule})"


def why_text(claim: Claim, incident: Incident | None) -> Text:
    """The claim, how sure the machine is, its decisions a line each, and the sentence it read."""
    text = Text(no_wrap=False, overflow="fold")
    text.append(plain(f"{claimant_says(claim.claimant)}: {claim_phrase(claim, incident)}"), style="bold")
    text.append(f"\n{confidence_label(claim)}", style="dim")
    note = weakest(claim)
    if note and claim.status == "machine":
        text.append(f" · {plain(note)}", style="dim")
    lines = explain_claim_lines(claim)
    if lines:
        text.append("\n")
        for line in lines:  # --explain's columns, their padding folded so a narrow panel does not wrap them
            text.append("\n" + plain(_PADDING.sub("  ", line.strip())))
    else:
        text.append("\n\nNo reasons stored for this claim (read by an older briefing; `briefing extract --rebuild`"
                    " reads it again).", style="dim")
    if claim.evidence:
        text.append("\n\nRead from: ", style="dim")
        text.append(plain(claim.evidence), style="italic")
    return text


class WhyScreen(ModalScreen[None]):
    """One claim's reasons; Escape, q or w closes it."""

    BINDINGS = [Binding("escape,q,w", "close", "Close", id="why.close")]

    def __init__(self, claim: Claim, incident: Incident | None) -> None:
        super().__init__()
        self.claim = claim
        self.incident = incident

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog why"):
            yield Label("Why the machine says so (Escape closes)", classes="dialog-title")
            with VerticalScroll():
                yield Static(why_text(self.claim, self.incident), id="why-text")

    def action_close(self) -> None:
        self.dismiss(None)
