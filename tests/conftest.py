"""Shared fixtures: a real PostgreSQL (embedded unless EVENTWIRE_TEST_DATABASE_URL is set),
a fresh migrated database per test, the bundled news wire on 127.0.0.1, and the rule that every
test says what it protects (unit, integration, dags or e2e)."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

import psycopg
import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("EVENTWIRE_SHARED", REPO.parent / "shared"))
KINDS = {"unit", "integration", "dags", "e2e"}

logging.getLogger("great_expectations").setLevel(logging.WARNING)


def pytest_collection_modifyitems(config, items):
    unmarked = [item.nodeid for item in items if not KINDS & {m.name for m in item.iter_markers()}]
    if unmarked:
        raise pytest.UsageError("tests must be marked unit, integration, dags or e2e: " + ", ".join(unmarked))


@pytest.fixture(scope="session")
def pg_server_url():
    """URL of a PostgreSQL server the tests may create databases on."""
    given = os.environ.get("EVENTWIRE_TEST_DATABASE_URL")
    if given:
        yield given
        return
    import pgserver

    tmp = Path(tempfile.mkdtemp(prefix="eventwire-pg-"))
    server = pgserver.get_server(tmp, cleanup_mode="delete")
    try:
        yield server.get_uri()
    finally:
        server.cleanup()
        shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture(scope="session")
def template_db(pg_server_url):
    """A migrated database that each test's database is cloned from (CREATE DATABASE ... TEMPLATE)."""
    from pipeline import db

    with db.temp_database(pg_server_url, prefix="ew_tpl") as (url, name):
        with psycopg.connect(url, autocommit=True) as conn:
            db.migrate(conn)
        yield name


@pytest.fixture
def db_url(pg_server_url, template_db):
    """A fresh, migrated database for one test; dropped afterwards."""
    from pipeline.db import temp_database

    with temp_database(pg_server_url, template_db, "ew_t") as (url, _):
        yield url


@pytest.fixture
def conn(db_url):
    with psycopg.connect(db_url, autocommit=True) as connection:
        yield connection


@pytest.fixture
def seeds_dir() -> Path:
    return REPO / "seeds"


@pytest.fixture
def shared_dir() -> Path:
    if not (SHARED / "eval" / "seeds-gold.json").exists():
        pytest.skip(f"../shared not found at {SHARED}: the shared evaluation material is needed for this test")
    return SHARED
