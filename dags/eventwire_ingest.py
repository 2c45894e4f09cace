"""
### eventwire_ingest: feeds in, events out

Polls the configured news feeds, fetches and cleans new articles, codes ACLED-style events,
validates them with Great Expectations and loads them into PostgreSQL, one mapped task per
batch of articles. Each task reads its input from Postgres and writes its output back, so any
task can be retried on its own.

**What to watch:** `finish_run` fails when rows went missing (in ≠ loaded + quarantined);
`validate` logs batch-level warnings; quarantined rows are in `analytics.quarantine_summary`.
"""

from __future__ import annotations

from datetime import timedelta

import pendulum
from airflow.sdk import dag, get_current_context, task

from pipeline import db, steps
from pipeline.config import Settings

DEFAULT_ARGS = {
    "owner": "eventwire",
    "retries": 2,
    "retry_delay": timedelta(seconds=20),
    "retry_exponential_backoff": True,
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
    schedule=timedelta(minutes=15),
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    tags=["eventwire", "ingest"],
    doc_md=__doc__,
)
def eventwire_ingest():
    @step()
    def start_run() -> str:
        """Open the run log and make eventwire.feeds match the configured feed list."""
        settings = Settings.from_env()
        with db.connect(settings, autocommit=True) as conn:
            db.migrate(conn)
            steps.start_run(conn, _run_id(), runner="airflow")
            steps.sync_feeds(conn, settings.feed_list())
        return _run_id()

    @step()
    def poll_feeds(run: str) -> list[list[int]]:
        """Poll the feeds that are due; new items become articles, split into batches."""
        settings = Settings.from_env()
        with db.connect(settings, autocommit=True) as conn:
            ids = steps.poll_feeds(conn, settings, run)
        return steps.batches(ids, settings.batch_size)

    @step()
    def fetch(batch: list[int]) -> list[int]:
        """Download pages (timeouts, size limit); raw HTML kept gzipped; failures quarantined."""
        settings = Settings.from_env()
        with db.connect(settings, autocommit=True) as conn:
            return steps.fetch_batch(conn, settings, batch, _run_id())

    @step()
    def clean(batch: list[int]) -> list[int]:
        """Main text and metadata with trafilatura, then the residual clean-up."""
        with _connect() as conn:
            return steps.clean_batch(conn, batch, _run_id())

    @step()
    def extract(batch: list[int]) -> list[int]:
        """Code ACLED events from each article's text; they wait as candidates."""
        with _connect() as conn:
            return steps.extract_batch(conn, batch, _run_id())

    @step()
    def validate(batch: list[int]) -> list[int]:
        """Great Expectations suites over the batch's articles and events; Data Docs under <data_dir>/data_docs."""
        settings = Settings.from_env()
        with db.connect(settings, autocommit=True) as conn:
            return steps.validate_batch(conn, batch, _run_id(), settings.data_dir / "data_docs")

    @step()
    def load(batch: list[int]) -> dict:
        """COPY + upsert valid events, quarantine the rest, in one transaction."""
        with _connect() as conn:
            return steps.load_batch(conn, batch, _run_id())

    @step(trigger_rule="all_done")
    def finish_run(run: str) -> dict:
        """Close the run log; fail loudly if any row is neither loaded nor quarantined."""
        with _connect() as conn:
            summary = steps.finish_run(conn, run)
        if summary["status"] != "success":
            raise RuntimeError(f"run {run}: {summary['error']}")
        return summary

    run = start_run()
    batches = poll_feeds(run)
    fetched = fetch.expand(batch=batches)
    cleaned = clean.expand(batch=fetched)
    extracted = extract.expand(batch=cleaned)
    validated = validate.expand(batch=extracted)
    loaded = load.expand(batch=validated)
    loaded >> finish_run(run)


eventwire_ingest()
