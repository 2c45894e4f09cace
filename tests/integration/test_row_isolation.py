"""One bad item never stops the rest (issue 11, finding 1), against a real hostile server and PostgreSQL.

A feed on 127.0.0.1 mixes the bundled wire's five articles with items and pages built to break
things: NUL in titles and guids, year-0 and year-1 dates, a 3,000-character link, canonicals that
do not parse or are 3,000 characters long, NUL in a page. Each such row ends loaded or quarantined
with its reason, on itself, and the good articles load. A bug in one feed, page or article (a step
raising) costs that row only; a row no index can hold (a 5,000-letter place) is refused or isolated.
"""

from __future__ import annotations

import json
import random
from dataclasses import replace
from pathlib import Path

import httpx
import pytest

from pipeline import clean, steps
from pipeline.config import Settings
from pipeline.fetch import feeds as feedmod
from pipeline.fetch.wire import serve_wire
from tests.conftest import REPO
from tests.httpserver import QuietHandler, base_url, serve

pytestmark = pytest.mark.integration

SEEDS = REPO / "seeds"
WORDS = ("the council met again on a cold morning while traders opened their stalls near the old bridge and "
         "teachers argued about exams farmers counted sacks of grain drivers waited at the checkpoint children "
         "walked to school under grey clouds and the river rose after three days of rain").split()


def _page(name: str, head: str = "", body_extra: str = "") -> bytes:
    rng = random.Random(name)  # each page its own text, so no two are near-duplicates of each other
    paragraphs = "".join("<p>" + " ".join(rng.choice(WORDS) for _ in range(60)).capitalize() + ".</p>"
                         for _ in range(4))
    return (f"<html><head><title>Local report {name}</title>{head}</head><body><article><h1>Local report {name}"
            f"</h1>{paragraphs}{body_extra}</article></body></html>").encode()


class HostileFeedHandler(QuietHandler):
    """`/feed.xml`: the wire's feed plus the hostile items; `/p/<name>.html`: their pages."""

    def do_GET(self):  # noqa: N802
        if self.path == "/feed.xml":
            self.send(200, "application/rss+xml; charset=utf-8", self.server.feed)
        elif self.path in self.server.pages:
            self.send(200, "text/html; charset=utf-8", self.server.pages[self.path])
        else:
            self.send(404, "text/plain", b"not found")


def _hostile_feed(wire_feed: bytes, base: str) -> tuple[bytes, dict[str, bytes]]:
    long_path = "/p/" + "a" * 3000 + ".html"
    items = {
        "nul-title": "<title>Shelling&#0; near the border</title><guid isPermaLink=\"false\">nul&#0;guid</guid>",
        "year-zero": "<title>Year zero</title><pubDate>0000-00-00T00:00:00Z</pubDate>",
        "year-one": "<title>Year one</title><pubDate>0001-01-01T00:00:00+14:00</pubDate>",
        "bad-canonical": "<title>Bad canonical</title>",
        "long-canonical": "<title>Long canonical</title>",
        "nul-page": "<title>NUL in the page</title>",
    }
    xml = "".join(f"<item>{extra}<link>{base}/p/{name}.html</link></item>" for name, extra in items.items())
    xml += f"<item><title>Long link</title><link>{base}{long_path}</link></item>"
    feed = wire_feed.replace(b"</channel>", xml.encode() + b"</channel>")
    pages = {f"/p/{name}.html": _page(name) for name in items}
    pages["/p/bad-canonical.html"] = _page("bad-canonical", '<link rel="canonical" href="http://[::1/story">')
    pages["/p/long-canonical.html"] = _page(
        "long-canonical", f'<link rel="canonical" href="{base}/c/{"b" * 3000}">')
    pages["/p/nul-page.html"] = _page("nul-page", body_extra="<p>A line with a NUL \x00 inside and \x07 a bell.</p>")
    pages[long_path] = _page("long-link")
    return feed, pages


def _settings(tmp_path: Path) -> Settings:
    # the wire's pages are another local origin than the hostile feed: allowed past the address guard explicitly
    return replace(Settings(), data_dir=tmp_path, http_timeout=2.0, per_host_delay=0.0, allow_hosts=("127.0.0.1",))


