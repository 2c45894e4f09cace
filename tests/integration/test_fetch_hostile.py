"""Hostile and unusual servers on 127.0.0.1: gzip bombs, tricklers, huge feeds, foreign encodings, robots.txt.

Each must end as data (a page, a failed fetch with its reason), quickly, without eating memory.
"""

import gzip
import threading
import time

import pytest

from pipeline import steps
from pipeline.config import Settings
from pipeline.fetch import crawl
from pipeline.fetch.feeds import poll_feed
from pipeline.fetch.http import make_client
from pipeline.fetch.pages import fetch_page
from tests.httpserver import QuietHandler, base_url, serve

pytestmark = pytest.mark.integration

# the test servers listen on 127.0.0.1, which the address guard refuses unless allowed explicitly
LOCAL = ("127.0.0.1",)

BOMB = gzip.compress(b"<html><body>" + b"\0" * 200_000_000, compresslevel=9)
ARABIC = "قصفت الطائرات الحربية مدينة حلب صباح الأحد وقتل عشرة مدنيين بينهم أطفال"
JAPANESE = "シリア北部アレッポで空爆、民間人十人が死亡したと監視団体が発表した"
FEED_ITEMS = 10_000


def _feed(n: int) -> bytes:
    items = "".join(
        f"<item><title>Report {i}</title><link>http://news.example/a/{i}.html</link>"
        f"<guid isPermaLink=\"false\">id-{i}</guid><pubDate>Sun, 06 Nov 2016 10:{i % 60:02d}:00 +0000</pubDate></item>"
        for i in range(n))
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>big</title>{items}</channel></rss>'.encode()


BIG_FEED = _feed(FEED_ITEMS)


class HostileHandler(QuietHandler):
    in_flight = 0
    peak = 0
    lock = threading.Lock()

    def do_GET(self):  # noqa: N802
        path = self.path
        if path == "/robots.txt":
            self.send(200, "text/plain", b"User-agent: eventwire\nDisallow: /private/\n\nUser-agent: *\nDisallow:\n")
        elif path == "/bomb":
            self.send(200, "text/html", BOMB, {"Content-Encoding": "gzip"})
        elif path == "/feed-bomb":
            self.send(200, "application/rss+xml", BOMB, {"Content-Encoding": "gzip"})
        elif path == "/trickle":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            try:
                for _ in range(1000):  # one byte every 0.1 s: each read is on time, the whole is not
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.1)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif path == "/feed-10k":
            self.send(200, "application/rss+xml", BIG_FEED)
        elif path == "/arabic":
            body = f"<html><head><title>حلب</title></head><body><p>{ARABIC}</p></body></html>".encode("cp1256")
            self.send(200, "text/html; charset=windows-1256", body)
        elif path == "/arabic-meta":
            body = (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256">'
                    f"</head><body><p>{ARABIC}</p></body></html>").encode("cp1256")
            self.send(200, "text/html", body)
        elif path == "/sjis":
            body = (f'<html><head><meta charset="Shift_JIS"></head><body><p>{JAPANESE}</p></body></html>'
                    ).encode("shift_jis")
            self.send(200, "text/html", body)
        elif path.startswith("/slow-page/"):
            with HostileHandler.lock:
                HostileHandler.in_flight += 1
                HostileHandler.peak = max(HostileHandler.peak, HostileHandler.in_flight)
            time.sleep(0.05)
            with HostileHandler.lock:
                HostileHandler.in_flight -= 1
            self.send(200, "text/html; charset=utf-8", f"<html><body><p>page {path}</p></body></html>".encode())
        elif path.startswith("/private/"):
            self.send(200, "text/html", b"<html><body>secret</body></html>")
        else:
            self.send(404, "text/html", b"not found")


@pytest.fixture(scope="module")
def server():
    with serve(HostileHandler) as httpd:
        yield base_url(httpd)


@pytest.fixture()
def client():
    with make_client(Settings(allow_hosts=LOCAL, http_timeout=0.3)) as http:
        yield http


