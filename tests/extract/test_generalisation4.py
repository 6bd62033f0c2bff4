"""Fourth round of hand-written generalisation cases: the house style of state outlets.

Written for this file (not copied from any corpus); each covers a pattern of error found when
heldout4.jsonl was first scored - the stilted English of Armenian, Azerbaijani, Karabakh and
Russian state outlets ("The Ministry of Defense of the Republic of Armenia informs that ...",
"As a result of the provocation ...", "MoD: ...") - phrased the ways other outlets would
phrase it.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from briefing.extract import extract_claims, group_incidents

BAKU = timezone(timedelta(hours=4))
THURSDAY = datetime(2024, 6, 13, 19, 0, tzinfo=BAKU)  # a Thursday


def figures(summary: str, published: datetime = THURSDAY, source: str = "", title: str = "Border") -> set[tuple]:
    return {(c.claimant, c.side_affected, c.killed, c.wounded) for c in extract_claims(title, summary, published, source)}


# --- "X informs that ...": the authority named in state-outlet style ---------------------

@pytest.mark.parametrize("summary,claimant,side", [
    ("The Ministry of Defence of the Republic of Armenia informs that two servicemen were wounded on Thursday "
     "when Azerbaijani units opened fire on positions near Sotk.", "Armenia", "Armenia"),
    ("On Thursday two servicemen of the Azerbaijani Army were wounded by Armenian fire in the Kalbajar district, "
     "the Ministry of Defence of Azerbaijan informs.", "Azerbaijan", "Azerbaijan"),
    ("The Defence Army of the Republic of Artsakh informs that two of its servicemen were wounded on Thursday.",
     "Karabakh", "Karabakh"),
    ("Two servicemen were wounded on Thursday, the Ministry of Defense informed, adding that the Azerbaijani "
     "side had violated the ceasefire near Sotk.", "Armenia", "Armenia"),
])
def test_informs_names_the_authority(summary: str, claimant: str, side: str) -> None:
    assert figures(summary, source="Armenpress") == {(claimant, side, 0, 2)}


def test_a_named_soldier_after_an_opening_phrase() -> None:
    summary = ("On Thursday Armenian units fired on Azerbaijani positions in the Kalbajar district, the Ministry of "
               "Defense informs. As a result, junior sergeant Ramil Hasanov of the Azerbaijani Army was wounded.")
    assert figures(summary, source="AZERTAC") == {("Azerbaijan", "Azerbaijan", 0, 1)}


# --- counts -------------------------------------------------------------------------------

@pytest.mark.parametrize("second", [
    "A second shepherd grazing sheep nearby was not hurt.",
    "His brother, who was with him, wasn't injured.",
    "Two other villagers had not been wounded, the police added.",
])
def test_a_negated_casualty_word_is_no_figure(second: str) -> None:
    summary = f"A Karabakh shepherd was killed by Azerbaijani sniper fire near Martuni on Thursday, the police said. {second}"
    assert figures(summary) == {("Karabakh", "civilians-Armenia", 1, 0)}


@pytest.mark.parametrize("second", [
    "One of the men, 52, lost a leg and was flown to Yerevan.",
    "The older deminer, 41, suffered serious injuries.",
])
def test_an_age_set_off_after_a_person_noun_is_no_figure(second: str) -> None:
    summary = f"Two deminers of the HALO Trust were injured on Thursday when a mine exploded near Martuni, the charity said. {second}"
    assert figures(summary) == {("other", "civilians-Armenia", 0, 2)}


@pytest.mark.parametrize("clause,killed,wounded", [
    ("killing the driver, 52-year-old Ilham Guliyev, and injuring his passenger", 1, 1),
    ("killing the tractor driver and wounding his son", 1, 1),
    ("injuring its driver", 0, 1),
])
def test_one_person_named_by_role_after_an_active_verb(clause: str, killed: int, wounded: int) -> None:
    summary = f"A tractor hit an anti-tank mine near Aghdam on Thursday, {clause}, the Mine Action Agency said."
    assert figures(summary) == {("Azerbaijan", "civilians-Azerbaijan", killed, wounded)}


def test_the_people_travelling_with_a_crew_are_not_the_crew() -> None:
    summary = ("A car hit an anti-tank mine near Kalbajar on Thursday, the Prosecutor General's Office informs. "
               "Three people travelling with the film crew were wounded.")
    assert figures(summary) == {("Azerbaijan", "civilians-Azerbaijan", 0, 3)}


@pytest.mark.parametrize("summary", [
    "A Russian peacekeeping officer was wounded and an Azerbaijani sapper was killed on Thursday when a mine went off "
    "near Hadrut, the Russian Defence Ministry said.",
    "An Azerbaijani sapper was killed and a Russian peacekeeping officer was wounded on Thursday when a mine blew up "
    "during joint clearance near Hadrut, the Russian Defence Ministry reported.",
])
def test_a_russian_bulletin_about_both_sides(summary: str) -> None:
    claims = extract_claims("Mine", summary, THURSDAY)
    assert {(c.claimant, c.side_affected, c.killed, c.wounded) for c in claims} == {
        ("Russia", "Russia", 0, 1), ("Russia", "Azerbaijan", 1, 0)}
    assert {c.event_type for c in claims} == {"landmine"}


# --- zeros and denials ----------------------------------------------------------------------

@pytest.mark.parametrize("denial", [
    "The Armenian Defence Ministry called the report disinformation, saying there were no losses on the Armenian side.",
    "Yerevan dismissed the statement as a lie and said the Armenian side had suffered no losses.",
])
def test_a_denial_that_gives_its_own_zero(denial: str) -> None:
    summary = ("On Thursday Armenian units fired at Azerbaijani positions in the Kalbajar district, the Ministry of Defense "
               "informs; as a result of retaliatory fire at least three Armenian servicemen were killed or wounded. " + denial)
    assert figures(summary, source="Report.az") == {("Armenia", "Armenia", 0, 0)}


# --- splits ---------------------------------------------------------------------------------

@pytest.mark.parametrize("summary,expected", [
    ("At least 40 people were killed, three of them civilians, and more than 150 were wounded, 20 of them civilians, "
     "the Karabakh ombudsman said.", {("Karabakh", "Karabakh", 37, 130), ("Karabakh", "civilians-Armenia", 3, 20)}),
    ("At least 40 people were killed and more than 150 wounded, 20 of them civilians, the Karabakh ombudsman said.",
     {("Karabakh", "Karabakh", 40, 130), ("Karabakh", "civilians-Armenia", 0, 20)}),
])
def test_each_figure_split_by_its_own_civilians(summary: str, expected: set) -> None:
    assert figures(summary) == expected


@pytest.mark.parametrize("tail", [
    "adding that eight civilians, two of them children, were among the dead",
    "adding that eight civilians were among those killed",
])
def test_civilians_among_the_dead_split_the_toll(tail: str) -> None:
    summary = f"At least 120 people were killed in the offensive, the Karabakh ombudsman said on Thursday, {tail}."
    assert figures(summary) == {("Karabakh", "Karabakh", 112, 0), ("Karabakh", "civilians-Armenia", 8, 0)}


@pytest.mark.parametrize("target", [
    "in the direction of the village of Khnatsakh",
    "in the direction of Khnatsakh village",
])
def test_fire_in_the_direction_of_a_village_targets_its_people(target: str) -> None:
    summary = (f"Azerbaijani units opened fire from small arms {target} in Syunik on Thursday, damaging a house, "
               "the Ministry of Defense of Armenia said. There were no casualties.")
    assert figures(summary) == {("Armenia", "civilians-Armenia", 0, 0)}


# --- anaphors -------------------------------------------------------------------------------

@pytest.mark.parametrize("summary,claimant", [
    ("The EU Mission in Armenia said its monitors had visited Khnatsakh, where Armenia's Defence Ministry reported "
     "Azerbaijani gunfire had damaged a house on Thursday. No one was hurt, the mission said.", "EU"),
    ("The EU monitors said they had visited Khnatsakh, where Armenia's Defence Ministry reported that Azerbaijani "
     "gunfire had damaged a house on Thursday; no one was hurt, the monitors said.", "EU"),
])
def test_the_mission_said_is_the_mission_named_before(summary: str, claimant: str) -> None:
    assert {c[0] for c in figures(summary)} == {claimant}


# --- places and incidents -------------------------------------------------------------------

def test_a_first_name_that_is_a_province_is_no_place() -> None:
    summary = ("On Thursday an Azerbaijani group opened fire on a police car on the Stepanakert-Lisagor road, the "
               "Ministry of Internal Affairs of Artsakh informs. Two police officers were killed - Senior Lieutenant "
               "Ararat Sargsyan and Lieutenant Tavush Melikyan.")
    claims = extract_claims("Ambush", summary, THURSDAY)
    assert [(c.claimant, c.side_affected, c.killed) for c in claims] == [("Karabakh", "Karabakh", 2)]
    assert claims[0].locations == ["Stepanakert-Lisagor road"]


def test_a_road_between_two_places_links_reports_of_either() -> None:
    armenian = extract_claims("Ambush", "Two Karabakh police officers were killed on Thursday when Azerbaijani troops "
                              "fired on their car on the Stepanakert-Lisagor road, the Artsakh police informs.", THURSDAY)
    azerbaijani = extract_claims("Convoy", "Two Azerbaijani servicemen were killed on Thursday when armed formations "
                                 "opened fire near the Lachin-Khankendi road, the Ministry of Defense informs.",
                                 THURSDAY + timedelta(hours=2), "APA")
    for n, claim in enumerate(armenian):
        claim.story_id = f"a{n}"
    for n, claim in enumerate(azerbaijani):
        claim.story_id = f"b{n}"
    group_incidents(armenian + azerbaijani)
    assert len({c.incident_id for c in armenian + azerbaijani}) == 1


# --- tolls, voices and places of civilians ---------------------------------------------------

def test_its_toll_since_a_weekday_is_the_speakers_own_from_that_day() -> None:
    summary = ("Fighting in Nagorno-Karabakh went on for a second day on Thursday, with the region's military saying "
               "nine more of its soldiers had died, bringing its death toll since Wednesday to 20. "
               "In the Azerbaijani town of Tartar, two civilians were killed by a shell on Wednesday.")
    claims = extract_claims("Karabakh", summary, THURSDAY)
    assert {(c.claimant, c.side_affected, c.killed, c.wounded, c.event_date.isoformat()) for c in claims} == {
        ("Karabakh", "Karabakh", 20, 0, "2024-06-12"), ("Karabakh", "civilians-Azerbaijan", 2, 0, "2024-06-12")}


@pytest.mark.parametrize("silence", [
    "Azerbaijan has not disclosed its military losses.",
    "Baku did not report its own casualties.",
    "The Azerbaijani Defence Ministry declined to comment.",
])
def test_after_a_side_that_gives_no_figures_the_outlet_speaks(silence: str) -> None:
    summary = ("The Karabakh army said on Thursday that nine of its soldiers had been killed. " + silence +
               " In the Azerbaijani village of Gashalti, three civilians were killed when a shell hit their house.")
    assert figures(summary) == {("Karabakh", "Karabakh", 9, 0), ("unattributed", "civilians-Azerbaijan", 3, 0)}


@pytest.mark.parametrize("sentence,wounded", [
    ("In total, 14 civilians were wounded on Thursday in the Tartar and Aghdam districts, the office said.", 14),
    ("In all, 14 civilians were injured yesterday in Tartar and Aghdam, the office added.", 14),
])
def test_in_total_for_one_day_is_that_days_toll(sentence: str, wounded: int) -> None:
    summary = ("Two civilians were killed on Thursday when Armenian shells hit a house in Tartar, the Prosecutor "
               "General's Office of the Republic of Azerbaijan informs. " + sentence)
    assert figures(summary) == {("Azerbaijan", "civilians-Azerbaijan", 2, wounded)}


def test_in_total_since_a_date_is_still_a_running_total() -> None:
    summary = ("Two civilians were killed on Thursday when Armenian shells hit a house in Tartar, the Prosecutor "
               "General's Office informs. In total, 40 civilians have been killed since 27 September, it said.")
    assert figures(summary, datetime(2020, 10, 15, 18, 0, tzinfo=BAKU)) == {("Azerbaijan", "civilians-Azerbaijan", 2, 0)}


def _grouped(*stories: tuple[str, str, datetime, str]) -> list[list[str]]:
    out = []
    everything = []
    for n, (title, summary, published, source) in enumerate(stories):
        claims = extract_claims(title, summary, published, source)
        for claim in claims:
            claim.story_id = f"s{n}"
            everything.append((claim, published))
        out.append(claims)
    group_incidents(everything)
    return [[c.incident_id for c in claims] for claims in out]


def test_a_war_day_is_one_incident_across_the_front() -> None:
    sunday = datetime(2020, 9, 27, 21, 0, tzinfo=BAKU)
    monday = sunday + timedelta(hours=16)
    ids = _grouped(
        ("Offensive", "The Defence Army of the Republic of Artsakh informs that 16 servicemen were killed on Sunday "
         "as Azerbaijan launched a large-scale offensive in the Martakert and Hadrut directions.", sunday, "Armenpress"),
        ("Shelling", "As a result of Armenian shelling on Sunday, two civilians were killed in Tartar and, in total, "
         "11 civilians were wounded on Sunday in the Aghdam, Fuzuli and Tartar districts, the Prosecutor General's "
         "Office informs.", monday, "AZERTAC"),
        ("Second day", "Fighting in Nagorno-Karabakh raged for a second day on Monday, with the region's army saying "
         "its death toll since Sunday had risen to 31. In the Azerbaijani village of Gashalti, a family of five was "
         "killed on Sunday when a shell hit their house.", monday + timedelta(hours=3), "Reuters"),
    )
    assert len({i for story in ids for i in story}) == 1, ids


def test_a_village_shelled_away_from_the_front_is_its_own_incident() -> None:
    sunday = datetime(2020, 9, 27, 21, 0, tzinfo=BAKU)
    ids = _grouped(
        ("Offensive", "The Defence Army of the Republic of Artsakh informs that 16 servicemen were killed on Sunday "
         "as Azerbaijan launched a large-scale offensive in the Martakert and Hadrut directions.", sunday, "Armenpress"),
        ("Family", "Five members of one family were killed on Sunday when an Armenian shell hit their house in "
         "Gashalti village of Naftalan, the Prosecutor General's Office informs.", sunday + timedelta(hours=12), "AZERTAC"),
    )
    assert ids[0][0] != ids[1][0]


@pytest.mark.parametrize("denial", [
    "Armenia's Defence Ministry said that reports of Armenian units opening fire did not correspond to reality.",
    "The Armenian Defence Ministry said the information about Armenian units firing at Azerbaijani positions does not correspond to reality.",
])
def test_does_not_correspond_to_reality_is_a_denial(denial: str) -> None:
    summary = ("A serviceman of the State Border Service was wounded on Thursday when Armenian units opened fire at "
               "border posts near Zangilan, the State Border Service informs. " + denial)
    assert figures(summary, source="APA") == {("Azerbaijan", "Azerbaijan", 0, 1), ("Armenia", "Azerbaijan", 0, 0)}


def test_disputing_who_fired_first_is_no_denial() -> None:
    summary = ("An Azerbaijani serviceman was wounded on Thursday when Armenian units near Yeraskh opened fire on "
               "positions in Sadarak, the Ministry of Defense informs. The ministry said Armenian claims that "
               "Azerbaijani units had fired first did not correspond to reality.")
    assert figures(summary, source="APA") == {("Azerbaijan", "Azerbaijan", 0, 1)}


def test_a_denial_in_its_own_clause_takes_the_scene_of_what_it_denies() -> None:
    summary = ("A border guard was wounded on Wednesday evening when Armenian units fired at posts near Kollugishlag "
               "in Zangilan, the State Border Service informs. Armenia's Defence Ministry had said on Thursday that "
               "the reports did not correspond to reality; later it said two of its soldiers were wounded near Nerkin "
               "Hand on Thursday.")
    claims = {(c.claimant, c.side_affected): c for c in extract_claims("Border", summary, THURSDAY, "APA")}
    denial = claims[("Armenia", "Azerbaijan")]
    assert denial.event_date.isoformat() == "2024-06-12"
    assert "Nerkin Hand" not in denial.locations


# --- headline prefixes and other state-outlet attributions -----------------------------------

@pytest.mark.parametrize("title,summary,source,expected", [
    ("MoD: two servicemen wounded as a result of Azerbaijani provocation",
     "Two servicemen of the Armenian Armed Forces were wounded as a result of the provocation near Sotk on Thursday.",
     "Armenpress", ("Armenia", "Armenia", 0, 2)),
    ("Artsakh Defence Army: serviceman killed by Azerbaijani sniper",
     "A serviceman of the Defence Army was killed by Azerbaijani sniper fire in the Martuni direction on Thursday.",
     "Armenpress", ("Karabakh", "Karabakh", 1, 0)),
    ("BREAKING: State Border Service: border guard wounded",
     "On Thursday a serviceman of the State Border Service was wounded by fire opened by Armenian units near Zangilan.",
     "APA", ("Azerbaijan", "Azerbaijan", 0, 1)),
    ("HALO Trust: deminer injured near Martakert",
     "A deminer working for the organisation was injured on Thursday when a mine exploded near Martakert.",
     "Asbarez", ("other", "civilians-Armenia", 0, 1)),
])
def test_a_headline_prefix_names_the_speaker(title: str, summary: str, source: str, expected: tuple) -> None:
    assert figures(summary, source=source, title=title) == {expected}


def test_breaking_alone_names_no_speaker() -> None:
    assert figures("Two servicemen of the Armenian Armed Forces were wounded near Sotk on Thursday.",
                   source="Reuters", title="BREAKING: two soldiers wounded") == {("unattributed", "Armenia", 0, 2)}


@pytest.mark.parametrize("opening", ["As reported by the Ministry of Defense of Azerbaijan,", "As stated by Azerbaijan's Defence Ministry,"])
def test_as_reported_by_names_the_speaker(opening: str) -> None:
    summary = f"{opening} two servicemen of the Azerbaijani Army were wounded on Thursday by Armenian fire in Kalbajar."
    assert figures(summary, source="Reuters") == {("Azerbaijan", "Azerbaijan", 0, 2)}


@pytest.mark.parametrize("summary,expected", [
    ("Junior sergeant Elvin Aliyev, a serviceman of the Azerbaijani Army, became a martyr on Thursday as a result of "
     "Armenian fire in Kalbajar, the Ministry of Defense informs.", ("Azerbaijan", "Azerbaijan", 1, 0)),
    ("Two servicemen of the Azerbaijani Army became shehids on Thursday in Kalbajar, the Ministry of Defense informs.",
     ("Azerbaijan", "Azerbaijan", 2, 0)),
    ("As a result of the Armenian provocation on Thursday, serviceman of the Azerbaijani Army Ramin Aliyev was wounded "
     "in the Kalbajar district, the Ministry of Defense informs.", ("Azerbaijan", "Azerbaijan", 0, 1)),
    ("The Ministry of Emergency Situations of Artsakh informs that a man was killed and his son injured when an "
     "unexploded shell went off near Martuni on Thursday.", ("Karabakh", "civilians-Armenia", 1, 1)),
])
def test_state_outlet_ways_of_telling_a_casualty(summary: str, expected: tuple) -> None:
    assert figures(summary, source="AZERTAC") == {expected}


def test_an_outlets_own_voice_about_servicemen_is_its_own_sides() -> None:
    summary = ("A fire broke out on Thursday in a barracks of a military unit in Gegharkunik province. Three servicemen "
               "were injured, one of them seriously.")
    assert figures(summary, source="Armenpress") == {("unattributed", "Armenia", 0, 3)}


# --- more zeros and denials -------------------------------------------------------------------

def test_no_casualties_among_the_civilian_population() -> None:
    summary = ("Armenian units fired at Azerbaijani villages in the Kalbajar district on Thursday, the Ministry of "
               "Defense informs. There are no casualties or injuries among the civilian population.")
    assert figures(summary, source="APA") == {("Azerbaijan", "civilians-Azerbaijan", 0, 0)}


@pytest.mark.parametrize("summary", [
    "The Ministry of Defense of Armenia informs that the information disseminated by the Azerbaijani Ministry of "
    "Defense about Armenian units firing at Azerbaijani positions in Kalbajar on Thursday is false.",
    "The Ministry of Defense of the Republic of Armenia refutes the report of the Azerbaijani side that an "
    "Azerbaijani serviceman was wounded by Armenian fire on Thursday.",
])
def test_a_denied_report_gives_the_zero_and_not_its_figure(summary: str) -> None:
    assert figures(summary, source="Armenpress") == {("Armenia", "Azerbaijan", 0, 0)}


@pytest.mark.parametrize("second,wounded", [
    ("The driver was injured.", 1),
    ("Its driver was seriously injured, the ministry added.", 1),
])
def test_one_person_named_by_role_opening_a_sentence(second: str, wounded: int) -> None:
    summary = ("The Azerbaijani armed forces opened fire at a civilian car on the Goris-Kapan road on Thursday, the "
               "Ministry of Internal Affairs of Armenia informs. " + second)
    assert figures(summary) == {("Armenia", "civilians-Armenia", 0, wounded)}


def test_a_russian_bulletin_with_a_zero_for_the_peacekeepers() -> None:
    summary = ("In the Martakert district, as a result of a ceasefire violation on Thursday, one serviceman of the "
               "Armenian armed formations was wounded, the Russian Defence Ministry said in its bulletin. There were "
               "no casualties among the Russian peacekeepers.")
    assert figures(summary, source="TASS") == {("Russia", "Karabakh", 0, 1), ("Russia", "Russia", 0, 0)}


@pytest.mark.parametrize("summary,expected", [
    ("The Ministry of Defense informs that serviceman Hovhannes Sargsyan, born in 2003, was killed on Thursday by "
     "Azerbaijani fire near Tegh.", ("Armenia", "Armenia", 1, 0)),
    ("On Thursday, as a result of the explosion of an anti-tank mine in the Aghdam district, employee of ANAMA Rashad "
     "Aliyev was killed.", ("unattributed", "civilians-Azerbaijan", 1, 0)),
])
def test_named_victims_with_a_birth_year_or_an_employer(summary: str, expected: tuple) -> None:
    assert figures(summary, source="Armenpress" if "Tegh" in summary else "Reuters") == {expected}


def test_a_russian_bulletin_zero_for_one_side() -> None:
    summary = ("The Russian Defence Ministry said the Azerbaijani side had violated the ceasefire in the Shusha district "
               "on Thursday and that one serviceman of the Armenian armed formations was killed. No losses were "
               "recorded among the Azerbaijani servicemen, the ministry said.")
    assert figures(summary, source="TASS") == {("Russia", "Karabakh", 1, 0), ("Russia", "Azerbaijan", 0, 0)}


def test_a_russian_bulletin_no_casualties_names_no_side() -> None:
    summary = ("According to the bulletin of the Russian Defence Ministry, two ceasefire violations were recorded in "
               "the Martakert district on Thursday; there were no casualties.")
    assert figures(summary, source="RIA Novosti") == set()


def test_mod_prefix_inside_the_summary() -> None:
    summary = ("MoD: Azerbaijani units opened fire at Armenian positions in the eastern part of the border on Thursday; "
               "the Armenian side has no casualties.")
    assert figures(summary, source="Armenpress") == {("Armenia", "Armenia", 0, 0)}


@pytest.mark.parametrize("phrase", ["as fighting continued for a second day", "as the enemy attacked for a third time"])
def test_a_second_day_is_no_second_person(phrase: str) -> None:
    summary = (f"The Artsakh Defence Army informs that 15 more servicemen were killed on Thursday {phrase}, bringing "
               "the number of servicemen killed to 31.")
    assert figures(summary) == {("Karabakh", "Karabakh", 31, 0)}


def test_a_war_toll_revised_the_next_day_is_the_same_incident() -> None:
    sunday = datetime(2020, 9, 27, 21, 0, tzinfo=BAKU)
    ids = _grouped(
        ("Offensive", "The Defence Army of the Republic of Artsakh informs that 16 servicemen were killed on Sunday as "
         "Azerbaijan launched a large-scale offensive along the entire line of contact.", sunday, "Armenpress"),
        ("Toll", "The Artsakh Defence Army informs that 15 more servicemen were killed on Monday as fighting continued "
         "for a second day, bringing the number of servicemen killed to 31.", sunday + timedelta(days=1), "Armenpress"),
    )
    assert ids[0] == ids[1]


@pytest.mark.parametrize("summary", [
    "A memorial to the 15 servicemen who died in the fire at the Azat barracks in Gegharkunik was unveiled on "
    "Thursday, the Ministry of Defense informs.",
    "The trial of the officers charged over the barracks fire in which 15 servicemen died opened in Yerevan on Thursday.",
    "President Ilham Aliyev met the families of martyrs on Thursday and presented medals to 30 servicemen wounded in "
    "the Patriotic War.",
])
def test_remembrance_courts_and_the_patriotic_war_are_background(summary: str) -> None:
    assert figures(summary, source="Armenpress") == set()


@pytest.mark.parametrize("summary,title,expected", [
    ("Two servicemen of the Armenian Armed Forces were wounded near Sotk on Thursday — Armenian MoD.", "Border",
     ("Armenia", "Armenia", 0, 2)),
    ("Two Azerbaijani servicemen were wounded in Kalbajar on Thursday - Azerbaijan's Defence Ministry.", "Border",
     ("Azerbaijan", "Azerbaijan", 0, 2)),
    ("Two servicemen of the Armenian Armed Forces were wounded near Sotk on Thursday.",
     "Two servicemen wounded near Sotk — MoD", ("Armenia", "Armenia", 0, 2)),
    ("Two Azerbaijani servicemen were wounded in Kalbajar on Thursday after Armenian fire - a worrying sign.", "Border",
     ("unattributed", "Azerbaijan", 0, 2)),
])
def test_a_dash_names_the_source_in_flash_style(summary: str, title: str, expected: tuple) -> None:
    assert figures(summary, source="Armenpress" if "MoD" in title else "Reuters", title=title) == {expected}


@pytest.mark.parametrize("summary,source,expected", [
    ("The Defence Army informs that on Thursday the Azerbaijani armed forces attempted an offensive in the Hadrut "
     "direction; the attack was repelled and the enemy lost 12 servicemen.", "Armenpress", ("Karabakh", "Azerbaijan", 12, 0)),
    ("The Ministry of Defense informs that on Thursday, as a result of retaliatory fire, three servicemen of the enemy "
     "were killed in the Lachin direction.", "Report.az", ("Azerbaijan", "Armenia", 3, 0)),
    ("According to the Ministry of Defense of Armenia, on Thursday the adversary had at least 20 killed in the Jermuk "
     "direction.", "Armenpress", ("Armenia", "Azerbaijan", 20, 0)),
])
def test_the_enemys_losses_are_the_speakers_opponents(summary: str, source: str, expected: tuple) -> None:
    assert figures(summary, source=source) == {expected}


@pytest.mark.parametrize("summary,expected", [
    ("According to Armenia's Defence Ministry, the Azerbaijani side had 12 killed on Thursday.", ("Armenia", "Azerbaijan", 12, 0)),
    ("Armenia's Defence Ministry said Azerbaijani forces opened fire on Thursday, killing 2 and wounding 3.", ("Armenia", "Armenia", 2, 3)),
])
def test_a_side_that_had_n_killed(summary: str, expected: tuple) -> None:
    assert figures(summary, source="Reuters") == {expected}


def test_a_toll_revised_days_later_without_a_date_is_the_same_attack() -> None:
    tuesday = datetime(2024, 6, 11, 12, 0, tzinfo=BAKU)
    ids = _grouped(
        ("Attack", "Two Armenian servicemen were killed on Tuesday by Azerbaijani fire near Nerkin Hand in Syunik, the "
         "Ministry of Defense informs.", tuesday, "Armenpress"),
        ("Toll", "The number of servicemen killed in the Azerbaijani attack near Nerkin Hand has risen to four, the "
         "Ministry of Defense of Armenia informs.", tuesday + timedelta(days=2), "Armenpress"),
        ("Sniper", "A serviceman was wounded on Thursday by Azerbaijani sniper fire near Nerkin Hand, the Ministry of "
         "Defense of Armenia informs.", tuesday + timedelta(days=2, hours=3), "Armenpress"),
    )
    assert ids[0] == ids[1]
    assert ids[2] != ids[0]


def test_the_commander_of_the_unit_was_killed_is_one_more_person() -> None:
    summary = ("Three servicemen of the Armenian Armed Forces were wounded near Sotk on Thursday, the Ministry of "
               "Defense informs. The commander of the unit was killed.")
    assert figures(summary, source="Armenpress") == {("Armenia", "Armenia", 1, 3)}
