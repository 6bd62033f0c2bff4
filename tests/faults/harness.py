"""Fault injection on real parts: feeds served from 127.0.0.1, briefing run as a subprocess on a
real SQLite file, killed with SIGKILL at a random moment, then run again.

Used by the fault suite (tests/faults) and by benchmarks/faults.py, which runs many more kills.
`derived_state` reads what a run leaves in a form that does not depend on row ids or on
the order work was done in, so a killed-and-rerun database can be compared with a clean one.
"""

from __future__ import annotations

import fcntl
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from briefing.demo.samples import SampleFeed, sample_feeds
from briefing.demo.server import build_documents

REPO = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=timezone.utc)
SCENARIOS = ("fetch", "process", "rebuild")


def corpus(copies: int) -> list[SampleFeed]:
    """The bundled sample outlets `copies` times over, as outlets of their own.

    Copies carry the same titles from different feeds, so near-duplicate grouping and
    incident grouping across outlets both have real work to do.
    """
    feeds: list[SampleFeed] = []
    for k in range(copies):
        for feed in sample_feeds(NOW, recent=True):
            items = [replace(i, id=f"{i.id}-{k}", link=f"{i.link}?copy={k}") for i in feed.items]
            feeds.append(SampleFeed(name=f"{feed.name} {k}", origin=feed.origin, slug=f"{feed.slug}-{k}",
                                    items=items))
    return feeds


class CorpusServer:
    """The corpus as RSS on 127.0.0.1 (a thread); a context manager."""

    def __init__(self, copies: int = 6) -> None:
        self.feeds = corpus(copies)
        documents: dict[str, bytes] = {}

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - the http.server API
                if self.path == "/hang.xml":  # a feed that never answers keeps a fetcher alive
                    time.sleep(120)
                    return
                body = documents.get(self.path.split("?")[0])
                self.send_response(200 if body else 404)
                self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
                self.send_header("Content-Length", str(len(body or b"")))
                self.end_headers()
                self.wfile.write(body or b"")

            def log_message(self, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        documents.update({path: doc.body for path, doc in build_documents(self.feeds, self.base_url).items()})
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> "CorpusServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def write_config(self, path: Path, hang: bool = False) -> Path:
        """feeds.toml for the corpus; `hang` adds a feed that never answers (and long timeouts)."""
        lines = ["[settings]", "fetch_interval_minutes = 60", "retries = 0", "concurrency = 8", "per_host = 8", ""]
        if hang:
            lines[1:1] = ["read_timeout = 100", "total_timeout = 100"]
            lines += ["[[feeds]]", 'name = "Hangs"', f'url = "{self.base_url}/hang.xml"', ""]
        for feed in self.feeds:
            lines += ["[[feeds]]", f"name = {json.dumps(feed.name)}", f'url = "{self.base_url}/{feed.slug}.xml"',
                      f'origin = "{feed.origin}"', 'keep = "all"', ""]
        path.write_text("\n".join(lines), encoding="utf-8")
        return path


def command(db: Path, config: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "briefing", "--db", str(db), "--config", str(config), *args]


def environment() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO), "TZ": "UTC"}


