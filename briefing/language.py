"""Which language a story is written in, from its letters.

Why letters first: the four languages briefing reads are told apart by their scripts (Armenian,
Cyrillic) and, among Latin-script texts, by the letters only Azerbaijani uses (ə, ğ, ı, ş, ç, ö,
ü); that settles almost every story in microseconds, with no model to ship. The feed's configured
language is a hint that decides only when the text is too short or mixed to tell.
"""

from __future__ import annotations

import unicodedata

LANGUAGES = {"en": "English", "ru": "Russian", "az": "Azerbaijani", "hy": "Armenian"}
_AZ_LETTERS = frozenset("əğışçöüƏĞİŞÇÖÜ")
# letters Turkish shares with Azerbaijani are weaker evidence than ə, which only Azerbaijani has
_AZ_ONLY = frozenset("əƏ")


def detect_language(text: str, hint: str = "") -> str:
    """'en', 'ru', 'az', 'hy' (or the hint, when the text has too few letters to tell)."""
    if text.isascii():
        return "en" if len(text) >= 12 or hint not in LANGUAGES else hint
    armenian = cyrillic = latin = az = az_only = 0
    for char in text[:4000]:
        code = ord(char)
        if 0x0531 <= code <= 0x058F:
            armenian += 1
        elif 0x0400 <= code <= 0x04FF:
            cyrillic += 1
        elif char.isalpha() and (code < 0x0250 or code == 0x0259):  # ə (U+0259) lies past Latin Extended-B
            latin += 1
            if char in _AZ_LETTERS:
                az += 1
                az_only += char in _AZ_ONLY
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
