"""The digest as one self-contained HTML file: inline CSS, an inline SVG chart, no scripts.

Every piece of feed text goes through `html.escape` (quotes included, since
some of it lands in attributes), links are http(s) only (the builder drops the
rest), and a Content-Security-Policy forbids scripts and remote loads, so even
a renderer bug could not make the file run anything or call home.  The layout
is one column that reads on a phone; claims sit in columns that wrap, and
@media print turns links into visible addresses.
"""

from __future__ import annotations

from html import escape

from .. import wording
from ..language import LANGUAGES
from .build import Digest, IncidentEntry, SourceRef, StoryEntry
from .chart import incidents_chart

CSS = """
:root { color-scheme: light dark; --muted: #666; --line: #ccc; --bar: #b03a2e; }
body { font: 16px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 48rem;
       margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.4rem; margin: 0 0 .5rem; }
h2 { font-size: 1.15rem; border-bottom: 1px solid var(--line); margin-top: 1.6rem; }
h3 { font-size: 1rem; margin: 1rem 0 .4rem; }
.headline { font-weight: 600; font-size: 1.05rem; }
.headline span { display: block; }
.meta, .review, .when, .outlet, .status, .empty, .lang, footer { color: var(--muted); }
.meta { font-size: .85rem; }
.chart { max-width: 24rem; height: auto; display: block; margin: .5rem 0; }
.chart .bar { fill: var(--bar); }
.chart .zero { fill: var(--line); }
.chart .axis { font-size: 8px; fill: var(--muted); }
.incident { border: 1px solid var(--line); border-radius: 6px; padding: .5rem .75rem; margin: .75rem 0; }
.claims { display: grid; grid-template-columns: repeat(auto-fit, minmax(13rem, 1fr)); gap: .75rem; }
.claimant h4 { margin: .3rem 0; font-size: .95rem; }
.claimant ul, ul.stories { padding-left: 1.1rem; margin: .3rem 0; }
li { margin: .25rem 0; overflow-wrap: anywhere; }
.figures { font-weight: 600; }
.dupes { font-size: .9rem; }
footer { border-top: 1px solid var(--line); margin-top: 2rem; padding-top: .5rem; font-size: .9rem; }
@media print {
  body { max-width: none; font-size: 11pt; }
  a { color: inherit; text-decoration: none; }
  a[href]::after { content: " <" attr(href) ">"; font-size: 8pt; color: #555; overflow-wrap: anywhere; }
  .incident { break-inside: avoid; }
  .chart .bar { fill: #000; }
}
"""

# Scripts and every remote load are refused by the browser itself, whatever the markup says.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


def _link(label: str, url: str, language: str = "") -> str:
    """A link to `url` (http(s) only, else the label alone); `language` marks the label's language."""
    lang = f' lang="{escape(language, quote=True)}"' if language in LANGUAGES else ""
    if not url.lower().startswith(("http://", "https://")):
        return f"<span{lang}>{escape(label)}</span>" if lang else escape(label)
    return f'<a href="{escape(url, quote=True)}"{lang} rel="noopener noreferrer">{escape(label or "link")}</a>'


def _source(ref: SourceRef | None, one_day: bool) -> str:
    if ref is None:
        return '<span class="status">source story not stored</span>'
    when = wording.when_label(ref.published, one_day)
    mark = wording.language_mark(ref.language)
    out = f'<span class="lang">{escape(mark)}</span> ' if mark else ""
    out += f'{_link(ref.title or "(untitled)", ref.url, ref.language)} <span class="outlet">— {escape(ref.feed)}</span>'
    if when:
        out += f' <span class="when">{escape(when)}</span>'
    return out


