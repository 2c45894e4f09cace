"""
### eventwire_ingest: a run only when news arrives

1. **Watch** (in the triggerer, not a task): the `eventwire_new_articles` asset has an AssetWatcher
   whose trigger (`plugins/eventwire_triggers.py`) polls the feeds that are due (conditional GET; each
   feed has its own interval, doubled per failure in a row) and stores their new items as waiting
   articles. It fires only when something new was stored, and this DAG is scheduled on that asset:
   **no new items, no run.** The event's payload (feeds polled and failed, items seen, articles new)
   goes into the run's log.
2. `claim_articles` opens the run log (`analytics.runs`) and takes every article waiting in any step
   that was stored by the time its events fired (the new ones and any a dead run left half-way; later
   ones wait for the run their own event starts), in batches of one host each, a batch being at least
   EVENTWIRE_BATCH_SIZE articles or a quarter of the cycle's (so one host's 804 articles make 4 tasks,
   not 33). A run triggered by hand (Trigger button, `airflow dags test`) polls every feed itself first.
3. `fetch_clean_extract` (one task per batch; the map index shows host and size) downloads the pages,
   extracts text and metadata, drops duplicates and codes ACLED events.
4. `validate_and_load` checks all of the cycle's articles and events with Great Expectations in one
   call (failing rows are quarantined with their reasons, Data Docs under `<data_dir>/data_docs`),
   then COPYs and upserts the valid events in one transaction: one task, not two, because a task
   costs a scheduling round trip (1–2 s) on the way to analytics.events.
5. `finish_run` closes the run log and fails when rows went missing (in ≠ loaded + quarantined);
   `publish_events` emits the `eventwire_events` asset for the rollup DAG when the cycle loaded events.

Every task's log has one line per stage ("eventwire stage fetch: 5 articles in, 5 out, 1.2 s, 0.1 s
CPU") and ends with the CPU its process used. Heavy libraries (trafilatura, Great Expectations,
pandas) are imported only inside the tasks, so parsing this file stays cheap for every task process;
under `make airflow` a task process starts with them imported (the scheduler's forkserver preloads
them: tools/stack.py TASK_PRELOAD).

**What to watch:**
- A failing or silent feed produces no run here: it shows as a red `check_feed` task (map index = the
  feed's name) in the `eventwire_feeds` DAG, and as an alert on the *eventwire health* page.
- `finish_run` red: rows went missing or a task failed for good: `analytics.runs.error` says which.
- `validate_and_load` logs batch-level warnings; quarantined rows are in `analytics.quarantine_summary`.
- A cycle running past its deadline raises a `cycle_late` alert through the DAG's deadline callback.
"""

from __future__ import annotations

import functools
import logging
import math
import resource
from datetime import datetime, timedelta

import pendulum
from airflow.sdk import (Asset, AssetWatcher, AsyncCallback, DeadlineAlert, DeadlineReference, dag,
                         get_current_context, task)
from airflow.sdk.exceptions import AirflowSkipException
from eventwire_triggers import NewArticlesTrigger

from pipeline.config import EVENTS_ASSET_NAME, EVENTS_ASSET_URI, Settings

EVENTS = Asset(name=EVENTS_ASSET_NAME, uri=EVENTS_ASSET_URI)
NEW_ARTICLES = Asset(
    name="eventwire_new_articles",
    uri="postgres://eventwire/eventwire/articles",
    watchers=[AssetWatcher(name="eventwire_feed_watch", trigger=NewArticlesTrigger())],
)
# a host's articles in a cycle go to at most this many fetch_clean_extract tasks (batches are at least
# EVENTWIRE_BATCH_SIZE): each task process costs about 0.7 s of CPU before its work (start-up, imports),
# and 4 keep the extract pool's 2 slots busy while letting a retry redo a quarter
TASKS_PER_CYCLE = 4


def cycle_deadline() -> DeadlineAlert | None:
    """A cycle still running N minutes after it was queued raises a `cycle_late` alert (triggerer callback).

    EVENTWIRE_CYCLE_DEADLINE_MINUTES=0 turns it off; `eventwire run` and the dag.test() tests do,
    because Airflow 3.3's dag.test() fails closing a run of a DAG that has a deadline (it looks the
    serialized alert up as if it were an id) although the run itself succeeded.
    """
    minutes = Settings.from_env().cycle_deadline_minutes
    if minutes <= 0:
        return None
    from pipeline import alerts

    return DeadlineAlert(
        reference=DeadlineReference.DAGRUN_QUEUED_AT,
        interval=timedelta(minutes=minutes),
        callback=AsyncCallback(alerts.cycle_late, kwargs={"deadline_minutes": minutes}),
    )


