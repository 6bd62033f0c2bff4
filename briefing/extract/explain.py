"""`briefing extract --explain`: the spans and rules behind every claim of a story, in words.

Why: a reader who sees "Azerbaijan says Armenia lost 4" must be able to see at once which words
made the machine say so (the count, the casualty word, the speaker, the side word) and which
rule joined them, so a correction is made with knowledge and a wrong rule can be found.
"""

from __future__ import annotations

from .claims import StoryReading

_SHOWN_SPANS = ("number", "trigger", "victim", "nationality", "authority", "speech", "denial", "scope", "revision",
                "date", "place")


def explain_claim_lines(claim) -> list[str]:
    """The decisions behind one claim, a line each."""
    lines = []
    for why in getattr(claim, "why", ()) or ():
        words = f' on "{why.words}"' if why.words else ""
        lines.append(f"    {why.field:12} {why.value:24} by {why.rule}{words}")
    return lines


def explain(reading: StoryReading, spans: bool = True) -> str:
    """A plain-text account of one story's reading."""
    lines = [f"language: {reading.language}"]
    if spans:
        for sentence in reading.sentences:
            mark = "headline" if sentence.headline else f"sentence {sentence.index}"
            scope = f"  [not news: {sentence.scope}]" if sentence.scope else ""
            day = f"  [day {sentence.day}]" if sentence.day else ""
            lines.append(f"{mark}: {sentence.text}{scope}{day}")
            for span in sentence.spans:
                if span.kind in _SHOWN_SPANS:
                    lines.append(f"    {span.kind:11} {span.text!r:28} {span.rule}")
    if not reading.claims:
        lines.append("no claims" + (" - FLAGGED: reads as an incident report but no figure was understood"
                                    if reading.unread_incident else ""))
    for claim in reading.claims:
        vague = " (vague: not counted)" if claim.vague else ""
        lines.append(f"claim: {claim.claimant} says {claim.side_affected}: {claim.killed} killed, {claim.wounded} wounded"
                     f" on {claim.event_date} [{claim.event_type}; {claim.kind}] confidence {claim.confidence:.2f}{vague}")
        lines.extend(explain_claim_lines(claim))
    for why in reading.dropped:
        lines.append(f"dropped: {why.value} by {why.rule}: {why.words}")
    return "\n".join(lines)
