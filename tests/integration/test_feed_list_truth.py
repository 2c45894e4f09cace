"""The feed list is the truth (issue 11, finding 2): a feed the list disables or no longer names is
not polled and its alerts close; naming it again brings it back. Real PostgreSQL, real wire."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pipeline import alerts, steps
from pipeline.config import Settings
from pipeline.fetch.wire import serve_wire
from tests.conftest import REPO

pytestmark = pytest.mark.integration


def _feed(name: str, url: str, enabled: bool = True) -> dict:
    return {"name": name, "url": url, "enabled": enabled, "interval_seconds": 900}


def _enabled(conn) -> dict:
    return dict(conn.execute("SELECT name, enabled FROM eventwire.feeds").fetchall())


def _open_alerts(conn) -> list:
    return sorted(conn.execute("SELECT kind, subject FROM eventwire.alerts WHERE resolved_at IS NULL").fetchall())


def test_disabled_or_dropped_feeds_stop_being_polled_and_their_alerts_close(conn, tmp_path):
    settings = replace(Settings(), data_dir=tmp_path, http_timeout=2.0, per_host_delay=0.0)
    with serve_wire(REPO / "seeds") as wire:
        dead = wire.base_url + "/gone.xml"  # answers 404: a failing feed
        both = [_feed("wire", wire.feed_url), _feed("dead", dead)]
        steps.run_all(conn, settings, "r1", both, force=True)
        conn.execute("UPDATE eventwire.feeds SET consecutive_failures = 5 WHERE name = 'dead'")
        alerts.watch_feeds(conn)
        assert ("feed_failing", "dead") in _open_alerts(conn)

        # dropped from the list (as when EVENTWIRE_FEEDS no longer names it)
        steps.run_all(conn, settings, "r2", [_feed("wire", wire.feed_url)], force=True)
        assert _enabled(conn) == {"wire": True, "dead": False}
        assert ("feed_failing", "dead") not in _open_alerts(conn)
        assert conn.execute("SELECT feeds_polled FROM eventwire.runs WHERE run_id = 'r2'").fetchone() == (1,)

        # `enabled: false` in the list
        steps.run_all(conn, settings, "r3", [_feed("wire", wire.feed_url, enabled=False)], force=True)
        assert _enabled(conn) == {"wire": False, "dead": False}
        assert conn.execute("SELECT feeds_polled FROM eventwire.runs WHERE run_id = 'r3'").fetchone() == (0,)
        alerts.watch_feeds(conn)
        assert _open_alerts(conn) == []

        # named again: polled again
        steps.run_all(conn, settings, "r4", both, force=True)
        assert _enabled(conn) == {"wire": True, "dead": True}
        assert conn.execute("SELECT feeds_polled FROM eventwire.runs WHERE run_id = 'r4'").fetchone() == (2,)
