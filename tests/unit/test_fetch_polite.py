"""robots.txt rules, per-host throttling, page canonical URLs and bounded body decoding, without a network.

httpx.MockTransport stands in for servers, so each status convention is checked exactly.
"""

import gzip
import threading
import time
import zlib

import httpx
import pytest

from pipeline.config import Settings
from pipeline.fetch import crawl
from pipeline.fetch.http import BodyTooLarge, read_body
from pipeline.fetch.pages import page_canonical_url
from pipeline.fetch.robots import RobotsCache, fetch_rules

pytestmark = pytest.mark.unit

# the test servers listen on 127.0.0.1, which the address guard refuses unless allowed explicitly
LOCAL = ("127.0.0.1",)

UA = Settings().user_agent
ROBOTS = b"""User-agent: eventwire
Disallow: /private/
Crawl-delay: 2

User-agent: *
Disallow: /
"""


def _client(handler) -> httpx.Client:
    return httpx.Client(transport=httpx.MockTransport(handler), timeout=1.0, follow_redirects=True)


def _robots_served(status: int, body: bytes = b""):
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request.url.path)
        if request.url.path == "/robots.txt":
            return httpx.Response(status, stream=httpx.ByteStream(body))
        return httpx.Response(200, headers={"content-type": "text/html"},
                              stream=httpx.ByteStream(b"<html><body>ok</body></html>"))
    return handler, calls


def test_rules_for_our_user_agent_are_applied():
    handler, _ = _robots_served(200, ROBOTS)
    with _client(handler) as client:
        rules = fetch_rules(client, "https://news.example")
    assert rules.allows("https://news.example/world/story.html", UA)
    assert not rules.allows("https://news.example/private/x.html", UA)
    assert not rules.allows("https://news.example/world/story.html", "OtherBot/1.0")
    assert rules.crawl_delay(UA) == 2.0


@pytest.mark.parametrize("status, allowed", [(404, True), (410, True), (401, False), (403, False),
                                             (500, False), (503, False)])
def test_robots_status_conventions(status, allowed):
    handler, _ = _robots_served(status)
    with _client(handler) as client:
        rules = fetch_rules(client, "https://news.example")
    assert rules.allows("https://news.example/a.html", UA) is allowed
    assert rules.source == f"HTTP {status}"


def test_unreachable_robots_allows():
    def handler(request):
        raise httpx.ConnectError("connection refused", request=request)
    with _client(handler) as client:
        rules = fetch_rules(client, "https://down.example")
    assert rules.allows("https://down.example/a.html", UA)
    assert rules.source == "unavailable: ConnectError"


