"""The reader's search syntax: each query as typed, the FTS5 expression it becomes, and what it finds."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from briefing.models import Feed, Story
from briefing.query import FtsQuery, parse_query
from briefing.store import Store, StoryFilter

# (typed, match, exclude)
TABLE = [
    ("lachin", '"lachin"', ""),
    ("killed lachin", '"killed" AND "lachin"', ""),
    ('"peace treaty"', '"peace treaty"', ""),
    ('"peace treaty', '"peace treaty"', ""),  # the closing quote forgotten
    ("Nagorno-Karabakh", '"Nagorno Karabakh"', ""),
    ("Shusha's", '"Shusha"', ""),
    ("Shusha’s liberation", '"Shusha" AND "liberation"', ""),
    ("lachin OR tegh", '("lachin" OR "tegh")', ""),
    ("killed lachin OR tegh", '"killed" AND ("lachin" OR "tegh")', ""),
    ("killed -wounded", '("killed") NOT ("wounded")', ""),
    ("killed NOT wounded", '("killed") NOT ("wounded")', ""),
    ("NOT lachin", "", '"lachin"'),
    ("-lachin -tegh", "", '"lachin" OR "tegh"'),
    ("drone*", '"drone"*', ""),
    ("Nagorno-Kar*", '"Nagorno Kar"*', ""),
    ("-drone*", "", '"drone"*'),
    ("title:lachin", '"title lachin"', ""),  # never a column filter
    ("NEAR(a b)", '"NEAR a" AND "b"', ""),
    ("^start", '"start"', ""),
    ('"', "", ""),
    ("*", "", ""),
    ("-", "", ""),
    ("OR", "", ""),
    ("AND OR NOT", "", ""),
    ("( )", "", ""),
    ("OR lachin", '"lachin"', ""),
    ("lachin OR", '"lachin"', ""),
    ('a"b', '"a b"', ""),
    ("Ağdam", '"Ağdam"', ""),
    ("Ереван", '"Ереван"', ""),
]


@pytest.mark.parametrize(("typed", "match", "exclude"), TABLE)
def test_each_query_becomes_a_safe_fts5_expression(typed: str, match: str, exclude: str):
    assert parse_query(typed) == FtsQuery(match, exclude)


@pytest.mark.parametrize("typed", [row[0] for row in TABLE] + ['"""', "a''b", "x\x00y", "(((", "lachin)"])
def test_no_query_is_a_database_error(store: Store, typed: str):
    """Every query runs: the database never sees the reader's syntax, only quoted strings."""
    store.count_stories(StoryFilter(query=typed))
    store.story_window(StoryFilter(query=typed, collapse_clusters=True), 0, 10)


@pytest.fixture
def fed(store: Store) -> Store:
    store.sync_feeds([Feed("Feed", "http://127.0.0.1:9/x")])
    when = datetime(2026, 12, 1, tzinfo=timezone.utc)
    titles = [
        "Shelling reported in Nagorno-Karabakh",
        "Shusha's mosque restored",
        "Two soldiers killed near Lachin",
        "Soldier wounded and two killed near Tegh",
        "Drone downed over Kalbajar",
        "Peace treaty talks resume",
    ]
    store.save_stories("Feed", [Story(feed="Feed", title=t, guid=str(i), published=when) for i, t in enumerate(titles)])
    return store


@pytest.mark.parametrize(
    ("typed", "titles"),
    [
        ("Nagorno-Karabakh", ["Shelling reported in Nagorno-Karabakh"]),
        ("Shusha's", ["Shusha's mosque restored"]),
        ("killed -wounded", ["Two soldiers killed near Lachin"]),
        ("NOT killed", ["Drone downed over Kalbajar", "Peace treaty talks resume", "Shelling reported in Nagorno-Karabakh",
                        "Shusha's mosque restored"]),
        ("killed lachin OR tegh", ["Soldier wounded and two killed near Tegh", "Two soldiers killed near Lachin"]),
        ("dron*", ["Drone downed over Kalbajar"]),
        ('"peace treaty"', ["Peace treaty talks resume"]),
        ('"treaty peace"', []),
    ],
)
def test_queries_find_what_a_reader_means(fed: Store, typed: str, titles: list[str]):
    found = fed.story_window(StoryFilter(query=typed), 0, 50)
    assert sorted(s.title for s in found) == sorted(titles)
    assert fed.count_stories(StoryFilter(query=typed)) == len(titles)


@pytest.mark.parametrize(("typed", "match", "language"), [
    ("lang:ru", "", "ru"),
    ("killed lang:RU", '"killed"', "ru"),
    ("lang:Armenian Tegh", '"Tegh"', "hy"),
    ("lang:fr", "", "fr"),  # unknown: kept, and finds nothing
    ('"lang:ru"', '"lang ru"', ""),  # quoted: words to find
    ("golang:ru", '"golang ru"', ""),
])
def test_lang_asks_for_a_language_instead_of_words(typed: str, match: str, language: str):
    assert parse_query(typed) == FtsQuery(match, "", language)
