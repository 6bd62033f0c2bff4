"""Pilot tests: every binding, checked on screen and in the database."""

from __future__ import annotations

import re
import socket
import webbrowser
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from textual.widgets import Checkbox, Input, Select, Static

from briefing.app import BriefingApp
from briefing.config import Config, Settings
from briefing.app.screens.confirm import ConfirmScreen
from briefing.app.screens.filter import FilterScreen
from briefing.app.screens.help import HelpScreen
from briefing.app.screens.incidents import IncidentsScreen
from briefing.app.screens.search import SearchScreen
from briefing.app.screens.tag_picker import TagPicker
from briefing.app.widgets.reader import Reader
from briefing.app.widgets.sidebar import Sidebar
from briefing.app.widgets.story_list import StoryList
from briefing.models import Claim, Feed, FetchOutcome, Incident, Story
from briefing.store import Store, StoryFilter

from .conftest import NOW
from .helpers import lists_option, press, region_text, screen_text, settle, toast_saying, toasts, wait_for

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # so `feedserver` imports from any test dir
from feedserver import FeedServer, Reply, rss, xml_reply  # noqa: E402

SIZE = (120, 36)


def make_app(sample_db) -> BriefingApp:
    config, path = sample_db
    return BriefingApp(config, path, fetch_on_start=False, now=NOW)


def newest(path: Path, n: int = 0) -> Story:
    with Store(path) as store:
        return store.story_window(StoryFilter(collapse_clusters=True), n, 1)[0]


def db_story(path: Path, story_id: str) -> Story:
    with Store(path) as store:
        story = store.get_story(story_id)
        assert story is not None
        return story


async def test_first_screen_lists_sources_stories_and_status(sample_db):
    app = make_app(sample_db)
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await settle(pilot)  # the sidebar's counts are read in a worker
        text = screen_text(app)
        first = newest(sample_db[1])
        assert first.title[:30] in text
        for origin in ("Armenia", "Azerbaijan", "Russia", "International"):
            assert origin in text
        assert "All stories 66" in text
        assert "1/66" in text
        assert isinstance(app.focused, StoryList)


async def test_j_k_and_arrows_move_the_cursor(sample_db):
    app = make_app(sample_db)
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await press(pilot, "j", "j", "down")
        assert app.story_list.cursor == 3
        assert "4/66" in screen_text(app)
        await press(pilot, "k", "up")
        assert app.story_list.cursor == 1
        await press(pilot, "end")
        assert app.story_list.cursor == 65
        await press(pilot, "home", "pagedown")
        assert app.story_list.cursor > 5
        await press(pilot, "pageup")
        assert app.story_list.cursor == 0
        await press(pilot, "G")
        assert "66/66" in screen_text(app)
        await press(pilot, "g")
        assert app.story_list.cursor == 0


async def test_enter_opens_the_story_and_marks_it_read(sample_db):
    app = make_app(sample_db)
    path = sample_db[1]
    second = db_story(path, newest(path, 1).id)  # with its text (list rows carry none)
    assert len(second.summary.split()) > 6
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await press(pilot, "j", "enter")
        await pilot.pause()
        assert app.reader.story is not None and app.reader.story.id == second.id
        reader = " ".join(region_text(app, "#reader").split())  # words, whatever the wrapping
        assert " ".join(second.title.split()[:5]) in reader
        assert reader.count(second.feed) >= 1 and second.url[:30] in reader
        assert " ".join(second.summary.split()[:6]) in reader  # the story's own text
        assert db_story(path, second.id).read
        assert "●" not in screen_text(app).splitlines()[1]  # its row no longer says unread


async def test_tab_moves_between_panes(sample_db):
    app = make_app(sample_db)
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await settle(pilot)  # the first rows are read in a worker
        assert isinstance(app.focused, StoryList)
        await press(pilot, "tab")
        assert isinstance(app.focused, Reader)
        seen = set()
        for _ in range(5):
            await press(pilot, "tab")
            seen.add(type(app.focused))
        assert {Sidebar, StoryList, Reader} <= seen
        while not isinstance(app.focused, Reader):
            await press(pilot, "tab")
        await press(pilot, "shift+tab")
        assert isinstance(app.focused, StoryList)


async def test_t_tags_with_a_new_tag_and_toggles_it_off(sample_db):
    app = make_app(sample_db)
    path = sample_db[1]
    story = newest(path)
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await press(pilot, "t")
        assert isinstance(app.screen, TagPicker)
        await press(pilot, *"ceasefire", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, TagPicker)
        with Store(path) as store:
            assert store.story_tags(story.id) == ["ceasefire"]
        assert " ceasefire " in screen_text(app)
        # Picking an existing tag the story has takes it off again.
        await press(pilot, "t")
        await press(pilot, *"cease")
        assert "✓ ceasefire" in screen_text(app)
        await press(pilot, "down", "enter")
        await pilot.pause()
        with Store(path) as store:
            assert store.story_tags(story.id) == []


