"""Feed text made fit to draw: the one home of the rule every widget and screen follows.

Titles, sources and tags come from feeds and are untrusted: control characters
(terminal escape sequences) become spaces, and the result is drawn as plain
text, never as markup.  Cutting to a width counts terminal cells, not characters,
so wide scripts line up.
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size


def plain(text: str) -> str:
    """Feed text made safe to draw: control characters (escape sequences) become spaces."""
    return "".join(ch if ch.isprintable() else " " for ch in text)


def shorten(text: str, width: int) -> str:
    """`text` if it fits in `width` cells, else cut with `…` (never padded)."""
    if cell_len(text) <= width:
        return text
    return set_cell_size(text, width - 1).rstrip() + "…" if width > 0 else ""


def fit(text: str, width: int) -> str:
    """`text` padded or cut to exactly `width` cells, a cut shown with `…`."""
    return set_cell_size(shorten(text, width), max(width, 0))
