"""Each fetched story is stored with the language it is written in, read by the parser workers."""

from __future__ import annotations

from datetime import datetime, timezone

from feedserver import rss, xml_reply

from briefing.models import Feed
from briefing.store import Store

from .conftest import fetch, make_config
from .language_stories import STORIES


def _stored(db_path) -> dict[str, str]:
    with Store(db_path) as store:
        return {s.title: s.language for s in store.stories_between(
            datetime(2000, 1, 1, tzinfo=timezone.utc), datetime(2100, 1, 1, tzinfo=timezone.utc), full=False)}


def test_every_story_is_stored_with_its_own_language_whatever_the_feed_says(feed_server, db_path):
    # One mixed feed configured as Russian: the text decides, not the feed's label.
    items = [{"title": t, "description": s, "guid": str(n)} for n, (_, t, s, _) in enumerate(STORIES)]
    url = feed_server.route("/mixed.xml", xml_reply(rss(items)))
    fetch(make_config(Feed(name="Mixed", url=url, language="ru", keep="all")), db_path)
    assert _stored(db_path) == {t: lang for lang, t, _, _ in STORIES}


def test_a_story_too_short_to_tell_takes_its_feeds_language(feed_server, db_path):
    items = [{"title": "Video", "guid": "1"}, {"title": "14:20", "guid": "2", "description": "Фото"}]
    url = feed_server.route("/hy.xml", xml_reply(rss(items)))
    fetch(make_config(Feed(name="Azatutyun", url=url, language="hy", keep="all")), db_path)
    assert _stored(db_path) == {"Video": "hy", "14:20": "hy"}
