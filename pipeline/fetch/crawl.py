"""Fetch a batch of pages concurrently while staying polite to every host.

Threads share one `httpx.Client`; each host gets at most `per_host_concurrency` requests in flight
and a minimum gap between request starts (robots.txt `Crawl-delay` wins when it is larger).
"""

from __future__ import annotations

import logging
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from typing import Hashable, Iterable, Iterator
from urllib.parse import urlsplit

import httpx

from pipeline.config import Settings
from pipeline.fetch import pages
from pipeline.fetch.robots import RobotsCache, origin_of

log = logging.getLogger(__name__)

# a robots.txt asking for more than this between requests is honoured only up to it, so one
# host cannot stall a whole batch (Airflow task) for hours
MAX_CRAWL_DELAY = 30.0


class HostThrottle:
    """Per-host concurrency (a semaphore) and start-to-start spacing (a reserved next slot)."""

    def __init__(self, concurrency: int, delay: float):
        self.concurrency = max(1, int(concurrency))
        self.delay = max(0.0, float(delay))
        self._guard = threading.Lock()
        self._slots: dict[str, threading.BoundedSemaphore] = {}
        self._next_start: dict[str, float] = defaultdict(float)

    @contextmanager
    def slot(self, host: str, delay: float | None = None):
        """Hold one of the host's slots, starting no sooner than its delay after the previous start."""
        gap = self.delay if delay is None else max(self.delay, delay)
        with self._guard:
            semaphore = self._slots.setdefault(host, threading.BoundedSemaphore(self.concurrency))
        semaphore.acquire()
        try:
            with self._guard:
                now = time.monotonic()
                start = max(now, self._next_start[host])
                self._next_start[host] = start + gap
            if start > now:
                time.sleep(start - now)
            yield
        finally:
            semaphore.release()


def fetch_one(client: httpx.Client, url: str, max_bytes: int, throttle: HostThrottle,
              robots: RobotsCache | None) -> pages.PageResult:
    """robots.txt check, then a throttled `fetch_page`; any surprise becomes an error result."""
    try:
        if urlsplit(url).scheme.lower() not in ("http", "https"):
            return pages.fetch_page(client, url, max_bytes)  # it reports the bad scheme itself
        crawl_delay = None
        if robots is not None:
            if not robots.allows(url):
                return pages.PageResult(url, None, None, None, None, robots.refusal(url))
            crawl_delay = robots.crawl_delay(url)
            if crawl_delay and crawl_delay > MAX_CRAWL_DELAY:
                log.warning("%s asks for Crawl-delay %s s; using %s s", origin_of(url), crawl_delay, MAX_CRAWL_DELAY)
                crawl_delay = MAX_CRAWL_DELAY
        with throttle.slot(origin_of(url), crawl_delay):
            return pages.fetch_page(client, url, max_bytes)
    except Exception as exc:  # a bug or odd URL must cost one page, never the batch
        log.exception("fetching %s", url)
        return pages.PageResult(url, None, None, None, None, f"{type(exc).__name__}: {exc}")


def _interleave_hosts(jobs: list[tuple[Hashable, str]]) -> list[tuple[Hashable, str]]:
    """Round-robin over hosts, so workers are not all queued behind one host's limit."""
    by_host: dict[str, list] = defaultdict(list)
    for job in jobs:
        by_host[origin_of(job[1])].append(job)
    queues = list(by_host.values())
    out = []
    for i in range(max((len(q) for q in queues), default=0)):
        out.extend(q[i] for q in queues if i < len(q))
    return out


def fetch_pages(client: httpx.Client, jobs: Iterable[tuple[Hashable, str]], settings: Settings,
                robots: bool = True) -> Iterator[tuple[Hashable, pages.PageResult]]:
    """Fetch every (key, url) concurrently; yield (key, PageResult) on the caller's thread as each ends.

    Every job yields exactly once, so a caller writing results to the database loses nothing.
    """
    jobs = _interleave_hosts(list(jobs))
    if not jobs:
        return
    throttle = HostThrottle(settings.per_host_concurrency, settings.per_host_delay)
    cache = RobotsCache(client, settings.user_agent) if robots else None
    with ThreadPoolExecutor(max_workers=max(1, settings.fetch_workers), thread_name_prefix="eventwire-fetch") as pool:
        futures = {pool.submit(fetch_one, client, url, settings.max_page_bytes, throttle, cache): (key, url)
                   for key, url in jobs}
        for future in as_completed(futures):
            key, url = futures[future]
            yield key, future.result()
