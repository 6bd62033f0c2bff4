"""Fetch benchmark: 200 feeds x 50 items from 127.0.0.1, 20 ports, 50 ms latency per request.

Measures, in one run on one machine:
- briefing's cold fetch (empty database) and warm fetch (every feed answers 304);
- a "bare script" doing the same with httpx + feedparser + plain sqlite inserts at the
  same concurrency: the floor a straightforward implementation reaches;
- batch ingest alone (Store.save_stories), target >= 20,000 stories/s;
- newsboat (`newsboat -x reload`) on the same feeds, default settings and with
  reload-threads equal to our concurrency, if newsboat is installed.

The feed server runs in a separate process so it never competes for the fetcher's GIL.
Usage: python benchmarks/fetch.py [--feeds 200] [--items 50]  (writes benchmarks/results/fetch.txt)
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import multiprocessing
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import Tee, briefing_command, machine_info, peak_rss_mb  # noqa: E402

PORTS = 20
LATENCY = 0.050
CONCURRENCY = 32
RESULTS = Path(__file__).resolve().parent / "results" / "fetch.txt"
BASE_TIME = datetime(2026, 11, 20, 12, 0, tzinfo=timezone.utc)


# --- the feed server (separate process) ------------------------------------------------


def feed_document(feed: int, items: int, step: float = 17, reports: bool = False) -> bytes:
    """Feed `feed`'s RSS: `items` stories `step` minutes apart back from BASE_TIME; with `reports`,
    each is an incident report the extractor reads a claim from."""
    parts = []
    for k in range(items):
        when = BASE_TIME - timedelta(minutes=step * k + feed)
        if reports:
            summary = (f"<p>Armenia's Defence Ministry said {k % 4 + 1} servicemen were wounded near "
                       f"{('Sotk', 'Tegh', 'Goris', 'Jermuk')[feed % 4]} by Azerbaijani fire.</p>")
        else:
            summary = (
                f"<p>Armenian and Azerbaijani officials met on item {k} of feed {feed}. "
                + "The border commission discussed delimitation near Tavush and Gazakh. " * 4
                + f'<a href="https://outlet{feed}.example.org/{k}">Read more</a></p>'
            )
        parts.append(
            f"<item><title>Feed {feed} story {k}: talks on the border</title>"
            f"<link>https://outlet{feed}.example.org/news/{k}</link>"
            f"<guid>https://outlet{feed}.example.org/news/{k}</guid>"
            f"<pubDate>{format_datetime(when, usegmt=True)}</pubDate>"
            f"<description>{escape(summary)}</description></item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>Outlet {feed}</title><link>https://outlet{feed}.example.org/</link>"
        + "".join(parts) + "</channel></rss>"
    ).encode()


def serve(feeds: int, items: int, latency: float, ready: "multiprocessing.Queue", stop: "multiprocessing.Event",
          step: float = 17, reports: bool = False) -> None:
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    documents = {}
    for n in range(feeds):
        body = feed_document(n, items, step, reports)
        documents[f"/feed{n}.xml"] = (body, '"' + hashlib.md5(body).hexdigest() + '"')
    last_modified = format_datetime(BASE_TIME, usegmt=True)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def log_message(self, *args):
            pass

        def do_GET(self):
            time.sleep(latency)
            doc = documents.get(self.path)
            if doc is None:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            body, etag = doc
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", last_modified)
            self.end_headers()
            self.wfile.write(body)

    class Server(ThreadingHTTPServer):
        daemon_threads = True
        request_queue_size = 128

    servers = [Server(("127.0.0.1", 0), Handler) for _ in range(PORTS)]
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    ready.put([s.server_address[1] for s in servers])
    stop.wait()
    for server in servers:
        server.shutdown()


def feed_urls(ports: list[int], feeds: int) -> list[str]:
    return [f"http://127.0.0.1:{ports[n % len(ports)]}/feed{n}.xml" for n in range(feeds)]


class Farm:
    """Feeds served from 127.0.0.1 by another process (`serve`, so the server never competes for the
    measured process's GIL), for this benchmark, fetch_e2e.py and users.py."""

    def __init__(self, feeds: int, items: int, step: float = 17, reports: bool = False) -> None:
        context = multiprocessing.get_context("spawn")
        ready = context.Queue()
        self._stop = context.Event()
        self._process = context.Process(target=serve, args=(feeds, items, LATENCY, ready, self._stop, step, reports),
                                        daemon=True)
        self._process.start()
        self.urls = feed_urls(ready.get(timeout=600), feeds)

    def config(self, path: Path, **settings: object) -> Path:
        """A feeds.toml for these feeds (see `feeds_toml`)."""
        return feeds_toml(path, self.urls, **settings)

    def close(self) -> None:
        self._stop.set()
        self._process.join(10)


def feeds_toml(path: Path, urls: list[str], **settings: object) -> Path:
    """A feeds.toml for farm feeds, named "Outlet n" as in the archives scale.py builds, with the
    benchmarks' settings (`CONCURRENCY`, two per host, no retries) unless `settings` says otherwise."""
    values = {"concurrency": CONCURRENCY, "per_host": 2, "retries": 0, **settings}
    lines = ["[settings]", *(f"{k} = {v}" for k, v in values.items()), ""]
    for n, url in enumerate(urls):
        lines += ["[[feeds]]", f'name = "Outlet {n}"', f'url = "{url}"', 'keep = "all"', ""]
    path.write_text("\n".join(lines))
    return path


# --- briefing ------------------------------------------------------------------------


def briefing_config(urls: list[str]):
    from briefing.config import Config, Settings
    from briefing.models import Feed

    feeds = [Feed(name=f"Outlet {n}", url=u, keep="all") for n, u in enumerate(urls)]
    return Config(feeds=feeds, settings=Settings(concurrency=CONCURRENCY, per_host=2, retries=0))


def run_briefing(config, db: Path) -> tuple[float, int, list]:
    from briefing.fetch import fetch_feeds

    start = time.perf_counter()
    outcomes = asyncio.run(fetch_feeds(config, db, force=True))
    elapsed = time.perf_counter() - start
    return elapsed, sum(o.new for o in outcomes), outcomes


def run_cli(urls: list[str], tmpdir: Path) -> tuple[float, float]:
    """`briefing fetch --all` as a user runs it (a new process: fetch, extraction, incident and
    near-duplicate grouping), cold on an empty database and then warm; wall seconds of each."""
    config = feeds_toml(tmpdir / "feeds.toml", urls)
    command = briefing_command(config, tmpdir / "cli.db", "fetch", "--all", "-q")
    times = []
    for _ in range(2):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return times[0], times[1]


# --- the bare script -----------------------------------------------------------------


async def _bare(urls: list[str], db: Path) -> int:
    import feedparser
    import httpx

    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE items (feed TEXT, guid TEXT, title TEXT, link TEXT, summary TEXT, published TEXT,"
                 " PRIMARY KEY (feed, guid))")
    sem = asyncio.Semaphore(CONCURRENCY)
    stored = 0
    async with httpx.AsyncClient(timeout=20) as client:
        async def one(url: str) -> None:
            nonlocal stored
            async with sem:
                response = await client.get(url)
            parsed = feedparser.parse(response.content)
            rows = [(url, e.get("id", ""), e.get("title", ""), e.get("link", ""), e.get("summary", ""),
                     e.get("published", "")) for e in parsed.entries]
            conn.executemany("INSERT OR REPLACE INTO items VALUES (?,?,?,?,?,?)", rows)
            conn.commit()
            stored += len(rows)

        await asyncio.gather(*(one(u) for u in urls))
    conn.close()
    return stored


def run_bare(urls: list[str], db: Path) -> tuple[float, int]:
    start = time.perf_counter()
    stored = asyncio.run(_bare(urls, db))
    return time.perf_counter() - start, stored


# --- batch ingest --------------------------------------------------------------------


def run_ingest(db: Path, total: int = 20_000, per_feed: int = 50) -> float:
    from briefing.models import Feed, Story
    from briefing.store import Store

    feeds = total // per_feed
    batches = []
    for f in range(feeds):
        batches.append([
            Story(feed=f"F{f}", title=f"Story {f}-{k} on the border talks", url=f"https://o{f}.example.org/{k}",
                  guid=f"https://o{f}.example.org/{k}", summary="Armenian and Azerbaijani officials met. " * 6,
                  published=BASE_TIME - timedelta(minutes=k))
            for k in range(per_feed)
        ])
    with Store(db) as store:
        store.sync_feeds([Feed(name=f"F{f}", url=f"https://o{f}.example.org/feed") for f in range(feeds)])
        start = time.perf_counter()
        for f, batch in enumerate(batches):
            store.save_stories(f"F{f}", batch)
        elapsed = time.perf_counter() - start
    return total / elapsed


# --- newsboat ------------------------------------------------------------------------


NEWSBOAT_ENV = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TERM": "dumb"}  # with a HOME of its own


def newsboat_reload(exe: str, urls: Path, cache: Path, config: Path) -> list[str]:
    """newsboat fetching every feed in `urls` once, headless, into `cache` (the comparison's command)."""
    return [exe, "-x", "reload", "-u", str(urls), "-c", str(cache), "-C", str(config)]


def run_newsboat(urls: list[str], threads: int | None) -> tuple[float, int] | None:
    exe = shutil.which("newsboat")
    if not exe:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        (tmpdir / "urls").write_text("\n".join(urls) + "\n")
        config = tmpdir / "config"
        config.write_text(f"reload-threads {threads}\n" if threads else "")
        cache = tmpdir / "cache.db"
        start = time.perf_counter()
        subprocess.run(newsboat_reload(exe, tmpdir / "urls", cache, config), check=True,
                       env={**NEWSBOAT_ENV, "HOME": str(tmpdir)}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        elapsed = time.perf_counter() - start
        conn = sqlite3.connect(cache)
        items = conn.execute("SELECT count(*) FROM rss_item").fetchone()[0]
        conn.close()
    return elapsed, items


# --- main ----------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--no-save", action="store_true")
    args = parser.parse_args()
    out = Tee()
    out("briefing fetch benchmark")
    out(machine_info())
    out(f"setup:    {args.feeds} feeds x {args.items} items, {PORTS} ports on 127.0.0.1, "
        f"{LATENCY * 1000:.0f} ms latency per request, concurrency {CONCURRENCY}, per-host 2")
    out()

    farm = Farm(args.feeds, args.items)
    urls = farm.urls
    expected = args.feeds * args.items
    rows: list[tuple[str, float, str]] = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            tmpdir = Path(tmp)
            config = briefing_config(urls)
            cold, stored, outcomes = run_briefing(config, tmpdir / "briefing.db")
            errors = [o for o in outcomes if o.status == "error"]
            assert stored == expected and not errors, (stored, errors[:3])
            own_mb, child_mb = peak_rss_mb()
            warm, _, outcomes = run_briefing(config, tmpdir / "briefing.db")
            assert all(o.status == "unchanged" and o.http_status == 304 for o in outcomes)
            bare, bare_stored = run_bare(urls, tmpdir / "bare.db")
            assert bare_stored == expected
            cli_cold, cli_warm = run_cli(urls, tmpdir)
            ingest = run_ingest(tmpdir / "ingest.db")
            ingest_big = run_ingest(tmpdir / "ingest-big.db", per_feed=1000)
        rows.append(("briefing cold fetch", cold, f"{expected / cold:,.0f} stories/s"))
        rows.append(("briefing warm fetch (all 304)", warm, f"{args.feeds / warm:,.0f} feeds/s"))
        rows.append(("bare script (httpx+feedparser+sqlite)", bare, f"{expected / bare:,.0f} stories/s"))
        rows.append(("`briefing fetch --all` end to end, cold", cli_cold, "fetch + claims + groups, new process"))
        rows.append(("`briefing fetch --all` end to end, warm", cli_warm, "every feed 304"))
        newsboat_default = run_newsboat(urls, None)
        newsboat_threads = run_newsboat(urls, CONCURRENCY)
        for label, result in (("newsboat -x reload (defaults)", newsboat_default),
                              (f"newsboat -x reload (reload-threads {CONCURRENCY})", newsboat_threads)):
            if result is not None:
                rows.append((label, result[0], f"{result[1]:,} items stored"))
    finally:
        farm.close()

    out(f"{'run':<44} {'wall':>9}  rate")
    for label, seconds, rate in rows:
        out(f"{label:<44} {seconds:>8.2f}s  {rate}")
    out(f"{'batch ingest (Store.save_stories, 50/batch)':<44} {'':>9}  {ingest:,.0f} stories/s (target >= 20,000)")
    out(f"{'batch ingest (Store.save_stories, 1000/batch)':<44} {'':>9}  {ingest_big:,.0f} stories/s")
    out(f"peak memory after the cold fetch: fetcher {own_mb:.0f} MB, largest child process {child_mb:.0f} MB")
    out()
    out("ratios (targets in brackets):")
    out(f"  cold / bare script:            {cold / bare:.2f}x   [<= 1.2x]")
    out(f"  warm fetch:                    {warm:.2f} s   [< 1 s]")
    out(f"  end to end / bare script:      {cli_cold / bare:.2f}x   [<= 1.5x]")
    if newsboat_threads:
        out(f"  end to end / newsboat {CONCURRENCY} thr.:  {cli_cold / newsboat_threads[0]:.2f}x   [<= 1.2x]")
    if newsboat_default:
        out(f"  newsboat defaults / cold:      {newsboat_default[0] / cold:.1f}x faster  [>= 5x]")
    if newsboat_threads:
        out(f"  newsboat {CONCURRENCY} threads / cold:    {newsboat_threads[0] / cold:.2f}x  [> 1x]")
    if not newsboat_default:
        out("  newsboat: not installed (apt-get install newsboat)")
    if not args.no_save:
        out.save(RESULTS)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
