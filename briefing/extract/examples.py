"""A table row's examples, checked: each example sentence must make its row fire and give
exactly the claims written after "=>" (`claimant/side killed/wounded; ...`, or "-" for none).

Why in the package and not only in the tests: `briefing extract --check-tables` and the
language helpers' tools run the same check, so a row and its examples can never drift apart.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone

from .lexicon import Row

# the day every row example is read as published: one when Karabakh's authorities still governed, so the
# examples may tell of its places as its own (`gazetteer.KARABAKH_UNDER_BAKU`)
EXAMPLE_DAY = datetime(2023, 2, 14, 12, 0, tzinfo=timezone.utc)
_SPEC = re.compile(r"^\s*([\w-]+)/([\w-]+)\s+(\d+)/(\d+)\s*$")


def parse_example(example: str) -> tuple[str, set[tuple[str, str, int, int]] | None]:
    """(text, expected claims) from "TEXT => A/B 1/0; C/D 0/0"; None when the spec is malformed."""
    text, _, spec = example.rpartition("=>")
    expected: set[tuple[str, str, int, int]] = set()
    if spec.strip() == "-":
        return text.strip(), expected
    for part in spec.split(";"):
        match = _SPEC.match(part)
        if match is None:
            return text.strip(), None
        expected.add((match.group(1), match.group(2), int(match.group(3)), int(match.group(4))))
    return text.strip(), expected


def row_fires(row: Row, text: str) -> bool:
    # a row starting with punctuation (", 23, was") may follow a word character
    return re.search(rf"(?:(?<!\w)|(?=\W))(?:{row.pattern})", text, re.IGNORECASE) is not None


def check_row(row: Row, example: str) -> str | None:
    """None when the example holds, else what is wrong, in a line."""
    from . import extract_claims

    text, expected = parse_example(example)
    if expected is None:
        return f"malformed expectation in {example!r}"
    if not row_fires(row, text):
        return f"row does not fire on {text!r}"
    got = {(c.claimant, c.side_affected, c.killed, c.wounded)
           for c in extract_claims("", text, EXAMPLE_DAY, language=row.get("language", "")) if not c.vague}
    if got != expected:
        return f"{text!r}: expected {sorted(expected)}, got {sorted(got)}"
    return None
