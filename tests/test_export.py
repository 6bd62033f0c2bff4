"""`briefing incidents`: one row per claim, corrections applied, safe for spreadsheets."""

from __future__ import annotations

import csv
import json
from datetime import date, datetime, timezone

from briefing.cli import main
from briefing.models import Claim, Feed, Incident, Story
from briefing.store import Store

DAY = date(2026, 12, 3)


def _fill(path) -> None:
    with Store(path) as store:
        store.sync_feeds([Feed("Armenpress", "http://127.0.0.1:9/a", origin="armenia"),
                          Feed("Report.az", "http://127.0.0.1:9/b", origin="azerbaijan")])
        when = datetime(2026, 12, 3, 9, tzinfo=timezone.utc)
        am = store.save_stories("Armenpress", [Story(feed="Armenpress", title="=HYPERLINK(\"x\") wounded", guid="a",
                                                     url="javascript:alert(1)", published=when)]).new_ids[0]
        az = store.save_stories("Report.az", [Story(feed="Report.az", title="Bakı iddiaları təkzib edir", guid="b",
                                                    url="https://report.example/1", published=when)]).new_ids[0]
        store.replace_machine_claims({
            am: [Claim(claimant="Armenia", side_affected="Armenia", event_date=DAY, killed=1, wounded=2, story_id=am,
                       incident_id="sotk", locations=["Sotk"])],
            az: [Claim(claimant="Azerbaijan", side_affected="Armenia", event_date=DAY, story_id=az,
                       incident_id="sotk", evidence="Baku denied that its units had opened fire.")],
        })
        store.save_incidents([Incident(id="sotk", event_date=DAY, locations=["Sotk"],
                                       claims=store.claims_between(DAY, DAY))])
        store.correct_claim(am, "Armenia", "Armenia", "edited", killed=1, wounded=3)


def test_csv_has_one_row_per_claim_with_review_and_sources(tmp_path, capsys):
    db = tmp_path / "b.db"
    _fill(db)
    out = tmp_path / "claims.csv"
    assert main(["--db", str(db), "incidents", "--since", "2026-12-01", "--until", "2026-12-07", "-o", str(out)]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [(r["incident_id"], r["claimant"], r["side"], r["killed"], r["wounded"], r["review"]) for r in rows] == [
        ("sotk", "Armenia", "Armenia", "1", "3", "reviewed"),
        ("sotk", "Azerbaijan", "Armenia", "0", "0", "machine"),
    ]
    assert rows[1]["denial"] == "True" and rows[1]["sources"] == "https://report.example/1"
    assert rows[0]["sources"] == 'Armenpress: =HYPERLINK("x") wounded'  # no javascript: link
    assert rows[0]["date"] == "2026-12-03" and rows[0]["places"] == "Sotk"
    assert [r["language"] for r in rows] == ["en", "az"]  # which language each figure's report is in
    assert "wrote 2 claims" in capsys.readouterr().err


def test_json_and_since_and_bad_input(tmp_path, capsys):
    db = tmp_path / "b.db"
    _fill(db)
    assert main(["--db", str(db), "incidents", "--format", "json", "--since", "2026-12-03", "--until", "2026-12-03"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data) == 2 and data[0]["claimant"] == "Armenia"
    assert main(["--db", str(db), "incidents", "--format", "json", "--since", "2026-12-04", "--until", "2026-12-05"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["--db", str(db), "incidents", "--since", "yesterday"]) == 2
    assert "must be a date" in capsys.readouterr().err
    assert main(["--db", str(tmp_path / "none.db"), "incidents"]) == 2
    assert not (tmp_path / "none.db").exists()
