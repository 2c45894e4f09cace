"""validate_batch over a whole cycle, against PostgreSQL: articles and candidates written here (good
ones and bad ones) get their verdicts and reasons in the tables in one call, an article that makes
validation itself raise costs only that article, and the cycle's Data Docs carry the run id."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from pipeline import steps
from tests.unit.test_validate_events import TEXT, record

pytestmark = pytest.mark.integration

RUN = "scheduled__2026-11-30T03:00:00+00:00"


def _article(conn, article_id: int, **overrides) -> int:
    row = {"url": f"https://news.example.org/{article_id}", "title": f"Report {article_id}", "text": TEXT,
           "published": date(2016, 3, 7), "language": "en", "source": "example.org"}
    row.update(overrides)
    conn.execute("INSERT INTO eventwire.articles (article_id, url, title, text, published, language, source, status)"
                 " VALUES (%s, %s, %s, %s, %s, %s, %s, 'extracted')",
                 (article_id, row["url"], row["title"], row["text"], row["published"], row["language"], row["source"]))
    return article_id


def _candidate(conn, article_id: int, ordinal: int, payload) -> int:
    return conn.execute("INSERT INTO eventwire.event_candidates (article_id, ordinal, payload) VALUES (%s, %s, %s)"
                        " RETURNING candidate_id", (article_id, ordinal, json.dumps(payload))).fetchone()[0]


@pytest.fixture
def cycle(conn):
    steps.start_run(conn, RUN, runner="airflow")
    arts = [_article(conn, 1), _article(conn, 2), _article(conn, 3, text="Too short."),
            _article(conn, 4, published=date.today() + timedelta(days=30)), _article(conn, 5, language="english")]
    cands = {
        "good": _candidate(conn, 1, 0, record()),
        "good one-sided": _candidate(conn, 1, 1, record(actor2=None, interaction=10)),
        "low > best": _candidate(conn, 2, 0, record(fatalities={"low": 9, "best": 5, "high": 9})),
        "unknown sub-type": _candidate(conn, 2, 1, record(sub_event_type="Bombing")),
        "long village": _candidate(conn, 2, 2, record(location=dict(record()["location"], name="V" * 5000))),
        "of a short article": _candidate(conn, 3, 0, record()),
        "good of a future article": _candidate(conn, 4, 0, record()),
    }
    return arts, cands


def _candidate_verdicts(conn) -> dict[int, tuple]:
    return {cid: (status, reasons) for cid, status, reasons in conn.execute(
        "SELECT candidate_id, status, reasons FROM eventwire.event_candidates")}


def test_one_call_gives_every_row_its_verdict_and_reasons(conn, cycle, tmp_path):
    arts, cands = cycle

    done = steps.validate_batch(conn, arts, RUN, tmp_path / "data_docs")

    assert done == arts
    articles = dict(conn.execute("SELECT article_id, validation_reasons FROM eventwire.articles"
                                 " WHERE status = 'validated'").fetchall())
    assert sorted(articles) == arts
    assert articles[1] is None and articles[2] is None
    assert articles[3] == [{"expectation": "expect_column_value_lengths_to_be_between", "column": "text",
                            "detail": "no article text (fewer than 200 characters)"}]
    assert [r["expectation"] for r in articles[4]] == ["expect_column_values_to_be_between"]
    assert articles[5] == [{"expectation": "expect_column_values_to_match_regex", "column": "language",
                            "detail": "language is not a 2-letter code: language='english'"}]
    failed_article = {"expectation": "article_failed_validation", "column": "article_id",
                      "detail": "the article failed its own suite"}
    verdicts = _candidate_verdicts(conn)
    assert verdicts[cands["good"]] == verdicts[cands["good one-sided"]] == ("valid", None)
    assert verdicts[cands["low > best"]] == ("rejected", [{
        "expectation": "expect_column_pair_values_a_to_be_greater_than_b", "column": "fatalities_low",
        "detail": "fatalities_low > fatalities_best: fatalities_low=9, fatalities_best=5"}])
    assert verdicts[cands["unknown sub-type"]][0] == "rejected"
    assert {r["column"] for r in verdicts[cands["unknown sub-type"]][1]} == {"event_type", "sub_event_type"}
    assert verdicts[cands["long village"]] == ("rejected", [{
        "expectation": "name_length", "column": "location_name", "detail": "5000 characters, more than 200"}])
    status, reasons = verdicts[cands["of a short article"]]  # its evidence lies beyond the article's 10 characters
    assert status == "rejected" and [r["column"] for r in reasons] == ["evidence_end", "article_id"]
    assert reasons[-1] == failed_article
    assert verdicts[cands["good of a future article"]] == ("rejected", [failed_article])
    index = (tmp_path / "data_docs" / "index.html").read_text(encoding="utf-8")
    assert f'data-run-name="{RUN}"' in index and index.count("data-run-name=") == 1


def test_an_article_that_breaks_validation_costs_only_that_article(conn, cycle):
    arts, cands = cycle
    broken = _candidate(conn, 2, 3, ["not", "an", "event", "record"])  # flatten_event cannot read it

    done = steps.validate_batch(conn, arts, RUN)

    assert done == [1, 3, 4, 5]
    status, = conn.execute("SELECT status FROM eventwire.articles WHERE article_id = 2").fetchone()
    assert status == "quarantined"
    verdicts = _candidate_verdicts(conn)
    assert verdicts[broken][0] == verdicts[cands["low > best"]][0] == "quarantined"
    assert verdicts[cands["good"]] == ("valid", None)
    assert verdicts[cands["of a short article"]][0] == "rejected"
