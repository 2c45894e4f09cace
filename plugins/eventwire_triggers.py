"""The triggerer's half of event-driven ingestion: a watcher that polls the due feeds and fires only
when they brought new articles, so the ingest DAG (scheduled on its asset) never runs empty.

It lives in plugins/ because the triggerer imports trigger classes by classpath and Airflow puts the
plugins folder on every component's sys.path; pipeline/ (which it calls) never imports Airflow.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timezone

from airflow.triggers.base import BaseEventTrigger, TriggerEvent

CLASSPATH = "eventwire_triggers.NewArticlesTrigger"
COUNTS = ("feeds_polled", "feeds_failed", "items_seen", "articles_new")
log = logging.getLogger(__name__)


def poll_round() -> dict:
    """One synchronous round (run on a worker thread): sync eventwire.feeds with the feed list, poll the
    feeds that are due, insert their new items as waiting articles (pipeline.steps.poll_due)."""
    from pipeline import db, steps
    from pipeline.config import Settings
    from pipeline.fetch.feeds import configured_feeds

    settings = Settings.from_env()
    with db.connect(settings, autocommit=True) as conn:
        steps.sync_feeds(conn, configured_feeds(settings))
        outcome = steps.poll_due(conn, settings)
    outcome.pop("new_ids")
    return outcome


def migrate_once() -> None:
    from pipeline import db
    from pipeline.config import Settings

    with db.connect(Settings.from_env(), autocommit=True) as conn:
        db.migrate(conn)


class NewArticlesTrigger(BaseEventTrigger):
    """Polls eventwire's due feeds (conditional GET, per-feed interval and backoff, from feeds.yaml) in
    the triggerer and yields one TriggerEvent per round that stored new articles.

    The event's payload counts what the polls did since the previous event (feeds polled and failed,
    items seen, articles new) and how many articles wait; the DAG run claims every waiting article.
    On its first round it also fires when articles already wait unclaimed (a run that died mid-way,
    items stored while the DAG was paused). Between rounds it sleeps until the next feed is due, at
    most `max_sleep_seconds`, so an edited feed list or an operator's UPDATE is seen soon.
    """

    def __init__(self, max_sleep_seconds: float = 5.0, **kwargs):
        super().__init__(**kwargs)
        self.max_sleep_seconds = float(max_sleep_seconds)

    def serialize(self) -> tuple[str, dict]:
        return CLASSPATH, {"max_sleep_seconds": self.max_sleep_seconds}

    async def run(self):
        totals = dict.fromkeys(COUNTS, 0)
        first, errors = True, 0
        while True:
            try:
                if first:
                    await asyncio.to_thread(migrate_once)
                outcome = await asyncio.to_thread(poll_round)
            except Exception:  # the database or the feed list is broken: say so, try again later
                errors += 1
                delay = min(60.0, 2.0 ** errors)
                log.exception("eventwire feed watch failed (%d in a row); next try in %.0f s", errors, delay)
                await asyncio.sleep(delay)
                continue
            errors = 0
            for key in COUNTS:
                totals[key] += int(outcome.get(key) or 0)
            if outcome["articles_new"] or (first and outcome["waiting"]):
                # polled_at: after the round stored its articles (the run claims what was stored by then)
                payload = dict(totals, waiting=outcome["waiting"],
                               polled_at=datetime.now(timezone.utc).isoformat(timespec="microseconds"))
                log.info("eventwire: %d new articles (%d waiting): firing", outcome["articles_new"], outcome["waiting"])
                yield TriggerEvent(payload)
                totals = dict.fromkeys(COUNTS, 0)
            first = False
            next_in = outcome.get("next_poll_in")
            await asyncio.sleep(self.max_sleep_seconds if next_in is None
                                else min(max(next_in, 0.2), self.max_sleep_seconds))
