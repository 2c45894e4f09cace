"""
### eventwire_ingest: feeds in, events out, continuously

Polls the feeds that are due (each feed has its own interval and backoff), fetches and cleans new
articles, codes ACLED-style events, validates them with Great Expectations and loads them into
PostgreSQL. The middle steps are mapped over batches of articles (never over single articles: the
mapping limit is 1024). Each task reads its input from Postgres and writes its output back, so any
task can be retried on its own. The DAG runs `@continuous` (one run at a time, the next starts when
the last ends), so a new article is queryable within one cycle; when no feed is due yet, `poll_feeds`
waits for the next one (up to EVENTWIRE_IDLE_WAIT_SECONDS) rather than ending the cycle empty.

**What to watch:**
- `finish_run` fails when rows went missing (in ≠ loaded + quarantined): look at `analytics.runs`.
- `watch_feeds` raises alerts for feeds silent longer than expected or failing repeatedly
  (`analytics.alerts`, the *eventwire health* page); a cycle running past its deadline raises a
  `cycle_late` alert through the DAG's deadline callback.
- `validate` logs batch-level warnings; quarantined rows are in `analytics.quarantine_summary`.
- `publish_events` emits the `eventwire_events` asset only when a cycle loaded something; the
  rollup DAG runs on it.
"""

from __future__ import annotations

import logging
from datetime import timedelta

import pendulum
from airflow.sdk import Asset, AsyncCallback, DeadlineAlert, DeadlineReference, dag, get_current_context, task
from airflow.sdk.exceptions import AirflowSkipException

from pipeline import alerts, db, steps
from pipeline.fetch.feeds import configured_feeds
from pipeline.config import EVENTS_ASSET_NAME, EVENTS_ASSET_URI, Settings

EVENTS = Asset(name=EVENTS_ASSET_NAME, uri=EVENTS_ASSET_URI)


def cycle_deadline() -> DeadlineAlert | None:
    """A cycle still running N minutes after it was queued raises a `cycle_late` alert (triggerer callback).

    EVENTWIRE_CYCLE_DEADLINE_MINUTES=0 turns it off; `eventwire run` and the dag.test() tests do,
    because Airflow 3.3's dag.test() fails closing a run of a DAG that has a deadline (it looks the
    serialized alert up as if it were an id) although the run itself succeeded.
    """
    minutes = Settings.from_env().cycle_deadline_minutes
    if minutes <= 0:
        return None
    return DeadlineAlert(
        reference=DeadlineReference.DAGRUN_QUEUED_AT,
        interval=timedelta(minutes=minutes),
        callback=AsyncCallback(alerts.cycle_late, kwargs={"deadline_minutes": minutes}),
    )


def record_failure(context) -> None:
    """A task failed for good (retries spent): note it on the run, so `finish_run` cannot call it a success."""
    try:
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
    """`@task`, with the function's docstring as the task's doc in the UI (mapped tasks drop it otherwise)."""
    def wrap(fn):
        return task(doc_md=fn.__doc__, **task_kwargs)(fn)
    return wrap


def _run_id() -> str:
    return get_current_context()["run_id"]


def _connect():
    return db.connect(Settings.from_env(), autocommit=True)


