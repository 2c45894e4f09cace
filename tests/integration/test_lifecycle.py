"""Events as a living dataset, against a real PostgreSQL and the bundled wire on 127.0.0.1:
re-running, reprocessing and retrying quarantine revise rows in place and never load twice."""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import date

import pytest

from pipeline import steps
from pipeline.config import Settings
from pipeline.export import export_events
from pipeline.fetch.wire import serve_wire
from pipeline.reprocess import list_quarantine, reprocess, retry_quarantine

pytestmark = pytest.mark.integration

LATE_PAGE = "/articles/late.html"
LATE_HTML = ("<html><head><title>Clashes in Rankous</title></head><body><article><h1>Clashes in Rankous</h1>"
             + "".join(f"<p>{s}</p>" for s in [
                 "Syrian army troops clashed with rebels around the village of Rankous in the Qalamoun region "
                 "on Sunday, activists said, in fighting that lasted for several hours.",
                 "The Syrian Observatory for Human Rights said the clashes left at least seven fighters dead "
                 "on both sides, and that the army shelled the outskirts of the village.",
                 "Rankous lies between Qalamoun and the Wadi Barada region, close to the border with Lebanon.",
             ]) + "</article></body></html>")


@pytest.fixture(scope="module")
def conn(pg_server_url, template_db):
    """One database for the module: the tests below build on each other's state, in file order."""
    import psycopg

    from pipeline.db import temp_database

    with temp_database(pg_server_url, template_db, "ew_life") as (url, _), \
            psycopg.connect(url, autocommit=True) as connection:
        yield connection


@pytest.fixture(scope="module")
def wired(conn, tmp_path_factory):
    """The seeds plus one page that is missing (404) at first, run once through every step."""
    from tests.conftest import REPO

    with serve_wire(REPO / "seeds", extra_pages={LATE_PAGE: (404, "text/html", "not yet")}) as wire:
        settings = replace(Settings.from_env(), database_url=None, data_dir=tmp_path_factory.mktemp("d"), batch_size=3)
        feeds = [{"name": "wire", "url": wire.feed_url, "enabled": True, "interval_seconds": 900}]
        summary = steps.run_all(conn, settings, "run-1", feeds, force=True)
        yield wire, settings, feeds, summary


def _snapshot(conn):
    events = conn.execute("SELECT event_id, sub_event_type, location, num_mentions FROM analytics.events ORDER BY 1").fetchall()
    mentions = conn.execute("SELECT count(*) FROM eventwire.event_mentions").fetchone()[0]
    return events, mentions


def test_first_run_accounts_for_every_row(wired):
    _, _, _, summary = wired
    assert summary["status"] == "success"
    assert (summary["articles_in"], summary["articles_loaded"], summary["articles_quarantined"]) == (6, 5, 1)
    assert summary["events_in"] == summary["events_loaded"] + summary["events_quarantined"] > 20


def test_running_again_loads_nothing_twice(conn, wired):
    wire, settings, feeds, _ = wired
    before = _snapshot(conn)
    summary = steps.run_all(conn, settings, "run-2", feeds, force=True)
    assert summary["articles_in"] == 0 and summary["events_in"] == 0
    assert _snapshot(conn) == before


def test_reprocess_keeps_event_ids_and_duplicates_nothing(conn, wired):
    _, settings, _, _ = wired
    before = _snapshot(conn)
    result = reprocess(conn, settings, "reprocess-1", since=date(2013, 1, 1))
    assert result["status"] == "success"
    assert result["articles"] == 6 and result["events_deleted"] == 0
    assert _snapshot(conn) == before
    assert conn.execute("SELECT count(*) FROM analytics.deletions").fetchone()[0] == 0


