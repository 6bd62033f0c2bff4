"""Stage 4: who says each figure (the claimant).

The claimant is the authority a figure is attributed to, never the outlet that relays it
(corpus rule 5). Where the authority stands varies with the outlet's manner, so the places are
tried in order, each a named rule that `--explain` shows:

1. a speaker in the figure's own clause ("Armenia said two ...", "..., the ministry said");
2. a speaker elsewhere in the sentence (the nearest);
3. a sentence that only says someone spoke ("it added", "the statement said") continues the
   last speaker; so does a plain sentence after an attributed one;
4. the speaker of the next sentence, when the figure opens the story ("Two soldiers were killed
   on Monday. The Defence Ministry said ...");
5. the headline's speaker ("Azerbaijan says ...", "MoD: ...");
6. otherwise the outlet's own voice: `unattributed`.

An authority that names no country ("the Defence Ministry") takes the side word beside it
("Armenia's", "of Azerbaijan"), else the country of the last such authority in the story, else
the side of the people it reports on (ministries report their own losses first).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .gazetteer import PLACE_SIDE
from .names import NAME_AFTER_TITLE
from .quick import quick_init
from .records import Mention, Sentence, Span, Why
from .text import COMMA_PARENTHESIS

_WORD = re.compile(r"\w+")
COUNTRY_OF = {"Armenia": "Armenia", "Azerbaijan": "Azerbaijan", "Karabakh": "Karabakh", "Russia": "Russia",
              "EU": "EU"}


@quick_init
@dataclass(frozen=True, slots=True)
class Speaker:
    """An authority in a sentence that is speaking, with its claimant (or "?")."""

    start: int
    end: int
    claimant: str
    rule: str
    words: str


@lru_cache(maxsize=512)
def _gap(text: str, start: int, end: int) -> int:
    """Words between two offsets (remembered for the last few hundred asked: the speakers of a
    sentence are measured against the same speech words again and again)."""
    return len(_WORD.findall(text[start:end])) if end > start else 0


# a side word across a comma or a quote belongs to another phrase ("Azerbaijani troops," the ministry said)
_PHRASE_EDGE = re.compile(r"[,;:\"“”«»()]")


# "the Ministry of Defence (MoD) of the NKR": a short acronym in brackets right after a name is the name
_ACRONYM = re.compile(r"^\s*\([^()\s]{2,12}\)")
_OF_THE = re.compile(r"^\s*(?:of(?: the)?)?\s*$", re.IGNORECASE)


def _owned_by_next(between: str) -> bool:
    """The words between an authority and a side word after it make the side its owner: none
    ("Минобороны Армении"), "of" or "of the"; not a verb ("the ministry rejects Baku's claim")."""
    return bool(_OF_THE.match(between))


def _side_word(sentence: Sentence, span: Span) -> Span | None:
    """ "Armenia's defence ministry", "the Ministry of Defence of Azerbaijan"."""
    before = [o for o in sentence.of("nationality") if o.row.get("side") not in ("own", "other", "enemy")
              and o.end <= span.start and _gap(sentence.text, o.end, span.start) <= 2
              and not _PHRASE_EDGE.search(sentence.text[o.end:span.start])]
    after = [o for o in sentence.of("nationality") if o.row.get("side") not in ("own", "other", "enemy")
             and o.start >= span.end and _owned_by_next(_ACRONYM.sub("", sentence.text[span.end:o.start], 1))]
    found = before[-1] if before else (after[0] if after else None)
    if found is not None and found.row.get("side") == "antecedent":
        earlier = [o for o in sentence.of("nationality") if o.end <= found.start and o.row.get("side") in COUNTRY_OF]
        return earlier[-1] if earlier else None
    return found


CLAIM_OF_SIDE = "claimant.side-word-and-claim"
# bodies from outside the conflict that sit in it ("the EU Mission in Armenia", "Russian peacekeepers in Karabakh")
OUTSIDERS = frozenset({"EU", "Russia", "other"})
VICTIM_NEAR_VERB = 8  # words between a victim and its casualty word, either way
_OWNED_BY = re.compile(r"\s*(?:of(?: the)?\s+)?")  # "Soldier of Azerbaijani Army", "военнослужащий ВС Армении"
SPEAKER_WORDS = 4  # "Armenian President Serzh Sarksyan said", "officials in the breakaway region said"


def _interrupted(sentence: Sentence, start: int, end: int) -> bool:
    """Another speaker, a figure or a clause edge between a name and its speech word; not inside a
    parenthesis between commas, which parts nothing ("Baku, for its part, said": `text.COMMA_PARENTHESIS`)."""
    parentheses = [m.span() for m in COMMA_PARENTHESIS.finditer(sentence.text, start, end)]
    return any(start <= s.start < end and not any(a <= s.start < b for a, b in parentheses)
               for kind in ("authority", "trigger", "number", "boundary") for s in sentence.of(kind)) \
        or "," in COMMA_PARENTHESIS.sub(" ", sentence.text[start:end])


def _seat_after(sentence: Sentence, span: Span, seat: re.Pattern[str]) -> Span | None:
    """ "the Defence Ministry in Baku": a capital right after the language's "in" (the `seat`
    setting) is the authority's country."""
    return next((o for o in sentence.of("authority") if o.start > span.end and o.row.get("claimant") not in (None, "?", "other")
                 and seat.fullmatch(sentence.text[span.end:o.start])), None)


