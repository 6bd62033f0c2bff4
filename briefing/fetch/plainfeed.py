"""A plain RSS 2.0 document read with ElementTree into the very entries feedparser makes of it.

feedparser was more than half of a feed's parsing: pure-Python SAX callbacks, a deep copy
per element, a chain of dict lookups per key.  Most feeds are plain RSS 2.0: well-formed
UTF-8 (or ASCII), items made of a few known elements with text in them and no markup.  For
such a document `read_plain` builds the `FeedParserDict` entries feedparser 6 builds, by its
rules (each noted below, `feedparser/mixin.py` `pop` and `namespaces/_base.py`), in about a
tenth of the time.  Anything else gets None and goes to feedparser as before: another format
(Atom, RSS 1.0), another charset, a byte-order mark, a DOCTYPE or entity declaration,
`xml:base`, an element or attribute not listed here, an element twice in one item, markup
inside an element, a document that is not well-formed, no item at all.

`tests/fetch/test_plainfeed.py` holds `parse_feed` with this path to `parse_feed` with
feedparser alone, story for story, on every feed document the tests serve and on generated
variants of the awkward cases (entities, CDATA, relative links, guids that are or are not
permalinks, dates in many forms, mojibake, HTML in titles).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

from feedparser import FeedParserDict
from feedparser.datetimes import _parse_date
from feedparser.html import _cp1252
from feedparser.urls import _urljoin

CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
CREATOR = "{http://purl.org/dc/elements/1.1/}creator"
# An item's elements this reader knows, each as feedparser files it; any other element sends the
# whole document to feedparser.  `category` is filed under tags, which briefing never reads.
KNOWN = frozenset({"title", "link", "guid", "description", "pubDate", "author", CREATOR, "comments",
                   "category", "enclosure", CONTENT})
REPEATABLE = frozenset({"category", "enclosure"})
_XML_DECLARATION = re.compile(rb"^<\?xml[^>]{0,200}?\?>")
_DECLARED_ENCODING = re.compile(rb"""encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_QUERY_ENTITY = re.compile("&([A-Za-z0-9_]+);")
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00")


class _NotPlain(Exception):
    """The document needs feedparser."""


def read_plain(content: bytes, content_type: str) -> tuple[str, list[FeedParserDict]] | None:
    """(The channel's title, its entries as feedparser makes them) for a plain RSS 2.0 document, else None."""
    if not _plain_bytes(content, content_type):
        return None
    try:
        root = ElementTree.fromstring(content)
    except (ElementTree.ParseError, ValueError):
        return None
    if root.tag != "rss" or len(root) != 1 or root[0].tag != "channel" or root[0].attrib:
        return None
    title = ""
    titles = 0
    entries: list[FeedParserDict] = []
    try:
        for child in root[0]:
            if child.tag == "item":
                entries.append(_entry(child))
            elif child.tag == "title":
                titles += 1
                title = _text(child)
            elif any(True for _ in child.iter("item")):
                return None  # an item somewhere else than in the channel
    except _NotPlain:
        return None
    if not entries or titles > 1:
        return None
    return title, entries


def _plain_bytes(content: bytes, content_type: str) -> bool:
    """UTF-8 as feedparser would read it too: an XML media type, no charset but UTF-8 named anywhere,
    no BOM, no DOCTYPE (feedparser rewrites those), no xml:base (feedparser resolves against it)."""
    mime, _, params = content_type.partition(";")
    mime = mime.strip().lower()
    charset = ""
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'").lower()
    if charset not in ("", "utf-8"):
        return False
    if mime in ("text/xml", "text/xml-external-parsed-entity") or (mime.startswith("text/") and mime.endswith("+xml")):
        if not charset and not content.isascii():
            return False  # RFC 3023: text/xml without a charset is US-ASCII, which feedparser then works around
    elif not (mime in ("application/xml", "application/xml-dtd", "application/xml-external-parsed-entity")
              or (mime.startswith("application/") and mime.endswith("+xml"))):
        return False  # feedparser flags the media type as not XML
    if content.startswith(_BOMS):
        return False
    declaration = _XML_DECLARATION.match(content)
    if declaration:
        named = _DECLARED_ENCODING.search(declaration.group())
        if named and named.group(1).lower() != b"utf-8":
            return False
    lower = content.lower()
    if b"<!doctype" in lower or b"<!entity" in lower or b"xml:base" in content:
        return False
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _text(element: ElementTree.Element) -> str:
    """An element's text as feedparser's `pop` leaves it: stripped, text that is UTF-8 read as
    Latin-1 read again as UTF-8, and windows-1252's extra characters put in their places."""
    if len(element):
        raise _NotPlain  # markup inside: feedparser rebuilds it as text
    return _mended((element.text or "").strip())


