"""The digest as data: everything a day's (or a range's) digest shows, read from the store.

Building and rendering are apart so that Markdown, HTML and JSON always carry
the same content in the same order; a renderer only decides how it looks.
Every link is filtered here (http(s) only), so no renderer can emit a
`javascript:` link even by mistake; escaping stays the renderer's job because
it depends on the output syntax.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone, tzinfo

from ..config import Config
from ..models import CLAIMANTS, ORIGIN_LABELS, ORIGINS, Claim, Incident, Story, Tally
from ..store import Store
from ..tally import build_tally
from .links import http_url

# How many days the "incidents per day" chart looks back, ending on the digest's last day.
CHART_DAYS = 30


@dataclass(slots=True)
class SourceRef:
    """A story as a digest cites it: outlet, title and a link that is safe to follow (or "")."""

    story_id: str
    title: str
    feed: str
    origin: str
    url: str
    published: datetime | None
    language: str = ""  # the headline's language ('en', 'ru', 'az', 'hy'): it is shown as written


@dataclass(slots=True)
class ClaimEntry:
    """One claim with the story it was read from, so every figure can be traced to its source."""

    claim: Claim
    source: SourceRef | None


@dataclass(slots=True)
class IncidentEntry:
    """An incident with its claims ordered by claimant, ready to show side by side."""

    incident: Incident
    claims: list[ClaimEntry] = field(default_factory=list)

    def claimants(self) -> list[str]:
        """Claimants in the fixed order (Armenia, Azerbaijan, Russia, …) that the columns follow."""
        seen = {entry.claim.claimant for entry in self.claims}
        return [c for c in CLAIMANTS if c in seen] + sorted(seen - set(CLAIMANTS))


@dataclass(slots=True)
class StoryEntry:
    """One story in a list, with its near-duplicates from the same side folded in ("+N sources")."""

    story: SourceRef
    tags: list[str] = field(default_factory=list)
    starred: bool = False
    duplicates: list[SourceRef] = field(default_factory=list)


@dataclass(slots=True)
class StoryGroup:
    """A heading and its stories: one tag, or one origin."""

    key: str
    label: str
    stories: list[StoryEntry] = field(default_factory=list)


@dataclass(slots=True)
class FailedFeed:
    """A feed whose last fetch in the period failed: the reader should know what they missed."""

    feed: str
    when: datetime
    error: str


@dataclass(slots=True)
class Digest:
    """Everything one digest shows, in the order it shows it."""

    start: date
    end: date
    timezone: str
    generated: datetime
    tally: Tally
    incidents: list[IncidentEntry] = field(default_factory=list)
    tagged: list[StoryGroup] = field(default_factory=list)
    starred: list[StoryEntry] = field(default_factory=list)
    by_origin: list[StoryGroup] = field(default_factory=list)
    failed_feeds: list[FailedFeed] = field(default_factory=list)
    chart_start: date | None = None
    per_day: list[int] = field(default_factory=list)
    story_count: int = 0
    fetches: int = 0  # feed fetches recorded in the period
    # Stories that read as incident reports but gave no figure the machine understood (not in the tally).
    unread_reports: list[SourceRef] = field(default_factory=list)

    @property
    def fetch_note(self) -> str:
        """The footer when no feed failed: only a period with fetches can say they all went well."""
        if self.fetches:
            return "Every feed was fetched without error in this period."
        return "No fetch was recorded in this period: stories may be missing."

    @property
    def is_empty(self) -> bool:
        """Nothing to report: no story and no incident in the period."""
        return self.story_count == 0 and not self.incidents and self.tally.incidents == 0

    @property
    def title(self) -> str:
        if self.start == self.end:
            return f"Briefing for {self.start.isoformat()}"
        return f"Briefing for {self.start.isoformat()} to {self.end.isoformat()}"


def day_bounds(start: date, end: date, tz: tzinfo) -> tuple[datetime, datetime]:
    """[start 00:00, day after end 00:00) in the reader's zone, as aware datetimes.

    The reader's "today" is their local day, not UTC's: a story at 01:00 in
    Yerevan belongs to that Yerevan day even though it is still yesterday in UTC.
    """
    since = datetime.combine(start, time.min).replace(tzinfo=tz)
    until = datetime.combine(end + timedelta(days=1), time.min).replace(tzinfo=tz)
    return since, until


def _ref(story: Story, config: Config, tz: tzinfo) -> SourceRef:
    """How the digest cites a story; its time in the reader's zone, its link only if http(s)."""
    when = story.published or story.first_seen
    origin = story.origin
    if origin not in ORIGINS:
        feed = config.feed(story.feed)
        origin = feed.origin if feed else "international"
    return SourceRef(
        story_id=story.id,
        title=story.title,
        feed=story.feed,
        origin=origin,
        url=http_url(story.url),
        published=when.astimezone(tz) if when else None,
        language=story.language,
    )


def _incidents(store: Store, start: date, end: date, reporting: list[str]) -> list[Incident]:
    """Incidents of the period and those the period's stories report: "today's" digest shows today's news
    about Thursday's clash too.  Newest first, each once."""
    found = {inc.id: inc for inc in store.incidents_between(start, end)}
    for inc in store.incidents_reported_by(reporting):
        found.setdefault(inc.id, inc)
    return sorted(found.values(), key=lambda i: (i.event_date, i.id), reverse=True)


