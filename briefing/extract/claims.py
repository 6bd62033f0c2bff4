"""Sentence-level extraction of casualty claims from one story.

The corpus rules (shared/corpus/README.md) in one paragraph: one claim per (claimant, side
affected, incident) that the story reports with a casualty figure or an explicit zero;
figures from earlier episodes, running totals and sums across sides are not claims; each
story gives the latest figure it has; "no casualties" and denials are zero claims.

How it works, per sentence of the summary:

1. tokenise, mask asides that never carry a claim ("including a colonel", "three of
   them civilians" is remembered as a split);
2. drop the sentence for casualty purposes if it is about history ("in last year's war"),
   a running total ("since the war", "so far this year"), another conflict (Ukraine...)
   or domestic unrest;
3. find casualty *triggers* (killed, died, dead, wounded, injured, hurt, "fatally
   wounded", "death toll ... to N", "put its losses at N") and read the figure next to
   each: to the left for "seven soldiers were killed" / "four dead", to the right for
   "killing three servicemen" / "wounded at least 70";
4. decide the victims' side from the words of the victim phrase ("Azerbaijani
   servicemen", "its soldiers", "civilians" + the claimant or the place);
5. attach a claimant from the nearest reporting anchor (see attribution.py).

Mentions with the same (claimant, side) are merged, keeping the largest figure (later
revisions in a story only go up in practice; "two more" is added to what came before).
The title is not used for figures: headlines repeat the summary or give sums ("at least
seven dead").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Callable

from ..models import CLAIMANTS, EVENT_TYPES, SIDES, WEAPONS, Claim
from .attribution import ANAPHOR, OWN, Anchor, classify_strong, find_anchors
from .dates import DateMention, best_date, find_dates, local_day
from .gazetteer import NOT_LOCATIONS, PlaceMatch, find_places, lookup
from .numbers import Count, count_at, tokenize, word_value


def _ci(source: str) -> re.Pattern[str]:
    """Compile a pattern for lower-cased text: searching lower-cased text is much faster
    than re.I, so every `_ci` pattern is only ever run on `text.lower()`."""
    return re.compile(source.lower())

# ---------------------------------------------------------------------------------------
# Word lists
# ---------------------------------------------------------------------------------------

KILL_WORDS = frozenset({"killed", "dead", "died", "dies", "die", "perished", "deaths", "fatalities", "slain", "martyred", "martyrs"})
WOUND_WORDS = frozenset({"wounded", "injured", "hurt", "wounds", "injuries", "burns", "injury", "wound"})
ACTIVE_KILL = frozenset({"killing", "killed", "kills", "kill"})
ACTIVE_WOUND = frozenset({"wounding", "injuring", "wounded", "injured", "injures", "wounds", "hurt", "hurting"})
AUX = frozenset({"was", "were", "been", "be", "being", "is", "are", "had", "have", "has", "got", "get"})
BE = frozenset({"was", "were", "been", "be", "being", "is", "are", "got", "get"})  # passive: "were killed"
# Tokens a left search for the figure never crosses.
LEFT_STOP = frozenset({";", ":", "and", "but", "that", "when", "after", "while", "because", "whereas", "than", "or", "before"})
RIGHT_NP_STOP = frozenset({",", ";", ".", ":", "and", "in", "on", "at", "when", "near", "after", "during", "by", "with", "while", "as", "since", "from", "along", "to", "who", "which", "were", "was", "had", "early"})

MILITARY_WORDS = frozenset({
    "soldier", "soldiers", "serviceman", "servicemen", "servicewoman", "troops", "troop",
    "officer", "officers", "guard", "guards", "policeman", "policemen", "police", "conscript",
    "conscripts", "private", "privates", "sergeant", "sergeants", "lieutenant", "captain",
    "major", "colonel", "general", "commander", "commanders", "reservist", "reservists",
    "volunteers", "volunteer", "paramedic", "paramedics", "medic", "medics", "crew", "pilot",
    "pilots", "personnel", "fighters", "fighter", "peacekeeper", "peacekeepers", "army",
    "military", "contract", "sapper", "sappers", "servicemembers", "marines", "cadets",
    "forces", "ministry", "militants", "separatists", "formations", "formation", "gunmen",
    "defenders", "detachment", "servicewomen", "recruits", "recruit", "border-guard",
})
CIVIL_WORDS = frozenset({
    "civilian", "civilians", "man", "men", "woman", "women", "boy", "boys", "girl", "girls",
    "child", "children", "people", "person", "resident", "residents", "villager", "villagers",
    "farmer", "farmers", "shepherd", "shepherds", "driver", "drivers", "worker", "workers",
    "employee", "employees", "driller", "journalist", "journalists", "pensioner", "teenager",
    "student", "students", "deminer", "deminers", "citizens", "citizen", "official", "officials",
    "passengers", "teacher", "doctor", "nurse", "builders", "labourers", "labourer", "locals",
    "mourners", "mourner", "worshippers", "pilgrims", "tourists", "operator", "operators", "cameraman",
    "correspondent", "correspondents", "reporter", "reporters", "engineer", "engineers", "electrician",
    "grandson", "granddaughter", "grandsons", "grandchildren", "grandfather", "grandmother", "son", "sons",
    "daughter", "daughters", "wife", "husband", "mother", "father", "brother", "brothers", "sister",
    "sisters", "nephew", "niece", "baby", "infant", "toddler", "schoolboy", "schoolgirl", "schoolchildren",
    "pupils", "herder", "herders", "beekeeper", "miner", "miners", "contractor", "contractors",
})
NATIONAL_NOUNS = {"armenians": "Armenia", "azerbaijanis": "Azerbaijan", "russians": "Russia"}
OTHER_PEOPLE = frozenset({"others", "other", "more", "victims", "members", "member", "staff", "crewmen",
                          "colleagues", "colleague", "comrades", "comrade", "companions", "companion"})
PERSON_WORDS = MILITARY_WORDS | CIVIL_WORDS | OTHER_PEOPLE | set(NATIONAL_NOUNS)
NOT_PEOPLE = frozenset({
    "mine", "mines", "shell", "shells", "drone", "drones", "village", "villages", "house",
    "houses", "car", "cars", "vehicle", "vehicles", "tractor", "tyre", "building", "buildings",
    "position", "positions", "post", "posts", "helicopter", "aircraft", "truck", "road",
    "bridge", "statement", "report", "day", "days", "week", "weeks", "month", "months", "year",
    "years", "hour", "hours", "attack", "clash", "clashes", "incident", "blast", "explosion",
    "fire", "toll", "total", "number", "area", "flag", "field", "livestock", "cattle", "sheep",
    "family", "families", "group", "unit", "units", "side", "sides", "battalion", "company",
})
SPECIFIC_PEOPLE = (MILITARY_WORDS | CIVIL_WORDS) - {"people", "person", "victims", "citizens", "citizen"}
ORDINALS = frozenset({"second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"})
# Words that mark a figure as an earlier one that the story goes on to revise.
EARLIER_MARKERS = frozenset({"initially", "originally", "previously", "earlier"})
REVISION_STOP = frozenset({";", ".", ":", "but", "later", "now", "then", "subsequently", "since", "raised", "revised", "updated", "lowered"})
TRANSFER = _ci(
    r"\b(?:the|one of the|another of the|one of those) (?:injured|wounded) (?:[a-z]+ ){0,2}?(?:later |subsequently |has |had |also |since )*"
    r"(?:died|succumbed)\b"
)
LIMBS = frozenset({"leg", "legs", "arm", "arms", "hand", "hands", "foot", "feet", "eye", "eyes", "limb", "limbs"})
POSSESSIVE_OWN = frozenset({"its", "their", "our", "own"})
NATION_ADJ = {
    "armenian": "Armenia", "armenia's": "Armenia", "armenia": "Armenia",
    "azerbaijani": "Azerbaijan", "azerbaijan's": "Azerbaijan", "azerbaijan": "Azerbaijan",
    "azeri": "Azerbaijan",
    "karabakh": "Karabakh", "karabakh's": "Karabakh", "nagorno-karabakh": "Karabakh",
    "nagorno-karabakh's": "Karabakh", "artsakh": "Karabakh", "artsakh's": "Karabakh",
    "russian": "Russia", "russia's": "Russia",
    "eu": "EU", "eu's": "EU", "european": "EU", "observers": "EU", "monitors": "EU", "mission": "EU",
}
KARABAKH_FRAME = _ci(r"\b(?:armed formations?|illegal (?:armenian )?(?:armed )?(?:formations?|detachments?|groups?)|separatists?|armed detachments?)\b")
KARABAKH_FORCES = frozenset({"formations", "formation", "separatists", "separatist"})
BARE = "<bare>"  # "the ministry said" with no side named anywhere before
TOLL_SIDE = "?"  # placeholder until merge decides whose toll it is
DENY_SIDE = "!"  # placeholder until merge decides whose losses a denial is about
PARTIES = ("Armenia", "Azerbaijan", "Karabakh", "Russia")
SIDE_OF_PLACE = {"armenia": "Armenia", "azerbaijan": "Azerbaijan", "karabakh": "Karabakh"}

# ---------------------------------------------------------------------------------------
# Sentence-level filters (compiled once)
# ---------------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'’”]?\s+(?=[A-Z\"'‘“(])")
_ABBREV_END = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Sgt|Capt|St|No|Jr|Sr|Prof|Rev|U\.S|U\.N|[ap]\.m)\.)$")
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"

CUMULATIVE = _ci(
    r"\bsince (?:the (?:start|end|beginning|outbreak) of )?(?:the |last year's )?"
    r"(?:(?:\d{4}|second karabakh|first karabakh|44-day|six-week|karabakh) )?(?:war|conflict|ceasefire|truce|hostilities)\b"
    r"|\bsince (?:" + _MONTH + r" )?(?:19|20)\d\d\b"
    r"|\bsince (?:the )?(?:searches|search|operations?|records?|demining)\b"
    r"|\bsince (?:the (?:start|beginning) of )?(?:the |this )?(?:year|month|january)\b"
    r"|\bso far this year\b|\bthis year alone\b|\bin total\b|\bto date\b|\bin all\b|\bcumulative\b|\brunning total\b"
    r"|\bover the (?:past|last) (?:\w+ )?(?:months|years|weeks)\b|\bin the (?:past|last) (?:\w+ )?(?:months|years)\b"
    r"|\bsince then\b|\bbetween \d{1,2} " + _MONTH + r"(?: \d{4})? and \d{1,2} " + _MONTH,
)
SINCE_DATE = re.compile(r"\bsince\b[^.;]{0,40}?\b(\d{1,2} " + _MONTH + r"|" + _MONTH + r" \d{1,2})", re.I)
HISTORICAL = _ci(
    r"\b(?:in|during|of|from) (?:the |last year's |that )?(?:\d{4} |44-day |six-week |second karabakh |first karabakh |1990s )?war\b"
    r"|\bthe (?:\d{4}|44-day|six-week) war\b|\blast year'?s?\b|\byears? ago\b|\ba year (?:ago|after|earlier|before|later)\b"
    r"|\bmonths? ago\b|\bweeks ago\b|\banniversary\b|\bearlier this (?:month|year)\b|\blast month\b"
    r"|\bprevious (?:escalation|clashes|fighting|incident)\b|\ba separate (?:escalation|incident|clash)\b"
    r"|\bin the 1990s\b|\bthree years ago\b|\bthis " + _MONTH + r"\b",
)
MONTH_ONLY = re.compile(r"\b(?:in|In|since|Since|during|During|this|This|last|Last) " + _MONTH + r"\b(?! \d)")
YEAR = re.compile(r"\b(?:in |of |since |during )?((?:19|20)\d\d)\b")
OTHER_CONFLICT = re.compile(
    r"\b(?:Ukraine|Ukrainian|Kyiv|Kharkiv|Donbas|Gaza|Israel|Israeli|Hamas|Hezbollah|Lebanon|Syria|Syrian|"
    r"Sudan|Yemen|Iraq|Afghanistan|Tehran|Iran|Iranian|Kursk)\b"
)
OWN_CONFLICT = _ci(r"\b(?:Armenia|Armenian|Azerbaijan|Azerbaijani|Karabakh|Baku|Yerevan|Artsakh)")
UNREST = _ci(r"\b(?:protest\w*|demonstrat\w*|riot\w*|tear gas|rally|rallies|stones at police)\b")
# "A 16-year-old boy ... was among those who died": the figure is a subset.  Not "13 were
# killed and 50 wounded, children among them" (an aside about the figure's make-up).
SUBSET_AFTER = _ci(r"\b(?:was|were|is|are|been|being|be) (?:also )?among (?:them|those|the (?:dead|victims|wounded|injured|killed))\b")
SUM_MARKERS = _ci(r"\b(?:combined|both sides|on the two sides|in all on both|total of both)\b")

ZERO = _ci(
    r"\b(?:no (?:one|body|civilians?|soldiers?|servicem[ae]n|troops|personnel|mission members?|members? of \w+ \w+|members?|people|residents|"
    r"monitors|observers|peacekeepers|border guards|guards|villagers|children|staff|"
    r"casualties|injuries|losses|deaths|fatalities|victims|one was)\b(?: (?:was|were|had been|has been|have been|is|are))?"
    r"(?: (?:hurt|injured|harmed|wounded|killed|reported))?"
    r"|nobody (?:was|were) (?:hurt|injured|harmed|wounded|killed)|without (?:any )?casualties"
    r"|(?:suffered|sustained|had) no (?:losses|casualties)|did not (?:suffer|sustain) any (?:losses|casualties))",
)
DENY_OBJECT = _ci(
    r"\b(?:report|reports|claim|claims|statement|release|allegations?|accusations?|account|accounts|information|fired|fire|firing|shot|shooting|"
    r"attack|attacks|attacking|shelling|losses|casualties|disinformation|untrue|false|lies|lie|opened|target\w*|involvement|responsibility|"
    r"strike|strikes|striking|shelled|fabricat\w*|provocation)\b",
)
NEG_FIRE = _ci(
    r"\b(?:had|has|have|did|were|was|is|are)(?: not|n't| never)(?: \w+)? (?:fire|fired|firing|open(?:ed)? fire|shell(?:ed)?|shot|shoot|target(?:ed)?|attack(?:ed)?|strike|struck)\b"
    r"|\bnone of (?:its|their|our) (?:units|troops|forces|soldiers|servicemen)\b[^.;]{0,20}\b(?:fired|opened fire|shot|shelled|attacked)\b"
    r"|\bnever (?:happened|took place|occurred)\b|\bdid not (?:happen|take place|occur)\b|\bhad not (?:happened|taken place|occurred)\b"
)
TARGET_HIT = _ci(r"\b(?:fire|shells?|shelling|rockets?|missiles?|drones?|bullets?) (?:hit|struck|landed on|targeted) ((?:[\w'-]+\s+){0,4}[\w'-]+)")
INCIDENT_CUE = _ci(r"\b(?:fir(?:e|ed|ing)|shot|shooting|shell\w*|attack\w*|gunfire|strike|clash\w*|killed|wounded|opened fire)\b")
TARGET = _ci(
    r"\b(?:fired|firing|opened fire|shot|shooting|targeted|attacked|shelled|fire hit|shelling of|fire on)\b(?:\s+[\w'-]+){0,3}?\s+(?:at|on|toward|towards)\s+((?:[\w'-]+\s+){0,4}[\w'-]+)",
)

# Event type cues, checked in this order.
REMNANTS = _ci(r"\b(?:left ?over|leftover|unexploded|remnants?|land ?mines?|anti-(?:tank|personnel) mines?|mine blasts?|(?:hit|struck|stepped on|drove over|ran over) an? (?:[\w-]+ )?mine)\b")
_MINE = _ci(
    r"\b(?:land ?mines?|anti-(?:tank|personnel) mines?|(?:hit|struck|stepped on|drove over|ran over|detonated) (?:an? |another )?(?:\w+ )?mine|"
    r"mine (?:blasts?|explosions?|exploded|detonated|incidents?)|by (?:a|another) mine|mine victims|unexploded (?:ordnance|munitions?|shells?|bombs?)|explosive device|left ?over from|leftover)\b",
)
EVENT_TYPE_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("landmine", _MINE),
    ("other", _ci(r"\b(?:explosion|blast|exploded|fire broke out|shot down|brought down|downed|downing|crash\w*|accident\w*|helicopter|barracks fire|depot|overturned|avalanche|drowned)\b")),
    ("sniper fire", _ci(r"\bsnipers?\b")),
    ("drone strike", _ci(r"\b(?:drone strikes?|drone attacks?|with (?:an? )?(?:attack |combat |kamikaze |strike |armed )?(?:drones?|UAVs?)|UAV strikes?|struck by (?:an? )?(?:\w+ )?drone|drones? (?:struck|hit|attacked|targeted))\b")),
    ("shelling/artillery", _ci(r"\b(?:shell(?:s|ing|ed)?|artillery|bombard\w*|rocket attacks?|rockets?|missiles?|missile strikes?|cluster|air ?strikes?|airstrikes?|Grad|Smerch)\b")),
    ("armed clash", _ci(r"\b(?:clash\w*|fighting|firefight|attack\w*|ambush\w*|offensive|skirmish\w*|battles?|exchanged? (?:of )?fire|opened (?:\w+ )?fire|assault|raid|"
                        r"(?:vehicle|car|convoy|patrol|truck|bus|minibus) (?:was |were )?(?:fired (?:on|upon|at)|shot at))\b")),
    ("ceasefire violation", _ci(r"\b(?:ceasefire violations?|violat\w+|breach\w* of the (?:truce|ceasefire)|gunfire|fired (?:at|on)|shooting|shot at|provocations?|sporadic)\b")),
)
WEAPON_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("drone", _ci(r"\b(?:drones?|UAVs?|Bayraktars?|quadcopters?|loitering munitions?)\b")),
    ("artillery", _ci(r"\b(?:artillery|howitzers?)\b")),
    ("mortar", _ci(r"\bmortars?\b")),
    ("small arms", _ci(r"\b(?:gunfire|firearms?|assault rifles?|machine[- ]guns?|small[- ]arms|rifles?|guns|gunshots?|bullets?|Kalashnikovs?|automatic weapons?|automatic rifles?|submachine guns?|pistols?)\b")),
    ("sniper", _ci(r"\bsnipers?\b")),
    ("rocket", _ci(r"\b(?:rockets?|cluster (?:munitions?|rockets?|bombs?)|Grad|Smerch|MLRS)\b")),
    ("missile", _ci(r"\bmissiles?\b")),
    ("mine", _MINE),
    ("tank", _ci(r"(?<!-)\btanks?\b")),
    ("aircraft", _ci(r"\b(?:air ?strikes?|airstrikes?|aircraft|warplanes?|jets?|bombers?)\b")),
)
# Armenian and Azerbaijani outlets use "the Defence Ministry" for their own country's.
OUTLET_COUNTRY = {
    "azertac": "Azerbaijan", "trend": "Azerbaijan", "report.az": "Azerbaijan", "news.az": "Azerbaijan",
    "apa": "Azerbaijan", "azernews": "Azerbaijan", "caspian news": "Azerbaijan", "turan": "Azerbaijan",
    "day.az": "Azerbaijan", "oxu.az": "Azerbaijan", "minval": "Azerbaijan", "haqqin": "Azerbaijan",
    "armenpress": "Armenia", "news.am": "Armenia", "public radio of armenia": "Armenia",
    "panarmenian.net": "Armenia", "radar armenia": "Armenia", "civilnet": "Armenia", "hetq": "Armenia",
    "azatutyun": "Armenia", "evn report": "Armenia", "armenian weekly": "Armenia", "asbarez": "Armenia",
    "massis post": "Armenia", "mirror-spectator": "Armenia", "aravot": "Armenia", "168.am": "Armenia",
    "tass": "Russia", "ria novosti": "Russia", "interfax": "Russia", "sputnik": "Russia",
    "caliber.az": "Azerbaijan", "caliber": "Azerbaijan", "azvision": "Azerbaijan", "1news.az": "Azerbaijan",
    "qafqazinfo": "Azerbaijan", "milli.az": "Azerbaijan", "aztv": "Azerbaijan", "az24saat": "Azerbaijan",
    "vesti.az": "Azerbaijan", "musavat": "Azerbaijan", "ictimai tv": "Azerbaijan", "azernews.az": "Azerbaijan",
    "arka": "Armenia", "factor.am": "Armenia", "lragir": "Armenia", "a1plus": "Armenia", "shamshyan": "Armenia",
    "armenian public tv": "Armenia", "public tv of armenia": "Armenia", "mediamax": "Armenia", "arminfo": "Armenia",
    "artsakhpress": "Karabakh", "artsakh public tv": "Karabakh", "ria novosti": "Russia", "izvestia": "Russia",
    "kommersant": "Russia", "rossiyskaya gazeta": "Russia", "zvezda": "Russia",
}


# ---------------------------------------------------------------------------------------
# Records
# ---------------------------------------------------------------------------------------


@dataclass(slots=True)
class Mention:
    """One casualty figure read from one sentence."""

    field: str  # "killed" | "wounded" | "zero"
    value: int
    sentence: int
    claimant: str
    side: str
    high: int | None = None
    more: bool = False
    split_civilians: int = 0  # "207 people, three of them civilians"
    group: int = -1  # figures joined by "and" under one verb are added up
    # for generic victims ("200 people"): the sides to use if a later "of the dead, ten
    # were civilians" splits the figure
    armed_side: str | None = None
    civil_side: str | None = None
    denial: bool = False  # a zero from a denial ("rejected the report as disinformation")
    superseded: bool = False  # "initially reported two dead": replaced by a later figure
    part: int = -1  # in a sentence with a shifted clause: 1 inside it, 0 outside
    pos: int = -1  # token index of the figure in its sentence


@dataclass(slots=True)
class Sentence:
    """A sentence with its tokens, places, dates, anchors and the claimant it speaks for."""

    index: int
    text: str
    words: list[str]
    low: list[str]
    masked: list[bool]
    published: datetime
    anchors: list[Anchor] = field(default_factory=list)
    claimants: set[str] = field(default_factory=set)
    skip: bool = False
    lower: str = ""
    after_colon: int = -1  # token index of a ':' (elaborations after it are subsets)
    _places: list[PlaceMatch] | None = None
    _dates: list[DateMention] | None = None
    dropped: tuple[int, int] | None = None  # character span of a running total's clause
    # "A day after an Azerbaijani soldier was wounded ..., the ministry said on Wednesday that
    # ...": the clause's events happened `shift_days` before the rest of the sentence
    shift_span: tuple[int, int] | None = None
    shift_tokens: tuple[int, int] = (0, 0)
    shift_days: int = 0

    def part_text(self, part: int) -> str:
        """The shifted clause (part 1), the rest of the sentence (part 0), or all of it (-1)."""
        if self.shift_span is None or part < 0:
            return self.text
        lo, hi = self.shift_span
        return self.text[lo:hi] if part == 1 else self.text[:lo] + self.text[hi:]

    def part_places(self, part: int) -> list[PlaceMatch]:
        if self.shift_span is None or part < 0:
            return self.places
        lo, hi = self.shift_span
        return [p for p in self.places if (lo <= p.start < hi) == (part == 1)]

    # Places and dates are looked up only for sentences that need them (speed).
    @property
    def places(self) -> list[PlaceMatch]:
        if self._places is None:
            self._places = find_places(self.text)
            if self.dropped is not None:
                lo, hi = self.dropped
                self._places = [p for p in self._places if not lo <= p.start < hi]
        return self._places

    @property
    def dates(self) -> list[DateMention]:
        if self._dates is None:
            self._dates = find_dates(self.text, self.published)
            if self.dropped is not None:
                # dates inside a running total's clause ("since 27 September") are not the event's
                lo, hi = self.dropped
                self._dates = [d for d in self._dates if not lo <= d.start < hi]
        return self._dates


# ---------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------


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


def _mask_asides(low: list[str]) -> tuple[list[bool], list[tuple[int, int]]]:
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
        if tok in ("including", "among") and (tok == "including" or (i + 1 < n and low[i + 1] in ("them", "whom"))):
            if tok == "including" and i + 2 < n and low[i + 2] in ("civilians", "civilian"):
                inner = count_at(low, i + 1)
                if inner is not None:
                    splits.append((i, inner.value))  # "200 killed, including ten civilians"
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
                i = j + 1
                continue
        i += 1
    return masked, splits


def _historical(text: str, published: date) -> bool:
    """True when a sentence reports an earlier episode, not news.

    A mine or shell left over from an old war that explodes now is news (README rule 10),
    so sentences about explosive remnants ignore war and year mentions.
    """
    if REMNANTS.search(text.lower()):
        return False
    if HISTORICAL.search(text.lower()):
        return True
    for m in YEAR.finditer(text):
        if int(m.group(1)) < published.year:
            return True
    for m in MONTH_ONLY.finditer(text):
        month = m.group(0).split()[-1]
        if month != published.strftime("%B"):
            return True
    return False


def _cumulative(text: str, published: datetime) -> bool:
    """True for running totals ("since 27 September" more than a week back, "since the war")."""
    return _cumulative_at(text, published) is not None


def _cumulative_at(text: str, published: datetime) -> tuple[int, int] | None:
    """Character span of a running-total marker in text, or None."""
    m = CUMULATIVE.search(text.lower())
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


def _cumulative_clause(text: str, span: tuple[int, int]) -> tuple[int, int] | None:
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


def _nation_of(tokens: list[str]) -> str | None:
    """Side named by the words of a victim phrase ("Azerbaijani servicemen", "of the Karabakh army")."""
    found = None
    for k, tok in enumerate(tokens):
        nation = NATION_ADJ.get(tok)
        if nation:
            if nation == "EU" and tok in ("mission",) and "eu" not in tokens:
                continue
            # "Karabakh Armenian forces": Karabakh wins over Armenian
            if found == "Karabakh" and nation == "Armenia":
                continue
            found = nation
        elif tok == "defence" and k + 1 < len(tokens) and tokens[k + 1] == "army":
            found = "Karabakh"
        elif tok in NATIONAL_NOUNS and found is None:
            found = NATIONAL_NOUNS[tok]
    # "illegal Armenian armed formations", "separatists": Baku's words for Karabakh forces
    if found in (None, "Armenia") and any(tok in KARABAKH_FORCES for tok in tokens):
        return "Karabakh"
    return found


def _is_civil(tokens: list[str], split: bool = False) -> bool | None:
    """True civilian, False armed, None unknown, from the head words of a victim phrase.

    A person named without rank or unit ("killing Aram Tepnants") is taken for a civilian:
    wires name soldiers with their rank or as "serviceman"."""
    words = set(tokens)
    if "<named>" in words:
        return not (words & MILITARY_WORDS)
    if words & {"civilian", "civilians", "family", "families", "household", "villagers", "residents"}:
        return True
    if words & {"ministry", "police", "army", "military", "forces", "policemen", "policeman", "border", "guards"}:
        return False
    if words & MILITARY_WORDS:
        return False
    if words & CIVIL_WORDS:
        if words & {"people", "person"} and split:
            return False
        return True
    return None


def _side(nation: str | None, civil: bool | None, claimant: str, places: list[PlaceMatch], own: bool) -> str | None:
    """Side affected from nationality, civil/armed, claimant and places (README rule 7)."""
    if nation == "EU":
        return "unknown"
    if nation is None and own and claimant in ("Armenia", "Azerbaijan", "Karabakh", "Russia"):
        nation = claimant
    if civil:
        if nation is None:
            if claimant in ("Armenia", "Karabakh"):
                nation = "Armenia"
            elif claimant == "Azerbaijan":
                nation = "Azerbaijan"
            else:
                for place in places:
                    if place.place.name.casefold() not in NOT_LOCATIONS:
                        nation = SIDE_OF_PLACE[place.place.side]
                        break
        if nation in ("Armenia", "Karabakh"):
            return "civilians-Armenia"
        if nation == "Azerbaijan":
            return "civilians-Azerbaijan"
        if nation in ("Russia", "EU"):
            return "unknown"  # e.g. foreign journalists: "anyone else" (README rule 7)
        return None
    if nation is None and claimant in ("Armenia", "Azerbaijan", "Karabakh", "Russia"):
        # armed forces report their own losses; an outlet or NGO naming no side gives
        # no side (often a sum across sides: "seven soldiers died when troops exchanged fire")
        nation = claimant
    if nation == "Armenia" and claimant == "Karabakh":
        return "Karabakh"
    return nation


# ---------------------------------------------------------------------------------------
# Figure readers
# ---------------------------------------------------------------------------------------


def _left_count(low: list[str], masked: list[bool], t: int, used: set[int], words: list[str] | None = None) -> tuple[Count | None, list[str], int]:
    """Figure for a trigger at t read leftwards: "seven of its servicemen ... were killed".

    Returns the count (or None), the victim-phrase tokens between count and trigger, and
    the index where the search stopped.
    """
    j = t - 1
    commas = 0
    skipped = 0  # masked tokens do not count towards the search distance
    between: list[str] = []
    while j >= 0 and t - j - skipped <= 16:
        tok = low[j]
        if masked[j]:
            skipped += 1
            j -= 1
            continue
        if tok in LEFT_STOP or tok in KILL_WORDS or tok in WOUND_WORDS or tok in ACTIVE_KILL:
            break
        if tok == ",":
            # a comma that only sets off a masked aside ("five peacekeepers, among them a
            # captain, ...") does not end the victim phrase
            if not ((j + 1 < len(low) and masked[j + 1]) or (j > 0 and masked[j - 1])):
                commas += 1
            if commas > 2:
                break
            j -= 1
            continue
        if tok == "both" and all(w in AUX or w in ("later", "also", "since", "reportedly") for w in low[j + 1:t]):
            # "Two farm workers riding on a tractor ... have both died": the subject is the lead NP
            lead: list[str] = []
            for w in low[:j]:
                if w in AUX or w in ("who", "that", "which", ",", "when") or (w.endswith("ing") and len(w) > 5):
                    break
                lead.append(w)
            return Count(2, j, j + 1), lead if any(w in PERSON_WORDS for w in lead) else [], j
        if j not in used:
            count = count_at(low, j)
            if count is not None and j >= 2 and low[j - 1] in ("to", "and", "or"):
                # "between five and seven", "five to seven": the range starts further left
                wider = count_at(low, j - 2)
                if wider is not None and wider.high == count.value:
                    count = wider
            if count is not None and count.end < t and low[count.end] in NOT_PEOPLE:
                count = None  # "five members of one family": "one" counts families
            if (count is not None and words is not None and count.start == j and j >= 2 and low[j - 1] == ","
                    and count.end < len(low) and low[count.end] == "," and _is_name(words, j - 2)):
                # "Igor Abrahamyan, 43, was wounded": an age after a name; the name is the victim
                return Count(1, j - 2, j - 1), low[max(0, j - 6):j - 1] + ["<named>"], j
            if count is not None and count.end <= t:
                # "Of the 290 people injured": the count governs; "two of the dead": a subset
                if count.end + 1 < len(low) and low[count.end] == "of" and low[count.end + 1] in ("the", "those") and count.end + 2 < len(low) and low[count.end + 2] in ("dead", "killed", "wounded", "injured", "victims"):
                    return None, [], j
                if j > 0 and low[j - 1] in ("from", "of") and low[j - 1] != "of":
                    return None, [], j
                if j > 0 and low[j - 1] == "from":
                    return None, [], j
                return count, low[count.end:t], j
            if tok in ("a", "an", "one") and j > 1 and (
                    (low[j - 1] in ("of", "from", "with") and (
                        low[j - 2] in PERSON_WORDS or low[j - 2] in ("all", "some", "most", "none", "both", "each") or word_value(low[j - 2]) is not None))
                    or (low[j - 1] in ("for", "by", "at", "in", "on", "near", "into", "under", "inside") and (low[j - 2].endswith("ing") or low[j - 2] in PERSON_WORDS))):
                # "two members of a clearance team", "two deminers working for a British charity"
                between.insert(0, tok)  # "two members of a HALO Trust clearance team": not the figure
                j -= 1
                continue
            if tok in ("a", "an", "another", "one"):
                head = [w for w in low[j + 1:t] if w not in AUX and w != ","]
                if tok == "a" and j + 1 < t and low[j + 1] in ORDINALS:
                    return Count(1, j, j + 2, more=True), low[j + 1:t], j  # "a second had died"
                if tok == "one" and j > 0 and low[j - 1] in ("no", "not"):
                    return None, [], j  # "no one was hurt"
                if tok in ("another", "one") and not head:
                    return Count(1, j, j + 1), [], j  # "three died and another was wounded"
                # the head noun: last word before the verb group or an aside ("a tractor driver was")
                phrase: list[str] = []
                for w in low[j + 1:t]:
                    # the head noun ends the phrase: "an excavator operator working on the road"
                    if w in AUX or w == "," or w in HEAD_STOP or (w.endswith("ing") and len(w) > 5 and phrase):
                        break
                    phrase.append(w)
                noun = phrase[-1] if phrase else ""
                if noun in PERSON_WORDS or (noun not in NOT_PEOPLE and noun.isalpha() and _agent_noun(noun)) or (
                    any(w in PERSON_WORDS for w in phrase) and noun not in NOT_PEOPLE
                ):
                    return Count(1, j, j + 1, more=tok == "another"), low[j + 1:t], j
                if noun not in NOT_PEOPLE:
                    return None, [], j
                # "members of one family": keep looking further left
        between.insert(0, tok)
        j -= 1
    # "Soldier Afgan Hamzayev of the Azerbaijani army was killed": singular noun opening the sentence
    if j < 0:
        # "Soldier Afgan Hamzayev ...", "Armenian serviceman Hrant Hovhannisyan was killed"
        for k in range(min(3, t)):
            word = low[k]
            if word in PERSON_WORDS and not word.endswith("s") and word not in ("police", "crew", "personnel", "military", "army"):
                return Count(1, k, k + 1), low[0:t], 0
            if word not in NATION_ADJ and word not in ("contract", "private", "junior", "senior", "military"):
                break
    return None, [], j


def _superseded(low: list[str], start: int) -> bool:
    """True when the figure at `start` is one the story later revises: "initially reported two
    dead", "first put the death toll at 12", "had earlier said one soldier was wounded"."""
    for k in range(start - 1, max(-1, start - 15), -1):
        tok = low[k]
        if tok in REVISION_STOP:
            return False
        if tok in EARLIER_MARKERS and not (tok == "earlier" and k > 0 and low[k - 1] in ("day", "days", "hours", "week", "a")):
            return True
        if tok == "first" and k + 1 < len(low) and (low[k + 1] in SAY_LIKE or (k > 0 and low[k - 1] == "at")):
            return True
    return False


