"""The daily digest: build it from the store once, render it as Markdown, HTML or JSON.

`build_digest` reads (`build.py`), one module per format renders, and
`export_today` is what the app's `e` key calls.  The CLI's `briefing digest`
is a thin wrapper in `briefing/commands/digest.py`.
"""

from __future__ import annotations

from datetime import datetime, timezone, tzinfo
from pathlib import Path

from ..config import Config
from ..store import Store
from .build import Digest, build_digest
from .html import render_html
from .jsondigest import SCHEMA_VERSION, digest_data, render_json
from .markdown import render_markdown

RENDERERS = {"md": render_markdown, "html": render_html, "json": render_json}
EXTENSIONS = {"md": "md", "html": "html", "json": "json"}


def render(digest: Digest, fmt: str = "md") -> str:
    """The digest as text in `fmt` ("md", "html" or "json")."""
    try:
        renderer = RENDERERS[fmt]
    except KeyError:
        raise ValueError(f"unknown digest format {fmt!r}; use one of {', '.join(RENDERERS)}") from None
    return renderer(digest)


def local_zone(now: datetime | None = None) -> tzinfo:
    """The reader's time zone as the system reports it: "today" means their today."""
    return (now or datetime.now(timezone.utc)).astimezone().tzinfo or timezone.utc


def export_today(
    store: Store, config: Config, directory: Path, now: datetime | None = None, fmt: str = "md",
    tz: tzinfo | None = None,
) -> Path:
    """Write today's digest (reader's local day) to `directory/digest-YYYY-MM-DD.md`; return the path.

    Written to a temporary name and renamed, so a digest someone is reading or
    mailing is never seen half-written; a second export the same day replaces it.
    """
    now = now or datetime.now(timezone.utc)
    tz = tz or local_zone(now)
    today = now.astimezone(tz).date()
    digest = build_digest(store, config, today, today, tz, now=now)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"digest-{today.isoformat()}.{EXTENSIONS[fmt]}"
    partial = path.with_name(path.name + ".part")
    partial.write_text(render(digest, fmt), encoding="utf-8")
    partial.replace(path)
    return path


__all__ = [
    "Digest",
    "SCHEMA_VERSION",
    "build_digest",
    "digest_data",
    "export_today",
    "local_zone",
    "render",
]
