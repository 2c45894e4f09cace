"""Poll RSS/Atom feeds for article links, politely and without ever raising.

A poll is a conditional GET (ETag / Last-Modified), so an unchanged feed costs one 304; the body
goes to feedparser as bytes so it can sniff the encoding itself. Failures come back as data.
"""

from __future__ import annotations

import calendar
import email.utils
import logging
import time
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import feedparser
import httpx
import yaml

from pipeline import safety
from pipeline.config import Settings
from pipeline.fetch.guard import AddressRefused
from pipeline.fetch.http import BodyError, BodyTooLarge, decompress_bounded, read_body

log = logging.getLogger(__name__)

DEFAULT_MAX_FEED_BYTES = 20_000_000
DEFAULT_INTERVAL_SECONDS = 15 * 60
DEFAULT_ALERT_AFTER_MINUTES = 360
WIRE_PLACEHOLDER = "{wire}"
# bounds the whole download, as for pages: a trickling feed must not hold a worker forever
TOTAL_TIME_FACTOR = 3.0


@dataclass(frozen=True)
class FeedItem:
    """One entry of a feed: where the article is and what the feed says about it."""

    url: str
    title: str | None
    published: str | None  # ISO-8601 datetime with the publisher's UTC offset, or None
    guid: str | None
    summary: str | None
    source: str | None = None  # the outlet, when an aggregator's item names it (RSS <source>)
    # what was changed or refused on the way in (an impossible date dropped, a URL too long...)
    notes: tuple[str, ...] = ()


@dataclass
class FeedResult:
    """The outcome of one poll. `status` is "ok", "not_modified" or "failed" (then `error` says why)."""

    url: str
    status: str
    items: list[FeedItem] = field(default_factory=list)
    etag: str | None = None
    modified: str | None = None
    error: str | None = None


def poll_feed(client: httpx.Client, url: str, etag: str | None = None, modified: str | None = None,
              *, max_bytes: int = DEFAULT_MAX_FEED_BYTES) -> FeedResult:
    """Fetch and parse one feed; pass the previous poll's `etag`/`modified` to get a cheap 304."""
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if modified:
        headers["If-Modified-Since"] = modified
    read_timeout = client.timeout.read or 30.0
    deadline = time.monotonic() + TOTAL_TIME_FACTOR * read_timeout + (client.timeout.connect or 0)
    try:
        with client.stream("GET", url, headers=headers) as response:
            if response.status_code == 304:
                return FeedResult(url, "not_modified", etag=response.headers.get("etag", etag),
                                  modified=response.headers.get("last-modified", modified))
            if response.status_code >= 400:
                return FeedResult(url, "failed", etag=etag, modified=modified,
                                  error=f"HTTP {response.status_code}")
            try:
                body = read_body(response, max_bytes, deadline)
            except BodyTooLarge:
                return FeedResult(url, "failed", etag=etag, modified=modified,
                                  error=f"too large: feed exceeds {max_bytes} bytes")
            except BodyError as exc:
                return FeedResult(url, "failed", etag=etag, modified=modified, error=str(exc))
            final_url = str(response.url)
            resp_headers = {"content-location": final_url}
            if response.headers.get("content-type"):
                resp_headers["content-type"] = response.headers["content-type"]
            new_etag = response.headers.get("etag")
            new_modified = response.headers.get("last-modified")
    except AddressRefused as exc:
        return FeedResult(url, "failed", etag=etag, modified=modified, error=str(exc))
    except httpx.TooManyRedirects as exc:
        return FeedResult(url, "failed", etag=etag, modified=modified, error=f"redirect loop: {exc}")
    except httpx.TimeoutException as exc:
        return FeedResult(url, "failed", etag=etag, modified=modified,
                          error=f"timeout: {type(exc).__name__} {exc}".strip())
    except (httpx.HTTPError, OSError, ValueError) as exc:
        return FeedResult(url, "failed", etag=etag, modified=modified, error=f"{type(exc).__name__}: {exc}")

    return parse_feed_bytes(body, url=final_url, response_headers=resp_headers,
                            etag=new_etag, modified=new_modified, requested_url=url, max_bytes=max_bytes)


