"""The feed list is checked against its schema (issue 11, finding 2): every mistake is one line that
names the file, the feed and the key, instead of being ignored or read the wrong way."""

import pytest

from pipeline.config import Settings
from pipeline.fetch.feeds import FeedListError, configured_feeds, load_feed_list

pytestmark = pytest.mark.unit


def _load(tmp_path, text: str, **kwargs):
    path = tmp_path / "feeds.yaml"
    path.write_text(text)
    return load_feed_list(path, **kwargs)


@pytest.mark.parametrize("text, message", [
    ("- name: a\n  url: http://a/rss\n  intervl_seconds: 30\n",
     "feed #1 (a): unknown key 'intervl_seconds' (did you mean 'interval_seconds'?)"),
    ("- name: a\n  url: http://a/rss\n  enabled: \"no\"\n", "feed #1 (a): enabled must be true or false"),
    ("- name: a\n  url: http://a/rss\n  enabled: 1\n", "feed #1 (a): enabled must be true or false"),
    ("- name: a\n  url: 42\n", "feed #1 (a): url must be text"),
    ("- name: a\n  url: ftp://a/rss\n", "feed #1 (a): url: not an http(s) URL"),
    ("- name: a\n  url: 'http://[::1/rss'\n", "feed #1 (a): url: unparseable URL"),
    ("- name: a\n  url: http://a/rss\n- name: b\n  url: http://a/rss\n", "feed #2 (b): the same url as feed #1"),
    ("- name: a\n  url: http://a/rss\n- name: a\n  url: http://b/rss\n", "feed #2 (a): the same name as feed #1"),
    ("- just a string\n", "feed #1: expected a mapping"),
    ("sources:\n  - url: http://a/rss\n", "top level: unknown key 'sources'"),
    ("feeds:\n  - url: http://a/rss\nextra: 1\n", "top level: unknown key 'extra'"),
    ("- name: a\n  url: http://a/rss\n   enabled: true\n", "not valid YAML (line 3"),
    ("- name: [a\n", "not valid YAML"),
    ("name: a\nurl: http://a/rss\n", "top level: unknown key 'name'"),
])
def test_each_mistake_is_one_line_naming_the_feed_and_key(tmp_path, text, message):
    with pytest.raises(FeedListError) as excinfo:
        _load(tmp_path, text)
    assert message in str(excinfo.value)
    assert "\n" not in str(excinfo.value) and str(tmp_path) in str(excinfo.value)


def test_a_mapping_without_feeds_is_an_error_not_an_empty_list(tmp_path):
    with pytest.raises(FeedListError, match="a mapping needs a 'feeds:' key"):
        _load(tmp_path, "{}\n")


def test_a_mapping_with_feeds_and_yaml_booleans_are_read(tmp_path):
    feeds = _load(tmp_path, "feeds:\n  - name: a\n    url: http://a/rss\n    enabled: no\n"
                            "  - name: b\n    url: http://b/rss\n    enabled: true\n")
    assert [(f["name"], f["enabled"]) for f in feeds] == [("a", False), ("b", True)]


def test_an_empty_file_is_no_feeds(tmp_path):
    assert _load(tmp_path, "# nothing yet\n") == []


def test_feed_urls_from_the_environment_are_checked_and_named_without_their_password():
    with pytest.raises(FeedListError, match="EVENTWIRE_FEEDS: 'http://\\[::1/rss': unparseable URL"):
        configured_feeds(Settings(feeds=("http://[::1/rss",)))
    feeds = configured_feeds(Settings(feeds=("http://reader:hunter2@news.example/rss",)))
    assert feeds[0]["name"] == "http://reader:***@news.example/rss"
    assert feeds[0]["url"] == "http://reader:hunter2@news.example/rss"
