"""Stage 3: casualty figures in one sentence, each with its role and its victims.

A figure is a casualty word (the trigger table) and the count that belongs to it: the nearest
unused count before it ("three soldiers were killed", "two dead") or, for a verb, right after
it ("killing three soldiers", "claimed the lives of two"). A count before a trigger must lead a
victim phrase or stand close to the trigger, so "two drones killed a soldier" counts the
soldier. Where no count is written, a singular victim ("Private X was killed") is one. The
victim phrase decides whose people they are (a side word inside it, "of its", "peacekeepers");
a figure with none takes the victims of the figure before it ("two soldiers were killed and
three wounded"). Words around the count mark it as an earlier figure ("up from 7") or a part of
one already given ("including two officers"). Denial and "no casualties" words become zero
figures whose claimant and side the next stages decide.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from .lexicon import Lexicon
from .names import FULL_NAME, INITIAL, NAME, NAME_ASIDE, NAME_FOLLOWS, NAME_LIST, NAME_LIST_PARTS, full_name_with_end
from .records import Mention, Sentence, Span, Why

_WORD = re.compile(r"\w[\w'’-]*")
# (the stages' small expressions compiled once: `re.search(pattern, ...)` looks each up again every time)
_DIGIT = re.compile(r"\d")
_PUNCTUATION = re.compile(r"[,;:.]")
_STOP = re.compile(r"[.;:!?]|$")
_NAME = re.compile(NAME)
LEFT_WORDS_WITH_VICTIM = 11
# "Private Hrach Muradyan, a contract serviceman born in 1983, was killed": one victim, named
SINGULAR_WORDS = 16
PARTICIPLE_NOUN = "count.participle-noun"  # "the serviceman wounded by fire": one victim, named by a participle
SHARED_VICTIM = "victim.shared-with-previous-figure"  # "two were killed and three wounded": the victim word left out
LEFT_WORDS_BARE = 2
RIGHT_WORDS = 3
VICTIM_AFTER_COUNT = 4


@lru_cache(maxsize=512)
def _gap(text: str, start: int, end: int) -> int:
    """Words between two offsets (remembered for the last few hundred asked: the rules of one
    sentence measure the same stretches again and again)."""
    return len(_WORD.findall(text[start:end])) if end > start else 0


def _between(spans: list[Span], kind: str, start: int, end: int) -> list[Span]:
    return [s for s in spans if s.kind == kind and s.start >= start and s.end <= end]


# `_victim_after`'s answers for the counts of the last few stories, by (sentence, count) object: the
# rules ask it of one count three or four times (is it a count, whose, the part after it, ...)
_VICTIM_AFTER: dict[tuple[int, int], tuple[Lexicon, Sentence, Span, Span | None]] = {}
_VICTIM_AFTER_KEPT = 1024


def _victim_after(lexicon: Lexicon, sentence: Sentence, count: Span) -> Span | None:
    """The victim word a count leads ("three Armenian soldiers", "two of its servicemen"); of
    two in a row ("a 32-year-old contract serviceman"), the last is the head."""
    key = (id(sentence), id(count))
    known = _VICTIM_AFTER.get(key)
    if known is not None and known[0] is lexicon and known[1] is sentence and known[2] is count:
        return known[3]
    if len(_VICTIM_AFTER) >= _VICTIM_AFTER_KEPT:
        _VICTIM_AFTER.clear()
    found = _VICTIM_AFTER[key] = (lexicon, sentence, count, _victim_of_count(lexicon, sentence, count))
    return found[3]


def _victim_of_count(lexicon: Lexicon, sentence: Sentence, count: Span) -> Span | None:
    victims = [s for s in sentence.spans if s.kind == "victim" and s.start >= count.end]
    if not victims or _gap(sentence.text, count.end, victims[0].start) > VICTIM_AFTER_COUNT:
        return None
    between = [s for s in sentence.spans if s.kind == "number" and count.end <= s.start < victims[0].start]
    # "վիրավորում է ստացել ՀՀ զինված ուժերի մեկ զինծառայող": a determiner "one" repeated by the count "one"
    same_one = count.row is not None and count.row.get("determiner") and all(n.value == 1 == count.value for n in between)
    if between and not same_one and not _shared_noun(lexicon, sentence, count, between[0], victims[0]):
        return None  # "27 dead, two of them civilians": the noun is the second count's
    if any(t.start > count.end and _gap(sentence.text, count.end, t.start) > 0 and t.end <= victims[0].start
           for t in sentence.of("trigger")):
        return None  # "three were wounded as Azerbaijani troops fired": a noun past the verb is another phrase's
    head = victims[0]
    for following in victims[1:]:
        between = sentence.text[head.end:following.start]
        if _gap(sentence.text, head.end, following.start) > 2 or "," in between or _DIGIT.search(between) \
                or any(s.kind == "number" and head.end <= s.start < following.start for s in sentence.spans) \
                or lexicon.conjunction.search(between):
            break
        head = following
    return head


def _victim_among(lexicon: Lexicon, sentence: Sentence, count: Span) -> Span | None:
    """ "Among the civilians, two were killed", "среди мирных жителей 2 погибших", "mülki şəxslər
    arasında 3 nəfər", "խաղաղ բնակչության շրջանում 2 զոհ": the people set off by the language's word
    for "among" right before a count that has no people's word of its own are its people."""
    for victim in reversed([v for v in sentence.of("victim") if v.end <= count.start]):
        between = sentence.text[victim.end:count.start]
        if lexicon.among_after.match(between):
            return victim
        if lexicon.approx.match(between.replace(",", " ")) and lexicon.among_before.search(
                sentence.text, max(0, victim.start - 30), victim.start):
            return victim
        return None
    return None


def _shared_noun(lexicon: Lexicon, sentence: Sentence, count: Span, second: Span, victim: Span) -> bool:
    """ "four Armenian and three Azerbaijani soldiers": two counts, each with its side word, joined
    by "and", share the noun after the second."""
    first_side = [n for n in sentence.of("nationality") if count.end <= n.start and n.end <= second.start]
    second_side = [n for n in sentence.of("nationality") if second.end <= n.start and n.end <= victim.start]
    return bool(first_side and second_side) and bool(lexicon.coordination.fullmatch(sentence.text[first_side[-1].end:second.start]))


def _count_ok(lexicon: Lexicon, sentence: Sentence, count: Span) -> bool:
    """A determiner ("a", "another") is a count only right before a victim word."""
    if count.row is not None and count.row.get("determiner"):
        victim = _victim_after(lexicon, sentence, count)
        if victim is None:
            return False
        # (or repeated by the count "one" right before the victim: "է ստացել ՀՀ զինված ուժերի մեկ զինծառայող")
        one = any(n.value == 1 and _gap(sentence.text, n.end, victim.start) == 0 and n.rule != count.rule
                  for n in sentence.of("number") if count.end <= n.start < victim.start)
        return _gap(sentence.text, count.end, victim.start) <= 2 or one
    return True


def _part_in_place(span: Span) -> bool:
    """A word that names a part of a figure in the figure's own phrase ("including two officers",
    "three of them"), not in a clause of its own told later ("a child was among the dead")."""
    return span.kind == "revision" and span.row.get("kind") == "subset" and not span.row.get("later")


# where a part phrase ends: the next comma or stop, or a dash standing alone
_PART_PHRASE_END = re.compile(r"[,;:.)]|\s[–—-]\s")


def _part_phrases(sentence: Sentence) -> list[tuple[int, int]]:
    """ "including a general and a colonel," - the part of a total named after it, up to the next
    comma: a count in it is a part, and it stands between a total and its verb without parting them.
    No parenthesis (`text.COMMA_PARENTHESIS`): it need not be closed, and it is set off by what it
    says, not by its marks (its rule id, "subset.inside-an-aside", keeps an older name)."""
    out = []
    for span in sentence.of("revision"):
        if _part_in_place(span):
            end = _PART_PHRASE_END.search(sentence.text, span.end)
            out.append((span.start, end.start() if end else len(sentence.text)))
    return out


