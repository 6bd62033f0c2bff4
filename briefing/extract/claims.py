"""Casualty claims of one story: the orchestration of the extractor's stages.

The corpus rules (shared/corpus/README.md) in one paragraph: one claim per (claimant, side
affected, incident) that the story reports with a casualty figure or an explicit zero;
figures from earlier episodes, running totals and sums across sides are not claims; each
story gives the latest figure it has; "no casualties" and denials are zero claims.

The stages, one module each:

1. `sentences.py` splits the summary, masks asides ("including a colonel") and drops
   history, running totals, other conflicts and domestic unrest;
2. `claimants.py` (with `attribution.py`) finds who speaks in each sentence;
3. `mentions.py` reads each casualty figure (`figures.py`) and its side (`victims.py`);
   `denials.py` adds explicit zeros and denials; `revisions.py` handles "died of wounds";
4. story-wide decisions: later splits, whose bare "toll" it is, whose losses a denial is
   about, Baku's framing of Karabakh forces;
5. `revisions.merge_mentions` keeps one figure per (claimant, side);
6. each claim gets its date (`dates.py`), places (`locations.py`), event type and weapons
   (`events.py`);
7. `vague.py` adds, for slots with no exact figure, the figures the corpus does not count
   ("12 casualties", "dozens killed") as claims with `vague=True` (kept for the reader,
   dropped from the corpus view by `extract_jsonl`).

The title is not used for figures - headlines repeat the summary or give sums ("at least
seven dead") - except when the summary only refers back to the victims ("The servicemen were
taken to hospital") and gives no figure for their side: then the headline's figure for a
named side is the story's (`_headline_mentions`).  A headline prefix naming an authority ("MoD: ...",
"Artsakh Defence Army: ...", "State Border Service: ...") is the speaker of a summary that names
none (`headline_speaker`): state outlets put the source there and write the summary in its voice.
Incidents across stories are grouped later by `incidents.py`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta

from ..models import CLAIMANTS, EVENT_TYPES, SIDES, WEAPONS, Claim
from .attribution import ANAPHOR, OWN, classify
from .claimants import OUTLET_COUNTRY, accuser, resolve_anchors
from .dates import SPEECH, best_date, local_day
from .denials import deny_side, inherit_scene, zero_mentions
from .events import clear_caches, event_type_in, event_type_of, kind_of, weapons_of
from .gazetteer import PlaceMatch
from .locations import claim_locations, incident_places
from .mentions import armed_named, figure_mentions
from .numbers import tokenize
from .records import Mention, Sentence
from .revisions import apply_later_splits, merge_mentions, toll_side, transfer_mentions
from .sentences import has_casualty_cue, prepare_sentences
from .vague import has_vague_cue, vague_figures
from .victims import karabakh_frame, unsplit_to_armed
from .words import BARE, DENY_SIDE, PARTIES, TOLL_SIDE, ci


def _scoped_text(sentences: list[Sentence], indexes: set[int], claimant: str, parts: dict[int, int] | None = None) -> tuple[str, str, str]:
    """Text of the claim's own sentences (or clauses), of its claimant's sentences, and of the story."""
    parts = parts or {}
    own = " ".join(s.part_text(parts.get(s.index, -1)) for s in sentences if s.index in indexes)
    same = " ".join(s.text for s in sentences if s.index in indexes or claimant in s.claimants or not s.claimants)
    story = " ".join(s.text for s in sentences)
    return own, same, story


# words of an attack or its casualties (not "ceasefire")
FIGHT_CUE = ci(r"\b(?:fir(?:e|ed|ing)|shot|shoot\w*|shell\w*|attack\w*|strikes?|struck|clash\w*|fighting|kill\w*|wound\w*|injur\w*|died|dead|hit|explo\w*|blast)\b")


# "the clash", "the incident": the event already told, not a new one on the speech day
BACK_TO_EVENT = ci(r"\bthe (?:clash|incident|attack|shootout|shooting|skirmish|ambush|firefight|exchange of fire)\b")


def _event_day(sentences: list[Sentence], first: int, pub_day: date) -> date:
    """Date of the claim's first sentence, else the nearest earlier sentence with a date."""
    for index in range(first, -1, -1):
        day = best_date(sentences[index].dates)
        if day is not None and day <= pub_day and (pub_day - day).days < 400:
            if index == first and all(d.rank <= SPEECH for d in sentences[index].dates):
                if BACK_TO_EVENT.search(sentences[index].lower):
                    # "Russia's Defence Ministry said on Monday that the clash had left ...":
                    # the clash told before, on its own day
                    for earlier in reversed(sentences[:index]):
                        event = [d.day for d in earlier.dates if d.rank > SPEECH and d.day <= day and (day - d.day).days <= 3]
                        if event:
                            return event[0]
                # "Armenia said on Wednesday that one of its soldiers had been killed ... The
                # ministry said Azerbaijani forces had attacked on Tuesday": the speech day is
                # not the event's; a following sentence's event day a little before it is
                for later in sentences[first + 1:first + 3]:
                    if not FIGHT_CUE.search(later.lower):
                        continue  # "forces agreed on Wednesday to lay down their arms": no event of the claim's
                    event = [d.day for d in later.dates if d.rank > SPEECH and d.day <= day and (day - d.day).days <= 3]
                    if event:
                        return event[0]
            return day
    for sentence in sentences:
        day = best_date(sentence.dates)
        if day is not None and day <= pub_day and (pub_day - day).days < 14:
            return day
    return pub_day