def _region_after(sentence: Sentence, span: Span, seat: re.Pattern[str]) -> Span | None:
    """ "an official in the breakaway region of Nagorno-Karabakh said": a side's land named in a
    short phrase after the language's "in" is whose official speaks."""
    for side_word in sentence.of("nationality"):
        stretch = sentence.text[span.end:side_word.start]
        if side_word.start > span.end and str(side_word.row.get("side")) in COUNTRY_OF \
                and seat.match(stretch) and _gap(sentence.text, span.end, side_word.start) <= 6 \
                and not _PHRASE_EDGE.search(stretch) \
                and not any(span.end <= s.start < side_word.start for s in sentence.spans if s.kind in ("speech", "authority")):
            return side_word
    return None


def _possessor_of_a_count(sentence: Sentence, span: Span, genitive: re.Pattern[str]) -> bool:
    """An authority in the genitive right before a count of its people ("ԼՂ-ի պաշտպանության բանակի 19
    զինծառայող", 19 servicemen of the Defence Army): it names whose people they are, so it is no
    speaker (whose they are is the figure's side, decided with the figure: `mentions._owner`)."""
    if not genitive.search(span.text):
        return False
    # ... or right before one of its people, counted by the noun alone ("Dövlət Sərhəd Xidmətinin əsgəri")
    if any(v.start >= span.end and not sentence.text[span.end:v.start].strip() for v in sentence.of("victim")):
        return True
    return any(n.start >= span.end and not sentence.text[span.end:n.start].strip()
               and any(v.start >= n.end and len(_WORD.findall(sentence.text[n.end:v.start])) <= 2 for v in sentence.of("victim"))
               for n in sentence.of("number"))


def _claim_of(sentence: Sentence, span: Span, words: int) -> bool:
    """ "Armenian claims", "Baku's account", "заявление Баку": a word for what was said (the
    `utterance` table) beside the name, before it or, in Russian's genitive, right after it."""
    return any((u.start >= span.end and _gap(sentence.text, span.end, u.start) <= words)
               or (u.end <= span.start and _gap(sentence.text, u.end, span.start) == 0) for u in sentence.of("utterance"))


# where the people hurt live tells their country only in Armenia and Azerbaijan: both sides tell of Karabakh's places
_HOME_SIDE = {side: label for side, label in PLACE_SIDE.items() if label != "Karabakh"}


def _home_country(sentence: Sentence, victims: list[Span]) -> str:
    """ "Два жителя Баку погибли", "a resident of the Ismayilli district died", "Tərtər sakini": the
    dead or wounded named by where they live belong to that place's country."""
    for place in sentence.of("place"):
        side = _HOME_SIDE.get(getattr(place.value, "side", ""), "")
        if side and any(_gap(sentence.text, min(v.end, place.end), max(v.start, place.start)) <= 2 for v in victims):
            return side
    return ""


def _says(span: Span) -> bool:
    """A speech word, or a denial verb that says something ("denied"; not "false", which is said of a claim)."""
    return span.kind == "speech" or (span.kind == "denial" and bool(span.row.get("speaks")))


