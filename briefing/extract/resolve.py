"""Stage 6: from a story's readings to one figure per (claimant, side) - the corpus rules 1-9.

* Figures in sentences about earlier episodes, running totals or other conflicts are not news.
* The headline's figures count only when the summary has none (headlines repeat the summary
  or give sums across sides).
* An earlier figure ("up from 7") is dropped; a part of a figure already given ("including
  two officers") is not added, except civilians split off a total ("N killed, M of them
  civilians": the armed side gets N-M).
* In one sentence, figures for different victim words add up ("30 soldiers and 5 police");
  across sentences the larger figure stands (a lead raising a toll, a later recap).
* "N casualties" is killed when the same claimant gives a separate wounded figure, otherwise it
  is not split and gives no claim (kept as vague).
* A denial or "no casualties" is a zero for its side, unless that claimant gives a figure for it;
  a denial about the other side's people outweighs that claimant's own retelling of their figure.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date
from itertools import combinations
from typing import Iterable

from .mentions import PARTICIPLE_NOUN, SHARED_VICTIM
from .names import SURNAME
from .records import Mention, Reading, Sentence, Why


@dataclass(frozen=True, slots=True)
class Figure:
    """The story's figure for one (claimant, side), with the readings behind it."""

    claimant: str
    side: str
    killed: int
    wounded: int
    readings: tuple[Reading, ...]
    vague: bool = False


SCOPE_BEFORE_WORDS = 12
WAR_TOTAL = 1000
"""A toll this large is a war's: no single clash since the 1994 ceasefire killed or wounded a
thousand on one side (the largest, the 2023 offensive, about 200 killed and 500 wounded), so
"the war killed 6,500" or "2,908 servicemen" is background or a running total (rules 1-2),
whatever the words around it."""
SCOPE_AFTER_WORDS = 10
PAST_YEAR_DAYS = 366
_WORD = re.compile(r"\w+")


def scope_of(sentence: Sentence, position: int) -> str:
    """The mark that makes a figure at `position` not news: another conflict anywhere in the
    sentence, else a running total or an earlier episode within a few words of the figure."""
    for start, end, kind in sentence.scopes:
        if kind == "elsewhere":
            return kind
    # a topic's edge ("..., 72 nəfər isə") parts two figures of one statement, not two times
    edges = [b for b in sentence.of("boundary") if not b.row.get("after_topic")]
    for start, end, kind in sentence.scopes:
        if start <= position < end:
            return kind
        if end <= position and len(_WORD.findall(sentence.text[end:position])) <= SCOPE_BEFORE_WORDS:
            if not any(b.start >= end and b.end <= position for b in edges):
                return kind
        if start >= position and len(_WORD.findall(sentence.text[position:start])) <= SCOPE_AFTER_WORDS:
            if not any(b.start >= position and b.end <= start for b in edges):
                return kind
    return ""


def news_readings(readings: list[Reading], sentences: dict[int, Sentence], published: date) -> tuple[list[Reading], list[Why]]:
    """The readings that report news: not history, not the headline when the summary has figures."""
    dropped: list[Why] = []
    kept = []
    # the headline counts only when the summary gives no figure at all (not even one it drops)
    summary_figures = [r for r in readings if not sentences[r.mention.sentence].headline and r.mention.role != "zero"]
    war_sized = {r.mention.sentence for r in readings if r.mention.count >= WAR_TOTAL}
    scope_in: dict[int, tuple[str, int]] = {}  # the scope and place of the last figure dropped in each sentence
    restated: dict[tuple[int, str], str] = {}  # (count, role) of the figures dropped so far, with their scope
    marked: dict[int, list[tuple[int, str]]] = {}  # the place and scope of each figure dropped, by sentence
    for reading in readings:
        sentence = sentences[reading.mention.sentence]
        scope = scope_of(sentence, reading.mention.start)
        if not scope and reading.mention.sentence in war_sized:
            scope = "war-total"  # and the figures told beside it ("2,908 servicemen and 100 civilians")
        if not scope and _thread_is_history(sentence, sentences, published):
            scope = "history-thread"
        before = scope_in.get(reading.mention.sentence)
        if not scope and before is not None and (_goes_on(reading.mention)
                                                 or _same_breath(sentence, before[1], reading.mention.start)):
            scope = before[0]
        if not scope and reading.mention.count >= 2 and (reading.mention.count, reading.mention.role) in restated:
            # "have killed 15 Azerbaijanis since November 10 ... the office said 15 Azerbaijanis were killed by
            # mines": the same number for the same loss, told again, is the same running total
            scope = restated[(reading.mention.count, reading.mention.role)]
        if scope:
            scope_in[reading.mention.sentence] = (scope, reading.mention.start)
            marked.setdefault(reading.mention.sentence, []).append((reading.mention.start, scope))
            if not sentence.headline:  # (a headline's month or year may name the story's own event)
                restated.setdefault((reading.mention.count, reading.mention.role), scope)
            dropped.append(Why("dropped", reading.mention.role, f"scope.{scope}", sentence.text[:80]))
            continue
        kept.append(reading)
    kept = _before_a_total(kept, marked, sentences, dropped)
    if summary_figures:
        kept = _roles_from_headline(kept, sentences)
        kept = [r for r in kept if not sentences[r.mention.sentence].headline]
    return kept, dropped