async def test_quick_tags_1_to_9_toggle_and_persist(sample_db):
    app = make_app(sample_db)
    config, path = sample_db
    story = newest(path)
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await settle(pilot)  # the first rows are read in a worker
        for n, tag in enumerate(config.quick_tags, start=1):
            await press(pilot, str(n))
            with Store(path) as store:
                assert tag in store.story_tags(story.id)
        assert "incident" in screen_text(app)
        await press(pilot, "1")
        with Store(path) as store:
            assert "incident" not in store.story_tags(story.id)
        # Keys past the configured quick tags say so instead of doing nothing.
        for n in range(len(config.quick_tags) + 1, 10):
            await press(pilot, str(n))
        # the last of those toasts, however slowly a loaded machine draws them
        await toast_saying(pilot, "No quick tag 9", timeout=20)


async def test_s_stars_and_m_toggles_read(sample_db):
    app = make_app(sample_db)
    path = sample_db[1]
    story = newest(path)
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await press(pilot, "s")
        assert db_story(path, story.id).starred
        assert "★" in screen_text(app).splitlines()[0]
        await press(pilot, "s")
        assert not db_story(path, story.id).starred
        await press(pilot, "m")
        assert db_story(path, story.id).read
        await press(pilot, "m")
        assert not db_story(path, story.id).read


async def test_slash_searches_full_text(sample_db):
    app = make_app(sample_db)
    path = sample_db[1]
    with Store(path) as store:
        expected = store.count_stories(StoryFilter(query="Lachin", collapse_clusters=True))
    assert expected > 0
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await press(pilot, "slash")
        assert isinstance(app.screen, SearchScreen)
        await press(pilot, *"Lachin", "enter")
        await pilot.pause()
        assert app.story_list.story_count == expected
        text = screen_text(app)
        assert "search “Lachin”" in text
        assert f"1/{expected}" in text


async def test_a_long_search_shows_its_first_hits_at_once_and_says_at_least_until_counted(sample_db, monkeypatch):
    """A common word at a million stories: the list and "1/7+" first, the exact total once counted."""
    import threading

    import briefing.app.widgets.story_list as story_list

    app = make_app(sample_db)
    with Store(sample_db[1]) as store:
        expected = store.count_stories(StoryFilter(query="Lachin", collapse_clusters=True))
    monkeypatch.setattr(story_list, "COUNT_FIRST", expected - 1)  # this sample's "common word"
    counting = threading.Event()

    class SlowCounter(Store):  # the background count takes its time, as at a million stories
        def count_stories(self, f=None, at_most=None):
            counting.wait(10)
            return super().count_stories(f, at_most)

    monkeypatch.setattr(story_list, "Store", SlowCounter)
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"Lachin", "enter")
        await wait_for(pilot, lambda: app.story_list.filter.query == "Lachin")  # the first rows, read in a job
        await pilot.pause()
        assert app.story_list.story_count == expected - 1
        assert f"1/{expected - 1}+" in screen_text(app)
        counting.set()
        await settle(pilot)
        assert app.story_list.story_count == expected
        assert f"1/{expected}" in screen_text(app) and f"1/{expected}+" not in screen_text(app)


async def test_a_search_with_nothing_to_find_says_so_and_keeps_the_list(sample_db):
    app = make_app(sample_db)
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await press(pilot, "slash", *"Lachin", "enter")
        await pilot.pause()
        found = app.story_list.story_count
        assert 0 < found < 66
        for query in ('"', "AND OR", "*", "-", "( )"):
            await press(pilot, "slash")
            await press(pilot, *query, "enter")
            await pilot.pause()
            assert app.is_running
            # Nothing to search for: the dialog says so in words and stays open.
            assert isinstance(app.screen, SearchScreen), query
            assert "Nothing to search for there" in screen_text(app)
            assert "fts5" not in screen_text(app) and not (await toasts(pilot))
            await press(pilot, "escape")
            # The previous search stays as it was.
            assert app.story_list.filter.query == "Lachin" and app.story_list.story_count == found
            assert "search “Lachin”" in screen_text(app)


async def test_a_search_with_no_hits_says_so_and_how_to_get_back(sample_db):
    app = make_app(sample_db)
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await press(pilot, "slash", *"zzyzx", "enter")
        await pilot.pause()
        assert app.story_list.story_count == 0
        text = screen_text(app)
        assert "No stories match: search “zzyzx”." in text
        assert "Press esc to show every story." in text
        await press(pilot, "escape")
        assert app.story_list.story_count == 66


