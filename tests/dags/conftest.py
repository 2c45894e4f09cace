"""Airflow for the DAG tests: its own AIRFLOW_HOME (SQLite metadata, migrated once per session)
with `[core] dags_folder` pointing at this repo's dags/, as `dag.test()` requires."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
AIRFLOW_HOME = Path(tempfile.mkdtemp(prefix="eventwire-airflow-"))

AIRFLOW_ENV = {
    "AIRFLOW_HOME": str(AIRFLOW_HOME),
    "AIRFLOW__CORE__DAGS_FOLDER": str(REPO / "dags"),
    "AIRFLOW__CORE__PLUGINS_FOLDER": str(REPO / "plugins"),
    "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
    "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{AIRFLOW_HOME / 'airflow.db'}",
    # dag.test() in Airflow 3.3 cannot close a run of a DAG with a deadline (see dags/eventwire_ingest.py)
    "EVENTWIRE_CYCLE_DEADLINE_MINUTES": "0",
}
# Set before anything imports airflow in this process (DagBag in the integrity test).
os.environ.update(AIRFLOW_ENV)


@pytest.fixture(scope="session")
def airflow_env():
    """Environment for `airflow` subprocesses, with the metadata database migrated."""
    env = dict(os.environ, **AIRFLOW_ENV)
    airflow = str(Path(sys.executable).with_name("airflow"))
    done = subprocess.run([airflow, "db", "migrate"], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return env
