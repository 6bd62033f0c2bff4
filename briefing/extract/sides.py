"""Stage 5: whose people a figure counts (the side affected).

Tried in order, each a named rule (corpus rule 7: armed forces, border guards and police are
their country's side; Karabakh Armenian forces and police are Karabakh's; civilians are
`civilians-<country>`, Karabakh Armenians on Armenia's; anyone else `unknown`):

1. the victim word's own side ("peacekeepers": Russia; "monitors": unknown);
2. a side word in the victim phrase ("four Armenian soldiers"; "of its" = the claimant's side);
3. the other side of the attacker the sentence names ("Azerbaijani forces killed a soldier");
4. the claimant's own side (an authority reports its own losses);
5. the side of the place named in the sentence (a village in Armenia, a town in Karabakh).
"""

from __future__ import annotations

import re
from dataclasses import replace

from .gazetteer import PLACE_SIDE
from .records import Mention, Reading, Sentence, Span, Why

_WORD = re.compile(r"\w+")
OWN_SIDE = {"Armenia": "Armenia", "Azerbaijan": "Azerbaijan", "Karabakh": "Karabakh", "Russia": "Russia"}
# a monitoring mission's own people are monitors, whose side the corpus leaves "unknown": its "no
# EUMA staff were injured" and "no patrol was targeted" are about them
MONITORS_OF = {"EU": "unknown"}
# the parties to the conflict report their own losses first; a third party (Russia's peacekeepers
# reporting a ceasefire violation) reports whoever was fired at
PARTIES = {"Armenia", "Azerbaijan", "Karabakh"}
OPPOSITE = {"Armenia": "Azerbaijan", "Karabakh": "Azerbaijan", "Azerbaijan": "Armenia"}
INHABITED = frozenset({"city", "town", "village"})  # gazetteer kinds of places where people live
CIVILIANS = {"Armenia": "civilians-Armenia", "Karabakh": "civilians-Armenia", "Azerbaijan": "civilians-Azerbaijan"}


def _attacker_side(sentence: Sentence) -> tuple[str, str] | None:
    """ "Azerbaijani forces", "Armenian shelling": the side that fired, and the rule (none when
    both sides are named as firing, "fighting between Armenian and Azerbaijani forces")."""
    found = _attackers(sentence)
    return found[0] if len({side for side, _ in found}) == 1 else None


def _attackers(sentence: Sentence) -> list[tuple[str, str]]:
    out = []
    for attacker in sentence.of("attacker"):
        for side_word in sentence.of("nationality"):
            side = str(side_word.row.get("side"))
            if side not in OPPOSITE or side_word.end > attacker.start:
                continue
            if len(_WORD.findall(sentence.text[side_word.end:attacker.start])) <= 2 and not _units_of_a_victim(sentence, side_word):
                out.append((side, f"{side_word.rule}+{attacker.rule}"))
    return out


def _units_of_a_victim(sentence: Sentence, side_word) -> bool:
    """ "a serviceman of one of Nagorno-Karabakh's armed formations": forces named right after a
    victim word are whose people, not who fired."""
    return any(v.end <= side_word.start and len(_WORD.findall(sentence.text[v.end:side_word.start])) <= 4
               and not any(s.kind in ("trigger", "boundary", "speech") and v.end <= s.start < side_word.start
                           for s in sentence.spans)
               and "," not in sentence.text[v.end:side_word.start] for v in sentence.of("victim"))


def _other_side(claimant: str, story: list[Sentence]) -> str:
    """The side a denial says was not fired at: Baku's other side is Karabakh's forces in a story that
    names Karabakh (its army, its places) and no place in Armenia."""
    if claimant != "Azerbaijan":
        return OPPOSITE[claimant]
    sides = {PLACE_SIDE.get(getattr(p.value, "side", ""), "") for s in story for p in s.of("place")}
    named = any(n.row.get("side") == "Karabakh" for s in story for n in s.of("nationality"))
    return "Karabakh" if (named or "Karabakh" in sides) and "Armenia" not in sides else OPPOSITE[claimant]


def _place_side(sentence: Sentence, story: list[Sentence]) -> tuple[str, str] | None:
    for source in [sentence] + [s for s in story if s is not sentence]:
        for span in source.of("place"):
            side = PLACE_SIDE.get(getattr(span.value, "side", ""))
            if side:
                return side, f"side.place-in-{'sentence' if source is sentence else 'story'}"
    return None


def _serving_in_karabakh(mention: Mention, sentence: Sentence) -> bool:
    """ "An Armenian soldier serving in Nagorno-Karabakh": Karabakh's forces (corpus rule 7)."""
    for span in sentence.spans:
        karabakh = (span.kind == "place" and getattr(span.value, "side", "") == "karabakh") or (
            span.kind == "nationality" and span.row.get("side") == "Karabakh")
        if karabakh and span.start > mention.start and len(_WORD.findall(sentence.text[mention.start:span.start])) <= 9 \
                and not re.search(r"[,;]", sentence.text[mention.start:span.start]) \
                and not any(s.kind in ("trigger", "speech", "authority") and mention.start < s.start < span.start for s in sentence.spans):
            return True
    return False


