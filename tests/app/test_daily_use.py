"""A reader who uses the app all day (issue 14): counts that reach zero, keys that never surprise,
places that survive a relaunch.  Driven with Pilot through public APIs only."""

from __future__ import annotations

import re
import webbrowser
from datetime import timedelta

from textual.widgets import OptionList, Static

from briefing.app import BriefingApp
from briefing.app.messages import FetchFinished
from briefing.app.screens.incidents import IncidentsScreen
from briefing.app.widgets.reader import Reader
from briefing.app.widgets.story_list import StoryList
from briefing.clusters import cluster_stories
from briefing.extract.records import Why
from briefing.models import Claim, FetchOutcome, Incident, Story
from briefing.store import Store, StoryFilter

from .conftest import NOW
from .helpers import press, settle, screen_text, toast_saying

SIZE = (120, 36)


def make_app(sample_db, **kw) -> BriefingApp:
    config, path = sample_db
    return BriefingApp(config, path, fetch_on_start=False, now=NOW, **kw)


def add_pair(path) -> tuple[str, str]:
    """The same story from TASS and (newer) News.am: one row, "+1 source"."""
    with Store(path) as store:
        tass = store.save_stories("TASS", [Story(feed="TASS", title="Peace treaty signed in Washington", guid="p1",
                                                 published=NOW + timedelta(hours=1))]).new_ids[0]
        news = store.save_stories("News.am", [Story(feed="News.am", title="Peace treaty signed in Washington today",
                                                    guid="p2", published=NOW + timedelta(hours=2))]).new_ids[0]
        store.set_clusters(cluster_stories(store.stories_between(NOW, NOW + timedelta(days=1), full=False)))
    return tass, news


def sidebar_line(app: BriefingApp, name: str) -> str:
    return next(line for line in screen_text(app).splitlines() if line.strip().startswith(name))


async def test_unread_counts_reach_zero_with_the_near_duplicates_behind_a_row(sample_db):
    path = sample_db[1]
    tass, news = add_pair(path)
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "All stories 67" in screen_text(app)  # 68 stories, 67 rows
        tass_before = sidebar_line(app, "TASS")
        await press(pilot, "enter")  # the News.am lead, "+1 source"
        app.refresh_counts()
        await settle(pilot)
        assert "All stories 66" in screen_text(app)
        with Store(path) as store:
            assert store.get_story(tass).read and store.get_story(news).read
            assert store.count_stories(StoryFilter(unread=True, collapse_clusters=True)) == 66
        assert sidebar_line(app, "TASS")[:24] == tass_before[:24]  # the hidden TASS copy never counted


async def test_esc_keeps_the_cursor_on_its_story(sample_db):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "slash", *"Lachin", "enter")
        await pilot.pause()
        await press(pilot, "j")
        story = app.story_list.current
        await press(pilot, "escape")
        await pilot.pause()
        assert app.story_list.story_count == 66
        assert app.story_list.current.id == story.id and app.story_list.cursor > 0


async def test_the_open_story_the_place_and_the_theme_survive_a_relaunch(sample_db):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "j", "j", "j", "enter", "j")
        on, opened = app.story_list.current.id, app.reader.story.id
        app.theme = "nord"
        await press(pilot, "q")
    again = make_app(sample_db)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)  # the first rows are read in a worker
        await pilot.pause()
        assert again.story_list.current.id == on and again.story_list.cursor == 4
        assert again.reader.story is not None and again.reader.story.id == opened
        assert again.theme == "nord"


async def test_a_third_tag_keeps_the_sources_label_and_the_chips(sample_db):
    add_pair(sample_db[1])
    app = make_app(sample_db)
    async with app.run_test(size=(SIZE[0] + 3, SIZE[1])) as pilot:  # + the language column's 3 cells
        await press(pilot, "1", "2", "3")
        app.clear_notifications()
        await pilot.pause()
        first = screen_text(app).splitlines()[0]
        assert re.search(r"\+1 source(?!s)", first)
        assert " casualties " in first and " diplomacy " in first and "+1 tag" in first


async def test_a_remap_that_steals_a_key_is_refused_with_a_message(sample_db):
    config, path = sample_db
    config.keymap = {"story_list.star": "j", "app.help": "f1"}
    app = BriefingApp(config, path, fetch_on_start=False, now=NOW)
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await settle(pilot)  # the first rows are read in a worker
        await toast_saying(pilot, '"story_list.star" = "j": j already does "Down"')
        await press(pilot, "j")
        assert app.story_list.cursor == 1  # j still moves
        await press(pilot, "s")
        assert app.story_list.current.starred  # s still stars
        await press(pilot, "f1")
        await pilot.pause()
        assert "Keys (Escape closes)" in screen_text(app)  # the harmless remap was applied