def extract_story(title: str, summary: str, published: datetime, source: str = "") -> list[Claim]:
    """Claims of one (relevant) story; see the module docstring for the rules."""
    if not summary:
        return []
    if not has_casualty_cue(summary.lower()) and not (title and has_casualty_cue(title.lower()) and BACK_REFERENCE.search(summary.lower())):
        return []
    clear_caches()  # the cue caches only serve the claims of one story
    sentences = prepare_sentences(summary, published)
    outlet = OUTLET_COUNTRY.get(source.strip().casefold())
    headline = headline_speaker(title, outlet)
    resolve_anchors(sentences, headline if headline in PARTIES or headline in ("EU", "other") else None)
    cache: list[list[PlaceMatch]] = []

    def story_places() -> list[PlaceMatch]:
        if not cache:
            cache.append([p for s in sentences for p in s.places])
        return cache[0]

    mentions = _story_mentions(sentences, summary, story_places, outlet, headline)
    if title and BACK_REFERENCE.search(summary.lower()):
        mentions += _headline_mentions(title, mentions, sentences, published, story_places, outlet)
    _settle_sides(mentions, sentences, summary, story_places)
    merged = merge_mentions([m for m in mentions if m.side])
    claims, bare_zero = _build_claims(merged, sentences, published)
    inherit_scene(bare_zero, claims)
    claims = [claim for claim in claims if _valid(claim, outlet)]
    if has_vague_cue(summary.lower()):
        claims += [claim for claim in _vague_claims(sentences, claims, published, story_places, outlet) if _valid(claim, outlet)]
    return claims


def _vague_claims(sentences: list[Sentence], claims: list[Claim], published: datetime,
                  story_places: Callable[[], list[PlaceMatch]], outlet: str | None) -> list[Claim]:
    """Claims with `vague=True` ("12 casualties", "dozens killed") for the (claimant, side)
    slots the story gives no exact figure for; see `vague.py`."""
    exact = {(c.claimant, c.side_affected) for c in claims}
    slots: dict[tuple[str, str], dict] = {}
    context: str | None = None
    for sentence in sentences:
        if not sentence.skip:
            for field, value, claimant, side in vague_figures(sentence, context, outlet, lambda s=sentence: s.places or story_places()):
                if (claimant, side) in exact:
                    continue
                slot = slots.setdefault((claimant, side), {"sentences": set(), "unsplit": None, "killed": 0, "wounded": 0})
                slot["sentences"].add(sentence.index)
                if field == "unsplit":
                    slot["unsplit"] = max(slot["unsplit"] or 0, value)
                else:
                    slot[field] = max(slot[field], value)
        named = [a.claimant for a in sentence.anchors if a.claimant and a.claimant not in (BARE, OWN)]
        if named:
            context = named[-1]
    out: list[Claim] = []
    pub_day = local_day(published)
    for (claimant, side), slot in slots.items():
        indexes = slot["sentences"]
        own, same, story = _scoped_text(sentences, indexes, claimant)
        etype = event_type_of(own, same, story)
        weapons = weapons_of(own) or weapons_of(same)
        out.append(Claim(
            claimant=claimant,
            side_affected=side,
            event_date=_event_day(sentences, min(indexes), pub_day),
            killed=slot["killed"],
            wounded=slot["wounded"],
            unsplit=slot["unsplit"],
            vague=True,
            locations=claim_locations(sentences, indexes, claimant),
            weapons=weapons,
            event_type=etype,
            kind=kind_of(etype, weapons, own or story),
            evidence=" ".join(s.text for s in sentences if s.index in indexes),
        ))
    return out