def _author_of_answered(sentence: Sentence, speaker: Speaker) -> bool:
    """ "The allegations of the Azerbaijani ministry are false", "Заявление Минобороны Азербайджана о том,
    что ...": an authority named as the author of what was said (an `utterance` word right before it, or
    its own just after it), with no speech word of its own, is whose claim a denial answers. Not when a
    speech word carries the utterance ("says the statement of the Defence Army", "the MoD statement denied").
    Whoever is said to spread it (an `utterance` row that `spreads`) is the one answered, whatever follows."""
    text = sentence.text
    if _spreads_what_is_denied(sentence, speaker):
        return True
    if any(_says(s) and s.start >= speaker.end and _gap(text, speaker.end, s.start) <= 3 for s in sentence.spans):
        return False  # "the ministry's statement ... denied", not "the ministry's allegations are false"
    # "the statement issued by the ministry": a speech word may stand between, as the utterance's own
    between = ("denial", "authority", "boundary", "trigger", "number")
    for said in sentence.of("utterance"):
        if said.end <= speaker.start:
            authored = _gap(text, said.end, speaker.start) <= 4 and not any(
                said.end <= s.start < speaker.start for s in sentence.spans if s.kind in between)
            carried = any(s.kind == "speech" and s.end <= said.start and _gap(text, s.end, said.start) <= 2
                          for s in sentence.spans)
        else:
            authored = said.start >= speaker.end and _gap(text, speaker.end, said.start) <= 1
            carried = any(_says(s) and s.start >= said.end and _gap(text, said.end, s.start) <= 3 for s in sentence.spans)
        if authored and not carried:
            return True
    return False


def _spreads_what_is_denied(sentence: Sentence, speaker: Speaker) -> bool:
    """ "Baku continues to spread disinformation", "распространенное Минобороны Азербайджана сообщение ...
    не соответствует действительности"; not "the ministry spread a statement calling it a lie". The spreader
    is the clause's subject before the spreading word (an Azerbaijani or Armenian verb ends its clause) or
    its agent right after it ("circulated by Armenia"), with nobody speaking between."""
    text = sentence.text
    said_at = {u.start for u in sentence.of("utterance")}  # "сообщение" is a speech word and what was said
    between = ("denial", "speech", "boundary", "authority")
    for spread in (u for u in sentence.of("utterance") if u.row.get("spreads")):
        agent = any(a.start >= spread.end and _gap(text, spread.end, a.start) <= 2 for a in sentence.of("authority"))
        subject = spread.start >= speaker.end and not agent and not any(
            speaker.end <= s.start < spread.start and (s.kind != "speech" or s.start not in said_at)
            and (s.kind != "denial" or s.row.get("speaks")) for s in sentence.spans if s.kind in between)
        by = spread.end <= speaker.start and _gap(text, spread.end, speaker.start) <= 2 and not any(
            spread.end <= s.start < speaker.start for s in sentence.spans if s.kind in between)
        if (subject or by) and _spread_is_denied(sentence, spread):
            return True
    return False


def _spread_is_denied(sentence: Sentence, spread: Span) -> bool:
    """What was spread is what the sentence calls false: a falsehood word beside the spreading word
    ("spread disinformation", "yalan məlumatlar yayır"), or the next falsehood word after it with no
    speech word between ("the message spread by the ministry ... is disinformation")."""
    text = sentence.text
    false = [d for d in sentence.of("denial") if d.row.get("kind") == "deny" and not d.row.get("speaks")]
    if any(_gap(text, spread.end, d.start) <= 2 and d.start >= spread.end or
           d.end <= spread.start and _gap(text, d.end, spread.start) <= 2 for d in false):
        return True
    after = [d for d in false if d.start >= spread.end]
    said_at = {u.start for u in sentence.of("utterance")}  # "сообщение" is a speech word and what was said
    return bool(after) and not any(spread.end <= s.start < after[0].start and s.start not in said_at and _says(s)
                                   for s in sentence.spans)


_NO_SEAT = re.compile(r"(?!)")


def speakers(sentence: Sentence, seat: re.Pattern[str] = _NO_SEAT, genitive: re.Pattern[str] = _NO_SEAT) -> list[Speaker]:
    """Authorities of the sentence that speak in it."""
    # a denial verb says something too: "Baku denied involvement" makes Baku a speaker
    speech = [*sentence.of("speech"), *(d for d in sentence.of("denial") if d.row.get("speaks"))]
    out = []
    for span in sentence.of("authority"):
        if not span.row.get("speaker_only") and any(n.start <= span.start and span.end <= n.end for n in sentence.of("nationality")
               if (n.end - n.start) > (span.end - span.start)):
            continue  # "of the Azerbaijani army" names whose soldier, not who speaks
        # "officials in the breakaway region of Karabakh said": the region is part of the speaker's
        # words (its speech verb comes after it) and, for an authority naming no country, its country
        region = _region_after(sentence, span, seat) if span.row.get("speaker_only") or span.row.get("claimant") == "?" else None
        if span.row.get("speaker_only") and any(o.end <= span.start and seat.fullmatch(sentence.text[o.end:span.start])
                                                 and o.row.get("claimant") in OUTSIDERS for o in sentence.of("authority")):
            continue  # "the EU Mission in Armenia said": where an outside body sits, not who speaks
        if span.row.get("speaker_only") and not _speaks_as_side(sentence, span, speech, region):
            continue
        if any(o.start <= span.start and span.end <= o.end and o is not span for o in sentence.of("authority")
               if (o.end - o.start) > (span.end - span.start)):
            continue  # "Armenian Defence Ministry" holds "Ministry": the longer one speaks
        if _possessor_of_a_count(sentence, span, genitive):
            continue  # "ԼՂ-ի պաշտպանության բանակի 19 զինծառայող": whose soldiers, not who speaks
        claimant, rule = _country(sentence, span, seat, region)
        if span.row.get("speaker_only") and _claim_of(sentence, span, 1):
            rule = f"{rule}+{CLAIM_OF_SIDE}"  # "Yerevan's report": whose claim, not who speaks here
        out.append(Speaker(span.start, span.end, claimant, rule, span.text))
    for side_word in sentence.of("nationality"):
        claimant = COUNTRY_OF.get(str(side_word.row.get("side")), "")
        if claimant and _claim_of(sentence, side_word, 0):
            out.append(Speaker(side_word.start, side_word.end, claimant, f"{side_word.rule}+{CLAIM_OF_SIDE}",
                               side_word.text))
    out.sort(key=lambda s: s.start)
    return out


