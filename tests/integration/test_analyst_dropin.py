"""The analyst's drop-in against a real PostgreSQL loaded with the seeds through the pipeline:
ACLED's columns and conventions, the GDELT-style mentions, typed exports that round-trip through
pandas and pyarrow, an ACLED pandas script that runs unchanged, and the analyst guide's outputs."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import psycopg
import pytest

from pipeline import analyst_guide, cli
from pipeline.export import ACLED_COLUMNS, NATIVE_COLUMNS, export_events

pytestmark = pytest.mark.integration

ACLED_SCRIPT = Path(__file__).resolve().parent.parent / "data" / "acled_analysis.py"
# ACLED's published column order (the ACLED codebook and the API's export).
ACLED_ORDER = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
               "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
               "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
               "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp"]
INT_COLUMNS = {"native": [c.name for c in NATIVE_COLUMNS if c.kind == "int"],
               "acled": [c.name for c in ACLED_COLUMNS if c.kind == "int"]}


@pytest.fixture(scope="module")
def seeded(pg_server_url):
    """A database with the five seeds run through every pipeline step (as `eventwire run --no-airflow`)."""
    from pipeline.db import temp_database

    with temp_database(pg_server_url, prefix="ew_dropin") as (url, _):
        summary = analyst_guide.load_seeds(url)
        assert summary["status"] == "success"
        yield url


@pytest.fixture(scope="module")
def sconn(seeded):
    with psycopg.connect(seeded, autocommit=True) as connection:
        yield connection


def _cli_export(seeded, monkeypatch, *args) -> int:
    monkeypatch.setenv("EVENTWIRE_DATABASE_URL", seeded)
    return cli.main(["export", *args])


def test_the_analyst_guide_shows_what_a_fresh_run_gives(seeded):
    text = analyst_guide.GUIDE.read_text(encoding="utf-8")
    assert len(analyst_guide.blocks(text)) >= 8
    _, changed = analyst_guide.refresh(text, seeded)
    assert changed == [], ("docs/analyst-guide.md is out of date for these queries (regenerate with "
                           f"`python -m pipeline.analyst_guide --write` and reread the prose): {changed}")


def test_acled_events_has_acleds_columns_in_acleds_order(sconn):
    names = [r[0] for r in sconn.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'analytics'"
        " AND table_name = 'acled_events' ORDER BY ordinal_position")]
    assert names == ACLED_ORDER
    assert [c.name for c in ACLED_COLUMNS] == ACLED_ORDER


def test_acled_conventions_hold_on_every_row(sconn):
    rows = sconn.execute(
        """SELECT a.event_id_cnty, a.year, a.time_precision, a.disorder_type, a.event_type, a.sub_event_type,
                  a.inter1, a.inter2, a.interaction, a.civilian_targeting, a.iso, a.region, a.fatalities, a.tags,
                  a."timestamp", a.source, a.notes, e.event_id, e.inter1, e.inter2, e.fatalities, e.country_code,
                  extract(epoch FROM e.updated_at)::bigint, e.event_date, e.date_precision
           FROM analytics.acled_events a JOIN analytics.events e USING (event_id_cnty)""").fetchall()
    assert len(rows) == sconn.execute("SELECT count(*) FROM analytics.events").fetchone()[0] > 20
    labels = {1: "State forces", 2: "Rebel group", 3: "Political militia", 4: "Identity militia", 5: "Rioters",
              6: "Protesters", 7: "Civilians", 8: "External/Other forces"}
    disorder = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
                "Violence against civilians": "Political violence", "Strategic developments": "Strategic developments"}
    for (cnty, year, tprec, dis, etype, sub, i1, i2, inter, civ, iso, region, fat, tags, ts, source, notes,
         eid, n1, n2, nfat, cc, epoch, edate, dprec) in rows:
        assert cc == "SY" and cnty == f"SYR{eid}" and iso == 760 and region == "Middle East" or \
            cc == "LB" and cnty == f"LBN{eid}" and iso == 422 and region == "Middle East"
        assert (year, tprec, ts) == (edate.year, dprec, epoch)
        assert dis == disorder[etype], (etype, sub)
        assert i1 == labels[n1] and i2 == (labels[n2] if n2 else "")
        low, high = sorted([n1, n2 or 0])
        expected = f"{labels[n1]} only" if not n2 else f"{labels[low]}-{labels[high]}"
        assert inter == expected
        assert civ == ("Civilian targeting" if n2 == 7 else "")
        assert fat == (nfat if nfat is not None else 0)
        assert tags == ("fatalities=not reported" if nfat is None else "")
        assert source and notes


def test_admin2_comes_from_geonames_through_the_pipeline(conn):
    """GeoNames gives Syria's towns no districts, so this uses an article written for the test."""
    from pipeline import steps
    from pipeline.extract.places import admin2_of

    run_id = "admin2-test"
    steps.start_run(conn, run_id)
    text = ("Gunmen killed 15 villagers in an attack on the city of Jos on Tuesday, police said. "
            "Residents fled to nearby towns. Shops stayed closed. The army sent troops to the area. "
            "Local leaders called for calm and asked the government to protect the villages.")
    (article_id,) = conn.execute(
        "INSERT INTO eventwire.articles (url, status, title, source, language, text, published, first_run_id, last_run_id)"
        " VALUES ('http://a.example/jos', 'cleaned', 'Gunmen kill 15 in Jos', 'Example News', 'en', %s, '2019-03-06', %s, %s)"
        " RETURNING article_id", (text, run_id, run_id)).fetchone()
    extracted = steps.extract_batch(conn, [article_id], run_id)
    steps.load_batch(conn, steps.validate_batch(conn, extracted, run_id), run_id)
    rows = conn.execute("SELECT location, geonameid, admin2 FROM analytics.events").fetchall()
    assert rows and all(admin2 == admin2_of(gid) for _, gid, admin2 in rows)
    assert ("Jos", "Jos North") in [(loc, admin2) for loc, _, admin2 in rows]
    assert conn.execute("SELECT admin2 FROM analytics.acled_events").fetchall() == [("Jos North",)]


