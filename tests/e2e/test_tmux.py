"""End to end in a real terminal (tmux): `briefing --db X --config Y`, tag with 1, quit with q; and
`briefing demo` as a newcomer first runs it, through the keys, the incidents screen and why a claim is read.

Skipped without tmux.  Waits poll the pane or the database with a deadline.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from sample_store import save_samples  # tests/sample_store.py (tests/ is on the path)
from briefing.demo.samples import sample_feeds
from briefing.store import Store, StoryFilter

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def load_samples(path: Path) -> None:
    with Store(path) as store:
        save_samples(store, sample_feeds())


def wait_until(condition, timeout: float = 20.0, what: str = "condition", screen=None) -> None:
    """Poll `condition` until it holds; fail after `timeout` seconds, showing `screen()` if given."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}; the screen:\n{screen() if screen else ''}")
        time.sleep(0.1)


class Terminal:
    """A 120x36 tmux session on a server of its own, running one shell command."""

    def __init__(self, command: str) -> None:
        self.tmux = ["tmux", "-L", f"briefing-e2e-{uuid.uuid4().hex[:8]}"]
        subprocess.run([*self.tmux, "new-session", "-d", "-s", "e2e", "-x", "120", "-y", "36", command], check=True)

    def screen(self) -> str:
        return subprocess.run([*self.tmux, "capture-pane", "-p", "-t", "e2e"], capture_output=True, text=True).stdout

    def press(self, *keys: str) -> None:
        """Keys as fast as tmux sends them: a key must not depend on the one before it having been
        handled (Enter then w on an incident once did)."""
        for key in keys:
            subprocess.run([*self.tmux, "send-keys", "-t", "e2e", key], check=True)

    def until(self, condition, what: str, timeout: float = 20.0) -> None:
        """`wait_until`, showing the screen if the deadline passes."""
        wait_until(condition, timeout, what, screen=self.screen)

    def running(self) -> bool:
        return subprocess.run([*self.tmux, "has-session", "-t", "e2e"], capture_output=True).returncode == 0

    def close(self) -> None:
        subprocess.run([*self.tmux, "kill-server"], capture_output=True)


def briefing_command(home: Path, *args: str) -> str:
    """`python -m briefing ARGS` from the repository, with every directory it writes under `home`, sized
    by the terminal as a user's is (COLUMNS and LINES, which the test run may pass on, would fix it at 80x24)."""
    env = " ".join(f"{name}={shlex.quote(str(value))}" for name, value in (
        ("HOME", home), ("XDG_CONFIG_HOME", home / ".config"), ("XDG_DATA_HOME", home / ".local/share"),
        ("XDG_STATE_HOME", home / ".local/state"), ("PYTHONPATH", REPO), ("TERM", "xterm-256color")))
    return (f"cd {shlex.quote(str(REPO))} && env -u COLUMNS -u LINES {env} {shlex.quote(sys.executable)} -m briefing"
            f" {' '.join(shlex.quote(arg) for arg in args)}")


def test_tag_and_quit_in_a_real_terminal(tmp_path, isolated_dirs):
    db = tmp_path / "briefing.db"
    load_samples(db)
    config = tmp_path / "feeds.toml"
    config.write_text(
        '[tags]\nquick = ["e2e-tag"]\n\n'
        '[[feeds]]\nname = "TASS"\nurl = "http://127.0.0.1:9/tass.xml"\norigin = "russia"\n',
        encoding="utf-8",
    )
    with Store(db) as store:
        newest = store.story_window(StoryFilter(collapse_clusters=True), 0, 1)[0]
    terminal = Terminal(briefing_command(isolated_dirs, "--db", str(db), "--config", str(config)))
    try:
        wait_until(lambda: "All stories" in terminal.screen() and newest.title[:20] in terminal.screen(),
                   what="the first screen")
        terminal.press("1")

        def tagged() -> bool:
            with Store(db) as store:
                return "e2e-tag" in store.story_tags(newest.id)

        wait_until(tagged, what="the tag in the database")
        wait_until(lambda: "e2e-tag" in terminal.screen(), what="the tag chip on screen")
        terminal.press("q")
        wait_until(lambda: not terminal.running(), what="the app to quit")
    finally:
        terminal.close()
    with Store(db) as store:
        assert store.story_tags(newest.id) == ["e2e-tag"]


def test_the_demo_in_a_real_terminal_keys_incidents_and_why(isolated_dirs):
    """What a newcomer does first: `briefing demo` fetches the sample feeds from 127.0.0.1 and opens
    the reader; `?` lists the keys (the incidents screen's `w` among them), `i` opens the incidents,
    Enter and `w` say why the machine read a claim, and q leaves each screen and then the app."""
    terminal = Terminal(briefing_command(isolated_dirs, "demo"))
    try:
        terminal.until(lambda: "All stories" in terminal.screen() and "Today" in terminal.screen(),
                       "the demo's first screen, its feeds fetched and processed", timeout=90)
        screen = terminal.screen()
        assert "Armenia" in screen and "Azerbaijan" in screen and "▲" in screen  # sources, an incident mark
        terminal.press("?")
        terminal.until(lambda: "Keys (Escape closes)" in terminal.screen(), "the help screen")
        terminal.press("End")
        terminal.until(lambda: "incidents.why" in terminal.screen(), "the incidents screen's keys in the help")
        assert re.search(r"\bw\s+Why\b", terminal.screen())
        terminal.press("Escape")  # (alone: an Escape with a key right after it is Alt and that key)
        terminal.until(lambda: "incidents.why" not in terminal.screen(), "the help to close")
        terminal.press("i")
        terminal.until(lambda: "w why" in terminal.screen(), "the incidents screen with the claims read")
        terminal.press("Enter", "w")
        terminal.until(lambda: "Why the machine says so" in terminal.screen(), "the why screen")
        assert "Read from:" in terminal.screen() and "claimant" in terminal.screen()
        terminal.press("Escape")
        terminal.until(lambda: "Why the machine says so" not in terminal.screen(), "the why screen to close")
        terminal.press("q")
        terminal.until(lambda: "Armenia says…" not in terminal.screen() and "All stories" in terminal.screen(),
                       "the incidents screen to close")
        terminal.press("q")
        terminal.until(lambda: not terminal.running(), "the demo to end with the app")
    finally:
        terminal.close()
