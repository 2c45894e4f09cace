"""What an operator needs at a glance, read from the analytics views: open alerts, each feed's state
(failing, backing off, overdue, silent) with its effective next poll, the runs that did something, quarantine
by reason, newest events with their load time. The Airflow plugin serves it as JSON and as the self-refreshing
"eventwire health" page rendered by `render_html`."""

from __future__ import annotations

import html
from datetime import datetime

import psycopg
from psycopg.rows import dict_row


# A feed more than this past its effective next poll is overdue: the poller is not keeping up or not running.
OVERDUE_GRACE_SECONDS = 60


def feed_state(feed: dict, now: datetime) -> dict:
    """What an operator reads first about a feed: failing, backing off, overdue, silent or ok, and when it
    is really polled next (next_poll_at includes the backoff after failures)."""
    due = feed["next_poll_at"]
    backoff = None
    if feed["consecutive_failures"] and due and feed["last_polled_at"]:
        backoff = max(0, int((due - feed["last_polled_at"]).total_seconds()))
    overdue = None
    if feed["enabled"] and due is not None:
        late = (now - due).total_seconds()
        if late > max(OVERDUE_GRACE_SECONDS, feed["interval_seconds"]):
            overdue = int(late)
    silent = bool(feed.get("silent_alert"))
    if not feed["enabled"]:
        state = "disabled"
    elif feed["consecutive_failures"]:
        state = "failing"
    elif overdue is not None:
        state = "overdue"
    elif silent:
        state = "silent"
    elif feed["last_success_at"]:
        state = "ok"
    else:
        state = "not polled yet"
    return {"state": state, "backoff_seconds": backoff, "overdue_seconds": overdue, "next_poll_at": due}