def _incident_entries(
    store: Store, config: Config, incidents: list[Incident], tz: tzinfo
) -> list[IncidentEntry]:
    story_ids = sorted({c.story_id for inc in incidents for c in inc.claims})
    sources = {s.id: _ref(s, config, tz) for s in store.stories_by_ids(story_ids, full=False)}
    rank = {c: i for i, c in enumerate(CLAIMANTS)}
    entries: list[IncidentEntry] = []
    for inc in incidents:
        # Stable sort: within one claimant the store's oldest-first order is kept.
        claims = sorted(inc.claims, key=lambda c: rank.get(c.claimant, len(rank)))
        entries.append(IncidentEntry(inc, [ClaimEntry(c, sources.get(c.story_id)) for c in claims]))
    return entries


def _collapse(stories: list[Story], clusters: dict[str, str], refs: dict[str, SourceRef]) -> list[StoryEntry]:
    """Fold near-duplicates into the earliest story of their group; newest group first."""
    entries: list[StoryEntry] = []
    by_cluster: dict[str, StoryEntry] = {}
    for story in stories:  # oldest first, so the first of a group is the original
        cluster = clusters.get(story.id)
        if cluster and cluster in by_cluster:
            by_cluster[cluster].duplicates.append(refs[story.id])
            continue
        entry = StoryEntry(refs[story.id], tags=list(story.tags), starred=story.starred)
        entries.append(entry)
        if cluster:
            by_cluster[cluster] = entry
    entries.reverse()
    return entries


def _tag_order(tags: set[str], quick: list[str]) -> list[str]:
    """Quick tags in the reader's own order first, then any other tag alphabetically."""
    folded = {t.casefold(): t for t in tags}
    ordered = [folded.pop(q.casefold()) for q in quick if q.casefold() in folded]
    return ordered + sorted(folded.values(), key=str.casefold)


def build_digest(
    store: Store, config: Config, start: date, end: date, tz: tzinfo | None = None,
    now: datetime | None = None,
) -> Digest:
    """Read the digest for the days start..end (inclusive) in time zone `tz` from the store.

    Every read happens in one snapshot: a digest taken while `extract --rebuild` or a
    fetcher writes shows one state of the database, its counts agreeing with its lists.
    """
    with store.snapshot():
        return _build(store, config, start, end, tz, now)


def _build(store: Store, config: Config, start: date, end: date, tz: tzinfo | None, now: datetime | None) -> Digest:
    if end < start:
        raise ValueError(f"the range ends ({end}) before it starts ({start})")
    tz = tz or timezone.utc
    now = now or datetime.now(timezone.utc)
    since, until = day_bounds(start, end, tz)
    stories = store.stories_between(since, until, full=False)
    clusters = store.story_clusters([s.id for s in stories])
    refs = {s.id: _ref(s, config, tz) for s in stories}

    # Each story is listed once: under its first tag (quick tags first), else starred, else by origin.
    order = _tag_order({t for s in stories for t in s.tags}, config.quick_tags)
    rank = {t: i for i, t in enumerate(order)}
    tagged_by: dict[str, list[Story]] = {}
    for story in stories:
        if story.tags:
            tagged_by.setdefault(min(story.tags, key=lambda t: rank[t]), []).append(story)
    tagged = [
        StoryGroup(tag, tag, _collapse(tagged_by[tag], clusters, refs)) for tag in order if tag in tagged_by
    ]
    starred = _collapse([s for s in stories if s.starred and not s.tags], clusters, refs)

    # "Other" stories: what the reader has not already picked out above.  Near-duplicates are
    # folded across outlets and sides first, and listed under their earliest story's origin.
    picked = {s.id for s in stories if s.tags or s.starred}
    others = _collapse([s for s in stories if s.id not in picked], clusters, refs)
    by_origin = [
        StoryGroup(origin, ORIGIN_LABELS[origin], [e for e in others if e.story.origin == origin])
        for origin in ORIGINS
        if any(e.story.origin == origin for e in others)
    ]

    incidents = _incidents(store, start, end, [s.id for s in stories])
    chart_start = end - timedelta(days=CHART_DAYS - 1)
    failed = [
        FailedFeed(e.feed, e.started.astimezone(tz), e.error or "unknown error")
        for e in sorted(store.failed_feeds(since, until), key=lambda e: e.feed.casefold())
    ]
    return Digest(
        start=start,
        end=end,
        timezone=_zone_name(tz, since),
        generated=now.astimezone(tz),
        tally=build_tally(incidents, start, end),
        incidents=_incident_entries(store, config, incidents, tz),
        tagged=tagged,
        starred=starred,
        by_origin=by_origin,
        failed_feeds=failed,
        chart_start=chart_start,
        per_day=store.tally(chart_start, end).per_day,
        story_count=len(stories),
        fetches=store.fetch_count(since, until),
        unread_reports=[_ref(s, config, tz) for s in store.unread_incident_stories(since, until)],
    )


def _zone_name(tz: tzinfo, moment: datetime) -> str:
    """`Asia/Yerevan` for a zoneinfo zone, else what the zone calls itself (`UTC+04:00`)."""
    key = getattr(tz, "key", None)
    return key or tz.tzname(moment) or "UTC"