async def test_f_filters_by_unread_and_clears(sample_db):
    app = make_app(sample_db)
    path = sample_db[1]
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await press(pilot, "m")  # one story read
        await press(pilot, "f")
        assert isinstance(app.screen, FilterScreen)
        app.screen.query_one("#unread", Checkbox).value = True
        await pilot.click("#apply")
        await settle(pilot)
        assert app.story_list.filter.unread
        assert app.story_list.story_count == 65
        assert "unread" in screen_text(app)
        # Origin and a date range, typed into the form.
        await press(pilot, "f")
        app.screen.query_one("#since", Input).value = (NOW - timedelta(days=7)).date().isoformat()
        await pilot.click("#apply")
        await settle(pilot)
        with Store(path) as store:
            expected = store.count_stories(
                StoryFilter(unread=True, since=app.story_list.filter.since, collapse_clusters=True)
            )
        assert app.story_list.story_count == expected < 65
        # A bad date is reported in the form, not applied.
        await press(pilot, "f")
        app.screen.query_one("#until", Input).value = "yesterday"
        await pilot.click("#apply")
        await settle(pilot)
        assert isinstance(app.screen, FilterScreen)
        assert "not a date" in screen_text(app)
        await press(pilot, "escape")
        await press(pilot, "escape")  # clear every filter
        assert app.story_list.story_count == 66


async def test_f_filters_by_origin_and_starred_and_says_so(sample_db):
    app = make_app(sample_db)
    path = sample_db[1]
    with Store(path) as store:
        russian = store.story_window(StoryFilter(origin="russia", collapse_clusters=True), 0, 10)
        store.set_starred(russian[0].id, True)
        store.set_starred(newest(path).id, True)  # starred, but not Russian
    assert len(russian) >= 2 and newest(path).origin != "russia"
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await press(pilot, "f")
        app.screen.query_one("#origin", Select).value = "russia"
        await pilot.click("#apply")
        await settle(pilot)
        assert app.story_list.story_count == len(russian)
        assert "1/" + str(len(russian)) in screen_text(app)
        await press(pilot, "f")
        assert app.screen.query_one("#origin", Select).value == "russia"  # the form shows what is applied
        app.screen.query_one("#starred", Checkbox).value = True
        await pilot.click("#apply")
        await settle(pilot)
        assert app.story_list.story_count == 1 and app.story_list.current.id == russian[0].id
        assert "starred" in screen_text(app)
        await press(pilot, "f")
        await pilot.click("#clear")
        await settle(pilot)
        assert app.story_list.story_count == 66


async def test_incidents_only_filter(sample_db):
    app = make_app(sample_db)
    path = sample_db[1]
    story = newest(path, 2)
    with Store(path) as store:
        store.set_has_incident([(story.id, True)])
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await settle(pilot)  # the first rows are read in a worker
        assert "▲" in screen_text(app).splitlines()[2]
        await press(pilot, "f")
        app.screen.query_one("#incidents", Checkbox).value = True
        await pilot.click("#apply")
        await settle(pilot)
        assert app.story_list.story_count == 1
        assert app.story_list.current.id == story.id


async def test_o_opens_only_http_links(sample_db, monkeypatch):
    app = make_app(sample_db)
    path = sample_db[1]
    opened: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, **kw: opened.append(url))
    monkeypatch.setattr(webbrowser, "get", lambda *a: object())  # a browser is installed
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await press(pilot, "o")
        assert opened == [newest(path).url]
        with Store(path) as store:
            store.save_stories("Armenpress", [Story(feed="Armenpress", title="Bad link", url="file:///etc/passwd",
                                                    guid="bad-link", published=NOW + timedelta(hours=1))])
        app.poll_changes()
        await press(pilot, "home", "o")
        await pilot.pause()
        assert app.story_list.current.title == "Bad link"
        assert opened == [newest(path, 1).url]
        await toast_saying(pilot, "no web link")


@pytest.fixture
def feed_server():
    server = FeedServer().start()
    yield server
    server.stop()


