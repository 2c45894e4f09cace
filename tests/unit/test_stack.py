"""What `make airflow` starts, checked without starting it: the environment every component gets
(metadata on PostgreSQL through psycopg 3, known login, LocalExecutor, repo dags/plugins) and the
command lines; and that the module never imports Airflow itself."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tools.stack import COMPONENTS, TASK_PRELOAD, StackConfig, sqlalchemy_url, stack_commands, stack_env, with_dbname
from tests.conftest import REPO

pytestmark = pytest.mark.unit


def _cfg(tmp_path: Path, **over) -> StackConfig:
    return StackConfig(**{
        "eventwire_url": "postgresql://postgres:@/postgres?host=/srv/pg",
        "metadata_url": sqlalchemy_url(with_dbname("postgresql://postgres:@/postgres?host=/srv/pg", "airflow")),
        "home": tmp_path / "airflow-stack", "data_dir": tmp_path, "port": 8123, **over})


def test_socket_and_tcp_urls_become_psycopg3_sqlalchemy_urls():
    assert sqlalchemy_url("postgresql://postgres:@/postgres?host=/srv/pg") == "postgresql+psycopg://postgres@/postgres?host=%2Fsrv%2Fpg"
    assert sqlalchemy_url("host=127.0.0.1 port=5433 user=u password=p dbname=airflow") == "postgresql+psycopg://u:p@127.0.0.1:5433/airflow"
    assert "dbname=airflow" in with_dbname("postgresql://postgres@127.0.0.1:5432/postgres", "airflow")


def test_every_component_gets_the_same_metadata_db_login_and_folders(tmp_path):
    cfg = _cfg(tmp_path, wire_url="http://127.0.0.1:8765", scheduled_runs=False)
    env = stack_env(cfg, base={"PATH": "/usr/bin", "EVENTWIRE_WIRE_URL": "http://stale"})

    assert env["AIRFLOW_HOME"] == str(tmp_path / "airflow-stack")
    assert env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"].startswith("postgresql+psycopg://")
    assert env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"].endswith("/airflow?host=%2Fsrv%2Fpg")
    assert env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_ASYNC"].startswith("postgresql+psycopg_async://")
    assert env["AIRFLOW__CORE__EXECUTOR"] == "LocalExecutor"
    assert env["AIRFLOW__CORE__DAGS_FOLDER"] == str(REPO / "dags")
    assert env["AIRFLOW__CORE__PLUGINS_FOLDER"] == str(REPO / "plugins")
    assert env["AIRFLOW__CORE__LOAD_EXAMPLES"] == "False"
    assert env["AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS"] == "admin:admin"
    assert env["AIRFLOW__CORE__EXECUTION_API_SERVER_URL"] == "http://127.0.0.1:8123/execution/"
    assert env["AIRFLOW__SCHEDULER__USE_JOB_SCHEDULE"] == "False"
    assert env["EVENTWIRE_DATABASE_URL"] == cfg.eventwire_url
    assert env["EVENTWIRE_WIRE_URL"] == "http://127.0.0.1:8765"
    assert not (tmp_path / "airflow-stack").exists(), "building the environment must not write anything"


def test_without_the_wire_no_wire_url_leaks_in(tmp_path):
    env = stack_env(_cfg(tmp_path), base={"EVENTWIRE_WIRE_URL": "http://stale"})
    assert "EVENTWIRE_WIRE_URL" not in env


def test_the_four_components_run_from_this_venv(tmp_path):
    commands = stack_commands(_cfg(tmp_path))

    assert tuple(commands) == COMPONENTS
    assert all(cmd[0] == str(Path(sys.executable).with_name("airflow"))
               for name, cmd in commands.items() if name != "scheduler")
    # the scheduler through tools/airflow_scheduler.py: this venv's Python, its task forkserver started at once
    assert commands["scheduler"][:2] == [sys.executable, str(REPO / "tools" / "airflow_scheduler.py")]
    assert commands["api-server"][1:] == ["api-server", "--host", "127.0.0.1", "--port", "8123", "--workers", "1"]
    # Airflow's task-log servers would listen on every interface: they are not started (issue 11, finding 8)
    assert commands["scheduler"][2:] == ["--skip-serve-logs"]
    assert commands["triggerer"][1:] == ["triggerer", "--skip-serve-logs"]


def test_the_stack_module_does_not_import_airflow():
    probe = "import sys, tools.stack; print(sorted(m for m in sys.modules if m.split('.')[0] == 'airflow'))"
    done = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


# In a process forked from the forkserver: which preload modules it lacks, and whether extract's
# gazetteer is loaded (pipeline.warm). eval is pickled by name, so no test module has to be importable.
PRELOAD_PROBE = """
import multiprocessing, sys
from tools.stack import TASK_PRELOAD
ctx = multiprocessing.get_context("forkserver")
ctx.set_forkserver_preload(list(TASK_PRELOAD))
with ctx.Pool(1) as pool:
    print(pool.apply(eval, ("([m for m in %r if m not in __import__('sys').modules], "
                            "__import__('pipeline.extract.places', fromlist=['_']).load_gazetteer.cache_info().currsize, "
                            "__import__('airflow.sdk.plugins_manager', fromlist=['_'])._get_plugins.cache_info().currsize)"
                            % (TASK_PRELOAD,),)))
"""


def test_the_schedulers_task_processes_start_with_the_pipeline_imported(tmp_path):
    """The forkserver skips a preload module it cannot import without a word: every one must import
    there (plugins on sys.path through `airflow`), and the extract tables must be loaded."""
    env = stack_env(_cfg(tmp_path))
    assert env["AIRFLOW__SCHEDULER__MP_START_METHOD"] == "forkserver"
    assert env["AIRFLOW__SCHEDULER__MP_FORKSERVER_PRELOAD"].split(",") == list(TASK_PRELOAD)
    assert "AIRFLOW__CORE__MP_START_METHOD" not in env  # triggerer and dag-processor keep their default
    done = subprocess.run([sys.executable, "-c", PRELOAD_PROBE], cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=180)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip().splitlines()[-1] == "([], 1, 1)"  # modules, extract tables, plugins folder


CELERY_PROBE = """
import sys
from celery import Celery
from tools.celery_worker import CELERY_CONFIG
app = Celery("probe", config_source=CELERY_CONFIG)
app.loader.import_default_modules()  # what `airflow celery worker` does before it forks its pool
from tools.stack import TASK_PRELOAD
print(([m for m in TASK_PRELOAD if m not in sys.modules],
       __import__('pipeline.extract.places', fromlist=['_']).load_gazetteer.cache_info().currsize,
       __import__('airflow.sdk.plugins_manager', fromlist=['_'])._get_plugins.cache_info().currsize))
"""


def test_celery_workers_import_the_same_modules_before_forking(tmp_path):
    """With tools.celery_worker's settings, a Celery worker imports every TASK_PRELOAD module (and loads
    extract's tables) at start-up, so its task processes inherit them as the LocalExecutor's do."""
    env = dict(stack_env(_cfg(tmp_path)), PYTHONPATH=str(REPO))
    done = subprocess.run([sys.executable, "-c", CELERY_PROBE], cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=180)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip().splitlines()[-1] == "([], 1, 1)"  # modules, extract tables, plugins folder