def _incident(entry: IncidentEntry, one_day: bool) -> str:
    inc = entry.incident
    heading = (
        f"{escape(inc.event_date.isoformat())} · {escape(wording.places(inc.locations))} · "
        f"{escape(inc.event_type)}{escape(wording.incident_note(inc))}"
    )
    columns = []
    for claimant in entry.claimants():
        items = []
        for item in (e for e in entry.claims if e.claim.claimant == claimant):
            claim = item.claim
            status = wording.claim_status(claim)
            items.append(
                f'<li><span class="figures">{escape(wording.side_label(claim.side_affected))}: '
                f"{escape(wording.figures_or_denial(claim, inc))}</span>"
                + f' <span class="status">({escape(status)})</span>'
                + f"<br>{escape(wording.places(claim.locations))}<br>{_source(item.source, one_day)}</li>"
            )
        columns.append(
            f'<section class="claimant"><h4>{escape(wording.claimant_says(claimant))}…</h4>'
            f"<ul>{''.join(items)}</ul></section>"
        )
    return f'<article class="incident"><h3>{heading}</h3><div class="claims">{"".join(columns)}</div></article>'


def _story(entry: StoryEntry, one_day: bool) -> str:
    out = f"<li>{_source(entry.story, one_day)}"
    if entry.duplicates:
        n = len(entry.duplicates)
        others = ", ".join(_link(d.feed, d.url) for d in entry.duplicates)
        out += f' <span class="dupes">(+{n} {"source" if n == 1 else "sources"}: {others})</span>'
    return out + "</li>"


def _stories(entries: list[StoryEntry], one_day: bool) -> str:
    return '<ul class="stories">' + "".join(_story(e, one_day) for e in entries) + "</ul>"


def render_html(digest: Digest) -> str:
    one_day = digest.start == digest.end
    body: list[str] = [f"<h1>{escape(digest.title)}</h1>"]
    body.append(
        '<p class="headline">'
        + "".join(f"<span>{escape(s)}</span>" for s in wording.tally_sentences(digest.tally))
        + "</p>"
    )
    body.append(
        f'<p class="meta">Times in {escape(digest.timezone)}; generated '
        f"{escape(digest.generated.strftime('%Y-%m-%d %H:%M %Z'))}. "
        f"Incidents per day, last {len(digest.per_day)} days:</p>"
    )
    if digest.chart_start is not None:
        body.append(incidents_chart(digest.chart_start, digest.per_day))
    review = [s for s in (wording.review_sentence(digest.tally), wording.unread_sentence(len(digest.unread_reports)))
              if s]
    if review:
        body.append('<p class="review">' + " ".join(escape(s) for s in review) + "</p>")
    if digest.is_empty:
        body.append('<p class="empty">Nothing to report: no stories and no incidents in this period.</p>')
    if digest.incidents:
        body.append("<h2>Incidents</h2>")
        body.extend(_incident(e, one_day) for e in digest.incidents)
    if digest.unread_reports:
        reports = "".join(f"<li>{_source(ref, one_day)}</li>" for ref in digest.unread_reports)
        body.append(f'<h2>Reports the machine could not read</h2><ul class="stories unread">{reports}</ul>')
    if digest.tagged:
        body.append("<h2>Tagged stories</h2>")
        for group in digest.tagged:
            body.append(f"<h3>{escape(group.label)}</h3>{_stories(group.stories, one_day)}")
    if digest.starred:
        body.append(f"<h2>Starred</h2>{_stories(digest.starred, one_day)}")
    if digest.by_origin:
        body.append("<h2>Other stories</h2>")
        for group in digest.by_origin:
            body.append(f"<h3>{escape(group.label)}</h3>{_stories(group.stories, one_day)}")
    if digest.failed_feeds:
        failed = "".join(
            f"<li>{escape(f.feed)}: {escape(f.error)} "
            f"<span class=\"when\">(last failed {escape(f.when.strftime('%Y-%m-%d %H:%M'))})</span></li>"
            for f in digest.failed_feeds
        )
        body.append(
            f"<footer><p>Feeds that failed in this period (their stories may be missing):</p><ul>{failed}</ul></footer>"
        )
    else:
        body.append(f"<footer><p>{escape(digest.fetch_note)}</p></footer>")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(digest.title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )
