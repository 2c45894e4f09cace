"""One real HTTP server on 127.0.0.1 for tests, no mocks: a quiet base handler and a context manager
that serves it on a free port in a daemon thread. Tests that need a misbehaving server subclass the
handler and describe only how it misbehaves."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class QuietHandler(BaseHTTPRequestHandler):
    """HTTP/1.1 handler that logs nothing and sends whole responses with `send`."""

    protocol_version = "HTTP/1.1"

    def send(self, status: int, content_type: str | None, body: bytes, headers: dict[str, str] | None = None):
        """Send `body` with its Content-Length (and Content-Type unless None, then `headers`).
        A client that hung up early (as the fetcher does on purpose) is not an error."""
        try:
            self.send_response(status)
            if content_type:
                self.send_header("Content-Type", content_type)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args):
        pass


@contextmanager
def serve(handler_cls: type[BaseHTTPRequestHandler],
          server_cls: type[ThreadingHTTPServer] = ThreadingHTTPServer) -> Iterator[ThreadingHTTPServer]:
    """Serve `handler_cls` on 127.0.0.1 (a free port) and yield the server; shut down and close it on exit.
    A server class that must release hanging handlers first can do so by overriding `shutdown`."""
    httpd = server_cls(("127.0.0.1", 0), handler_cls)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield httpd
    finally:
        httpd.shutdown()
        httpd.server_close()


def base_url(httpd: ThreadingHTTPServer) -> str:
    """http://127.0.0.1:<port> of a server started by `serve`."""
    return f"http://127.0.0.1:{httpd.server_address[1]}"