SAY_LIKE = frozenset({"reported", "said", "put", "gave", "announced", "stated", "reporting", "claimed", "told", "says", "reports", "spoke", "counted", "listed"})


_NOT_NAME = frozenset({
    "defence", "defense", "ministry", "army", "state", "border", "service", "office", "general", "prosecutor",
    "interior", "national", "security", "committee", "council", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "the", "a", "an", "on", "in", "at", "and", "but", "president", "minister",
    "republic", "agency", "police", "mission", "union", "european", "human", "rights", "ombudsman", "foreign",
})


def _is_name(words: list[str], k: int) -> bool:
    """True if words[k] ends a personal name: two capitalised words that are not a place,
    a nation, an institution or a weekday ("Siraj Abishov", "Ivan Kovgan")."""
    if k < 1 or k >= len(words):
        return False
    pair = words[k - 1: k + 1]
    for w in pair:
        lw = w.lower()
        if not w[:1].isupper() or lw in _NOT_NAME or lw in NATION_ADJ or lw in NATIONAL_NOUNS or lw in MONTH_NAMES:
            return False
        if lookup(w) is not None:
            return False
    return True


MONTH_NAMES = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"})
KIN_DETERMINERS = frozenset({"a", "an", "his", "her", "their", "one", "another"})
SUBJECT_STOP = frozenset({";", ":", "that", "when", "after", "while", "because", "whereas", "than", "or", "before", "but", "said", "says", "reported", "told", "according", "where", "as", "if"})


