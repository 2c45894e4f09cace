"""A killed run loses nothing (issue 11, finding 3): `kill -9` the in-process run (a forked copy of
this process) at ten points, run
again, and every article is loaded or quarantined, no event twice, the same events as an uninterrupted
run; the dead run is closed as `abandoned`. Also: steps take what waits in their input status, not
only their run's ids, and a live concurrent run is never taken for dead.
"""

from __future__ import annotations

import os
import signal
import time
from dataclasses import replace
from pathlib import Path

import psycopg
import pytest

from pipeline import db, steps
from pipeline.config import Settings
from pipeline.fetch.wire import serve_wire
from tests.conftest import REPO
from tests.integration.test_row_isolation import assert_every_article_accounted

pytestmark = pytest.mark.integration

SEEDS = REPO / "seeds"
GALLERY = {"/articles/photo-gallery.html": (200, "text/html; charset=utf-8",
                                            "<html><head><title>Gallery</title></head><body><h1>Photo gallery</h1>"
                                            "<p>Pictures of the week.</p></body></html>")}


def _victim(url: str, feed_url: str, data_dir: Path, target: str, nth: int) -> None:
    """In a forked child: `run_all` with one function replaced by one that SIGKILLs the process on its
    n-th call (the child has everything imported already, so a trial costs only the run itself)."""
    from pipeline import clean, extract
    from pipeline.load import postgres as load
    from pipeline.clean import dedup
    from pipeline.fetch import feeds as feedmod, pages
    from pipeline.validate import articles as article_checks

    modules = {"steps": steps, "load": load, "clean": clean, "extract": extract, "dedup": dedup,
               "feedmod": feedmod, "pages": pages, "article_checks": article_checks}
    module_name, attr = target.split(".")
    module, calls = modules[module_name], [0]
    real = getattr(module, attr)

    def dying(*args, **kwargs):
        calls[0] += 1
        if calls[0] == nth:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)

    setattr(module, attr, dying)
    with psycopg.connect(url, autocommit=True, application_name="ew-victim") as conn:
        steps.run_all(conn, _settings(data_dir), "victim", _feeds(feed_url), force=True)


def _kill_run_at(url: str, feed_url: str, data_dir: Path, target: str, nth: int) -> int:
    """Fork, run the victim, return how the child ended (-SIGKILL expected)."""
    pid = os.fork()
    if pid == 0:  # the child never returns into pytest
        code = 3
        try:
            _victim(url, feed_url, data_dir, target, nth)
            code = 0  # finished: the kill point was never reached
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)


# (function replaced, the call that kills): before anything, after the poll (the re-run then gets a
# 304 from the feed), mid-fetch, mid-clean, inside clean's transaction, mid-extract, mid-validate (one
# validation per run),
# inside the load transaction twice, and after everything but closing the run.
KILL_POINTS = [
    ("feedmod.poll_feed", 1), ("steps.claim_waiting", 1), ("pages.fetch_page", 3), ("clean.clean_html", 2),
    ("dedup.check_and_index_batch", 2), ("extract.extract_events", 4), ("article_checks.validate_articles", 1),
    ("load.load_events", 2), ("load.attach_duplicates", 2), ("steps.finish_run", 1),
]


def _settings(tmp_path: Path) -> Settings:
    return replace(Settings(), data_dir=tmp_path, http_timeout=2.0, per_host_delay=0.0, batch_size=3)


def _feeds(url: str) -> list[dict]:
    return [{"name": "wire", "url": url, "enabled": True, "interval_seconds": 900}]


def _outcome(conn) -> tuple:
    events = sorted(conn.execute(
        "SELECT sub_event_type, location_name, event_date::text, num_articles, num_mentions FROM eventwire.events"
        " WHERE deleted_at IS NULL").fetchall())
    statuses = sorted(conn.execute("SELECT url, status FROM eventwire.articles").fetchall())
    return events, statuses


@pytest.fixture(scope="module")
def wire():
    with serve_wire(SEEDS, extra_pages=GALLERY) as server:
        yield server


@pytest.fixture(scope="module")
def reference(wire, pg_server_url, template_db, tmp_path_factory):
    with db.temp_database(pg_server_url, template_db, "ew_ref") as (url, _), psycopg.connect(url, autocommit=True) as c:
        summary = steps.run_all(c, _settings(tmp_path_factory.mktemp("ref")), "reference", _feeds(wire.feed_url),
                                force=True)
        assert summary["status"] == "success" and summary["articles_in"] == 6
        return _outcome(c)


