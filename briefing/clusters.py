"""Same story, many outlets: group near-duplicate stories from different feeds.

Pure functions, no SQL: the caller reads the stories around the new ones from the store
with the groups they are stored in, calls `place_stories`, and writes the result back with
`Store.set_clusters`.  Two stories are near-duplicates when their normalised titles share
at least half of their words (token-set Jaccard ≥ 0.5), they come from different feeds, and
they were published within 48 hours of each other.

A group is a star, not a chain: its oldest story is its lead, and every other member is a
near-duplicate *of the lead* from another outlet, published within 48 hours of it, and the
only story of its outlet in the group.  So formulaic titles ("Outlet 7 story 2:
…" from 200 outlets) cannot chain A~B~C… into one group of thousands that collapses the list
to a row; a group holds at most one story per outlet.

Stories are taken oldest first: each joins the most similar lead of the 48 hours before it
that has no story of its outlet yet, else becomes a lead itself.  Grouping is incremental
but ends where grouping everything at once ends, whatever order the stories came in: the
stored groups are taken as they are, the new (or changed) stories are placed, and a stored
story is placed again only when a story placed before it changed what it could join (a new
lead like it, an outlet taken or freed in the group it is in or could join).
"""

from __future__ import annotations

import heapq
import math
import re
import unicodedata
from bisect import bisect_left, bisect_right, insort
from collections import Counter, defaultdict
from collections.abc import Collection, Mapping, Sequence
from datetime import timedelta

from .models import Story, Titled

THRESHOLD = 0.5
WINDOW = timedelta(hours=48)
# Leads looked at per title word: the most recent ones only.  A word that every title of the
# window carries (formulaic headlines) then costs a bounded number of comparisons, which keeps
# grouping linear in the number of stories, whatever their titles.
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


# How long to look for the stored stories a change may move (entries of the word lists scanned, per
# story in the window; placing a story looks at up to 4 words x CAP leads) before every story after
# the change is simply placed again, as grouping all at once would: with formulaic titles one change
# moves the next, and sweeping is then the cheaper way (a 30-day fetch into 1M stories scans ~7).
SWEEP_AFTER = 32
UNKNOWN = -1  # a stored story in a group whose lead was not read: left as it is
UNPLACED = -2  # a new story not placed yet


def cluster_stories(stories: list[Story]) -> list[tuple[str, str | None]]:
    """(story id, cluster id) for every story, all taken as new; None for a story with no near-duplicate.

    The cluster id is the id of the group's lead (its oldest member), so it stays stable
    as newer reports join.  An undated story (rare: the store dates every story it keeps)
    stays on its own.
    """
    return place_stories(stories, {}, {s.id for s in stories})


def place_stories(window: Sequence[Story | Titled], stored: Mapping[str, str | None],
                  new: Collection[str]) -> list[tuple[str, str | None]]:
    """(story id, cluster id) for every story of `new` and every stored story whose group changed.

    `window` is every story from `WINDOW` before the first new one (the leads they may join, and
    those leads' members) to `2 * WINDOW` after the last (the stories they may move), `stored` the
    group each is stored in.
    """
    placer = _Placer([s for s in window if s.id and s.when is not None], stored, new)
    placer.run()
    return [(s.id, None) for s in window if s.id in new and s.when is None] + placer.changes()


