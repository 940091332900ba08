"""A local HTTP server on loopback for the ingest tests: each path answers as a source on the
internet might, well or badly. Nothing here reaches the network."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Route = Callable[[BaseHTTPRequestHandler], None]


def send(handler: BaseHTTPRequestHandler, status: int, body: bytes = b"",
         headers: dict[str, str] | None = None) -> None:
    handler.send_response(status)
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    if "Content-Length" not in (headers or {}):
        handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def slow(handler: BaseHTTPRequestHandler, seconds: float = 3.0) -> None:
    time.sleep(seconds)
    send(handler, 200, b"late", {"Content-Type": "text/plain"})


def endless(handler: BaseHTTPRequestHandler) -> None:
    """A body with no Content-Length that goes on and on (until the client hangs up)."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.end_headers()
    try:
        for _ in range(10_000):
            handler.wfile.write(b"<p>" + b"x" * 8192 + b"</p>")
    except (BrokenPipeError, ConnectionResetError):
        pass


@contextmanager
def serve(routes: dict[str, Route]) -> Iterator[str]:
    """Serve ``routes`` (path → handler) on a free loopback port; yields the base URL."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            route = routes.get(self.path.split("?")[0])
            if route is None:
                send(self, 404, b"not here", {"Content-Type": "text/plain"})
            else:
                route(self)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
