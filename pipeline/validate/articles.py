"""The expectation suite for cleaned article rows, checked before any event is extracted from them.

An article without a usable URL, enough text or a believable publication date is quarantined
rather than loaded, so the event tables never point at an article that cannot back them.
"""

from __future__ import annotations

import functools
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.validate import docs
from pipeline.validate.suite import (
    ARTICLE_COLUMNS, ROW_ID, ValidationResult, empty_result, expect, gx_context, run_suite,
    split_rows)

MIN_TEXT_CHARS = 200
EARLIEST_PUBLISHED = date(1990, 1, 1)
FUTURE_GRACE = timedelta(days=1)


def parse_published(value: Any) -> date | None | bool:
    """A date from a date, datetime or date string; None when missing; False when unparseable."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip():
        return False if not isinstance(value, str) else None
    text = value.strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        from dateutil import parser
        return parser.parse(text).date()
    except (ValueError, OverflowError, TypeError):
        return False


def _frame(rows: list[dict]) -> pd.DataFrame:
    """Only the columns the suite reads (raw HTML and the like stay out), plus helper columns."""
    data: dict[str, list] = {ROW_ID: list(range(len(rows)))}
    for col in ARTICLE_COLUMNS:
        if col == "published":
            continue
        # A missing key is a null value: the row is rejected for what it lacks, not the batch.
        data[col] = [r.get(col) if isinstance(r.get(col), str) else
                     (None if r.get(col) is None else str(r.get(col))) for r in rows]
    parsed = [parse_published(r.get("published")) for r in rows]
    data["_published_ok"] = [None if p is None else p is not False for p in parsed]
    data["_published_date"] = pd.Series([pd.Timestamp(p) if p else pd.NaT for p in parsed],
                                         dtype="datetime64[ns]")
    return pd.DataFrame(data)


@functools.lru_cache(maxsize=4)
def build_article_suite(today: date):
    """The suite for rows validated on `today`; built once per day and process (GX suites cost
    milliseconds each, and the expectations are the same all day)."""
    import great_expectations as gx
    from great_expectations import expectations as gxe

    gx_context()  # a suite needs an active context
    latest = datetime.combine(today + FUTURE_GRACE, datetime.max.time())
    expectations = [
        expect(gxe.ExpectColumnValuesToNotBeNull, label="url", column="url", detail="no url"),
        expect(gxe.ExpectColumnValuesToMatchRegex, label="url", column="url",
               regex=r"^https?://[^\s/]+\S*$", show=["url"], detail="url is not http(s)"),
        expect(gxe.ExpectColumnValuesToNotBeNull, label="text", column="text",
               detail="no article text"),
        expect(gxe.ExpectColumnValueLengthsToBeBetween, label="text", column="text",
               min_value=MIN_TEXT_CHARS,
               detail=f"no article text (fewer than {MIN_TEXT_CHARS} characters)"),
        expect(gxe.ExpectColumnValuesToBeInSet, label="published", column="_published_ok",
               value_set=[True], show=["published"], detail="published is not a parseable date"),
        expect(gxe.ExpectColumnValuesToBeBetween, label="published", column="_published_date",
               min_value=datetime.combine(EARLIEST_PUBLISHED, datetime.min.time()), max_value=latest,
               show=["published"],
               detail=f"published before {EARLIEST_PUBLISHED} or more than a day in the future"),
        expect(gxe.ExpectColumnValuesToMatchRegex, label="language", column="language",
               regex=r"^[A-Za-z]{2}$", show=["language"], detail="language is not a 2-letter code"),
    ]
    return gx.ExpectationSuite(name="eventwire.articles", expectations=expectations)


def validate_articles(rows: list[dict], today: date | None = None, *,
                      data_docs_dir: Path | None = None, run_name: str | None = None) -> ValidationResult:
    """Split article rows (`id, url, title, text, published, language, source`) into loadable
    rows and quarantined ones. `published` and `language` may be null. `today` (UTC by default)
    bounds "not in the future"; `data_docs_dir` and `run_name` as in `validate_events`."""
    if not rows:
        return empty_result({"suite": "eventwire.articles"})
    frame = _frame(rows)
    today = today or datetime.now(timezone.utc).date()
    run = run_suite(frame, build_article_suite(today), "articles", rows)
    result = split_rows(rows, run, {"suite": "eventwire.articles"})
    if data_docs_dir is not None:
        result.stats["data_docs"] = docs.publish_or_warn(data_docs_dir, run_name, [result])
    return result
