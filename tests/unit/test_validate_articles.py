"""The article suite: a usable article loads, one without text, a web URL or a believable
publication date is quarantined for that reason, and the rest of its batch still loads."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.validate.articles import validate_articles

pytestmark = pytest.mark.unit

TODAY = date(2026, 11, 21)


def article(**overrides) -> dict:
    row = {"id": 1, "url": "https://news.example.org/2016/03/douma", "title": "Shelling in Douma",
           "text": "Government forces shelled Douma on Sunday. " * 10,
           "published": "2016-03-07T10:15:00Z", "language": "en", "source": "example.org"}
    row.update(overrides)
    return row


def test_good_articles_pass():
    rows = [article(), article(id=2, published=None, language=None), article(id=3, published=date(2026, 11, 22))]

    result = validate_articles(rows, today=TODAY)

    assert result.valid == rows
    assert result.stats["rows_in"] == 3 and result.stats["rejected"] == 0


@pytest.mark.parametrize("overrides, expectation, column, detail_start", [
    ({"text": "Too short."}, "expect_column_value_lengths_to_be_between", "text", "no article text"),
    ({"text": None}, "expect_column_values_to_not_be_null", "text", "no article text"),
    ({"url": None}, "expect_column_values_to_not_be_null", "url", "no url"),
    ({"url": "ftp://example.org/a"}, "expect_column_values_to_match_regex", "url", "url is not http(s)"),
    ({"published": "yesterday-ish"}, "expect_column_values_to_be_in_set", "published", "published is not"),
    ({"published": "2026-11-25"}, "expect_column_values_to_be_between", "published", "published before"),
    ({"published": "1989-12-31"}, "expect_column_values_to_be_between", "published", "published before"),
    ({"language": "english"}, "expect_column_values_to_match_regex", "language", "language is not"),
])
def test_bad_article_is_rejected_for_the_right_reason(overrides, expectation, column, detail_start):
    good = [article(id=1), article(id=3)]
    bad = article(id=2, **overrides)

    result = validate_articles([good[0], bad, good[1]], today=TODAY)

    assert result.valid == good
    assert len(result.rejected) == 1 and result.rejected[0]["row"] is bad
    (reason,) = result.rejected[0]["reasons"]
    assert (reason["expectation"], reason["column"]) == (expectation, column)
    assert reason["detail"].startswith(detail_start)
    assert result.stats["rows_in"] == result.stats["valid"] + result.stats["rejected"] == 3


def test_extra_columns_are_ignored_and_rows_come_back_untouched():
    row = article(raw_html=b"\x1f\x8b...", status="fetched")

    result = validate_articles([row], today=TODAY)

    assert result.valid == [row] and result.valid[0] is row
