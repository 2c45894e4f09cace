"""One function per pipeline step, each reading its input from Postgres and writing its output back.

The DAG tasks, `eventwire run` and the tests all call these, so every step can run in its own
process (as Airflow runs tasks) and be retried: a step only moves articles forward by status.
"""

from __future__ import annotations

import gzip
import json
import logging
import time
from dataclasses import asdict
from datetime import date, datetime, timezone

import psycopg
from psycopg.types.json import Jsonb

from pipeline import alerts, safety
from pipeline.load import postgres as load
from pipeline.config import Settings
from pipeline.safety import redact_url

log = logging.getLogger(__name__)


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _as_date(value) -> date | None:
    """A publication date within sane bounds, or None (pipeline.safety.sane_date); never raises."""
    return safety.sane_date(value)[0]


# ---------------------------------------------------------------- row isolation

def _connection_lost(conn: psycopg.Connection) -> bool:
    return conn.closed or conn.broken


def quarantine_article(conn: psycopg.Connection, run_id: str, article_id: int, step: str, detail: str,
                       status: str = "quarantined") -> None:
    """Record a failure ON the article: its status, a quarantine row with the reason, its candidates held.

    Used when one article trips a step (a bug, an input no rule foresaw): it stops here, visibly,
    and the rest of the batch goes on. `eventwire quarantine retry` re-codes it after a fix.
    """
    reason = [{"expectation": f"{step}_error", "column": None, "detail": detail}]
    with conn.transaction():
        row = conn.execute(
            "UPDATE eventwire.articles SET status = %s, last_run_id = %s, updated_at = now(),"
            " fetch_error = CASE WHEN %s = 'fetch_failed' THEN %s ELSE fetch_error END"
            " WHERE article_id = %s RETURNING url",
            (status, run_id, status, detail, article_id),
        ).fetchone()
        conn.execute(
            "UPDATE eventwire.event_candidates SET status = 'quarantined',"
            " reasons = coalesce(reasons, '[]'::jsonb) || %s::jsonb"
            " WHERE article_id = %s AND status IN ('pending', 'valid', 'rejected')",
            (json.dumps(reason), article_id),
        )
        load.quarantine_rows(conn, run_id, "article", [{
            "row_key": f"article:{article_id}", "article_id": article_id,
            "payload": {"url": row and row[0], "step": step}, "reasons": reason}])
    log.warning("article %s quarantined at %s: %s", article_id, step, detail)


def _isolated(conn: psycopg.Connection, run_id: str, article_id: int, step: str, exc: Exception) -> None:
    """After `exc` in one article's step: re-raise if the database is gone, else quarantine the article."""
    if _connection_lost(conn):
        raise exc
    log.exception("%s failed on article %s", step, article_id)
    quarantine_article(conn, run_id, article_id, step, safety.describe_error(exc))


# ---------------------------------------------------------------- run log

# pg_advisory_lock(RUN_LOCK, hashtext(run_id)) is held by the session of a run outside Airflow for as
# long as it lives, so the next run can tell a live run from one whose process died (kill -9, crash).
RUN_LOCK = 4242011
# statuses an article waits in for the next step; every run takes what waits, oldest first
WAITING = ("new", "fetched", "cleaned", "extracted", "validated")
# at most this many batches of waiting articles per Airflow cycle (the mapped-task limit is 1024)
MAX_BATCHES_PER_CYCLE = 40


def start_run(conn: psycopg.Connection, run_id: str, runner: str = "cli") -> None:
    """Open the run log. A run outside Airflow takes its liveness lock first (see RUN_LOCK)."""
    if runner != "airflow" and not conn.execute(
            "SELECT pg_try_advisory_lock(%s, hashtext(%s))", (RUN_LOCK, run_id)).fetchone()[0]:
        log.warning("run %s: another session holds its liveness lock (the same run id started twice?)", run_id)
    conn.execute(
        "INSERT INTO eventwire.runs (run_id, runner) VALUES (%s, %s)"
        " ON CONFLICT (run_id) DO UPDATE SET status = 'running', finished_at = NULL, error = NULL",
        (run_id, runner),
    )


def timed_stage(conn: psycopg.Connection, run_id: str, stage: str, articles_in: int, work, part: str = ""):
    """Run one stage's work, log what it did ("eventwire stage NAME: N articles in, M out, wall, CPU") and
    keep the same figures in eventwire.run_stages (analytics.run_stages); returns (result, figures).

    `part` tells a mapped stage's batches apart; a retried task records its part again, replacing it.
    A list result counts as the articles passed on (a list of batches by their articles)."""
    started, cpu = time.monotonic(), time.process_time()
    out = work()
    count = None
    if isinstance(out, list):
        count = sum(len(b) for b in out) if out and isinstance(out[0], list) else len(out)
    figures = {"articles_in": articles_in, "articles_out": count,
               "seconds": round(time.monotonic() - started, 3), "cpu_seconds": round(time.process_time() - cpu, 3)}
    log.info("eventwire stage %s: %d articles in, %s out, %.2f s, %.2f s CPU", stage, articles_in,
             "-" if count is None else count, figures["seconds"], figures["cpu_seconds"])
    try:
        conn.execute(
            "INSERT INTO eventwire.run_stages (run_id, stage, part, articles_in, articles_out, seconds, cpu_seconds)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s) ON CONFLICT (run_id, stage, part) DO UPDATE SET"
            " articles_in = EXCLUDED.articles_in, articles_out = EXCLUDED.articles_out, seconds = EXCLUDED.seconds,"
            " cpu_seconds = EXCLUDED.cpu_seconds, recorded_at = now()",
            (run_id, stage, part, articles_in, count, figures["seconds"], figures["cpu_seconds"]))
    except psycopg.Error as exc:  # the figures are a report: never the reason a stage's work is lost
        if _connection_lost(conn):
            raise
        log.warning("run %s: could not record stage %s: %s", run_id, stage, safety.describe_error(exc))
    return out, figures


def record_task_failure(conn: psycopg.Connection, run_id: str, task: str, error: str) -> None:
    """Note on the run that one of its tasks failed for good, so `finish_run` cannot call it a success."""
    conn.execute("UPDATE eventwire.runs SET error = concat_ws('; ', error, %s::text) WHERE run_id = %s",
                 (safety.clean_str(f"task {task} failed: {error}", 1000), run_id))


def _release_run_lock(conn: psycopg.Connection, run_id: str) -> None:
    """Release every hold this session has on the run's liveness lock (none: nothing happens)."""
    held = conn.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()"
                        " AND classid = %s AND objid = hashtext(%s)::oid AND objsubid = 2 AND granted",
                        (RUN_LOCK, run_id)).fetchone()[0]
    if held:
        conn.execute("SELECT pg_advisory_unlock(%s, hashtext(%s))", (RUN_LOCK, run_id))


