"""Same story, many outlets: group near-duplicate stories from different feeds.

Pure functions, no SQL: the caller reads recent stories from the store, calls
`cluster_stories`, and writes the result back with `Store.set_clusters`.  Two
stories are near-duplicates when their normalised titles share at least half of
their words (token-set Jaccard ≥ 0.5), they come from different feeds, and they
were published within 48 hours of each other.  Groups are connected components
of that relation, so A~B and B~C puts all three together.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from datetime import timedelta

from .models import Story

THRESHOLD = 0.5
WINDOW = timedelta(hours=48)

_WORD = re.compile(r"\w+", re.UNICODE)
# Words so common in this corpus that sharing them says nothing.
_STOP = frozenset(
    "a an the of in on at to for and or but with by from as is are was were be been says said over after "
    "amid its it this that new".split()
)


def normalise_title(title: str) -> frozenset[str]:
    """The set of meaningful words in a title: case, accents and punctuation removed."""
    text = unicodedata.normalize("NFKD", title.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return frozenset(w for w in _WORD.findall(text) if w not in _STOP and len(w) > 1)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def _prefix(words: frozenset[str], rank: dict[str, tuple[int, str]]) -> list[str]:
    """The rarest words of a title that any near-duplicate must share at least one of.

    Two sets with Jaccard ≥ t have an overlap of at least ⌈t·|A|⌉ words, so they
    share one of A's |A| − ⌈t·|A|⌉ + 1 rarest words (prefix filtering).  Indexing
    only these keeps "Armenia" and "Azerbaijan", in nearly every title, from
    making every pair of stories a candidate.
    """
    ordered = sorted(words, key=rank.__getitem__)
    return ordered[: len(ordered) - math.ceil(THRESHOLD * len(ordered)) + 1]


def cluster_stories(stories: list[Story]) -> list[tuple[str, str | None]]:
    """(story id, cluster id) for every story; None for a story with no near-duplicate.

    The cluster id is the id of the group's oldest member, so it stays stable as
    newer reports join.  Candidate pairs come from an inverted index on each
    title's rarest words, walked back in time only as far as the 48-hour window,
    which keeps this near-linear for the few thousand stories of recent days.
    """
    items = [s for s in stories if s.id]
    words = [normalise_title(s.title) for s in items]
    counts = Counter(w for ws in words for w in ws)
    rank = {w: (n, w) for w, n in counts.items()}
    prefixes = [_prefix(ws, rank) for ws in words]
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, candidates: set[int]) -> None:
        for j in candidates:
            if items[i].feed != items[j].feed and jaccard(words[i], words[j]) >= THRESHOLD:
                parent[find(i)] = find(j)

    dated = [k for k, s in enumerate(items) if s.when is not None]
    dated.sort(key=lambda k: items[k].when)  # type: ignore[arg-type,return-value]
    index: dict[str, list[int]] = defaultdict(list)  # word → earlier stories, oldest first
    for i in dated:
        when = items[i].when
        assert when is not None
        candidates: set[int] = set()
        for w in prefixes[i]:
            postings = index[w]
            for j in reversed(postings):
                if when - items[j].when > WINDOW:  # type: ignore[operator]
                    break
                candidates.add(j)
            postings.append(i)
        join(i, candidates)
    # An undated story (rare: the store dates every story it keeps) is compared without the time limit.
    undated = [k for k, s in enumerate(items) if s.when is None]
    if undated:
        everyone: dict[str, list[int]] = defaultdict(list)
        for k, prefix in enumerate(prefixes):
            for w in prefix:
                everyone[w].append(k)
        for i in undated:
            join(i, {j for w in prefixes[i] for j in everyone[w] if j != i})

    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        groups[find(i)].append(i)
    out: list[tuple[str, str | None]] = []
    for members in groups.values():
        if len(members) == 1:
            out.append((items[members[0]].id, None))
            continue
        oldest = min(members, key=lambda k: (items[k].when is None, items[k].when, items[k].id))
        cluster = items[oldest].id
        out.extend((items[k].id, cluster) for k in members)
    return out