def _beside_speech(sentence: Sentence, found: list[Speaker]) -> list[Speaker]:
    """Of several authorities in a sentence, those right beside a speech word, on the side its row
    says the speaker stands ("Müdafiə Nazirliyindən verilən məlumata görə, ... where the Russian
    peacekeeping contingent is deployed"): an authority only mentioned in what was said is not who
    said it. All of them when none stands beside one."""
    if len(found) < 2:
        return found
    def beside(speaker: Speaker, speech: Span) -> bool:
        if speech.start >= speaker.end:  # the authority before the speech word
            return not speech.row.get("speaker_after") and _gap(sentence.text, speaker.end, speech.start) <= SPEAKER_WORDS
        if speech.end <= speaker.start:  # the speech word before the authority
            return not speech.row.get("gives_source") and _gap(sentence.text, speech.end, speaker.start) <= SPEAKER_WORDS
        return False
    near = [f for f in found if any(beside(f, s) for s in sentence.of("speech"))]
    return near or found


def _speaks_as_side(sentence: Sentence, span: Span, speech: list[Span], region: Span | None) -> bool:
    """A name that is a speaker only when it speaks ("Baku", "Yerevan": a side's capital) speaks here:
    a speech word after it (past its region), before it, a headline's colon, or a bare count after it."""
    # "... and Baku 71": a side's name right before a bare count speaks for it (the verb is gapped)
    gapped = any(n.start >= span.end and n.row is None and not sentence.text[span.end:n.start].strip()
                 for n in sentence.of("number"))
    end = region.end if region is not None else span.end
    after = gapped or any(s.start >= end and _gap(sentence.text, end, s.start) <= SPEAKER_WORDS
                          and not s.row.get("speaker_after") and not _interrupted(sentence, end, s.start) for s in speech)
    before = any(s.end <= span.start and _gap(sentence.text, s.end, span.start) <= 1 and s.row.get("speaker_after")
                 and "," not in sentence.text[s.end:span.start] for s in speech)  # not "по данным, Азербайджан нанес"
    headline_colon = sentence.headline and sentence.text[span.end:span.end + 2].startswith(":")
    inverted = any(s.end <= span.start and _gap(sentence.text, s.end, span.start) <= 2 and s.row.get("inverts", True)
                   and not _interrupted(sentence, s.end, span.start) for s in speech)
    return bool(after or before or headline_colon or inverted)


def _country(sentence: Sentence, span: Span, seat: re.Pattern[str], region: Span | None) -> tuple[str, str]:
    """(claimant, rule) of a speaking authority: its row's, or for one naming no country ("the
    ministry", claimant "?") the side word beside it, a country's name right before it, a capital
    after the language's "in", or the region it is an official of; else still "?"."""
    claimant, rule = str(span.row.get("claimant")), span.rule
    if claimant != "?":
        return claimant, rule
    # "Azerbaijan Defence Ministry", "Baş Prokurorluğun Mətbuat xidməti": a country or a country's body
    # right before it owns it, before any side word after it ("... xidməti Ermənistanın raket atması")
    owner = next((o for o in sentence.of("authority") if o.end <= span.start and not sentence.text[o.end:span.start].strip()
                  and o.row.get("claimant") in COUNTRY_OF), None)
    if owner is not None:
        return str(owner.row.get("claimant")), f"{span.rule}+{owner.rule}"
    side = _side_word(sentence, span)
    if side is not None:
        claimant, rule = COUNTRY_OF.get(str(side.row.get("side")), "?"), f"{span.rule}+{side.rule}"
    capital = _seat_after(sentence, span, seat)
    if claimant == "?" and capital is not None:
        claimant, rule = str(capital.row.get("claimant")), f"{span.rule}+{capital.rule}"
    if claimant == "?" and region is not None:
        claimant, rule = COUNTRY_OF[str(region.row.get("side"))], f"{span.rule}+{region.rule}+claimant.official-in-region"
    return claimant, rule


