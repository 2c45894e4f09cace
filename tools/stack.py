"""`make airflow`: the whole Airflow 3 stack on this machine, in the foreground, until Ctrl-C.

The embedded PostgreSQL holds eventwire's data and, in a database of its own, Airflow's metadata;
api-server, scheduler, dag-processor and triggerer run as child processes (LocalExecutor) with
AIRFLOW_HOME under `<data_dir>/airflow-stack`. This module never imports Airflow: it drives the
`airflow` command, so `stack_env` and `stack_commands` can be checked without starting anything.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import psycopg.sql

from pipeline.config import REPO_ROOT, Settings
from pipeline.db import with_dbname
from pipeline.safety import redact_url

COMPONENTS = ("api-server", "scheduler", "dag-processor", "triggerer")
DEFAULT_USER, DEFAULT_PASSWORD = "admin", "admin"
POOLS_FILE = REPO_ROOT / "dags" / "pools.json"
# What a task process would otherwise import on every start (~3 s of CPU with Great Expectations): the
# scheduler's LocalExecutor workers come from a forkserver that imported these once, and each task
# process is an os.fork of its worker, so it inherits them. `airflow` first: importing it puts the
# plugins folder (eventwire_triggers, imported by the DAG file) on sys.path. The forkserver ignores a
# module it cannot import, so tests/unit/test_stack.py imports each of them. pipeline.warm also loads
# extract's tables and the GX context there. The task runner's own lazy imports count too: the DagBag
# that parses the DAG file (airflow.dag_processing.dagbag: 0.25 s of CPU, more than half of what a task
# process spent before its work), the @task operator, the supervisor of each LocalExecutor worker
# (measured by forking from a preloaded process and importing each, 2026-11-30); tools.task_preload
# loads the plugins folder (another 0.25 s a task).
TASK_PRELOAD = (
    "airflow", "airflow.executors.local_executor", "airflow.sdk", "airflow.sdk.execution_time.task_runner",
    "airflow.sdk.execution_time.supervisor", "airflow.sdk.execution_time.task_mapping",
    "airflow.sdk.execution_time.timeout", "airflow.dag_processing.dagbag",
    "airflow.providers.standard.decorators.python", "airflow.sdk.definitions.asset.decorators",
    "pendulum", "eventwire_triggers", "pipeline.steps", "pipeline.fetch.feeds", "pipeline.alerts",
    "pipeline.clean", "pipeline.extract", "pipeline.validate.suite", "pipeline.validate.docs",
    "pipeline.validate.articles", "pipeline.validate.events",
    "great_expectations", "trafilatura", "pandas", "httpx", "pipeline.warm", "tools.task_preload",
)


def sqlalchemy_url(url: str) -> str:
    """A libpq URL or conninfo as a SQLAlchemy URL for psycopg 3 (`postgresql+psycopg://`), which
    Airflow 3.3 uses when psycopg is installed; a socket directory goes into `?host=`."""
    from sqlalchemy.engine import URL  # Airflow's own dependency; importing it does not import Airflow

    info = psycopg.conninfo.conninfo_to_dict(url)
    host, query = info.pop("host", None), {}
    if host and host.startswith("/"):
        query["host"], host = host, None
    port = info.pop("port", None)
    if port and not host:
        query["port"] = str(port)
    return URL.create(
        "postgresql+psycopg", username=info.pop("user", None), password=info.pop("password", None) or None,
        host=host, port=int(port) if port and host else None, database=info.pop("dbname", None), query=query,
    ).render_as_string(hide_password=False)


def ensure_database(server_url: str, dbname: str) -> bool:
    """CREATE DATABASE `dbname` on the server of `server_url` unless it exists; True when created."""
    with psycopg.connect(server_url, autocommit=True) as admin:
        if admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (dbname,)).fetchone():
            return False
        admin.execute(psycopg.sql.SQL("CREATE DATABASE {}").format(psycopg.sql.Identifier(dbname)))
        return True


def port_free(host: str, port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


@dataclass
class StackConfig:
    """Everything the stack's processes are started with."""

    eventwire_url: str                   # eventwire's data (libpq URL)
    metadata_url: str                    # Airflow's metadata (SQLAlchemy URL, postgresql+psycopg://)
    home: Path                           # AIRFLOW_HOME
    data_dir: Path                       # EVENTWIRE_DATA_DIR
    port: int = 8080
    host: str = "127.0.0.1"
    wire_url: str | None = None          # EVENTWIRE_WIRE_URL when the local wire runs
    user: str = DEFAULT_USER
    password: str = DEFAULT_PASSWORD
    paused_at_creation: bool = True
    scheduled_runs: bool = True          # False: only triggered runs (tests), the 15-minute schedule is off
    log_server_port: int = 8793          # the scheduler's and the triggerer's task-log servers
    trigger_log_server_port: int = 8794
    extra_env: dict = field(default_factory=dict)

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def log_dir(self) -> Path:
        return self.home / "stack-logs"