def test_robots_is_fetched_once_per_host_across_threads():
    handler, calls = _robots_served(200, ROBOTS)
    with _client(handler) as client:
        cache = RobotsCache(client, UA)
        threads = [threading.Thread(target=cache.allows, args=(f"https://news.example/p{i}",)) for i in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        cache.allows("https://other.example/")
    assert calls.count("/robots.txt") == 2


def test_disallowed_page_is_a_failed_fetch_with_the_path():
    handler, calls = _robots_served(200, ROBOTS)
    settings = Settings(allow_hosts=LOCAL, per_host_delay=0, fetch_workers=2)
    jobs = [(1, "https://news.example/private/leak.html?id=3"), (2, "https://news.example/world/ok.html")]
    with _client(handler) as client:
        results = dict(crawl.fetch_pages(client, jobs, settings))
    assert results[1].error == "robots.txt disallows /private/leak.html?id=3"
    assert results[1].html is None
    assert results[2].ok
    assert "/private/leak.html" not in calls


def test_robots_server_error_keeps_the_whole_host_off_limits_with_the_reason():
    handler, calls = _robots_served(503)
    settings = Settings(allow_hosts=LOCAL, per_host_delay=0, fetch_workers=2)
    jobs = [(1, "https://news.example/a.html"), (2, "https://news.example/b.html")]
    with _client(handler) as client:
        results = dict(crawl.fetch_pages(client, jobs, settings))
    assert {r.error for r in results.values()} == {"robots.txt answered HTTP 503: the whole host is off limits for now"}
    assert calls == ["/robots.txt"]  # asked once, and no page requested


def test_throttle_spaces_request_starts_per_host():
    throttle = crawl.HostThrottle(concurrency=4, delay=0.1)
    starts: dict[str, list[float]] = {"a": [], "b": []}

    def hit(host):
        with throttle.slot(host):
            starts[host].append(time.monotonic())
    threads = [threading.Thread(target=hit, args=(h,)) for h in "aaaabb"]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    gaps = [b - a for a, b in zip(sorted(starts["a"]), sorted(starts["a"])[1:])]
    assert min(gaps) >= 0.095
    # (by order, not by a wall-clock bound: host b's first request does not wait for host a's spacing)
    assert min(starts["b"]) < sorted(starts["a"])[1], "another host is not held back"


def test_throttle_caps_requests_in_flight_per_host():
    throttle = crawl.HostThrottle(concurrency=2, delay=0)
    lock, in_flight, peak = threading.Lock(), [0], [0]

    def hit():
        with throttle.slot("h"):
            with lock:
                in_flight[0] += 1
                peak[0] = max(peak[0], in_flight[0])
            time.sleep(0.03)
            with lock:
                in_flight[0] -= 1
    threads = [threading.Thread(target=hit) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert peak[0] == 2


def test_crawl_delay_larger_than_setting_is_honoured():
    # urllib.robotparser reads whole seconds only
    handler, _ = _robots_served(200, b"User-agent: *\nCrawl-delay: 1\n")
    settings = Settings(allow_hosts=LOCAL, per_host_delay=0.01, fetch_workers=4, per_host_concurrency=4)
    jobs = [(i, f"https://slow.example/{i}.html") for i in range(2)]
    started = time.monotonic()
    with _client(handler) as client:
        results = dict(crawl.fetch_pages(client, jobs, settings))
    assert all(r.ok for r in results.values())
    assert time.monotonic() - started >= 0.98


def test_hosts_are_interleaved_so_one_host_does_not_queue_the_rest():
    jobs = [(i, f"https://a.example/{i}") for i in range(3)] + [(9, "https://b.example/9")]
    assert [k for k, _ in crawl._interleave_hosts(jobs)] == [0, 9, 1, 2]


@pytest.mark.parametrize("html, expected", [
    ('<html><head><link rel="canonical" href="https://www.Example.com/story?utm_source=x"></head></html>',
     "https://www.example.com/story"),
    ("<html><head><link href='/world/a.html' rel='alternate canonical'></head></html>",
     "https://news.example/world/a.html"),
    ('<html><head><meta property="og:url" content="https://news.example/world/og.html"></head></html>',
     "https://news.example/world/og.html"),
    ('<html><head><link rel="canonical" href="https://news.example/"></head></html>',
     "https://news.example/feed/item?id=1"),
    ("<html><head><title>none</title></head><body><link rel=canonical href=/late></body></html>",
     "https://news.example/feed/item?id=1"),
    ('<html><head><link rel="canonical" href="javascript:void(0)"></head></html>',
     "https://news.example/feed/item?id=1"),
])
def test_page_canonical_url(html, expected):
    assert page_canonical_url(html, "https://news.example/feed/item?id=1#c") == expected


def _streamed(body: bytes, encoding: str) -> httpx.Response:
    return httpx.Response(200, headers={"content-encoding": encoding}, stream=httpx.ByteStream(body))


@pytest.mark.parametrize("encode, name", [(gzip.compress, "gzip"), (zlib.compress, "deflate"),
                                          (lambda b: zlib.compress(b)[2:-4], "deflate")])
def test_read_body_decodes_gzip_and_deflate(encode, name):
    text = b"<html>" + "Дамаск ".encode() * 1000 + b"</html>"
    assert read_body(_streamed(encode(text), name), max_bytes=100_000) == text


def test_read_body_stops_a_gzip_bomb_at_the_decoded_cap():
    bomb = gzip.compress(b"\0" * 50_000_000)
    assert len(bomb) < 100_000
    with pytest.raises(BodyTooLarge, match="more than 1000000 bytes"):
        read_body(_streamed(bomb, "gzip"), max_bytes=1_000_000)


def test_read_body_reads_concatenated_gzip_members():
    body = gzip.compress(b"first ") + gzip.compress(b"second")
    assert read_body(_streamed(body, "gzip"), max_bytes=1000) == b"first second"
