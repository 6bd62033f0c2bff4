"""Claim extraction on hand-written stories, one labelling rule per test.

The stories are invented for these tests (not copied from the corpus); each is written to
exercise one rule of shared/corpus/README.md.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from briefing.extract import extract_claims, is_relevant

YEREVAN = timezone(timedelta(hours=4))
# A Wednesday.
PUBLISHED = datetime(2023, 5, 17, 18, 0, tzinfo=YEREVAN)


def figures(summary: str, title: str = "Border incident", published: datetime = PUBLISHED, source: str = "",
            vague: bool = True) -> set[tuple]:
    """(claimant, side, killed, wounded) of every claim, as a set (`vague=False`: the corpus view)."""
    return {(c.claimant, c.side_affected, c.killed, c.wounded)
            for c in extract_claims(title, summary, published, source) if vague or not c.vague}


# --- number words, "a soldier", "another", modifiers, ranges -----------------------------

@pytest.mark.parametrize("summary, expected", [
    ("Azerbaijan's Defence Ministry said twelve servicemen were killed and thirty-four wounded "
     "in fighting near Tovuz on Sunday.", {("Azerbaijan", "Azerbaijan", 12, 34)}),
    ("A soldier of the Armenian army was killed by Azerbaijani sniper fire near Tegh on Monday, "
     "Armenia's Ministry of Defence reported.", {("Armenia", "Armenia", 1, 0)}),
    ("Karabakh's Defence Army said on Tuesday that another serviceman had died of his wounds in hospital "
     "after an Azerbaijani drone strike near Martakert.", {("Karabakh", "Karabakh", 1, 0)}),
    ("Nearly 30 Azerbaijani servicemen were wounded and at least 4 killed in the clash near Kalbajar, "
     "Baku said.", {("Azerbaijan", "Azerbaijan", 4, 30)}),
    ("An Armenian conscript was fatally wounded near Norabak on Tuesday, the Armenian Defence Ministry said.",
     {("Armenia", "Armenia", 1, 0)}),
    ("Azerbaijan's State Border Service said two border guards were wounded by Armenian gunfire near "
     "Gazakh.", {("Azerbaijan", "Azerbaijan", 0, 2)}),
])
def test_number_phrases(summary, expected):
    assert figures(summary) == expected


def test_range_gives_low_and_high():
    claims = extract_claims(
        "Ambush near Kalbajar",
        "Between five and seven Azerbaijani soldiers were killed in the ambush near Kalbajar, "
        "Armenia's Defence Ministry said on Wednesday.",
        PUBLISHED,
    )
    assert [(c.claimant, c.side_affected, c.killed, c.killed_high) for c in claims] == [
        ("Armenia", "Azerbaijan", 5, 7)
    ]


def test_vague_quantities_give_no_claim():
    # not even a vague one (tests/extract/test_vague.py): a figure for both sides is a sum
    assert figures("Dozens of soldiers were killed as Armenian and Azerbaijani troops clashed near Sotk, "
                   "officials on both sides said.") == set()


# --- attribution ---------------------------------------------------------------------------

def test_baku_alleged_and_civilians_side():
    assert figures("Baku alleged on Monday that Armenian forces had shelled the village of Alibeyli in "
                   "Tovuz, wounding two civilians.") == {("Azerbaijan", "civilians-Azerbaijan", 0, 2)}


def test_outlet_voice_is_unattributed():
    assert figures("Two Armenian soldiers were killed and five wounded in a firefight with Azerbaijani "
                   "troops near Verin Shorzha early on Tuesday.") == {("unattributed", "Armenia", 2, 5)}


def test_claim_about_the_other_side():
    assert figures("Azerbaijan's Defence Ministry said its units destroyed an Armenian position near "
                   "Sotk on Tuesday, killing at least six Armenian soldiers.") == {("Azerbaijan", "Armenia", 6, 0)}


def test_russian_ministry_and_peacekeeper():
    assert figures("Russia's Defence Ministry said one Russian peacekeeper was wounded when his vehicle "
                   "came under fire near Shusha on Monday.") == {("Russia", "Russia", 0, 1)}


def test_anaphoric_ministry_takes_previous_claimant():
    summary = ("Armenia's Defence Ministry said Azerbaijani units opened fire on Armenian positions near "
               "Jermuk on Tuesday evening. Three servicemen were wounded, the ministry said later.")
    assert figures(summary) == {("Armenia", "Armenia", 0, 3)}


def test_two_claimants_in_one_sentence():
    summary = ("Yerevan said four of its soldiers were killed, while Baku said two of its servicemen "
               "died in the clash near Tegh on Tuesday.")
    assert figures(summary) == {("Armenia", "Armenia", 4, 0), ("Azerbaijan", "Azerbaijan", 2, 0)}


def test_ngo_is_other():
    summary = ("Amnesty International said on Tuesday that the Armenian rocket strike on Barda killed at "
               "least nine civilians.")
    assert figures(summary) == {("other", "civilians-Azerbaijan", 9, 0)}


# --- zero claims ---------------------------------------------------------------------------

def test_denial_is_a_zero_claim_about_the_side_said_to_be_targeted():
    summary = ("Azerbaijan's Defence Ministry denied an Armenian report that its troops had opened fire "
               "on Armenian positions near Sotk on Tuesday, calling it disinformation.")
    assert figures(summary) == {("Azerbaijan", "Armenia", 0, 0)}


def test_no_casualties_is_a_zero_claim():
    summary = ("Azerbaijani units fired at Armenian positions near Khoznavar on Tuesday night; Armenia's "
               "Defence Ministry said there were no casualties.")
    assert figures(summary) == {("Armenia", "Armenia", 0, 0)}


def test_no_casualty_statement_gives_no_claim():
    summary = ("Azerbaijani air defences downed an Armenian quadcopter over Nakhchivan on Tuesday, "
               "the Defence Ministry in Baku said.")
    assert figures(summary) == set()


# --- historical, cumulative, other conflicts, domestic unrest -------------------------------

def test_historical_figures_are_not_claims():
    summary = ("Armenia's Defence Ministry said one soldier was wounded near Jermuk on Tuesday. "
               "The 2020 war killed more than 3,800 Armenian servicemen.")
    assert figures(summary) == {("Armenia", "Armenia", 0, 1)}


@pytest.mark.parametrize("summary", [
    "Mines have killed 45 people and injured 120 in Azerbaijan so far this year, ANAMA said on Monday.",
    "Since the end of the war, 61 Azerbaijanis have been killed by landmines, the agency said.",
    "Shelling has killed 38 civilians and wounded 140 since 1 March, Karabakh's ombudsman said.",
    "In total, 3,825 Armenian servicemen were killed in the 44-day war, the ministry said.",
])
def test_cumulative_totals_are_not_claims(summary):
    assert figures(summary) == set()


def test_other_conflicts_mentioned_in_passing():
    summary = ("Armenia's Defence Ministry said two soldiers were wounded by Azerbaijani fire near Norabak "
               "on Tuesday. In Ukraine, Russian strikes killed 14 civilians overnight, officials in Kyiv said.")
    assert figures(summary) == {("Armenia", "Armenia", 0, 2)}


def test_non_casualty_numbers():
    summary = ("Azerbaijan's Defence Ministry said on Tuesday that three of its soldiers were wounded "
               "during a two-day clash that spread to four villages near Gazakh. A 55-year-old shepherd "
               "was also hurt, it said.")
    assert figures(summary) == {("Azerbaijan", "Azerbaijan", 0, 3), ("Azerbaijan", "civilians-Azerbaijan", 0, 1)}


def test_domestic_protest_injuries_are_not_claims():
    summary = ("Police and protesters clashed in Yerevan on Tuesday during a rally against the border deal "
               "with Azerbaijan; 12 police officers and 30 demonstrators were injured, officials said.")
    assert figures(summary) == set()


# --- splits, sums, unsplit ------------------------------------------------------------------

def test_split_killed_of_them_civilians():
    summary = "Armenia's Security Council said 12 people were killed, four of them civilians, in Tuesday's shelling."
    assert figures(summary) == {("Armenia", "Armenia", 8, 0), ("Armenia", "civilians-Armenia", 4, 0)}


@pytest.mark.parametrize("summary", [
    "Karabakh authorities said on Tuesday that 15 people had been killed or wounded in the shelling of Stepanakert.",
    "The Armenian side reported 40 casualties after Tuesday's fighting near Sotk.",
])
def test_unsplit_casualties_give_no_claim(summary):
    # no corpus claim; an unsplit "40 casualties" is kept only as a vague claim (test_vague.py)
    assert {f for f in figures(summary, vague=False)} == set()


def test_sum_across_sides_is_not_a_claim():
    summary = ("At least nine soldiers died on Tuesday as Armenian and Azerbaijani forces traded fire near "
               "Tegh. Armenia said five of its troops were killed; Azerbaijan said it lost four servicemen.")
    got = figures(summary)
    assert ("Armenia", "Armenia", 5, 0) in got
    assert not any(k == 9 for _, _, k, _ in got)


def test_subsets_are_not_added():
    summary = ("Six Azerbaijani servicemen were killed near Lachin on Tuesday, the Defence Ministry in Baku "
               "said, including two officers. Two of the dead were from Ganja.")
    assert figures(summary) == {("Azerbaijan", "Azerbaijan", 6, 0)}


# --- revisions inside a story -----------------------------------------------------------------

def test_raised_toll_keeps_the_latest_figure():
    summary = ("Two Armenian soldiers were killed near Sotk on Tuesday, Armenia's Defence Ministry said. "
               "Later it said the number of dead had risen to four, up from two.")
    assert figures(summary) == {("Armenia", "Armenia", 4, 0)}


def test_increment_is_added():
    summary = ("Azerbaijan's Defence Ministry said one soldier was wounded near Kalbajar on Tuesday; "
               "it later said two more servicemen had been injured.")
    assert figures(summary) == {("Azerbaijan", "Azerbaijan", 0, 3)}


# --- non-combat deaths and landmines -----------------------------------------------------------

def test_non_combat_deaths_are_claims():
    claims = extract_claims(
        "Barracks fire kills Armenian soldiers",
        "Fifteen Armenian soldiers died and three were injured when a fire broke out at a barracks in "
        "Gegharkunik province on Tuesday, Armenia's Defence Ministry said.",
        PUBLISHED,
    )
    assert [(c.claimant, c.side_affected, c.killed, c.wounded, c.kind, c.event_type) for c in claims] == [
        ("Armenia", "Armenia", 15, 3, "non-combat", "other")
    ]


def test_landmine():
    claims = extract_claims(
        "Deminers killed in Fuzuli",
        "Two Azerbaijani deminers were killed and one injured when a landmine exploded in Fuzuli district "
        "on Tuesday, the Mine Action Agency ANAMA said.",
        PUBLISHED,
    )
    assert [(c.claimant, c.side_affected, c.killed, c.wounded, c.kind, c.weapons) for c in claims] == [
        ("Azerbaijan", "civilians-Azerbaijan", 2, 1, "landmine", ["mine"])
    ]


# --- dates, places, weapons ----------------------------------------------------------------------

def test_event_date_from_weekday_and_explicit_date():
    claims = extract_claims("x", "Armenia's Defence Ministry said a soldier was wounded near Tegh on Monday.",
                            PUBLISHED)
    assert claims[0].event_date == date(2023, 5, 15)
    claims = extract_claims("x", "Armenia's Defence Ministry said a soldier was wounded near Tegh on 14 May.",
                            PUBLISHED)
    assert claims[0].event_date == date(2023, 5, 14)


def test_locations_and_weapons():
    claims = extract_claims(
        "x",
        "Azerbaijani forces shelled Armenian positions near Sotk and Norabak with artillery and mortars on "
        "Tuesday, wounding three soldiers, Armenia's Defence Ministry said.",
        PUBLISHED,
    )
    assert claims[0].locations == ["Sotk", "Norabak"]
    assert set(claims[0].weapons) == {"artillery", "mortar"}
    assert claims[0].event_type == "shelling/artillery"


# --- relevance ------------------------------------------------------------------------------------

def test_irrelevant_story_gives_no_claims_whatever_its_casualties():
    title = "Floods kill five in western Georgia"
    summary = "Five people were killed and 12 injured when floods hit the Imereti region, Georgian officials said."
    assert not is_relevant(title, summary)
    assert figures(summary, title=title) == set()


def test_relevance():
    assert is_relevant("Pashinyan and Aliyev meet in Brussels", "The leaders discussed the peace treaty.")
    assert is_relevant("Shelling near Stepanakert", "Several houses were damaged.")
    assert not is_relevant("Azerbaijan raises gas output", "Azerbaijan produced more gas in the first half.")
    assert not is_relevant("Armenian central bank cuts rate", "The Central Bank of Armenia cut its key rate.")


# --- more phrasing ------------------------------------------------------------------------------

def test_coordinated_victims_of_one_side_are_added():
    summary = ("Two Azerbaijani journalists and a local official were killed when their car hit an anti-tank "
               "mine in Kalbajar on Tuesday, the Prosecutor General's Office said.")
    assert figures(summary) == {("Azerbaijan", "civilians-Azerbaijan", 3, 0)}


def test_coordinated_victims_of_two_sides_are_kept_apart():
    summary = ("Three Karabakh police officers and two Azerbaijani soldiers were killed in a shootout near "
               "Stepanakert on Tuesday, according to the two sides.")
    assert figures(summary) == {("Karabakh", "Karabakh", 3, 0), ("Azerbaijan", "Azerbaijan", 2, 0)}


def test_later_sentence_splits_a_generic_toll():
    summary = ("Karabakh's government said on Tuesday that at least 200 people were killed and 400 injured in "
               "the Azerbaijani offensive. Of the dead, ten were civilians, it said.")
    assert figures(summary) == {("Karabakh", "Karabakh", 190, 400), ("Karabakh", "civilians-Armenia", 10, 0)}


def test_bare_ministry_in_a_national_outlet():
    summary = ("Private Arman Petrosyan was killed by an Azerbaijani sniper near Yeraskh on Tuesday, the "
               "Defence Ministry said. Another soldier sustained a gunshot wound.")
    assert figures(summary, source="Armenpress") == {("Armenia", "Armenia", 1, 1)}


def test_false_report_is_a_denial():
    summary = ("An Armenian soldier was wounded by Azerbaijani fire near Khachik on Tuesday, Armenia's Defence "
               "Ministry said. Azerbaijan's Defence Ministry called the report false.")
    assert figures(summary) == {("Armenia", "Armenia", 0, 1), ("Azerbaijan", "Armenia", 0, 0)}


def test_sum_on_both_sides_is_not_a_claim():
    summary = "Nearly 5,000 people have been killed on both sides since the fighting began, Russia's president said."
    assert figures(summary) == set()
