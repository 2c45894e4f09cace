"""Files for people who want files: the events as CSV or Parquet, in eventwire's own columns or ACLED's.

It reads the analyst views (never the raw tables), so an export shows exactly what SQL users see.
Every column has a declared type, so a file is typed even when empty: Parquet carries int64 /
float64 / date / UTC timestamps (and pandas metadata, so counts come back as nullable Int64);
CSV writes ISO 8601 dates and timestamps with their offset. Multi-value cells use MULTI_SEPARATOR.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

import psycopg
import psycopg.sql

FORMATS = ("csv", "parquet")
COLUMN_SETS = ("native", "acled")
MULTI_SEPARATOR = "; "
BATCH_ROWS = 5000


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # int, float, text, date, timestamptz
    expr: str | None = None  # SQL expression over the view (default: the column itself)


def _cols(kind: str, names: str) -> list[Column]:
    return [Column(n, kind) for n in names.split()]


# analytics.events as a file: lists joined with MULTI_SEPARATOR, plus the reporting articles' URLs.
NATIVE_COLUMNS: list[Column] = [
    Column("event_id", "int"), Column("event_id_cnty", "text"), Column("event_date", "date"),
    Column("year", "int"), Column("date_precision", "int"), Column("disorder_type", "text"),
    Column("event_type", "text"), Column("sub_event_type", "text"),
    Column("actor1", "text"), Column("inter1", "int"),
    Column("assoc_actor1", "text", f"array_to_string(assoc_actor1, '{MULTI_SEPARATOR}')"),
    Column("actor2", "text"), Column("inter2", "int"),
    Column("assoc_actor2", "text", f"array_to_string(assoc_actor2, '{MULTI_SEPARATOR}')"),
    Column("interaction", "int"), Column("civilian_targeting", "text"),
    Column("country", "text"), Column("country_code", "text"), Column("iso3", "text"), Column("iso", "int"),
    Column("region", "text"), Column("admin1", "text"), Column("admin2", "text"), Column("location", "text"),
    Column("latitude", "float"), Column("longitude", "float"), Column("geonameid", "int"),
    Column("geo_precision", "int"),
    Column("fatalities_low", "int"), Column("fatalities", "int"), Column("fatalities_high", "int"),
    Column("num_mentions", "int"), Column("num_articles", "int"), Column("num_sources", "int"),
    Column("confidence", "float", "round(confidence::numeric, 3)::float8"),
    Column("source", "text"), Column("source_scale", "text"), Column("notes", "text"),
    Column("source_urls", "text",
           f"(SELECT string_agg(m.article_url, '{MULTI_SEPARATOR}' ORDER BY m.article_id) FROM analytics.event_mentions m"
           " WHERE m.event_id = v.event_id)"),
    Column("extractor_version", "text"), Column("first_seen_at", "timestamptz"), Column("updated_at", "timestamptz"),
    Column("timestamp", "int", '"timestamp"'),
]

# analytics.acled_events as ACLED publishes it: these names, this order.
ACLED_COLUMNS: list[Column] = [
    *_cols("text", "event_id_cnty"), Column("event_date", "date"), *_cols("int", "year time_precision"),
    *_cols("text", "disorder_type event_type sub_event_type actor1 assoc_actor_1 inter1 actor2 assoc_actor_2 inter2 "
                   "interaction civilian_targeting"),
    Column("iso", "int"), *_cols("text", "region country admin1 admin2 admin3 location"),
    *_cols("float", "latitude longitude"), Column("geo_precision", "int"),
    *_cols("text", "source source_scale notes"), Column("fatalities", "int"), Column("tags", "text"),
    Column("timestamp", "int", '"timestamp"'),
]

VIEWS = {"native": ("analytics.events", NATIVE_COLUMNS), "acled": ("analytics.acled_events", ACLED_COLUMNS)}


def columns_for(columns: str) -> list[Column]:
    if columns not in VIEWS:
        raise ValueError(f"unknown column set {columns!r} (native or acled)")
    return VIEWS[columns][1]


def export_query(columns: str) -> psycopg.sql.Composed:
    view, cols = VIEWS[columns]
    select = psycopg.sql.SQL(", ").join(
        psycopg.sql.SQL(c.expr + " AS {}").format(psycopg.sql.Identifier(c.name)) if c.expr
        else psycopg.sql.Identifier(c.name) for c in cols)
    # ACLED's ids are the ISO3 prefix + event_id: order by the number, not the text (SYR10 after SYR9)
    order = "event_date, event_id" if columns == "native" else "event_date, substring(event_id_cnty FROM 4)::bigint"
    return psycopg.sql.SQL("SELECT {} FROM {} v WHERE event_date >= %(since)s AND event_date <= %(until)s ORDER BY {}").format(
        select, psycopg.sql.SQL(view), psycopg.sql.SQL(order))


def arrow_schema(columns: str):
    """The Parquet schema of a column set, with pandas metadata so integers read back as Int64."""
    import pyarrow as pa

    types = {"int": pa.int64(), "float": pa.float64(), "text": pa.string(), "date": pa.date32(),
             "timestamptz": pa.timestamp("us", tz="UTC")}
    pandas_types = {"int": ("int64", "Int64", None), "float": ("float64", "float64", None),
                    "text": ("unicode", "object", None), "date": ("date", "object", None),
                    "timestamptz": ("datetimetz", "datetime64[us]", {"timezone": "UTC"})}
    cols = columns_for(columns)
    meta = {"index_columns": [], "column_indexes": [], "creator": {"library": "eventwire"},
            "columns": [{"name": c.name, "field_name": c.name, "pandas_type": pandas_types[c.kind][0],
                         "numpy_type": pandas_types[c.kind][1], "metadata": pandas_types[c.kind][2]} for c in cols]}
    return pa.schema([(c.name, types[c.kind]) for c in cols], metadata={b"pandas": json.dumps(meta).encode()})


def _csv_value(value):
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    return value


def _rows(conn: psycopg.Connection, columns: str, since: date | None, until: date | None):
    """Batches of rows from the view, from a server-side cursor (memory stays flat)."""
    params = {"since": since or date(1, 1, 1), "until": until or date(9999, 12, 31)}
    with conn.transaction(), conn.cursor(name="eventwire_export") as cur:
        cur.execute(export_query(columns), params)
        while batch := cur.fetchmany(BATCH_ROWS):
            yield batch


def export_events(conn: psycopg.Connection, path: Path, fmt: str, since: date | None = None,
                  until: date | None = None, columns: str = "native") -> int:
    """Write events dated within [since, until] to `path` in `fmt` with the `columns` set; return the row count."""
    cols = columns_for(columns)
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r} (csv or parquet)")
    names = [c.name for c in cols]
    written = 0
    if fmt == "csv":
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(names)
            for batch in _rows(conn, columns, since, until):
                writer.writerows([_csv_value(v) for v in row] for row in batch)
                written += len(batch)
        return written

    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = arrow_schema(columns)
    with pq.ParquetWriter(path, schema) as writer:
        for batch in _rows(conn, columns, since, until):
            table = pa.Table.from_pylist([dict(zip(names, row)) for row in batch], schema=schema)
            writer.write_table(table)
            written += len(batch)
    return written
