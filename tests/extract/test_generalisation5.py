"""Fifth round of hand-written generalisation cases (not copied from any corpus).

Each covers a pattern of error found when heldout5.jsonl was first scored, phrased the
ways other outlets would phrase it: the hearer after "told" is no speaker, and so on.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from briefing.extract import extract_claims, group_incidents

BAKU = timezone(timedelta(hours=4))
THURSDAY = datetime(2024, 6, 13, 19, 0, tzinfo=BAKU)  # a Thursday


def figures(summary: str, published: datetime = THURSDAY, source: str = "", title: str = "Border") -> set[tuple]:
    return {(c.claimant, c.side_affected, c.killed, c.wounded) for c in extract_claims(title, summary, published, source)}


# --- "X, the head of Y, told Z": Z is the hearer ------------------------------------------

@pytest.mark.parametrize("summary", [
    "Two Armenian servicemen were killed on Thursday near Sotk, Arman Sargsyan, a spokesman for Armenia's "
    "Defence Ministry, told Armenian Public Radio.",
    "Two Armenian servicemen were killed on Thursday near Sotk, the head of Armenia's Investigative Committee "
    "told Reuters.",
    "Two Armenian servicemen were killed on Thursday near Sotk, an official of Armenia's Investigative "
    "Committee, Karen Petrosyan, told Public Television.",
])
def test_told_names_the_hearer_not_the_speaker(summary: str) -> None:
    assert figures(summary) == {("Armenia", "Armenia", 2, 0)}


# --- one figure for killed and wounded together gives no claim -----------------------------

@pytest.mark.parametrize("summary", [
    "Azerbaijan's Defence Ministry said the Armenian army lost more than 550 servicemen killed and wounded on Thursday.",
    "Azerbaijan's Defence Ministry said 550 Armenian servicemen were killed and wounded on Thursday.",
    "Baku said the enemy had lost some 300 soldiers killed or wounded in Thursday's fighting.",
    "According to Yerevan, Azerbaijani forces lost over 200 troops dead and wounded on Thursday.",
])
def test_killed_and_wounded_as_one_figure_is_no_claim(summary: str) -> None:
    assert figures(summary) == set()


def test_killed_and_wounded_each_with_a_count_still_count() -> None:
    assert figures("Two Armenian soldiers were killed and three wounded on Thursday near Sotk, Armenia's "
                   "Defence Ministry said.") == {("Armenia", "Armenia", 2, 3)}


# --- both figures split in one sentence ----------------------------------------------------

@pytest.mark.parametrize("summary", [
    "At least 100 people were killed and more than 300 wounded in the attack on Thursday, Karabakh's ombudsman "
    "said. Ten of the dead are civilians, and 40 civilians are among the wounded, he said.",
    "A total of 100 people on the Karabakh side, ten of them civilians, were killed in the attack on Thursday, "
    "and 300 were wounded, some 40 of them civilians, Karabakh's ombudsman said.",
])
def test_killed_and_wounded_both_split_between_forces_and_civilians(summary: str) -> None:
    assert figures(summary) == {("Karabakh", "Karabakh", 90, 260), ("Karabakh", "civilians-Armenia", 10, 40)}


# --- a protest's injuries told in the next sentence -----------------------------------------

@pytest.mark.parametrize("summary", [
    "Thousands of protesters gathered outside parliament in Yerevan on Thursday demanding the prime minister's "
    "resignation over Karabakh. The Health Ministry said 20 people, eight of them police officers, were injured.",
    "Police used stun grenades to disperse a rally in Yerevan over the Karabakh talks on Thursday. Fifteen "
    "people were hurt, the Health Ministry said.",
])
def test_protest_injuries_in_the_following_sentence_are_no_claim(summary: str) -> None:
    assert figures(summary) == set()


def test_fighting_after_a_protest_sentence_still_counts() -> None:
    assert figures("Protesters rallied in Yerevan on Thursday. Earlier in the day two Armenian soldiers were "
                   "wounded by Azerbaijani fire near Sotk, Armenia's Defence Ministry said.") == {("Armenia", "Armenia", 0, 2)}


# --- a breakdown aside is a subset, not more victims -----------------------------------------

@pytest.mark.parametrize("summary", [
    "A total of 50 Azerbaijani servicemen, 45 of them from the army and five from the Interior Ministry, were "
    "killed on Thursday, Azerbaijan's Health Ministry said.",
    "Fifty Azerbaijani servicemen, 40 of them conscripts and ten officers, were killed on Thursday, "
    "Azerbaijan's Defence Ministry said.",
])
def test_breakdown_aside_is_a_subset(summary: str) -> None:
    assert figures(summary) == {("Azerbaijan", "Azerbaijan", 50, 0)}


# --- media figures; peacekeepers' "people" -----------------------------------------------------

@pytest.mark.parametrize("speaker", [
    "RT editor-in-chief Margarita Simonyan wrote",
    "A war correspondent for Komsomolskaya Pravda reported",
    "Pro-Kremlin commentator Sergei Markov said",
])
def test_a_media_figure_relaying_a_figure_is_other(speaker: str) -> None:
    summary = (f"Russian peacekeepers came under fire on Thursday near a village in Karabakh. {speaker} that three "
               "people had been killed.")
    assert figures(summary) == {("other", "Russia", 3, 0)}


# --- a span of days is one episode ---------------------------------------------------------

def test_offensive_tolls_from_different_claimants_share_the_incident() -> None:
    published = [datetime(2023, 9, 20, 23, 0, tzinfo=BAKU), datetime(2023, 11, 9, 20, 0, tzinfo=BAKU)]
    stories = [
        "At least 200 people have been killed in Azerbaijan's large-scale attack on Nagorno-Karabakh, Karabakh's "
        "ombudsman said on Wednesday.",
        "A total of 220 people on the Karabakh side were killed in Azerbaijan's attack on Nagorno-Karabakh on "
        "19-20 September, the head of Armenia's Investigative Committee told reporters.",
    ]
    items = []
    for k, (summary, when) in enumerate(zip(stories, published)):
        for claim in extract_claims("Toll", summary, when):
            claim.story_id = f"s{k}"
            items.append((claim, when))
    group_incidents(items)
    assert len({claim.incident_id for claim, _ in items}) == 1
    assert len(items) == 2


# --- the side named after the figure ---------------------------------------------------------

@pytest.mark.parametrize("summary,expected", [
    ("Russia's Defence Ministry said the clash on Thursday had left two dead and one wounded on the Azerbaijani "
     "side and three dead among Karabakh police officers.",
     {("Russia", "Azerbaijan", 2, 1), ("Russia", "Karabakh", 3, 0)}),
    ("The Russian peacekeeping command said the shootout on Thursday left one dead on the Armenian side.",
     {("Russia", "Armenia", 1, 0)}),
])
def test_side_named_after_the_figure(summary: str, expected: set) -> None:
    assert figures(summary) == expected


def test_said_on_a_later_day_that_the_clash_keeps_the_clash_day() -> None:
    summary = ("Two Azerbaijani soldiers were killed on Wednesday in a shootout near Khankendi, the Defence Ministry "
               "said. Russia's Defence Ministry said on Thursday that the clash had left three dead among Karabakh "
               "police officers.")
    days = {(c.claimant, c.event_date.isoformat() if hasattr(c.event_date, "isoformat") else c.event_date)
            for c in extract_claims("Shootout", summary, THURSDAY)}
    assert days == {("Azerbaijan", "2024-06-12"), ("Russia", "2024-06-12")}


def _incidents(stories: list[tuple[str, datetime]]) -> list[str]:
    items = []
    for k, (summary, when) in enumerate(stories):
        for claim in extract_claims("Story", summary, when):
            claim.story_id = f"s{k}"
            items.append((claim, when))
    group_incidents(items)
    return [claim.incident_id for claim, _ in items]


def test_peacekeepers_fired_on_during_an_offensive_are_their_own_incident() -> None:
    day = datetime(2023, 9, 20, 23, 0, tzinfo=BAKU)
    ids = _incidents([
        ("At least 200 people have been killed in Azerbaijan's large-scale attack on Nagorno-Karabakh, Karabakh's "
         "ombudsman said on Wednesday.", day),
        ("Four Russian peacekeepers were killed on Wednesday when their car came under fire near Janyatag, "
         "Russia's Defence Ministry said.", day),
    ])
    assert len(ids) == 2 and ids[0] != ids[1]


# --- a barracks fire: "the death toll remains N", and a fire is no gunfire --------------------

@pytest.mark.parametrize("phrase", ["the death toll remains 12", "the death toll remained at 12", "the death toll stands at 12"])
def test_toll_that_stays_is_a_figure(phrase: str) -> None:
    summary = (f"Five servicemen were injured in Thursday's fire at the military barracks, while {phrase}, "
               "Armenia's Defence Ministry said.")
    claims = extract_claims("Fire", summary, THURSDAY)
    assert {(c.claimant, c.side_affected, c.killed, c.wounded) for c in claims} == {("Armenia", "Armenia", 12, 5)}
    assert {(c.event_type, c.kind) for c in claims} == {("other", "non-combat")}


def test_a_new_strike_days_after_a_late_death_is_a_new_incident() -> None:
    ids = _incidents([
        ("A missile strike on Ganja killed seven civilians on Sunday, Azerbaijan's Prosecutor General's Office said.",
         datetime(2020, 10, 11, 12, 0, tzinfo=BAKU)),
        ("A woman wounded in Sunday's missile strike on Ganja died in hospital on Monday, bringing the number of "
         "dead to eight, Azerbaijan's Prosecutor General's Office said.", datetime(2020, 10, 12, 19, 0, tzinfo=BAKU)),
        ("Thirteen civilians were killed when Armenian missiles struck Ganja early on Saturday, Azerbaijan's Prosecutor "
         "General's Office said.", datetime(2020, 10, 17, 15, 0, tzinfo=BAKU)),
    ])
    assert ids[0] == ids[1] != ids[2]


# --- a trailing background clause does not sink the news before it -----------------------------

@pytest.mark.parametrize("tail", [
    "two weeks after fighting that killed nearly 300 soldiers on both sides",
    "a year after a clash in which 49 servicemen died",
    "months ago the area saw fighting that killed dozens",
])
def test_background_clause_after_the_news_is_dropped_alone(tail: str) -> None:
    summary = f"Three Armenian servicemen were killed on Thursday near Sotk, Armenia's Defence Ministry said, {tail}."
    assert figures(summary) == {("Armenia", "Armenia", 3, 0)}


# --- "and" inside an employer's name -------------------------------------------------------

@pytest.mark.parametrize("employer", ["the gas and electricity company", "Karabakh's water and sewage service",
                                      "the roads and bridges department"])
def test_and_inside_an_employers_name_is_no_coordination(employer: str) -> None:
    summary = (f"A 40-year-old employee of {employer} was killed on Thursday when Azerbaijani troops opened fire "
               "near Shushi, Karabakh's police said.")
    assert figures(summary) == {("Karabakh", "civilians-Armenia", 1, 0)}


# --- zeros: villagers fired at; a speaker before a relative clause --------------------------------

@pytest.mark.parametrize("target", ["villagers of Taghavard", "farmers near Taghavard", "residents of Taghavard"])
def test_no_one_hurt_when_villagers_were_fired_at_is_about_the_villagers(target: str) -> None:
    summary = (f"Azerbaijani soldiers fired small arms at {target} in the Martuni district on Thursday, Karabakh's "
               "police said, adding that no one was hurt.")
    assert figures(summary) == {("Karabakh", "civilians-Armenia", 0, 0)}


def test_speaker_before_a_relative_clause() -> None:
    summary = ("Azerbaijani soldiers fired small arms at villagers of Taghavard on Thursday, Karabakh's police said. "
               "The command of the Russian peacekeeping contingent, which was informed, said that there were no "
               "casualties.")
    assert figures(summary) == {("Russia", "civilians-Armenia", 0, 0)}


# --- "X and N others": the named person is one more ---------------------------------------------

@pytest.mark.parametrize("victims,killed", [
    ("Ramil Aliyev and four members of his family were", 5),
    ("Ramil Aliyev and two others were", 3),
    ("Four members of one family were", 4),
])
def test_named_person_and_n_others(victims: str, killed: int) -> None:
    summary = (f"{victims} killed on Thursday when an Armenian shell hit their house in Tartar, Azerbaijan's "
               "Prosecutor General's Office said.")
    assert figures(summary) == {("Azerbaijan", "civilians-Azerbaijan", killed, 0)}


# --- rejecting a claim about something else is no denial of losses ----------------------------------

@pytest.mark.parametrize("rejection", [
    "rejecting Baku's claim that the vehicle was smuggling arms",
    "dismissing Azerbaijan's statement that the car carried weapons",
])
def test_rejecting_a_claim_about_cargo_is_no_zero(rejection: str) -> None:
    summary = ("Three Karabakh police officers were killed on Thursday when Azerbaijani troops fired on their car, "
               f"Karabakh officials said. The interior minister said the officers were unarmed, {rejection}.")
    assert figures(summary) == {("Karabakh", "Karabakh", 3, 0)}


def test_rejecting_a_claim_of_fire_is_still_a_denial() -> None:
    summary = ("Azerbaijan said on Thursday that Armenian units had fired at its positions near Lachin. Armenia's "
               "Defence Ministry rejected Baku's claim that its units had opened fire.")
    assert ("Armenia", "Azerbaijan", 0, 0) in figures(summary)


# --- two dated events in one sentence are two incidents ------------------------------------------

def test_two_strikes_on_different_days_in_one_sentence() -> None:
    summary = ("Armenian forces fired missiles into the Azerbaijani city of Ganja, a rights group said on Thursday. "
               "The 2 June strike killed "
               "at least 10 civilians, and the 9 June strike, which destroyed a row of houses, killed at least 13, "
               "the group found.")
    claims = extract_claims("Ganja", summary, THURSDAY)
    assert {(c.claimant, c.side_affected, c.killed, str(c.event_date)) for c in claims} == {
        ("other", "civilians-Azerbaijan", 10, "2024-06-02"), ("other", "civilians-Azerbaijan", 13, "2024-06-09")}


def test_a_revision_across_days_stays_one_claim() -> None:
    summary = ("Fighting raged for a second day on Thursday, with Karabakh's military saying 15 more of its "
               "servicemen had been killed, taking its death toll since Wednesday to 31.")
    assert figures(summary) == {("Karabakh", "Karabakh", 31, 0)}


def test_two_sides_figures_on_different_days_in_one_sentence_keep_their_days() -> None:
    summary = ("The EU said the Armenian shooting that wounded an Azerbaijani soldier on Tuesday was deplorable, but "
               "that Azerbaijan's response on Wednesday, which Yerevan says killed four Armenian soldiers near Nerkin "
               "Hand, was disproportionate.")
    claims = extract_claims("Border", summary, THURSDAY)
    assert {(c.claimant, c.side_affected, c.killed, c.wounded, str(c.event_date)) for c in claims} == {
        ("EU", "Azerbaijan", 0, 1, "2024-06-11"), ("Armenia", "Armenia", 4, 0, "2024-06-12")}


@pytest.mark.parametrize("summary", [
    "At least 100 people were killed and 300 wounded in the Azerbaijani attack on Karabakh on Thursday, Karabakh's "
    "ombudsman said. Ten of the dead and 40 of the wounded were civilians, he said.",
    "At least 100 people were killed and 300 wounded in the Azerbaijani attack on Karabakh on Thursday, Karabakh's "
    "ombudsman said. Among the dead were ten civilians, and 40 of the wounded were civilians.",
    "Karabakh's ombudsman said on Thursday that 100 people had been killed and 300 wounded in the Azerbaijani attack, "
    "including ten civilians killed and 40 wounded.",
    "At least 100 people were killed, including ten civilians, and 300 were wounded, including 40 civilians, in the "
    "Azerbaijani attack on Karabakh on Thursday, Karabakh's ombudsman said.",
    "At least 100 people were killed and 300 wounded in the Azerbaijani attack on Karabakh on Thursday, Karabakh's "
    "ombudsman said. The dead include ten civilians and the wounded include 40 civilians.",
    "At least 100 people were killed and 300 wounded in the Azerbaijani attack on Karabakh on Thursday, Karabakh's "
    "ombudsman said. Civilians account for ten of the dead and 40 of the wounded.",
    "Karabakh's ombudsman said on Thursday that 100 people had been killed in the Azerbaijani attack, ten of whom "
    "were civilians, and 300 wounded, 40 of whom were civilians.",
])
def test_other_phrasings_of_a_split_for_killed_and_wounded(summary: str) -> None:
    assert figures(summary) == {("Karabakh", "Karabakh", 90, 260), ("Karabakh", "civilians-Armenia", 10, 40)}


# --- war-wide totals -------------------------------------------------------------------------------

@pytest.mark.parametrize("summary", [
    "The Armenian side has lost 3,000 servicemen during the conflict, Azerbaijan said on Thursday.",
    "Armenia's Defence Ministry said on Thursday that Azerbaijan had lost 6,000 soldiers in the war so far.",
    "Azerbaijan's Defence Ministry said on Thursday that the enemy had lost 2,300 servicemen over the past three weeks.",
    "Throughout the hostilities Karabakh's forces lost 1,200 servicemen, Karabakh's Defence Army said on Thursday.",
])
def test_war_wide_totals_are_no_claims(summary: str) -> None:
    assert figures(summary) == set()


# --- a country named with a body both sides have -----------------------------------------------------

@pytest.mark.parametrize("summary,expected", [
    ("Two Armenian soldiers were killed near Sotk on Thursday, Armenia's Prosecutor General's Office said.",
     {("Armenia", "Armenia", 2, 0)}),
    ("Two Azerbaijani soldiers were killed near Lachin on Thursday, Azerbaijan's Prosecutor General's Office said.",
     {("Azerbaijan", "Azerbaijan", 2, 0)}),
    ("Two Russian peacekeepers were killed by Azerbaijani fire in Karabakh on Thursday, Russia's Investigative "
     "Committee said.", {("Russia", "Russia", 2, 0)}),
    ("Two Armenian soldiers were killed near Sotk on Thursday, the Investigative Committee said.",
     {("Armenia", "Armenia", 2, 0)}),
])
def test_the_country_named_with_the_body_decides(summary: str, expected: set) -> None:
    assert figures(summary) == expected


# --- "two other X" adds to those counted before -------------------------------------------------------

@pytest.mark.parametrize("summary,wounded", [
    ("Two Azerbaijani deminers were wounded by a mine on Thursday in the Gazakh district, and two other deminers "
     "suffered shrapnel wounds, ANAMA said.", 4),
    ("An employee of the Mine Action Agency was wounded by a mine on Thursday in the Gazakh district, and two other "
     "agency employees suffered shrapnel wounds, ANAMA said.", 3),
])
def test_n_other_people_add_to_those_before(summary: str, wounded: int) -> None:
    assert figures(summary) == {("Azerbaijan", "civilians-Azerbaijan", 0, wounded)}


def test_apposition_after_the_last_listed_name_is_no_new_person() -> None:
    summary = ("Driver Elnur Mammadov, engineer Rashad Huseynov and Kamran Aliyev, a local official of the Fuzuli "
               "district, were killed on Thursday when their car hit an anti-tank mine, Azerbaijan's Prosecutor "
               "General's Office said.")
    assert figures(summary) == {("Azerbaijan", "civilians-Azerbaijan", 3, 0)}


def test_a_nation_adjective_before_a_singular_claim_names_its_source() -> None:
    summary = ("Four Armenian soldiers were killed near Nerkin Hand on Thursday, Armenia's Defence Ministry said, "
               "noting that Yerevan was investigating an Azerbaijani claim that Armenian fire had wounded one of "
               "its soldiers near Kapan on Wednesday.")
    assert figures(summary) == {("Armenia", "Armenia", 4, 0), ("Azerbaijan", "Azerbaijan", 0, 1)}


def test_lost_n_killed_and_m_wounded_keeps_both_figures_and_the_side() -> None:
    summary = ("Karabakh's Defence Army said on Thursday that the Azerbaijani side had lost more than 200 servicemen "
               "killed and 300 wounded near Fuzuli.")
    assert figures(summary) == {("Karabakh", "Azerbaijan", 200, 300)}


@pytest.mark.parametrize("summary", [
    "Azerbaijan's Defence Ministry said on Thursday that Armenian losses amounted to 550 dead and wounded.",
    "The Armenian army lost over 550 people in dead and wounded, Azerbaijan's Defence Ministry said on Thursday.",
    "Azerbaijan's Defence Ministry said on Thursday that up to 550 Armenian servicemen had been put out of action.",
])
def test_more_unsplit_enemy_losses_are_no_claims(summary: str) -> None:
    assert figures(summary) == set()


# --- relays: the source cited is the claimant ----------------------------------------------------------

@pytest.mark.parametrize("summary,claimant", [
    ("Two Russian peacekeepers were wounded by Azerbaijani fire in Karabakh on Thursday, RIA Novosti reported, "
     "citing Russia's Defence Ministry.", "Russia"),
    ("RIA Novosti, citing Russia's Defence Ministry, reported that two Russian peacekeepers were wounded by "
     "Azerbaijani fire in Karabakh on Thursday.", "Russia"),
    ("Two Russian peacekeepers were wounded by Azerbaijani fire in Karabakh on Thursday, Kremlin-funded "
     "broadcaster RT reported.", "other"),
])
def test_relayed_figures_belong_to_the_source_cited(summary: str, claimant: str) -> None:
    assert figures(summary) == {(claimant, "Russia", 0, 2)}


# --- two days' denials in one story -------------------------------------------------------------------------

def test_denials_of_two_days_in_one_sentence_are_two_incidents() -> None:
    summary = ("Armenia's Defence Ministry on Thursday dismissed as untrue a second Azerbaijani statement that "
               "Armenian units had fired on Azerbaijani positions near Zabukh in the Lachin district, this time at "
               "about 14:10 on Thursday, after rejecting a similar claim about Wednesday night earlier in the day.")
    claims = extract_claims("Denials", summary, THURSDAY)
    assert sorted((c.claimant, c.side_affected, c.killed, c.wounded, str(c.event_date)) for c in claims) == [
        ("Armenia", "Azerbaijan", 0, 0, "2024-06-12"), ("Armenia", "Azerbaijan", 0, 0, "2024-06-13")]


def test_the_denial_of_the_earlier_day_joins_that_days_report() -> None:
    ids = _incidents([
        ("Armenian units fired on Azerbaijani positions near Zabukh between 22:00 and 22:10 on Wednesday, "
         "Azerbaijan's Defence Ministry said. Armenia's Defence Ministry said the report did not correspond to "
         "reality.", datetime(2024, 6, 13, 9, 0, tzinfo=BAKU)),
        ("Armenia's Defence Ministry on Thursday dismissed as untrue a second Azerbaijani statement that Armenian "
         "units had fired on Azerbaijani positions near Zabukh, this time at about 14:10 on Thursday, after "
         "rejecting a similar claim about Wednesday night earlier in the day.", THURSDAY),
    ])
    assert len(ids) == 3 and len(set(ids)) == 2


def test_one_sides_sniper_is_anothers_fire_on_the_same_stretch_the_same_day() -> None:
    ids = _incidents([
        ("An Azerbaijani serviceman was wounded by an Armenian sniper in the Zangilan direction on Wednesday, "
         "Azerbaijan's State Border Service said.", datetime(2024, 6, 13, 9, 0, tzinfo=BAKU)),
        ("Armenia's Defence Ministry said it was investigating an Azerbaijani claim that Armenian fire had wounded "
         "one of its soldiers in the Kapan area on Wednesday.", THURSDAY),
    ])
    assert len(ids) == 2 and len(set(ids)) == 1


def test_a_separate_attack_after_a_protest_sentence_still_counts() -> None:
    summary = ("Opposition supporters rallied in Yerevan on Thursday. Separately, three civilians were wounded in "
               "Berkaber by Azerbaijani gunfire, the Tavush governor said.")
    assert figures(summary) == {("Armenia", "civilians-Armenia", 0, 3)}


def test_an_authority_citing_sources_still_speaks_for_itself() -> None:
    summary = ("Two Azerbaijani soldiers were killed near Lachin on Thursday, Azerbaijan's Defence Ministry said, "
               "citing intelligence sources.")
    assert figures(summary) == {("Azerbaijan", "Azerbaijan", 2, 0)}


def test_a_place_in_the_news_clause_is_no_speaker() -> None:
    summary = "Two Russian peacekeepers were wounded by Azerbaijani fire in Karabakh on Thursday, Interfax reported."
    assert {claimant for claimant, *_ in figures(summary)} <= {"other", "unattributed"}


@pytest.mark.parametrize("denial", [
    "preliminary findings showed no such incident had taken place in the area",
    "no such shooting took place",
])
def test_no_such_incident_is_a_denial(denial: str) -> None:
    summary = (f"Azerbaijan said an Armenian sniper had wounded one of its soldiers near Kapan on Wednesday. Armenia's "
               f"Defence Ministry said on Thursday that {denial}.")
    assert figures(summary) == {("Azerbaijan", "Azerbaijan", 0, 1), ("Armenia", "Azerbaijan", 0, 0)}
