"""Near-duplicate groups as a fetch after a fetch finds them: stored groups are kept unless a new
(or changed) story changes them, and they end as one fetch of every story would leave them
(real SQLite files)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from briefing.models import Feed, Story
from briefing.pipeline import process_stories
from briefing.store import Store, StoryFilter

FEEDS = [Feed(name, f"http://127.0.0.1/{name}") for name in ("Armenpress", "Report.az", "TASS", "Reuters", "AFP")]
ARM, AZE, TASS, REUTERS, AFP = (f.name for f in FEEDS)
T0 = datetime(2026, 11, 17, 9, 0, tzinfo=timezone.utc)


def save(store: Store, feed: str, title: str, hours: float, guid: str | None = None) -> str:
    story = Story(feed=feed, title=title, summary="Text.", published=T0 + timedelta(hours=hours), guid=guid or title)
    saved = store.save_stories(feed, [story])
    return (saved.new_ids + saved.updated_ids)[0]


def test_a_new_story_joins_a_stored_group_and_becomes_the_one_row_listed(store: Store):
    store.sync_feeds(FEEDS)
    a = save(store, ARM, "Border villages handed over in Tavush", 0)
    b = save(store, AZE, "Border villages handed over in Tavush region", 5)
    process_stories(store, [a, b])
    c = save(store, TASS, "Border villages in Tavush handed over", 20)
    process_stories(store, [c])
    assert store.story_clusters([a, b, c]) == {a: a, b: a, c: a}
    listed = store.story_window(StoryFilter(collapse_clusters=True), 0, 10)
    assert [s.id for s in listed] == [c]  # the newest member stands for the group
    assert sorted(listed[0].duplicate_ids) == sorted([a, b])


def test_a_new_story_like_two_stored_groups_joins_one_and_never_chains_them(store: Store):
    store.sync_feeds(FEEDS)
    a1 = save(store, ARM, "Pashinyan and Aliyev meet in Washington", 0)
    a2 = save(store, AZE, "Pashinyan and Aliyev meet in Washington today", 1)
    b1 = save(store, TASS, "Treaty signed in Washington as leaders meet", 2)
    b2 = save(store, REUTERS, "Treaty signed in Washington as leaders meet today", 3)
    process_stories(store, [a1, a2, b1, b2])
    assert store.story_clusters([a1, a2, b1, b2]) == {a1: a1, a2: a1, b1: b1, b2: b1}
    # a near-duplicate of both leads (4 of 7 words shared with the first, 5 of 7 with the second)
    bridge = save(store, AFP, "Pashinyan and Aliyev meet in Washington, treaty signed as leaders meet", 4)
    process_stories(store, [bridge])
    assert store.story_clusters([a1, a2, b1, b2, bridge]) == {a1: a1, a2: a1, b1: b1, b2: b1, bridge: b1}


def test_a_story_published_before_a_stored_one_but_fetched_after_it_leads_their_group(store: Store):
    """Groups do not depend on the order stories were fetched in (a killed fetch finished later
    must leave what one fetch leaves): the oldest story leads, as if both had come at once."""
    store.sync_feeds(FEEDS)
    later = save(store, ARM, "Snow closes the Lachin road", 10)
    third = save(store, TASS, "Snow closes the Lachin road again today", 12)
    process_stories(store, [later, third])
    assert store.story_clusters([later, third]) == {later: later, third: later}
    earlier = save(store, AZE, "Snow closes the Lachin road again", 2)
    process_stories(store, [earlier])
    assert store.story_clusters([later, third, earlier]) == {later: earlier, third: earlier, earlier: earlier}
    assert store.count_stories(StoryFilter(collapse_clusters=True)) == 1


def test_a_new_story_does_not_join_a_group_that_has_its_outlet_or_a_lead_too_far_away(store: Store):
    store.sync_feeds(FEEDS)
    a = save(store, ARM, "Border villages handed over in Tavush", 0)
    b = save(store, AZE, "Border villages handed over in Tavush region", 5)
    process_stories(store, [a, b])
    same_outlet = save(store, AZE, "Border villages handed over in Tavush today", 6)
    too_late = save(store, TASS, "Border villages handed over in Tavush", 60)
    process_stories(store, [same_outlet, too_late])
    assert store.story_clusters([a, b, same_outlet, too_late]) == {a: a, b: a}


def test_a_story_edited_out_of_its_group_leaves_it_and_its_members_find_their_own(store: Store):
    store.sync_feeds(FEEDS)
    lead = save(store, ARM, "Border villages handed over in Tavush", 0, guid="lead")
    member = save(store, AZE, "Border villages handed over in Tavush region", 5)
    third = save(store, TASS, "Border villages in Tavush region handed over", 6)
    process_stories(store, [lead, member, third])
    assert store.story_clusters([lead, member, third]) == {lead: lead, member: lead, third: lead}
    # the outlet rewrites the lead's title: its members are no longer near-duplicates of it
    assert save(store, ARM, "Parliament passes the budget", 0, guid="lead") == lead
    process_stories(store, [lead])
    assert store.story_clusters([lead, member, third]) == {member: member, third: member}
    # and a member rewritten away from its group leaves it; the lead left alone is in no group
    assert save(store, TASS, "Gas prices rise in Yerevan", 6, guid="Border villages in Tavush region handed over") \
        == third
    process_stories(store, [third])
    assert store.story_clusters([lead, member, third]) == {}
    assert store.count_stories(StoryFilter(collapse_clusters=True)) == 3
