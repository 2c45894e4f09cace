"""The benchmark harness's pure helpers: the synthetic rows it loads and validates must be valid
and self-consistent, and its table must be a well-formed Markdown table. No timings here."""

from __future__ import annotations

import pytest

from pipeline import benchmark

pytestmark = pytest.mark.unit


def test_synthetic_evidence_offsets_slice_the_text_exactly():
    rows, texts, published = benchmark.synthetic_events(range(1, 21), rows_per_article=7, seed=5)
    assert len(rows) == 140
    assert set(texts) == set(published) == set(range(1, 21))
    for row in rows:
        text = texts[row["article_id"]]
        assert 0 <= row["evidence_start"] < row["evidence_end"] <= len(text)
        assert text[row["evidence_start"]:row["evidence_end"]] == row["evidence_sentence"]


def test_synthetic_rows_are_deterministic_and_mostly_distinct_events():
    from pipeline.load import event_key

    first = benchmark.synthetic_events(range(1000), 10, seed=1)
    again = benchmark.synthetic_events(range(1000), 10, seed=1)
    assert first == again
    rows = first[0]
    assert len({r["candidate_id"] for r in rows}) == len(rows)
    assert len({event_key(r) for r in rows}) > 0.9 * len(rows)


def test_synthetic_rows_respect_the_event_rules():
    from pipeline.validate import EVENT_COLUMNS, events

    assert benchmark.SUB_EVENT_TYPES == events.SUB_EVENT_TYPES
    rows, _, published = benchmark.synthetic_events(range(50), 10, seed=2)
    for row in rows:
        assert events.SUB_EVENT_TYPES[row["sub_event_type"]] == row["event_type"]
        codes = sorted(c for c in (row["actor1_inter"], row["actor2_inter"]) if c is not None)
        expected = codes[0] * 10 + codes[1] if len(codes) == 2 else codes[0] * 10
        assert row["interaction"] == expected
        assert row["event_date"] <= published[row["article_id"]]
        assert row["fatalities_low"] <= row["fatalities_best"] <= row["fatalities_high"]
        assert set(row) >= set(EVENT_COLUMNS)  # the flat row; the loader derives its keys


def test_format_table_is_markdown_with_numbers_right_aligned():
    table = benchmark.format_table([
        {"part": "extract", "measure": "articles/s", "value": 123.456, "unit": "articles/s", "note": "a|b"},
        {"part": "load", "measure": "rows/s", "value": 98765, "unit": "rows/s", "note": ""},
        {"part": "clean", "measure": "SKIPPED", "value": None, "unit": "", "note": "no corpus"},
    ])
    lines = table.splitlines()
    assert len(lines) == 5
    assert lines[0].startswith("| part ")
    assert set(lines[1]) <= {"|", "-", ":"} and lines[1].count("|") == 6
    assert all(line.count("|") - line.count("\\|") == 6 for line in lines)
    assert "a\\|b" in lines[2]
    assert " 123 |" in lines[2] and " 98,765 |" in lines[3] and " – |" in lines[4]
    assert len({len(line) for line in lines}) == 1


@pytest.mark.parametrize("value, shown", [
    (None, "–"), (7, "7"), (12345, "12,345"), (0.0271, "0.0271"), (3.14159, "3.14"),
    (42.42, "42.4"), (1234.5, "1,234"), ("9.8 / 20.0", "9.8 / 20.0"), (float("nan"), "–"),
])
def test_format_value(value, shown):
    assert benchmark.format_value(value) == shown


def test_fakes_dates_and_wire_pages():
    assert benchmark.fakes_date("4/5/2017") == "2017-04-05"
    assert benchmark.fakes_date("not a date") is None
    paragraphs = benchmark.split_paragraphs("One. Two here. Three! Four? Five.", 2)
    assert paragraphs == ["One. Two here.", "Three! Four?", "Five."]
    page = benchmark.article_page("A <b> title", "2017-04-05", paragraphs)
    assert "<h1>A &lt;b&gt; title</h1>" in page and page.count("<p>") == 3
    feed = benchmark.rss_feed("http://127.0.0.1:1", [
        {"title": "T & U", "path": "/a.html", "guid": "g1", "published": "2017-04-05", "summary": "s"}])
    import feedparser

    parsed = feedparser.parse(feed)
    assert parsed.entries[0].link == "http://127.0.0.1:1/a.html"
    assert parsed.entries[0].title == "T & U"
    assert parsed.entries[0].published_parsed[:3] == (2017, 4, 5)
