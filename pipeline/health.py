"""What an operator needs at a glance, read from the analytics views: totals, feed health, recent runs
with their throughput, quarantine by reason, newest events. The Airflow plugin (as JSON and as the
"eventwire health" page rendered by `render_html`) and `eventwire summary` both show it."""

from __future__ import annotations

import html
from datetime import datetime

import psycopg
from psycopg.rows import dict_row


def health_report(conn: psycopg.Connection, runs: int = 10, events: int = 10, top_expectations: int = 5) -> dict:
    cur = conn.cursor(row_factory=dict_row)
    totals = cur.execute(
        "SELECT (SELECT count(*) FROM analytics.events) AS events_total,"
        " (SELECT count(*) FROM analytics.event_mentions) AS mentions_total,"
        " (SELECT count(*) FROM eventwire.articles) AS articles_total,"
        " (SELECT count(*) FROM eventwire.quarantine WHERE released_at IS NULL) AS quarantined_total,"
        " (SELECT count(*) FROM eventwire.feeds WHERE enabled) AS feeds_enabled,"
        " (SELECT count(*) FROM eventwire.runs) AS runs_total"
    ).fetchone()
    feeds = cur.execute(
        "SELECT name, url, enabled, interval_seconds, last_polled_at, last_success_at, last_new_item_at,"
        " consecutive_failures, last_error, next_poll_at, articles FROM analytics.feed_health ORDER BY name"
    ).fetchall()
    recent = cur.execute(
        "SELECT run_id, status, runner, started_at, finished_at,"
        " extract(epoch FROM finished_at - started_at)::float8 AS seconds, articles_new, articles_in, articles_loaded,"
        " articles_quarantined, events_in, events_loaded, events_quarantined, error"
        " FROM analytics.runs ORDER BY started_at DESC LIMIT %s", (runs,)
    ).fetchall()
    for run in recent:
        secs = run["seconds"]
        run["articles_per_second"] = round(run["articles_in"] / secs, 3) if secs else None
        run["events_per_second"] = round(run["events_in"] / secs, 3) if secs else None
    quarantine = cur.execute(
        "SELECT kind, expectation, column_name, rows, last_seen FROM analytics.quarantine_summary"
        " ORDER BY rows DESC, kind, expectation"
    ).fetchall()
    by_kind = cur.execute(
        "SELECT kind, count(*) AS rows FROM eventwire.quarantine WHERE released_at IS NULL GROUP BY kind ORDER BY kind"
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
        "totals": totals,
        "feeds": feeds,
        "failing_feeds": [f["name"] for f in feeds if f["consecutive_failures"]],
        "runs": recent,
        "runs_with_missing_rows": unaccounted,
        "quarantine": quarantine,
        "quarantine_by_kind": {r["kind"]: r["rows"] for r in by_kind},
        "top_expectations": quarantine[:top_expectations],
        "newest_events": newest,
    }


# --- the HTML page -------------------------------------------------------------------------------

_STYLE = """
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #1a1a1a; }
h1 { font-size: 1.4rem; margin: 0 0 .25rem } h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem }
.muted { color: #666 } .bad { color: #b00020; font-weight: 600 } .ok { color: #1b5e20 }
dl.totals { display: flex; gap: 2rem; margin: 1rem 0 } dl.totals div { min-width: 7rem }
dl.totals dt { color: #666; font-size: .8rem; text-transform: uppercase } dl.totals dd { margin: 0; font-size: 1.6rem }
table { border-collapse: collapse; margin-bottom: .5rem } th, td { padding: .25rem .6rem; border-bottom: 1px solid #ddd; text-align: left }
th { background: #f4f4f4 } td.num { text-align: right; font-variant-numeric: tabular-nums }
"""


