"""Every module imports on its own, and no two modules import each other, however indirectly.

A cycle is where "one module, one job" breaks first (the app and its command palette, the
story list and the tag picker each needed the other once).  Imports are read from the
source with `ast`, including imports inside functions and under `TYPE_CHECKING`: a cycle
hidden in a function is still a cycle.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

import briefing

ROOT = Path(briefing.__file__).parent


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(ROOT.rglob("*.py"))}
RUNS_ON_IMPORT = {"briefing.__main__"}  # `python -m briefing`: importing it runs the command line


def imports_of(name: str) -> set[str]:
    """The briefing modules `name` imports (a package's `__init__` stands for the package)."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            # `from pkg import mod` imports the module `pkg.mod`; `from mod import name` the module `mod`
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base for alias in node.names]
        else:
            continue
        found.update(t for t in targets if t in MODULES and t != name)
    return found


def cycles() -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan's algorithm)."""
    graph = {name: imports_of(name) for name in MODULES}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for name in graph:
        if name not in index:
            visit(name)
    return groups


def test_no_module_imports_itself_back():
    assert cycles() == []


def test_the_cycle_check_sees_a_cycle(tmp_path, monkeypatch):
    """The checker itself: two modules importing each other are reported."""
    monkeypatch.setitem(MODULES, "briefing.zz_a", tmp_path / "zz_a.py")
    monkeypatch.setitem(MODULES, "briefing.zz_b", tmp_path / "zz_b.py")
    (tmp_path / "zz_a.py").write_text("from .zz_b import x\n")
    (tmp_path / "zz_b.py").write_text("def f():\n    from . import zz_a\n")
    assert cycles() == [["briefing.zz_a", "briefing.zz_b"]]


@pytest.mark.parametrize("name", sorted(set(MODULES) - RUNS_ON_IMPORT))
def test_every_module_imports_on_its_own(name):
    importlib.import_module(name)


FETCH_IN_ITS_OWN_PROCESS = """
import asyncio, sys
sys.path.insert(0, sys.argv[1])
from feedserver import FeedServer, rss, xml_reply
from briefing.config import Config
from briefing.fetch import fetch_feeds
from briefing.models import Feed

server = FeedServer().start()
url = server.route("/a.xml", xml_reply(rss([{"title": f"Talks in Brussels, day {k}", "guid": f"g{k}"}
                                             for k in range(5)])))
config = Config(feeds=[Feed(name="A", url=url, keep="all")])
outcomes = asyncio.run(fetch_feeds(config, sys.argv[2], force=True))
print(outcomes[0].new, sorted(m for m in ("feedparser", "briefing.fetch.parse", "briefing.fetch.relevance")
                             if m in sys.modules))
server.stop()
"""


def test_a_fetch_never_loads_the_parser_into_its_own_process(tmp_path):
    """Feeds are parsed in the worker processes, and what they send back must not import the parser
    either: feedparser and the relevance filter cost ~1.5 s of compiling, and when the app fetches,
    the fetcher's process is the app's, whose screen would stop answering meanwhile."""
    import subprocess
    import sys

    tests = Path(__file__).parent
    done = subprocess.run([sys.executable, "-c", FETCH_IN_ITS_OWN_PROCESS, str(tests), str(tmp_path / "f.db")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["5", "[]"]
