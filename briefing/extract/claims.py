"""The extractor's stages in order, for one story: text -> sentences and spans -> figures ->
claimant -> side -> story-level resolution -> `Claim`s, each with the decisions behind it.

Each stage is a module with one job (text, spans, mentions, attribution, sides, resolve,
events); this one only runs them and builds the records. The language's tables are chosen by
the letters of the story (`briefing.language`), so a Russian, Azerbaijani or Armenian report
goes through the same stages as an English one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from ..language import detect_language
from ..models import Claim
from .attribution import Attributor
from .events import describe, event_day
from .lexicon import Lexicon, load
from .mentions import NAMES_BEFORE_VERB, THEY, THEY_CARRIED, figure_mentions
from .records import Mention, Reading, Sentence, Span, Why
from .resolve import Figure, figures, news_readings, without_sums
from .sides import country_of, side_affected, zero_side
from .spans import find_spans, table_spans
from .text import story_sentences, story_text


@dataclass(frozen=True, slots=True)
class StoryReading:
    """Everything the extractor concluded about one story (what `--explain` prints)."""

    language: str
    sentences: tuple[Sentence, ...]
    claims: tuple[Claim, ...]
    dropped: tuple[Why, ...]
    looks_like_incident: bool

    @property
    def unread_incident(self) -> bool:
        """An incident report that gave no figure: flagged for a person, never silently empty."""
        return self.looks_like_incident and not any(not c.vague for c in self.claims)


def read_sentences(lexicon: Lexicon, title: str, summary: str, day: date) -> list[Sentence]:
    pieces = story_sentences(title, summary)
    found = table_spans(lexicon, [text for _, text in pieces])
    return [find_spans(lexicon, text, index, headline, day, found[index])
            for index, (headline, text) in enumerate(pieces)]


def _with_victims(mentions: list[Mention], sentences: list[Sentence]) -> list[Mention]:
    """A figure with no victim word ("Three killed and four wounded after a mine blast") counts
    the people the story names next to it: the nearest figure that has a victim word, the one
    before it in the story first."""
    # a part's noun ("27 dead, two of them civilians") names the part, not the total
    named = [m for m in mentions if m.head and m.role != "zero" and not m.subset]
    out = []
    for mention in mentions:
        if mention.head or mention.role == "zero" or mention.victim != "person":
            out.append(mention)
            continue
        donor = min(named, key=lambda m: (abs(m.sentence - mention.sentence), m.sentence > mention.sentence)) if named else None
        if donor is None or abs(donor.sentence - mention.sentence) > 2:
            told = _told_without_a_count(mentions, sentences, mention.sentence)
            if told is not None:
                out.append(replace(mention, victim=str(told.row.get("role")), head=told.text.casefold(),
                                   why=mention.why + (Why("victim", str(told.row.get("role")),
                                                          "victim.told-before-without-a-count", told.text, 0.8),)))
                continue
            at_war = any(span.row.get("kind") == "military" for s in sentences for span in s.of("setting"))
            out.append(mention if at_war else _named_without_rank(mention))
            continue
        out.append(replace(mention, victim=donor.victim, nationality=mention.nationality or donor.nationality,
                           fixed_side=donor.fixed_side, head=donor.head,
                           why=mention.why + (Why("victim", donor.victim, "victim.named-nearby-in-story", donor.head, 0.8),)))
    return out


def _another_as_before(mentions: list[Mention], lexicon: Lexicon) -> list[Mention]:
    """ "A serviceman of the Armenian armed forces was killed. Another serviceman was wounded": a figure
    counted as one more (a number row marked `another`) with no side word of its own counts more of the
    people the figure right before it counted."""
    another = _another_rows(lexicon)
    out: list[Mention] = []
    for mention in mentions:
        before = out[-1] if out else None
        counted = next((w for w in mention.why if w.field == "count"), None)
        if (before is not None and counted is not None and counted.rule in another and not mention.nationality
                and mention.role != "zero" and before.role != "zero" and before.nationality
                and before.sentence < mention.sentence and mention.victim in (before.victim, "person")):
            mention = replace(mention, nationality=before.nationality, why=mention.why + (
                Why("nationality", before.nationality, "nationality.another-of-the-figure-before", counted.words),))
        out.append(mention)
    return out


_ANOTHER: dict[int, tuple[Lexicon, frozenset[str]]] = {}  # a lexicon's rows marked `another`, found once


def _another_rows(lexicon: Lexicon) -> frozenset[str]:
    known = _ANOTHER.get(id(lexicon))
    if known is None or known[0] is not lexicon:
        known = _ANOTHER[id(lexicon)] = (lexicon, frozenset(row.key for row in lexicon.rows() if row.get("another")))
    return known[1]


def _they_counted(mentions: list[Mention], sentences: list[Sentence]) -> list[Mention]:
    """ "Two shepherds stepped on a mine. They were wounded": a plural pronoun counts the people the
    sentence right before counted (a count and its people's word, in a sentence with no figure of its
    own); with none there, "they" is no figure."""
    out = []
    for mention in mentions:
        if mention.victim != THEY:
            out.append(mention)
            continue
        before = next((s for s in sentences if s.index == mention.sentence - 1 and not s.headline), None)
        counted = _people_counted(before) if before is not None and not any(m.sentence == before.index for m in mentions) else None
        if counted is None:
            continue
        number, victim = counted
        sides = [n for n in before.of("nationality") if number.end <= n.start and n.end <= victim.start]
        out.append(replace(mention, count=int(number.value), victim=str(victim.row.get("role")), head=victim.text.casefold(),
                           nationality=str(sides[-1].row.get("side", "")) if sides else "",
                           fixed_side=str(victim.row.get("side", "")),
                           why=tuple(Why("count", str(number.value), THEY_CARRIED, f"{number.text} {victim.text}")
                                     if w.rule == THEY_CARRIED else w for w in mention.why)))
    return out


def _people_counted(sentence: Sentence) -> tuple[Span, Span] | None:
    """The last count of people in a sentence ("two shepherds", "iki nəfər"): a count of two or more and
    the people's word within two words after it."""
    found = None
    for number in sentence.of("number"):
        victim = next((v for v in sentence.of("victim") if v.start >= number.end
                       and len(sentence.text[number.end:v.start].split()) <= 2), None)
        if victim is not None and int(number.value) >= 2 and victim.row.get("role") in ("armed", "civilian", "person"):
            found = (number, victim)
    return found


