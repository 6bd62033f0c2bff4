"""`briefing fetch`: fetch due feeds once (or forever with --watch) and say what happened.

The exit status answers "did the run complete?", not "did every outlet answer?":
one dead feed among forty is normal and shows up in the summary table, so cron
jobs do not cry wolf.  A run whose stories could not all be stored or processed
(a full disk) exits 1, and so does a run in which *every* feed failed (no network,
a proxy in the way): it brought nothing, and it says so.  A broken feeds.toml exits 2.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from dataclasses import replace
from pathlib import Path

from rich.console import Console
from rich.text import Text

from ..config import Config, ConfigError, check_setting
from ..models import FetchOutcome
from ..service import RefreshReport, refresh
from .common import CommandError, db_path, fail, load
from .report import report, report_failures

def run_once(
    config: Config,
    path: Path,
    *,
    force: bool = False,
    progress: bool = False,
    console: Console | None = None,
) -> RefreshReport:
    """One fetch-then-process run (`service.refresh`), with a live progress bar when asked."""
    console = console or Console()
    if not progress:
        return asyncio.run(refresh(config, path, force=force))
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(
        SpinnerColumn(),
        TextColumn("fetching"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[last]}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("fetch", total=None, last="")

        def on_start(n: int) -> None:
            bar.update(task, total=n)

        def on_outcome(outcome: FetchOutcome) -> None:
            # The feed name goes in as a Text-free plain string field: escape it for markup.
            bar.update(task, advance=1, last=_plain(outcome.feed))

        return asyncio.run(refresh(config, path, force=force, on_start=on_start, on_outcome=on_outcome))


def _plain(text: str) -> str:
    """Progress columns render markup; a feed name must not be able to inject any."""
    from rich.markup import escape

    return escape(text[:40])


def run(args: argparse.Namespace) -> int:
    try:
        config = load(args)
    except CommandError as error:
        return fail(str(error))
    path = db_path(args)
    console = Console()
    show_progress = console.is_terminal and not args.quiet
    every = getattr(args, "every", None)
    if every is not None:
        try:
            every = check_setting("fetch_interval_minutes", every)
        except ConfigError as error:
            return fail(f"briefing: --every: {str(error).split(': ', 1)[1]}")
    if not args.watch:
        return _once(config, path, args, console, show_progress)
    return _watch(args, config, path, console, show_progress, every)


def _once(config: Config, path: Path, args: argparse.Namespace, console: Console, show_progress: bool) -> int:
    start = time.perf_counter()
    try:
        result = run_once(config, path, force=args.all, progress=show_progress, console=console)
    except KeyboardInterrupt:
        console.print(Text("interrupted; every feed finished so far is stored"))
        return 130
    report(console, result.outcomes, time.perf_counter() - start, args.quiet)
    return report_failures(result)


def _sleep(seconds: float) -> None:
    """Waiting between --watch rounds (a seam for tests)."""
    time.sleep(seconds)


def _watch(
    args: argparse.Namespace,
    config: Config,
    path: Path,
    console: Console,
    show_progress: bool,
    every: float | None,
) -> int:
    """Fetch, wait, repeat until Ctrl-C; feeds.toml is re-read each round so edits apply."""
    force = args.all
    try:
        while True:
            if every is not None:
                config.settings = replace(config.settings, fetch_interval_minutes=every)
            start = time.perf_counter()
            result = run_once(config, path, force=force, progress=show_progress, console=console)
            report(console, result.outcomes, time.perf_counter() - start, args.quiet)
            report_failures(result)  # --watch goes on: the next round finishes what this one left
            force = False
            minutes = every if every is not None else config.settings.fetch_interval_minutes
            if not args.quiet:
                console.print(Text(f"next fetch in {minutes:g} min (Ctrl-C stops)", style="dim"))
            _sleep(minutes * 60)
            try:
                config = load(args)
            except CommandError as error:
                print(f"{error} (keeping the previous feeds.toml)", file=sys.stderr)
    except KeyboardInterrupt:
        if not args.quiet:
            console.print(Text("stopped"))
        return 0
