"""Place names of the Armenia–Azerbaijan border and Karabakh, loaded from `places.csv`.

Why a gazetteer: incident grouping needs to know that a report from Sotk (Armenia) and
one from Kalbajar (Azerbaijan) can be the same fight, and the claim extractor needs to
know on which side of the line civilians were hurt.  Each place carries its side, rough
coordinates and the border *sectors* it sits on; two places sharing a sector are close
enough to be one incident when the dates agree.

Matching is done on capitalised word runs (plus an optional trailing generic word such as
"corridor" or "province"), looked up in a dict, which is much faster than one giant regex.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from importlib import resources

from .text import CAPITAL
from .quick import quick_init

SIDES = ("armenia", "azerbaijan", "karabakh")


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry; `name` is the canonical spelling."""

    name: str
    side: str
    lat: float
    lon: float
    sectors: tuple[str, ...]
    kind: str = "village"
    aliases: tuple[str, ...] = ()


# a place's side in the gazetteer -> the corpus's label for that side's country (or Karabakh)
PLACE_SIDE = {"armenia": "Armenia", "azerbaijan": "Azerbaijan", "karabakh": "Karabakh"}

# From October 2023 Karabakh's Armenian authorities no longer governed and its people had left: a
# place there in a later story is Azerbaijan's, and the people hurt there are (mine victims, police)
KARABAKH_UNDER_BAKU = date(2023, 10, 1)


def as_of(place: Place, published: date) -> Place:
    """The place with the side it had when the story was written (Karabakh's, Azerbaijan's after
    `KARABAKH_UNDER_BAKU`)."""
    if place.side == "karabakh" and published >= KARABAKH_UNDER_BAKU:
        return replace(place, side="azerbaijan")
    return place


@quick_init
@dataclass(frozen=True, slots=True)
class PlaceMatch:
    """A place found in a text: `text` is the spelling as written (what the corpus wants)."""

    text: str
    place: Place
    start: int
    end: int


@dataclass(slots=True)
class Gazetteer:
    """Lookup table from lower-cased spelling to place."""

    by_key: dict[str, Place] = field(default_factory=dict)
    places: list[Place] = field(default_factory=list)
    max_words: int = 1
    first_words: set[str] = field(default_factory=set)  # first words of multi-word spellings (speed)


# Capitalised word runs ("Verin Shorzha", "Nagorno-Karabakh's") optionally followed by a
# lower-case generic word that can be part of a name ("Lachin corridor", "Tavush province").
# (the capital comes first and its word edge is looked for behind it, "(?<!\w.)", so the engine
# can skip ahead to the next capital instead of trying every position)
_RUN = re.compile(
    rf"[{CAPITAL}](?<!\w.)[\w'’-]*(?:\s+[{CAPITAL}][\w'’-]*)*"
    r"(?:\s+(?:corridor|road|bridge|province|region|district|direction|reservoir|pass|exclave))?"
)
_POSSESSIVE = re.compile(r"['’]s$")

# Capitals and country names are used as metonyms for governments ("Baku said"), never
# as an incident location in the corpus sense.
NOT_LOCATIONS = frozenset({"baku", "yerevan", "moscow"})
# The sector of the whole former oblast: sharing only it is weak evidence of one incident.
BROAD_SECTOR = "karabakh"