def headline_speaker(title: str, outlet: str | None) -> str | None:
    """The authority of a headline prefix: "Artsakh Defence Army: ..." -> Karabakh, "MoD: ..."
    -> the outlet's country (or BARE), "HALO Trust: ..." -> other; "BREAKING: ..." -> None."""
    tail = title[-40:]
    if "—" in tail or "–" in tail or " - " in tail:
        # "Two servicemen wounded near Sotk — MoD"
        low = [w.lower() for w in tokenize(title)]
        dash = max(k for k, w in enumerate(low) if w in ("—", "–", "-"))
        words = [w for w in low[dash + 1:] if w not in (".", "!")]
        if 0 < len(words) <= 6:
            found = classify(words)
            if found == ANAPHOR:
                return outlet or BARE
            if found in CLAIMANTS:
                return found
    head = title[:80]
    if ":" not in head:
        return None
    low = [w.lower() for w in tokenize(head)]
    start = 0
    for colon in [k for k, w in enumerate(low[:10]) if w == ":"]:
        # "BREAKING: State Border Service: ...": each prefix in turn
        words = [w for w in low[start:colon] if w not in ("breaking", "urgent", "update", "updated", "exclusive", "official")]
        start = colon + 1
        if not words or len(words) > 6:
            continue
        found = classify(words)
        if found == ANAPHOR:
            return outlet or BARE
        if found in CLAIMANTS:
            return found
    return None


# "The servicemen were taken to hospital": the summary refers back to victims it never counts
BACK_REFERENCE = ci(
    r"\bthe (?:wounded |injured |dead |killed )?(?:servicem[ae]n|soldiers?|border guards?|conscripts?|troops|civilians?|residents?|"
    r"villagers?|policem[ae]n|deminers?|sappers?) (?:was|were|had been|have been|has been|are|is) (?:taken|evacuated|hospitali[sz]ed|"
    r"rushed|airlifted|transferred|receiving|being treated|treated|in (?:a )?(?:stable|serious|critical|satisfactory) condition|out of danger)"
)


def _headline_mentions(title: str, mentions: list[Mention], sentences: list[Sentence], published: datetime,
                       story_places: Callable[[], list[PlaceMatch]], outlet: str | None) -> list[Mention]:
    """Figures of the headline for a named side the summary refers back to but never counts:
    "Two Azerbaijani servicemen wounded by Armenian fire" + "The servicemen were taken to
    hospital, the ministry said".  The headline's own attribution wins, else the summary's
    first party speaking, else the outlet's country."""
    counted = {m.side for m in mentions if m.field in ("killed", "wounded")}
    speakers = [a.claimant for s in sentences for a in s.anchors if a.claimant in PARTIES and not a.noun and not a.deny]
    context = speakers[0] if speakers else outlet
    heads = prepare_sentences(title.rstrip(".") + ".", published)
    resolve_anchors(heads)
    out: list[Mention] = []
    for head in heads:
        if head.skip:
            continue
        for mention in figure_mentions(head, context, story_places, outlet, {}):
            if mention.side in PARTIES and mention.side not in counted and mention.claimant in PARTIES:
                mention.sentence = 0  # dated and placed by the summary's opening
                out.append(mention)
    return out