def _roles_from_headline(readings: list[Reading], sentences: dict[int, Sentence]) -> list[Reading]:
    """ "Karabakh acknowledges the death of 32 soldiers" over "the Defence Army's losses were 32
    soldiers": the summary's losses (killed or wounded, not said which) are the headline's dead or
    wounded when the two give the same number."""
    told = {(r.mention.count, r.mention.role) for r in readings
            if sentences[r.mention.sentence].headline and r.mention.role in ("killed", "wounded")}
    out = []
    for reading in readings:
        mention = reading.mention
        roles = {role for count, role in told if count == mention.count}
        if mention.role == "casualties" and not sentences[mention.sentence].headline and len(roles) == 1:
            role = roles.pop()
            reading = replace(reading, mention=replace(mention, role=role, why=mention.why + (
                Why("role", role, "role.as-the-headline-tells", str(mention.count)),)))
        out.append(reading)
    return out


def _before_a_total(kept: list[Reading], marked: dict[int, list[tuple[int, str]]], sentences: dict[int, Sentence],
                    dropped: list[Why]) -> list[Reading]:
    """ "At least 20 civilians were killed, 93 injured ... since the beginning of hostilities": a figure
    told in the same breath just before one a running total's mark reaches shares its time too."""
    out = []
    for reading in kept:
        sentence = sentences[reading.mention.sentence]
        later = [(at, scope) for at, scope in marked.get(reading.mention.sentence, ())
                 if at > reading.mention.start and _same_breath(sentence, reading.mention.start, at)]
        if later and reading.mention.role != "zero":
            dropped.append(Why("dropped", reading.mention.role, f"scope.{later[0][1]}", sentence.text[:80]))
            continue
        out.append(reading)
    return out


def _goes_on(mention: Mention) -> bool:
    """ "Since 2020, 351 people have been victims of mines; 65 of them lost their lives, and 288
    were injured": a figure that counts the people of the figure before it (a part of it, or its
    victim word left out) is told in the same breath, so a running total's mark reaches it too."""
    return mention.subset or any(why.rule == SHARED_VICTIM for why in mention.why)


def _same_breath(sentence: Sentence, start: int, end: int) -> bool:
    """ "Since 10 November 2020, 70 people were killed by mines and 312 were injured": a figure told
    right after a dropped one in the same clause, with no new day, year or clause edge between them,
    shares its time."""
    return not any(start < s.start < end and (s.kind in ("date", "year", "month", "scope")
                                              or (s.kind == "boundary" and not s.row.get("after_topic")))
                   for s in sentence.spans)


def _thread_is_history(sentence: Sentence, sentences: dict[int, Sentence], published: date) -> bool:
    """ "On the night of 26 February 1992 the town was stormed. More than 600 civilians were
    killed.": a figure in a sentence naming no day of its own goes on with the sentence right
    before it; when that one tells of a day more than a year back, so does the figure (an
    anniversary, a recap). Not a day weeks back: new figures for last month's offensive are news."""
    before = sentences.get(sentence.index - 1)
    if sentence.day is not None or before is None or before.headline or before.day is None:
        return False
    return (published - before.day).days > PAST_YEAR_DAYS