def close_abandoned_runs(conn: psycopg.Connection, run_id: str, runner: str) -> list[str]:
    """Close, as `abandoned` with their counts, the runs left `running` by a process that died.

    A run outside Airflow is dead when nobody holds its liveness lock; an Airflow ingest run is dead
    when another one starts (the DAG allows one active run). Their waiting articles are then free
    for this run to take (`claim_waiting`).
    """
    closed = []
    for other, other_runner in conn.execute(
            "SELECT run_id, runner FROM eventwire.runs WHERE status = 'running' AND run_id <> %s ORDER BY started_at",
            (run_id,)).fetchall():
        if other_runner == "airflow":
            if runner != "airflow":
                continue  # a scheduler may be running it right now: not ours to judge
        elif not conn.execute("SELECT pg_try_advisory_lock(%s, hashtext(%s))", (RUN_LOCK, other)).fetchone()[0]:
            continue  # its process holds the lock: alive
        summary = finish_run(conn, other, error=f"abandoned: its process died; run {run_id} took over its waiting rows",
                             status="abandoned")
        if other_runner != "airflow":
            _release_run_lock(conn, other)
        log.warning("run %s was left running by a dead process: closed as abandoned (%s)", other,
                    {k: summary[k] for k in ("articles_in", "articles_loaded", "articles_quarantined")})
        closed.append(other)
    return closed


def claim_waiting(conn: psycopg.Connection, run_id: str, limit: int, exclude: list[int] | tuple = (),
                  stored_until: datetime | None = None) -> list[int]:
    """Take up to `limit` articles waiting in any step's input status, oldest first, for this run.

    Articles of another live run stay with it; those of finished, failed or abandoned runs (and of
    this run) are taken, so nothing a dead run left half-way waits forever. `exclude`: ids this run
    already tried (an article that stays waiting after its turn is not retried in a loop).
    `stored_until`: only articles stored by then (an event-driven run takes what its events
    announced; what a later event announced is left for the run that event starts, so none runs empty).
    """
    rows = conn.execute(
        """
        UPDATE eventwire.articles SET last_run_id = %(run)s, first_run_id = coalesce(first_run_id, %(run)s)
        WHERE article_id IN (
            SELECT a.article_id FROM eventwire.articles a
            WHERE a.status = ANY(%(waiting)s) AND NOT (a.article_id = ANY(%(exclude)s))
              AND (%(until)s::timestamptz IS NULL OR a.created_at <= %(until)s::timestamptz)
              AND (a.last_run_id IS NULL OR a.last_run_id = %(run)s OR NOT EXISTS (
                   SELECT 1 FROM eventwire.runs r WHERE r.run_id = a.last_run_id AND r.status = 'running'))
            ORDER BY a.article_id LIMIT %(limit)s FOR UPDATE SKIP LOCKED)
        RETURNING article_id
        """,
        {"run": run_id, "waiting": list(WAITING), "exclude": list(exclude), "limit": limit, "until": stored_until},
    ).fetchall()
    return sorted(r[0] for r in rows)


def finish_run(conn: psycopg.Connection, run_id: str, error: str | None = None, status: str | None = None) -> dict:
    """Close the run and record what came in and where it went: in = loaded + quarantined."""
    articles = conn.execute(
        """
        SELECT count(*),
               count(*) FILTER (WHERE status IN ('loaded', 'duplicate')),
               count(*) FILTER (WHERE status IN ('quarantined', 'fetch_failed')),
               count(*) FILTER (WHERE http_status IS NOT NULL AND fetch_error IS NULL),
               count(*) FILTER (WHERE fetch_error IS NOT NULL)
        FROM eventwire.articles WHERE last_run_id = %s
        """,
        (run_id,),
    ).fetchone()
    events = conn.execute(
        "SELECT count(*), count(*) FILTER (WHERE status = 'loaded'), count(*) FILTER (WHERE status = 'quarantined')"
        " FROM eventwire.event_candidates WHERE run_id = %s",
        (run_id,),
    ).fetchone()
    counts = (*articles, *events)
    names = ["articles_in", "articles_loaded", "articles_quarantined", "pages_fetched",
             "pages_failed", "events_in", "events_loaded", "events_quarantined"]
    summary = dict(zip(names, counts))
    recorded = conn.execute("SELECT error, runner FROM eventwire.runs WHERE run_id = %s", (run_id,)).fetchone()
    if recorded and recorded[0] and not error:
        error = recorded[0]  # a task failed (record_task_failure): the run is not a success
    unaccounted = (summary["articles_in"] - summary["articles_loaded"] - summary["articles_quarantined"]
                   + summary["events_in"] - summary["events_loaded"] - summary["events_quarantined"])
    status = status or ("failed" if error or unaccounted else "success")
    if unaccounted and not error:
        error = f"{unaccounted} rows neither loaded nor quarantined"
    conn.execute(
        """
        UPDATE eventwire.runs SET finished_at = now(), status = %(status)s, error = %(error)s,
            articles_in = %(articles_in)s, articles_loaded = %(articles_loaded)s,
            articles_quarantined = %(articles_quarantined)s, pages_fetched = %(pages_fetched)s,
            pages_failed = %(pages_failed)s, events_in = %(events_in)s,
            events_loaded = %(events_loaded)s, events_quarantined = %(events_quarantined)s
        WHERE run_id = %(run_id)s
        """,
        dict(summary, status=status, error=error, run_id=run_id),
    )
    if status != "abandoned" and recorded and recorded[1] != "airflow":
        _release_run_lock(conn, run_id)
    return dict(summary, status=status, error=error)


# ---------------------------------------------------------------- fetch

def sync_feeds(conn: psycopg.Connection, feed_list: list[dict]) -> int:
    """Make eventwire.feeds match the configured list (name, url, enabled, interval, alert_after_minutes).

    Feeds in the table that the list disables or does not name any more are disabled, and their open
    feed alerts resolved; naming a feed again enables it."""
    from pipeline.fetch import feeds as feedmod
    for feed in feed_list:
        conn.execute(
            """
            INSERT INTO eventwire.feeds (name, url, enabled, interval_seconds, alert_after_minutes)
            VALUES (%(name)s, %(url)s, %(enabled)s, %(interval_seconds)s, %(alert_after_minutes)s)
            ON CONFLICT (url) DO UPDATE SET name = EXCLUDED.name, enabled = EXCLUDED.enabled,
                interval_seconds = EXCLUDED.interval_seconds, alert_after_minutes = EXCLUDED.alert_after_minutes,
                -- a shortened interval takes effect now rather than once the old one has run out;
                -- a feed in backoff keeps its later next_poll_at
                next_poll_at = CASE WHEN EXCLUDED.interval_seconds < eventwire.feeds.interval_seconds
                                      AND eventwire.feeds.consecutive_failures = 0
                    THEN least(eventwire.feeds.next_poll_at, coalesce(eventwire.feeds.last_polled_at, now())
                               + make_interval(secs => EXCLUDED.interval_seconds))
                    ELSE eventwire.feeds.next_poll_at END
            """,
            {"name": feed.get("name") or feed["url"], "url": feed["url"],
             "enabled": feed.get("enabled", True), "interval_seconds": feedmod.interval_seconds(feed, feed["url"]),
             "alert_after_minutes": int(feed.get("alert_after_minutes") or feedmod.DEFAULT_ALERT_AFTER_MINUTES)},
        )
    # the list is the truth: a feed it disables or no longer names is not polled, and its alerts close
    listed = [feed["url"] for feed in feed_list if feed.get("enabled", True)]
    dropped = conn.execute(
        "UPDATE eventwire.feeds SET enabled = false WHERE enabled AND NOT (url = ANY(%s)) RETURNING name",
        (listed,)).fetchall()
    off = [name for (name,) in conn.execute("SELECT name FROM eventwire.feeds WHERE NOT enabled")]
    conn.execute("UPDATE eventwire.alerts SET resolved_at = now() WHERE resolved_at IS NULL"
                 " AND kind IN ('feed_silent', 'feed_failing') AND subject = ANY(%s)", (off,))
    if dropped:
        log.info("feeds disabled (not enabled in the feed list): %s", ", ".join(n for (n,) in dropped))
    return len(feed_list)


