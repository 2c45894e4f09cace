"""The benchmark harness's pure helpers: the synthetic rows it loads and validates must be valid
and self-consistent, and its table must be a well-formed Markdown table. No timings here."""

from __future__ import annotations

import pytest

from tools import benchmark

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
    from pipeline.load.postgres import event_key

    first = benchmark.synthetic_events(range(1000), 10, seed=1)
    again = benchmark.synthetic_events(range(1000), 10, seed=1)
    assert first == again
    rows = first[0]
    assert len({r["candidate_id"] for r in rows}) == len(rows)
    assert len({event_key(r) for r in rows}) > 0.9 * len(rows)


def test_synthetic_rows_respect_the_event_rules():
    from pipeline.validate import events
    from pipeline.validate.suite import EVENT_COLUMNS

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


@pytest.mark.parametrize("values, pct, expected", [
    ([3.0, 1.0, 2.0], 50, 2.0), ([1.0, 2.0, 3.0, 4.0], 50, 2.5), ([10.0], 95, 10.0),
    (list(range(1, 21)), 95, 19.05), ([1.0, 2.0], 0, 1.0), ([1.0, 2.0], 100, 2.0),
])
def test_percentile_interpolates_between_ranks(values, pct, expected):
    assert benchmark.percentile(values, pct) == pytest.approx(expected)


def test_percentile_of_nothing_is_nan_and_distribution_says_so():
    import math

    assert math.isnan(benchmark.percentile([], 50))
    assert benchmark.distribution([]) == "–"
    assert benchmark.distribution([1.0, 2.0, 3.0]) == "2.0 / 2.9 / 3.0 (n=3)"


MACHINE = {"date": "2026-01-01 00:00 UTC", "cpu_model": "Test CPU", "nproc": 2, "cpu_count": 2, "ram_gib": 8.0,
           "python": "3.11", "platform": "Linux", "commit": "abc1234", "versions": {}}


def _result(part: str, measure: str, value, note: str = "") -> dict:
    return {"part": part, "status": "ok", "seconds": 1.0, "details": {},
            "metrics": [{"measure": measure, "value": value, "unit": "u", "note": note}]}


def test_only_a_part_replaces_its_rows_and_keeps_the_others():
    whole = benchmark.render_markdown([_result("extract", "rate", 111.0, "a|b"), _result("load", "rows/s", 214.0),
                                       _result("validate", "secs", 1.98)], MACHINE, [])
    fresh = benchmark.render_markdown([_result("load", "rows/s", 9876.0, "now linear")],
                                      dict(MACHINE, date="2026-02-02 00:00 UTC"), ["--only", "load"])
    merged = benchmark.merge_markdown(whole, fresh, ["load"])
    parsed = benchmark.parse_markdown(merged)
    assert [r["part"] for r in parsed["rows"]] == ["extract", "load", "validate"]
    assert [r["value"] for r in parsed["rows"]] == ["111", "9,876", "1.98"]
    assert parsed["rows"][0]["note"] == "a|b" and parsed["rows"][1]["note"] == "now linear"
    assert list(parsed["sections"]) == ["extract", "load", "validate"]
    assert "2026-02-02" in parsed["sections"]["load"] and "2026-01-01" in parsed["sections"]["extract"]
    assert "- **Parts:** extract, load, validate" in merged
    # a merged file merges again the same way (the parts not re-run are kept verbatim)
    again = benchmark.parse_markdown(benchmark.merge_markdown(merged, fresh, ["load"]))
    assert again["rows"] == parsed["rows"] and again["sections"] == parsed["sections"]


def test_merge_adds_a_new_part_in_part_order_and_falls_back_on_foreign_text():
    whole = benchmark.render_markdown([_result("extract", "rate", 1.0), _result("pipeline", "apm", 2.0)], MACHINE, [])
    fresh = benchmark.render_markdown([_result("latency", "p95", 30.0)], MACHINE, ["--only", "latency"])
    merged = benchmark.parse_markdown(benchmark.merge_markdown(whole, fresh, ["latency"]))
    assert [r["part"] for r in merged["rows"]] == ["extract", "pipeline", "latency"]
    assert benchmark.merge_markdown("# something else\n", fresh, ["latency"]) == fresh


def test_the_celery_workers_report_their_own_hostname(monkeypatch):
    monkeypatch.setenv("EVENTWIRE_BENCH_WORKER_NAME", "worker-b")
    assert benchmark.worker_hostname() == "worker-b"


def test_scaling_inputs_have_the_asked_size_and_shape():
    texts = ["Troops shelled the town. Two people died! Was it the army? Nobody said.", "Rebels fired rockets."]
    run_on = benchmark.run_on_text(texts, 500)
    assert len(run_on) == 500 and not set(".!?") & set(run_on)
    joined = benchmark.concatenated_text(texts, 1000)
    assert len(joined) == 1000 and joined.startswith(texts[0] + "\n\n" + texts[1] + "\n\n")
    assert "extract-scaling" in benchmark.PARTS and "extract-scaling" in benchmark.BENCHES
