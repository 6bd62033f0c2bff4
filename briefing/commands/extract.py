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
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TextIO

from ..extract import claim_to_dict, extract_claims, group_incidents, is_relevant
from ..models import Claim
from .common import CommandError, db_path, fail


class CorpusError(ValueError):
    """A corpus file that cannot be read; the message names the line."""


@dataclass(frozen=True, slots=True)
class CorpusStory:
    """One line of a corpus-format file, checked."""

    id: str
    title: str
    summary: str
    published: datetime
    source: str


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
    """The corpus view of the extractor's output: `{"id", "relevant", "claims"}` per story.

    Incident ids are linked across the whole file, so two outlets' reports of one
    clash share an id; figures the corpus rules do not count (`vague`) are left out.
    """
    rows: list[tuple[str, bool, list[Claim]]] = []
    linked: list[tuple[Claim, datetime]] = []
    for story in stories:
        claims = [c for c in extract_claims(story.title, story.summary, story.published, story.source)
                  if not c.vague]
        for claim in claims:
            claim.story_id = story.id
            linked.append((claim, story.published))
        rows.append((story.id, is_relevant(story.title, story.summary), claims))
    group_incidents(linked)
    return [{"id": sid, "relevant": relevant, "claims": [claim_to_dict(c) for c in claims]}
            for sid, relevant, claims in rows]


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
            records = predictions(read_corpus(handle))
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


def _rebuild(args: argparse.Namespace) -> int:
    from ..pipeline import rebuild
    from ..store import Store

    path = db_path(args)
    if not path.is_file():
        raise CommandError(f"briefing: no database at {path} (run `briefing fetch` first, or check --db)")
    with Store(path) as store:
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
