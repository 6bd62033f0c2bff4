"""Feed bytes → clean `Story` records (feedparser + selectolax), run in worker processes.

Parsing is CPU work (feedparser is pure Python), so `parse_feed` is a plain,
picklable function the runner sends to a process pool: the event loop keeps
downloading while two cores parse.  Everything a feed says is treated as data:

- control characters (C0/C1 but newline and tab) and terminal escape sequences
  are removed, because titles end up in a terminal;
- HTML becomes plain text: paragraphs and links kept ("text (https://link)"),
  scripts and styles dropped, entities decoded;
- dates become timezone-aware UTC; a date written without a zone is read in the
  feed's own zone (an Armenian outlet's "03:08" is Yerevan's), and a date after the
  fetch (a wrong feed clock) becomes the fetch time, the feed's date kept beside it;
- relative links are resolved against the feed; the link kept is the article's
  permalink without tracking parameters (`urls.py`), not a FeedBurner redirect;
- full text (`content:encoded`, `yandex:full-text`) replaces an empty or teaser
  summary, and summaries lose "Read more" boilerplate, bare and image-only links;
- a body that declares no charset and is not UTF-8 is sniffed (charset-normalizer),
  as browsers do, instead of being read as windows-1252 mojibake;
- odd entries are normal: no title (first words of the summary, else the link),
  no guid, no date.  Only entries with nothing at all in them are skipped.

feedparser's own HTML sanitizer is switched off: we never keep HTML, and the
selectolax pass below drops scripts and styles anyway, at a fraction of the cost.
"""

from __future__ import annotations

import calendar
import html
import re
import xml.sax
from collections.abc import Callable
from datetime import datetime, timezone, tzinfo
from email.utils import parsedate_tz
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

import feedparser
from selectolax.lexbor import LexborHTMLParser

from ..language import story_language
from ..models import ParsedFeed, Story
from ..urls import REDIRECT_HOSTS, is_redirector, strip_tracking
from .plainfeed import read_plain

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
# The runs of `_SPACES` that are not already one plain space: replacing only these gives the same text
# without rewriting every single space between words (most of what tidying cost).
_ODD_SPACES = re.compile(r"[\t\r\f\v\u00a0\u2000-\u200b\u3000][ \t\r\f\v\u00a0\u2000-\u200b\u3000]*"
                         r"| [ \t\r\f\v\u00a0\u2000-\u200b\u3000]+")
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
    lines = [line.strip() for line in _ODD_SPACES.sub(" ", text).split("\n")]  # (no run crosses a line)
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
            # A link with no text (an image, an icon) says nothing to a reader: dropped.
            if link and inner.strip() and _tidy(inner) != link:
                closing = f" ({link})"
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


# A date string that names its zone: an offset, "Z", or a zone feedparser knows.  Anything
# else ("2026-06-06 03:08:29", "... 03:08:29 MSK") is wall-clock time in the feed's zone.
_HAS_ZONE = re.compile(r"(?:[+-]\d\d:?\d\d|\d[zZ]|\b(?:GMT|UTC|UT|Z|[ECMP][SD]T))\s*$")
_DOTTED = ("%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%Y")


def _zoneless(raw: str, zone: tzinfo) -> datetime | None:
    """A date written without a zone, read as wall-clock time in `zone`."""
    raw = raw.strip()
    moment: datetime | None = None
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        parts = parsedate_tz(raw)
        if parts is not None:
            try:
                moment = datetime(*parts[:6])
            except ValueError:
                moment = None
        else:
            for pattern in _DOTTED:
                try:
                    moment = datetime.strptime(raw, pattern)
                    break
                except ValueError:
                    continue
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return moment.astimezone(timezone.utc)


# An entry's fields read as a plain dict reads them: `FeedParserDict.get` maps aliases ("guid" → "id",
# "description" → "summary") through a chain of checks and an exception per missing key, a tenth of
# parsing.  None of the keys read here is an alias; "updated", the one whose fallback differs
# ("published" when missing), is read only after "published" was found empty, when both are empty.
_get = dict.get


def _when(entry: dict, zone: tzinfo) -> datetime | None:
    """The entry's date in UTC: feedparser's reading when the text names a zone, else the feed's zone."""
    for key in ("published", "updated", "created"):
        raw = _get(entry, key)
        parsed = _get(entry, f"{key}_parsed")
        if not raw and not parsed:
            continue
        try:
            if parsed and (not isinstance(raw, str) or _HAS_ZONE.search(raw)):
                return datetime.fromtimestamp(calendar.timegm(parsed), timezone.utc)
            moment = _zoneless(raw, zone) if isinstance(raw, str) else None
            if moment is None and parsed:  # feedparser read it as UTC wall-clock time: it was local
                moment = datetime(*parsed[:6], tzinfo=zone).astimezone(timezone.utc)
        except (OverflowError, ValueError, OSError, TypeError):
            continue
        if moment is not None:
            return moment
    return None


