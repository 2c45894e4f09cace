"""The ingest DAG end to end through Airflow's own `dag.test()` (`airflow dags test`): the bundled
wire on 127.0.0.1 in, a real PostgreSQL out, asserted on the rows, then run again to load nothing twice."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from pipeline.fetch.wire import serve_wire

pytestmark = pytest.mark.dags

BAD_PAGES = {
    # A page with no article on it: the article suite must quarantine it ("too little text").
    "/articles/photo-gallery.html": (200, "text/html; charset=utf-8",
                                     "<html><head><title>Gallery</title></head><body><nav>Home | World</nav>"
                                     "<h1>Photo gallery</h1><p>Pictures of the week.</p></body></html>"),
    # A dead link: the fetch fails and the article is quarantined with the HTTP status.
    "/articles/gone.html": (404, "text/html; charset=utf-8", "<html><body>Not found</body></html>"),
}


def _dags_test(env: dict) -> subprocess.CompletedProcess:
    airflow = str(Path(sys.executable).with_name("airflow"))
    return subprocess.run([airflow, "dags", "test", "eventwire_ingest"], env=env,
                          capture_output=True, text=True, timeout=900)


def _norm(name: str) -> str:
    return name.lower().replace("al-", "").replace("-", " ").strip()


@pytest.fixture(scope="module")
def dag_run(airflow_env, pg_server_url, template_db, tmp_path_factory):
    """Run the DAG twice over the wire (plus two bad items) into one fresh database."""
    from pipeline.db import temp_database

    seeds = Path(__file__).resolve().parents[2] / "seeds"
    with temp_database(pg_server_url, template_db, "ew_dag") as (url, _), \
            serve_wire(seeds, extra_pages=BAD_PAGES) as wire:
        env = dict(airflow_env, EVENTWIRE_DATABASE_URL=url, EVENTWIRE_FEEDS=wire.feed_url,
                   EVENTWIRE_DATA_DIR=str(tmp_path_factory.mktemp("data")))
        first = _dags_test(env)
        with psycopg.connect(url, autocommit=True) as conn:
            counts_after_first = conn.execute(
                "SELECT (SELECT count(*) FROM eventwire.articles), (SELECT count(*) FROM eventwire.events),"
                " (SELECT count(*) FROM eventwire.event_mentions), (SELECT count(*) FROM eventwire.quarantine)"
            ).fetchone()
            conn.execute("UPDATE eventwire.feeds SET next_poll_at = now()")  # make the feed due again
        second = _dags_test(env)
        yield {"url": url, "first": first, "second": second, "counts_after_first": counts_after_first}


def test_dag_run_succeeds(dag_run):
    assert dag_run["first"].returncode == 0, dag_run["first"].stdout[-4000:] + dag_run["first"].stderr[-4000:]


def test_seed_articles_are_loaded_with_their_dates(dag_run):
    with psycopg.connect(dag_run["url"]) as conn:
        rows = conn.execute(
            "SELECT url, status, published::text FROM eventwire.articles WHERE url LIKE '%%/articles/0%%' ORDER BY url"
        ).fetchall()
    assert [(status, published) for _, status, published in rows] == [
        ("loaded", "2015-07-05"), ("loaded", "2015-06-15"), ("loaded", "2014-06-15"),
        ("loaded", "2014-03-31"), ("loaded", "2013-06-04")]


@pytest.mark.parametrize("place, day, types", [
    ("kasab", "2014-06-15", {"Government regains territory"}),
    ("zabadani", "2015-07-05", {"Government regains territory", "Armed clash"}),
    ("qusayr", "2013-06-04", {"Armed clash", "Government regains territory"}),
    ("jobar", "2014-06-14", {"Remote explosive/landmine/IED"}),
    ("jobar", "2013-06-04", {"Government regains territory"}),
])
def test_seed_events_are_in_the_analyst_view(dag_run, place, day, types):
    with psycopg.connect(dag_run["url"]) as conn:
        found = conn.execute(
            "SELECT location, sub_event_type FROM analytics.events WHERE event_date = %s", (day,)
        ).fetchall()
    matching = {sub for location, sub in found if place in _norm(location)}
    assert matching & types, f"no {types} at {place} on {day}; that day has {found}"


def test_bad_rows_are_quarantined_with_reasons(dag_run):
    with psycopg.connect(dag_run["url"]) as conn:
        rows = conn.execute(
            "SELECT a.url, a.status, q.reasons FROM eventwire.quarantine q JOIN eventwire.articles a USING (article_id)"
            " WHERE q.kind = 'article' ORDER BY a.url"
        ).fetchall()
    by_page = {url.rsplit("/", 1)[1]: (status, reasons) for url, status, reasons in rows}
    assert set(by_page) == {"gone.html", "photo-gallery.html"}
    status, reasons = by_page["gone.html"]
    assert status == "fetch_failed" and reasons[0]["expectation"] == "fetch_page" and "404" in reasons[0]["detail"]
    status, reasons = by_page["photo-gallery.html"]
    assert status == "quarantined"
    assert any(r["column"] == "text" for r in reasons), reasons


def test_run_log_accounts_for_every_row(dag_run):
    with psycopg.connect(dag_run["url"]) as conn:
        runs = conn.execute(
            "SELECT status, articles_new, articles_in, articles_loaded, articles_quarantined,"
            " events_in, events_loaded, events_quarantined FROM eventwire.runs ORDER BY started_at"
        ).fetchall()
    status, new, a_in, a_loaded, a_q, e_in, e_loaded, e_q = runs[0]
    assert status == "success"
    assert (new, a_in, a_loaded, a_q) == (7, 7, 5, 2)
    assert e_in == e_loaded + e_q and e_loaded > 0


def test_second_run_loads_nothing_twice(dag_run):
    assert dag_run["second"].returncode == 0, dag_run["second"].stderr[-4000:]
    with psycopg.connect(dag_run["url"]) as conn:
        counts = conn.execute(
            "SELECT (SELECT count(*) FROM eventwire.articles), (SELECT count(*) FROM eventwire.events),"
            " (SELECT count(*) FROM eventwire.event_mentions), (SELECT count(*) FROM eventwire.quarantine)"
        ).fetchone()
        second = conn.execute(
            "SELECT status, feeds_polled, articles_new FROM eventwire.runs ORDER BY started_at DESC LIMIT 1").fetchone()
    assert counts == dag_run["counts_after_first"]
    assert second == ("success", 1, 0)
