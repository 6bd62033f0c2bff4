"""One fetch run: due feeds → HTTP → parse (worker processes) → store, one feed at a time.

Three kinds of work, three places, so none waits for another:
- the event loop only does HTTP (many feeds in flight at once);
- parsing and cleaning run in the worker processes (`briefing.workers`: feedparser is
  pure Python; a thread would hold the GIL and stall downloads);
- SQLite writes run on one writer thread, each feed's stories and its outcome
  together, the feeds ready within a few milliseconds in one transaction (`commits.py`,
  each feed in a savepoint of its own).  A killed fetcher therefore leaves every finished
  feed fully stored (stories *and* validators) and unfinished ones untouched.  Feeds with
  nothing to store (a 304) are recorded together, about once a second.

With `read_ahead`, the stories a feed brought that are new or changed go back to the
worker processes once stored, to be read by the extractor (`briefing.reading`) while
other feeds download: a run then uses every core for extraction too.  Those readings
are offers the pipeline checks against the stored stories; nothing derived is written here.

Every failure, anywhere, becomes that feed's "error" outcome with a readable reason;
the other feeds carry on.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from concurrent.futures import BrokenExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from .. import health
from ..config import Config
from ..models import Feed, FetchOutcome
from ..store import SaveResult, Store, story_id, utc_now
from ..store.stories import reading_source
from .client import FeedClient, FetchError, FetchResponse, host_key
from .commits import GroupCommit
from .early import start_workers, take_early
from .pieces import CUT_ABOVE, Pieces, cut
from .schedule import due_feeds, next_due_after, too_soon, with_validators

if TYPE_CHECKING:  # parsing happens in the workers: this process never loads feedparser
    from ..models import ParsedFeed
    from ..reading import ReadAhead

# Stories sent to a worker process at a time for reading ahead: a feed of thousands is read on every core.
READ_CHUNK = 250
# Feeds with nothing to store are recorded together, this many or this many seconds' worth at a time.
CHECKED_BATCH = 500
CHECKED_SECONDS = 1.0
# A feed cut into pieces (`pieces.py`) has at most this many chunks of its stories being read ahead
# at once: parsing waits for reading, so the stories of a huge feed never pile up in memory.
READS_IN_FLIGHT = 8


@dataclass(slots=True)
class RunResult:
    """Every outcome of a run, the ids it stored, and whether storing ever failed.

    `store_errors` are failures of the database, not of a feed (a full disk, a
    damaged file): they make the run a failed run, which `briefing fetch` exits
    non-zero for.
    """

    outcomes: list[FetchOutcome] = field(default_factory=list)
    new_ids: list[str] = field(default_factory=list)
    updated_ids: list[str] = field(default_factory=list)
    store_errors: list[str] = field(default_factory=list)
    # With `read_ahead`: readings of stored stories made in the worker processes, as they arrive
    # (`readings(run)` waits for the rest), and the readings still being made.
    read_ahead: dict[str, ReadAhead] = field(default_factory=dict)
    reading: list[asyncio.Future] = field(default_factory=list)


async def readings(run: RunResult) -> dict[str, ReadAhead]:
    """Every reading a `read_ahead` run made, once the worker processes are done with them."""
    if run.reading:
        await asyncio.gather(*run.reading)
        run.reading.clear()
    return run.read_ahead


async def fetch_feeds(
    config: Config,
    db_path: Path,
    *,
    feeds: list[Feed] | None = None,
    force: bool = False,
    on_outcome: Callable[[FetchOutcome], None] | None = None,
    on_start: Callable[[int], None] | None = None,
    on_stored: Callable[[Feed, SaveResult], None] | None = None,
    result: RunResult | None = None,
    backoff: float = 1.0,
    read_ahead: bool = False,
) -> list[FetchOutcome]:
    """Fetch the due feeds of `config` (or `feeds`; every one with `force`) into the database.

    `on_start(n)` gets the number of feeds about to be fetched, `on_outcome` each
    feed's outcome once its stories are stored (a feed with nothing to store is
    recorded a little later, with others), `on_stored(feed, SaveResult)` the ids of new
    and updated stories (also collected in `result` if one is passed).  With
    `read_ahead`, new and changed stories are also read by the extractor in the worker
    processes; `await readings(result)` collects those readings (it may return later).
    """
    run = result if result is not None else RunResult()
    writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="briefing-store")
    loop = asyncio.get_running_loop()
    store: Store | None = None
    job: _Job | None = None

    def db(fn, *args):
        return loop.run_in_executor(writer, fn, *args)

    try:
        store = await db(Store, db_path)
        wanted = list(feeds) if feeds is not None else list(config.feeds)
        configured = _unique(list(config.feeds) + wanted)
        states = await db(store.feed_states)
        if not _in_step(configured, states):  # (rewriting 1,000 unchanged rows cost a warm run ~0.05 s)
            await db(store.sync_feeds, configured)
            states = await db(store.feed_states)
        now = utc_now()
        # An outlet's polite minimum holds even for "fetch everything now".
        targets = [f for f in with_validators(wanted, states) if not too_soon(f, states.get(f.name), now)] \
            if force else due_feeds(wanted, states, now, config.settings.fetch_interval_minutes)
        if on_start:
            on_start(len(targets))
        if not targets:
            return run.outcomes
        # Feeds with no story stored yet: everything they bring is new, so their workers read it as they parse.
        fresh = frozenset(f.name for f in targets if not (f.name in states and states[f.name].story_count))
        relevant = any(feed.keep == "relevant" for feed in targets)  # (their workers need the filter)
        early = take_early()  # (`service.refresh` may have started them before this module even loaded)
        starting = asyncio.wrap_future(early) if early is not None else None
        if starting is None and any(not (feed.etag or feed.last_modified) for feed in targets):
            # A feed without validators will send a body to parse: start the workers now, in a thread,
            # while the first downloads are in flight (a warm run where every feed answers 304 never does).
            starting = loop.run_in_executor(None, start_workers, relevant)
        # (Cheap: the TLS context, whose CA certificates take ~0.1 s to load, is made in a thread when the
        # first https feed is fetched.)
        client = FeedClient(config.settings, backoff=backoff, hosts=len({host_key(f.url) for f in targets}))
        job = _Job(config, store, client, db, on_outcome, on_stored, run, read_ahead, starting, fresh, relevant)
        async with client:
            await asyncio.gather(*(job.one(feed) for feed in targets))
        return run.outcomes
    finally:
        if job is not None:
            await job.commits.drain()
            await job.record_checked()
        if store is not None:
            await db(store.close)
        writer.shutdown(wait=True)


def _in_step(feeds: list[Feed], states: dict[str, Feed]) -> bool:
    """Does the store already hold every feed as feeds.toml describes it (what `sync_feeds` writes)?"""
    for feed in feeds:
        state = states.get(feed.name)
        if state is None or (state.url, state.origin, state.language, state.keep) != \
                (feed.url, feed.origin, feed.language, feed.keep):
            return False
    return True


def _unique(feeds: list[Feed]) -> list[Feed]:
    seen: dict[str, Feed] = {}
    for feed in feeds:
        seen.setdefault(feed.name, feed)
    return list(seen.values())


@dataclass
class _Job:
    config: Config
    store: Store
    client: FeedClient
    db: Callable
    on_outcome: Callable[[FetchOutcome], None] | None
    on_stored: Callable[[Feed, SaveResult], None] | None
    run: RunResult
    read_ahead: bool = False
    starting: asyncio.Future | None = None  # the worker processes being started, in a thread
    fresh: frozenset[str] = frozenset()  # feeds with no story stored: read where they are parsed
    relevant: bool = False  # some feed is kept "relevant": the workers load the relevance filter
    # Feeds that brought nothing to store (a 304), waiting to be recorded together (`record_checked`).
    checked: list[tuple[FetchOutcome, datetime | None, datetime]] = field(default_factory=list)
    checked_since: float = 0.0
    commits: GroupCommit = field(init=False)  # feeds with stories to store, committed in groups

    def __post_init__(self) -> None:
        self.commits = GroupCommit(self.store, self.db)

    async def workers_started(self) -> None:
        """Wait until the worker processes run (starting them in a thread if nobody has): forking
        them blocks, and a submit to a pool still forking would block the event loop meanwhile."""
        while True:
            starting = self.starting
            if starting is None:
                starting = self.starting = asyncio.get_running_loop().run_in_executor(None, start_workers,
                                                                                      self.relevant)
            if await starting:
                return
            if self.starting is starting:  # decided early that no feed would send a body: one did
                self.starting = None

    async def one(self, feed: Feed) -> None:
        """Fetch, parse and store one feed; never raises (a failure is an outcome)."""
        started_at = utc_now()
        start = time.perf_counter()
        saved: SaveResult | None = None
        earlier: SaveResult | None = None  # what the pieces of a huge feed stored before its last one
        recorded = False
        readings: list | None = None  # the stories' readings, made where they were parsed (a fresh feed)
        try:
            outcome, stories, earlier, readings = await self._fetch_and_parse(feed)
        except asyncio.CancelledError:
            raise
        except _NotStored as error:
            outcome, stories, recorded = await self._not_stored(feed, error.cause, started_at, start), None, True
        except Exception as error:  # noqa: BLE001 - any failure is this feed's error, not the run's
            outcome, stories = _error(feed, _describe(error), error), None
        outcome = replace(outcome, elapsed=round(time.perf_counter() - start, 3))
        if not stories and not earlier and outcome.status in ("unchanged", "filtered"):
            await self._checked(feed, outcome, started_at)
            return
        if not recorded:
            try:
                saved, outcome = await self.commits.write(self._commit, feed, outcome, stories, started_at, True,
                                                          earlier, stories=len(stories or ()))
            except Exception as error:  # noqa: BLE001
                outcome = await self._not_stored(feed, error, started_at, start)
        self.run.outcomes.append(outcome)
        if saved is not None and (saved.new_ids or saved.updated_ids):
            self.run.new_ids.extend(saved.new_ids)
            self.run.updated_ids.extend(saved.updated_ids)
            if self.read_ahead and stories:
                if readings is not None:
                    self._offer(stories, saved, readings)
                else:
                    self._read_ahead(feed, stories, saved)
            if self.on_stored:
                self.on_stored(feed, saved)
        if self.on_outcome:
            self.on_outcome(outcome)

    async def _not_stored(self, feed: Feed, error: BaseException, started_at: datetime, start: float) -> FetchOutcome:
        """The database refused a feed's stories: the run failed, and the feed is due again at once."""
        outcome = replace(_error(feed, f"could not store: {_describe(error)}", error),
                          elapsed=round(time.perf_counter() - start, 3))
        self.run.store_errors.append(f"{feed.name}: {outcome.error}")
        try:  # the feed's own fault it was not: it is due again at once, with no back-off
            await self.db(self._commit, feed, outcome, None, started_at, False)
        except Exception:  # noqa: BLE001 - the database itself is gone; report and go on
            pass
        return outcome

    async def _checked(self, feed: Feed, outcome: FetchOutcome, started_at: datetime) -> None:
        """A feed with nothing to store: its outcome is recorded with others', in one transaction.

        A warm run where every feed answers 304 otherwise commits once per feed (1,000 commits, each
        on the writer thread beside the downloads); now it commits about once a second.  A kill loses
        at most that second's records, which only say "checked, nothing new": those feeds are due
        again, and nothing stored is lost.
        """
        due = next_due_after(self.config.settings, outcome, 0, utc_now(), feed.min_interval_minutes)
        if not self.checked:
            self.checked_since = time.monotonic()
        self.checked.append((outcome, due, started_at))
        self.run.outcomes.append(outcome)
        if self.on_outcome:
            self.on_outcome(outcome)
        if len(self.checked) >= CHECKED_BATCH or time.monotonic() - self.checked_since >= CHECKED_SECONDS:
            await self.record_checked()

    async def record_checked(self) -> None:
        """Record the outcomes of the feeds that brought nothing to store, in one transaction."""
        batch, self.checked = self.checked, []
        if not batch:
            return
        try:
            await self.db(self.store.record_outcomes, batch)
        except Exception as error:  # noqa: BLE001 - the database failed: the run failed, the feeds are due again
            self.run.store_errors.append(f"could not record {len(batch)} checked feeds: {_describe(error)}")

    async def _fetch_and_parse(self, feed: Feed) -> tuple[FetchOutcome, list | None, SaveResult | None, list | None]:
        """The feed's outcome, the stories to store with it, what was stored already (a huge feed's
        pieces before its last one), and the stories' readings when the worker made them as it parsed."""
        response: FetchResponse = await self.client.get(
            feed.url, etag=feed.etag, last_modified=feed.last_modified, user_agent=feed.user_agent
        )
        fetched_at = utc_now()
        if response.not_modified:
            return FetchOutcome(feed=feed.name, status="unchanged", http_status=response.status,
                                etag=response.etag, last_modified=response.last_modified), None, None, None
        keywords = tuple(self.config.keywords) + tuple(feed.keywords)
        await self.workers_started()
        pieces = None
        if len(response.content) > CUT_ABOVE:  # (the scan is CPU work: in a thread, beside the downloads)
            pieces = await asyncio.get_running_loop().run_in_executor(None, cut, response.content,
                                                                      response.content_type)
        earlier = readings = None
        if pieces is None and self.read_ahead and feed.name in self.fresh:
            parsed, readings = await _parse_in_pool(response.content, response, feed, keywords, fetched_at, read=True)
        elif pieces is None:
            parsed = await _parse_in_pool(response.content, response, feed, keywords, fetched_at)
        else:
            parsed, earlier = await self._parse_and_store_pieces(feed, response, pieces, keywords, fetched_at)
        answer_health = health.from_answer(
            health.Answer(feed.url, response.url, parsed.entries, parsed.newest, bool(parsed.error), parsed.html),
            fetched_at,
        )
        if parsed.error:
            # Not a feed: no validators, so the old ones are kept and this page is not taken for "unchanged".
            return FetchOutcome(feed=feed.name, status="error", error=parsed.error, http_status=response.status,
                                health=answer_health), None, earlier, None
        # "filtered": it answered with news, none of it about the conflict
        status = "filtered" if not parsed.stories and parsed.filtered else "unchanged"
        outcome = FetchOutcome(feed=feed.name, status=status, skipped=parsed.skipped, filtered=parsed.filtered,
                               http_status=response.status, etag=response.etag,
                               last_modified=response.last_modified, health=answer_health)
        return outcome, parsed.stories, earlier, readings

    async def _parse_and_store_pieces(self, feed: Feed, response: FetchResponse, pieces: Pieces,
                                      keywords: tuple[str, ...], fetched_at: datetime) -> tuple[_Parsed, SaveResult]:
        """Parse a huge feed a piece at a time on every core, storing each piece's stories as it comes
        (one transaction a piece) but the last, which is returned to be stored with the feed's outcome.

        A kill part way leaves the pieces stored so far (each whole, marked pending) and the feed's
        validators unchanged, so the next run fetches it again and stores the rest.  Entries seen in
        an earlier piece (by guid or link) are skipped, as parsing the whole document would.
        """
        from ..workers import worker_count

        total, earlier = _Parsed(), SaveResult()
        seen: set[str] = set()
        parsing: deque[asyncio.Future] = deque()
        reading: list[asyncio.Future] = []
        count, sent = len(pieces.bounds), 0
        try:
            for n in range(count):
                while sent < count and len(parsing) < worker_count():
                    piece = pieces.piece(response.content, sent)
                    parsing.append(asyncio.ensure_future(_parse_in_pool(piece, response, feed, keywords, fetched_at)))
                    sent += 1
                kept = total.add(await parsing.popleft(), seen)
                if total.error or n == count - 1:
                    total.stories = kept if not total.error else []
                    return total, earlier
                if kept:
                    reading = await self._store_piece(feed, kept, earlier, reading)
        finally:
            for job in parsing:
                job.cancel()
        return total, earlier  # (not reached: the last piece returns above)

    async def _store_piece(self, feed: Feed, stories: list, earlier: SaveResult,
                           reading: list[asyncio.Future]) -> list[asyncio.Future]:
        """Store one piece of a huge feed, send its new stories to be read ahead, and wait while too
        many are still being read; returns the readings still in progress."""
        try:
            saved = await self.db(self.store.save_stories, feed.name, stories)
        except Exception as error:  # noqa: BLE001 - the database's failure, not the feed's
            raise _NotStored(error) from error
        earlier.new, earlier.updated = earlier.new + saved.new, earlier.updated + saved.updated
        if saved.new_ids or saved.updated_ids:
            self.run.new_ids.extend(saved.new_ids)
            self.run.updated_ids.extend(saved.updated_ids)
            if self.read_ahead:
                reading = [job for job in reading if not job.done()] + self._read_ahead(feed, stories, saved)
            if self.on_stored:
                self.on_stored(feed, saved)
        while len(reading) > READS_IN_FLIGHT:
            await asyncio.wait(reading, return_when=asyncio.FIRST_COMPLETED)
            reading = [job for job in reading if not job.done()]
        return reading

    def _read_ahead(self, feed: Feed, stories: list, saved: SaveResult) -> list[asyncio.Future]:
        """Send the new and changed stories of a feed to the worker processes to be read."""
        wanted = set(saved.new_ids) | set(saved.updated_ids)
        stored: dict[str, object] = {}
        for story in stories:  # the last of two entries with one id is the one stored, as in save_stories
            sid = story_id(feed.name, story)
            if sid in wanted:
                stored[sid] = story
        items = list(stored.items())
        jobs = [asyncio.ensure_future(_read_in_pool(items[start : start + READ_CHUNK], self.run.read_ahead))
                for start in range(0, len(items), READ_CHUNK)]
        self.run.reading.extend(jobs)
        return jobs

    def _offer(self, stories: list, saved: SaveResult, readings: list) -> None:
        """Offer the readings a worker made as it parsed (a fresh feed) for the stories stored new or changed."""
        from ..reading import ReadAhead  # (loaded by `start_workers`)

        wanted = set(saved.new_ids) | set(saved.updated_ids)
        for story, sid, digest, reading in zip(stories, saved.ids, saved.hashes, readings):
            # (the last of two entries with one id is the one stored, as in save_stories)
            if sid in wanted:
                if reading is None:
                    self.run.read_ahead.pop(sid, None)
                else:
                    self.run.read_ahead[sid] = ReadAhead(reading_source(story, digest), *reading)

    def _commit(self, feed: Feed, outcome: FetchOutcome, stories: list | None, started: datetime,
                schedule: bool = True, earlier: SaveResult | None = None) -> tuple[SaveResult | None, FetchOutcome]:
        """Stories and outcome in one transaction (runs on the writer thread): what was saved, and
        the outcome with its counts (with `earlier`'s, a huge feed's pieces stored before).
        `schedule=False` leaves the feed due at once (its stories could not be stored)."""
        store = self.store
        saved = None
        with store.transaction():
            if stories or (earlier and outcome.status != "error"):
                saved = store.save_stories(feed.name, stories) if stories else SaveResult()
                whole = SaveResult(new=saved.new + (earlier.new if earlier else 0),
                                   updated=saved.updated + (earlier.updated if earlier else 0))
                outcome = _counted(outcome, whole)
            failures = store.feed_failures(feed.name) if outcome.status == "error" else 0
            due = next_due_after(self.config.settings, outcome, failures, utc_now(),
                                 feed.min_interval_minutes) if schedule else None
            store.record_outcome(outcome, due, started)
        return saved, outcome


