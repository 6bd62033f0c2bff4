"""How people's names are written: the one home of the patterns the stages read names with.

Why here: a named person is a count ("officers Aram Petrosyan, Davit Hakobyan and Ararat
Melkonyan"), one person named twice ("border guard, soldier Elvin Mammadli"), an official who
speaks again later ("Valiyev said") or a wounded man who died ("Private H. Matevosyan died"). Each
stage asks a different question, but all of them mean the same thing by a name word, so the words
are defined once here and the stages' patterns are built from them. No table row is a name: names
are open-ended, and what marks one is its capital letter (in any of the four scripts, `CAPITAL`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .text import CAPITAL

# a capitalised word of two letters or more: "Hakobyan", "Ter-Petrosyan", "O'Brien"
NAME_WORD = rf"[{CAPITAL}][\w'’-]+"
# a name word, or an initial or short form with its stop: "H.", "St."
NAME_WORD_OR_INITIAL = rf"[{CAPITAL}][\w'’.-]+"
# any capitalised word, even a lone capital letter (a first name or an initial before a surname)
CAPITALISED = rf"[{CAPITAL}][\w'’.-]*"
# a name word of four letters or more: what a surname that is matched again later at least is
SURNAME_WORD = rf"[{CAPITAL}][\w'’-]{{3,}}"
# an initial standing alone ("А. Матевосян"): its stop ends no sentence and its letter is no word
INITIAL = re.compile(rf"(?<!\w)[{CAPITAL}]\.")


def _run(word: str, least: int, most: int) -> str:
    """`least` to `most` of `word`, one space or more between them."""
    return rf"{word}(?:\s+{word}){{{least - 1},{most - 1}}}"


# one to three name words, initials too: one person's name in a list
NAME = _run(NAME_WORD_OR_INITIAL, 1, 3)
# a full name, two or three name words: "Elbrus Gurbanov", "Aziz Ali Mammadov"
FULL_NAME = re.compile(_run(NAME_WORD, 2, 3))
# how the names of a list are parted: a comma, or a short word ("and", "и", "və") before the next
_LIST_COMMA = r"\s*,\s*"
_LIST_WORD = r"\s+\w{1,3}\s+"
# names in a list right after a word: "Aram Petrosyan, Davit Hakobyan and Ararat Melkonyan"
NAME_LIST = re.compile(rf"\s*({NAME}(?:{_LIST_COMMA}{NAME})*(?:\s*,?{_LIST_WORD}{NAME})?)")
NAME_LIST_PARTS = re.compile(rf"{_LIST_COMMA}|{_LIST_WORD}(?=[{CAPITAL}])")
# a name word and then another capital after a comma: a person named right after a noun for them
# ("border guard, soldier Elvin Mammadli": the soldier is the border guard, named)
NAME_FOLLOWS = re.compile(rf"\s+{NAME_WORD}\s+[{CAPITAL}]")
# a surname where it is met again ("Private H. Matevosyan died")
SURNAME = re.compile(SURNAME_WORD)
# up to three capitalised words right after an official's title, the last the surname
# ("Deputy Defence Minister Karim Valiyev": group 1 is "Valiyev")
NAME_AFTER_TITLE = re.compile(rf"\s+(?:{CAPITALISED}\s+){{0,2}}({SURNAME_WORD})")


# what may stand between commas right after a name, a short aside with a number in it: the person's
# age or birth year ("Rauf Guliyev, born in 1962, was wounded"; "Арам Петросян, 1999 года рождения,";
# "Ali Aliyev, 46,"), or in brackets ("Aram Petrosyan (b. 1995)"), which keeps the name the subject of
# the verb after it
NAME_ASIDE = r"(?:\s*,\s*[^,;:.]{0,25}?\d{1,4}[^,;:.]{0,20}?,|\s*\([^()]{0,12}?\d{4}[^()]{0,6}\))?"


@lru_cache(maxsize=None)
def full_name_with_end(name_end: str) -> str:
    """A full name of two to four name words, with the language's word that may end one
    (`name_end`: "oğlu", the patronymic in Azerbaijani, "Həsənov Amid Hüseyn oğlu")."""
    return rf"{_run(NAME_WORD, 2, 4)}(?:\s+(?:{name_end}))?"
