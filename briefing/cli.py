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
    feeds_sub = feeds.add_subparsers(dest="feeds_command", metavar="ACTION")
    imp = feeds_sub.add_parser("import", help="add the feeds of an OPML file to feeds.toml")
    imp.add_argument("file", metavar="FILE.opml")
    exp = feeds_sub.add_parser("export", help="write feeds.toml's feeds as OPML")
    exp.add_argument("-o", "--output", metavar="PATH", help="file to write (default: standard output)")

    demo = sub.add_parser("demo", help="serve bundled sample feeds on 127.0.0.1, fetch them and open the app")
    demo.add_argument("--no-app", action="store_true", help="fetch and print what was stored, do not open the app")
    demo.add_argument("--serve", action="store_true", help="only serve the sample feeds until interrupted")
    demo.add_argument("--port", type=int, default=0, help="port for the sample server (default: any free port)")

    extract = sub.add_parser("extract", help="extract incident claims (from a JSONL file, or rebuild the store's)")
    extract.add_argument("file", nargs="?", metavar="FILE.jsonl", help="stories in the corpus format")
    extract.add_argument("-o", "--output", metavar="PATH", help="where to write JSON lines (default: stdout)")
    extract.add_argument("--rebuild", action="store_true", help="re-extract every story in the database")

    digest = sub.add_parser("digest", help="export a daily digest (Markdown, HTML or JSON)")
    digest.add_argument("--date", metavar="YYYY-MM-DD", help="the day (default: today in your time zone)")
    digest.add_argument("--since", metavar="YYYY-MM-DD", help="first day of a range")
    digest.add_argument("--until", metavar="YYYY-MM-DD", help="last day of a range (inclusive)")
    digest.add_argument("--format", choices=("md", "html", "json"), default="md")
    digest.add_argument("-o", "--output", metavar="PATH", help="file to write (default: standard output)")
    return parser


COMMANDS = {
    None: "briefing.commands.app",
    "fetch": "briefing.commands.fetch",
    "feeds": "briefing.commands.feeds",
    "demo": "briefing.commands.demo",
    "extract": "briefing.commands.extract",
    "digest": "briefing.commands.digest",
}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    module = importlib.import_module(COMMANDS[args.command])
    try:
        return module.run(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
