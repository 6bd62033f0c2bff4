"""Stage 1: a story's text as sentences (the headline first).

Why a splitter of our own: feed summaries are short and messy (no final stop, quotes, ranks
such as "Lt." and initials inside names), and Armenian ends sentences with "։" or a plain colon.
A sentence is where the extractor looks for a figure's speaker and victims, so a wrong split
costs a claim; a missed split costs less (clause edges still separate two speakers).
"""

from __future__ import annotations

import re
from functools import lru_cache

# the capital letters of the four languages' scripts: a name, a sentence's start (one home for them)
CAPITAL = "A-ZÀ-ÖØ-ÞƏÜÖÇŞĞİА-ЯЁԱ-Ֆ"
# a stop, then space, then something that can start a sentence (a capital in any script, a
# quote, a digit, a bracket); Armenian's full stop "։" and its colon-as-stop end a sentence too.
# Written to start with the one character every end starts with (a closing quote, a space, the
# colon), each stop checked behind it: the engine then skips along the text to those characters
# instead of trying every branch at every place (the same ends as
# `(?<=[.!?։…])["”»’)]?\s+(?=NEXT)|(?<=[ա-ֆ]):\s+|(?<=[ա-ֆ.][)»]):\s+(?=NEXT)|\n+`, a third of the time;
# Armenian sites often type the colon for "։", after a closing bracket or quote too)
_NEXT = rf"(?=[\"“«(\[]?[{CAPITAL}0-9])"
_END = re.compile(rf"[\"”»’)\s:](?:(?<=[.!?։…][\"”»’)])\s+{_NEXT}|(?<=[.!?։…]\s)\s*{_NEXT}|(?<=[ա-ֆ]:)\s+|(?<=[ա-ֆ.][)»”\"]:)\s+{_NEXT}|(?<=\n)\n*)")
# words after which a stop does not end a sentence (ranks, titles, initials); only a piece's last
# characters can hold one (the longest, "approx.", is seven), so only they are searched
_ABBREVIATION_REACH = 12
_ABBREVIATION = re.compile(
    r"(?:\b(?:Lt|Gen|Col|Maj|Capt|Sgt|Pvt|Cpl|Cmdr|Adm|Mr|Mrs|Ms|Dr|St|No|Jr|Sr|Prof|Gov|Sen|Rep|Ltd|Inc|Co|vs|etc|approx|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|a\.m|p\.m|U\.S|U\.N|ул|г|им|тыс|млн|ст|ген|полк|с|д)\.|\b[A-ZА-Я]\.|\(b\.)$"
)


def split_sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) pairs; offsets index into `text`."""
    out: list[tuple[int, str]] = []
    start = 0
    for match in _END.finditer(text):
        piece = text[start:match.start()]
        bare = piece.rstrip("\"”»’)")
        if _ABBREVIATION.search(bare, max(0, len(bare) - _ABBREVIATION_REACH)):
            continue
        if piece.strip():
            out.append((start, piece))
        start = match.end()
    if text[start:].strip():
        out.append((start, text[start:]))
    return out


# typographic apostrophes read as the plain one, so "Armenia’s ministry" meets the tables'
# "Armenia's" (one character for one: offsets stay true)
_APOSTROPHES = "’‘ʼ`"


def _plain_apostrophes(text: str) -> str:
    """The apostrophes replaced only where they occur (`str.translate` reads every character)."""
    for char in _APOSTROPHES:
        if char in text:
            text = text.replace(char, "'")
    return text

# A parenthesis, a short stretch set off by a pair of dashes or of commas ("four soldiers – two of
# them officers – were killed", "Baku, for its part, said"), does not part the words on either side
# of it: the one rule, its two forms defined here. They are applied differently because their marks
# mean different things alone: a lone dash is a clause edge, so a pair's dashes are read as plain
# hyphens for every stage (one character for one, `_plain_parentheses`); a lone comma is a phrase
# edge to many rules and stays, so only the stage that joins a speaker to its speech word looks
# past a pair of commas (`attribution._interrupted`).
_DASH_PARENTHESIS = re.compile(r"(?<=\s)[–—](?=\s)([^–—.;]{1,80}?\s)[–—](?=\s)")
COMMA_PARENTHESIS = re.compile(r",\s*(?:[\w'’-]+\s+){0,3}[\w'’-]+\s*,")  # one to four words


def _plain_parentheses(text: str) -> str:
    return _DASH_PARENTHESIS.sub(lambda hit: "-" + hit.group(1) + "-", text) if "–" in text or "—" in text else text


# Armenian in the classical spelling (diaspora outlets: "վիրաւոր", "պաշտպանութեան", "յայտնում", "զօրամաս")
# read in the reformed spelling the tables are written in, where one letter stands for one letter:
# ւ → վ (not in ու, եւ), իւ → յու (իվ before a vowel), եա → յա, a longer word's final այ → ա ("վրայ", "20-ամեայ";
# not "հայ"), a word's first յ → հ, օ and է inside a word → ո and ե, and the verb endings
# where ու stands for վ before a vowel inside a word (-ուած → -ված, -ուել → -վել, "զինուոր" → "զինվոր", "տուեալ" → "տվյալ")
_CLASSICAL = re.compile(r"(?<![ոեիՈԵԻ])ւ")
_CLASSICAL_LETTERS = ((re.compile(r"(?<=\w)ու(?=[աեէըիոօ])"), "վ"), (re.compile(r"իւ(?=[աեէըիոօ])"), "իվ"),
                      (re.compile(r"իւ"), "յու"), (re.compile(r"(?<![ոեիՈԵԻ])ւ"), "վ"),
                      (re.compile(r"եա"), "յա"), (re.compile(r"(?<=\w\w)այ\b"), "ա"), (re.compile(r"(?<![\w])յ(?=\w)"), "հ"), (re.compile(r"(?<=\w)օ"), "ո"),
                      (re.compile(r"(?<=\w)է"), "ե"))


def _reformed_armenian(text: str) -> str:
    if "ւ" not in text or not (_CLASSICAL.search(text) or "իւ" in text):
        return text  # (a plain look for the letter first: the expression's look-behind makes it slow to scan)
    for pattern, letter in _CLASSICAL_LETTERS:
        text = pattern.sub(letter, text)
    return text


@lru_cache(maxsize=8)
def story_sentences(title: str, summary: str) -> tuple[tuple[bool, str], ...]:
    """(is_headline, text) for the headline and every sentence of the summary (kept for the last
    few stories: relevance, the casualty-word check and the stages all ask for the same story)."""
    title = _reformed_armenian(_plain_apostrophes(title)).strip()
    out = [(True, title)] if title else []
    out += [(False, _plain_parentheses(piece.strip()))
            for _, piece in split_sentences(_reformed_armenian(_plain_apostrophes(summary)))]
    return tuple(out)


# sentences joined: the one text a story's tables are walked over (relevance, the casualty-word
# check and the spans of every sentence all read this same string, so the walk is done once)
SEPARATOR = "\n\n"


@lru_cache(maxsize=8)
def story_text(title: str, summary: str) -> str:
    """The sentences joined (kept for the last few stories: the casualty-word check, relevance and
    the stages each ask for it)."""
    return SEPARATOR.join(text for _, text in story_sentences(title, summary))