def _detail_text(entry: dict, key: str, base: str) -> str:
    value = _get(entry, key) or ""
    if not isinstance(value, str):
        return ""
    detail = _get(entry, f"{key}_detail") or {}
    kind = detail.get("type", "text/html") if isinstance(detail, dict) else "text/html"
    if "html" in kind or _LOOKS_HTML.search(value):
        return html_to_text(value, base)
    return _tidy(strip_controls(value))


# --- summaries -----------------------------------------------------------------

# A whole line that is only a pointer elsewhere: "Read more", "Read full article at X",
# WordPress's "The post X appeared first on Y.", "Подробнее...", "[…]".
_BOILERPLATE_LINE = re.compile(
    r"^(?:read (?:the )?(?:full|more|original|rest)\b.*|continue reading\b.*|read more\b.*|more\s*[»›>]+"
    r"|the post .{1,300} appeared first on .{1,200}|подробнее\b.*|читать (?:далее|полностью|дальше)\b.*"
    r"|ətraflı\b.*|ավելին\b.*|\[?(?:…|\.\.\.)\]?|source: ?https?://\S+)$",
    re.IGNORECASE,
)
# The same pointers at the end of a line of text.
_BOILERPLATE_TAIL = re.compile(
    r"(?:\[(?:…|\.\.\.)\]|read (?:the )?full (?:article|story)\b.{0,200}"
    r"|(?:continue reading|read more|подробнее|читать далее)(?:\s*[»›>…]|\.\.\.)?(?: ?\(https?://[^\s)]+\))?"
    r"|the post .{1,300} appeared first on .{1,200})\s*$",
    re.IGNORECASE,
)
_URL = re.compile(r"https?://[^\s)]+")
# "(https://...)" after a link's text; the space before it goes with it (`_without_annotations`).
_ANNOTATION = re.compile(r"\((https?://[^\s)]+)\)")
_IMAGE = re.compile(r"\.(?:jpe?g|png|gif|webp|svg|avif|bmp)(?:[?#]\S*)?$", re.IGNORECASE)


# Cheap substring tests that gate the regexes above (this runs on every story of every feed).
_TAIL_MARKERS = ("read", "continue", "the post", "подробнее", "читать", "[…]", "[...]")
_LINE_MARKERS = _TAIL_MARKERS + ("more", "ətraflı", "ավելին", "source", "…", "...")


def clean_summary(text: str, link: str = "") -> str:
    """A summary a person reads: no "read more" lines, bare URLs or links to images or to the story itself.

    "text (https://other.site/page)" annotations from real links in the text are kept;
    a URL standing alone says nothing the `o` key does not already open.
    """
    if not text:
        return text
    lower = text.lower()
    if "http" not in lower and not any(marker in lower for marker in _LINE_MARKERS):
        return text
    own = {link, strip_tracking(link)} if link else set()

    def dropped(url: str) -> bool:
        return url in own or bool(_IMAGE.search(url)) or _redirector(url)

    lines = []
    changed = False
    for original in text.split("\n"):
        line = original
        if "(http" in line:
            line = _without_annotations(line, dropped)
        if "http" in line:
            line = _URL.sub(lambda m: m.group(0) if _kept_annotation(line, m) else "", line)
        start = max(0, len(line) - 360)  # only the last few hundred characters are a "tail"
        tail = line[start:].lower()
        hits = [i for i in (tail.find(marker) for marker in _TAIL_MARKERS) if i >= 0]
        if hits:
            found = _BOILERPLATE_TAIL.search(line, start + max(0, min(hits) - 2))
            if found:
                line = line[: found.start()]
        line = line.strip()
        if "  " in line:
            line = _ODD_SPACES.sub(" ", line)
        if line.strip("()[]: -–—") and not (len(line) < 400 and _BOILERPLATE_LINE.match(line)):
            lines.append(line)
        elif lines and lines[-1]:
            lines.append("")
        changed = changed or line != original.strip()
    if not changed:
        return text
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()


def _without_annotations(line: str, dropped: Callable[[str], bool]) -> str:
    """`line` without its " (url)" annotations whose url is `dropped`, the one space before each too.

    What substituting `r" ?\\((https?://[^\\s)]+)\\)"` did, found by the annotation's own start: a
    pattern that may begin with a space is tried at every letter of the line (a sixth of parsing)."""
    out: list[str] = []
    last = 0
    for match in _ANNOTATION.finditer(line):
        if dropped(match.group(1)):
            start = match.start()
            if start > last and line[start - 1] == " ":
                start -= 1
            out.append(line[last:start])
            last = match.end()
    if not out:
        return line
    out.append(line[last:])
    return "".join(out)