def parse_feed_bytes(data: bytes, url: str = "", response_headers: dict | None = None,
                     etag: str | None = None, modified: str | None = None,
                     requested_url: str | None = None, max_bytes: int = DEFAULT_MAX_FEED_BYTES) -> FeedResult:
    """Parse a feed body (possibly gzipped) into a `FeedResult`; usable on files as well as responses."""
    result_url = requested_url or url
    try:
        data = _maybe_decompress(data, max_bytes)
    except BodyTooLarge:
        return FeedResult(result_url, "failed", etag=etag, modified=modified,
                          error=f"too large: feed decompresses past {max_bytes} bytes")
    headers = dict(response_headers or {})
    if url and "content-location" not in headers:
        headers["content-location"] = url
    try:
        parsed = feedparser.parse(data, response_headers=headers)
    except Exception as exc:  # feedparser is defensive, but a parser bug must not stop a batch
        return FeedResult(result_url, "failed", etag=etag, modified=modified,
                          error=f"unparseable feed: {type(exc).__name__}: {exc}")
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        detail = f": {reason}" if reason else ""
        return FeedResult(result_url, "failed", etag=etag, modified=modified,
                          error=f"not a feed (malformed or not RSS/Atom){detail}")
    items = [item for item in (_safe_item(entry) for entry in parsed.entries) if item is not None]
    if not items and parsed.get("bozo"):
        # a well-formed feed may be empty; a broken one that yields nothing is a failed poll
        return FeedResult(result_url, "failed", etag=etag, modified=modified,
                          error=f"malformed feed: {parsed.get('bozo_exception')}")
    return FeedResult(result_url, "ok", items=items, etag=etag, modified=modified)


def _maybe_decompress(data: bytes, max_bytes: int) -> bytes:
    """Undo gzip that was served as the body itself rather than as Content-Encoding (bounded)."""
    if data[:2] == b"\x1f\x8b":
        try:
            return decompress_bounded(data, max_bytes)
        except (OSError, EOFError, zlib.error):
            return data
    return data


def _is_web_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def _safe_item(entry: Any) -> FeedItem | None:
    """`_to_item`, but an entry that trips it is skipped with a log line rather than failing the feed."""
    try:
        return _to_item(entry)
    except Exception as exc:  # feedparser hands back odd shapes; one entry must not cost the feed
        log.warning("feed entry skipped: %s", safety.describe_error(exc))
        return None


def _to_item(entry: Any) -> FeedItem | None:
    """One feed entry as a FeedItem, with every field made safe (see pipeline.safety)."""
    url = safety.clean_str(entry.get("link") or "") or ""
    if not _is_web_url(url):
        # feedparser falls back to the id for `link`; an urn: id is no page to fetch
        url = ""
        for link in entry.get("links") or []:
            href = safety.clean_str(link.get("href") or "") or ""
            if _is_web_url(href):
                url = href
                break
    guid = safety.clean_str(entry.get("id"), safety.MAX_FIELD_LENGTH) or None
    if not url and guid and _is_web_url(guid):
        url = guid
    if not url:
        return None
    notes = []
    title = safety.clean_str(entry.get("title"), safety.MAX_FIELD_LENGTH) or None
    summary = safety.clean_str(entry.get("summary"), 100_000) or None
    source = safety.clean_str((entry.get("source") or {}).get("title"), safety.MAX_NAME_LENGTH) or None
    published, note = _entry_date(entry)
    if note:
        notes.append(note)
    # a URL that cannot be fetched (too long, unparseable) is still stored: the fetch step refuses
    # it with the reason, so it is quarantined on its own row rather than dropped here
    return FeedItem(url=url, title=title, published=published, guid=guid, summary=summary, source=source,
                    notes=tuple(notes))


