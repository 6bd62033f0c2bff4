"""Exit statuses and reports a script can trust: all feeds failed is a failure, read-only commands
never create a database, the demo reports its real time and keeps the real feed list out of its database."""

from __future__ import annotations

import re

from feedserver import Reply

from briefing.cli import main
from briefing.store import Store

from .test_run import write_config


def test_fetch_exits_1_and_says_so_when_every_feed_failed(feed_server, tmp_path, capsys):
    feed_server.route("/a.xml", Reply(404))
    feed_server.route("/b.xml", Reply(403))
    config = write_config(tmp_path / "feeds.toml", feed_server, {"A": "/a.xml", "B": "/b.xml"})
    assert main(["--config", str(config), "--db", str(tmp_path / "f.db"), "fetch"]) == 1
    assert "briefing: every feed failed (2 of 2)" in capsys.readouterr().err


def test_fetch_with_one_feed_failing_among_working_ones_exits_0(feed_server, tmp_path, capsys):
    from feedserver import rss, xml_reply

    feed_server.route("/good.xml", xml_reply(rss([{"title": "Sotk", "link": "https://o.example/1"}])))
    config = write_config(tmp_path / "feeds.toml", feed_server, {"Good": "/good.xml", "Bad": "/bad.xml"})
    assert main(["--config", str(config), "--db", str(tmp_path / "f.db"), "fetch"]) == 0
    assert "every feed failed" not in capsys.readouterr().err


def test_read_only_commands_never_create_a_database(tmp_path, capsys):
    missing = tmp_path / "typo.db"
    for command in (["feeds"], ["digest"], ["extract", "--rebuild"]):
        assert main(["--db", str(missing), *command]) == 2, command
        assert capsys.readouterr().err.strip() == (
            f"briefing: no database at {missing} (run `briefing fetch` first, or check --db)")
        assert not missing.exists()
    garbage = tmp_path / "not-a.db"
    garbage.write_bytes(b"this is not SQLite" * 100)
    assert main(["--db", str(garbage), "feeds"]) == 1
    assert "not a usable briefing database" in capsys.readouterr().err


def test_demo_reports_its_real_time_and_keeps_the_real_feed_list_out_of_its_database(tmp_path, capsys):
    db = tmp_path / "demo.db"
    assert main(["--db", str(db), "demo", "--no-app"]) == 0
    seconds = float(re.search(r" in (\d+\.\d) s\n", capsys.readouterr().out).group(1))
    assert seconds > 0.0
    with Store(db) as store:
        demo_feeds = set(store.feed_states())
    # The default feeds.toml (copied on first use) must not leak into the demo database.
    for command in (["feeds"], ["digest"]):
        assert main(["--db", str(db), *command]) == 0
    with Store(db) as store:
        assert set(store.feed_states()) == demo_feeds
    assert "Hetq" not in demo_feeds


def test_fetch_summary_and_briefing_feeds_tell_filtered_from_unchanged(feed_server, tmp_path, capsys, monkeypatch):
    from feedserver import rss, xml_reply

    monkeypatch.setenv("COLUMNS", "200")
    sport = rss([{"title": f"Football result {i}", "link": f"https://sport.example/{i}"} for i in range(4)])
    feed_server.route("/sport.xml", xml_reply(sport))
    feed_server.route("/news.xml", [xml_reply(rss([{"title": "Shelling near Sotk", "link": "https://n.example/1"}]),
                                              ETag='"1"'), Reply(304)])
    config = write_config(tmp_path / "feeds.toml", feed_server, {"Sport": "/sport.xml", "News": "/news.xml"})
    config.write_text(config.read_text().replace('keep = "all"', 'keep = "relevant"'))
    db = tmp_path / "f.db"
    assert main(["--config", str(config), "--db", str(db), "fetch"]) == 0
    capsys.readouterr()
    assert main(["--config", str(config), "--db", str(db), "fetch", "--all"]) == 0
    out = capsys.readouterr().out
    assert "2 feeds, 0 new, 0 updated, 1 unchanged, 1 with every item filtered, 0 failed" in out
    assert main(["--config", str(config), "--db", str(db), "feeds"]) == 0
    rows = {line.split("│")[1].strip(): [c.strip() for c in line.split("│")[2:-1]]
            for line in capsys.readouterr().out.splitlines() if line.count("│") == 10}
    assert rows["Sport"][3:7] == ["filtered", "0", "0", "4"]
    assert rows["News"][3:7] == ["unchanged", "1", "1", "0"]