async def test_n_and_shift_n_go_to_the_next_and_previous_unread_story(sample_db):
    app = make_app(sample_db)
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await press(pilot, "m", "j", "m", "k", "k")  # rows 1 and 2 read
        assert app.story_list.cursor == 0
        await press(pilot, "n")
        assert app.story_list.cursor == 2 and app.reader.story.id == app.story_list.current.id
        assert app.story_list.current.read  # opened
        await pilot.press("N")
        await toast_saying(pilot, "No earlier unread stories here.")  # nothing unread above: it says so
        await settle(pilot)
        assert app.story_list.cursor == 2  # and stays


async def test_space_pages_the_story_then_goes_on_to_the_next_unread(sample_db):
    app = make_app(sample_db)
    async with app.run_test(size=(100, 16)) as pilot:
        await press(pilot, "enter")
        first = app.reader.story.id
        await pilot.pause()
        pages = 0
        while app.reader.scroll_y < app.reader.max_scroll_y and pages < 20:
            await press(pilot, "space")
            pages += 1
        assert pages >= 1 and app.reader.story.id == first
        await press(pilot, "space")
        assert app.reader.story.id != first  # the next unread story


async def test_o_without_a_browser_says_so(sample_db, monkeypatch):
    def no_browser(*args):
        raise webbrowser.Error("could not locate runnable browser")

    monkeypatch.setattr(webbrowser, "get", no_browser)
    app = make_app(sample_db)
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await settle(pilot)  # the first rows are read in a worker
        await pilot.press("o")
        shown = await toast_saying(pilot, "No web browser found")
        assert any("No web browser found" in t and app.story_list.current.url in t for t in shown)


async def test_a_fetch_ends_with_a_summary_in_words(sample_db):
    app = make_app(sample_db)
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await settle(pilot)  # the first rows are read in a worker
        app.post_message(FetchFinished([FetchOutcome("TASS", "new", new=1),
                                        FetchOutcome("News.am", "error", error="HTTP 503")], []))
        await toast_saying(pilot, "2 feeds fetched: 1 new story, 1 failed.")
        shown = await toast_saying(pilot, "1 feed failed")
        assert not any("1 feeds" in t for t in shown)


async def test_a_tag_typed_in_other_case_is_named_as_stored(sample_db):
    app = make_app(sample_db)
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await press(pilot, "1")  # quick tag "incident"
        await press(pilot, "t", *"INCIDENT")
        await pilot.press("enter")
        await toast_saying(pilot, "Untagged “incident”")  # (its write is stored before it says so)
        with Store(sample_db[1]) as store:
            assert [t.name for t in store.tag_counts()] == []  # an emptied tag does not linger


def add_incidents(path) -> list[str]:
    """Two incidents today, each from a sample story: one counted, one the reader will reject."""
    today = NOW.date()
    with Store(path) as store:
        ids = [s.id for s in store.story_window(StoryFilter(collapse_clusters=True), 0, 2)]
        store.replace_machine_claims({
            ids[0]: [Claim(claimant="Armenia", side_affected="Armenia", event_date=today, killed=1, story_id=ids[0],
                           incident_id="a", locations=["Sotk"], confidence=0.62, evidence="One soldier was killed.",
                           why=(Why("count", "1", "en.number.word", "One"),
                                Why("role", "killed", "en.trigger.killed", "killed"),
                                Why("victim", "armed", "en.victim.soldier", "soldier"),
                                Why("claimant", "Armenia", "claimant.speaker-after-in-clause", "Defence Ministry",
                                    0.62)))],
            ids[1]: [Claim(claimant="Azerbaijan", side_affected="Azerbaijan", event_date=today, wounded=2,
                           story_id=ids[1], incident_id="b", locations=["Lachin"])],
        })
        store.save_incidents([Incident(id=i, event_date=today, claims=[c for c in store.claims_between(today, today)
                                                                        if c.incident_id == i]) for i in "ab"])
    return ids


async def test_incidents_screen_keys_q_closes_j_k_h_l_move_enter_opens_the_story(sample_db):
    ids = add_incidents(sample_db[1])
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "i")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, IncidentsScreen)
        listed = screen.query_one("#incident-list", OptionList)
        await press(pilot, "j")
        assert listed.highlighted == 1
        await press(pilot, "k")
        await press(pilot, "enter")  # the newest incident (Lachin): into its first column with claims
        assert screen.focused.id == "claims-azerbaijan"
        await press(pilot, "h")
        assert screen.focused.id == "claims-armenia"
        await press(pilot, "l")
        assert screen.focused.id == "claims-azerbaijan"
        await press(pilot, "enter")
        await pilot.pause()
        assert not isinstance(app.screen, IncidentsScreen)
        assert app.reader.story.id == ids[1] and app.story_list.current.id == ids[1]
        await press(pilot, "i")
        await settle(pilot)
        await press(pilot, "q")
        await pilot.pause()
        assert app.is_running and not isinstance(app.screen, IncidentsScreen)


