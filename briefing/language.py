"""Which language a story is written in, from its letters.

Why letters first: the four languages briefing reads are told apart by their scripts (Armenian,
Cyrillic) and, among Latin-script texts, by the letters only Azerbaijani uses (ə, ğ, ı, ş, ç, ö,
ü); that settles almost every story in microseconds, with no model to ship. The feed's configured
language is a hint that decides only when the text is too short or mixed to tell.
"""

from __future__ import annotations

import re
import unicodedata

LANGUAGES = {"en": "English", "ru": "Russian", "az": "Azerbaijani", "hy": "Armenian"}
_AZ_LETTERS = frozenset("əğışçöüƏĞİŞÇÖÜ")
# letters Turkish shares with Azerbaijani are weaker evidence than ə, which only Azerbaijani has
_AZ_ONLY = frozenset("əƏ")


# everything but one script's letters, removed in one pass to count that script (the extractor
# asks for every story's language: a loop over the characters in Python cost more than the rest)
_NOT_ARMENIAN = re.compile("[^\u0531-\u058f]+")
_NOT_CYRILLIC = re.compile("[^\u0400-\u04ff]+")
_NOT_ASCII_LETTER = re.compile("[^A-Za-z]+")
# the letters of Latin scripts beyond ASCII (ə, U+0259, lies past Latin Extended-B)
_OTHER_LATIN_LETTERS = "".join(char for char in map(chr, [*range(0x80, 0x250), 0x259]) if char.isalpha())
_NOT_OTHER_LATIN = re.compile(f"[^{re.escape(_OTHER_LATIN_LETTERS)}]+")


def detect_language(text: str, hint: str = "") -> str:
    """'en', 'ru', 'az', 'hy' (or the hint, when the text has too few letters to tell)."""
    if text.isascii():
        return "en" if len(text) >= 12 or hint not in LANGUAGES else hint
    sample = text[:4000]
    armenian = len(_NOT_ARMENIAN.sub("", sample))
    cyrillic = len(_NOT_CYRILLIC.sub("", sample))
    other_latin = _NOT_OTHER_LATIN.sub("", sample)
    latin = len(_NOT_ASCII_LETTER.sub("", sample)) + len(other_latin)
    az = sum(other_latin.count(char) for char in _AZ_LETTERS)
    az_only = sum(other_latin.count(char) for char in _AZ_ONLY)
    letters = armenian + cyrillic + latin
    if letters < 12:
        return hint if hint in LANGUAGES else "en"
    if armenian >= max(cyrillic, latin) * 0.5 and armenian > 0:
        return "hy"
    if cyrillic > latin:
        return "ru"
    if az_only or az >= max(3, latin // 60):
        return "az"
    if hint in LANGUAGES and hint != "en" and latin < 40:
        return hint
    return "en"


# How much of a story its language is read from: the headline and the first lines settle it, and
# reading no further keeps detection cheap where it runs for every fetched story.
SAMPLE_CHARS = 600


def story_language(title: str, summary: str, hint: str = "") -> str:
    """A story's language from its headline and first lines; `hint` is its feed's configured language."""
    return detect_language(f"{title}\n{summary[:SAMPLE_CHARS]}", hint)


def language_name(code: str) -> str:
    """'ru' -> 'Russian' (unknown codes as they are)."""
    return LANGUAGES.get(code, code)


def fold(text: str) -> str:
    """Lower case without accents, for matching transliterations ("Kəlbəcər" ~ "kelbecer")."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))
