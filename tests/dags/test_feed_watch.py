"""The ingest DAG's schedule: the feed watcher's trigger, run for real with asyncio against the bundled
wire on 127.0.0.1, fires when the feed brings new articles and not otherwise; a failing feed is a red
task of its own in the eventwire_feeds DAG while the other feed's task is green."""

from __future__ import annotations

import asyncio
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest

from pipeline.fetch.wire import serve_wire

pytestmark = pytest.mark.dags

REPO = Path(__file__).resolve().parents[2]


def _trigger(max_sleep: float = 0.3):
    import airflow  # noqa: F401  (puts the plugins folder on sys.path, as in the triggerer)
    from eventwire_triggers import NewArticlesTrigger

    return NewArticlesTrigger(max_sleep_seconds=max_sleep)


async def _next_event(trigger, until_polled_again: str | None = None, timeout: float = 120):
    """Run the trigger until it fires (its event) or, with `until_polled_again` (a database URL), until
    the feed was polled again after this call and the round is over (None: it did not fire)."""
    runner = trigger.run()
    step = asyncio.ensure_future(runner.__anext__())
    before = None
    if until_polled_again:
        with psycopg.connect(until_polled_again) as conn:
            before = conn.execute("SELECT max(last_polled_at) FROM eventwire.feeds").fetchone()[0]
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            done, _ = await asyncio.wait({step}, timeout=0.2)
            if done:
                return step.result()
            if until_polled_again:
                with psycopg.connect(until_polled_again) as conn:
                    now = conn.execute("SELECT max(last_polled_at) FROM eventwire.feeds").fetchone()[0]
                if now and (before is None or now > before):
                    # the poll is written before the round returns: give the round time to yield if it would
                    done, _ = await asyncio.wait({step}, timeout=2.0)
                    return step.result() if done else None
        raise AssertionError("the trigger neither fired nor polled within the timeout")
    finally:
        step.cancel()
        await asyncio.gather(step, return_exceptions=True)  # let the cancelled round end first
        await runner.aclose()


@pytest.fixture
def watched(db_url, monkeypatch, tmp_path):
    with serve_wire(REPO / "seeds") as wire:
        monkeypatch.setenv("EVENTWIRE_DATABASE_URL", db_url)
        monkeypatch.setenv("EVENTWIRE_FEEDS", wire.feed_url)
        monkeypatch.setenv("EVENTWIRE_DATA_DIR", str(tmp_path))
        yield db_url, wire


def test_the_trigger_fires_on_new_items_and_stores_them_waiting(watched):
    url, _ = watched
    event = asyncio.run(_next_event(_trigger()))
    with psycopg.connect(url) as conn:
        waiting = conn.execute("SELECT count(*), count(last_run_id) FROM eventwire.articles WHERE status = 'new'"
                               ).fetchone()
    assert event is not None
    assert event.payload["articles_new"] == 5 and event.payload["feeds_polled"] == 1
    assert event.payload["waiting"] == 5
    assert waiting == (5, 0)  # waiting for the run to claim them, owned by none yet


def test_the_trigger_does_not_fire_without_new_items(watched):
    url, _ = watched
    assert asyncio.run(_next_event(_trigger())) is not None  # the first poll stores the wire's items
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("UPDATE eventwire.articles SET status = 'loaded'")  # as if a run had taken them
        conn.execute("UPDATE eventwire.feeds SET next_poll_at = now()")
    assert asyncio.run(_next_event(_trigger(), until_polled_again=url)) is None
    with psycopg.connect(url) as conn:
        polled = conn.execute("SELECT consecutive_failures, etag IS NOT NULL FROM eventwire.feeds").fetchone()
    assert polled == (0, True)


def test_the_trigger_fires_at_once_for_articles_a_dead_run_left(watched):
    url, _ = watched
    asyncio.run(_next_event(_trigger()))
    with psycopg.connect(url, autocommit=True) as conn:  # a run that died after claiming them
        conn.execute("INSERT INTO eventwire.runs (run_id, runner, status) VALUES ('dead', 'airflow', 'failed')")
        conn.execute("UPDATE eventwire.articles SET last_run_id = 'dead'")
        conn.execute("UPDATE eventwire.feeds SET next_poll_at = now() + interval '1 hour'")
    event = asyncio.run(_next_event(_trigger()))
    assert event.payload["articles_new"] == 0 and event.payload["waiting"] == 5


