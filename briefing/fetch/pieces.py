"""A huge feed document cut into small standalone documents of whole items, parsed one at a time.

Why: feedparser builds the whole document's tree before it hands back one entry, so a feed of
100,000 items held ~500 MB in the parser process, and the 100,000 stories it sent back another
~400 MB in the fetcher.  Cut into pieces of about a megabyte, each parsed by itself, the
stories are parsed on every core and stored a piece at a time (`fetch/run.py`), and no process
ever holds more than a few pieces.

A piece is the document's own prolog (everything before its first item: the XML declaration,
the channel's title, link and namespaces), a run of consecutive items, and the end tags the
prolog opened, so each piece says exactly what the whole document says about its items.  Only
a well-formed document in an ASCII-compatible encoding is cut (a cut is made at byte offsets
and the end tags added are ASCII); anything else, and every ordinary feed, is parsed whole as
before.  The scan is expat's (standard library), so the fetcher still never loads feedparser.
"""

from __future__ import annotations

import re
import xml.parsers.expat
from dataclasses import dataclass

# Documents smaller than this are parsed whole (an ordinary feed is well under a megabyte).
CUT_ABOVE = 4_000_000
# About this many bytes of items in a piece.
PIECE_BYTES = 1_000_000
_SCAN_CHUNK = 1 << 20
_ITEMS = frozenset({"item", "entry"})
_ENCODING = re.compile(rb"^\s*<\?xml[^>]{0,200}?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)", re.IGNORECASE)
_WIDE = ("utf-16", "utf16", "utf-32", "utf32", "ucs-2", "ucs2", "ucs-4", "ucs4")
_WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")


@dataclass(frozen=True, slots=True)
class Pieces:
    """Where a document's items are: pieces are `prolog + content[start:end] + closing`."""

    prolog_end: int  # the first item's first byte
    bounds: tuple[tuple[int, int], ...]
    closing: bytes
    items: int

    def piece(self, content: bytes, n: int) -> bytes:
        start, end = self.bounds[n]
        return content[: self.prolog_end] + content[start:end] + self.closing


def cut(content: bytes, content_type: str | None = None) -> Pieces | None:
    """Where to cut a large, well-formed feed into pieces of whole items; None: parse it whole."""
    if len(content) <= CUT_ABOVE or not _byte_safe(content, content_type):
        return None
    scan = _Scan()
    try:
        for start in range(0, len(content), _SCAN_CHUNK):
            scan.parser.Parse(content[start : start + _SCAN_CHUNK], False)
        scan.parser.Parse(b"", True)
    except (xml.parsers.expat.ExpatError, LookupError, ValueError):
        return None  # not well-formed (feedparser's own recovery decides), or an encoding expat cannot read
    if scan.mixed or len(scan.starts) < 2 or scan.parent_end is None or scan.starts[0] > PIECE_BYTES:
        return None  # (a prolog that large, such as RSS 1.0's list of every item, would go into every piece)
    return _group(scan.starts, scan.parent_end, scan.closing)


def _byte_safe(content: bytes, content_type: str | None) -> bool:
    """Can the document be cut at byte offsets and closed with ASCII end tags?"""
    if content.startswith(_WIDE_BOMS):
        return False
    declared = _ENCODING.match(content[:256])
    names = [(declared.group(1).decode("ascii") if declared else ""), (content_type or "").lower()]
    return not any(wide in name.lower() for name in names for wide in _WIDE)


def _group(starts: list[int], end: int, closing: bytes) -> Pieces:
    bounds: list[tuple[int, int]] = []
    first = 0
    for n in range(1, len(starts) + 1):
        stop = starts[n] if n < len(starts) else end
        if n == len(starts) or stop - starts[first] >= PIECE_BYTES:
            bounds.append((starts[first], stop))
            first = n
    return Pieces(starts[0], tuple(bounds), closing, len(starts))


class _Scan:
    """expat callbacks: the byte offset of every item under the first item's parent, where that parent
    ends, and the end tags of the elements open around the items."""

    def __init__(self) -> None:
        self.parser = xml.parsers.expat.ParserCreate()
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end
        self.ids: list[int] = []  # the open elements, each by its number in document order
        self.names: list[str] = []
        self.count = 0
        self.starts: list[int] = []
        self.parent: int | None = None  # the element that holds the items
        self.parent_end: int | None = None
        self.closing = b""
        self.mixed = False  # items elsewhere than under that one parent, or an odd tag: not cut

    def _start(self, name: str, _attrs: dict) -> None:
        self.count += 1
        self.ids.append(self.count)
        self.names.append(name)
        if name.rpartition(":")[2] not in _ITEMS:
            return
        parent = self.ids[-2] if len(self.ids) > 1 else 0
        if self.parent is None:
            self.parent = parent
            around = self.names[:-1]
            self.mixed = not all(tag.isascii() for tag in around)
            self.closing = "".join(f"</{tag}>" for tag in reversed(around)).encode("ascii", "replace")
        if parent != self.parent or self.parent_end is not None:
            self.mixed = True  # a second channel, or an item inside an item
            return
        self.starts.append(self.parser.CurrentByteIndex)

    def _end(self, _name: str) -> None:
        self.names.pop()
        if self.ids.pop() == self.parent and self.parent_end is None:
            self.parent_end = self.parser.CurrentByteIndex