def test_disorder_type_of_protests_and_mob_violence_follows_the_codebook(sconn):
    got = dict(sconn.execute("SELECT sub_event_type, disorder_type FROM eventwire.acled_disorder_types").fetchall())
    assert got["Excessive force against protesters"] == got["Mob violence"] == "Political violence; Demonstrations"
    assert got["Peaceful protest"] == got["Violent demonstration"] == "Demonstrations"
    assert got["Arrests"] == "Strategic developments" and got["Attack"] == "Political violence"


def test_source_and_notes_come_from_the_mentions(sconn):
    for event_id, source, notes in sconn.execute("SELECT event_id, source, notes FROM analytics.events"):
        mentions = sconn.execute("SELECT outlet, sentence FROM analytics.event_mentions WHERE event_id = %s",
                                 (event_id,)).fetchall()
        assert source.split("; ") == sorted({m[0] for m in mentions})
        assert all(" ".join(m[1].split()) in notes for m in mentions)


def test_gdelt_mentions_point_at_the_evidence_sentence(sconn):
    rows = sconn.execute(
        """SELECT g.mentionidentifier, g.mentionsourcename, g.sentenceid, g.start_offset, g.end_offset,
                  g.confidence, g.mentiondoclen, a.text, m.sentence
           FROM analytics.gdelt_mentions g JOIN eventwire.articles a ON a.article_id = g.article_id
           JOIN analytics.event_mentions m ON m.event_id = g.globaleventid AND m.article_id = g.article_id""").fetchall()
    assert len(rows) == sconn.execute("SELECT count(*) FROM analytics.event_mentions").fetchone()[0]
    for url, outlet, sentence_id, start, end, confidence, doclen, text, sentence in rows:
        assert url.startswith("http://127.0.0.1") and outlet and doclen == len(text)
        assert text[start:end] == sentence and 0 <= confidence <= 1
        assert sentence_id >= 1 and (sentence_id == 1) == (start == 0)


def test_the_analyst_role_reads_the_new_views(seeded):
    with psycopg.connect(seeded, autocommit=True) as analyst:
        analyst.execute("SET ROLE eventwire_analyst")
        for view in ("acled_events", "gdelt_mentions", "events"):
            assert analyst.execute(f"SELECT count(*) FROM analytics.{view}").fetchone()[0] > 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            analyst.execute("SELECT * FROM eventwire.countries")