def wait_for_due_feed(conn: psycopg.Connection, max_wait: float, poll_every: float = 1.0) -> float:
    """Sleep until an enabled feed is due, for at most `max_wait` seconds; return the seconds waited.

    Without it a continuous DAG whose feeds are all waiting out their interval runs empty cycles
    back to back (a few seconds of work every few seconds). The due time is read again every
    `poll_every` seconds, so a feed made due meanwhile (a new feed, an operator's UPDATE) ends the wait.
    """
    started = time.monotonic()
    while True:
        left = conn.execute(
            "SELECT extract(epoch FROM min(next_poll_at) - clock_timestamp())::float8 FROM eventwire.feeds WHERE enabled"
        ).fetchone()[0]
        waited = time.monotonic() - started
        if left is None or left <= 0 or waited >= max_wait:
            if waited >= 1:
                log.info("waited %.1f s for a feed to be due", waited)
            return waited
        time.sleep(max(0.05, min(left, poll_every, max_wait - waited)))


def poll_feeds(conn: psycopg.Connection, settings: Settings, run_id: str, force: bool = False) -> list[int]:
    """Poll every enabled feed that is due; insert new items as articles; return their ids."""
    outcome = _poll_due_feeds(conn, settings, run_id, force)
    record_polls(conn, run_id, outcome)
    return outcome["new_ids"]


def record_polls(conn: psycopg.Connection, run_id: str, counts: dict) -> None:
    """Add feed-poll counts (feeds_polled, feeds_failed, items_seen, articles_new) to the run's log."""
    conn.execute(
        "UPDATE eventwire.runs SET feeds_polled = feeds_polled + %s, feeds_failed = feeds_failed + %s,"
        " items_seen = items_seen + %s, articles_new = articles_new + %s WHERE run_id = %s",
        (int(counts.get("feeds_polled") or 0), int(counts.get("feeds_failed") or 0),
         int(counts.get("items_seen") or 0), int(counts.get("articles_new") or len(counts.get("new_ids") or ())),
         run_id),
    )


def poll_due(conn: psycopg.Connection, settings: Settings) -> dict:
    """One round of the event-driven watch (the Airflow triggerer calls it between sleeps).

    Polls the feeds that are due (conditional GET; per-feed interval, backoff after failures) and
    inserts their new items as articles waiting for no run in particular: the next run claims them.
    Returns the counts, the number of articles waiting unclaimed (new or left by a dead run) and the
    seconds until the next feed is due (None: no enabled feed).
    """
    outcome = _poll_due_feeds(conn, settings, None, False)
    waiting, next_in = conn.execute(
        """
        SELECT (SELECT count(*) FROM eventwire.articles a WHERE a.status = ANY(%s) AND NOT EXISTS (
                    SELECT 1 FROM eventwire.runs r WHERE r.run_id = a.last_run_id AND r.status = 'running')),
               (SELECT extract(epoch FROM min(next_poll_at) - clock_timestamp())::float8
                FROM eventwire.feeds WHERE enabled)
        """, (list(WAITING),)).fetchone()
    outcome.update(articles_new=len(outcome["new_ids"]), waiting=waiting,
                   next_poll_in=None if next_in is None else max(0.0, next_in))
    return outcome


def _poll_due_feeds(conn: psycopg.Connection, settings: Settings, run_id: str | None, force: bool) -> dict:
    """Poll the due feeds (all enabled ones with `force`); new items become articles of `run_id` (None:
    of no run yet). Returns new_ids, feeds_polled, feeds_failed, items_seen."""
    from pipeline.fetch import feeds as feedmod
    from pipeline.fetch import http
    due = conn.execute(
        "SELECT feed_id, name, url, etag, last_modified, interval_seconds, consecutive_failures"
        " FROM eventwire.feeds WHERE enabled AND (%s OR next_poll_at <= now()) ORDER BY feed_id",
        (force,),
    ).fetchall()
    new_ids: list[int] = []
    polled = failed = seen = 0
    # a configured feed's own origin is allowed by the operator's choice (a feed on a private host);
    # its items' links are checked like any other
    with http.make_client(settings, allow=_feed_origins(conn)) as client:
        for feed_id, name, url, etag, modified, interval, failures in due:
            started = time.monotonic()
            polled += 1
            try:
                result = feedmod.poll_feed(client, url, etag=etag, modified=modified)
                if result.status == "failed":
                    failed += 1
                    _feed_failed(conn, feed_id, interval, failures, result.error)
                    log.warning("feed %s failed: %s", redact_url(name), redact_url(result.error))
                    continue
                seen += len(result.items)
                fresh, refused = _insert_items(conn, feed_id, name, result.items, run_id)
            except Exception as exc:  # a bug or an input no rule foresaw: this feed fails, the others go on
                if _connection_lost(conn):
                    raise
                failed += 1
                error = f"internal error: {safety.describe_error(exc)}"
                log.exception("feed %s", redact_url(name))
                _feed_failed(conn, feed_id, interval, failures, error)
                alerts.raise_alert(conn, "feed_failing", name, f"{redact_url(url)}: {error}")
                continue
            new_ids.extend(fresh)
            conn.execute(
                "UPDATE eventwire.feeds SET last_polled_at = now(), last_success_at = now(), consecutive_failures = 0,"
                " last_error = %s, etag = coalesce(%s, etag), last_modified = coalesce(%s, last_modified),"
                " last_new_item_at = CASE WHEN %s THEN now() ELSE last_new_item_at END,"
                " next_poll_at = now() + make_interval(secs => interval_seconds) WHERE feed_id = %s",
                (f"{refused} items could not be stored (see the log)" if refused else None,
                 safety.clean_str(result.etag, 1000), safety.clean_str(result.modified, 1000), bool(fresh), feed_id),
            )
            # the feed watch polls every few seconds: an unchanged feed is not worth an INFO line each time
            log.log(logging.INFO if fresh or result.status != "not_modified" else logging.DEBUG,
                    "feed %s: %s, %d items, %d new, %.2fs", redact_url(name), result.status, len(result.items),
                    len(fresh), time.monotonic() - started)
    return {"new_ids": new_ids, "feeds_polled": polled, "feeds_failed": failed, "items_seen": seen}


