"""
### eventwire_feeds: every feed's health as a task, every 5 minutes

The ingest DAG runs only when news arrives, so a feed that fails or falls silent never makes a run
there. This small DAG is where it shows in Airflow:

1. `watch_feeds` makes `eventwire.feeds` match the feed list (red when feeds.yaml is malformed),
   raises or resolves the `feed_failing` / `feed_silent` alerts (`analytics.alerts`, the *eventwire
   health* page) and lists the enabled feeds.
2. `check_feed`, one task per feed (the map index is the feed's name), is **red** when that feed's
   last poll failed (backoff doubles its interval per failure), when it has had no new item for longer
   than its `alert_after_minutes`, or when its poll is overdue (nothing is polling: the triggerer is
   down or `eventwire_ingest` is paused). The log says which and why; the other feeds stay green.

**What to watch:** a red `check_feed` square in the grid; its log line starts with failing, silent
or overdue. It costs two short task processes (plus one per feed) every 5 minutes and never touches
a feed itself: the polling is the ingest DAG's watcher in the triggerer.
"""

from __future__ import annotations

from datetime import timedelta

import pendulum
from airflow.sdk import dag, get_current_context, task
from airflow.sdk.exceptions import AirflowFailException

from pipeline.config import Settings


def _connect():
    from pipeline import db

    return db.connect(Settings.from_env(), autocommit=True)


@dag(
    dag_id="eventwire_feeds",
    schedule=timedelta(minutes=5),
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    dagrun_timeout=timedelta(minutes=4),
    default_args={"owner": "eventwire", "retries": 0},
    tags=["eventwire", "feeds"],
    doc_md=__doc__,
)
def eventwire_feeds():
    @task(doc_md="Make eventwire.feeds match the feed list (red when the list is malformed), raise or resolve "
                 "feed alerts (failing repeatedly, silent too long) and list the enabled feeds.")
    def watch_feeds() -> list[str]:
        from pipeline import alerts, db, steps
        from pipeline.fetch.feeds import configured_feeds

        settings = Settings.from_env()
        feed_list = configured_feeds(settings)
        with _connect() as conn:
            db.migrate(conn)
            steps.sync_feeds(conn, feed_list)
            outcome = alerts.watch_feeds(conn, settings.feed_failing_after)
            names = [name for (name,) in conn.execute("SELECT name FROM eventwire.feeds WHERE enabled ORDER BY name")]
        print(f"alerts: {outcome}; enabled feeds: {names}")
        return names

    @task(map_index_template="{{ feed_name }}",
          doc_md="One feed: red when its last poll failed, it is silent past its alert_after_minutes, or its "
                 "poll is overdue (nothing is polling); the log says which.")
    def check_feed(name: str) -> dict:
        from pipeline import steps

        get_current_context()["feed_name"] = name
        with _connect() as conn:
            verdict = next((v for v in steps.feed_verdicts(conn) if v["name"] == name), None)
        if verdict is None:
            raise AirflowFailException(f"feed {name}: no longer enabled in eventwire.feeds")
        print(f"feed {name}: {verdict}")
        if verdict["problem"]:
            raise AirflowFailException(f"feed {name}: {verdict['problem']}")
        return verdict

    check_feed.expand(name=watch_feeds())


eventwire_feeds()
