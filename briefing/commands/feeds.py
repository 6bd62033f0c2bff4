"""`briefing feeds`: each feed's health; `--check` fetches every feed now; `import`/`export` speak OPML.

`briefing feeds` only reads the database (it never creates one, nor writes the
configured feed list into it); `briefing feeds --check` touches no database at
all and exits 1 when any feed is broken, so a script or a person editing
feeds.toml learns which addresses to fix.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from datetime import datetime
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .. import health
from ..config import Config, ConfigError, append_feeds_to_toml, feeds_from_opml, feeds_to_opml
from ..models import Feed
from .common import CommandError, fail, load, open_existing_store

WORD_STYLES = {health.OK: "green", health.MOVED: "yellow", health.RATE_LIMITED: "yellow"}


def _ago(moment: datetime | None) -> str:
    if moment is None:
        return "never"
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def _word(word: str | None) -> Text:
    if not word:
        return Text("not fetched", style="dim")
    return Text(word, style=WORD_STYLES.get(word, "red"))


def health_table(config: Config, states: dict[str, Feed]) -> Table:
    """Configured feeds first, then feeds the database holds that feeds.toml no longer lists."""
    table = Table(title=f"Feeds ({config.path})", expand=False)
    for column in ("feed", "origin", "health", "last fetch", "status", "stories", "unread", "filtered",
                   "last error"):
        table.add_column(column, overflow="fold", justify="right" if column in ("stories", "unread",
                                                                               "filtered") else "left")
    configured = {f.name for f in config.feeds}
    rows = [(f, states.get(f.name)) for f in config.feeds]
    rows += [(s, s) for name, s in sorted(states.items()) if name not in configured]
    for feed, state in rows:
        status = (state.last_status if state else None) or "not fetched"
        if feed.name not in configured:
            status += " (not in feeds.toml)"
        style = {"error": "red", "new": "green", "updated": "green", "filtered": "yellow"}.get(status, "")
        table.add_row(
            Text(feed.name),  # Text(): feed-supplied strings are never parsed as markup
            feed.origin,
            _word(state.health if state else None),
            _ago(state.last_fetched if state else None),
            Text(status, style=style),
            str(state.story_count if state else 0),
            str(state.unread_count if state else 0),
            str(state.last_filtered if state else 0),
            Text(state.last_error or "" if state else ""),
        )
    return table


def show_health(args: argparse.Namespace) -> int:
    config = load(args)
    with open_existing_store(args) as store:
        states = store.feed_states()
    Console().print(health_table(config, states))
    return 0


def check(args: argparse.Namespace) -> int:
    """Fetch every configured feed once and classify it; exit 1 when any is broken."""
    from ..fetch.check import check_feeds  # imported late: `briefing feeds` needs no HTTP client

    config = load(args)
    if not config.feeds:
        return fail(f"briefing: {config.path} lists no feeds")
    results = asyncio.run(check_feeds(config.feeds, config.settings))
    table = Table(title=f"Feed check ({config.path})", expand=False)
    for column in ("feed", "health", "what it serves", "url"):
        table.add_column(column, overflow="fold")
    for result in results:
        table.add_row(Text(result.feed), _word(result.word), Text(result.detail), Text(result.url))
    console = Console()
    console.print(table)
    broken = [r for r in results if r.broken]
    console.print(Text(f"{len(results) - len(broken)} of {len(results)} feeds work"
                       + (f"; broken: {', '.join(r.feed for r in broken)}" if broken else "")))
    return 1 if broken else 0


def import_opml(args: argparse.Namespace) -> int:
    config = load(args)
    path = Path(args.file)
    try:
        feeds, problems = feeds_from_opml(path.read_bytes())
    except OSError as error:
        return fail(f"briefing: cannot read {path}: {error.strerror}")
    except ConfigError as error:
        return fail(f"briefing: {path}: {error}")
    added, skipped = append_feeds_to_toml(config.path, feeds, config)
    for feed in added:
        print(f"added   {feed.name} ({feed.origin}) {feed.url}")
    for message in problems + skipped:
        print(f"skipped {message}")
    print(f"{len(added)} feed(s) added to {config.path}")
    try:
        load(args)
    except CommandError as error:  # never leave the user with a file that no longer loads
        return fail(f"{error}\nthe import produced an invalid feeds.toml; please check {config.path}")
    return 0


def export_opml(args: argparse.Namespace) -> int:
    config = load(args)
    text = feeds_to_opml(config.feeds)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"wrote {len(config.feeds)} feeds to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def run(args: argparse.Namespace) -> int:
    try:
        if getattr(args, "check", False) and not args.feeds_command:
            return check(args)
        action = {"import": import_opml, "export": export_opml}.get(args.feeds_command, show_health)
        return action(args)
    except CommandError as error:
        return fail(str(error))
