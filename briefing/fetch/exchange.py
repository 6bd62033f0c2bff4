"""HTTP/1.1 exchanges over keep-alive connections: h11's state machine on `transport.py`'s streams.

What httpcore's pool did for the fetcher, and only that: a GET, its response read as it comes,
the connection kept for the host's next request when the exchange ended cleanly.  The client
(`client.py`) already limits requests per host and in all, follows redirects, decodes and caps
bodies, so no pool logic is needed here beyond "an idle connection to this host, else a new
one".  httpcore's pool, locks and cancel shields per request were ~40% of the CPU of a request
answered 304 (a warm fetch of 1,000 feeds: ~0.4 CPU-s on the event loop, which on a busy
machine is what the fetch waits for).  Errors are `transport.py`'s, chained to their causes.
"""

from __future__ import annotations

import ssl
import time
from collections.abc import Awaitable, Callable

import h11

from .transport import AsyncioBackend, LocalProtocolError, ReadError, RemoteProtocolError, Stream, WriteError

READ_BYTES = 64 * 1024
MAX_HEAD = 100 * 1024  # a response's status line and headers (h11 refuses anything longer)
KEEPALIVE = 5.0  # seconds an idle connection is kept


class Connection:
    """One HTTP/1.1 connection to one host."""

    def __init__(self, stream: Stream) -> None:
        self.stream = stream
        self.h11 = h11.Connection(our_role=h11.CLIENT, max_incomplete_event_size=MAX_HEAD)
        self.idle_since = 0.0

    def reusable(self, now: float) -> bool:
        """Idle, not expired, and not closed by the server meanwhile (an idle stream with bytes or EOF)."""
        return now - self.idle_since < KEEPALIVE and not self.stream.get_extra_info("is_readable")

    async def send(self, target: bytes, headers: list[tuple[bytes, bytes]], timeout: float | None) -> None:
        try:
            data = self.h11.send(h11.Request(method=b"GET", target=target, headers=headers))
            data += self.h11.send(h11.EndOfMessage()) or b""
        except h11.LocalProtocolError as error:
            raise LocalProtocolError(str(error)) from error
        try:
            await self.stream.write(data, timeout)
        except WriteError:
            pass  # (as httpcore did: a server may close early and still answer; the read says what happened)

    async def next_event(self, timeout: float | None) -> h11.Event:
        while True:
            try:
                event = self.h11.next_event()
            except h11.RemoteProtocolError as error:
                raise RemoteProtocolError(str(error)) from error
            if event is not h11.NEED_DATA:
                return event
            data = await self.stream.read(READ_BYTES, timeout)
            if data == b"" and self.h11.their_state == h11.SEND_RESPONSE:
                raise RemoteProtocolError("Server disconnected without sending a response.")
            try:
                self.h11.receive_data(data)
            except h11.RemoteProtocolError as error:
                raise RemoteProtocolError(str(error)) from error

    async def aclose(self) -> None:
        await self.stream.aclose()


class Response:
    """A response being read: `status`, raw `headers`, the reason phrase in `extensions`, its body by
    `aread` or `aiter_stream`."""

    def __init__(self, connection: Connection, event: h11.Response, read_timeout: float | None) -> None:
        self.connection = connection
        self.status = event.status_code
        self.headers = event.headers.raw_items()
        self.extensions = {"reason_phrase": event.reason}
        self._timeout = read_timeout
        self.complete = False

    async def aiter_stream(self):
        while not self.complete:
            event = await self.connection.next_event(self._timeout)
            if isinstance(event, h11.Data):
                yield bytes(event.data)
            elif isinstance(event, (h11.EndOfMessage, h11.ConnectionClosed)) or event is h11.PAUSED:
                self.complete = True

    async def aread(self) -> bytes:
        return b"".join([chunk async for chunk in self.aiter_stream()])


class Pools:
    """Idle connections by host, the least recently used hosts' closed beyond `hosts`; each host holds
    at most `per_host` (the client never has more requests in flight to one host)."""

    def __init__(self, per_host: int, hosts: int) -> None:
        self._per_host = per_host
        self._hosts = hosts
        self._idle: dict[tuple[bytes, bytes, int | None], list[Connection]] = {}
        self._network = AsyncioBackend()

    async def exchange(self, scheme: bytes, host: bytes, port: int | None, target: bytes,
                       headers: list[tuple[bytes, bytes]], timeouts: dict[str, float | None],
                       tls: Callable[[], Awaitable[ssl.SSLContext]]) -> Response:
        """Send a GET and read the response's head; the body is the caller's to read (then `release`).

        A kept connection the server closed while it sat idle (its close still on the way when the
        request went out) fails before any answer: the GET goes once more on a new connection, as
        browsers do, instead of failing the feed."""
        default = 443 if scheme == b"https" else 80
        sent = [(b"Host", host if port in (None, default) else b"%b:%d" % (host, port)), *headers]
        connection = self._idle_connection((scheme, host, port))
        if connection is not None:
            try:
                return await self._ask(connection, target, sent, timeouts)
            except (RemoteProtocolError, ReadError, WriteError):
                if connection.h11.their_state is not h11.SEND_RESPONSE:  # (an answer had begun: not that)
                    raise
        connection = await self._connect(scheme, host, port, timeouts["connect"], tls)
        return await self._ask(connection, target, sent, timeouts)

    async def _ask(self, connection: Connection, target: bytes, sent: list[tuple[bytes, bytes]],
                   timeouts: dict[str, float | None]) -> Response:
        try:
            await connection.send(target, sent, timeouts["write"])
            while True:
                event = await connection.next_event(timeouts["read"])
                if isinstance(event, h11.Response):
                    return Response(connection, event, timeouts["read"])
                if not isinstance(event, h11.InformationalResponse):  # (a 1xx before the answer is skipped)
                    raise RemoteProtocolError(f"unexpected {type(event).__name__} before a response")
        except BaseException:
            await connection.aclose()
            raise

    def release(self, key: tuple[bytes, bytes, int | None], response: Response) -> None:
        """After an exchange: keep its connection for the host's next request if the exchange ended
        cleanly (the whole response read), else close it."""
        connection = response.connection
        state = connection.h11
        if response.complete and state.our_state is h11.DONE and state.their_state is h11.DONE:
            state.start_next_cycle()
            connection.idle_since = time.monotonic()
            idle = self._idle.pop(key, [])
            idle.append(connection)
            self._idle[key] = idle  # (popped and put back: the dict's order is the order of use)
            if len(idle) > self._per_host:
                _close_soon(idle.pop(0))
            while len(self._idle) > self._hosts:
                for stale in self._idle.pop(next(iter(self._idle))):
                    _close_soon(stale)
        else:
            _close_soon(connection)

    def _idle_connection(self, key: tuple[bytes, bytes, int | None]) -> Connection | None:
        idle = self._idle.get(key)
        now = time.monotonic()
        while idle:
            connection = idle.pop()
            if connection.reusable(now):
                return connection
            _close_soon(connection)
        return None

    async def _connect(self, scheme: bytes, host: bytes, port: int | None, timeout: float | None,
                       tls: Callable[[], Awaitable[ssl.SSLContext]]) -> Connection:
        name = host.decode("ascii")
        stream = await self._network.connect_tcp(name, port or (443 if scheme == b"https" else 80), timeout=timeout)
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


def _close_soon(connection: Connection) -> None:
    """Close a connection now (closing an asyncio transport never waits)."""
    connection.stream.close()


