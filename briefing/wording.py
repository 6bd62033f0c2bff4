"""How figures and claims are phrased for people: plain text shared by the app and the digest.

The incidents screen, the tally panel and every digest format must say exactly
the same thing ("Azerbaijan says: Armenia 10 killed"), and must never add one
claimant's figures to another's, so the words live here once.  Each caller
escapes the result for its own syntax (Textual `Text`, Markdown, HTML); nothing
here returns markup.
"""

from __future__ import annotations

from datetime import datetime

from .language import LANGUAGES
from .models import CLAIMANTS, NON_COMBAT_KINDS, Claim, Incident, SideFigures, Tally
from .tally import answered, is_denial, is_reviewed, standing


def language_mark(language: str) -> str:
    """`[ru]` before a headline in Russian (Armenian, Azerbaijani); nothing before an English one.

    Headlines are shown in their own language, never translated: the mark says which it is.
    """
    return f"[{language}]" if language in LANGUAGES and language != "en" else ""


def side_label(side: str) -> str:
    """`civilians-Armenia` reads as `civilians (Armenia)`; `unknown` as `side not stated`."""
    if side.startswith("civilians-"):
        return f"civilians ({side.removeprefix('civilians-')})"
    if side == "unknown":
        return "side not stated"
    return side


def plural(n: int, word: str, many: str | None = None) -> str:
    """`1 feed`, `2 feeds`; `many` for irregular plurals (`new story`, `new stories`)."""
    return f"{n} {word}" if n == 1 else f"{n} {many or word + 's'}"


def _range(low: int, high: int | None) -> str:
    return f"{low}–{high}" if high is not None and high > low else str(low)


def _figures(killed: int, killed_high: int | None, wounded: int, wounded_high: int | None, unsplit: int) -> str:
    parts: list[str] = []
    if killed or killed_high:
        parts.append(f"{_range(killed, killed_high)} killed")
    if wounded or wounded_high:
        parts.append(f"{_range(wounded, wounded_high)} wounded")
    if unsplit:
        parts.append(f"{unsplit} casualties (not split)")
    return ", ".join(parts) or "no casualties"


def claim_figures(claim: Claim) -> str:
    """`4 killed, 2 wounded`, `5–7 killed`, or `12 casualties (not split)`; `no casualties` if none.

    A vague figure ("dozens killed", kept as its low end) says so, because the tally
    leaves it out of killed and wounded.
    """
    if claim.vague and (claim.killed or claim.wounded):
        parts = [f"at least {n} {what}" for n, what in ((claim.killed, "killed"), (claim.wounded, "wounded")) if n]
        return ", ".join(parts) + " (a vague figure, not in the tally)"
    return _figures(claim.killed, claim.killed_high, claim.wounded, claim.wounded_high, claim.unsplit)


def casualties(figures: SideFigures) -> str:
    """A tally's figures for one side, phrased like a claim's: `4 killed, 2 wounded`, `5–7 killed`."""
    return _figures(figures.killed, figures.killed_high, figures.wounded, figures.wounded_high, figures.unsplit)


def figures_phrase(figures: SideFigures) -> str:
    """One side as one claimant tells it: `Armenia 4 killed, 2 wounded`, `Azerbaijan 1 wounded`."""
    return f"{side_label(figures.side_affected)} {casualties(figures)}"


def by_claimant(tally: Tally) -> list[tuple[str, list[SideFigures]]]:
    """The tally's non-zero figures grouped by who claims them, claimants in the fixed order."""
    groups: dict[str, list[SideFigures]] = {}
    for figures in tally.figures:
        if not (figures.killed or figures.wounded or figures.killed_high or figures.wounded_high
                or figures.unsplit):
            continue  # "Russia says: side not stated, no casualties" is noise in a headline
        groups.setdefault(figures.claimant, []).append(figures)
    order = [c for c in CLAIMANTS if c in groups] + sorted(set(groups) - set(CLAIMANTS))
    return [(claimant, groups[claimant]) for claimant in order]


def claimant_says(claimant: str) -> str:
    return "Unattributed reports" if claimant == "unattributed" else f"{claimant} says"


def count_phrase(tally: Tally) -> str:
    """`2 incidents, 1 non-combat apart`: the same words in the panel, the incidents screen and the digest."""
    count = plural(tally.incidents, "incident")
    if tally.non_combat:
        count += f", {tally.non_combat} non-combat apart"
    return count


def _country(side: str) -> str:
    return side.removeprefix("civilians-") if side != "unknown" else "Side not stated"


def _who_figures(figures: SideFigures) -> str:
    """`2 civilians wounded`, `1 civilian killed, 3 wounded`, `4 killed`: the people named with the first figure."""
    text = casualties(figures)
    if not figures.side_affected.startswith("civilians-") or text == "no casualties":
        return text
    first = figures.killed_high or figures.killed or figures.wounded_high or figures.wounded or figures.unsplit
    noun = "civilian" if first == 1 else "civilians"
    head, _, rest = text.partition(" ")
    return f"{head} {noun} {rest}"


