"""Sockets for `exchange.py`: asyncio transports read through a buffer.

httpcore reached the network through anyio, whose cancel scope around every read and write
(task lookups, scope stacks) was a third of the CPU of each request of a warm fetch.  Here a
read waits on a future with one timer for its timeout, and data arrives through an
`asyncio.Protocol`.  Every failure is one of httpx's exception classes (`httpx.ConnectError`,
`httpx.ReadTimeout`, ...), chained to its cause: the client reads the cause for the message a
user sees ("Connection refused", an untrusted certificate).  A body is buffered up to `HIGH_WATER` bytes
before the socket stops being read, so a gigabyte answer cannot fill memory faster than the
client's size cap counts it.
"""

from __future__ import annotations

import asyncio
import ssl

from httpx import ConnectError, ConnectTimeout, ReadError, ReadTimeout, WriteError


HIGH_WATER = 1 << 20  # bytes buffered before the socket stops being read


class Stream(asyncio.Protocol):
    """One connection: bytes received wait in a buffer until the exchange reads them."""

    def __init__(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._transport: asyncio.Transport | None = None
        self._buffer = bytearray()
        self._waiter: asyncio.Future | None = None
        self._eof = False
        self._lost: BaseException | None = None
        self._paused = False

    # --- asyncio.Protocol: called by the event loop ---

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self._transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        self._buffer += data
        if len(self._buffer) > HIGH_WATER and not self._paused and self._transport is not None:
            self._transport.pause_reading()
            self._paused = True
        self._wake()

    def eof_received(self) -> bool:
        self._eof = True
        self._wake()
        return False  # (the transport closes itself)

    def connection_lost(self, exc: Exception | None) -> None:
        self._eof = True
        self._lost = exc
        self._wake()

    def _wake(self) -> None:
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    # --- what the exchange asks of it ---

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        if not self._buffer and not self._eof:
            waiter = self._waiter = self._loop.create_future()
            timer = self._loop.call_later(timeout, _expire, waiter) if timeout is not None else None
            try:
                await waiter
            except TimeoutError as error:
                raise ReadTimeout("timed out") from error
            finally:
                self._waiter = None
                if timer is not None:
                    timer.cancel()
        if self._buffer:
            data = bytes(self._buffer[:max_bytes])
            del self._buffer[:max_bytes]
            if self._paused and len(self._buffer) <= HIGH_WATER // 2 and self._transport is not None:
                self._paused = False
                self._transport.resume_reading()
            return data
        if self._lost is not None:
            raise ReadError(str(self._lost) or type(self._lost).__name__) from self._lost
        return b""  # the server closed the connection

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        if not buffer:
            return
        transport = self._transport
        if transport is None or transport.is_closing():
            raise WriteError("the connection is closed") from self._lost
        transport.write(buffer)  # (a request is a few hundred bytes: it never waits for the socket to drain)

    async def aclose(self) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection now (an asyncio transport closes without waiting)."""
        if self._transport is not None:
            self._transport.close()

    async def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                        timeout: float | None = None) -> Stream:
        try:
            transport = await self._loop.start_tls(self._transport, self, ssl_context,  # type: ignore[arg-type]
                                                   server_hostname=server_hostname, ssl_handshake_timeout=timeout)
        except TimeoutError as error:
            await self.aclose()
            raise ConnectTimeout("the TLS handshake timed out") from error
        except (OSError, ssl.SSLError, ConnectionError) as error:
            await self.aclose()
            raise ConnectError(str(error) or type(error).__name__) from error
        self._transport = transport  # type: ignore[assignment]
        return self

    def stale(self) -> bool:
        """An idle connection the server has closed (or sent stray bytes on): not to be used again."""
        return self._eof or bool(self._buffer)


def _expire(waiter: asyncio.Future) -> None:
    if not waiter.done():
        waiter.set_exception(TimeoutError())


async def connect_tcp(host: str, port: int, timeout: float | None = None) -> Stream:
    """A connection on asyncio's own transport (asyncio sets TCP_NODELAY)."""
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(timeout):
            _, stream = await loop.create_connection(Stream, host, port)
    except TimeoutError as error:
        raise ConnectTimeout("timed out") from error
    except OSError as error:
        raise ConnectError(str(error) or type(error).__name__) from error
    return stream
