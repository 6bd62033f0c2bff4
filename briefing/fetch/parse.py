"""Feed bytes → clean `Story` records (feedparser + selectolax), run in worker processes.

Parsing is CPU work (feedparser is pure Python), so `parse_feed` is a plain,
picklable function the runner sends to a process pool: the event loop keeps
downloading while two cores parse.  Everything a feed says is treated as data:

- control characters (C0/C1 but newline and tab) and terminal escape sequences
  are removed, because titles end up in a terminal;
- HTML becomes plain text: paragraphs and links kept ("text (https://link)"),
  scripts and styles dropped, entities decoded;
- dates become timezone-aware UTC; relative links are resolved against the feed;
- odd entries are normal: no title (first words of the summary, else the link),
  no guid, no date.  Only entries with nothing at all in them are skipped.

feedparser's own HTML sanitizer is switched off: we never keep HTML, and the
selectolax pass below drops scripts and styles anyway, at a fraction of the cost.
"""

from __future__ import annotations

import calendar
import html
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import urljoin, urlsplit

import feedparser
from selectolax.lexbor import LexborHTMLParser

from ..models import Story
from .relevance import RelevanceFilter

# ESC-introduced terminal sequences (CSI, OSC, two-byte) and their 8-bit C1 forms are
# removed whole, so "\x1b[31mRed" becomes "Red", not "[31mRed"; then every remaining
# C0/C1 control character except \t and \n goes, as do lone surrogates (SQLite refuses them).
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI ... final byte
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
    r"|(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)"  # OSC ... BEL/ST
    r"|(?:\x1b[PX^_]|[\x90\x98\x9e\x9f])[^\x1b\x9c]*(?:\x1b\\|\x9c)"  # DCS/SOS/PM/APC ... ST
    r"|\x1b[@-Z\\-_ -/]?"  # other two-byte escapes
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u2000-\u200b\u3000]+")
_BLANKS = re.compile(r"\n{3,}")
_LOOKS_HTML = re.compile(r"<[a-zA-Z/!]|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]{2,8});")

BLOCK_TAGS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote tr table pre section article header footer figure "
    "figcaption dd dt dl hr main aside nav address details summary".split()
)
DROP_TAGS = frozenset(
    "script style noscript iframe object embed template svg math head title form button select "
    "textarea canvas video audio source track map".split()
)
TITLE_WORDS = 12


