"""Every hostile input gets one clear line and a non-zero exit, never a traceback, and changes nothing."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from harness import NOW, REPO, Bench

from sample_store import save_samples  # tests/sample_store.py (tests/ is on the path)
from briefing.cli import main
from briefing.demo.samples import demo_config, sample_feeds
from briefing.pipeline import process_pending
from briefing.config import load_config
from briefing.store import Store

sys.path.insert(0, str(REPO / "tests"))
from feedserver import FeedServer, Reply, rss, xml_reply  # noqa: E402

EMPTY_CONFIG = "[settings]\nretries = 0\n"
COMMANDS = [["fetch", "-q"], ["feeds"], ["digest"], ["incidents"], ["extract", "--rebuild"], ["doctor"],
            ["doctor", "--check"], []]


def one_line_failure(capsys, status: int) -> str:
    """The command failed with exactly one line on standard error; return it."""
    err = capsys.readouterr().err
    assert status != 0, err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("briefing"), err
    return lines[0]


def digest_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "dir"


@pytest.fixture
def sample_db(tmp_path) -> Path:
    """A real database of the sample stories, processed: claims, incidents, near-duplicate groups."""
    path = tmp_path / "samples.db"
    with Store(path) as store:
        store.sync_feeds(demo_config("http://127.0.0.1:9", NOW).feeds)
        save_samples(store, sample_feeds(NOW, recent=True))
        process_pending(store)
    return path


def bad_databases(tmp_path: Path, sample_db: Path) -> dict[str, Path]:
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(bytes(range(256)) * 64)
    text = tmp_path / "notes.db"
    text.write_text("these are my notes, not a database\n")
    folder = tmp_path / "folder.db"
    folder.mkdir()
    truncated = Bench.copy_clean(sample_db, tmp_path / "truncated.db")
    with sqlite3.connect(truncated) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = truncated.read_bytes()
    truncated.write_bytes(data[: len(data) // 3])
    newer = tmp_path / "newer.db"
    Store(newer).close()
    with sqlite3.connect(newer) as conn:
        conn.execute("PRAGMA user_version = 99")
    return {"garbage": garbage, "text": text, "folder": folder, "truncated": truncated, "newer": newer}


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a) or "app")
def test_a_bad_database_file_is_one_line_for_every_command(sample_db, tmp_path, capsys, args):
    config = tmp_path / "feeds.toml"
    config.write_text(EMPTY_CONFIG)
    for kind, path in bad_databases(tmp_path, sample_db).items():
        before = digest_of(path)
        status = main(["--db", str(path), "--config", str(config), *args])
        if kind == "truncated" and status == 0:
            # What the command read happened to be intact; it must still not have made things worse.
            capsys.readouterr()
        else:
            line = one_line_failure(capsys, status)
            assert str(path) in line, line
        if kind != "truncated" or args[:1] != ["doctor"]:
            assert digest_of(path) == before, f"{kind}: {args} changed the file"


def test_doctor_finds_a_truncated_database_damaged(sample_db, tmp_path, capsys):
    path = bad_databases(tmp_path, sample_db)["truncated"]
    status = main(["--db", str(path), "doctor", "--check"])
    captured = capsys.readouterr()
    assert status == 1 and "Traceback" not in captured.err
    assert "DAMAGED" in captured.out or "not a usable briefing database" in captured.err


def test_a_read_only_database_serves_the_commands_that_only_read(sample_db, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    db = Bench.copy_clean(sample_db, folder / "b.db")
    config = tmp_path / "feeds.toml"
    config.write_text(EMPTY_CONFIG)
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    (folder / "b.db-wal").unlink(missing_ok=True)
    (folder / "b.db-shm").unlink(missing_ok=True)
    python = f"{sys.executable} -m briefing --db {db} --config {config}"
    script = (f"mount --bind {folder} {folder} && mount -o remount,ro,bind {folder} && "
              f"{python} digest --since 2026-09-01 --until 2026-11-20 --format json > {tmp_path}/digest.json;"
              " echo digest=$?; "
              f"{python} feeds > /dev/null; echo feeds=$?; {python} doctor --check; echo doctor=$?; "
              f"{python} fetch -q; echo fetch=$?")
    done = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True,
                          env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin", "TZ": "UTC"}, timeout=60)
    if "Operation not permitted" in done.stderr or "unshare: " in done.stderr:
        pytest.skip("a read-only mount needs a mount namespace (root in a container or VM)")
    assert "digest=0" in done.stdout and "feeds=0" in done.stdout and "doctor=0" in done.stdout, done
    assert json.loads((tmp_path / "digest.json").read_text())["tally"]["incidents"] >= 1
    assert "fetch=1" in done.stdout and "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines() == [
        f"briefing: {db}: the database is read-only here; commands that only read it (digest, feeds,"
        " doctor --check) still work"]


@pytest.mark.parametrize("lines, where", [
    (['[1, 2, 3]'], "line 1: expected a JSON object (a story), got an array"),
    (['"just a string"'], "line 1: expected a JSON object (a story), got a string"),
    (['null'], "line 1: expected a JSON object (a story), got null"),
    (['{"id": "a", "title": 5}'], "line 1: 'title' must be a string, not a number"),
    (['{"id": ["a"]}'], "line 1: 'id' must be a string or a number, not an array"),
    (['{"id": "a", "published": "yesterday"}'], "line 1: 'published' is not an ISO date-time ('yesterday')"),
    (['{"id": "a", "published": 7}'], "line 1: 'published' must be a date-time string, not a number"),
    (['{"id": "a", "title": "fine"}', '', '{"id": "b", "summary": {"x": 1}}'],
     "line 3: 'summary' must be a string, not an object"),
    (['{"id": "a"}', '[' * 100_000 + ']' * 100_000], "line 2: JSON nested too deeply"),
    (['{"id": "a"', '{}'], "line 1: not valid JSON"),
])
def test_extract_names_the_bad_line_and_writes_nothing(tmp_path, capsys, lines, where):
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n")
    out = tmp_path / "out.jsonl"
    line = one_line_failure(capsys, main(["extract", str(source), "-o", str(out)]))
    assert where in line and not out.exists()


@pytest.mark.parametrize("args", [["--date", "9999-12-31"], ["--date", "0001-01-01"],
                                  ["--since", "0001-01-01", "--until", "0001-01-02"]])
def test_digest_dates_at_the_ends_of_the_calendar(sample_db, tmp_path, capsys, args):
    config = tmp_path / "feeds.toml"
    config.write_text(EMPTY_CONFIG)
    line = one_line_failure(capsys, main(["--db", str(sample_db), "--config", str(config), "digest", *args]))
    assert "must be between 1900-01-01 and 9998-12-31" in line


@pytest.mark.parametrize("setting, message", [
    ("fetch_interval_minutes = inf", "settings.fetch_interval_minutes: must be a number from 0.05 to 10,080"),
    ("read_timeout = nan", "settings.read_timeout: must be a number from 0.1 to 3,600"),
    ("connect_timeout = -1.0", "settings.connect_timeout: must be from 0.1 to 600"),
    ("concurrency = 100000", "settings.concurrency: must be from 1 to 256"),
])
def test_settings_out_of_range_are_refused_before_anything_runs(tmp_path, capsys, setting, message):
    config = tmp_path / "feeds.toml"
    config.write_text(f"[settings]\n{setting}\n")
    db = tmp_path / "x.db"
    for args in (["fetch"], []):
        line = one_line_failure(capsys, main(["--db", str(db), "--config", str(config), *args]))
        assert message in line
    assert not db.exists()


def test_a_feed_address_with_port_99999_is_refused(tmp_path, capsys):
    config = tmp_path / "feeds.toml"
    config.write_text('[[feeds]]\nname = "A"\nurl = "http://127.0.0.1:99999/feed.xml"\n')
    line = one_line_failure(capsys, main(["--config", str(config), "--db", str(tmp_path / "x.db"), "fetch"]))
    assert "port outside 1-65535" in line


def test_an_opml_file_nested_5000_deep_is_read_without_recursion(tmp_path, capsys):
    config = tmp_path / "feeds.toml"
    config.write_text("")
    depth = 5000
    body = '<outline text="x">' * depth + '<outline text="Deep" xmlUrl="https://deep.example/feed.xml"/>'
    opml = tmp_path / "deep.opml"
    opml.write_text(f'<opml version="2.0"><head/><body>{body}{"</outline>" * depth}</body></opml>')
    assert main(["--config", str(config), "feeds", "import", str(opml)]) == 0
    assert "https://deep.example/feed.xml" in config.read_text()


def test_a_database_from_a_newer_briefing_is_refused_by_name(tmp_path, capsys):
    db = tmp_path / "n.db"
    Store(db).close()
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA user_version = 99")
    line = one_line_failure(capsys, main(["--db", str(db), "digest"]))
    assert "made by a newer briefing (schema version 99" in line


def test_feed_names_with_escape_sequences_are_printed_clean(tmp_path, capsys):
    config = tmp_path / "feeds.toml"
    config.write_text('[[feeds]]\nname = "Evil\\u001b[31mRed\\u0007 \\u202eNews"\nurl = "https://e.example/f.xml"\n')
    db = tmp_path / "f.db"
    Store(db).close()
    assert main(["--config", str(config), "--db", str(db), "feeds"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert load_config(config).feeds[0].name == "Evil [31mRed News"  # what `feeds` prints, folded to fit


def test_invalid_xml_and_a_redirect_to_another_local_port_are_errors(tmp_path, capsys):
    server, other = FeedServer().start(), FeedServer().start()
    try:
        broken = server.route("/broken.xml", xml_reply(
            b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><description>a & b</description>'
            b"</channel></rss>"))
        other.route("/admin", xml_reply(rss([{"title": "internal", "guid": "1", "link": "http://x/1"}])))
        moved = server.route("/moved.xml", Reply(status=302, headers={"Location": other.url("/admin")}))
        config = tmp_path / "feeds.toml"
        config.write_text(f'[settings]\nretries = 0\n[[feeds]]\nname = "Broken"\nurl = "{broken}"\nkeep = "all"\n'
                          f'[[feeds]]\nname = "Moved"\nurl = "{moved}"\nkeep = "all"\n')
        db = tmp_path / "x.db"
        main(["--config", str(config), "--db", str(db), "fetch", "-q"])
        assert other.hits("/admin") == []
    finally:
        server.stop()
        other.stop()
    capsys.readouterr()
    with Store(db) as store:
        states = store.feed_states()
    assert states["Broken"].last_status == "error" and "not a feed" in states["Broken"].last_error
    assert states["Moved"].last_status == "error"
    assert "another service on a local address" in states["Moved"].last_error
