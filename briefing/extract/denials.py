"""Zero claims: "no one was hurt", "suffered no losses", and denials (README rule 9).

Why: a denial is a claim with 0 killed and 0 wounded, and its side affected is whoever's
losses are denied or who was said to be targeted - not always the denier (Armenia denying
it fired on Azerbaijani positions is claimant Armenia, side Azerbaijan).  A denial often
names no date or place of its own ("Baku rejected the report as disinformation"), so it
inherits the scene of the incident the story reports.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..models import Claim
from .attribution import ANAPHOR, OWN
from .claimants import claimant_at, resolve_bare
from .gazetteer import PlaceMatch, lookup
from .numbers import tokenize
from .records import Mention, Sentence
from .victims import is_civil, nation_of, side_of
from .words import (
    ACTIVE_KILL,
    ACTIVE_WOUND,
    BARE,
    DENY_SIDE,
    KILL_WORDS,
    MILITARY_WORDS,
    OTHER_PEOPLE,
    PARTIES,
    PERSON_WORDS,
    POSSESSIVE_OWN,
    TOLL_SIDE,
    WOUND_WORDS,
    ci,
)

WHO_FIRED_FIRST = ci(r"\b(?:fired|opened fire|fire|shot|attacked) first\b|\bwho (?:fired|started|opened fire)\b|\bstarted the (?:shooting|fighting|exchange)\b")
CIVIL_SCENE = ci(r"\b(?:residents|villagers|homes?|houses?|civilians?|farmers?|shepherds?|school|kindergarten)\b")
ARMED_SCENE = ci(r"\b(?:positions?|posts?|soldiers?|servicem[ae]n|troops|army|units|military|border guards?|checkpoint)\b")
CIVIL_ZERO = frozenset({"people", "residents", "villagers", "locals", "children", "inhabitants"})
NEGATIONS = ("not", "never", "no such", "none", "n't", "untrue", "false", "groundless", "baseless", "fabricated", " lie", "disinformation", "fake")
WORD = re.compile(r"[\w'-]+")
ZERO = ci(
    r"\b(?:no (?:(?:euma|eu|mission|armenian|azerbaijani|russian|local|other) )?(?:one|body|civilians?|soldiers?|servicem[ae]n|troops|personnel|mission members?|members? of \w+ \w+|members?|people|residents|"
    r"monitors|observers|peacekeepers|border guards|guards|villagers|children|staff|"
    r"casualties|injuries|losses|deaths|fatalities|victims|one was)\b(?: (?:was|were|had been|has been|have been|is|are))?"
    r"(?: (?:hurt|injured|harmed|wounded|killed|reported))?"
    r"|nobody (?:was|were) (?:hurt|injured|harmed|wounded|killed)|without (?:any )?casualties"
    r"|no (?:dead|deaths|killed) (?:or|and|nor) (?:wounded|injured)"
    r"|none of (?:its|their|our|the) (?:\w+ )?(?:personnel|monitors|observers|troops|soldiers|servicemen|staff|members|patrol|crew|residents|villagers|civilians|people|units)(?: \w+)? (?:was|were|had been|has been|have been) (?:hurt|injured|harmed|wounded|killed)"
    r"|(?:suffered|sustained|had) no (?:losses|casualties)|did not (?:suffer|sustain) any (?:losses|casualties))",
)


DENY_OBJECT = ci(
    r"\b(?:report|reports|claim|claims|statement|release|allegations?|accusations?|account|accounts|information|fired|fire|firing|shot|shooting|"
    r"attack|attacks|attacking|shelling|losses|casualties|disinformation|untrue|false|lies|lie|opened|target\w*|involvement|responsibility|"
    r"strike|strikes|striking|shelled|fabricat\w*|provocation)\b",
)


NEG_FIRE = ci(
    r"\b(?:had|has|have|did|were|was|is|are)(?: not|n't| never)(?: \w+)? (?:fire|fired|firing|open(?:ed)? fire|shell(?:ed)?|shot|shoot|target(?:ed)?|attack(?:ed)?|strike|struck)\b"
    r"|\bnone of (?:its|their|our) (?:units|troops|forces|soldiers|servicemen)\b[^.;]{0,20}\b(?:fired|opened fire|shot|shelled|attacked)\b"
    r"|\b(?:do|does|did) not (?:correspond|conform) to (?:reality|the truth|the facts)\b|\b(?:is|was|were|are) not true\b"
    r"|\bno such (?:incident|shooting|attack|fire|firing|shelling|provocation)s? (?:had |has |have )?(?:taken place|took place|occurred|happened)\b"
    r"|\bnever (?:happened|took place|occurred)\b|\bdid not (?:happen|take place|occur)\b|\bhad not (?:happened|taken place|occurred)\b"
    # "said that Baku's report of Armenian fire was untrue"
    r"|\b(?:report|reports|claim|claims|allegations?|accusations?|statement|account|information|news)\b[^.;]{0,160}?\b(?:was|were|is|are) (?:untrue|false|groundless|baseless|fabricated|a lie|lies|disinformation|fake|not true)\b"
)


# "no casualties or injuries among the civilian population"
AMONG_CIVILIANS = ci(r"(?: or (?:injuries|wounded|injured|casualties))? (?:among|of) (?:the )?(?:local )?(?:civilians?|civilian population|population|residents|villagers|inhabitants)\b")
FIRE_WORDS = ci(r"\b(?:fir(?:e|ed|ing)|shot|shoot\w*|shell\w*|attack\w*|strike|struck|target\w*|provocation)\b")


TARGET = ci(
    r"\b(?:fired|firing|opened fire|shot|shooting|targeted|attacked|shelled|fire hit|shelling of|fire on)\b(?:\s+[\w'-]+){0,3}?\s+(?:at|on|toward|towards|in the direction of)\s+((?:[\w'-]+\s+){0,4}[\w'-]+)",
)


TARGET_HIT = ci(r"\b(?:fire|shells?|shelling|rockets?|missiles?|drones?|bullets?) (?:hit|struck|landed on|targeted) ((?:[\w'-]+\s+){0,4}[\w'-]+)")


# "Baku's claim that <clause>": what the denied claim says
CLAIM_THAT = ci(r"\b(?:claims?|reports?|statements?|version|allegations?|accusations?) that (.+)$")
ZERO_WORDS = ci(r"\b(?:losses|casualties|dead|died|injur\w*|hurt|deaths?)\b")
INCIDENT_CUE = ci(r"\b(?:fir(?:e|ed|ing)|shot|shooting|shell\w*|attack\w*|gunfire|strike|clash\w*|killed|wounded|opened fire)\b")


def zero_mentions(sentence: Sentence, context: str | None, story_text: str, story_places: Callable[[], list[PlaceMatch]], outlet: str | None = None) -> list[Mention]:
    """Explicit zeros: "no casualties", "no civilians were hurt", and denials (README rule 9)."""
    out: list[Mention] = []
    for m in ZERO.finditer(sentence.lower or sentence.text.lower()):
        phrase = m.group(0).lower()
        if " reported" in phrase and "casualties" not in phrase and "injuries" not in phrase and "losses" not in phrase:
            continue
        pos = len(tokenize(sentence.text[: m.start()]))
        claimant = claimant_at(sentence, pos, context)
        if claimant in (BARE, OWN):
            claimant = resolve_bare(BARE, None, None, outlet, sentence.places or story_places())
        words = phrase.split()
        nation = nation_of(words)
        after = sentence.lower[m.end(): m.end() + 60]
        cut = min((after.find(c) for c in ",;." if c in after), default=len(after))
        own_side = _zero_subject(WORD.findall(sentence.lower[: m.start()])[-6:], WORD.findall(after[:cut])[:6])
        if own_side == "own" and claimant in PARTIES:
            # "said its army had suffered no losses", "reported no casualties among its troops"
            out.append(Mention("zero", 0, sentence.index, claimant, claimant, pos=pos))
            continue
        civil_words = any(w.startswith("civilian") or w in CIVIL_ZERO for w in words) or bool(
            AMONG_CIVILIANS.match(sentence.lower, m.end()))
        if own_side in PARTIES and not civil_words:
            out.append(Mention("zero", 0, sentence.index, claimant, own_side, pos=pos))
            continue
        if any(w in ("mission", "observers", "monitors", "euma", "eu") for w in words):
            side = "unknown"
        elif civil_words:
            side = side_of(nation, True, claimant, sentence.places or story_places(), False)
        else:
            side = target_side(story_text, claimant)
            if side is None and CIVIL_SCENE.search(story_text.lower()) and not ARMED_SCENE.search(story_text.lower()):
                side = "civilians"  # "Residents of Berkaber said gunfire was heard ...; no one had been hurt"
            if side == "civilians":
                side = side_of(nation, True, claimant, sentence.places or story_places(), False)
            if side is None and claimant == "Russia" and "peacekeep" not in story_text.lower():
                continue  # a Russian bulletin's "no casualties" about others' shooting: whose, it does not say
            side = side or side_of(nation, False, claimant, [], True)
        if side:
            out.append(Mention("zero", 0, sentence.index, claimant, side, pos=pos))
    # "said its forces had not fired at Ganja", "an incident Yerevan insists never happened":
    # a negated attack denies it on behalf of the nearest anchor before it
    negated: set[int] = set()
    if sentence.anchors and any(w in sentence.lower for w in NEGATIONS):
        for m in NEG_FIRE.finditer(sentence.lower):
            if re.match(r"\s+(?:until|unless|first|back|in return)\b", sentence.lower[m.end():]):
                continue  # "did not fire until they were shot at": who started, no denial
            pos = len(tokenize(sentence.text[: m.start()]))
            clause_start = max([k + 1 for k in range(pos) if sentence.low[k] in (";", ":")] or [0])
            if WHO_FIRED_FIRST.search(" ".join(sentence.low[clause_start:pos])):
                continue  # "claims that Azerbaijani units had fired first did not correspond to reality": who started
            owners = [k for k, a in enumerate(sentence.anchors) if a.end <= pos and pos - a.end <= 16 and not a.noun and a.claimant]
            if not owners:
                # "Armenian units had not fired in that direction, the ministry said", "'The report
                # does not correspond to reality,' the ministry said": the speaker comes after
                owners = [k for k, a in enumerate(sentence.anchors) if a.start > pos and a.start - pos <= 20
                          and not a.noun and a.claimant and ";" not in sentence.low[pos:a.start]][:1]
            if owners:
                negated.add(owners[-1])
    for number, anchor in enumerate(sentence.anchors):
        if not anchor.claimant:
            continue
        rest_low = _clause_after(sentence.low, anchor.end, 16)
        rest = " ".join(rest_low)
        if anchor.deny:
            if not DENY_OBJECT.search(rest) and anchor.end < len(sentence.low) - 2:
                continue
            if not INCIDENT_CUE.search(sentence.lower) and any(
                    a.claimant not in (anchor.claimant, None) and not a.noun and not a.deny and a.start < anchor.start for a in sentence.anchors):
                continue  # "Russia said Azerbaijani troops had pulled back, a statement Baku rejected as untrue": no losses or fire denied
            if WHO_FIRED_FIRST.search(rest):
                continue  # "rejected Baku's version that Armenian units had opened fire first": who started, no losses denied
            content = CLAIM_THAT.search(rest)
            if content and not INCIDENT_CUE.search(content.group(1)) and not ZERO_WORDS.search(content.group(1)):
                continue  # "rejecting Baku's claim that the vehicle was smuggling arms": no fire or losses denied
        elif number not in negated:
            continue
        if not INCIDENT_CUE.search(story_text.lower()):
            continue
        denier = anchor.claimant
        if denier in (BARE, OWN, ANAPHOR):
            denier = context or outlet
        if denier not in PARTIES and denier not in ("EU", "other"):
            continue
        side = _denied_victims(rest_low, denier, sentence.places or story_places())
        if side is None and not FIRE_WORDS.search(rest) and any(m.claimant == denier and not m.denial for m in out):
            # "called the statement disinformation, saying there were no losses on the Armenian
            # side": the report denied is about the losses the sentence's own zero already gives
            continue
        mention = Mention("zero", 0, sentence.index, denier, side or DENY_SIDE, pos=anchor.start)
        mention.denial = True
        out.append(mention)
    return out


def _zero_subject(before: list[str], after: list[str]) -> str | None:
    """Whose forces a "no losses" is about, from the words around it: "its army had suffered
    no losses", "none of its personnel were hurt", "no casualties among its troops" -> "own";
    "Azerbaijani troops suffered no losses" -> that side; else None."""
    tail = list(before)
    for k in range(len(tail) - 1, -1, -1):
        if tail[k] in ("that", "said", "says", "told", "added", "stated", "announced"):
            tail = tail[k + 1:]  # the speaker ("Armenia's police said") is not the subject
            break
    around = tail + after
    for k, w in enumerate(around):
        if (w in MILITARY_WORDS and w not in ("ministry", "contract", "general", "private", "major")) or w == "side":
            near = around[max(0, k - 2):k]
            if any(x in POSSESSIVE_OWN for x in near):
                return "own"
            nation = nation_of(near)
            if nation in PARTIES:
                return nation
    return None


def _clause_after(low: list[str], start: int, limit: int) -> list[str]:
    """Tokens after an anchor up to the end of its clause (";" or ".")."""
    out: list[str] = []
    for tok in low[start:start + limit]:
        if tok in (";", "."):
            break
        out.append(tok)
    return out


NATION_OF_ADJ = {"armenian": "Armenia", "azerbaijani": "Azerbaijan", "russian": "Russia", "karabakh": "Karabakh"}


def _denied_victims(rest: list[str], denier: str, places: list[PlaceMatch]) -> str | None:
    """Side whose losses a denial is about, when its object says so: "dismissing Yerevan's
    report of a wounded Armenian soldier" -> Armenia, "denied any losses" -> the denier."""
    if not any(w in KILL_WORDS or w in WOUND_WORDS or w in ACTIVE_KILL or w in ACTIVE_WOUND or w in ("losses", "casualties") for w in rest):
        return None
    for k, tok in enumerate(rest):
        if tok in PERSON_WORDS and tok not in OTHER_PEOPLE:
            nation = nation_of(rest[max(0, k - 2):k + 1])
            if nation in PARTIES:
                return side_of(nation, is_civil([tok]) or False, denier, places, False)
    for k, tok in enumerate(rest):
        if tok in ("losses", "casualties") and k > 0 and NATION_OF_ADJ.get(rest[k - 1]) in PARTIES:
            # "called Stepanakert's reports of Azerbaijani casualties disinformation"
            return NATION_OF_ADJ[rest[k - 1]]
    if "losses" in rest or "casualties" in rest:
        return denier if denier in PARTIES else None
    return None