def _coordinated(words: list[str], low: list[str], masked: list[bool], t: int, used: set[int]) -> tuple[Count | None, list[str]]:
    """People coordinated in the subject of the verb at t, each counted once.

    A conjunct counts when it holds a personal name or is a singular person noun phrase ("a
    woman", "her seven-year-old grandson"); an apposition set off by commas after a name ("Arif
    Aliyev, a deputy representative of the district administration,") is not a new person.
    """
    j = t - 1
    while j >= 0 and (low[j] in AUX or low[j] in ("later", "also", "reportedly", "both", "all")):
        j -= 1
    end = j + 1
    while j >= 0 and low[j] not in SUBJECT_STOP and end - j < 30 and not masked[j] and j not in used:
        j -= 1
    start = j + 1
    if end - start < 3 or "and" not in low[start:end]:
        return None, []
    # conjuncts with the separator before each
    conjuncts: list[tuple[str, list[int]]] = []
    sep, cur = "", []
    for k in range(start, end):
        if low[k] in (",", "and"):
            if cur:
                conjuncts.append((sep, cur))
            sep = "and" if low[k] == "and" else ("," if sep != "and" or cur else sep)
            cur = []
            continue
        cur.append(k)
    if cur:
        conjuncts.append((sep, cur))
    people, previous_named, tokens = 0, False, []
    for sep, idx in conjuncts:
        named = any(_is_name(words, k) for k in idx)
        head = low[idx[0]]
        nouns = [low[k] for k in idx if low[k] in PERSON_WORDS and low[k] not in OTHER_PEOPLE]
        singular = head in KIN_DETERMINERS and any(not w.endswith("s") or w in ("boys",) and False for w in nouns)
        if any(word_value(low[k]) is not None and not low[k].endswith("-old") for k in idx):
            return None, []  # a figure of its own: the ordinary readers handle it
        if named:
            people += 1
            previous_named = True
        elif singular and not (sep == "," and previous_named):
            people += 1
            previous_named = False
        elif sep == "," and previous_named:
            continue  # apposition
        else:
            return None, []
        tokens += [low[k] for k in idx]
    if people < 2:
        return None, []
    return Count(people, start, end), tokens