def test_gzip_bomb_is_stopped_at_max_bytes_of_decoded_body(server, client):
    import resource
    assert len(BOMB) < 300_000  # a small download that would inflate to 200 MB
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = fetch_page(client, server + "/bomb", max_bytes=1_000_000)
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert result.html is None
    assert result.error == "too large: more than 1000000 bytes"
    assert grown_kib < 50_000, "the bomb was inflated in memory past the cap"


def test_gzip_bomb_feed_is_a_failed_poll(server, client):
    result = poll_feed(client, server + "/feed-bomb", max_bytes=1_000_000)
    assert result.status == "failed" and result.error == "too large: feed exceeds 1000000 bytes"


def test_trickling_server_is_cut_off_at_the_total_deadline(server, client):
    started = time.monotonic()
    result = fetch_page(client, server + "/trickle", max_bytes=1_000_000)
    elapsed = time.monotonic() - started
    assert result.html is None and result.error == "timeout: download took too long"
    assert 0.9 < elapsed < 2.0  # 3 x read timeout + connect timeout = 1.2 s


def test_trickling_feed_is_a_failed_poll(server, client):
    started = time.monotonic()
    result = poll_feed(client, server + "/trickle")
    assert result.status == "failed" and result.error == "timeout: download took too long"
    assert time.monotonic() - started < 2.0


def test_feed_with_ten_thousand_items_parses_and_is_inserted(server, conn):
    settings = Settings(allow_hosts=LOCAL, http_timeout=2.0)
    steps.start_run(conn, "run-10k")
    steps.sync_feeds(conn, [{"name": "big", "url": server + "/feed-10k"}])
    started = time.monotonic()
    new_ids = steps.poll_feeds(conn, settings, "run-10k", force=True)
    elapsed = time.monotonic() - started
    assert len(new_ids) == FEED_ITEMS
    assert conn.execute("SELECT count(*), count(DISTINCT url) FROM eventwire.articles WHERE status = 'new'"
                        ).fetchone() == (FEED_ITEMS, FEED_ITEMS)
    assert conn.execute("SELECT items_seen, articles_new FROM eventwire.runs").fetchone() == (FEED_ITEMS, FEED_ITEMS)
    assert elapsed < 60
    last = conn.execute("SELECT url, guid, feed_title, feed_published::text FROM eventwire.articles"
                        " WHERE article_id = %s", (max(new_ids),)).fetchone()
    assert last == (f"http://news.example/a/{FEED_ITEMS - 1}.html", f"id-{FEED_ITEMS - 1}",
                    f"Report {FEED_ITEMS - 1}", "2016-11-06")
    assert conn.execute("SELECT last_error, consecutive_failures FROM eventwire.feeds").fetchone() == (None, 0)


@pytest.mark.parametrize("path, expected", [("/arabic", ARABIC), ("/arabic-meta", ARABIC), ("/sjis", JAPANESE)])
def test_foreign_encodings_are_decoded(server, client, path, expected):
    result = fetch_page(client, server + path, max_bytes=100_000)
    assert result.ok, result.error
    assert expected in result.html
    assert "\ufffd" not in result.html


def test_robots_disallowed_page_is_refused_without_requesting_it(server):
    settings = Settings(allow_hosts=LOCAL, http_timeout=1.0, per_host_delay=0)
    with make_client(settings) as http:
        results = dict(crawl.fetch_pages(http, [(1, server + "/private/x.html"), (2, server + "/arabic")], settings))
    assert results[1].error == "robots.txt disallows /private/x.html" and results[1].status_code is None
    assert results[2].ok


def test_per_host_concurrency_and_delay_are_respected(server):
    HostileHandler.peak = 0
    settings = Settings(allow_hosts=LOCAL, http_timeout=2.0, fetch_workers=8, per_host_concurrency=2, per_host_delay=0.01)
    jobs = [(i, f"{server}/slow-page/{i}") for i in range(20)]
    started = time.monotonic()
    with make_client(settings) as http:
        results = dict(crawl.fetch_pages(http, jobs, settings))
    elapsed = time.monotonic() - started
    assert sorted(results) == list(range(20)) and all(r.ok for r in results.values())
    assert HostileHandler.peak == 2
    assert elapsed >= 20 * 0.05 / 2 * 0.9  # two at a time, 50 ms each
