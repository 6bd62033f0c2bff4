"""The incidents screen shows each side's claims side by side and writes corrections to the store;
the tally panel never merges claimants."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from textual.widgets import Input, OptionList, Static

from briefing.app.screens.edit_figures import EditFiguresScreen
from briefing.app.screens.incidents import IncidentsScreen
from briefing.app.widgets.tally_panel import TallyPanel
from briefing.models import Claim, Feed, Incident, SideFigures, Story, Tally
from briefing.store import Store

from .helpers import option_list_text, press, region_text, screen_text, settle
from .hosts import IncidentsHost, PanelHost

DAY = date(2026, 11, 25)
HOSTILE = "[@click=app.quit]Shelling[/] near [b]Sotk[/b]"


@pytest.fixture
def claims_store(store: Store) -> tuple[Store, dict[str, str]]:
    """One incident claimed by both sides, each from its own outlet's story."""
    store.sync_feeds([Feed("Armenpress", "http://127.0.0.1:9/am", origin="armenia"),
                      Feed("Report.az", "http://127.0.0.1:9/az", origin="azerbaijan")])
    when = datetime(2026, 11, 25, 9, 0, tzinfo=timezone.utc)
    am = store.save_stories("Armenpress", [Story(feed="Armenpress", title=HOSTILE, guid="am",
                                                 url="https://armenpress.example/1", published=when)]).new_ids[0]
    az = store.save_stories("Report.az", [Story(feed="Report.az", title="Provocation repelled near Kalbajar",
                                                guid="az", url="https://report.example/1",
                                                published=when.replace(hour=10))]).new_ids[0]
    store.replace_machine_claims({
        am: [Claim(claimant="Armenia", side_affected="Armenia", event_date=DAY, killed=1, wounded=2, story_id=am,
                   incident_id="sotk", locations=["Sotk"], event_type="shelling/artillery")],
        az: [Claim(claimant="Azerbaijan", side_affected="Armenia", event_date=DAY, killed=10, story_id=az,
                   incident_id="sotk", locations=["Kalbajar"], event_type="armed clash")],
    })
    store.save_incidents([Incident(id="sotk", event_date=DAY, locations=["Kalbajar", "Sotk"],
                                   event_type="armed clash", claims=store.claims_between(DAY, DAY))])
    return store, {"am": am, "az": az}


async def test_both_sides_claims_are_shown_side_by_side_with_their_sources(claims_store):
    store, _ = claims_store
    app = IncidentsHost(store, DAY)
    async with app.run_test(notifications=True, size=(160, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, IncidentsScreen)
        armenia, azerbaijan = (option_list_text(screen, c) for c in ("claims-armenia", "claims-azerbaijan"))
        assert "Armenia: 1 killed, 2 wounded" in armenia and HOSTILE in armenia and "Armenpress" in armenia
        assert "Armenia: 10 killed" in azerbaijan and "Report.az" in azerbaijan
        left = screen.query_one("#claims-armenia", OptionList).region
        right = screen.query_one("#claims-azerbaijan", OptionList).region
        assert left.y == right.y and left.right <= right.x  # side by side, not stacked
        # The title's markup is drawn as the characters it is made of, and clicking them runs nothing.
        shown = screen_text(app)
        assert HOSTILE in shown
        row, column = next((y, line.index("[@click")) for y, line in enumerate(shown.splitlines()) if "[@click" in line)
        await pilot.click(offset=(column + 2, row))
        await pilot.pause()
        assert app.is_running


async def test_x_rejects_the_highlighted_claim_in_the_store(claims_store):
    store, ids = claims_store
    app = IncidentsHost(store, DAY)
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "right", "x")  # into the Armenia column, then across to Azerbaijan's
        await settle(pilot)
        assert store.claims_for_story(ids["am"]) != []
        assert store.claims_for_story(ids["az"]) == []
        figures = {(f.claimant, f.side_affected): f.killed for f in store.tally(DAY, DAY).figures}
        assert figures == {("Armenia", "Armenia"): 1}
        assert "rejected" in option_list_text(app.screen, "claims-azerbaijan")  # still shown, so c can restore it
        assert app.corrections == 1
        await press(pilot, "c")
        await settle(pilot)
        assert [c.status for c in store.claims_for_story(ids["az"])] == ["confirmed"]


async def test_e_edits_the_figures_and_they_persist(claims_store):
    store, ids = claims_store
    app = IncidentsHost(store, DAY)
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "e")
        await settle(pilot)
        assert isinstance(app.screen, EditFiguresScreen)
        app.screen.query_one("#killed", Input).value = "3"
        app.screen.query_one("#wounded", Input).value = "5"
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, IncidentsScreen)
        [claim] = store.claims_for_story(ids["am"])
        assert (claim.killed, claim.wounded, claim.status) == (3, 5, "edited")
        assert "Armenia: 3 killed, 5 wounded" in option_list_text(app.screen, "claims-armenia")
        await press(pilot, "n")  # this story is not an incident after all
        await settle(pilot)
        assert not store.get_story(ids["am"]).has_incident
        await press(pilot, "escape")
        await settle(pilot)
        assert not isinstance(app.screen, IncidentsScreen)


