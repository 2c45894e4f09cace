"""Keeps docs/analyst-guide.md true: every ```sql block in it is followed by its real psql output.

`python -m pipeline.analyst_guide` loads the bundled seeds through the pipeline's own steps into a
scratch database, runs each query as the analyst role with psql, and reports (or with --write,
rewrites) the output blocks that differ; tests/integration/test_analyst_guide.py fails on any drift.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

import psycopg

from pipeline.config import REPO_ROOT, Settings

GUIDE = REPO_ROOT / "docs" / "analyst-guide.md"
# a ```sql block, then (after blank lines) the output block that belongs to it
_PAIR = re.compile(r"```sql\n(?P<sql>.*?)\n```\n```\n(?P<out>.*?)```\n", re.S)


def psql_binary() -> str:
    """psql of the embedded server when there is one (same version, same output), else the system's."""
    try:
        import pgserver

        bundled = Path(pgserver.__file__).parent / "pginstall" / "bin" / "psql"
        if bundled.exists():
            return str(bundled)
    except ImportError:
        pass
    found = shutil.which("psql")
    if not found:
        raise FileNotFoundError("psql not found: install PostgreSQL's client (e.g. apt-get install postgresql-client)")
    return found


def run_query(url: str, sql: str) -> str:
    """The query's output exactly as an analyst sees it in psql (aligned, with the row count)."""
    proc = subprocess.run(
        [psql_binary(), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-P", "pager=off", "-d", url,
         "-c", "SET ROLE eventwire_analyst", "-c", sql],
        capture_output=True, text=True, timeout=120)
    if proc.returncode != 0:
        raise RuntimeError(f"psql failed on {sql!r}: {proc.stderr.strip()}")
    return proc.stdout.rstrip("\n") + "\n"


def load_seeds(url: str, seeds_dir: Path = REPO_ROOT / "seeds") -> dict:
    """Run the bundled seeds through every pipeline step (as `eventwire run --no-airflow`) into `url`."""
    from pipeline import db, steps
    from pipeline.fetch.wire import serve_wire

    with psycopg.connect(url, autocommit=True) as conn, tempfile.TemporaryDirectory() as data_dir, \
            serve_wire(seeds_dir) as wire:
        db.migrate(conn)
        settings = replace(Settings(), database_url=url, data_dir=Path(data_dir), per_host_delay=0.0)
        feeds = [{"name": "local-wire", "url": wire.feed_url, "enabled": True, "interval_seconds": 900}]
        return steps.run_all(conn, settings, "guide", feeds, force=True)


def blocks(text: str) -> list[tuple[str, str]]:
    return [(m.group("sql"), m.group("out")) for m in _PAIR.finditer(text)]


def refresh(text: str, url: str) -> tuple[str, list[str]]:
    """The guide with every output block replaced by the query's real output, and the queries that changed."""
    changed = []

    def one(match: re.Match) -> str:
        out = run_query(url, match.group("sql"))
        if out != match.group("out"):
            changed.append(match.group("sql"))
        return f"```sql\n{match.group('sql')}\n```\n```\n{out}```\n"

    return _PAIR.sub(one, text), changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.analyst_guide", description=__doc__)
    parser.add_argument("--write", action="store_true", help="rewrite the guide's output blocks")
    parser.add_argument("--database", help="query this (already loaded) database instead of a scratch one "
                                           "with the seeds, e.g. the one `make run` filled: $(eventwire db url)")
    parser.add_argument("--server", help="PostgreSQL server for the scratch database (default: the embedded one)")
    args = parser.parse_args(argv)
    from pipeline import db

    text = GUIDE.read_text(encoding="utf-8")
    if args.database:
        new, changed = refresh(text, args.database)
    else:
        server = args.server or db.database_url(Settings.from_env())
        with db.temp_database(server, prefix="ew_guide") as (url, _):
            load_seeds(url)
            new, changed = refresh(text, url)
    for sql in changed:
        print(f"changed: {sql}", file=sys.stderr)
    if args.write and changed:
        GUIDE.write_text(new, encoding="utf-8")
        print(f"rewrote {len(changed)} output block(s) in {GUIDE}")
    elif not changed:
        print(f"{GUIDE}: all {len(blocks(text))} outputs are up to date")
    return 1 if changed and not args.write else 0


if __name__ == "__main__":
    sys.exit(main())
