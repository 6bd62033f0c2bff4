"""A feed of thousands of items is stored completely, as parsing it whole would store it, and a
fetcher killed while storing it loses nothing: the next run stores the rest."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from datetime import datetime, timedelta, timezone
from pathlib import Path

from feedserver import rss, xml_reply

from briefing.fetch.parse import parse_feed
from briefing.store import Store

from .conftest import fetch, make_config

REPO = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=timezone.utc)
BIG = dict(max_bytes=50_000_000, read_timeout=30, total_timeout=120)


def huge_feed(count: int, encoding: str = "utf-8") -> bytes:
    """About 4 KB an item, in Russian and English; item 5 comes again at the end, changed."""
    body = ("Переговоры о делимитации границы продолжились в Тавуше. " * 24
            + "Border commission talks went on near Tavush and Gazakh. " * 40)
    items = [{"title": f"Сообщение {n}: talks on the border", "guid": f"g{n}", "link": f"http://e.org/{n}",
              "description": f"{n}. {body}", "pubDate": NOW - timedelta(minutes=n)} for n in range(count)]
    items.append({**items[5], "title": "A second entry with guid g5"})
    return rss(items, title="Huge outlet", encoding=encoding)


def stored(db_path: Path) -> dict[str, tuple]:
    with Store(db_path) as store:
        rows = store.conn.execute("SELECT guid, title, summary, url, published FROM stories").fetchall()
    return {row[0]: tuple(row[1:]) for row in rows}


def test_a_huge_feed_is_stored_completely_as_parsing_it_whole_would(feed_server, db_path):
    for encoding in ("utf-8", "windows-1251"):
        document = huge_feed(1200, encoding)
        assert len(document) > 4_000_000
        url = feed_server.route(f"/{encoding}.xml", xml_reply(document, ETag=f'"{encoding}"'))
        config = make_config((encoding, url), **BIG)
        outcomes, run = fetch(config, db_path)
        assert outcomes[0].status == "new" and outcomes[0].new == 1200 and len(run.new_ids) == 1200
        whole = parse_feed(document, url, encoding, content_type="application/rss+xml")
        expected = {s.guid: (s.title, s.summary, s.url) for s in whole.stories}
        with Store(db_path) as store:
            rows = store.conn.execute("SELECT guid, title, summary, url FROM stories WHERE feed = ?",
                                      (encoding,)).fetchall()
            assert {row[0]: tuple(row[1:]) for row in rows} == expected
            assert expected["g5"][0] == "Сообщение 5: talks on the border"  # the first entry with a guid wins
            state = store.feed_states()[encoding]
            assert state.etag == f'"{encoding}"' and state.story_count == 1200
    with Store(db_path) as store:
        assert store.pending_count() == 2400  # every story marked for the pipeline


KILL_SCRIPT = textwrap.dedent(
    """
    import asyncio, sys
    from pathlib import Path
    from briefing.config import Config, Settings
    from briefing.fetch import fetch_feeds
    from briefing.models import Feed

    def stored(feed, saved):
        print(len(saved.new_ids), flush=True)

    if __name__ == "__main__":
        url, db = sys.argv[1], Path(sys.argv[2])
        settings = Settings(max_bytes=50_000_000, read_timeout=30, total_timeout=120)
        config = Config(feeds=[Feed(name="Huge", url=url, keep="all")], settings=settings)
        asyncio.run(fetch_feeds(config, db, on_stored=stored))
    """
)


def test_a_fetcher_killed_while_storing_a_huge_feed_loses_nothing(feed_server, db_path, tmp_path):
    url = feed_server.route("/huge.xml", xml_reply(huge_feed(2000), ETag='"v1"'))
    script = tmp_path / "killme.py"
    script.write_text(KILL_SCRIPT)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen([sys.executable, str(script), url, str(db_path)], stdout=subprocess.PIPE, text=True,
                            env=env)
    try:
        first = int(proc.stdout.readline())  # the first piece is stored: kill while the rest is parsed
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stdout.close()
    with Store(db_path) as store:
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        count = store.story_count()
        assert 0 < first <= count < 2000  # whole pieces stored, not the feed
        assert store.pending_count() == count  # each stored story is marked for the pipeline
        state = store.feed_states()["Huge"]
        assert state.etag is None  # the feed was not finished: it is due again, and fetched unconditionally
    before = stored(db_path)
    outcomes, _ = fetch(make_config(("Huge", url), **BIG), db_path, force=False)
    assert outcomes[0].new == 2000 - count and outcomes[0].updated == 0
    after = stored(db_path)
    assert len(after) == 2000 and all(after[guid] == row for guid, row in before.items())
    with Store(db_path) as store:
        assert store.feed_states()["Huge"].etag == '"v1"'