def _fmt(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S %Z").strip()
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def _cell(value, *, num: bool = False, attrs: str = "") -> str:
    cls = ' class="num"' if num else ""
    return f"<td{cls}{attrs}>{html.escape(_fmt(value))}</td>"


def _table(table_id: str, headers: list[str], rows: list[str], empty: str) -> str:
    if not rows:
        return f'<p id="{table_id}" class="muted" data-empty="true">{html.escape(empty)}</p>'
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    return f'<table id="{table_id}"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def _every(seconds: int) -> str:
    if seconds % 3600 == 0:
        return f"{seconds // 3600} h"
    if seconds % 60 == 0:
        return f"{seconds // 60} min"
    return f"{seconds} s"


def render_html(report: dict, *, data_docs: dict[str, str] | None = None, json_url: str = "health",
                generated_at: datetime | None = None) -> str:
    """The "eventwire health" page: plain server-rendered HTML; every number carries `data-metric`
    (totals) or sits in a row with `data-*` keys, so tests and scrapers can read it back."""
    t = report["totals"]
    total_items = [("events_total", "events"), ("articles_total", "articles"), ("mentions_total", "mentions"),
                   ("quarantined_total", "quarantined rows"), ("feeds_enabled", "feeds enabled"), ("runs_total", "runs")]
    totals = "".join(f'<div><dt>{label}</dt><dd data-metric="{key}">{t[key]}</dd></div>' for key, label in total_items)

    feed_rows = []
    for f in report["feeds"]:
        state = '<span class="bad">failing</span>' if f["consecutive_failures"] else (
            '<span class="ok">ok</span>' if f["last_success_at"] else '<span class="muted">not polled yet</span>')
        feed_rows.append(
            f'<tr data-feed="{html.escape(f["name"])}"><td>{html.escape(f["name"])}<br><span class="muted">'
            f'{html.escape(f["url"])}</span></td><td>{state}</td>'
            + _cell(_every(f["interval_seconds"]), attrs=' data-field="interval"') + _cell(f["last_success_at"]) + _cell(f["last_new_item_at"])
            + _cell(f["consecutive_failures"], num=True, attrs=' data-field="consecutive_failures"')
            + _cell(f["next_poll_at"]) + _cell(f["articles"], num=True) + _cell(f["last_error"]) + "</tr>")

    run_rows = []
    for r in report["runs"]:
        status_cls = {"success": "ok", "failed": "bad"}.get(r["status"], "muted")
        run_rows.append(
            f'<tr data-run="{html.escape(r["run_id"])}" data-status="{html.escape(r["status"])}">'
            f'<td>{html.escape(r["run_id"])}</td><td class="{status_cls}">{html.escape(r["status"])}</td>'
            + _cell(r["started_at"]) + _cell(r["seconds"], num=True, attrs=' data-field="seconds"')
            + _cell(r["articles_in"], num=True, attrs=' data-field="articles_in"')
            + _cell(r["articles_loaded"], num=True) + _cell(r["articles_quarantined"], num=True)
            + _cell(r["events_in"], num=True, attrs=' data-field="events_in"')
            + _cell(r["events_loaded"], num=True, attrs=' data-field="events_loaded"') + _cell(r["events_quarantined"], num=True)
            + _cell(r["events_per_second"], num=True) + _cell(r["error"]) + "</tr>")

    by_kind = report["quarantine_by_kind"]
    kind_line = ", ".join(f'<span data-quarantine-kind="{html.escape(k)}">{n} {html.escape(k)}</span>'
                          for k, n in by_kind.items()) or "nothing held back"
    q_rows = [
        f'<tr data-expectation="{html.escape(q["expectation"] or "")}" data-kind="{html.escape(q["kind"])}">'
        + _cell(q["kind"]) + _cell(q["expectation"]) + _cell(q["column_name"])
        + _cell(q["rows"], num=True, attrs=' data-field="rows"') + _cell(q["last_seen"]) + "</tr>"
        for q in report["quarantine"]]

    ev_rows = [
        f'<tr data-event-id="{e["event_id"]}">' + _cell(e["event_date"]) + _cell(e["sub_event_type"])
        + _cell(e["location"]) + _cell(e["admin1"]) + _cell(e["country"]) + _cell(e["actor1"]) + _cell(e["actor2"])
        + _cell(e["fatalities"], num=True) + _cell(e["num_articles"], num=True) + "</tr>"
        for e in report["newest_events"]]

    alerts = []
    if report["failing_feeds"]:
        alerts.append(f'<p class="bad" id="failing-feeds">failing feeds: {html.escape(", ".join(report["failing_feeds"]))}</p>')
    if report["runs_with_missing_rows"]:
        alerts.append(f'<p class="bad" id="missing-rows">runs with rows neither loaded nor quarantined: '
                      f'{html.escape(", ".join(report["runs_with_missing_rows"]))}</p>')
    if data_docs:
        links = " ".join(f'<a data-docs="{html.escape(label)}" href="{html.escape(url)}">{html.escape(label)}</a>'
                         for label, url in data_docs.items())
        docs = f'<span id="data-docs">Great Expectations Data Docs: {links}</span>'
    else:
        docs = '<span id="data-docs" class="muted">no Great Expectations Data Docs written yet</span>'
    stamp = _fmt(generated_at) if generated_at else ""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>eventwire health</title><style>{_STYLE}</style></head>
<body>
<h1>eventwire health</h1>
<p class="muted">{html.escape(stamp)} · <a href="{html.escape(json_url)}">as JSON</a> · {docs}</p>
{"".join(alerts)}
<dl class="totals" id="totals">{totals}</dl>
<h2>Feeds</h2>
{_table("feeds", ["feed", "state", "polled every", "last success", "last new item", "failures in a row", "next poll", "articles", "last error"], feed_rows, "no feeds configured yet")}
<h2>Last runs</h2>
{_table("runs", ["run", "status", "started", "seconds", "articles in", "loaded", "quarantined", "events in", "loaded", "quarantined", "events/s", "error"], run_rows, "no runs yet")}
<h2>Quarantine</h2>
<p id="quarantine-by-kind">held back: {kind_line}</p>
{_table("quarantine", ["kind", "failed expectation", "column", "rows", "last seen"], q_rows, "no quarantined rows")}
<h2>Newest events</h2>
{_table("newest-events", ["date", "type", "location", "admin1", "country", "actor 1", "actor 2", "fatalities", "articles"], ev_rows, "no events yet")}
</body></html>
"""