class _NotStored(Exception):
    """The database failed while a huge feed's pieces were being stored (the run's failure, not the feed's)."""

    def __init__(self, cause: BaseException) -> None:
        super().__init__(str(cause))
        self.cause = cause


@dataclass(slots=True)
class _Parsed:
    """What the pieces of a huge feed yielded together (what `ParsedFeed` says of a whole document)."""

    stories: list = field(default_factory=list)
    skipped: int = 0
    filtered: int = 0
    entries: int = 0
    newest: datetime | None = None
    error: str | None = None
    html: bool = False

    def add(self, piece: ParsedFeed, seen: set[str]) -> list:
        """Count a piece in; its stories not seen in an earlier piece."""
        if piece.error:
            self.error, self.html = piece.error, piece.html
            return []
        self.skipped += piece.skipped
        self.filtered += piece.filtered
        self.entries += piece.entries
        if piece.newest is not None and (self.newest is None or piece.newest > self.newest):
            self.newest = piece.newest
        kept = []
        for story in piece.stories:
            key = story.guid or story.url
            if key:
                if key in seen:
                    continue
                seen.add(key)
            kept.append(story)
        return kept


async def _parse_in_pool(
    content: bytes, response: FetchResponse, feed: Feed, keywords: tuple[str, ...], fetched_at: datetime,
    read: bool = False,
) -> ParsedFeed | tuple[ParsedFeed, list]:
    """The feed parsed in a worker process; with `read`, also its stories' readings (`reading.parse_and_read`)."""
    from ..workers import call, discard_broken_pool, get_pool  # (loaded by `start_workers`)

    loop = asyncio.get_running_loop()
    pool = get_pool()
    function = ("briefing.reading", "parse_and_read") if read else ("briefing.fetch.parse", "parse_feed")
    job = (*function, (content, response.url, feed.name),
           dict(content_type=response.content_type, keep=feed.keep, keywords=keywords,
                timezone_name=feed.timezone, fetched_at=fetched_at, language=feed.language))
    try:
        return await loop.run_in_executor(pool, call, *job)
    except BrokenExecutor:  # (a worker process died; `BrokenProcessPool` without loading multiprocessing)
        # A worker died (out of memory, killed): start a fresh pool and try this feed once more.
        discard_broken_pool(pool)
        return await loop.run_in_executor(get_pool(), call, *job)


