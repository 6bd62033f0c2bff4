"""kill -9 at a random moment of a fetch, of processing and of a rebuild; one ordinary rerun must
leave exactly what a clean run leaves, and no process of the killed run may outlive it."""

from __future__ import annotations

import random
import resource
import subprocess
import threading
import time
from datetime import date

import pytest
from harness import Bench, command, derived_state, descendants, differences, environment, run, wait_gone

from briefing.config import Config
from briefing.digest import build_digest
from briefing.store import Store


@pytest.mark.parametrize("scenario", ["fetch", "process", "rebuild"])
def test_a_run_killed_at_a_random_moment_is_finished_by_the_next(bench: Bench, scenario):
    seed = random.randrange(1_000_000)
    kill = bench.kill_once(scenario, random.Random(seed), n=hash(scenario) % 1000)
    assert kill.equal, f"seed {seed}: {kill}"
    assert kill.descendants_left == 0, f"seed {seed}: {kill}"


def test_a_fetch_killed_between_storing_and_processing_leaves_claims_to_the_next_run(bench: Bench, tmp_path):
    """The case the issue measured: stories whole, claims missing, and nothing to redo them."""
    db = tmp_path / "mid.db"
    proc = subprocess.Popen(command(db, bench.config, "fetch", "-q"), env=environment(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    total = len(bench.clean["stories"])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if db.exists() and _stored(db) >= total // 2:
            break
        time.sleep(0.01)
    proc.kill()
    proc.wait(10)
    assert run(db, bench.config, "fetch", "-q").returncode == 0
    assert differences(derived_state(db), bench.clean) == []


def _stored(db) -> int:
    import sqlite3

    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            return conn.execute("SELECT count(*) FROM stories").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_a_digest_taken_during_a_rebuild_always_counts_the_same_incidents(bench: Bench, tmp_path):
    db = bench.copy_for_kill(tmp_path / "rebuild.db")
    days = [date.fromisoformat(row[3]) for row in bench.clean["claims"]]
    first, last = min(days), max(days)
    with Store(db) as store:
        expected = store.tally(first, last).incidents
    seen: list[int] = []
    done = threading.Event()

    def rebuild_twice() -> None:
        for _ in range(2):
            run(db, bench.config, "extract", "--rebuild")
        done.set()

    worker = threading.Thread(target=rebuild_twice)
    worker.start()
    with Store(db, readonly=True) as store:
        while not done.is_set():
            digest = build_digest(store, Config(), first, last)
            seen.append(digest.tally.incidents)
    worker.join()
    assert len(seen) >= 5
    assert set(seen) == {expected}


def test_a_full_disk_fails_the_run_and_the_next_run_completes_it(bench: Bench, tmp_path):
    db = tmp_path / "full.db"
    Store(db).close()
    limit = db.stat().st_size + 150_000  # room for a few feeds, not for all of them

    def small_disk() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    full = subprocess.run(command(db, bench.config, "fetch", "-q"), env=environment(), capture_output=True,
                          text=True, preexec_fn=small_disk, timeout=120)
    assert full.returncode == 1
    last = full.stderr.strip().splitlines()[-1]
    assert last.startswith("briefing: the run did not complete") and "Traceback" not in full.stderr
    again = run(db, bench.config, "fetch", "-q")
    assert again.returncode == 0, again.stderr
    assert differences(derived_state(db), bench.clean) == []


@pytest.mark.parametrize("how", ["SIGKILL", "SIGTERM"])
def test_parser_processes_die_with_a_killed_fetcher(corpus_server, tmp_path, how):
    import signal

    config = corpus_server.write_config(tmp_path / "hang.toml", hang=True)
    proc = subprocess.Popen(command(tmp_path / "h.db", config, "fetch", "-q", "--all"), env=environment(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    children: set[int] = set()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and len(children) < 4:  # forkserver, resource tracker, 2+ parsers
        children |= descendants(proc.pid)
        time.sleep(0.05)
    assert len(children) >= 4, children
    proc.send_signal(getattr(signal, how))
    proc.wait(10)
    assert wait_gone(children, 10) == set()


