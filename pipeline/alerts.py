"""Alerts an operator must see without reading logs: a late cycle, a feed silent or failing for too long.

They are rows in eventwire.alerts (shown in analytics.alerts and on the health page), raised by the
DAG's deadline callback and its feed watch, one open alert per subject until the condition clears.
"""

from __future__ import annotations

import logging

import psycopg

log = logging.getLogger(__name__)

FAILING_AFTER = 3  # failed polls in a row before a feed is reported as failing (default of the setting)


def raise_alert(conn: psycopg.Connection, kind: str, subject: str, message: str) -> None:
    from pipeline.safety import redact_url

    message = redact_url(message)  # a feed URL's password never shows (the view hides it in subjects too)
    conn.execute(
        """
        INSERT INTO eventwire.alerts (kind, subject, message) VALUES (%s, %s, %s)
        ON CONFLICT (kind, subject) WHERE resolved_at IS NULL
        DO UPDATE SET message = EXCLUDED.message, last_seen_at = now()
        """,
        (kind, subject, message),
    )
    log.warning("ALERT %s %s: %s", kind, redact_url(subject), message)


def resolve_alerts(conn: psycopg.Connection, kind: str, open_subjects: set[str]) -> int:
    """Close open alerts of `kind` whose subject is no longer in trouble."""
    return conn.execute(
        "UPDATE eventwire.alerts SET resolved_at = now() WHERE kind = %s AND resolved_at IS NULL"
        " AND NOT (subject = ANY(%s))",
        (kind, sorted(open_subjects)),
    ).rowcount


def watch_feeds(conn: psycopg.Connection, failing_after: int = FAILING_AFTER) -> dict:
    """Raise or resolve feed alerts: silent longer than its `alert_after_minutes`, or failing
    `failing_after` polls in a row (Settings.feed_failing_after)."""
    silent = conn.execute(
        """
        SELECT name, url, alert_after_minutes,
               extract(epoch FROM now() - coalesce(last_new_item_at, created_or_first_poll)) / 60 AS quiet_minutes
        FROM (SELECT f.*, coalesce(f.last_success_at, f.last_polled_at) AS created_or_first_poll
              FROM eventwire.feeds f WHERE enabled) f
        WHERE coalesce(last_new_item_at, created_or_first_poll) < now() - make_interval(mins => alert_after_minutes)
        """
    ).fetchall()
    failing = conn.execute(
        "SELECT name, url, consecutive_failures, last_error FROM eventwire.feeds"
        " WHERE enabled AND consecutive_failures >= %s", (failing_after,)
    ).fetchall()
    for name, url, after, quiet in silent:
        raise_alert(conn, "feed_silent", name,
                    f"{url}: no new item for {quiet:.0f} min (expected within {after} min)")
    for name, url, failures, error in failing:
        raise_alert(conn, "feed_failing", name, f"{url}: {failures} failed polls in a row, last: {error}")
    resolved = (resolve_alerts(conn, "feed_silent", {r[0] for r in silent})
                + resolve_alerts(conn, "feed_failing", {r[0] for r in failing}))
    return {"silent": [r[0] for r in silent], "failing": [r[0] for r in failing], "resolved": resolved}


async def cycle_late(**kwargs) -> None:
    """Deadline callback (runs in Airflow's triggerer): record that an ingest cycle missed its deadline."""
    from pipeline import db
    from pipeline.config import Settings

    context = kwargs.get("context") or {}
    dag_run = context.get("dag_run") or {}
    run_id = (dag_run.get("run_id") if isinstance(dag_run, dict) else getattr(dag_run, "run_id", None)) or "unknown run"
    deadline = kwargs.get("deadline_minutes", "?")
    with db.connect(Settings.from_env(), autocommit=True) as conn:
        raise_alert(conn, "cycle_late", str(run_id), f"ingest cycle {run_id} still running after {deadline} min")
