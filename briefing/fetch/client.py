"""The HTTP side of fetching: one polite, bounded `httpx.AsyncClient` over keep-alive connections.

Why each rule exists:
- a global and a per-host limit: a hundred feeds at once, but never hammer one outlet;
- conditional GET with validators kept byte for byte (servers compare them literally),
  and a 304 that costs nothing: no body, no parsing, no retry;
- connect/read timeouts plus a total deadline per attempt, so a server that
  dribbles one byte a second cannot hold a slot forever;
- a size cap counted while streaming, on the *decompressed* bytes, so neither a lying
  Content-Length nor a gzip bomb can fill memory;
- redirects followed by hand, so each hop is checked (http(s) only, hop limit);
- retries with exponential backoff only where another try can help (5xx, timeouts,
  dropped connections); 429 and Retry-After are obeyed, never retried at once.

httpx builds the requests (addresses percent-encoded and IDNA'd, headers) and gives the
responses; its transport is `exchange.py`'s (h11 on asyncio's transports, connections kept per
host) instead of its default httpcore pool, whose locks and anyio cancel scopes were two thirds
of the CPU of a request answered 304 (see `exchange.py`).  Redirects, decoding, the size cap and the limits are done
here, by hand, on purpose: each is a rule of briefing's, not httpx's default.
"""

from __future__ import annotations

import asyncio
import ipaddress
import os
import random
import re
import ssl
import sys
import zlib
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from urllib.parse import urljoin, urlsplit

import httpx

from .. import __version__
from ..config import Settings, check_url
from .exchange import KeepAliveTransport


def _user_agent() -> str:
    """briefing's name and version, and the project's repository as the contact when the package names one.

    The contact comes from the installed package's metadata (`[project.urls] Repository`
    in pyproject.toml), never from a made-up address; a per-feed `user_agent` in
    feeds.toml replaces the whole header for an outlet that asks for something else.
    """
    repository = next((u.split(",", 1)[1].strip() for u in _project_urls() if u.lower().startswith("repository,")),
                      "")
    return f"briefing/{__version__} (terminal news reader" + (f"; +{repository})" if repository else ")")


def _project_urls() -> list[str]:
    """The installed package's Project-URL lines, read from its metadata file on sys.path.

    What `importlib.metadata.metadata("briefing")` reads, found by hand: that module and its
    search cost every run ~0.04 s before the first request.  Not installed (a source tree): none.
    """
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            lower = name.lower()
            if not lower.startswith("briefing") or not lower.endswith((".dist-info", ".egg-info")) or \
                    lower.split("-", 1)[0].removesuffix(".egg-info") != "briefing":
                continue
            for metadata in ("METADATA", "PKG-INFO"):
                try:
                    with open(os.path.join(entry or ".", name, metadata), encoding="utf-8") as file:
                        head = file.read().split("\n\n", 1)[0]  # the headers end at the first blank line
                except OSError:
                    continue
                return [line.split(":", 1)[1].strip() for line in head.splitlines()
                        if line.lower().startswith("project-url:")]
    return []


USER_AGENT = _user_agent()
ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
MAX_RETRY_AFTER = 7 * 24 * 3600.0
_ERRNO = re.compile(r"^\[Errno -?\d+\]\s*")


class FetchError(Exception):
    """A fetch failed; `str(error)` is a one-line reason fit to show a user."""

    def __init__(
        self,
        message: str,
        *,
        http_status: int | None = None,
        retry_after: float | None = None,
        retryable: bool = False,
        kind: str = "",
    ) -> None:
        super().__init__(message)
        self.http_status = http_status
        self.retry_after = retry_after
        self.retryable = retryable
        self.kind = kind  # "timeout", "unreachable", "too large" or "": what `briefing.health` calls it


@dataclass(slots=True)
class FetchResponse:
    """A successful exchange: a body to parse, or `not_modified` (304) and no body."""

    url: str
    status: int
    content: bytes = b""
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False
    attempts: int = 1


def format_size(n: int) -> str:
    """10_000_000 → "10 MB": what a user reads in an error message."""
    for unit, size in (("GB", 10**9), ("MB", 10**6), ("KB", 10**3)):
        if n >= size:
            value = n / size
            return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{n} bytes"


