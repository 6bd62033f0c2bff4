"""Same story, many outlets: group near-duplicate stories from different feeds.

Pure functions, no SQL: the caller reads recent stories from the store, calls
`cluster_stories`, and writes the result back with `Store.set_clusters`.  Two
stories are near-duplicates when their normalised titles share at least half of
their words (token-set Jaccard ≥ 0.5), they come from different feeds, and they
were published within 48 hours of each other.  Groups are connected components
of that relation, so A~B and B~C puts all three together.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
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


def cluster_stories(stories: list[Story]) -> list[tuple[str, str | None]]:
    """(story id, cluster id) for every story; None for a story with no near-duplicate.

    The cluster id is the id of the group's oldest member, so it stays stable as
    newer reports join.  Candidate pairs come from an inverted index on words,
    which keeps this near-linear for a few thousand recent stories.
    """
    items = [s for s in stories if s.id]
    words = [normalise_title(s.title) for s in items]
    index: dict[str, list[int]] = defaultdict(list)
    for i, ws in enumerate(words):
        for w in ws:
            index[w].append(i)
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, ws in enumerate(words):
        candidates: set[int] = set()
        for w in ws:
            candidates.update(j for j in index[w] if j > i)
        for j in candidates:
            a, b = items[i], items[j]
            if a.feed == b.feed:
                continue
            if a.when and b.when and abs(a.when - b.when) > WINDOW:
                continue
            if jaccard(ws, words[j]) >= THRESHOLD:
                parent[find(i)] = find(j)

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
