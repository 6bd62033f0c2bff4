"""A loopback HTTP server for the sample feeds, so the demo runs the real fetcher offline.

Each sample outlet is served as RSS 2.0 at `/<slug>.xml` with an ETag and a
Last-Modified, answers conditional requests with 304 and gzips when asked: the
demo then exercises exactly the paths a real outlet would.  It binds to
127.0.0.1 only.  The XML is built with ElementTree, so every title and summary
is escaped properly whatever it contains.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .samples import SampleFeed, sample_feeds


@dataclass(slots=True)
class Document:
    body: bytes
    gzipped: bytes
    etag: str
    last_modified: str
    modified: datetime
    content_type: str = "application/rss+xml; charset=utf-8"


def rss_document(feed: SampleFeed, base_url: str) -> bytes:
    """One sample outlet as an RSS 2.0 document (UTF-8)."""
    rss = ET.Element("rss", version="2.0")
    channel = ET.SubElement(rss, "channel")
    ET.SubElement(channel, "title").text = feed.name
    ET.SubElement(channel, "link").text = f"{base_url}/{feed.slug}.xml"
    ET.SubElement(channel, "description").text = f"Sample stories from {feed.name} (briefing demo)"
    ET.SubElement(channel, "language").text = "en"
    for item in feed.items:
        node = ET.SubElement(channel, "item")
        ET.SubElement(node, "title").text = item.title
        ET.SubElement(node, "link").text = item.link
        ET.SubElement(node, "guid", isPermaLink="false").text = item.id
        ET.SubElement(node, "pubDate").text = format_datetime(item.published.astimezone(timezone.utc), usegmt=True)
        ET.SubElement(node, "description").text = item.summary
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(rss, encoding="utf-8", xml_declaration=False)


def build_documents(feeds: list[SampleFeed], base_url: str) -> dict[str, Document]:
    documents: dict[str, Document] = {}
    for feed in feeds:
        body = rss_document(feed, base_url)
        newest = max((i.published for i in feed.items), default=datetime.now(timezone.utc)).replace(microsecond=0)
        documents[f"/{feed.slug}.xml"] = Document(
            body=body,
            gzipped=gzip.compress(body, compresslevel=6, mtime=0),
            etag='"' + hashlib.blake2b(body, digest_size=10).hexdigest() + '"',
            last_modified=format_datetime(newest.astimezone(timezone.utc), usegmt=True),
            modified=newest,
        )
    return documents


class _Handler(BaseHTTPRequestHandler):
    server: "_Server"
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out as separate writes: no 40 ms delayed-ACK stall
    server_version = "briefing-demo/0.1"

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - quiet: the demo owns the terminal
        pass

    def do_HEAD(self) -> None:
        self._serve(head=True)

    def do_GET(self) -> None:
        self._serve(head=False)

    def _serve(self, head: bool) -> None:
        path = self.path.split("?", 1)[0]
        if path in ("/", "/index.html"):
            links = "".join(
                f'<li><a href="{p}">{p}</a></li>' for p in sorted(self.server.documents)
            )
            self._send(200, f"<html><body><ul>{links}</ul></body></html>".encode(), "text/html; charset=utf-8", head)
            return
        doc = self.server.documents.get(path)
        if doc is None:
            self._send(404, b"not found\n", "text/plain; charset=utf-8", head)
            return
        if self._not_modified(doc):
            self.send_response(304)
            self.send_header("ETag", doc.etag)
            self.send_header("Last-Modified", doc.last_modified)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        gz = "gzip" in (self.headers.get("Accept-Encoding") or "").lower()
        body = doc.gzipped if gz else doc.body
        self.send_response(200)
        self.send_header("Content-Type", doc.content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", doc.etag)
        self.send_header("Last-Modified", doc.last_modified)
        self.send_header("Vary", "Accept-Encoding")
        if gz:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _not_modified(self, doc: Document) -> bool:
        match = self.headers.get("If-None-Match")
        if match is not None:
            return doc.etag in [t.strip() for t in match.split(",")] or match.strip() == "*"
        since = self.headers.get("If-Modified-Since")
        if since:
            try:
                return doc.modified <= parsedate_to_datetime(since)
            except (TypeError, ValueError):
                return False
        return False

    def _send(self, code: int, body: bytes, content_type: str, head: bool) -> None:
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    documents: dict[str, Document]


class DemoServer:
    """The sample feeds on http://127.0.0.1:<port>/; a context manager, served from a thread."""

    def __init__(self, port: int = 0, now: datetime | None = None) -> None:
        self.feeds = sample_feeds(now, recent=True)
        self._server = _Server(("127.0.0.1", port), _Handler)
        self.port = self._server.server_address[1]
        self.base_url = f"http://127.0.0.1:{self.port}"
        self._server.documents = build_documents(self.feeds, self.base_url)
        self._thread: threading.Thread | None = None

    @property
    def urls(self) -> dict[str, str]:
        """Outlet name → its feed address."""
        return {f.name: f"{self.base_url}/{f.slug}.xml" for f in self.feeds}

    def start(self) -> "DemoServer":
        self._thread = threading.Thread(target=self._server.serve_forever, name="briefing-demo-server", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        self._server.server_close()

    def __enter__(self) -> "DemoServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