def feed_verdicts(conn: psycopg.Connection, overdue_grace_seconds: float | None = None) -> list[dict]:
    """Each enabled feed's state for an operator: name, problem (None when fine) and the facts behind it.

    A problem is: its last poll failed (`failing`, with the count in a row and the error), it is past
    its `alert_after_minutes` without a new item (`silent`), or its next poll is more than
    max(interval, `overdue_grace_seconds`) in the past (`overdue`: nothing is polling, e.g. the
    triggerer is down or the ingest DAG paused). The effective interval (backoff included) is shown.
    The grace is the health page's (health.OVERDUE_GRACE_SECONDS), so the two never disagree.
    """
    from pipeline.health import OVERDUE_GRACE_SECONDS

    grace = OVERDUE_GRACE_SECONDS if overdue_grace_seconds is None else overdue_grace_seconds
    rows = conn.execute(
        """
        SELECT name, consecutive_failures, last_error, interval_seconds, alert_after_minutes,
               extract(epoch FROM clock_timestamp() - next_poll_at)::float8 AS late_seconds,
               extract(epoch FROM clock_timestamp() - coalesce(last_new_item_at, last_success_at, last_polled_at))::float8 / 60
                   AS quiet_minutes,
               extract(epoch FROM next_poll_at - last_polled_at)::float8 AS effective_interval
        FROM eventwire.feeds WHERE enabled ORDER BY name
        """).fetchall()
    out = []
    for name, failures, error, interval, alert_after, late, quiet, effective in rows:
        if failures:
            problem = f"failing: {failures} failed polls in a row, last: {error}"
        elif late is not None and late > max(interval, grace):
            problem = f"overdue: its poll was due {late:.0f} s ago (is the triggerer running, the ingest DAG on?)"
        elif quiet is not None and quiet > alert_after:
            problem = f"silent: no new item for {quiet:.0f} min (expected within {alert_after} min)"
        else:
            problem = None
        out.append({"name": name, "problem": problem, "consecutive_failures": failures,
                    "interval_seconds": interval, "effective_interval_seconds": effective,
                    "late_seconds": late, "quiet_minutes": quiet})
    return out


def _feed_origins(conn: psycopg.Connection) -> list[str]:
    """host:port of every enabled feed: the addresses the operator chose, allowed past the address guard."""
    from pipeline.fetch.guard import origin

    return sorted({o for (url,) in conn.execute("SELECT url FROM eventwire.feeds WHERE enabled") if (o := origin(url))})


def _feed_failed(conn: psycopg.Connection, feed_id: int, interval: int, failures: int, error: str | None) -> None:
    """A failed poll: count it, keep the reason, back off (the interval doubled per failure, up to a day)."""
    backoff = min(interval * 2 ** (failures + 1), 24 * 3600)
    conn.execute(
        "UPDATE eventwire.feeds SET last_polled_at = now(), consecutive_failures = consecutive_failures + 1,"
        " last_error = %s, next_poll_at = now() + make_interval(secs => %s) WHERE feed_id = %s",
        (safety.clean_str(error, 1000), backoff, feed_id),
    )


_INSERT_ITEMS = """
    INSERT INTO eventwire.articles (url, feed_id, guid, source, feed_title, feed_published, notes,
                                    first_run_id, last_run_id)
    SELECT i.url, %(feed)s, i.guid, i.source, i.title, i.published,
           (SELECT array_agg(n) FROM jsonb_array_elements_text(i.notes) n), %(run)s, %(run)s
    FROM unnest(%(url)s::text[], %(guid)s::text[], %(source)s::text[], %(title)s::text[], %(published)s::date[],
                %(notes)s::jsonb[]) WITH ORDINALITY AS i (url, guid, source, title, published, notes, ord)
    ORDER BY i.ord
    ON CONFLICT ((eventwire.url_key(url))) DO NOTHING RETURNING article_id
"""


def _insert_items(conn: psycopg.Connection, feed_id: int, name: str, items: list, run_id: str | None) -> tuple[list[int], int]:
    """Insert a feed's items as new articles; return (new ids, items that could not be stored).

    One statement per feed (a 10,000-item feed must not cost 10,000 round trips); if the database
    refuses it, item by item, so one item no rule foresaw costs only itself.
    """
    from pipeline.fetch import pages
    if not items:  # (a 304 has none)
        return [], 0
    params = [(pages.canonical_url(item.url), item.guid, item.source or name, item.title, _as_date(item.published),
               Jsonb(list(item.notes)) if item.notes else None) for item in items]

    def store(rows: list[tuple]) -> list[int]:
        with conn.transaction():
            url, guid, source, title, published, notes = map(list, zip(*rows))
            got = conn.execute(_INSERT_ITEMS, {"feed": feed_id, "run": run_id, "url": url, "guid": guid,
                                               "source": source, "title": title, "published": published,
                                               "notes": notes}).fetchall()
        return sorted(r[0] for r in got)

    try:
        return store(params), 0
    except psycopg.Error:
        if _connection_lost(conn):
            raise
        log.warning("feed %s: inserting its items together failed; inserting them one by one", redact_url(name))
    fresh, refused = [], 0
    for row in params:
        try:
            fresh.extend(store([row]))
        except psycopg.Error as exc:
            if _connection_lost(conn):
                raise
            refused += 1
            log.warning("feed %s: item %s not stored: %s", redact_url(name), redact_url(row[0])[:200], safety.describe_error(exc))
    return fresh, refused


def batches(ids: list[int], size: int) -> list[list[int]]:
    return [ids[i:i + size] for i in range(0, len(ids), size)]


def host_batches(conn: psycopg.Connection, ids: list[int], size: int) -> list[list[int]]:
    """Batches of at most `size` articles, each from one host, biggest hosts first.

    One mapped fetch task then talks to one host, so the per-host limits inside a task hold across
    the parallel tasks too (a host with more than `size` new articles gets several batches).
    """
    rows = conn.execute(
        "SELECT article_id, lower(substring(url from '^[a-z]+://([^/]+)')) FROM eventwire.articles"
        " WHERE article_id = ANY(%s) ORDER BY article_id", (ids,)
    ).fetchall()
    by_host: dict[str, list[int]] = {}
    for article_id, host in rows:
        by_host.setdefault(host or "", []).append(article_id)
    out = []
    for host_ids in sorted(by_host.values(), key=len, reverse=True):
        out.extend(batches(host_ids, size))
    return out


# pages held in memory before their HTML is written (one statement per flush)
FETCH_FLUSH_PAGES = 200


