"""Inputs made safe at the edge: what a hostile feed, page or article may carry is tamed once, here.

PostgreSQL refuses NUL in text, btree indexes refuse keys over ~2.7 kB, `datetime` refuses year 0,
`urlsplit` raises on `http://[::1/story`. Each of those once stopped a whole run; the functions
below never raise and say what they changed, so the caller can record it on the row concerned.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from urllib.parse import urlsplit

# An article's address: browsers and CDNs stop near 2 kB; beyond that it is a trap or a mistake.
MAX_URL_LENGTH = 2048
# A place, actor, admin region or country name; the longest real place names are under 100 letters.
MAX_NAME_LENGTH = 200
# Titles, authors, feed names, guids: shown to people and kept in indexes-free text columns.
MAX_FIELD_LENGTH = 4000
# Publication dates outside these bounds are errors in the feed or page, not news.
EARLIEST_DATE = date(1900, 1, 1)
FUTURE_SLACK = timedelta(days=2)  # time zones and clocks set a little ahead

# C0 controls other than tab/newline/carriage return, DEL, C1 controls, lone surrogates and the
# two non-characters U+FFFE/U+FFFF: none is text, NUL is refused by PostgreSQL, surrogates by UTF-8.
_IMPOSSIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean_str(value, limit: int | None = None) -> str | None:
    """`value` as text without impossible characters, stripped, cut to `limit`; None stays None."""
    if value is None:
        return None
    if not isinstance(value, str):
        value = str(value)
    value = _IMPOSSIBLE.sub("", value).strip()
    if limit is not None and len(value) > limit:
        value = value[:limit]
    return value


def strip_impossible(value: str) -> str:
    """`value` without impossible characters (no stripping, no cut): for long texts."""
    return _IMPOSSIBLE.sub("", value) if value else value


def clean_json(value):
    """A JSON-able structure with every string passed through `strip_impossible` (jsonb refuses \\u0000)."""
    if isinstance(value, str):
        return strip_impossible(value)
    if isinstance(value, dict):
        return {strip_impossible(str(k)): clean_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean_json(v) for v in value]
    return value


def sane_date_bounds(today: date | None = None) -> tuple[date, date]:
    today = today or datetime.now(timezone.utc).date()
    return EARLIEST_DATE, today + FUTURE_SLACK


def sane_datetime(value: datetime | None) -> tuple[datetime | None, str | None]:
    """(value, None) when it is a plausible publication time, else (None, a note saying why)."""
    if value is None:
        return None, None
    try:
        utc = value.astimezone(timezone.utc) if value.tzinfo else value.replace(tzinfo=timezone.utc)
        earliest, latest = sane_date_bounds()
        if not earliest <= utc.date() <= latest:
            return None, f"date {value.isoformat()} outside {earliest}..{latest}: ignored"
        return value, None
    except (OverflowError, ValueError) as exc:  # year 0/-1 after the offset is applied
        return None, f"date {value!r} out of range ({exc}): ignored"


def sane_date(value) -> tuple[date | None, str | None]:
    """A date (from a date, datetime or ISO string) within bounds, else (None, note); never raises."""
    if value is None or value == "":
        return None, None
    try:
        if isinstance(value, datetime):
            day = value.date()
        elif isinstance(value, date):
            day = value
        else:
            day = date.fromisoformat(str(value).strip()[:10])
    except (ValueError, TypeError, OverflowError):
        return None, f"date {str(value)[:60]!r} is not a date: ignored"
    earliest, latest = sane_date_bounds()
    if not earliest <= day <= latest:
        return None, f"date {day.isoformat()} outside {earliest}..{latest}: ignored"
    return day, None


def url_problem(url: str | None, limit: int = MAX_URL_LENGTH) -> str | None:
    """Why `url` cannot be an article's address (too long, unparseable, not http(s), no host), or None."""
    if not url:
        return "empty URL"
    if len(url) > limit:
        return f"URL longer than {limit} characters ({len(url)})"
    if _IMPOSSIBLE.search(url) or any(c.isspace() for c in url):
        return "URL contains control characters or spaces"
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 (raises on a port that is not a number or out of range)
    except ValueError as exc:
        return f"unparseable URL: {exc}"
    if parts.scheme.lower() not in ("http", "https"):
        return f"not an http(s) URL: {parts.scheme or 'no scheme'}"
    if not host:
        return "URL has no host"
    return None


def name_problems(row: dict, columns=("location_name", "actor1_name", "actor2_name", "admin1", "country"),
                  list_columns=("assoc_actor1", "assoc_actor2"), limit: int = MAX_NAME_LENGTH) -> list[dict]:
    """Reasons (quarantine format) for names in an event row longer than `limit` characters."""
    reasons = []
    for column in columns:
        value = row.get(column)
        if isinstance(value, str) and len(value) > limit:
            reasons.append({"expectation": "name_length", "column": column,
                            "detail": f"{len(value)} characters, more than {limit}"})
    for column in list_columns:
        for value in row.get(column) or []:
            if isinstance(value, str) and len(value) > limit:
                reasons.append({"expectation": "name_length", "column": column,
                                "detail": f"a name of {len(value)} characters, more than {limit}"})
                break
    return reasons


def describe_error(exc: BaseException, limit: int = 500) -> str:
    """One line for a stored reason: the exception's type and message, impossible characters gone."""
    text = f"{type(exc).__name__}: {exc}".replace("\n", " ")
    return clean_str(text, limit) or type(exc).__name__


_PASSWORD_PARAM = re.compile(r"([?&](?:password|passwd|pwd|token|api_key|apikey)=)[^&\s#]*", re.IGNORECASE)
_USERINFO = re.compile(r"(?P<scheme>[a-zA-Z][a-zA-Z0-9+.\-]*://)(?P<user>[^:@/\s]*):(?P<password>[^@/\s]+)@")


def redact_url(text: str | None) -> str | None:
    """`text` with the password of every URL in it shown as ***: `postgresql://user:***@host/db`.

    Works on a bare URL and on a message that contains URLs (a log line, an error)."""
    if not text:
        return text
    text = _USERINFO.sub(lambda m: f"{m['scheme']}{m['user']}:***@", text)
    return _PASSWORD_PARAM.sub(lambda m: f"{m[1]}***", text)
