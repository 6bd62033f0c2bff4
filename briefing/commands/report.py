"""What a fetch-then-process run tells the terminal: the summary table, the totals line, and why a
run did not complete (with the exit status that goes with it).

`briefing fetch` (once and `--watch`) and `briefing demo --no-app` run the same `service.refresh`
and say what happened the same way, so both read it from here rather than one command importing
the other.
"""

from __future__ import annotations

import sys

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..models import FetchOutcome
from ..service import RefreshReport

STATUS_STYLES = {"new": "green", "updated": "cyan", "unchanged": "dim", "filtered": "yellow", "error": "red"}


def summary_table(outcomes: list[FetchOutcome] | tuple[FetchOutcome, ...]) -> Table:
    table = Table(title="Fetch summary", expand=False)
    table.add_column("feed", overflow="fold")
    table.add_column("status")
    table.add_column("new", justify="right")
    table.add_column("updated", justify="right")
    table.add_column("error", overflow="fold")
    order = {"error": 0, "new": 1, "updated": 2, "filtered": 3, "unchanged": 4}
    for o in sorted(outcomes, key=lambda o: (order.get(o.status, 9), o.feed.casefold())):
        table.add_row(
            Text(o.feed),  # feed-supplied text is never parsed as markup
            Text(o.status, style=STATUS_STYLES.get(o.status, "")),
            str(o.new),
            str(o.updated),
            Text(o.error or ""),
        )
    return table


def totals_line(outcomes: list[FetchOutcome] | tuple[FetchOutcome, ...], seconds: float) -> Text:
    new = sum(o.new for o in outcomes)
    updated = sum(o.updated for o in outcomes)
    errors = sum(o.status == "error" for o in outcomes)
    unchanged = sum(o.status == "unchanged" for o in outcomes)
    all_filtered = sum(o.status == "filtered" for o in outcomes)
    skipped = sum(o.skipped for o in outcomes)
    filtered = sum(o.filtered for o in outcomes)
    parts = [f"{len(outcomes)} feeds", f"{new} new", f"{updated} updated", f"{unchanged} unchanged"]
    if all_filtered:
        parts.append(f"{all_filtered} with every item filtered")
    parts.append(f"{errors} failed")
    if skipped:
        parts.append(f"{skipped} empty entries skipped")
    if filtered:
        parts.append(f"{filtered} off-topic stories filtered")
    return Text(", ".join(parts) + f" in {seconds:.1f} s")


def report_failures(result: RefreshReport) -> int:
    """Say why a run did not complete, or brought nothing (standard error); give the exit status: 0 or 1."""
    status = 0
    failed = result.processed.failed
    if failed:  # an extractor bug: said, but the run itself completed
        more = f" (and {len(failed) - 1} more)" if len(failed) > 1 else ""
        print(f"briefing: the extractor failed on {len(failed)} stories, stored without claims: {failed[0]}{more}",
              file=sys.stderr)
    if not result.complete:
        more = f" (and {len(result.failures) - 1} more)" if len(result.failures) > 1 else ""
        print(f"briefing: the run did not complete: {result.failures[0]}{more}; the next run finishes it",
              file=sys.stderr)
        status = 1
    if result.outcomes and all(o.status == "error" for o in result.outcomes):
        count = len(result.outcomes)
        print(f"briefing: every feed failed ({count} of {count}): check the connection, or run "
              "`briefing feeds --check`", file=sys.stderr)
        status = 1
    return status


def report(console: Console, outcomes: list[FetchOutcome] | tuple[FetchOutcome, ...], seconds: float,
           quiet: bool) -> None:
    if quiet:
        for o in outcomes:
            if o.status == "error":
                print(f"{o.feed}: {o.error}", file=sys.stderr)
        return
    if not outcomes:
        console.print(Text("No feed is due; `briefing fetch --all` fetches them anyway."))
        return
    console.print(summary_table(outcomes))
    console.print(totals_line(outcomes, seconds))
