"""Stories in Russian, Armenian and Azerbaijani in the reader: the language column, the reader's header,
the language filter and `lang:` in a search, and an 80×24 snapshot of a list in four scripts."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Select

from briefing.app import BriefingApp
from briefing.app.screens.filter import FilterScreen
from briefing.models import Story
from briefing.store import Store

from .conftest import NOW
from .helpers import press, region_text, screen_text, settle

# Newest first, as the list shows them; all newer than the sample stories.
FOREIGN = [
    ("Interfax", "Минобороны Армении: ранен военнослужащий в Тавушской области",
     "Подразделения ВС Азербайджана открыли огонь по армянским позициям."),
    ("Armenpress", "ՀՀ ՊՆ. Ադրբեջանը կրակ է բացել Սոթքի ուղղությամբ, վիրավորվել է զինծառայող",
     "Ադրբեջանի զինված ուժերի ստորաբաժանումները կրակ են բացել հայկական դիրքերի ուղղությամբ։"),
    ("Trend", "Müdafiə Nazirliyi: Kəlbəcər istiqamətində mövqelərimiz atəşə tutulub",
     "Ermənistan silahlı qüvvələrinin bölmələri mövqelərimizi atəşə tutub."),
]


def add_foreign(path) -> None:
    with Store(path) as store:
        for n, (feed, title, summary) in enumerate(FOREIGN):
            story = Story(feed=feed, title=title, summary=summary, guid=f"foreign-{n}",
                          published=NOW - timedelta(minutes=5 + n))
            store.save_stories(feed, [story])
        store.finish_pending(store.pending_marks(100_000))


def make_app(sample_db) -> BriefingApp:
    config, path = sample_db
    add_foreign(path)
    return BriefingApp(config, path, fetch_on_start=False, now=NOW)


async def test_each_row_shows_its_language_and_the_reader_names_it(sample_db):
    app = make_app(sample_db)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        rows = region_text(app, "StoryList").splitlines()[:4]
        assert [row.split()[2:4] for row in rows[:3]] == [["Interfax", "ru"], ["Armenpress", "hy"], ["Trend", "az"]]
        assert " en " in rows[3]
        assert "Минобороны Армении: ранен" in rows[0] and "ՀՀ ՊՆ. Ադրբեջանը" in rows[1]
        await press(pilot, "j", "enter")
        await settle(pilot)
        assert "Armenpress · Armenia · Armenian · " in screen_text(app)


async def test_the_filter_form_and_a_search_show_one_language(sample_db):
    app = make_app(sample_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "f")
        assert isinstance(app.screen, FilterScreen)
        app.screen.query_one("#language", Select).value = "hy"
        await pilot.click("#apply")  # the form, its new row included, fits 80×24
        await settle(pilot)
        assert app.story_list.story_count == 1 and app.story_list.current.language == "hy"
        assert "Language: Armenian" in screen_text(app)
        await press(pilot, "escape")
        await settle(pilot)
        await press(pilot, "slash", *"lang:ru", "enter")
        await settle(pilot)
        assert app.story_list.story_count == 1 and app.story_list.current.feed == "Interfax"


async def test_the_incidents_screen_shows_a_claims_headline_as_written_with_its_language(sample_db):
    from .test_daily_use import add_incidents

    app = make_app(sample_db)
    add_incidents(sample_db[1])  # claims read from the two newest stories: the Russian and the Armenian one
    async with app.run_test(size=(160, 48)) as pilot:
        await press(pilot, "i")  # the newest incident: its claim was read from the Armenian story
        await settle(pilot)
        assert "[hy] ՀՀ ՊՆ. Ադրբեջանը կրակ է բացել" in screen_text(app)
        await press(pilot, "j")  # the next: read from the Russian one
        await settle(pilot)
        assert "[ru] Минобороны Армении: ранен военнослужащий" in screen_text(app)


def test_a_list_in_four_scripts_at_80x24(sample_db, snap_compare):
    app = make_app(sample_db)
    assert snap_compare(app, terminal_size=(80, 24))
