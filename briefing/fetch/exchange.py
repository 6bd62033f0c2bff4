"""httpx's transport for the fetcher: HTTP/1.1 exchanges on keep-alive connections, h11's state
machine on `transport.py`'s streams.

httpx is the client (`client.py` sends through an `httpx.AsyncClient`): it builds each request
(the URL percent-encoded, a host name in another script IDNA-encoded, the headers) and hands
the client an `httpx.Response`.  This module is what httpx documents as its extension point for
the I/O below that, an `httpx.AsyncBaseTransport`, in place of its default one (httpcore's pool
on anyio).  It does what that pool did for the fetcher, and only that: a GET, its response read
as it comes, the connection kept for the host's next request when the exchange ended cleanly.
The client already limits requests per host and in all, follows redirects, decodes and caps
bodies, so no pool logic is needed here beyond "an idle connection to this host, else a new
one".  Measured on 1,000 requests answered 304: httpx over httpcore's pool (its locks, anyio's
cancel scopes around every read) took 1.15-1.27 CPU-s on the event loop, httpx over this
transport 0.37-0.45 (h11 alone, without httpx's client, 0.22-0.30); on a busy machine that CPU
is what a warm fetch waits for.  Errors are httpx's classes, chained to their
causes.
"""

from __future__ import annotations

import asyncio
import ssl
import time
from collections.abc import AsyncIterator, Awaitable, Callable

import h11
import httpx

from .transport import Stream, connect_tcp

READ_BYTES = 64 * 1024
MAX_HEAD = 100 * 1024  # a response's status line and headers (h11 refuses anything longer)
KEEPALIVE = 5.0  # seconds an idle connection is kept

HostKey = tuple[bytes, bytes, int | None]  # scheme, host, port (None: the scheme's own)


class Connection:
    """One HTTP/1.1 connection to one host."""

    def __init__(self, stream: Stream) -> None:
        self.stream = stream
        self.h11 = h11.Connection(our_role=h11.CLIENT, max_incomplete_event_size=MAX_HEAD)
        self.idle_since = 0.0

    def reusable(self, now: float) -> bool:
        """Idle, not expired, and not closed by the server meanwhile (an idle stream with bytes or EOF)."""
        return now - self.idle_since < KEEPALIVE and not self.stream.stale()

    async def send(self, method: bytes, target: bytes, headers: list[tuple[bytes, bytes]],
                   timeout: float | None) -> None:
        try:
            data = self.h11.send(h11.Request(method=method, target=target, headers=headers))
            data += self.h11.send(h11.EndOfMessage()) or b""
        except h11.LocalProtocolError as error:
            raise httpx.LocalProtocolError(str(error)) from error
        try:
            await self.stream.write(data, timeout)
        except httpx.WriteError:
            pass  # (as httpcore did: a server may close early and still answer; the read says what happened)

    async def next_event(self, timeout: float | None) -> h11.Event:
        while True:
            try:
                event = self.h11.next_event()
            except h11.RemoteProtocolError as error:
                raise httpx.RemoteProtocolError(str(error)) from error
            if event is not h11.NEED_DATA:
                return event
            data = await self.stream.read(READ_BYTES, timeout)
            if data == b"" and self.h11.their_state == h11.SEND_RESPONSE:
                raise httpx.RemoteProtocolError("Server disconnected without sending a response.")
            try:
                self.h11.receive_data(data)
            except h11.RemoteProtocolError as error:
                raise httpx.RemoteProtocolError(str(error)) from error

    async def aclose(self) -> None:
        await self.stream.aclose()


class Body(httpx.AsyncByteStream):
    """A response's body as it is read; closing it (httpx does, when the client is done with the
    response) gives its connection back to `pools`, or closes it if the body was not read to its end."""

    def __init__(self, pools: Pools, key: HostKey, connection: Connection, read_timeout: float | None) -> None:
        self._pools = pools
        self._key = key
        self.connection = connection
        self._timeout = read_timeout
        self.complete = False
        self._released = False

    async def __aiter__(self) -> AsyncIterator[bytes]:
        while not self.complete:
            event = await self.connection.next_event(self._timeout)
            if isinstance(event, h11.Data):
                yield bytes(event.data)
            elif isinstance(event, (h11.EndOfMessage, h11.ConnectionClosed)) or event is h11.PAUSED:
                self.complete = True

    async def aclose(self) -> None:
        if not self._released:
            self._released = True
            self._pools.release(self._key, self)


