"""The ingest DAG scaled out on a real engine: Airflow's CeleryExecutor with a Redis broker on
127.0.0.1:6379, two Celery workers, and the scheduler, dag-processor and api-server as their own
processes, with the metadata on PostgreSQL. The tasks must spread over both workers and the
eventwire tables must come out as they do from `airflow dags test` on the same input.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from contextlib import ExitStack
from pathlib import Path

import psycopg
import pytest

from pipeline.db import temp_database
from pipeline.fetch.wire import serve_wire

pytestmark = pytest.mark.dags

REPO = Path(__file__).resolve().parents[2]
AIRFLOW = str(Path(sys.executable).with_name("airflow"))
WORKERS = ("worker-a", "worker-b")
BAD_PAGES = {
    "/articles/photo-gallery.html": (200, "text/html; charset=utf-8",
                                     "<html><head><title>Gallery</title></head><body><nav>Home | World</nav>"
                                     "<h1>Photo gallery</h1><p>Pictures of the week.</p></body></html>"),
    "/articles/gone.html": (404, "text/html; charset=utf-8", "<html><body>Not found</body></html>"),
}
BATCH_SIZE = "3"  # 7 articles in 3 batches: mapped tasks run side by side, so both workers get work
RUN_DEADLINE = 200


def worker_hostname() -> str:
    """`[core] hostname_callable` of the workers: both run on this machine, so each reports its own name
    (EVENTWIRE_TEST_WORKER_NAME) as the task instance's hostname."""
    return os.environ.get("EVENTWIRE_TEST_WORKER_NAME") or socket.getfqdn()


def _redis_unreachable() -> str | None:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=2) as sock:
            sock.sendall(b"PING\r\n")
            reply = sock.recv(64)
    except OSError as exc:
        return f"Redis is not reachable on 127.0.0.1:6379 ({exc})"
    if not reply.startswith(b"+PONG"):
        return f"Redis on 127.0.0.1:6379 did not answer PING (got {reply!r})"
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _sqlalchemy_url(conninfo: str, scheme: str) -> str:
    """A libpq conninfo (a socket directory as host included) as a SQLAlchemy URL for the psycopg 3 driver."""
    from urllib.parse import quote, urlencode

    info = psycopg.conninfo.conninfo_to_dict(conninfo)
    auth = quote(info.get("user") or "postgres") + (":" + quote(info["password"]) if info.get("password") else "")
    query = urlencode({k: info[k] for k in ("host", "port") if info.get(k)})
    return f"{scheme}{auth}@/{quote(info['dbname'])}?{query}"


class Processes:
    """Airflow services as process groups, each logging to a file; all of them ended on exit."""

    def __init__(self, log_dir: Path):
        self.log_dir = log_dir
        self.procs: dict[str, subprocess.Popen] = {}

    def start(self, name: str, args: list[str], env: dict) -> None:
        log = open(self.log_dir / f"{name}.log", "wb")  # noqa: SIM115 (closed with the process)
        self.procs[name] = subprocess.Popen([AIRFLOW, *args], env=env, cwd=REPO, stdout=log, stderr=subprocess.STDOUT,
                                            stdin=subprocess.DEVNULL, start_new_session=True)
        log.close()

    def log(self, name: str) -> str:
        path = self.log_dir / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def check_alive(self) -> None:
        dead = {n: p.returncode for n, p in self.procs.items() if p.poll() is not None}
        assert not dead, f"airflow processes exited: {dead}\n" + "\n".join(
            f"--- {n}\n{self.log(n)[-3000:]}" for n in dead)

    def stop(self) -> None:
        for proc in self.procs.values():
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        deadline = time.monotonic() + 15
        for proc in self.procs.values():
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                pass
            try:  # the group too: task runners and Celery pool children
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait(timeout=10)


def _wait_for(predicate, timeout: float, what: str, procs: Processes):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        procs.check_alive()
        value = predicate()
        if value:
            return value
        time.sleep(0.5)
    logs = "\n".join(f"--- {n}\n{procs.log(n)[-2500:]}" for n in procs.procs)
    raise AssertionError(f"gave up after {timeout:.0f}s waiting for {what}\n{logs}")


