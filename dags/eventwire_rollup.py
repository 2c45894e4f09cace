"""
### eventwire_rollup: files for people who want files, whenever the event table changes

Scheduled on the `eventwire_events` asset that each ingest cycle publishes when it loaded
something (at most once every few minutes: Airflow queues asset events). Writes the events of the
last 30 days, by event date, as CSV and Parquet under `<data_dir>/exports/`, the way ACLED and GDELT
publish files, all events as CSV in eventwire's columns and in ACLED's (`acled-all.csv`), and records
the counts the ingest cycle attached to the asset.

**What to watch:** the export row count should grow with the event table; a failure here never
affects ingestion.
"""

from __future__ import annotations

from datetime import date, timedelta

import pendulum
from airflow.sdk import Asset, dag, task

from pipeline import db
from pipeline.config import EVENTS_ASSET_NAME, EVENTS_ASSET_URI, Settings
from pipeline.export import export_events

EVENTS = Asset(name=EVENTS_ASSET_NAME, uri=EVENTS_ASSET_URI)

WINDOW_DAYS = 30


@dag(
    dag_id="eventwire_rollup",
    schedule=[EVENTS],
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    default_args={"owner": "eventwire", "retries": 2, "retry_delay": timedelta(minutes=1)},
    tags=["eventwire", "export"],
    doc_md=__doc__,
)
def eventwire_rollup():
    @task(doc_md="Write the last 30 days of events (by event date) as CSV and Parquet under <data_dir>/exports, "
                 "and all events as CSV in eventwire's and ACLED's columns.")
    def export_recent(*, triggering_asset_events=None) -> dict:
        settings = Settings.from_env()
        out = settings.data_dir / "exports"
        out.mkdir(parents=True, exist_ok=True)
        since = date.today() - timedelta(days=WINDOW_DAYS)
        written = {}
        with db.connect(settings, autocommit=True) as conn:
            for fmt in ("csv", "parquet"):
                written[fmt] = export_events(conn, out / f"events-last-{WINDOW_DAYS}d.{fmt}", fmt, since=since)
            written["all_csv"] = export_events(conn, out / "events-all.csv", "csv")
            written["acled_csv"] = export_events(conn, out / "acled-all.csv", "csv", columns="acled")
        cycles = [e.extra for e in (triggering_asset_events or {}).get(EVENTS, [])]
        return {"rows": written, "ingest_cycles": cycles}

    export_recent()


eventwire_rollup()