async def test_a_fetched_incident_report_gets_its_claim_and_leaves_nothing_pending(sample_db, feed_server):
    """After the app's fetch the new stories are processed (in a worker process, away from the screen):
    the report's claim is stored and nothing is left for the next run."""
    config, path = sample_db
    feed_server.route("/tass.xml", xml_reply(rss([{
        "title": "Two servicemen wounded near Sotk", "guid": "sotk", "link": "https://tass.example/sotk",
        "description": "Armenia's Defence Ministry said two servicemen were wounded near Sotk by Azerbaijani fire.",
        "pubDate": NOW + timedelta(hours=2)}])))
    config.settings = Settings(connect_timeout=2, read_timeout=2, total_timeout=5, retries=0)
    config.feeds = [f for f in config.feeds if f.name == "TASS"]
    config.feeds[0].url = feed_server.url("/tass.xml")
    app = BriefingApp(config, path, fetch_on_start=False, now=NOW)
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "r")
        await wait_for(pilot, lambda: "Two servicemen wounded" in screen_text(app))
        await app.workers.wait_for_complete()
    with Store(path) as store:
        [story] = [s for s in store.story_window(StoryFilter(), 0, 50) if s.title.startswith("Two servicemen")]
        [claim] = store.claims_for_story(story.id)
        assert (claim.claimant, claim.wounded, claim.incident_id != "") == ("Armenia", 2, True)
        assert store.pending_count() == 0


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def test_r_fetches_in_a_worker_and_reports_failures(sample_db, feed_server):
    """A real fetch from 127.0.0.1: one feed brings a story, one fails with a hostile reason phrase.

    `r` is "fetch now": a healthy feed fetched a moment ago is fetched again, but
    feeds backing off after errors (or told to wait by Retry-After) are left alone.
    """
    config, path = sample_db
    feed_server.route("/tass.xml", xml_reply(rss([{"title": "Fresh from the fetcher", "guid": "fresh",
                                                    "link": "https://tass.example/fresh",
                                                    "pubDate": NOW + timedelta(hours=2)}])))
    feed_server.route("/newsam.xml", Reply(499, reason="[b]x[/b] [@click=app.quit]y[/]"))
    fast = Settings(connect_timeout=2, read_timeout=2, total_timeout=5, retries=1)
    config.settings = fast
    with Store(path) as store:
        later = datetime.now(timezone.utc) + timedelta(hours=1)
        for feed in config.feeds:
            if feed.name == "TASS":  # fetched a moment ago, healthy: not due, but `r` fetches it
                feed.url = feed_server.url("/tass.xml")
                store.record_outcome(FetchOutcome(feed.name, "unchanged"), later)
            elif feed.name == "News.am":
                feed.url = feed_server.url("/newsam.xml")
            else:  # failed a moment ago and backing off: `r` leaves it alone
                store.record_outcome(FetchOutcome(feed.name, "error", error="HTTP 503"), later)
    app = BriefingApp(config, path, fetch_on_start=False, now=NOW)
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await settle(pilot)  # the first rows are read in a worker
        assert feed_server.requests == []
        await press(pilot, "r")
        await wait_for(pilot, lambda: "Fresh from the fetcher" in screen_text(app))
        assert app.story_list.cursor == 1  # the cursor stayed on the story it was on
        assert app.story_list.current.title.startswith("Opinion")
        # Drawn as text, never as markup: the brackets are on screen.
        await toast_saying(pilot, "News.am: HTTP 499 [b]x[/b] [@click=app.quit]y[/]")
        await settle(pilot)
        assert "1 new, 1 failed" in screen_text(app)
        assert app.is_running
    assert len(feed_server.hits("/tass.xml")) == 1 and len(feed_server.hits("/newsam.xml")) == 1
    with Store(path) as store:
        untouched = [s for name, s in store.feed_states().items() if name not in ("TASS", "News.am")]
        assert untouched and all(s.last_error == "HTTP 503" for s in untouched)
    with Store(path) as store:
        assert store.count_stories(StoryFilter(query="fetcher")) == 1
        assert store.feed_states()["News.am"].last_error == "HTTP 499 [b]x[/b] [@click=app.quit]y[/]"


async def test_the_reader_fetches_at_start_and_again_every_interval(tmp_path, feed_server):
    first = {"title": "Morning report from Tavush", "guid": "m", "pubDate": NOW}
    second = {"title": "Evening report from Syunik", "guid": "e", "pubDate": NOW + timedelta(hours=8)}
    url = feed_server.route("/a.xml", [xml_reply(rss([first])), xml_reply(rss([first, second]))])
    config = Config(feeds=[Feed(name="Outlet", url=url, origin="armenia", keep="all")],
                    settings=Settings(fetch_interval_minutes=0.01, connect_timeout=2, read_timeout=2,
                                      total_timeout=5))
    app = BriefingApp(config, tmp_path / "auto.db", now=NOW)
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await wait_for(pilot, lambda: "Morning report from Tavush" in screen_text(app), timeout=10)
        # Nobody presses r: the interval (0.6 s here) fetches again, and the new story shows up.
        await wait_for(pilot, lambda: "Evening report from Syunik" in screen_text(app), timeout=10)
        assert app.story_list.story_count == 2
    assert len(feed_server.hits("/a.xml")) >= 2