def record_failure(context) -> None:
    """A task failed for good (retries spent): note it on the run, so `finish_run` cannot call it a success."""
    try:
        from pipeline import steps

        task_id = context["ti"].task_id
        exc = context.get("exception")
        with _connect() as conn:
            steps.record_task_failure(conn, context["run_id"], task_id,
                                      f"{type(exc).__name__}: {exc}" if exc else "failed")
    except Exception:  # the database may be what failed; the task's own log already says why
        logging.getLogger(__name__).exception("could not record the task failure on the run")


DEFAULT_ARGS = {
    "owner": "eventwire",
    "on_failure_callback": record_failure,
    "retries": 3,
    "retry_delay": timedelta(seconds=15),
    "retry_exponential_backoff": True,
    "max_retry_delay": timedelta(minutes=5),
}


def step(**task_kwargs):
    """`@task`, with the function's docstring as the task's doc in the UI (mapped tasks drop it otherwise);
    the task's log ends with the CPU its process used (start-up, parsing this file and the work)."""
    def wrap(fn):
        @functools.wraps(fn)
        def timed(*args, **kwargs):
            try:
                return fn(*args, **kwargs)
            finally:
                usage = resource.getrusage(resource.RUSAGE_SELF)
                logging.getLogger(__name__).info("eventwire task CPU %.2f s (process total: start-up, parsing, "
                                                 "imports and the stages)", usage.ru_utime + usage.ru_stime)
        return task(doc_md=fn.__doc__, **task_kwargs)(timed)
    return wrap


def _connect():
    from pipeline import db

    return db.connect(Settings.from_env(), autocommit=True)


def _stage(conn, run_id: str, name: str, articles_in: int, work, part: str = ""):
    """One stage's work through `steps.timed_stage`: the log line "eventwire stage NAME: N articles in,
    M out, wall, CPU" and the same figures in eventwire.run_stages. Returns (result, figures); the
    benchmark adds these CPU seconds up as the work, against the task processes' whole CPU."""
    from pipeline import steps

    return steps.timed_stage(conn, run_id, name, articles_in, work, part)


def _claim(conn, settings: Settings, feed_list: list[dict], run_id: str, polls: list[dict]) -> list[list[int]]:
    """claim_articles' work: the run log, the feed table, the watcher's counts, the waiting articles."""
    from pipeline import db, steps

    db.migrate(conn)
    steps.start_run(conn, run_id, runner="airflow")
    steps.close_abandoned_runs(conn, run_id, "airflow")  # a cycle that died mid-way
    steps.sync_feeds(conn, feed_list)
    if polls:  # what the feed watch did since its last event
        steps.record_polls(conn, run_id, {k: sum(int(p.get(k) or 0) for p in polls)
                                          for k in ("feeds_polled", "feeds_failed", "items_seen", "articles_new")})
    else:  # triggered by hand (or `airflow dags test`): poll every feed now
        steps.poll_feeds(conn, settings, run_id, force=True)
    # what the run's events announced (stored before the last of them fired); a later event's articles
    # are left for the run it starts, so that run is not empty
    until = max((p["polled_at"] for p in polls if p.get("polled_at")), default=None)
    ids = steps.claim_waiting(conn, run_id, settings.batch_size * steps.MAX_BATCHES_PER_CYCLE,
                              stored_until=datetime.fromisoformat(until) if until else None)
    size = max(settings.batch_size, math.ceil(len(ids) / TASKS_PER_CYCLE))
    batches = steps.host_batches(conn, ids, size)
    logging.getLogger(__name__).info("claimed %d articles in %d batches (%d watch events: %s)",
                                     len(ids), len(batches), len(polls), polls)
    return batches


def _flatten(batches: list[list[int]]) -> list[int]:
    return sorted(i for batch in batches for i in batch)