def format_seconds(seconds: float) -> str:
    return f"{seconds:g} s"


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), MAX_RETRY_AFTER)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    now = now or datetime.now(timezone.utc)
    return min(max(0.0, (when - now).total_seconds()), MAX_RETRY_AFTER)


def status_text(code: int, reason: str = "") -> str:
    try:
        phrase = HTTPStatus(code).phrase
    except ValueError:
        phrase = reason or ""
    return f"HTTP {code} {phrase}".strip()


def _raw_header(response: httpx.Response, name: bytes) -> str | None:
    """A header value exactly as sent (latin-1 keeps every byte), or None."""
    for key, value in response.headers.raw:
        if key.lower() == name:
            return value.decode("latin-1")
    return None


def host_key(url: str) -> tuple[str, str, int | None]:
    """What the per-host limit counts as one outlet: scheme, host name and port."""
    parts = urlsplit(url)
    return (parts.scheme.lower(), (parts.hostname or "").lower(), parts.port)


class _Decoder:
    """Content-Encoding decoding that never yields more than the caller allows."""

    def __init__(self, encoding: str) -> None:
        self.encoding = encoding
        if encoding in ("gzip", "x-gzip"):
            self._z: zlib._Decompress | None = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._z = zlib.decompressobj()
        elif encoding in ("", "identity"):
            self._z = None
        else:
            raise FetchError(f"unsupported content encoding {encoding!r}")
        self._first = True

    def feed(self, data: bytes, limit: int) -> list[bytes]:
        """Decode `data`, stopping as soon as more than `limit` bytes came out."""
        if self._z is None:
            return [data]
        out: list[bytes] = []
        try:
            chunk = self._z.decompress(data, limit + 1)
        except zlib.error:
            if self.encoding == "deflate" and self._first:
                # Some servers send raw deflate without the zlib wrapper.
                self._z = zlib.decompressobj(-zlib.MAX_WBITS)
                self._first = False
                return self.feed(data, limit)
            raise FetchError(f"corrupt {self.encoding} data") from None
        self._first = False
        out.append(chunk)
        produced = len(chunk)
        while self._z.unconsumed_tail and produced <= limit:
            try:
                chunk = self._z.decompress(self._z.unconsumed_tail, limit - produced + 1)
            except zlib.error:
                raise FetchError(f"corrupt {self.encoding} data") from None
            out.append(chunk)
            produced += len(chunk)
        return out

    def flush(self) -> bytes:
        if self._z is None:
            return b""
        try:
            return self._z.flush()
        except zlib.error:
            raise FetchError(f"corrupt {self.encoding} data") from None


