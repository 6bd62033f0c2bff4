"""`briefing extract FILE.jsonl` scores the extractor offline; `--rebuild` re-extracts the store."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from ..extract import extract_jsonl
from .common import CommandError, fail, open_existing_store


def _from_file(args: argparse.Namespace) -> int:
    source = Path(args.file)
    if not source.is_file():
        return fail(f"briefing: {source}: no such file")
    try:
        if args.output:
            count = extract_jsonl(source, args.output)
            print(f"{count} stories → {args.output}", file=sys.stderr)
            return 0
        # extract_jsonl writes a file; stream it to stdout for `> PRED.jsonl` use.
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "out.jsonl"
            extract_jsonl(source, out)
            sys.stdout.write(out.read_text(encoding="utf-8"))
        return 0
    except (json.JSONDecodeError, UnicodeDecodeError, ValueError) as error:
        return fail(f"briefing: {source}: not corpus-format JSON lines: {error}")


def _rebuild(args: argparse.Namespace) -> int:
    from ..pipeline import rebuild

    with open_existing_store(args) as store:
        result = rebuild(store)
    print(f"re-extracted {result.stories} stories: {result.claims} claims in {result.incidents} incidents "
          "(your corrections are kept)")
    return 0


def run(args: argparse.Namespace) -> int:
    try:
        if args.rebuild:
            return _rebuild(args)
        if not args.file:
            return fail("briefing extract: give FILE.jsonl, or --rebuild to re-extract the database")
        return _from_file(args)
    except CommandError as error:
        return fail(str(error))
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
