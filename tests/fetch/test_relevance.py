"""The fetch-side relevance filter in every language briefing reads, through the real fetcher.

The stories are written for these tests (`language_stories.py`): incident reports, talks and returns that
must be kept, and the football, gas, culture and other-war stories that merely name the region and must not.
"""

from __future__ import annotations

import pytest
from feedserver import rss, xml_reply

from briefing.extract import gazetteer
from briefing.fetch.relevance import RelevanceFilter
from briefing.models import Feed
from briefing.store import Store

from .conftest import by_feed, fetch, make_config
from .language_stories import STORIES

LANGUAGES = ("en", "ru", "az", "hy")


@pytest.mark.parametrize(
    ("title", "summary", "kept"),
    [pytest.param(t, s, k, id=f"{lang}-{'kept' if k else 'dropped'}-{n}") for n, (lang, t, s, k) in enumerate(STORIES)],
)
def test_each_story_is_kept_or_dropped_as_a_reader_would(title, summary, kept):
    assert RelevanceFilter().matches(title, summary) is kept


def test_every_language_has_kept_and_dropped_stories_of_each_kind():
    for language in LANGUAGES:
        rows = [kept for lang, _, _, kept in STORIES if lang == language]
        assert rows.count(True) >= 4 and rows.count(False) >= 4, language


def test_a_general_news_feed_in_each_language_stores_only_the_conflict(feed_server, db_path):
    feeds = []
    for language in LANGUAGES:
        items = [{"title": t, "description": s, "guid": f"{language}-{n}", "link": f"https://news.example/{language}/{n}"}
                 for n, (lang, t, s, _) in enumerate(STORIES) if lang == language]
        url = feed_server.route(f"/{language}.xml", xml_reply(rss(items)))
        feeds.append(Feed(name=f"World ({language})", url=url, language=language, keep="relevant"))
    outcomes, _ = fetch(make_config(*feeds), db_path)
    with Store(db_path) as store:
        stored = {s.title for s in store.stories_by_ids(store.all_story_ids(), full=False)}
    assert stored == {t for _, t, _, kept in STORIES if kept}
    for language in LANGUAGES:
        dropped = sum(1 for lang, _, _, kept in STORIES if lang == language and not kept)
        assert by_feed(outcomes)[f"World ({language})"].filtered == dropped


def test_a_readers_keyword_keeps_what_the_topic_rules_would_drop():
    title, summary = "Qarabag FK stun Benfica in Lisbon", "The Aghdam club won 3-2 in the Champions League."
    assert not RelevanceFilter().matches(title, summary)
    assert RelevanceFilter(["Qarabag FK"]).matches(title, summary)


def test_inflected_forms_are_found_and_lookalike_words_are_not():
    f = RelevanceFilter()
    for text in ("в Кельбаджарском районе", "жители Сотка", "Qarabağda", "Ermənistanın", "Ղարաբաղում",
                 "ԵՐԵՎԱՆ", "Երեւանում", "Բաքվում", "NAXÇIVANDA"):
        assert f.matches(text), text
    assert not f.matches("Bakuriani ski resort")  # Baku is a word, not a prefix
    # газета (newspaper) is not газ (gas): an interview in a paper is not a business story.
    assert f.matches("Газета «Голос Армении» опубликовала интервью Пашиняна")


def test_every_gazetteer_place_is_known_to_the_filter_written_with_a_capital():
    """Place names have one home: a place added to the gazetteer is one the fetch keeps stories of."""
    f = RelevanceFilter()
    for place in gazetteer.load().places:
        for spelling in (place.name, *place.aliases):
            if "(" not in spelling:
                assert f.matches(f"Shots were fired near {spelling} on Monday"), spelling
    assert f.matches("Обстрел Хнацаха"), "a case form from lexicon/places-ru.csv"
    # Villages called Hats, Sus and Kut are not the words hats, sus and kut.
    assert not f.matches("hats, coats and a sus plan to kut the queue")
