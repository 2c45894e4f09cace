"""The crawl steps against real servers and a real database: every URL ends fetched or quarantined with its
reason, and one article reached through many URLs (or republished with small edits) is extracted once.
"""

import dataclasses
import gzip
import socket
import threading
import time

import psycopg
import pytest

from pipeline import steps
from pipeline.config import REPO_ROOT, Settings
from pipeline.fetch.wire import load_seed_articles, render_article_page, serve_wire
from tests.httpserver import QuietHandler, serve

pytestmark = pytest.mark.integration

# the test servers listen on 127.0.0.1, which the address guard refuses unless allowed explicitly
LOCAL = ("127.0.0.1",)

SEEDS_DIR = REPO_ROOT / "seeds"
TOPICS = ["Aleppo", "Idlib", "Homs", "Daraa", "Raqqa", "Hama", "Deir ez-Zor", "Latakia"]


def _page(i: int) -> bytes:
    place = TOPICS[i % len(TOPICS)]
    paragraphs = "".join(
        f"<p>Report {i}, paragraph {n}: shelling hit the outskirts of {place} on day {i * 7 + n}, "
        f"and local council {n} counted {i + n} wounded in district {i * 3 + n}.</p>" for n in range(12))
    return (f"<html><head><title>Report {i} from {place}</title></head>"
            f"<body><article><h1>Report {i} from {place}</h1>{paragraphs}</article></body></html>").encode()