def _inside(regions: list[tuple[int, int]], position: int) -> bool:
    return any(start <= position < end for start, end in regions)


def _gap_outside(text: str, start: int, end: int, regions: list[tuple[int, int]]) -> int:
    """Words between two offsets, not counting part phrases."""
    pieces, cursor = [], start
    for a, b in sorted(regions):
        if b <= cursor or a >= end:
            continue
        pieces.append(text[cursor:max(cursor, a)])
        cursor = max(cursor, b)
    pieces.append(text[cursor:end] if cursor < end else "")
    return sum(len(_WORD.findall(piece)) for piece in pieces)


def _subset_after(sentence: Sentence, count: Span) -> bool:
    """ "three of them women": a part word right after the count."""
    return any(_part_in_place(s) and s.start >= count.end and _gap(sentence.text, count.end, s.start) == 0 for s in sentence.spans)


def title_case(sentence: Sentence) -> bool:
    """ "Russian Peacekeepers Killed In Karabakh": a headline with its words capitalised, where a
    capital letter marks no name."""
    words = [w for w in sentence.text.split() if len(w) > 3 and w[0].isalpha()]
    return sentence.headline and len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


def named_count(lexicon: Lexicon, sentence: Sentence, victim: Span) -> int:
    """ "officers Aram Petrosyan, Davit Hakobyan and Ararat Melkonyan": named dead are the count."""
    match = NAME_LIST.match(sentence.text, victim.end)
    if match is None or title_case(sentence):
        return 0
    names = NAME_LIST_PARTS.split(match.group(1))
    return len([n for n in names if n.strip()])


def _left_count(lexicon: Lexicon, sentence: Sentence, trigger: Span, used: set[int]) -> Span | None:
    text, spans = sentence.text, sentence.spans
    regions = _part_phrases(sentence)
    for count in reversed([s for s in spans if s.kind == "number" and s.end <= trigger.start]):
        if count.start in used or not _count_ok(lexicon, sentence, count) or _inside(regions, count.start):
            continue
        if any(v.start < count.start and count.end <= v.end for v in sentence.of("victim")):
            continue  # "five members of one family": a number inside a victim phrase counts nobody
        if _subset_after(sentence, count):
            continue  # "three of them women": a part of the total before it
        if _between(list(spans), "boundary", count.end, trigger.start) or _between(list(spans), "trigger", count.end, trigger.start):
            return None
        # (an organisation's name and a birth date between are one thing each, not many words:
        # "an employee of the Azerbaijan National Agency for Mine Action (ANAMA) born in 1997, was injured")
        names = [(a.start, a.end) for a in sentence.spans if a.kind == "authority" or (a.kind == "date" and a.row is not None
                 and a.row.get("kind") == "birth")]
        gap = _gap_outside(text, count.end, trigger.start, regions + names)
        victim = _victim_after(lexicon, sentence, count)
        if victim is not None and victim.end <= trigger.start and gap <= LEFT_WORDS_WITH_VICTIM:
            return count
        if gap <= LEFT_WORDS_BARE and not _between(list(spans), "attacker", count.end, trigger.start):
            return count
        return None
    return None


def _right_count(lexicon: Lexicon, sentence: Sentence, trigger: Span, used: set[int]) -> Span | None:
    for count in (s for s in sentence.spans if s.kind == "number" and s.start >= trigger.end):
        if count.start in used or not _count_ok(lexicon, sentence, count):
            continue
        between = sentence.text[trigger.end:count.start]
        if lexicon.approx.match(between) or (_gap(sentence.text, trigger.end, count.start) <= RIGHT_WORDS
                                             and not lexicon.conjunction.search(between)):
            return count
        return None
    return None


TOLL_WORDS = 20


def _toll_count(lexicon: Lexicon, sentence: Sentence, trigger: Span, used: set[int]) -> Span | None:
    """ "the death toll of the strike on Ganja has reached 10": the first count after a
    linking word ("to", "at", "reached"), in the same clause, no other casualty word between."""
    for count in (s for s in sentence.spans if s.kind == "number" and s.start >= trigger.end):
        if count.start in used or _gap(sentence.text, trigger.end, count.start) > TOLL_WORDS:
            return None
        if count.row is not None and (count.row.get("determiner") or count.value == 1 and count.row.id != "units"):
            continue  # "the toll of an attack on a town": articles are not the toll
        if any(s.kind in ("trigger", "boundary") and trigger.end <= s.start < count.start for s in sentence.spans):
            return None
        before = sentence.text[trigger.end:count.start]
        if not before.strip() or lexicon.toll_link.search(before):
            return count
    return None


def _pick_count(lexicon: Lexicon, sentence: Sentence, trigger: Span, used: set[int]) -> tuple[Span | None, str]:
    """The count of a casualty word and the stage rule that chose it."""
    form = trigger.row.get("form", "verb")
    if form == "toll":
        return _toll_count(lexicon, sentence, trigger, used), "count.after-toll"
    if trigger.row.get("direction") == "right":
        return _right_count(lexicon, sentence, trigger, used), "count.after-verb"
    left = _left_count(lexicon, sentence, trigger, used)
    if form == "noun":
        if left is None:
            right = _right_count(lexicon, sentence, trigger, used)
            if right is not None and _gap(sentence.text, trigger.end, right.start) <= 1:
                return right, "count.after-noun"  # "the deaths of two servicemen"
        return left, "count.before-noun"
    right = _right_count(lexicon, sentence, trigger, used)
    if right is not None and _gap(sentence.text, trigger.end, right.start) <= 1 and _victim_after(lexicon, sentence, right):
        if _predicate_after(lexicon, sentence, trigger, right):
            return None, PARTICIPLE_OF_A_COUNTED_NOUN
        return right, "count.after-verb"
    if left is not None:
        return left, "count.before-verb"
    return right, "count.after-verb"


PARTICIPLE_OF_A_COUNTED_NOUN = "count.participle-of-a-counted-noun"


def _predicate_after(lexicon: Lexicon, sentence: Sentence, participle: Span, count: Span) -> bool:
    """ "xəsarət alan 20 nəfər xəstəxanada ölüb" (20 of the injured died): a participle before a
    counted noun describes it; the casualty verb after the noun says what befell the count."""
    if not any(p.start <= participle.start < p.end for p in sentence.of("participle")):
        return False
    victim = _victim_after(lexicon, sentence, count)
    return victim is not None and any(
        t.start >= victim.end and _gap(sentence.text, victim.end, t.start) <= 3 and not t.row.get("form") in ("noun", "toll")
        and not any(b.start >= victim.end and b.end <= t.start for b in sentence.of("boundary"))
        and "," not in sentence.text[victim.end:t.start] for t in sentence.of("trigger"))


def _singular_victim(lexicon: Lexicon, sentence: Sentence, trigger: Span) -> Span | None:
    """ "Private Arman Hakobyan was killed", "the serviceman died": one victim, no count."""
    for span in reversed([s for s in sentence.spans if s.kind == "victim" and s.end <= trigger.start]):
        if _in_brackets(sentence.text, span):
            continue  # "junior sergeant X (father's name Nelson) received fatal wounds": an aside names no one hurt
        between = sentence.text[span.end:trigger.start]
        if lexicon.is_plural(span.text) or span.row.get("role") == THEY:
            return None
        if _gap(sentence.text, span.end, trigger.start) > SINGULAR_WORDS and not _subject_and_final_verb(sentence, span, trigger):
            return None
        if lexicon.head_word == "last" and lexicon.is_plural(trigger.text) and _gap(sentence.text, span.end, trigger.start) == 0:
            # "civilian injuries", "military deaths": where a phrase ends in its noun, a word right before a
            # plural casualty noun describes the casualties, it is no one person
            return None
        joins = [m.end() for m in lexicon.conjunction.finditer(INITIAL.sub(" ", between.replace(",", " ")))]
        if any(end < len(between.rstrip()) for end in joins):
            return None  # ("рядовой А. Матевосян скончался": an initial, not the conjunction "а")
        if joins and _victim_right_after(lexicon, sentence, trigger, 2) is not None:
            # a conjunction right before the casualty verb joins two verbs of one subject ("наехал на
            # мину и получил ранения"), unless the verb has its own object ("and injuring his passenger")
            return None
        if any(s.kind in ("trigger", "boundary", "speech") and span.end <= s.start < trigger.start for s in sentence.spans):
            return None
        if _between(list(sentence.spans), "number", span.start - 12, span.start):
            return None
        return span
    return None