def _kept_annotation(line: str, match: re.Match) -> bool:
    """True for a URL inside a "text (url)" annotation: those are kept by `clean_summary`."""
    start, end = match.span()
    return line[start - 1:start] == "(" and line[end:end + 1] == ")" and bool(line[: start - 1].strip())


def _is_teaser(summary: str, full: str) -> bool:
    """Is `summary` only the start of `full` (or a cut-off line), so the full text should replace it?"""
    if not summary:
        return True
    head = summary.rstrip(" .…[]").strip()
    if summary.endswith(("…", "...", "[…]", "[...]")) and len(full) > len(head):
        return True
    return bool(head) and full.startswith(head[:120])


def _full_text(entry: dict, base: str) -> str:
    """The article's full text when the feed carries it: content:encoded / Atom content, yandex:full-text,
    turbo:content, rambler:full-text."""
    for part in _get(entry, "content") or []:
        value = part.get("value") if isinstance(part, dict) else None
        if value:
            kind = part.get("type") or "text/html"
            text = html_to_text(value, base) if "html" in kind or _LOOKS_HTML.search(value) else \
                _tidy(strip_controls(value))
            if text:
                return text
    for key in _FULL_TEXT_KEYS:
        value = _get(entry, key)
        if isinstance(value, str) and value.strip():
            text = html_to_text(value, base) if _LOOKS_HTML.search(value) else _tidy(strip_controls(value))
            if text:
                return text
    return ""


# Russian-market extensions that carry the article: Yandex.News, Yandex Turbo pages, Rambler.
_FULL_TEXT_KEYS = ("yandex_full-text", "turbo_content", "rambler_full-text")


_XML_DECLARED = re.compile(rb"^\s*<\?xml[^>]{0,200}?encoding\s*=", re.IGNORECASE)
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.IGNORECASE | re.DOTALL)


def _decoded(content: bytes, content_type: str | None) -> tuple[bytes, str]:
    """The body and the content type feedparser should see, charset settled.

    When neither the header nor an XML declaration (nor a BOM) names the charset and
    the bytes are not UTF-8, feedparser would fall back to windows-1252 and turn a
    windows-1251 feed into mojibake; the charset is sniffed instead, as browsers do.
    """
    kind = content_type or "application/xml"
    if "charset=" in kind.lower() or content.startswith(_BOMS) or _XML_DECLARED.match(content[:256]):
        return content, kind
    try:
        content.decode("utf-8")
        return content, kind
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # only for the rare undeclared, non-UTF-8 body

    best = from_bytes(content).best()
    text = str(best) if best is not None else content.decode("windows-1252", "replace")
    return text.encode("utf-8"), kind.split(";")[0].strip() + "; charset=utf-8"