def fetch_batch(conn: psycopg.Connection, settings: Settings, ids: list[int], run_id: str) -> list[int]:
    """Download each article's page; keep the raw HTML gzipped; failures are quarantined with the reason.

    Pages and failures are written a statement per kind for up to FETCH_FLUSH_PAGES pages, not one
    per page; a write that fails falls back to page by page, the page that fails again quarantined.
    """
    from pipeline.fetch import crawl
    from pipeline.fetch import http
    from pipeline.fetch import pages
    rows = conn.execute(
        "SELECT article_id, url FROM eventwire.articles WHERE article_id = ANY(%s) AND status = 'new'"
        " ORDER BY article_id", (ids,)
    ).fetchall()
    ok: list[int] = []
    urls = dict(rows)
    started = time.monotonic()
    # an address no one should fetch (too long, unparseable) is refused here, with the reason
    refused = {article_id: safety.url_problem(url) for article_id, url in rows}
    _each_or_all(conn, run_id, "fetch", [_failure(article_id, urls[article_id], None, f"refused: {reason}")
                                         for article_id, reason in refused.items() if reason],
                 lambda part: _fetches_failed(conn, run_id, part))
    rows = [(article_id, url) for article_id, url in rows if not refused[article_id]]
    fetched: list[dict] = []
    failed: list[dict] = []

    def flush() -> None:
        _each_or_all(conn, run_id, "fetch", failed, lambda part: _fetches_failed(conn, run_id, part))
        ok.extend(_each_or_all(conn, run_id, "fetch", fetched, lambda part: _store_pages(conn, part, run_id)))
        fetched.clear()
        failed.clear()

    with http.make_client(settings, allow=_feed_origins(conn)) as client:
        # pages download on worker threads (robots.txt, per-host limits); the writes stay on this one
        for article_id, page in crawl.fetch_pages(client, rows, settings):
            url = urls[article_id]
            try:
                if page.error or not page.html:
                    failed.append(_failure(article_id, url, page.status_code, page.error or "empty body"))
                    continue
                final_url = page.final_url if page.final_url and len(page.final_url) <= safety.MAX_URL_LENGTH else url
                fetched.append({"article_id": article_id, "http_status": page.status_code, "final_url": final_url,
                                "canonical_url": pages.page_canonical_url(page.html, final_url),
                                "raw_html_gz": gzip.compress(page.html.encode("utf-8", errors="replace"))})
            except Exception as exc:
                _isolated(conn, run_id, article_id, "fetch", exc)
            if len(fetched) + len(failed) >= FETCH_FLUSH_PAGES:
                flush()
    flush()
    log.info("fetched %d of %d pages in %.1fs", len(ok), len(rows), time.monotonic() - started)
    return sorted(ok)


def _store_pages(conn: psycopg.Connection, items: list[dict], run_id: str) -> dict[int, bool]:
    """The fetched pages' HTML and addresses, status 'fetched': one statement for all of them."""
    conn.execute(
        "UPDATE eventwire.articles a SET status = 'fetched', http_status = t.http_status, final_url = t.final_url,"
        " canonical_url = t.canonical_url, raw_html_gz = t.raw_html_gz, fetched_at = now(), updated_at = now(),"
        " last_run_id = %s"
        " FROM unnest(%s::bigint[], %s::integer[], %s::text[], %s::text[], %s::bytea[])"
        " AS t(article_id, http_status, final_url, canonical_url, raw_html_gz) WHERE a.article_id = t.article_id",
        (run_id, *_columns(items, "article_id", "http_status", "final_url", "canonical_url", "raw_html_gz")),
    )
    return {item["article_id"]: True for item in items}


def _fetch_failed(conn: psycopg.Connection, run_id: str, article_id: int, url: str, status_code: int | None,
                  reason: str) -> None:
    """A page that could not be had: status fetch_failed and a quarantine row with the reason."""
    _fetches_failed(conn, run_id, [_failure(article_id, url, status_code, reason)])


def _failure(article_id: int, url: str, status_code: int | None, reason: str) -> dict:
    return {"article_id": article_id, "url": url, "status_code": status_code, "reason": reason}


def _fetches_failed(conn: psycopg.Connection, run_id: str, items: list[dict]) -> dict:
    """_fetch_failed for several pages (`_failure` dicts): one transaction, two statements."""
    failures = [(i["article_id"], i["url"], i["status_code"], safety.clean_str(redact_url(i["reason"]), 1000))
                for i in items]
    with conn.transaction():
        conn.execute(
            "UPDATE eventwire.articles a SET status = 'fetch_failed', http_status = t.http_status,"
            " fetch_error = t.reason, fetched_at = now(), updated_at = now(), last_run_id = %s"
            " FROM unnest(%s::bigint[], %s::integer[], %s::text[]) AS t(article_id, http_status, reason)"
            " WHERE a.article_id = t.article_id",
            (run_id, [f[0] for f in failures], [f[2] for f in failures], [f[3] for f in failures]),
        )
        load.quarantine_rows(conn, run_id, "article", [{
            "row_key": f"article:{article_id}", "article_id": article_id,
            "payload": {"url": url[:safety.MAX_URL_LENGTH], "status_code": status_code},
            "reasons": [{"expectation": "fetch_page", "column": "url", "detail": reason}],
        } for article_id, url, status_code, reason in failures])
    for _, url, _, reason in failures:
        log.warning("fetch %s failed: %s", redact_url(url)[:300], reason)
    return {}


# ---------------------------------------------------------------- clean

def clean_batch(conn: psycopg.Connection, ids: list[int], run_id: str | None = None) -> list[int]:
    """Text and metadata for each fetched page; a repeat of an earlier article becomes 'duplicate'.

    The pages are cleaned one by one in Python (one that fails is quarantined, the others go on);
    the verdicts and texts are written in one transaction of a few statements for the whole batch,
    and if that fails, article by article, so the one that fails again costs only itself.
    An article of the same run that another task cleaned first, with a higher id and not validated
    yet, becomes a duplicate here if it repeats one of this batch's (dedup.check_and_index_batch):
    the verdicts are those of cleaning the run one article at a time in id order, whichever task
    cleans first. Returns the ids that go on to extract (duplicates do not)."""
    rows = conn.execute(
        "SELECT article_id, raw_html_gz, final_url, feed_published, feed_title, canonical_url FROM eventwire.articles"
        " WHERE article_id = ANY(%s) AND status = 'fetched' ORDER BY article_id", (ids,)
    ).fetchall()
    pages_done = []
    for article_id, raw, url, feed_published, feed_title, canonical in rows:
        try:
            pages_done.append(_clean_page(article_id, raw, url, feed_published, feed_title, canonical))
        except Exception as exc:
            _isolated(conn, run_id, article_id, "clean", exc)
    verdicts = _each_or_all(conn, run_id, "clean", pages_done, lambda part: _store_cleaned(conn, part, run_id))
    duplicates = sorted(article_id for article_id, original in verdicts.items() if original)
    mine = {page["article_id"] for page in pages_done}
    for article_id in duplicates:
        original = verdicts[article_id]
        log.info("article %s duplicates %s (%s, %.2f)%s", article_id, original.original_id, original.kind,
                 original.similarity, "" if article_id in mine else "; cleaned earlier by another task, revised")
    if duplicates:
        with conn.transaction():  # an original may be loaded already: count each copy as a report of it
            load.attach_duplicates(conn, run_id, duplicate_ids=duplicates)
    log.info("cleaned %d articles, %d of them duplicates; %d articles of other batches revised to duplicates",
             len(rows), len(mine.intersection(duplicates)), len(set(duplicates) - mine))
    return sorted(article_id for article_id, original in verdicts.items() if not original and article_id in mine)


def _each_or_all(conn: psycopg.Connection, run_id: str | None, step: str, items: list[dict], store) -> dict:
    """`store(items)` in one go; if that fails (not the connection), `store([item])` item by item, an
    item that fails again quarantined with its reason. Returns the merged dicts `store` returned."""
    if not items:
        return {}
    try:
        return store(items)
    except Exception as exc:
        if _connection_lost(conn):
            raise
        log.warning("%s: writing the batch together failed (%s); writing its articles one by one", step,
                    safety.describe_error(exc))
    merged: dict = {}
    for item in items:
        try:
            merged.update(store([item]))
        except Exception as exc:
            _isolated(conn, run_id, item["article_id"], step, exc)
    return merged