def _told_without_a_count(mentions: list[Mention], sentences: list[Sentence], index: int) -> Span | None:
    """ "Civilians were killed, the rescue operation continues. The prosecutor announced 12 dead": the
    sentence right before told who died without a count; the figure counts them."""
    before = next((s for s in sentences if s.index == index - 1 and not s.headline), None)
    if before is None or not before.of("trigger") or any(m.sentence == before.index for m in mentions):
        return None
    victims = [v for v in before.of("victim") if v.row.get("role") in ("armed", "civilian")]
    return victims[0] if len({v.row.get("role") for v in victims}) == 1 else None


def _named_without_rank(mention: Mention) -> Mention:
    """People named by full name with no rank or soldier's word anywhere near ("Süleymanov Əli ... xəsarət
    alıb"), in a story that names no positions or posts: official statements give a soldier's rank, so
    these are civilians."""
    if not any(w.rule == NAMES_BEFORE_VERB for w in mention.why):
        return mention
    return replace(mention, victim="civilian", why=mention.why + (Why("victim", "civilian", "victim.named-without-a-rank", "", 0.7),))


def _a_sum_of_both_sides(mention: Mention, sentence: Sentence, who: Why) -> bool:
    """A figure with no side of its own, in the outlet's voice, in a sentence naming both sides'
    forces, adds the sides up: corpus rule 4 keeps sums out. So does one whose own people are both
    sides' ("30 Azerbaijani and Armenian soldiers"), whoever tells it."""
    if mention.count >= 2 and _both_sides_people(mention, sentence):
        return True
    if mention.nationality or mention.fixed_side or mention.count < 2 \
            or not who.rule.startswith(("claimant.outlet-voice", "claimant.next")):
        return False
    sides = {str(span.row.get("side")) for span in sentence.of("nationality")}
    return {"Armenia", "Azerbaijan"} <= sides


def _both_sides_people(mention: Mention, sentence: Sentence) -> bool:
    """The words from the count to its victim noun name the two countries' people."""
    noun = next((v for v in sentence.of("victim") if v.start >= mention.start), None)
    if noun is None:
        return False
    # ("four Armenian and three Azerbaijani soldiers": each count's phrase ends at the next count)
    end = min([n.start for n in sentence.of("number") if mention.start < n.start] + [noun.start])
    sides = {str(n.row.get("side")) for n in sentence.of("nationality") if mention.start <= n.start < end}
    return {"Armenia", "Azerbaijan"} <= sides