def deny_side(denial: Mention, mentions: list[Mention], text: str) -> str | None:
    """Who a denial is about (README rule 9): the victims the accuser reported, else the side
    said to be targeted, else the denier's adversary."""
    accusers = [m for m in mentions if m.claimant != denial.claimant and not m.denial and m.side not in (TOLL_SIDE, DENY_SIDE) and m.side]
    figures = [m for m in accusers if m.field != "zero"]
    # the EU saying its monitors were unharmed is no accusation: the party said to be targeted is
    accusers = sorted(accusers, key=lambda m: m.side == "unknown")
    if figures or accusers:
        side = (figures or accusers)[0].side
        if side == "unknown":
            # the EU saying its patrol was unharmed; the denial itself is about the party said
            # to be targeted ("had not fired at Armenian positions")
            target = target_side(text, None)
            if target in PARTIES:
                return target
        return side
    side = target_side(text, None)
    other = {"Armenia": "Azerbaijan", "Azerbaijan": "Armenia", "Karabakh": "Azerbaijan"}.get(denial.claimant)
    if side == "civilians":
        return {"Azerbaijan": "civilians-Azerbaijan", "Armenia": "civilians-Armenia"}.get(other or "")
    if side is None or side == denial.claimant:
        return other
    return side


ARMED_TARGET = frozenset({"positions", "position", "posts", "post", "troops", "soldiers", "units", "army", "servicemen", "checkpoint", "forces"})