def _speaks(sentence: Sentence, speaker: Speaker) -> bool:
    """A speech or denial word within three words after the speaker ("the ministry on Tuesday denied")."""
    return any(s.kind in ("speech", "denial") and s.start >= speaker.end and _gap(sentence.text, speaker.end, s.start) <= 3
               for s in sentence.spans)


def _clauses(sentence: Sentence) -> list[tuple[int, int]]:
    edges = [0] + [s.start for s in sentence.of("boundary")] + [len(sentence.text)]
    return list(zip(edges, edges[1:]))


def _in_sentence(sentence: Sentence, position: int, found: list[Speaker], subject: bool = False) -> tuple[Speaker | None, str]:
    """The speaker of a figure at `position`; for a denial (`subject`), the clause's first
    speaker, who denies, not the one whose claim is denied ("Armenia called Baku's claim a lie")."""
    if not found:
        return None, ""
    quoted = _quoted_by(sentence, position, found)
    if quoted is not None:
        return quoted, "claimant.speaker-after-quote"
    for start, end in _clauses(sentence):
        if start <= position < end:
            inside = [s for s in found if start <= s.start < end]
            before = [s for s in inside if s.end <= position]
            if subject:
                # a denial is never the words of the one whose claim it answers ("Baku's report ... is a lie",
                # "the statement issued by the Azerbaijani ministry that ... is disinformation")
                inside = [s for s in inside if not s.rule.endswith(CLAIM_OF_SIDE) and not _author_of_answered(sentence, s)]
                before = [s for s in inside if s.end <= position]
            if before and subject:
                speaking = [s for s in before if _speaks(sentence, s)]
                return (speaking or before)[0], "claimant.speaker-before-in-clause"
            if before:
                return before[-1], "claimant.speaker-before-in-clause"
            if inside:
                return inside[0], "claimant.speaker-after-in-clause"
    if subject:
        found = [s for s in found if not _author_of_answered(sentence, s)]
        if not found:
            return None, ""
    return min(found, key=lambda s: abs(s.start - position)), "claimant.speaker-in-sentence"


_QUOTED = re.compile(r"[«“\"](?P<a>[^«»“”\"]{3,400})[»”\"]|(?<![\w'’])'(?P<b>[^']{3,400})'(?=[,.]?\s)")


def _quoted_by(sentence: Sentence, position: int, found: list[Speaker]) -> Speaker | None:
    """ "The Azerbaijani ministry 'continues to spread disinformation', the Armenian statement said":
    words inside quotes are the speaker's named with a speech word right after the quote closes."""
    for quote in _QUOTED.finditer(sentence.text):
        if not quote.start() < position < quote.end():
            continue
        after = [f for f in found if f.start >= quote.end() and _gap(sentence.text, quote.end(), f.start) <= 2]
        speaking = [f for f in after if _speaks(sentence, f)]
        return speaking[0] if speaking else None
    return None


def _named_again(sentence: Sentence, names: dict[str, Speaker], found: list[Speaker]) -> list[Speaker]:
    """Surnames met after a title earlier in the story, speaking again in this sentence."""
    speech = [*sentence.of("speech"), *sentence.of("denial")]
    out = []
    for stem, speaker in names.items():
        for word in re.finditer(rf"\b{re.escape(stem)}\w*", sentence.text, re.IGNORECASE):
            if any(sp.start <= word.start() < sp.end for sp in found):
                continue
            if any(sp.start >= word.end() and _gap(sentence.text, word.end(), sp.start) <= SPEAKER_WORDS
                   and not _interrupted(sentence, word.end(), sp.start) for sp in speech):
                out.append(Speaker(word.start(), word.end(), speaker.claimant,
                                   f"{speaker.rule}+claimant.named-earlier", word.group(0)))
    return out


def _opens_with_source(sentence: Sentence) -> bool:
    """The sentence's first clause gives a source: "according to", "X-dan verilən xəbərə görə"."""
    end = min([b.start for b in sentence.of("boundary")] + [sentence.text.find(",") % (len(sentence.text) + 1)])
    return any(s.row.get("speaker_after") or s.row.get("gives_source") for s in sentence.of("speech") if s.start < end)


