"""The digest as Markdown: readable as plain text, safe when a mail client renders it.

Feed text is backslash-escaped so a title like `[click](javascript:…)`,
`![x](http://tracker)` or `<img onerror=…>` shows up literally instead of
becoming a link, an image or HTML in a rendered mail.  Links come from the
builder (http(s) only) and are percent-encoded so they cannot break out of
the `(...)` of a Markdown link.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from .. import wording
from .build import Digest, IncidentEntry, SourceRef, StoryEntry

# Every character that means something in CommonMark/GFM inline or table syntax.
# Parentheses are left alone: without a "[...]" before them they are plain text, and "\(" reads badly.
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!~&])")
_SPACE = re.compile(r"\s+")
# Characters allowed unencoded inside a Markdown link destination (no parentheses, brackets, spaces).
_URL_SAFE = "/:?#@!$&'*+,;=%~-._"


def text(value: str) -> str:
    """Feed text as inert Markdown: one line, every syntax character escaped."""
    return _SPECIAL.sub(r"\\\1", _SPACE.sub(" ", value).strip())


def link(label: str, url: str) -> str:
    """`[label](url)` for an http(s) url (the builder only passes those), else the escaped label."""
    if not url.lower().startswith(("http://", "https://")):
        return text(label)
    return f"[{text(label) or 'link'}]({quote(url, safe=_URL_SAFE)})"


def _source(ref: SourceRef | None, one_day: bool) -> str:
    if ref is None:
        return "source story not stored"
    when = wording.when_label(ref.published, one_day)
    mark = wording.language_mark(ref.language)  # "[ru]": our own code, never feed text, so not escaped
    headline = (f"{mark} " if mark else "") + link(ref.title or "(untitled)", ref.url)
    return f"{headline} — {text(ref.feed)}" + (f", {when}" if when else "")


def _incident(entry: IncidentEntry, one_day: bool) -> list[str]:
    inc = entry.incident
    lines = [
        f"### {inc.event_date.isoformat()} · {text(wording.places(inc.locations))} · "
        + text(inc.event_type + wording.incident_note(inc)),
        "",
        "| Who says | Side affected | Figures | Places | Source |",
        "|---|---|---|---|---|",
    ]
    for item in entry.claims:
        claim = item.claim
        figures = wording.figures_or_denial(claim, inc)
        figures += f" ({wording.claim_status(claim)})"
        lines.append(
            f"| {text(wording.claimant_says(claim.claimant))} | {text(wording.side_label(claim.side_affected))} "
            f"| {text(figures)} | {text(wording.places(claim.locations))} | {_source(item.source, one_day)} |"
        )
    lines.append("")
    return lines


def _story(entry: StoryEntry, one_day: bool) -> str:
    line = f"- {_source(entry.story, one_day)}"
    if entry.duplicates:
        others = ", ".join(link(d.feed, d.url) for d in entry.duplicates)
        line += f" (+{len(entry.duplicates)} {'source' if len(entry.duplicates) == 1 else 'sources'}: {others})"
    return line


def render_markdown(digest: Digest) -> str:
    one_day = digest.start == digest.end
    out = [f"# {digest.title}", ""]
    out += [f"**{text(' '.join(wording.tally_sentences(digest.tally)))}**", ""]
    out += [f"_Times in {text(digest.timezone)}; generated {digest.generated.strftime('%Y-%m-%d %H:%M %Z')}._", ""]
    review = " ".join(s for s in (wording.review_sentence(digest.tally),
                                  wording.unread_sentence(len(digest.unread_reports))) if s)
    if review:
        out += [text(review), ""]
    if digest.is_empty:
        out += ["Nothing to report: no stories and no incidents in this period.", ""]
    if digest.incidents:
        out += ["## Incidents", ""]
        for entry in digest.incidents:
            out += _incident(entry, one_day)
    if digest.unread_reports:
        out += ["## Reports the machine could not read", ""]
        out += [f"- {_source(ref, one_day)}" for ref in digest.unread_reports] + [""]
    if digest.tagged:
        out += ["## Tagged stories", ""]
        for group in digest.tagged:
            out += [f"### {text(group.label)}", ""] + [_story(e, one_day) for e in group.stories] + [""]
    if digest.starred:
        out += ["## Starred", ""] + [_story(e, one_day) for e in digest.starred] + [""]
    if digest.by_origin:
        out += ["## Other stories", ""]
        for group in digest.by_origin:
            out += [f"### {text(group.label)}", ""] + [_story(e, one_day) for e in group.stories] + [""]
    out += ["---", ""]
    if digest.failed_feeds:
        out += ["Feeds that failed in this period (their stories may be missing):", ""]
        out += [
            f"- {text(f.feed)}: {text(f.error)} (last failed {f.when.strftime('%Y-%m-%d %H:%M')})"
            for f in digest.failed_feeds
        ]
    else:
        out.append(digest.fetch_note)
    return "\n".join(out).rstrip() + "\n"