def _split_civilians(readings: list[Reading]) -> list[Reading]:
    """ "N killed, M of them civilians": the subset of civilians leaves the total's side."""
    out = list(readings)
    split: set[int] = set()  # totals already split: a later part ("a child among the dead") is the civilians'
    for number, reading in enumerate(readings):
        mention = reading.mention
        if not (mention.subset or mention.contrast) or not reading.side.startswith("civilians"):
            continue
        for index in range(number - 1, -1, -1):
            total = readings[index]
            if index in split:
                break
            # "200 people have died ... There are 10 confirmed civilian deaths": civilians told as such
            # after a total of people are its part even when no "of them" says so
            generic = total.mention.victim in ("person", "armed") if mention.subset else (
                total.mention.victim == "person" and total.mention.sentence < mention.sentence)
            # "... 200 people were killed. Among the dead are ten civilians": a later sentence may
            # name the civilians of a total, when it says "civilians" as such
            where = total.mention.sentence == mention.sentence or (mention.contrast and total.mention.sentence < mention.sentence)
            if (where and total.mention.role == mention.role
                    and not total.mention.subset and total.mention.count > mention.count and generic
                    and total.claimant == reading.claimant):
                rest = total.mention.count - mention.count
                split.add(index)
                armed_side = total.side.removeprefix("civilians-")
                if armed_side == "Armenia" and total.claimant == "Karabakh":
                    armed_side = "Karabakh"  # Karabakh's armed people are its own side (corpus rule 7)
                out[index] = Reading(type(total.mention)(**{**{n: getattr(total.mention, n) for n in total.mention.__slots__},
                                                           "count": rest}), total.claimant, armed_side,
                                     total.why + (Why("split", f"{rest} after civilians", "resolve.civilians-of-a-total"),))
                out[number] = Reading(type(mention)(**{**{n: getattr(mention, n) for n in mention.__slots__}, "subset": False}),
                                      reading.claimant, reading.side, reading.why)
                _generic_follow(out, total, armed_side)
                break
    return out


def _generic_follow(readings: list[Reading], total: Reading, armed_side: str) -> None:
    """Once a total of "people" is split into soldiers and civilians, the same claimant's other
    counts of "people" ("the number of wounded exceeds 200") count the same soldiers."""
    for index, other in enumerate(readings):
        if (other is not total and other.claimant == total.claimant and other.side == total.side
                and other.mention.victim == "person" and not other.mention.subset and other.mention.role != total.mention.role):
            readings[index] = Reading(other.mention, other.claimant, armed_side,
                                      other.why + (Why("split", armed_side, "resolve.people-of-a-split-total"),))


ROUGH_MARGIN = 0.85  # an exact figure at least this share of a rounded one replaces it ("about 30", then 27)


def _exact_for(rounded: int, exact: Iterable[int]) -> int | None:
    """The rounded-toll rule, in its one place: a rounded figure ("about 30") gives way to the largest
    exact figure told close below it (27, at least `ROUGH_MARGIN` of it), the more precise telling of
    the same toll; None when no exact figure is that close."""
    close = [figure for figure in exact if ROUGH_MARGIN * rounded <= figure < rounded]
    return max(close) if close else None


def _combine(readings: list[Reading]) -> int:
    """Parts in one sentence add up; across sentences the largest figure stands, unless it is a
    rounded one and another sentence's exact total is close below it (`_exact_for`: here a total
    of parts, "25 soldiers and two policemen", can be the exact one)."""
    by_sentence: dict[int, dict[str, int]] = defaultdict(dict)
    rough: set[int] = set()
    for reading in readings:
        heads = by_sentence[reading.mention.sentence]
        head = reading.mention.head or reading.mention.victim
        heads[head] = max(heads.get(head, 0), reading.mention.count)
        if reading.mention.rough:
            rough.add(reading.mention.sentence)
    totals = {index: sum(heads.values()) for index, heads in by_sentence.items()}
    if not totals:
        return 0
    best = max(totals, key=lambda index: totals[index])
    exact = _exact_for(totals[best], [t for index, t in totals.items() if index not in rough]) if best in rough else None
    return exact if exact is not None else totals[best]