def _in_brackets(text: str, span: Span) -> bool:
    """The span stands inside round brackets that open and close around it."""
    opened = text.rfind("(", 0, span.start)
    return opened >= 0 and text.rfind(")", opened, span.start) < 0 and text.find(")", span.end) >= 0


def _subject_and_final_verb(sentence: Sentence, victim: Span, trigger: Span) -> bool:
    """ "Kənd sakini ... (twenty words on where he walked) ... xəsarət alıb": the noun opening the
    sentence is the subject of the verb closing it, however long the middle (verb-final languages
    and long leads put them far apart)."""
    return _gap(sentence.text, 0, victim.start) <= SUBJECT_OPENS_WORDS and \
        _gap(sentence.text, trigger.end, len(sentence.text)) <= FINAL_VERB_WORDS


SUBJECT_OPENS_WORDS = 2
FINAL_VERB_WORDS = 3


def _opens_clause(sentence: Sentence, trigger: Span) -> bool:
    """A casualty verb with nothing but place, date or attacker words before it in its clause
    ("Մարտունիում ... զոհվել են կին և երեխա", "Killed were a woman and a child")."""
    # (a comma right before the verb opens a clause too: "..., которая везла раненого, ранение получил фельдшер")
    comma = sentence.text.rfind(",", 0, trigger.start)
    start = max([b.end for b in sentence.of("boundary") if b.end <= trigger.start] + [0]
                + ([comma + 1] if comma >= 0 and not sentence.text[comma + 1:trigger.start].strip() else []))
    return not any(s.kind in ("victim", "number", "trigger", "authority") and start <= s.start < trigger.start
                   for s in sentence.spans)


def _victim_right_after(lexicon: Lexicon, sentence: Sentence, trigger: Span, words: int = 4,
                           plural_too: bool = False) -> Span | None:
    """The victim word right after a casualty word, within `words` words and no punctuation: the
    noun a participle names ("şəhid olan hərbçimiz", "погибший военнослужащий"), the person of a
    casualty noun ("the death of serviceman X"), a toll's victims ("число погибших военнослужащих",
    `plural_too`). A plural after a participle or a noun takes its count elsewhere."""
    for span in sentence.of("victim"):
        if span.start < trigger.end:
            continue
        between = sentence.text[trigger.end:span.start]
        if _gap(sentence.text, trigger.end, span.start) > words or _PUNCTUATION.search(between) \
                or any(s.kind in ("trigger", "number", "speech") and trigger.end <= s.start < span.start for s in sentence.spans):
            return None
        return None if lexicon.is_plural(span.text) and not plural_too else span
    return None


def _possessor_before(lexicon: Lexicon, sentence: Sentence, count_start: int) -> Span | None:
    """ "Azərbaycan Ordusunun əlli hərbi qulluqçusu" (fifty servicemen of Azerbaijan's army): in
    languages that put the possessor first, the side word a few words before the count (across a
    possessor noun in the genitive: "erməni hərbi dəstəsinin altı üzvü")."""
    for span in reversed([s for s in sentence.spans if s.kind == "nationality" and s.end <= count_start]):
        between = [s for s in sentence.spans if span.end <= s.start < count_start]
        stretch = sentence.text[span.end:count_start]
        words = 3 if lexicon.genitive.search(stretch) else 1
        if _gap(sentence.text, span.end, count_start) > words or "," in stretch \
                or any(s.kind in ("authority", "speech", "trigger", "number", "attacker", "event", "target")
                       for s in between):
            return None
        return span
    return None


def _adjective_before(sentence: Sentence, victim: Span, words: int = 1) -> Span | None:
    """ "the number of Armenian servicemen killed has reached 105": with the count after the verb,
    the side word is the one just before the victim noun."""
    for span in sentence.of("nationality"):
        if span.end <= victim.start and _gap(sentence.text, span.end, victim.start) <= words \
                and "," not in sentence.text[span.end:victim.start]:
            return span
    return None


_NO_SEAT = re.compile(r"(?!)")


def _nationality(sentence: Sentence, count_start: int, victim: Span | None, possessor_first: bool = False,
                 seat: re.Pattern[str] = _NO_SEAT) -> Span | None:
    """A side word inside the victim phrase, or just after it ("servicemen of the Armenian army";
    not in languages that name the possessor first, where a side word after the noun is another phrase's;
    not after the language's "in": "192 военнослужащих в Нагорном Карабахе" says where, not whose)."""
    end = victim.end if victim is not None else count_start
    later = [s.start for s in sentence.spans if s.kind == "number" and count_start < s.start < end]
    end = min(later + [end])  # "four Armenian and three Azerbaijani soldiers": this count's own side word
    inside = [s for s in sentence.spans if s.kind == "nationality" and count_start <= s.start and s.end <= end]
    if inside:
        return inside[-1]
    if victim is not None and not possessor_first:
        for span in sentence.spans:
            if span.kind == "nationality" and span.start >= victim.end and _gap(sentence.text, victim.end, span.start) <= 3:
                between = sentence.text[victim.end:span.start]
                if seat.fullmatch(between) or seat.search(between + " "):
                    continue
                if not any(s.kind in ("trigger", "speech", "authority") for s in sentence.spans if victim.end <= s.start < span.start) and "," not in between:
                    return span
    return None


def _marks(lexicon: Lexicon, sentence: Sentence, count: Span | None) -> tuple[bool, bool, list[Why]]:
    """Is the count an earlier figure ("up from 7") or a part of one given ("including two")?"""
    if count is None:
        return False, False, []
    old = subset = False
    whys = []
    if _inside(_part_phrases(sentence), count.start):
        subset = True
        whys.append(Why("subset", "part of a figure", "subset.inside-an-aside", count.text))
    for span in sentence.spans:
        if span.kind != "revision":
            continue
        before = span.end <= count.start and _gap(sentence.text, span.end, count.start) <= 3
        after = span.start >= count.end and _gap(sentence.text, count.end, span.start) == 0
        kind = span.row.get("kind")
        if kind == "old" and before:
            old = True
            whys.append(Why("old", "earlier figure", span.rule, span.text))
        elif kind == "subset" and span.row.get("later") and span.start > count.end and not any(
                t.kind in ("speech", "authority", "boundary") and count.end <= t.start < span.start for t in sentence.spans):
            # "a child was among the dead": the count in its own clause, not "27 killed, ... the ombudsman, who said a child ..."
            subset = True
            whys.append(Why("subset", "part of a figure", span.rule, span.text))
        elif kind == "subset" and after:
            subset = True
            whys.append(Why("subset", "part of a figure", span.rule, span.text))
    return old, subset, whys


def _plural_named_after(lexicon: Lexicon, sentence: Sentence, trigger: Span) -> Span | None:
    """ "killing officers A, B and C": a plural victim word right after the casualty word, then names."""
    for span in sentence.spans:
        if span.kind == "victim" and span.start >= trigger.end:
            if _gap(sentence.text, trigger.end, span.start) == 0 and named_count(lexicon, sentence, span) >= 2:
                return span
            return None
    return None


