"""The extractor's public behaviour a reader relies on: every claim explains itself, carries a
confidence, incident reports with no understood figure are flagged, and hostile text never
breaks it."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from briefing.extract import CorpusStory, corpus_view, extract_claims, group_incidents, is_relevant, read_story
from briefing.extract.explain import explain

DAY = datetime(2024, 2, 14, 12, 0, tzinfo=timezone.utc)


def test_a_claim_names_the_rules_behind_each_field() -> None:
    reading = read_story("", "Azerbaijani shelling killed two Armenian soldiers near Sotk on Tuesday, "
                             "the Armenian Defence Ministry said.", DAY)
    [claim] = reading.claims
    fields = {why.field: why.rule for why in claim.why}
    assert (claim.claimant, claim.side_affected, claim.killed) == ("Armenia", "Armenia", 2)
    assert fields["count"] == "en.number.units"
    assert fields["role"] == "en.trigger.killed"
    assert "en.authority.ministry" in fields["claimant"]
    assert 0 < claim.confidence <= 1
    text = explain(reading)
    assert "en.trigger.killed" in text and "Armenia says Armenia: 2 killed" in text


def test_an_outlets_own_voice_is_less_certain_than_a_named_authority() -> None:
    named = extract_claims("", "Two Armenian soldiers were wounded, the Armenian Defence Ministry said.", DAY)[0]
    bare = extract_claims("", "Two Armenian soldiers were wounded near the border with Azerbaijan.", DAY)[0]
    assert bare.claimant == "unattributed"
    assert bare.confidence < named.confidence


def test_an_incident_report_without_an_understood_figure_is_flagged() -> None:
    reading = read_story("Soldiers hurt in border shooting",
                         "Several Armenian soldiers were hurt when Azerbaijani forces opened fire, officials said.", DAY)
    assert reading.unread_incident
    assert "FLAGGED" in explain(reading)


def test_a_story_about_talks_is_not_flagged() -> None:
    reading = read_story("Foreign ministers meet", "Armenia's and Azerbaijan's foreign ministers met in Washington "
                                                   "to discuss the peace treaty.", DAY)
    assert not reading.claims and not reading.unread_incident


def test_vague_figures_are_kept_but_not_in_the_corpus_view() -> None:
    text = "Dozens of Armenian soldiers were killed near Sotk, the Azerbaijani Defence Ministry claimed."
    assert all(claim.vague for claim in extract_claims("", text, DAY)) or not extract_claims("", text, DAY)
    [row] = corpus_view([CorpusStory("s1", "", text, DAY)])
    assert row["relevant"] and row["claims"] == []


def test_two_outlets_reports_of_one_clash_share_an_incident() -> None:
    rows = corpus_view([
        CorpusStory("a", "", "Two Armenian soldiers were killed near Sotk on Tuesday, the Armenian Defence Ministry said.", DAY),
        CorpusStory("b", "", "Azerbaijan's defence ministry said one of its servicemen was wounded in Kalbajar on Tuesday.", DAY),
    ])
    ids = {claim["incident_id"] for row in rows for claim in row["claims"]}
    assert len(ids) == 1


@pytest.mark.parametrize("text", [
    "",
    "[@click=app.quit]Two[/] Armenian soldiers <script>alert(1)</script> were killed\x1b[31m, Baku said.",
    "Armenia " + "killed " * 5000,
    "Azerbaijan said 99999999999999999999999999 Armenian soldiers were killed.",
    "Armenian " + "(" * 3000 + " soldier killed",
    "Kəlbəcər Сотк Սոթք 13 September 2022 ... ; ; , , ::",
])
def test_hostile_text_gives_claims_or_nothing_never_an_error(text: str) -> None:
    for claim in extract_claims(text[:80], text, DAY):
        assert claim.killed >= 0 and claim.wounded >= 0
    group_incidents([])


def test_not_about_the_conflict() -> None:
    assert not is_relevant("Qarabag FK beat Benfica", "Qarabag FK beat Benfica 3-2 in the Champions League in Baku.")


def test_a_clash_told_in_russian_and_in_english_is_one_incident() -> None:
    rows = corpus_view([
        CorpusStory("ru", "", "Двое военнослужащих ВС Армении погибли во вторник у села Сотк в результате обстрела "
                              "со стороны ВС Азербайджана, сообщило Минобороны Армении.", DAY),
        CorpusStory("en", "", "Two Armenian soldiers were killed near Sotk on Tuesday by Azerbaijani shelling, "
                              "Armenia's Defence Ministry said.", DAY),
    ])
    claims = [claim for row in rows for claim in row["claims"]]
    assert [(c["claimant"], c["side_affected"], c["killed"]) for c in claims] == [("Armenia", "Armenia", 2)] * 2
    assert claims[0]["incident_id"] == claims[1]["incident_id"]


@pytest.mark.parametrize(("text", "language"), [
    ("Двое армянских военнослужащих погибли", "ru"),
    ("Ermənistan silahlı qüvvələri mövqelərimizi atəşə tutub", "az"),
    ("Հակառակորդի կրակոցից զոհվել է զինծառայող", "hy"),
    ("Two Armenian soldiers were killed", "en"),
])
def test_the_language_is_read_from_the_letters(text: str, language: str) -> None:
    from briefing.language import detect_language
    assert detect_language(text) == language


def test_a_closing_attribution_speaks_for_the_figures_before_it() -> None:
    claims = extract_claims("", "Kəlbəcər rayonunda hərbi maşın minaya düşüb. Hadisə nəticəsində iki hərbçi yaralanıb. "
                                "Bu barədə Müdafiə Nazirliyi məlumat verib.", DAY)
    assert [(c.claimant, c.side_affected, c.wounded) for c in claims] == [("Azerbaijan", "Azerbaijan", 2)]


def test_typographic_apostrophes_read_like_plain_ones() -> None:
    """Wire copy writes "Armenia’s": the ministry must still be Armenia's, not the other side's."""
    text = ("The Azeri defence ministry said four of its soldiers had been killed and five wounded, "
            "while Armenia’s ministry said three of its soldiers had been wounded.")
    got = {(c.claimant, c.side_affected, c.killed, c.wounded) for c in extract_claims("", text, DAY)}
    assert ("Armenia", "Armenia", 0, 3) in got
    assert ("Azerbaijan", "Azerbaijan", 4, 5) in got


def test_a_figure_without_its_own_day_belongs_to_the_headlines_day_not_a_later_episode() -> None:
    """The lead's toll is the 10 February fighting; "no losses" on 12 February is another incident,
    so the zero must not vanish under the toll."""
    reading = read_story("Azerbaijan says seven servicemen killed in 10 February fighting",
                         "Azerbaijan's Defence Ministry put its losses at seven servicemen killed and ten wounded. "
                         "On 12 February, the ministry said, a new attack was repelled without any losses among "
                         "Azerbaijani personnel.", DAY)
    got = sorted((c.claimant, c.side_affected, c.killed, c.wounded) for c in reading.claims)
    assert got == [("Azerbaijan", "Azerbaijan", 0, 0), ("Azerbaijan", "Azerbaijan", 7, 10)]


def test_an_outlets_figure_that_adds_up_the_sides_is_not_a_claim() -> None:
    text = ("Eighteen soldiers have been killed in four days of fighting. Azerbaijan's Defence Ministry said 13 of "
            "its servicemen were killed, while Karabakh's defence army said five of its soldiers died.")
    got = sorted((c.claimant, c.side_affected, c.killed) for c in extract_claims("", text, DAY))
    assert got == [("Azerbaijan", "Azerbaijan", 13), ("Karabakh", "Karabakh", 5)]


@pytest.mark.parametrize("text, killed", [
    ("About 30 people were killed in the Azerbaijani offensive, the Karabakh ombudsman said. "
     "The ombudsman later wrote that 27 people had been killed.", 27),
    ("Около 30 человек погибли в результате наступления Азербайджана, заявил омбудсмен Карабаха. "
     "Позднее омбудсмен написал, что погибли 27 человек.", 27),
    ("At least 30 people were killed in the Azerbaijani offensive, the Karabakh ombudsman said. "
     "The ombudsman later wrote that 27 people had been killed.", 30),
])
def test_a_rounded_toll_gives_way_to_an_exact_one_close_below_it(text: str, killed: int) -> None:
    """"About 30" then "27" is 27; "at least 30" is a floor, not a rounding, and stands."""
    [claim] = [c for c in extract_claims("", text, DAY) if not c.vague]
    assert claim.killed == killed


@pytest.mark.parametrize("text", [
    "Two Armenian soldiers were killed on Tuesday, the Armenian Defence Ministry said. In Baku, officials "
    "laid flowers in memory of the 2,908 Azerbaijani servicemen who died.",
    "Два армянских военнослужащих погибли во вторник, сообщило Минобороны Армении. "
    "Азербайджанская сторона сообщала о гибели более 2900 своих военнослужащих.",
])
def test_a_toll_in_the_thousands_is_a_wars_total_not_todays_news(text: str) -> None:
    claims = extract_claims("", text, DAY)
    assert [(c.claimant, c.side_affected, c.killed) for c in claims] == [("Armenia", "Armenia", 2)]


def test_a_short_aside_between_dashes_does_not_cut_a_figure_from_its_verb() -> None:
    claims = extract_claims("", "Armenia says four of its troops – two of them officers – were killed.", DAY)
    assert [(c.claimant, c.side_affected, c.killed) for c in claims] == [("Armenia", "Armenia", 4)]


def test_the_side_word_before_a_single_victim_names_its_side_not_the_speakers() -> None:
    claims = extract_claims("", "The Azerbaijani Defence Ministry said the Armenian soldier was killed in an accident.", DAY)
    assert [(c.claimant, c.side_affected, c.killed) for c in claims] == [("Azerbaijan", "Armenia", 1)]


def test_the_outlets_echo_of_an_authoritys_figure_is_not_a_second_claim() -> None:
    claims = extract_claims("", "Missile strike on Ganja leaves 10 dead\n\nFighting continues for the 21st day around "
                                "Karabakh.\n\nA missile strike on Ganja has left at least 10 people dead and 40 wounded, "
                                "Azerbaijani officials said.", DAY)
    assert [(c.claimant, c.side_affected, c.killed, c.wounded) for c in claims] == [
        ("Azerbaijan", "civilians-Azerbaijan", 10, 40)]


@pytest.mark.parametrize("text", [
    "27 people were killed, two of them civilians, the Karabakh ombudsman said.",
    "There are 27 dead, two of them civilians, the Karabakh ombudsman said.",
    "Есть 27 погибших, двое из них - мирные жители, заявил омбудсмен Карабаха.",
])
def test_civilians_named_after_the_verb_are_a_part_of_the_total(text: str) -> None:
    claims = extract_claims("", text, DAY)
    assert sorted((c.side_affected, c.killed) for c in claims) == [("Karabakh", 25), ("civilians-Armenia", 2)]


def test_children_among_a_towns_wounded_do_not_split_the_total() -> None:
    claims = extract_claims("", "A missile hit Ganja overnight, Azerbaijan's Prosecutor General's Office said. "
                                "Thirty-four people were wounded, nine of them children.", DAY)
    assert [(c.side_affected, c.wounded) for c in claims] == [("civilians-Azerbaijan", 34)]


def test_a_collective_noun_without_a_number_is_not_one_person() -> None:
    claims = extract_claims("", "Армянская сторона заявила, что среди личного состава ВС Азербайджана есть "
                                "многочисленные погибшие.", DAY)
    assert claims == []


def test_a_participle_before_a_counted_noun_leaves_the_figure_to_the_verb_after_it() -> None:
    claims = extract_claims("", "Xankəndi yaxınlığında benzin anbarında baş vermiş partlayış nəticəsində xəsarət alan "
                                "20 nəfər xəstəxanalarda ölüb, Ermənistan Səhiyyə Nazirliyi bildirib.", DAY)
    assert [(c.killed, c.wounded) for c in claims] == [(20, 0)]


@pytest.mark.parametrize("text, expected", [
    ("Mortar rounds hit the village of Alkhanli, killing a two-year-old girl and her grandmother, the Azerbaijani "
     "Defence Ministry said.", [("civilians-Azerbaijan", 2, 0)]),
    ("Shelling killed a soldier and a civilian in Tegh, the Armenian Defence Ministry said.",
     [("Armenia", 1, 0), ("civilians-Armenia", 1, 0)]),
    ("A deminer of the agency was injured when an anti-personnel mine went off in Aghdam, ANAMA said.",
     [("civilians-Azerbaijan", 0, 1)]),
])
def test_people_named_after_the_verb(text: str, expected: list) -> None:
    claims = extract_claims("", text, DAY)
    assert sorted((c.side_affected, c.killed, c.wounded) for c in claims) == expected


def test_an_official_naming_no_country_speaks_for_the_side_whose_dead_the_story_named() -> None:
    claims = extract_claims("Azerbaijani officers killed in border clash",
                            "An Azerbaijani general and a colonel were killed on Tuesday in fresh border clashes. "
                            "The deputy defence minister told reporters that five soldiers had also died. "
                            "Yerevan denied any losses of its own.", DAY)
    assert ("Azerbaijan", "Azerbaijan", 5) in [(c.claimant, c.side_affected, c.killed) for c in claims]


def test_a_surname_first_met_after_a_title_speaks_for_that_official_later() -> None:
    claims = extract_claims("Azerbaijani officers killed in border clash",
                            "An Azerbaijani general and five soldiers were killed on Tuesday, officials said. "
                            "Deputy Defence Minister Karim Valiyev told reporters the troops died heroically. "
                            "Valiyev claimed Azerbaijani forces had killed 100 Armenian troops, but Yerevan denied "
                            "any losses.", DAY)
    assert ("Azerbaijan", "Armenia", 100) in [(c.claimant, c.side_affected, c.killed) for c in claims]


def test_a_superlative_before_since_compares_it_does_not_make_a_running_total() -> None:
    claims = extract_claims("", "Armenian President Serzh Sarksyan said 18 Armenian troops were killed and some 35 "
                                "wounded in the largest-scale hostilities since a 1994 truce ended a war.", DAY)
    assert [(c.claimant, c.killed, c.wounded) for c in claims] == [("Armenia", 18, 35)]


@pytest.mark.parametrize("text, expected", [
    ("The number of confirmed victims of the 25 September fuel depot explosion outside Stepanakert now stands at "
     "218, Armenia's Investigative Committee says.", [("Armenia", "civilians-Armenia", 218)]),
    ("Four employees of Azerbaijan's Interior Ministry died when their truck hit a mine near Taghavard, the "
     "Prosecutor General's Office said.", [("Azerbaijan", "Azerbaijan", 4)]),
])
def test_tolls_of_a_named_incident_and_police_staff(text: str, expected: list) -> None:
    assert [(c.claimant, c.side_affected, c.killed) for c in extract_claims("", text, DAY)] == expected


@pytest.mark.parametrize("text", [
    "Armenia said 49 of its soldiers were killed and Azerbaijan 50.",
    "Yerevan reported 105 soldiers killed in the fighting and Baku 71, a combined toll of 176.",
])
def test_a_second_side_with_its_verb_left_out_is_its_own_claim(text: str) -> None:
    claims = extract_claims("", text, DAY)
    assert len(claims) == 2 and {(c.claimant, c.side_affected) for c in claims} == {
        ("Armenia", "Armenia"), ("Azerbaijan", "Azerbaijan")}


def test_a_toll_that_remains_is_a_toll_and_a_fireworks_blast_is_not_the_conflict() -> None:
    claims = extract_claims("", "Seven servicemen were injured in the fire at the barracks in Azat, while the death toll "
                                "remains 15, Armenia's Defence Ministry said.", DAY)
    assert [(c.killed, c.wounded) for c in claims] == [(15, 7)]
    assert not is_relevant("Explosion at Yerevan market kills 16",
                           "At least 16 people were killed when a warehouse storing fireworks exploded at a market in "
                           "Yerevan, Armenia's Emergencies Ministry said.")


def test_a_person_named_and_joined_to_a_count_is_one_more() -> None:
    claims = extract_claims("", "Elbrus Gurbanov and four members of his family were killed when a shell landed in "
                                "their yard in Gashalti, the Prosecutor General's Office of Azerbaijan said.", DAY)
    assert [(c.side_affected, c.killed) for c in claims] == [("civilians-Azerbaijan", 5)]


@pytest.mark.parametrize("text", [
    "Armenia now puts its military dead at about 3,800, while Azerbaijan counts 2,908 servicemen and 100 civilians killed.",
    "Over 100 people were hurt as police dispersed a protest outside the Armenian parliament, the Health Ministry said.",
    "The Karabakh army named 49 more fallen soldiers on Sunday, the Defence Army said.",
])
def test_war_totals_protests_and_name_lists_are_not_claims(text: str) -> None:
    assert extract_claims("", text, DAY) == []


def test_an_authority_in_a_capital_speaks_for_that_country() -> None:
    claims = extract_claims("", "Azerbaijani forces attacked Armenian positions in Syunik, Armenia's Defence Ministry said. "
                                "One Armenian serviceman was killed. According to the Defence Ministry in Baku, seven "
                                "Azerbaijani soldiers died and ten were wounded.", DAY)
    assert ("Azerbaijan", "Azerbaijan", 7, 10) in [(c.claimant, c.side_affected, c.killed, c.wounded) for c in claims]


def test_remains_of_the_fallen_handed_over_are_not_new_deaths() -> None:
    claims = extract_claims("ԱԻՊԾ․ Հայկական կողմին ևս 15 զոհված զինծառայողի աճյուն է փոխանցվել",
                            "Հայկական կողմին է փոխանցվել ևս 15 զինծառայողի աճյուն, հայտնում է Արցախի արտակարգ "
                            "իրավիճակների պետական ծառայությունը։", DAY)
    assert claims == []


def test_a_rounded_lead_gives_way_to_an_exact_toll_that_is_then_split() -> None:
    claims = extract_claims("", "About 30 people were killed in Karabakh, the Karabakh ombudsman said. \"There are 27 dead, "
                                "two of them civilians,\" the ombudsman wrote.", DAY)
    assert sorted((c.side_affected, c.killed) for c in claims) == [("Karabakh", 25), ("civilians-Armenia", 2)]


def test_a_quote_speaks_with_the_speaker_named_where_it_closes() -> None:
    claims = extract_claims("", "В Минобороны Армении сообщают о трех раненых. Так, в сообщении азербайджанского Минобороны "
                                "говорится о погибшем с их стороны. «В результате провокации азербайджанской стороны 3 "
                                "военнослужащих ВС Армении получили огнестрельное ранение. Их жизни ничего не угрожает», "
                                "— указывают в Минобороны Армении.", DAY)
    assert ("Azerbaijan", "Armenia", 0, 3) not in [(c.claimant, c.side_affected, c.killed, c.wounded) for c in claims]
    assert ("Armenia", "Armenia", 0, 3) in [(c.claimant, c.side_affected, c.killed, c.wounded) for c in claims]


def test_forces_named_after_a_victim_are_whose_people_not_who_fired() -> None:
    claims = extract_claims("", "In the Martuni district a serviceman of one of Nagorno-Karabakh's armed formations was "
                                "wounded, while the Martakert incident caused no casualties, the Russian Defence Ministry said.", DAY)
    assert ("Russia", "Azerbaijan", 0, 0) not in [(c.claimant, c.side_affected, c.killed, c.wounded) for c in claims]


def test_victims_named_after_a_casualty_verb_that_opens_its_clause() -> None:
    claims = extract_claims("", "Մարտունիում ադրբեջանական հրետակոծությունից զոհվել են կին և երեխա, հայտնում է Արցախի ՄԻՊ-ը։", DAY)
    assert [(c.claimant, c.side_affected, c.killed) for c in claims] == [("Karabakh", "civilians-Armenia", 2)]


def test_ten_of_the_dead_were_civilians_splits_the_total_before() -> None:
    claims = extract_claims("", "About 200 people were killed during the operation, the Karabakh ombudsman said. Ten of the "
                                "dead were civilians, among them five children, he said.", DAY)
    assert sorted((c.side_affected, c.killed) for c in claims) == [("Karabakh", 190), ("civilians-Armenia", 10)]


def test_a_hedged_sentence_is_the_outlets_own_voice_not_the_last_speakers() -> None:
    claims = extract_claims("", "Azerbaijan's defence ministry said 12 of its soldiers were killed. The fighting reportedly "
                                "also claimed the lives of two Azerbaijani civilians.", DAY)
    assert ("unattributed", "civilians-Azerbaijan", 2) in [(c.claimant, c.side_affected, c.killed) for c in claims]


def test_a_noun_past_the_casualty_verb_is_not_the_counts() -> None:
    claims = extract_claims("", "Karabakh's National Security Service said one Armenian civilian died and three were "
                                "wounded as Azerbaijani troops fired at workers near Shushi.", DAY)
    assert sorted((c.side_affected, c.killed, c.wounded) for c in claims) == [("civilians-Armenia", 1, 3)]


def test_five_members_of_one_family_are_five() -> None:
    claims = extract_claims("", "Five members of one family died when a shell struck their home in Gashalti, "
                                "Azerbaijan's Prosecutor General's Office said.", DAY)
    assert [(c.side_affected, c.killed) for c in claims] == [("civilians-Azerbaijan", 5)]


def test_two_casualty_words_before_one_noun_are_one_unsplit_figure() -> None:
    claims = extract_claims("", "Նոյեմբերի 16-ի մարտական գործողությունների արդյունքում հակառակորդն ունի մինչև 70 զոհված և "
                                "վիրավոր զինծառայող, հայտնում է ՀՀ ՊՆ-ն։", DAY)
    assert [c for c in claims if not c.vague] == []


@pytest.mark.parametrize("text", [
    "Հայտնաբերվել է ՀՀ ԶՈՒ ժամկետային զինծառայողի մարմինը՝ հրազենային մահացու վնասվածքով։ "
    "Եվս մեկ զինծառայող ստացել է վիրավորում։",
    "An Armenian conscript was found dead with a gunshot wound. Another serviceman was wounded.",
])
def test_a_figure_that_names_no_side_counts_the_people_of_the_figure_before(text: str) -> None:
    claims = extract_claims("", text, DAY)
    assert [(c.side_affected, c.killed, c.wounded) for c in claims] == [("Armenia", 1, 1)]


@pytest.mark.parametrize("text, expected", [
    ("The enemy lost 30 soldiers, the Armenian Defence Ministry said.", ("Armenia", "Azerbaijan", 30)),
    ("Противник потерял убитыми 12 военнослужащих, сообщили в Минобороны Азербайджана.", ("Azerbaijan", "Armenia", 12)),
])
def test_the_enemys_losses_are_the_other_side_of_the_one_who_speaks(text: str, expected: tuple) -> None:
    assert [(c.claimant, c.side_affected, c.killed) for c in extract_claims("", text, DAY)] == [expected]


@pytest.mark.parametrize("text", [
    "Огнестрельное ранение получил военнослужащий ВС Армении, рядовой Айказ Матевосян, сообщило Минобороны Армении. "
    "По пути в госпиталь рядовой А. Матевосян скончался.",
    "Private Haykaz Matevosyan, an Armenian conscript, was wounded by sniper fire, the Armenian Defence Ministry said. "
    "Conscript H. Matevosyan died on the way to hospital.",
])
def test_a_wounded_soldier_named_again_as_dead_is_one_death(text: str) -> None:
    assert [(c.killed, c.wounded) for c in extract_claims("", text, DAY)] == [(1, 0)]


def test_the_civilians_of_each_total_split_it_even_after_more_than() -> None:
    claims = extract_claims("", "The Azerbaijani assault has left at least 200 people dead and more than 400 wounded, the "
                                "Karabakh ombudsman said. Of the dead, ten were civilians; of the wounded, more than 40 "
                                "were civilians, the office said.", DAY)
    assert sorted((c.side_affected, c.killed, c.wounded) for c in claims) == [
        ("Karabakh", 190, 360), ("civilians-Armenia", 10, 40)]


def test_civilians_told_as_such_after_a_total_of_people_are_its_part() -> None:
    claims = extract_claims("", "At least 200 people have died in the Azerbaijani offensive, the Karabakh ombudsman said. "
                                "There are 10 confirmed civilian deaths, including five children.", DAY)
    assert sorted((c.side_affected, c.killed) for c in claims) == [("Karabakh", 190), ("civilians-Armenia", 10)]


def test_a_word_before_a_plural_casualty_noun_is_no_one_person() -> None:
    claims = extract_claims("", "The number of civilian injuries has increased to 23, the Karabakh ombudsman said.", DAY)
    assert [(c.side_affected, c.wounded) for c in claims] == [("civilians-Armenia", 23)]


@pytest.mark.parametrize("text", [
    "A crew vehicle hit an Armenian anti-tank mine in Kalbajar. As a result, correspondent Maharram Ibrahimov and "
    "operator Siraj Abishov were killed, Azerbaijan's prosecutors said.",
    "Kəlbəcərdə minaya düşən maşında 1999-cu il təvəllüdlü İsrail Həsənov İbrahim oğlu və 1987-ci il təvəllüdlü "
    "Həsənov Amid Hüseyn oğlu həlak olub, ANAMA bildirib.",
])
def test_people_named_by_full_name_before_the_verb_are_one_each(text: str) -> None:
    assert [(c.claimant, c.killed) for c in extract_claims("", text, DAY)] == [("Azerbaijan", 2)]


@pytest.mark.parametrize("text, language", [
    ("Rauf Guliyev, born in 1962, was wounded when a shell hit his house in Tartar, Azerbaijan's Prosecutor "
     "General's Office said.", "en"),
    ("Рауф Гулиев, 1962 года рождения, получил ранение при попадании снаряда в дом в Тертере, сообщила "
     "Генпрокуратура Азербайджана.", "ru"),
])
def test_a_named_persons_birth_year_between_commas_keeps_the_name_the_verbs_subject(text: str, language: str) -> None:
    claims = extract_claims("", text, DAY, language=language)
    assert [(c.claimant, c.side_affected, c.wounded) for c in claims] == [("Azerbaijan", "civilians-Azerbaijan", 1)]


def test_armenian_in_the_classical_spelling_is_read_like_the_reformed() -> None:
    classical = extract_claims("", "Արցախի պաշտպանութեան նախարարութիւնից յայտնում են, որ ադրբեջանական կրակոցից մահացու "
                                   "վիրաւորում են ստացել ՊԲ զինծառայողներ Գուրգէն Գաբրիելեանը եւ Արթուր Խաչատրեանը։", DAY)
    reformed = extract_claims("", "Արցախի պաշտպանության նախարարությունից հայտնում են, որ ադրբեջանական կրակոցից մահացու "
                                  "վիրավորում են ստացել ՊԲ զինծառայողներ Գուրգեն Գաբրիելյանը և Արթուր Խաչատրյանը։", DAY)
    assert [(c.claimant, c.side_affected, c.killed) for c in classical] == [("Karabakh", "Karabakh", 2)]
    assert [(c.claimant, c.side_affected, c.killed) for c in reformed] == [("Karabakh", "Karabakh", 2)]


@pytest.mark.parametrize("text", [
    "Azerbaijan's defence ministry said ten soldiers were killed: three Azerbaijani and seven Armenian.",
    "В Минобороны Азербайджана заявили, что погибли 10 военных: трое с азербайджанской стороны и семеро — с армянской.",
])
def test_a_total_told_side_by_side_after_a_colon_is_each_sides_own_figure(text: str) -> None:
    claims = extract_claims("", text, DAY)
    assert sorted((c.claimant, c.side_affected, c.killed) for c in claims) == [
        ("Azerbaijan", "Armenia", 7), ("Azerbaijan", "Azerbaijan", 3)]


def test_a_country_after_according_to_and_a_comma_is_not_the_source() -> None:
    claims = extract_claims("", "Омбудсмен Нагорного Карабаха начал миссию по сбору фактов. По обновленным данным, Азербайджан "
                                "нанес удары по Степанакерту. По предварительным данным, подтверждена гибель двух мирных "
                                "жителей.", DAY)
    assert [c.claimant for c in claims] and "Azerbaijan" not in [c.claimant for c in claims]


def test_a_title_case_headline_names_no_one_and_a_crew_is_not_one_person() -> None:
    assert extract_claims("Russian Peacekeepers Killed In Karabakh", "", DAY) == []
    assert extract_claims("", "A car with Russian servicemen came under fire near Dzhanyatag and its crew was killed, "
                              "the Russian Defence Ministry said.", DAY) == []


def test_people_counted_after_an_armys_soldiers_are_that_armys() -> None:
    claims = extract_claims("", "Двое военнослужащих-контрактников Армии обороны Нагорного Карабаха погибли в результате "
                                "действий азербайджанских войск, сообщило карабахское оборонное ведомство. По последним "
                                "данным, ранения получили 14 человек.", DAY)
    assert [(c.side_affected, c.killed, c.wounded) for c in claims] == [("Karabakh", 2, 14)]


@pytest.mark.parametrize("text", [
    "По данным Минобороны России, трое погибли, еще один получил ранение, а с азербайджанской стороны двое "
    "погибли и один ранен.",
    "Three people in the car were killed, the Russian Defence Ministry said. \"On the Azerbaijani side, the losses "
    "were: two dead, one wounded,\" the ministry said.",
])
def test_a_clause_opened_by_a_sides_name_counts_that_sides_forces(text: str) -> None:
    claims = extract_claims("", text, DAY)
    assert ("Russia", "Azerbaijan", 2, 1) in [(c.claimant, c.side_affected, c.killed, c.wounded) for c in claims]


def test_a_side_named_after_its_figures_is_not_the_next_figures_side() -> None:
    claims = extract_claims("", "Russia's Defence Ministry said the clash had left two dead and one wounded on the "
                                "Azerbaijani side and three dead and one injured among Karabakh police officers.", DAY)
    assert ("Russia", "Azerbaijan", 3, 1) not in [(c.claimant, c.side_affected, c.killed, c.wounded) for c in claims]


def test_a_side_speaking_after_the_lead_does_not_take_the_other_sides_figure() -> None:
    claims = extract_claims("", "One Azerbaijani soldier was killed and six Armenian servicemen wounded in Karabakh in "
                                "skirmishes on Thursday. The Azerbaijani Defense Ministry said the soldier was killed "
                                "by Armenian sniper fire.", DAY)
    assert ("Azerbaijan", "Armenia", 0, 6) not in [(c.claimant, c.side_affected, c.killed, c.wounded) for c in claims]
    assert ("Azerbaijan", "Azerbaijan", 1, 0) in [(c.claimant, c.side_affected, c.killed, c.wounded) for c in claims]


def test_an_authority_before_a_count_of_its_people_names_whose_they_are() -> None:
    claims = extract_claims("", "«Տեղի ունեցած մարտերի հետևանքով ԼՂ-ի պաշտպանության բանակի 19 զինծառայող վիրավորվել է, "
                                "2 զինծառայող զոհվել», - ասաց ՀՀ վարչապետ Նիկոլ Փաշինյանը։", DAY)
    assert [(c.claimant, c.side_affected, c.killed, c.wounded) for c in claims] == [("Armenia", "Karabakh", 2, 19)]


def test_a_sides_name_as_the_noun_of_a_count_is_that_sides_figure() -> None:
    claims = extract_claims("", "An Armenian Defence Ministry spokesman said that four Azerbaijani troops were killed "
                                "and one Armenian wounded.", DAY)
    assert sorted((c.claimant, c.side_affected, c.killed, c.wounded) for c in claims) == [
        ("Armenia", "Armenia", 0, 1), ("Armenia", "Azerbaijan", 4, 0)]


def test_a_quote_belongs_to_the_speaker_named_where_it_closes_whoever_it_names() -> None:
    claims = extract_claims("", "\"The Azerbaijani defense ministry is spreading another disinformation, claiming that "
                                "Armenian units opened fire at Azerbaijani positions in Tavush. Our units did not fire a "
                                "single shot,\" the Armenian defense ministry said in a statement.", DAY)
    assert [(c.claimant, c.side_affected, c.killed) for c in claims] == [("Armenia", "Azerbaijan", 0)]


def test_a_time_zone_is_no_count_and_a_rank_after_a_comma_names_the_same_person() -> None:
    claims = extract_claims("", "On Tuesday, at 14:56 (GMT +4), Azerbaijani border guard, soldier Elvin Mammadli was "
                                "killed by Armenian sniper fire in Gazakh, the State Border Service said.", DAY)
    assert [(c.claimant, c.side_affected, c.killed) for c in claims] == [("Azerbaijan", "Azerbaijan", 1)]


def test_people_named_without_a_rank_away_from_positions_are_civilians() -> None:
    claims = extract_claims("", "Laçın rayonunun Kalafalıq kəndi ərazisində mina hadisəsi baş verib. Heyvan otararkən "
                                "Süleymanov Əli Zeynalabdin oğlu minaya düşərək xəsarət alıb, ANAMA bildirib.", DAY)
    assert [(c.claimant, c.side_affected, c.wounded) for c in claims] == [("Azerbaijan", "civilians-Azerbaijan", 1)]


def test_a_figure_going_on_from_a_day_years_back_is_history_but_last_months_is_news() -> None:
    anniversary = ("Residents of Talish gathered at the memorial. On the night of 2 April 2016, troops stormed "
                   "the village. Three civilians were killed.")
    assert extract_claims("", anniversary, DAY) == []
    update = ("The offensive began on 19 December. Azerbaijan's Defence Ministry has reported 200 deaths "
              "among its troops.")
    assert [(c.claimant, c.killed) for c in extract_claims("", update, DAY)] == [("Azerbaijan", 200)]


def test_a_running_totals_mark_reaches_the_figures_that_go_on_from_it() -> None:
    text = ("Two civilians were wounded by a mine near Aghdam, the Prosecutor General's Office said. Since "
            "November 2020, 351 people have been victims of landmines in the region; 65 of them lost their "
            "lives, and 288 were injured.")
    assert [(c.killed, c.wounded) for c in extract_claims("", text, DAY)] == [(0, 2)]


def test_a_military_clock_time_is_not_a_count() -> None:
    text = ("An Azerbaijani civilian was wounded by a mine in Aghdam. The prosecutor's office opened a case into "
            "the blast that wounded Aliyev at about 0100 on Monday.")
    assert [(c.killed, c.wounded) for c in extract_claims("", text, DAY)] == [(0, 1)]


def test_a_denial_is_never_the_words_of_the_side_whose_claim_it_answers() -> None:
    text = ("Armenian claims that one of its servicemen was wounded by Azerbaijani fire are false, Azerbaijan's "
            "Defence Ministry said on Monday.")
    zeros = [(c.claimant, c.side_affected) for c in extract_claims("", text, DAY) if c.killed == c.wounded == 0]
    assert zeros == [("Azerbaijan", "Armenia")]


@pytest.mark.parametrize("text, expected", [
    # two verbs of one subject: the person before the first is the one wounded
    ("Водитель трактора в селе Гарванд наехал на противотанковую мину и получил ранения, сообщила "
     "прокуратура Азербайджана.", (0, 1)),
    # a soldier named again by rank and name after a comma is one person
    ("Военнослужащий ВС Армении, младший сержант Арам Петросян получил смертельные огнестрельные и "
     "осколочные ранения, сообщило Минобороны Армении.", (1, 0)),
])
def test_one_person_however_the_sentence_goes_on(text: str, expected: tuple) -> None:
    assert [(c.killed, c.wounded) for c in extract_claims("", text, DAY)] == [expected]


def test_a_figure_with_no_source_takes_the_one_the_next_sentence_opens_with() -> None:
    text = ("A mine blast was reported on Tuesday near Talish. A villager was wounded by the blast while "
            "herding sheep. According to ANAMA, the man lost his leg.")
    assert [(c.claimant, c.wounded) for c in extract_claims("", text, DAY)] == [("Azerbaijan", 1)]


def test_a_count_of_both_countries_soldiers_is_a_sum_not_a_claim() -> None:
    text = ("Fierce clashes left at least 30 Azerbaijani and Armenian soldiers dead on Saturday. Armenia's "
            "president said 18 Armenian troops were killed.")
    assert [(c.claimant, c.side_affected, c.killed) for c in extract_claims("", text, DAY)] == [("Armenia", "Armenia", 18)]
    each = "Troops traded fire near Tegh, killing four Armenian and three Azerbaijani soldiers, the two defence ministries said."
    assert sorted(c.killed for c in extract_claims("", each, DAY)) == [3, 4]


def test_the_past_two_days_are_the_news_not_the_past() -> None:
    text = "Pashinyan said 105 Armenian servicemen had died in clashes with Azerbaijan in the past two days."
    assert [(c.claimant, c.killed) for c in extract_claims("", text, DAY)] == [("Armenia", 105)]


def test_ages_after_aged_are_no_counts() -> None:
    text = ("A 70-year-old woman was killed by Azerbaijani shelling in Paravakar, and two other women, aged 94 "
            "and 41, were killed in Berdavan, the Armenian interior ministry said.")
    assert [c.killed for c in extract_claims("", text, DAY)] == [3]


def test_a_bare_toll_counts_the_people_the_sentence_before_told_of() -> None:
    text = ("Rockets hit apartment blocks in Ganja overnight. According to the mayor, civilians were killed. "
            "Azerbaijan's Prosecutor General's Office announced 12 dead and more than 40 wounded.")
    assert {(c.side_affected, c.killed, c.wounded) for c in extract_claims("", text, DAY)} == {("civilians-Azerbaijan", 12, 40)}



def test_a_bodys_owner_named_right_before_it_outranks_a_side_word_after_it() -> None:
    text = ("Baş Prokurorluğun Mətbuat xidməti Ermənistanın Bərdəyə raket atması ilə bağlı açıqlama yayıb. "
            "Açıqlamada deyilir ki, Bərdədə 21 dinc sakin həlak olub.")
    assert [(c.claimant, c.side_affected, c.killed) for c in extract_claims("", text, DAY)] == [
        ("Azerbaijan", "civilians-Azerbaijan", 21)]


def test_a_monitoring_missions_no_staff_harmed_is_about_its_monitors() -> None:
    text = ("Azerbaijani forces fired towards Verin Shorzha, Armenia's Defence Ministry said. The EU Mission in "
            "Armenia said no EUMA staff were harmed.")
    zeros = [(c.claimant, c.side_affected) for c in extract_claims("", text, DAY) if c.claimant == "EU"]
    assert zeros == [("EU", "unknown")]


def test_an_organisations_long_name_between_count_and_verb_is_one_word() -> None:
    text = ("Hasil Yusubov, an employee of the Azerbaijan National Agency for Mine Action (ANAMA) born in 1997, "
            "was injured by a mine in Aghdam, the Interior Ministry said.")
    assert [(c.side_affected, c.wounded) for c in extract_claims("", text, DAY)] == [("civilians-Azerbaijan", 1)]


def test_a_ministry_of_the_republic_named_after_its_acronym_speaks_for_it() -> None:
    text = ("Today, serviceman Artak Petrosyan received a mortal wound after a shot from the Azerbaijani side, "
            "the Ministry of Defence (MoD) of the Nagorno-Karabakh Republic has stated.")
    assert [(c.claimant, c.side_affected, c.killed) for c in extract_claims("", text, DAY)] == [("Karabakh", "Karabakh", 1)]


def test_a_denial_naming_the_shooters_is_about_the_side_they_were_said_to_fire_at() -> None:
    text = "The Armenian Defence Ministry on Tuesday denied Baku's claim that Armenian units had opened fire near Sotk."
    assert [(c.claimant, c.side_affected) for c in extract_claims("", text, DAY)] == [("Armenia", "Azerbaijan")]


def test_words_in_quotes_are_the_speakers_named_right_after_the_quote() -> None:
    text = ("The Armenian Ministry of Defence on Tuesday denied a release by the Azerbaijani Defence Ministry "
            "alleging that Armenian units had fired on Azerbaijani positions near Kalbajar. The Azerbaijani "
            "ministry 'continues to disseminate disinformation', the Armenian statement said.")
    assert [(c.claimant, c.side_affected) for c in extract_claims("", text, DAY)] == [("Armenia", "Azerbaijan")]


def test_a_body_in_the_genitive_before_its_soldier_is_whose_not_who_speaks() -> None:
    text = ("Ötən gün sərhəddə şəhid olan hərbçimiz bu gün torpağa tapşırılacaq. Sayt xəbər verir ki, Dövlət "
            "Sərhəd Xidmətinin əsgəri Cəlilabad rayonunda dəfn ediləcək.")
    assert [c.claimant for c in extract_claims("", text, DAY, language="az")] == ["unattributed"]


def test_a_casualty_verb_right_after_a_comma_opens_a_clause_with_its_subject_after() -> None:
    text = ("По данным Минобороны Армении, обстрелу подверглась и машина скорой помощи, ранение получил фельдшер "
            "у Сотка.")
    assert [(c.claimant, c.wounded) for c in extract_claims("", text, DAY)] == [("Armenia", 1)]


def test_they_without_people_counted_before_is_no_figure() -> None:
    text = "Azerbaijani forces shelled the village of Sotk, the Armenian Defence Ministry said. They were wounded."
    assert [(c.killed, c.wounded) for c in extract_claims("", text, DAY) if not c.vague] == []


def test_a_ministry_naming_no_country_in_the_sentence_before_speaks_for_the_side_whose_dead_it_tells() -> None:
    text = ("Shots were also fired from the Azerbaijani side, the Defence Ministry reported. A serviceman of the "
            "Armenian armed forces was killed by a gunshot wound.")
    assert [(c.claimant, c.side_affected, c.killed) for c in extract_claims("", text, DAY)] == [("Armenia", "Armenia", 1)]


def test_people_only_placed_in_a_sentence_do_not_say_whose_ministry_speaks() -> None:
    text = ("Soldier of Azerbaijani Army martyred near Lachin. A soldier was killed on Wednesday near the area where "
            "Russian peacekeepers are stationed, the Defence Ministry said.")
    assert [(c.claimant, c.side_affected) for c in extract_claims("", text, DAY)] == [("Azerbaijan", "Azerbaijan")]


def test_soldiers_hurt_in_a_place_of_the_two_countries_are_the_conflicts_business_police_in_a_riot_are_not() -> None:
    assert is_relevant("", "Վարդենիսի Նորաբակ համայնքում նռնակի պայթյունից 4 զինծառայող է վիրավորվել։")
    assert not is_relevant("", "Gəncədə iğtişaşların qarşısını alarkən iki polis əməkdaşı həlak olub.")


def test_a_figure_told_in_the_same_breath_as_a_running_total_is_part_of_it() -> None:
    text = ("Since 10 November 2020, mines planted during the occupation have killed 70 people in Azerbaijan's "
            "liberated districts and 312 people have been injured, the presidential aide said.")
    assert [(c.killed, c.wounded) for c in extract_claims("", text, DAY) if not c.vague] == []


@pytest.mark.parametrize("text, language", [
    ("Private Aram Petrosyan was killed by Azerbaijani sniper fire on Tuesday. The Defence Ministry of Armenia shares "
     "the grief of the loss with his family.", "en"),
    ("Երեկ ադրբեջանական դիպուկահարի կրակոցից զոհվել է շարքային Արամ Պետրոսյանը։ ՀՀ պաշտպանության նախարարությունը "
     "կիսում է կորստյան ծանր վիշտը։", "hy"),
])
def test_an_authority_closing_its_bulletin_with_condolences_is_the_source_of_its_figures(text: str, language: str) -> None:
    claims = extract_claims("", text, DAY, language=language)
    assert [(c.claimant, c.side_affected, c.killed) for c in claims] == [("Armenia", "Armenia", 1)]


def test_an_armenian_sentence_may_end_with_a_typed_colon_after_a_bracket() -> None:
    text = ("Ադրբեջանական կրակից զոհվել է ժամկետային զինծառայող, շարքային Արամ Պետրոսյանը (ծնված 2003թ.): "
            "Վիրավորումներ են ստացել ժամկետային զինծառայողներ, շարքայիններ Դավիթ Հակոբյանը, Տիգրան Սարգսյանը և "
            "Գոռ Մկրտչյանը, հայտնում է ՀՀ ՊՆ-ն։")
    claims = extract_claims("", text, DAY, language="hy")
    assert [(c.claimant, c.side_affected, c.killed, c.wounded) for c in claims] == [("Armenia", "Armenia", 1, 3)]


def test_people_named_with_their_birth_years_in_brackets_before_the_verb_are_one_each() -> None:
    text = ("Three servicemen of the Artsakh Defence Army—Aram Petrosyan (b. 1995), Davit Hakobyan (b. 1998) and "
            "Tigran Sargsyan (b. 1997) were killed in a landmine explosion on Tuesday. The Artsakh Defence Ministry "
            "expressed its condolences to their families.")
    assert [(c.claimant, c.side_affected, c.killed) for c in extract_claims("", text, DAY)] == [("Karabakh", "Karabakh", 3)]


def test_a_person_named_in_brackets_is_no_one_hurt() -> None:
    text = ("Junior sergeant Aram Petrosyan (father's name Nelson) received fatal gunshot wounds on the north-eastern "
            "border, the Armenian Defence Ministry said.")
    assert [(c.claimant, c.side_affected, c.killed) for c in extract_claims("", text, DAY)] == [("Armenia", "Armenia", 1)]


def test_the_same_number_told_again_after_a_running_total_is_that_total() -> None:
    text = ("Mines have killed 15 Azerbaijanis since 10 November 2023, when the clearance season began. "
            "Azerbaijan's Prosecutor General's Office said 15 Azerbaijanis, including five soldiers, were killed by mines.")
    assert [(c.killed, c.wounded) for c in extract_claims("", text, DAY) if not c.vague] == []


@pytest.mark.parametrize("text, language, side", [
    ("Among the civilians, two were killed, the Armenian Defence Ministry said.", "en", "civilians-Armenia"),
    ("Среди мирных жителей двое погибших, сообщило Минобороны Армении.", "ru", "civilians-Armenia"),
    ("Խաղաղ բնակչության շրջանում առնվազն 2 զոհ կա, հայտնում է Արցախի ՄԻՊ-ը։", "hy", "civilians-Armenia"),
])
def test_the_people_set_off_by_among_before_a_count_are_its_people(text: str, language: str, side: str) -> None:
    assert [(c.side_affected, c.killed) for c in extract_claims("", text, DAY, language=language)] == [(side, 2)]


def test_a_victim_with_a_verb_of_its_own_is_not_joined_to_the_next_one() -> None:
    text = ("Как сообщили в Министерстве обороны Азербайджана, находившийся в машине военнослужащий погиб, водитель "
            "получил тяжелые травмы.")
    assert sorted(c.wounded for c in extract_claims("", text, DAY, language="ru")) == [0, 1]


def test_classical_armenian_verb_endings_and_letters_read_like_the_reformed() -> None:
    text = ("Արցախի պաշտպանութեան նախարարութիւնը կը տեղեկացնէ, որ ականի պայթումէն զոհուած են Պաշտպանութեան "
            "բանակի երեք զինծառայողներ, իսկ մէկ զինծառայող վիրաւորուած է։")
    claims = extract_claims("", text, DAY, language="hy")
    assert [(c.claimant, c.side_affected, c.killed, c.wounded) for c in claims] == [("Karabakh", "Karabakh", 3, 1)]


def test_classical_armenian_iu_reads_as_the_reformed_yu_or_iv() -> None:
    text = "Արցախի Ազգային անվտանգութեան ծառայութիւնը կը տեղեկացնէ, որ ադրբեջանական կրակոցից զոհուած է մէկ քաղաքացի։"
    claims = extract_claims("", text, DAY, language="hy")
    assert [(c.claimant, c.side_affected, c.killed) for c in claims] == [("Karabakh", "civilians-Armenia", 1)]


def test_showing_is_no_protest_in_armenian() -> None:
    text = "Տեսանյութը ցույց է տալիս, որ ադրբեջանական կրակոցից զոհվել է հայ զինծառայող, հայտնում է ՀՀ ՊՆ-ն։"
    assert [(c.claimant, c.killed) for c in extract_claims("", text, DAY, language="hy")] == [("Armenia", 1)]


@pytest.mark.parametrize(("language", "text", "denier", "accuser"), [
    ("en", "The allegations of the Azerbaijani Ministry of Defence that Armenian units fired at its positions near "
           "Kalbajar on Monday are completely false, the Armenian Defence Ministry said.", "Armenia", "Azerbaijan"),
    ("en", "The statement issued by the Armenian defence ministry that Azerbaijani troops shelled a village near "
           "Jermuk is disinformation, the Azerbaijani Defence Ministry said.", "Azerbaijan", "Armenia"),
    ("ru", "Заявление Министерства обороны Армении о том, что подразделения ВС Азербайджана обстреляли позиции у "
           "Сотка, не соответствует действительности, сообщило Минобороны Азербайджана.", "Azerbaijan", "Armenia"),
])
def test_whose_statement_a_denial_answers_is_not_a_denier(language: str, text: str, denier: str, accuser: str) -> None:
    claims = extract_claims("Ceasefire violation denied", text, DAY)
    zeros = {(c.claimant, c.killed, c.wounded) for c in claims}
    assert (denier, 0, 0) in zeros
    assert accuser not in {c.claimant for c in claims}


def test_a_denial_whose_speaker_is_named_in_the_next_sentence_is_that_speakers_zero() -> None:
    claims = extract_claims("Ceasefire violation denied",
                            "The allegations of the Azerbaijani Defence Ministry that Armenian units fired at its positions "
                            "near Kalbajar on Monday are disinformation. This was reported by the press service of the "
                            "Armenian Defence Ministry.", DAY)
    assert [(c.claimant, c.side_affected, c.killed, c.wounded) for c in claims] == [("Armenia", "Azerbaijan", 0, 0)]


def test_a_figure_told_just_before_a_running_totals_mark_is_part_of_that_total() -> None:
    claims = extract_claims("Karabakh ombudsman on civilian losses",
                            "At least 20 civilians were killed, 93 injured and 5,800 people lost their homes since the "
                            "beginning of hostilities on 27 September, the Karabakh ombudsman said.",
                            datetime(2020, 10, 7, 12, 0, tzinfo=timezone.utc))
    assert claims == []


def test_the_side_fire_came_from_is_not_the_side_of_the_wounded() -> None:
    claims = extract_claims("В Карабахе ранен военнослужащий",
                            "Об этом сообщает пресс-служба Армии обороны Арцаха. «В результате выстрела с азербайджанской "
                            "стороны ранение получил военнослужащий Армен Петросян», — отмечается в сообщении.", DAY)
    assert [(c.claimant, c.side_affected, c.wounded) for c in claims] == [("Karabakh", "Karabakh", 1)]


def test_soldiers_lost_told_in_the_outlets_voice_are_their_armys_figure_when_it_speaks_in_the_story() -> None:
    claims = extract_claims("Border attack", "Azerbaijani forces opened fire at Armenian positions near Sotk, killing four "
                            "Armenian soldiers. Reports said there were also casualties on the Azerbaijani side. Armenia's "
                            "Defence Ministry reported that the fire began at around 4 p.m. on Tuesday.", DAY)
    assert [(c.claimant, c.side_affected, c.killed) for c in claims] == [("Armenia", "Armenia", 4)]


def test_bakus_denial_in_a_story_about_karabakh_is_about_karabakhs_forces() -> None:
    claims = extract_claims("Ceasefire violation denied", "The Karabakh Defence Army said Azerbaijani forces fired at its "
                            "positions near Martuni overnight. Azerbaijan's Defence Ministry denied the reports, calling "
                            "them completely false.", DAY)
    assert [(c.claimant, c.side_affected, c.killed, c.wounded) for c in claims] == [("Azerbaijan", "Karabakh", 0, 0)]


def test_the_dead_named_by_where_they_live_tell_whose_authority_speaks() -> None:
    claims = extract_claims("Mine blast", "Two residents of Baku were killed by a mine near former Armenian positions in the "
                            "Fuzuli district, the press service of the State Security Service said.", DAY)
    assert [(c.claimant, c.side_affected, c.killed) for c in claims] == [("Azerbaijan", "civilians-Azerbaijan", 2)]


@pytest.mark.parametrize(("published", "claimant", "side"), [
    (datetime(2024, 5, 2, tzinfo=timezone.utc), "Azerbaijan", "civilians-Azerbaijan"),
    (datetime(2021, 5, 2, tzinfo=timezone.utc), "Karabakh", "civilians-Armenia"),
])
def test_a_place_in_karabakh_is_azerbaijans_in_stories_after_october_2023(published: datetime, claimant: str,
                                                                            side: str) -> None:
    claims = extract_claims("Mine blast", "A resident was injured in a mine explosion in the Khojaly district on Tuesday, "
                            "the press service of the Interior Ministry said.", published)
    assert [(c.claimant, c.side_affected, c.wounded) for c in claims] == [(claimant, side, 1)]


def test_an_earlier_figure_a_larger_newer_one_replaced_is_no_claim_whoever_gave_it() -> None:
    claims = extract_claims("Fuel depot blast", "The death toll from the explosion at a fuel depot in Nagorno-Karabakh has "
                            "risen to 170, Armenia's Health Ministry said on Friday. The number of victims rose sharply from "
                            "an earlier announcement by the Karabakh authorities reporting 68 dead on Tuesday evening.",
                            datetime(2023, 9, 29, tzinfo=timezone.utc))
    assert [(c.claimant, c.killed) for c in claims] == [("Armenia", 170)]


def test_classical_armenian_u_before_a_vowel_and_a_final_ay_read_like_the_reformed() -> None:
    # "զինուոր" is "զինվոր" (a soldier), "20-ամեայ" is "20-ամյա" (an age, no count), "ջրահեղձ եղած է" (drowned)
    text = ("Արցախի պաշտպանութեան նախարարութիւնը կը հաղորդէ, որ ջրամբարին մէջ ջրահեղձ եղած է "
            "ՊԲ 20-ամեայ զինուոր Արմէն Պետրոսեան։")
    claims = extract_claims("", text, DAY, language="hy")
    assert [(c.claimant, c.side_affected, c.killed) for c in claims] == [("Karabakh", "Karabakh", 1)]


def test_a_toll_for_a_closed_span_of_a_few_days_is_an_episodes_claim_not_a_running_total() -> None:
    claims = extract_claims("Tovuz clashes", "Azerbaijan's Defence Ministry said 12 servicemen were killed in the border "
                            "clashes from July 12 till July 16.", datetime(2020, 7, 21, tzinfo=timezone.utc))
    assert [(c.claimant, c.side_affected, c.killed) for c in claims] == [("Azerbaijan", "Azerbaijan", 12)]


def test_a_monitoring_missions_zero_is_about_its_own_people() -> None:
    claims = extract_claims("EU monitors", "The EU monitoring mission (EUMA) has dismissed the statement by the Defence "
                            "Ministry of Armenia that its monitors near the village of Kut had come under Azerbaijani fire "
                            "on Monday.", datetime(2023, 11, 21, tzinfo=timezone.utc))
    assert [(c.claimant, c.side_affected, c.killed, c.wounded) for c in claims] == [("EU", "unknown", 0, 0)]