def target_side(story_text: str, claimant: str | None) -> str | None:
    """Who was fired at: "fired at European Union observers" -> unknown, "fired at Azerbaijani
    positions" -> Azerbaijan, "firing at the city" -> "civilians" (whose, the caller decides)."""
    lower = story_text.lower()
    m = TARGET.search(lower) or TARGET_HIT.search(lower)
    if not m:
        return None
    words = m.group(1).split()
    if any(w in ("observers", "monitors", "mission", "patrol", "eu", "european") for w in words):
        return "unknown"
    nation = nation_of(words)
    if nation is None and not any(w in ARMED_TARGET for w in words):
        # "fired small arms at Khnatsakh, a village in Syunik": a settlement is civilians
        after = lower[m.end(): m.end() + 30]
        place = lookup(words[0].strip(",")) if words else None
        if place is not None and (place.kind in ("village", "town") or re.match(r",? an? (?:border )?(?:village|town|settlement)\b", after)):
            return "civilians-Armenia" if place.side in ("armenia", "karabakh") else "civilians-Azerbaijan"
    if any(w in ("city", "town", "village", "villages", "residential", "civilians", "homes", "houses", "towns", "cities", "villagers", "residents", "farmers", "shepherds", "locals") for w in words):
        if nation in ("Armenia", "Karabakh"):
            return "civilians-Armenia"
        if nation == "Azerbaijan":
            return "civilians-Azerbaijan"
        return "civilians"
    if nation in ("Armenia", "Azerbaijan", "Karabakh"):
        return nation
    return None


def inherit_scene(bare_zero: list[tuple[Claim, bool, bool, bool]], claims: list[Claim]) -> None:
    """A zero claim whose own sentence gives no date, place or kind of attack ("The ministry in
    Baku rejected the account as disinformation") is about the incident the story reports:
    it takes what it lacks from that incident's claim (the same side's figures first).

    `bare_zero` holds each zero claim with flags: no date, no place, no event type of its own."""
    for claim, no_day, no_place, no_type in bare_zero:
        figures = [c for c in claims if c is not claim and (c.killed or c.wounded)]
        ref = next((c for c in figures if c.side_affected == claim.side_affected), None) or (figures[0] if figures else None)
        if ref is None:
            ref = next((c for c in claims if c is not claim and c.claimant != claim.claimant), None)
        if ref is None:
            continue
        if no_day:
            claim.event_date = ref.event_date
        if no_place and ref.locations:
            claim.locations = list(ref.locations)
        if no_type:
            claim.event_type, claim.kind = ref.event_type, ref.kind
        if not claim.weapons:
            claim.weapons = list(ref.weapons)