def _parse_line(row: list[str]) -> Place | None:
    if not row or row[0].startswith("#") or len(row) < 6:
        return None
    name, aliases, side, lat, lon, sectors = (cell.strip() for cell in row[:6])
    kind = row[6].strip() if len(row) > 6 else "village"
    return Place(
        name=name,
        side=side,
        lat=float(lat),
        lon=float(lon),
        sectors=tuple(s for s in sectors.split(";") if s),
        kind=kind,
        aliases=tuple(a.strip() for a in aliases.split(";") if a.strip()),
    )


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    """Read the shipped places.csv once; later calls reuse the table."""
    gaz = Gazetteer()
    text = resources.files(__package__).joinpath("places.csv").read_text(encoding="utf-8")
    for row in csv.reader(line for line in text.splitlines() if line.strip()):
        place = _parse_line(row)
        if place is None:
            continue
        gaz.places.append(place)
        # "Aghdam (Tovuz)" is a display name; the text spelling is in the aliases.
        spellings = [place.name] if "(" not in place.name else []
        spellings += list(place.aliases)
        for spelling in spellings:
            key = spelling.casefold()
            gaz.by_key.setdefault(key, place)
            gaz.max_words = max(gaz.max_words, key.count(" ") + 1)
            if " " in key:
                gaz.first_words.add(key.split(" ", 1)[0])
    for path in resources.files(__package__).joinpath("lexicon").iterdir():
        if path.name.startswith("places-") and path.name.endswith(".csv"):
            _add_spellings(gaz, path.read_text(encoding="utf-8"))
    return gaz


def _add_spellings(gaz: Gazetteer, text: str) -> None:
    """A language's spellings of gazetteer places: `canonical name,spelling;spelling;...`."""
    by_name = {place.name.casefold(): place for place in gaz.places}
    for row in csv.reader(line for line in text.splitlines() if line.strip() and not line.startswith("#")):
        if len(row) < 2:
            continue
        place = by_name.get(row[0].strip().casefold())
        if place is None:
            continue
        for spelling in row[1].split(";"):
            key = spelling.strip().casefold()
            if key:
                gaz.by_key.setdefault(key, place)
                gaz.max_words = max(gaz.max_words, key.count(" ") + 1)
                if " " in key:
                    gaz.first_words.add(key.split(" ", 1)[0])


# case endings of Russian, Azerbaijani and Armenian place names ("в Кельбаджаре", "Kəlbəcərdə",
# "Սոթքում"): a word not in the table is tried again without up to four final letters
_MAX_ENDING = 4
_MIN_STEM = 4


def _inflected(gaz: Gazetteer, key: str) -> Place | None:
    if key.isascii():
        return None
    for cut in range(1, _MAX_ENDING + 1):
        stem = key[:-cut]
        if len(stem) < _MIN_STEM:
            return None
        place = gaz.by_key.get(stem)
        if place is not None:
            return place
    return None


def _strip_possessive(phrase: str) -> str:
    """ "Karabakh's" -> "Karabakh" (a plain test: cheaper than the regex in the hot loop)."""
    return phrase[:-2] if phrase.endswith(("'s", "’s")) else phrase


def find_places(text: str) -> list[PlaceMatch]:
    """All gazetteer places in `text`, longest match first, in text order.

    A run like "Verin Shorzha" is tried as a whole, then shorter sub-runs from the left,
    so "Sotk gold mine" still yields "Sotk".
    """
    out: list[PlaceMatch] = []
    for run in _RUN.finditer(text):
        found = _places_in_run(run.group(0))
        if found:
            start = run.start()
            out += [PlaceMatch(written, place, start + offset, start + offset + len(written))
                    for offset, written, place in found]
    return out


# what each capitalised run holds, by the run's words: runs recur from story to story ("The",
# "Armenian", "Defence Ministry"), and what a run holds depends on its words alone
_RUNS: dict[str, tuple[tuple[int, str, Place], ...]] = {}
_RUNS_KEPT = 100_000


def _places_in_run(phrase: str) -> tuple[tuple[int, str, Place], ...]:
    found = _RUNS.get(phrase)
    if found is None:
        if len(_RUNS) > _RUNS_KEPT:
            _RUNS.clear()
        found = _RUNS[phrase] = tuple(_read_run(phrase))
    return found


