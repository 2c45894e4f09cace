"""robots.txt: fetched once per host through our own client (so timeouts and size caps apply), then obeyed.

Status conventions follow RFC 9309: a 5xx means the rules are undefined, so everything is disallowed
for this crawl (RFC 9309 2.3.1.4; the next batch asks again); 401/403 = everything disallowed (stricter
than the RFC, as most crawlers are); any other 4xx, or a server we cannot reach at all, = no rules (the
page fetch then fails with its own precise reason). Rules are matched with our User-Agent by
`urllib.robotparser`.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from pipeline.fetch.http import BodyError, read_body

log = logging.getLogger(__name__)

# RFC 9309 2.5: crawlers must parse at least 500 KiB; anything past that is ignored, not fatal
ROBOTS_MAX_BYTES = 500 * 1024


@dataclass(frozen=True)
class RobotsRules:
    """What one host's robots.txt says. `source` records how we got it (for logs and tests)."""

    origin: str
    source: str
    parser: RobotFileParser | None = None
    allow_all: bool = False
    disallow_all: bool = False

    def allows(self, url: str, user_agent: str) -> bool:
        if self.disallow_all:
            return False
        if self.allow_all or self.parser is None:
            return True
        return self.parser.can_fetch(user_agent, url)

    def crawl_delay(self, user_agent: str) -> float | None:
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(user_agent)
        return float(delay) if delay is not None else None


def origin_of(url: str) -> str:
    """scheme://host[:port] — robots.txt is per origin, and so are our rate limits."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def fetch_rules(client: httpx.Client, origin: str, deadline_factor: float = 3.0) -> RobotsRules:
    """GET origin/robots.txt and turn the answer into rules; never raises."""
    url = origin + "/robots.txt"
    read_timeout = client.timeout.read or 30.0
    deadline = time.monotonic() + deadline_factor * read_timeout + (client.timeout.connect or 0)
    try:
        with client.stream("GET", url) as response:
            status = response.status_code
            if status in (401, 403) or status >= 500:
                return RobotsRules(origin, f"HTTP {status}", disallow_all=True)
            if status >= 400:
                return RobotsRules(origin, f"HTTP {status}", allow_all=True)
            body = read_body(response, ROBOTS_MAX_BYTES, deadline, truncate=True)
    except (httpx.HTTPError, OSError, ValueError, BodyError) as exc:
        log.info("robots.txt at %s unavailable (%s: %s); crawling without rules", origin, type(exc).__name__, exc)
        return RobotsRules(origin, f"unavailable: {type(exc).__name__}", allow_all=True)
    parser = RobotFileParser(url)
    parser.parse(body.decode("utf-8", errors="replace").splitlines())
    return RobotsRules(origin, f"HTTP {status}", parser=parser)


class RobotsCache:
    """Per-origin robots rules for one crawl, safe to share between fetch threads.

    The first thread to need a host fetches its robots.txt; the others for that host wait for it
    rather than fetching it again.
    """

    def __init__(self, client: httpx.Client, user_agent: str):
        self._client = client
        self.user_agent = user_agent
        self._rules: dict[str, RobotsRules] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def rules_for(self, url: str) -> RobotsRules:
        origin = origin_of(url)
        with self._guard:
            lock = self._locks.setdefault(origin, threading.Lock())
        with lock:
            rules = self._rules.get(origin)
            if rules is None:
                rules = self._rules[origin] = fetch_rules(self._client, origin)
            return rules

    def allows(self, url: str) -> bool:
        return self.rules_for(url).allows(url, self.user_agent)

    def refusal(self, url: str) -> str:
        """Why `url` may not be fetched, for the quarantine reason."""
        rules = self.rules_for(url)
        parts = urlsplit(url)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        if rules.disallow_all and rules.parser is None:
            return f"robots.txt answered {rules.source}: the whole host is off limits for now"
        return f"robots.txt disallows {path}"

    def crawl_delay(self, url: str) -> float | None:
        return self.rules_for(url).crawl_delay(self.user_agent)
