"""
### eventwire_reprocess: bring old articles up to the current extractor, nightly

When the extraction rules or dictionaries change, `extractor_version` changes. Every night this DAG
re-cleans and re-extracts, from the stored raw HTML (never refetching), the articles coded by an
older version, and revises their events in place: kept, merged, or soft-deleted into
`analytics.deletions`. Trigger it by hand with `since` (YYYY-MM-DD) to redo every article published
since that day, whatever its version.

**What to watch:** the run log row (`analytics.runs`, runner `reprocess`): in = loaded + quarantined.
"""

from __future__ import annotations

from datetime import date, timedelta

import pendulum
from airflow.sdk import Param, dag, get_current_context, task

from pipeline import db, extract
from pipeline.config import Settings
from pipeline.reprocess import reprocess


@dag(
    dag_id="eventwire_reprocess",
    schedule="30 2 * * *",
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    default_args={"owner": "eventwire", "retries": 1, "retry_delay": timedelta(minutes=5)},
    params={"since": Param(None, type=["null", "string"], format="date",
                           description="redo every article published since this day (default: only stale ones)")},
    tags=["eventwire", "reprocess"],
    doc_md=__doc__,
)
def eventwire_reprocess():
    @task(doc_md="Pick the articles to redo: coded by an older extractor_version, or published since `since`.")
    def choose_articles() -> list[int]:
        since = get_current_context()["params"].get("since")
        with db.connect(Settings.from_env(), autocommit=True) as conn:
            if since:
                rows = conn.execute(
                    "SELECT article_id FROM eventwire.articles WHERE status IN ('loaded', 'quarantined')"
                    " AND coalesce(published, feed_published) >= %s ORDER BY article_id", (date.fromisoformat(since),))
            else:
                rows = conn.execute(
                    "SELECT article_id FROM eventwire.articles WHERE status = 'loaded'"
                    " AND extractor_version IS DISTINCT FROM %s ORDER BY article_id", (extract.EXTRACTOR_VERSION,))
            return [r[0] for r in rows]

    @task(doc_md="Re-code them with the current rules and revise the events; one run-log row.")
    def reprocess_articles(article_ids: list[int]) -> dict:
        if not article_ids:
            return {"articles": 0}
        settings = Settings.from_env()
        with db.connect(settings, autocommit=True) as conn:
            result = reprocess(conn, settings, get_current_context()["run_id"], article_ids=article_ids)
        if result["status"] != "success":
            raise RuntimeError(result["error"])
        return result

    reprocess_articles(choose_articles())


eventwire_reprocess()