# how a denial's speaker may be found: beside it, where its quote closes, in the words that close the statement
_DENIER_NAMED = ("claimant.speaker", "claimant.quote-closed-by", "claimant.closing-attribution", "claimant.next-sentence-speaker")


def _readings(sentences: list[Sentence], lexicon: Lexicon) -> list[Reading]:
    found = _with_victims(_they_counted([m for sentence in sentences for m in figure_mentions(lexicon, sentence)],
                                        sentences), sentences)
    found = _another_as_before(found, lexicon)
    if not found:
        return []  # no figure: no claimant to decide (the speakers of every sentence are not looked for)
    attributor = Attributor(sentences, lexicon.about_this, lexicon.seat, lexicon.hedge, lexicon.genitive)
    out: list[Reading] = []
    zeros: list[tuple[Mention, Sentence]] = []
    by_index = {s.index: s for s in sentences}
    for mention in found:
        sentence = by_index[mention.sentence]
        if mention.role == "zero" or mention.count == 0:
            # "No one was hurt" is a zero like "there were no casualties": whose, the zero rules say
            zeros.append((mention, sentence))
            continue
        claimant, who = attributor.claimant(sentence, mention, mention.start)
        if _a_sum_of_both_sides(mention, sentence, who):
            continue  # "at least seven soldiers died when Armenian and Azerbaijani troops exchanged fire"
        army_before = any(r.claimant == claimant and r.mention.victim == "armed" for r in out)
        side, where = side_affected(mention, claimant, sentence, sentences, country_of(out[-1].side) if out else "", army_before)
        out.append(Reading(mention, claimant, side, mention.why + (who, where)))
    incident = any(s.of("event") or s.of("trigger") for s in sentences if not s.scope)
    for mention, sentence in zeros if incident else ():
        claimant, who = attributor.claimant(sentence, mention, mention.start)
        if mention.denial and not who.rule.startswith(_DENIER_NAMED):
            continue  # a denial counts when its speaker is named beside it (or where its quote or statement closes)
        side, where = zero_side(mention, claimant, sentence, out, sentences)
        out.append(Reading(mention, claimant, side, mention.why + (who, where)))
    return out


def _claim(figure: Figure, by_index: dict[int, Sentence], day: date) -> Claim:
    used = sorted({r.mention.sentence for r in figure.readings})
    own = [by_index[i] for i in used]
    event = describe(own, list(by_index.values()))
    event_date, dated = event_day(own, list(by_index.values()), day)
    why = tuple(w for r in figure.readings for w in r.why) + (dated,)
    confidence = min((r.confidence for r in figure.readings), default=0.5)
    evidence = " ".join(s.text for s in own)
    return Claim(claimant=figure.claimant, side_affected=figure.side, event_date=event_date, killed=figure.killed,
                 wounded=figure.wounded, vague=figure.vague, locations=event.locations, weapons=event.weapons,
                 event_type=event.event_type, kind=event.kind, evidence=evidence, confidence=confidence, why=why)


def speaks_of_casualties(lexicon: Lexicon, title: str, summary: str) -> bool:
    """Does the story hold a casualty or a denial word at all? (Most stories do not.)"""
    text = story_text(title, summary)
    return lexicon.holds(text, "trigger", "denial")


def read_story(title: str, summary: str, published: datetime, language: str = "") -> StoryReading:
    """All stages for one story."""
    language = language or detect_language(f"{title} {summary}")
    lexicon = load(language)
    day = published.date()
    if not speaks_of_casualties(lexicon, title, summary):
        # no casualty or denial word anywhere: no figure to read (most stories; the stages are skipped)
        return StoryReading(language, (), (), (), False)
    sentences = read_sentences(lexicon, title, summary, day)
    by_index = {s.index: s for s in sentences}
    readings, dropped = news_readings(_readings(sentences, lexicon), by_index, day)
    claims = tuple(_claim(figure, by_index, day) for figure in figures(without_sums(readings), by_index))
    looks = any(s.of("trigger") and not s.scope for s in sentences)
    return StoryReading(language, tuple(sentences), claims, tuple(dropped), looks)
