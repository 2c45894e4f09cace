"""Which events a load makes must not depend on how the articles were batched.

The in-process run loads batches of 50, an Airflow cycle loads ~800 articles at once (they gave 1,907
and 1,915 events for the same 804 articles): every batching must give the events of loading
the articles one at a time in id order, each report compared with the events as stored before it.
"""

from __future__ import annotations

import psycopg
import pytest

from pipeline import db, steps
from pipeline.load import postgres as load

pytestmark = pytest.mark.integration

RUN = "r1"
NO_POINT = {"geo_precision": 3}  # placed at a region only: these merge by place name, never by distance


def _row(candidate_id: int, place: str, day: str, sentence: str, *, precision: int = 1, confidence: float = 0.8,
         lat: float = 35.6, lon: float = 36.6, **over) -> dict:
    row = {
        "candidate_id": candidate_id, "event_type": "Battles", "sub_event_type": "Armed clash",
        "event_date": day, "date_precision": precision, "actor1_name": "Military Forces of Syria",
        "actor1_inter": 1, "assoc_actor1": [], "actor2_name": "Opposition rebels", "actor2_inter": 2,
        "assoc_actor2": [], "interaction": 12, "location_name": place, "admin1": "Idlib", "country": "Syria",
        "country_code": "SY", "latitude": lat, "longitude": lon, "geonameid": None, "geo_precision": 1,
        "fatalities_low": 3, "fatalities_best": 3, "fatalities_high": 3, "evidence_sentence": sentence,
        "evidence_start": 0, "evidence_end": len(sentence), "confidence": confidence, "extractor_version": "test-1",
    }
    row.update(over)
    return row


# One list per article, in id order.
ARTICLES = [
    # a report of a clash at Flita, then a more confident one the same day placed 2.2 km north (same
    # key), then one 2.2 km further north under another name: 4.4 km from the event as stored (made
    # by the first report, with its point), so a new event, though 2.2 km from the second report
    [_row(1, "Flita", "2015-03-10", "Troops and rebels clashed in Flita on Tuesday.", confidence=0.5,
          lat=33.99, lon=36.53)],
    [_row(2, "Flita", "2015-03-10", "Fighting raged around Flita, activists said.", confidence=0.9,
          lat=34.01, lon=36.53)],
    [_row(3, "Ras al-Maara", "2015-03-10", "Clashes spread to the hills of Ras al-Maara.", lat=34.03, lon=36.53)],
    # a chain by date: the 11th joins the 10th's event; the 12th is two days from that event (a
    # one-day window), so it makes its own, though a day from the 11th's report; another report of
    # the 11th then ties between the two events (a day from each) and joins the earlier one
    [_row(4, "Zakiyah", "2015-04-10", "Rebels attacked an army post in Zakiyah on Friday.", **NO_POINT)],
    [_row(5, "Zakiyah", "2015-04-11", "Clashes in Zakiyah continued on Saturday.", **NO_POINT)],
    [_row(6, "Zakiyah", "2015-04-12", "Fighting was reported in Zakiyah on Sunday.", **NO_POINT)],
    [_row(7, "Zakiyah", "2015-04-11", "Government forces fought rebels in Zakiyah on Saturday.", **NO_POINT)],
    # two clashes at Taftanaz three days apart, then a report dated only to the week, on the second's
    # day: it joins the closest event, the second, not the first that a batch boundary made earlier
    [_row(8, "Taftanaz", "2015-05-04", "Rebels shelled the airbase at Taftanaz on Monday.", **NO_POINT)],
    [_row(9, "Taftanaz", "2015-05-07", "Clashes broke out again at Taftanaz on Thursday.", **NO_POINT)],
    [_row(10, "Taftanaz", "2015-05-07", "Taftanaz saw heavy fighting this week.", precision=2, **NO_POINT)],
]


def _load(url: str, size: int) -> dict:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("INSERT INTO eventwire.runs (run_id) VALUES (%s)", (RUN,))
        ids = [conn.execute("INSERT INTO eventwire.articles (url, source, status, text) VALUES (%s, %s, 'validated', 'x')"
                            " RETURNING article_id", (f"http://127.0.0.1/{n}", f"Outlet {n}")).fetchone()[0]
               for n in range(len(ARTICLES))]
        rows = {article_id: [dict(r, article_id=article_id) for r in article]
                for article_id, article in zip(ids, ARTICLES)}
        for batch in steps.batches(ids, size):
            with conn.transaction():
                load.load_events(conn, RUN, [r for article_id in batch for r in rows[article_id]])
        pos = {article_id: n for n, article_id in enumerate(ids, 1)}
        events = conn.execute(
            "SELECT location, event_date::text, date_precision, latitude, confidence, num_mentions, num_articles,"
            " num_sources, fatalities, rank() OVER (ORDER BY event_id) FROM analytics.events ORDER BY event_id"
        ).fetchall()
        mentions = sorted((event, pos[article_id], sentence) for event, article_id, sentence in conn.execute(
            "SELECT e.event_key, m.article_id, m.sentence FROM eventwire.event_mentions m JOIN eventwire.events e"
            " USING (event_id)"))
        return {"events": events, "mentions": mentions}


def test_batches_of_any_size_load_the_events_of_one_article_at_a_time(pg_server_url, template_db):
    outcomes = {}
    for size in (1, 2, 3, 4, 7, len(ARTICLES)):
        with db.temp_database(pg_server_url, template_db, "ew_merge") as (url, _):
            outcomes[size] = _load(url, size)

    one_by_one = outcomes[1]
    by_event: dict[str, list[int]] = {}
    for key, article, _ in one_by_one["mentions"]:
        by_event.setdefault(key, []).append(article)
    assert sorted(by_event.values()) == [[1, 2], [3], [4, 5, 7], [6], [8], [9, 10]]
    # the event made by the first report keeps its values; its confidence is its best report's
    assert [(loc, lat, conf) for loc, _, _, lat, conf, *_ in one_by_one["events"] if loc == "Flita"] == [
        ("Flita", 33.99, 0.9)]
    for size, outcome in outcomes.items():
        assert outcome == one_by_one, f"batches of {size} loaded other events than one article at a time"