def parse_feed(
    content: bytes,
    url: str,
    feed_name: str,
    *,
    content_type: str | None = None,
    keep: str = "all",
    keywords: tuple[str, ...] = (),
    timezone_name: str = "UTC",
    fetched_at: datetime | None = None,
    language: str = "",
    plain_path: bool = True,
) -> ParsedFeed:
    """Parse one downloaded feed into cleaned stories (runs in a worker process).

    A feed that is broken but still yields entries (feedparser "bozo") is kept:
    readers prefer a story from a sloppy feed to nothing.  `keep="relevant"`
    drops entries that do not mention the conflict or one of `keywords`.
    Zone-less dates are read in `timezone_name`; none may lie after `fetched_at`.  Each kept
    story's language is read from its text, the feed's configured `language` as the hint.
    A plain RSS 2.0 document is read by `plainfeed.py` into the entries feedparser would make;
    `plain_path=False` sends every document to feedparser (the tests compare the two).
    """
    # Without a content type feedparser flags every document as bozo; assume XML.  No
    # content-location: feedparser would then "resolve" every guid against the feed URL,
    # and a feed moving to https would turn all its stories into new ones.  Links are
    # resolved below, by us.
    content, kind = _decoded(content, content_type)
    plain = read_plain(content, kind) if plain_path else None
    if plain is not None:  # plain RSS 2.0: the entries feedparser would make, without feedparser's cost
        parsed = feedparser.FeedParserDict(feed={"title": plain[0]}, entries=plain[1], version="rss20", bozo=0)
    else:
        parsed = feedparser.parse(
            content, response_headers={"content-type": kind}, sanitize_html=False, resolve_relative_uris=False
        )
    result = ParsedFeed()
    if parsed.get("bozo"):
        exc = parsed.get("bozo_exception")
        result.bozo = one_line(strip_controls(str(exc) or type(exc).__name__)) if exc else "malformed feed"
    entries = parsed.get("entries") or []
    # Malformed XML that yields no entry is an error even when a channel title survived:
    # calling it "unchanged" would hide a broken feed for good.
    broken_xml = isinstance(parsed.get("bozo_exception"), xml.sax.SAXException)
    untitled = not (parsed.get("feed") or {}).get("title")
    if not entries and (not parsed.get("version") or (result.bozo and (untitled or broken_xml))):
        result.html = bool(_HTML_START.match(content[:2048])) or "html" in kind.split(";")[0].lower()
        reason = "a web page, not a feed" if result.html else (result.bozo or "no RSS or Atom content found")
        result.error = "not a feed: " + reason
        return result
    result.title = one_line(strip_controls((parsed.get("feed") or {}).get("title", "") or ""))
    result.entries = len(entries)
    relevance = None
    if keep == "relevant":  # (its tables take ~0.4 s to compile: loaded only where a feed needs them)
        from .relevance import RelevanceFilter

        relevance = RelevanceFilter(keywords)
    zone = ZoneInfo(timezone_name) if timezone_name != "UTC" else timezone.utc
    now = fetched_at or datetime.now(timezone.utc)
    seen: set[str] = set()
    for entry in entries:
        story = _story(entry, url, feed_name, zone, now)
        if story is None:
            result.skipped += 1
            continue
        moment = story.published_claimed or story.published
        if moment is not None and (result.newest is None or moment > result.newest):
            result.newest = moment
        key = story.guid or story.url or ""
        if key:
            if key in seen:
                result.duplicates += 1
                continue
            seen.add(key)
        if relevance is not None and not relevance.matches(story.title, story.summary, story.content, story.url):
            result.filtered += 1
            continue
        # (set on the story just made, before it leaves this function: a copy per story cost 2% of parsing)
        story.language = story_language(story.title, story.summary or story.content, language)
        result.stories.append(story)
    return result


# Every address `is_redirector` can say yes to holds one of these: any other is no redirector, known
# without taking it apart (`urlsplit` for each of a story's links was 5% of parsing).
_REDIRECT_HINTS = re.compile("|".join(re.escape(host) for host in
                                       sorted(REDIRECT_HOSTS | {"feedburner.com", "feedsportal.com"})))


def _redirector(url: str) -> bool:
    """`is_redirector(url)`, answered at once for an address that names no redirecting host at all."""
    return bool(_REDIRECT_HINTS.search(url.lower())) and is_redirector(url)


def _link(entry: dict, base: str, guid: str) -> str:
    """The article's own address: FeedBurner's origLink or a permalink guid beat a redirector link."""
    candidates = [_get(entry, "feedburner_origlink") or "", _get(entry, "link") or ""]
    candidates += [(l.get("href") or "") for l in _get(entry, "links") or [] if isinstance(l, dict)]
    link = ""
    for candidate in candidates:
        link = _safe_link(candidate, base) if isinstance(candidate, str) else ""
        if link:
            break
    if (not link or _redirector(link)) and guid.startswith(("http://", "https://")):
        permalink = _safe_link(guid, base)
        if permalink and not _redirector(permalink):
            link = permalink
    return strip_tracking(link)


def _story(entry: dict, base: str, feed_name: str, zone: tzinfo, now: datetime) -> Story | None:
    """One feedparser entry → Story, or None when the entry holds nothing at all."""
    guid = one_line(strip_controls(str(_get(entry, "id") or "")))
    link = _link(entry, base, guid)
    summary = clean_summary(_detail_text(entry, "summary", link or base), link)
    content = clean_summary(_full_text(entry, link or base), link)
    if content == summary:
        content = ""
    elif content and _is_teaser(summary, content):
        summary, content = content, ""
    raw_title = _get(entry, "title") or ""
    title = one_line(html_to_text(raw_title) if _LOOKS_HTML.search(raw_title) else strip_controls(raw_title))
    if not title:
        title = _first_words(summary) if summary else (link or "")
    if not (title or summary or content or link):
        return None
    author = one_line(strip_controls(str(_get(entry, "author") or "")))
    published = _when(entry, zone)
    claimed = None
    if published is not None and published > now:
        published, claimed = now, published  # a feed clock ahead of ours: nothing may sit in the future
    return Story(
        feed=feed_name,
        title=title,
        url=link,
        guid=guid,
        summary=summary,
        content=content,
        author=author,
        published=published,
        published_claimed=claimed,
    )