def _story_mentions(sentences: list[Sentence], summary: str, story_places: Callable[[], list[PlaceMatch]], outlet: str | None,
                    headline: str | None = None) -> list[Mention]:
    """Every figure and zero of the story, sentence by sentence.

    Attribution carries across sentences: "the ministry said" takes the claimant named
    before it (`context`), and "a fifth soldier" takes the side its claimant last named
    (`fallback`).  A headline prefix ("MoD: ...", "Artsakh Defence Army: ...") names the
    speaker of a summary that names none."""
    mentions: list[Mention] = []
    context: str | None = headline
    fallback: dict[str, str] = {}  # claimant -> side of the armed victims it last named
    for sentence in sentences:
        # "It rejected ...", "the ministry said" after a story-opening bare "the Defence
        # Ministry said": the anaphor follows the claimant settled since
        for anchor in sentence.anchors:
            if anchor.claimant == BARE and anchor.anaphor and context:
                anchor.claimant = context
        # claimant carried from earlier sentences ("the ministry said" -> last named)
        if not sentence.skip:
            found = figure_mentions(sentence, context, story_places, outlet, fallback,
                                    lambda before=sentence.index: _armed_named_before(sentences, before))
            found += zero_mentions(sentence, context, summary, story_places, outlet)
            found += transfer_mentions(sentence, context, outlet, mentions + found)
            if sentence.shift_span is not None:
                lo, hi = sentence.shift_tokens
                for mention in found:
                    if mention.pos >= 0:
                        mention.part = 1 if lo <= mention.pos < hi else 0
            if found and mentions and _separate_incident(sentence, sentences, mentions):
                for mention in found:
                    mention.incident = sentence.index
            if len(found) > 1:
                _dated_apart(sentence, found)
            mentions += found
        else:
            found = []
        for mention in found:
            if mention.side in PARTIES:
                fallback[mention.claimant] = mention.side
        # a bare "the Defence Ministry said" is settled by what it reported (or the outlet),
        # so the next sentence's "it said" / unattributed figures follow it
        for anchor in sentence.anchors:
            if anchor.claimant == BARE:
                parties = [m.claimant for m in found if m.claimant in PARTIES]
                anchor.claimant = parties[0] if parties else (outlet or accuser(sentence.lower))
        if sentence.anchors:
            named = [a.claimant for a in sentence.anchors if a.claimant and a.claimant not in (BARE, OWN)]
            if named:
                context = named[-1]
        elif context is not None and (" not " in sentence.lower or "n't " in sentence.lower or " no " in sentence.lower
                                      or "declined" in sentence.lower or "yet to" in sentence.lower) and NOT_SPEAKING.search(sentence.lower):
            # "Azerbaijan has not disclosed its losses. In Gashalti, a family of five was killed":
            # after a side that gives no figures, the story tells what follows in its own voice
            context = None

    return mentions


NOT_SPEAKING = ci(
    r"\b(?:has|have|had|did|does|do)(?: not|n't| yet to)(?: yet)? (?:disclose|report|comment|confirm|release|give|publish|reveal)\w*"
    r"|\bdeclined to (?:comment|disclose|give)|\bgave no (?:figures|details|toll)|\bhas given no (?:figures|details|toll)"
)


# "Hours later, in the Fuzuli district, a shepherd ...", "In a separate incident, ...", "Separately, ..."
SEPARATE = re.compile(
    r"^(?:(?:Hours|Minutes|Days) later|Later (?:that|the same) (?:day|evening|night)|Separately|"
    r"(?:In|At) (?:a|another) (?:separate|second|different) (?:incident|blast|explosion|attack|shooting)|In another incident)\b"
)


def _separate_incident(sentence: Sentence, sentences: list[Sentence], earlier: list[Mention]) -> bool:
    """The sentence tells another incident than the story's first figures: a marker
    ("Hours later, ...", "In a separate incident"), or "also said" with an event day other
    than that of the first figure ("The ministry also said Armenian units had fired ... on
    Friday evening" after "the fighting on 13 and 14 September")."""
    if SEPARATE.match(sentence.text):
        return True
    if " also " not in sentence.lower:
        return False
    here = [d for d in sentence.dates if d.rank > SPEECH]
    first = min(m.sentence for m in earlier)
    there = [d for d in sentences[first].dates if d.rank > SPEECH]
    return bool(here and there and min(d.day for d in here) != min(d.day for d in there))


# "the farmer had been hit", "he was shot": a later sentence speaking of the victim already counted
DEFINITE_VICTIM = ci(r"\b(?:the (?:\w+ )?(?:man|woman|farmer|shepherd|soldier|serviceman|civilian|victim|boy|girl|driver|resident|villager|worker)|he|she) (?:had been|was|has been) (?:hit|shot|killed|struck|wounded|injured)\b")


