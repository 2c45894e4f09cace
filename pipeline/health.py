"""What an operator needs at a glance, read from the analytics views: feed health, recent runs,
quarantine by reason, newest events. The Airflow plugin and `eventwire summary` both show it."""

from __future__ import annotations

import psycopg
from psycopg.rows import dict_row


def health_report(conn: psycopg.Connection, runs: int = 10, events: int = 10) -> dict:
    cur = conn.cursor(row_factory=dict_row)
    feeds = cur.execute(
        "SELECT name, url, enabled, last_success_at, last_new_item_at, consecutive_failures, last_error,"
        " next_poll_at, articles FROM analytics.feed_health ORDER BY name"
    ).fetchall()
    recent = cur.execute(
        "SELECT run_id, status, started_at, finished_at,"
        " extract(epoch FROM finished_at - started_at) AS seconds, articles_new, articles_in, articles_loaded,"
        " articles_quarantined, events_in, events_loaded, events_quarantined, error"
        " FROM analytics.runs ORDER BY started_at DESC LIMIT %s", (runs,)
    ).fetchall()
    quarantine = cur.execute(
        "SELECT kind, expectation, column_name, rows, last_seen FROM analytics.quarantine_summary ORDER BY rows DESC"
    ).fetchall()
    newest = cur.execute(
        "SELECT event_id, event_date, sub_event_type, location, admin1, country, actor1, actor2, fatalities,"
        " num_articles, first_seen_at FROM analytics.events ORDER BY first_seen_at DESC, event_id DESC LIMIT %s",
        (events,),
    ).fetchall()
    unaccounted = [r["run_id"] for r in recent
                   if r["status"] != "running" and (r["articles_in"] != r["articles_loaded"] + r["articles_quarantined"]
                                                    or r["events_in"] != r["events_loaded"] + r["events_quarantined"])]
    return {
        "feeds": feeds,
        "failing_feeds": [f["name"] for f in feeds if f["consecutive_failures"]],
        "runs": recent,
        "runs_with_missing_rows": unaccounted,
        "quarantine": quarantine,
        "newest_events": newest,
    }
