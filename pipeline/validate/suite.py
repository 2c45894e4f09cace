"""Validation decides which rows load: Great Expectations suites run row by row, and a failing
row goes to quarantine with the expectations it failed while the rest of its batch loads.

This module holds what the article and event suites share: the result type, the flat event row,
one cached ephemeral GX context per process, and the runner that maps GX failures back to rows.
GX's cost is mostly per run (about half a second of graph building whatever the row count), so
callers validate a whole cycle's rows in one run per suite; `docs` renders the runs for operators.
"""

from __future__ import annotations

import functools
import logging
import math
import time
from dataclasses import dataclass, field
from typing import Any, Iterable

import pandas as pd

log = logging.getLogger(__name__)

ROW_ID = "_row_id"

EVENT_COLUMNS: tuple[str, ...] = (
    "article_id", "event_type", "sub_event_type", "event_date", "date_precision",
    "actor1_name", "actor1_inter", "assoc_actor1", "actor2_name", "actor2_inter", "assoc_actor2",
    "interaction", "location_name", "admin1", "admin2", "country", "country_code", "latitude", "longitude",
    "geonameid", "geo_precision", "fatalities_low", "fatalities_best", "fatalities_high",
    "evidence_sentence", "evidence_start", "evidence_end", "confidence", "extractor_version",
)

ARTICLE_COLUMNS: tuple[str, ...] = ("id", "url", "title", "text", "published", "language", "source")


@dataclass
class ValidationResult:
    """Rows that may load, rows for quarantine (each `{"row", "reasons"}`), and run statistics."""

    valid: list[dict] = field(default_factory=list)
    rejected: list[dict] = field(default_factory=list)
    stats: dict = field(default_factory=dict)
    # GX's own result and what the Data Docs need (`docs.publish`); None for an empty batch
    run: SuiteRun | None = field(default=None, repr=False, compare=False)


def flatten_event(record: dict, article_id: Any) -> dict:
    """One EventRecord (docs/event-record.md) as the flat row of the `events` table."""
    actor1 = record.get("actor1") or {}
    actor2 = record.get("actor2") or {}
    location = record.get("location") or {}
    fatalities = record.get("fatalities") or {}
    evidence = record.get("evidence") or {}
    return {
        "article_id": article_id,
        "event_type": record.get("event_type"),
        "sub_event_type": record.get("sub_event_type"),
        "event_date": record.get("event_date"),
        "date_precision": record.get("date_precision"),
        "actor1_name": actor1.get("name"),
        "actor1_inter": actor1.get("inter"),
        "assoc_actor1": list(record.get("assoc_actor1") or []),
        "actor2_name": actor2.get("name"),
        "actor2_inter": actor2.get("inter"),
        "assoc_actor2": list(record.get("assoc_actor2") or []),
        "interaction": record.get("interaction"),
        "location_name": location.get("name"),
        "admin1": location.get("admin1"),
        "admin2": location.get("admin2"),     # added by the pipeline's extract step (not in the CLI record)
        "country": location.get("country"),
        "country_code": location.get("country_code"),
        "latitude": location.get("latitude"),
        "longitude": location.get("longitude"),
        "geonameid": location.get("geonameid"),
        "geo_precision": location.get("geo_precision"),
        "fatalities_low": fatalities.get("low"),
        "fatalities_best": fatalities.get("best"),
        "fatalities_high": fatalities.get("high"),
        "evidence_sentence": evidence.get("sentence"),
        "evidence_start": evidence.get("start"),
        "evidence_end": evidence.get("end"),
        "confidence": record.get("confidence"),
        "extractor_version": record.get("extractor_version"),
    }


# --- the GX context: built once per process -------------------------------------------------

@functools.lru_cache(maxsize=1)
def gx_context():
    """An ephemeral, in-memory GX context with analytics and progress bars off.

    Importing GX and building a context costs seconds; a streaming cycle validates many small
    batches, so the context (and each data asset below) is made once per process.
    """
    import great_expectations as gx
    from great_expectations.data_context.types.base import (
        DataContextConfig, InMemoryStoreBackendDefaults, ProgressBarsConfig)

    config = DataContextConfig(
        store_backend_defaults=InMemoryStoreBackendDefaults(),
        analytics_enabled=False,
        progress_bars=ProgressBarsConfig(globally=False, metric_calculations=False),
    )
    return gx.get_context(mode="ephemeral", project_config=config)


@functools.lru_cache(maxsize=None)
def _batch_definition(asset_name: str):
    datasource = gx_context().data_sources.add_pandas(f"eventwire_{asset_name}")
    asset = datasource.add_dataframe_asset(name=asset_name)
    return asset.add_batch_definition_whole_dataframe(f"{asset_name}_batch")


def expect(expectation_class, *, label: str | None, detail: str,
           show: Iterable[str] = (), **kwargs):
    """An expectation that carries what a quarantine reason needs in its `meta`.

    `label` is the column a reader should look at (a derived helper column reports the real
    one), `detail` a short sentence, `show` the real columns whose offending values go in it.
    """
    meta = {"column": label, "detail": detail, "show": list(show)}
    return expectation_class(meta=meta, **kwargs)


@dataclass
class SuiteRun:
    """What one GX run says, per row (reasons by row id) and per batch (warnings)."""

    reasons: dict[int, list[dict]]
    warnings: list[dict]
    success: bool
    seconds: float
    expectations: int
    gx_result: Any = None
    batch_id: str | None = None


