"""A run as a whole: what is stored, what survives, and what a killed fetcher leaves behind."""

from __future__ import annotations

import asyncio
import os
import select
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from feedserver import Reply, rss, xml_reply

from briefing.cli import main
from briefing.fetch import fetch_feeds
from briefing.fetch.run import RunResult, readings
from briefing.pipeline import process_pending
from briefing.store import Store
from briefing.store.db import from_text, to_text

from .conftest import by_feed, fetch, make_config

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=timezone.utc)
REPO = Path(__file__).resolve().parents[2]


def item(n: int, title: str | None = None, **kw) -> dict:
    return {"title": title or f"Report {n} from Syunik", "guid": f"g{n}", "link": f"http://e.org/{n}",
            "pubDate": NOW, **kw}


def test_entry_updated_in_place_keeps_tags_and_read_state(feed_server, db_path):
    url = feed_server.route("/a.xml", [
        xml_reply(rss([item(1, description="one wounded")])),
        xml_reply(rss([item(1, description="two wounded, one killed"), item(2)])),
    ])
    config = make_config(("A", url))
    _, first = fetch(config, db_path)
    [sid] = first.new_ids
    with Store(db_path) as store:
        store.add_tag(sid, "incident")
        store.set_read([sid])
    outcomes, second = fetch(config, db_path)
    assert outcomes[0].status == "new" and (outcomes[0].new, outcomes[0].updated) == (1, 1)
    assert second.updated_ids == [sid] and len(second.new_ids) == 1
    with Store(db_path) as store:
        story = store.get_story(sid)
        assert story.summary == "two wounded, one killed"
        assert story.tags == ["incident"] and story.read


def test_on_stored_reports_ids_per_feed(feed_server, db_path):
    url = feed_server.route("/a.xml", xml_reply(rss([item(1), item(2)])))
    seen = []
    fetch(make_config(("A", url)), db_path, on_stored=lambda feed, saved: seen.append((feed.name, saved.new)))
    assert seen == [("A", 2)]


def test_a_feed_moved_to_a_new_address_is_fetched_at_once_and_unconditionally(feed_server, db_path):
    old = feed_server.route("/old.xml", xml_reply(rss([item(1)]), ETag='"old-v1"'))
    new = feed_server.route("/new.xml", xml_reply(rss([item(1), item(2)]), ETag='"new-v1"'))
    fetch(make_config(("A", old)), db_path)
    # Same feed, same address: not due again yet.
    assert fetch(make_config(("A", old)), db_path, force=False)[0] == []
    outcomes, _ = fetch(make_config(("A", new)), db_path, force=False)
    assert [(o.feed, o.status, o.new) for o in outcomes] == [("A", "new", 1)]
    [request] = feed_server.hits("/new.xml")
    assert "if-none-match" not in request.headers  # the old server's validator means nothing here
    # Dropping the feed from the config keeps its stories (and the reader's tags on them).
    with Store(db_path) as store:
        sid = store.story_window(None, 0, 1)[0].id
        store.add_tag(sid, "keep me")
    fetch(make_config(("B", feed_server.url("/other.xml"))), db_path)
    with Store(db_path) as store:
        assert store.story_count() == 2 and store.story_tags(sid) == ["keep me"]


def test_fetch_runs_while_another_connection_reads(feed_server, db_path):
    """WAL: a reader holding a snapshot never blocks the fetcher, and sees news once it looks again."""
    url = feed_server.route("/a.xml", [xml_reply(rss([item(1)])), xml_reply(rss([item(1), item(2), item(3)]))])
    config = make_config(("A", url))
    fetch(config, db_path)
    reader = sqlite3.connect(db_path, isolation_level=None)
    try:
        reader.execute("BEGIN")
        assert reader.execute("SELECT count(*) FROM stories").fetchone()[0] == 1
        outcomes, _ = fetch(config, db_path)
        assert outcomes[0].new == 2
        assert reader.execute("SELECT count(*) FROM stories").fetchone()[0] == 1  # its snapshot
        reader.execute("COMMIT")
        assert reader.execute("SELECT count(*) FROM stories").fetchone()[0] == 3
    finally:
        reader.close()