def _coordinated(lexicon: Lexicon, sentence: Sentence, victim: Span, trigger: Span) -> int:
    """ "a two-year-old girl and her grandmother died": singular victims joined by "and" count one each."""
    victims = [s for s in sentence.spans if s.kind == "victim" and s.end <= trigger.start]
    if victim not in victims:
        return 1
    run = 1
    index = victims.index(victim)
    while index > 0:
        previous = victims[index - 1]
        between = sentence.text[previous.end:victim.start]
        if _gap(sentence.text, previous.end, victim.start) > 4 or not lexicon.conjunction.search(between) \
                or lexicon.is_plural(previous.text) or ";" in between \
                or any(previous.end <= t.start < victim.start for t in sentence.of("trigger")):
            break  # ("военнослужащий погиб, водитель получил травмы": the first has a verb of its own)
        if _apposition(lexicon, _without_births(sentence, previous.end, victim.start)) and NAME_FOLLOWS.match(sentence.text, victim.end):
            break  # "border guard, soldier Elvin Mammadli": one person named twice (a birth year may stand between)
        run += 1
        victim, index = previous, index - 1
    return run


def _without_births(sentence: Sentence, start: int, end: int) -> str:
    """The text between two positions with birth years blanked ("hərbi qulluqçu, 1991-ci təvəllüdlü kiçik
    çavuş X": the year says who the second noun is, it does not part the two)."""
    text = sentence.text[start:end]
    for birth in sentence.of("birth"):
        if start <= birth.start and birth.end <= end:
            text = text[:birth.start - start] + " " * (birth.end - birth.start) + text[birth.end - start:]
    return text


def _apposition(lexicon: Lexicon, between: str) -> bool:
    """The words between two victim nouns make the second an apposition of the first: one comma
    at the end and no "and" ("border guard, soldier X"; "Военнослужащий ВС Армении, младший сержант X")."""
    text = between.strip()
    return text.endswith(",") and "," not in text[:-1] and not lexicon.coordination.search(text)


NAMES_BEFORE_VERB = "count.names-before-verb"


