"""One settings object, built once from EVENTWIRE_* environment variables and passed down.

Every knob a user can turn lives here with its default, so the README's table of settings
and the code cannot drift apart: `Settings.describe()` prints that table.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, fields
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def _env(name: str, default: str) -> str:
    return os.environ.get(f"EVENTWIRE_{name}", default)


@dataclass(frozen=True)
class Settings:
    """Runtime settings. Field metadata `env` names the variable, `help` explains it."""

    database_url: str | None = field(
        default=None, metadata={"env": "DATABASE_URL", "help": "PostgreSQL URL; unset = embedded server under data_dir/pg"})
    data_dir: Path = field(
        default=REPO_ROOT / ".data", metadata={"env": "DATA_DIR", "help": "where the embedded Postgres and run artefacts live"})
    feeds: tuple[str, ...] = field(
        default=(), metadata={"env": "FEEDS", "help": "comma-separated feed URLs to poll (overrides feeds_file)"})
    feeds_file: Path = field(
        default=REPO_ROOT / "feeds.yaml", metadata={"env": "FEEDS_FILE", "help": "YAML list of feeds; enabled ones are polled"})
    wire_url: str | None = field(
        default=None, metadata={"env": "WIRE_URL", "help": "base URL of the local news wire; fills `{wire}` in feeds.yaml"})
    cycle_deadline_minutes: int = field(
        default=10, metadata={"env": "CYCLE_DEADLINE_MINUTES",
                              "help": "an ingest cycle running longer raises a cycle_late alert; 0 = no deadline"})
    feed_failing_after: int = field(
        default=3, metadata={"env": "FEED_FAILING_AFTER",
                             "help": "failed polls in a row before a feed_failing alert is raised (the feed's check "
                                     "task in eventwire_feeds is red from the first failure)"})
    batch_size: int = field(
        default=25, metadata={"env": "BATCH_SIZE", "help": "articles per mapped task / load transaction"})
    http_timeout: float = field(
        default=10.0, metadata={"env": "HTTP_TIMEOUT", "help": "connect/read timeout for feeds and pages, seconds"})
    max_page_bytes: int = field(
        default=5_000_000, metadata={"env": "MAX_PAGE_BYTES", "help": "pages larger than this are refused"})
    extract_budget_seconds: float = field(
        default=10.0, metadata={"env": "EXTRACT_BUDGET_SECONDS",
                                "help": "time allowed to extract one article; past it the article is quarantined with the "
                                        "reason (`eventwire extract`: an error line); 0 = no limit"})
    fetch_workers: int = field(
        default=8, metadata={"env": "FETCH_WORKERS", "help": "pages fetched in parallel per batch (threads)"})
    per_host_concurrency: int = field(
        default=2, metadata={"env": "PER_HOST_CONCURRENCY", "help": "at most this many requests in flight to one host"})
    per_host_delay: float = field(
        default=0.5, metadata={"env": "PER_HOST_DELAY",
                               "help": "minimum seconds between requests to one host (robots.txt Crawl-delay wins if larger)"})
    allow_hosts: tuple[str, ...] = field(
        default=(), metadata={"env": "ALLOW_HOSTS",
                              "help": "comma-separated hosts, host:port, IPs or CIDR ranges the crawler may fetch although "
                                      "they are not public (loopback, private, link-local...); the wire of EVENTWIRE_WIRE_URL "
                                      "and the configured feeds' own origins are always allowed"})
    user_agent: str = field(
        default="eventwire/0.1 (+https://github.com/eventwire/eventwire; conflict-event research crawler)",
        metadata={"env": "USER_AGENT", "help": "User-Agent sent with every request"})

    @classmethod
    def from_env(cls) -> "Settings":
        """Settings from the environment; a value that does not parse raises ValueError naming its variable."""
        def number(name: str, default: str, kind=int, minimum: float | None = None):
            raw = _env(name, default)
            try:
                value = kind(raw.strip())
            except ValueError:
                what = "a whole number" if kind is int else "a number"
                raise ValueError(f"EVENTWIRE_{name}={raw!r} is not {what} (default {default})") from None
            if minimum is not None and value < minimum:
                raise ValueError(f"EVENTWIRE_{name}={raw!r} must be at least {minimum} (default {default})")
            return value

        feeds = tuple(u.strip() for u in _env("FEEDS", "").split(",") if u.strip())
        return cls(
            database_url=os.environ.get("EVENTWIRE_DATABASE_URL") or None,
            data_dir=Path(_env("DATA_DIR", str(REPO_ROOT / ".data"))),
            feeds=feeds,
            feeds_file=Path(_env("FEEDS_FILE", str(REPO_ROOT / "feeds.yaml"))),
            wire_url=os.environ.get("EVENTWIRE_WIRE_URL") or None,
            cycle_deadline_minutes=number("CYCLE_DEADLINE_MINUTES", "10", int, 0),
            feed_failing_after=number("FEED_FAILING_AFTER", "3", int, 1),
            batch_size=number("BATCH_SIZE", "25", int, 1),
            http_timeout=number("HTTP_TIMEOUT", "10", float, 0.1),
            max_page_bytes=number("MAX_PAGE_BYTES", "5000000", int, 1),
            extract_budget_seconds=number("EXTRACT_BUDGET_SECONDS", "10", float, 0),
            fetch_workers=number("FETCH_WORKERS", "8", int, 1),
            per_host_concurrency=number("PER_HOST_CONCURRENCY", "2", int, 1),
            per_host_delay=number("PER_HOST_DELAY", "0.5", float, 0),
            allow_hosts=tuple(h.strip() for h in _env("ALLOW_HOSTS", "").split(",") if h.strip()),
            user_agent=_env("USER_AGENT", cls.user_agent),
        )

    @classmethod
    def effective(cls) -> list[dict]:
        """Each setting's value as this process sees it, and where it came from (env or default);
        secrets (a password in the database URL) are redacted."""
        current = cls.from_env()
        rows = []
        for f in fields(cls):
            var = f"EVENTWIRE_{f.metadata['env']}"
            value = getattr(current, f.name)
            if isinstance(value, tuple):
                value = ",".join(value)
            value = "" if value is None else str(value)
            if f.name == "database_url":
                value = redact_url(value)
            rows.append({"variable": var, "value": value, "from": "env" if os.environ.get(var) else "default",
                         "meaning": f.metadata["help"]})
        return rows

    @classmethod
    def describe_effective(cls) -> str:
        rows = cls.effective()
        width = max(len(r["variable"]) for r in rows)
        lines = [f"{'variable':<{width}}  from     value"]
        for r in rows:
            shown = r["value"] if r["value"] else "(unset)"
            lines.append(f"{r['variable']:<{width}}  {r['from']:<7}  {shown}")
        return "\n".join(lines)

    @classmethod
    def describe(cls) -> str:
        rows = ["| variable | default | meaning |", "|---|---|---|"]
        for f in fields(cls):
            default = f.default if not isinstance(f.default, Path) else str(f.default).replace(str(REPO_ROOT), ".")
            rows.append(f"| `EVENTWIRE_{f.metadata['env']}` | `{default}` | {f.metadata['help']} |")
        return "\n".join(rows)


def redact_url(url: str) -> str:
    """A database URL or conninfo string with its password replaced by ***."""
    url = re.sub(r"(://[^:/@?#]*:)[^@/?#]*@", r"\1***@", url)
    return re.sub(r"(password\s*=\s*)('[^']*'|\S+)", r"\1***", url)


# The asset each ingest cycle publishes and the rollup DAG is scheduled on (Asset(name=..., uri=...)).
EVENTS_ASSET_NAME = "eventwire_events"
EVENTS_ASSET_URI = "postgres://eventwire/eventwire/events"