def _entry_date(entry: Any) -> tuple[str | None, str | None]:
    """(ISO-8601 publication time keeping the publisher's offset when the raw string allows it, note).

    Never raises: a date outside sane bounds (year 0, year 9999, a century ago) is None with a note.
    """
    note = None
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        parsed = entry.get(f"{key}_parsed")
        if not raw and not parsed:
            continue
        exact = _parse_raw_date(raw) if isinstance(raw, str) and raw else None
        try:
            utc = (datetime.fromtimestamp(calendar.timegm(parsed), tz=timezone.utc)
                   if parsed is not None else None)
        except (OverflowError, ValueError, TypeError, OSError):
            utc, note = None, f"{key} date {str(raw)[:60]!r} out of range: ignored"
        if exact is not None:
            exact, bad = safety.sane_datetime(exact)
            # trust the raw reading only where it agrees with feedparser's (UTC) reading
            if exact is not None and (utc is None or abs(exact.timestamp() - utc.timestamp()) < 1):
                return exact.isoformat(), None
            note = note or bad
        if utc is not None:
            utc, bad = safety.sane_datetime(utc)
            if utc is not None:
                return utc.isoformat(), None
            note = note or bad
    return None, note


def _parse_raw_date(raw: str) -> datetime | None:
    raw = raw.strip()
    try:
        value = email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError, OverflowError):
        value = None
    if value is None:
        try:
            value = datetime.fromisoformat(raw.replace("Z", "+00:00"))
        except (ValueError, OverflowError):
            return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value


def interval_seconds(entry: dict, where: str = "feed") -> int:
    """A feed entry's poll interval in seconds, from `interval_seconds` or `interval_minutes` (not both).

    Raises ValueError on anything that is not a positive number: a typo in feeds.yaml must stop the
    run, not silently poll a feed every second or never.
    """
    given = {k: entry[k] for k in ("interval_seconds", "interval_minutes") if entry.get(k) is not None}
    if len(given) > 1:
        raise ValueError(f"{where}: give interval_seconds or interval_minutes, not both")
    if not given:
        return DEFAULT_INTERVAL_SECONDS
    (key, value), = given.items()
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{where}: {key} must be a number, got {value!r}") from None
    seconds = round(number * (60 if key == "interval_minutes" else 1))
    if isinstance(value, bool) or seconds < 1:
        raise ValueError(f"{where}: {key} must be a positive number, got {value!r}")
    return seconds


FEED_KEYS = ("name", "url", "enabled", "interval_seconds", "interval_minutes", "alert_after_minutes")


class FeedListError(ValueError):
    """A mistake in the feed list, in one line naming the file, the feed and the key."""


def _yaml(path: Path):
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise FeedListError(f"{path}: not valid YAML{where}: {problem}") from None
    except UnicodeDecodeError as exc:
        raise FeedListError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None