def test_quarantined_page_is_released_after_the_fix(conn, wired):
    wire, settings, _, _ = wired
    held = list_quarantine(conn)
    assert [(q["kind"], q["url"].rsplit("/", 1)[1]) for q in held] == [("article", "late.html")]
    assert "404" in held[0]["reasons"][0]["detail"]

    wire._httpd.routes[LATE_PAGE] = (200, "text/html; charset=utf-8", LATE_HTML.encode(), {})  # the fix
    result = retry_quarantine(conn, settings, "retry-1")

    assert (result["released"], result["still_quarantined"]) == (1, 0)
    assert list_quarantine(conn) == []
    status = conn.execute("SELECT status FROM eventwire.articles WHERE url LIKE %s", (f"%{LATE_PAGE}",)).fetchone()[0]
    assert status == "loaded"
    rankous = conn.execute(
        "SELECT num_articles FROM analytics.events WHERE location ILIKE '%%rankous%%' AND sub_event_type = 'Armed clash'"
    ).fetchall()
    assert rankous, "the late page's clash at Rankous was not loaded"


def test_export_writes_what_the_view_shows(conn, wired, tmp_path):
    n_view = conn.execute("SELECT count(*) FROM analytics.events WHERE event_date >= '2014-01-01'").fetchone()[0]
    n_csv = export_events(conn, tmp_path / "e.csv", "csv", since=date(2014, 1, 1))
    with (tmp_path / "e.csv").open() as fh:
        rows = list(csv.DictReader(fh))
    assert n_csv == len(rows) == n_view
    assert any(r["location"].lower() in ("kasab", "kessab") and r["event_date"] == "2014-06-15" for r in rows)
    assert all(r["source_urls"].startswith("http://127.0.0.1") for r in rows)

    import pyarrow.parquet as pq

    n_parquet = export_events(conn, tmp_path / "e.parquet", "parquet", since=date(2014, 1, 1))
    table = pq.read_table(tmp_path / "e.parquet")
    assert n_parquet == table.num_rows == n_view
    assert str(table.schema.field("event_date").type) == "date32[day]"


def test_reprocessing_again_with_nothing_changed_touches_nothing(conn, wired):
    """Finding 9 of issue 11: an unchanged reprocess revises no event and rewrites no timestamp."""
    _, settings, _, _ = wired
    reprocess(conn, settings, "reprocess-a", since=date(2013, 1, 1))
    stamps = conn.execute("SELECT (SELECT array_agg(updated_at ORDER BY event_id) FROM eventwire.events),"
                          " (SELECT array_agg(first_seen_at ORDER BY event_id, article_id) FROM eventwire.event_mentions)"
                          ).fetchone()
    again = reprocess(conn, settings, "reprocess-b", since=date(2013, 1, 1))
    assert again["status"] == "success" and again["events_touched"] == 0 and again["events_deleted"] == 0
    assert conn.execute("SELECT (SELECT array_agg(updated_at ORDER BY event_id) FROM eventwire.events),"
                        " (SELECT array_agg(first_seen_at ORDER BY event_id, article_id) FROM eventwire.event_mentions)"
                        ).fetchone() == stamps


def test_export_refuses_to_overwrite_without_force(conn, wired, tmp_path):
    import os
    import subprocess
    import sys

    from tests.conftest import REPO

    out = tmp_path / "events.csv"
    out.write_text("an analyst's edited copy\n")
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("EVENTWIRE_")},
           "PYTHONPATH": str(REPO), "EVENTWIRE_DATABASE_URL": conn.info.dsn}

    def export(*extra):
        return subprocess.run([sys.executable, "-m", "pipeline.cli", "export", "--output", *extra], cwd=REPO,
                              env=env, capture_output=True, text=True, timeout=120)

    refused = export(str(out))
    assert refused.returncode == 2 and "pass --force" in refused.stderr and "Traceback" not in refused.stderr
    assert out.read_text() == "an analyst's edited copy\n"
    missing = export(str(tmp_path / "no" / "such.csv"))
    assert missing.returncode == 2 and "does not exist" in missing.stderr and "Traceback" not in missing.stderr
    forced = export(str(out), "--force")
    assert forced.returncode == 0, forced.stderr[-2000:]
    assert out.read_text().startswith("event_id") or "," in out.read_text().splitlines()[0]