def _base_side(mention: Mention, claimant: str, sentence: Sentence, story: list[Sentence],
               earlier: str = "") -> tuple[str, Why]:
    """The country (or Karabakh) whose people the figure counts, before civilians are told apart."""
    if mention.nationality == "own" and claimant in OWN_SIDE:
        return OWN_SIDE[claimant], Why("side", OWN_SIDE[claimant], "side.own-people-of-claimant", "", 0.95)
    if mention.nationality == "enemy" and claimant in OPPOSITE:
        side = OPPOSITE[claimant]
        return side, Why("side", side, "side.enemy-of-claimant", "", 0.85)
    if mention.nationality == "Armenia" and claimant == "Karabakh" and mention.victim != "civilian":
        return "Karabakh", Why("side", "Karabakh", "side.karabakh-calls-its-forces-armenian", "", 0.85)
    if mention.nationality == "Armenia" and mention.victim == "armed" and _serving_in_karabakh(mention, sentence):
        return "Karabakh", Why("side", "Karabakh", "side.armenian-soldier-serving-in-karabakh", "", 0.85)
    if mention.nationality in OWN_SIDE:
        return mention.nationality, Why("side", mention.nationality, "side.side-word-in-victim-phrase", "", 0.95)
    if claimant in PARTIES:
        return OWN_SIDE[claimant], Why("side", OWN_SIDE[claimant], "side.claimant-own-side", "", 0.8)
    attacker = _attacker_side(sentence)
    if attacker is not None:
        side = OPPOSITE[attacker[0]]
        place = _place_side(sentence, story)
        if side == "Armenia" and place is not None and place[0] == "Karabakh":
            side = "Karabakh"  # Azerbaijani fire in Karabakh hits Karabakh's side
        return side, Why("side", side, f"side.opposite-of-attacker ({attacker[1]})", "", 0.75)
    if claimant in OWN_SIDE:
        return OWN_SIDE[claimant], Why("side", OWN_SIDE[claimant], "side.claimant-own-side", "", 0.75)
    place = _place_side(sentence, story)
    if place is not None:
        return place[0], Why("side", place[0], place[1], "", 0.65)
    if earlier:
        # "Another serviceman was wounded": nothing names a side, so it is the people of the figure before
        return earlier, Why("side", earlier, "side.as-the-figure-before", "", 0.6)
    return "", Why("side", "unknown", "side.nothing-names-a-side", "", 0.5)


def side_affected(mention: Mention, claimant: str, sentence: Sentence, story: list[Sentence],
                  earlier: str = "", army_before: bool = False) -> tuple[str, Why]:
    """The corpus's side label for a figure (`earlier`: the country whose people the story's figure
    before this one counted, if any; `army_before`: the same claimant counted soldiers before it)."""
    if mention.fixed_side and mention.fixed_side != "target":
        return mention.fixed_side, Why("side", mention.fixed_side, "side.victim-word", mention.head, 0.95)
    if mention.nationality == "unknown":
        return "unknown", Why("side", "unknown", "side.third-party-people", "", 0.9)
    base, why = _base_side(mention, claimant, sentence, story, earlier)
    around = [sentence] + ([s for s in story if s is not sentence] if mention.role == "zero" else [])
    kinds = {str(span.row.get("kind", "civilian")) for s in around for span in s.of("setting")}
    if mention.role != "zero" and any(getattr(span.value, "kind", "") in INHABITED and not _speaks(span, sentence)
                                      for span in sentence.of("place")):
        # "a strike on Ganja killed ten people": a town or a village is where civilians live (not for "no one
        # was hurt" after fire towards a village, which is about the positions there)
        kinds.add("civilian")
    at_home = not mention.head and "civilian" in kinds and "military" not in kinds and mention.victim == "person"
    # "killing one person" in fire on positions is a soldier; "people" in a village are civilians
    at_war = mention.victim == "person" and "military" in kinds and "civilian" not in kinds
    # "two contract soldiers were killed ... 14 people were wounded": the same army's people, where
    # nothing in the sentence speaks of civilians
    at_war = at_war or (mention.victim == "person" and army_before and "civilian" not in kinds)
    if (mention.victim == "civilian" or (mention.victim == "person" and mention.head and not at_war)) or at_home:
        side = CIVILIANS.get(base, "unknown")
        return side, Why("side", side, f"{why.rule}+side.civilians", why.words, why.confidence)
    if not base:
        return "unknown", why
    return base, why


def _speaks(place: Span, sentence: Sentence) -> bool:
    """ "Baku has acknowledged 12 dead": a capital named as the government that speaks is no scene."""
    return any(a.start <= place.start and place.end <= a.end for a in sentence.of("authority"))


def country_of(side: str) -> str:
    """ "civilians-Azerbaijan" → "Azerbaijan": the country whose people a side label counts."""
    country = side.removeprefix("civilians-")
    return country if country in OWN_SIDE else ""


def _civilian_context(sentence: Sentence) -> bool:
    return any(span.row.get("role") == "civilian" for span in sentence.of("victim"))