def _feeds(*urls: str) -> list[dict]:
    return [{"name": f"feed-{i}", "url": url, "enabled": True, "interval_seconds": 900} for i, url in enumerate(urls)]


def _article(conn, suffix: str) -> dict:
    row = conn.execute(
        "SELECT article_id, status, feed_title, guid, feed_published, notes, canonical_url, url, fetch_error, text"
        " FROM eventwire.articles WHERE url LIKE %s", ("%" + suffix,)).fetchone()
    assert row, suffix
    return dict(zip(["id", "status", "feed_title", "guid", "feed_published", "notes", "canonical_url", "url",
                     "fetch_error", "text"], row))


def _reasons(conn, article_id: int) -> list:
    row = conn.execute("SELECT reasons FROM eventwire.quarantine WHERE kind = 'article' AND article_id = %s"
                       " AND released_at IS NULL", (article_id,)).fetchone()
    return row[0] if row else []


def assert_every_article_accounted(conn) -> None:
    """Each article loaded (or a duplicate of one) or quarantined with its reason; no candidate left half-way."""
    stuck = conn.execute("SELECT article_id, status FROM eventwire.articles"
                         " WHERE status NOT IN ('loaded', 'duplicate', 'quarantined', 'fetch_failed')").fetchall()
    assert stuck == []
    assert conn.execute("SELECT count(*) FROM eventwire.articles a WHERE status IN ('quarantined', 'fetch_failed')"
                        " AND NOT EXISTS (SELECT 1 FROM eventwire.quarantine q WHERE q.article_id = a.article_id"
                        " AND q.kind = 'article' AND jsonb_array_length(q.reasons) > 0)").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM eventwire.event_candidates WHERE status NOT IN ('loaded', 'quarantined')"
                        ).fetchone()[0] == 0


def test_hostile_items_and_pages_are_each_loaded_or_quarantined_and_the_good_ones_load(conn, tmp_path):
    with serve_wire(SEEDS) as wire, serve(HostileFeedHandler) as httpd:
        httpd.feed, httpd.pages = _hostile_feed(httpx.get(wire.feed_url).content, base_url(httpd))
        summary = steps.run_all(conn, _settings(tmp_path), "hostile", _feeds(base_url(httpd) + "/feed.xml"), force=True)
        again = steps.run_all(conn, _settings(tmp_path), "hostile-again", _feeds(base_url(httpd) + "/feed.xml"),
                              force=True)

    assert summary["status"] == "success", summary
    assert summary["articles_in"] == 12 == summary["articles_loaded"] + summary["articles_quarantined"]
    assert again["status"] == "success" and again["articles_in"] == 0  # nothing new, nothing twice
    feed = conn.execute("SELECT consecutive_failures, last_error FROM eventwire.feeds").fetchone()
    assert feed == (0, None)
    # the wire's five articles load as they would alone
    assert conn.execute("SELECT count(*) FROM eventwire.articles WHERE url LIKE %s AND status = 'loaded'",
                        (wire.base_url + "%",)).fetchone()[0] == 5
    assert conn.execute("SELECT count(*) FROM eventwire.events").fetchone()[0] > 20

    nul = _article(conn, "/p/nul-title.html")
    assert nul["feed_title"] == "Shelling near the border" and nul["guid"] == "nulguid"
    for name in ("year-zero", "year-one"):
        art = _article(conn, f"/p/{name}.html")
        assert art["feed_published"] is None and art["status"] != "fetch_failed"
        assert any("ignored" in note for note in art["notes"]), art["notes"]

    long_link = _article(conn, "a" * 3000 + ".html")
    assert long_link["status"] == "fetch_failed" and long_link["fetch_error"].startswith("refused: URL longer than")
    assert "URL longer than 2048" in json.dumps(_reasons(conn, long_link["id"]))

    for name in ("bad-canonical", "long-canonical"):  # the unusable canonical is ignored: the page's own URL counts
        art = _article(conn, f"/p/{name}.html")
        assert art["status"] in ("loaded", "quarantined") and art["canonical_url"] == art["url"], name

    nul_page = _article(conn, "/p/nul-page.html")
    assert nul_page["text"] and "\x00" not in nul_page["text"] and "\x07" not in nul_page["text"]
    assert "A line with a NUL" in nul_page["text"]
    assert_every_article_accounted(conn)


