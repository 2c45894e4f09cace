"""Row-level quarantine keeps its verdicts and reasons now that a whole cycle goes through one GX run
per suite: rows written here (good ones and bad ones of every kind) get exactly the reasons the
per-batch validation gave them (recorded from it before the change), and validating them all at
once or article by article gives the same answer."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.validate.articles import validate_articles
from pipeline.validate.events import validate_events
from pipeline.validate.suite import flatten_event
from tests.unit.test_validate_events import SENTENCE, START, TEXT, record

pytestmark = pytest.mark.unit

TODAY = date(2026, 11, 30)


def article(article_id: int, **overrides) -> dict:
    row = {"id": article_id, "url": f"https://news.example.org/2016/03/{article_id}", "title": f"Report {article_id}",
           "text": TEXT, "published": "2016-03-07T10:15:00Z", "language": "en", "source": "example.org"}
    row.update(overrides)
    return row


ARTICLES = [
    article(1), article(2, published=None, language=None), article(3),
    article(4, text="Too short."), article(5, text=None), article(6, url="ftp://example.org/a"),
    article(7, published="yesterday-ish"), article(8, published="2026-12-25"), article(9, published="1989-12-31"),
    article(10, language="english"), article(11, url=None, text="Short again."),
]


def event(article_id: int, **flat) -> dict:
    row = flatten_event(record(), article_id)
    row.update(flat)
    return row


# Events of articles 1-3 (two or three each, so a per-article batch holds good and bad rows) and of
# an article whose text is not given (99).
EVENTS = [
    event(1), event(1, sub_event_type="Bombing"), event(1, event_type="Battles"),
    event(2, actor2_name=None, actor2_inter=None, interaction=10), event(2, fatalities_low=9),
    event(2, latitude=40.5, longitude=30.0), event(2, event_date="2016-03-20"),
    event(3, event_date="06/03/2016"), event(3, evidence_start=START + 1), event(3, confidence=1.5, geo_precision=0),
    event(3, latitude="33.5"), event(3, actor1_inter=9, interaction=71), event(3, fatalities_best=-1, fatalities_low=-1),
    event(99),
]
PUBLISHED = {1: "2016-03-07", 2: "2016-03-07", 3: "2016-03-07"}

# What the per-batch validation (before one run per cycle) said of each row, by position; None = valid.
ARTICLE_VERDICTS = [
    None, None, None,
    [{"expectation": "expect_column_value_lengths_to_be_between", "column": "text",
      "detail": "no article text (fewer than 200 characters)"}],
    [{"expectation": "expect_column_values_to_not_be_null", "column": "text", "detail": "no article text"}],
    [{"expectation": "expect_column_values_to_match_regex", "column": "url",
      "detail": "url is not http(s): url='ftp://example.org/a'"}],
    [{"expectation": "expect_column_values_to_be_in_set", "column": "published",
      "detail": "published is not a parseable date: published='yesterday-ish'"}],
    [{"expectation": "expect_column_values_to_be_between", "column": "published",
      "detail": "published before 1990-01-01 or more than a day in the future: published='2026-12-25'"}],
    [{"expectation": "expect_column_values_to_be_between", "column": "published",
      "detail": "published before 1990-01-01 or more than a day in the future: published='1989-12-31'"}],
    [{"expectation": "expect_column_values_to_match_regex", "column": "language",
      "detail": "language is not a 2-letter code: language='english'"}],
    [{"expectation": "expect_column_values_to_not_be_null", "column": "url", "detail": "no url"},
     {"expectation": "expect_column_value_lengths_to_be_between", "column": "text",
      "detail": "no article text (fewer than 200 characters)"}],
]
EVENT_VERDICTS = [
    None,
    [{"expectation": "expect_column_pair_values_to_be_in_set", "column": "event_type",
      "detail": "event_type does not fit sub_event_type: event_type='Explosions/Remote violence', "
                "sub_event_type='Bombing'"},
     {"expectation": "expect_column_values_to_be_in_set", "column": "sub_event_type",
      "detail": "not one of the 25 ACLED sub-event types: sub_event_type='Bombing'"}],
    [{"expectation": "expect_column_pair_values_to_be_in_set", "column": "event_type",
      "detail": "event_type does not fit sub_event_type: event_type='Battles', "
                "sub_event_type='Shelling/artillery/missile attack'"}],
    None,
    [{"expectation": "expect_column_pair_values_a_to_be_greater_than_b", "column": "fatalities_low",
      "detail": "fatalities_low > fatalities_best: fatalities_low=9, fatalities_best=5"}],
    [{"expectation": "expect_column_pair_values_a_to_be_greater_than_b", "column": "latitude",
      "detail": "coordinates outside the bounding box of the named country (north of it): country_code='SY', "
                "country='Syria', latitude=40.5"},
     {"expectation": "expect_column_pair_values_a_to_be_greater_than_b", "column": "longitude",
      "detail": "coordinates outside the bounding box of the named country (west of it): country_code='SY', "
                "country='Syria', longitude=30"}],
    [{"expectation": "expect_column_pair_values_a_to_be_greater_than_b", "column": "event_date",
      "detail": "event_date after the article's publication date + 1 day: event_date='2016-03-20'"}],
    [{"expectation": "expect_column_values_to_be_in_set", "column": "event_date",
      "detail": "event_date is not a YYYY-MM-DD date: event_date='06/03/2016'"}],
    [{"expectation": "expect_column_pair_values_to_be_equal", "column": "evidence_sentence",
      "detail": f"text[evidence_start:evidence_end] is not evidence_sentence: evidence_start={START + 1}, "
                f"evidence_end={START + len(SENTENCE)}"}],
    [{"expectation": "expect_column_values_to_be_in_set", "column": "geo_precision",
      "detail": "geo_precision not in 1, 2, 3: geo_precision=0"},
     {"expectation": "expect_column_values_to_be_between", "column": "confidence",
      "detail": "confidence outside 0..1: confidence=1.5"}],
    [{"expectation": "expect_column_values_to_be_null", "column": None,
      "detail": "values of the wrong type: type_errors='latitude'"}],
    [{"expectation": "expect_column_values_to_be_in_set", "column": "actor1_inter",
      "detail": "actor type code not in 1..8: actor1_inter=9"}],
    [{"expectation": "expect_column_values_to_be_between", "column": "fatalities_low",
      "detail": "fatalities_low is negative: fatalities_low=-1"},
     {"expectation": "expect_column_values_to_be_between", "column": "fatalities_best",
      "detail": "fatalities_best is negative: fatalities_best=-1"}],
    [{"expectation": "expect_column_values_to_not_be_null", "column": "evidence_start",
      "detail": "no article text for this article_id: evidence cannot be checked"}],
]


def verdicts(result, rows) -> list:
    by_row = {id(item["row"]): item["reasons"] for item in result.rejected}
    assert len(result.valid) + len(result.rejected) == len(rows)
    return [by_row.get(id(row)) for row in rows]


def per_article(rows: list[dict], key: str) -> list[list[dict]]:
    groups: dict = {}
    for row in rows:
        groups.setdefault(row[key], []).append(row)
    return list(groups.values())


def test_articles_keep_their_verdicts_and_reasons():
    result = validate_articles(ARTICLES, today=TODAY)

    assert verdicts(result, ARTICLES) == ARTICLE_VERDICTS


def test_events_keep_their_verdicts_and_reasons():
    texts = {1: TEXT, 2: TEXT, 3: TEXT}

    result = validate_events(EVENTS, texts, PUBLISHED)

    assert verdicts(result, EVENTS) == EVENT_VERDICTS


def test_one_run_over_the_cycle_gives_what_batches_of_one_article_gave():
    texts = {1: TEXT, 2: TEXT, 3: TEXT}
    together = verdicts(validate_events(EVENTS, texts, PUBLISHED), EVENTS)
    apart = [v for batch in per_article(EVENTS, "article_id")
             for v in verdicts(validate_events(batch, texts, PUBLISHED), batch)]
    articles_together = verdicts(validate_articles(ARTICLES, today=TODAY), ARTICLES)
    articles_apart = [v for row in ARTICLES for v in verdicts(validate_articles([row], today=TODAY), [row])]

    assert together == apart
    assert articles_together == articles_apart
    assert sum(v is None for v in together) == 2 and sum(v is None for v in articles_together) == 3
