"""Re-running stored articles through clean → extract → validate → load with the current code.

Used after an extractor or dictionary change (`eventwire reprocess --since`) and to release fixed
rows from quarantine (`eventwire quarantine retry`): nothing is refetched that was fetched, events
are revised in place (kept, merged or soft-deleted) and nothing is loaded twice.
"""

from __future__ import annotations

import json
from datetime import date

import psycopg

from pipeline import steps
from pipeline.load import postgres as load
from pipeline.config import Settings


def withdraw(conn: psycopg.Connection, article_ids: list[int], run_id: str) -> dict:
    """Take back what these articles contributed, in one transaction, so they can be coded afresh.

    Their mentions go (events stay live meanwhile, so the new extraction re-attaches to them and
    their ids survive; `retire_orphans` soft-deletes what nothing supports afterwards); their open
    quarantine rows are released (rows that still fail come back).
    """
    with conn.transaction():
        affected = [r[0] for r in conn.execute(
            "SELECT DISTINCT event_id FROM eventwire.event_mentions WHERE article_id = ANY(%s)", (article_ids,))]
        conn.execute("DELETE FROM eventwire.event_mentions WHERE article_id = ANY(%s)", (article_ids,))
        conn.execute("DELETE FROM eventwire.mention_sources WHERE article_id = ANY(%s)", (article_ids,))
        load.refresh_counts(conn, affected)
        conn.execute("DELETE FROM eventwire.event_candidates WHERE article_id = ANY(%s)", (article_ids,))
        released = conn.execute(
            "UPDATE eventwire.quarantine SET released_at = now() WHERE article_id = ANY(%s) AND released_at IS NULL",
            (article_ids,),
        ).rowcount
        conn.execute(
            "UPDATE eventwire.articles SET status = CASE WHEN raw_html_gz IS NULL THEN 'new' ELSE 'fetched' END,"
            " fetch_error = CASE WHEN raw_html_gz IS NULL THEN NULL ELSE fetch_error END,"
            " validation_reasons = NULL, last_run_id = %s, updated_at = now() WHERE article_id = ANY(%s)",
            (run_id, article_ids),
        )
    return {"events_touched": affected, "quarantine_released": released}


def retire_orphans(conn: psycopg.Connection, event_ids: list[int], reason: str) -> int:
    """Soft-delete events that no mention supports any more (they show in analytics.deletions)."""
    return conn.execute(
        "UPDATE eventwire.events SET deleted_at = now(), deletion_reason = %s, updated_at = now()"
        " WHERE event_id = ANY(%s) AND deleted_at IS NULL"
        " AND NOT EXISTS (SELECT 1 FROM eventwire.event_mentions m WHERE m.event_id = events.event_id)",
        (reason, event_ids),
    ).rowcount


def reprocess(conn: psycopg.Connection, settings: Settings, run_id: str, *, since: date | None = None,
              article_ids: list[int] | None = None, progress=None) -> dict:
    """Re-code the chosen articles (published on/after `since`, or the given ids) and revise the events."""
    if article_ids is None:
        if since is None:
            raise ValueError("reprocess needs --since DATE or article ids")
        article_ids = [r[0] for r in conn.execute(
            "SELECT article_id FROM eventwire.articles WHERE coalesce(published, feed_published, created_at::date) >= %s"
            " ORDER BY article_id", (since,))]
    steps.start_run(conn, run_id, runner="reprocess")
    totals = {"articles": len(article_ids), "events_touched": 0, "quarantine_released": 0, "events_deleted": 0}
    try:
        parts = steps.batches(article_ids, settings.batch_size)
        for n, batch in enumerate(parts, 1):
            before = _snapshot(conn, batch)
            undone = withdraw(conn, batch, run_id)
            totals["quarantine_released"] += undone["quarantine_released"]
            fetched = steps.fetch_batch(conn, settings, batch, run_id)  # only those never fetched
            stored = [r[0] for r in conn.execute(
                "SELECT article_id FROM eventwire.articles WHERE article_id = ANY(%s) AND status = 'fetched'", (batch,))]
            cleaned = steps.clean_batch(conn, sorted(set(fetched) | set(stored)), run_id)
            extracted = steps.extract_batch(conn, cleaned, run_id, settings.extract_budget_seconds)
            validated = steps.validate_batch(conn, extracted, run_id)
            steps.load_batch(conn, validated, run_id)
            totals["events_deleted"] += retire_orphans(conn, undone["events_touched"],
                                                       f"no article supports it after reprocessing in {run_id}")
            totals["events_touched"] += _keep_unchanged(conn, batch, before)
            if progress:
                progress(n, len(parts))
        conn.execute("UPDATE eventwire.runs SET articles_reprocessed = %s WHERE run_id = %s", (len(article_ids), run_id))
    except Exception as exc:
        steps.finish_run(conn, run_id, error=f"{type(exc).__name__}: {exc}")
        raise
    return dict(totals, **steps.finish_run(conn, run_id))


