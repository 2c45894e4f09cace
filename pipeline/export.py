"""Files for people who want files: the event table as CSV or Parquet, as ACLED and GDELT publish.

It reads the analyst views (never the raw tables), so an export shows exactly what SQL users see;
CSV streams through COPY, Parquet through pyarrow with proper column types.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import psycopg
import psycopg.sql

EXPORT_QUERY = """
    SELECT event_id, event_date, date_precision, event_type, sub_event_type,
           actor1, inter1, array_to_string(assoc_actor1, '; ') AS assoc_actor1,
           actor2, inter2, array_to_string(assoc_actor2, '; ') AS assoc_actor2, interaction,
           country, country_code, admin1, location, latitude, longitude, geonameid, geo_precision,
           fatalities_low, fatalities, fatalities_high, num_mentions, num_articles, num_sources,
           confidence, extractor_version, first_seen_at, updated_at,
           (SELECT string_agg(m.article_url, ' ' ORDER BY m.article_id) FROM analytics.event_mentions m
             WHERE m.event_id = e.event_id) AS source_urls
    FROM analytics.events e
    WHERE event_date >= %(since)s AND event_date <= %(until)s
    ORDER BY event_date, event_id
"""


def export_events(conn: psycopg.Connection, path: Path, fmt: str, since: date | None = None,
                  until: date | None = None) -> int:
    """Write events dated within [since, until] to `path`; return the number of rows."""
    params = {"since": since or date(1900, 1, 1), "until": until or date(9999, 12, 31)}
    if fmt == "csv":
        query = psycopg.sql.SQL(EXPORT_QUERY.replace("%(since)s", "{since}").replace("%(until)s", "{until}")).format(
            since=psycopg.sql.Literal(params["since"]), until=psycopg.sql.Literal(params["until"]))
        with path.open("wb") as fh, conn.cursor() as cur:
            with cur.copy(psycopg.sql.SQL("COPY ({}) TO STDOUT WITH (FORMAT csv, HEADER true)").format(query)) as copy:
                for chunk in copy:
                    fh.write(chunk)
        return conn.execute("SELECT count(*) FROM analytics.events WHERE event_date BETWEEN %(since)s AND %(until)s",
                            params).fetchone()[0]
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        cur = conn.execute(EXPORT_QUERY, params)
        names = [d.name for d in cur.description]
        columns = list(zip(*cur.fetchall())) or [[] for _ in names]
        table = pa.table({name: pa.array(list(col)) if col else pa.array([], pa.null())
                          for name, col in zip(names, columns)})
        pq.write_table(table, path)
        return table.num_rows
    raise ValueError(f"unknown export format {fmt!r} (csv or parquet)")
