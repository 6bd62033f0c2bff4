"""`briefing digest`: today's digest (or a day, or a range) as Markdown, HTML or JSON.

Days are the reader's local days: "today" at 01:00 in Yerevan is Yerevan's
today, not UTC's yesterday.  A bad date is one clear line and exit status 2,
so a cron job's mail says what to fix.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime, timezone
from pathlib import Path

from ..digest import build_digest, local_zone, render
from .common import CommandError, fail, load, open_existing_store


# The digest looks back a month for its chart and a day ahead for time zones, so the
# calendar's very ends (0001-01-01, 9999-12-31) cannot be digested; nothing real is lost.
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(9998, 12, 31)


def _day(flag: str, value: str) -> date:
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        raise CommandError(f"briefing digest: {flag} must be a date like 2026-11-26 (got {value!r})") from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise CommandError(f"briefing digest: {flag} must be between {FIRST_DAY} and {LAST_DAY} (got {day})")
    return day


def period(args: argparse.Namespace, today: date) -> tuple[date, date]:
    """The days the reader asked for: --date, --since [--until], or today."""
    if args.date and (args.since or args.until):
        raise CommandError("briefing digest: use either --date or --since/--until, not both")
    if args.date:
        day = _day("--date", args.date)
        return day, day
    if args.until and not args.since:
        raise CommandError("briefing digest: --until needs --since")
    if args.since:
        start = _day("--since", args.since)
        end = _day("--until", args.until) if args.until else today
        if end < start:
            raise CommandError(f"briefing digest: --until ({end}) is before --since ({start})")
        return start, end
    return today, today


def run(args: argparse.Namespace) -> int:
    try:
        now = datetime.now(timezone.utc)
        tz = local_zone(now)
        start, end = period(args, now.astimezone(tz).date())
        config = load(args)
        with open_existing_store(args) as store:
            text = render(build_digest(store, config, start, end, tz, now=now), args.format)
    except CommandError as error:
        return fail(str(error))
    if args.output:
        path = Path(args.output)
        try:
            path.write_text(text, encoding="utf-8")
        except OSError as error:
            return fail(f"briefing digest: cannot write {path}: {error.strerror}")
        print(f"wrote the digest for {start}{'' if start == end else f' to {end}'} to {path}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0
