"""`briefing incidents`: every claim of a period's incidents as CSV or JSON, one row per claim."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from ..export import claim_rows, render_rows
from .common import CommandError, fail, open_existing_store


def _day(flag: str, value: str) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise CommandError(f"briefing incidents: {flag} must be a date like 2026-11-26 (got {value!r})") from None


def run(args: argparse.Namespace) -> int:
    try:
        today = datetime.now(timezone.utc).astimezone().date()
        start = _day("--since", args.since) if args.since else today - timedelta(days=29)
        end = _day("--until", args.until) if args.until else today
        if end < start:
            raise CommandError(f"briefing incidents: --until ({end}) is before --since ({start})")
        with open_existing_store(args) as store:
            rows = claim_rows(store, start, end)
    except CommandError as error:
        return fail(str(error))
    text = render_rows(rows, args.format)
    if not args.output:
        sys.stdout.write(text)
        return 0
    path = Path(args.output)
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        return fail(f"briefing incidents: cannot write {path}: {error.strerror}")
    print(f"wrote {len(rows)} claims from {start} to {end} to {path}", file=sys.stderr)
    return 0