class Pools:
    """Idle connections by host, the least recently used hosts' closed beyond `hosts`; each host holds
    at most `per_host` (the client never has more requests in flight to one host)."""

    def __init__(self, per_host: int, hosts: int) -> None:
        self._per_host = per_host
        self._hosts = hosts
        self._idle: dict[HostKey, list[Connection]] = {}

    async def exchange(self, key: HostKey, method: bytes, target: bytes, headers: list[tuple[bytes, bytes]],
                       timeouts: dict[str, float | None],
                       tls: Callable[[], Awaitable[ssl.SSLContext]]) -> tuple[h11.Response, Body]:
        """Send a request and read the response's head; its body is read (and the connection given
        back) through the `Body`.

        A kept connection the server closed while it sat idle (its close still on the way when the
        request went out) fails before any answer: the request goes once more on a new connection,
        as browsers do, instead of failing the feed."""
        connection = self._idle_connection(key)
        if connection is not None:
            try:
                return await self._ask(key, connection, method, target, headers, timeouts)
            except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError):
                if connection.h11.their_state is not h11.SEND_RESPONSE:  # (an answer had begun: not that)
                    raise
        connection = await self._connect(key, timeouts.get("connect"), tls)
        return await self._ask(key, connection, method, target, headers, timeouts)

    async def _ask(self, key: HostKey, connection: Connection, method: bytes, target: bytes,
                   headers: list[tuple[bytes, bytes]], timeouts: dict[str, float | None]) -> tuple[h11.Response, Body]:
        read = timeouts.get("read")
        try:
            await connection.send(method, target, headers, timeouts.get("write"))
            while True:
                event = await connection.next_event(read)
                if isinstance(event, h11.Response):
                    return event, Body(self, key, connection, read)
                if not isinstance(event, h11.InformationalResponse):  # (a 1xx before the answer is skipped)
                    raise httpx.RemoteProtocolError(f"unexpected {type(event).__name__} before a response")
        except BaseException:
            await connection.aclose()
            raise

    def release(self, key: HostKey, body: Body) -> None:
        """After an exchange: keep its connection for the host's next request if the exchange ended
        cleanly (the whole response read), else close it."""
        connection = body.connection
        state = connection.h11
        if body.complete and state.our_state is h11.DONE and state.their_state is h11.DONE:
            state.start_next_cycle()
            connection.idle_since = time.monotonic()
            idle = self._idle.pop(key, [])
            idle.append(connection)
            self._idle[key] = idle  # (popped and put back: the dict's order is the order of use)
            if len(idle) > self._per_host:
                idle.pop(0).stream.close()
            while len(self._idle) > self._hosts:
                for stale in self._idle.pop(next(iter(self._idle))):
                    stale.stream.close()
        else:
            connection.stream.close()  # (closing an asyncio transport never waits)

    def _idle_connection(self, key: HostKey) -> Connection | None:
        idle = self._idle.get(key)
        now = time.monotonic()
        while idle:
            connection = idle.pop()
            if connection.reusable(now):
                return connection
            connection.stream.close()
        return None

    async def _connect(self, key: HostKey, timeout: float | None,
                       tls: Callable[[], Awaitable[ssl.SSLContext]]) -> Connection:
        scheme, host, port = key
        name = host.decode("ascii")
        stream = await connect_tcp(name, port or (443 if scheme == b"https" else 80), timeout=timeout)
        if scheme == b"https":
            try:
                context = await tls()
            except BaseException:
                await stream.aclose()
                raise
            stream = await stream.start_tls(context, server_hostname=name, timeout=timeout)
        return Connection(stream)

    async def aclose(self) -> None:
        idle, self._idle = self._idle, {}
        for connections in idle.values():
            for connection in connections:
                await connection.aclose()


class KeepAliveTransport(httpx.AsyncBaseTransport):
    """`httpx.AsyncClient(transport=KeepAliveTransport(...))`: requests on `Pools`' connections.

    Trusted CA certificates are httpx's (`httpx.create_ssl_context`: $SSL_CERT_FILE, else
    $SSL_CERT_DIR, else certifi's), loaded once, in a thread, when the first https address is
    asked for (~0.05-0.2 s a run of plain-http feeds never spends)."""

    def __init__(self, per_host: int, hosts: int) -> None:
        self._pools = Pools(per_host, hosts)
        self._tls: asyncio.Future | None = None

    async def _tls_context(self) -> ssl.SSLContext:
        if self._tls is None:
            self._tls = asyncio.get_running_loop().run_in_executor(None, httpx.create_ssl_context)
        return await self._tls

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        if url.raw_scheme not in (b"http", b"https"):
            raise httpx.UnsupportedProtocol(f"Request URL has an unsupported protocol '{url.scheme}://'.")
        if not url.raw_host:
            raise httpx.UnsupportedProtocol("Request URL is missing a host.")
        key = (url.raw_scheme, url.raw_host, url.port)
        head, body = await self._pools.exchange(key, request.method.encode("ascii"), url.raw_path, request.headers.raw,
                                                request.extensions.get("timeout", {}), self._tls_context)
        return httpx.Response(head.status_code, headers=head.headers.raw_items(), stream=body,
                              extensions={"http_version": b"HTTP/1.1", "reason_phrase": head.reason})

    async def aclose(self) -> None:
        await self._pools.aclose()