HEAD_STOP = frozenset({"on", "in", "at", "near", "from", "of", "who", "that", "which", "with", "by", "inside", "outside", "along"})


def _agent_noun(word: str) -> bool:
    """Crude: words ending like agent nouns ("driller", "deminer", "guardsman")."""
    return word.endswith(("er", "man", "ist", "ant", "ent", "or")) and len(word) > 3


def _right_count(low: list[str], masked: list[bool], t: int, used: set[int], words: list[str] | None = None) -> list[tuple[Count, list[str]]]:
    """Figures read rightwards from an active verb: "killing three servicemen and two civilians"."""
    out: list[tuple[Count, list[str]]] = []
    k = t + 1
    while k < len(low) and len(out) < 3:
        if low[k] == "another" and (k + 1 >= len(low) or low[k + 1] in (",", ".", ";", "and", "in", "on", "near", "at", "when")):
            out.append((Count(1, k, k + 1), []))  # "killing four servicemen and wounding another"
            break
        if low[k] in ("his", "her", "their", "its") and k + 1 < len(low) and count_at(low, k + 1) is not None:
            k += 1  # "wounding his three colleagues"
        while k < len(low) and low[k] in ("at", "least", "more", "than", "some", "about", "around", "nearly", "almost", "over", "up", "to", "as", "many", "the", "another", "estimated", "approximately"):
            if low[k] == "the" and k + 1 < len(low) and count_at(low, k + 1) is None:
                break
            k += 1
        if k >= len(low) or masked[k] or k in used:
            break
        count = count_at(low, k)
        if count is None and words is not None:
            # "killing 22-year-old Aram Tepnants", "wounding Private Armen Hakobyan"
            m = k
            while m < len(low) and m - k < 4 and (low[m].endswith("-old") or low[m] in MILITARY_WORDS or low[m] in CIVIL_WORDS or low[m] in NATION_ADJ):
                m += 1
            if m + 1 < len(low) and _is_name(words, m + 1) and (m + 2 >= len(low) or not words[m + 2][:1].isupper()):
                out.append((Count(1, k, m + 2), low[k:m] + ["<named>"]))
                if m + 3 < len(low) and low[m + 2] == "and" and low[m + 3] not in ACTIVE_KILL and low[m + 3] not in ACTIVE_WOUND:
                    k = m + 3
                    continue
                break
        if count is None and low[k] in ("a", "an", "one") and k + 1 < len(low):
            nxt = low[k + 1]
            if nxt in ORDINALS:
                count = Count(1, k, k + 2, more=True)  # "wounding a third"
            elif any(w in PERSON_WORDS or _agent_noun(w) for w in low[k + 1:k + 5] if w not in (",", ".")) or NATION_ADJ.get(nxt):
                count = Count(1, k, k + 1)  # "wounding a State Border Service serviceman"
        if count is None:
            break
        np_end = count.end
        np: list[str] = []
        while np_end < len(low) and len(np) < 8:
            tok = low[np_end]
            if tok in RIGHT_NP_STOP and not (tok == "of" or tok in ("in",) and False):
                break
            np.append(tok)
            np_end += 1
        # "12 people on the Armenian side": the side is in the prepositional phrase
        if np_end + 3 < len(low) and low[np_end] == "on" and low[np_end + 1] == "the" and low[np_end + 3] == "side" and low[np_end + 2] in NATION_ADJ:
            np.append(low[np_end + 2])
            np_end += 4
        out.append((count, np))
        # coordination: "... and two civilians"
        if np_end + 1 < len(low) and low[np_end] == "and":
            k = np_end + 1
            continue
        break
    return out


# ---------------------------------------------------------------------------------------
# Story extraction
# ---------------------------------------------------------------------------------------


# Any word that can carry a figure or a zero; sentences without one skip the costly checks.
CASUALTY_CUES = (
    "kill", "dead", "died", "dies", "death", "wound", "injur", "hurt", "casualt", "harm", "toll",
    "losses", "deni", "dismiss", "reject", "refut", " hit ", " shot", "struck", "victims", "fatal",
    "perish", "burns", "victim", " lost ", "false", "untrue", "disinformation", "groundless",
    "martyr", "succumb", " fell ", "lives", " lie", "never happened", "did not happen", "not fire", "loss",
    "not open", "never took place",
)


def has_casualty_cue(lower_text: str) -> bool:
    """Cheap substring test (no regex) run before any real work."""
    return any(cue in lower_text for cue in CASUALTY_CUES)


def _prepare(text: str, published: datetime) -> list[Sentence]:
    pub_day = local_day(published)
    out: list[Sentence] = []
    for index, raw in enumerate(split_sentences(text)):
        words = tokenize(raw)
        low = [w.lower() for w in words]
        masked, _ = _mask_asides(low)
        sentence = Sentence(index, raw, words, low, masked, published)
        lower = raw.lower()
        sentence.lower = lower
        sentence.skip = (
            not has_casualty_cue(lower)
            or _historical(raw, pub_day)
            or bool(UNREST.search(lower))
            or (bool(OTHER_CONFLICT.search(raw)) and not OWN_CONFLICT.search(lower))
        )
        if not sentence.skip:
            span = _cumulative_at(raw, published)
            if span is not None:
                clause = _cumulative_clause(raw, span)
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


def _resolve_anchor_claimants(sentences: list[Sentence], source: str) -> None:
    """Give every anchor a concrete claimant; "the ministry said" takes the previous one."""
    last: str | None = None
    for sentence in sentences:
        sentence.anchors = find_anchors(sentence.words, sentence.low)
        for anchor in sentence.anchors:
            if anchor.claimant == ANAPHOR:
                anchor.anaphor = True
                # "the army said" with nobody named before: an institution named earlier in
                # the sentence ("soldiers of Nagorno-Karabakh's Defence Army ... the army said")
                anchor.claimant = last or classify_strong(sentence.low[: anchor.start]) or BARE
            if anchor.claimant and anchor.claimant not in (BARE, OWN):
                last = anchor.claimant
                sentence.claimants.add(anchor.claimant)