def test_a_feed_whose_poll_raises_fails_alone_with_backoff_and_an_alert(conn, tmp_path, monkeypatch):
    real_poll = feedmod.poll_feed

    def poll(client, url, **kwargs):  # a bug that only this feed's content triggers
        if url.endswith("/broken.xml"):
            raise KeyError("an entry shape nobody foresaw")
        return real_poll(client, url, **kwargs)

    monkeypatch.setattr(feedmod, "poll_feed", poll)
    with serve_wire(SEEDS) as wire:
        feeds = [{"name": "broken", "url": wire.base_url + "/broken.xml", "enabled": True, "interval_seconds": 900},
                 {"name": "wire", "url": wire.feed_url, "enabled": True, "interval_seconds": 900}]
        summary = steps.run_all(conn, _settings(tmp_path), "one-broken", feeds, force=True)
    assert summary["status"] == "success" and summary["articles_loaded"] == 5
    failures, error, minutes = conn.execute(
        "SELECT consecutive_failures, last_error, round(extract(epoch FROM next_poll_at - now()) / 60)"
        " FROM eventwire.feeds WHERE name = 'broken'").fetchone()
    assert failures == 1 and error.startswith("internal error: KeyError") and minutes == 30
    assert conn.execute("SELECT feeds_polled, feeds_failed FROM eventwire.runs WHERE run_id = 'one-broken'"
                        ).fetchone() == (2, 1)
    alert = conn.execute("SELECT message FROM analytics.alerts WHERE kind = 'feed_failing' AND subject = 'broken'"
                         " AND resolved_at IS NULL").fetchone()
    assert alert and "KeyError" in alert[0]


def test_an_article_whose_cleaning_raises_is_quarantined_and_the_batch_goes_on(conn, tmp_path, monkeypatch):
    real_clean = clean.clean_html

    def clean_html(html, url=None):
        if url and url.endswith("/articles/" + sorted(p.stem for p in SEEDS.glob("*.txt"))[0] + ".html"):
            raise RecursionError("maximum recursion depth exceeded")
        return real_clean(html, url=url)

    monkeypatch.setattr(clean, "clean_html", clean_html)
    with serve_wire(SEEDS) as wire:
        summary = steps.run_all(conn, _settings(tmp_path), "one-bad-page", _feeds(wire.feed_url), force=True)
    assert summary["status"] == "success"
    assert (summary["articles_in"], summary["articles_loaded"], summary["articles_quarantined"]) == (5, 4, 1)
    bad = conn.execute("SELECT article_id FROM eventwire.articles WHERE status = 'quarantined'").fetchone()[0]
    assert _reasons(conn, bad) == [{"expectation": "clean_error", "column": None,
                                    "detail": "RecursionError: maximum recursion depth exceeded"}]
    assert_every_article_accounted(conn)


def _through_extract(conn, tmp_path, run_id: str) -> list[int]:
    with serve_wire(SEEDS) as wire:
        steps.start_run(conn, run_id)
        steps.sync_feeds(conn, _feeds(wire.feed_url))
        ids = steps.poll_feeds(conn, _settings(tmp_path), run_id, force=True)
        fetched = steps.fetch_batch(conn, _settings(tmp_path), ids, run_id)
    return steps.extract_batch(conn, steps.clean_batch(conn, fetched, run_id), run_id)


def _one_candidate_with(conn, article_id: int, **changes) -> int:
    payload, = conn.execute("SELECT payload FROM eventwire.event_candidates WHERE article_id = %s ORDER BY ordinal"
                            " LIMIT 1", (article_id,)).fetchone()
    for path, value in changes.items():
        if "__" in path:
            part, key = path.split("__")
            payload[part] = dict(payload.get(part) or {}, **{key: value})
        else:
            payload[path] = value
    return conn.execute(
        "INSERT INTO eventwire.event_candidates (article_id, ordinal, run_id, payload)"
        " SELECT %s, max(ordinal) + 1, run_id, %s FROM eventwire.event_candidates WHERE article_id = %s"
        " GROUP BY run_id RETURNING candidate_id", (article_id, json.dumps(payload), article_id)).fetchone()[0]


