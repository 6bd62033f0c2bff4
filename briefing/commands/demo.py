"""`briefing demo`: the bundled sample feeds, served on 127.0.0.1, fetched for real, then the app.

The demo goes through the same fetcher, parser and store as real use (only the
server is local), so what a newcomer sees is what briefing does.  The server
keeps running while the app is open: the app fetches again on its own schedule.
"""

from __future__ import annotations

import argparse
import asyncio
import threading
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .. import paths
from ..demo.samples import demo_config
from ..demo.server import DemoServer
from ..service import refresh
from ..store import Store
from .report import report, report_failures


def demo_db_path(args: argparse.Namespace) -> Path:
    explicit = getattr(args, "db", None)
    return Path(explicit).expanduser() if explicit else paths.data_dir() / "demo.db"


def serve(args: argparse.Namespace, console: Console) -> int:
    """Serve the sample feeds until Ctrl-C, printing their addresses."""
    with DemoServer(port=args.port) as server:
        table = Table(title=f"Sample feeds on {server.base_url} (Ctrl-C stops)")
        table.add_column("outlet")
        table.add_column("url")
        for name, url in server.urls.items():
            table.add_row(Text(name), Text(url))
        console.print(table)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            console.print(Text("stopped"))
    return 0


def print_stored(console: Console, path: Path, feeds: list[str]) -> None:
    """Per feed: how many stories the demo database holds and the latest titles."""
    with Store(path) as store:
        states = store.feed_states()
        table = Table(title=f"Demo database {path}", expand=False, show_lines=False)
        table.add_column("outlet", overflow="fold")
        table.add_column("stories", justify="right")
        table.add_column("latest", overflow="fold")
        from ..store import StoryFilter

        for name in feeds:
            latest = store.story_window(StoryFilter(feeds=(name,)), 0, 2)
            state = states.get(name)
            table.add_row(
                Text(name),
                str(state.story_count if state else 0),
                Text("\n".join(s.title for s in latest)),
            )
        console.print(table)
        console.print(Text(f"{store.story_count()} stories in {path}"))


def run(args: argparse.Namespace) -> int:
    console = Console()
    if args.serve:
        return serve(args, console)
    path = demo_db_path(args)
    with DemoServer(port=args.port) as server:
        config = demo_config(server.base_url)
        if not args.no_app:
            console.print(Text(f"Serving {len(config.feeds)} sample feeds on {server.base_url}; fetching…"))
        start = time.perf_counter()
        result = asyncio.run(refresh(config, path, force=True))
        status = report_failures(result)
        if args.no_app:
            report(console, result.outcomes, time.perf_counter() - start, quiet=False)
            print_stored(console, path, [f.name for f in config.feeds])
            return status or (0 if all(o.status != "error" for o in result.outcomes) else 1)
        from ..app import BriefingApp  # imported late: `--no-app` and `--serve` need no Textual

        BriefingApp(config=config, db_path=path).run()
    return 0