def _anchor_at(sentence: Sentence, pos: int) -> Anchor | None:
    """The anchor a figure at token `pos` is attributed to: nearest before it in the clause,
    else after it in the clause, else the sentence's last one before the clause."""
    before = [a for a in sentence.anchors if a.end <= pos and a.claimant and not a.deny]
    semicolons = [i for i, tok in enumerate(sentence.low[:pos]) if tok == ";"]
    earlier = before
    if semicolons:
        before = [a for a in before if a.start > semicolons[-1]]
    if before:
        return before[-1]
    after = [a for a in sentence.anchors if a.start >= pos and a.claimant and not a.deny]
    next_semicolon = next((i for i, tok in enumerate(sentence.low) if tok == ";" and i > pos), None)
    if next_semicolon is not None:
        after = [a for a in after if a.start < next_semicolon] or []
    if after:
        return after[0]
    # "..., Stepanakert's emergency service reported; one civilian was killed": a clause
    # with no anchor of its own continues the sentence's last attribution before it
    if earlier:
        return earlier[-1]
    return None


def _claimant_at(sentence: Sentence, pos: int, context: str | None) -> str:
    """Claimant for a figure at token `pos` (see `_anchor_at`), else the story's context."""
    anchor = _anchor_at(sentence, pos)
    if anchor is not None:
        return anchor.claimant or BARE
    return context or "unattributed"


SHIFT_CLAUSE = re.compile(r"(?:^|[,;]\s*)(([Aa]|[Oo]ne|[Tt]he|[Tt]wo|[Tt]hree) days? after\b[^,;]*)")


LATER_SPLIT = _ci(
    r"\bof (?:the|those) (dead|killed|wounded|injured)\b,? ([\w-]+) (?:were|was|are) civilians"
    r"|\b([\w-]+) of the (dead|killed|wounded|injured) (?:were|was|are) civilians"
)


def _apply_later_splits(sentences: list[Sentence], mentions: list[Mention]) -> None:
    """ "200 people were killed ... Of the dead, ten were civilians": armed 190, civilians 10."""
    for sentence in sentences:
        m = LATER_SPLIT.search(sentence.lower) if "civilian" in sentence.lower else None
        if not m:
            continue
        what, number = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        field = "killed" if what in ("dead", "killed") else "wounded"
        count = count_at([number], 0)
        if count is None:
            continue
        for mention in reversed(mentions):
            if mention.sentence > sentence.index or mention.field != field:
                continue
            if mention.armed_side and mention.civil_side and mention.value > count.value:
                mention.value -= count.value
                mention.side = mention.armed_side
                mentions.append(Mention(field, count.value, mention.sentence, mention.claimant, mention.civil_side))
                # an unsplit figure of the other kind stays with the armed side (README rule 8)
                for other in mentions:
                    if other.sentence == mention.sentence and other.field != field and other.armed_side == mention.armed_side and other.side == other.civil_side:
                        other.side = other.armed_side
            break


def _names_both_sides(lower: str) -> bool:
    return bool(re.search(r"\barmenia", lower)) and bool(re.search(r"\bazerbaijan|\bbaku\b", lower))


def _resolve_bare(claimant: str, nation: str | None, side: str | None, outlet: str | None, places: list[PlaceMatch]) -> str:
    """Claimant behind "the Defence Ministry said" when no side was named before it.

    Armed forces report their own losses, so the victims' nationality decides; else the
    outlet's country (Armenpress's "the Defence Ministry" is Armenia's); else the place.
    "According to the two sides" (OWN) means each side for its own losses.
    """
    if claimant == OWN:
        return side if side in PARTIES else "unattributed"
    if claimant != BARE:
        return claimant
    if nation in PARTIES:
        return nation
    if outlet:
        return outlet
    for place in places:
        if place.place.name.casefold() not in NOT_LOCATIONS:
            return SIDE_OF_PLACE[place.place.side]
    return "unattributed"


ATTACKER = _ci(
    r"\b(armenian|azerbaijani) (?:armed forces|army|forces|units|troops|soldiers|military|side|servicemen)\b"
    r"[^.;]{0,40}?\b(?:fired|opened fire|shelled|attacked|violated|struck|targeted)\b"
)


def _accuser(lower: str) -> str | None:
    """Who speaks in "Armenian units fired at army positions, the Defence Ministry said": the
    side accusing the other (a ministry names the other side as the attacker)."""
    m = ATTACKER.search(lower)
    if not m:
        return None
    return "Azerbaijan" if m.group(1) == "armenian" else "Armenia"


