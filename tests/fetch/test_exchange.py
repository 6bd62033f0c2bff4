"""Keep-alive connections as servers really treat them: closed while idle, at any moment."""

from __future__ import annotations

import socket
import threading

from feedserver import rss

from briefing.store import Store

from .conftest import by_feed, fetch, make_config


class OneAnswerPerConnection:
    """An HTTP server that answers the first request on each connection as keep-alive, then closes the
    connection when the next request comes, without a word (as a server whose idle timeout fell just as
    the request went out): the client must not lose the feed to it."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.connections = 0
        self.closed_unanswered = 0
        self._stop = False
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while not self._stop:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._one, args=(conn,), daemon=True).start()

    def _one(self, conn: socket.socket) -> None:
        with conn:
            request = b""
            while b"\r\n\r\n" not in request:
                chunk = conn.recv(65536)
                if not chunk:
                    return
                request += chunk
            path = request.split(b" ", 2)[1].decode()
            body = rss([{"title": f"Talks in Brussels, {path}", "guid": path}])
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: "
                         + str(len(body)).encode() + b"\r\nConnection: keep-alive\r\n\r\n" + body)
            if conn.recv(65536):  # the next request on this connection: dropped unanswered
                self.closed_unanswered += 1

    def stop(self) -> None:
        self._stop = True
        self.listener.close()


def test_a_kept_connection_the_server_closed_costs_no_feed(db_path):
    server = OneAnswerPerConnection()
    try:
        feeds = [(f"F{k}", f"http://127.0.0.1:{server.port}/f{k}.xml") for k in range(4)]
        outcomes = by_feed(fetch(make_config(*feeds, per_host=1, concurrency=1, retries=0), db_path)[0])
    finally:
        server.stop()
    assert {name: o.status for name, o in outcomes.items()} == {name: "new" for name, _ in feeds}
    assert server.closed_unanswered >= 1  # the kept connection was tried, and dropped by the server
    with Store(db_path) as store:
        assert store.story_count() == 4