def _mended(output: str) -> str:
    """Text that is UTF-8 read as Latin-1 read again as UTF-8, and windows-1252's extra characters put
    in their places, as feedparser's `pop` does."""
    if not output.isascii():
        try:
            output = output.encode("iso-8859-1").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
        output = output.translate(_cp1252)
    return output


def _uri(element: ElementTree.Element) -> str:
    """A link's or guid's text, "resolved" as feedparser resolves it (no base: only the slashes after
    the scheme are tidied)."""
    output = (element.text or "").strip()
    if len(element):
        raise _NotPlain
    if output:
        output = _urljoin("", output)
    return _mended(output)


def _entry(item: ElementTree.Element) -> FeedParserDict:
    """One <item> as feedparser's entry, its elements taken in document order as feedparser takes them."""
    if item.attrib:
        raise _NotPlain  # rdf:about, href, lastmod: feedparser reads them
    entry = FeedParserDict()
    seen: set[str] = set()
    for child in item:
        tag = child.tag
        if tag not in KNOWN:
            raise _NotPlain
        key = "author" if tag == CREATOR else tag
        if key in seen and key not in REPEATABLE:
            raise _NotPlain
        seen.add(key)
        attributes = child.attrib
        if tag == "category":
            if len(child):
                raise _NotPlain
            continue
        if tag == "enclosure":
            _enclosure(entry, child)
            continue
        if attributes and not (tag == "guid" and attributes.keys() <= {"isPermaLink"}):
            raise _NotPlain  # type=, xml:lang= and the like change what feedparser does
        if tag == "title":
            entry["title"] = _text(child)
        elif tag == "link":
            _link(entry, child)
        elif tag == "guid":
            _guid(entry, child)
        elif tag == "description":
            entry["summary"] = _text(child)
            entry["summary_detail"] = FeedParserDict(type="text/html", language=None, base="", value=entry["summary"])
        elif tag == CONTENT:
            value = _text(child)
            entry.setdefault("content", []).append(FeedParserDict(type="text/html", language=None, base="",
                                                                  value=value))
            entry.setdefault("summary", value)  # feedparser's _end_content copies HTML content to the summary
        elif tag == "pubDate":
            entry["published"] = _text(child)
            entry["published_parsed"] = _parse_date(entry["published"])
        elif key == "author":
            entry["author"] = _text(child)
        elif tag == "comments":
            entry["comments"] = _uri(child)
    return entry


def _link(entry: FeedParserDict, element: ElementTree.Element) -> None:
    """feedparser's _start_link (an alternate link added to `links`) and pop's link branch (query
    entities put back: "?a=1&amp;b=2" and "&b;=2" both become "&b=2")."""
    link = FeedParserDict(rel="alternate", type="text/html")
    entry.setdefault("links", []).append(link)
    output = _uri(element).replace("&amp;", "&")
    output = _QUERY_ENTITY.sub(r"&\g<1>", output)
    entry["link"] = output
    if output:
        link["href"] = output


def _guid(entry: FeedParserDict, element: ElementTree.Element) -> None:
    """feedparser's _start_guid/_end_guid: a guid is a permalink unless isPermaLink says exactly "false"
    otherwise; a permalink guid is resolved, and becomes the link if no link came before it."""
    is_link = element.attrib.get("isPermaLink", "true") == "true"
    output = _uri(element) if is_link else _text(element)
    entry["id"] = output
    entry.setdefault("guidislink", is_link and "link" not in entry)
    if is_link:
        entry.setdefault("link", output)


def _enclosure(entry: FeedParserDict, element: ElementTree.Element) -> None:
    """feedparser's _start_enclosure: its attributes (names in lower case, url as href) as a link."""
    if len(element):
        raise _NotPlain
    attributes = {name.lower(): value for name, value in element.attrib.items()}
    if any(name.startswith("{") for name in attributes):
        raise _NotPlain
    href = attributes.get("url", attributes.get("uri", attributes.get("href")))
    if href:
        for name in ("url", "uri"):
            attributes.pop(name, None)
        attributes["href"] = href
    attributes["rel"] = "enclosure"
    entry.setdefault("links", []).append(FeedParserDict(attributes))
