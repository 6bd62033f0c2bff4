"""A story's language: stored with it, read for stories stored before briefing knew it, filtered on."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from briefing.models import Feed, Story
from briefing.store import Store, StoryFilter
from briefing.store.schema import MIGRATIONS

from .older import database_at_version

WHEN = datetime(2026, 11, 17, 9, 0, tzinfo=timezone.utc)
# (feed, its configured language, title, summary, the language the story is in)
ROWS = [
    ("Armenpress", "en", "Soldier wounded near Sotk", "Armenia's Defence Ministry said a soldier was wounded.", "en"),
    ("Interfax", "ru", "Ранен военнослужащий", "Минобороны Армении сообщило о ранении военнослужащего.", "ru"),
    ("APA (AZ)", "az", "Mövqelərimiz atəşə tutulub", "Müdafiə Nazirliyi bildirib ki, mövqelərimiz atəşə tutulub.", "az"),
    ("Azatutyun", "hy", "Վիրավորվել է զինծառայող", "ՀՀ ՊՆ-ն հայտնում է, որ վիրավորվել է զինծառայող։", "hy"),
    # Too few letters to tell: the feed's language decides.
    ("Azatutyun", "hy", "Video", "", "hy"),
    # A short Azerbaijani headline in an English feed: ə (past Latin Extended-B) is Azerbaijani's own letter.
    ("Report.az", "en", "Bakı iddiaları təkzib edir", "", "az"),
    # A Russian outlet's English story is English, whatever the feed says.
    ("Interfax", "ru", "Armenian soldier wounded on the border", "The ministry said a soldier was wounded.", "en"),
]


def _version_6_database(path) -> None:
    """A database as the previous briefing left it: stories without a language."""
    conn = database_at_version(path, 6)
    for n, (feed, language, title, summary, _) in enumerate(ROWS):
        conn.execute("INSERT OR IGNORE INTO feeds (name, url, language) VALUES (?, ?, ?)",
                     (feed, f"http://127.0.0.1/{n}", language))
        stamp = (WHEN + timedelta(minutes=n)).strftime("%Y-%m-%dT%H:%M:%SZ")
        conn.execute(
            "INSERT INTO stories (id, feed, title, summary, published, first_seen, sort_time, content_hash)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, 'h')", (f"s{n}", feed, title, summary, stamp, stamp, stamp),
        )
    conn.commit()
    conn.close()


def test_stories_stored_before_languages_were_known_get_theirs_when_the_database_is_upgraded(db_path):
    _version_6_database(db_path)
    with Store(db_path) as store:
        assert store.schema_version == len(MIGRATIONS)
        got = {s.id: s.language for s in store.stories_by_ids([f"s{n}" for n in range(len(ROWS))], full=False)}
    assert got == {f"s{n}": row[4] for n, row in enumerate(ROWS)}


def test_the_language_filter_and_lang_in_a_search_list_only_that_language(db_path):
    _version_6_database(db_path)
    with Store(db_path) as store:
        def titles(f: StoryFilter) -> list[str]:
            assert store.count_stories(f) == len(store.story_window(f, 0, 100))
            return [s.title for s in store.story_window(f, 0, 100)]

        assert titles(StoryFilter(language="hy")) == ["Video", "Վիրավորվել է զինծառայող"]
        assert titles(StoryFilter(query="lang:ru")) == ["Ранен военнослужащий"]
        assert titles(StoryFilter(query="soldier lang:english")) == [
            "Armenian soldier wounded on the border", "Soldier wounded near Sotk"]
        assert titles(StoryFilter(query="lang:fr")) == []


def test_a_story_keeps_its_language_through_saving_and_an_edit(store: Store):
    store.sync_feeds([Feed("Interfax", "http://127.0.0.1/i", language="ru")])
    story = Story(feed="Interfax", title="Ранен военнослужащий", summary="Минобороны сообщило.", guid="g",
                  published=WHEN, language="ru")
    [sid] = store.save_stories("Interfax", [story]).new_ids
    assert store.get_story(sid).language == "ru"
    edited = Story(feed="Interfax", title="Ранены двое военнослужащих", summary="Минобороны сообщило.", guid="g",
                   published=WHEN, language="ru")
    assert store.save_stories("Interfax", [edited]).updated_ids == [sid]
    assert store.get_story(sid).language == "ru"


def test_a_story_saved_without_a_language_is_read_by_the_same_rule(store: Store):
    store.sync_feeds([Feed("Azatutyun", "http://127.0.0.1/a", language="hy")])
    saved = store.save_stories("Azatutyun", [
        Story(feed="Azatutyun", title="Վիրավորվել է զինծառայող", guid="1", published=WHEN),
        Story(feed="Azatutyun", title="Video", guid="2", published=WHEN),
        Story(feed="Azatutyun", title="Soldier wounded near Jermuk, the ministry says", guid="3", published=WHEN),
    ])
    assert [store.get_story(i).language for i in saved.new_ids] == ["hy", "hy", "en"]