class _Placer:
    """One pass of grouping over a window: positions are indices into the stories, oldest first."""

    def __init__(self, stories: list[Story | Titled], stored: Mapping[str, str | None], new: Collection[str]) -> None:
        self.items = sorted(stories, key=lambda s: (s.when, s.id))  # type: ignore[arg-type,return-value]
        self.stored = stored
        self.times = [s.when.timestamp() for s in self.items]  # type: ignore[union-attr]
        self.feeds = [s.feed for s in self.items]
        self.new = [s.id in new for s in self.items]
        self.everything_new = all(self.new)
        self.words = [normalise_title(s.title) for s in self.items]
        counts = Counter(w for ws in self.words for w in ws)
        # One global order of words, rarest first (ties by the word): an int per word sorts titles fastest.
        rank = {w: n for n, w in enumerate(sorted(counts, key=lambda w: (counts[w], w)))}
        self.prefixes = [_prefix(ws, rank) for ws in self.words]
        self.by_word: dict[str, list[int]] | None = None  # word → stories with it in their prefix, when asked
        self.lead_of = [UNPLACED] * len(self.items)  # a lead is its own lead
        # a lead's group, once it has members: outlet → its stories there (the lead's included)
        self.groups: list[dict[str, list[int]] | None] = [None] * len(self.items)
        self.todo: list[int] = []  # a heap of positions to place (again)
        self.placed: set[int] = set()
        self.touched: set[int] = set()  # leads whose group gained or lost a story
        self.scanned = 0  # entries `_disturb` looked at
        self.sweeping = False  # every story after a change is placed again
        self._read_stored()
        self.leads: dict[str, list[int]] = defaultdict(list)  # word → leads with it in their prefix
        for k, lead in enumerate(self.lead_of):
            if lead == k:
                for word in self.prefixes[k]:
                    self.leads[word].append(k)

    def _read_stored(self) -> None:
        """The stored groups, without the new stories; the stored stories they may change to place again."""
        position = {s.id: k for k, s in enumerate(self.items)}
        for k, story in enumerate(self.items):
            cluster = self.stored.get(story.id)
            if self.new[k]:
                continue
            lead = position.get(cluster, UNKNOWN) if cluster is not None else k
            if lead != k and lead >= 0 and self.new[lead]:
                self.todo.append(k)  # its lead changed: placed again, as if new
                continue
            if lead != k and lead >= 0 and self.stored.get(cluster) != cluster:
                lead = UNKNOWN  # (a group stored by an older grouper, around a story in another group)
            self.lead_of[k] = lead
        for k, lead in enumerate(self.lead_of):
            if lead >= 0 and lead != k and self.lead_of[lead] == lead:
                group = self.groups[lead] = self.groups[lead] or {self.feeds[lead]: [lead]}
                group.setdefault(self.feeds[k], []).append(k)
        for k, story in enumerate(self.items):
            if self.new[k]:
                self.todo.append(k)
                lead = position.get(self.stored.get(story.id) or "", UNKNOWN)
                if lead >= 0 and lead != k and self.lead_of[lead] == lead:
                    self.touched.add(lead)
                    self._disturb(lead, k, self.feeds[k])  # an outlet freed in the group it leaves
        heapq.heapify(self.todo)

    def run(self) -> None:
        """Place every story to place, oldest first: a story placed again is always newer than what moved it."""
        self.seen = [-1] * len(self.items)  # seen[k] == y: lead k was already weighed for story y
        if self.everything_new:  # (nothing stored to place again: each story once, in order)
            self.placed.update(self.todo)
            for y in range(len(self.items)):
                self._place(y)
            return
        while self.todo:
            y = heapq.heappop(self.todo)
            if y not in self.placed:
                self.placed.add(y)
                self._place(y)

    def _place(self, y: int) -> None:
        """Story `y` joins the best lead before it, or leads; what that changes for later stories is placed again."""
        best = self._best_lead(y)
        lead = y if best is None else best
        current, feed = self.lead_of[y], self.feeds[y]
        if lead == current:
            return
        if current == y:  # it led a group: its members, and stories like it that might have joined it
            for word in self.prefixes[y]:
                self.leads[word].remove(y)
            for members in (self.groups[y] or {}).values():
                for m in members:
                    if m != y:
                        self.lead_of[m] = UNPLACED
                        heapq.heappush(self.todo, m)
            self.groups[y] = None
            self._disturb(y, y)
            self.touched.add(y)
        elif current >= 0:  # it leaves a group: its outlet is free there again
            self.groups[current][feed].remove(y)  # type: ignore[index]
            self.touched.add(current)
            self._disturb(current, y, feed)
        self.lead_of[y] = lead
        if lead == y:
            for word in self.prefixes[y]:
                leads = self.leads[word]
                if not leads or leads[-1] < y:
                    leads.append(y)
                else:
                    insort(leads, y)
            self._disturb(y, y)
        else:
            group = self.groups[lead] = self.groups[lead] or {self.feeds[lead]: [lead]}
            group.setdefault(feed, []).append(y)
            self.touched.add(lead)
            self._disturb(lead, y, feed)  # its outlet is taken there: a later story of it may not stay

    def _best_lead(self, y: int) -> int | None:
        """The lead most like story `y` (the oldest of equals) among the `CAP` most recent before it that
        share one of its rarest words, within 48 hours, with no story of its outlet before it."""
        best: int | None = None
        best_score = THRESHOLD
        mine = self.words[y]
        size = len(mine)
        since = self.times[y] - WINDOW.total_seconds()
        seen, words, times, feeds, groups = self.seen, self.words, self.times, self.feeds, self.groups
        feed = feeds[y]
        for word in self.prefixes[y]:
            leads = self.leads.get(word)
            if not leads:
                continue
            at = len(leads) if leads[-1] < y else bisect_left(leads, y)
            for k in reversed(leads[max(at - CAP, 0):at]):
                if times[k] < since:
                    break
                if seen[k] == y:
                    continue
                # one story per outlet in a group, the first one: has the group one of y's outlet before y?
                group = groups[k]
                if group is None:
                    if feeds[k] == feed:
                        continue
                else:
                    taken = group.get(feed)
                    if taken and min(taken) < y:
                        continue
                seen[k] = y
                other = words[k]
                shared = len(mine & other)
                if not shared:
                    continue
                score = shared / (size + len(other) - shared)
                if score > best_score or (score == best_score and (best is None or k < best)):
                    best, best_score = k, score
        return best

    def _disturb(self, lead: int, after: int, feed: str | None = None) -> None:
        """Place again the stories after `after` that may have `lead` among their candidates (only
        those of `feed`, when its outlet was taken or freed in its group): near-duplicates of it from
        another outlet within 48 hours after it, before `CAP` other leads of the same word."""
        if self.everything_new or self.sweeping:
            return  # (every story it could move is placed anyway, oldest first)
        if self.by_word is None:
            self.by_word = defaultdict(list)
            for k, prefix in enumerate(self.prefixes):
                for word in prefix:
                    self.by_word[word].append(k)
        until = self.times[lead] + WINDOW.total_seconds()
        mine, own = self.words[lead], self.feeds[lead]
        for word in self.prefixes[lead]:
            stories = self.by_word[word]
            passed = 0
            start = bisect_right(stories, lead)
            for j in range(start, len(stories)):
                k = stories[j]
                if self.times[k] > until or passed == CAP:
                    break
                if k > after and k not in self.placed and self.feeds[k] != own and (feed is None or self.feeds[k] == feed) \
                        and jaccard(mine, self.words[k]) >= THRESHOLD:
                    heapq.heappush(self.todo, k)
                if self.lead_of[k] == k:
                    passed += 1
            self.scanned += j - start if start < len(stories) else 0
        if self.scanned > SWEEP_AFTER * len(self.items):
            self.sweeping = True
            for k in range(after + 1, len(self.items)):
                heapq.heappush(self.todo, k)

    def changes(self) -> list[tuple[str, str | None]]:
        """(story id, cluster id) of the new stories and of every stored story whose group changed."""
        out: list[tuple[str, str | None]] = []
        for k in sorted(self.placed | self.touched):
            lead = self.lead_of[k]
            sid = self.items[k].id
            if lead == k:
                cluster = sid if sum(map(len, (self.groups[k] or {}).values())) > 1 else None
            else:
                cluster = self.items[lead].id if lead >= 0 else self.stored.get(sid)
            if self.new[k] or cluster != self.stored.get(sid):
                out.append((sid, cluster))
        return out
