"""Operator alerts against a real PostgreSQL: silent and failing feeds raise one open alert each,
which clears when the feed recovers."""

from __future__ import annotations

import asyncio

import pytest

from pipeline import alerts

pytestmark = pytest.mark.integration


def _open(conn):
    return conn.execute(
        "SELECT kind, subject FROM analytics.alerts WHERE resolved_at IS NULL ORDER BY kind, subject").fetchall()


def test_silent_and_failing_feeds_raise_one_alert_each_until_they_recover(conn):
    conn.execute(
        """INSERT INTO eventwire.feeds (name, url, alert_after_minutes, last_success_at, last_new_item_at, consecutive_failures)
           VALUES ('quiet', 'http://127.0.0.1/q', 60, now(), now() - interval '3 hours', 0),
                  ('lively', 'http://127.0.0.1/l', 60, now(), now() - interval '5 minutes', 0),
                  ('broken', 'http://127.0.0.1/b', 600, now() - interval '1 hour', now() - interval '1 hour', 4)""")
    first = alerts.watch_feeds(conn)
    alerts.watch_feeds(conn)  # seen again: still one alert each
    assert (first["silent"], first["failing"]) == (["quiet"], ["broken"])
    assert _open(conn) == [("feed_failing", "broken"), ("feed_silent", "quiet")]

    conn.execute("UPDATE eventwire.feeds SET last_new_item_at = now() WHERE name = 'quiet'")
    conn.execute("UPDATE eventwire.feeds SET consecutive_failures = 0 WHERE name = 'broken'")
    assert alerts.watch_feeds(conn)["resolved"] == 2
    assert _open(conn) == []
    assert conn.execute("SELECT count(*) FROM analytics.alerts").fetchone()[0] == 2  # kept as history


def test_deadline_callback_records_a_late_cycle(db_url, monkeypatch, conn):
    monkeypatch.setenv("EVENTWIRE_DATABASE_URL", db_url)
    asyncio.run(alerts.cycle_late(context={"dag_run": {"run_id": "scheduled__x"}}, deadline_minutes=10))
    assert conn.execute("SELECT kind, subject, message FROM analytics.alerts").fetchall() == [
        ("cycle_late", "scheduled__x", "ingest cycle scheduled__x still running after 10 min")]
