"""The command line under bad input and a careless operator (issue 11, findings 5 and 7), run as a
real process: `extract`/`clean` turn every bad line into an error line and go on; every other
mistake is one line that says what to do (no traceback unless --debug), with the right exit code,
and no password is ever printed."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys

import psycopg
import pytest

from pipeline import db
from tests.conftest import REPO

pytestmark = pytest.mark.integration

SECRET = "hunter2-not-for-logs"
GOOD_TEXT = ("Government forces shelled the village of Kafr Nabl in Idlib province on Sunday, "
             "killing three civilians, a monitoring group said.")


def _cli(*args: str, env: dict | None = None, stdin: bytes | None = None, timeout: float = 120):
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("EVENTWIRE_")}
    full_env.update({"PYTHONPATH": str(REPO), **(env or {})})
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], cwd=REPO, env=full_env, input=stdin,
                          capture_output=True, timeout=timeout)


def _one_line_error(proc) -> str:
    err = proc.stderr.decode("utf-8", "replace")
    lines = [line for line in err.splitlines() if line.startswith("eventwire")]
    assert "Traceback" not in err, err[-3000:]
    assert len(lines) == 1, err[-3000:]
    assert SECRET not in err and SECRET not in proc.stdout.decode("utf-8", "replace")
    return lines[0]


def test_extract_turns_every_bad_line_into_an_error_line_and_goes_on(tmp_path):
    lines = [
        json.dumps({"id": "good-1", "text": GOOD_TEXT, "published": "2019-05-05"}).encode(),
        b'{"id": "latin1", "text": "caf\xe9 bombed"}',  # invalid UTF-8
        b'{"id": "surrogate", "text": "a \\ud800 b"}',  # a lone surrogate
        b"[" * 100_000,  # deep recursion in the JSON reader
        b"not json at all",
        b'["a", "list"]',
        b'{"text": "no id"}',
        b'{"id": "no-text"}',
        json.dumps({"id": "good-2", "text": GOOD_TEXT}).encode(),
    ]
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_bytes(b"\n".join(lines) + b"\n")
    proc = _cli("extract", "--input", str(src), "--output", str(out))
    assert proc.returncode == 1, proc.stderr.decode()[-2000:]
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == len(lines)
    assert [r["id"] for r in rows] == ["good-1", None, "surrogate", None, None, None, None, "no-text", "good-2"]
    assert "events" in rows[0] and "events" in rows[-1] and rows[0]["events"]
    errors = [r.get("error", "") for r in rows[1:-1]]
    assert errors[0].startswith("line 2: not UTF-8")
    assert errors[1].startswith("line 3: text contains a lone surrogate")
    assert errors[2] == "line 4: not JSON (nested too deeply)"
    assert errors[3].startswith("line 5: not JSON")
    assert all(errors), rows
    assert b"7 of 9 lines had errors" in proc.stderr


def test_clean_reads_stdin_and_all_good_exits_0(tmp_path):
    record = {"id": 1, "html": "<html><head><title>T</title></head><body><article><p>"
                               + GOOD_TEXT + "</p></article></body></html>"}
    proc = _cli("clean", "--input", "-", "--output", "-", stdin=(json.dumps(record) + "\n").encode())
    assert proc.returncode == 0, proc.stderr.decode()[-2000:]
    assert json.loads(proc.stdout)["id"] == 1


def test_usage_and_missing_files_are_one_line_and_exit_2(tmp_path):
    assert _cli("extract", "--output", "-").returncode == 2  # argparse: --input missing
    proc = _cli("extract", "--input", str(tmp_path / "nope.jsonl"), "--output", "-")
    assert proc.returncode == 2
    assert "input file" in _one_line_error(proc) and "not found" in _one_line_error(proc)
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": 1, "text": "x"}\n')
    proc = _cli("clean", "--input", str(src), "--output", str(tmp_path / "no" / "such" / "out.jsonl"))
    assert proc.returncode == 2 and "output folder" in _one_line_error(proc)


def test_a_bad_setting_names_its_variable():
    proc = _cli("summary", env={"EVENTWIRE_BATCH_SIZE": "lots"})
    assert proc.returncode == 2
    assert _one_line_error(proc) == ("eventwire summary: bad setting: EVENTWIRE_BATCH_SIZE='lots' is not a whole "
                                     "number (default 25)")


def test_an_unreachable_database_is_one_line_without_its_password_and_debug_shows_the_traceback():
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"postgresql://ops:{SECRET}@127.0.0.1:{port}/eventwire?connect_timeout=3"
    proc = _cli("summary", env={"EVENTWIRE_DATABASE_URL": url})
    assert proc.returncode == 3
    assert "cannot use the database" in _one_line_error(proc) and "EVENTWIRE_DATABASE_URL" in _one_line_error(proc)
    for debug in (_cli("--debug", "summary", env={"EVENTWIRE_DATABASE_URL": url}),
                  _cli("summary", env={"EVENTWIRE_DATABASE_URL": url, "EVENTWIRE_DEBUG": "1"})):
        assert debug.returncode == 3 and b"Traceback" in debug.stderr and SECRET.encode() not in debug.stderr


def test_a_database_not_migrated_says_to_migrate(pg_server_url):
    with db.temp_database(pg_server_url, prefix="ew_bare") as (url, _):
        proc = _cli("summary", env={"EVENTWIRE_DATABASE_URL": url})
    assert proc.returncode == 3
    assert _one_line_error(proc).endswith("run `eventwire db migrate`")


def test_feed_list_mistakes_stop_the_run_in_one_line(db_url, tmp_path):
    feeds = tmp_path / "feeds.yaml"
    feeds.write_text("- name: wire\n  url: http://127.0.0.1:9/feed.xml\n  enabled: \"no\"\n")
    proc = _cli("run", "--no-airflow", "--no-wire", env={"EVENTWIRE_DATABASE_URL": db_url,
                                                        "EVENTWIRE_FEEDS_FILE": str(feeds),
                                                        "EVENTWIRE_DATA_DIR": str(tmp_path)})
    assert proc.returncode == 2
    line = _one_line_error(proc)
    assert "feed list:" in line and "feed #1 (wire): enabled must be true or false" in line
    with psycopg.connect(db_url) as conn:  # the run that could not start is not left `running`
        assert conn.execute("SELECT count(*) FROM eventwire.runs WHERE status = 'running'").fetchone()[0] == 0


def test_a_busy_port_is_one_line():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        proc = _cli("wire", "--port", str(s.getsockname()[1]))
    assert proc.returncode == 2 and "port is in use" in _one_line_error(proc)


def test_run_and_summary_never_print_the_database_password(db_url, tmp_path):
    from urllib.parse import quote

    parts = psycopg.conninfo.conninfo_to_dict(db_url)
    with_password = (f"postgresql://{parts.get('user', 'postgres')}:{SECRET}@/{parts['dbname']}"
                     f"?host={quote(parts['host'])}" + (f"&port={parts['port']}" if parts.get("port") else ""))
    proc = _cli("summary", env={"EVENTWIRE_DATABASE_URL": with_password})
    out = proc.stdout.decode()
    assert proc.returncode == 0, proc.stderr.decode()[-2000:]
    assert "look for yourself" in out and SECRET not in out and SECRET not in proc.stderr.decode()
