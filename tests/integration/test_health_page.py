"""The operator's health report and page against a real PostgreSQL: after a real pipeline run over the
bundled wire (one page missing, so one article is quarantined) the totals, throughput, quarantine
reasons and newest events match the database, and the HTML carries them in stable attributes."""

from __future__ import annotations

import re
from datetime import timedelta
from dataclasses import replace
from html.parser import HTMLParser

import psycopg
import pytest

from pipeline import alerts, steps
from pipeline.config import Settings
from pipeline.db import temp_database
from pipeline.fetch.wire import serve_wire
from pipeline.health import health_report, render_html

pytestmark = pytest.mark.integration

MISSING_PAGE = "/articles/zz-missing.html"


@pytest.fixture(scope="module")
def ran_db(pg_server_url, template_db, tmp_path_factory):
    """One real run, shared by the read-only tests below: its database's URL."""
    from tests.conftest import REPO

    with temp_database(pg_server_url, template_db, "ew_health") as (url, _):
        with serve_wire(REPO / "seeds", extra_pages={MISSING_PAGE: (404, "text/html", "gone")}) as wire, \
                psycopg.connect(url, autocommit=True) as conn:
            settings = replace(Settings.from_env(), database_url=None, data_dir=tmp_path_factory.mktemp("d"), batch_size=25)
            feeds = [{"name": "wire", "url": wire.feed_url, "enabled": True, "interval_seconds": 900}]
            summary = steps.run_all(conn, settings, "run-health", feeds, force=True)
        assert summary["status"] == "success"
        yield url


@pytest.fixture
def ran(ran_db):
    with psycopg.connect(ran_db, autocommit=True) as connection:
        yield connection


def _count(conn, sql: str) -> int:
    return conn.execute(sql).fetchone()[0]


