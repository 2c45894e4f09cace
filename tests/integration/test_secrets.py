"""No credentials in the open (issue 11, finding 5): a feed polled with basic-auth credentials in its
URL shows them as user:***@ in the views the analyst reads, on the health page and its JSON, in alerts
and in the log; the pipeline itself still uses them. Real PostgreSQL, real wire on 127.0.0.1."""

from __future__ import annotations

import json
import logging
from dataclasses import replace

import psycopg
import pytest

from pipeline import alerts, health, steps
from pipeline.config import Settings
from pipeline.fetch.wire import serve_wire
from tests.conftest import REPO

pytestmark = pytest.mark.integration

SECRET = "s3cret-feed-pass"


def test_feed_credentials_are_redacted_everywhere_they_are_shown(conn, db_url, tmp_path, caplog):
    caplog.set_level(logging.INFO)
    settings = replace(Settings(), data_dir=tmp_path, http_timeout=1.0, per_host_delay=0.0)
    with serve_wire(REPO / "seeds") as wire:
        with_auth = wire.feed_url.replace("http://", f"http://reader:{SECRET}@")
        dead = f"http://reader:{SECRET}@127.0.0.1:9/feed.xml?token={SECRET}"
        # names as an older release made them from EVENTWIRE_FEEDS: the URL itself
        feeds = [{"name": with_auth, "url": with_auth, "enabled": True, "interval_seconds": 900},
                 {"name": "dead", "url": dead, "enabled": True, "interval_seconds": 900}]
        summary = steps.run_all(conn, settings, "secret", feeds, force=True)
    assert summary["articles_loaded"] == 5  # the credentials were used to poll
    conn.execute("UPDATE eventwire.feeds SET consecutive_failures = 5")
    conn.execute("UPDATE eventwire.articles SET source = NULL")  # items without <source>: the feed name is the outlet
    conn.execute("UPDATE eventwire.articles SET source = f.name FROM eventwire.feeds f WHERE f.feed_id = articles.feed_id")
    alerts.watch_feeds(conn)

    with psycopg.connect(db_url, autocommit=True) as analyst:
        analyst.execute("SET ROLE eventwire_analyst")
        shown = {view: analyst.execute(f"SELECT * FROM analytics.{view}").fetchall()
                 for view in ("feed_health", "event_mentions", "alerts", "runs", "events")}
    text = json.dumps(shown, default=str)
    assert SECRET not in text
    assert "reader:***@127.0.0.1" in text and "token=***" in text
    outlets = {row[3] for row in shown["event_mentions"]}
    assert outlets == {with_auth.replace(SECRET, "***")}

    report = health.health_report(conn)
    assert SECRET not in json.dumps(report, default=str)
    assert SECRET not in health.render_html(report)
    assert SECRET not in caplog.text
