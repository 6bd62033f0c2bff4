"""Reading counts of people out of tokenised text.

Why its own module: a casualty figure can be written "three", "Twenty-one", "1,615",
"at least 5", "more than 60", "5 to 7", "a soldier" or "another"; and many numbers in
news copy are not counts at all ("76-year-old", "44-day war", "3:40 a.m.", "13 September",
"3.5 kilometres").  Everything here works on the lower-cased token list produced by
`tokenize`, so the claim extractor never has to care about spelling.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Words, numbers (with thousands separators, decimals and hyphenated units such as
# "76-year-old"), clock times, a.m./p.m., and single punctuation marks.
_TOKEN = re.compile(
    r"\d+:\d+"
    r"|\d+(?:[.,]\d+)*(?:-[A-Za-z]+)*(?:st|nd|rd|th)?"
    r"|[ap]\.m\."
    r"|[A-Za-z\u00C0-\u024F]+(?:[-'’][A-Za-z\u00C0-\u024F0-9]+)*"
    r"|[^\sA-Za-z\d]"
)

UNITS = {
    "zero": 0, "no": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1000}
# Words after a number that show it measures something other than people.
UNIT_WORDS = frozenset({
    "years", "year", "days", "day", "hours", "hour", "minutes", "minute", "weeks", "week",
    "months", "month", "km", "kilometres", "kilometers", "kilometre", "kilometer", "metres",
    "meters", "metre", "meter", "miles", "mile", "percent", "per", "%", "tonnes", "tons",
    "hectares", "a.m.", "p.m.", "o'clock", "times", "bcm", "billion", "million", "houses",
    "buildings", "drones", "aircraft", "tanks", "mines", "vehicles", "cars", "articles",
    "polling", "votes", "seats", "villages", "positions", "kilometre-long", "sq", "square",
    "degrees", "rounds", "shells", "apartment", "civilian-sites", "hospitals",
})
MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
# "at least 5", "more than 60", "some 300" all mean the figure itself (README rule 8).
MODIFIERS = frozenset({
    "least", "than", "over", "nearly", "almost", "some", "about", "around", "approximately",
    "roughly", "to", "estimated", "another", "additional", "further", "as", "many",
})
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$")


def tokenize(text: str) -> list[str]:
    """Split text into word, number and punctuation tokens (original case kept)."""
    return _TOKEN.findall(text.replace("’", "'"))


def word_value(token: str) -> int | None:
    """Integer value of one lower-cased token that is a plain count, else None.

    "twenty-one" -> 21, "1,615" -> 1615; "76-year-old", "3.5", "58th", "13:00" -> None.
    """
    if token[0].isdigit():
        if _DIGITS.match(token):
            return int(token.replace(",", ""))
        return None
    value = UNITS.get(token)
    if value is not None:
        return value if token != "no" else None
    value = TENS.get(token)
    if value is not None:
        return value
    if "-" in token:
        head, _, tail = token.partition("-")
        if head in TENS and tail in UNITS and UNITS[tail] < 10:
            return TENS[head] + UNITS[tail]
    return None


@dataclass(slots=True)
class Count:
    """A figure read from tokens[start:end]; `high` is the top of a range, if any."""

    value: int
    start: int
    end: int
    high: int | None = None
    more: bool = False  # "two more", "another 3": an increment on an earlier figure


def read_number(low: list[str], i: int) -> tuple[int, int] | None:
    """Read a (possibly multi-word) number starting at token i: (value, end index)."""
    if i >= len(low):
        return None
    value = word_value(low[i])
    if value is None:
        if low[i] in ("a", "one") and i + 1 < len(low) and low[i + 1] in SCALES:
            value = 1
        elif low[i] == "a" and i + 1 < len(low) and low[i + 1] == "dozen":
            return 12, i + 2
        elif low[i] == "half" and i + 2 < len(low) and low[i + 1] == "a" and low[i + 2] == "dozen":
            return 6, i + 3  # "half a dozen"
        else:
            return None
        i += 1
    else:
        i += 1
    if i < len(low) and low[i] == "dozen" and value < 10:
        return value * 12, i + 1  # "two dozen"
    # "one hundred and five", "two thousand"
    while i < len(low) and low[i] in SCALES:
        value *= SCALES[low[i]]
        i += 1
        if i + 1 < len(low) and low[i] == "and" and word_value(low[i + 1]) is not None and word_value(low[i + 1]) < 100:
            value += word_value(low[i + 1]) or 0
            i += 2
        elif i < len(low) and word_value(low[i]) is not None and (word_value(low[i]) or 0) < 100 and not low[i][0].isdigit():
            value += word_value(low[i]) or 0
            i += 1
    return value, i


def is_measure(low: list[str], end: int) -> bool:
    """True when the token after a number shows it is a measure, date or time, not people."""
    if end >= len(low):
        return False
    nxt = low[end]
    return nxt in UNIT_WORDS or nxt in MONTHS or nxt == ":" or nxt.endswith("-year-old")


def count_at(low: list[str], i: int) -> Count | None:
    """The count whose number starts at token i, with ranges, or None.

    Handles "5 to 7", "5-7" (as one token it is not a count), "between 5 and 7",
    "five or six"; refuses measures ("44-day", "3 km", "13 September").
    """
    got = read_number(low, i)
    if got is None:
        return None
    value, end = got
    if low[i] == "a" and value == 12 and i > 0 and low[i - 1] == "half":
        return count_at(low, i - 1)  # "half a dozen", read from "half"
    # "no one was hurt", "not one soldier": a negation, not a figure
    if i > 0 and low[i - 1] in ("no", "not", "none") and low[i] == "one":
        return None
    # a date written "September 13" or "on 13 September"
    if i > 0 and low[i - 1] in MONTHS:
        return None
    if i > 0 and low[i - 1] in ("at", "the", "of") and end < len(low) and low[end] in (":", "a.m.", "p.m."):
        return None
    high = None
    if end + 1 < len(low) and low[end] in ("to", "or", "and") and (i == 0 or low[i - 1] != "between" or low[end] == "and"):
        nxt = read_number(low, end + 1)
        if nxt is not None and nxt[0] > value and not is_measure(low, nxt[1]):
            if low[end] != "and" or (i > 0 and low[i - 1] == "between"):
                high, end = nxt[0], nxt[1]
    if is_measure(low, end):
        return None
    count = Count(value=value, start=i, end=end, high=high)
    # modifiers before the number
    j = i - 1
    while j >= 0 and low[j] in MODIFIERS:
        if low[j] in ("another", "additional", "further"):
            count.more = True
        j -= 1
    if j >= 0 and low[j] == "between":
        j -= 1
    count.start = j + 1
    if end < len(low) and low[end] in ("more", "others", "other"):
        count.more = low[end] == "more"
    return count


def parse_count(text: str) -> Count | None:
    """Convenience for tests and callers outside the extractor: the first count in `text`."""
    low = [t.lower() for t in tokenize(text)]
    for i in range(len(low)):
        count = count_at(low, i)
        if count is not None:
            return count
    return None