def _unknown_key(where: str, key, allowed) -> FeedListError:
    import difflib

    close = difflib.get_close_matches(str(key), allowed, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else f" (known keys: {', '.join(allowed)})"
    return FeedListError(f"{where}: unknown key {key!r}{hint}")


def load_feed_list(path: str | Path, wire_base: str | None = None, enabled_only: bool = False) -> list[dict]:
    """Read `feeds.yaml`: a list of {name, url, enabled, interval_seconds | interval_minutes,
    alert_after_minutes} (or a mapping whose only key is `feeds:` holding that list); returns entries
    with defaults filled in and the interval in seconds.

    The file is checked against that schema: unknown keys, wrong types (`enabled: "no"`), a mapping
    without `feeds:`, duplicate names or URLs and YAML errors raise FeedListError, one line naming
    the feed and key. `wire_base` replaces a `{wire}` placeholder in urls (the local news wire's base
    URL); entries that still hold the placeholder are returned unchanged, so the caller can see them.
    """
    path = Path(path)
    raw = _yaml(path)
    if raw is None:
        raw = []
    if isinstance(raw, dict):
        extra = [k for k in raw if k != "feeds"]
        if extra:
            raise _unknown_key(f"{path}: top level", extra[0], ["feeds"])
        if "feeds" not in raw:
            raise FeedListError(f"{path}: a mapping needs a 'feeds:' key holding the list of feeds")
        raw = raw["feeds"] if raw["feeds"] is not None else []
    if not isinstance(raw, list):
        raise FeedListError(f"{path}: expected a list of feeds, got {type(raw).__name__}")
    feeds, seen_urls, seen_names = [], {}, {}
    for index, entry in enumerate(raw):
        where = f"{path}: feed #{index + 1}"
        if not isinstance(entry, dict):
            raise FeedListError(f"{where}: expected a mapping with at least a 'url', got {type(entry).__name__}")
        if isinstance(entry.get("name"), str) and entry["name"].strip():
            where += f" ({entry['name'].strip()[:80]})"
        for key in entry:
            if key not in FEED_KEYS:
                raise _unknown_key(where, key, FEED_KEYS)
        if not entry.get("url"):
            raise FeedListError(f"{where}: needs at least a 'url'")
        if not isinstance(entry["url"], str):
            raise FeedListError(f"{where}: url must be text, got {entry['url']!r}")
        name = entry.get("name")
        if name is not None and (not isinstance(name, str) or not name.strip()):
            raise FeedListError(f"{where}: name must be non-empty text, got {name!r}")
        url = entry["url"].strip()
        if wire_base is not None:
            url = url.replace(WIRE_PLACEHOLDER, wire_base.rstrip("/"))
        if WIRE_PLACEHOLDER not in url:
            problem = safety.url_problem(url)
            if problem:
                raise FeedListError(f"{where}: url: {problem}")
        enabled = entry.get("enabled", True)
        if not isinstance(enabled, bool):
            raise FeedListError(f"{where}: enabled must be true or false (unquoted), got {enabled!r}")
        alert_after = entry.get("alert_after_minutes", DEFAULT_ALERT_AFTER_MINUTES)
        if isinstance(alert_after, bool) or not isinstance(alert_after, int) or alert_after < 1:
            raise FeedListError(f"{where}: alert_after_minutes must be a whole number of minutes >= 1, got {alert_after!r}")
        try:
            interval = interval_seconds(entry, where)
        except ValueError as exc:
            raise FeedListError(str(exc)) from None
        name = (name or url).strip()
        if len(name) > safety.MAX_NAME_LENGTH:
            raise FeedListError(f"{where}: name longer than {safety.MAX_NAME_LENGTH} characters")
        for seen, value, what in ((seen_urls, url, "url"), (seen_names, name, "name")):
            if value in seen:
                raise FeedListError(f"{where}: the same {what} as feed #{seen[value]}")
            seen[value] = index + 1
        feed = {"name": name, "url": url, "enabled": enabled, "interval_seconds": interval,
                "alert_after_minutes": alert_after}
        if enabled_only and not feed["enabled"]:
            continue
        feeds.append(feed)
    return feeds


def configured_feeds(settings: Settings) -> list[dict]:
    """The feeds to poll: EVENTWIRE_FEEDS when set, else the enabled entries of feeds_file
    (interval in seconds; entries on the bundled wire are skipped when it is not running)."""
    if settings.feeds:
        for url in settings.feeds:
            if safety.url_problem(url):
                raise FeedListError(f"EVENTWIRE_FEEDS: {url[:100]!r}: {safety.url_problem(url)}")
        # the name is shown (alerts, health page): never the URL's password
        return [{"name": safety.redact_url(url), "url": url, "enabled": True, "interval_seconds": DEFAULT_INTERVAL_SECONDS}
                for url in settings.feeds]
    if not settings.feeds_file.exists():
        raise FileNotFoundError(f"feed list {settings.feeds_file} not found (set EVENTWIRE_FEEDS_FILE or EVENTWIRE_FEEDS)")
    feeds = load_feed_list(settings.feeds_file, wire_base=settings.wire_url, enabled_only=True)
    return [f for f in feeds if WIRE_PLACEHOLDER not in f["url"]]
