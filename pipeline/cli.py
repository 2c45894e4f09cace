"""The `eventwire` command: the extract/clean contract of docs/event-record.md, plus db, run and wire.

`extract` and `clean` read and write JSON Lines so outside checks and shell pipelines can drive them;
a bad line yields an error line and the run goes on (exit 1 at the end, 2 on a usage error).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

from pipeline.config import REPO_ROOT, Settings

log = logging.getLogger("eventwire")

DAG_ID = "eventwire_ingest"


def _quiet_libraries() -> None:
    # Great Expectations logs every decorator at INFO on import; operators need our lines, not those.
    for name in ("great_expectations", "pgserver", "trafilatura", "htmldate", "courlan", "httpx", "httpcore"):
        logging.getLogger(name).setLevel(logging.WARNING)


@contextmanager
def _stdin_bytes():
    yield sys.stdin.buffer


@contextmanager
def _open(path: str, mode: str):
    if path == "-":
        yield sys.stdin if "r" in mode else sys.stdout
    else:
        with open(path, mode, encoding="utf-8") as fh:
            yield fh


class _Progress:
    """A count on stderr for long commands: rewritten in place on a terminal, every 10% otherwise."""

    def __init__(self, label: str, total: int | None):
        self.label, self.total, self.tty = label, total, sys.stderr.isatty()
        self.started, self.last_pct = time.monotonic(), -10

    def __call__(self, done: int) -> None:
        rate = done / max(time.monotonic() - self.started, 1e-9)
        if self.tty:
            of = f"/{self.total}" if self.total else ""
            print(f"\r{self.label}: {done}{of} ({rate:.0f}/s)", end="", file=sys.stderr, flush=True)
        elif self.total:
            pct = 100 * done // self.total
            if pct >= self.last_pct + 10:
                self.last_pct = pct
                print(f"{self.label}: {done}/{self.total} ({pct}%, {rate:.0f}/s)", file=sys.stderr, flush=True)

    def close(self, done: int) -> None:
        if self.tty:
            print(file=sys.stderr)
        secs = time.monotonic() - self.started
        print(f"{self.label}: {done} lines in {secs:.1f}s", file=sys.stderr)


class UsageError(Exception):
    """A mistake in how the command was called (exit 2), in one line saying what to do."""


def _has_surrogate(value) -> bool:
    if isinstance(value, str):
        return any("\ud800" <= c <= "\udfff" for c in value)
    if isinstance(value, dict):
        return any(_has_surrogate(k) or _has_surrogate(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_surrogate(v) for v in value)
    return False


def _read_record(raw: bytes, lineno: int):
    """One input line as a JSON object (or raise ValueError saying what is wrong with it)."""
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"line {lineno}: not UTF-8 (byte {exc.start}: {exc.reason})") from None
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"line {lineno}: not JSON ({exc.msg})") from None
    except RecursionError:
        raise ValueError(f"line {lineno}: not JSON (nested too deeply)") from None
    if not isinstance(rec, dict):
        raise ValueError(f"line {lineno}: line is not a JSON object")
    return rec


def _jsonl_command(args, handle) -> int:
    """Shared loop of `extract` and `clean`: one output line per input line, errors as lines.

    Any bad line (not UTF-8, not JSON, nested too deeply, a lone surrogate, a bad field, or a
    record the step trips on) becomes `{"id", "error"}` and the run goes on."""
    total = None
    if args.input != "-":
        try:
            with open(args.input, "rb") as fh:
                total = sum(1 for line in fh if line.strip())
        except FileNotFoundError:
            raise UsageError(f"input file {args.input} not found (give an existing file, or - for stdin)") from None
        except IsADirectoryError:
            raise UsageError(f"input {args.input} is a folder, not a JSON Lines file") from None
    if args.output != "-" and not Path(args.output).resolve().parent.is_dir():
        raise UsageError(f"output folder {Path(args.output).parent} does not exist (create it first)")
    progress = _Progress(args.command, total)
    errors = done = 0
    src_cm = open(args.input, "rb") if args.input != "-" else _stdin_bytes()
    with src_cm as src, _open(args.output, "w") as dst:
        for lineno, raw in enumerate(src, 1):
            if not raw.strip():
                continue
            rec_id = None
            try:
                rec = _read_record(raw, lineno)
                rec_id = rec.get("id")
                if _has_surrogate(rec):
                    rec_id = rec_id if not _has_surrogate(rec_id) else None
                    raise ValueError("text contains a lone surrogate (such as \\ud800): not valid Unicode")
                if rec_id is None:
                    raise ValueError("missing 'id'")
                out = handle(rec)
            except ValueError as exc:
                message = str(exc) if str(exc).startswith(f"line {lineno}:") else f"line {lineno}: {exc}"
                out, errors = {"id": rec_id, "error": message}, errors + 1
            except TypeError as exc:
                out, errors = {"id": rec_id, "error": f"line {lineno}: {exc}"}, errors + 1
            except RecursionError:
                out, errors = {"id": rec_id, "error": f"line {lineno}: input nested too deeply"}, errors + 1
            except Exception as exc:  # a record the step trips on costs that line, not the file
                log.debug("line %d", lineno, exc_info=True)
                out, errors = {"id": rec_id, "error": f"line {lineno}: internal error: {type(exc).__name__}: {exc}"}, errors + 1
            dst.write(json.dumps(out, ensure_ascii=False) + "\n")
            done += 1
            progress(done)
    progress.close(done)
    if errors:
        print(f"{args.command}: {errors} of {done} lines had errors (see their 'error' field)", file=sys.stderr)
    return 1 if errors else 0


def cmd_extract(args) -> int:
    from pipeline.clean import clean_text
    from pipeline.extract import ExtractionBudgetExceeded, extract_events

    try:
        budget = Settings.from_env().extract_budget_seconds
    except ValueError as exc:
        print(f"eventwire: bad setting: {exc}", file=sys.stderr)
        return 2

    def handle(rec: dict) -> dict:
        text = rec.get("text")
        if not isinstance(text, str):
            raise ValueError("missing 'text' (a string)")
        published = rec.get("published")
        if published is not None and not isinstance(published, str):
            raise ValueError("'published' must be YYYY-MM-DD or an ISO-8601 datetime string")
        if published:
            from datetime import date, datetime
            try:
                (datetime.fromisoformat(published.replace("Z", "+00:00")) if "T" in published
                 else date.fromisoformat(published))
            except ValueError:
                raise ValueError(f"'published' is not a date: {published!r}") from None
        cleaned = clean_text(text)
        try:
            events = extract_events(cleaned, published, rec.get("title"), budget_seconds=budget)
        except ExtractionBudgetExceeded as exc:      # an error line like any other; the run goes on
            raise ValueError(str(exc)) from None
        return {"id": rec["id"], "events": events}

    return _jsonl_command(args, handle)


def cmd_clean(args) -> int:
    from pipeline.clean import clean_record

    return _jsonl_command(args, clean_record)


def cmd_db(args, settings: Settings) -> int:
    from pipeline import db

    if args.db_command == "migrate":
        with db.connect(settings, autocommit=True) as conn:
            applied = db.migrate(conn)
        print(f"migrations applied: {', '.join(applied) if applied else 'none (schema up to date)'}")
    elif args.db_command == "url":
        print(db.database_url(settings))
    elif args.db_command == "stop":
        pgdata = settings.data_dir / "pg"
        stale = (pgdata / "postmaster.pid").exists() and db.postmaster_pid(pgdata) is None
        stopped = db.stop_embedded(pgdata)  # raises (exit 4, one line) if it will not stop
        if stopped:
            print(f"embedded PostgreSQL stopped (pid {stopped})")
        else:
            print("no embedded PostgreSQL running" + (" (a stale postmaster.pid was left by a killed run)" if stale else ""))
    return 0


def _airflow_env(settings: Settings, url: str) -> dict:
    home = settings.data_dir / "airflow"
    home.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.update({
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(REPO_ROOT / "dags"),
        "AIRFLOW__CORE__PLUGINS_FOLDER": str(REPO_ROOT / "plugins"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__UNIT_TEST_MODE": "False",
        "EVENTWIRE_DATABASE_URL": url,
        # dag.test() in Airflow 3.3 cannot close a run of a DAG with a deadline: see dags/eventwire_ingest.py
        "EVENTWIRE_CYCLE_DEADLINE_MINUTES": "0",
    })
    env.setdefault("AIRFLOW__DATABASE__SQL_ALCHEMY_CONN", f"sqlite:///{home / 'airflow.db'}")
    if settings.wire_url:
        env["EVENTWIRE_WIRE_URL"] = settings.wire_url
    return env


_SHOWN = ("[DAG TEST] end task", "[pipeline.", "Traceback", "[error", "DagRun Finished", "Marking run")


def run_with_airflow(settings: Settings, url: str) -> int:
    """Run the ingestion DAG once through Airflow's own `dags test` (dag.test()), so the real DAG code runs.

    Airflow's full log goes to <data_dir>/airflow/last-run.log; the terminal shows the step lines.
    """
    airflow = str(Path(sys.executable).with_name("airflow"))
    env = _airflow_env(settings, url)
    print("airflow: migrating its metadata database (SQLite under .data/airflow)...", flush=True)
    migrated = subprocess.run([airflow, "db", "migrate"], env=env, capture_output=True, text=True)
    if migrated.returncode != 0:
        print(migrated.stdout[-3000:], migrated.stderr[-3000:], file=sys.stderr)
        return migrated.returncode
    log_path = Path(env["AIRFLOW_HOME"]) / "last-run.log"
    print(f"airflow: running DAG {DAG_ID} once with `airflow dags test` (full log: {log_path})", flush=True)
    with log_path.open("w", encoding="utf-8") as log_file:
        proc = subprocess.Popen([airflow, "dags", "test", DAG_ID], env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True, bufsize=1)
        for line in proc.stdout:
            log_file.write(line)
            if any(marker in line for marker in _SHOWN):
                print("  " + line.rstrip()[:220], flush=True)
        code = proc.wait()
    if code:
        print(f"airflow: the DAG run failed (exit {code}); see {log_path}", file=sys.stderr)
    return code


def cmd_run(args, settings: Settings) -> int:
    from dataclasses import replace

    from pipeline import db, steps
    from pipeline.fetch.feeds import configured_feeds
    from pipeline.fetch.wire import serve_wire

    url = db.database_url(settings)
    with db.connect(url, autocommit=True) as conn:
        applied = db.migrate(conn)
        if applied:
            print(f"schema: applied {', '.join(applied)}")
    wire = None
    if not settings.feeds and not args.no_wire:
        try:
            wire = serve_wire(Path(args.seeds), host="127.0.0.1", port=args.wire_port)
        except OSError as exc:
            print(f"eventwire run: cannot serve the local wire on 127.0.0.1:{args.wire_port} ({exc.strerror}); "
                  "stop what uses that port or pass --wire-port", file=sys.stderr)
            return 2
        settings = replace(settings, wire_url=wire.base_url)
        print(f"local news wire: {wire.feed_url} ({len(list(Path(args.seeds).glob('*.txt')))} articles)")
    try:
        if args.no_airflow:
            run_id = f"cli__{time.strftime('%Y%m%dT%H%M%S')}_{uuid.uuid4().hex[:6]}"
            try:
                with db.connect(url, autocommit=True) as conn:
                    steps.run_all(conn, settings, run_id, configured_feeds(settings), force=True,
                                  progress=lambda n, total: print(f"batch {n}/{total} done", file=sys.stderr))
            except KeyboardInterrupt:
                print(f"eventwire run: interrupted; run {run_id} closed, the article in hand rolled back, "
                      "the rest wait for the next `eventwire run`", file=sys.stderr)
                return 130
            code = 0
        else:
            # A one-shot run polls every feed now; the scheduled DAG honours each feed's interval.
            with db.connect(url, autocommit=True) as conn:
                conn.execute("UPDATE eventwire.feeds SET next_poll_at = now() WHERE enabled")
            code = run_with_airflow(settings, url)
    finally:
        if wire:
            wire.close()
    with db.connect(url, autocommit=True) as conn:
        print(summary_text(conn, url))
    return code


def summary_text(conn, url: str) -> str:
    """What landed: the last run's accounting, totals, events by type, quarantine reasons, how to look.

    The database URL is shown with its password as *** (the operator has it; a screen or log should not)."""
    from pipeline.safety import redact_url

    lines = []
    last = conn.execute(
        "SELECT run_id, status, articles_new, articles_in, articles_loaded, articles_quarantined,"
        " events_in, events_loaded, events_quarantined, error FROM eventwire.runs"
        " ORDER BY started_at DESC LIMIT 1"
    ).fetchone()
    if last:
        (run_id, status, new, a_in, a_loaded, a_q, e_in, e_loaded, e_q, error) = last
        lines.append(f"last run {run_id}: {status}{' — ' + error if error else ''}")
        lines.append(f"  articles: {new} new; in {a_in} = loaded {a_loaded} + quarantined {a_q}")
        lines.append(f"  events:   in {e_in} = loaded {e_loaded} + quarantined {e_q}")
    totals = conn.execute(
        "SELECT (SELECT count(*) FROM eventwire.articles), (SELECT count(*) FROM analytics.events),"
        " (SELECT count(*) FROM analytics.event_mentions), (SELECT count(*) FROM eventwire.quarantine WHERE released_at IS NULL)"
    ).fetchone()
    lines.append(f"in the database: {totals[0]} articles, {totals[1]} events, {totals[2]} mentions, "
                 f"{totals[3]} quarantined rows")
    for event_type, sub, n in conn.execute(
        "SELECT event_type, sub_event_type, count(*) FROM analytics.events GROUP BY 1, 2 ORDER BY 3 DESC, 2"
    ):
        lines.append(f"  {n:4d}  {event_type} / {sub}")
    reasons = conn.execute(
        "SELECT kind, expectation, column_name, rows FROM analytics.quarantine_summary ORDER BY rows DESC LIMIT 8"
    ).fetchall()
    if reasons:
        lines.append("quarantined, by reason:")
        lines.extend(f"  {n:4d}  {kind}: {exp}{' (' + col + ')' if col else ''}" for kind, exp, col, n in reasons)
    lines.append("look for yourself:")
    lines.append(f"  psql \"{redact_url(url)}\" -c 'SELECT event_date, sub_event_type, location, fatalities FROM analytics.events ORDER BY event_date'")
    return "\n".join(lines)


def cmd_summary(args, settings: Settings) -> int:
    from pipeline import db

    url = db.database_url(settings)
    with db.connect(url, autocommit=True) as conn:
        print(summary_text(conn, url))
    return 0


def _date_arg(value: str):
    from datetime import date

    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def _new_run_id(kind: str) -> str:
    return f"{kind}__{time.strftime('%Y%m%dT%H%M%S')}_{uuid.uuid4().hex[:6]}"


def cmd_quarantine(args, settings: Settings) -> int:
    from pipeline import db
    from pipeline.reprocess import format_reasons, list_quarantine, retry_quarantine

    with db.connect(settings, autocommit=True) as conn:
        db.migrate(conn)
        if args.quarantine_command == "list":
            rows = list_quarantine(conn, kind=args.kind, include_released=args.all, limit=args.limit)
            if not rows:
                print("quarantine is empty" if not args.kind else f"no quarantined {args.kind} rows")
            for r in rows:
                state = f" released {r['released_at']:%Y-%m-%d %H:%M}" if r["released_at"] else ""
                print(f"#{r['quarantine_id']} {r['kind']} article {r['article_id']} {r['url'] or ''}{state}\n"
                      f"    {format_reasons(r['reasons'])}")
            return 0
        result = retry_quarantine(conn, settings, _new_run_id("retry"), quarantine_ids=args.id or None, kind=args.kind)
    if not result["articles"]:
        print("nothing to retry")
        return 0
    print(f"retried {result['articles']} articles: {result['released']} rows released, "
          f"{result['still_quarantined']} still quarantined; events in {result['events_in']} = "
          f"loaded {result['events_loaded']} + quarantined {result['events_quarantined']}")
    return 0


def cmd_reprocess(args, settings: Settings) -> int:
    from pipeline import db
    from pipeline.reprocess import reprocess

    with db.connect(settings, autocommit=True) as conn:
        db.migrate(conn)
        result = reprocess(conn, settings, _new_run_id("reprocess"), since=args.since,
                           progress=lambda n, total: print(f"batch {n}/{total} done", file=sys.stderr))
    print(f"reprocessed {result['articles']} articles ({result['events_touched']} events revised, {result['events_deleted']} withdrawn); "
          f"events in {result['events_in']} = loaded {result['events_loaded']} + quarantined {result['events_quarantined']}; "
          f"run {result['status']}")
    return 0 if result["status"] == "success" else 1


def export_target(args) -> tuple[str, Path]:
    """The format and file of `eventwire export`, checked before anything is read; ValueError says why not."""
    from pipeline.export import FORMATS

    if args.since and args.until and args.since > args.until:
        raise ValueError(f"--since {args.since} is after --until {args.until}")
    suffix = Path(args.output).suffix.lower().lstrip(".") if args.output else None
    fmt = args.format or (suffix if suffix in FORMATS else "csv")
    out = Path(args.output or f"eventwire-{'acled' if args.columns == 'acled' else 'events'}.{fmt}")
    if out.suffix.lower() != f".{fmt}":
        raise ValueError(f"--output {out} does not end in .{fmt} (the format is {fmt}; pass --format or rename)")
    if not out.parent.is_dir():
        raise ValueError(f"folder {out.parent} does not exist")
    if out.exists() and not args.force:
        raise ValueError(f"{out} exists; pass --force to overwrite it")
    return fmt, out


def cmd_export(args, settings: Settings) -> int:
    from pipeline import db
    from pipeline.export import export_events

    try:
        fmt, out = export_target(args)
    except ValueError as exc:
        print(f"eventwire export: {exc}", file=sys.stderr)
        return 2
    partial = out.with_name(out.name + ".partial")
    try:
        with db.connect(settings, autocommit=True) as conn:
            n = export_events(conn, partial, fmt, since=args.since, until=args.until, columns=args.columns)
        partial.replace(out)  # a reader never sees a half-written file
    finally:
        partial.unlink(missing_ok=True)
    print(f"wrote {n} events to {out} ({fmt}, {args.columns} columns)")
    return 0


def cmd_wire(args, settings: Settings) -> int:
    from pipeline.fetch.wire import serve_wire

    wire = serve_wire(Path(args.seeds), host=args.host, port=args.port)
    print(f"serving {wire.feed_url} (Ctrl-C to stop)", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        wire.close()
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="eventwire",
        description="Conflict news in, ACLED-style events out. Settings come from EVENTWIRE_* variables "
                    "(see `eventwire settings`).",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log at DEBUG level")
    parser.add_argument("--debug", action="store_true",
                        help="show the full traceback of an error (also EVENTWIRE_DEBUG=1)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    for name, helptext in (
        ("extract", "code events from text: JSONL {id, text, title?, published?, url?} -> {id, events}"),
        ("clean", "clean pages or text: JSONL {id, html|text, url?} -> {id, text, title, author, published, language}"),
    ):
        p = sub.add_parser(name, help=helptext, description=helptext +
                           ". A bad line gives {id, error} and the run goes on; exit 0 all good, 1 some lines bad, 2 usage.")
        p.add_argument("--input", required=True, help="JSON Lines file, or - for stdin")
        p.add_argument("--output", required=True, help="JSON Lines file, or - for stdout")

    p = sub.add_parser("db", help="database: migrate the schema, print the URL, stop the embedded server",
                       description="migrate: apply the sql/ migrations not yet applied (safe to repeat). "
                                   "url: print the database URL (EVENTWIRE_DATABASE_URL, else the embedded server "
                                   "under EVENTWIRE_DATA_DIR/pg, started if needed). stop: stop the embedded server.")
    p.add_argument("db_command", choices=["migrate", "url", "stop"], help="migrate, url or stop")

    p = sub.add_parser("run", help="run the pipeline once over the feeds (by default the bundled corpus through Airflow)",
                       description="Start the local news wire over --seeds (unless EVENTWIRE_FEEDS is set), "
                                   "migrate the schema, run the ingestion DAG once with `airflow dags test`, "
                                   "and print what landed. Running it twice loads nothing twice.")
    p.add_argument("--no-airflow", action="store_true", help="run the steps in this process instead of through Airflow")
    p.add_argument("--no-wire", action="store_true", help="do not start the bundled local news wire")
    p.add_argument("--seeds", default=str(REPO_ROOT / "seeds"), help="folder of the bundled corpus (default: seeds/)")
    p.add_argument("--wire-port", type=int, default=8765,
                   help="port for the local wire (default 8765; fixed, because article URLs include it)")

    sub.add_parser("summary", help="print what is in the database: last run, events by type, quarantine",
                   description="Print the last run's accounting (in = loaded + quarantined), the totals, events by "
                               "type, the main quarantine reasons and a psql line to look for yourself.")

    p = sub.add_parser("quarantine", help="list quarantined rows with their reasons, or retry them after a fix",
                       description="`list` shows held-back rows and the failed expectations; `retry` re-codes their "
                                   "articles with the current code: rows that now pass load, the rest stay quarantined.")
    p.add_argument("quarantine_command", choices=["list", "retry"], help="list or retry")
    p.add_argument("--kind", choices=["article", "event"], help="only this kind of row")
    p.add_argument("--id", type=int, action="append", help="quarantine id to retry (repeatable; default: all)")
    p.add_argument("--all", action="store_true", help="list: include released rows")
    p.add_argument("--limit", type=int, default=50, help="list: at most this many rows (default 50)")

    p = sub.add_parser("reprocess", help="re-clean and re-extract stored articles with the current code; revise events",
                       description="Articles published on or after --since are re-cleaned from their stored HTML and "
                                   "re-extracted; events are revised in place (kept, merged or soft-deleted, see "
                                   "analytics.deletions). Nothing is refetched or loaded twice.")
    p.add_argument("--since", type=_date_arg, required=True, help="YYYY-MM-DD: articles published on/after this day")

    p = sub.add_parser(
        "export", help="write events to CSV or Parquet, in eventwire's columns or ACLED's",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Write the events (what analytics.events or analytics.acled_events shows) to a file.\n\n"
                    "--columns native: analytics.events plus source_urls; acled: ACLED's columns, names and\n"
                    "order (text inter1/inter2/interaction labels, fatalities 0 when unknown, event_id_cnty).\n"
                    "Multi-value cells (assoc_actor*, source, source_urls) are separated by \"; \".\n"
                    "Types: Parquet has int64 counts (read back by pandas as Int64), float64, date and UTC\n"
                    "timestamps, also when empty; CSV has ISO 8601 dates and timestamps with their offset\n"
                    "(read it with pandas.read_csv(f, dtype_backend=\"numpy_nullable\") for Int64 counts).\n"
                    "Exit 2 on a usage error (bad dates, --since after --until, wrong suffix, missing folder,\n"
                    "existing file without --force).")
    p.add_argument("--format", choices=["csv", "parquet"],
                   help="file format (default: from the --output suffix, else csv); must match the suffix")
    p.add_argument("--columns", choices=["native", "acled"], default="native",
                   help="native (default): eventwire's columns; acled: ACLED's columns and conventions")
    p.add_argument("--since", type=_date_arg, help="first event date, YYYY-MM-DD (inclusive)")
    p.add_argument("--until", type=_date_arg, help="last event date, YYYY-MM-DD (inclusive)")
    p.add_argument("--output", help="file to write, ending in .csv or .parquet "
                                    "(default eventwire-events.<format>, or eventwire-acled.<format>)")
    p.add_argument("--force", action="store_true", help="overwrite the output file if it exists")

    p = sub.add_parser("wire", help="serve the bundled corpus as a local news wire (RSS + article pages)",
                       description="Serve the articles of --seeds as an RSS feed (/feed.xml) and news pages until "
                                   "Ctrl-C; point EVENTWIRE_FEEDS at the feed URL it prints.")
    p.add_argument("--seeds", default=str(REPO_ROOT / "seeds"), help="folder of the corpus (default: seeds/)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8765, help="port (default 8765)")

    p = sub.add_parser("settings", help="print the effective EVENTWIRE_* settings and where each came from",
                       description="Print each EVENTWIRE_* setting as this shell would run it: its value and "
                                   "whether it came from the environment (env) or the built-in default; the "
                                   "database password is shown as ***. --defaults prints the table of defaults "
                                   "and meanings (as in the README).")
    p.add_argument("--defaults", action="store_true", help="print the defaults and meanings as a Markdown table")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Parse, run the command, and turn every error into one line that says what to do.

    Exit codes: 0 all good; 1 some input lines had errors (extract/clean) or the run failed;
    2 a usage or configuration mistake; 3 the database is unreachable or not migrated; 4 an internal
    error (a bug: `--debug` or EVENTWIRE_DEBUG=1 shows the traceback); 130 interrupted.
    """
    import warnings

    warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")  # platformdirs, via pgserver: not ours to fix
    args = build_parser().parse_args(argv)
    debug = args.debug or os.environ.get("EVENTWIRE_DEBUG", "").strip().lower() in ("1", "true", "yes")
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    _quiet_libraries()
    try:
        return _dispatch(args)
    except KeyboardInterrupt:
        print(f"eventwire {args.command}: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 (this is the one place that turns errors into a line)
        code, message = explain_error(exc)
        if debug:
            import traceback

            traceback.print_exc()
        print(f"eventwire {args.command}: {message}", file=sys.stderr)
        return code


def explain_error(exc: BaseException) -> tuple[int, str]:
    """(exit code, one line saying what went wrong and what to do), with no password in it."""
    import psycopg

    from pipeline.fetch.feeds import FeedListError
    from pipeline.safety import redact_url

    first = redact_url(str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__)
    if isinstance(exc, UsageError):
        return 2, first
    if isinstance(exc, FeedListError):
        return 2, f"feed list: {first}"
    if isinstance(exc, (psycopg.errors.UndefinedTable, psycopg.errors.InvalidSchemaName,
                        psycopg.errors.UndefinedFunction, psycopg.errors.UndefinedColumn)):
        return 3, f"the database is not migrated ({first}); run `eventwire db migrate`"
    if isinstance(exc, psycopg.OperationalError):
        return 3, (f"cannot use the database ({first}); check EVENTWIRE_DATABASE_URL, or unset it to use the "
                   "embedded server under EVENTWIRE_DATA_DIR")
    if isinstance(exc, FileNotFoundError):
        return 2, f"{exc.filename or first} not found: {exc.strerror or first}"
    if isinstance(exc, PermissionError):
        return 2, f"permission denied: {exc.filename or first}"
    if isinstance(exc, OSError) and exc.errno in (98, 48):  # EADDRINUSE (Linux, macOS)
        return 2, f"the port is in use ({first}); stop what uses it or choose another port (--port / --wire-port)"
    if isinstance(exc, ValueError) and first.startswith("EVENTWIRE_"):
        return 2, f"bad setting: {first}"
    return 4, f"internal error: {type(exc).__name__}: {first} (run again with --debug for the traceback)"


def _dispatch(args) -> int:
    if args.command == "extract":
        return cmd_extract(args)
    if args.command == "clean":
        return cmd_clean(args)
    if args.command == "settings":
        if args.defaults:
            print(Settings.describe())
            return 0
        try:
            print(Settings.describe_effective())
        except ValueError as exc:
            print(f"eventwire: bad setting: {exc}", file=sys.stderr)
            return 2
        return 0
    settings = Settings.from_env()
    handlers = {"db": cmd_db, "run": cmd_run, "summary": cmd_summary, "wire": cmd_wire,
                "quarantine": cmd_quarantine, "reprocess": cmd_reprocess, "export": cmd_export}
    return handlers[args.command](args, settings)


if __name__ == "__main__":
    sys.exit(main())
