"""Every row of every language's tables, checked on its own examples through the whole extractor.

A row is a rule; its examples say what the rule is for. The test fails when an example no longer
makes its row fire or no longer gives exactly the claims written after "=>", so a new row can
never quietly break an old one.
"""

from __future__ import annotations

import pytest

from briefing.extract.examples import check_row, parse_example
from briefing.extract.lexicon import TABLES, all_rows, load

EXAMPLES = [(row, example) for row in all_rows() for example in row.examples]


@pytest.mark.parametrize(("row", "example"), EXAMPLES, ids=[f"{row.key}#{n}" for n, (row, _) in enumerate(EXAMPLES)])
def test_row_example_gives_its_claims(row, example) -> None:
    assert check_row(row, example) is None


def test_every_row_has_an_example() -> None:
    bare = [row.key for row in all_rows() if not row.examples]
    assert bare == []


def test_row_ids_are_unique_within_a_language() -> None:
    keys = [row.key for row in all_rows()]
    assert len(keys) == len(set(keys))


def test_tables_are_the_known_ones() -> None:
    assert {row.table for row in all_rows()} <= set(TABLES)


def test_a_malformed_expectation_is_reported() -> None:
    assert parse_example("Two soldiers were killed. => Armenia 2")[1] is None


def test_a_row_naming_another_rows_words_reads_all_of_them() -> None:
    """ "Karabakh army" is a side word only before a soldier noun, the victim table's `soldier` row,
    which the row names ({victim.soldier}) instead of copying: a noun only that row has counts."""
    english = load("en")
    assert [hit.text for hit in english.find("nationality", "Two Karabakh army commanders were killed")] == ["Karabakh army"]
    assert [hit.text for hit in english.find("nationality", "Karabakh army personnel carriers were hit")] == ["Karabakh"]