async def test_incidents_header_counts_the_rows_it_lists_as_the_tally_does(sample_db):
    add_incidents(sample_db[1])
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "i", "1")
        await settle(pilot)
        screen = app.screen
        title = str(screen.query_one("#incidents-title", Static).render())
        assert "· 2 incidents" in title
        await press(pilot, "enter", "x")  # reject the Lachin incident's only claim
        await settle(pilot)
        assert "· 1 incident" in str(screen.query_one("#incidents-title", Static).render())
        await press(pilot, "escape", "i", "1")
        await settle(pilot)
        listed = app.screen.query_one("#incident-list", OptionList)
        assert listed.option_count == 1  # a rejected incident is not listed again
        assert "1 incident" in str(app.tally.query_one("#tally-text", Static).render()).splitlines()[0]


async def test_incidents_screen_exports_one_row_per_claim(sample_db):
    add_incidents(sample_db[1])
    app = make_app(sample_db)
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await press(pilot, "i")
        await settle(pilot)
        await press(pilot, "E")
        shown = await toast_saying(pilot, "exported to")
        path = re.search(r"exported to (\S+\.csv)", " ".join(shown).replace("\n", "")).group(1)
        lines = open(path, encoding="utf-8").read().splitlines()
        assert lines[0].startswith("incident_id,date,places,claimant,side,killed,wounded,review")
        assert len(lines) == 3


async def test_b_hides_the_sidebar_and_the_footer_keeps_incidents_and_quit_at_80x24(sample_db):
    app = make_app(sample_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)  # the first rows are read in a worker
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "i Incidents" in footer and "q Quit" in footer
        assert "All stories 66" not in screen_text(app)  # 80 columns: one pane, the list
        await press(pilot, "b")
        await settle(pilot)
        assert "All stories 66" in screen_text(app)
        await press(pilot, "b")
        await pilot.pause()
        assert "All stories 66" not in screen_text(app)
    wide = make_app(sample_db)
    async with wide.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "All stories 66" in screen_text(wide)
        await press(pilot, "b")
        await pilot.pause()
        assert "All stories 66" not in screen_text(wide)
        assert wide.story_list.region.x == 0  # the list takes the sidebar's room


async def test_one_pane_below_90_columns_story_and_sources_take_the_screen(sample_db):
    app = make_app(sample_db)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)  # the first rows are read in a worker
        await pilot.pause()
        assert "All stories 66" not in screen_text(app)  # the list alone, titles get the room
        title = app.story_list.current.title
        assert title[:30] in screen_text(app)
        await press(pilot, "enter")
        await pilot.pause()
        assert isinstance(app.focused, Reader)
        await press(pilot, "escape")
        await pilot.pause()
        assert isinstance(app.focused, StoryList)
        await press(pilot, "b")
        await settle(pilot)
        text = screen_text(app)
        assert "All stories 65" in text and "Incidents per day" in text


async def test_dialog_footers_list_only_their_own_keys(sample_db):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "slash")
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "q Quit" not in footer and "i Incidents" not in footer and "r Fetch" not in footer


async def test_tags_can_be_renamed_and_deleted_from_the_sidebar(sample_db):
    app = make_app(sample_db)
    path = sample_db[1]
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await press(pilot, "t", *"ceasfire", "enter", "j", "t", *"ceasfire", "enter")
        app.refresh_counts()
        await settle(pilot)
        app.sidebar.focus()
        app.sidebar.highlighted = app.sidebar.get_option_index("tag:ceasfire")
        await press(pilot, "R")
        await press(pilot, *["backspace"] * 8, *"ceasefire")
        await pilot.press("enter")
        await toast_saying(pilot, "Renamed tag “ceasfire” to “ceasefire”")  # (said once it is stored)
        with Store(path) as store:
            assert [(t.name, t.stories) for t in store.tag_counts()] == [("ceasefire", 2)]
        app.refresh_counts()
        await settle(pilot)
        app.sidebar.focus()
        app.sidebar.highlighted = app.sidebar.get_option_index("tag:ceasefire")
        await press(pilot, "D", "y")
        await pilot.pause()
        with Store(path) as store:
            assert store.tag_counts() == []
        app.refresh_counts()
        app.clear_notifications()
        await settle(pilot)
        assert "ceasefire" not in screen_text(app)
