"""A real HTTP server on 127.0.0.1 with programmable routes, for fetcher tests.

Importable by any test (`from tests.feedserver import FeedServer, Reply, rss`), and
available as the `feed_server` fixture in tests/fetch.  Routes answer with a
`Reply` (or a sequence of them, one per request, the last repeating, or a function
of the request).  A `hang=True` reply blocks until the server stops, so timeout
tests never depend on sleeping.
"""

from __future__ import annotations

import gzip
import threading
import zlib
from dataclasses import dataclass, field
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Iterable, Sequence
from xml.sax.saxutils import escape

AUTO = -1


@dataclass
class Reply:
    status: int = 200
    reason: str | None = None  # the status line's reason phrase; None: the standard one
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    # AUTO: the real length; None: no Content-Length, body until the connection closes; int: that (maybe a lie).
    content_length: int | None = AUTO
    chunked: bool = False
    # Extra bytes streamed after `body` in 64 KB pieces (for size-cap tests); with `gzip`, they are
    # compressed as they go, so a tiny download can decompress to gigabytes.
    stream_bytes: int = 0
    hang: bool = False
    gzip: bool = False


@dataclass
class Request:
    path: str
    headers: dict[str, str]


Route = Reply | Sequence[Reply] | Callable[[Request], Reply]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    server: "_Server"

    def log_message(self, format, *args):  # noqa: A002
        pass

    def do_GET(self):
        owner = self.server.owner
        request = Request(self.path, {k.lower(): v for k, v in self.headers.items()})
        reply = owner._reply_for(request)
        if reply.hang:
            owner.hanging.set()
            owner.stopping.wait(30)
            self.close_connection = True
            return
        squeeze = zlib.compressobj(9, zlib.DEFLATED, 31) if reply.gzip and reply.stream_bytes else None
        if squeeze is not None:
            body = squeeze.compress(reply.body) + squeeze.flush(zlib.Z_SYNC_FLUSH)
        else:
            body = gzip.compress(reply.body, mtime=0) if reply.gzip else reply.body
        self.send_response(reply.status, reply.reason)
        for key, value in reply.headers.items():
            self.send_header(key, value)
        if reply.gzip:
            self.send_header("Content-Encoding", "gzip")
        if reply.chunked:
            self.send_header("Transfer-Encoding", "chunked")
        elif reply.content_length is None:
            self.send_header("Connection", "close")
            self.close_connection = True
        else:
            assert squeeze is None or reply.content_length != AUTO, "a streamed gzip body has no known length"
            length = len(body) + reply.stream_bytes if reply.content_length == AUTO else reply.content_length
            self.send_header("Content-Length", str(length))
        self.end_headers()
        try:
            self._write(body, reply.chunked)
            remaining = reply.stream_bytes
            piece = b"x" * 65536
            while remaining > 0 and not owner.stopping.is_set():
                chunk = piece[: min(remaining, len(piece))]
                remaining -= len(chunk)
                if squeeze is not None:
                    chunk = squeeze.compress(chunk) + squeeze.flush(zlib.Z_SYNC_FLUSH if remaining else zlib.Z_FINISH)
                self._write(chunk, reply.chunked)
            if reply.chunked:
                self.wfile.write(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def _write(self, data: bytes, chunked: bool) -> None:
        if not data:
            return
        if chunked:
            self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        else:
            self.wfile.write(data)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    owner: "FeedServer"

    def process_request(self, request, client_address):
        with self.owner._lock:
            self.owner.connections += 1
        super().process_request(request, client_address)


class FeedServer:
    """`server.route("/a.xml", Reply(body=...))`, then fetch `server.url("/a.xml")`."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        self.connections = 0  # TCP connections accepted so far (a polite client reuses them)
        self.stopping = threading.Event()
        self.hanging = threading.Event()
        self._lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.owner = self
        self.port = self._server.server_address[1]
        self.base_url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    def url(self, path: str) -> str:
        return self.base_url + path

    def route(self, path: str, reply: Route) -> str:
        with self._lock:
            self.routes[path] = list(reply) if isinstance(reply, (list, tuple)) else reply
        return self.url(path)

    def hits(self, path: str) -> list[Request]:
        with self._lock:
            return [r for r in self.requests if r.path == path]

    def _reply_for(self, request: Request) -> Reply:
        with self._lock:
            self.requests.append(request)
            route = self.routes.get(request.path)
            if route is None:
                return Reply(404, b"not found")
            if isinstance(route, list):
                return route.pop(0) if len(route) > 1 else route[0]
        if callable(route):
            return route(request)
        return route

    def start(self) -> "FeedServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)


def rss(items: Iterable[dict], title: str = "Test feed", encoding: str = "utf-8", declare: str | None = None,
        raw_items: str = "") -> bytes:
    """An RSS 2.0 document; item dicts take title/link/guid/description/pubDate (escaped here)."""
    parts = []
    for item in items:
        fields = []
        for key in ("title", "link", "guid", "description", "pubDate", "author"):
            if key in item and item[key] is not None:
                value = item[key]
                if key == "pubDate" and not isinstance(value, str):
                    value = format_datetime(value, usegmt=True)
                fields.append(f"<{key}>{escape(value)}</{key}>")
        parts.append("<item>" + "".join(fields) + "</item>")
    text = (
        f'<?xml version="1.0" encoding="{declare or encoding}"?>\n<rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>http://example.org/</link>"
        + "".join(parts) + raw_items + "</channel></rss>"
    )
    return text.encode(encoding)


def xml_reply(body: bytes, **headers: str) -> Reply:
    return Reply(body=body, headers={"Content-Type": "application/rss+xml", **headers})