def _clean_page(article_id: int, raw: bytes, url: str | None, feed_published, feed_title: str | None,
                canonical: str | None) -> dict:
    """One fetched page cleaned in Python: the article's new column values (no database work)."""
    from pipeline import clean
    from pipeline.clean import dedup
    from pipeline.fetch import pages
    html = gzip.decompress(raw).decode("utf-8", errors="replace")
    doc = clean.clean_html(html, url=url)
    # impossible characters (NUL...) never reach a text column; titles and names are capped
    text = safety.strip_impossible(doc.get("text") or "")
    published, note = safety.sane_date(doc.get("published"))
    return {"article_id": article_id, "canonical": canonical, "text": text,
            "content_hash": pages.content_hash(text) if text else None, "signature": dedup.minhash(text),
            "title": safety.clean_str(doc.get("title"), safety.MAX_FIELD_LENGTH) or feed_title,
            "author": safety.clean_str(doc.get("author"), safety.MAX_NAME_LENGTH),
            "published": published or feed_published, "language": safety.clean_str(doc.get("language"), 20),
            "note": note}


def _columns(items: list[dict], *names: str) -> list[list]:
    """The items' values as one list per name: the arrays an `unnest(...)` statement takes."""
    return [[item[name] for item in items] for name in names]


def _store_cleaned(conn: psycopg.Connection, items: list[dict], run_id: str | None) -> dict:
    """Dedup verdicts and cleaned columns of these articles: one transaction, five statements (more
    when the batch revises articles of other batches: their verdicts are returned too)."""
    from pipeline.clean import dedup
    with conn.transaction():
        verdicts = dedup.check_and_index_batch(conn, [
            dedup.Cleaned(i["article_id"], i["canonical"], i["content_hash"], i["signature"]) for i in items], run_id)
        found = [verdicts[i["article_id"]] for i in items]
        conn.execute(
            """
            UPDATE eventwire.articles a SET status = t.status, title = t.title, author = t.author,
                published = t.published, language = t.language, text = t.text, content_hash = t.content_hash,
                duplicate_of = t.duplicate_of, duplicate_kind = t.duplicate_kind,
                duplicate_similarity = t.duplicate_similarity, cleaned_at = now(), updated_at = now(),
                last_run_id = %s,
                notes = CASE WHEN t.note IS NULL THEN a.notes ELSE array_append(a.notes, t.note) END
            FROM unnest(%s::bigint[], %s::text[], %s::text[], %s::text[], %s::date[], %s::text[], %s::text[],
                        %s::text[], %s::bigint[], %s::text[], %s::real[], %s::text[])
                 AS t(article_id, status, title, author, published, language, text, content_hash,
                      duplicate_of, duplicate_kind, duplicate_similarity, note)
            WHERE a.article_id = t.article_id
            """,
            (run_id, *_columns(items, "article_id"), ["duplicate" if o else "cleaned" for o in found],
             *_columns(items, "title", "author", "published", "language", "text", "content_hash"),
             [o and o.original_id for o in found], [o and o.kind for o in found],
             [o and o.similarity for o in found], *_columns(items, "note")),
        )
    return verdicts


# ---------------------------------------------------------------- extract

def extract_batch(conn: psycopg.Connection, ids: list[int], run_id: str, budget_seconds: float | None = None) -> list[int]:
    """Code events from each cleaned article; they wait in event_candidates for validation.

    An article whose extraction runs past `budget_seconds` (default: the extract_budget_seconds
    setting) is quarantined with the reason instead, and the batch goes on.
    """
    from pipeline import extract
    from pipeline.extract.places import admin2_of
    if budget_seconds is None:
        budget_seconds = Settings.from_env().extract_budget_seconds
    rows = conn.execute(
        # No publication date anywhere: the day we first saw the article bounds it (news is found fresh).
        "SELECT article_id, text, coalesce(published, feed_published, created_at::date), title FROM eventwire.articles"
        " WHERE article_id = ANY(%s) AND status = 'cleaned' ORDER BY article_id", (ids,)
    ).fetchall()
    extracted, over_budget = [], 0
    for article_id, text, published, title in rows:
        try:
            records = extract.extract_events(text or "", published.isoformat() if published else None, title,
                                             budget_seconds=budget_seconds) if text else []
            for record in records:      # the district, for the database (the CLI record has no admin2)
                location = record.get("location") or {}
                location["admin2"] = admin2_of(location.get("geonameid"))
            extracted.append({"article_id": article_id,
                              "payloads": [json.dumps(safety.clean_json(record)) for record in records]})
        except extract.ExtractionBudgetExceeded as exc:
            over_budget += 1
            _quarantine_over_budget(conn, run_id, article_id, exc)
        except Exception as exc:
            _isolated(conn, run_id, article_id, "extract", exc)
    stored = _each_or_all(conn, run_id, "extract", extracted, lambda part: _store_candidates(conn, part, run_id))
    done = sorted(stored)
    total = sum(stored.values())
    log.info("extracted %d events from %d articles%s", total, len(done),
             f"; {over_budget} quarantined over the time budget" if over_budget else "")
    return done


def _store_candidates(conn: psycopg.Connection, items: list[dict], run_id: str) -> dict[int, int]:
    """The articles' new candidates (replacing their unvalidated ones) and status 'extracted': one
    transaction, three statements. Returns {article_id: candidates stored}.

    Only for articles still 'cleaned' (rows locked first): one that a concurrent clean task made a
    duplicate while it was being extracted (dedup.check_and_index_batch) gets nothing."""
    from pipeline import extract
    with conn.transaction():
        # lock the rows in id order (as the clean task's revision does) and clear the old candidates
        # of those still cleaned, in one statement
        still = {r[0] for r in conn.execute(
            "WITH still AS (SELECT article_id FROM eventwire.articles WHERE article_id = ANY(%s) AND status = 'cleaned'"
            "               ORDER BY article_id FOR UPDATE),"
            " cleared AS (DELETE FROM eventwire.event_candidates c USING still WHERE c.article_id = still.article_id"
            "             AND c.status IN ('pending', 'valid', 'rejected'))"
            " SELECT article_id FROM still", ([item["article_id"] for item in items],))}
        for item in items:
            if item["article_id"] not in still:
                log.info("article %s became a duplicate while it was extracted: its events are not kept",
                         item["article_id"])
        items = [item for item in items if item["article_id"] in still]
        if not items:
            return {}
        ids = [item["article_id"] for item in items]
        rows = [(item["article_id"], ordinal, payload) for item in items
                for ordinal, payload in enumerate(item["payloads"])]
        if rows:
            conn.execute(
                "INSERT INTO eventwire.event_candidates (article_id, ordinal, run_id, payload)"
                " SELECT t.article_id, t.ordinal, %s, t.payload::jsonb"
                " FROM unnest(%s::bigint[], %s::integer[], %s::text[]) AS t(article_id, ordinal, payload)"
                " ON CONFLICT (article_id, ordinal) DO UPDATE SET payload = EXCLUDED.payload, run_id = EXCLUDED.run_id,"
                " status = 'pending', reasons = NULL",
                (run_id, *map(list, zip(*rows))),
            )
        conn.execute(
            "UPDATE eventwire.articles SET status = 'extracted', extractor_version = %s, extracted_at = now(),"
            " updated_at = now(), last_run_id = %s WHERE article_id = ANY(%s)",
            (extract.EXTRACTOR_VERSION, run_id, ids),
        )
    return {item["article_id"]: len(item["payloads"]) for item in items}


