"""Vague figures: kept by `extract_claims` for the reader (`vague=True`), left out of the corpus
view (`extract_jsonl`).  Sentences written for this file."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from briefing.commands.extract import extract_jsonl
from briefing.extract import extract_claims

THURSDAY = datetime(2024, 6, 13, 19, 0, tzinfo=timezone(timedelta(hours=4)))


def claims(summary: str) -> list[tuple]:
    return [(c.claimant, c.side_affected, c.killed, c.wounded, c.unsplit, c.killed_high, c.vague)
            for c in extract_claims("Border", summary, THURSDAY)]


@pytest.mark.parametrize("summary,expected", [
    ("Azerbaijan's Defence Ministry said its army had suffered 12 casualties near Lachin on Thursday.",
     ("Azerbaijan", "Azerbaijan", 0, 0, 12, None, True)),
    ("Armenia's Defence Ministry said the Azerbaijani side had sustained at least 30 casualties in Thursday's fighting near Sotk.",
     ("Armenia", "Azerbaijan", 0, 0, 30, None, True)),
    ("Dozens of Azerbaijani soldiers were killed in the fighting near Lachin on Thursday, Armenia's Defence Ministry said.",
     ("Armenia", "Azerbaijan", 24, 0, None, None, True)),
    ("Armenian shelling of Tartar on Thursday killed dozens of civilians, Azerbaijan's Prosecutor General said.",
     ("Azerbaijan", "civilians-Azerbaijan", 24, 0, None, None, True)),
    ("Scores of Armenian soldiers were wounded near Sotk on Thursday, the Azerbaijani Defence Ministry claimed.",
     ("Azerbaijan", "Armenia", 0, 40, None, None, True)),
])
def test_vague_figures_are_kept_for_the_reader(summary: str, expected: tuple) -> None:
    assert claims(summary) == [expected]


@pytest.mark.parametrize("summary", [
    "Two Armenian soldiers were killed and dozens of houses damaged near Sotk on Thursday, Armenia's Defence Ministry said.",
    "Azerbaijan's Defence Ministry said there were no casualties after Armenian units fired at its positions near Lachin on Thursday.",
])
def test_no_vague_claim_without_a_vague_figure_of_people(summary: str) -> None:
    assert not any(c[-1] for c in claims(summary))


def test_an_exact_figure_for_the_same_slot_wins() -> None:
    summary = ("Dozens of Armenian soldiers were killed near Sotk on Thursday, Azerbaijan's Defence Ministry claimed. "
               "Armenia's Defence Ministry said two of its soldiers were killed. Baku later said 15 Armenian soldiers had been killed.")
    got = claims(summary)
    assert ("Azerbaijan", "Armenia", 15, 0, None, None, False) in got
    assert not any(c[-1] for c in got)


def test_the_corpus_view_leaves_vague_claims_out(tmp_path) -> None:
    stories = [
        {"id": "a", "title": "Border", "published": THURSDAY.isoformat(),
         "summary": "Dozens of Azerbaijani soldiers were killed near Lachin on Thursday, Armenia's Defence Ministry said."},
        {"id": "b", "title": "Border", "published": THURSDAY.isoformat(),
         "summary": "Azerbaijan's Defence Ministry said its army had suffered 12 casualties near Lachin on Thursday, "
                    "and that three Armenian soldiers were killed."},
    ]
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text("".join(json.dumps(s) + "\n" for s in stories), encoding="utf-8")
    extract_jsonl(src, out)
    rows = {r["id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert rows["a"]["claims"] == []
    assert [(c["claimant"], c["side_affected"], c["killed"], c["wounded"]) for c in rows["b"]["claims"]] == [
        ("Azerbaijan", "Armenia", 3, 0)]
    # the reader's view of the same stories keeps them
    assert [c.vague for c in extract_claims("Border", stories[1]["summary"], THURSDAY)].count(True) == 1
