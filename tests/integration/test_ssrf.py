"""The crawler cannot be turned inward (issue 11, finding 4): a feed on 127.0.0.1 (allowed, because the
operator configured it) links to other local ports, loopback in decimal and hex, link-local metadata,
private and ULA ranges, and redirects to a local port. None of them is fetched; each is quarantined
with the reason; the feed's own pages load. Real servers on 127.0.0.1, real PostgreSQL."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from pipeline import steps
from pipeline.config import Settings
from pipeline.fetch.guard import AddressGuard
from pipeline.fetch.http import make_client
from pipeline.fetch.pages import fetch_page
from tests.httpserver import QuietHandler, base_url, serve
from tests.integration.test_row_isolation import _page, assert_every_article_accounted

pytestmark = pytest.mark.integration


class InnerHandler(QuietHandler):
    """A service that must never be reached: it counts every request."""

    def do_GET(self):  # noqa: N802
        self.server.hits.append(self.path)
        self.send(200, "text/html", _page("secret"))


class OuterHandler(QuietHandler):
    def do_GET(self):  # noqa: N802
        if self.path == "/feed.xml":
            self.send(200, "application/rss+xml", self.server.feed)
        elif self.path == "/redirect":
            self.send(302, "text/plain", b"", {"Location": self.server.inner + "/via-redirect"})
        elif self.path.startswith("/p/"):
            self.send(200, "text/html; charset=utf-8", _page(self.path))
        else:
            self.send(404, "text/plain", b"")


def _links(outer: str, inner_port: int) -> list[str]:
    return [
        f"http://localhost:{inner_port}/by-name",
        f"http://2130706433:{inner_port}/decimal",
        f"http://0x7f000001:{inner_port}/hex",
        f"http://0177.0.0.1:{inner_port}/octal",
        f"http://[::1]:{inner_port}/v6-loopback",
        f"http://0.0.0.0:{inner_port}/unspecified",
        "http://169.254.169.254/latest/meta-data/",
        "http://metadata.google.internal/computeMetadata/v1/",
        "http://10.1.2.3/", "http://192.168.0.1/", "http://172.16.5.4/", "http://[fd00::1]/",
        "http://[fe80::1]/", "http://224.0.0.1/", f"{outer}/redirect",
    ]


def test_links_to_non_public_addresses_are_refused_and_quarantined(conn, tmp_path):
    with serve(InnerHandler) as inner, serve(OuterHandler) as outer:
        inner.hits = []
        outer.inner = base_url(inner)
        links = _links(base_url(outer), inner.server_address[1]) + [base_url(outer) + "/p/fine.html"]
        outer.feed = ("<rss version='2.0'><channel><title>t</title>" + "".join(
            f"<item><title>{i}</title><link>{link}</link></item>" for i, link in enumerate(links))
                      + "</channel></rss>").encode()
        settings = replace(Settings(), data_dir=tmp_path, http_timeout=2.0, per_host_delay=0.0)
        summary = steps.run_all(conn, settings, "ssrf", [{"name": "outer", "url": base_url(outer) + "/feed.xml",
                                                          "enabled": True, "interval_seconds": 900}], force=True)
        assert inner.hits == []  # nothing reached the inner service, by any spelling or hop
    assert summary["articles_in"] == len(links) == summary["articles_loaded"] + summary["articles_quarantined"]
    rows = conn.execute("SELECT url, status, fetch_error FROM eventwire.articles ORDER BY article_id").fetchall()
    fine = [r for r in rows if r[0].endswith("/p/fine.html")]
    assert fine and fine[0][1] in ("loaded", "quarantined") and fine[0][2] is None
    refused = [r for r in rows if not r[0].endswith("/p/fine.html")]
    assert len(refused) == len(links) - 1
    for url, status, error in refused:
        assert status == "fetch_failed", url
        assert "refused" in error or "Invalid IPv4" in error, (url, error)  # 0177.0.0.1: httpx refuses the form
    reasons = json.dumps([r[0] for r in conn.execute("SELECT reasons FROM eventwire.quarantine")])
    assert "is a loopback address" in reasons and "cloud metadata" in reasons and "link-local" in reasons
    assert_every_article_accounted(conn)


def test_the_guard_allows_only_what_is_listed(tmp_path):
    with serve(InnerHandler) as inner:
        inner.hits = []
        url = base_url(inner) + "/x"
        with make_client(replace(Settings(), http_timeout=2.0)) as client:
            page = fetch_page(client, url, 10_000)
        assert page.error.startswith("refused: 127.0.0.1 is a loopback address") and inner.hits == []
        port = inner.server_address[1]
        for allow in (("127.0.0.1",), (f"127.0.0.1:{port}",), ("127.0.0.0/8",)):
            with make_client(replace(Settings(), http_timeout=2.0, allow_hosts=allow)) as client:
                assert fetch_page(client, url, 10_000).ok, allow
        with make_client(replace(Settings(), http_timeout=2.0, allow_hosts=(f"127.0.0.1:{port + 1}",))) as client:
            assert fetch_page(client, url, 10_000).error.startswith("refused")
        with make_client(replace(Settings(), http_timeout=2.0, wire_url=base_url(inner))) as client:
            assert fetch_page(client, url, 10_000).ok  # the bundled wire's origin is allowed
    assert AddressGuard().refusal("93.184.216.34", 80) is None  # a public address passes (no DNS needed)