@pytest.mark.parametrize("target, nth", KILL_POINTS, ids=[f"{t}#{n}" for t, n in KILL_POINTS])
def test_a_run_killed_anywhere_is_resumed_by_the_next_run_with_nothing_lost_or_doubled(
        target, nth, wire, reference, db_url, conn, tmp_path):
    assert _kill_run_at(db_url, wire.feed_url, tmp_path, target, nth) == -signal.SIGKILL
    deadline = time.monotonic() + 30  # the killed client's backend ends (and drops its locks) on its own
    while conn.execute("SELECT 1 FROM pg_stat_activity WHERE application_name = 'ew-victim'").fetchone():
        assert time.monotonic() < deadline, "the killed run's backend did not end"
        time.sleep(0.05)

    resumed = steps.run_all(conn, _settings(tmp_path), "resume", _feeds(wire.feed_url), force=True)

    assert conn.execute("SELECT status FROM eventwire.runs WHERE run_id = 'victim'").fetchone() == ("abandoned",)
    assert resumed["status"] == "success", resumed
    assert_every_article_accounted(conn)
    events, statuses = _outcome(conn)
    assert (events, statuses) == reference
    # no event twice: one mention per (event, article), and no two live events with one key
    assert conn.execute("SELECT count(*) - count(DISTINCT event_key) FROM eventwire.events").fetchone()[0] == 0
    totals = conn.execute("SELECT sum(articles_loaded + articles_quarantined) FROM eventwire.runs").fetchone()[0]
    assert totals == 6  # every article counted once, by the run that finished it


def test_steps_take_every_waiting_article_not_only_their_runs(conn, tmp_path):
    """Articles a finished run left at 'new' and 'cleaned' are taken by the next run, oldest first."""
    with serve_wire(SEEDS) as wire:
        settings = _settings(tmp_path)
        steps.start_run(conn, "early")
        steps.sync_feeds(conn, _feeds(wire.feed_url))
        ids = steps.poll_feeds(conn, settings, "early", force=True)
        steps.clean_batch(conn, steps.fetch_batch(conn, settings, ids[:2], "early"), "early")
        early = steps.finish_run(conn, "early")
        assert early["status"] == "failed" and "neither loaded nor quarantined" in early["error"]
        assert sorted(s for (s,) in conn.execute("SELECT status FROM eventwire.articles")) == \
            ["cleaned"] * 2 + ["new"] * 3

        later = steps.run_all(conn, settings, "later", _feeds(wire.feed_url), force=True)  # the feed has nothing new
    assert conn.execute("SELECT articles_new FROM eventwire.runs WHERE run_id = 'later'").fetchone() == (0,)
    assert later["status"] == "success" and later["articles_in"] == later["articles_loaded"] == 5
    assert_every_article_accounted(conn)


def test_a_live_run_is_not_taken_for_dead(conn, db_url):
    with psycopg.connect(db_url, autocommit=True) as other:
        steps.start_run(other, "alive")  # its session holds the liveness lock
        steps.start_run(conn, "next")
        assert steps.close_abandoned_runs(conn, "next", "cli") == []
        assert conn.execute("SELECT status FROM eventwire.runs WHERE run_id = 'alive'").fetchone() == ("running",)
    _wait = time.monotonic() + 30
    while conn.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()").fetchone()[0] > 1:
        assert time.monotonic() < _wait
        time.sleep(0.05)
    assert steps.close_abandoned_runs(conn, "next", "cli") == ["alive"]  # its session is gone
    assert conn.execute("SELECT status FROM eventwire.runs WHERE run_id = 'alive'").fetchone() == ("abandoned",)


def _interrupt_run_at(url: str, feed_url: str, data_dir: Path, target: str, nth: int) -> int:
    """Fork a run that receives a real SIGINT (what Ctrl-C sends) on the n-th call of `target`; return
    the child's exit code (130 when run_all let KeyboardInterrupt go on up, as the CLI expects)."""
    from pipeline import extract
    from pipeline.load import postgres as load

    module_name, attr = target.split(".")
    module = {"extract": extract, "load": load, "steps": steps}[module_name]
    pid = os.fork()
    if pid == 0:  # the child never returns into pytest
        code = 3
        try:
            real, calls = getattr(module, attr), [0]

            def interrupted(*args, **kwargs):
                calls[0] += 1
                if calls[0] == nth:
                    os.kill(os.getpid(), signal.SIGINT)    # Python raises KeyboardInterrupt right here
                return real(*args, **kwargs)

            signal.signal(signal.SIGINT, signal.default_int_handler)
            setattr(module, attr, interrupted)
            with psycopg.connect(url, autocommit=True, application_name="ew-victim") as conn:
                steps.run_all(conn, _settings(data_dir), "victim", _feeds(feed_url), force=True)
            code = 0
        except KeyboardInterrupt:
            code = 130
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)


@pytest.mark.parametrize("target, nth", [("extract.extract_events", 4), ("load.load_events", 2)])
def test_ctrl_c_closes_the_run_and_the_next_run_resumes(target, nth, wire, reference, db_url, conn, tmp_path):
    assert _interrupt_run_at(db_url, wire.feed_url, tmp_path, target, nth) == 130
    status, error = conn.execute("SELECT status, error FROM eventwire.runs WHERE run_id = 'victim'").fetchone()
    assert status == "failed" and "interrupted" in error     # closed at once, not left 'running'

    resumed = steps.run_all(conn, _settings(tmp_path), "resume", _feeds(wire.feed_url), force=True)
    assert resumed["status"] == "success", resumed
    assert_every_article_accounted(conn)
    assert _outcome(conn) == reference