@dag(
    dag_id="eventwire_ingest",
    schedule=[NEW_ARTICLES],
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    tags=["eventwire", "ingest"],
    doc_md=__doc__,
    deadline=cycle_deadline(),
)
def eventwire_ingest():
    @step(retries=0)
    def claim_articles(*, run_id=None, triggering_asset_events=None) -> list[list[int]]:
        """Open the run log with what the feed watch saw (a run triggered by hand polls every feed itself),
        make eventwire.feeds match the feed list (a bad list fails fast), and take every waiting article,
        oldest first, in batches of one host each."""
        from pipeline import db, steps  # noqa: F401  (imported before the stage: start-up, not work)
        from pipeline.fetch.feeds import configured_feeds

        settings = Settings.from_env()
        feed_list = configured_feeds(settings)  # raises on a malformed feeds.yaml: no point retrying
        with db.connect(settings, autocommit=True) as conn:
            polls = [e.extra.get("payload") or {} for e in (triggering_asset_events or {}).get(NEW_ARTICLES, [])]
            batches, _ = _stage(conn, run_id, "claim", 0, lambda: _claim(conn, settings, feed_list, run_id, polls))
        return batches

    @step(pool="eventwire_extract", map_index_template="{{ batch_label }}")
    def fetch_clean_extract(batch: list[int], *, run_id=None) -> dict:
        """Download the batch's pages (robots.txt, per-host limits, timeouts, size limit; raw HTML kept
        gzipped), extract text and metadata with trafilatura and drop duplicates, code ACLED events (they
        wait as candidates). Each step takes only the articles waiting for it, so a retry resumes."""
        from pipeline import clean, db, extract, steps  # noqa: F401  (imported before the stages: start-up, not work)
        from pipeline.fetch import crawl, http, pages  # noqa: F401

        settings = Settings.from_env()
        stages: dict[str, dict] = {}
        with db.connect(settings, autocommit=True) as conn:
            host = conn.execute("SELECT lower(substring(url from '^[a-z]+://([^/]+)')) FROM eventwire.articles"
                                " WHERE article_id = %s", (batch[0],)).fetchone()
            get_current_context()["batch_label"] = f"{host[0] if host else '?'} · {len(batch)} articles"
            part = str(batch[0])  # a batch's first article names it in eventwire.run_stages
            _, stages["fetch"] = _stage(conn, run_id, "fetch", len(batch),
                                        lambda: steps.fetch_batch(conn, settings, batch, run_id), part)
            _, stages["clean"] = _stage(conn, run_id, "clean", len(batch),
                                        lambda: steps.clean_batch(conn, batch, run_id), part)
            _, stages["extract"] = _stage(conn, run_id, "extract", len(batch),
                                          lambda: steps.extract_batch(conn, batch, run_id), part)
        return stages

    @step(pool="eventwire_load")
    def validate_and_load(batches: list[list[int]], *, run_id=None) -> dict:
        """Great Expectations over all of the cycle's extracted articles and their events in one call
        (rows that fail are marked rejected with their failed expectations; Data Docs under
        <data_dir>/data_docs), then COPY + upsert the valid events and quarantine the rest in one
        transaction. Two stages, one task process (the log has a line for each); a retry validates
        only what is still waiting for validation and loads what is validated."""
        from pipeline import db, steps
        from pipeline.validate import articles, docs, events, suite  # noqa: F401  (start-up, not work)

        settings = Settings.from_env()
        ids = _flatten(batches)
        with db.connect(settings, autocommit=True) as conn:
            _, validated = _stage(conn, run_id, "validate", len(ids),
                                  lambda: steps.validate_batch(conn, ids, run_id, settings.data_dir / "data_docs"))
            loaded, _ = _stage(conn, run_id, "load", len(ids), lambda: steps.load_batch(conn, ids, run_id))
        return dict(loaded, validate=validated)

    @step(trigger_rule="all_done", retries=0)
    def finish_run(*, run_id=None) -> dict:
        """Close the run log; fail loudly if any row is neither loaded nor quarantined."""
        from pipeline import alerts, steps

        with _connect() as conn:
            summary, _ = _stage(conn, run_id, "finish", 0, lambda: steps.finish_run(conn, run_id))
            alerts.resolve_alerts(conn, "cycle_late", set())  # a finished cycle is no longer late
        if summary["status"] != "success":
            raise RuntimeError(f"run {run_id}: {summary['error']}")
        return summary

    @step(outlets=[EVENTS], retries=0)
    def publish_events(summary: dict, *, outlet_events=None) -> dict:
        """Emit the eventwire_events asset (with this cycle's counts) when something was loaded."""
        if not summary.get("events_loaded") and not summary.get("articles_loaded"):
            raise AirflowSkipException("nothing new loaded in this cycle")
        outlet_events[EVENTS].extra = {k: summary[k] for k in
                                       ("articles_loaded", "events_loaded", "events_quarantined", "articles_quarantined")}
        return outlet_events[EVENTS].extra

    batches = claim_articles()
    processed = fetch_clean_extract.expand(batch=batches)
    loaded = validate_and_load(batches)
    processed >> loaded
    summary = finish_run()
    loaded >> summary
    publish_events(summary)


eventwire_ingest()