def _mentions_in(sentence: Sentence, context: str | None, story_places: Callable[[], list[PlaceMatch]], outlet: str | None = None, fallback: dict[str, str] | None = None) -> list[Mention]:
    """All casualty figures of one sentence, with claimant and side."""
    low, masked = sentence.low, sentence.masked
    _, splits = _mask_asides(low)
    out: list[Mention] = []
    used: set[int] = set()
    places = sentence.places or story_places()
    n = len(low)
    first_trigger: int | None = None

    def add(field: str, count: Count, np: list[str], pos: int, toll: bool = False) -> None:
        before = len(out)
        _add(field, count, np, pos, toll)
        for mention in out[before:]:
            mention.pos = count.start

    def _add(field: str, count: Count, np: list[str], pos: int, toll: bool = False) -> None:
        nonlocal first_trigger
        if sentence.after_colon >= 0 and pos > sentence.after_colon and first_trigger is not None and first_trigger < sentence.after_colon:
            return  # "At least 20 died ...: 13 bodies found and seven died in hospital"
        if first_trigger is None:
            first_trigger = pos
        for k in range(count.start, count.end):
            used.add(k)
        np = [w for k, w in enumerate(np) if not (0 <= count.end + k < n and masked[count.end + k])] if not toll else []
        if any(w in NOT_PEOPLE for w in np[:2]) and not any(w in PERSON_WORDS for w in np):
            return
        claimant = _claimant_at(sentence, count.start, context)
        if claimant in (BARE, OWN) and toll:
            claimant = outlet or "unattributed"
        if toll and (SUM_MARKERS.search(sentence.lower) or (claimant not in PARTIES and _names_both_sides(sentence.lower))):
            return  # "the death toll from fighting between Azerbaijan and Armenian forces rose to 39"
        if toll:
            # "the death toll has risen to 68": victims named elsewhere; resolved at merge
            out.append(Mention(field, count.value, sentence.index, claimant, TOLL_SIDE, count.high, count.more,
                               superseded=_superseded(low, count.start)))
            return
        if np[:2] in (["of", "them"], ["of", "those"]) or np[:2] == ["of", "whom"]:
            # "injuring one of them": the people named earlier in the sentence
            for k in range(count.start - 1, max(-1, count.start - 15), -1):
                if low[k] in PERSON_WORDS and low[k] not in OTHER_PEOPLE:
                    np = low[k - 1:k + 1] if k > 0 and low[k - 1] in NATION_ADJ else [low[k]]
                    break
        own = any(w in POSSESSIVE_OWN for w in np)
        nation = _nation_of(np)
        if nation is None and not own and SUM_MARKERS.search(" ".join(low[max(0, count.start - 4):pos + 6])):
            return  # "nearly 5,000 people were killed on both sides"
        if claimant in (BARE, OWN):
            military_side = _side(nation, _is_civil(np) or False, "", places, False) if claimant == OWN else None
            was_bare = claimant == BARE
            claimant = _resolve_bare(claimant, nation, military_side, outlet, places)
            anchor = _anchor_at(sentence, count.start)
            if was_bare and anchor is not None and anchor.claimant == BARE and claimant in PARTIES:
                # "the ministry said ... an Azerbaijani soldier was wounded ... killing four members
                # of the formations": once settled, the anchor speaks for the whole sentence
                anchor.claimant = claimant
        described = own or nation is not None or any(w in PERSON_WORDS for w in np if w not in OTHER_PEOPLE)
        if not described and out and out[-1].claimant == claimant and out[-1].field != field:
            # "19 civilians dead and more than 60 wounded": the second figure shares the victims
            shared = Mention(field, count.value, sentence.index, claimant, out[-1].side, count.high, count.more)
            shared.armed_side, shared.civil_side = out[-1].armed_side, out[-1].civil_side
            out.append(shared)
            return
        # "12 people, four of them civilians, were killed" / "12 people were killed, four of them civilians"
        split = [c for at, c in splits if count.start <= at <= max(pos, count.end) + 5 or (
            count.end < at <= count.end + 10 and not any(
                w in KILL_WORDS or w in WOUND_WORDS or w in ACTIVE_KILL or w in ACTIVE_WOUND or word_value(w) is not None
                for w in low[count.end:at - 1]))]
        civil = _is_civil(np, split=bool(split))
        if "family" in low[max(0, count.start - 3):count.start] or "families" in low[max(0, count.start - 3):count.start]:
            civil = True  # "a family of five"
        if civil is None and nation in ("Armenia", "Azerbaijan", "Karabakh", "Russia") and not any(w in NATIONAL_NOUNS for w in np):
            civil = False
        if civil is None and nation is None and not own and claimant not in PARTIES:
            civil = True  # an NGO, a company or the outlet naming no force: people, not troops
        if civil is None:
            civil = False
        side = _side(nation, civil, claimant, places, own)
        if side is None and not civil and fallback:
            side = fallback.get(claimant)  # "A fifth soldier was wounded" after "four Armenian soldiers"
        if side is None:
            return
        value = count.value
        if split and not civil:
            civilians = split[0]
            civ_side = _side(nation if nation != "Karabakh" else "Armenia", True, claimant, places, own)
            if civ_side:
                out.append(Mention(field, civilians, sentence.index, claimant, civ_side))
            # the armed figure goes last: an elided "and 300 wounded" that follows shares it
            out.append(Mention(field, value - civilians, sentence.index, claimant, side, count.high, count.more, civilians))
            return
        mention = Mention(field, value, sentence.index, claimant, side, count.high, count.more, group=pos)
        mention.superseded = _superseded(low, count.start)
        if mention.superseded and not described:
            mention.side = TOLL_SIDE  # "initially reported two dead": whose, the later figures say
        if not (set(np) & SPECIFIC_PEOPLE):
            mention.armed_side = _side(nation, False, claimant, places, own)
            mention.civil_side = _side(nation if nation != "Karabakh" else "Armenia", True, claimant, places, own)
        out.append(mention)

    for t in range(n):
        tok = low[t]
        if masked[t]:
            continue
        field = None
        if tok in KILL_WORDS:
            field = "killed"
        elif tok in WOUND_WORDS:
            field = "wounded"
            if t > 0 and low[t - 1] in ("fatally", "mortally"):
                field = "killed"
            if tok in ("wounds", "injuries", "injury", "wound") and t > 1 and low[t - 2] == "of" and low[t - 1] in ("his", "her", "their", "its"):
                continue  # "died of his wounds": already counted as killed
            if tok in ("wounds", "wound", "injuries", "injury", "burns") and not (t > 0 and low[t - 1] in ("suffered", "sustained", "with", "moderate", "minor", "serious", "severe", "light", "varying", "of")) and not any(w in ("with", "suffered", "sustained", "received") for w in low[max(0, t - 3):t - 1]):
                continue
            if tok == "burns" and not (t > 0 and low[t - 1] == "with"):
                continue
        elif tok == "toll" or (tok == "number" and t + 2 < n and low[t + 1] == "of"):
            # "the death toll ... has risen to at least 68", "bringing the number of wounded to three"
            if t > 0 and low[t - 1] in ("earlier", "previous", "initial", "first"):
                continue
            kind = "killed"
            if tok == "number":
                what = low[t + 2: t + 5]
                if any(w in ("wounded", "injured") for w in what):
                    kind = "wounded"
                elif not any(w in ("dead", "killed", "deaths", "victims", "fatalities") for w in what):
                    continue
            elif t > 0 and low[t - 1] in ("injury", "casualty"):
                continue
            for k in range(t + 1, min(n, t + 22)):
                if low[k] in (";", "."):
                    break
                if low[k] in ("to", "at", "reached", "is", "was", "stands", "stood", "as") and k + 1 < n:
                    m = k + 1
                    while m < n and low[m] in ("at", "least", "some", "about", "around", "nearly", "almost", "more", "than", "over"):
                        m += 1
                    count = count_at(low, m)
                    if count is not None and m not in used:
                        before = low[max(0, t - 3):t]
                        if tok == "number":
                            # "the number of Armenian soldiers killed rose to 135"
                            what_np = [w for w in low[t + 2:t + 6] if w in PERSON_WORDS or w in NATION_ADJ]
                            if any(w in SPECIFIC_PEOPLE for w in what_np):
                                add(kind, count, what_np, t)
                                break
                        if "military" in before or "army" in before:
                            add(kind, count, ["military"], t)  # "the military death toll"
                        elif "civilian" in before:
                            add(kind, count, ["civilians"], t)
                        else:
                            add(kind, count, [], t, toll=True)
                        break
            continue
        elif tok == "losses" and t + 2 < n and low[t + 1] == "at":
            count = count_at(low, t + 2)
            if count is not None:
                np = low[count.end:count.end + 3]
                add("killed", count, low[max(0, t - 2):t] + np, t)
            continue
        elif tok in ("hit", "shot", "struck") and t > 0 and low[t - 1] in AUX:
            tail = low[t + 1:t + 8]
            if "dead" in tail[:1]:
                field = "killed"
            elif any(w in ("gunfire", "bullet", "shrapnel", "sniper", "fire") for w in tail) or (tok == "shot" and tail[:1] == ["in"]):
                field = "wounded"
            elif FIRE_CONTEXT.search(sentence.lower):
                # "one of its own soldiers had been hit": a person hit in a shooting is wounded
                count, np, _ = _left_count(low, masked, t, used, sentence.words)
                if count is not None and any(w in PERSON_WORDS for w in np):
                    add("wounded", count, np, t)
                continue
            else:
                continue
        elif tok == "lost" and t + 2 < n and low[t + 1] in ("his", "her", "a", "an", "both", "their", "one") and low[t + 2] in LIMBS:
            field = "wounded"  # "a shepherd lost his leg"
        elif tok in ("lost", "loss", "losses") and t + 2 < n and _lost_people(low, t) is not None:
            # "Baku said it lost 71 servicemen", "acknowledged the loss of 50 troops"
            count = _lost_people(low, t)
            add("killed", count, low[count.end:count.end + 3], t)
            continue
        elif tok in ("kills", "injures"):
            field = "killed" if tok == "kills" else "wounded"  # headline style: "drone strike kills two soldiers"
        elif tok in ("lost", "gave", "laid") and t + 2 < n and low[t + 1] in ("his", "her", "their") and low[t + 2] in ("lives", "life"):
            field = "killed"  # "sixteen servicemen lost their lives"
        elif tok == "fell" and t + 1 < n and (low[t + 1] in ("heroically", "defending", "fighting") or low[t + 1:t + 3] in (["in", "battle"], ["in", "combat"], ["in", "action"]) or low[t + 1:t + 4] == ["in", "the", "line"]):
            field = "killed"  # "two conscripts fell in battle"
        elif tok in ("succumbed", "succumbs") and t + 2 < n and low[t + 1] == "to" and any(w in ("wounds", "injuries", "wound", "injury") for w in low[t + 2:t + 4]):
            field = "killed"  # "a soldier succumbed to his wounds"
        elif tok in ("killing", "wounding", "injuring", "leaving", "claimed"):
            pass
        else:
            continue

        if field is None and tok in ("killing", "wounding", "injuring"):
            field = "killed" if tok == "killing" else "wounded"
        if field is None:
            continue  # "leaving"/"claimed" are handled through the adjectives that follow
        # "Yerevan's report of a wounded Armenian soldier": one person, described after the adjective
        if t > 0 and low[t - 1] in ("a", "an") and tok in ("wounded", "injured", "dead", "killed"):
            k = t + 1
            while k < n and k - t <= 3 and (low[k] in NATION_ADJ or low[k] in ("contract", "young", "local", "elderly", "second", "third")):
                k += 1
            if k < n and low[k] in PERSON_WORDS and not low[k].endswith("s"):
                add(field, Count(1, t - 1, t), low[t + 1:k + 1], t)
                continue
        # Skip adjective uses: "the wounded serviceman", "the injured pilot"
        if t > 0 and low[t - 1] in ("the", "a", "an") and t + 1 < n and (low[t + 1] in PERSON_WORDS):
            continue
        # "killed or wounded" and "casualties" without a split give no claim
        if t + 2 < n and low[t + 1] == "or" and (low[t + 2] in KILL_WORDS or low[t + 2] in WOUND_WORDS):
            used.update(range(max(0, t - 6), t))
            continue
        if t > 1 and low[t - 1] == "or" and (low[t - 2] in KILL_WORDS or low[t - 2] in WOUND_WORDS):
            continue
        passive = t > 0 and (low[t - 1] in BE or (t > 1 and low[t - 2] in BE and low[t - 1] in ("also", "reportedly", "seriously", "lightly", "critically", "fatally", "badly", "slightly")))
        right: list[tuple[Count, list[str]]] = []
        if not passive and (tok in ACTIVE_KILL or tok in ACTIVE_WOUND):
            right = _right_count(low, masked, t, used, sentence.words)
        if right:
            for count, np in right:
                add(field, count, np, t)
            continue
        start = t
        if tok in ("wounds", "wound", "injuries", "injury", "burns"):
            # "Another soldier sustained a gunshot wound": the figure is left of the verb
            for k in range(t - 1, max(-1, t - 4), -1):
                if low[k] in ("suffered", "sustained", "received", "with"):
                    start = k
                    break
        if field == "wounded" and tok in ("wounded", "injured") and _dies_later(low, t):
            continue  # "a border guard wounded on Monday succumbed to his injuries": killed only
        if tok in ("succumbed", "succumbs", "died", "dies") and t > 2:
            # "A border guard wounded on Monday succumbed ...": look past the participle
            for k in range(t - 1, max(0, t - 9), -1):
                if low[k] in ("wounded", "injured") and low[k - 1] in PERSON_WORDS:
                    start = k
                    break
                if low[k] in (",", ";", "and", "but") or low[k] in AUX:
                    break
        count, np, _ = _left_count(low, masked, start, used, sentence.words)
        if count is None:
            # "Siraj Abishov, Maharram Ibrahimov and Arif Aliyev died", "a woman and her grandson
            # had been killed": count the people coordinated in the subject
            count, np = _coordinated(sentence.words, low, masked, start, used)
        if count is None:
            continue
        # a subset: "A 16-year-old boy ... was among those who died"
        if SUBSET_AFTER.search(" ".join(low[count.start:t + 14])):
            continue
        add(field, count, np, t)
        # coordination to the left: "Another 293 servicemen and three civilians suffered wounds"
        if count.start >= 2 and low[count.start - 1] == "and":
            left, np2, _ = _left_count(low, masked, count.start - 1, used)
            if left is not None and any(w in PERSON_WORDS for w in np2):
                add(field, left, np2, t)
        # ellipsis: "Yerevan reporting 105 soldiers killed ... and Baku 71"
        for k in range(t + 1, min(n - 2, t + 16)):
            if low[k] == "and" and low[k + 1] in ("baku", "yerevan", "azerbaijan", "armenia", "moscow", "stepanakert"):
                nxt = count_at(low, k + 2)
                if nxt is not None and (nxt.end >= n or low[nxt.end] in (",", ".", ";")):
                    claimant = {"baku": "Azerbaijan", "azerbaijan": "Azerbaijan", "yerevan": "Armenia", "armenia": "Armenia", "moscow": "Russia", "stepanakert": "Karabakh"}[low[k + 1]]
                    used.update(range(nxt.start, nxt.end))
                    out.append(Mention(field, nxt.value, sentence.index, claimant, claimant))
                break
    return out


def _zero_mentions(sentence: Sentence, context: str | None, story_text: str, story_places: Callable[[], list[PlaceMatch]], outlet: str | None = None) -> list[Mention]:
    """Explicit zeros: "no casualties", "no civilians were hurt", and denials (README rule 9)."""
    out: list[Mention] = []
    for m in ZERO.finditer(sentence.lower or sentence.text.lower()):
        phrase = m.group(0).lower()
        if " reported" in phrase and "casualties" not in phrase and "injuries" not in phrase and "losses" not in phrase:
            continue
        pos = len(tokenize(sentence.text[: m.start()]))
        claimant = _claimant_at(sentence, pos, context)
        if claimant in (BARE, OWN):
            claimant = _resolve_bare(BARE, None, None, outlet, sentence.places or story_places())
        words = phrase.split()
        nation = _nation_of(words)
        if any(w in ("mission", "observers", "monitors") for w in words):
            side = "unknown"
        elif any(w.startswith("civilian") or w in ("people", "residents") for w in words):
            side = _side(nation, True, claimant, sentence.places or story_places(), False)
        else:
            side = _target_side(story_text, claimant)
            if side == "civilians":
                side = _side(nation, True, claimant, sentence.places or story_places(), False)
            side = side or _side(nation, False, claimant, [], True)
        if side:
            out.append(Mention("zero", 0, sentence.index, claimant, side, pos=pos))
    # "said its forces had not fired at Ganja", "an incident Yerevan insists never happened":
    # a negated attack denies it on behalf of the nearest anchor before it
    negated: set[int] = set()
    if sentence.anchors and ("not" in sentence.lower or "never" in sentence.lower or "none" in sentence.lower or "n't" in sentence.lower):
        for m in NEG_FIRE.finditer(sentence.lower):
            pos = len(tokenize(sentence.text[: m.start()]))
            owners = [k for k, a in enumerate(sentence.anchors) if a.end <= pos and pos - a.end <= 16]
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
        mention = Mention("zero", 0, sentence.index, denier, side or DENY_SIDE, pos=anchor.start)
        mention.denial = True
        out.append(mention)
    return out


