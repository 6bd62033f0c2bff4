"""Real-world feed shapes through the real fetcher: served from 127.0.0.1, fetched, stored, read back.

Every defect found by running briefing on real feeds has a test here: empty summaries
next to `yandex:full-text`, teasers next to `content:encoded`, "read more" lines and
bare or image links in summaries, FeedBurner redirects and utm parameters as links
(and as duplicate stories), zone-less dates read as UTC, dates in the future,
windows-1251 read as mojibake, a 200 of filtered items reported as "unchanged", and
the User-Agent.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from feedserver import Reply, rss, xml_reply

from briefing.fetch.client import USER_AGENT
from briefing.models import Feed
from briefing.store import Store

from . import shapes
from .conftest import by_feed, fetch, make_config

NOW = datetime.now(timezone.utc).replace(microsecond=0)


def stored(db_path) -> list:
    with Store(db_path) as store:
        return store.stories_between(datetime(2000, 1, 1, tzinfo=timezone.utc), NOW + timedelta(days=3650))


def feed(name: str, url: str, **kw) -> Feed:
    kw.setdefault("keep", "all")
    return Feed(name=name, url=url, **kw)


def test_yandex_full_text_fills_the_empty_description_of_every_item(feed_server, db_path):
    url = feed_server.route("/yandex.xml", xml_reply(shapes.yandex_russian(21, NOW)))
    outcomes, _ = fetch(make_config(feed("Agency", url, origin="russia", language="ru", timezone="Europe/Moscow")),
                        db_path)
    assert by_feed(outcomes)["Agency"].new == 21
    stories = stored(db_path)
    assert len(stories) == 21
    assert all(s.summary.startswith("Азербайджанские подразделения открыли огонь") for s in stories)
    assert {s.published for s in stories} == {NOW - timedelta(hours=i + 1) for i in range(21)}  # +0300 honoured


def test_wordpress_teaser_gives_way_to_content_encoded_without_boilerplate_or_image_links(feed_server, db_path):
    url = feed_server.route("/wp.xml", xml_reply(shapes.wordpress(NOW)))
    fetch(make_config(feed("Weekly", url)), db_path)
    [story] = stored(db_path)
    assert story.summary.startswith(shapes.CONFLICT_TEXT)
    assert "appeared first on" not in story.summary and "[…]" not in story.summary
    assert ".jpg" not in story.summary and "wp-content" not in story.summary
    # A real link in the text stays as "text (url)".
    assert "Read the statement (https://mil.example.am/statement)" in story.summary
    assert story.url == "https://weekly.example.org/2026/06/06/sotk/"


def test_rferl_item_keeps_its_text_and_drops_the_leading_image(feed_server, db_path):
    url = feed_server.route("/rferl.xml", xml_reply(shapes.rferl(NOW)))
    fetch(make_config(feed("Azatutyun", url, origin="armenia", timezone="Asia/Yerevan")), db_path)
    [story] = stored(db_path)
    assert story.summary.startswith("Residents of Berkaber in Tavush")
    assert "gdb.example" not in story.summary
    assert story.published == NOW - timedelta(hours=5)  # GMT is GMT, whatever the feed's zone
    assert story.url == "https://www.azatutyun.example/a/33123456.html"


def test_feedburner_links_become_permalinks_without_tracking_and_refetches_are_one_story(feed_server, db_path):
    campaigns = iter(["Feed%3A+burned+(Monday)", "Feed%3A+burned+(Tuesday)"])
    feed_server.route("/burned.xml", lambda request: xml_reply(shapes.feedburner(NOW, next(campaigns))))
    config = make_config(feed("Burned", feed_server.url("/burned.xml")))
    first, _ = fetch(config, db_path)
    second, _ = fetch(config, db_path)
    assert by_feed(first)["Burned"].new == 2
    assert by_feed(second)["Burned"].new == 0  # a new utm_campaign is not a new story
    stories = {s.title: s for s in stored(db_path)}
    assert len(stories) == 2
    talks, treaty = stories["Talks on border delimitation resume"], stories["Peace treaty text agreed"]
    assert talks.url == "https://news.example.com/world/delimitation-talks?id=77"  # origLink, utm_* gone
    assert treaty.url == "https://news.example.com/world/treaty"  # the permalink guid beats feedproxy
    for story in (talks, treaty):
        assert "http" not in story.summary and "Read full article" not in story.summary
        assert "feedproxy" not in story.url and "feedburner" not in story.summary
    assert talks.summary == "Armenian and Azerbaijani officials resumed talks on border delimitation."


def test_atom_xhtml_content_is_read_as_text(feed_server, db_path):
    url = feed_server.route("/atom.xml", xml_reply(shapes.atom_xhtml(NOW), **{"Content-Type": "application/atom+xml"}))
    fetch(make_config(feed("Monitor", url)), db_path)
    [story] = stored(db_path)
    assert story.summary == "Mission patrols the border."
    assert story.content == ("The civilian mission patrolled the Armenia-Azerbaijan border near Jermuk.\n\n"
                             "No incidents were observed.")
    assert story.url == "https://monitor.example.eu/news/patrol"


def test_zone_less_dates_are_read_in_the_feeds_time_zone(feed_server, db_path):
    body = shapes.zoneless(["2026-06-06 03:08:29", "Sat, 06 Jun 2026 03:08:29", "06.06.2026 03:08"])
    yerevan = feed_server.route("/am.xml", xml_reply(body))
    baku = feed_server.route("/az.xml", xml_reply(body))
    config = make_config(feed("Yerevan outlet", yerevan, origin="armenia", timezone="Asia/Yerevan"),
                         feed("Baku outlet", baku, origin="azerbaijan", timezone="Europe/Moscow"))
    fetch(config, db_path)
    by_name: dict[str, set] = {}
    for story in stored(db_path):
        by_name.setdefault(story.feed, set()).add(story.published)
    local = datetime(2026, 6, 6, 3, 8, 29)
    assert by_name["Yerevan outlet"] == {local.replace(tzinfo=ZoneInfo("Asia/Yerevan")).astimezone(timezone.utc),
                                         local.replace(second=0, tzinfo=ZoneInfo("Asia/Yerevan"))
                                         .astimezone(timezone.utc)}
    assert datetime(2026, 6, 5, 23, 8, 29, tzinfo=timezone.utc) in by_name["Yerevan outlet"]  # not 03:08 UTC
    assert datetime(2026, 6, 6, 0, 8, 29, tzinfo=timezone.utc) in by_name["Baku outlet"]


def test_the_feeds_time_zone_comes_from_its_origin_unless_feeds_toml_names_one(tmp_path):
    from briefing.config import ConfigError, load_config

    path = tmp_path / "feeds.toml"
    path.write_text('[[feeds]]\nname = "A"\nurl = "https://a.example/rss"\norigin = "armenia"\n'
                    '[[feeds]]\nname = "B"\nurl = "https://b.example/rss"\norigin = "azerbaijan"\n'
                    '[[feeds]]\nname = "C"\nurl = "https://c.example/rss"\norigin = "russia"\n'
                    '[[feeds]]\nname = "D"\nurl = "https://d.example/rss"\norigin = "armenia"\ntimezone = "UTC"\n'
                    'user_agent = "Mozilla/5.0 (compatible)"\nmin_interval_minutes = 60\n')
    feeds = load_config(path).feeds
    assert [f.timezone for f in feeds] == ["Asia/Yerevan", "Asia/Baku", "Europe/Moscow", "UTC"]
    assert (feeds[3].user_agent, feeds[3].min_interval_minutes) == ("Mozilla/5.0 (compatible)", 60)
    path.write_text('[[feeds]]\nname = "A"\nurl = "https://a.example/rss"\ntimezone = "Mars/Olympus"\n')
    try:
        load_config(path)
    except ConfigError as error:
        assert "feeds[0] (name 'A'): unknown timezone 'Mars/Olympus'" in str(error)
    else:
        raise AssertionError("an unknown zone must be refused")


def test_a_date_in_the_future_is_clamped_to_the_fetch_time_and_the_feeds_date_is_kept(feed_server, db_path):
    ahead = (NOW + timedelta(days=9)).replace(microsecond=0)
    body = shapes.zoneless([shapes.rfc822(ahead), shapes.rfc822(NOW - timedelta(hours=1))])
    url = feed_server.route("/clock.xml", xml_reply(body))
    before = datetime.now(timezone.utc)
    fetch(make_config(feed("Clock", url)), db_path)
    after = datetime.now(timezone.utc)
    stories = {s.title: s for s in stored(db_path)}
    future, normal = stories["Border report 0"], stories["Border report 1"]
    assert before - timedelta(seconds=1) <= future.published <= after
    assert future.published_claimed == ahead
    assert normal.published == NOW - timedelta(hours=1) and normal.published_claimed is None


def test_windows_1251_without_any_declaration_is_not_mojibake(feed_server, db_path):
    url = feed_server.route("/cp1251.xml", Reply(body=shapes.windows_1251_undeclared(NOW),
                                                  headers={"Content-Type": "application/rss+xml"}))
    fetch(make_config(feed("Region", url, origin="russia")), db_path)
    [story] = stored(db_path)
    assert story.title == shapes.CYRILLIC_TITLE
    assert story.summary == shapes.CYRILLIC_TEXT


def test_a_feed_of_500_items_is_stored_whole(feed_server, db_path):
    url = feed_server.route("/big.xml", xml_reply(shapes.big_feed(500, NOW)))
    outcomes, result = fetch(make_config(feed("Big", url, keep="relevant")), db_path)
    assert by_feed(outcomes)["Big"].new == 500 and len(result.new_ids) == 500
    assert len(stored(db_path)) == 500


def test_all_items_filtered_is_not_unchanged_and_briefing_feeds_counts_them(feed_server, db_path):
    off_topic = rss([{"title": f"Football result {i}", "link": f"https://sport.example/{i}",
                       "description": "The match ended in a draw."} for i in range(3)])
    url = feed_server.route("/sport.xml", [xml_reply(off_topic, ETag='"v1"'), Reply(304)])
    config = make_config(feed("Sport", url, keep="relevant"))
    first, _ = fetch(config, db_path)
    assert (by_feed(first)["Sport"].status, by_feed(first)["Sport"].filtered) == ("filtered", 3)
    second, _ = fetch(config, db_path)
    assert by_feed(second)["Sport"].status == "unchanged"  # a 304 is unchanged; the filtered count stays
    with Store(db_path) as store:
        state = store.feed_states()["Sport"]
    assert (state.last_filtered, state.health) == (3, "ok")


def test_user_agent_names_briefing_not_example_org_and_a_feed_can_set_its_own(feed_server, db_path):
    body = xml_reply(shapes.rferl(NOW))
    feed_server.route("/plain.xml", body)
    feed_server.route("/picky.xml", body)
    config = make_config(feed("Plain", feed_server.url("/plain.xml")),
                         feed("Picky", feed_server.url("/picky.xml"), user_agent="Mozilla/5.0 (briefing)"))
    fetch(config, db_path)
    sent = feed_server.hits("/plain.xml")[0].headers["user-agent"]
    assert sent == USER_AGENT and sent.startswith("briefing/") and "example.org" not in sent
    assert feed_server.hits("/picky.xml")[0].headers["user-agent"] == "Mozilla/5.0 (briefing)"


def test_a_polite_minimum_interval_holds_even_for_fetch_all(feed_server, db_path):
    url = feed_server.route("/mod.xml", xml_reply(shapes.rferl(NOW)))
    config = make_config(feed("MoD", url, min_interval_minutes=60), feed("Other", feed_server.route(
        "/other.xml", xml_reply(shapes.wordpress(NOW)))))
    fetch(config, db_path)
    outcomes, _ = fetch(config, db_path)  # forced, a moment later
    assert set(by_feed(outcomes)) == {"Other"}
    assert len(feed_server.hits("/mod.xml")) == 1
    with Store(db_path) as store:
        state = store.feed_states()["MoD"]
    assert state.next_due - state.last_fetched >= timedelta(minutes=60)


def test_summaries_lose_pointers_and_bare_links_but_keep_real_text_and_annotated_links():
    from briefing.fetch.parse import clean_summary

    link = "https://site.example/a/1"
    text = ("Shelling was reported near Tegh.\n\nhttps://site.example/a/1?utm_source=rss\n\n"
            "Photo (https://cdn.example/p.JPG) and the ministry's statement (https://mil.example.am/s).\n\n"
            "Read more\n\nПодробнее...\n\nSee https://t.co/xyz for the video.")
    assert clean_summary(text, link) == ("Shelling was reported near Tegh.\n\n"
                                         "Photo and the ministry's statement (https://mil.example.am/s).\n\n"
                                         "See for the video.")
    assert clean_summary("Plain text, nothing to clean.", link) == "Plain text, nothing to clean."
    assert clean_summary("Talks resumed. Read more (https://other.example/x.html)", link) == "Talks resumed."
    assert clean_summary("Talks resumed. Читать далее…", link) == "Talks resumed."
    assert clean_summary("You can read more about the talks in the report.", link) == \
        "You can read more about the talks in the report."


def test_turbo_and_rambler_full_text_fill_empty_descriptions_and_relative_links_resolve():
    from briefing.fetch.parse import parse_feed

    body = (
        '<?xml version="1.0"?><rss version="2.0" xmlns:turbo="http://turbo.yandex.ru" '
        'xmlns:rambler="http://news.rambler.ru"><channel><title>City news</title><link>https://city.example.ru/</link>'
        '<item turbo="true"><title>Turbo</title><link>/news/1</link><description></description>'
        '<turbo:content><![CDATA[<header><h1>Turbo</h1></header><p>Обстрел у границы с Арменией.</p>]]>'
        '</turbo:content></item>'
        '<item><title>Rambler</title><link>/news/2</link><description/>'
        '<rambler:full-text>Переговоры Армении и Азербайджана продолжатся.</rambler:full-text></item>'
        '</channel></rss>'
    ).encode()
    stories = parse_feed(body, "https://city.example.ru/rss", "City", keep="relevant").stories
    assert [(s.url, s.summary) for s in stories] == [
        ("https://city.example.ru/news/1", "Turbo\n\nОбстрел у границы с Арменией."),
        ("https://city.example.ru/news/2", "Переговоры Армении и Азербайджана продолжатся."),
    ]