def _service(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    return (parts.hostname or "").lower(), parts.port or (443 if parts.scheme.lower() == "https" else 80)


def _local(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_private or address.is_link_local or address.is_unspecified


def redirect_problem(source: str, target: str) -> str | None:
    """Why a redirect must not be followed: it leads to another service on a local address.

    A feed (or a page posing as one) could otherwise point briefing at a database admin
    page or a router on this machine or network.  Staying on the same host and port
    (a local test server, a path moved) is fine, and so is any public address.
    """
    host, port = _service(target)
    if _local(host) and (host, port) != _service(source):
        return f"a redirect to another service on a local address, {host}:{port}"
    return None


def _pool_size(concurrency: int) -> int:
    """How many hosts keep their idle connections: twice the requests in flight, so a run over a few
    dozen hosts reconnects to none of them."""
    return max(1, concurrency) * 2 + 8


def in_flight(settings: Settings, hosts: int) -> int:
    """How many requests may be in flight at once: `concurrency`, or more when the feeds are spread over
    so many hosts that `concurrency` would leave some of them idle, up to `per_host` on each of them and
    twice `concurrency` in all.

    The per-host limit is what keeps briefing polite; the global one bounds sockets and memory.  A
    warm run of 1,000 feeds over 20 hosts with 32 in flight spent 1.56 s of its ~2 s waiting on answers
    that 40 connections (2 a host) could have been waiting on together.
    """
    base = max(1, settings.concurrency)
    return max(base, min(max(1, settings.per_host) * hosts, 2 * base))


class FeedClient:
    """Use as `async with FeedClient(settings) as client: await client.get(url, ...)`."""

    def __init__(self, settings: Settings, *, backoff: float = 1.0, hosts: int = 0) -> None:
        """`hosts`: how many hosts the feeds about to be fetched are on (see `in_flight`)."""
        self.settings = settings
        self.backoff = backoff
        self._global = asyncio.Semaphore(in_flight(settings, hosts))
        self._hosts: dict[tuple[str, str, int | None], asyncio.Semaphore] = {}
        self._client = httpx.AsyncClient(
            transport=KeepAliveTransport(max(1, settings.per_host), _pool_size(settings.concurrency)),
            follow_redirects=False,  # (followed by hand: each hop is checked)
            timeout=httpx.Timeout(connect=settings.connect_timeout, read=settings.read_timeout,
                                  write=settings.read_timeout, pool=None),
            headers={"User-Agent": USER_AGENT, "Accept": ACCEPT, "Accept-Encoding": "gzip, deflate"},
        )

    async def __aenter__(self) -> "FeedClient":
        return self

    async def __aexit__(self, *exc) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._client.aclose()

    def _host_limit(self, url: str) -> asyncio.Semaphore:
        key = host_key(url)
        sem = self._hosts.get(key)
        if sem is None:
            sem = self._hosts[key] = asyncio.Semaphore(max(1, self.settings.per_host))
        return sem

    async def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None, user_agent: str = ""
    ) -> FetchResponse:
        """Fetch `url` (conditionally if validators are given), retrying what can be retried.

        `user_agent` replaces briefing's own for this request (a feed's `user_agent`).
        Raises `FetchError` with a user-readable message for every failure.
        """
        problem = check_url(url)
        if problem:
            raise FetchError(f"refused: {problem}")
        attempt = 0
        while True:
            attempt += 1
            try:
                response = await self._follow(url, etag, last_modified, user_agent)
                response.attempts = attempt
                return response
            except FetchError as error:
                if not error.retryable or attempt > self.settings.retries:
                    raise
            delay = self.backoff * (2 ** (attempt - 1)) * random.uniform(0.75, 1.25)
            await asyncio.sleep(delay)

    async def _follow(self, url: str, etag: str | None, last_modified: str | None, user_agent: str) -> FetchResponse:
        """One attempt: the request and the redirects it leads to.

        Each exchange takes its host's slot first and only then one of the global slots, so a
        request queued behind a slow outlet holds no global slot the other outlets could use.  The
        total deadline counts only time spent in exchanges, never time spent waiting for a slot (a
        request queued behind its host's other feeds used to time out before it was even sent).
        """
        headers: dict[str, bytes] = {"User-Agent": user_agent.encode("ascii", "replace")} if user_agent else {}
        if etag:
            headers["If-None-Match"] = etag.encode("latin-1", "replace")
        if last_modified:
            headers["If-Modified-Since"] = last_modified.encode("latin-1", "replace")
        total = self.settings.total_timeout
        left = total
        current = url
        for _hop in range(self.settings.max_redirects + 1):
            async with self._host_limit(current), self._global:
                started = asyncio.get_running_loop().time()
                try:
                    async with asyncio.timeout(left):
                        result = await self._request(current, headers)
                except TimeoutError:
                    raise FetchError(f"timed out after {format_seconds(total)}", retryable=True,
                                     kind="timeout") from None
                left -= asyncio.get_running_loop().time() - started
            if isinstance(result, FetchResponse):
                return result
            target = urljoin(current, result)
            problem = check_url(target) or redirect_problem(current, target)
            if problem:
                raise FetchError(f"redirected to an address that is not allowed ({problem})")
            current = target
        raise FetchError("too many redirects (loop?)")

    async def _request(self, url: str, headers: dict[str, bytes]) -> FetchResponse | str:
        """One HTTP exchange: a response, or the Location to follow next."""
        s = self.settings
        try:
            async with self._client.stream("GET", url, headers=headers) as response:
                code = response.status_code
                if code in REDIRECT_CODES:
                    location = response.headers.get("location")
                    if not location:
                        raise FetchError(f"{status_text(code)} without a Location", http_status=code)
                    await _finish(response)
                    return location.strip()
                if code == 304:
                    await _finish(response)
                    return FetchResponse(
                        url=url,
                        status=304,
                        not_modified=True,
                        etag=_raw_header(response, b"etag"),
                        last_modified=_raw_header(response, b"last-modified"),
                    )
                if code >= 400:
                    retry_after = parse_retry_after(response.headers.get("retry-after"))
                    message = status_text(code, response.reason_phrase)
                    if retry_after is not None:
                        message += f" (retry after {format_seconds(round(retry_after))})"
                    # 429 and a 5xx with Retry-After ask us to come back later: obey, do not hammer.
                    retryable = code >= 500 and code != 501 and retry_after is None
                    raise FetchError(message, http_status=code, retry_after=retry_after, retryable=retryable)
                if code != 200 and not (200 < code < 300):
                    raise FetchError(status_text(code, response.reason_phrase), http_status=code)
                content = await self._read_capped(response)
                return FetchResponse(
                    url=url,
                    status=code,
                    content=content,
                    content_type=response.headers.get("content-type"),
                    etag=_raw_header(response, b"etag"),
                    last_modified=_raw_header(response, b"last-modified"),
                )
        except httpx.ConnectTimeout:
            raise FetchError(f"could not connect within {format_seconds(s.connect_timeout)}", retryable=True,
                             kind="timeout") from None
        except (httpx.ReadTimeout, httpx.WriteTimeout):
            raise FetchError(
                f"timed out after {format_seconds(s.read_timeout)} waiting for the server", retryable=True,
                kind="timeout",
            ) from None
        except httpx.ConnectError as error:
            raise FetchError(f"cannot connect: {_reason(error)}", kind="unreachable") from None
        except (httpx.ReadError, httpx.RemoteProtocolError, httpx.WriteError) as error:
            raise FetchError(f"connection failed: {_reason(error)}", retryable=True) from None
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as error:
            raise FetchError(f"invalid address: {error}") from None
        except (httpx.HTTPError, ssl.SSLError) as error:
            raise FetchError(f"HTTP error: {_reason(error)}") from None

    async def _read_capped(self, response: httpx.Response) -> bytes:
        """The decoded body, refusing it as soon as it exceeds max_bytes."""
        cap = self.settings.max_bytes
        too_big = FetchError(f"response larger than {format_size(cap)}", http_status=response.status_code,
                             kind="too large")
        declared = response.headers.get("content-length")
        if declared and declared.strip().isdigit() and int(declared) > cap:
            raise too_big
        decoder = _Decoder(response.headers.get("content-encoding", "").strip().lower())
        chunks: list[bytes] = []
        size = 0
        async for raw in response.aiter_raw():
            for chunk in decoder.feed(raw, cap - size):
                size += len(chunk)
                if size > cap:
                    raise too_big
                chunks.append(chunk)
        tail = decoder.flush()
        size += len(tail)
        if size > cap:
            raise too_big
        chunks.append(tail)
        return b"".join(chunks)


# A redirect's body up to this size is read to its end, so the connection is kept for the next request.
_SMALL_BODY = 64 * 1024


async def _finish(response: httpx.Response) -> None:
    """Read a body we do not need (a 304's, which is empty; a small redirect page) to its end.

    An HTTP/1.1 connection goes back to the pool only once the whole response has been read;
    left unread, it is closed, and the next request to that host opens a new one (a warm fetch
    of 1,000 feeds then paid 1,000 connects and closes).  A large or unsized body is not worth
    reading: that connection is closed instead.
    """
    declared = response.headers.get("content-length", "").strip()
    if response.status_code == 304 or (declared.isdigit() and int(declared) <= _SMALL_BODY):
        async for _ in response.aiter_raw():  # (raw: a page nobody reads is not decoded)
            pass


def _reason(error: BaseException) -> str:
    """The most specific message in an exception chain ("Connection refused", not "All attempts failed")."""
    seen: set[int] = set()
    cause: BaseException | None = error
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        # (Before OSError: a TLS failure is one, with errno 1, which read "Operation not permitted".)
        if isinstance(cause, ssl.SSLCertVerificationError):
            return f"the server's certificate is not trusted ({cause.verify_message or cause.reason})"
        if isinstance(cause, ssl.SSLError):
            return f"TLS failed ({cause.reason or cause.strerror or type(cause).__name__})"
        if isinstance(cause, OSError) and (cause.errno or cause.strerror):
            return os.strerror(cause.errno) if isinstance(cause.errno, int) and cause.errno > 0 else cause.strerror
        cause = cause.__cause__ or cause.__context__
    text = str(error) or type(error).__name__
    return _ERRNO.sub("", text.splitlines()[0] if text else text)