def _without_rounded(readings: list[Reading]) -> list[Reading]:
    """ "About 30 people were killed" in the lead, "27 dead, two of them civilians" in the quote: the
    rounded-toll rule (`_exact_for`) applied to single readings of one claimant and role before the
    exact one is split between sides (after the split they no longer meet in one side's figure, the
    place where `_combine` applies the rule to sentence totals)."""
    def exact_below(rough: Reading) -> bool:
        return _exact_for(rough.mention.count, [
            r.mention.count for r in readings if r is not rough and not r.mention.rough and not r.mention.subset
            and r.claimant == rough.claimant and r.mention.role == rough.mention.role]) is not None
    return [r for r in readings if not (r.mention.rough and not r.mention.subset and exact_below(r))]


MIN_DAYS_APART = 2


def _split_by_day(groups: dict, days: dict) -> dict:
    """One claimant's figures for one side on days well apart are separate incidents ("killed
    overnight" and "the losses in the fighting of 2-5 April"): a sentence naming its own day
    more than a day from the group's first named day starts another figure."""
    out: dict = {}
    story_day = next((days[index] for index in sorted(days) if days[index]), None)
    for key, members in groups.items():
        first = next((days.get(r.mention.sentence) for r in members if days.get(r.mention.sentence)), None)
        if any(not days.get(r.mention.sentence) for r in members):
            first = story_day or first  # a figure with no day of its own is the story's event
        for reading in members:
            day = days.get(reading.mention.sentence)
            apart = day is not None and first is not None and abs((day - first).days) >= MIN_DAYS_APART
            out.setdefault(key + ((day,) if apart else ()), []).append(reading)
    return out


def _split_separate_incidents(groups: dict, sentences: dict) -> dict:
    """ "In a separate incident, ... one soldier was killed": a sentence that says its event is
    another one starts a figure of its own for the same claimant and side."""
    out: dict = {}
    for key, members in groups.items():
        first = members[0].mention.sentence if members else -1
        for reading in members:
            sentence = sentences.get(reading.mention.sentence)
            separate = sentence is not None and reading.mention.sentence != first and any(
                span.row.get("episode") for span in sentence.of("boundary"))
            out.setdefault(key + (("separate", reading.mention.sentence) if separate else ()), []).append(reading)
    return out


def _died_of_wounds(members: list[Reading], sentences: dict[int, Sentence]) -> int:
    """ "A soldier was badly wounded ... the soldier died on the way to hospital": one person, killed
    (a wounded person who dies is counted once, as killed)."""
    wounded = [r.mention for r in members if r.mention.role == "wounded" and r.mention.count == 1 and r.mention.head]
    killed = [r.mention for r in members if r.mention.role == "killed" and r.mention.count == 1 and r.mention.head]
    def same_person(w: Mention, k: Mention) -> bool:
        # "the serviceman wounded by fire died in hospital": in one sentence when a participle names him
        described = any(why.rule == PARTICIPLE_NOUN for why in w.why)
        later = k.sentence > w.sentence or (described and k.sentence == w.sentence and k.start >= w.start)
        return later and (k.head == w.head or _named_again(w, k, sentences))
    return 1 if any(same_person(w, k) for w in wounded for k in killed) else 0


def _named_again(wounded: Mention, killed: Mention, sentences: dict[int, Sentence]) -> bool:
    """ "... a contract soldier, Private Haykaz Matevosyan, was wounded ... Private H. Matevosyan died on
    the way to hospital": the dead is named by a surname the wounded person's sentence gave."""
    first, then = sentences.get(wounded.sentence), sentences.get(killed.sentence)
    if first is None or then is None:
        return False
    near = then.text[killed.start:killed.start + 40]
    return any(name in first.text for name in SURNAME.findall(near)[:2])


def _own_side(claimant: str, side: str) -> bool:
    return side.removeprefix("civilians-") == claimant or (claimant == "Karabakh" and side == "civilians-Armenia")


