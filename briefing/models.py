"""Plain records that cross module borders.

The fetcher produces `Story` records, the store persists them, the extractor turns
story text into `Claim` records, grouping turns claims into `Incident` records, and
the app and the digest receive all of these from the store.  Nothing here knows
about SQL, HTTP or Textual, so every layer can import this module freely.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal, NamedTuple

ORIGINS: tuple[str, ...] = ("armenia", "azerbaijan", "russia", "international")
ORIGIN_LABELS: dict[str, str] = {
    "armenia": "Armenia",
    "azerbaijan": "Azerbaijan",
    "russia": "Russia",
    "international": "International",
}

CLAIMANTS: tuple[str, ...] = (
    "Armenia",
    "Azerbaijan",
    "Russia",
    "Karabakh",
    "EU",
    "other",
    "unattributed",
)
SIDES: tuple[str, ...] = (
    "Armenia",
    "Azerbaijan",
    "Karabakh",
    "Russia",
    "civilians-Armenia",
    "civilians-Azerbaijan",
    "unknown",
)
EVENT_TYPES: tuple[str, ...] = (
    "armed clash",
    "shelling/artillery",
    "drone strike",
    "sniper fire",
    "landmine",
    "ceasefire violation",
    "other",
)
WEAPONS: tuple[str, ...] = (
    "drone",
    "artillery",
    "mortar",
    "small arms",
    "sniper",
    "rocket",
    "missile",
    "mine",
    "tank",
    "aircraft",
)
# Kinds of death that are shown but kept out of the clash tally by default.
NON_COMBAT_KINDS: tuple[str, ...] = ("landmine", "non-combat")


@dataclass(slots=True)
class Feed:
    """One `[[feeds]]` entry of feeds.toml, plus the fetch state the store keeps for it."""

    name: str
    url: str
    origin: str = "international"
    language: str = "en"
    keep: Literal["relevant", "all"] = "relevant"
    keywords: list[str] = field(default_factory=list)
    # IANA zone for dates the feed writes without one ("2026-06-06 03:08:29"); config fills it from the origin.
    timezone: str = "UTC"
    # A User-Agent for this outlet only (empty: briefing's own).
    user_agent: str = ""
    # Never fetch this outlet more often than this, whatever the interval (0: no minimum).
    min_interval_minutes: float = 0
    # Fetch state, owned by the store.
    etag: str | None = None
    last_modified: str | None = None
    last_status: str | None = None
    last_error: str | None = None
    last_fetched: datetime | None = None
    next_due: datetime | None = None
    story_count: int = 0
    unread_count: int = 0
    health: str | None = None  # the word `briefing.health` gave the last fetch that said anything
    last_filtered: int = 0  # stories the relevance filter dropped in the last fetch


@dataclass(slots=True)
class Story:
    """One feed item, cleaned: every text field is plain text without control characters."""

    feed: str
    title: str
    url: str = ""
    guid: str = ""
    summary: str = ""
    content: str = ""
    author: str = ""
    published: datetime | None = None  # timezone-aware UTC, never after the fetch
    # The feed's own date when it lay in the future (a wrong clock): `published` is then the fetch time.
    published_claimed: datetime | None = None
    # 'en', 'ru', 'az' or 'hy' (`briefing.language`), read from the text when the story is parsed.
    language: str = ""
    # Filled by the store.
    id: str = ""
    first_seen: datetime | None = None
    read: bool = False
    starred: bool = False
    tags: list[str] = field(default_factory=list)
    origin: str = ""
    has_incident: bool = False
    # Near-duplicates from other outlets, filled by the store when grouping is asked for.
    duplicate_ids: list[str] = field(default_factory=list)

    @property
    def when(self) -> datetime | None:
        """The time a reader cares about: publication, else when we first saw it."""
        return self.published or self.first_seen


class Titled(NamedTuple):
    """A stored story as near-duplicate grouping reads it (`Store.grouped_titles_between`): no texts,
    tags or feed row, and a tuple, not a `Story`, since a window holds tens of thousands of them."""

    id: str
    feed: str
    title: str
    when: datetime | None


@dataclass(slots=True)
class ParsedFeed:
    """What one feed document yielded; `error` set means "not a feed" and nothing was stored.

    Made by the parser in a worker process and sent back to the fetcher: defined here, not beside
    the parser, so unpickling one never imports feedparser and the relevance filter (1.5 s of
    compiling) into the fetcher's process, which is the app's when the app fetches.
    """

    stories: list[Story] = field(default_factory=list)
    skipped: int = 0
    filtered: int = 0
    duplicates: int = 0
    bozo: str | None = None
    error: str | None = None
    title: str = ""
    entries: int = 0  # every entry the document held, kept or not
    newest: datetime | None = None  # the latest date among them (a feed's staleness)
    html: bool = False  # the "feed" was a web page


@dataclass(frozen=True, slots=True)
class FetchOutcome:
    """What happened to one feed in one fetch run; recorded in the fetch log.

    Frozen: the fetcher builds it once it knows the answer, and the counts of what was stored
    and the time taken make a new one (`dataclasses.replace`), so the outcome a callback or
    the run's report was given never changes under it.
    """

    feed: str
    # "filtered": the feed answered with items, and the relevance filter dropped every one.
    status: Literal["new", "updated", "unchanged", "filtered", "error"]
    new: int = 0
    updated: int = 0
    skipped: int = 0
    filtered: int = 0
    error: str | None = None
    http_status: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    elapsed: float = 0.0
    retry_after: float | None = None
    health: str | None = None  # a `briefing.health` word; None keeps the previous one (304)


@dataclass(frozen=True, slots=True)
class Claim:
    """Who says what happened to whom, in one story.

    Frozen: a stage that adds to a claim (its story, its incident, a reader's correction)
    makes a new one with `dataclasses.replace`, so no stage changes what another holds.

    `killed`/`wounded` are the corpus's view (a single figure, "at least 4" is 4);
    `*_high` keep the top of a range ("5 to 7") and `unsplit` keeps a "casualties"
    figure that was not split into killed and wounded.
    """

    claimant: str
    side_affected: str
    event_date: date
    killed: int = 0
    wounded: int = 0
    killed_high: int | None = None
    wounded_high: int | None = None
    unsplit: int | None = None
    # A figure the corpus rules do not count - "N casualties" with no split (kept in
    # `unsplit`), or "dozens/scores of" (the low end: 24, 40) - kept for the reader and left
    # out of `briefing extract` output.
    vague: bool = False
    locations: list[str] = field(default_factory=list)
    weapons: list[str] = field(default_factory=list)
    event_type: str = "other"
    kind: Literal["combat", "landmine", "non-combat"] = "combat"
    evidence: str = ""
    # How sure the extractor is (the product of its decisions' confidences) and why it said so:
    # `briefing.extract.records.Why` records, shown by `briefing extract --explain` and the
    # incidents screen; a reader's correction replaces both.
    confidence: float = 1.0
    why: tuple = ()
    story_id: str = ""
    # Assigned by incident grouping.
    incident_id: str = ""
    # Store bookkeeping.
    id: int | None = None
    status: Literal["machine", "confirmed", "rejected", "edited"] = "machine"


@dataclass(frozen=True, slots=True)
class Incident:
    """One real event, with every claim about it kept side by side, never merged.

    Frozen, like `Claim`: the grouper, the store and the tally build an incident whole, and
    one with other claims (a reader's correction laid over them) is a new one.
    """

    id: str
    event_date: date
    locations: list[str] = field(default_factory=list)
    sector: str = ""
    event_type: str = "other"
    kind: str = "combat"
    claims: list[Claim] = field(default_factory=list)
    # A story the reader marked as an incident that carries no claim (such an incident has no claims).
    marked_story: str = ""


@dataclass(slots=True)
class SideFigures:
    """Killed and wounded for one side affected, as one claimant tells it."""

    claimant: str
    side_affected: str
    killed: int = 0
    wounded: int = 0
    # Tops of ranges ("5 to 7 killed" adds 5 to killed and 7 here); equal to the
    # plain figures when no claim gave a range.
    killed_high: int = 0
    wounded_high: int = 0
    # "N casualties" with no split into killed and wounded: its own bucket, never deaths.
    unsplit: int = 0
    # How many claims these figures come from, and how many of them a reader confirmed or corrected.
    claims: int = 0
    reviewed: int = 0


@dataclass(slots=True)
class Tally:
    """Incidents counted once each, with figures per (claimant, side affected)."""

    start: date
    end: date
    incidents: int = 0
    figures: list[SideFigures] = field(default_factory=list)
    per_day: list[int] = field(default_factory=list)
    non_combat: int = 0


@dataclass(slots=True)
class PipelineResult:
    """What processing stored stories did (`pipeline.process_pending`), as the fetch and the app report it."""

    stories: int = 0
    claims: int = 0
    incidents: int = 0
    clustered: int = 0  # stories now in a group of near-duplicates
    # Stories the extractor failed on ("id: Error: message"): stored without claims, so one
    # story that trips a bug can never block the processing of every story after it.
    failed: list[str] = field(default_factory=list)
