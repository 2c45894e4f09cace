"""Where the data lives: the PostgreSQL connection and the schema migrations in `sql/`.

`EVENTWIRE_DATABASE_URL` wins when set; otherwise an embedded server (the `pgserver` package)
is started under `<data_dir>/pg` and left running, so Airflow tasks in other processes share it.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg

from pipeline.config import REPO_ROOT, Settings

log = logging.getLogger(__name__)

MIGRATIONS_DIR = REPO_ROOT / "sql"
_MIGRATION_NAME = re.compile(r"^(\d{3})_[a-z0-9_]+\.sql$")


def embedded_url(pgdata: Path) -> str:
    """Start (or join) the embedded PostgreSQL under `pgdata` and return its URL."""
    import pgserver  # imported lazily: only the embedded mode needs it

    pgdata.parent.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(pgdata, cleanup_mode=None)
    return server.get_uri()


def postmaster_pid(pgdata: Path) -> int | None:
    """PID of the postmaster serving `pgdata` if it is alive; None when none runs (a stale
    postmaster.pid, left by a killed run, does not count)."""
    try:
        pid = int((pgdata / "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        return pid  # alive, another user's
    cmdline = Path(f"/proc/{pid}/cmdline")
    if cmdline.exists() and b"postgres" not in cmdline.read_bytes():
        return None  # the pid was reused by something else: the file is stale
    return pid


def stop_embedded(pgdata: Path, timeout: float = 60.0) -> int | None:
    """Stop the embedded server under `pgdata` by signalling its postmaster (a fast shutdown), whoever
    started it; wait until it is gone. Returns the pid stopped, None when none was running; raises
    RuntimeError if it is still running after `timeout` seconds."""
    import signal
    import time

    pid = postmaster_pid(pgdata)
    if pid is None:
        return None
    os.kill(pid, signal.SIGINT)  # PostgreSQL's "fast" shutdown: sessions end, the data is flushed
    deadline = time.monotonic() + timeout
    while postmaster_pid(pgdata) == pid:
        if time.monotonic() > deadline:
            raise RuntimeError(f"PostgreSQL (pid {pid}) under {pgdata} did not stop within {timeout:.0f} s")
        time.sleep(0.1)
    return pid


def with_dbname(url: str, dbname: str) -> str:
    """The same server and credentials as `url` (a URL or a key=value conninfo), another database."""
    info = psycopg.conninfo.conninfo_to_dict(url)
    info["dbname"] = dbname
    return psycopg.conninfo.make_conninfo(**info)


@contextlib.contextmanager
def temp_database(server_url: str, template: str | None = None, prefix: str = "ew_tmp") -> Iterator[tuple[str, str]]:
    """A new database on the server of `server_url` (a copy of `template` when given); yields
    (url, name) and drops it afterwards, even when other sessions are still connected."""
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    try:
        yield with_dbname(server_url, name), name
    finally:
        with contextlib.suppress(psycopg.Error), psycopg.connect(server_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def database_url(settings: Settings) -> str:
    if settings.database_url:
        return settings.database_url
    return embedded_url(settings.data_dir / "pg")


def connect(settings_or_url: Settings | str, **kwargs) -> psycopg.Connection:
    url = settings_or_url if isinstance(settings_or_url, str) else database_url(settings_or_url)
    return psycopg.connect(url, **kwargs)


def migrations(directory: Path = MIGRATIONS_DIR) -> list[tuple[str, Path]]:
    found = []
    for path in sorted(directory.glob("*.sql")):
        match = _MIGRATION_NAME.match(path.name)
        if not match:
            raise ValueError(f"migration file {path.name!r} is not named NNN_name.sql")
        found.append((match.group(1), path))
    return found


def migrate(conn: psycopg.Connection, directory: Path = MIGRATIONS_DIR) -> list[str]:
    """Apply every migration not yet applied, each in its own transaction; return their names."""
    with conn.transaction():
        conn.execute(
            "CREATE TABLE IF NOT EXISTS public.eventwire_migrations ("
            " version text PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())"
        )
        # One migrator at a time: two runs starting together must not both apply 001.
        conn.execute("SELECT pg_advisory_xact_lock(4242001)")
    applied = []
    for version, path in migrations(directory):
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(4242001)")
            done = conn.execute(
                "SELECT 1 FROM public.eventwire_migrations WHERE version = %s", (version,)
            ).fetchone()
            if done:
                continue
            conn.execute(path.read_text(encoding="utf-8"))
            conn.execute(
                "INSERT INTO public.eventwire_migrations (version, name) VALUES (%s, %s)",
                (version, path.name),
            )
            applied.append(path.name)
            log.info("applied migration %s", path.name)
    with conn.transaction():
        conn.execute(_NO_TEMP_FOR_PUBLIC)
    return applied


# Database-level grants are not copied by CREATE DATABASE ... TEMPLATE (nor by every restore), so
# every migrate re-asserts this one (sql/014): no TEMP for PUBLIC, hence none for the analyst; the
# pipeline's role keeps it for its staging tables. A role that may not change it just logs a notice.
_NO_TEMP_FOR_PUBLIC = """
DO $$
BEGIN
    EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
    EXECUTE format('GRANT TEMPORARY ON DATABASE %I TO %I', current_database(), current_user);
EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'eventwire: cannot revoke TEMP on this database from PUBLIC (not its owner)';
END
$$
"""