@dag(
    dag_id="eventwire_ingest",
    schedule="@continuous",
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
    def start_run() -> str:
        """Open the run log and make eventwire.feeds match the feed list; a bad feed list fails fast."""
        settings = Settings.from_env()
        feed_list = configured_feeds(settings)  # raises on a malformed feeds.yaml: no point retrying
        with db.connect(settings, autocommit=True) as conn:
            db.migrate(conn)
            steps.start_run(conn, _run_id(), runner="airflow")
            steps.close_abandoned_runs(conn, _run_id(), "airflow")  # a cycle that died mid-way
            steps.sync_feeds(conn, feed_list)
        return _run_id()

    @step()
    def poll_feeds(run: str) -> list[list[int]]:
        """Poll the feeds that are due (waiting up to EVENTWIRE_IDLE_WAIT_SECONDS for one when none is yet);
        new items become articles. Every article waiting in any step (new ones and those an earlier,
        killed cycle left half-way), oldest first, goes on in batches of one host each."""
        settings = Settings.from_env()
        with db.connect(settings, autocommit=True) as conn:
            steps.wait_for_due_feed(conn, settings.idle_wait_seconds)
            steps.poll_feeds(conn, settings, run)
            ids = steps.claim_waiting(conn, run, settings.batch_size * steps.MAX_BATCHES_PER_CYCLE)
            return steps.host_batches(conn, ids, settings.batch_size)

    @step()
    def watch_feeds() -> dict:
        """Raise or resolve alerts for feeds silent longer than expected or failing repeatedly."""
        with _connect() as conn:
            return alerts.watch_feeds(conn)

    @step(pool="eventwire_fetch")
    def fetch(batch: list[int]) -> list[int]:
        """Download pages (robots.txt, per-host limits, timeouts, size limit); raw HTML kept gzipped; failures quarantined."""
        settings = Settings.from_env()
        with db.connect(settings, autocommit=True) as conn:
            steps.fetch_batch(conn, settings, batch, _run_id())
        return batch  # the whole batch goes on: each step takes the articles waiting for it

    @step()
    def clean(batch: list[int]) -> list[int]:
        """Main text and metadata with trafilatura, the residual clean-up, and duplicate detection."""
        with _connect() as conn:
            steps.clean_batch(conn, batch, _run_id())
        return batch

    @step(pool="eventwire_extract")
    def extract(batch: list[int]) -> list[int]:
        """Code ACLED events from each article's text; they wait as candidates."""
        with _connect() as conn:
            steps.extract_batch(conn, batch, _run_id())
        return batch

    @step(pool="eventwire_extract")
    def validate(batch: list[int]) -> list[int]:
        """Great Expectations suites over the batch's articles and events; Data Docs under <data_dir>/data_docs."""
        settings = Settings.from_env()
        with db.connect(settings, autocommit=True) as conn:
            steps.validate_batch(conn, batch, _run_id(), settings.data_dir / "data_docs")
        return batch

    @step(pool="eventwire_load")
    def load(batch: list[int]) -> dict:
        """COPY + upsert valid events, quarantine the rest, in one transaction."""
        with _connect() as conn:
            return steps.load_batch(conn, batch, _run_id())

    @step(trigger_rule="all_done", retries=0)
    def finish_run(run: str) -> dict:
        """Close the run log; fail loudly if any row is neither loaded nor quarantined."""
        with _connect() as conn:
            summary = steps.finish_run(conn, run)
            alerts.resolve_alerts(conn, "cycle_late", set())  # a finished cycle is no longer late
        if summary["status"] != "success":
            raise RuntimeError(f"run {run}: {summary['error']}")
        return summary

    @step(outlets=[EVENTS], retries=0)
    def publish_events(summary: dict, *, outlet_events=None) -> dict:
        """Emit the eventwire_events asset (with this cycle's counts) when something was loaded."""
        if not summary.get("events_loaded") and not summary.get("articles_loaded"):
            raise AirflowSkipException("nothing new loaded in this cycle")
        outlet_events[EVENTS].extra = {k: summary[k] for k in
                                       ("articles_loaded", "events_loaded", "events_quarantined", "articles_quarantined")}
        return outlet_events[EVENTS].extra

    run = start_run()
    batches = poll_feeds(run)
    batches >> watch_feeds()
    fetched = fetch.expand(batch=batches)
    cleaned = clean.expand(batch=fetched)
    extracted = extract.expand(batch=cleaned)
    validated = validate.expand(batch=extracted)
    loaded = load.expand(batch=validated)
    summary = finish_run(run)
    loaded >> summary
    publish_events(summary)


eventwire_ingest()