def _api_healthy(port: int) -> bool:
    import httpx

    try:
        return httpx.get(f"http://127.0.0.1:{port}/api/v2/monitor/health", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def _eventwire_outcome(url: str) -> dict:
    with psycopg.connect(url) as conn:
        events = {tuple(r) for r in conn.execute(
            "SELECT sub_event_type, location, event_date::text FROM analytics.events")}
        statuses = {url.rsplit("/", 1)[1]: status for url, status in conn.execute(
            "SELECT url, status FROM eventwire.articles")}
        runs = conn.execute("SELECT status, articles_in, articles_loaded, articles_quarantined FROM eventwire.runs"
                            " WHERE articles_in > 0").fetchall()
    return {"events": events, "statuses": statuses, "runs": runs}


@pytest.fixture(scope="module")
def celery_run(pg_server_url, template_db, airflow_env, tmp_path_factory):
    """One cycle of eventwire_ingest on CeleryExecutor, and one of `airflow dags test`, over the same wire."""
    reason = _redis_unreachable()
    if reason:
        pytest.skip(reason)
    pytest.importorskip("airflow.providers.celery", reason="apache-airflow-providers-celery is not installed")

    home = tmp_path_factory.mktemp("airflow-celery")
    dags = home / "dags"
    dags.mkdir()
    (dags / "eventwire_ingest.py").symlink_to(REPO / "dags" / "eventwire_ingest.py")  # this DAG only
    queue = f"eventwire-test-{uuid.uuid4().hex[:8]}"
    port = _free_port()
    with ExitStack() as stack:
        wire = stack.enter_context(serve_wire(REPO / "seeds", extra_pages=BAD_PAGES))
        metadata, _ = stack.enter_context(temp_database(pg_server_url, prefix="ew_celery"))
        celery_db, _ = stack.enter_context(temp_database(pg_server_url, template_db, "ew_celery"))
        reference_db, _ = stack.enter_context(temp_database(pg_server_url, template_db, "ew_celery"))
        pipeline_env = {"EVENTWIRE_FEEDS": wire.feed_url, "EVENTWIRE_BATCH_SIZE": BATCH_SIZE,
                        "EVENTWIRE_PER_HOST_DELAY": "0", "EVENTWIRE_CYCLE_DEADLINE_MINUTES": "0"}

        # the reference cycle runs alongside the Celery stack's start-up (both take about a minute)
        started = time.monotonic()
        reference_log = open(home / "reference.log", "w+")  # noqa: SIM115
        stack.callback(reference_log.close)
        reference = subprocess.Popen(
            [AIRFLOW, "dags", "test", "eventwire_ingest"], stdout=reference_log, stderr=subprocess.STDOUT,
            start_new_session=True, cwd=REPO,
            env=dict(airflow_env, **pipeline_env, EVENTWIRE_DATABASE_URL=reference_db,
                     EVENTWIRE_DATA_DIR=str(tmp_path_factory.mktemp("ref-data"))))
        stack.callback(_end_group, reference)

        env = dict(os.environ, **pipeline_env, **{
            "EVENTWIRE_DATABASE_URL": celery_db,
            "EVENTWIRE_DATA_DIR": str(tmp_path_factory.mktemp("celery-data")),
            "PYTHONPATH": str(REPO),
            "AIRFLOW_HOME": str(home),
            "AIRFLOW__CORE__DAGS_FOLDER": str(dags),
            "AIRFLOW__CORE__PLUGINS_FOLDER": str(REPO / "plugins"),  # the feed watcher's trigger class
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__CORE__EXECUTOR": "CeleryExecutor",
            "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": "True",
            "AIRFLOW__CORE__HOSTNAME_CALLABLE": f"{__name__}.worker_hostname",
            "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://127.0.0.1:{port}/execution/",
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": _sqlalchemy_url(metadata, "postgresql+psycopg://"),
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_ASYNC": _sqlalchemy_url(metadata, "postgresql+psycopg://"),
            "AIRFLOW__CELERY__BROKER_URL": "redis://127.0.0.1:6379/0",
            "AIRFLOW__CELERY__RESULT_BACKEND": _sqlalchemy_url(metadata, "db+postgresql+psycopg://"),
            "AIRFLOW__CELERY__WORKER_CONCURRENCY": "1",
            "AIRFLOW__CELERY__WORKER_PREFETCH_MULTIPLIER": "1",
            "AIRFLOW__CELERY__CELERY_CONFIG_OPTIONS": "tools.celery_worker.CELERY_CONFIG",  # preloaded workers
            "AIRFLOW__OPERATORS__DEFAULT_QUEUE": queue,
            "AIRFLOW__API__HOST": "127.0.0.1",
            "AIRFLOW__API__PORT": str(port),
            "AIRFLOW__API__WORKERS": "1",
            "AIRFLOW__API__SECRET_KEY": secrets.token_hex(16),
            "AIRFLOW__API_AUTH__JWT_SECRET": secrets.token_hex(32),
            "AIRFLOW__SCHEDULER__SCHEDULER_HEARTBEAT_SEC": "1",
            "AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL": "5",
            "AIRFLOW__LOGGING__BASE_LOG_FOLDER": str(home / "logs"),
        })
        done = subprocess.run([AIRFLOW, "db", "migrate"], env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr[-3000:]
        done = subprocess.run([AIRFLOW, "pools", "import", str(REPO / "dags" / "pools.json")], env=env,
                              capture_output=True, text=True, timeout=120)  # the DAG's tasks name these pools
        assert done.returncode == 0, done.stderr[-3000:]

        procs = Processes(home)
        stack.callback(procs.stop)
        stack.callback(_drop_queue, queue)
        procs.start("api-server", ["api-server", "--port", str(port)], env)
        procs.start("dag-processor", ["dag-processor"], env)
        procs.start("scheduler", ["scheduler"], env)
        procs.start("triggerer", ["triggerer", "--skip-serve-logs"], env)  # runs the feed watcher
        for name in WORKERS:
            procs.start(name, ["celery", "worker", "--celery-hostname", f"{name}@%h", "--queues", queue,
                               "--concurrency", "1", "--skip-serve-logs"],
                        dict(env, EVENTWIRE_TEST_WORKER_NAME=name))

        with psycopg.connect(metadata, autocommit=True) as meta:
            _wait_for(lambda: _api_healthy(port), 120, "the api-server", procs)
            _wait_for(lambda: all(f"{n}@" in procs.log(n) and " ready." in procs.log(n) for n in WORKERS), 120,
                      "both Celery workers", procs)
            _wait_for(lambda: meta.execute("SELECT 1 FROM dag WHERE dag_id = 'eventwire_ingest'").fetchone(), 120,
                      "the dag-processor to serialize the DAG", procs)
            stack_seconds = time.monotonic() - started
            # switched on, the DAG's asset watcher starts in the triggerer: its first poll stores the wire's
            # items and fires, and that asset event starts the run (no run without new items)
            meta.execute("UPDATE dag SET is_paused = false WHERE dag_id = 'eventwire_ingest'")

            def first_run_finished():
                row = meta.execute("SELECT run_id, state FROM dag_run WHERE dag_id = 'eventwire_ingest'"
                                   " ORDER BY id LIMIT 1").fetchone()
                return row if row and row[1] in ("success", "failed") else None

            run_id, state = _wait_for(first_run_finished, RUN_DEADLINE, "the first DAG run to finish", procs)
            tasks = meta.execute("SELECT task_id, map_index, state, hostname, queue FROM task_instance"
                                 " WHERE dag_id = 'eventwire_ingest' AND run_id = %s", (run_id,)).fetchall()
            run_type = meta.execute("SELECT run_type FROM dag_run WHERE run_id = %s", (run_id,)).fetchone()[0]
        run_seconds = time.monotonic() - started - stack_seconds
        logs = {n: procs.log(n)[-3000:] for n in procs.procs}
        assert reference.wait(timeout=300) == 0, (home / "reference.log").read_text()[-5000:]
        reference_seconds = time.monotonic() - started
        yield {"state": state, "run_type": run_type, "tasks": tasks, "queue": queue, "logs": logs,
               "celery": _eventwire_outcome(celery_db), "reference": _eventwire_outcome(reference_db),
               "seconds": {"stack up": stack_seconds, "celery run": run_seconds, "reference done": reference_seconds}}
    shutil.rmtree(home, ignore_errors=True)


def _end_group(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


def _drop_queue(queue: str) -> None:
    """Leave the shared Redis as found: the test's queue key goes with the test."""
    import redis

    try:
        client = redis.Redis(host="127.0.0.1", port=6379, socket_timeout=2)
        client.delete(queue, *client.keys(f"*{queue}*"))
    except redis.RedisError:
        pass


def test_celery_run_succeeds(celery_run):
    failed = [t for t in celery_run["tasks"] if t[2] not in ("success", "skipped")]
    assert celery_run["state"] == "success", (failed, celery_run["logs"])
    assert not failed
    assert celery_run["run_type"] == "asset_triggered"  # started by the feed watcher's event
    print("timings (s):", {k: round(v) for k, v in celery_run["seconds"].items()})


def test_tasks_ran_on_both_workers(celery_run):
    hosts = {hostname for _, _, state, hostname, _ in celery_run["tasks"] if state == "success"}
    assert hosts == set(WORKERS), celery_run["tasks"]
    assert {queue for *_, queue in celery_run["tasks"]} == {celery_run["queue"]}
    mapped = [t for t in celery_run["tasks"] if t[0] == "fetch_clean_extract"]
    assert len(mapped) == 3  # 7 articles in batches of 3


def test_celery_tables_equal_the_dags_test_run(celery_run):
    celery, reference = celery_run["celery"], celery_run["reference"]
    assert celery["events"] == reference["events"] and len(celery["events"]) > 20
    assert celery["statuses"] == reference["statuses"]
    assert sorted(celery["statuses"].values()).count("loaded") == 5
    assert celery["runs"] == reference["runs"] == [("success", 7, 5, 2)]
