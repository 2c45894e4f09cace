"""pipeline.safety: the edge where hostile input is tamed; none of these functions may raise."""

from datetime import date, datetime, timedelta, timezone

import pytest

from pipeline import safety
from pipeline.fetch.feeds import parse_feed_bytes
from pipeline.fetch.pages import canonical_url, page_canonical_url

pytestmark = pytest.mark.unit


def test_clean_str_strips_impossible_characters_and_caps():
    assert safety.clean_str("a\x00b\x07c\ud800d\ufffe e ") == "abcd e"
    assert safety.clean_str("tab\tand\nnewline") == "tab\tand\nnewline"
    assert safety.clean_str("x" * 50, 10) == "x" * 10
    assert safety.clean_str(None) is None


def test_clean_json_reaches_nested_strings_and_keys():
    assert safety.clean_json({"a\x00": ["b\x00", {"c": "d\x00"}], "n": 3}) == {"a": ["b", {"c": "d"}], "n": 3}


@pytest.mark.parametrize("value", ["0000-00-00", "0001-01-01", "1899-12-31", "9999-12-31", "not a date", "2020-13-45"])
def test_dates_outside_bounds_or_unreadable_become_none_with_a_note(value):
    day, note = safety.sane_date(value)
    assert day is None and note


def test_plausible_dates_pass():
    assert safety.sane_date("2019-05-05") == (date(2019, 5, 5), None)
    soon = datetime.now(timezone.utc) + timedelta(hours=20)
    assert safety.sane_datetime(soon) == (soon, None)
    assert safety.sane_datetime(datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=14))))[0] is None


@pytest.mark.parametrize("raw", ["0000-00-00T00:00:00Z", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00"])
def test_feed_dates_out_of_range_never_raise(raw):
    body = (f'<rss version="2.0"><channel><title>t</title><item><title>a&#0;b</title><link>http://x.example/a</link>'
            f"<guid>g&#0;</guid><pubDate>{raw}</pubDate></item></channel></rss>").encode()
    result = parse_feed_bytes(body)
    assert result.status == "ok"
    item, = result.items
    assert item.published is None and item.notes and item.title == "ab" and item.guid == "g"


@pytest.mark.parametrize("url, problem", [
    ("http://[::1/story", "unparseable URL"), ("http://x/" + "a" * 3000, "longer than 2048"),
    ("javascript:alert(1)", "not an http(s) URL"), ("http:///path", "no host"), ("", "empty"),
    ("http://x:99999/", "unparseable URL"), ("http://x/a b", "spaces"),
])
def test_url_problem_says_why(url, problem):
    assert problem in safety.url_problem(url)


def test_url_problem_accepts_ordinary_urls():
    assert safety.url_problem("https://news.example/2019/05/05/story.html?id=3") is None


def test_canonical_helpers_never_raise_on_broken_urls():
    assert canonical_url("http://[::1/story") == "http://[::1/story"
    html = '<html><head><link rel="canonical" href="http://[::1/story"></head></html>'
    assert page_canonical_url(html, "http://news.example/a") == "http://news.example/a"


def test_name_problems_flag_long_names_only():
    assert safety.name_problems({"location_name": "Idlib", "assoc_actor1": ["x"]}) == []
    reasons = safety.name_problems({"location_name": "V" * 5000, "assoc_actor2": ["ok", "w" * 300]})
    assert [r["column"] for r in reasons] == ["location_name", "assoc_actor2"]


@pytest.mark.parametrize("text, shown", [
    ("postgresql://bob:pw@host/db", "postgresql://bob:***@host/db"),
    ("error at http://u:p@x/a and http://y/b", "error at http://u:***@x/a and http://y/b"),
    ("http://x/rss?token=abc&n=1", "http://x/rss?token=***&n=1"),
    ("http://user@x/", "http://user@x/"),
])
def test_redact_url(text, shown):
    assert safety.redact_url(text) == shown


def test_an_empty_password_is_not_shown_as_one():
    assert safety.redact_url("postgresql://postgres:@/postgres?host=/tmp/pg") == "postgresql://postgres:@/postgres?host=/tmp/pg"
