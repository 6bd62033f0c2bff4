"""Sentence splitting and the per-sentence filters run before any figure is read.

Why: most wrong figures come from sentences that are not news - history ("in the 2020
war"), running totals ("since the war", "so far this year": README rule 2), other conflicts,
domestic protests (rule 10).  Those sentences (or only the running total's clause, when the
rest of the sentence is news) are dropped here, and asides that never carry a figure
("including a colonel") are masked, so the figure readers only see what may be a claim.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from .dates import find_dates, local_day
from .events import REMNANTS
from .numbers import count_at, tokenize, word_value
from .records import Sentence
from .victims import is_name
from .words import MONTH, PERSON_WORDS, ci

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'’”]?\s+(?=[A-Z\"'‘“(])")


_ABBREV_END = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Sgt|Capt|St|No|Jr|Sr|Prof|Rev|U\.S|U\.N|[ap]\.m)\.)$")


CUMULATIVE = ci(
    r"\bsince (?:the (?:start|end|beginning|outbreak) of )?(?:the |last year's )?"
    r"(?:(?:\d{4}|second karabakh|first karabakh|44-day|six-week|karabakh|patriotic) )?(?:war|conflict|ceasefire|truce|hostilities)\b"
    r"|\bsince (?:" + MONTH + r" )?(?:19|20)\d\d\b"
    r"|\bsince (?:the )?(?:searches|search|operations?|records?|demining)\b"
    r"|\bsince (?:the (?:start|beginning) of )?(?:the |this )?(?:year|month|january)\b"
    r"|\bso far this year\b|\bthis year alone\b|\bin total\b|\bto date\b|\bin all\b|\bcumulative\b|\brunning total\b"
    r"|\bover the (?:past|last) (?:\w+ )?(?:months|years|weeks)\b|\bin the (?:past|last) (?:\w+ )?(?:months|years)\b"
    # "has lost 3,000 servicemen during the conflict", "in the war so far": the war's total
    r"|\b(?:during|throughout|over the course of) the (?:conflict|hostilities|war)\b|\b(?:war|conflict|hostilities) so far\b"
    r"|\bsince then\b|\bbetween \d{1,2} " + MONTH + r"(?: \d{4})? and \d{1,2} " + MONTH +
    # standing totals: "Armenia now puts its military dead at 3,800", "Azerbaijan counts 2,908"
    r"|\bnow (?:puts|counts|estimates|gives|says)\b|\bcounts (?:at least |some |about |more than |nearly )?\d"
    # lists of the fallen update a running total: "published the names of another 49 servicemen"
    # (not "the names of seven servicemen who died in Tuesday's fighting": that is the event)
    r"|\b(?:names|identities) of (?:another|a further) |\b(?:names|identities) of [\w,-]+ more\b"
    r"|\bnamed (?:another|a further) |\bnamed [\w,-]+ more (?:fallen|servicemen|soldiers|troops)",
)
# "on Sunday", "on 27 September", "yesterday": one day, so "in total" sums that day only
ONE_DAY = ci(
    r"\b(?:on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|on (?:the )?\d{1,2}(?:st|nd|rd|th)? " + MONTH +
    r"|on " + MONTH + r" \d{1,2}|yesterday|today|overnight|that day|the same day|in a single day)\b"
)
# "since the fighting began" and "over the same period" are a running total when the story
# dates the start of that period weeks back ("since 27 September" elsewhere in the story)
SAME_PERIOD = ci(
    r"\bsince the (?:fighting|hostilities|offensive|clashes|escalation|war) (?:began|started|erupted|broke out)\b"
    r"|\b(?:over|during|in) the same period\b"
)


SINCE_DATE = re.compile(r"\bsince\b[^.;]{0,40}?\b(\d{1,2} " + MONTH + r"|" + MONTH + r" \d{1,2})", re.I)


HISTORICAL = ci(
    r"\b(?:in|during|of|from) (?:the |last year's |that )?(?:\d{4} |44-day |six-week |second karabakh |first karabakh |1990s |patriotic )?war\b"
    # remembrance and courts look back at an earlier event: "a memorial to the 15 servicemen who
    # died", "the trial of the officers charged over the fire in which 15 servicemen died"
    r"|\bmemorial\b|\bin memory of\b|\bcommemorat\w*|\bmonument\b|\btrial\b|\bverdict\b|\bsentenced\b"
    r"|\bcharged (?:over|with|in connection)\b|\bconvicted\b"
    r"|\bthe (?:\d{4}|44-day|six-week) war\b|\blast year'?s?\b|\byears? ago\b|\ba year (?:ago|after|earlier|before|later)\b"
    r"|\bmonths? ago\b|\bweeks ago\b|\banniversary\b|\bearlier this (?:month|year)\b|\blast month\b"
    r"|\bprevious (?:escalation|clashes|fighting|incident)\b|\ba separate (?:escalation|incident|clash)\b"
    r"|\bin the 1990s\b|\bthree years ago\b|\bthis " + MONTH + r"\b"
    # "The incident came two weeks after the 13-14 September fighting, in which ... 207 were
    # killed": an episode dated weeks back is background
    r"|\b(?:a|one|two|three|four|five|six|several|few|\d+) (?:weeks?|months?|years?) (?:after|before|earlier|prior)\b",
)
# "the worst fighting since last year's war", "the first deadly incident since the 2020 war":
# a comparison with the past, not a running total or a historical figure; blanked (same
# length, so character spans stay valid) before the history and running-total checks
COMPARATIVE_SINCE = ci(
    r"\b(?:worst|deadliest|heaviest|biggest|largest|bloodiest|fiercest|most serious|most intense|"
    r"first (?:deadly|fatal|serious|major|such|armed)|first)\b[^.;,]{0,60}?\bsince\b[^.;,]*"
)
# "the November 2020 ceasefire", "the 2020 trilateral statement": a document named by its year
NAMED_BY_YEAR = re.compile(
    r"\b(?:the|a|its|this) (?:" + MONTH + r" )?(?:19|20)\d\d (?:ceasefire|truce|agreement|statement|deal|accord|declaration|"
    r"peace|trilateral|tripartite|armistice|document|constitution|census)\b"
)
# a sentence continuing a historical one: "A further 487 people were wounded ..."
CONTINUES = re.compile(r"^(?:A further|Further|Another|They|Of them|Of these|Among them|Among the|In addition,?)\b")



MONTH_ONLY = re.compile(r"\b(?:in|In|since|Since|during|During|this|This|last|Last) " + MONTH + r"\b(?! \d)")


YEAR = re.compile(r"\b(?:in |of |since |during )?((?:19|20)\d\d)\b")


OTHER_CONFLICT = re.compile(
    r"\b(?:Ukraine|Ukrainian|Kyiv|Kharkiv|Donbas|Gaza|Israel|Israeli|Hamas|Hezbollah|Lebanon|Syria|Syrian|"
    r"Sudan|Yemen|Iraq|Afghanistan|Tehran|Iran|Iranian|Kursk)\b"
)


OWN_CONFLICT = ci(r"\b(?:Armenia|Armenian|Azerbaijan|Azerbaijani|Karabakh|Baku|Yerevan|Artsakh)")


UNREST = ci(r"\b(?:protest\w*|demonstrat\w*|riot\w*|tear gas|rally|rallies|stones at police|unrest|stormed|storming|crowds?)\b")
# A sentence after an unrest sentence is still about the unrest ("The Health Ministry said 34
# people, 16 of them police officers, were injured") unless it names fighting again.
COMBAT = ci(r"\b(?:fir(?:e|ed|ing)|shell\w*|attack\w*|drone\w*|mines?|sniper\w*|artillery|offensive|strikes?|"
            r"troops|forces|soldiers?|servicem[ae]n|border|positions?|clash\w* (?:with|between) (?:armenian|azerbaijani)|"
            r"fighting|ambush\w*|explosion|blast|separately|meanwhile|elsewhere|villages?|civilians)\b")


# Any word that can carry a figure or a zero; sentences without one skip the costly checks.
CASUALTY_CUES = (
    "kill", "dead", "died", "dies", "death", "wound", "injur", "hurt", "casualt", "harm", "toll",
    "losses", "deni", "dismiss", "reject", "refut", " hit ", " shot", "struck", "victims", "fatal",
    "perish", "burns", "victim", " lost ", "false", "untrue", "disinformation", "groundless",
    "martyr", "shehid", "shahid", "shaheed", "succumb", " fell ", "lives", " lie", "never happened", "did not happen", "not fire", "loss",
    "not open", "never took place", "no such", "correspond to", "not true", "fabricat", "baseless", "fake",
)


def has_casualty_cue(lower_text: str) -> bool:
    """Cheap substring test (no regex) run before any real work."""
    return any(cue in lower_text for cue in CASUALTY_CUES)


def split_sentences(text: str) -> list[str]:
    """Split on sentence punctuation, not after abbreviations like "Gen." or "a.m."."""
    parts: list[str] = []
    buf = ""
    for piece in _SENTENCE_END.split(text.strip()):
        buf = f"{buf} {piece}" if buf else piece
        if _ABBREV_END.search(buf):
            continue
        parts.append(buf)
        buf = ""
    if buf:
        parts.append(buf)
    return [p for p in parts if p]


def mask_asides(low: list[str]) -> tuple[list[bool], list[tuple[int, int]]]:
    """Mask "including ..." asides and ", N of them civilians," splits; return the splits.

    Why: "seven servicemen, including a general and a colonel, were killed" must not read
    "a colonel" as a second figure.
    """
    n = len(low)
    masked = [False] * n
    splits: list[tuple[int, int]] = []  # (token index of the split, civilians)
    i = 0
    while i < n:
        tok = low[i]
        if tok == "born" and i + 1 < n:
            # "Hovhannes Sargsyan, born in 2003, was killed": a birth year is no figure
            k = i + 1 + (low[i + 1] == "in")
            if k < n and len(low[k]) == 4 and low[k].isdigit():
                for q in range(i, k + 1):
                    masked[q] = True
                i = k + 1
                continue
        if tok in ("including", "among") and (tok == "including" or (i + 1 < n and low[i + 1] in ("them", "whom"))):
            if tok == "including" and i + 2 < n and low[i + 2] in ("civilians", "civilian") and not (
                    i + 3 < n and low[i + 3] in ("killed", "dead")):  # "including ten civilians killed and 40 wounded": later
                inner = count_at(low, i + 1)
                if inner is not None:
                    splits.append((i, inner.value))  # "200 killed, including ten civilians"
            if tok == "among":
                # "200 people were killed, among them (were) 10 civilians"
                k = i + 2 + (i + 2 < n and low[i + 2] in ("were", "was", "are"))
                inner = count_at(low, k) if k < n else None
                if inner is not None and inner.end < n and low[inner.end] in ("civilians", "civilian"):
                    splits.append((i, inner.value))
            j = i
            while j < n and low[j] not in (",", ";", ".", ":", ")"):
                masked[j] = True
                j += 1
            i = j
            continue
        if tok == "of" and i + 1 < n and low[i + 1] in ("them", "whom") and i > 0:
            count = count_at(low, i - 1) if low[i - 1] not in (",",) else None
            # "three of them civilians" / "three of whom were civilians"
            j = i + 2
            while j < n and low[j] in ("were", "was", "are", "being"):
                j += 1
            if count is not None and j < n and low[j] not in (",", ".", ";", "and", "when", "in", "on", "near", "after"):
                if low[j] in ("civilians", "civilian"):
                    splits.append((i, count.value))
                for k in range(count.start, min(n, j + 1)):
                    masked[k] = True
                if count.start > 0 and low[count.start - 1] == ",":
                    # ", 180 of them from the Defence Ministry and 12 from the Interior Ministry,":
                    # the whole aside is the breakdown, unless it goes on to another figure
                    # (", ten of them civilians, and 40 wounded" stops at its comma anyway)
                    end = j + 1
                    while end < n and low[end] not in (",", ";", ".", ":"):
                        end += 1
                    if end < n and low[end] == "," and not any(
                            w.startswith(_FIGURE_WORD_STEMS) for w in low[j + 1:end]):
                        for k in range(j + 1, end):
                            masked[k] = True
                        j = end - 1
                i = j + 1
                continue
        i += 1
    return masked, splits


# words that make the rest of an aside a figure of its own, not part of the breakdown
_FIGURE_WORD_STEMS = ("kill", "dead", "die", "wound", "injur", "hurt", "death")


def mask_name_apposition(words: list[str], low: list[str], masked: list[bool]) -> None:
    """Mask names set off after the victims: "Two servicemen of the Defence Army, Artur
    Khachatryan and Gurgen Gabrielyan, were killed" - the names are the two, not more people,
    and their "and" must not end the search for "Two"."""
    n = len(low)
    for i in range(1, n - 5):
        if low[i] != "," or not words[i + 1][:1].isupper() or (low[i - 1] not in PERSON_WORDS and not is_name(words, i - 1)):
            continue
        j = i + 1
        names = 0
        while j + 1 < n and is_name(words, j + 1):
            names += 1
            j += 2
            if j < n and low[j] in (",", "and") and j + 2 < n and is_name(words, j + 2):
                j += 1
                continue
            break
        if names >= 2 and j < n and low[j] == ",":
            for k in range(i + 1, j):
                masked[k] = True


def historical(text: str, published: date) -> bool:
    """True when a sentence reports an earlier episode, not news.

    A mine or shell left over from an old war that explodes now is news (README rule 10),
    so sentences about explosive remnants ignore war and year mentions.
    """
    if REMNANTS.search(text.lower()):
        return False
    m = HISTORICAL.search(text.lower())
    if m and not (m.start() <= 3 and text.lower().startswith(("in a separate ", "at a separate "))):
        return True  # (a sentence opening "In a separate incident, ..." is news told apart)
    for m in YEAR.finditer(text):
        if int(m.group(1)) < published.year and not text[max(0, m.start() - 5):m.start(1)].lower().startswith("born"):
            # ("serviceman Hovhannes Sargsyan, born in 2003, was killed": a birth year is no history)
            # "the November 2020 ceasefire" names a document, not the time of the news
            if not any(int(y.group(1)) < published.year for y in YEAR.finditer(NAMED_BY_YEAR.sub(" ", text))):
                break
            return True
    for m in MONTH_ONLY.finditer(text):
        month = m.group(0).split()[-1]
        if month != published.strftime("%B"):
            return True
    return False


def historical_tail(text: str, published: date) -> int | None:
    """Start of a trailing background clause in a news sentence, or None: "Three servicemen
    were killed on Wednesday, the ministry said, two weeks after fighting that killed nearly
    300" - the clause after the comma looks back; what comes before it is the news."""
    lower = text.lower()
    m = HISTORICAL.search(lower)
    if m is None or m.start() < 20 or not lower[:m.start()].rstrip().endswith(","):
        return None
    head = text[:m.start()]
    if not has_casualty_cue(head.lower()) or historical(head, published):
        return None
    return m.start()