async def test_a_feed_slower_than_the_interval_still_brings_its_stories(tmp_path, feed_server):
    """The interval comes round while a fetch still waits on a slow server: that fetch finishes.

    (Once, each tick started a new fetch that cancelled the running one, so with a feed slower than
    the interval nothing was ever fetched: the status said "fetching…" for ever.)"""
    story = {"title": "Slow report from Gegharkunik", "guid": "slow", "pubDate": NOW}

    def slow(request):
        feed_server.stopping.wait(2.0)  # three ticks of the interval, well inside the read timeout
        return xml_reply(rss([story]))

    url = feed_server.route("/slow.xml", slow)
    config = Config(feeds=[Feed(name="Slow outlet", url=url, origin="armenia", keep="all")],
                    settings=Settings(fetch_interval_minutes=0.01, connect_timeout=2, read_timeout=8,
                                      total_timeout=10, retries=0))
    path = tmp_path / "slow.db"
    app = BriefingApp(config, path, now=NOW)  # fetches at start, then every 0.6 s
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        # Watched for from the start: the next tick's fetch (nothing new) follows within seconds.
        await toast_saying(pilot, "1 feed fetched: 1 new story.", timeout=20)
        await wait_for(pilot, lambda: "Slow report from Gegharkunik" in screen_text(app), timeout=10)
        assert app.story_list.story_count == 1
    with Store(path) as store:
        assert store.count_stories(StoryFilter(query="Gegharkunik")) == 1
        state = store.feed_states()["Slow outlet"]
        assert state.last_fetched is not None and state.last_error is None


async def test_fetch_crash_becomes_a_notification(sample_db, monkeypatch):
    import briefing.fetch as fetch_module

    async def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(fetch_module, "fetch_feeds", broken)
    app = make_app(sample_db)
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await press(pilot, "r")
        await toast_saying(pilot, "disk on fire")
        assert app.is_running
        assert "fetch failed" in screen_text(app)


async def test_first_launch_with_no_network_lists_errors_and_points_to_demo(tmp_path):
    from .conftest import sample_config

    config = sample_config()
    port = closed_port()
    for feed in config.feeds:
        feed.url = f"http://127.0.0.1:{port}/{feed.name}.xml"
    app = BriefingApp(config, tmp_path / "empty.db", now=NOW)  # fetches at start, for real
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await wait_for(pilot, lambda: "briefing demo" in screen_text(app), timeout=15)
        text = screen_text(app)
        assert "No stories yet: every feed failed to fetch." in text
        assert f"{config.feeds[0].name}: cannot connect: Connection refused" in text


async def test_e_exports_todays_digest_to_the_data_directory_and_says_where(sample_db, isolated_dirs):
    app = make_app(sample_db)
    expected = isolated_dirs / ".local/share/briefing/digests" / f"digest-{NOW.date().isoformat()}.md"
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await press(pilot, "e")
        assert (await toast_saying(pilot, "Digest")) == [f"Digest written to {expected}"]
    text = expected.read_text(encoding="utf-8")
    assert text.startswith(f"# Briefing for {NOW.date().isoformat()}\n")
    from briefing.digest.markdown import text as md_text

    assert md_text(newest(sample_db[1]).title) in text  # today's newest story is in it


def add_incident(store: Store, story: Story, killed: int = 3) -> None:
    """What the pipeline would store for a story reporting a clash today: one claim, one incident."""
    day = NOW.date()
    store.replace_machine_claims({story.id: [
        Claim(claimant="Armenia", side_affected="Armenia", event_date=day, killed=killed, story_id=story.id,
              incident_id=f"inc-{story.id}", locations=["Sotk"], event_type="armed clash"),
    ]})
    store.save_incidents([Incident(id=f"inc-{story.id}", event_date=day, locations=["Sotk"],
                                   event_type="armed clash", claims=store.claims_for_story(story.id))])


def tally_text(app: BriefingApp) -> str:
    """The tally panel's text with its continuation lines joined back on (a narrow panel breaks them)."""
    return re.sub(r"\n   ", " ", str(app.tally.query_one("#tally-text", Static).render()))


async def test_i_and_the_tally_panel_open_the_incidents_screen_at_30_days(sample_db):
    app = make_app(sample_db)
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await press(pilot, "i")
        await pilot.pause()
        assert isinstance(app.screen, IncidentsScreen) and app.screen.days == 30
        assert "Incidents · 30 days (2025-05-06 to 2025-06-04)" in screen_text(app)
        await press(pilot, "escape")
        await pilot.click("#tally")
        await pilot.pause()
        assert isinstance(app.screen, IncidentsScreen) and app.screen.days == 30