def run(db: Path, config: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(command(db, config, *args), capture_output=True, text=True, env=environment(),
                          timeout=timeout)


SCENARIO_ARGS = {"fetch": ("fetch", "-q"), "process": ("doctor", "--all"), "rebuild": ("extract", "--rebuild")}


@dataclass(frozen=True, slots=True)
class Kill:
    scenario: str
    after: float  # seconds after start
    finished_first: bool  # the run ended before the kill came
    equal: bool  # after one rerun, derived data equals a clean run's
    descendants_left: int
    stored: int  # stories in the database when the run was killed
    pending: int  # of them, still waiting for processing


def kill_at(db: Path, config: Path, scenario: str, after: float) -> tuple[bool, int]:
    """Start a run, SIGKILL it `after` seconds in; return (finished before the kill, children left alive)."""
    proc = subprocess.Popen(command(db, config, *SCENARIO_ARGS[scenario]), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env=environment())
    deadline = time.monotonic() + after
    children: set[int] = set()
    while time.monotonic() < deadline and proc.poll() is None:
        children |= descendants(proc.pid)
        time.sleep(0.02)
    finished = proc.poll() is not None
    children |= descendants(proc.pid)
    if not finished:
        proc.send_signal(signal.SIGKILL)
    proc.wait(30)
    return finished, len(wait_gone(children, 10))


def descendants(pid: int) -> set[int]:
    """Every living process below `pid` (Linux /proc), children of children included."""
    found: set[int] = set()
    todo = [pid]
    while todo:
        parent = todo.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            try:
                kids = (task / "children").read_text().split()
            except OSError:
                continue
            for kid in map(int, kids):
                if kid not in found:
                    found.add(kid)
                    todo.append(kid)
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def wait_gone(pids: set[int], seconds: float) -> set[int]:
    """The processes of `pids` still alive after waiting up to `seconds` for them to exit."""
    deadline = time.monotonic() + seconds
    left = {p for p in pids if alive(p)}
    while left and time.monotonic() < deadline:
        time.sleep(0.05)
        left = {p for p in left if alive(p)}
    return left


def derived_state(db: Path) -> dict[str, object]:
    """Stories, claims, incidents and near-duplicate groups, independent of row ids and batch order."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        stories = sorted(map(list, conn.execute(
            "SELECT id, content_hash, has_incident, cluster, duplicate_of_newer, unread_incident FROM stories")))
        claims = conn.execute(
            "SELECT c.story_id, c.claimant, c.side_affected, c.event_date, c.killed, c.wounded, c.killed_high,"
            " c.wounded_high, c.unsplit, c.locations, c.weapons, c.event_type, c.kind, c.evidence, c.origin, c.vague,"
            " c.incident_id, c.confidence, c.why FROM claims c ORDER BY 1, 2, 3, 4, 14"
        ).fetchall()
        claims = [list(row) for row in claims]  # lists, as JSON gives them back: see Bench.shared
        incidents = sorted(map(list, conn.execute(
            "SELECT id, event_date, locations, sector, event_type, kind FROM incidents")))
        pending = conn.execute("SELECT count(*) FROM pending").fetchone()[0]
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()
    return {"stories": stories, "claims": claims, "incidents": incidents, "pending": pending,
            "integrity": integrity}


def differences(state: dict[str, object], clean: dict[str, object]) -> list[str]:
    """What differs from the clean run, one phrase per part (empty when equal)."""
    out = []
    for key in ("stories", "claims", "incidents", "pending", "integrity"):
        if state[key] != clean[key]:
            mine, theirs = state[key], clean[key]
            size = (f"{len(mine)} vs {len(theirs)}" if isinstance(mine, list) else f"{mine!r} vs {theirs!r}")
            out.append(f"{key} differ ({size})")
    return out


@dataclass
class Bench:
    """A clean run's database and timings, and copies of it for kills of processing and rebuild."""

    workdir: Path
    config: Path
    clean_db: Path
    clean: dict[str, object]
    seconds: dict[str, float]
    clean_base: str = ""  # the address the clean run fetched from
    base: str = ""  # the address this test process serves the corpus on

    @classmethod
    def prepare(cls, server: CorpusServer, workdir: Path) -> "Bench":
        config = server.write_config(workdir / "feeds.toml")
        clean_db = workdir / "clean.db"
        seconds: dict[str, float] = {}
        start = time.monotonic()
        done = run(clean_db, config, "fetch", "-q")
        seconds["fetch"] = time.monotonic() - start
        if done.returncode != 0:
            raise RuntimeError(f"the clean run failed: {done.stderr.strip()}")
        start = time.monotonic()
        run(clean_db, config, "doctor", "--check")
        seconds["startup"] = time.monotonic() - start  # interpreter, imports, opening the database
        for scenario in ("process", "rebuild"):
            copy = cls.copy_clean(clean_db, workdir / f"timing-{scenario}.db")
            start = time.monotonic()
            run(copy, config, *SCENARIO_ARGS[scenario])
            seconds[scenario] = time.monotonic() - start
        return cls(workdir, config, clean_db, derived_state(clean_db), seconds, server.base_url, server.base_url)

    @classmethod
    def shared(cls, server: CorpusServer, root: Path) -> "Bench":
        """One clean run for every test process: the first prepares it (under a lock), the rest read it."""
        root.mkdir(parents=True, exist_ok=True)
        record = root / "bench.json"
        with open(root / "bench.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if record.exists():
                data = json.loads(record.read_text())
                bench = cls(Path(data["workdir"]), Path(data["config"]), Path(data["clean_db"]), data["clean"],
                            data["seconds"], data["clean_base"])
            else:
                bench = cls.prepare(server, root)
                record.write_text(json.dumps({"workdir": str(bench.workdir), "config": str(bench.config),
                                              "clean_db": str(bench.clean_db), "clean": bench.clean,
                                              "seconds": bench.seconds, "clean_base": bench.clean_base}))
        # Each test process serves the same corpus on its own port: its config names that port.
        # Story ids and contents do not depend on the port, so the clean run holds for all.
        return replace(bench, config=server.write_config(root / f"feeds-{os.getpid()}.toml"), base=server.base_url)

    def copy_for_kill(self, target: Path) -> Path:
        """A copy of the clean database whose feeds point at this process's server (same corpus, other port)."""
        self.copy_clean(self.clean_db, target)
        if self.base != self.clean_base:
            with sqlite3.connect(target) as conn:
                conn.execute("UPDATE feeds SET url = replace(url, ?, ?)", (self.clean_base, self.base))
            conn.close()
        return target

    @staticmethod
    def copy_clean(clean_db: Path, target: Path) -> Path:
        for suffix in ("", "-wal", "-shm"):
            source = Path(str(clean_db) + suffix)
            if source.exists():
                shutil.copyfile(source, str(target) + suffix)
        return target

    def kill_once(self, scenario: str, rng: random.Random, n: int) -> Kill:
        """Kill one run of `scenario` at a random moment, rerun `briefing fetch`, compare with the clean run."""
        db = self.workdir / f"kill-{os.getpid()}-{n}.db"
        if scenario != "fetch":
            self.copy_for_kill(db)
        after = rng.uniform(self.seconds["startup"] * 0.8, self.seconds[scenario])
        finished, left = kill_at(db, self.config, scenario, after)
        stored, pending = counts(db)
        rerun = run(db, self.config, "fetch", "-q")
        equal = rerun.returncode == 0 and not differences(derived_state(db), self.clean)
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
        return Kill(scenario, round(after, 3), finished, equal, left, stored, pending)


def counts(db: Path) -> tuple[int, int]:
    """(stories, stories pending) in a database a killed run left; (0, 0) if it never got that far."""
    if not db.exists():
        return 0, 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            return (conn.execute("SELECT count(*) FROM stories").fetchone()[0],
                    conn.execute("SELECT count(*) FROM pending").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0, 0
