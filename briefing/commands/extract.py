"""`briefing extract FILE.jsonl` reads stories in the corpus format and prints their claims (or,
with `--explain`, every stage's reasoning); `--rebuild` re-extracts the store."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

from .common import CommandError, fail, open_existing_store

MAX_LINE = 1_000_000  # characters: a longer line is not a feed story


def _story(line: str, number: int, source: Path):
    """One JSON line as a `CorpusStory`; a clear CommandError for anything else."""
    from ..extract import CorpusStory

    where = f"{source}:{number}"
    if len(line) > MAX_LINE:
        raise CommandError(f"briefing: {where}: line too long ({len(line):,} characters)")
    try:
        row = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as error:
        raise CommandError(f"briefing: {where}: not JSON: {error}") from None
    if not isinstance(row, dict):
        raise CommandError(f"briefing: {where}: expected a JSON object, got {type(row).__name__}")
    fields = {name: row.get(name) for name in ("id", "title", "summary", "published", "language")}
    for name in ("title", "summary", "published", "language"):
        if fields[name] is not None and not isinstance(fields[name], str):
            raise CommandError(f"briefing: {where}: field '{name}' must be a string")
    if fields["id"] is not None and not isinstance(fields["id"], (str, int)):
        raise CommandError(f"briefing: {where}: field 'id' must be a string")
    try:
        published = datetime.fromisoformat((fields["published"] or "").replace("Z", "+00:00")) if fields["published"] \
            else datetime.now(timezone.utc)
    except ValueError:
        raise CommandError(f"briefing: {where}: 'published' is not an ISO 8601 time") from None
    if published.tzinfo is None:
        published = published.replace(tzinfo=timezone.utc)
    return CorpusStory(str(fields["id"] if fields["id"] is not None else number), fields["title"] or "",
                       fields["summary"] or "", published, fields["language"] or "")


def read_stories(source: Path) -> Iterator:
    try:
        with open(source, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if line.strip():
                    yield _story(line, number, source)
    except UnicodeDecodeError:
        raise CommandError(f"briefing: {source}: not UTF-8 text") from None
    except IsADirectoryError:
        raise CommandError(f"briefing: {source}: is a directory") from None


def _from_file(args: argparse.Namespace) -> int:
    from ..extract import corpus_view

    source = Path(args.file)
    if not source.exists():
        return fail(f"briefing: {source}: no such file")
    stories = list(read_stories(source))
    if args.explain:
        return _explain(stories, args)
    lines = [json.dumps(record, ensure_ascii=False) for record in corpus_view(stories)]
    if args.output:
        Path(args.output).write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
        print(f"{len(lines)} stories → {args.output}", file=sys.stderr)
    else:
        sys.stdout.write("".join(f"{line}\n" for line in lines))
    return 0


def _explain(stories: list, args: argparse.Namespace) -> int:
    from ..extract import is_relevant, read_story
    from ..extract.explain import explain

    chosen = [s for s in stories if not args.id or s.id in args.id]
    if args.id and not chosen:
        return fail(f"briefing: no story with id {', '.join(args.id)}")
    out = []
    for story in chosen:
        out.append(f"== {story.id}: {story.title}")
        if not is_relevant(story.title, story.summary, story.language):
            out.append("not about the conflict: no claims")
            continue
        out.append(explain(read_story(story.title, story.summary, story.published, story.language)))
    sys.stdout.write("\n".join(out) + "\n")
    return 0


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