async def test_a_correction_refreshes_the_tally_and_the_incident_marks(sample_db):
    app = make_app(sample_db)
    path = sample_db[1]
    story = newest(path)
    with Store(path) as store:
        add_incident(store, story)
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await settle(pilot)
        assert "Armenia: 3 killed (Armenia says)" in tally_text(app)
        assert "▲" in screen_text(app).splitlines()[0]
        await press(pilot, "i")
        await settle(pilot)
        await press(pilot, "enter", "x")  # into the Armenia column; reject the claim
        await settle(pilot)
        # The app's own connection wrote this, which the data_version poll never sees: the
        # Corrected message must refresh the panes, and at once.
        assert "(Armenia says)" not in tally_text(app)
        await press(pilot, "c")  # restore it
        await settle(pilot)
        assert "Armenia: 3 killed (Armenia says)" in tally_text(app)
        await press(pilot, "n")  # the story does not report an incident after all
        await press(pilot, "escape")
        await settle(pilot)
        assert isinstance(app.screen.focused, StoryList)
        assert "▲" not in screen_text(app).splitlines()[0]
        assert "(Armenia says)" not in tally_text(app)


async def test_q_quits(sample_db):
    app = make_app(sample_db)
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await press(pilot, "q")
        await pilot.pause()
    assert app.return_code == 0 and not app.is_running


async def test_mark_all_read_asks_first_and_u_undoes(sample_db):
    app = make_app(sample_db)
    path = sample_db[1]
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await press(pilot, "A")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Mark 66 unread stories read?" in screen_text(app)
        await press(pilot, "n")
        with Store(path) as store:
            assert store.count_stories(StoryFilter(unread=True)) == 66
        await press(pilot, "j", "j", "A", "y")
        await pilot.pause()
        with Store(path) as store:
            assert store.count_stories(StoryFilter(unread=True)) == 0
        assert app.story_list.cursor == 2
        assert "●" not in screen_text(app)
        await press(pilot, "u")
        await pilot.pause()
        with Store(path) as store:
            assert store.count_stories(StoryFilter(unread=True)) == 66
        assert "●" in screen_text(app)


async def test_mark_all_read_respects_the_filter(sample_db):
    app = make_app(sample_db)
    path = sample_db[1]
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await settle(pilot)  # the first rows are read in a worker
        app.apply_filter(StoryFilter(origin="russia", collapse_clusters=True))
        await press(pilot, "A", "y")
        await pilot.pause()
        with Store(path) as store:
            assert store.count_stories(StoryFilter(unread=True)) == 62


async def test_question_mark_lists_every_key(sample_db):
    app = make_app(sample_db)
    async with app.run_test(notifications=True, size=(120, 100)) as pilot:
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for words in ("Tag", "Star", "Read/unread", "Search", "Filter", "Fetch", "Digest", "Incidents",
                      "Mark all read", "Undo", "Quit", "Open link", "Quick tag 9", "Other sources",
                      "Quick tag 1: incident", "Reject", "Edit figures", "story_list.star", "app.quit"):
            assert words in text, words
        await press(pilot, "escape")
        assert not isinstance(app.screen, HelpScreen)


def help_keys(text: str, description: str) -> str:
    """The keys the help dialog lists for an action (rows are: keys, description, binding id)."""
    rows = [line.split("│")[1] for line in text.splitlines() if line.count("│") >= 2]
    return next(m[1] for row in rows if (m := re.match(rf"\s+(\S.*?)\s\s+{re.escape(description)}\s\s", row)))


async def test_keys_from_feeds_toml_are_used_and_shown_everywhere(sample_db):
    config, path = sample_db
    config.keymap = {"story_list.star": "z", "app.help": "f1", "story_list.tgas": "T"}
    story = newest(path)
    app = BriefingApp(config, path, fetch_on_start=False, now=NOW)
    async with app.run_test(notifications=True, size=(120, 100)) as pilot:
        await settle(pilot)  # the first rows are read in a worker
        await toast_saying(pilot, "'story_list.tgas'")  # a typo is reported
        await press(pilot, "s")
        assert not db_story(path, story.id).starred  # s no longer stars
        await press(pilot, "z")
        assert db_story(path, story.id).starred
        assert "z Star" in screen_text(app).splitlines()[-1]  # the footer
        palette = {title: keys for title, keys, *_ in app.palette_actions()}
        assert palette["Star"] == "z" and palette["Keys"] == "f1"
        await press(pilot, "question_mark")
        assert not isinstance(app.screen, HelpScreen)
        await press(pilot, "f1")
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert help_keys(text, "Star") == "z"
        assert help_keys(text, "Keys") == "f1"
        assert help_keys(text, "Tag") == "t"