def _lost_people(low: list[str], t: int) -> Count | None:
    """The count in "lost 71 servicemen" / "the loss of 50 troops" (people, not equipment)."""
    k = t + 1
    if low[t] in ("loss", "losses"):
        if k >= len(low) or low[k] != "of":
            return None
        k += 1
    while k < len(low) and low[k] in ("at", "least", "some", "about", "nearly", "more", "than", "over", "around"):
        k += 1
    count = count_at(low, k)
    if count is None or count.end >= len(low):
        return None
    head = [w for w in low[count.end:count.end + 3] if w not in NATION_ADJ]
    if not head or head[0] not in MILITARY_WORDS and head[0] not in CIVIL_WORDS:
        return None
    return count


def _dies_later(low: list[str], t: int) -> bool:
    """ "wounded on Monday succumbed/died ...": the wounded participle modifies a subject that died."""
    if t == 0 or low[t - 1] not in PERSON_WORDS:
        return False
    for k in range(t + 1, min(len(low), t + 7)):
        if low[k] in ("succumbed", "succumbs", "died", "dies"):
            return True
        if low[k] in (",", ";", "and", "but", ".") or low[k] in AUX:
            return False
    return False


def _transfers(sentence: Sentence, context: str | None, outlet: str | None, earlier: list[Mention]) -> list[Mention]:
    """ "The injured man died of his wounds": one of the claimant's wounded is now killed."""
    out: list[Mention] = []
    if "injured" not in sentence.lower and "wounded" not in sentence.lower:
        return out
    for m in TRANSFER.finditer(sentence.lower):
        pos = len(tokenize(sentence.text[: m.start()]))
        claimant = _claimant_at(sentence, pos, context)
        if claimant in (BARE, OWN):
            claimant = context or outlet or claimant
        prior = [x for x in earlier if x.field == "wounded" and x.claimant == claimant and x.side not in (TOLL_SIDE, DENY_SIDE)]
        if not prior:
            prior = [x for x in earlier if x.field == "wounded" and x.side not in (TOLL_SIDE, DENY_SIDE)]
        if prior:
            out.append(Mention("transfer", 1, sentence.index, prior[-1].claimant, prior[-1].side))
    return out


def _clause_after(low: list[str], start: int, limit: int) -> list[str]:
    """Tokens after an anchor up to the end of its clause (";" or ".")."""
    out: list[str] = []
    for tok in low[start:start + limit]:
        if tok in (";", "."):
            break
        out.append(tok)
    return out


def _denied_victims(rest: list[str], denier: str, places: list[PlaceMatch]) -> str | None:
    """Side whose losses a denial is about, when its object says so: "dismissing Yerevan's
    report of a wounded Armenian soldier" -> Armenia, "denied any losses" -> the denier."""
    if not any(w in KILL_WORDS or w in WOUND_WORDS or w in ACTIVE_KILL or w in ACTIVE_WOUND or w in ("losses", "casualties") for w in rest):
        return None
    for k, tok in enumerate(rest):
        if tok in PERSON_WORDS and tok not in OTHER_PEOPLE:
            nation = _nation_of(rest[max(0, k - 2):k + 1])
            if nation in PARTIES:
                return _side(nation, _is_civil([tok]) or False, denier, places, False)
    if "losses" in rest or "casualties" in rest:
        return denier if denier in PARTIES else None
    return None


def _deny_side(denial: Mention, mentions: list[Mention], text: str) -> str | None:
    """Who a denial is about (README rule 9): the victims the accuser reported, else the side
    said to be targeted, else the denier's adversary."""
    accusers = [m for m in mentions if m.claimant != denial.claimant and not m.denial and m.side not in (TOLL_SIDE, DENY_SIDE) and m.side]
    figures = [m for m in accusers if m.field != "zero"]
    if figures or accusers:
        return (figures or accusers)[0].side
    side = _target_side(text, None)
    other = {"Armenia": "Azerbaijan", "Azerbaijan": "Armenia", "Karabakh": "Azerbaijan"}.get(denial.claimant)
    if side == "civilians":
        return {"Azerbaijan": "civilians-Azerbaijan", "Armenia": "civilians-Armenia"}.get(other or "")
    if side is None or side == denial.claimant:
        return other
    return side


def _target_side(story_text: str, claimant: str | None) -> str | None:
    """Who was fired at: "fired at European Union observers" -> unknown, "fired at Azerbaijani
    positions" -> Azerbaijan, "firing at the city" -> "civilians" (whose, the caller decides)."""
    lower = story_text.lower()
    m = TARGET.search(lower) or TARGET_HIT.search(lower)
    if not m:
        return None
    words = m.group(1).split()
    if any(w in ("observers", "monitors", "mission", "patrol", "eu", "european") for w in words):
        return "unknown"
    nation = _nation_of(words)
    if any(w in ("city", "town", "village", "villages", "residential", "civilians", "homes", "houses", "towns", "cities") for w in words):
        if nation in ("Armenia", "Karabakh"):
            return "civilians-Armenia"
        if nation == "Azerbaijan":
            return "civilians-Azerbaijan"
        return "civilians"
    if nation in ("Armenia", "Azerbaijan", "Karabakh"):
        return nation
    return None


def _scoped_text(sentences: list[Sentence], indexes: set[int], claimant: str, parts: dict[int, int] | None = None) -> tuple[str, str, str]:
    """Text of the claim's own sentences (or clauses), of its claimant's sentences, and of the story."""
    parts = parts or {}
    own = " ".join(s.part_text(parts.get(s.index, -1)) for s in sentences if s.index in indexes)
    same = " ".join(s.text for s in sentences if s.index in indexes or claimant in s.claimants or not s.claimants)
    story = " ".join(s.text for s in sentences)
    return own, same, story


@lru_cache(maxsize=64)
def _event_type_in(text: str) -> str | None:
    """First event-type cue in (lower-cased) text; cached because a story's claims share text."""
    for name, pattern in EVENT_TYPE_CUES:
        if name == "sniper fire" and OFFENSIVE.search(text):
            return "armed clash"  # "launched a full-scale attack ... using artillery and drones"
        if pattern.search(text):
            if name == "drone strike" and ATTACK.search(text) and HEAVY_WEAPONS.search(text):
                return "armed clash"  # "attacked positions with combat drones and mortars"
            if name == "armed clash" and OPENED_FIRE.search(text) and not FIGHTING.search(text):
                target = OPENED_FIRE.search(text).group(1).split()
                if _is_civil(target) and not any(w in MILITARY_WORDS or w in ("positions", "posts", "post", "position") for w in target):
                    return "ceasefire violation"  # "opened fire on four men repairing a pipeline"
            return name
    return None


# A ground offensive is fighting even when guns and drones are named.
OFFENSIVE = _ci(
    r"\b(?:(?:military |ground |counter-?|large-scale |full-scale )offensive|offensive (?:operation|along)|full-scale (?:attack|assault|war|offensive)|"
    r"ground (?:assault|attack|operation|offensive)|along the (?:entire )?(?:line of contact|front ?line|front)|anti-terror(?:ist)? (?:measures|operation)|"
    r"launched an? (?:\w+ )?offensive)\b"
)
ATTACK = _ci(r"\b(?:attack(?:ed|s|ing)?|assault\w*|offensive|stormed)\b")
HEAVY_WEAPONS = _ci(r"\b(?:mortars?|artillery|tanks?|howitzers?|rockets?|grad)\b")
FIGHTING = _ci(r"\b(?:clash\w*|fighting|firefight|exchange of fire|exchanged fire|ambush\w*|battle|assault|returned fire|offensive)\b")
FIRE_CONTEXT = _ci(r"\b(?:fire|fired|firing|sniper|shot|shooting|gunfire|shelling|shelled|direction|positions?)\b")
OPENED_FIRE = _ci(r"\bopened (?:\w+ )?fire(?: with [\w\s-]{0,30}?)? (?:on|at) ((?:[\w'-]+ ){0,4}[\w'-]+)")


def event_type_of(*scopes: str) -> str:
    """First matching event type cue, trying the narrowest text first."""
    for scope in scopes:
        found = _event_type_in(scope.lower())
        if found:
            return found
    return "armed clash"


@lru_cache(maxsize=64)
def _weapons_in(text: str) -> tuple[str, ...]:
    found = [name for name, pattern in WEAPON_CUES if pattern.search(text)]
    if "sniper" in found and "small arms" in found and not re.search(r"\b(?:gunfire|assault rifles?|machine[- ]guns?|small arms)\b", text):
        found.remove("small arms")
    return tuple(found)


def weapons_of(text: str) -> list[str]:
    """Weapons named in text, in the corpus vocabulary."""
    return list(_weapons_in(text.lower()))


