"""Data Docs an operator can open offline: the project's own static pages, rendered from Great
Expectations' validation results. GX's own site loads Bootstrap and jQuery from CDNs and builds its
index with them, so offline it is blank; these pages are plain HTML with inline CSS, no script, and
no link that leaves the folder.

Under the docs folder: `index.html` lists the runs, newest first; `runs/<run>/index.html` shows each
validation of that run (expectations, rejected rows with their reasons, batch warnings); beside it
the JSON the page is rendered from and GX's own result, whose run name is the pipeline's run id.
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
import os
import re
import shutil
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Sequence

log = logging.getLogger(__name__)

INDEX = "index.html"
RUNS = "runs"
RUN_SUMMARY = "run.json"
KEEP_RUNS = 500          # older run folders are deleted when a new run is published
ROWS_SHOWN = 500         # rejected rows listed per validation; the quarantine table holds them all
LABEL_COLUMNS = {
    "eventwire.articles": ("id", "url", "title", "published", "language"),
    "eventwire.events": ("candidate_id", "article_id", "sub_event_type", "event_date", "location_name",
                         "country", "actor1_name"),
}

_STYLE = """
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #1a1a1a; max-width: 90rem }
h1 { font-size: 1.4rem; margin: 0 0 .25rem } h2 { font-size: 1.15rem; margin: 1.75rem 0 .4rem }
h3 { font-size: 1rem; margin: 1rem 0 .3rem }
.muted { color: #666 } .bad { color: #b00020; font-weight: 600 } .ok { color: #1b5e20 } .warn { color: #8a5a00 }
table { border-collapse: collapse; margin-bottom: .5rem } th, td { padding: .2rem .55rem; border-bottom: 1px solid #ddd;
  text-align: left; vertical-align: top } th { background: #f4f4f4 } td.num { text-align: right; font-variant-numeric: tabular-nums }
tr.failed td { background: #fff3f3 } ul.reasons { margin: 0; padding-left: 1.1rem } code { font-size: .9em }
"""


def index_page(docs_dir: Path | str) -> Path | None:
    """The index of the offline Data Docs (what the health page links to), or None before the first run."""
    path = Path(docs_dir) / INDEX
    return path if path.is_file() else None


def links(docs_dir: Path | str) -> dict[str, str]:
    """Label -> path relative to `docs_dir` of the pages worth linking: the index and the newest run."""
    root = Path(docs_dir)
    if index_page(root) is None:
        return {}
    found = {"validations": INDEX}
    runs = _run_summaries(root)
    if runs:
        found["latest run"] = f"{RUNS}/{runs[0]['folder']}/{INDEX}"
    return found


def run_folder(run_name: str) -> str:
    """A file-name-safe folder for a run id (Airflow's contain ':' and '+'), unique per run id."""
    readable = re.sub(r"[^A-Za-z0-9._-]+", "_", run_name).strip("._")[:80] or "run"
    return f"{readable}-{hashlib.sha1(run_name.encode()).hexdigest()[:8]}"


def publish(docs_dir: Path | str, run_name: str | None, results: Sequence, *,
            validated_at: datetime | None = None) -> Path:
    """Add these validation results (`suite.ValidationResult`s of one run) to the Data Docs under
    `docs_dir` and re-render the run's page and the index; returns the index's path.

    GX's result gets the run id as its run name (`meta.run_id`), so the GX JSON written beside the
    page names the run too. Cheap (no template engine): call it once per cycle with all its results.
    """
    from great_expectations.core.run_identifier import RunIdentifier

    root = Path(docs_dir)
    results = [r for r in results if r.run is not None]  # an empty batch validated nothing
    if not results:
        return root / INDEX
    validated_at = validated_at or datetime.now(timezone.utc)
    run_name = run_name or f"adhoc-{validated_at:%Y%m%dT%H%M%SZ}"
    folder = root / RUNS / run_folder(run_name)
    folder.mkdir(parents=True, exist_ok=True)
    summary = _read_json(folder / RUN_SUMMARY) or {"run_name": run_name, "validations": []}
    for result in results:
        suite = result.stats.get("suite", "suite")
        stem = f"{validated_at:%Y%m%dT%H%M%S%f}-{suite}"
        gx_result = result.run.gx_result
        gx_file = None
        if gx_result is not None:
            gx_result.meta["run_id"] = RunIdentifier(run_name=run_name, run_time=validated_at)
            gx_result.meta["validation_time"] = validated_at
            gx_file = f"{stem}.gx.json"
            _write(folder / gx_file, json.dumps(gx_result.to_json_dict(), default=str))
        record = _validation_record(result, run_name, validated_at, gx_file)
        _write(folder / f"{stem}.json", json.dumps(record, default=str))
        summary["validations"].append({k: record[k] for k in (
            "suite", "validated_at", "rows_in", "valid", "rejected", "gx_success", "failed_expectations")}
            | {"file": f"{stem}.json"})
    summary["updated_at"] = validated_at.isoformat()
    _write(folder / RUN_SUMMARY, json.dumps(summary, default=str))
    validations = [_read_json(folder / v["file"]) for v in summary["validations"]]
    _write(folder / INDEX, _run_page(run_name, [v for v in validations if v]))
    runs = _run_summaries(root)
    for old in runs[KEEP_RUNS:]:
        shutil.rmtree(root / RUNS / old["folder"], ignore_errors=True)
    _write(root / INDEX, _index_page(runs[:KEEP_RUNS]))
    return root / INDEX


def publish_or_warn(docs_dir: Path | str, run_name: str | None, results: Sequence) -> str | None:
    """`publish`, as a file URL; a failure is logged and gives None, since Data Docs must never block a load."""
    try:
        return publish(docs_dir, run_name, results).resolve().as_uri()
    except Exception as exc:
        log.warning("could not write the Data Docs in %s: %s", docs_dir, exc)
        return None


# --- what a validation page says -------------------------------------------------------------

def _validation_record(result, run_name: str, validated_at: datetime, gx_file: str | None) -> dict:
    run = result.run
    suite = result.stats.get("suite", "suite")
    expectations = []
    for evr in (run.gx_result.results if run.gx_result is not None else []):
        config = evr.expectation_config
        meta = config.meta or {}
        outcome = evr.result or {}
        exception = evr.exception_info or {}
        expectations.append({
            "type": config.type, "column": meta.get("column"), "detail": meta.get("detail"),
            "severity": str(getattr(config.severity, "value", config.severity)), "success": bool(evr.success),
            "unexpected_count": outcome.get("unexpected_count"), "element_count": outcome.get("element_count"),
            "observed_value": _short(outcome.get("observed_value")),
            "error": str(exception.get("exception_message"))[:200] if exception.get("raised_exception") else None,
        })
    columns = LABEL_COLUMNS.get(suite)
    rejected_rows = []
    for item in result.rejected[:ROWS_SHOWN]:
        row = item["row"]
        keys = columns or list(row)[:5]
        rejected_rows.append({"row": {k: _short(row.get(k)) for k in keys if k in row}, "reasons": item["reasons"]})
    failed = sorted({(e["type"], e["column"] or "") for e in expectations
                     if not e["success"] and e["severity"] == "critical"})
    statistics = dict(getattr(run.gx_result, "statistics", None) or {})
    return {
        "suite": suite, "run_name": run_name, "validated_at": validated_at.isoformat(),
        "rows_in": result.stats.get("rows_in", 0), "valid": result.stats.get("valid", 0),
        "rejected": result.stats.get("rejected", 0), "gx_success": result.stats.get("gx_success"),
        "seconds": result.stats.get("seconds"), "statistics": statistics,
        "failed_expectations": [f"{t} ({c})" if c else t for t, c in failed],
        "expectations": expectations, "warnings": result.stats.get("warnings", []),
        "rejected_rows": rejected_rows, "gx_result": gx_file,
    }


def _short(value: Any) -> Any:
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value[:120] + "…" if isinstance(value, str) and len(value) > 120 else value
    text = str(value)
    return text[:120] + "…" if len(text) > 120 else text


# --- HTML ------------------------------------------------------------------------------------

def _e(value: Any) -> str:
    return html.escape("—" if value is None else str(value))


def _when(iso: str | None) -> str:
    if not iso:
        return "—"
    try:
        return datetime.fromisoformat(iso).strftime("%Y-%m-%d %H:%M:%S UTC")
    except ValueError:
        return iso


def _page(title: str, body: str) -> str:
    return (f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>{_e(title)}</title>'
            f"<style>{_STYLE}</style></head>\n<body>\n{body}\n</body></html>\n")


def _table(columns: Sequence[str], rows: Sequence[str], empty: str, table_id: str = "") -> str:
    if not rows:
        return f'<p class="muted">{_e(empty)}</p>'
    head = "".join(f"<th>{_e(c)}</th>" for c in columns)
    ident = f' id="{_e(table_id)}"' if table_id else ""
    return f"<table{ident}><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _counts(v: dict) -> str:
    bad = ' class="num bad"' if v.get("rejected") else ' class="num"'
    return (f'<td class="num">{_e(v.get("rows_in"))}</td><td class="num">{_e(v.get("valid"))}</td>'
            f"<td{bad}>{_e(v.get('rejected'))}</td>")


def _index_page(runs: Sequence[dict]) -> str:
    rows = []
    for run in runs:
        for i, v in enumerate(run["validations"]):
            name = (f'<td rowspan="{len(run["validations"])}"><a href="{RUNS}/{_e(run["folder"])}/{INDEX}" '
                    f'data-run-name="{_e(run["run_name"])}">{_e(run["run_name"])}</a></td>') if i == 0 else ""
            failed = ", ".join(v.get("failed_expectations") or []) or "none"
            rows.append(f"<tr>{name}<td>{_e(_when(v.get('validated_at')))}</td><td>{_e(v.get('suite'))}</td>"
                        f"{_counts(v)}<td>{_e(failed)}</td></tr>")
    body = (f"<h1>eventwire Data Docs</h1>\n<p class=\"muted\">Great Expectations validations by run, newest "
            f"first (runs kept: {len(runs)}, at most {KEEP_RUNS}). A row is quarantined with every expectation it "
            f"fails; each run's page lists them.</p>\n"
            + _table(["run", "validated", "suite", "rows", "valid", "rejected", "failed expectations"], rows,
                     "no validation yet", "runs"))
    return _page("eventwire Data Docs", body)


def _run_page(run_name: str, validations: Sequence[dict]) -> str:
    parts = [f'<p><a href="../../{INDEX}">all runs</a></p>',
             f'<h1>Run <span id="run-name">{_e(run_name)}</span></h1>',
             f'<p class="muted">{len(validations)} validation(s); Great Expectations run name '
             f'<code>{_e(run_name)}</code></p>']
    for v in validations:
        status = ('<span class="ok">all rows pass</span>' if not v.get("rejected")
                  else f'<span class="bad">{_e(v["rejected"])} row(s) rejected</span>')
        stats = v.get("statistics") or {}
        parts.append(
            f'<h2 data-suite="{_e(v.get("suite"))}">{_e(v.get("suite"))} · {_e(_when(v.get("validated_at")))}</h2>'
            f"<p>{_e(v.get('rows_in'))} rows in, {_e(v.get('valid'))} valid, {status}; "
            f"{_e(stats.get('evaluated_expectations'))} expectations evaluated, "
            f"{_e(stats.get('unsuccessful_expectations'))} unmet; {_e(v.get('seconds'))} s"
            + (f'; GX result: <a href="{_e(v["gx_result"])}">{_e(v["gx_result"])}</a>' if v.get("gx_result") else "")
            + "</p>")
        exp_rows = []
        for x in sorted(v.get("expectations", []), key=lambda x: x["success"]):  # unmet ones first
            outcome = ("could not run: " + x["error"] if x.get("error")
                       else f"{x['unexpected_count']} of {x['element_count']} rows" if x.get("unexpected_count") is not None
                       else f"observed {x['observed_value']}" if x.get("observed_value") is not None else "")
            mark = "ok" if x["success"] else ("warn" if x["severity"] != "critical" else "bad")
            word = "met" if x["success"] else ("warning" if x["severity"] != "critical" else "failed")
            exp_rows.append(f'<tr class="{"" if x["success"] else "failed"}"><td><code>{_e(x["type"])}</code></td>'
                            f"<td>{_e(x.get('column'))}</td><td>{_e(x.get('detail'))}</td>"
                            f'<td class="{mark}">{word}</td><td>{_e(outcome)}</td></tr>')
        parts.append("<h3>Expectations</h3>" + _table(["expectation", "column", "what it checks", "result", "unexpected"],
                                                      exp_rows, "no expectations"))
        if v.get("warnings"):
            parts.append("<h3>Batch warnings (never reject)</h3><ul>" + "".join(
                f"<li>{_e(w.get('column'))}: {_e(w.get('detail'))}</li>" for w in v["warnings"]) + "</ul>")
        rejected = v.get("rejected_rows") or []
        columns = list(dict.fromkeys(k for item in rejected for k in item["row"]))
        rows = []
        for item in rejected:
            reasons = "".join(f"<li><code>{_e(r.get('expectation'))}</code> ({_e(r.get('column'))}): {_e(r.get('detail'))}</li>"
                              for r in item["reasons"])
            rows.append("<tr>" + "".join(f"<td>{_e(item['row'].get(c))}</td>" for c in columns)
                        + f'<td><ul class="reasons">{reasons}</ul></td></tr>')
        more = (v.get("rejected") or 0) - len(rejected)
        parts.append("<h3>Rejected rows and the expectations they failed</h3>"
                     + _table([*columns, "failed expectations"], rows, "no row rejected", f"rejected-{v.get('suite')}")
                     + (f'<p class="muted">and {more} more (see the quarantine table)</p>' if more > 0 else ""))
    return _page(f"Data Docs · run {run_name}", "\n".join(parts))


# --- files -----------------------------------------------------------------------------------

def _run_summaries(root: Path) -> list[dict]:
    """Every run's summary, newest first (by its last validation)."""
    runs = []
    for path in (root / RUNS).glob(f"*/{RUN_SUMMARY}"):
        summary = _read_json(path)
        if summary and summary.get("validations"):
            summary["folder"] = path.parent.name
            runs.append(summary)
    return sorted(runs, key=lambda r: r.get("updated_at") or "", reverse=True)


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _write(path: Path, text: str) -> None:
    """Write atomically: a reader (the health page's static files) never sees half a page."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        os.fchmod(fd, 0o644)  # mkstemp's 0600 would hide the page from a web server running as another user
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
