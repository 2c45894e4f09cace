"""`eventwire db stop` after a killed run (issue 11, finding 8): the process that started the embedded
server is gone (kill -9), the postmaster still runs; `db stop` stops it for real and says so, and says
"none running" truthfully afterwards, also over a stale postmaster.pid."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from pipeline import db
from tests.conftest import REPO

pytestmark = pytest.mark.integration

STARTER = """
import sys, time, pgserver
pgserver.get_server(sys.argv[1], cleanup_mode=None)
print("up", flush=True)
time.sleep(600)
"""


def _cli(*args, data_dir):
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("EVENTWIRE_")},
           "PYTHONPATH": str(REPO), "EVENTWIRE_DATA_DIR": str(data_dir)}
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)


def _gone(pid: int) -> bool:
    """The process has exited (it may linger as a zombie where nothing reaps orphans, as in a container)."""
    try:
        with open(f"/proc/{pid}/status") as fh:
            return any(line.startswith("State:") and "Z" in line for line in fh)
    except FileNotFoundError:
        return True


def test_db_stop_stops_the_server_a_killed_run_left_running(tmp_path):
    pgdata = tmp_path / "pg"
    starter = subprocess.Popen([sys.executable, "-c", STARTER, str(pgdata)], stdout=subprocess.PIPE, text=True)
    try:
        assert starter.stdout.readline().strip() == "up"
        pid = db.postmaster_pid(pgdata)
        assert pid
        starter.send_signal(signal.SIGKILL)  # the run dies; its postmaster does not
        starter.wait(timeout=10)
        time.sleep(0.5)
        assert db.postmaster_pid(pgdata) == pid

        stopped = _cli("db", "stop", data_dir=tmp_path)
        assert stopped.returncode == 0 and stopped.stdout.strip() == f"embedded PostgreSQL stopped (pid {pid})"
        assert db.postmaster_pid(pgdata) is None
        assert _gone(pid)

        (pgdata / "postmaster.pid").write_text(f"{pid}\n")  # a stale file naming a dead process
        again = _cli("db", "stop", data_dir=tmp_path)
        assert again.returncode == 0 and again.stdout.startswith("no embedded PostgreSQL running (a stale")
    finally:
        if starter.poll() is None:
            starter.kill()
        live = db.postmaster_pid(pgdata)
        if live:
            os.kill(live, signal.SIGINT)