def adopt_unsourced(mentions: list[Mention], sentences: list[Sentence]) -> None:
    """ "'...,' a relative said after Aram Tepnants was shot dead. Artsakh's police said the
    farmer had been hit by a sniper": a figure told by no one we can name belongs to the
    authority that speaks of the same victim next (README rule 5)."""
    for mention in mentions:
        if not mention.unsourced or mention.side in (TOLL_SIDE, DENY_SIDE):
            continue
        for sentence in sentences[mention.sentence + 1:mention.sentence + 3]:
            if any(m.sentence == sentence.index for m in mentions):
                break
            speakers = [a.claimant for a in sentence.anchors if a.claimant in PARTIES and not a.noun and not a.deny]
            if speakers and DEFINITE_VICTIM.search(sentence.lower):
                mention.claimant = speakers[0]
                break


def _denials_apart(sentence: Sentence, denials: list[Mention]) -> None:
    """ "dismissed a second Azerbaijani statement that Armenian units had fired ... on Monday,
    after rejecting a similar claim about Sunday night": each denial is about the day its
    object names; one claimant's denials of two days are two incidents."""
    if len(denials) < 2:
        return
    dated = [(len(tokenize(sentence.text[:d.start])), d.day) for d in sentence.dates if d.rank > SPEECH]
    days = {}
    for m in denials:
        after = [day for tok, day in dated if m.pos < tok <= m.pos + 32]
        if not after:
            return
        days[id(m)] = after[0]
    if len({(m.claimant, m.side) for m in denials}) != 1 or len(set(days.values())) < 2:
        return
    for m in denials:
        m.day = days[id(m)]
        m.incident = sentence.index * 1000 + m.day.toordinal() % 1000 + 1


RUNNING_ON = ci(r"\b(?:toll|taking|bringing|rose|risen|since|more|another|total)\b")


def _dated_apart(sentence: Sentence, found: list[Mention]) -> None:
    """ "The 11 October strike killed at least 10 civilians, and the 17 October strike killed
    at least 13": figures of one claimant and side, each after an event date of its own, are
    separate incidents (README rule 11), each on its day."""
    _denials_apart(sentence, [m for m in found if m.field == "zero" and m.denial and m.pos >= 0])
    figures = [m for m in found if m.field in ("killed", "wounded") and m.pos >= 0]
    if len(figures) < 2 or any(m.more for m in figures) or RUNNING_ON.search(sentence.lower):
        return  # "15 more killed on Monday, taking its toll since Sunday to 31": one episode's revision
    dated = [d for d in sentence.dates if d.rank > SPEECH]
    if len({d.day for d in dated}) < 2:
        return
    starts = [(len(tokenize(sentence.text[:d.start])), d.day) for d in dated]
    days = {}
    for m in figures:
        # the event date before the figure ("the 17 October strike ... killed 13"), else the
        # first after it ("the shooting that wounded a soldier on Monday")
        before = [day for tok, day in starts if tok < m.pos]
        after = [day for tok, day in starts if tok > m.pos]
        if not before and not after:
            return
        days[id(m)] = before[-1] if before else after[0]
    if len(set(days.values())) < 2:
        return
    by_slot: dict[tuple, set] = {}
    for m in figures:
        by_slot.setdefault((m.claimant, m.side, m.field), set()).add(days[id(m)])
    apart = any(len(v) > 1 for v in by_slot.values())
    if not apart and len({(m.claimant, m.side) for m in figures}) < 2:
        return  # the dates do not divide the figures: one event told with its context
    for m in figures:
        m.day = days[id(m)]
        if apart:
            m.incident = sentence.index * 1000 + m.day.toordinal() % 1000 + 1


def _armed_named_before(sentences: list[Sentence], before: int) -> str | None:
    """Side of the armed people last named with a nationality before sentence `before`."""
    for sentence in reversed(sentences[:before]):
        named = armed_named(sentence.low)
        if named:
            return named
    return None


def _settle_sides(mentions: list[Mention], sentences: list[Sentence], summary: str, story_places: Callable[[], list[PlaceMatch]]) -> None:
    """Sides that need the whole story: later splits ("of the dead, ten were civilians"),
    bare tolls, denials (whose losses are denied) and Baku's Karabakh framing."""
    adopt_unsourced(mentions, sentences)
    apply_later_splits(sentences, mentions)
    for mention in mentions:
        if mention.side == TOLL_SIDE:
            mention.side = toll_side(mention, mentions, sentences, summary)
    for mention in mentions:
        if mention.side == DENY_SIDE:
            mention.side = deny_side(mention, mentions, summary)
    karabakh_frame(mentions, summary, story_places)
    unsplit_to_armed(mentions)