KILL_SCRIPT = textwrap.dedent(
    """
    import asyncio, sys
    from pathlib import Path
    from briefing.config import Config, Settings
    from briefing.fetch import fetch_feeds
    from briefing.models import Feed

    def report(outcome):
        print(outcome.feed, outcome.status, outcome.new, flush=True)

    if __name__ == "__main__":
        base, db, count = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
        feeds = [Feed(name=f"F{i}", url=f"{base}/f{i}.xml", keep="all") for i in range(count)]
        feeds.append(Feed(name="hang", url=f"{base}/hang.xml", keep="all"))
        config = Config(feeds=feeds, settings=Settings(concurrency=4, per_host=4, read_timeout=60, total_timeout=60))
        asyncio.run(fetch_feeds(config, db, on_outcome=report))
    """
)


def test_a_fetcher_killed_mid_run_leaves_a_database_with_every_committed_story(feed_server, db_path, tmp_path):
    count = 12
    for i in range(count):
        feed_server.route(f"/f{i}.xml", xml_reply(rss([item(i * 100 + k) for k in range(40)])))
    feed_server.route("/hang.xml", Reply(hang=True))
    script = tmp_path / "killme.py"
    script.write_text(KILL_SCRIPT)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen([sys.executable, str(script), feed_server.base_url, str(db_path), str(count)],
                            stdout=subprocess.PIPE, text=True, env=env)
    reported: dict[str, int] = {}
    try:
        # Kill as soon as about half the feeds have reported: the others are mid-flight.
        for line in proc.stdout:
            name, status, new = line.split()
            reported[name] = int(new)
            if len(reported) >= count // 2:
                break
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stdout.close()
    assert len(reported) >= count // 2
    with Store(db_path) as store:
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        states = store.feed_states()
        for name, new in reported.items():
            assert states[name].story_count == new == 40
            assert states[name].last_status == "new"  # stories and outcome were committed together
        assert states["hang"].story_count == 0
    # And the next run picks up where it stopped: committed feeds are not due, the rest are.
    feed_server.route("/hang.xml", xml_reply(rss([item(9999)])))
    config = make_config(*[(f"F{i}", feed_server.url(f"/f{i}.xml")) for i in range(count)],
                         ("hang", feed_server.url("/hang.xml")))
    outcomes = by_feed(fetch(config, db_path, force=False)[0])
    assert set(outcomes).isdisjoint(reported)
    with Store(db_path) as store:
        assert store.story_count() == count * 40 + 1


def write_config(path: Path, server, routes: dict[str, str]) -> Path:
    lines = ["[settings]", "retries = 1", "connect_timeout = 1", "read_timeout = 1", "total_timeout = 2", ""]
    for name, route in routes.items():
        lines += ["[[feeds]]", f'name = "{name}"', f'url = "{server.url(route)}"', 'keep = "all"', ""]
    path.write_text("\n".join(lines))
    return path


