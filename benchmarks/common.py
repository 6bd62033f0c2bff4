"""Shared benchmark helpers: print the machine a figure was measured on (and its load), peak memory,
what a command's whole process tree cost (wall, CPU, memory), sampled from /proc while it runs, and
the `briefing` command line the end-to-end benchmarks time.

A number without its machine is an anecdote; every benchmark prints this header.
"""

from __future__ import annotations

import os
import platform
import resource
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def memory_total() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                kb = int(line.split()[1])
                return f"{kb / 1024 / 1024:.1f} GB"
    except OSError:
        pass
    return "unknown"


def machine_info() -> str:
    return "\n".join([
        f"platform: {platform.platform()}",
        f"cpu:      {cpu_model()}",
        f"cores:    {os.cpu_count()} (usable: {len(os.sched_getaffinity(0)) if hasattr(os, 'sched_getaffinity') else '?'})",
        f"memory:   {memory_total()}",
        f"python:   {sys.version.split()[0]} ({platform.python_implementation()})",
    ])


def load_now() -> str:
    """The 1-minute load average, as printed beside a figure measured on a shared machine."""
    return f"{os.getloadavg()[0]:.1f}"


def load_line(when: str) -> str:
    """The three load averages in a report's header or footer (`when`: "at start", "at the end")."""
    return f"load:     {' '.join(f'{v:.2f}' for v in os.getloadavg())} ({when})"


def dated_header(tee: "Tee", title: str) -> None:
    """A report's first lines: its title, the machine, the date and the load when it started."""
    tee(title)
    tee(machine_info())
    tee(f"date:     {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    tee(load_line("at start"))


def peak_rss_mb() -> tuple[float, float]:
    """(this process, largest waited-for child) peak resident memory in MB (Linux reports KB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


class Tee:
    """Print to the terminal and remember the lines, to save the report afterwards."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def __call__(self, text: str = "") -> None:
        print(text, flush=True)
        self.lines.append(text)

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(self.lines) + "\n", encoding="utf-8")


def tree_usage(root: int) -> dict[int, tuple[float, int]]:
    """CPU seconds (user + system) and resident memory (KB) of a process and all its descendants,
    by pid, read from /proc (what the benchmarks count as a command's cost, children included)."""
    tick, page_kb = os.sysconf("SC_CLK_TCK"), os.sysconf("SC_PAGE_SIZE") // 1024
    parents: dict[int, int] = {}
    usage: dict[int, tuple[float, int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{entry}/statm") as f:
                pages = int(f.read().split()[1])
        except (OSError, IndexError, ValueError):
            continue
        parents[int(entry)] = int(fields[1])
        usage[int(entry)] = ((int(fields[11]) + int(fields[12])) / tick, pages * page_kb)
    family, grew = {root}, True
    while grew:
        grew = False
        for pid, parent in parents.items():
            if parent in family and pid not in family:
                family.add(pid)
                grew = True
    return {pid: usage[pid] for pid in family if pid in usage}


@dataclass
class Sampled:
    """What one run of a command cost: wall seconds, CPU seconds and peak resident memory (MB) of
    its process tree (sampled while it ran), and its output."""

    wall: float
    cpu: float
    peak_mb: float
    output: str


def sampled(command: list[str], env: dict | None = None, keep_output: bool = False, every: float = 0.02) -> Sampled:
    """Run a command, sampling its process tree's CPU and memory; raises if it fails."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE if keep_output else subprocess.DEVNULL,
                               stderr=subprocess.STDOUT if keep_output else subprocess.PIPE, env=env)
    cpu: dict[int, float] = {}
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            now = tree_usage(process.pid)
            cpu.update({pid: used for pid, (used, _) in now.items()})
            peak = max(peak, sum(rss for _, rss in now.values()))
            time.sleep(every)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = process.communicate()
    elapsed = time.perf_counter() - start
    done.set()
    sampler.join()
    text = (out or b"").decode(errors="replace") if keep_output else (err or b"").decode(errors="replace")
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited {process.returncode}:\n{text[-2000:]}")
    return Sampled(elapsed, sum(cpu.values()), peak / 1024, text if keep_output else "")



def briefing_command(config: Path, db: Path, *args: str) -> list[str]:
    """`briefing --config CONFIG --db DB ARGS…` as a user runs it: a new Python process."""
    return [sys.executable, "-m", "briefing", "--config", str(config), "--db", str(db), *args]


def remove_database(db: Path) -> Path:
    """Delete a database with its journal files (a journal left beside a new file would be replayed
    into it), so the next run starts from an empty or freshly copied archive; returns `db`."""
    for stale in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        stale.unlink(missing_ok=True)
    return db