def test_a_five_thousand_letter_village_is_refused_by_validation_and_the_rest_loads(conn, tmp_path):
    extracted = _through_extract(conn, tmp_path, "village")
    village = _one_candidate_with(conn, extracted[0], location__name="V" * 5000)
    steps.load_batch(conn, steps.validate_batch(conn, extracted, "village"), "village")
    summary = steps.finish_run(conn, "village")
    assert summary["status"] == "success" and summary["articles_loaded"] == 5
    status, reasons = conn.execute("SELECT status, reasons FROM eventwire.event_candidates WHERE candidate_id = %s",
                                   (village,)).fetchone()
    assert status == "quarantined"
    assert {"expectation": "name_length", "column": "location_name",
            "detail": "5000 characters, more than 200"} in reasons
    assert conn.execute("SELECT max(length(location_name)) FROM eventwire.events").fetchone()[0] < 200
    assert_every_article_accounted(conn)


def test_a_row_that_breaks_the_load_costs_only_its_article(conn, tmp_path):
    """A candidate no check caught (marked valid by hand) that the events table's own constraint refuses:
    the batch's transaction fails, each article is loaded alone, and only that one is quarantined."""
    extracted = _through_extract(conn, tmp_path, "overflow")
    validated = steps.validate_batch(conn, extracted, "overflow")
    bad = _one_candidate_with(conn, validated[1], fatalities__low=-5, fatalities__best=-5, fatalities__high=-5,
                              confidence=0.999, location__name="Nowhere In Particular", location__geonameid=None)
    conn.execute("UPDATE eventwire.event_candidates SET status = 'valid' WHERE candidate_id = %s", (bad,))
    stats = steps.load_batch(conn, validated, "overflow")
    summary = steps.finish_run(conn, "overflow")
    assert stats["articles_quarantined"] >= 1
    assert summary["status"] == "success" and summary["articles_loaded"] == 4
    status, = conn.execute("SELECT status FROM eventwire.articles WHERE article_id = %s", (validated[1],)).fetchone()
    assert status == "quarantined"
    assert _reasons(conn, validated[1])[0]["expectation"] == "load_error"
    assert conn.execute("SELECT count(*) FROM eventwire.events").fetchone()[0] > 15
    assert_every_article_accounted(conn)


def test_a_run_with_a_failed_task_is_not_a_success(conn):
    steps.start_run(conn, "task-failed", runner="airflow")
    steps.record_task_failure(conn, "task-failed", "fetch", "RuntimeError: boom")
    summary = steps.finish_run(conn, "task-failed")
    assert summary["status"] == "failed" and "task fetch failed: RuntimeError: boom" in summary["error"]
    assert conn.execute("SELECT status FROM analytics.runs WHERE run_id = 'task-failed'").fetchone() == ("failed",)



def test_a_feed_item_the_database_refuses_costs_only_itself(conn):
    """The items of a poll go in as one statement; when the database refuses it (here a NUL in a title,
    which text columns cannot hold and no rule before the insert removed), they go in one by one."""
    feed_id = conn.execute("INSERT INTO eventwire.feeds (name, url) VALUES ('f', 'http://127.0.0.1:9/rss')"
                           " RETURNING feed_id").fetchone()[0]
    items = [feedmod.FeedItem(url=f"http://127.0.0.1:9/a{i}", title=title, published="2026-11-30T08:00:00+00:00",
                              guid=f"g{i}", summary=None, notes=("a note",) if i == 0 else ())
             for i, title in enumerate(["fine", "bad\x00title", "also fine"])]
    fresh, refused = steps._insert_items(conn, feed_id, "f", items, None)

    assert refused == 1 and len(fresh) == 2
    stored = conn.execute("SELECT url, feed_title, notes FROM eventwire.articles ORDER BY article_id").fetchall()
    assert stored == [("http://127.0.0.1:9/a0", "fine", ["a note"]), ("http://127.0.0.1:9/a2", "also fine", None)]
