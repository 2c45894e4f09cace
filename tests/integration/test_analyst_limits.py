"""The read-only analyst cannot stall the pipeline (issue 11, finding 6): it cannot take or block the
pipeline's advisory locks, create temp tables or functions, lift its temp-file cap, or hold more than
10 connections, and its statements time out. Each is tried for real, logged in as the analyst."""

from __future__ import annotations

import psycopg
import pytest

pytestmark = pytest.mark.integration


def _as_analyst(db_url: str) -> psycopg.Connection:
    info = psycopg.conninfo.conninfo_to_dict(db_url)
    info["user"] = "eventwire_analyst"
    info.pop("password", None)
    return psycopg.connect(**info, autocommit=True)


@pytest.mark.parametrize("statement", [
    "SELECT pg_advisory_lock(4242004)",  # the load's merge lock
    "SELECT pg_try_advisory_xact_lock(4242001)",  # the migration lock
    "SELECT pg_advisory_lock_shared(4242011, 1)",  # a run's liveness lock
    "CREATE TEMP TABLE hog (i int)",
    "CREATE FUNCTION public.f() RETURNS int LANGUAGE sql RETURN 1",
    "SET temp_file_limit = -1",
    "SELECT * FROM analytics.events FOR UPDATE",
    "SELECT * FROM analytics.event_mentions FOR UPDATE",
])
def test_the_analyst_is_refused(db_url, conn, statement):
    from pipeline import db

    db.migrate(conn)  # what every run does first: re-asserts the database-level grants a template copy loses
    with _as_analyst(db_url) as analyst:
        # refused for want of privilege; a view with an outer join refuses row locks before privileges are checked
        with pytest.raises((psycopg.errors.InsufficientPrivilege, psycopg.errors.FeatureNotSupported)):
            analyst.execute(statement)
        analyst.rollback()
        assert analyst.execute("SELECT count(*) FROM analytics.events").fetchone() == (0,)  # reading still works


def test_the_analyst_has_a_statement_timeout_and_a_connection_limit(db_url, conn):
    with _as_analyst(db_url) as analyst:
        assert analyst.execute("SHOW statement_timeout").fetchone() == ("1min",)
        assert analyst.execute("SHOW temp_file_limit").fetchone() == ("1GB",)
        analyst.execute("SET statement_timeout = '200ms'")
        with pytest.raises(psycopg.errors.QueryCanceled):
            analyst.execute("SELECT pg_sleep(2)")
    held = []
    try:
        with pytest.raises(psycopg.OperationalError, match="too many connections for role"):
            for _ in range(11):
                held.append(_as_analyst(db_url))
        assert len(held) == 10
        # the pipeline still connects and takes its locks meanwhile
        assert conn.execute("SELECT pg_try_advisory_xact_lock(4242004)").fetchone() == (True,)
    finally:
        for c in held:
            c.close()
