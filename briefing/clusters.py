"""Same story, many outlets: group near-duplicate stories from different feeds.

Pure functions, no SQL: the caller reads recent stories from the store, calls
`cluster_stories`, and writes the result back with `Store.set_clusters`.  Two
stories are near-duplicates when their normalised titles share at least half of
their words (token-set Jaccard ≥ 0.5), they come from different feeds, and they
were published within 48 hours of each other.

A group is a star, not a chain: its oldest story is its lead, and every other
member is a near-duplicate *of the lead* from another outlet, published within
48 hours of it, and the only story of its outlet in the group.  So formulaic
titles ("Outlet 7 story 2: …" from 200 outlets) cannot chain A~B~C… into one
group of thousands that collapses the list to a row; a group holds at most one
story per outlet.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from .models import Story

THRESHOLD = 0.5
WINDOW = timedelta(hours=48)
# Leads looked at per title word: the most recent ones only.  A word that every title of
# the window carries (formulaic headlines) then costs a bounded number of comparisons,
# which keeps grouping linear in the number of stories, whatever their titles.
CAP = 16

_WORD = re.compile(r"\w+", re.UNICODE)
# Words so common in this corpus that sharing them says nothing.
_STOP = frozenset(
    "a an the of in on at to for and or but with by from as is are was were be been says said over after "
    "amid its it this that new".split()
)


def normalise_title(title: str) -> frozenset[str]:
    """The set of meaningful words in a title: case, accents and punctuation removed."""
    text = title.casefold()
    if not text.isascii():
        text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return frozenset(w for w in _WORD.findall(text) if w not in _STOP and len(w) > 1)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared)  # |A ∪ B| without building it


def _prefix(words: frozenset[str], rank: dict[str, int]) -> list[str]:
    """The rarest words of a title that any near-duplicate must share at least one of.

    Two sets with Jaccard ≥ t have an overlap of at least ⌈t·|A|⌉ words, so under one
    global order of words their prefixes of |A| − ⌈t·|A|⌉ + 1 rarest words meet
    (prefix filtering).  Indexing only these keeps "Armenia" and "Azerbaijan", in
    nearly every title, from making every pair of stories a candidate.
    """
    ordered = sorted(words, key=rank.__getitem__)
    return ordered[: len(ordered) - math.ceil(THRESHOLD * len(ordered)) + 1]


@dataclass(slots=True)
class _Lead:
    """The oldest story of a group, with the outlets already in it."""

    index: int
    when: float  # POSIX seconds
    feeds: set[str] = field(default_factory=set)


def cluster_stories(stories: list[Story]) -> list[tuple[str, str | None]]:
    """(story id, cluster id) for every story; None for a story with no near-duplicate.

    The cluster id is the id of the group's lead (its oldest member), so it stays
    stable as newer reports join.  Stories are taken oldest first; each joins the
    most similar lead of the last 48 hours that shares one of its rarest words,
    else becomes a lead itself.  An undated story (rare: the store dates every
    story it keeps) stays on its own.
    """
    items = [s for s in stories if s.id and s.when is not None]
    items.sort(key=lambda s: (s.when, s.id))  # type: ignore[arg-type,return-value]
    words = [normalise_title(s.title) for s in items]
    counts = Counter(w for ws in words for w in ws)
    # One global order of words, rarest first (ties by the word): an int per word sorts titles fastest.
    rank = {w: k for k, w in enumerate(sorted(counts, key=lambda w: (counts[w], w)))}
    index: dict[str, list[_Lead]] = defaultdict(list)  # word → leads carrying it, oldest first
    members: dict[int, list[int]] = {}
    window = WINDOW.total_seconds()
    seen = [-1] * len(items)  # seen[k] == i: lead k was already weighed for story i
    for i, story in enumerate(items):
        when, feed, prefix = story.when.timestamp(), story.feed, _prefix(words[i], rank)  # type: ignore[union-attr]
        best = _best_lead(words, i, feed, when - window, [index[w] for w in prefix if w in index], seen)
        if best is not None:
            best.feeds.add(feed)
            members[best.index].append(i)
            continue
        lead = _Lead(i, when, {feed})
        members[i] = [i]
        for word in prefix:
            index[word].append(lead)
    out: list[tuple[str, str | None]] = [(s.id, None) for s in stories if s.id and s.when is None]
    for lead_index, group in members.items():
        cluster = items[lead_index].id if len(group) > 1 else None
        out.extend((items[k].id, cluster) for k in group)
    return out


def _best_lead(words: list[frozenset[str]], i: int, feed: str, since: float,
               postings: list[list[_Lead]], seen: list[int]) -> _Lead | None:
    """The lead most like story `i` (the oldest of equals), from another outlet, not before `since`.

    The hottest loop of grouping (tens of candidates a story): `jaccard` is written out here.
    """
    best: _Lead | None = None
    best_score = THRESHOLD
    mine = words[i]
    size = len(mine)
    for leads in postings:
        for lead in reversed(leads[-CAP:]):
            if lead.when < since:
                break
            index = lead.index
            if seen[index] == i or feed in lead.feeds:
                continue
            seen[index] = i
            other = words[index]
            shared = len(mine & other)
            if not shared:
                continue
            score = shared / (size + len(other) - shared)
            if score > best_score or (score == best_score and (best is None or index < best.index)):
                best, best_score = lead, score
    return best