async def test_the_tally_in_a_sidebar_too_short_for_it_breaks_its_lines_between_words_and_indents_them():
    """The sidebar of an 80-to-139-column terminal, with the tally taller than its half: the panel
    scrolls, and its lines are broken for the width the scroll bar leaves, never folded by the screen."""
    def claimed(claimant: str, side: str, killed: int, wounded: int) -> SideFigures:
        return SideFigures(claimant, side, killed, wounded, claims=1)

    week = Tally(DAY, DAY, incidents=2, figures=[claimed("Armenia", "Armenia", 9, 9),
                                                 claimed("Azerbaijan", "Azerbaijan", 3, 8)], per_day=[1, 1])
    app = PanelHost()
    async with app.run_test(size=(26, 40)) as pilot:  # 21 columns for the text, as in the sidebar; it scrolls
        panel = app.query_one(TallyPanel)
        panel.set_tallies(week, week, week)
        await settle(pilot)
        lines = [line.rstrip() for line in region_text(app, "#tally-text").splitlines()]
        today = lines[1:lines.index("7 days  2 incidents")]
        assert today == [" Armenia: 9 killed,", "   9 wounded", "   (Armenia says)", "   machine",
                         " Azerbaijan: 3", "   killed,", "   8 wounded", "   (Azerbaijan says)", "   machine"]


async def test_tally_panel_keeps_claimants_apart_and_opens_on_enter():
    def tally(incidents: int, *figures: SideFigures, non_combat: int = 0) -> Tally:
        return Tally(DAY, DAY, incidents=incidents, figures=list(figures), per_day=[0, 1, 0, 2],
                     non_combat=non_combat)

    today = tally(1, SideFigures("Armenia", "Armenia", 1, 2), SideFigures("Azerbaijan", "Armenia", 10),
                  SideFigures("Azerbaijan", "Azerbaijan", 0, 0), non_combat=1)
    week = tally(3, SideFigures("Azerbaijan", "Azerbaijan", 2), SideFigures("Armenia", "Azerbaijan", 15, 4))
    app = PanelHost()
    async with app.run_test(notifications=True, size=(36, 30)) as pilot:
        await settle(pilot)  # the first rows are read in a worker
        panel = app.query_one(TallyPanel)
        panel.set_tallies(today, week, week)
        await pilot.pause()
        text = str(panel.query_one("#tally-text", Static).render())
        assert "1 incident +1 non-combat" in text
        joined = text.replace("\n   ", " ")  # a narrow panel puts who says it on the next line
        assert "Armenia: 1 killed, 2 wounded (Armenia says)" in joined
        assert "Armenia: 10 killed (Azerbaijan says)" in joined
        assert "Azerbaijan: 2 killed (Azerbaijan says)" in joined
        assert "Azerbaijan: 15 killed, 4 wounded (Armenia says)" in joined
        assert "11 killed" not in text and "Azerbaijan: 0" not in text  # never summed, zeros left out
        assert all(len(line) <= 34 for line in text.splitlines())
        panel.focus()
        await press(pilot, "enter")
        await pilot.pause()
        assert app.opened == 1
        await pilot.click(TallyPanel)
        await pilot.pause()
        assert app.opened == 2


def add_day(store: Store, day: date, n: int) -> None:
    """Another incident, claimed by Armenpress, on `day`."""
    when = datetime(day.year, day.month, day.day, 9, 0, tzinfo=timezone.utc)
    sid = store.save_stories("Armenpress", [Story(feed="Armenpress", title=f"Clash {n}", guid=f"clash-{n}",
                                                  published=when)]).new_ids[0]
    store.replace_machine_claims({sid: [Claim(claimant="Armenia", side_affected="Armenia", event_date=day,
                                              wounded=n, story_id=sid, incident_id=f"inc-{n}",
                                              locations=["Tegh"], event_type="armed clash")]})
    store.save_incidents([Incident(id=f"inc-{n}", event_date=day, locations=["Tegh"], event_type="armed clash",
                                   claims=store.claims_for_story(sid))])


async def test_keys_1_to_4_choose_today_7_days_30_days_or_all(claims_store):
    store, _ = claims_store
    add_day(store, date(2026, 11, 20), 1)  # 6 days before DAY
    add_day(store, date(2026, 11, 1), 2)  # 25 days before
    add_day(store, date(2025, 1, 1), 3)  # long ago
    app = IncidentsHost(store, DAY, days=30)
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, IncidentsScreen)

        def shown() -> tuple[str, int]:
            title = str(screen.query_one("#incidents-title", Static).render())
            return title, len(screen.incidents)

        assert shown() == ("Incidents · 30 days (2026-10-27 to 2026-11-25) · 3 incidents", 3)
        await press(pilot, "1")
        await settle(pilot)
        assert shown() == ("Incidents · today (2026-11-25) · 1 incident", 1)
        await press(pilot, "2")
        await settle(pilot)
        assert shown() == ("Incidents · 7 days (2026-11-19 to 2026-11-25) · 2 incidents", 2)
        await press(pilot, "4")
        await settle(pilot)
        assert shown() == ("Incidents · all dates · 4 incidents", 4)
        await press(pilot, "3")
        await settle(pilot)
        assert shown()[1] == 3
        footer = screen_text(app).splitlines()[-1]
        assert "1234 Range" in footer


async def test_an_empty_range_says_so(claims_store):
    store, _ = claims_store
    app = IncidentsHost(store, DAY, days=1)
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        screen.today = date(2026, 11, 28)
        screen.reload()
        await settle(pilot)
        listed = screen.query_one("#incident-list", OptionList)
        assert "No incidents today" in str(listed.get_option_at_index(0).prompt)
        assert "0 incidents" in str(screen.query_one("#incidents-title", Static).render())
