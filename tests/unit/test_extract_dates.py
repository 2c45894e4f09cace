"""Temporal expressions resolved against the publication date."""

from datetime import date

import pytest

from pipeline.extract.dates import default_date, find_dates, parse_published

pytestmark = pytest.mark.unit

PUB = date(2020, 5, 13)   # a Wednesday


def _first(text, pub=PUB):
    found = find_dates(text, pub)
    assert found, f"no date found in {text!r}"
    return found[0]


@pytest.mark.parametrize("text, day", [
    ("Troops shelled the town on Monday.", date(2020, 5, 11)),
    ("Fighting broke out on Wednesday.", PUB),                  # same weekday = publication day
    ("Rebels attacked the post Thursday night.", date(2020, 5, 7)),
    ("Jets struck the base yesterday.", date(2020, 5, 12)),
    ("Police dispersed the rally today.", PUB),
])
def test_relative_days_resolve_to_the_most_recent_day(text, day):
    expr = _first(text)
    assert expr.day == day
    assert expr.precision == 1


def test_last_weekday_on_that_weekday_is_a_week_back():
    assert _first("The raid happened last Wednesday.").day == date(2020, 5, 6)


def test_explicit_day_month_without_year_takes_the_publication_year():
    expr = _first("The attack happened on 2 May in the north.")
    assert (expr.day, expr.precision) == (date(2020, 5, 2), 1)


def test_month_day_year_is_exact():
    assert _first("On March 3, 2019 gunmen stormed the hotel.").day == date(2019, 3, 3)


def test_earlier_this_month_is_coarse():
    expr = _first("The army captured the hill earlier this month.")
    assert expr.day.month == 5 and expr.precision in (2, 3)


def test_last_week_has_week_precision():
    expr = _first("Clashes erupted last week near the border.")
    assert expr.precision == 2 and expr.day < PUB


def test_over_the_weekend_resolves_to_the_last_sunday():
    expr = _first("Fierce clashes continued over the weekend.")
    assert expr.day == date(2020, 5, 10) and expr.precision == 2


def test_an_old_year_is_background():
    expr = _first("The town fell to the rebels in 2012.")
    assert expr.is_background(PUB)


def test_yesterday_is_not_background():
    assert not _first("Jets struck the base yesterday.").is_background(PUB)


def test_no_date_falls_back_to_publication_at_week_precision():
    assert default_date(PUB) == (PUB, 2)


def test_parse_published_accepts_datetimes():
    assert parse_published("2020-05-13T08:15:00Z") == PUB
    assert parse_published(None) is None