def health_report(conn: psycopg.Connection, runs: int = 10, events: int = 10, top_expectations: int = 5,
                  idle_runs: int = 200) -> dict:
    cur = conn.cursor(row_factory=dict_row)
    now = cur.execute("SELECT now() AS now").fetchone()["now"]
    totals = cur.execute(
        "SELECT (SELECT count(*) FROM analytics.events) AS events_total,"
        " (SELECT count(*) FROM analytics.event_mentions) AS mentions_total,"
        " (SELECT count(*) FROM eventwire.articles) AS articles_total,"
        " (SELECT count(*) FROM eventwire.quarantine WHERE released_at IS NULL) AS quarantined_total,"
        " (SELECT count(*) FROM eventwire.feeds WHERE enabled) AS feeds_enabled,"
        " (SELECT count(*) FROM eventwire.runs) AS runs_total,"
        " (SELECT count(*) FROM eventwire.alerts WHERE resolved_at IS NULL) AS alerts_open"
    ).fetchone()
    last_loaded = cur.execute(
        "SELECT max(updated_at) AS at FROM eventwire.articles WHERE status = 'loaded'").fetchone()["at"]
    alerts = cur.execute(
        "SELECT kind, subject, message, created_at, last_seen_at, resolved_at FROM analytics.alerts"
        " WHERE resolved_at IS NULL OR resolved_at > now() - interval '1 day'"
        " ORDER BY resolved_at IS NOT NULL, last_seen_at DESC LIMIT 50"
    ).fetchall()
    silent = {a["subject"] for a in alerts if a["kind"] == "feed_silent" and a["resolved_at"] is None}
    feeds = cur.execute(
        "SELECT name, url, enabled, interval_seconds, last_polled_at, last_success_at, last_new_item_at,"
        " consecutive_failures, last_error, next_poll_at, articles FROM analytics.feed_health ORDER BY name"
    ).fetchall()
    for f in feeds:
        f["silent_alert"] = f["name"] in silent
        f.update(feed_state(f, now))
    columns = ("run_id, status, runner, started_at, finished_at,"
               " extract(epoch FROM coalesce(finished_at, now()) - started_at)::float8 AS seconds, articles_new,"
               " articles_in, articles_loaded, articles_quarantined, events_in, events_loaded, events_quarantined, error")
    # Runs that did something (or failed, or are running) first; a run that found nothing is only counted.
    busy = ("articles_new > 0 OR articles_in > 0 OR events_in > 0 OR status <> 'success' OR error IS NOT NULL")
    recent = cur.execute(
        f"SELECT {columns} FROM analytics.runs WHERE {busy} ORDER BY started_at DESC LIMIT %s", (runs,)
    ).fetchall()
    idle = cur.execute(
        f"SELECT count(*) AS runs, max(started_at) AS last_started_at FROM (SELECT * FROM analytics.runs"
        f" ORDER BY started_at DESC LIMIT %s) r WHERE NOT ({busy})", (idle_runs,)
    ).fetchone()
    stages: dict[str, list[dict]] = {}
    for row in cur.execute(
            "SELECT run_id, stage, tasks, articles_in, seconds, cpu_seconds FROM analytics.run_stages"
            " WHERE run_id = ANY(%s) ORDER BY run_id, finished_at", ([r["run_id"] for r in recent],)):
        stages.setdefault(row.pop("run_id"), []).append(row)
    for run in recent:
        run["stages"] = stages.get(run["run_id"], [])
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
                   if r["status"] not in ("running", "queued") and (
                       r["articles_in"] != r["articles_loaded"] + r["articles_quarantined"]
                       or r["events_in"] != r["events_loaded"] + r["events_quarantined"])]
    return {
        "now": now,
        "totals": totals,
        "last_article_loaded_at": last_loaded,
        "alerts": alerts,
        "feeds": feeds,
        "failing_feeds": [f["name"] for f in feeds if f["consecutive_failures"]],
        "late_feeds": [f["name"] for f in feeds if f["state"] in ("overdue", "silent")],
        "runs": recent,
        "idle_runs": idle,
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
.muted { color: #666 } .bad { color: #b00020; font-weight: 600 } .ok { color: #1b5e20 } .warn { color: #a15c00; font-weight: 600 }
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


def _span(seconds: float) -> str:
    seconds = abs(int(seconds))
    if seconds < 90:
        return f"{seconds} s"
    if seconds < 90 * 60:
        return f"{round(seconds / 60)} min"
    if seconds < 36 * 3600:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86400:.1f} d"


def relative(value, now: datetime | None) -> str:
    """'3 min ago' or 'in 40 s' against the database's clock (so the page and the rows agree)."""
    if value is None:
        return "—"
    if now is None or not isinstance(value, datetime):
        return _fmt(value)
    delta = (value - now).total_seconds()
    if abs(delta) < 1:
        return "now"
    return f"in {_span(delta)}" if delta > 0 else f"{_span(delta)} ago"


def _when(value, now, *, attrs: str = "", cls: str = "") -> str:
    """A time cell: relative text, the absolute time as a tooltip and in data-at for scrapers."""
    if value is None:
        return f"<td{attrs}>—</td>"
    absolute = html.escape(_fmt(value))
    klass = f' class="{cls}"' if cls else ""
    return (f'<td{attrs}{klass}><time datetime="{html.escape(value.isoformat())}" title="{absolute}">'
            f"{html.escape(relative(value, now))}</time></td>")


_STATE_CLASS = {"failing": "bad", "overdue": "bad", "silent": "warn", "ok": "ok", "disabled": "muted",
                "not polled yet": "muted"}


def render_html(report: dict, *, data_docs: dict[str, str] | None = None, json_url: str = "health",
                generated_at: datetime | None = None, refresh_seconds: int = 30) -> str:
    """The "eventwire health" page: plain server-rendered HTML that reloads itself every `refresh_seconds`;
    every number carries `data-metric` (totals) or sits in a row with `data-*` keys, so tests and scrapers
    can read it back. Times are relative ("3 min ago"), with the absolute time as the tooltip."""
    now = report.get("now") or generated_at
    t = report["totals"]
    total_items = [("events_total", "events"), ("articles_total", "articles"), ("mentions_total", "mentions"),
                   ("quarantined_total", "quarantined rows"), ("feeds_enabled", "feeds enabled"),
                   ("alerts_open", "open alerts"), ("runs_total", "runs")]
    totals = "".join(f'<div><dt>{label}</dt><dd data-metric="{key}">{t.get(key, 0)}</dd></div>'
                     for key, label in total_items)
    last_loaded = report.get("last_article_loaded_at")
    loaded_line = (f'<p id="last-loaded">last article loaded <time data-metric="last_article_loaded_at" '
                   f'datetime="{html.escape(last_loaded.isoformat())}" title="{html.escape(_fmt(last_loaded))}">'
                   f'{html.escape(relative(last_loaded, now))}</time></p>' if last_loaded else
                   '<p id="last-loaded" class="muted">no article loaded yet</p>')

    alert_rows = []
    for a in report.get("alerts", []):
        open_ = a["resolved_at"] is None
        alert_rows.append(
            f'<tr data-alert-kind="{html.escape(a["kind"])}" data-alert-subject="{html.escape(a["subject"])}"'
            f' data-open="{str(open_).lower()}"><td class="{"bad" if open_ else "muted"}">'
            f'{"open" if open_ else "resolved"}</td>' + _cell(a["kind"]) + _cell(a["subject"]) + _cell(a["message"])
            + _when(a["created_at"], now) + _when(a["last_seen_at"], now) + _when(a["resolved_at"], now) + "</tr>")

    feed_rows = []
    for f in report["feeds"]:
        state = f.get("state") or ("failing" if f["consecutive_failures"] else "ok" if f["last_success_at"]
                                   else "not polled yet")
        label = state
        if state == "failing" and f.get("backoff_seconds"):
            label = f"failing, backing off {_span(f['backoff_seconds'])}"
        elif state == "overdue" and f.get("overdue_seconds") is not None:
            label = f"overdue by {_span(f['overdue_seconds'])}"
        next_cls = "bad" if f.get("overdue_seconds") is not None else ("warn" if f.get("backoff_seconds") else "")
        feed_rows.append(
            f'<tr data-feed="{html.escape(f["name"])}" data-state="{html.escape(state)}"><td>{html.escape(f["name"])}'
            f'<br><span class="muted">{html.escape(f["url"])}</span></td>'
            f'<td class="{_STATE_CLASS.get(state, "")}" data-field="state">{html.escape(label)}</td>'
            + _cell(_every(f["interval_seconds"]), attrs=' data-field="interval"')
            + _when(f.get("next_poll_at"), now, attrs=' data-field="next_poll"', cls=next_cls)
            + _when(f["last_polled_at"], now) + _when(f["last_success_at"], now) + _when(f["last_new_item_at"], now)
            + _cell(f["consecutive_failures"], num=True, attrs=' data-field="consecutive_failures"')
            + _cell(f["articles"], num=True) + _cell(f["last_error"]) + "</tr>")

    run_rows = []
    for r in report["runs"]:
        status_cls = {"success": "ok", "failed": "bad", "abandoned": "bad", "interrupted": "warn"}.get(r["status"], "muted")
        run_rows.append(
            f'<tr data-run="{html.escape(r["run_id"])}" data-status="{html.escape(r["status"])}">'
            f'<td>{html.escape(r["run_id"])}</td><td class="{status_cls}">{html.escape(r["status"])}</td>'
            + _when(r["started_at"], now) + _cell(r["seconds"], num=True, attrs=' data-field="seconds"')
            + _cell(r["articles_in"], num=True, attrs=' data-field="articles_in"')
            + _cell(r["articles_loaded"], num=True) + _cell(r["articles_quarantined"], num=True)
            + _cell(r["events_in"], num=True, attrs=' data-field="events_in"')
            + _cell(r["events_loaded"], num=True, attrs=' data-field="events_loaded"') + _cell(r["events_quarantined"], num=True)
            + _cell(r["events_per_second"], num=True)
            + _cell(" · ".join(f'{s["stage"]} {s["seconds"]:.1f} s' for s in r.get("stages", [])) or None,
                    attrs=' data-field="stages"')
            + _cell(r["error"]) + "</tr>")
    idle = report.get("idle_runs") or {}
    idle_line = (f'<p id="idle-runs" class="muted">and <span data-metric="idle_runs">{idle["runs"]}</span> runs that '
                 f'found nothing new (last {html.escape(relative(idle["last_started_at"], now))})</p>'
                 if idle.get("runs") else "")

    by_kind = report["quarantine_by_kind"]
    kind_line = ", ".join(f'<span data-quarantine-kind="{html.escape(k)}">{n} {html.escape(k)}</span>'
                          for k, n in by_kind.items()) or "nothing held back"
    q_rows = [
        f'<tr data-expectation="{html.escape(q["expectation"] or "")}" data-kind="{html.escape(q["kind"])}">'
        + _cell(q["kind"]) + _cell(q["expectation"]) + _cell(q["column_name"])
        + _cell(q["rows"], num=True, attrs=' data-field="rows"') + _when(q["last_seen"], now) + "</tr>"
        for q in report["quarantine"]]

    ev_rows = [
        f'<tr data-event-id="{e["event_id"]}">' + _cell(e["event_date"]) + _cell(e["sub_event_type"])
        + _cell(e["location"]) + _cell(e["admin1"]) + _cell(e["country"]) + _cell(e["actor1"]) + _cell(e["actor2"])
        + _cell(e["fatalities"], num=True) + _cell(e["num_articles"], num=True)
        + _when(e["first_seen_at"], now, attrs=' data-field="loaded"') + "</tr>"
        for e in report["newest_events"]]

    banners = []
    if report["failing_feeds"]:
        banners.append(f'<p class="bad" id="failing-feeds">failing feeds: {html.escape(", ".join(report["failing_feeds"]))}</p>')
    if report.get("late_feeds"):
        banners.append(f'<p class="bad" id="late-feeds">late or silent feeds: {html.escape(", ".join(report["late_feeds"]))}</p>')
    if report["runs_with_missing_rows"]:
        banners.append(f'<p class="bad" id="missing-rows">runs with rows neither loaded nor quarantined: '
                       f'{html.escape(", ".join(report["runs_with_missing_rows"]))}</p>')
    if data_docs:
        links = " ".join(f'<a data-docs="{html.escape(label)}" href="{html.escape(url)}">{html.escape(label)}</a>'
                         for label, url in data_docs.items())
        docs = f'<span id="data-docs">Great Expectations Data Docs: {links}</span>'
    else:
        docs = '<span id="data-docs" class="muted">no Great Expectations Data Docs written yet</span>'
    stamp = _fmt(generated_at) if generated_at else ""
    refresh = f'<meta http-equiv="refresh" content="{int(refresh_seconds)}">' if refresh_seconds else ""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">{refresh}<title>eventwire health</title><style>{_STYLE}</style></head>
<body>
<h1>eventwire health</h1>
<p class="muted">{html.escape(stamp)} · reloads every {int(refresh_seconds)} s · <a href="{html.escape(json_url)}">as JSON</a> · {docs}</p>
{"".join(banners)}
<dl class="totals" id="totals">{totals}</dl>
{loaded_line}
<h2>Alerts</h2>
{_table("alerts", ["", "kind", "subject", "message", "raised", "last seen", "resolved"], alert_rows, "no alerts in the last day")}
<h2>Feeds</h2>
{_table("feeds", ["feed", "state", "polled every", "next poll", "last poll", "last success", "last new item", "failures in a row", "articles", "last error"], feed_rows, "no feeds configured yet")}
<h2>Runs that did something</h2>
{_table("runs", ["run", "status", "started", "seconds", "articles in", "loaded", "quarantined", "events in", "loaded", "quarantined", "events/s", "stages (wall)", "error"], run_rows, "no runs with work yet")}
{idle_line}
<h2>Quarantine</h2>
<p id="quarantine-by-kind">held back: {kind_line}</p>
{_table("quarantine", ["kind", "failed expectation", "column", "rows", "last seen"], q_rows, "no quarantined rows")}
<h2>Newest events</h2>
{_table("newest-events", ["date", "type", "location", "admin1", "country", "actor 1", "actor 2", "fatalities", "articles", "loaded"], ev_rows, "no events yet")}
</body></html>
"""
