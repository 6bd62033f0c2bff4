"""`briefing extract FILE.jsonl` scores the extractor offline; `--rebuild` re-extracts the store.

The file side lives here, not in `briefing/extract/` (which stays pure: text in, claims
out): reading corpus-format JSON lines, checking each one, calling the extractor per
story, linking incidents across the file and writing one prediction per line.  A bad
line is named by its number and nothing is written.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TextIO

from ..extract import CorpusStory, corpus_view
from .common import CommandError, db_path, fail


class CorpusError(ValueError):
    """A corpus file that cannot be read; the message names the line."""


def _text_field(line: int, record: dict, key: str) -> str:
    value = record.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise CorpusError(f"line {line}: {key!r} must be a string, not {_kind(value)}")
    return value


def _kind(value: object) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "true/false", type(None): "null",
             int: "a number", float: "a number"}
    return names.get(type(value), type(value).__name__)


def _published(line: int, value: object, now: datetime) -> datetime:
    if value is None or value == "":
        return now
    if not isinstance(value, str):
        raise CorpusError(f"line {line}: 'published' must be a date-time string, not {_kind(value)}")
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise CorpusError(f"line {line}: 'published' is not an ISO date-time ({value[:40]!r})") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def parse_line(line: int, text: str, now: datetime) -> CorpusStory:
    """One JSON line as a story, or CorpusError saying what is wrong with it."""
    try:
        record = json.loads(text)
    except RecursionError:
        raise CorpusError(f"line {line}: JSON nested too deeply") from None
    except ValueError as error:
        raise CorpusError(f"line {line}: not valid JSON ({error})") from None
    if not isinstance(record, dict):
        raise CorpusError(f"line {line}: expected a JSON object (a story), got {_kind(record)}")
    story_id = record.get("id", "")
    if isinstance(story_id, bool) or not isinstance(story_id, (str, int)):
        raise CorpusError(f"line {line}: 'id' must be a string or a number, not {_kind(story_id)}")
    return CorpusStory(
        id=str(story_id),
        title=_text_field(line, record, "title"),
        summary=_text_field(line, record, "summary"),
        published=_published(line, record.get("published"), now),
        source=_text_field(line, record, "source"),
        language=_text_field(line, record, "language"),
    )


def read_corpus(handle: Iterable[bytes], now: datetime | None = None) -> list[CorpusStory]:
    """Every story of a corpus file; line numbers count blank lines, as an editor does."""
    now = now or datetime.now(timezone.utc)
    stories: list[CorpusStory] = []
    for number, raw in enumerate(handle, start=1):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise CorpusError(f"line {number}: not UTF-8 text ({error.reason} at byte {error.start})") from None
        if text.strip():
            stories.append(parse_line(number, text, now))
    return stories


def predictions(stories: list[CorpusStory]) -> list[dict[str, Any]]:
    """The corpus view of the extractor's output (`briefing.extract.corpus_view`)."""
    return corpus_view(stories)


def write_predictions(records: list[dict[str, Any]], out: TextIO) -> None:
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")


def extract_jsonl(in_path: str | Path, out_path: str | Path) -> int:
    """Read a corpus file, write its predictions to `out_path`; return the number of stories."""
    with open(in_path, "rb") as handle:
        stories = read_corpus(handle)
    records = predictions(stories)
    with open(out_path, "w", encoding="utf-8") as out:
        write_predictions(records, out)
    return len(records)


def _from_file(args: argparse.Namespace) -> int:
    source = Path(args.file)
    if not source.is_file():
        return fail(f"briefing: {source}: no such file")
    try:
        with source.open("rb") as handle:
            stories = read_corpus(handle)
        if args.explain:
            return _explain(stories, args.id)
        records = predictions(stories)
    except CorpusError as error:
        return fail(f"briefing: {source}: {error}")
    except OSError as error:
        return fail(f"briefing: cannot read {source}: {error.strerror}")
    if not args.output:
        write_predictions(records, sys.stdout)
        return 0
    try:
        with open(args.output, "w", encoding="utf-8") as out:
            write_predictions(records, out)
    except OSError as error:
        return fail(f"briefing: cannot write {args.output}: {error.strerror}")
    print(f"{len(records)} stories → {args.output}", file=sys.stderr)
    return 0


def _explain(stories: list[CorpusStory], ids: list[str] | None) -> int:
    """`--explain`: every stage's reasoning for each story (or the ones named by `--id`)."""
    from ..extract import is_relevant, read_story
    from ..extract.explain import explain

    chosen = [s for s in stories if not ids or s.id in ids]
    if ids and not chosen:
        return fail(f"briefing: no story with id {', '.join(ids)}")
    for story in chosen:
        print(f"== {story.id}: {story.title}")
        if not is_relevant(story.title, story.summary, story.language):
            print("not about the conflict: no claims")
            continue
        print(explain(read_story(story.title, story.summary, story.published, story.language)))
    return 0


def _rebuild(args: argparse.Namespace) -> int:
    from ..pipeline import rebuild
    from ..store import Store
    from ..workers import get_pool

    path = db_path(args)
    if not path.is_file():
        raise CommandError(f"briefing: no database at {path} (run `briefing fetch` first, or check --db)")
    with Store(path) as store:
        result = rebuild(store, get_pool())  # every core reads
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