@lru_cache(maxsize=None)
def _names_run(name_end: str, coordination: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A language's expressions for a run of full names that ends a stretch, and for one name in
    it (made once: building the expression for every casualty verb cost more than the search). Each
    name of the run may have its age or birth year after it between commas (`NAME_ASIDE`)."""
    name = full_name_with_end(name_end)
    joint = rf"(?:\s*,\s*|\s*,?\s+(?:{coordination.strip()})\s*)"
    return (re.compile(rf"({name}{NAME_ASIDE})((?:{joint}(?:[\w-]+\s+){{0,4}}?{name}{NAME_ASIDE})*)(?:\s+[^\W\d]+){{0,2}}\s*$"),
            re.compile(name))


def _names_before_verb(lexicon: Lexicon, sentence: Sentence, trigger: Span) -> tuple[int, int] | None:
    """ "Maharram Ibrahimov and Siraj Abishov were killed", "İsrail Həsənov İbrahim oğlu və Həsənov Amid
    Hüseyn oğlu həlak olub": people named by full name right before a casualty verb, one each (where
    each was, or born when, may stand before a name). Returns (count, where the first name starts)."""
    run_of_names, one_name = _names_run(lexicon.name_end, lexicon.coordination.pattern)
    run = run_of_names.search(sentence.text[:trigger.start])
    if run is None or run.group(0)[:1].islower() or title_case(sentence):
        return None
    names = list(one_name.finditer(run.group(0)))
    taken = [s for s in sentence.spans if s.kind in ("authority", "place", "nationality", "date", "victim", "number", "trigger")]
    for found in names:
        start, end = run.start() + found.start(), run.start() + found.end()
        if any(s.start < end and start < s.end for s in taken):
            return None
    return len(names), run.start() + names[0].start()


def _named_before(lexicon: Lexicon, sentence: Sentence, count: Span) -> int:
    """ "Elbrus Gurbanov and four members of his family were killed": a person named by full name
    and joined by "and" to a count is one more (not a place, a side or an authority)."""
    for name in FULL_NAME.finditer(sentence.text, 0, count.start):
        if not lexicon.coordination.fullmatch(sentence.text[name.end():count.start]):
            continue
        if any(s.kind in ("authority", "place", "nationality", "date", "victim", "number") and s.start < name.end() and name.start() < s.end
               for s in sentence.spans):
            return 0
        return 1
    return 0


def _joined_after(lexicon: Lexicon, sentence: Sentence, victim: Span, trigger: Span) -> int:
    """ "a two-year-old girl and her grandmother died": one more person for each singular victim
    joined by "and" before the verb (an age word beside a noun is the same person)."""
    # before the verb ("... died"), or after it up to the next clause ("killing a girl and her grandmother",
    # where a victim with its own count - "a soldier and a civilian" - or of another kind is its own figure)
    after_verb = trigger.start < victim.start
    limit = min([s.start for s in sentence.spans if s.start > victim.end and s.kind in ("trigger", "speech", "authority", "boundary")]
                + [len(sentence.text)]) if after_verb else trigger.start
    victims = [s for s in sentence.of("victim") if victim.start <= s.start and s.end <= limit]
    run, last = 1, victim
    for other in victims[1:]:
        between = sentence.text[last.end:other.start]
        if _gap(sentence.text, last.end, other.start) > 4 or ";" in between or lexicon.is_plural(other.text) \
                or any(last.end <= n.start < other.start for n in sentence.of("number") if n.value != 1 or after_verb) \
                or (after_verb and other.row.get("role") != victim.row.get("role")):
            break
        if lexicon.coordination.search(between):  # "and", not a comma ("a soldier, Lieutenant X")
            run += 1
        last = other
    return run


def _plural_named_before(lexicon: Lexicon, sentence: Sentence, trigger: Span) -> Span | None:
    """ "Contract servicemen Gurgen Gabrielyan and Artur Khachatryan received fatal wounds"."""
    for span in reversed([s for s in sentence.spans if s.kind == "victim" and s.end <= trigger.start]):
        if named_count(lexicon, sentence, span) >= 2 and _gap(sentence.text, span.end, trigger.start) <= 8:
            return span
        return None
    return None


def _names_after_verb(lexicon: Lexicon, sentence: Sentence, trigger: Span) -> tuple[Span, int] | None:
    """ "Погибли старший лейтенант Айк Геворгян, рядовые Корюн Арутюнян и Давит Кочарян": ranks
    and names listed right after the casualty word, two or more, are the count."""
    victims = [s for s in sentence.spans if s.kind == "victim" and s.start >= trigger.end
               and _gap(sentence.text, trigger.end, s.start) <= 2]
    if not victims:
        return None
    end = _STOP.search(sentence.text[victims[0].start:])
    stretch = sentence.text[victims[0].start:victims[0].start + (end.start() if end else 0)]
    base = victims[0].start
    names = [m for m in _NAME.finditer(stretch) if " " in m.group(0).strip() and not any(
        v.start < base + m.end() and base + m.start() < v.end
        for v in sentence.spans if v.kind in ("victim", "nationality", "authority", "place", "date"))]
    return (victims[0], len(names)) if len(names) >= 2 else None


def _victim_before(sentence: Sentence, trigger: Span) -> Span | None:
    """ "the number of Azerbaijani troops killed to 11": the victims stand before the casualty word."""
    for span in reversed([s for s in sentence.spans if s.kind == "victim" and s.end <= trigger.end]):
        if _gap(sentence.text, span.end, trigger.start) <= 3:
            return span
        return None
    return None


def _mention(lexicon: Lexicon, sentence: Sentence, trigger: Span, count: Span | None, rule: str,
             previous: Mention | None) -> Mention | None:
    if count is None and trigger.row.get("needs_victim"):
        return None
    if _joined_to_no_casualty(lexicon, sentence, trigger):
        return None
    found = _victim_for(lexicon, sentence, trigger, count)
    if found is None:
        return None
    victim, participle = found
    if count is None and victim is None:
        victim = _plural_named_before(lexicon, sentence, trigger) or _plural_named_after(lexicon, sentence, trigger)
        if victim is None:
            named = _named_people(lexicon, sentence, trigger)
            if named is not None:
                return named
            victim = _subject_after(lexicon, sentence, trigger)
        if victim is None:
            return _the_wounded(sentence, trigger) or _they(lexicon, sentence, trigger)
    if count is None and victim is not None and victim.row.get("role") == THEY:
        return None  # a pronoun after the verb ("Погибли они") is no subject this reads
    if count is not None:
        value = int(count.value)
        if value == 1 and victim is not None and victim.start > count.start:
            value = _joined_after(lexicon, sentence, victim, trigger)
        value += _named_before(lexicon, sentence, count)
    elif victim.start > trigger.start:
        value = max(named_count(lexicon, sentence, victim), _joined_after(lexicon, sentence, victim, trigger))
    else:
        value = max(named_count(lexicon, sentence, victim), _coordinated(lexicon, sentence, victim, trigger), 1)
    singular = PARTICIPLE_NOUN if participle else "count.singular-victim"
    whys = [Why("count", str(value), count.rule if count is not None else singular,
                count.text if count is not None else victim.text),
            Why("role", trigger.row.get("role"), trigger.rule, trigger.text), Why("count-rule", rule, rule)]
    return _whose(lexicon, sentence, trigger, count, victim, previous, value, whys)


def _joined_to_no_casualty(lexicon: Lexicon, sentence: Sentence, trigger: Span) -> bool:
    """ "207 soldiers were killed and went missing", "dead and missing": a casualty word joined by "and"
    or "or" to one that counts no casualty (missing, captured) makes one unsplit figure of both, which is
    no claim (as "killed or wounded" is not); not when the other has a count of its own ("killed and
    communication with 24 servicemen was lost")."""
    for other in sentence.of("trigger"):
        if other.start < trigger.end or other.row.get("role") != "none":
            continue
        between = sentence.text[trigger.end:other.start]
        joint = lexicon.coordination.match(between)
        return joint is not None and bool(joint.group(0).strip()) and _gap(sentence.text, trigger.end + joint.end(), other.start) <= 1 \
            and not _DIGIT.search(between) and not any(n.start >= other.end and _gap(sentence.text, other.end, n.start) <= 2
                                                       for n in sentence.of("number"))
    return False


def _victim_for(lexicon: Lexicon, sentence: Sentence, trigger: Span,
                count: Span | None) -> tuple[Span | None, bool] | None:
    """(The victim word of a figure, whether a participle or a casualty noun names it); None when the
    word after the casualty word is a relative of the dead ("şəhid atası"), who is no victim."""
    # "şəhid olan hərbçimiz" (a participle), "the death of serviceman Asif Aliyev" (a noun): the word
    # names one victim, the singular noun right after it
    noun_of = (trigger.row.get("form") == "noun" or bool(trigger.row.get("person_after"))) \
        and trigger.row.get("role") in ("killed", "wounded")
    participle = count is None and (any(p.start <= trigger.start < p.end for p in sentence.of("participle")) or noun_of)
    if count is not None:
        victim = _victim_after(lexicon, sentence, count) or _victim_among(lexicon, sentence, count)
    elif participle:
        victim = _victim_right_after(lexicon, sentence, trigger, 2 if noun_of else 4)
        if victim is not None and lexicon.kin.fullmatch(victim.text):
            return None  # "şəhid atası": the martyr's father speaks, he is no victim
        if victim is None and noun_of:
            participle = False
            victim = _singular_victim(lexicon, sentence, trigger)
    else:
        victim = _singular_victim(lexicon, sentence, trigger)
    if victim is None and count is not None and count.start > trigger.start:
        victim = _victim_before(sentence, trigger)
    if victim is None and trigger.row.get("form") == "toll":
        # "число погибших военнослужащих возросло до четырех": the toll's victims right after it
        victim = _victim_right_after(lexicon, sentence, trigger, 1, plural_too=True)
    return victim, participle


def _named_people(lexicon: Lexicon, sentence: Sentence, trigger: Span) -> Mention | None:
    """A figure with no count and no victim word: people named one by one after the verb (ranks and
    names) or by full name before it."""
    listed = _names_after_verb(lexicon, sentence, trigger)
    if listed is not None:
        victim, named = listed
        return Mention(sentence.index, trigger.row.get("role"), named, victim.start, victim.row.get("role"), "",
                       victim.row.get("side", ""), victim.text.casefold(), False, False, False,
                       (Why("count", str(named), "count.names-listed-after-verb", victim.text),
                        Why("role", trigger.row.get("role"), trigger.rule, trigger.text)))
    found = _names_before_verb(lexicon, sentence, trigger) if trigger.row.get("form", "verb") == "verb" else None
    if found is None:
        return None
    whys = (Why("count", str(found[0]), NAMES_BEFORE_VERB, sentence.text[found[1]:trigger.start]),
            Why("role", trigger.row.get("role"), trigger.rule, trigger.text))
    noun = _noun_before_names(sentence, found[1])
    if noun is not None:
        # "Three servicemen of the Artsakh Defence Army—Aram Petrosyan (b. 1995), ...": the names are those people
        sides = [n for n in sentence.of("nationality") if noun.end <= n.start and n.end <= found[1]]
        side = str(sides[-1].row.get("side", "")) if sides else ""
        return Mention(sentence.index, trigger.row.get("role"), found[0], found[1], str(noun.row.get("role")), side,
                       str(noun.row.get("side", "")), noun.text.casefold(), False, False, False,
                       whys + (Why("victim", str(noun.row.get("role")), "victim.noun-before-the-names", noun.text),))
    return Mention(sentence.index, trigger.row.get("role"), found[0], found[1], "person", "", "", "", False, False,
                   False, whys)


_NAMES_FOLLOW = re.compile(r"\s*[—–:,-]\s*$")  # the mark before a list of names that says who they are


def _noun_before_names(sentence: Sentence, names_start: int) -> Span | None:
    """The people's noun a list of names stands after ("servicemen of the Artsakh Defence Army—Aram
    ..."), a few words before it and set off by a dash, colon or comma."""
    for victim in reversed([v for v in sentence.of("victim") if v.end <= names_start]):
        if _gap(sentence.text, victim.end, names_start) > 6 or not _NAMES_FOLLOW.search(sentence.text[victim.end:names_start]) \
                or any(s.kind in ("trigger", "number", "speech", "boundary") and victim.end <= s.start < names_start
                       for s in sentence.spans):
            return None
        return victim
    return None


def _subject_after(lexicon: Lexicon, sentence: Sentence, trigger: Span) -> Span | None:
    """ "զոհվել են կին և երեխա": a verb opening its clause, the subject after it."""
    if trigger.row.get("form", "verb") != "verb" or not _opens_clause(sentence, trigger):
        return None
    victim = _victim_right_after(lexicon, sentence, trigger, 1)
    if victim is not None and any(t.start < victim.end and victim.start < t.end for t in sentence.of("trigger")):
        return None  # a casualty word of its own stands on it ("ранение получил солдат")
    return victim


THEY = "they"  # a victim row's role for a plural pronoun ("they", "onlar", "они", "նրանք")
THEY_CARRIED = "count.they-carried"


def _they(lexicon: Lexicon, sentence: Sentence, trigger: Span) -> Mention | None:
    """ "Two shepherds hit a mine. They were wounded": a plural pronoun as the subject of a casualty verb.
    How many it is, the story stage reads from the sentence before (`claims._they_counted`)."""
    for span in reversed([s for s in sentence.of("victim") if s.end <= trigger.start]):
        if span.row.get("role") != THEY:
            return None
        if _gap(sentence.text, span.end, trigger.start) > SINGULAR_WORDS and not _subject_and_final_verb(sentence, span, trigger):
            return None
        if any(s.kind in ("trigger", "boundary", "speech", "number") and span.end <= s.start < trigger.start for s in sentence.spans):
            return None
        return Mention(sentence.index, trigger.row.get("role"), 1, span.start, THEY, "", "", "", False, False, False,
                       (Why("count", "?", THEY_CARRIED, span.text), Why("role", trigger.row.get("role"), trigger.rule, trigger.text)))
    return None


def _the_wounded(sentence: Sentence, trigger: Span) -> Mention | None:
    """ "his life could not be saved": one death, the person the story counted wounded (resolve merges them)."""
    if not trigger.row.get("the_wounded"):
        return None
    return Mention(sentence.index, trigger.row.get("role"), 1, trigger.start, "person", "", "", "", False, False,
                   False, (Why("count", "1", "count.the-wounded-before", trigger.text),
                           Why("role", trigger.row.get("role"), trigger.rule, trigger.text)))


def _whose(lexicon: Lexicon, sentence: Sentence, trigger: Span, count: Span | None, victim: Span | None,
           previous: Mention | None, value: int, whys: list[Why]) -> Mention:
    """The figure with whose people it counts: its side word, the figure before it in the sentence,
    or a side's name standing as its noun."""
    start = count.start if count is not None else victim.start
    nationality, side_losses = _owner(lexicon, sentence, trigger, count, victim, start)
    old, subset, marks = _marks(lexicon, sentence, count or victim)
    whys += marks
    if victim is not None and victim.row.get("role") == "same":
        victim = None  # "and wounded three others": the people of the figure before
    if side_losses:
        whys.append(Why("victim", "armed", "victim.losses-of-a-side", nationality.text))
    if victim is None and previous is not None and previous.sentence == sentence.index:
        # "two soldiers were killed and three wounded": the victims of the figure before
        if side_losses:
            return Mention(sentence.index, trigger.row.get("role"), value, start, "armed", nationality.row.get("side"),
                           "", "", old, subset, False, tuple(whys))
        if nationality is not None and nationality.start >= start:  # "and one Armenian wounded": the same kind of people, another side
            return Mention(sentence.index, trigger.row.get("role"), value, start, previous.victim, nationality.row.get("side"),
                           "", previous.head, old, subset, False,
                           tuple(whys) + (Why("nationality", nationality.row.get("side"), nationality.rule, nationality.text),))
        return Mention(sentence.index, trigger.row.get("role"), value, start, previous.victim, previous.nationality,
                       previous.fixed_side, previous.head, old, subset, False,
                       tuple(whys) + (Why("victim", previous.victim, SHARED_VICTIM),))
    if victim is not None:
        whys.append(Why("victim", victim.row.get("role"), victim.rule, victim.text))
    if nationality is not None:
        whys.append(Why("nationality", nationality.row.get("side"), nationality.rule, nationality.text))
    side_word = nationality.row.get("side") if nationality is not None else ""
    if not side_word and victim is not None and previous is not None and previous.sentence == sentence.index \
            and previous.victim == victim.row.get("role") and previous.nationality:
        # "19 Karabakh soldiers were wounded, 2 soldiers were killed": the same people as the figure before
        side_word = previous.nationality
        whys.append(Why("nationality", side_word, "nationality.as-the-figure-before", victim.text))
    return Mention(sentence.index, trigger.row.get("role"), value, start,
                   victim.row.get("role") if victim is not None else ("armed" if side_losses else "person"),
                   side_word,
                   victim.row.get("side", "") if victim is not None else "",
                   victim.text.casefold() if victim is not None else "", old, subset, False, tuple(whys),
                   bool(victim is not None and victim.row.get("contrast")),
                   count is not None and bool(lexicon.rough.search(sentence.text[max(0, count.start - 30):count.start])))


def _owner(lexicon: Lexicon, sentence: Sentence, trigger: Span, count: Span | None, victim: Span | None,
           start: int) -> tuple[Span | None, bool]:
    """Whose people a figure counts: (the side word that says so, whether it names a side's losses
    with no noun for them). The one path of that decision, each rule asked once, in this order:
    with no noun of its own ("three others" is the figure before's), a side's name right after the
    count is its noun ("and one Armenian wounded"); else the side word nearest the victim phrase
    (`_side_word_near`); else a side named with the word for "side" before the count ("с
    азербайджанской стороны двое погибли"), which, with no noun, makes the count that side's forces'."""
    noun = None if victim is None or victim.row.get("role") == "same" else victim
    if noun is None and count is not None:
        named = _side_as_noun(sentence, count)
        if named is not None:
            return named, False
    side_named = _side_named_before(lexicon, sentence, start)
    nationality = _side_word_near(lexicon, sentence, trigger, count, victim, start)
    if nationality is None:
        nationality = side_named
    # a nearer rule may find that same side word: with no noun, it still names the side's losses
    return nationality, noun is None and nationality is not None and nationality is side_named


def _side_as_noun(sentence: Sentence, count: Span) -> Span | None:
    """ "four Azerbaijani troops were killed and one Armenian wounded": a side's name as the noun of a count."""
    return next((n for n in sentence.of("nationality") if n.start >= count.end and not sentence.text[count.end:n.start].strip()
                 and str(n.row.get("side")) in ("Armenia", "Azerbaijan", "Karabakh", "Russia")), None)


def _side_word_near(lexicon: Lexicon, sentence: Sentence, trigger: Span, count: Span | None, victim: Span | None,
                    start: int) -> Span | None:
    """The side word beside a figure's own words, tried nearest the victim phrase first: inside or
    after it, a possessor before the count, an adjective before the noun or the verb."""
    nationality = _nationality(sentence, min(start, victim.start) if victim is not None else start, victim,
                               lexicon.side_before_count, lexicon.seat)
    if nationality is None and lexicon.side_before_count:
        nationality = _possessor_before(lexicon, sentence, start)
    if nationality is None and victim is not None and victim.start < start:
        nationality = _adjective_before(sentence, victim)
    if nationality is None and victim is not None and count is None:
        nationality = _adjective_before(sentence, victim)  # "the Armenian (contract) soldier was killed"
        if nationality is not None and (";" in sentence.text[nationality.end:victim.start] or any(
                nationality.end <= s.start < victim.start for s in sentence.spans if s.kind in ("attacker", "victim"))):
            nationality = None  # "Azerbaijani shots (killed) a civilian": the side word is the fire's, or another noun's
    if nationality is None and trigger.row.get("subject_loses"):
        nationality = _adjective_before(sentence, trigger, words=3)  # "Armenian forces had lost 100 servicemen"
    if nationality is None and trigger.row.get("form") == "toll":
        nationality = _adjective_before(sentence, trigger, words=2)  # "Karabakh's military death toll"
    return nationality


def _side_named_before(lexicon: Lexicon, sentence: Sentence, start: int) -> Span | None:
    """ "а с азербайджанской стороны двое погибли", "On the Azerbaijani side, the losses were: two dead":
    a side word with the language's word for "side" a few words before the count."""
    for span in reversed([s for s in sentence.of("nationality") if s.end <= start]):
        between = sentence.text[span.end:start]
        # the side phrase opens its clause: "two dead and one wounded on the Azerbaijani side" is the figures' before it
        clause = max(sentence.text.rfind(",", 0, span.start), sentence.text.rfind(";", 0, span.start), 0)
        # not the side fire came from ("в результате выстрела с азербайджанской стороны ранен ...")
        fired = any(s.kind in ("attacker", "event") and s.end <= span.start and _gap(sentence.text, s.end, span.start) <= 1
                    for s in sentence.spans)
        if lexicon.side_noun.match(between) and _gap(sentence.text, span.end, start) <= 5 and not fired \
                and not any(s.kind in ("number", "authority", "speech", "nationality") and span.end <= s.start < start
                            for s in sentence.spans) \
                and not any(clause <= n.start < span.start for n in sentence.of("number")):
            return span
        return None
    return None


def _unsplit(lexicon: Lexicon, sentence: Sentence, first: Span, second: Span) -> bool:
    """ "killed or wounded" written apart ("four were killed or injured"), or two casualty words joined
    before the one noun they describe ("մինչև 70 զոհված և վիրավոր զինծառայող", "70 killed and wounded
    soldiers"): one unsplit figure."""
    if first.row.get("role") == second.row.get("role"):
        return False
    between = sentence.text[first.end:second.start]
    if lexicon.either.fullmatch(between.strip()):
        return True
    noun_after = any(v.start >= second.end and _gap(sentence.text, second.end, v.start) == 0 for v in sentence.of("victim"))
    return noun_after and bool(lexicon.coordination.fullmatch(between)) and not any(
        first.end <= n.start < second.start for n in sentence.of("number"))


def figure_mentions(lexicon: Lexicon, sentence: Sentence) -> list[Mention]:
    """Every casualty figure of the sentence, left to right."""
    out: list[Mention] = _civilians_among(sentence)
    used: set[int] = {m.start for m in out}
    inside = [t for t in sentence.of("trigger") for r in sentence.of("revision") if r.start <= t.start < r.end]
    # casualty words that only sum ("losses", "casualties") take what the others leave
    triggers = sorted((t for t in sentence.of("trigger") if not (out and t in inside)),
                      key=lambda t: (bool(t.row.get("late")), t.start))
    for number, trigger in enumerate(triggers):
        if number + 1 < len(triggers) and _unsplit(lexicon, sentence, trigger, triggers[number + 1]):
            continue
        count, rule = _pick_count(lexicon, sentence, trigger, used)
        if rule == PARTICIPLE_OF_A_COUNTED_NOUN:
            continue  # the verb after the noun gives the figure
        if count is not None and trigger.row.get("needs_victim") and _victim_after(lexicon, sentence, count) is None:
            count = None
        if count is not None:
            used.add(count.start)
        if trigger.row.get("role") == "none" or (count is not None and _remains_of(lexicon, sentence, count)):
            continue  # "13 were captured": the count is used up, and no casualty
        if count is not None and any(d.start <= count.start < d.end for d in sentence.of("denial")):
            continue  # "no one was hurt" is the denial's zero, read once by zero_mentions
        # "200 people, including 10 civilians, were killed and 400 wounded": the wounded are the total's people
        previous = next((m for m in reversed(out) if not m.subset), None)
        mention = _mention(lexicon, sentence, trigger, count, rule, previous)
        if mention is None:
            continue
        part = _part_after(lexicon, sentence, count, mention) if count is not None else None
        if part is not None:
            out.append(mention)
            mention = part
        for extra in _coordinated_counts(lexicon, sentence, count, trigger, mention, used) if count is not None else ():
            out.append(extra)
        if number > 0 and _unsplit(lexicon, sentence, triggers[number - 1], trigger):
            mention = Mention(**{**_fields(mention), "role": "casualties"})
        out.append(mention)
    out = [part for mention in out for part in (_parts_by_side(sentence, mention, used) or [mention])]
    return out + _gapped(lexicon, sentence, out, used) + zero_mentions(sentence)


def _parts_by_side(sentence: Sentence, total: Mention, used: set[int]) -> list[Mention]:
    """ "10 soldiers were killed: three Azerbaijani and seven Armenian", "погибли 10 военных: трое с
    азербайджанской стороны и семеро — с армянской": a total told side by side after a colon is a sum
    across sides (corpus rule 4); each side's part is that side's figure."""
    if total.subset or total.count < 2:
        return []
    colon = sentence.text.find(":", total.start)
    if colon < 0 or any(total.start < t.start < colon for t in sentence.of("speech")):
        return []
    parts = []
    for number in sentence.of("number"):
        if number.start < colon or number.start in used:
            continue
        side = next((n for n in sentence.of("nationality") if n.start >= number.end
                     and _gap(sentence.text, number.end, n.start) <= 3 and str(n.row.get("side")) in ("Armenia", "Azerbaijan", "Karabakh")), None)
        if side is None or not isinstance(number.value, int) or number.value < 1:
            break
        parts.append((number, side))
    if len(parts) < 2 or len({str(side.row.get("side")) for _, side in parts}) < 2 or sum(n.value for n, _ in parts) != total.count:
        return []
    for number, _ in parts:
        used.add(number.start)
    return [Mention(**{**_fields(total), "count": int(number.value), "start": number.start, "nationality": str(side.row.get("side")),
                       "why": total.why + (Why("count", str(number.value), "count.part-by-side-after-colon", number.text),
                                           Why("nationality", str(side.row.get("side")), side.rule, side.text))})
            for number, side in parts]


def _gapped(lexicon: Lexicon, sentence: Sentence, found: list[Mention], used: set[int]) -> list[Mention]:
    """ "Yerevan reported 105 soldiers killed and Baku 71": after "and", a side's authority and a bare
    count repeat the figure before with the verb left out; the count is that authority's own people."""
    counted = [m for m in found if not m.subset and m.count > 0 and m.role in ("killed", "wounded")]
    if not counted:
        return []
    out = []
    for number in sentence.of("number"):
        if number.start in used or not counted:
            continue
        authority = next((a for a in sentence.of("authority") if a.end <= number.start
                          and _gap(sentence.text, a.end, number.start) == 0), None)
        before = [m for m in counted if m.start < (authority.start if authority else 0)]
        if authority is None or not before or not lexicon.conjunction.search(sentence.text[max(0, authority.start - 6):authority.start]):
            continue
        if any(s.kind in ("trigger", "victim") and number.end <= s.start for s in sentence.spans
               if _gap(sentence.text, number.end, s.start) <= 2):
            continue  # "and Baku 71 soldiers were killed" has a verb of its own
        model = before[-1]
        out.append(Mention(**{**_fields(model), "count": int(number.value), "start": number.start, "nationality": "own",
                              "head": "", "why": (Why("count", str(number.value), "count.gapped-after-and", number.text),
                                                  Why("role", model.role, "role.as-the-figure-before", authority.text))}))
    return out


def _remains_of(lexicon: Lexicon, sentence: Sentence, count: Span) -> bool:
    """ "15 զոհված զինծառայողի աճյուն" (the remains of 15 fallen servicemen), "15 soldiers' bodies":
    the counted noun is what was handed over or found, a word right after the victim phrase that
    counts no casualty."""
    victim = _victim_after(lexicon, sentence, count)
    return victim is not None and any(t.row.get("role") == "none" and t.start >= victim.end
                                      and _gap(sentence.text, victim.end, t.start) == 0 for t in sentence.of("trigger"))


def _civilians_among(sentence: Sentence) -> list[Mention]:
    """ "Among the dead, he said, are ten civilians": the civilians of a total told before."""
    out = []
    for among in sentence.of("revision"):
        trigger = next((t for t in sentence.of("trigger") if among.start <= t.start < among.end), None)
        if among.row.get("kind") != "subset" or trigger is None:
            continue
        count = next((n for n in sentence.of("number") if n.start >= among.end), None)
        # "Ten of the dead were civilians": the count before the words for the dead, the noun after
        before = next((n for n in sentence.of("number") if n.end <= among.start and _gap(sentence.text, n.end, among.start) == 0), None)
        # "among the dead, according to him, are ten civilians": a short parenthesis may stand between
        # ("of the wounded, more than 40 were civilians": "more" before a count names no other people)
        if count is not None and _gap(sentence.text, among.end, count.start) <= 4 and not any(
                s.kind in ("victim", "trigger", "authority") and among.end <= s.start < count.start
                and not (s.kind == "victim" and s.row.get("role") == "same") for s in sentence.spans):
            after = count.end
        elif before is not None:
            count, after = before, among.end
        else:
            continue
        noun = next((v for v in sentence.of("victim") if v.start >= after), None)
        if noun is not None and noun.row.get("contrast") and _gap(sentence.text, after, noun.start) <= 1:
            out.append(Mention(sentence.index, trigger.row.get("role"), int(count.value), count.start, "civilian", "",
                               "", noun.text.casefold(), False, True, False,
                               (Why("count", str(count.value), count.rule, count.text),
                                Why("subset", "civilians of an earlier total", among.rule, among.text)), True))
    return out


def _part_after(lexicon: Lexicon, sentence: Sentence, count: Span, total: Mention) -> Mention | None:
    """ "207 people, three of them civilians, were killed", "27 people were killed, among them two
    civilians": the civilians, a part of the total."""
    victim = _victim_after(lexicon, sentence, count)
    after = victim.end if victim is not None else count.end
    part = next((s for s in sentence.spans if s.kind == "number" and s.start >= after), None)
    if part is None:
        return None
    verbs = [s for s in sentence.of("trigger") if after <= s.start and s.end <= part.start]
    if verbs and _gap(sentence.text, after, verbs[0].start) <= 2 and not any(
            s.kind in ("number", "victim", "authority") and after <= s.start < part.start for s in sentence.spans):
        after = verbs[-1].end  # "27 people were killed, two of them civilians": the part after the verb
    if _gap(sentence.text, after, part.start) <= 1 and _subset_after(sentence, part):
        # after the verb only "civilians" as such splits: "34 wounded, nine of them children" is a part
        return _civilians_of(sentence, part, total, "subset.civilians-of-a-total", contrast=bool(verbs))
    including = [r for r in sentence.of("revision") if r.row.get("kind") == "subset" and after <= r.start
                 and r.end <= part.start and _gap(sentence.text, r.end, part.start) <= 1]
    others = [s for s in sentence.spans if after <= s.start < part.start and s.kind in ("number", "authority")]
    if including and not others:
        # only the word for civilians as such splits a total: "three, including two journalists" does not
        return _civilians_of(sentence, part, total, "subset.civilians-named-after-a-total", contrast=True)
    return None


def _civilians_of(sentence: Sentence, part: Span, total: Mention, rule: str, contrast: bool = False) -> Mention | None:
    for noun in (s for s in sentence.spans if s.kind == "victim" and s.start > part.end):
        if _gap(sentence.text, part.end, noun.start) <= 3 and noun.row.get("role") == "civilian" \
                and (noun.row.get("contrast") or not contrast):
            return Mention(total.sentence, total.role, int(part.value), part.start, "civilian", total.nationality,
                           "", noun.text.casefold(), False, True, False,
                           (Why("count", str(part.value), part.rule, part.text),
                            Why("subset", "civilians of the total", rule, noun.text)), bool(noun.row.get("contrast")))
        return None
    return None


def _coordinated_counts(lexicon: Lexicon, sentence: Sentence, count: Span, trigger: Span, mention: Mention,
                        used: set[int]) -> list[Mention]:
    """ "two journalists and a local official were killed", "killed two soldiers and a police
    officer": each counted victim phrase joined by "and" is a part of the figure (they add up)."""
    out = []
    numbers = [s for s in sentence.spans if s.kind == "number" and s.start not in used and s is not count]
    for other in numbers:
        victim = _victim_after(lexicon, sentence, other)
        if victim is None or not _count_ok(lexicon, sentence, other):
            continue
        first, second = (other, count) if other.end <= count.start else (count, other)
        first_victim = _victim_after(lexicon, sentence, first)
        if first_victim is None:
            continue
        # "four Armenian and three Azerbaijani soldiers": the two counts share the noun after the second
        shared = first_victim is victim and _shared_noun(lexicon, sentence, first, second, victim)
        between = sentence.text[first_victim.end:second.start] if not shared else "and"
        if not shared and not lexicon.coordination.fullmatch(between):
            continue
        if other.end <= count.start and victim.end > trigger.start:
            continue
        if other.start > count.start and any(t is not trigger and t.start >= victim.end and _gap(sentence.text, victim.end, t.start) <= 1
                                             and not lexicon.coordination.search(" " + sentence.text[victim.end:t.start] + " ")
                                             for t in sentence.of("trigger")):
            continue  # "18 soldiers, and 35 others received wounds": the later count has a verb of its own
        used.add(other.start)
        out.append(Mention(mention.sentence, mention.role, int(other.value), other.start, victim.row.get("role"),
                           (_nationality(sentence, other.start, victim).row.get("side") if _nationality(sentence, other.start, victim) else mention.nationality),
                           victim.row.get("side", ""), victim.text.casefold(), False, False, False,
                           (Why("count", str(other.value), other.rule, other.text),
                            Why("role", mention.role, "count.joined-by-and", between.strip()))))
    return out


def _fields(mention: Mention) -> dict:
    return {name: getattr(mention, name) for name in Mention.__slots__}


def zero_mentions(sentence: Sentence) -> list[Mention]:
    """Denials and "no casualties": zero figures (claimant and side are decided later)."""
    out = []
    # "no figures known yet" (a denial row of kind unknown) is no zero, nor is any denial word inside it
    unknown = [u for u in sentence.of("denial") if u.row.get("kind") == "unknown"]
    denials = [d for d in sentence.of("denial") if not any(u.start <= d.start < u.end for u in unknown)]
    for span in denials[:1]:
        kind = span.row.get("kind")
        target = _fired_at(sentence)
        for other in sentence.spans if target is None else ():
            if other.kind == "nationality" and other.start >= span.start and _gap(sentence.text, span.end, other.start) <= 8:
                if any(a.kind == "authority" and (0 <= a.start - other.end <= 2 or a.start <= other.start < a.end)
                       and _near_speech(sentence, a) for a in sentence.spans):
                    continue  # "..., reported the Armenian Defence Ministry": the speaker's side word
                if any(w.start >= other.end and _gap(sentence.text, other.end, w.start) == 0 for w in sentence.of("speech")):
                    continue  # "..., the Armenian statement said": the speaker's side word too
                if any(a.start >= other.end and _gap(sentence.text, other.end, a.start) == 0 and any(
                        e.start >= a.end and _gap(sentence.text, a.end, e.start) <= 2 for e in sentence.of("event"))
                       for a in sentence.of("attacker")):
                    continue  # "that Armenian units had opened fire": the shooters, not whom they fired at
                target = other
                break
        whys = [Why("zero", kind, span.rule, span.text)]
        if target is not None:
            whys.append(Why("nationality", target.row.get("side"), target.rule, target.text))
        aimed = target is not None and target is _fired_at(sentence)
        zero = Mention(sentence.index, "zero", 0, span.start, "person",
                       target.row.get("side") if target is not None else "", "target" if aimed else "", "",
                       False, False, kind == "deny", tuple(whys))
        out += _soldiers_and_civilians(sentence, span, zero) if kind != "deny" else [zero]
    return out


def _soldiers_and_civilians(sentence: Sentence, span: Span, zero: Mention) -> list[Mention]:
    """ "No casualties among servicemen and the civilian population": a bulletin's "no one was hurt"
    that names both the army and the civilians beside it speaks for each (two zeros: the side's forces,
    its civilians; in Azerbaijani and Armenian the people come first: "şəxsi heyət və mülki əhali arasında")."""
    text = sentence.text
    named = {str(v.row.get("role")) for v in sentence.of("victim")
             if _gap(text, span.end, v.start) <= 6 and _gap(text, v.end, span.start) <= 6}
    if not {"armed", "civilian"} <= named:
        return [zero]
    return [replace(zero, victim="armed"), replace(zero, victim="civilian")]


def _near_speech(sentence: Sentence, authority: Span) -> bool:
    """The authority is speaking: a speech word right after it, or right before it ("said the ministry")."""
    for s in sentence.of("speech"):
        if s.start >= authority.end and _gap(sentence.text, authority.end, s.start) <= 2:
            return True
        if s.end <= authority.start and _gap(sentence.text, s.end, authority.start) <= 1 \
                and "," not in sentence.text[s.end:authority.start]:
            return True
    return False


def _fired_at(sentence: Sentence) -> Span | None:
    """ "fired at Armenian positions": the side word right after a word of aim."""
    for aim in sentence.of("target"):
        for other in sentence.of("nationality"):
            if other.start >= aim.end and _gap(sentence.text, aim.end, other.start) <= 1 \
                    and "," not in sentence.text[aim.end:other.start] \
                    and not any(d.kind == "date" and aim.end <= d.start < other.start for d in sentence.spans):
                return other  # not "on Tuesday, Azerbaijan's ministry denied"
    return None