class _Attrs(HTMLParser):
    """Collects the text of elements by a data attribute, e.g. data-metric."""

    def __init__(self):
        super().__init__()
        self.metrics, self.rows, self._open = {}, [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "data-metric" in attrs:
            self._open = attrs["data-metric"]
        if tag == "tr" and any(k.startswith("data-") for k in attrs):
            self.rows.append(attrs)

    def handle_data(self, data):
        if self._open:
            self.metrics[self._open] = data.strip()
            self._open = None


def test_report_totals_and_runs_match_the_database(ran):
    conn = ran
    report = health_report(conn)

    assert report["totals"]["events_total"] == _count(conn, "SELECT count(*) FROM analytics.events") > 20
    assert report["totals"]["articles_total"] == _count(conn, "SELECT count(*) FROM eventwire.articles") == 6
    assert report["totals"]["quarantined_total"] == 1
    assert report["quarantine_by_kind"] == {"article": 1}
    run = report["runs"][0]
    assert run["run_id"] == "run-health" and run["status"] == "success"
    assert (run["articles_in"], run["articles_loaded"], run["articles_quarantined"]) == (6, 5, 1)
    assert run["seconds"] > 0 and run["events_per_second"] == pytest.approx(run["events_in"] / run["seconds"], rel=1e-2)
    stages = {s["stage"]: s for s in run["stages"]}  # what each stage did, from eventwire.run_stages
    assert list(stages) == ["fetch", "clean", "extract", "validate", "load"]
    assert stages["fetch"]["articles_in"] == 6 and stages["validate"]["tasks"] == 1
    assert 0 < sum(s["seconds"] for s in stages.values()) <= run["seconds"]
    assert 'data-field="stages">fetch ' in render_html(report)
    assert report["runs_with_missing_rows"] == []


def test_report_names_the_failing_expectation_and_the_feed_state(ran):
    report = health_report(ran)

    [top] = report["top_expectations"]
    assert top["kind"] == "article" and top["rows"] == 1 and top["expectation"]
    [feed] = report["feeds"]
    assert feed["name"] == "wire" and feed["consecutive_failures"] == 0 and feed["interval_seconds"] == 900
    assert 'data-field="interval">15 min</td>' in render_html(report, data_docs={})
    assert feed["last_success_at"] is not None and feed["last_new_item_at"] is not None and feed["articles"] == 6
    newest_ids = [e["event_id"] for e in report["newest_events"]]
    assert len(newest_ids) == 10 and len(set(newest_ids)) == 10


def test_page_carries_the_numbers_in_stable_attributes(ran):
    conn = ran
    report = health_report(conn)
    page = render_html(report, data_docs={"articles": "data-docs/articles/index.html"})

    parsed = _Attrs()
    parsed.feed(page)
    assert int(parsed.metrics["events_total"]) == _count(conn, "SELECT count(*) FROM analytics.events")
    assert int(parsed.metrics["articles_total"]) == 6
    assert int(parsed.metrics["quarantined_total"]) == 1
    assert {"data-run": "run-health", "data-status": "success"} in parsed.rows
    assert any(r.get("data-kind") == "article" for r in parsed.rows)
    assert len([r for r in parsed.rows if "data-event-id" in r]) == 10
    assert 'href="data-docs/articles/index.html"' in page


def test_page_escapes_what_feeds_and_errors_bring(conn):
    conn.execute("INSERT INTO eventwire.feeds (name, url, consecutive_failures, last_error)"
                 " VALUES ('<script>x</script>', 'http://127.0.0.1/f?a=1&b=2', 2, '<b>HTTP 500</b>')")
    page = render_html(health_report(conn))

    assert "<script>x" not in page and "&lt;script&gt;x&lt;/script&gt;" in page
    assert "<b>HTTP 500" not in page
    assert re.search(r'id="failing-feeds"', page)
    assert 'data-metric="events_total">0<' in page
    assert "no Great Expectations Data Docs" in page


def _feed(conn, name: str, **cols) -> None:
    keys = ["name", "url", *cols]
    conn.execute(f"INSERT INTO eventwire.feeds ({', '.join(keys)}) VALUES ({', '.join(['%s'] * len(keys))})",
                 [name, f"http://127.0.0.1:9/{name}", *cols.values()])


def test_feeds_show_backoff_overdue_and_silence_against_the_database_clock(conn):
    """The operator's three blind spots: a feed in backoff, one whose next poll is long past, one silent."""
    now = conn.execute("SELECT now()").fetchone()[0]
    _feed(conn, "backing-off", interval_seconds=15, consecutive_failures=4, last_error="HTTP 503",
          last_polled_at=now, next_poll_at=now + timedelta(minutes=8))
    _feed(conn, "overdue", interval_seconds=15, last_success_at=now - timedelta(minutes=3),
          last_polled_at=now - timedelta(minutes=3), next_poll_at=now - timedelta(minutes=2, seconds=45))
    _feed(conn, "fresh", interval_seconds=60, last_success_at=now, last_polled_at=now, last_new_item_at=now,
          next_poll_at=now + timedelta(seconds=40))
    _feed(conn, "quiet", interval_seconds=60, last_success_at=now, last_polled_at=now,
          next_poll_at=now + timedelta(seconds=40))
    alerts.raise_alert(conn, "feed_silent", "quiet", "no new item for 400 min (expected within 360 min)")

    report = health_report(conn)
    states = {f["name"]: f for f in report["feeds"]}
    assert states["backing-off"]["state"] == "failing" and states["backing-off"]["backoff_seconds"] == 480
    assert states["overdue"]["state"] == "overdue" and 160 <= states["overdue"]["overdue_seconds"] <= 175
    assert states["fresh"]["state"] == "ok" and states["fresh"]["overdue_seconds"] is None
    assert states["quiet"]["state"] == "silent"
    assert report["late_feeds"] == ["overdue", "quiet"]

    page = render_html(report)
    rows = {r["data-feed"]: r for r in _rows(page) if "data-feed" in r}
    assert {name: r["data-state"] for name, r in rows.items()} == {
        "backing-off": "failing", "overdue": "overdue", "fresh": "ok", "quiet": "silent"}
    assert "failing, backing off 8 min" in page and "overdue by 3 min" in page
    assert re.search(r'data-field="next_poll"><time [^>]*>in (3[0-9]|40) s</time>', page)
    assert re.search(r'data-field="next_poll" class="warn"><time [^>]*>in 8 min</time>', page)


def test_alerts_are_listed_open_first_and_the_page_reloads_itself(conn):
    alerts.raise_alert(conn, "feed_failing", "wire", "http://127.0.0.1:9/rss: 3 failed polls in a row, last: HTTP 500")
    alerts.raise_alert(conn, "cycle_late", "scheduled__x", "ingest cycle still running after 10 min")
    alerts.resolve_alerts(conn, "cycle_late", set())

    report = health_report(conn)
    assert report["totals"]["alerts_open"] == 1
    assert [(a["kind"], a["resolved_at"] is None) for a in report["alerts"]] == [("feed_failing", True), ("cycle_late", False)]
    page = render_html(report, refresh_seconds=20)
    listed = [(r["data-alert-kind"], r["data-open"]) for r in _rows(page) if "data-alert-kind" in r]
    assert listed == [("feed_failing", "true"), ("cycle_late", "false")]
    assert '<meta http-equiv="refresh" content="20">' in page
    assert 'data-metric="alerts_open">1<' in page


def test_runs_that_did_something_come_first_and_empty_runs_are_only_counted(conn):
    conn.execute("INSERT INTO eventwire.runs (run_id, status, started_at, finished_at, articles_new, articles_in,"
                 " articles_loaded) VALUES ('busy', 'success', now() - interval '10 min', now() - interval '9 min', 6, 6, 6)")
    for i in range(5):
        conn.execute("INSERT INTO eventwire.runs (run_id, status, started_at, finished_at) VALUES"
                     " (%s, 'success', now() - make_interval(secs => %s), now())", (f"empty-{i}", 60 - i))
    conn.execute("INSERT INTO eventwire.runs (run_id, status, started_at, error) VALUES"
                 " ('broken', 'failed', now() - interval '20 min', 'fetch: task failed')")
    conn.execute("INSERT INTO eventwire.articles (url, status) VALUES ('http://127.0.0.1:9/a', 'loaded')")

    report = health_report(conn)
    assert [r["run_id"] for r in report["runs"]] == ["busy", "broken"]
    assert report["idle_runs"]["runs"] == 5
    assert report["last_article_loaded_at"] is not None
    page = render_html(report)
    assert 'data-metric="idle_runs">5<' in page and "runs that found nothing new" in page
    assert re.search(r'id="last-loaded">last article loaded <time [^>]*>(now|\d+ s ago)</time>', page)


def _rows(page: str) -> list[dict]:
    parsed = _Attrs()
    parsed.feed(page)
    return parsed.rows
