"""The command line: parses arguments and hands each subcommand to its module.

Global options (`--config`, `--db`) come before the subcommand and apply to all
of them.  Each subcommand lives in `briefing/commands/<name>.py` with a
`run(args) -> int`, imported only when used so `briefing --help` stays instant.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from . import __version__


def _port(text: str) -> int:
    """A TCP port number (0: any free one), checked before anything binds it."""
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"port must be from 0 to 65535 (got {port})")
    return port


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing",
        description="A terminal news-briefing reader for the Armenia–Azerbaijan conflict. "
        "With no command, opens the reader.",
    )
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    parser.add_argument("--config", metavar="PATH", help="feeds.toml to use (default: $BRIEFING_CONFIG, "
                        "else the user config directory)")
    parser.add_argument("--db", metavar="PATH", help="database file (default: $BRIEFING_DB, else the user "
                        "data directory)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    fetch = sub.add_parser("fetch", help="fetch every due feed once (or keep fetching with --watch)")
    fetch.add_argument("--watch", action="store_true", help="keep fetching until interrupted")
    fetch.add_argument("--every", type=float, metavar="MIN", help="minutes between runs with --watch "
                       "(default: fetch_interval_minutes from feeds.toml)")
    fetch.add_argument("--all", action="store_true", help="fetch every feed, due or not")
    fetch.add_argument("--quiet", "-q", action="store_true", help="no progress display")

    feeds = sub.add_parser("feeds", help="feed health; import or export OPML")
    feeds.add_argument("--check", action="store_true", help="fetch every feed once now and say what each serves "
                       "(exit status 1 when any is broken)")
    feeds_sub = feeds.add_subparsers(dest="feeds_command", metavar="ACTION")
    imp = feeds_sub.add_parser("import", help="add the feeds of an OPML file to feeds.toml")
    imp.add_argument("file", metavar="FILE.opml")
    exp = feeds_sub.add_parser("export", help="write feeds.toml's feeds as OPML")
    exp.add_argument("-o", "--output", metavar="PATH", help="file to write (default: standard output)")

    demo = sub.add_parser("demo", help="serve bundled sample feeds on 127.0.0.1, fetch them and open the app")
    demo.add_argument("--no-app", action="store_true", help="fetch and print what was stored, do not open the app")
    demo.add_argument("--serve", action="store_true", help="only serve the sample feeds until interrupted")
    demo.add_argument("--port", type=_port, default=0, help="port for the sample server (default: any free port)")

    extract = sub.add_parser("extract", help="extract incident claims (from a JSONL file, or rebuild the store's)")
    extract.add_argument("file", nargs="?", metavar="FILE.jsonl", help="stories in the corpus format")
    extract.add_argument("-o", "--output", metavar="PATH", help="where to write JSON lines (default: stdout)")
    extract.add_argument("--rebuild", action="store_true", help="re-extract every story in the database")
    extract.add_argument("--explain", action="store_true",
                         help="print, for each story, the spans and rules behind every claim")
    extract.add_argument("--id", action="append", metavar="ID", help="with --explain: only this story (repeatable)")

    doctor = sub.add_parser("doctor", help="check the database; finish or redo missing claims, incidents, groups")
    doctor.add_argument("--check", action="store_true", help="only report, change nothing (exit 1 if work is due)")
    doctor.add_argument("--all", action="store_true", help="reprocess every story, not only the unfinished ones")

    digest = sub.add_parser("digest", help="export a daily digest (Markdown, HTML or JSON)")
    digest.add_argument("--date", metavar="YYYY-MM-DD", help="the day (default: today in your time zone)")
    digest.add_argument("--since", metavar="YYYY-MM-DD", help="first day of a range")
    digest.add_argument("--until", metavar="YYYY-MM-DD", help="last day of a range (inclusive)")
    digest.add_argument("--format", choices=("md", "html", "json"), default="md")
    digest.add_argument("-o", "--output", metavar="PATH", help="file to write (default: standard output)")

    incidents = sub.add_parser("incidents", help="export incidents, one row per claim (CSV or JSON)")
    incidents.add_argument("--format", choices=("csv", "json"), default="csv")
    incidents.add_argument("--since", metavar="YYYY-MM-DD", help="first day (default: 30 days ago)")
    incidents.add_argument("--until", metavar="YYYY-MM-DD", help="last day, inclusive (default: today)")
    incidents.add_argument("-o", "--output", metavar="PATH", help="file to write (default: standard output)")
    return parser


COMMANDS = {
    None: "briefing.commands.app",
    "fetch": "briefing.commands.fetch",
    "feeds": "briefing.commands.feeds",
    "demo": "briefing.commands.demo",
    "extract": "briefing.commands.extract",
    "digest": "briefing.commands.digest",
    "doctor": "briefing.commands.doctor",
    "incidents": "briefing.commands.incidents",
}


# Exit statuses, the same for every command (README "Exit codes").
OK, FAILED, BAD_INPUT, INTERNAL, INTERRUPTED = 0, 1, 2, 70, 130


def main(argv: list[str] | None = None) -> int:
    """Run one command; whatever goes wrong, the user gets one line and an exit status, never a traceback."""
    args = build_parser().parse_args(argv)
    try:
        module = importlib.import_module(COMMANDS[args.command])
        return module.run(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return INTERRUPTED
    except BrokenPipeError:  # `briefing digest | head`: the reader left, nothing is wrong
        _silence_stdout()
        return OK
    except Exception as error:  # noqa: BLE001 - the one place an unexpected error becomes a sentence
        return _report(args, error)


def _report(args: argparse.Namespace, error: Exception) -> int:
    """The one place an error no command handled becomes a sentence on stderr, never a traceback: a
    database or file problem is the user's to fix (FAILED), anything else is ours (INTERNAL: "report it")."""
    import sqlite3

    from .store import StoreError
    from .store.db import describe_error

    if isinstance(error, StoreError):
        message, status = str(error), FAILED
    elif isinstance(error, sqlite3.Error):
        from .paths import db_path

        message, status = describe_error(db_path(getattr(args, "db", None)), error), FAILED
    elif isinstance(error, OSError):
        where = f"{error.filename}: " if error.filename else ""
        message, status = f"{where}{error.strerror or error}", FAILED
    else:
        text = " ".join(str(error).split())[:300]
        message = f"unexpected error ({type(error).__name__}{': ' + text if text else ''}); please report it"
        status = INTERNAL
    print(f"briefing: {message}", file=sys.stderr)
    return status


def _silence_stdout() -> None:
    """After a broken pipe, point stdout at /dev/null so the interpreter's final flush stays quiet."""
    import os

    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    raise SystemExit(main())