def test_briefing_fetch_command_end_to_end(feed_server, tmp_path, capsys):
    feed_server.route("/good.xml", xml_reply(rss([item(1, title="[red]markup[/red] stays text"), item(2)])))
    config = write_config(tmp_path / "feeds.toml", feed_server, {"Good [b]outlet[/b]": "/good.xml",
                                                               "Broken": "/missing.xml"})
    db = tmp_path / "cli.db"
    assert main(["--config", str(config), "--db", str(db), "fetch"]) == 0
    out = capsys.readouterr().out
    assert "Good [b]outlet[/b]" in out and "HTTP 404 Not Found" in out
    assert "2 feeds, 2 new, 0 updated, 0 unchanged, 1 failed" in out
    # Nothing due now; --all fetches anyway and gets 304-free "unchanged" (no validators from this server).
    assert main(["--config", str(config), "--db", str(db), "fetch"]) == 0
    assert "No feed is due" in capsys.readouterr().out
    assert main(["--config", str(config), "--db", str(db), "fetch", "--all", "--quiet"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and "Broken: HTTP 404 Not Found" in captured.err
    with Store(db) as store:
        assert store.story_count() == 2


def test_briefing_feeds_shows_each_feeds_health(feed_server, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    feed_server.route("/good.xml", xml_reply(rss([item(1), item(2), item(3)])))
    feed_server.route("/odd.xml", Reply(499, reason="[red]Go away[/red]"))
    config = write_config(tmp_path / "feeds.toml", feed_server, {"Good": "/good.xml", "Odd": "/odd.xml"})
    db = tmp_path / "h.db"
    assert main(["--config", str(config), "--db", str(db), "fetch", "--quiet"]) == 0
    capsys.readouterr()
    with config.open("a") as handle:  # added after the fetch: never fetched
        handle.write('[[feeds]]\nname = "Later"\nurl = "http://127.0.0.1:9/later.xml"\n')
    with Store(db) as store:
        store.set_read([store.story_window(None, 0, 1)[0].id])
    assert main(["--config", str(config), "--db", str(db), "feeds"]) == 0
    rows = {line.split("│")[1].strip(): [cell.strip() for cell in line.split("│")[2:-1]]
            for line in capsys.readouterr().out.splitlines() if line.count("│") == 10}
    good, odd, later = rows["Good"], rows["Odd"], rows["Later"]
    assert good[1] == "ok" and good[3:] == ["new", "3", "2", "0", ""]
    assert odd[1] == "error" and odd[3:] == ["error", "0", "0", "0", "HTTP 499 [red]Go away[/red]"]  # as text
    assert later[1:] == ["not fetched", "never", "not fetched", "0", "0", "0", ""]


def test_briefing_fetch_with_a_broken_config_exits_2(tmp_path, capsys):
    bad = tmp_path / "feeds.toml"
    bad.write_text('[[feeds]]\nname = "x"\nurl = "file:///etc/passwd"\n')
    assert main(["--config", str(bad), "--db", str(tmp_path / "x.db"), "fetch"]) == 2
    assert capsys.readouterr().err == (f"briefing: {bad}: feeds[0] (name 'x'): url must start with http:// or"
                                       " https:// (got 'file:///etc/passwd')\n")
    assert not (tmp_path / "x.db").exists()  # nothing was fetched or created


def _read_until(proc: subprocess.Popen, marker: str, timeout: float = 30.0) -> str:
    """A child's stdout (unbuffered reads) until `marker` shows up; fails after `timeout` seconds."""
    fd, seen = proc.stdout.fileno(), b""
    deadline = time.monotonic() + timeout
    while marker.encode() not in seen:
        left = deadline - time.monotonic()
        ready, _, _ = select.select([fd], [], [], max(0.0, left))
        chunk = os.read(fd, 65536) if ready else b""
        if not chunk:
            raise AssertionError(f"{marker!r} never came; got {seen.decode(errors='replace')!r}")
        seen += chunk
    return seen.decode()


def test_briefing_fetch_watch_stops_cleanly_on_ctrl_c(feed_server, tmp_path):
    """A real process and a real SIGINT to its whole process group, as a terminal's Ctrl-C sends it:
    exit status 0, "stopped", and not one traceback (parser workers included) on either stream."""
    feed_server.route("/good.xml", xml_reply(rss([item(1)])))
    config = write_config(tmp_path / "feeds.toml", feed_server, {"Good": "/good.xml"})
    db = tmp_path / "w.db"
    env = {**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": "120"}
    proc = subprocess.Popen([sys.executable, "-m", "briefing", "--config", str(config), "--db", str(db),
                             "fetch", "--watch", "--every", "0.5"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True)
    try:
        first = _read_until(proc, "next fetch in 0.5 min (Ctrl-C stops)")
        assert "1 feeds, 1 new, 0 updated, 0 unchanged, 0 failed" in first
        os.killpg(proc.pid, signal.SIGINT)
        rest, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
    assert proc.returncode == 0
    # (A signal that lands within the flush of the line above may print that line once more: harmless.)
    assert rest.decode().splitlines()[-1:] == ["stopped"]
    assert err.decode() == ""
    with Store(db) as store:
        assert store.story_count() == 1


def test_briefing_fetch_interrupted_mid_run_keeps_finished_feeds_and_says_so(feed_server, tmp_path):
    feed_server.route("/good.xml", xml_reply(rss([item(1), item(2)])))
    feed_server.route("/hang.xml", Reply(hang=True))
    config = tmp_path / "feeds.toml"
    config.write_text("[settings]\nretries = 1\nread_timeout = 60\ntotal_timeout = 60\n\n" + "\n".join(
        f'[[feeds]]\nname = "{name}"\nurl = "{feed_server.url(route)}"\nkeep = "all"\n'
        for name, route in (("Good", "/good.xml"), ("Hang", "/hang.xml"))))
    db = tmp_path / "i.db"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen([sys.executable, "-m", "briefing", "--config", str(config), "--db", str(db), "fetch"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True)

    def good_is_stored() -> bool:
        if not db.exists():
            return False
        try:
            with Store(db) as store:
                state = store.feed_states().get("Good")
                return state is not None and state.last_status == "new"
        except sqlite3.OperationalError:
            return False

    try:
        deadline = time.monotonic() + 30
        while not (feed_server.hanging.is_set() and good_is_stored()):
            assert proc.poll() is None and time.monotonic() < deadline, "the run never got under way"
            feed_server.hanging.wait(0.05)
        os.killpg(proc.pid, signal.SIGINT)
        out, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
    assert proc.returncode == 130
    assert out.decode().strip() == "interrupted; every feed finished so far is stored"
    assert err.decode() == ""
    with Store(db) as store:
        assert store.story_count() == 2
        assert store.feed_states()["Hang"].last_status is None  # never half-recorded


def test_briefing_demo_no_app_fetches_the_samples(tmp_path, capsys):
    db = tmp_path / "demo.db"
    assert main(["--db", str(db), "demo", "--no-app"]) == 0
    out = capsys.readouterr().out
    assert "stories in" in out
    with Store(db) as store:
        stories = store.story_count()
        assert stories >= 50
        assert {s.last_status for s in store.feed_states().values()} == {"new"}
    # ... and through the whole pipeline: claims, incidents, stories marked as incident reports.
    conn = sqlite3.connect(db)
    try:
        claims, incidents, flagged = conn.execute(
            "SELECT (SELECT count(*) FROM claims), (SELECT count(*) FROM incidents),"
            " (SELECT count(*) FROM stories WHERE has_incident = 1)"
        ).fetchone()
    finally:
        conn.close()
    assert claims > 20 and incidents > 5 and flagged > 10
    # Again: every feed answers 304 and nothing is duplicated.
    assert main(["--db", str(db), "demo", "--no-app"]) == 0
    with Store(db) as store:
        assert {s.last_status for s in store.feed_states().values()} == {"unchanged"}
        assert store.story_count() == stories


KILLED = ("Two soldiers killed near Sotk", "Armenia's Defence Ministry said on Tuesday that two servicemen were "
          "killed near Sotk by Azerbaijani fire.")


def _fetch_reading(config, db_path):
    """A fetch with its stories read ahead: the run and the readings it offers."""

    async def run_with_readings():
        run = RunResult()
        await fetch_feeds(config, db_path, force=True, result=run, read_ahead=True, backoff=0.01)
        return run, await readings(run)

    return asyncio.run(run_with_readings())


def test_a_fetch_reads_new_stories_in_its_worker_processes_as_the_pipeline_would(feed_server, db_path):
    """A feed's first fetch: its worker reads the stories as it parses them."""
    url = feed_server.route("/a.xml", xml_reply(rss([item(1, title=KILLED[0], description=KILLED[1]), item(2)])))
    config = make_config(("A", url))
    run, ahead = _fetch_reading(config, db_path)
    assert sorted(ahead) == sorted(run.new_ids)
    with Store(db_path) as store:
        assert {sid: offer.source for sid, offer in ahead.items()} == store.reading_sources(run.new_ids)
        result = process_pending(store, ahead)
        assert result.stories == 2 and result.claims == 1 and store.pending_count() == 0
        [killed] = [sid for sid in run.new_ids if store.get_story(sid).title == KILLED[0]]
        by_worker = store.claims_for_story(killed)
        store.mark_stories_pending(run.new_ids)
        process_pending(store)  # read again here, with nothing read ahead
        assert [c.killed for c in store.claims_for_story(killed)] == [c.killed for c in by_worker] == [2]


def test_the_new_stories_of_a_feed_with_stories_are_read_once_stored(feed_server, db_path):
    """A later fetch: only the stories stored new or changed go back to a worker to be read."""
    url = feed_server.route("/a.xml", xml_reply(rss([item(2), item(3)])))
    config = make_config(("A", url))
    fetch(config, db_path)
    feed_server.route("/a.xml", xml_reply(rss([item(1, title=KILLED[0], description=KILLED[1]), item(2), item(3)])))
    run, ahead = _fetch_reading(config, db_path)
    assert len(run.new_ids) == 1 and sorted(ahead) == run.new_ids
    with Store(db_path) as store:
        assert {sid: offer.source for sid, offer in ahead.items()} == store.reading_sources(run.new_ids)
        assert [c.killed for c in ahead[run.new_ids[0]].claims] == [2]


def _tagged_feeds(feed_server, count: int) -> list[tuple[str, str]]:
    """`count` feeds on one host, each answering 304 to its own ETag."""
    feeds = []
    for n in range(count):
        body, etag = rss([item(n * 10 + k) for k in range(3)]), f'"v{n}"'

        def answer(request, body=body, etag=etag):
            if request.headers.get("if-none-match") == etag:
                return Reply(304, headers={"ETag": etag})
            return xml_reply(body, ETag=etag)

        feeds.append((f"F{n}", feed_server.route(f"/f{n}.xml", answer)))
    return feeds


def test_a_warm_fetch_reuses_its_connections_to_a_host(feed_server, db_path):
    config = make_config(*_tagged_feeds(feed_server, 40), per_host=2)
    fetch(config, db_path)
    opened = feed_server.connections
    outcomes, _ = fetch(config, db_path)
    assert [o.status for o in outcomes] == ["unchanged"] * 40
    assert feed_server.connections - opened <= 2  # 40 answers of 304 over the per-host limit of connections


def test_a_warm_fetch_records_every_feed_checked_and_stores_nothing(feed_server, db_path):
    config = make_config(*_tagged_feeds(feed_server, 30))
    fetch(config, db_path)
    with Store(db_path) as store:
        # the first run's times a few seconds back, so the second run's are later (the log keeps whole seconds)
        rows = store.conn.execute("SELECT name, last_fetched, next_due FROM feeds").fetchall()
        with store.conn:
            store.conn.executemany("UPDATE feeds SET last_fetched = ?, next_due = ? WHERE name = ?", [
                (to_text(from_text(fetched) - timedelta(seconds=5)), to_text(from_text(due) - timedelta(seconds=5)), name)
                for name, fetched, due in rows])
        before = store.feed_states()
        stories = store.conn.execute("SELECT id, content_hash FROM stories ORDER BY id").fetchall()
        assert store.pending_count() == 90
        store.finish_pending(store.pending_marks(1000))
    outcomes, run = fetch(config, db_path)
    assert {o.status for o in outcomes} == {"unchanged"} and not run.new_ids and not run.updated_ids
    with Store(db_path) as store:
        after = store.feed_states()
        assert store.conn.execute("SELECT id, content_hash FROM stories ORDER BY id").fetchall() == stories
        assert store.pending_count() == 0  # nothing for the pipeline to do
        for name, state in after.items():
            assert state.last_status == "unchanged" and state.etag == before[name].etag
            assert state.last_fetched > before[name].last_fetched and state.next_due > before[name].next_due
        assert len(store.fetch_log(before["F0"].last_fetched)) == 60  # both runs, every feed