async def _read_in_pool(items: list, into: dict[str, ReadAhead]) -> None:
    """Read (story id, story) pairs in a worker process into `into`; on any failure offer nothing
    (the pipeline reads those stories itself, and reports what goes wrong there)."""
    from ..reading import ReadAhead, read_many  # (loaded by `start_workers`)
    from ..workers import discard_broken_pool, get_pool

    loop = asyncio.get_running_loop()
    pool = get_pool()
    try:
        results = await loop.run_in_executor(pool, read_many, [story for _, story in items])
    except BrokenExecutor:  # (a worker process died; `BrokenProcessPool` without loading multiprocessing)
        discard_broken_pool(pool)
        return
    except Exception:  # noqa: BLE001 - a reading ahead is only an offer
        return
    for (sid, story), result in zip(items, results):
        if result is not None:
            into[sid] = ReadAhead(reading_source(story), *result)


def _counted(outcome: FetchOutcome, saved: SaveResult) -> FetchOutcome:
    """The outcome with what the store kept: "new" if any story was new, else "updated" if any changed."""
    status = "new" if saved.new else "updated" if saved.updated else outcome.status
    return replace(outcome, status=status, new=saved.new, updated=saved.updated)


def _error(feed: Feed, message: str, error: BaseException | None = None) -> FetchOutcome:
    return FetchOutcome(
        feed=feed.name,
        status="error",
        error=message,
        http_status=getattr(error, "http_status", None),
        retry_after=getattr(error, "retry_after", None),
        health=health.from_error(error) if error is not None else health.ERROR,
    )


def _describe(error: BaseException) -> str:
    if isinstance(error, FetchError):
        return str(error)
    text = " ".join(str(error).split())
    return f"{type(error).__name__}: {text}" if text else type(error).__name__