def _write_acled_sample(path: Path) -> dict:
    """A small file in ACLED's own format (rows written for this test), and its totals counted by hand."""
    rows = [
        ["XYZ1", "2024-01-05", 2024, 1, "Political violence", "Battles", "Armed clash", "Army", "", "State forces",
         "Rebels", "", "Rebel group", "State forces-Rebel group", "", 4, "Northern Africa", "Algeria", "Adrar", "", "",
         "Adrar", 27.9, -0.29, 1, "Paper", "National", "On 5 January ...", 3, "", 1704500000],
        ["XYZ2", "2024-01-20", 2024, 1, "Political violence", "Violence against civilians", "Attack", "Rebels", "",
         "Rebel group", "Civilians", "", "Civilians", "Rebel group-Civilians", "Civilian targeting", 4,
         "Northern Africa", "Algeria", "Adrar", "", "", "Reggane", 26.7, 0.17, 1, "Paper", "National", "...", 2, "",
         1704500000],
        ["XYZ3", "2024-02-02", 2024, 2, "Political violence", "Battles", "Armed clash", "Army", "", "State forces",
         "Rebels", "", "Rebel group", "State forces-Rebel group", "", 4, "Northern Africa", "Algeria", "Bechar", "",
         "", "Bechar", 31.6, -2.2, 1, "Paper", "National", "...", 0, "", 1704500000],
    ]
    with path.open("w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(ACLED_ORDER)
        writer.writerows(rows)
    return {"events": 3, "fatalities": 5, "state_vs_rebels": 2, "state_vs_rebels_fatalities": 3,
            "civilian_interactions": 1, "civilian_targeting": 1, "years": [2024], "first_day": "2024-01-05",
            "by_month": {"2024-01": 2, "2024-02": 1},
            "by_place": {"Algeria | Adrar | Battles": 3, "Algeria | Adrar | Violence against civilians": 2,
                         "Algeria | Bechar | Battles": 0}}


def _run_script(csv_path: Path) -> dict:
    proc = subprocess.run([sys.executable, str(ACLED_SCRIPT), str(csv_path)], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_an_acled_pandas_script_runs_unchanged_on_the_acled_export(seeded, sconn, tmp_path, monkeypatch):
    sample = tmp_path / "acled-download.csv"
    expected_sample = _write_acled_sample(sample)
    assert _run_script(sample) == expected_sample  # it is an ACLED script: it works on ACLED's format

    out = tmp_path / "eventwire-acled.csv"
    assert _cli_export(seeded, monkeypatch, "--columns", "acled", "--output", str(out)) == 0
    got = _run_script(out)

    q = sconn.execute
    assert got["events"] == q("SELECT count(*) FROM analytics.events").fetchone()[0]
    assert got["fatalities"] == q("SELECT coalesce(sum(fatalities), 0) FROM analytics.events").fetchone()[0]
    assert got["by_place"] == {f"{c} | {a} | {t}": n for c, a, t, n in q(
        "SELECT country, admin1, event_type, coalesce(sum(fatalities), 0) FROM analytics.events"
        " WHERE admin1 IS NOT NULL GROUP BY 1, 2, 3")}
    assert (got["state_vs_rebels"], got["state_vs_rebels_fatalities"]) == q(
        "SELECT count(*), coalesce(sum(fatalities), 0) FROM analytics.events WHERE interaction = 12").fetchone()
    assert got["civilian_interactions"] == q(
        "SELECT count(*) FROM analytics.events WHERE inter1 = 7 OR inter2 = 7").fetchone()[0]
    assert got["civilian_targeting"] == q("SELECT count(*) FROM analytics.events WHERE inter2 = 7").fetchone()[0]
    assert got["by_month"] == {m: n for m, n in q(
        "SELECT to_char(event_date, 'YYYY-MM'), count(*) FROM analytics.events GROUP BY 1")}
    assert got["years"] == [y for (y,) in q("SELECT DISTINCT year FROM analytics.events ORDER BY 1")]
    assert got["state_vs_rebels"] > 10 and got["fatalities"] > 50  # the seeds are not a trivial case


@pytest.mark.parametrize("columns", ["native", "acled"])
def test_exports_round_trip_through_pandas_and_pyarrow_with_types(seeded, sconn, tmp_path, monkeypatch, columns):
    import pandas as pd
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    parquet, csv_file = tmp_path / f"e-{columns}.parquet", tmp_path / f"e-{columns}.csv"
    assert _cli_export(seeded, monkeypatch, "--columns", columns, "--output", str(parquet)) == 0
    assert _cli_export(seeded, monkeypatch, "--columns", columns, "--output", str(csv_file)) == 0
    n = sconn.execute("SELECT count(*) FROM analytics.events").fetchone()[0]

    frame = pd.read_parquet(parquet)
    assert len(frame) == n
    for name in INT_COLUMNS[columns]:
        assert str(frame[name].dtype) == "Int64", name
    table = pq.read_table(parquet)
    assert all(str(table.schema.field(name).type) == "int64" for name in INT_COLUMNS[columns])
    assert str(table.schema.field("event_date").type) == "date32[day]"

    from_csv = pd.read_csv(csv_file, dtype_backend="numpy_nullable")
    assert len(from_csv) == n
    for name in INT_COLUMNS[columns]:
        assert str(from_csv[name].dtype) == "Int64", name
    assert from_csv["event_date"].tolist() == [d.isoformat() for d in frame["event_date"]]
    assert (frame["fatalities"].fillna(0).sum() == from_csv["fatalities"].fillna(0).sum()
            == sconn.execute("SELECT coalesce(sum(fatalities), 0) FROM analytics.events").fetchone()[0])
    if columns == "native":
        assert str(frame["updated_at"].dtype).startswith("datetime64") and str(frame["updated_at"].dt.tz) == "UTC"
        parsed = pd.to_datetime(from_csv["updated_at"].astype(str))
        assert str(parsed.dt.tz) == "UTC" and (parsed == frame["updated_at"]).all()
        arrow_csv = pacsv.read_csv(csv_file)
        assert arrow_csv.schema.field("first_seen_at").type.tz == "UTC"
        assert str(arrow_csv.schema.field("fatalities").type) == "int64"
        assert frame["fatalities"].isna().any()  # unknown stays unknown in the native shape
        assert all(u.startswith("http://127.0.0.1") for cell in frame["source_urls"] for u in cell.split("; "))
    else:
        assert not frame["fatalities"].isna().any()


@pytest.mark.parametrize("columns", ["native", "acled"])
def test_an_empty_export_is_typed_and_concatenates_with_a_full_one(seeded, sconn, tmp_path, columns):
    import pandas as pd
    import pyarrow as pa
    import pyarrow.parquet as pq

    full, empty = tmp_path / "full.parquet", tmp_path / "empty.parquet"
    assert export_events(sconn, full, "parquet", columns=columns) > 0
    assert export_events(sconn, empty, "parquet", since=date(2100, 1, 1), columns=columns) == 0
    assert pq.read_schema(empty) == pq.read_schema(full)
    assert pa.concat_tables([pq.read_table(empty), pq.read_table(full)]).num_rows == pq.read_table(full).num_rows
    both = pd.concat([pd.read_parquet(empty), pd.read_parquet(full)])
    assert both.dtypes.to_dict() == pd.read_parquet(full).dtypes.to_dict()
    assert export_events(sconn, tmp_path / "empty.csv", "csv", until=date(1900, 1, 1), columns=columns) == 0
    assert (tmp_path / "empty.csv").read_text().splitlines() == [",".join(c.name for c in
                                                                          (ACLED_COLUMNS if columns == "acled" else NATIVE_COLUMNS))]


def test_export_refuses_to_overwrite_without_force(seeded, tmp_path, monkeypatch, capsys):
    out = tmp_path / "e.csv"
    out.write_text("keep me")
    assert _cli_export(seeded, monkeypatch, "--output", str(out)) == 2
    assert out.read_text() == "keep me"
    assert "--force" in capsys.readouterr().err
    assert _cli_export(seeded, monkeypatch, "--output", str(out), "--force") == 0
    assert out.read_text().startswith("event_id,event_id_cnty,event_date")
    assert not list(tmp_path.glob("*.partial"))


def test_since_and_until_select_by_event_date(seeded, sconn, tmp_path):
    n = export_events(sconn, tmp_path / "w.csv", "csv", since=date(2014, 3, 29), until=date(2014, 3, 31),
                      columns="acled")
    assert n == sconn.execute("SELECT count(*) FROM analytics.events WHERE event_date BETWEEN '2014-03-29'"
                              " AND '2014-03-31'").fetchone()[0] > 0
    with (tmp_path / "w.csv").open() as fh:
        rows = list(csv.DictReader(fh))
    assert {r["event_date"] for r in rows} <= {"2014-03-29", "2014-03-30", "2014-03-31"}
    keys = [(r["event_date"], int(r["event_id_cnty"][3:])) for r in rows]
    assert keys == sorted(keys)  # by date, then by the id's number


def test_event_id_cnty_is_stable_across_reprocessing(seeded, sconn, tmp_path):
    from dataclasses import replace

    from pipeline.config import Settings
    from pipeline.reprocess import reprocess

    # a reprocess that changes nothing changes no row, so ACLED's "timestamp" stays too
    query = ('SELECT event_id_cnty, sub_event_type, location, fatalities, "timestamp" FROM analytics.acled_events'
             ' ORDER BY 1')
    before = sconn.execute(query).fetchall()
    settings = replace(Settings(), database_url=seeded, data_dir=tmp_path)
    assert reprocess(sconn, settings, "reprocess-dropin", since=date(2013, 1, 1))["status"] == "success"
    assert sconn.execute(query).fetchall() == before