_OPENS_QUOTE = re.compile(r"\s*[«\"“„]")
_CLOSES_QUOTE = re.compile(r"[»\"”][,.]?\s*[-–—,]?")


class Attributor:
    """Decides claimants for one story; remembers the last speaker as sentences go by."""

    def __init__(self, sentences: list[Sentence], about_this: re.Pattern[str] | None = None,
                 seat: re.Pattern[str] = _NO_SEAT, hedge: re.Pattern[str] = _NO_SEAT,
                 genitive: re.Pattern[str] = _NO_SEAT) -> None:
        self.hedge = hedge
        self.sentences = sentences
        self.about_this = about_this
        self.by_sentence = {s.index: speakers(s, seat, genitive) for s in sentences}
        self._add_named_speakers()
        # the claimant pass's memory (`claimant`, in the order it is asked): authority words -> the
        # claimant they were given, for the same words naming no country later ("the ministry")
        self.known: dict[str, str] = {}
        self.headline = next((found for s in sentences if s.headline for found in self.by_sentence[s.index]), None)

    def _add_named_speakers(self) -> None:
        """ "Deputy Defence Minister Karim Valiyev told media ... Valiyev claimed 100 were killed": a
        surname first met right after a title is that official when it speaks again later in the
        story (matched on its first letters, so an inflected surname - "Ованнисяна" - is the same).
        Each sentence's speakers take its named ones before the next sentence is read. The pass
        remembers the authorities it decides in a memory of its own, not the claimant pass's: a
        title met here is no figure's speaker yet."""
        names: dict[str, Speaker] = {}
        known: dict[str, str] = {}
        for sentence in self.sentences:
            found = self.by_sentence[sentence.index]
            found = sorted(found + _named_again(sentence, names, found), key=lambda s: s.start)
            self.by_sentence[sentence.index] = found
            for title in sentence.of("authority"):
                after = NAME_AFTER_TITLE.match(sentence.text, title.end)
                if after is None or any(title.start < o.start < after.end() for o in sentence.of("authority")):
                    continue
                surname = after.group(1)
                speaker = Speaker(title.start, title.end, str(title.row.get("claimant")), title.rule, title.text)
                claimant, how = self._resolve(speaker, None, known, sentence.index)
                if how.endswith(("story-authority-after", "country-named-in-story", "no-country")):
                    victims = self._victims_country(sentence.index)
                    if victims:
                        claimant, how = victims, f"{title.rule}+claimant.own-losses-named-before"
                if claimant not in ("unattributed", "?"):
                    names.setdefault(surname[:max(4, len(surname) - 2)],
                                     Speaker(title.start, title.end, claimant, how, title.text))

    def _resolve(self, speaker: Speaker, mention: Mention | None, known: dict[str, str],
                 at: int = 10**6) -> tuple[str, str]:
        """The country of a speaker that names none ("the ministry"). "Armenia's claim" elsewhere
        does not lend its country: it is usually the claim being answered. `known` is the calling
        pass's memory of authority words already given a claimant: read, and written here."""
        if speaker.claimant == "own":  # "both sides said": each for its own people
            own = COUNTRY_OF.get(mention.nationality, "") if mention is not None else ""
            return (own or "unattributed"), f"{speaker.rule}+claimant.each-side-its-own"
        if speaker.claimant != "?":
            known[speaker.words.casefold()] = speaker.claimant
            return speaker.claimant, speaker.rule
        earlier = known.get(speaker.words.casefold())
        if earlier:
            return earlier, f"{speaker.rule}+claimant.same-authority-earlier"
        for sentence in [s for s in self.sentences if s.index <= at][::-1]:
            for other in self.by_sentence[sentence.index]:
                if other.claimant not in ("?", "other") and not other.rule.endswith(CLAIM_OF_SIDE):
                    return other.claimant, f"{speaker.rule}+claimant.story-authority-before"
        if mention is not None and mention.nationality in COUNTRY_OF:
            return COUNTRY_OF[mention.nationality], f"{speaker.rule}+claimant.own-losses"
        if mention is not None and mention.role != "zero" and not mention.nationality:
            country = self._victims_country(at)
            if country:
                return country, f"{speaker.rule}+claimant.own-losses-named-before"
        for sentence in [s for s in self.sentences if s.index > at]:
            for other in self.by_sentence[sentence.index]:
                if other.claimant not in ("?", "other") and not other.rule.endswith(CLAIM_OF_SIDE):
                    return other.claimant, f"{speaker.rule}+claimant.story-authority-after"
        country = self._country_in_story(at)
        if country:
            return country, f"{speaker.rule}+claimant.country-named-in-story"
        return "unattributed", f"{speaker.rule}+claimant.no-country"

    def _victims_country(self, at: int) -> str:
        """ "An Azerbaijani general ... were killed. Deputy Defence Minister X said five soldiers
        died": an official naming no country, telling of dead whose side the story named just
        before (headline first), speaks for that side."""
        for sentence in [s for s in self.sentences if s.index <= at]:
            triggers = sentence.of("trigger")
            # the dead or wounded themselves: a victim word near a casualty word ("Soldier of
            # Azerbaijani Army martyred"), not people the sentence only places ("where Russian
            # peacekeepers are stationed")
            victims = [v for v in sentence.of("victim") if any(
                _gap(sentence.text, min(v.end, t.end), max(v.start, t.start)) <= VICTIM_NEAR_VERB for t in triggers)]
            for side_word in sentence.of("nationality"):
                side = COUNTRY_OF.get(str(side_word.row.get("side")), "")
                if side and any(0 <= v.start - side_word.end <= 2 or (v.end <= side_word.start and
                                _OWNED_BY.fullmatch(sentence.text[v.end:side_word.start])) for v in victims):
                    return side
            home = _home_country(sentence, victims)
            if home:
                return home
        return ""

    def _country_in_story(self, at: int) -> str:
        """The first side named (not as an attacker) in the sentence, else in the story."""
        order = [s for s in self.sentences if s.index == at] + [s for s in self.sentences if s.index != at]
        for sentence in order:
            attackers = sentence.of("attacker")
            for side_word in sentence.of("nationality"):
                side = COUNTRY_OF.get(str(side_word.row.get("side")), "")
                firing = any(0 <= a.start - side_word.end <= 2 or 0 <= side_word.start - a.end <= 2 for a in attackers)
                if side and not firing:
                    return side
            for place in sentence.of("place"):
                side = PLACE_SIDE.get(place.value.side, "")
                if side:
                    return side
        return ""

    def claimant(self, sentence: Sentence, mention: Mention | None, position: int) -> tuple[str, Why]:
        subject = mention is not None and mention.role == "zero"
        closing = self._quote_closed_here(sentence, position)
        if closing is not None:
            # "\"The Azerbaijani ministry is spreading disinformation ...\", the Armenian ministry said": a quote's
            # words are the speaker's named where it closes, whoever they name inside
            claimant, how = self._resolve(closing, mention, self.known, sentence.index)
            return claimant, Why("claimant", claimant, f"claimant.quote-closed-by ({how})", closing.words, 0.9)
        speaker, rule = _in_sentence(sentence, position, self.by_sentence[sentence.index], subject)
        if speaker is not None:
            claimant, how = self._resolve(speaker, mention, self.known, sentence.index)
            return claimant, Why("claimant", claimant, f"{rule} ({how})", speaker.words, 0.95 if "+claimant" not in how else 0.8)
        found = self._carried(sentence, mention)
        if found is not None:
            return found
        if sentence.headline and self.headline is None:
            first = next((found[0] for s in self.sentences if not s.headline for found in [self.by_sentence[s.index]] if found), None)
            if first is not None:
                claimant, how = self._resolve(first, mention, self.known)
                return claimant, Why("claimant", claimant, f"claimant.story-speaker-for-headline ({how})", first.words, 0.75)
        if self.headline is not None and not sentence.headline:
            claimant, how = self._resolve(self.headline, mention, self.known)
            return claimant, Why("claimant", claimant, f"claimant.headline-speaker ({how})", self.headline.words, 0.8)
        own = self._own_side_speaks(mention)
        if own is not None:
            return own
        return "unattributed", Why("claimant", "unattributed", "claimant.outlet-voice", "", 0.7)

    def _own_side_speaks(self, mention: Mention | None) -> tuple[str, Why] | None:
        """ "Four Armenian soldiers were killed ... Armenia's Defence Ministry reported that ...": a side's
        soldiers lost, told in the outlet's voice in a story where that side's authority speaks, are its
        figures (an army reports its own dead)."""
        if mention is None or mention.role == "zero" or mention.victim != "armed":
            return None  # (civilians told in an outlet's voice are more often its own count)
        country = COUNTRY_OF.get(mention.nationality, "")
        for sentence in self.sentences:
            if sentence.headline or sentence.scope:
                continue
            # a body of that side, not the country's name ("Armenia and Azerbaijan blamed each other")
            bodies = {a.start for a in sentence.of("authority") if not a.row.get("speaker_only")}
            for speaker in _beside_speech(sentence, self.by_sentence[sentence.index]):
                if speaker.claimant == country and speaker.start in bodies and _speaks(sentence, speaker) \
                        and not speaker.rule.endswith(CLAIM_OF_SIDE):
                    return country, Why("claimant", country, f"claimant.own-side-speaks-in-story ({speaker.rule})",
                                        speaker.words, 0.7)
        return None

    def _quote_closed_here(self, sentence: Sentence, position: int) -> Speaker | None:
        """The speaker named where a quote that opens the sentence closes, after `position` (in this
        sentence or one of the next two)."""
        if not _OPENS_QUOTE.match(sentence.text):
            return None
        close = _CLOSES_QUOTE.search(sentence.text, 1)
        if close is not None and close.start() < position:
            return None  # the figure stands after the quote
        return self._quote_closed_by(sentence)

    def _quote_closed_by(self, sentence: Sentence) -> Speaker | None:
        """ "«... 3 servicemen were wounded. Their lives are not in danger», the Armenian ministry says":
        a sentence that opens a quote speaks with the speaker named where the quote closes (this
        sentence or one of the next two)."""
        if not _OPENS_QUOTE.match(sentence.text):
            return None
        for later in [s for s in self.sentences if sentence.index <= s.index <= sentence.index + 2]:
            close = _CLOSES_QUOTE.search(later.text, 1 if later is sentence else 0)
            if close is not None:
                return next((f for f in self.by_sentence[later.index] if f.start >= close.end()
                             and not f.rule.endswith(CLAIM_OF_SIDE)), None)
        return None

    def _carried(self, sentence: Sentence, mention: Mention | None) -> tuple[str, Why] | None:
        """The last speaker before this sentence, or the next sentence's for a story's opening.
        Of two speakers in that sentence, the one whose own people the figure counts."""
        if sentence.headline:
            return None
        if self.hedge.search(sentence.text):
            return None  # "reportedly": the outlet's own hedged voice
        quoted = self._quote_closed_by(sentence)
        if quoted is not None:
            claimant, how = self._resolve(quoted, mention, self.known, sentence.index)
            return claimant, Why("claimant", claimant, f"claimant.quote-closed-by ({how})", quoted.words, 0.85)
        for earlier in reversed([s for s in self.sentences if not s.headline and s.index < sentence.index]):
            # "in the Azerbaijani ministry's statement": whose claim is told, not who speaks
            found = _beside_speech(earlier, [f for f in self.by_sentence[earlier.index] if not f.rule.endswith(CLAIM_OF_SIDE)])
            if found:
                # "no losses among the personnel of the Azerbaijani Army": an authority naming no
                # country reports no losses of its own side
                # country reports no losses of its own side; "the ministry said" after "a soldier of the
                # Armenian army was killed" tells its own side's dead
                resolved = [(self._resolve(f, mention, self.known, earlier.index), f) for f in found]
                own = [r for r in resolved if mention is not None and r[0][0] == mention.nationality]
                (claimant, how), speaker = (own or resolved)[-1]
                found = [speaker]
                rule = "claimant.continues-speaker" if sentence.of("speech") else "claimant.previous-sentence"
                return claimant, Why("claimant", claimant, f"{rule} ({how})", found[-1].words, 0.85)
        for later in [s for s in self.sentences if not s.headline and s.index > sentence.index]:
            found = self.by_sentence[later.index]
            if found and self.about_this is not None and self.about_this.search(later.text):
                claimant, how = self._resolve(found[0], mention, self.known, later.index)
                return claimant, Why("claimant", claimant, f"claimant.closing-attribution ({how})", found[0].words, 0.8)
        # the story's first figure, or one no sentence before gave a source for (or the loop above would
        # have returned), when the next sentence opens with its source ("According to ANAMA, ...")
        opening = min((s.index for s in self.sentences if not s.headline), default=-1) == sentence.index
        later = [s for s in self.sentences if not s.headline and s.index == sentence.index + 1]
        if later and not opening:
            opening = _opens_with_source(later[0])
        if opening and later and self.by_sentence[later[0].index] and later[0].of("speech"):
            speaker = self.by_sentence[later[0].index][0]
            claimant, how = self._resolve(speaker, None, self.known)
            others = {"Armenia", "Azerbaijan", "Karabakh"} - {claimant, "Karabakh" if claimant == "Armenia" else ""}
            if mention is not None and mention.nationality in others and claimant in {"Armenia", "Azerbaijan", "Karabakh"}:
                return None  # "One Azerbaijani soldier was killed and six Armenian servicemen wounded. The Azerbaijani
                # ministry said ...": a side speaking next tells its own losses, not the other side's in the lead
            return claimant, Why("claimant", claimant, f"claimant.next-sentence-speaker ({how})", speaker.words, 0.75)
        return None
