"""The local wire over real sockets: feed → items with the seeds' dates → pages that clean to the seed text."""

import json
import os
from pathlib import Path

import pytest

from pipeline.clean import clean_html
from pipeline.config import REPO_ROOT, Settings
from pipeline.fetch.feeds import poll_feed
from pipeline.fetch.http import make_client
from pipeline.fetch.pages import fetch_page
from pipeline.fetch.wire import serve_wire

pytestmark = pytest.mark.integration

# the test servers listen on 127.0.0.1, which the address guard refuses unless allowed explicitly
LOCAL = ("127.0.0.1",)

SEEDS_DIR = REPO_ROOT / "seeds"
GOLD_FILE = Path(os.environ.get("EVENTWIRE_SHARED_DIR", REPO_ROOT.parent / "shared")) / "eval" / "seeds-gold.json"
SEED_INDEX = json.loads((SEEDS_DIR / "seeds.json").read_text())


@pytest.fixture(scope="module")
def wire():
    with serve_wire(SEEDS_DIR, extra_pages={
        "/articles/broken.html": (500, "text/html", "<h1>Internal error</h1>"),
        "/articles/report.pdf": (200, "application/pdf", b"%PDF-1.4 fake"),
    }) as server:
        yield server


@pytest.fixture()
def client():
    with make_client(Settings(allow_hosts=LOCAL, http_timeout=2.0)) as http:
        yield http


def test_wire_feed_has_the_five_seeds_with_their_dates(wire, client):
    result = poll_feed(client, wire.feed_url)
    assert result.status == "ok", result.error
    seeds = [item for item in result.items if "/articles/0" in item.url]
    assert len(seeds) == 5
    assert [item.published[:10] for item in seeds] == [s["published"] for s in SEED_INDEX]
    assert result.etag


def test_second_poll_with_etag_is_not_modified(wire, client):
    first = poll_feed(client, wire.feed_url)
    second = poll_feed(client, wire.feed_url, etag=first.etag, modified=first.modified)
    assert second.status == "not_modified"
    assert second.items == []
    assert second.etag == first.etag


def test_poll_with_only_last_modified_is_not_modified(wire, client):
    first = poll_feed(client, wire.feed_url)
    assert poll_feed(client, wire.feed_url, modified=first.modified).status == "not_modified"


def test_wire_pages_clean_to_the_gold_text(wire, client):
    if not GOLD_FILE.exists():
        pytest.skip(f"shared eval material not found at {GOLD_FILE}")
    gold = {g["file"]: g for g in json.loads(GOLD_FILE.read_text())["articles"]}
    items = [item for item in poll_feed(client, wire.feed_url).items if "/articles/0" in item.url]
    for item in items:
        page = fetch_page(client, item.url, max_bytes=1_000_000)
        assert page.ok, page.error
        assert page.status_code == 200 and page.content_type.startswith("text/html")
        cleaned = clean_html(page.html, url=page.final_url)
        expected = gold[item.url.rsplit("/", 1)[1].replace(".html", ".txt")]
        for keep in expected["clean"]["with"]:
            assert keep in cleaned["text"]
        for drop in expected["clean"]["without"]:
            assert drop not in cleaned["text"]
        assert cleaned["published"] == expected["published"] == item.published[:10]


def test_bad_items_in_the_feed_fail_softly(wire, client):
    items = {item.url.rsplit("/", 1)[1]: item for item in poll_feed(client, wire.feed_url).items}
    broken = fetch_page(client, items["broken.html"].url, max_bytes=100_000)
    assert broken.status_code == 500 and broken.error == "HTTP 500" and broken.html is None
    pdf = fetch_page(client, items["report.pdf"].url, max_bytes=100_000)
    assert pdf.error == "not HTML: application/pdf" and pdf.html is None


def test_missing_feed_fails_with_the_status(wire, client):
    result = poll_feed(client, wire.base_url + "/no-such-feed.xml")
    assert result.status == "failed" and result.error == "HTTP 404"


def test_page_instead_of_feed_fails_with_a_reason(wire, client):
    result = poll_feed(client, wire.base_url + "/")
    assert result.status == "failed" and "not a feed" in result.error
