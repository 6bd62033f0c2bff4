"""Shared benchmark helpers: print the machine a figure was measured on, and peak memory.

A number without its machine is an anecdote; every benchmark prints this header.
"""

from __future__ import annotations

import os
import platform
import resource
import sys
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
