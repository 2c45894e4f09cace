"""URL identity, content hashing and charset decoding used by the page fetcher."""

import pytest

from pipeline.fetch.pages import canonical_url, content_hash, decode_html

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("url, canonical", [
    ("https://WWW.Example.com:443/world/story.html?utm_source=rss&utm_medium=feed#comments",
     "https://www.example.com/world/story.html"),
    ("https://example.com/news?id=42&fbclid=abc&gclid=xyz", "https://example.com/news?id=42"),
    ("https://example.com/news?b=2&a=1", "https://example.com/news?a=1&b=2"),
    ("http://example.com/a/b/#top", "http://example.com/a/b/"),
    ("  https://example.com/story?ref=rss  ", "https://example.com/story"),
])
def test_canonical_url_strips_tracking_and_fragments(url, canonical):
    assert canonical_url(url) == canonical


def test_canonical_url_keeps_meaningful_parameters_apart():
    assert canonical_url("https://example.com/article?id=1") != canonical_url("https://example.com/article?id=2")


def test_canonical_url_is_idempotent():
    once = canonical_url("https://Example.com/x?utm_campaign=a&page=2#p")
    assert canonical_url(once) == once


def test_content_hash_ignores_whitespace_differences_only():
    assert content_hash("Rebels  attacked\nthe town.") == content_hash(" Rebels attacked the town. ")
    assert content_hash("Rebels attacked the town.") != content_hash("Rebels attacked the city.")
    assert len(content_hash("x")) == 64


def test_decode_uses_header_charset():
    data = "<html><body>Latakia – Ḥamā</body></html>".encode("utf-8")
    assert "Ḥamā" in decode_html(data, "text/html; charset=UTF-8")


def test_decode_uses_meta_charset_when_header_has_none():
    data = '<html><head><meta charset="windows-1251"></head><body>Сирия</body></html>'.encode("cp1251")
    assert "Сирия" in decode_html(data, "text/html")


def test_decode_guesses_when_nothing_is_declared():
    text = "<html><body><p>" + "Les forces gouvernementales ont progressé vers la périphérie de la ville. " * 20 + "</p></body></html>"
    assert "progressé" in decode_html(text.encode("utf-8"), None)


def test_decode_falls_through_a_wrong_header_charset():
    data = "<html><body>تقدم الجيش</body></html>".encode("utf-8")
    # a bogus label is skipped rather than trusted
    assert "تقدم" in decode_html(data, "text/html; charset=x-no-such-charset")