def _quarantine_over_budget(conn: psycopg.Connection, run_id: str, article_id: int,
                            exc: Exception) -> None:
    """An article whose extraction ran out of time: no candidates, status quarantined, the reason kept."""
    from pipeline import extract
    with conn.transaction():
        if not conn.execute("SELECT 1 FROM eventwire.articles WHERE article_id = %s AND status = 'cleaned' FOR UPDATE",
                            (article_id,)).fetchone():
            log.info("article %s became a duplicate while it was extracted: not quarantined", article_id)
            return
        conn.execute("DELETE FROM eventwire.event_candidates WHERE article_id = %s AND status IN ('pending', 'valid', 'rejected')",
                     (article_id,))
        payload = conn.execute(
            "SELECT url, title, published::text, length(text) AS text_length FROM eventwire.articles WHERE article_id = %s",
            (article_id,),
        ).fetchone()
        load.quarantine_rows(conn, run_id, "article", [{
            "row_key": f"article:{article_id}", "article_id": article_id,
            "payload": dict(zip(["url", "title", "published", "text_length"], payload)),
            "reasons": [{"expectation": "extract_time_budget", "column": "text", "detail": str(exc)}],
        }])
        conn.execute(
            "UPDATE eventwire.articles SET status = 'quarantined', extractor_version = %s, extracted_at = now(),"
            " updated_at = now() WHERE article_id = %s", (extract.EXTRACTOR_VERSION, article_id),
        )
    log.warning("article %s quarantined: %s", article_id, exc)


# ---------------------------------------------------------------- validate

def validate_batch(conn: psycopg.Connection, ids: list[int], run_id: str, data_docs_dir=None, *,
                   run_name: str | None = None) -> list[int]:
    """Run the article and event suites over these articles (meant to be a whole cycle's: GX costs
    mostly per run, not per row); mark each row valid or rejected with its failed expectations.

    One GX run per suite, verdicts written with a few set-based statements. If that fails for a
    reason other than a lost connection, the articles are validated again in halves, down to the
    one that fails, which is quarantined. With `data_docs_dir` the validations are added to the
    offline Data Docs there (`validate.docs`) once, under `run_name` (default: `run_id`).
    """
    from pipeline.validate import docs as validation_docs
    arts = conn.execute(
        "SELECT article_id AS id, url, title, text, published, language, source FROM eventwire.articles"
        " WHERE article_id = ANY(%s) AND status = 'extracted' ORDER BY article_id", (ids,)
    ).fetchall()
    if not arts:
        return []
    names = ["id", "url", "title", "text", "published", "language", "source"]
    article_rows = [dict(zip(names, a)) for a in arts]
    results: list = []
    done = _validate_in_halves(conn, article_rows, run_id, results)
    if data_docs_dir is not None and results:
        validation_docs.publish_or_warn(data_docs_dir, run_name or run_id, results)
    return done


def _validate_in_halves(conn: psycopg.Connection, article_rows: list[dict], run_id: str, results: list) -> list[int]:
    try:
        results.extend(_validate_rows(conn, article_rows, run_id))
        return [a["id"] for a in article_rows]
    except Exception as exc:
        if _connection_lost(conn):
            raise
        if len(article_rows) == 1:
            _isolated(conn, run_id, article_rows[0]["id"], "validate", exc)
            return []
        log.warning("validating %d articles together failed (%s); validating them in halves",
                    len(article_rows), safety.describe_error(exc))
    half = len(article_rows) // 2
    return (_validate_in_halves(conn, article_rows[:half], run_id, results)
            + _validate_in_halves(conn, article_rows[half:], run_id, results))


def _validate_rows(conn: psycopg.Connection, article_rows: list[dict], run_id: str) -> list:
    """The suites over these articles and their pending candidates; verdicts written in one transaction.
    Returns the two `ValidationResult`s (for the Data Docs)."""
    from pipeline.validate import suite as validate
    from pipeline.validate import articles as article_checks
    from pipeline.validate import events as event_checks
    art_result = article_checks.validate_articles(article_rows)
    bad_articles = {r["row"]["id"]: r["reasons"] for r in art_result.rejected}

    cands = conn.execute(
        "SELECT candidate_id, article_id, payload FROM eventwire.event_candidates"
        " WHERE article_id = ANY(%s) AND status = 'pending' ORDER BY candidate_id",
        ([a["id"] for a in article_rows],),
    ).fetchall()
    rows = []
    too_long: dict[int, list] = {}
    for candidate_id, article_id, payload in cands:
        row = validate.flatten_event(payload, article_id)
        row["candidate_id"] = candidate_id
        # a name no index can hold (a 5,000-letter "village") is refused here, with the reason
        problems = safety.name_problems(row)
        if problems:
            too_long[candidate_id] = problems
            continue
        rows.append(row)
    texts = {a["id"]: a["text"] or "" for a in article_rows}
    published = {a["id"]: a["published"] for a in article_rows}
    ev_result = event_checks.validate_events(rows, texts, published)
    verdicts: dict[int, list | None] = {r["candidate_id"]: None for r in ev_result.valid}
    for rej in ev_result.rejected:
        verdicts[rej["row"]["candidate_id"]] = rej["reasons"]
    verdicts.update(too_long)

    def as_json(reasons):
        return json.dumps(reasons, default=str) if reasons else None

    with conn.transaction():
        if verdicts:
            conn.execute(
                "UPDATE eventwire.event_candidates c SET status = v.status, reasons = v.reasons::jsonb"
                " FROM unnest(%s::bigint[], %s::text[], %s::text[]) AS v(candidate_id, status, reasons)"
                " WHERE c.candidate_id = v.candidate_id",
                (list(verdicts), ["rejected" if r else "valid" for r in verdicts.values()],
                 [as_json(r) for r in verdicts.values()]),
            )
        conn.execute(
            "UPDATE eventwire.articles a SET status = 'validated', validation_reasons = v.reasons::jsonb,"
            " updated_at = now(), last_run_id = %s"
            " FROM unnest(%s::bigint[], %s::text[]) AS v(article_id, reasons) WHERE a.article_id = v.article_id",
            (run_id, [a["id"] for a in article_rows], [as_json(bad_articles.get(a["id"])) for a in article_rows]),
        )
        if bad_articles:
            # An article that fails its suite takes its events down with it.
            conn.execute(
                "UPDATE eventwire.event_candidates SET status = 'rejected',"
                " reasons = coalesce(reasons, '[]'::jsonb) || %s::jsonb"
                " WHERE article_id = ANY(%s) AND status IN ('valid', 'rejected')",
                (json.dumps([{"expectation": "article_failed_validation", "column": "article_id",
                              "detail": "the article failed its own suite"}]), list(bad_articles)),
            )
    for warning in ev_result.stats.get("warnings", []):
        log.warning("batch check: %s", warning)
    log.info("validated %d articles (%d rejected), %d events (%d rejected)", len(article_rows),
             len(bad_articles), len(rows) + len(too_long), len(ev_result.rejected) + len(too_long))
    return [art_result, ev_result]