@pytest.fixture
def feeds_dag_run(airflow_env, pg_server_url, template_db, tmp_path_factory):
    """`airflow dags test eventwire_feeds` with two feeds: the wire (polled fine) and a closed port."""
    from pipeline.db import temp_database

    with temp_database(pg_server_url, template_db, "ew_feeds") as (url, _), serve_wire(REPO / "seeds") as wire:
        with socket_closed_port() as dead:
            feeds = f"{wire.feed_url},http://127.0.0.1:{dead}/feed.xml"
            env = dict(airflow_env, EVENTWIRE_DATABASE_URL=url, EVENTWIRE_FEEDS=feeds,
                       EVENTWIRE_DATA_DIR=str(tmp_path_factory.mktemp("feeds-data")))
            code = ("import asyncio, os, sys; sys.path.insert(0, %r); sys.path.insert(0, %r)\n"
                    "from tests.dags.test_feed_watch import _next_event, _trigger\n"
                    "asyncio.run(_next_event(_trigger()))\n" % (str(REPO), str(REPO / "plugins")))
            polled = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300)
            assert polled.returncode == 0, polled.stderr[-3000:]
            airflow = str(Path(sys.executable).with_name("airflow"))
            done = subprocess.run([airflow, "dags", "test", "eventwire_feeds"], env=env, capture_output=True,
                                  text=True, timeout=600)
        db = sqlite3.connect(Path(airflow_env["AIRFLOW_HOME"]) / "airflow.db")
        states = dict(db.execute(
            "SELECT coalesce(rendered_map_index, task_id), state FROM task_instance WHERE dag_id = 'eventwire_feeds'"
            " AND run_id = (SELECT run_id FROM dag_run WHERE dag_id = 'eventwire_feeds' ORDER BY id DESC LIMIT 1)"
        ).fetchall())
        yield {"done": done, "states": states, "wire": wire.feed_url, "dead": f"http://127.0.0.1:{dead}/feed.xml"}


class socket_closed_port:
    """A port on 127.0.0.1 where nothing listens (bound, then released)."""

    def __enter__(self) -> int:
        import socket

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            return sock.getsockname()[1]

    def __exit__(self, *exc) -> None:
        return None


def test_a_failing_feed_is_a_red_task_while_the_other_is_green(feeds_dag_run):
    states = feeds_dag_run["states"]
    assert states.get("watch_feeds") == "success", feeds_dag_run["done"].stdout[-3000:]
    from pipeline.safety import redact_url

    assert states.get(redact_url(feeds_dag_run["wire"])) == "success", states
    assert states.get(redact_url(feeds_dag_run["dead"])) == "failed", states


def test_a_run_claims_what_its_event_announced_and_leaves_later_articles(watched):
    from datetime import datetime

    from pipeline import steps

    url, wire = watched
    event = asyncio.run(_next_event(_trigger()))
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("INSERT INTO eventwire.articles (url) VALUES (%s)", (f"{wire.base_url}/articles/later.html",))
        conn.execute("INSERT INTO eventwire.runs (run_id, runner) VALUES ('r1', 'airflow'), ('r2', 'airflow')")
        first = steps.claim_waiting(conn, "r1", 100, stored_until=datetime.fromisoformat(event.payload["polled_at"]))
        conn.execute("UPDATE eventwire.articles SET status = 'loaded' WHERE article_id = ANY(%s)", (first,))
        conn.execute("UPDATE eventwire.runs SET status = 'success' WHERE run_id = 'r1'")
        later = steps.claim_waiting(conn, "r2", 100)
        stored = conn.execute("SELECT count(*) FROM eventwire.articles").fetchone()[0]
    assert len(first) == 5 and len(later) == 1 and stored == 6