def _snapshot(conn: psycopg.Connection, article_ids: list[int]) -> dict:
    """The events and mentions these articles support, as they are before reprocessing."""
    mentions = {(r[0], r[1]): (r[2], r[3], r[4]) for r in conn.execute(
        "SELECT event_id, article_id, to_jsonb(m) - 'first_seen_at' - 'run_id', first_seen_at, run_id"
        " FROM eventwire.event_mentions m WHERE article_id = ANY(%s)", (article_ids,))}
    events = {r[0]: (r[1], r[2]) for r in conn.execute(
        "SELECT event_id, to_jsonb(e) - 'updated_at', updated_at FROM eventwire.events e WHERE event_id = ANY(%s)",
        (sorted({event_id for event_id, _ in mentions}),))}
    return {"mentions": mentions, "events": events}


def _keep_unchanged(conn: psycopg.Connection, article_ids: list[int], before: dict) -> int:
    """Give back their old timestamps to the mentions and events reprocessing left as they were;
    return how many events really changed (revised, withdrawn or new), so the count means something."""
    with conn.transaction():
        for (event_id, article_id), (old, first_seen, old_run) in before["mentions"].items():
            conn.execute(
                "UPDATE eventwire.event_mentions m SET first_seen_at = %s, run_id = %s"
                " WHERE event_id = %s AND article_id = %s AND to_jsonb(m) - 'first_seen_at' - 'run_id' = %s::jsonb",
                (first_seen, old_run, event_id, article_id, json.dumps(old)))
        now_ids = {r[0] for r in conn.execute(
            "SELECT DISTINCT event_id FROM eventwire.event_mentions WHERE article_id = ANY(%s)", (article_ids,))}
        revised = 0
        for event_id in sorted(now_ids | set(before["events"])):
            old = before["events"].get(event_id)
            kept = old is not None and conn.execute(
                "UPDATE eventwire.events e SET updated_at = %s WHERE event_id = %s"
                " AND to_jsonb(e) - 'updated_at' = %s::jsonb", (old[1], event_id, json.dumps(old[0]))).rowcount
            revised += 0 if kept else 1
    return revised


def list_quarantine(conn: psycopg.Connection, kind: str | None = None, include_released: bool = False,
                    limit: int = 50) -> list[dict]:
    rows = conn.execute(
        """
        SELECT q.quarantine_id, q.kind, q.article_id, a.url, q.run_id, q.created_at, q.released_at, q.reasons
        FROM eventwire.quarantine q LEFT JOIN eventwire.articles a USING (article_id)
        WHERE (%(kind)s::text IS NULL OR q.kind = %(kind)s) AND (%(all)s OR q.released_at IS NULL)
        ORDER BY q.quarantine_id DESC LIMIT %(limit)s
        """,
        {"kind": kind, "all": include_released, "limit": limit},
    ).fetchall()
    names = ["quarantine_id", "kind", "article_id", "url", "run_id", "created_at", "released_at", "reasons"]
    return [dict(zip(names, r)) for r in rows]


def retry_quarantine(conn: psycopg.Connection, settings: Settings, run_id: str,
                     quarantine_ids: list[int] | None = None, kind: str | None = None) -> dict:
    """Re-validate quarantined rows after a fix: their articles are re-coded; what now passes loads."""
    article_ids = [r[0] for r in conn.execute(
        "SELECT DISTINCT article_id FROM eventwire.quarantine WHERE released_at IS NULL AND article_id IS NOT NULL"
        " AND (%(ids)s::bigint[] IS NULL OR quarantine_id = ANY(%(ids)s)) AND (%(kind)s::text IS NULL OR kind = %(kind)s)",
        {"ids": quarantine_ids, "kind": kind},
    )]
    if not article_ids:
        return {"articles": 0, "still_quarantined": 0, "released": 0}
    result = reprocess(conn, settings, run_id, article_ids=sorted(article_ids))
    still = conn.execute(
        "SELECT count(*) FROM eventwire.quarantine WHERE article_id = ANY(%s) AND released_at IS NULL", (article_ids,)
    ).fetchone()[0]
    return dict(result, still_quarantined=still, released=result["quarantine_released"] - still)


def format_reasons(reasons) -> str:
    if isinstance(reasons, str):
        reasons = json.loads(reasons)
    return "; ".join(f"{r.get('expectation')}{'(' + r['column'] + ')' if r.get('column') else ''}: {r.get('detail', '')}"
                     for r in reasons or [])