def tally_line(figures: SideFigures) -> tuple[str, str]:
    """A tally figure in words, as (what, who says it): ("Armenia: 2 civilians wounded", "(Armenia says)")."""
    who = "unattributed" if figures.claimant == "unattributed" else f"{figures.claimant} says"
    return f"{_country(figures.side_affected)}: {_who_figures(figures)}", f"({who})"


def denial_phrase(claim: Claim, incident: Incident | None) -> str:
    """What a denial answers: `denies Armenia's report (Armenia: 1 wounded)`, never "no casualties"."""
    reports = answered(claim, incident) if incident is not None else []
    if not reports:
        return f"denies the report of fire on or losses of {side_label(claim.side_affected)}"
    first = reports[0]
    return f"denies {first.claimant}'s report ({side_label(first.side_affected)}: {claim_figures(first)})"


def figures_or_denial(claim: Claim, incident: Incident | None) -> str:
    """A claim's figures, or for a denial what it denies (the digest's "Figures" column)."""
    return denial_phrase(claim, incident) if is_denial(claim) else claim_figures(claim)


def claim_phrase(claim: Claim, incident: Incident | None = None) -> str:
    """`Armenia: 1 killed, 2 wounded`; a denial as what it denies: `denies Armenia's report (Armenia: 1 wounded)`."""
    if is_denial(claim):
        return denial_phrase(claim, incident)
    return f"{side_label(claim.side_affected)}: {claim_figures(claim)}"


def tally_sentences(tally: Tally) -> list[str]:
    """The headline: incident count, then one sentence per claimant, never summed across claimants.

    ["2 incidents, 1 non-combat apart.", "Armenia says: Armenia 4 killed, 2 wounded.",
     "Azerbaijan says: Armenia 10 killed."]
    """
    sentences = [count_phrase(tally) + "."]
    for claimant, figures in by_claimant(tally):
        sentences.append(f"{claimant_says(claimant)}: {'; '.join(figures_phrase(f) for f in figures)}.")
    return sentences


def incident_kind(kind: str) -> str:
    """A note for incidents kept out of the clash tally (landmines, non-combat deaths)."""
    return " (not in the clash tally)" if kind in NON_COMBAT_KINDS else ""


def incident_note(incident: Incident) -> str:
    """Why an incident is not in the clash tally, if it is not: non-combat, or only denials."""
    kind = standing(incident)
    if kind == "denied":
        return " (only denials: not counted as a ceasefire violation)"
    return " (not in the clash tally)" if kind == "non-combat" else ""


def confidence_label(claim: Claim, short: bool = False) -> str:
    """`machine, confidence 0.62` (short: `0.62`) for the machine's reading; `reviewed` once a reader
    confirmed or corrected it (the reader's word replaces the machine's confidence)."""
    if is_reviewed(claim):
        return "reviewed"
    return f"{claim.confidence:.2f}" if short else f"machine, confidence {claim.confidence:.2f}"


def review_note(figures: SideFigures) -> str:
    """`machine`, `reviewed` or `1 of 2 reviewed`: whether a tally line is the machine's reading."""
    if figures.reviewed == 0:
        return "machine"
    if figures.reviewed >= figures.claims:
        return "reviewed"
    return f"{figures.reviewed} of {figures.claims} reviewed"


def review_sentence(tally: Tally) -> str:
    """`Of 5 claims counted, 2 were confirmed or corrected by a reader; 3 are the machine's reading.`"""
    counted = sum(f.claims for f in tally.figures)
    reviewed = sum(f.reviewed for f in tally.figures)
    if not counted:
        return ""
    if reviewed == counted:
        return f"Every one of the {plural(counted, 'claim')} counted was confirmed or corrected by a reader."
    if reviewed == 0:
        return f"All {plural(counted, 'claim')} counted are the machine's reading; no reader has reviewed them yet." \
            if counted > 1 else "The 1 claim counted is the machine's reading; no reader has reviewed it yet."
    machine = counted - reviewed
    return (f"Of {plural(counted, 'claim')} counted, {reviewed} {'was' if reviewed == 1 else 'were'} confirmed or"
            f" corrected by a reader; {machine} {'is' if machine == 1 else 'are'} the machine's reading.")


def unread_sentence(count: int) -> str:
    """The digest's note on the incident reports the machine could not read (listed for a person)."""
    if not count:
        return ""
    what = "1 story reads as an incident report" if count == 1 else f"{count} stories read as incident reports"
    return (f"{what} but gave no figure the machine understood: not in the tally, listed under"
            " \"Reports the machine could not read\".")


def claim_status(claim: Claim) -> str:
    """Whose figures these are: the machine's reading (with its confidence) or the reader's review."""
    return {
        "confirmed": "reviewed: confirmed by the reader",
        "edited": "reviewed: figures corrected by the reader",
    }.get(claim.status, f"machine reading, confidence {claim.confidence:.2f}")


def when_label(moment: datetime | None, one_day: bool) -> str:
    """`14:05` in a one-day digest, `2026-11-25 14:05` in a range; already in the reader's zone."""
    if moment is None:
        return ""
    return moment.strftime("%H:%M" if one_day else "%Y-%m-%d %H:%M")


def places(locations: list[str]) -> str:
    return ", ".join(locations) or "place not stated"
