"""The fast walk over a text (matcher.py) finds exactly what each table's own expression finds."""

from __future__ import annotations

import pytest

from briefing.extract.lexicon import LANGUAGES, load
from briefing.extract.matcher import scan

# Every table's own example sentences, in every language's tables (a Russian sentence read with the
# English tables too: a story's language can be guessed wrong), and texts at the edges of the index:
# case folding the engine does (İ/ı/i, ſ/s), signs before words, a rule starting at the text's end.
TRICKY = ["İstanbul ıldırım İŞİD ſoldiers", "«Müdafiə ordusu» bildirib", "ÖLDÜ", "Погибли ДВА военнослужащих",
          "ՀՀ ՊՆ ԶԻՆԾԱՌԱՅՈՂ", "killed", "- 76-year-old", "“", "the the the", "",
          # digits in any script start a rule that starts with \d; a digit after letters is one word
          "١٣-١٤ September, ３ days of fighting, a ２-day war", "x13 days of fighting, 13-14 September"]


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


def test_a_sentence_is_read_alone_where_a_rule_looking_behind_would_see_the_sentence_before():
    """A sentence's counts are taken from the walk over the whole story only where that is what
    reading the sentence alone gives: a rule that looks behind its match sees the text before."""
    from briefing.extract.lexicon import TABLES, Lexicon, Row, _compile
    from briefing.extract.spans import table_spans

    rows = [Row("number", "after-a-break", r"(?<=\n)he", {"language": "xx", "value": 1}),
            Row("number", "one", "one", {"language": "xx", "value": 1})]
    lexicon = Lexicon("xx", {name: _compile(name, rows if name == "number" else [], bounded=True) for name in TABLES})
    table_spans(lexicon, ["One died.", "he was one of them"])
    assert [h.text for h in lexicon.find("number", "he was one of them")] == ["one"]
    assert [h.text for h in lexicon.find("number", "One died.")] == ["One"]