# zero rules that found whom a denial is about in its own words (a later bare denial repeats it)
_TARGET_NAMED = frozenset({"zero.side-said-fired-at", "zero.place-said-targeted", "zero.side-of-the-claim-denied"})


def zero_side(mention: Mention, claimant: str, sentence: Sentence, others: list[Reading],
               story: list[Sentence]) -> tuple[str, Why]:
    """Whose losses a denial or "no casualties" is about (corpus rule 9); a zero said of a side's
    civilians by name is about that side's civilians."""
    side, why = _zero_side(mention, claimant, sentence, others, story)
    if mention.victim == "civilian" and country_of(side) and side not in CIVILIANS.values():
        side = CIVILIANS[country_of(side)]
        why = Why("side", side, f"{why.rule}+side.civilians", why.words, why.confidence)
    return side, why


def _zero_side(mention: Mention, claimant: str, sentence: Sentence, others: list[Reading],
               story: list[Sentence]) -> tuple[str, Why]:
    if claimant in MONITORS_OF:
        # a monitoring mission's "no one was hurt" or its denial ("its patrol was not the target") is about its
        # own people: it speaks for no side's losses
        return MONITORS_OF[claimant], Why("side", MONITORS_OF[claimant], "zero.monitors-own-people", "", 0.8)
    about_losses = any(t.row.get("role") in ("killed", "wounded", "casualties") for t in sentence.of("trigger"))
    if mention.nationality == "enemy":
        # "no losses; the enemy was suppressed": the adversary is who fired, not whose losses were none
        mention = replace(mention, nationality="")
    if mention.nationality == "own" and claimant in OWN_SIDE and (about_losses or not mention.denial):
        # "no losses among our personnel"; but "its troops never target civilians" names the shooters
        return OWN_SIDE[claimant], Why("side", OWN_SIDE[claimant], "zero.own-losses-denied", "", 0.85)
    if mention.nationality in OWN_SIDE and mention.fixed_side == "target":
        return mention.nationality, Why("side", mention.nationality, "zero.side-said-fired-at", "", 0.85)
    if not mention.denial and (mention.nationality in OWN_SIDE or mention.nationality == "unknown"):
        return mention.nationality, Why("side", mention.nationality, "zero.side-named-after-denial", "", 0.85)
    if mention.denial:
        losses = [s for s in sentence.of("trigger") if s.start > mention.start and s.row.get("role") in ("killed", "wounded", "casualties")]
        if losses and claimant in OWN_SIDE:
            # "denied losses" are the denier's own, unless the words name the other side's people
            # ("denied opening fire and said the Armenian soldier's death was an accident")
            near = [n for n in sentence.of("nationality") if mention.start < n.start < losses[0].end + 40]
            if not any(n.row.get("side") == OPPOSITE.get(claimant) for n in near):
                return OWN_SIDE[claimant], Why("side", OWN_SIDE[claimant], "zero.denied-losses-are-own", "", 0.75)
        # the figures being denied, else whom the other claimant said was targeted ("no one was hurt")
        accused = [r.side for r in others if r.claimant != claimant and r.mention.role != "zero"] or \
            [r.side for r in others if r.claimant != claimant and r.claimant in PARTIES and r.side and not r.mention.denial]
        if accused:
            return accused[0], Why("side", accused[0], "zero.side-of-the-claim-denied", "", 0.75)
        if mention.nationality in OWN_SIDE or mention.nationality == "unknown":
            return mention.nationality, Why("side", mention.nationality, "zero.side-named-after-denial", "", 0.7)
        earlier = [r.side for r in others if r.claimant == claimant and r.mention.role == "zero" and r.mention.denial
                   and any(w.field == "side" and w.rule in _TARGET_NAMED for w in r.why)]
        if earlier:
            # "we categorically deny this disinformation", after the denial that named whom: the same denial
            return earlier[-1], Why("side", earlier[-1], "zero.same-denial-as-before", "", 0.65)
        place = _place_side(sentence, [])
        if place is not None and claimant in OPPOSITE and place[0] != OWN_SIDE[claimant]:
            # "denies firing towards the settlement of Qırmızı Bazar": the place's people, its
            # civilians when the place is a village or a town and no position is named
            kinds = {str(span.row.get("kind", "civilian")) for span in sentence.of("setting")}
            side = CIVILIANS[place[0]] if "civilian" in kinds and "military" not in kinds else place[0]
            return side, Why("side", side, "zero.place-said-targeted", "", 0.6)
        if claimant in OPPOSITE:
            side = _other_side(claimant, story)
            return side, Why("side", side, "zero.other-side-said-targeted", "", 0.6)
    side, why = side_affected(mention, claimant, sentence, story)
    if claimant not in PARTIES and side == OWN_SIDE.get(claimant) and not mention.fixed_side:
        # peacekeepers' "no one was hurt" after a violation they recorded: whose people were at
        # risk the bulletin does not say (their own only when it names them)
        return "unknown", Why("side", "unknown", "zero.third-party-names-no-side", "", 0.6)
    return side, Why("side", side, f"zero.{why.rule}", why.words, why.confidence)
