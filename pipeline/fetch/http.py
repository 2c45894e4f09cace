"""One place that builds the HTTP client every fetch uses.

Timeouts, the User-Agent and the redirect limit come from `Settings`, so feeds and pages are
fetched politely and a hung server can only cost `http_timeout` seconds.
"""

from __future__ import annotations

import httpx

from pipeline.config import Settings

MAX_REDIRECTS = 5


def make_client(settings: Settings | None = None) -> httpx.Client:
    """An `httpx.Client` with connect/read timeouts, a descriptive UA and at most 5 redirects."""
    settings = settings or Settings()
    timeout = httpx.Timeout(settings.http_timeout, connect=settings.http_timeout)
    return httpx.Client(
        timeout=timeout,
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        headers={
            "User-Agent": settings.user_agent,
            "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
                      "application/xml;q=0.9,*/*;q=0.5",
            "Accept-Encoding": "gzip, deflate",
        },
    )