async def test_command_palette_lists_the_same_actions(sample_db):
    app = make_app(sample_db)
    path = sample_db[1]
    story = newest(path)
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await settle(pilot)  # the first rows are read in a worker
        titles = [t for t, *_ in app.palette_actions()]
        for title in ("Star", "Tag", "Mark all read", "Fetch", "Digest", "Incidents", "Search", "Filter"):
            assert title in titles
        await press(pilot, "ctrl+p")
        await press(pilot, *"Star")
        await wait_for(pilot, lambda: "Star" in screen_text(app))
        await press(pilot, "enter")
        await wait_for(pilot, lambda: db_story(path, story.id).starred)


async def test_mouse_click_selects_and_double_click_opens(sample_db):
    app = make_app(sample_db)
    path = sample_db[1]
    third = newest(path, 2)
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await settle(pilot)  # the first rows are read in a worker
        await pilot.click("#stories", offset=(20, 2))
        assert app.story_list.cursor == 2
        await pilot.double_click("#stories", offset=(20, 2))
        await settle(pilot)
        assert app.reader.story is not None and app.reader.story.id == third.id


async def test_sidebar_filters_by_source_and_tag(sample_db):
    app = make_app(sample_db)
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await press(pilot, "1")  # tag the newest story "incident"
        sidebar = app.sidebar

        await wait_for(pilot, lambda: lists_option(sidebar, "tag:incident"))  # the sidebar re-counts a moment later
        sidebar.focus()
        sidebar.highlighted = sidebar.get_option_index("feed:TASS")
        await press(pilot, "enter")
        await pilot.pause()
        assert app.story_list.filter.feeds == ("TASS",)
        assert app.story_list.story_count == 3
        assert isinstance(app.focused, StoryList)
        sidebar.highlighted = sidebar.get_option_index("tag:incident")
        sidebar.action_select()
        await settle(pilot)
        assert app.story_list.story_count == 1
        assert "Tag: incident" in screen_text(app)


async def test_the_footer_offers_rename_and_delete_only_on_a_tag_however_often_counts_refresh(sample_db):
    app = make_app(sample_db)
    async with app.run_test(notifications=True, size=(160, 36)) as pilot:
        await press(pilot, "1")  # tag the newest story "incident"
        sidebar = app.sidebar

        await wait_for(pilot, lambda: lists_option(sidebar, "tag:incident"))
        sidebar.focus()
        sidebar.highlighted = sidebar.get_option_index("tag:incident")
        await wait_for(pilot, lambda: "Rename tag" in screen_text(app))
        app.refresh_counts()  # the entries are rebuilt from fresh counts: the tag stays highlighted, R too
        await settle(pilot)
        assert sidebar.highlighted_option.id == "tag:incident" and "Rename tag" in screen_text(app)
        sidebar.highlighted = sidebar.get_option_index("feed:TASS")
        await wait_for(pilot, lambda: "Rename tag" not in screen_text(app))
        app.refresh_counts()
        await settle(pilot)
        assert "Rename tag" not in screen_text(app) and "Delete tag" not in screen_text(app)


async def test_failed_feed_is_marked_in_the_sidebar(sample_db):
    app = make_app(sample_db)
    path = sample_db[1]
    with Store(path) as store:
        store.record_outcome(FetchOutcome("TASS", "error", error="HTTP 503", health="server error"), None)
        store.record_outcome(FetchOutcome("Trend", "unchanged", health="stale"), None)
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await settle(pilot)  # the first rows are read in a worker
        # The sidebar's counts and marks are read in a worker.
        await wait_for(pilot, lambda: "TASS ✗" in screen_text(app) and "Trend ✗" in screen_text(app), timeout=10)
        app.sidebar.highlighted = app.sidebar.get_option_index("feed:TASS")
        await wait_for(pilot, lambda: "TASS: server error: HTTP 503" in screen_text(app))  # `briefing feeds`' word
        app.sidebar.highlighted = app.sidebar.get_option_index("feed:Trend")
        await wait_for(pilot, lambda: "Trend: stale: its newest story is months old" in screen_text(app))


HOSTILE = "[@click=app.quit]x[/] [b]bold[/b] [link='file:///etc/passwd']y[/link] \x1b[31mred\x1b]0;pwned\x07"


