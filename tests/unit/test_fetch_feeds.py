"""Feed parsing matches the parses that feed projects expect for real outlets' feeds."""

import gzip
import json
import os
from datetime import datetime
from pathlib import Path

import pytest

from pipeline.config import REPO_ROOT
from pipeline.fetch.feeds import load_feed_list, parse_feed_bytes

pytestmark = pytest.mark.unit

FEEDS = Path(os.environ.get("EVENTWIRE_SHARED_DIR", REPO_ROOT.parent / "shared")) / "corpora" / "feeds"
needs_corpus = pytest.mark.skipif(not FEEDS.is_dir(), reason=f"shared feed corpus not found at {FEEDS}")


def _instant(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


@needs_corpus
@pytest.mark.parametrize("name", ["guardian.rss", "heise.atom", "narro.rss", "instant-article.rss"])
def test_rss_parser_fixtures_match_expected_items(name):
    source = FEEDS / "rss-parser" / name
    expected = json.loads(source.with_name(source.stem + ".expected.json").read_text())["feed"]["items"]
    result = parse_feed_bytes(source.read_bytes(), url="https://example.com/feed")
    assert result.status == "ok"
    assert [item.url for item in result.items] == [e["link"] for e in expected]
    assert [item.title for item in result.items] == [e["title"].strip() for e in expected]
    for item, exp in zip(result.items, expected):
        assert _instant(item.published) == _instant(exp["isoDate"])


@needs_corpus
@pytest.mark.parametrize("name", ["rss_2.0_bbc", "rss_2.0_spiegel", "rss_2.0_ilmessaggero", "rss_2.0_cloudflare"])
def test_feed_rs_fixtures_match_expected_entries(name):
    expected = json.loads((FEEDS / "feed-rs" / f"{name}.serde.json").read_text())["entries"]
    result = parse_feed_bytes((FEEDS / "feed-rs" / f"{name}.xml").read_bytes())
    assert result.status == "ok"
    assert [item.guid for item in result.items] == [e["id"] for e in expected]
    assert [item.url for item in result.items] == [e["links"][0]["href"] for e in expected]
    assert [item.title for item in result.items] == [e["title"]["content"].strip() for e in expected]
    assert [_instant(item.published) for item in result.items] == [_instant(e["published"]) for e in expected]


@needs_corpus
def test_publisher_offset_is_kept_in_published():
    result = parse_feed_bytes((FEEDS / "feed-rs" / "rss_2.0_ilmessaggero.xml").read_bytes())
    assert result.items[0].published == "2022-11-16T00:38:15+01:00"


@needs_corpus
def test_feed_declared_utf8_but_in_windows_1252_is_decoded():
    result = parse_feed_bytes((FEEDS / "rss-parser" / "uolNoticias.rss").read_bytes())
    assert result.status == "ok" and len(result.items) == 15
    assert all("\ufffd" not in (item.title or "") for item in result.items)
    assert result.items[0].title == "Ibope: Bolsonaro perde de Haddad, Ciro e Alckmin em simulações de 2º turno"


@needs_corpus
@pytest.mark.parametrize("name, count", [("compressed.xml", 10), ("invalid-characters-gzipped.xml", 25)])
def test_gzipped_feed_bodies_are_parsed(name, count):
    data = (FEEDS / "node-feedparser" / name).read_bytes()
    assert data[:2] == b"\x1f\x8b"
    result = parse_feed_bytes(data)
    assert result.status == "ok"
    assert len(result.items) == count
    assert all(item.url.startswith("http") for item in result.items)


@needs_corpus
def test_windows_1251_feed_is_decoded_to_cyrillic():
    result = parse_feed_bytes((FEEDS / "node-feedparser" / "iconv.xml").read_bytes())
    assert result.status == "ok"
    assert any("\u0400" <= ch <= "\u04ff" for ch in result.items[0].title)


@needs_corpus
def test_illegally_nested_feed_yields_its_ten_items_and_no_phantoms():
    result = parse_feed_bytes((FEEDS / "node-feedparser" / "illegally-nested.xml").read_bytes())
    assert result.status == "ok" and len(result.items) == 10
    assert all(item.title and item.url.startswith("http://feedproxy.google.com/") for item in result.items)


def test_relative_links_resolve_against_the_feed_url():
    atom = (b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
            b'<entry><title>A</title><link href="/news/a.html"/><id>a</id><updated>2020-01-02T03:04:05Z</updated></entry></feed>')
    result = parse_feed_bytes(atom, url="https://news.example.com/feeds/all.atom")
    assert result.items[0].url == "https://news.example.com/news/a.html"
    assert result.items[0].published == "2020-01-02T03:04:05+00:00"


@pytest.mark.parametrize("body", [b"<html><body><p>not a feed</p></body></html>", b"", b"\x00\x01garbage",
                                  gzip.compress(b"plain text, no xml")])
def test_non_feeds_fail_with_a_reason(body):
    result = parse_feed_bytes(body, url="https://example.com/feed")
    assert result.status == "failed"
    assert result.items == []
    assert "not a feed" in result.error


def test_load_feed_list_fills_defaults_and_substitutes_the_wire(tmp_path):
    path = tmp_path / "feeds.yaml"
    path.write_text("- name: wire\n  url: '{wire}/feed.xml'\n- url: https://example.com/rss\n  enabled: false\n")
    feeds = load_feed_list(path, wire_base="http://127.0.0.1:9999/")
    assert feeds == [
        {"name": "wire", "url": "http://127.0.0.1:9999/feed.xml", "enabled": True, "interval_seconds": 900,
         "alert_after_minutes": 360},
        {"name": "https://example.com/rss", "url": "https://example.com/rss", "enabled": False,
         "interval_seconds": 900, "alert_after_minutes": 360},
    ]
    assert [f["name"] for f in load_feed_list(path, enabled_only=True)] == ["wire"]


def test_feed_intervals_are_read_in_seconds_or_minutes(tmp_path):
    path = tmp_path / "feeds.yaml"
    path.write_text("- url: http://a/rss\n  interval_seconds: 15\n- url: http://b/rss\n  interval_minutes: 2\n"
                    "- url: http://c/rss\n  interval_minutes: 0.5\n")
    assert [f["interval_seconds"] for f in load_feed_list(path)] == [15, 120, 30]


@pytest.mark.parametrize("entry, message", [
    ("interval_seconds: 0", "positive"),
    ("interval_minutes: -1", "positive"),
    ("interval_seconds: soon", "must be a number"),
    ("interval_seconds: true", "positive"),
    ("interval_seconds: 10\n  interval_minutes: 1", "not both"),
    ("alert_after_minutes: 0", "alert_after_minutes"),
])
def test_bad_feed_intervals_stop_the_run_with_the_feed_named(tmp_path, entry, message):
    path = tmp_path / "feeds.yaml"
    path.write_text(f"- url: http://ok/rss\n- url: http://bad/rss\n  {entry}\n")
    with pytest.raises(ValueError, match=message) as excinfo:
        load_feed_list(path)
    assert "feed #2" in str(excinfo.value)


def test_load_feed_list_rejects_entries_without_url(tmp_path):
    path = tmp_path / "feeds.yaml"
    path.write_text("- name: broken\n")
    with pytest.raises(ValueError, match="url"):
        load_feed_list(path)


def test_repository_feeds_yaml_enables_only_the_local_wire():
    feeds = load_feed_list(REPO_ROOT / "feeds.yaml")
    enabled = [f for f in feeds if f["enabled"]]
    assert [f["url"] for f in enabled] == ["{wire}/feed.xml"]
    assert enabled[0]["interval_seconds"] < 60  # the latency target needs sub-minute polling
    assert len(feeds) > len(enabled)


# ---------------------------------------------------------------- the whole corpus, file by file

def _item_elements(data: bytes) -> int:
    """An independent count of <item>/<entry> elements, to check the parser drops nothing."""
    import re
    return len(re.findall(rb"<(?:item|entry)[\s>]", data))


@needs_corpus
@pytest.mark.parametrize("name", ["rss_2.0_nbcny", "rss_2.0_wirecutter", "rss_2.0_ilgiornale"])
def test_remaining_feed_rs_fixtures_match_expected_entries(name):
    expected = json.loads((FEEDS / "feed-rs" / f"{name}.serde.json").read_text())["entries"]
    result = parse_feed_bytes((FEEDS / "feed-rs" / f"{name}.xml").read_bytes())
    assert result.status == "ok"
    assert [(i.guid, i.url, i.title) for i in result.items] == [
        (e["id"], e["links"][0]["href"], e["title"]["content"].strip()) for e in expected]
    for item, exp in zip(result.items, expected):
        if exp.get("published"):
            assert _instant(item.published) == _instant(exp["published"])


@needs_corpus
@pytest.mark.parametrize("name, count", [("heraldsun", 2), ("uolNoticias", 15)])
def test_remaining_rss_parser_fixtures_match_expected_links(name, count):
    source = FEEDS / "rss-parser" / f"{name}.rss"
    expected = json.loads(source.with_name(f"{name}.expected.json").read_text())["feed"]["items"]
    result = parse_feed_bytes(source.read_bytes(), url="https://example.com/feed")
    assert result.status == "ok"
    assert len(result.items) == len(expected) == count
    assert [item.url for item in result.items] == [e["link"] for e in expected]


@needs_corpus
def test_heraldsun_titles_match_expected():
    source = FEEDS / "rss-parser" / "heraldsun.rss"
    expected = json.loads(source.with_name("heraldsun.expected.json").read_text())["feed"]["items"]
    assert [i.title for i in parse_feed_bytes(source.read_bytes()).items] == [e["title"].strip() for e in expected]


@needs_corpus
@pytest.mark.parametrize("path, count, first_url", [
    ("feed-rs/atom_mediarss_reddit_1.xml", 25,
     "https://ud.reddit.com/r/homelab/comments/157kyrd/any_reason_to_keep_1g_connections_to_my_servers/"),
    ("trafilatura/feed1.atom", 2, "http://example.org/2003/12/13/atom03"),
    ("trafilatura/feed2.rss", 1, "http://www.example.com/blog/post/1"),
    ("node-feedparser/tpm.atom", 20,
     "https://example.com/livewire/hannity-announces-fox-hired-sebastian-gorka-national-security-strategist"),
    ("node-feedparser/wapowellness.xml", 29,
     "http://feeds.washingtonpost.com/click.phdo?i=cc0c5fb09865354bbec8415210a554da"),
    ("node-feedparser/rss2sample.xml", 4, "http://liftoff.msfc.nasa.gov/news/2003/news-starcity.asp"),
])
def test_fixtures_without_expected_parse_every_item_with_link_and_date(path, count, first_url):
    data = (FEEDS / path).read_bytes()
    result = parse_feed_bytes(data, url="https://example.com/feed")
    assert result.status == "ok"
    assert len(result.items) == count == _item_elements(data)
    assert result.items[0].url == first_url
    assert all(item.url.startswith("http") and item.published for item in result.items)


@needs_corpus
def test_every_feed_in_the_corpus_parses():
    """A new file dropped into the corpus is covered too: it parses, with one item per element."""
    files = sorted(p for p in FEEDS.rglob("*") if p.suffix in (".xml", ".rss", ".atom"))
    assert len(files) >= 23
    for path in files:
        result = parse_feed_bytes(path.read_bytes(), url="https://example.com/feed")
        assert result.status == "ok", (path.name, result.error)
        assert result.items and all(item.url for item in result.items), path.name
        data = path.read_bytes()
        if data[:2] != b"\x1f\x8b" and path.name != "illegally-nested.xml":
            assert len(result.items) == _item_elements(data), path.name


@pytest.mark.parametrize("body, reason", [
    (b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>A</ti', "malformed feed"),
    (b"<?xml version='1.0'?><not-rss><x/></not-rss>", "not a feed"),
])
def test_malformed_feeds_fail_with_the_parser_reason(body, reason):
    result = parse_feed_bytes(body, url="https://example.com/feed")
    assert result.status == "failed" and reason in result.error


def test_gzip_bomb_served_as_feed_body_is_refused():
    bomb = gzip.compress(b"<rss>" + b" " * 30_000_000)
    result = parse_feed_bytes(bomb, max_bytes=1_000_000)
    assert result.status == "failed"
    assert result.error == "too large: feed decompresses past 1000000 bytes"