def _build_claims(merged: dict[tuple, dict], sentences: list[Sentence], published: datetime) -> tuple[list[Claim], list[tuple[Claim, bool, bool, bool]]]:
    """A Claim per merged slot, with date, place, event type and weapons read from the claim's
    own sentences first, then its claimant's, then the story's.  Also returns the zero claims
    with what their own sentences lack (see `denials.inherit_scene`)."""
    claims: list[Claim] = []
    pub_day = local_day(published)
    bare_zero: list[tuple[Claim, bool, bool, bool]] = []  # zero claims and what their own sentences lack
    for key, slot in merged.items():
        claimant, side = key[0], key[1]
        if slot["killed"] is None and slot["wounded"] is None and not slot["zero"]:
            continue
        indexes: set[int] = slot["sentences"]
        first = min(indexes)
        parts = {i: (next(iter(p)) if len(p) == 1 else -1) for i, p in slot.get("parts", {}).items()}
        own, same, story = _scoped_text(sentences, indexes, claimant, parts)
        day = slot.get("day") or _event_day(sentences, first, pub_day)
        if parts.get(first) == 1:
            day -= timedelta(days=sentences[first].shift_days)  # "a day after ..."
        etype = event_type_of(own, same, story)
        weapons = weapons_of(own) or weapons_of(same)
        if not weapons and slot["killed"] is None and slot["wounded"] is None:
            weapons = weapons_of(story)  # "no one was hurt": the weapons are the story's incident's
        kind = kind_of(etype, weapons, own or story)
        taken = {i for other_key, other in merged.items() if other_key != key for i in other["sentences"]} - indexes
        locations = claim_locations(sentences, indexes, claimant, taken, parts)
        evidence = " ".join(s.text for s in sentences if s.index in indexes)
        claim = Claim(
            claimant=claimant,
            side_affected=side,
            event_date=day,
            killed=slot["killed"] or 0,
            wounded=slot["wounded"] or 0,
            killed_high=slot["killed_high"],
            wounded_high=slot["wounded_high"],
            locations=locations,
            weapons=weapons,
            event_type=etype,
            kind=kind,
            evidence=evidence,
        )
        claims.append(claim)
        if slot["killed"] is None and slot["wounded"] is None:
            own_sentences = [s for s in sentences if s.index in indexes]
            spans = _zero_clauses(sentences, slot.get("zero_at", []))
            bare_zero.append((
                claim,
                not any(best_date([d for d in s.dates if _inside(d.start, spans, s.index) and d.rank > SPEECH]) for s in own_sentences),
                not any(_inside(p.start, spans, s.index) for s in own_sentences
                        for p in incident_places(s.text, s.part_places(parts.get(s.index, -1)))),
                event_type_in(own.lower()) is None,
            ))
    return claims, bare_zero


def _zero_clauses(sentences: list[Sentence], at: list[tuple[int, int]]) -> dict[int, tuple[int, int]]:
    """Character span of the ";"-clause holding each zero: "Armenia had said on Monday that the
    reports did not correspond to reality; on Tuesday it said four soldiers were killed near
    Nerkin Hand" - the denial's clause names no day or place of its own."""
    spans: dict[int, tuple[int, int]] = {}
    for index, pos in at:
        sentence = sentences[index]
        if pos < 0 or ";" not in sentence.text:
            continue
        before = sentence.low[:pos].count(";")
        pieces = sentence.text.split(";")
        start = sum(len(p) + 1 for p in pieces[:before])
        spans[index] = (start, start + len(pieces[before]) if before < len(pieces) else len(sentence.text))
    return spans


def _inside(start: int, spans: dict[int, tuple[int, int]], index: int) -> bool:
    span = spans.get(index)
    return span is None or span[0] <= start < span[1]


def _valid(claim: Claim, outlet: str | None) -> bool:
    """Only schema values leave the extractor (models.CLAIMANTS, SIDES, EVENT_TYPES, WEAPONS);
    an unresolved claimant falls back to the outlet's country, else the outlet's own voice."""
    if claim.claimant not in CLAIMANTS:
        claim.claimant = outlet if outlet in CLAIMANTS else "unattributed"
    if claim.event_type not in EVENT_TYPES:
        claim.event_type = "other"
    claim.weapons = [w for w in claim.weapons if w in WEAPONS]
    return claim.side_affected in SIDES and claim.killed >= 0 and claim.wounded >= 0