def cumulative_at(text: str, published: datetime, long_period: bool = False) -> tuple[int, int] | None:
    """Character span of a running-total marker in text, or None.  `long_period`: the story
    dates the start of its period weeks back, so "since the fighting began" is a running total."""
    lower = text.lower()
    m = CUMULATIVE.search(lower)
    if m and not (m.group(0) in ("in total", "in all") and "since" not in lower and ONE_DAY.search(lower)):
        return m.start(), m.end()  # (but "In total, 19 civilians were wounded on Sunday" is that day's toll)
    if long_period:
        m = SAME_PERIOD.search(text.lower())
        if m:
            return m.start(), m.end()
    m = SINCE_DATE.search(text)
    if m:
        for mention in find_dates(m.group(1), published):
            if (local_day(published) - mention.day).days > 4:
                return m.start(), m.end()
    return None


# Where a running total starts a clause of its own: "..., bringing the number of civilians
# killed since 27 September to 45", "; since the war began, 3,000 have died".
CLAUSE_BREAK = re.compile(
    r";|,\s+(?=(?:bringing|raising|taking|pushing|lifting|while|whereas|and (?:bringing|raising|taking)|"
    r"which (?:brings|brought|raises|raised|takes|took|pushes|pushed))\b)|\s(?=(?:bringing|raising|taking|pushing) (?:the|its|their)\b)"
)