def _without_bare_earlier(readings: list[Reading]) -> list[Reading]:
    """ "The toll rose to 10 civilians ... Earlier nine were reported killed": an earlier figure with no
    victim word of its own cannot say whose people it counted, so a newer figure of the same claimant
    and role, whatever its side, is the one that stands; and an earlier figure a larger newer one
    replaced is no claim at all."""
    newer = {(r.claimant, r.mention.role) for r in readings if not r.mention.old and r.mention.role != "zero"}
    # "rose to 170 ... up from an earlier announcement by the Karabakh authorities of 68": an earlier
    # figure that a larger newer one of the same loss replaced is no claim, whoever gave either (rule 3)
    larger = [r for r in readings if not r.mention.old and r.mention.role != "zero"]
    return [r for r in readings if not (r.mention.old and (
        (not r.mention.head and (r.claimant, r.mention.role) in newer)
        or any(n.mention.role == r.mention.role and n.mention.count > r.mention.count for n in larger)))]


def figures(readings: list[Reading], sentences: dict[int, Sentence] | None = None) -> list[Figure]:
    """One figure per (claimant, side) and event day, zeros only where no figure was given."""
    readings = _without_bare_earlier(_split_civilians(_without_rounded(readings)))
    days = {index: s.day for index, s in (sentences or {}).items()}
    groups: dict[tuple[str, str], list[Reading]] = defaultdict(list)
    for reading in readings:
        mention = reading.mention
        if mention.subset or mention.count < 0:
            continue
        groups[(reading.claimant, reading.side)].append(reading)
    groups = _split_by_day(groups, days)
    groups = _split_separate_incidents(groups, sentences or {})
    for key, members in groups.items():
        if any(r.mention.role == "zero" and r.mention.denial for r in members) and not _own_side(key[0], key[1]):
            # a claimant that denies hurting the other side, and retells the other side's figure
            # ("the death of an Armenian soldier was an accident"): the retold figure is not its claim
            members[:] = [r for r in members if r.mention.role == "zero"]
        # an earlier figure ("up from 7", "previously reported") stands only where no newer one does
        newer = {r.mention.role for r in members if not r.mention.old}
        groups[key] = [r for r in members if not r.mention.old or r.mention.role not in newer]
    out = []
    for (claimant, side, *_), members in groups.items():
        killed = _combine([r for r in members if r.mention.role == "killed"])
        wounded = _combine([r for r in members if r.mention.role == "wounded"]) - _died_of_wounds(members, sentences or {})
        casualties = _combine([r for r in members if r.mention.role == "casualties"])
        has_figure = any(r.mention.role in ("killed", "wounded") for r in members)
        vague = False
        if casualties and not killed:
            if wounded:
                killed = casualties
            elif not has_figure:
                vague = True
        if not has_figure and not casualties and not any(r.mention.role == "zero" for r in members):
            continue
        if vague:
            out.append(Figure(claimant, side, 0, 0, tuple(members), vague=True))
            continue
        out.append(Figure(claimant, side, killed, wounded, tuple(members)))
    return _without_echoes(out)


def _without_echoes(found: list[Figure]) -> list[Figure]:
    """The outlet's own-voice figure for a side that an authority's figure in the same story
    covers (the live blog's "strike leaves 10 dead" above "10 dead and 40 wounded, officials
    said") repeats that authority: it is not a second claim."""
    def covered(figure: Figure) -> bool:
        return figure.claimant == "unattributed" and figure.killed + figure.wounded > 0 and any(
            other.claimant != "unattributed" and other.side == figure.side and not other.vague
            and other.killed >= figure.killed and other.wounded >= figure.wounded for other in found)
    return [figure for figure in found if not covered(figure)]



_OWN_VOICE = ("claimant.outlet-voice", "claimant.next")


def without_sums(readings: list[Reading]) -> list[Reading]:
    """A figure in the outlet's own voice that equals other sides' figures added up ("18 killed"
    beside Baku's 13 and Stepanakert's 5) is their sum, not a claim (corpus rule 4)."""
    def own_voice(reading: Reading) -> bool:
        return any(w.field == "claimant" and w.rule.startswith(_OWN_VOICE) for w in reading.why)

    def is_sum(reading: Reading) -> bool:
        if not own_voice(reading) or reading.mention.count < 2:
            return False
        others = [r for r in readings if r is not reading and r.mention.role == reading.mention.role
                  and not r.mention.subset and r.mention.count > 0]
        return any(len({p.side for p in parts}) == size and sum(p.mention.count for p in parts) == reading.mention.count
                   for size in (2, 3) for parts in combinations(others, size))
    return [reading for reading in readings if not is_sum(reading)]
