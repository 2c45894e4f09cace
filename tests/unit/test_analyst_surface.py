"""The analyst's surface without a database: reference data in step with its reviewed file and the
ACLED codebook, `eventwire export`'s checks before it reads anything, `eventwire settings` and --help."""

from __future__ import annotations

import argparse
import re
from datetime import date

import pytest

from pipeline import cli
from pipeline.config import REPO_ROOT, Settings, redact_url
from pipeline.ontology import INTER_CODES, SUB_EVENT_TYPES
from pipeline.reference import BEGIN_MARK, END_MARK, countries_values_sql, read_countries

pytestmark = pytest.mark.unit

MIGRATION = (REPO_ROOT / "sql" / "013_analyst_dropin.sql").read_text(encoding="utf-8")
ACLED_REGIONS = {"Western Africa", "Middle Africa", "Eastern Africa", "Southern Africa", "Northern Africa",
                 "Middle East", "Caucasus and Central Asia", "South Asia", "Southeast Asia", "East Asia", "Europe",
                 "North America", "Central America", "South America", "Caribbean", "Oceania", "Antarctica"}


def test_the_migration_carries_exactly_the_reviewed_countries_file():
    block = MIGRATION.split(BEGIN_MARK + "\n", 1)[1].split("\n" + END_MARK, 1)[0]
    assert block == countries_values_sql()


def test_countries_file_has_unique_codes_and_acled_regions():
    rows = read_countries()
    assert len(rows) >= 249
    assert len({r["iso2"] for r in rows}) == len({r["iso3"] for r in rows}) == len(rows)
    assert {r["acled_region"] for r in rows} <= ACLED_REGIONS
    by_code = {r["iso2"]: r for r in rows}
    assert (by_code["SY"]["iso3"], by_code["SY"]["iso_numeric"], by_code["SY"]["acled_region"]) == ("SYR", "760", "Middle East")
    assert by_code["IR"]["acled_region"] == by_code["TR"]["acled_region"] == "Middle East"
    assert by_code["EG"]["acled_region"] == by_code["SD"]["acled_region"] == "Northern Africa"
    assert by_code["GE"]["acled_region"] == by_code["KZ"]["acled_region"] == "Caucasus and Central Asia"
    assert by_code["MX"]["acled_region"] == "Central America" and by_code["UA"]["acled_region"] == "Europe"


def test_every_sub_event_type_has_a_disorder_type_and_every_inter_code_a_label():
    disorder = dict(re.findall(r"\('([^']+)', '(Political violence|Demonstrations|Strategic developments|"
                               r"Political violence; Demonstrations)'\)", MIGRATION))
    assert set(disorder) == set(SUB_EVENT_TYPES)
    labels = dict(re.findall(r"\((\d), '([^']+)'\)", MIGRATION.split("acled_actor_types (inter, label) VALUES", 1)[1]))
    assert set(map(int, labels)) == set(INTER_CODES)
    assert labels["2"] == "Rebel group" and labels["8"] == "External/Other forces"


def _export_args(tmp_path, *extra):
    parser = cli.build_parser()
    return parser.parse_args(["export", *extra])


def test_export_checks_its_arguments_before_reading_anything(tmp_path):
    ok = _export_args(tmp_path, "--output", str(tmp_path / "e.parquet"))
    assert cli.export_target(ok) == ("parquet", tmp_path / "e.parquet")  # the suffix chooses the format
    cases = {
        ("--since", "2015-01-02", "--until", "2015-01-01", "--output", str(tmp_path / "e.csv")): "after --until",
        ("--format", "csv", "--output", str(tmp_path / "e.parquet")): "does not end in .csv",
        ("--format", "parquet", "--output", str(tmp_path / "e.txt")): "does not end in .parquet",
        ("--output", str(tmp_path / "missing" / "e.csv")): "does not exist",
    }
    for extra, message in cases.items():
        with pytest.raises(ValueError, match=message):
            cli.export_target(_export_args(tmp_path, *extra))
    (tmp_path / "e.csv").write_text("x")
    with pytest.raises(ValueError, match="--force"):
        cli.export_target(_export_args(tmp_path, "--output", str(tmp_path / "e.csv")))
    assert cli.export_target(_export_args(tmp_path, "--output", str(tmp_path / "e.csv"), "--force"))[0] == "csv"


def test_export_usage_errors_are_one_line_and_exit_2(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("EVENTWIRE_DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")  # never reached
    code = cli.main(["export", "--since", "2015-01-02", "--until", "2015-01-01", "--output", str(tmp_path / "e.csv")])
    err = capsys.readouterr().err.strip()
    assert code == 2 and len(err.splitlines()) == 1 and "after --until" in err
    assert not (tmp_path / "e.csv").exists()
    with pytest.raises(SystemExit) as bad_date:
        cli.main(["export", "--since", "2015-13-01"])
    assert bad_date.value.code == 2


def test_settings_show_effective_values_and_where_they_came_from(monkeypatch):
    for name in list(__import__("os").environ):
        if name.startswith("EVENTWIRE_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("EVENTWIRE_BATCH_SIZE", "7")
    monkeypatch.setenv("EVENTWIRE_DATABASE_URL", "postgresql://ew:s3cret@db.example:5432/ew")
    rows = {r["variable"]: r for r in Settings.effective()}
    assert (rows["EVENTWIRE_BATCH_SIZE"]["value"], rows["EVENTWIRE_BATCH_SIZE"]["from"]) == ("7", "env")
    assert (rows["EVENTWIRE_HTTP_TIMEOUT"]["value"], rows["EVENTWIRE_HTTP_TIMEOUT"]["from"]) == ("10.0", "default")
    assert rows["EVENTWIRE_DATABASE_URL"]["value"] == "postgresql://ew:***@db.example:5432/ew"
    text = Settings.describe_effective()
    assert "s3cret" not in text and "EVENTWIRE_BATCH_SIZE" in text


def test_passwords_are_redacted_in_urls_and_conninfo():
    assert redact_url("postgresql://u:p@h/db") == "postgresql://u:***@h/db"
    assert redact_url("host=h password=secret dbname=x") == "host=h password=*** dbname=x"
    assert redact_url("postgresql://u@h/db") == "postgresql://u@h/db"


def test_every_subcommand_has_help_text():
    parser = cli.build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    helps = {c.dest: c.help for c in sub._choices_actions}
    assert set(helps) == set(sub.choices)
    for name, p in sub.choices.items():
        assert helps[name], name
        assert p.description, f"`eventwire {name} --help` has no description"
        for action in p._actions:
            if action.dest != "help":
                assert action.help, f"eventwire {name}: {action.dest} has no help"
    assert '"; "' in sub.choices["export"].description


def test_since_until_parse_as_dates():
    args = cli.build_parser().parse_args(["export", "--since", "2014-03-01"])
    assert args.since == date(2014, 3, 1) and args.until is None