async def test_hostile_title_is_shown_literally_and_clicking_it_does_nothing(sample_db):
    app = make_app(sample_db)
    path = sample_db[1]
    with Store(path) as store:
        store.save_stories("TASS", [Story(feed="TASS", title=HOSTILE, summary="[red]body[/red] \x1b[2J",
                                          url="javascript:alert(1)", guid="hostile",
                                          published=NOW + timedelta(hours=1))])
        store.add_tag(newest(path).id, "[b]tag[/b]")
    async with app.run_test(notifications=True, size=(160, 40)) as pilot:
        await settle(pilot)  # the first rows are read in a worker
        text = screen_text(app)
        assert "[@click=app.quit]x[/] [b]bold[/" in text  # the row (cut to its width beside the tag chip)
        assert "\x1b" not in text
        # Click the very characters of the would-be link, then open the story and click the reader title.
        await pilot.click("#stories", offset=(30, 0))
        await pilot.click("#stories", offset=(32, 0))
        await press(pilot, "enter")
        await pilot.pause()
        await pilot.click("#reader-title", offset=(1, 0))
        await pilot.pause()
        assert app.is_running
        text = screen_text(app)
        assert "[@click=app.quit]x[/] [b]bold[/b]" in text and "[link='file:///etc/passwd']y[/link]" in text
        assert "\x1b" not in text
        assert "[red]body[/red]" in text
        assert "(no web link)" in text
        assert "Tags: [b]tag[/b]" in text


async def test_what_fetch_watch_writes_appears_without_moving_the_cursor(sample_db):
    """Stories, then their claims and incidents, written by another connection (`briefing fetch --watch`)."""
    app = make_app(sample_db)
    path = sample_db[1]
    async with app.run_test(notifications=True, size=(100, 24)) as pilot:
        await press(pilot, *["j"] * 12, "enter")
        await pilot.pause()
        story = app.story_list.current
        before_row = app.story_list.cursor - round(app.story_list.scroll_y)
        reader_before = app.reader.story.id
        assert "7 killed" not in tally_text(app)
        with Store(path) as other:  # another connection, like `briefing fetch --watch`
            saved = other.save_stories("TASS", [
                Story(feed="TASS", title=f"Breaking {n}", guid=f"b{n}", published=NOW + timedelta(minutes=n))
                for n in range(1, 4)
            ])
            # The fetcher's pipeline step commits separately, after the stories.
            [clash] = other.stories_by_ids(saved.new_ids[:1], full=False)
            add_incident(other, clash, killed=7)
        await wait_for(pilot, lambda: app.story_list.story_count == 69, timeout=6)  # the 2 s poll
        await wait_for(pilot, lambda: "Armenia: 7 killed (Armenia says)" in tally_text(app), timeout=6)
        await pilot.pause()
        assert app.story_list.current.id == story.id
        assert app.story_list.cursor == 15
        assert app.story_list.cursor - round(app.story_list.scroll_y) == before_row
        assert app.reader.story.id == reader_before
        assert "16/69" in screen_text(app)
        assert "Today  1 incident" in tally_text(app)


async def test_near_duplicates_show_as_one_row_and_x_expands(sample_db):
    app = make_app(sample_db)
    path = sample_db[1]
    with Store(path) as store:
        store.save_stories("TASS", [Story(feed="TASS", title="Peace treaty signed in Washington",
                                          guid="p1", published=NOW + timedelta(hours=1))])
        store.save_stories("News.am", [Story(feed="News.am", title="Peace treaty signed in Washington today",
                                             guid="p2", published=NOW + timedelta(hours=2))])
        from briefing.clusters import cluster_stories

        store.set_clusters(cluster_stories(store.stories_between(NOW, NOW + timedelta(days=1), full=False)))
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await settle(pilot)  # the first rows are read in a worker
        assert app.story_list.story_count == 67
        first_line = screen_text(app).splitlines()[0]
        assert re.search(r"\+1 source(?!s)", first_line) and "News.am" in first_line
        await press(pilot, "x")
        assert app.story_list.row_count == 68
        lines = screen_text(app).splitlines()
        assert "└ TASS" in lines[1]
        await press(pilot, "j", "enter")
        await pilot.pause()
        assert app.reader.story.feed == "TASS"
        await press(pilot, "x")
        assert app.story_list.row_count == 67
        await press(pilot, "j")
        await pilot.press("x")
        await toast_saying(pilot, "no other sources")  # a story with no duplicates says so


async def test_a_story_the_feed_dated_in_the_future_shows_the_fetch_time_and_the_feeds_date(sample_db):
    config, path = sample_db
    claimed = datetime(2027, 3, 15, 9, 30, tzinfo=timezone.utc)
    with Store(path) as store:
        store.save_stories("TASS", [Story(feed="TASS", title="Clock ahead: talks resume", url="https://t.example/1",
                                          summary="Talks on Armenia-Azerbaijan border delimitation resumed.",
                                          published=NOW + timedelta(minutes=1), published_claimed=claimed)])
    app = make_app(sample_db)
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await settle(pilot)  # the first rows are read in a worker
        await pilot.pause()
        assert newest(path).title == "Clock ahead: talks resume"  # at the top as of the fetch, not in 2027
        await press(pilot, "enter")
        await pilot.pause()
        assert claimed.astimezone().strftime("(the feed dates it %d %b %Y, %H:%M)") in screen_text(app)