def _plain(value: Any) -> Any:
    if hasattr(value, "item") and not isinstance(value, (list, tuple, dict, str)):
        try:
            value = value.item()
        except (ValueError, AttributeError):
            pass
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    if isinstance(value, str) and len(value) > 60:
        return value[:57] + "..."
    return value


def _reason(config, row: dict | None = None, index_entry: dict | None = None) -> dict:
    """A quarantine reason; offending values come from the input row, else from GX's entry."""
    meta = config.meta or {}
    detail = meta.get("detail") or config.type
    shown = {}
    for col in meta.get("show", []):
        if row is not None and col in row:
            shown[col] = _plain(row[col])
        elif index_entry is not None and col in index_entry:
            shown[col.lstrip("_")] = _plain(index_entry[col])
    if shown:
        detail = f"{detail}: {', '.join(f'{k}={v!r}' for k, v in shown.items())}"
    return {"expectation": config.type, "column": meta.get("column"), "detail": detail}


def _table_detail(result: dict) -> str:
    missing = ((result.get("details") or {}).get("mismatched") or {}).get("missing")
    return f": {', '.join(sorted(missing))}" if missing else ""


def _observed(result: dict) -> str:
    if "unexpected_percent" in result and result.get("unexpected_percent") is not None:
        return f"{result['unexpected_percent']:.0f}% of rows"
    if "observed_value" in result:
        return f"observed {_plain(result['observed_value'])!r}"
    return ""


def run_suite(df: pd.DataFrame, suite, asset_name: str, rows: list[dict] | None = None) -> SuiteRun:
    """Run `suite` on `df` (which carries the integer column `_row_id`) and map failures to rows.

    A failing row-level (map) expectation lists its unexpected rows by `_row_id`; a failing
    table-level expectation, or one that could not run, applies to every row. Expectations of
    severity "warning" never reject: they become batch warnings. `rows` (the input, indexed by
    `_row_id`) lets a reason quote the offending values as the caller wrote them.
    """
    from great_expectations.expectations.metadata_types import FailureSeverity

    started = time.perf_counter()
    batch = _batch_definition(asset_name).get_batch(batch_parameters={"dataframe": df})
    # COMPLETE for every unexpected row id; not the pandas "query" string GX builds beside it
    # (about a sixth of a run's cost, and nothing here reads it)
    run = batch.validate(suite, result_format={
        "result_format": "COMPLETE", "unexpected_index_column_names": [ROW_ID],
        "return_unexpected_index_query": False})
    all_rows = [int(r) for r in df[ROW_ID]]
    reasons: dict[int, list[dict]] = {}
    warnings: list[dict] = []
    for evr in run.results:
        if evr.success:
            continue
        config = evr.expectation_config
        result = evr.result or {}
        if config.severity != FailureSeverity.CRITICAL:
            observed = _observed(result)
            warning = _reason(config)
            if observed:
                warning["detail"] = f"{warning['detail']}: {observed}"
            warnings.append(warning)
            continue
        exception = (evr.exception_info or {})
        if exception.get("raised_exception"):
            reason = _reason(config)
            reason["detail"] += f" (could not run: {str(exception.get('exception_message'))[:80]})"
            log.warning("expectation %s raised: %s", config.type, exception.get("exception_message"))
            for row_id in all_rows:
                reasons.setdefault(row_id, []).append(dict(reason))
            continue
        index_list = result.get("unexpected_index_list")
        if index_list is None:
            reason = _reason(config)
            reason["detail"] += _table_detail(result)
            for row_id in all_rows:
                reasons.setdefault(row_id, []).append(dict(reason))
            continue
        for entry in index_list:
            row_id = int(entry[ROW_ID])
            row = rows[row_id] if rows is not None else None
            reasons.setdefault(row_id, []).append(_reason(config, row, entry))
    return SuiteRun(reasons=reasons, warnings=warnings, success=bool(run.success),
                    seconds=time.perf_counter() - started, expectations=len(run.results),
                    gx_result=run, batch_id=batch.id)


def split_rows(rows: list[dict], run: SuiteRun, extra_stats: dict | None = None) -> ValidationResult:
    """Valid rows and quarantined rows (with their reasons) in input order, plus the stats."""
    result = ValidationResult(run=run)
    by_expectation: dict[str, int] = {}
    for row_id, row in enumerate(rows):
        row_reasons = run.reasons.get(row_id)
        if row_reasons:
            result.rejected.append({"row": row, "reasons": row_reasons})
            for reason in row_reasons:
                by_expectation[reason["expectation"]] = by_expectation.get(reason["expectation"], 0) + 1
        else:
            result.valid.append(row)
    result.stats = {
        "rows_in": len(rows),
        "valid": len(result.valid),
        "rejected": len(result.rejected),
        "warnings": run.warnings,
        "gx_success": run.success,
        "expectations": run.expectations,
        "failures_by_expectation": by_expectation,
        "seconds": round(run.seconds, 4),
        **(extra_stats or {}),
    }
    return result


def empty_result(extra_stats: dict | None = None) -> ValidationResult:
    return ValidationResult(stats={
        "rows_in": 0, "valid": 0, "rejected": 0, "warnings": [], "gx_success": True,
        "expectations": 0, "failures_by_expectation": {}, "seconds": 0.0, **(extra_stats or {})})


__all__ = [
    "ARTICLE_COLUMNS", "EVENT_COLUMNS", "ROW_ID", "SuiteRun", "ValidationResult", "empty_result",
    "expect", "flatten_event", "gx_context", "run_suite", "split_rows",
]