def _read_run(phrase: str) -> list[tuple[int, str, Place]]:
    """(offset in the run, spelling as written, place) for each place of one capitalised run."""
    gaz = load()
    by_key = gaz.by_key
    if " " not in phrase:
        # one word (most runs: "The", "On", "Armenian"): a plain lookup (speed)
        key = _strip_possessive(phrase).casefold()
        place = by_key.get(key) or _inflected(gaz, key)
        if place is not None:
            return [(0, _strip_possessive(phrase), place)]
        if "-" not in phrase:
            return []
    out: list[tuple[int, str, Place]] = []
    words = phrase.split()
    offsets = []
    pos = 0
    for word in words:
        pos = phrase.index(word, pos)
        offsets.append(pos)
        pos += len(word)
    i = 0
    while i < len(words):
        found = None
        # multi-word spellings only when the first word can start one (speed)
        longest = min(len(words), i + gaz.max_words) if words[i].casefold() in gaz.first_words else i + 1
        for j in range(longest, i, -1):
            joined = " ".join(words[i:j])
            place = by_key.get(_strip_possessive(joined).casefold())
            if place is not None:
                found = (j, joined, place)
                break
        if found is None:
            # "Khankendi-Khalfali road", "Fuzuli-Hadrut road": a hyphenated pair of places
            hyphen = _hyphenated(words, i)
            if hyphen is not None:
                j, written, place = hyphen
                out.append((offsets[i], written, place))
                i = j
                continue
            i += 1
            continue
        j, joined, place = found
        if _personal_name(words, i, j):
            i = j  # "Senior Lieutenant Ararat Melkonyan": a first name, not the province
            continue
        out.append((offsets[i], _strip_possessive(joined), place))
        i = j
    return out


_SURNAME_ENDINGS = ("yan", "ian", "yants", "ov", "ev", "ova", "eva", "zade", "enko")
_TITLES = frozenset({"lieutenant", "sergeant", "private", "colonel", "major", "captain", "general", "corporal",
                     "mr", "mrs", "ms", "dr", "soldier", "serviceman", "officer", "driver", "resident"})


def _personal_name(words: list[str], i: int, j: int) -> bool:
    """The place spelling at words[i:j] is part of a person's name: followed by a surname
    ("Ararat Melkonyan", "Lachin Aliyev") or preceded by a rank ("Sergeant Shusha ...")."""
    if j < len(words) and _POSSESSIVE.sub("", words[j]).endswith(_SURNAME_ENDINGS) and load().by_key.get(words[j].casefold()) is None:
        return True
    return i > 0 and words[i - 1].casefold().rstrip(".") in _TITLES


_GENERIC = frozenset({"corridor", "road", "bridge", "province", "region", "district", "direction", "reservoir", "pass", "exclave", "highway"})


def _hyphenated(words: list[str], i: int) -> tuple[int, str, Place] | None:
    """A run word like "Khankendi-Khalfali" whose parts name a place: (end, as written, place)."""
    word = _POSSESSIVE.sub("", words[i])
    if "-" not in word:
        return None
    gaz = load()
    for part in word.split("-"):
        place = gaz.by_key.get(part.casefold())
        if place is not None and part[:1].isupper():
            end = i + 1
            written = word
            if end < len(words) and words[end].casefold() in _GENERIC:
                written = f"{word} {words[end]}"
                end += 1
            return end, written, place
    return None


def lookup(name: str) -> Place | None:
    """The place for one spelling, or None ("Fuzuli-Hadrut road" is Fuzuli's)."""
    key = _POSSESSIVE.sub("", name.strip()).casefold()
    place = load().by_key.get(key)
    if place is None and "-" in key:
        head = key.split()[0] if key.split() and key.split()[-1] in _GENERIC else key
        for part in head.split(" ")[0].split("-"):
            place = load().by_key.get(part)
            if place is not None:
                break
    return place


def sectors_of(names: list[str]) -> set[str]:
    """Union of the border sectors of the named places (unknown names are ignored)."""
    out: set[str] = set()
    for name in names:
        place = lookup(name)
        if place is not None:
            out.update(place.sectors)
    return out