class MixedHandler(QuietHandler):
    def do_GET(self):  # noqa: N802
        path = self.path
        if path == "/robots.txt":
            self.send(200, "text/plain", b"User-agent: *\nDisallow: /private/\n")
        elif path.startswith("/good/"):
            self.send(200, "text/html; charset=utf-8", _page(int(path.rsplit("/", 1)[1])))
        elif path == "/bad-feed":
            self.send(200, "application/rss+xml",
                       b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>cut')
        elif path == "/error":
            self.send(500, "text/html", b"<h1>boom</h1>")
        elif path == "/json":
            self.send(200, "application/json", b"{}")
        elif path == "/bomb":
            self.send(200, "text/html", gzip.compress(b"\0" * 20_000_000), {"Content-Encoding": "gzip"})
        elif path == "/empty":
            self.send(200, "text/html", b"")
        elif path.startswith("/loop"):
            self.send_response(302)
            self.send_header("Location", "/loop-b" if path == "/loop-a" else "/loop-a")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/trickle":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "10000")
            self.end_headers()
            try:
                for _ in range(100):
                    self.wfile.write(b"<")
                    self.wfile.flush()
                    time.sleep(0.1)
            except (BrokenPipeError, ConnectionResetError):
                pass
        else:
            self.send(404, "text/html", b"not found")


@pytest.fixture(scope="module")
def server():
    with serve(MixedHandler) as httpd:
        yield httpd.server_address[1]


def _add_articles(conn, run_id, urls):
    steps.start_run(conn, run_id)
    return [conn.execute("INSERT INTO eventwire.articles (url, first_run_id, last_run_id) VALUES (%s, %s, %s)"
                         " RETURNING article_id", (url, run_id, run_id)).fetchone()[0] for url in urls]


def test_fetch_batch_over_good_and_bad_urls_loses_nothing(server, conn):
    base, other = f"http://127.0.0.1:{server}", f"http://localhost:{server}"
    bad = {
        f"{base}/missing": "HTTP 404",
        f"{base}/error": "HTTP 500",
        f"{base}/json": "not HTML: application/json",
        f"{base}/bomb": "too large: more than 1000000 bytes",
        f"{base}/empty": "empty body",
        f"{base}/private/leak.html": "robots.txt disallows /private/leak.html",
        f"{base}/loop-a": "redirect loop",
        f"{base}/trickle": "timeout: download took too long",
        "http://127.0.0.1:9/refused": "ConnectError",
    }
    good = [f"{base}/good/{i}" for i in range(6)] + [f"{other}/good/{i}" for i in range(6, 10)]
    ids = _add_articles(conn, "run-mixed", good + list(bad))
    by_url = dict(zip(good + list(bad), ids))
    settings = Settings(allow_hosts=LOCAL, http_timeout=0.3, max_page_bytes=1_000_000, per_host_delay=0.01)

    fetched = steps.fetch_batch(conn, settings, ids, "run-mixed")

    assert fetched == sorted(by_url[u] for u in good)
    rows = {r[0]: r[1:] for r in conn.execute(
        "SELECT url, status, fetch_error, raw_html_gz IS NOT NULL, canonical_url FROM eventwire.articles")}
    assert len(rows) == len(ids)
    for url in good:
        assert rows[url] == ("fetched", None, True, url)
    quarantined = {r[0]: r[1] for r in conn.execute(
        "SELECT article_id, reasons->0->>'detail' FROM eventwire.quarantine WHERE kind = 'article'")}
    for url, reason in bad.items():
        status, error, has_html, _ = rows[url]
        assert status == "fetch_failed" and not has_html
        assert reason in error, (url, error)
        assert quarantined[by_url[url]] == error
    assert len(quarantined) == len(bad)


def test_fetch_rate_with_per_host_limits(server, conn):
    """Throughput with the default limits (2 in flight, 0.5 s apart per host) over two hosts."""
    urls = [f"http://127.0.0.1:{server}/good/{i}" for i in range(6)] + \
           [f"http://localhost:{server}/good/{i}" for i in range(6, 12)]
    ids = _add_articles(conn, "run-rate", urls)
    settings = Settings(allow_hosts=LOCAL, http_timeout=2.0)
    started = time.monotonic()
    assert len(steps.fetch_batch(conn, settings, ids, "run-rate")) == 12
    elapsed = time.monotonic() - started
    # 6 pages per host 0.5 s apart: the last starts 2.5 s in; both hosts in parallel, not one after the other
    assert 2.4 < elapsed < 4.5
    print(f"fetch rate with default per-host limits: {12 / elapsed:.2f} pages/s over 2 hosts")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _republished(article):
    """A second outlet's copy: its own URL and dateline, two words changed, the last sentence trimmed."""
    blocks = [[line.replace(" the ", " a ", 1) for line in block] for block in article.blocks]
    blocks[0][0] = "BEIRUT (Reuters) - " + blocks[0][0]
    last = blocks[-1][-1]
    blocks[-1][-1] = last[: max(len(last) // 2, 1)]
    return dataclasses.replace(article, stem=article.stem + "-republished", blocks=blocks)


def test_one_story_many_urls_is_extracted_once(conn):
    seeds = load_seed_articles(SEEDS_DIR)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    same_canonical = render_article_page(seeds[0], base)  # names seeds[0]'s URL as canonical
    own_url = "/articles/mirror-of-1.html"
    same_text = render_article_page(seeds[1], base).replace(seeds[1].path, own_url)
    edited = _republished(seeds[3])
    with serve_wire(SEEDS_DIR, port=port, extra_pages={
        "/articles/syndicated-0.html": (200, "text/html; charset=utf-8", same_canonical),
        own_url: (200, "text/html; charset=utf-8", same_text),
        edited.path: (200, "text/html; charset=utf-8", render_article_page(edited, base)),
    }) as wire:
        settings = Settings(allow_hosts=LOCAL, http_timeout=2.0, per_host_delay=0.0)
        summary = steps.run_all(conn, settings, "run-dedup", [{"name": "wire", "url": wire.feed_url}], force=True)

    rows = {url.rsplit("/", 1)[1]: (article_id, status, dup_of, kind) for url, article_id, status, dup_of, kind in
            conn.execute("SELECT url, article_id, status, duplicate_of, duplicate_kind FROM eventwire.articles")}
    first = {name: rows[seed.path.rsplit("/", 1)[1]][0] for name, seed in (("0", seeds[0]), ("1", seeds[1]), ("3", seeds[3]))}
    assert rows["syndicated-0.html"][1:] == ("duplicate", first["0"], "canonical_url")
    assert rows["mirror-of-1.html"][1:] == ("duplicate", first["1"], "content_hash")
    assert rows[edited.path.rsplit("/", 1)[1]][1:] == ("duplicate", first["3"], "near_duplicate")
    originals = [r for r in rows.values() if r[1] != "duplicate"]
    assert len(originals) == len(seeds) and all(r[2] is None for r in originals)
    # duplicates never reach extract, and the run still balances: a duplicate is loaded with no events
    assert conn.execute("SELECT count(*) FROM eventwire.event_candidates c JOIN eventwire.articles a"
                        " USING (article_id) WHERE a.status = 'duplicate'").fetchone()[0] == 0
    assert summary["status"] == "success", summary
    assert summary["articles_in"] == len(seeds) + 3
    assert summary["articles_loaded"] + summary["articles_quarantined"] == summary["articles_in"]
    sims = conn.execute("SELECT duplicate_similarity FROM eventwire.articles WHERE duplicate_kind = 'near_duplicate'"
                        ).fetchone()[0]
    assert 0.6 <= sims < 1.0


def test_malformed_feed_is_a_failed_poll_with_the_reason(server, conn):
    steps.start_run(conn, "run-feeds")
    steps.sync_feeds(conn, [{"name": "bad", "url": f"http://127.0.0.1:{server}/bad-feed"}])
    assert steps.poll_feeds(conn, Settings(allow_hosts=LOCAL, http_timeout=1.0), "run-feeds", force=True) == []
    error, failures, next_in = conn.execute(
        "SELECT last_error, consecutive_failures, next_poll_at - now() FROM eventwire.feeds").fetchone()
    assert error.startswith("malformed feed:") and failures == 1
    assert next_in.total_seconds() > 15 * 60  # backed off beyond the normal interval
    assert conn.execute("SELECT feeds_polled, feeds_failed FROM eventwire.runs").fetchone() == (1, 1)


def test_unchanged_feed_costs_a_304_and_inserts_nothing(conn):
    with serve_wire(SEEDS_DIR) as wire:
        steps.start_run(conn, "run-304")
        steps.sync_feeds(conn, [{"name": "wire", "url": wire.feed_url}])
        first = steps.poll_feeds(conn, Settings(allow_hosts=LOCAL, http_timeout=2.0), "run-304", force=True)
        second = steps.poll_feeds(conn, Settings(allow_hosts=LOCAL, http_timeout=2.0), "run-304", force=True)
    assert len(first) == len(wire.articles) and second == []
    assert conn.execute("SELECT etag IS NOT NULL, consecutive_failures FROM eventwire.feeds").fetchone() == (True, 0)


def _due_in(conn, name: str) -> float:
    return conn.execute("SELECT extract(epoch FROM next_poll_at - now())::float8 FROM eventwire.feeds WHERE name = %s",
                        (name,)).fetchone()[0]


def test_poll_intervals_are_seconds_and_a_shortened_interval_applies_at_once(server, conn):
    with serve_wire(SEEDS_DIR) as wire:
        steps.start_run(conn, "run-interval")
        feeds = [{"name": "wire", "url": wire.feed_url, "interval_seconds": 20},
                 {"name": "bad", "url": f"http://127.0.0.1:{server}/bad-feed", "interval_minutes": 1}]
        steps.sync_feeds(conn, feeds)
        steps.poll_feeds(conn, Settings(allow_hosts=LOCAL, http_timeout=2.0), "run-interval", force=True)
        assert 15 < _due_in(conn, "wire") <= 20        # polled: due again 20 s later, not a minute
        assert 110 < _due_in(conn, "bad") <= 120       # failed once: 60 s doubled

        # the operator shortens both intervals in feeds.yaml; the next sync applies the new one to
        # the healthy feed at once, while the failing feed keeps its backoff
        conn.execute("UPDATE eventwire.feeds SET next_poll_at = now() + interval '1 hour' WHERE name = 'wire'")
        steps.sync_feeds(conn, [dict(feeds[0], interval_seconds=5),
                                {"name": "bad", "url": feeds[1]["url"], "interval_seconds": 10}])
        assert _due_in(conn, "wire") <= 5
        assert _due_in(conn, "bad") > 100
        assert conn.execute("SELECT interval_seconds FROM analytics.feed_health ORDER BY name").fetchall() == [(10,), (5,)]


def test_an_idle_cycle_waits_for_the_next_due_feed_and_no_longer(conn, db_url):
    assert steps.wait_for_due_feed(conn, 5) < 0.5         # no feeds at all: nothing to wait for
    steps.sync_feeds(conn, [{"name": "later", "url": "http://127.0.0.1:9/feed.xml", "interval_seconds": 60}])
    assert steps.wait_for_due_feed(conn, 5) < 0.5         # a new feed is due at once

    conn.execute("UPDATE eventwire.feeds SET next_poll_at = now() + interval '2 seconds'")
    assert 1.5 <= steps.wait_for_due_feed(conn, 10) < 6   # waits until it is due, not the whole 10 s

    conn.execute("UPDATE eventwire.feeds SET next_poll_at = now() + interval '1 hour'")
    assert 0.9 <= steps.wait_for_due_feed(conn, 1.0) < 3  # never past max_wait

    def operator_makes_it_due():
        time.sleep(1.0)
        with psycopg.connect(db_url, autocommit=True) as other:
            other.execute("UPDATE eventwire.feeds SET next_poll_at = now()")
    threading.Thread(target=operator_makes_it_due, daemon=True).start()
    assert 0.9 <= steps.wait_for_due_feed(conn, 30) < 6   # a feed made due meanwhile ends the wait
