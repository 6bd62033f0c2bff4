"""The fast walk over a text (matcher.py) finds exactly what each table's own expression finds."""

from __future__ import annotations

import pytest

from briefing.extract.lexicon import LANGUAGES, load
from briefing.extract.matcher import scan

# Every table's own example sentences, in every language's tables (a Russian sentence read with the
# English tables too: a story's language can be guessed wrong), and texts at the edges of the index:
# case folding the engine does (İ/ı/i, ſ/s), signs before words, a rule starting at the text's end.
TRICKY = ["İstanbul ıldırım İŞİD ſoldiers", "«Müdafiə ordusu» bildirib", "ÖLDÜ", "Погибли ДВА военнослужащих",
          "ՀՀ ՊՆ ԶԻՆԾԱՌԱՅՈՂ", "killed", "- 76-year-old", "“", "the the the", ""]


def _texts() -> list[str]:
    texts = list(TRICKY)
    for language in LANGUAGES:
        for row in load(language).rows():
            texts += [example.split("=>")[0].strip() for example in row.examples]
    return texts


@pytest.mark.parametrize("language", LANGUAGES)
def test_one_walk_finds_what_each_tables_expression_finds(language: str):
    lexicon = load(language)
    for text in _texts():
        walked = lexicon.find_all(text)
        for name, table in lexicon.tables.items():
            if table.regex is None:
                continue
            expected = [(m.start(), m.end(), table.by_group[m.lastgroup].id)
                        for m in table.regex.finditer(text) if m.lastgroup]
            alone = [(h.start, h.end, h.row.id) for h in lexicon.find(name, text)]
            assert alone == expected, (name, text)
            if name in walked:
                assert [(h.start, h.end, h.row.id) for h in walked[name]] == expected, (name, text)


def test_every_table_but_units_is_indexed():
    for language in LANGUAGES:
        for name, table in load(language).tables.items():
            if table.regex is not None and name != "unit":
                assert table.plan is not None and scan(table.plan, "") == [[]], (language, name)