def strip_controls(text: str) -> str:
    """Text without terminal escapes and C0/C1 control characters (newline and tab kept)."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x1b" in text or _has_c1(text):
        text = _ESCAPES.sub("", text)
    return _CONTROL.sub("", text)


def _has_c1(text: str) -> bool:
    return any("\x90" <= c <= "\x9f" for c in text) if not text.isascii() else False


def _tidy(text: str) -> str:
    """Collapse runs of spaces inside lines and of blank lines between paragraphs."""
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()


def _safe_link(href: str, base: str) -> str:
    if href.startswith(("https://", "http://")) and href.isprintable() and " " not in href:
        return href  # the common case, already absolute: skip urljoin (hot path)
    href = strip_controls(href).strip()
    if not href:
        return ""
    try:
        absolute = urljoin(base, href) if base else href
        scheme = urlsplit(absolute).scheme.lower()
    except ValueError:
        return ""
    return absolute if scheme in ("http", "https") else ""


def html_to_text(value: str, base_url: str = "") -> str:
    """HTML → readable plain text: paragraphs as blank lines, links as "text (url)".

    Walks the tree with an explicit stack, so hostile nesting cannot overflow
    Python's recursion limit.
    """
    if not value:
        return ""
    value = strip_controls(value)
    if not _LOOKS_HTML.search(value):
        return _tidy(value)
    tree = LexborHTMLParser(value)
    root = tree.body or tree.root
    if root is None:
        return _tidy(html.unescape(value))
    out: list[str] = []
    # Stack items: a node to enter, or a string to emit when a tag closes.
    stack: list[object] = []
    child = root.last_child
    while child is not None:
        stack.append(child)
        child = child.prev
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            out.append(item)
            continue
        node = item
        tag = node.tag
        if tag == "-text":
            out.append(node.text_content or "")
            continue
        if tag in DROP_TAGS or tag == "-comment" or tag is None or tag.startswith("-"):
            continue
        block = tag in BLOCK_TAGS
        if tag == "br":
            out.append("\n")
            continue
        if block:
            out.append("\n\n" if tag not in ("li", "tr", "dt", "dd") else "\n")
            if tag == "li":
                out.append("- ")
        closing = "\n\n" if block and tag not in ("li", "tr", "dt", "dd") else ""
        if tag == "a":
            link = _safe_link(node.attributes.get("href") or "", base_url)
            inner = node.text(deep=True, separator="", strip=False) or ""
            if link and _tidy(inner) != link:
                closing = f" ({link})" if inner.strip() else link
            elif link and not inner.strip():
                closing = link
        if closing:
            stack.append(closing)
        child = node.last_child
        while child is not None:
            stack.append(child)
            child = child.prev
    return _tidy(strip_controls("".join(out)))


def one_line(text: str) -> str:
    return " ".join(text.split())


def _first_words(text: str, words: int = TITLE_WORDS) -> str:
    parts = text.split()
    title = " ".join(parts[:words])
    return title + ("…" if len(parts) > words else "")


def _when(entry: dict) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return datetime.fromtimestamp(calendar.timegm(value), timezone.utc)
            except (OverflowError, ValueError, OSError, TypeError):
                continue
    return None


def _detail_text(entry: dict, key: str, base: str) -> str:
    value = entry.get(key) or ""
    if not isinstance(value, str):
        return ""
    detail = entry.get(f"{key}_detail") or {}
    kind = detail.get("type", "text/html") if isinstance(detail, dict) else "text/html"
    if "html" in kind or _LOOKS_HTML.search(value):
        return html_to_text(value, base)
    return _tidy(strip_controls(value))


@dataclass(slots=True)
class ParsedFeed:
    """What one feed document yielded; `error` set means "not a feed" and nothing was stored."""

    stories: list[Story] = field(default_factory=list)
    skipped: int = 0
    filtered: int = 0
    duplicates: int = 0
    bozo: str | None = None
    error: str | None = None
    title: str = ""


def parse_feed(
    content: bytes,
    url: str,
    feed_name: str,
    *,
    content_type: str | None = None,
    keep: str = "all",
    keywords: tuple[str, ...] = (),
) -> ParsedFeed:
    """Parse one downloaded feed into cleaned stories (runs in a worker process).

    A feed that is broken but still yields entries (feedparser "bozo") is kept:
    readers prefer a story from a sloppy feed to nothing.  `keep="relevant"`
    drops entries that do not mention the conflict or one of `keywords`.
    """
    # Without a content type feedparser flags every document as bozo; assume XML.  No
    # content-location: feedparser would then "resolve" every guid against the feed URL,
    # and a feed moving to https would turn all its stories into new ones.  Links are
    # resolved below, by us.
    headers = {"content-type": content_type or "application/xml"}
    parsed = feedparser.parse(
        content, response_headers=headers, sanitize_html=False, resolve_relative_uris=False
    )
    result = ParsedFeed()
    if parsed.get("bozo"):
        exc = parsed.get("bozo_exception")
        result.bozo = one_line(strip_controls(str(exc) or type(exc).__name__)) if exc else "malformed feed"
    entries = parsed.get("entries") or []
    if not entries and not parsed.get("version"):
        result.error = "not a feed: " + (result.bozo or "no RSS or Atom content found")
        return result
    if not entries and result.bozo and not (parsed.get("feed") or {}).get("title"):
        result.error = "not a feed: " + result.bozo
        return result
    result.title = one_line(strip_controls((parsed.get("feed") or {}).get("title", "") or ""))
    relevance = RelevanceFilter(keywords) if keep == "relevant" else None
    seen: set[str] = set()
    for entry in entries:
        story = _story(entry, url, feed_name)
        if story is None:
            result.skipped += 1
            continue
        key = story.guid or story.url or ""
        if key:
            if key in seen:
                result.duplicates += 1
                continue
            seen.add(key)
        if relevance is not None and not relevance.matches(story.title, story.summary, story.content, story.url):
            result.filtered += 1
            continue
        result.stories.append(story)
    return result


def _story(entry: dict, base: str, feed_name: str) -> Story | None:
    """One feedparser entry → Story, or None when the entry holds nothing at all."""
    link = ""
    for candidate in [entry.get("link") or ""] + [
        (l.get("href") or "") for l in entry.get("links") or [] if isinstance(l, dict)
    ]:
        link = _safe_link(candidate, base)
        if link:
            break
    guid = one_line(strip_controls(str(entry.get("id") or "")))
    summary = _detail_text(entry, "summary", link or base)
    content = ""
    for part in entry.get("content") or []:
        value = part.get("value") if isinstance(part, dict) else None
        if value:
            text = html_to_text(value, link or base) if "html" in (part.get("type") or "text/html") or \
                _LOOKS_HTML.search(value) else _tidy(strip_controls(value))
            if text and text != summary:
                content = text
                break
    if not summary and content:
        summary, content = content, ""
    raw_title = entry.get("title") or ""
    title = one_line(html_to_text(raw_title) if _LOOKS_HTML.search(raw_title) else strip_controls(raw_title))
    if not title:
        title = _first_words(summary) if summary else (link or "")
    if not (title or summary or content or link):
        return None
    author = one_line(strip_controls(str(entry.get("author") or "")))
    return Story(
        feed=feed_name,
        title=title,
        url=link,
        guid=guid,
        summary=summary,
        content=content,
        author=author,
        published=_when(entry),
    )