def cumulative_clause(text: str, span: tuple[int, int]) -> tuple[int, int] | None:
    """The clause holding a running total, when the sentence has another clause (else None)."""
    start, end = 0, len(text)
    for m in CLAUSE_BREAK.finditer(text):
        if m.end() <= span[0]:
            start = m.end()
        elif m.start() >= span[1] and m.group(0) == ";":
            end = m.start()
            break
    if start == 0 and end == len(text):
        return None
    return start, end


SHIFT_CLAUSE = re.compile(r"(?:^|[,;]\s*)(([Aa]|[Oo]ne|[Tt]he|[Tt]wo|[Tt]hree) days? after\b[^,;]*)")


def _long_period(text: str, published: datetime) -> bool:
    """True when the story counts from a day weeks back ("since 27 September")."""
    for m in SINCE_DATE.finditer(text):
        for mention in find_dates(m.group(1), published):
            if (local_day(published) - mention.day).days > 4:
                return True
    return False


def prepare_sentences(text: str, published: datetime) -> list[Sentence]:
    pub_day = local_day(published)
    out: list[Sentence] = []
    long_period = "since" in text and _long_period(text, published)
    previous_historical = False
    previous_unrest = False
    for index, raw in enumerate(split_sentences(text)):
        words = tokenize(raw)
        low = [w.lower() for w in words]
        masked, splits = mask_asides(low)
        if "," in low and " and " in raw:
            mask_name_apposition(words, low, masked)
        sentence = Sentence(index, raw, words, low, masked, published)
        sentence.splits = splits
        lower = raw.lower()
        sentence.lower = lower
        cue = has_casualty_cue(lower)
        check = raw
        if cue and "since" in lower:
            for m in COMPARATIVE_SINCE.finditer(lower):
                check = check[: m.start()] + " " * (m.end() - m.start()) + check[m.end():]
        was_historical = cue and (historical(check, pub_day) or (previous_historical and bool(CONTINUES.match(raw))))
        if was_historical and not previous_historical:
            tail = historical_tail(check, pub_day)
            if tail is not None:
                # only the background clause is dropped; the rest is news
                first = len(tokenize(raw[:tail]))
                for k in range(first, len(masked)):
                    masked[k] = True
                sentence.dropped = (tail, len(raw))
                was_historical = False
        previous_historical = was_historical
        unrest = bool(UNREST.search(lower)) or (previous_unrest and cue and not COMBAT.search(lower))
        previous_unrest = unrest
        sentence.skip = (
            not cue
            or was_historical
            or unrest
            or (bool(OTHER_CONFLICT.search(raw)) and not OWN_CONFLICT.search(lower))
        )
        if not sentence.skip:
            span = cumulative_at(check, published, long_period)
            if span is not None:
                clause = cumulative_clause(raw, span)
                if clause is None:
                    sentence.skip = True
                else:
                    # only the running total's clause is dropped: "Two civilians were killed on
                    # Thursday, bringing the number killed since 27 September to 45"
                    first = len(tokenize(raw[: clause[0]]))
                    last = len(tokenize(raw[: clause[1]]))
                    for k in range(first, min(last, len(masked))):
                        masked[k] = True
                    sentence.dropped = clause
                    if not has_casualty_cue(raw[: clause[0]].lower() + " " + raw[clause[1]:].lower()):
                        sentence.skip = True
        if ":" in low:
            sentence.after_colon = low.index(":")
        m = SHIFT_CLAUSE.search(raw) if not sentence.skip and "after" in lower else None
        if m:
            days = m.group(2).lower()
            sentence.shift_days = 1 if days in ("a", "one", "the") else (word_value(days) or 0)
            sentence.shift_span = (m.start(1), m.end(1))
            sentence.shift_tokens = (len(tokenize(raw[: m.start(1)])), len(tokenize(raw[: m.end(1)])))
        out.append(sentence)
    return out