def _kept_secret(home: Path, name: str, make) -> str:
    """A secret kept in AIRFLOW_HOME/<name> (made once by `make()`), so every component and every restart
    share it."""
    path = home / name
    if not path.exists():
        home.mkdir(parents=True, exist_ok=True)
        path.write_text(make(), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


def _configured_fernet_key(home: Path) -> str | None:
    """The key an earlier stack's airflow.cfg holds (what its metadata was encrypted with), if any."""
    import configparser

    cfg = configparser.ConfigParser(interpolation=None)
    cfg.read(home / "airflow.cfg", encoding="utf-8")
    return cfg.get("core", "fernet_key", fallback="").strip() or None


def _jwt_secret(home: Path) -> str:
    """One secret shared by every component (tasks get tokens from the scheduler, the api-server checks
    them), kept in AIRFLOW_HOME so a restart does not invalidate running sessions. The Fernet key goes
    with it: the asset watcher's trigger kwargs are stored encrypted by the dag-processor and read by
    the triggerer, and components started at once would otherwise each generate their own key."""
    _kept_secret(home, "fernet_key", lambda: _configured_fernet_key(home) or base64.urlsafe_b64encode(os.urandom(32)).decode())
    return _kept_secret(home, "jwt_secret", lambda: secrets.token_urlsafe(64))


def stack_env(cfg: StackConfig, base: dict | None = None) -> dict:
    """The environment of every `airflow` child process (nothing is written or started)."""
    env = dict(os.environ if base is None else base)
    env.update({
        "AIRFLOW_HOME": str(cfg.home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(REPO_ROOT / "dags"),
        "AIRFLOW__CORE__PLUGINS_FOLDER": str(REPO_ROOT / "plugins"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__UNIT_TEST_MODE": "False",
        "AIRFLOW__CORE__EXECUTOR": "LocalExecutor",
        "AIRFLOW__CORE__PARALLELISM": "8",  # task runners at once; a laptop has a few cores, not 32
        "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": str(cfg.paused_at_creation),
        "AIRFLOW__CORE__AUTH_MANAGER": "airflow.api_fastapi.auth.managers.simple.simple_auth_manager.SimpleAuthManager",
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS": f"{cfg.user}:admin",
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE": str(cfg.home / "simple_auth_manager_passwords.json"),
        "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"{cfg.base_url}/execution/",
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": cfg.metadata_url,
        # Airflow's async engine would pick asyncpg (not installed); psycopg 3 does async too.
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_ASYNC": cfg.metadata_url.replace("+psycopg:", "+psycopg_async:", 1),
        # The embedded server allows 100 connections; five processes plus task runners must share them.
        "AIRFLOW__DATABASE__SQL_ALCHEMY_POOL_SIZE": "3",
        "AIRFLOW__DATABASE__SQL_ALCHEMY_MAX_OVERFLOW": "5",
        "AIRFLOW__API__BASE_URL": cfg.base_url,
        "AIRFLOW__API__HOST": cfg.host,
        "AIRFLOW__API__PORT": str(cfg.port),
        "AIRFLOW__LOGGING__BASE_LOG_FOLDER": str(cfg.home / "logs"),
        "AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT": str(cfg.log_server_port),
        "AIRFLOW__LOGGING__TRIGGER_LOG_SERVER_PORT": str(cfg.trigger_log_server_port),
        "AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK": "False",
        # the scheduler only (triggerer and dag-processor keep the default fork): see TASK_PRELOAD
        "AIRFLOW__SCHEDULER__MP_START_METHOD": "forkserver",
        "AIRFLOW__SCHEDULER__MP_FORKSERVER_PRELOAD": ",".join(TASK_PRELOAD),
        # scheduler_idle_sleep_time stays at Airflow's 1 s: 0.25 s took a one-article cycle from 4.8 to
        # 3.4 s but doubled the scheduler's CPU (0.06 -> 0.12 of a core; quick latency runs, 2026-11-30)
        "AIRFLOW__SCHEDULER__USE_JOB_SCHEDULE": str(cfg.scheduled_runs),
        "AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL": "30",
        "EVENTWIRE_DATABASE_URL": cfg.eventwire_url,
        "EVENTWIRE_DATA_DIR": str(cfg.data_dir),
    })
    secret = cfg.home / "jwt_secret"
    if secret.exists():  # written by Stack.prepare()
        env["AIRFLOW__API_AUTH__JWT_SECRET"] = secret.read_text(encoding="utf-8").strip()
    fernet = cfg.home / "fernet_key"
    if fernet.exists():
        env["AIRFLOW__CORE__FERNET_KEY"] = fernet.read_text(encoding="utf-8").strip()
    if cfg.wire_url:
        env["EVENTWIRE_WIRE_URL"] = cfg.wire_url
    else:
        env.pop("EVENTWIRE_WIRE_URL", None)
    env.update(cfg.extra_env)
    return env


def airflow_executable() -> str:
    return str(Path(sys.executable).with_name("airflow"))


def stack_commands(cfg: StackConfig) -> dict[str, list[str]]:
    """Component name -> command line, in start order."""
    airflow = airflow_executable()
    return {
        "api-server": [airflow, "api-server", "--host", cfg.host, "--port", str(cfg.port), "--workers", "1"],
        # no task-log servers: Airflow binds them to every interface (0.0.0.0/::) with no setting to
        # change it; on one machine the api-server reads the task logs from the shared log folder
        # `airflow scheduler` with its task forkserver (TASK_PRELOAD) started at once, not at the first task
        "scheduler": [sys.executable, str(REPO_ROOT / "tools" / "airflow_scheduler.py"), "--skip-serve-logs"],
        "dag-processor": [airflow, "dag-processor"],
        "triggerer": [airflow, "triggerer", "--skip-serve-logs"],
    }


def default_config(settings: Settings, port: int = 8080, airflow_db: str = "airflow") -> StackConfig:
    """The stack `make airflow` starts: the embedded server (or EVENTWIRE_DATABASE_URL) for both databases."""
    from pipeline import db

    url = db.database_url(settings)
    return StackConfig(eventwire_url=url, metadata_url=sqlalchemy_url(with_dbname(url, airflow_db)),
                       home=settings.data_dir / "airflow-stack", data_dir=settings.data_dir, port=port)


class ComponentDied(RuntimeError):
    def __init__(self, name: str, code: int, log_path: Path):
        self.name, self.code, self.log_path = name, code, log_path
        super().__init__(f"airflow {name} exited with code {code}")


def tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except FileNotFoundError:
        return f"(no log at {path})"


class Stack:
    """The running stack: `start()`, `wait_ready()`, `check()` (raises ComponentDied), `stop()`."""

    def __init__(self, cfg: StackConfig, out=sys.stdout):
        self.cfg, self.out = cfg, out
        self.procs: dict[str, subprocess.Popen] = {}
        self._logs: list = []

    def _say(self, text: str) -> None:
        print(text, file=self.out, flush=True)

    def prepare(self) -> None:
        """AIRFLOW_HOME, the known login, `airflow db migrate` on the metadata database, the DAGs' pools."""
        cfg = self.cfg
        cfg.home.mkdir(parents=True, exist_ok=True)
        cfg.log_dir.mkdir(parents=True, exist_ok=True)
        _jwt_secret(cfg.home)
        # SimpleAuthManager reads the passwords from this file and generates only missing ones.
        passwords = cfg.home / "simple_auth_manager_passwords.json"
        passwords.write_text(json.dumps({cfg.user: cfg.password}) + "\n", encoding="utf-8")
        passwords.chmod(0o600)
        log_path = cfg.log_dir / "db-migrate.log"
        self._say(f"airflow: migrating its metadata database (log: {log_path})")
        with log_path.open("w", encoding="utf-8") as log:
            code = subprocess.run([airflow_executable(), "db", "migrate"], env=stack_env(cfg),
                                  stdout=log, stderr=subprocess.STDOUT).returncode
        if code:
            raise ComponentDied("db migrate", code, log_path)
        if POOLS_FILE.exists():  # the DAG's tasks name these pools; without them they are never scheduled
            log_path = cfg.log_dir / "pools-import.log"
            with log_path.open("w", encoding="utf-8") as log:
                code = subprocess.run([airflow_executable(), "pools", "import", str(POOLS_FILE)], env=stack_env(cfg),
                                      stdout=log, stderr=subprocess.STDOUT).returncode
            if code:
                raise ComponentDied("pools import", code, log_path)
            self._say(f"airflow: pools from {POOLS_FILE.relative_to(REPO_ROOT)} imported")

    def start(self) -> None:
        env = stack_env(self.cfg)
        for name, cmd in stack_commands(self.cfg).items():
            log = (self.cfg.log_dir / f"{name}.log").open("a", encoding="utf-8")
            self._logs.append(log)
            # A process group of its own: stopping it stops the task runners it forked too.
            self.procs[name] = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT,
                                                stdin=subprocess.DEVNULL, start_new_session=True)
            self._say(f"airflow {name}: started (pid {self.procs[name].pid}, log {self.cfg.log_dir / (name + '.log')})")

    def check(self) -> None:
        for name, proc in self.procs.items():
            code = proc.poll()
            if code is not None:
                raise ComponentDied(name, code, self.cfg.log_dir / f"{name}.log")

    def api_ready(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.cfg.base_url}/api/v2/monitor/health", timeout=3) as resp:
                return resp.status == 200
        except (urllib.error.URLError, OSError):
            return False

    def wait_ready(self, timeout: float = 180) -> None:
        deadline = time.monotonic() + timeout
        while not self.api_ready():
            self.check()
            if time.monotonic() > deadline:
                raise TimeoutError(f"the api-server did not answer on {self.cfg.base_url} within {timeout:.0f}s; "
                                   f"see {self.cfg.log_dir / 'api-server.log'}")
            time.sleep(1)

    def stop(self, grace: float = 20) -> None:
        for proc in self.procs.values():
            if proc.poll() is None:
                try:
                    os.killpg(proc.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
        deadline = time.monotonic() + grace
        for name, proc in self.procs.items():
            try:
                proc.wait(timeout=max(deadline - time.monotonic(), 0.1))
            except subprocess.TimeoutExpired:
                self._say(f"airflow {name}: did not stop within {grace:.0f}s, killing it")
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                proc.wait()
        # Task runners are left in the group after their parent exits: make sure none lingers.
        for proc in self.procs.values():
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        for log in self._logs:
            log.close()
        self._logs.clear()


# The DAGs this repository ships and why `make airflow` switches each on (Airflow creates them paused).
SHIPPED_DAGS = {
    "eventwire_ingest": "runs only when the feed watcher (in the triggerer) stored new articles",
    "eventwire_feeds": "every 5 minutes, one task per feed: red when a feed fails, falls silent or is overdue",
    "eventwire_rollup": "after each ingest run that loaded events: CSV/Parquet exports under <data_dir>/exports",
    "eventwire_reprocess": "nightly at 02:30 UTC: re-codes articles coded by an older extractor version",
}


class DagSwitch:
    """Unpause the shipped DAGs through the REST API once the dag-processor has registered them.

    `step()` is called from the stack's main loop until it returns True: a DAG not parsed yet (404)
    is tried again on the next call; nothing blocks the loop for more than one request per DAG.
    """

    def __init__(self, cfg: StackConfig, dag_ids, out=sys.stdout):
        self.cfg, self.out = cfg, out
        self.pending = list(dag_ids)
        self.token: str | None = None

    def _request(self, method: str, path: str, body: dict) -> dict:
        headers = {"Content-Type": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        req = urllib.request.Request(f"{self.cfg.base_url}{path}", data=json.dumps(body).encode(), method=method,
                                     headers=headers)
        with urllib.request.urlopen(req, timeout=10) as resp:
            return json.loads(resp.read() or b"{}")

    def step(self) -> bool:
        if not self.pending:
            return True
        try:
            if not self.token:
                self.token = self._request("POST", "/auth/token", {"username": self.cfg.user,
                                                                     "password": self.cfg.password})["access_token"]
            for dag_id in list(self.pending):
                try:
                    self._request("PATCH", f"/api/v2/dags/{dag_id}", {"is_paused": False})
                except urllib.error.HTTPError as exc:
                    if exc.code == 404:
                        continue  # not parsed yet
                    raise
                self.pending.remove(dag_id)
                print(f"airflow: {dag_id} switched on ({SHIPPED_DAGS.get(dag_id, '')})", file=self.out, flush=True)
        except (urllib.error.URLError, OSError, KeyError, ValueError) as exc:
            print(f"airflow: could not switch the DAGs on yet ({exc}); trying again", file=self.out, flush=True)
        return not self.pending


def prepare_databases(cfg: StackConfig, airflow_db: str) -> list[str]:
    """Create Airflow's metadata database if needed and apply eventwire's migrations; return those applied."""
    from pipeline import db

    if ensure_database(cfg.eventwire_url, airflow_db):
        print(f"postgres: created database {airflow_db!r} for Airflow's metadata", flush=True)
    with db.connect(cfg.eventwire_url, autocommit=True) as conn:
        return db.migrate(conn)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.stack",
        description="Run Airflow (api-server, scheduler, dag-processor, triggerer; LocalExecutor) with eventwire's "
                    "DAG and health page on the embedded PostgreSQL, until Ctrl-C.")
    parser.add_argument("--port", type=int, default=8080, help="api-server port (default 8080)")
    parser.add_argument("--no-wire", action="store_true", help="do not serve the bundled local wire on 127.0.0.1:8765")
    parser.add_argument("--wire-port", type=int, default=8765, help=argparse.SUPPRESS)
    parser.add_argument("--airflow-db", default="airflow", help="database for Airflow's metadata (default airflow)")
    parser.add_argument("--keep-paused", action="store_true",
                        help="leave the DAGs paused (default: switch every shipped DAG on once it is parsed)")
    args = parser.parse_args(argv)

    from pipeline import db
    from pipeline.cli import _quiet_libraries

    _quiet_libraries()
    settings = Settings.from_env()

    # the embedded PostgreSQL is stopped on the way out if this command started it
    pgdata = settings.data_dir / "pg"
    own_postgres = settings.database_url is None and db.postmaster_pid(pgdata) is None
    try:
        return _run_stack(args, settings)
    finally:
        if own_postgres and db.postmaster_pid(pgdata):
            db.stop_embedded(pgdata)
            print("postgres: the embedded server this command started is stopped", flush=True)


def _run_stack(args, settings: Settings) -> int:
    """Databases, the wire, the four components until Ctrl-C or a component dies; everything stopped after."""
    from pipeline.fetch.wire import serve_wire

    cfg = default_config(settings, port=args.port, airflow_db=args.airflow_db)
    applied = prepare_databases(cfg, args.airflow_db)
    if applied:
        print(f"schema: applied {', '.join(applied)}", flush=True)

    wire = None
    if not args.no_wire:
        try:
            wire = serve_wire(REPO_ROOT / "seeds", host="127.0.0.1", port=args.wire_port)
        except OSError as exc:
            print(f"make airflow: cannot serve the local wire on 127.0.0.1:{args.wire_port} ({exc.strerror}); "
                  "stop what uses that port or pass --no-wire", file=sys.stderr)
            return 2
        cfg.wire_url = wire.base_url
        print(f"local news wire: {wire.feed_url}", flush=True)
    elif settings.wire_url:
        cfg.wire_url = settings.wire_url

    if not port_free(cfg.host, cfg.port):
        print(f"make airflow: {cfg.host}:{cfg.port} is in use; stop what listens there or pass --port "
              f"(make airflow AIRFLOW_ARGS='--port 8081')", file=sys.stderr)
        if wire:
            wire.close()
        return 2
    stack = Stack(cfg)

    def _on_signal(_signum, _frame):
        raise KeyboardInterrupt

    # Explicit for both: a shell that starts us in the background leaves SIGINT ignored.
    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGINT, _on_signal)
    code = 0
    try:
        stack.prepare()
        stack.start()
        stack.wait_ready()
        switch = None if args.keep_paused else DagSwitch(cfg, SHIPPED_DAGS)
        dags = "\n".join(f"  {dag_id}: {why}" for dag_id, why in SHIPPED_DAGS.items())
        print(f"\nAirflow UI:   {cfg.base_url}/   (login {cfg.user} / {cfg.password})\n"
              f"health page:  {cfg.base_url}/eventwire/   (in the UI: Browse > eventwire health)\n"
              f"logs:         {cfg.log_dir}/<component>.log, task logs in {cfg.home / 'logs'}\n"
              f"data:         {redact_url(cfg.eventwire_url)}\n"
              f"DAGs ({'switched on as soon as they are parsed' if switch else 'left paused (--keep-paused): switch them on in the UI'}):\n"
              f"{dags}\nCtrl-C stops everything.",
              flush=True)
        while True:
            stack.check()
            if switch and switch.step():
                switch = None
            time.sleep(2)
    except KeyboardInterrupt:
        print("\nstopping the Airflow stack...", flush=True)
    except ComponentDied as died:
        print(f"\nmake airflow: {died}; last lines of {died.log_path}:\n{tail(died.log_path)}", file=sys.stderr)
        code = 1
    except TimeoutError as exc:
        print(f"\nmake airflow: {exc}\n{tail(cfg.log_dir / 'api-server.log')}", file=sys.stderr)
        code = 1
    finally:
        # A second Ctrl-C while stopping must not cut the clean-up short.
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        stack.stop()
        if wire:
            wire.close()
    print("stopped." if not code else "stopped after a failure.", flush=True)
    return code


if __name__ == "__main__":
    sys.exit(main())
