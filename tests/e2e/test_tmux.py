"""End to end: `briefing --db X --config Y` in a real terminal (tmux), tag with 1, quit with q.

Skipped without tmux.  Waits poll the pane or the database with a deadline.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from briefing.demo.samples import sample_feeds
from briefing.models import Story
from briefing.store import Store, StoryFilter

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def load_samples(path: Path) -> None:
    with Store(path) as store:
        for feed in sample_feeds():
            store.save_stories(feed.name, [Story(feed=feed.name, title=i.title, url=i.link, guid=i.id,
                                                 summary=i.summary, published=i.published) for i in feed.items])


def wait_until(condition, timeout: float = 20.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


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
    socket = f"briefing-e2e-{uuid.uuid4().hex[:8]}"
    tmux = ["tmux", "-L", socket]
    env = f"HOME={shlex.quote(str(isolated_dirs))} PYTHONPATH={shlex.quote(str(REPO))} TERM=xterm-256color"
    command = (
        f"cd {shlex.quote(str(REPO))} && env {env} {shlex.quote(sys.executable)} -m briefing"
        f" --db {shlex.quote(str(db))} --config {shlex.quote(str(config))}"
    )
    subprocess.run([*tmux, "new-session", "-d", "-s", "e2e", "-x", "120", "-y", "36", command], check=True)

    def pane() -> str:
        out = subprocess.run([*tmux, "capture-pane", "-p", "-t", "e2e"], capture_output=True, text=True)
        return out.stdout

    def running() -> bool:
        return subprocess.run([*tmux, "has-session", "-t", "e2e"], capture_output=True).returncode == 0

    try:
        wait_until(lambda: "All stories" in pane() and newest.title[:20] in pane(), what="the first screen")
        subprocess.run([*tmux, "send-keys", "-t", "e2e", "1"], check=True)

        def tagged() -> bool:
            with Store(db) as store:
                return "e2e-tag" in store.story_tags(newest.id)

        wait_until(tagged, what="the tag in the database")
        wait_until(lambda: "e2e-tag" in pane(), what="the tag chip on screen")
        subprocess.run([*tmux, "send-keys", "-t", "e2e", "q"], check=True)
        wait_until(lambda: not running(), what="the app to quit")
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True)
    with Store(db) as store:
        assert store.story_tags(newest.id) == ["e2e-tag"]
