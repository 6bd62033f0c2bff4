"""`briefing feeds`: each feed's health; `feeds import`/`feeds export` speak OPML."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..config import ConfigError, append_feeds_to_toml, feeds_from_opml, feeds_to_opml
from .common import CommandError, fail, load, open_store


def _ago(moment: datetime | None) -> str:
    if moment is None:
        return "never"
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def health(args: argparse.Namespace) -> int:
    config = load(args)
    with open_store(args, config) as store:
        states = store.feed_states()
    table = Table(title=f"Feeds ({config.path})", expand=False)
    for column in ("feed", "origin", "last fetch", "status", "stories", "unread", "last error"):
        table.add_column(column, overflow="fold")
    for feed in config.feeds:
        state = states.get(feed.name)
        status = (state.last_status if state else None) or "not fetched"
        style = {"error": "red", "new": "green", "updated": "green"}.get(status, "")
        table.add_row(
            Text(feed.name),  # Text(): feed-supplied strings are never parsed as markup
            feed.origin,
            _ago(state.last_fetched if state else None),
            Text(status, style=style),
            str(state.story_count if state else 0),
            str(state.unread_count if state else 0),
            Text(state.last_error or "" if state else ""),
        )
    Console().print(table)
    return 0


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
        action = {"import": import_opml, "export": export_opml}.get(args.feeds_command, health)
        return action(args)
    except CommandError as error:
        return fail(str(error))
