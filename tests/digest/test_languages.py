"""A claim's source headline in the digest is shown as written, in its own language, with the language said."""

from __future__ import annotations

import json
import re

from briefing.digest import build_digest, render

from .conftest import DAY, NOW, TZ

RUSSIAN = "Российские наблюдатели зафиксировали перестрелку у Сотка"  # TASS's report of the Sotk clash


def _russia_says(digest) -> object:
    [entry] = [e for e in digest.incidents if any(c.claim.claimant == "Russia" for c in e.claims)]
    return next(c for c in entry.claims if c.claim.claimant == "Russia")


def test_markdown_marks_the_language_of_a_headline_that_is_not_english(sample_store):
    store, config = sample_store
    md = render(build_digest(store, config, DAY, DAY, TZ, now=NOW), "md")
    [row] = [line for line in md.splitlines() if line.startswith("| Russia says")]
    assert f"[ru] [{RUSSIAN}](https://tass.example/sotk)" in row
    assert "[en]" not in md  # English, the digest's own language, goes unmarked


def test_html_gives_each_headline_its_lang_attribute(sample_store):
    store, config = sample_store
    html = render(build_digest(store, config, DAY, DAY, TZ, now=NOW), "html")
    assert re.search(rf'<span class="lang">\[ru\]</span> <a href="https://tass.example/sotk" lang="ru"[^>]*>{RUSSIAN}</a>',
                     html)
    assert 'lang="en" rel="noopener noreferrer">Azerbaijani forces shelled Sotk' in html


def test_json_names_every_sources_language(sample_store):
    store, config = sample_store
    digest = build_digest(store, config, DAY, DAY, TZ, now=NOW)
    assert _russia_says(digest).source.language == "ru"
    data = json.loads(render(digest, "json"))
    sources = [c["source"] for inc in data["incidents"] for c in inc["claims"]]
    assert {(s["title"], s["language"]) for s in sources if s["feed"] == "TASS"} == {(RUSSIAN, "ru")}
    assert {s["language"] for s in sources if s["feed"] != "TASS"} == {"en"}