def extract_story(title: str, summary: str, published: datetime, source: str = "") -> list[Claim]:
    """Claims of one (relevant) story; see the module docstring for the rules."""
    del title  # figures come from the summary only; see module docstring
    if not summary or not has_casualty_cue(summary.lower()):
        return []
    # the cue caches only serve the claims of one story (keeps benchmarks honest, memory flat)
    _event_type_in.cache_clear()
    _weapons_in.cache_clear()
    sentences = _prepare(summary, published)
    _resolve_anchor_claimants(sentences, source)
    cache: list[list[PlaceMatch]] = []

    def story_places() -> list[PlaceMatch]:
        if not cache:
            cache.append([p for s in sentences for p in s.places])
        return cache[0]

    outlet = OUTLET_COUNTRY.get(source.strip().casefold())

    mentions: list[Mention] = []
    context: str | None = None
    fallback: dict[str, str] = {}  # claimant -> side of the armed victims it last named
    for sentence in sentences:
        # "It rejected ...", "the ministry said" after a story-opening bare "the Defence
        # Ministry said": the anaphor follows the claimant settled since
        for anchor in sentence.anchors:
            if anchor.claimant == BARE and anchor.anaphor and context:
                anchor.claimant = context
        # claimant carried from earlier sentences ("the ministry said" -> last named)
        if not sentence.skip:
            found = _mentions_in(sentence, context, story_places, outlet, fallback)
            found += _zero_mentions(sentence, context, summary, story_places, outlet)
            found += _transfers(sentence, context, outlet, mentions + found)
            if sentence.shift_span is not None:
                lo, hi = sentence.shift_tokens
                for mention in found:
                    if mention.pos >= 0:
                        mention.part = 1 if lo <= mention.pos < hi else 0
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
                anchor.claimant = parties[0] if parties else (outlet or _accuser(sentence.lower))
        if sentence.anchors:
            named = [a.claimant for a in sentence.anchors if a.claimant and a.claimant not in (BARE, OWN)]
            if named:
                context = named[-1]

    _apply_later_splits(sentences, mentions)
    for mention in mentions:
        if mention.side == TOLL_SIDE:
            mention.side = _toll_side(mention, mentions, sentences, summary)
    for mention in mentions:
        if mention.side == DENY_SIDE:
            mention.side = _deny_side(mention, mentions, summary)
    # Baku's "illegal Armenian armed formations" in Karabakh are the Karabakh forces: "three
    # members of the Armenian group" there are the Karabakh side (README rule 7)
    lower_summary = summary.lower()
    if ("formation" in lower_summary or "separatist" in lower_summary or "detachment" in lower_summary or "illegal" in lower_summary) and KARABAKH_FRAME.search(lower_summary):
        sides = {p.place.side for p in story_places() if p.place.name.casefold() not in NOT_LOCATIONS}
        if sides == {"karabakh"} or (sides and sides <= {"karabakh", "azerbaijan"} and "karabakh" in sides):
            for mention in mentions:
                if mention.side == "Armenia" and mention.claimant not in ("Armenia", "Karabakh"):
                    mention.side = "Karabakh"
    mentions = [m for m in mentions if m.side]
    # "two journalists and a local official were killed": one verb, one side -> add up
    summed: dict[tuple, Mention] = {}
    kept: list[Mention] = []
    for mention in mentions:
        if mention.group < 0 or mention.field == "zero":
            kept.append(mention)
            continue
        key = (mention.sentence, mention.group, mention.claimant, mention.side, mention.field)
        if key in summed:
            summed[key].value += mention.value
        else:
            summed[key] = mention
            kept.append(mention)
    mentions = kept
    # merge per (claimant, side)
    merged: dict[tuple[str, str], dict] = {}
    for mention in mentions:
        key = (mention.claimant, mention.side)
        slot = merged.setdefault(key, {"killed": None, "wounded": None, "killed_high": None, "wounded_high": None, "sentences": set(), "zero": False})
        slot["sentences"].add(mention.sentence)
        slot.setdefault("parts", {}).setdefault(mention.sentence, set()).add(mention.part)
        if mention.field == "zero":
            slot["zero"] = True
            continue
        last = slot.setdefault("last", {"killed": None, "wounded": None})
        tentative = slot.setdefault("tentative", {"killed": None, "wounded": None})
        if mention.field == "transfer":
            # "the injured man died of his wounds": one wounded becomes one killed
            killed = (last["killed"] if last["killed"] is not None else (slot["killed"] or tentative["killed"] or 0)) + mention.value
            wounded = max(0, (last["wounded"] if last["wounded"] is not None else (slot["wounded"] or tentative["wounded"] or 0)) - mention.value)
            last["killed"], last["wounded"] = killed, wounded
            slot["killed"] = max(slot["killed"] or 0, killed)
            slot["wounded"], tentative["wounded"] = wounded, None
            continue
        previous = last[mention.field] if last[mention.field] is not None else (slot[mention.field] or 0)
        value = previous + mention.value if mention.more and previous else mention.value
        last[mention.field] = value
        if mention.superseded:
            # "first put the death toll at 12": kept only if the story gives nothing later
            tentative[mention.field] = max(tentative[mention.field] or 0, value)
            continue
        slot[mention.field] = max(slot[mention.field] or 0, value)
        if mention.high is not None:
            slot[mention.field + "_high"] = mention.high
    for slot in merged.values():
        for name, value in slot.get("tentative", {}).items():
            if slot[name] is None and value is not None:
                slot[name] = value

    claims: list[Claim] = []
    pub_day = local_day(published)
    bare_zero: list[tuple[Claim, bool, bool, bool]] = []  # zero claims and what their own sentences lack
    for (claimant, side), slot in merged.items():
        if slot["killed"] is None and slot["wounded"] is None and not slot["zero"]:
            continue
        indexes: set[int] = slot["sentences"]
        first = min(indexes)
        parts = {i: (next(iter(p)) if len(p) == 1 else -1) for i, p in slot.get("parts", {}).items()}
        own, same, story = _scoped_text(sentences, indexes, claimant, parts)
        day = _event_day(sentences, first, pub_day)
        if parts.get(first) == 1:
            day -= timedelta(days=sentences[first].shift_days)  # "a day after ..."
        etype = event_type_of(own, same, story)
        weapons = weapons_of(own) or weapons_of(same)
        kind = _kind(etype, weapons, own or story)
        taken = {i for key, other in merged.items() if key != (claimant, side) for i in other["sentences"]} - indexes
        locations = _locations(sentences, indexes, claimant, taken, parts)
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
            bare_zero.append((
                claim,
                not any(best_date(s.dates) for s in own_sentences),
                not any(incident_places(s.text, s.part_places(parts.get(s.index, -1))) for s in own_sentences),
                _event_type_in(own.lower()) is None,
            ))
    # "The ministry in Baku rejected the account as disinformation": a zero claim whose own
    # sentence gives no date, place or kind of attack is about the incident the story reports
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
    return [claim for claim in claims if _valid(claim, outlet)]


def _valid(claim: Claim, outlet: str | None) -> bool:
    """Only schema values leave the extractor (models.CLAIMANTS, SIDES, EVENT_TYPES, WEAPONS);
    an unresolved claimant falls back to the outlet's country, else the outlet's own voice."""
    if claim.claimant not in CLAIMANTS:
        claim.claimant = outlet if outlet in CLAIMANTS else "unattributed"
    if claim.event_type not in EVENT_TYPES:
        claim.event_type = "other"
    claim.weapons = [w for w in claim.weapons if w in WEAPONS]
    return claim.side_affected in SIDES and claim.killed >= 0 and claim.wounded >= 0


# A place name used for an institution or people, not where something happened:
# "the Karabakh Defence Army", "Karabakh's ombudsman", "Artsakh Armenians".
_INSTITUTION_AFTER = re.compile(
    r"^(?:'s|’s)?\s+(?:(?:human rights |State |Interior |Emergency |Health |Foreign |Defen[cs]e )?"
    r"(?:Defen[cs]e Army|Defen[cs]e Ministry|army|Army|ombudsman|Ombudsman|police|Police|authorities|officials|"
    r"leader|leadership|president|President|government|Government|forces|Armenians?|Ministry|ministry|"
    r"Service|service|emergency|health|parliament|separatists?|side|de facto|Human Rights|human rights|"
    r"press service|administration|military|Security Council|mayor|governor|head))"
)
# "in the central hospital in Barda", "a Stepanakert hospital", "talks in Moscow"
_VENUE_BEFORE = re.compile(r"(?:hospital|hospitals|morgue|clinic|medical cent(?:re|er)|talks|meeting|summit|negotiations|evacuated|taken|flown|airlifted|transferred)(?: \w+){0,1} (?:in|to|at) (?:the )?$", re.I)
_VENUE_AFTER = re.compile(r"^(?:'s|’s)?\s+(?:\w+ )?(?:hospital|morgue|clinic|medical cent(?:re|er))", re.I)
_REGIONS = frozenset({"nagorno-karabakh"})
_VENUE_WORDS = ("hospital", "morgue", "clinic", "medical", "talks", "meeting", "summit", "negotiat", "evacuated", "taken", "flown", "airlifted", "transferred")


def incident_places(text: str, matches: list[PlaceMatch]) -> list[PlaceMatch]:
    """Places of one sentence that can be where an incident happened (README: "place names as
    written ... for this claim"): not capitals used for governments, not institutions named
    after a place, not hospitals or meeting venues; the whole region only when the sentence
    names nothing more specific."""
    kept: list[PlaceMatch] = []
    lower = text.lower()
    venues = any(word in lower for word in _VENUE_WORDS)
    for match in matches:
        if match.place.name.casefold() in NOT_LOCATIONS:
            continue
        after = text[match.end: match.end + 40]
        if _INSTITUTION_AFTER.match(after) or (venues and _VENUE_AFTER.match(after)):
            continue
        if venues and _VENUE_BEFORE.search(text[max(0, match.start - 40): match.start]):
            continue
        kept.append(match)
    if any(m.place.name.casefold() not in _REGIONS for m in kept):
        kept = [m for m in kept if m.place.name.casefold() not in _REGIONS]
    return kept


NON_COMBAT = _ci(
    r"\b(?:fire broke out|caught fire|barracks fire|depot|warehouse|accident\w*|carelessness|negligence|"
    r"blew up|explosion at|blast at|crash\w*|collapsed?|drowned|heart attack|suicide|fuel|gas leak|"
    r"overturned|road accident|car accident|traffic accident|fell|avalanche|illness|hazing)\b"
)
HOSTILE = _ci(r"\b(?:shot down|brought down|downed|downing|attack\w*|fired|shelling|strike)\b")


def _kind(event_type: str, weapons: list[str], text: str) -> str:
    """combat / landmine / non-combat (README rule 10: fires and depot blasts are non-combat)."""
    if event_type == "landmine":
        return "landmine"
    text = text.lower()
    if event_type == "other" and not weapons and NON_COMBAT.search(text) and not HOSTILE.search(text):
        return "non-combat"
    return "combat"


def _toll_side(toll: Mention, mentions: list[Mention], sentences: list[Sentence], text: str) -> str | None:
    """Whose toll: the side this claimant gives other figures for, else civilians of the place
    for blasts and fires, else the claimant's own forces."""
    sides = {m.side for m in mentions if m.claimant == toll.claimant and m.side != TOLL_SIDE}
    if len(sides) == 1:
        return sides.pop()
    if event_type_of(text) in ("other", "landmine", "shelling/artillery") or re.search(r"\bcivilians?\b", text):
        places = [p for s in sentences for p in s.places]
        return _side(None, True, toll.claimant if toll.claimant in PARTIES else "", places, False)
    return toll.claimant if toll.claimant in PARTIES else None


def _event_day(sentences: list[Sentence], first: int, pub_day: date) -> date:
    """Date of the claim's first sentence, else the nearest earlier sentence with a date."""
    for index in range(first, -1, -1):
        day = best_date(sentences[index].dates)
        if day is not None and day <= pub_day and (pub_day - day).days < 400:
            return day
    for sentence in sentences:
        day = best_date(sentence.dates)
        if day is not None and day <= pub_day and (pub_day - day).days < 14:
            return day
    return pub_day


def _locations(sentences: list[Sentence], indexes: set[int], claimant: str, taken: set[int] | None = None, parts: dict[int, int] | None = None) -> list[str]:
    """Places as written: the claim's sentences, else its claimant's, else the story's
    (never a sentence that carries another claim: its places are that claim's)."""
    taken = taken or set()
    parts = parts or {}

    def collect(selected: list[Sentence]) -> list[str]:
        seen: list[str] = []
        for s in selected:
            for match in incident_places(s.text, s.part_places(parts.get(s.index, -1))):
                if match.text not in seen:
                    seen.append(match.text)
        return seen

    own = collect([s for s in sentences if s.index in indexes])
    if own:
        return own
    if any(parts.get(i, -1) >= 0 for i in indexes):
        # "carried out an operation in the area": the rest of the sentence names the place
        parts = {}
        own = collect([s for s in sentences if s.index in indexes])
        if own:
            return own
    # earlier sentences set the scene even when they carry another claim ("... on the
    # Khankendi-Khalfali road. Three members of the group were killed"); later ones do not
    first = min(indexes)
    same = collect([s for s in sentences if claimant in s.claimants and (s.index not in taken or s.index < first)])
    if same:
        return same
    return collect([s for s in sentences if not s.claimants and s.index not in taken])
