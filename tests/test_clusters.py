"""Near-duplicate groups: stars around a lead, never chains, at most one story per outlet."""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from dataclasses import replace
from datetime import datetime, timedelta, timezone

from briefing.clusters import THRESHOLD, cluster_stories, jaccard, normalise_title, place_stories
from briefing.models import Story

T0 = datetime(2026, 11, 17, 9, 0, tzinfo=timezone.utc)


def story(sid: str, feed: str, title: str, hours: float) -> Story:
    return Story(id=sid, feed=feed, title=title, published=T0 + timedelta(hours=hours))


def test_a_chain_of_similar_titles_does_not_pull_the_first_and_last_together():
    a = story("a", "A", "Peace treaty signed in Washington by leaders", 0)
    b = story("b", "B", "Peace treaty signed in Washington by leaders on Tuesday evening", 1)  # close to a
    c = story("c", "C", "Treaty signed in Washington on Tuesday evening at a ceremony", 2)  # close to b, not a
    groups = dict(cluster_stories([a, b, c]))
    assert groups == {"a": "a", "b": "a", "c": None}


def test_formulaic_titles_from_many_outlets_never_collapse_into_one_group():
    stories = [story(f"{f}-{k}", f"outlet{f}", f"Outlet {f} story {k}: talks on the border", k / 10)
               for f in range(60) for k in range(20)]
    pairs = dict(cluster_stories(stories))
    by_id = {s.id: s for s in stories}
    groups: dict[str, list[str]] = defaultdict(list)
    for sid, cluster in pairs.items():
        if cluster:
            groups[cluster].append(sid)
    assert len(groups) > 1
    for lead, members in groups.items():
        outlets = Counter(by_id[m].feed for m in members)
        assert max(outlets.values()) == 1  # one story per outlet in a group
        for member in members:
            assert jaccard(normalise_title(by_id[member].title), normalise_title(by_id[lead].title)) >= THRESHOLD
            assert by_id[member].when - by_id[lead].when <= timedelta(hours=48)


def test_one_outlets_own_stories_are_never_grouped():
    stories = [story(f"x{k}", "Wire", "Clashes reported on the border", k) for k in range(5)]
    assert all(cluster is None for _, cluster in cluster_stories(stories))


WORDS = "treaty border talks shelling village drone ceasefire corridor mission delimitation".split()


def _random_stories(rng: random.Random, n: int) -> list[Story]:
    return [story(f"s{k:03d}", f"outlet{rng.randint(0, 5)}", " ".join(rng.sample(WORDS[:rng.randint(4, 10)],
                  rng.randint(2, 4))), rng.choice([rng.uniform(0, 120), rng.randint(0, 5) * 10])) for k in range(n)]


def test_grouping_in_batches_in_any_order_ends_where_grouping_all_at_once_ends():
    """What a killed fetch finished later, or fetches of feeds one after another, leave: the groups
    one fetch of every story leaves, titles edited on the way included."""
    for trial in range(300):
        rng = random.Random(trial)
        stories = _random_stories(rng, rng.randint(2, 30))
        arrived: list[Story] = []
        stored: dict[str, str | None] = {}
        order = rng.sample(stories, len(stories))
        cuts = sorted(rng.sample(range(1, len(order)), min(len(order) - 1, rng.randint(1, 4))))
        for first, last in zip([0, *cuts], [*cuts, len(order)]):
            batch = order[first:last]
            new = {s.id for s in batch}
            if arrived and rng.random() < 0.4:  # a stored story comes again, its title edited
                k = rng.randrange(len(arrived))
                arrived[k] = replace(arrived[k], title=" ".join(rng.sample(WORDS, 3)))
                stories = [arrived[k] if s.id == arrived[k].id else s for s in stories]
                new.add(arrived[k].id)
            arrived += batch
            stored.update(place_stories(arrived, stored, new))
        assert {s.id: stored.get(s.id) for s in stories} == dict(cluster_stories(stories)), f"trial {trial}"


def test_formulaic_titles_fetched_late_move_most_groups_and_end_where_all_at_once_ends():
    """A late tenth of formulaic headlines from 40 outlets moves nearly every stored group (each late
    story is older than stored ones like it): the groups still end as one fetch of all would leave them."""
    stories = [story(f"{f}-{k}", f"outlet{f}", f"Outlet {f} story {k}: talks on the border", (k * 7 + f) / 60)
               for f in range(40) for k in range(20)]
    rng = random.Random(1)
    late = {s.id for s in stories if rng.random() < 0.1}
    stored = dict(cluster_stories([s for s in stories if s.id not in late]))
    moved = place_stories(stories, stored, late)
    stored.update(moved)
    assert len(moved) > len(stories) / 2
    assert stored == dict(cluster_stories(stories))
