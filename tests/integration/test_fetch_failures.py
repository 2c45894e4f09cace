"""Page and feed fetching against misbehaving servers on 127.0.0.1: each failure is data, not an exception."""

import time

import pytest

from pipeline.config import Settings
from pipeline.fetch.feeds import poll_feed
from pipeline.fetch.http import make_client
from pipeline.fetch.pages import fetch_page
from tests.httpserver import QuietHandler, base_url, serve

pytestmark = pytest.mark.integration

# the test servers listen on 127.0.0.1, which the address guard refuses unless allowed explicitly
LOCAL = ("127.0.0.1",)

PAGE = b"<html><head><meta charset='utf-8'></head><body><p>" + "Qusayr – Ḥoms".encode() + b"</p></body></html>"


class MisbehavingHandler(QuietHandler):
    def do_GET(self):  # noqa: N802
        if self.path == "/slow":
            time.sleep(1.5)
            self.send(200, "text/html", PAGE)
        elif self.path == "/error":
            self.send(500, "text/html", b"<h1>Server error</h1>")
        elif self.path == "/huge-streamed":
            # no Content-Length: only the streaming counter can stop this one
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            try:
                for _ in range(200):
                    self.wfile.write(b"<p>" + b"x" * 1021 + b"</p>")
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True
        elif self.path == "/huge-declared":
            self.send(200, "text/html", b"<p>" + b"y" * 300_000 + b"</p>")
        elif self.path.startswith("/loop"):
            self.send_response(302)
            self.send_header("Location", "/loop-b" if self.path == "/loop-a" else "/loop-a")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/redirect-once":
            self.send_response(301)
            self.send_header("Location", "/page")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/page":
            self.send(200, "text/html; charset=utf-8", PAGE)
        elif self.path == "/json":
            self.send(200, "application/json", b'{"not": "html"}')
        elif self.path == "/untyped":
            self.send(200, None, PAGE)
        else:
            self.send(404, "text/html", b"not found")


@pytest.fixture(scope="module")
def server():
    with serve(MisbehavingHandler) as httpd:
        yield base_url(httpd)


@pytest.fixture()
def client():
    with make_client(Settings(allow_hosts=LOCAL, http_timeout=0.5)) as http:
        yield http


def test_slow_server_is_recorded_as_timeout(server, client):
    started = time.monotonic()
    result = fetch_page(client, server + "/slow", max_bytes=100_000)
    assert time.monotonic() - started < 1.4
    assert result.html is None and result.error.startswith("timeout")


def test_server_error_is_recorded_with_status(server, client):
    result = fetch_page(client, server + "/error", max_bytes=100_000)
    assert (result.status_code, result.error, result.html) == (500, "HTTP 500", None)


def test_streamed_oversized_body_is_stopped_at_max_bytes(server, client):
    result = fetch_page(client, server + "/huge-streamed", max_bytes=50_000)
    assert result.html is None
    assert result.error == "too large: more than 50000 bytes"


def test_declared_oversized_body_is_refused_before_download(server, client):
    result = fetch_page(client, server + "/huge-declared", max_bytes=50_000)
    assert result.html is None and result.error.startswith("too large")


def test_redirect_loop_is_an_error(server, client):
    result = fetch_page(client, server + "/loop-a", max_bytes=100_000)
    assert result.html is None and result.error.startswith("redirect loop")


def test_single_redirect_is_followed_and_final_url_recorded(server, client):
    result = fetch_page(client, server + "/redirect-once", max_bytes=100_000)
    assert result.ok and result.final_url == server + "/page"
    assert "Qusayr – Ḥoms" in result.html


def test_non_html_content_type_is_refused(server, client):
    result = fetch_page(client, server + "/json", max_bytes=100_000)
    assert result.error == "not HTML: application/json" and result.html is None


def test_page_without_content_type_is_sniffed(server, client):
    result = fetch_page(client, server + "/untyped", max_bytes=100_000)
    assert result.ok and "Ḥoms" in result.html


def test_unreachable_host_is_an_error_not_an_exception(client):
    result = fetch_page(client, "http://127.0.0.1:9/nothing", max_bytes=100_000)
    assert result.html is None and result.error
    feed = poll_feed(client, "http://127.0.0.1:9/feed.xml")
    assert feed.status == "failed" and feed.error


def test_slow_feed_is_a_failed_poll(server, client):
    result = poll_feed(client, server + "/slow")
    assert result.status == "failed" and result.error.startswith("timeout")


def test_redirect_looping_feed_is_a_failed_poll(server, client):
    result = poll_feed(client, server + "/loop-a")
    assert result.status == "failed" and result.error.startswith("redirect loop")