# ---------------------------------------------------------------- load

def load_batch(conn: psycopg.Connection, ids: list[int], run_id: str) -> dict:
    """COPY + upsert the valid events, quarantine the rest; one transaction for the whole batch.

    If the batch's transaction fails for a reason other than a lost connection (a row no check
    foresaw), it is rolled back and each article is loaded on its own: the one that fails again is
    quarantined with the reason, the others load.
    """
    try:
        return _load_articles(conn, ids, run_id)
    except Exception as exc:
        if _connection_lost(conn):
            raise
        log.warning("loading the batch together failed (%s); loading its articles one by one",
                    safety.describe_error(exc))
    waiting = [r[0] for r in conn.execute(
        "SELECT article_id FROM eventwire.articles WHERE article_id = ANY(%s) AND status = 'validated'"
        " ORDER BY article_id", (ids,))]
    total: dict = {}
    for article_id in waiting:
        try:
            part = _load_articles(conn, [article_id], run_id)
        except Exception as exc:
            _isolated(conn, run_id, article_id, "load", exc)
            part = {"articles_quarantined": 1}
        for key, value in part.items():
            total[key] = total.get(key, 0) + value
    return total or dict(asdict(load.LoadStats()), articles_quarantined=0)


def _load_articles(conn: psycopg.Connection, ids: list[int], run_id: str) -> dict:
    from pipeline.validate import suite as validate
    with conn.transaction():
        found = conn.execute(
            "SELECT article_id, validation_reasons FROM eventwire.articles WHERE article_id = ANY(%s)"
            " AND status = 'validated' ORDER BY article_id FOR UPDATE", (ids,)
        ).fetchall()
        if not found:
            return asdict(load.LoadStats())
        arts = [article_id for article_id, _ in found]
        bad_articles = {article_id: reasons for article_id, reasons in found if reasons}
        cands = conn.execute(
            "SELECT candidate_id, article_id, payload, status, reasons FROM eventwire.event_candidates"
            " WHERE article_id = ANY(%s) AND status IN ('valid', 'rejected') ORDER BY candidate_id",
            (arts,),
        ).fetchall()
        valid_rows, rejected = [], []
        for candidate_id, article_id, payload, status, reasons in cands:
            if status == "valid":
                row = validate.flatten_event(payload, article_id)
                row["candidate_id"] = candidate_id
                valid_rows.append(row)
            else:
                rejected.append({"row_key": f"event:{article_id}:{candidate_id}", "article_id": article_id,
                                 "payload": payload, "reasons": reasons or []})
        stats = load.load_events(conn, run_id, valid_rows)
        stats.quarantined = load.quarantine_rows(conn, run_id, "event", rejected)
        stats.mentions_inserted += load.attach_duplicates(conn, run_id, original_ids=arts)
        payloads = {row[0]: dict(zip(["url", "title", "published", "text_length"], row[1:])) for row in conn.execute(
            "SELECT article_id, url, title, published::text, length(text) AS text_length FROM eventwire.articles"
            " WHERE article_id = ANY(%s)", (list(bad_articles),))} if bad_articles else {}
        load.quarantine_rows(conn, run_id, "article", [
            {"row_key": f"article:{article_id}", "article_id": article_id, "payload": payloads[article_id],
             "reasons": reasons} for article_id, reasons in bad_articles.items()])
        conn.execute(
            "UPDATE eventwire.event_candidates SET status = CASE status WHEN 'valid' THEN 'loaded' ELSE 'quarantined' END"
            " WHERE article_id = ANY(%s) AND status IN ('valid', 'rejected')", (arts,),
        )
        conn.execute(
            "UPDATE eventwire.articles SET status = CASE WHEN article_id = ANY(%s) THEN 'quarantined' ELSE 'loaded' END,"
            " updated_at = now(), last_run_id = %s WHERE article_id = ANY(%s)", (list(bad_articles), run_id, arts),
        )
    result = asdict(stats)
    result["articles_quarantined"] = len(bad_articles)
    log.info("loaded batch: %s", result)
    return result


# ---------------------------------------------------------------- whole run, no Airflow

def run_all(conn: psycopg.Connection, settings: Settings, run_id: str, feed_list: list[dict],
            force: bool = False, progress=None) -> dict:
    """The whole pipeline in this process, step by step (what the DAG does with one task per step).

    After polling, it takes every article waiting in any step (this run's new ones and whatever a
    killed or failed run left), oldest first, a batch at a time through fetch, clean and extract;
    then validates them all in one go and loads them a batch at a time. Ctrl-C: the article in hand is rolled back, the run is closed as
    failed ("interrupted") and KeyboardInterrupt goes on up; the next run resumes.
    """
    start_run(conn, run_id, runner="cli")
    try:
        close_abandoned_runs(conn, run_id, "cli")
        sync_feeds(conn, feed_list)
        poll_feeds(conn, settings, run_id, force=force)
        waiting = conn.execute("SELECT count(*) FROM eventwire.articles WHERE status = ANY(%s)",
                               (list(WAITING),)).fetchone()[0]
        parts = -(-waiting // max(1, settings.batch_size))
        tried: list[int] = []
        n = 0
        while batch := claim_waiting(conn, run_id, settings.batch_size, tried):
            tried.extend(batch)
            n += 1
            part = str(n)
            timed_stage(conn, run_id, "fetch", len(batch), lambda: fetch_batch(conn, settings, batch, run_id), part)
            timed_stage(conn, run_id, "clean", len(batch), lambda: clean_batch(conn, batch, run_id), part)
            timed_stage(conn, run_id, "extract", len(batch),
                        lambda: extract_batch(conn, batch, run_id, settings.extract_budget_seconds), part)
            if progress:
                progress(n, max(n, parts))
        # one validation for the whole cycle, as in the DAG: Great Expectations costs per run, not per row
        timed_stage(conn, run_id, "validate", len(tried),
                    lambda: validate_batch(conn, tried, run_id, settings.data_dir / "data_docs"))
        for n, batch in enumerate(batches(tried, settings.batch_size), 1):
            timed_stage(conn, run_id, "load", len(batch), lambda: load_batch(conn, batch, run_id), str(n))
    except KeyboardInterrupt:
        _close_interrupted(conn, run_id)
        raise
    except Exception as exc:
        finish_run(conn, run_id, error=f"{type(exc).__name__}: {safety.redact_url(str(exc))}")
        raise
    return finish_run(conn, run_id)


def _close_interrupted(conn: psycopg.Connection, run_id: str) -> None:
    """After Ctrl-C: the open transaction (one article or one load batch) is rolled back; close the run."""
    try:
        if conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
            conn.rollback()
        finish_run(conn, run_id, error="interrupted (Ctrl-C); the next run resumes its waiting articles")
    except Exception:  # the connection may be mid-cancel; the next run closes this one as abandoned
        log.warning("could not close interrupted run %s; the next run will", run_id)
