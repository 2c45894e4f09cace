"""The schema and the loader against a real PostgreSQL: migrations, COPY + upsert, idempotence,
quarantine, and the analyst role's read-only surface."""

from __future__ import annotations

import psycopg
import pytest

from pipeline import db
from pipeline.load import postgres as load

pytestmark = pytest.mark.integration


def _article(conn, url="http://127.0.0.1/a1", source="Outlet A") -> int:
    return conn.execute(
        "INSERT INTO eventwire.articles (url, source, status, text) VALUES (%s, %s, 'validated', 'x') RETURNING article_id",
        (url, source),
    ).fetchone()[0]


def _row(article_id, candidate_id=1, **over):
    row = {
        "candidate_id": candidate_id, "article_id": article_id, "event_type": "Battles",
        "sub_event_type": "Armed clash", "event_date": "2014-06-15", "date_precision": 1,
        "actor1_name": "Military Forces of Syria", "actor1_inter": 1, "assoc_actor1": ["Hezbollah"],
        "actor2_name": "Opposition rebels", "actor2_inter": 2, "assoc_actor2": [], "interaction": 12,
        "location_name": "Rankous", "admin1": "Rif Dimashq", "country": "Syria", "country_code": "SY",
        "latitude": 33.75, "longitude": 36.39, "geonameid": None, "geo_precision": 1,
        "fatalities_low": 5, "fatalities_best": 5, "fatalities_high": 5,
        "evidence_sentence": "fierce clashes raged Sunday around the village of Rankous",
        "evidence_start": 0, "evidence_end": 57, "confidence": 0.8, "extractor_version": "test-1",
    }
    row.update(over)
    return row


def test_migrate_twice_applies_nothing_the_second_time(conn):
    assert db.migrate(conn) == []
    tables = {r[0] for r in conn.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'eventwire'")}
    assert {"runs", "feeds", "articles", "events", "event_mentions", "quarantine"} <= tables


def test_loading_the_same_batch_twice_changes_nothing(conn):
    a1 = _article(conn)
    conn.execute("INSERT INTO eventwire.runs (run_id) VALUES ('r1')")
    rows = [_row(a1, 1), _row(a1, 2, sub_event_type="Air/drone strike", event_type="Explosions/Remote violence")]
    with conn.transaction():
        first = load.load_events(conn, "r1", rows)
    with conn.transaction():
        second = load.load_events(conn, "r1", rows)
    assert (first.events_inserted, first.mentions_inserted) == (2, 2)
    assert (second.events_inserted, second.mentions_inserted) == (0, 0)
    assert conn.execute("SELECT count(*) FROM eventwire.events").fetchone()[0] == 2
    assert conn.execute("SELECT count(*) FROM eventwire.event_mentions").fetchone()[0] == 2


def test_same_event_from_two_outlets_is_one_event_with_two_sources(conn):
    a1 = _article(conn, "http://127.0.0.1/a1", "Outlet A")
    a2 = _article(conn, "http://127.0.0.1/b7", "Outlet B")
    conn.execute("INSERT INTO eventwire.runs (run_id) VALUES ('r1')")
    with conn.transaction():
        load.load_events(conn, "r1", [_row(a1, 1, fatalities_best=7, fatalities_low=7, fatalities_high=7)])
    with conn.transaction():
        load.load_events(conn, "r1", [_row(a2, 2, location_name="ar-Rankous", fatalities_best=5)])
    event = conn.execute(
        "SELECT num_mentions, num_articles, num_sources, fatalities_best, fatalities_low, fatalities_high"
        " FROM eventwire.events").fetchall()
    assert event == [(2, 2, 2, 5, 5, 7)]


def test_a_failed_batch_leaves_the_tables_as_before(conn):
    a1 = _article(conn)
    conn.execute("INSERT INTO eventwire.runs (run_id) VALUES ('r1')")
    bad = _row(a1, 2, sub_event_type="Attack", fatalities_best=-3)  # violates the CHECK constraint
    with pytest.raises(psycopg.errors.CheckViolation):
        with conn.transaction():
            load.load_events(conn, "r1", [_row(a1, 1), bad])
    assert conn.execute("SELECT count(*) FROM eventwire.events").fetchone()[0] == 0


def test_quarantine_is_idempotent_and_keeps_reasons(conn):
    a1 = _article(conn)
    conn.execute("INSERT INTO eventwire.runs (run_id) VALUES ('r1')")
    item = {"row_key": f"event:{a1}:9", "article_id": a1, "payload": {"sub_event_type": "Battle royale"},
            "reasons": [{"expectation": "expect_column_values_to_be_in_set", "column": "sub_event_type",
                         "detail": "not an ACLED sub-event type"}]}
    load.quarantine_rows(conn, "r1", "event", [item])
    load.quarantine_rows(conn, "r1", "event", [item])
    summary = conn.execute("SELECT kind, expectation, column_name, rows FROM analytics.quarantine_summary").fetchall()
    assert summary == [("event", "expect_column_values_to_be_in_set", "sub_event_type", 1)]


def test_analyst_role_reads_views_and_nothing_else(conn, db_url):
    a1 = _article(conn)
    conn.execute("INSERT INTO eventwire.runs (run_id) VALUES ('r1')")
    with conn.transaction():
        load.load_events(conn, "r1", [_row(a1, 1)])
    with psycopg.connect(db_url, autocommit=True) as analyst:
        analyst.execute("SET ROLE eventwire_analyst")
        assert analyst.execute("SELECT location, fatalities FROM analytics.events").fetchall() == [("Rankous", 5)]
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            analyst.execute("SELECT * FROM eventwire.events")
    with psycopg.connect(db_url, autocommit=True) as analyst:
        analyst.execute("SET ROLE eventwire_analyst")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            analyst.execute("DELETE FROM analytics.deletions")  # a simple (auto-updatable) view
        # analytics.events joins reference data, so no one can write through it, the analyst least
        with pytest.raises((psycopg.errors.InsufficientPrivilege, psycopg.errors.ObjectNotInPrerequisiteState)):
            analyst.execute("DELETE FROM analytics.events")
    assert conn.execute("SELECT count(*) FROM eventwire.events").fetchone()[0] == 1


def test_health_report_flags_failing_feeds_and_counts_quarantine(conn):
    from pipeline.health import health_report

    conn.execute("INSERT INTO eventwire.feeds (name, url, consecutive_failures, last_error)"
                 " VALUES ('ok', 'http://127.0.0.1/ok', 0, NULL), ('down', 'http://127.0.0.1/down', 3, 'HTTP 500')")
    a1 = _article(conn)
    conn.execute("INSERT INTO eventwire.runs (run_id, status, articles_in, articles_loaded, articles_quarantined)"
                 " VALUES ('r1', 'success', 2, 1, 0)")
    load.quarantine_rows(conn, "r1", "article", [{"row_key": "article:x", "article_id": a1, "payload": {},
                                                  "reasons": [{"expectation": "fetch_page", "column": "url", "detail": "HTTP 404"}]}])
    report = health_report(conn)
    assert report["failing_feeds"] == ["down"]
    assert report["runs_with_missing_rows"] == ["r1"]
    assert [(q["expectation"], q["rows"]) for q in report["quarantine"]] == [("fetch_page", 1)]


def test_nearby_report_of_the_same_event_merges_but_two_places_in_one_article_do_not(conn):
    a1 = _article(conn, "http://127.0.0.1/a1", "Outlet A")
    a2 = _article(conn, "http://127.0.0.1/b2", "Outlet B")
    conn.execute("INSERT INTO eventwire.runs (run_id) VALUES ('r1')")
    flita = dict(location_name="Flita", latitude=33.99, longitude=36.53, sub_event_type="Government regains territory")
    maara = dict(location_name="Ras al-Maara", latitude=34.005, longitude=36.545, sub_event_type="Government regains territory")
    with conn.transaction():  # one article, two villages ~2 km apart: two events
        load.load_events(conn, "r1", [_row(a1, 1, **flita), _row(a1, 2, **maara)])
    # Another outlet spells it Fulaita, places it a little off and dates it a day later: the same event.
    fulaita = dict(flita, location_name="Fulaita", latitude=33.995, longitude=36.52, event_date="2014-06-16")
    with conn.transaction():
        stats = load.load_events(conn, "r1", [_row(a2, 3, **fulaita)])
    assert stats.events_inserted == 0
    rows = conn.execute("SELECT location_name, num_articles, num_sources FROM eventwire.events ORDER BY location_name").fetchall()
    assert rows == [("Flita", 2, 2), ("Ras al-Maara", 1, 1)]


def test_a_different_kind_of_event_at_the_same_place_stays_separate(conn):
    a1 = _article(conn, "http://127.0.0.1/a1", "Outlet A")
    a2 = _article(conn, "http://127.0.0.1/b2", "Outlet B")
    conn.execute("INSERT INTO eventwire.runs (run_id) VALUES ('r1')")
    with conn.transaction():
        load.load_events(conn, "r1", [_row(a1, 1)])
        load.load_events(conn, "r1", [_row(a2, 2, sub_event_type="Air/drone strike", event_type="Explosions/Remote violence")])
        # state vs rebels and rebels vs civilians at one place and day are different events
        load.load_events(conn, "r1", [_row(a2, 3, actor1_name="Opposition rebels", actor1_inter=2,
                                           actor2_name="Civilians", actor2_inter=7, interaction=27)])
    assert conn.execute("SELECT count(*) FROM eventwire.events").fetchone()[0] == 3


def test_host_batches_keep_each_batch_to_one_host(conn):
    from pipeline.steps import host_batches

    ids = [conn.execute("INSERT INTO eventwire.articles (url) VALUES (%s) RETURNING article_id", (u,)).fetchone()[0]
           for u in ["http://a.example/1", "http://b.example/1", "http://a.example/2", "https://A.example/3",
                     "http://c.example/1", "http://a.example/4"]]
    parts = host_batches(conn, ids, 3)
    hosts = [{conn.execute("SELECT lower(substring(url from '://([^/]+)')) FROM eventwire.articles WHERE article_id = %s",
                           (i,)).fetchone()[0] for i in part} for part in parts]
    assert all(len(h) == 1 for h in hosts)
    assert sorted(i for part in parts for i in part) == sorted(ids)
    assert [len(p) for p in parts] == [3, 1, 1, 1]


def test_reloading_rows_that_were_merged_across_articles_changes_nothing(conn):
    a1 = _article(conn, "http://127.0.0.1/a1", "Outlet A")
    a2 = _article(conn, "http://127.0.0.1/b2", "Outlet B")
    conn.execute("INSERT INTO eventwire.runs (run_id) VALUES ('r1')")
    first = _row(a1, 1, location_name="Flita", latitude=33.99, longitude=36.53)
    second = _row(a2, 2, location_name="Fulaita", latitude=33.995, longitude=36.52)  # merged into Flita
    for _ in range(3):
        with conn.transaction():
            load.load_events(conn, "r1", [first, second])
    assert conn.execute("SELECT count(*), sum(num_articles) FROM eventwire.events").fetchone() == (1, 2)
    assert conn.execute("SELECT count(*) FROM eventwire.event_mentions").fetchone()[0] == 2


def test_a_later_death_toll_supersedes_but_the_history_stays(conn):
    early = conn.execute("INSERT INTO eventwire.articles (url, source, published) VALUES"
                         " ('http://127.0.0.1/e', 'Wire A', '2014-06-15') RETURNING article_id").fetchone()[0]
    same_day = conn.execute("INSERT INTO eventwire.articles (url, source, published) VALUES"
                            " ('http://127.0.0.1/s', 'Wire B', '2014-06-15') RETURNING article_id").fetchone()[0]
    later = conn.execute("INSERT INTO eventwire.articles (url, source, published) VALUES"
                         " ('http://127.0.0.1/l', 'Wire C', '2014-06-17') RETURNING article_id").fetchone()[0]
    conn.execute("INSERT INTO eventwire.runs (run_id) VALUES ('r1')")
    with conn.transaction():  # two reports the same day: the lower count (conservative)
        load.load_events(conn, "r1", [_row(early, 1, fatalities_best=7), _row(same_day, 2, fatalities_best=5)])
    assert conn.execute("SELECT fatalities_low, fatalities_best, fatalities_high FROM eventwire.events").fetchone() == (5, 5, 7)
    with conn.transaction():  # two days later the toll has risen: the update supersedes
        load.load_events(conn, "r1", [_row(later, 3, fatalities_best=12)])
    assert conn.execute("SELECT fatalities_low, fatalities_best, fatalities_high FROM eventwire.events").fetchone() == (5, 12, 12)
    history = conn.execute("SELECT a.source, m.fatalities_best FROM eventwire.event_mentions m"
                           " JOIN eventwire.articles a USING (article_id) ORDER BY a.published, a.source").fetchall()
    assert history == [("Wire A", 7), ("Wire B", 5), ("Wire C", 12)]


def test_every_analyst_view_and_column_is_documented(conn):
    undocumented = conn.execute(
        """
        SELECT c.relname || coalesce('.' || a.attname, '')
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        WHERE n.nspname = 'analytics' AND c.relkind = 'v'
          AND (obj_description(c.oid) IS NULL OR (a.attname IS NOT NULL AND col_description(c.oid, a.attnum) IS NULL))
        """
    ).fetchall()
    assert undocumented == []
    views = {r[0] for r in conn.execute("SELECT table_name FROM information_schema.views WHERE table_schema = 'analytics'")}
    assert {"events", "event_mentions", "daily_counts", "dyads", "feed_health", "quarantine_summary", "runs",
            "deletions", "alerts", "acled_events", "gdelt_mentions"} <= views


def test_dyads_pair_the_sides_in_either_order(conn):
    a1 = _article(conn)
    conn.execute("INSERT INTO eventwire.runs (run_id) VALUES ('r1')")
    with conn.transaction():
        load.load_events(conn, "r1", [
            _row(a1, 1),
            _row(a1, 2, location_name="Yabroud", latitude=34.03, longitude=36.65, fatalities_best=3,
                 fatalities_low=3, fatalities_high=3, actor1_name="Opposition rebels", actor1_inter=2,
                 actor2_name="Military Forces of Syria", actor2_inter=1)])
    assert conn.execute("SELECT side_a, side_b, interaction, events, fatalities FROM analytics.dyads").fetchall() == [
        ("Military Forces of Syria", "Opposition rebels", 12, 2, 8)]


def test_reload_is_a_no_op_when_two_rows_of_one_article_merged_into_one_event(conn):
    y = _article(conn, "http://127.0.0.1/y", "Outlet Y")
    x = _article(conn, "http://127.0.0.1/x", "Outlet X")
    conn.execute("INSERT INTO eventwire.runs (run_id) VALUES ('r1')")
    with conn.transaction():
        load.load_events(conn, "r1", [_row(y, 1, location_name="Flita", latitude=33.99, longitude=36.53)])
    # Article X reports it twice, under two spellings close by: both rows are that one event.
    rows = [_row(x, 2, location_name="Fulaita", latitude=33.995, longitude=36.52),
            _row(x, 3, location_name="Falita", latitude=33.985, longitude=36.535)]
    for _ in range(3):
        with conn.transaction():
            load.load_events(conn, "r1", rows)
    assert conn.execute("SELECT count(*), sum(num_articles) FROM eventwire.events").fetchone() == (1, 2)


def test_two_batches_loading_at_once_still_merge_one_real_event(conn, db_url):
    """Two load tasks in parallel (the load pool has two slots): the second must see the first's event."""
    import threading

    a1 = _article(conn, "http://127.0.0.1/a1", "Outlet A")
    a2 = _article(conn, "http://127.0.0.1/b2", "Outlet B")
    conn.execute("INSERT INTO eventwire.runs (run_id) VALUES ('r1')")
    flita = dict(location_name="Flita", latitude=33.99, longitude=36.53, sub_event_type="Government regains territory")
    fulaita = dict(flita, location_name="Fulaita", latitude=33.995, longitude=36.52)
    second_done = threading.Event()
    second_stats = {}

    def second_loader():
        with psycopg.connect(db_url, autocommit=True) as other, other.transaction():
            second_stats["stats"] = load.load_events(other, "r1", [_row(a2, 2, **fulaita)])
        second_done.set()

    with conn.transaction():
        first = load.load_events(conn, "r1", [_row(a1, 1, **flita)])
        thread = threading.Thread(target=second_loader, daemon=True)
        thread.start()
        # the second batch waits for this one to commit instead of inserting a second "Flita" event
        assert not second_done.wait(1.5)
    thread.join(timeout=30)
    assert second_done.is_set()
    assert (first.events_inserted, second_stats["stats"].events_inserted) == (1, 0)
    assert conn.execute("SELECT location_name, num_articles FROM eventwire.events").fetchall() == [("Flita", 2)]


def _counts(conn) -> list[tuple]:
    return conn.execute("SELECT event_key, num_mentions, num_articles, num_sources, fatalities_low, fatalities_best,"
                        " fatalities_high FROM eventwire.events ORDER BY event_key").fetchall()


def test_counts_computed_in_the_insert_are_what_the_mentions_say(conn):
    """Reports of a few events spread over articles, outlets, days and batches (some merging into events
    of earlier batches, some reloaded): the counts the insert writes equal a recount from the mentions."""
    import random

    rng = random.Random(12)
    conn.execute("INSERT INTO eventwire.runs (run_id) VALUES ('r1')")
    articles = [conn.execute(
        "INSERT INTO eventwire.articles (url, source, status, text, published) VALUES (%s, %s, 'validated', 'x',"
        " %s) RETURNING article_id", (f"http://127.0.0.1/n{i}", f"Outlet {i % 4}", f"2014-06-{15 + i % 5}")
    ).fetchone()[0] for i in range(24)]
    places = [("Rankous", 33.75, 36.39), ("Yabroud", 34.03, 36.65), ("Douma", 33.57, 36.40)]
    rows = []
    for n, article_id in enumerate(articles):
        for k, (place, lat, lon) in enumerate(rng.sample(places, 2)):
            rows.append(_row(article_id, n * 10 + k, location_name=place, latitude=lat, longitude=lon,
                             event_date=f"2014-06-{15 + rng.randrange(2)}", fatalities_best=rng.choice([None, 2, 5, 9]),
                             confidence=rng.random()))
    batches = [rows[:10], rows[10:25], rows[25:], rows[5:30]]  # the last one reloads rows already in
    for batch in batches:
        with conn.transaction():
            load.load_events(conn, "r1", batch)
    written = _counts(conn)
    assert sum(r[1] for r in written) == conn.execute("SELECT count(*) FROM eventwire.event_mentions").fetchone()[0]
    assert max(r[3] for r in written) == 4 and any(r[5] is not None for r in written)

    load.refresh_counts(conn, [r[0] for r in conn.execute("SELECT event_id FROM eventwire.events")])
    assert _counts(conn) == written


def test_a_reload_writes_no_row(conn):
    a1, a2 = _article(conn, "http://127.0.0.1/a1", "Outlet A"), _article(conn, "http://127.0.0.1/b1", "Outlet B")
    conn.execute("INSERT INTO eventwire.runs (run_id) VALUES ('r1')")
    rows = [_row(a1, 1), _row(a2, 2, fatalities_best=9), _row(a1, 3, sub_event_type="Air/drone strike")]
    with conn.transaction():
        load.load_events(conn, "r1", rows)
    versions = "SELECT xmin::text FROM {} ORDER BY 1"
    before = [conn.execute(versions.format(t)).fetchall()
              for t in ("eventwire.events", "eventwire.event_mentions", "eventwire.mention_sources")]
    with conn.transaction():
        again = load.load_events(conn, "r1", rows)
    after = [conn.execute(versions.format(t)).fetchall()
             for t in ("eventwire.events", "eventwire.event_mentions", "eventwire.mention_sources")]
    assert (again.events_inserted, again.events_updated, again.mentions_inserted) == (0, 0, 0)
    assert after == before


def test_a_soft_deleted_event_is_revived_by_its_key_and_never_a_merge_target(conn):
    """A row whose key is a deleted event's is that event again (revived, its mentions counted); a
    nearby report under another key does not merge into a deleted event, it becomes its own."""
    a1, a2, a3 = (_article(conn, f"http://127.0.0.1/d{i}", f"Outlet {i}") for i in range(3))
    conn.execute("INSERT INTO eventwire.runs (run_id) VALUES ('r1')")
    with conn.transaction():
        load.load_events(conn, "r1", [_row(a1, 1)])
    event_id = conn.execute("SELECT event_id FROM eventwire.events").fetchone()[0]
    conn.execute("UPDATE eventwire.events SET deleted_at = now() WHERE event_id = %s", (event_id,))
    with conn.transaction():  # another place name 2 km away, next day: would merge into a live event
        nearby = load.load_events(conn, "r1", [_row(a3, 3, location_name="Talfita", latitude=33.76,
                                                    longitude=36.41, event_date="2014-06-16")])
    with conn.transaction():
        same_key = load.load_events(conn, "r1", [_row(a2, 2)])
    assert (nearby.events_inserted, same_key.events_inserted, same_key.events_updated) == (1, 0, 1)
    assert conn.execute(
        "SELECT e.event_id, e.deleted_at IS NULL, e.num_mentions, array_agg(m.article_id ORDER BY m.article_id)"
        " FROM eventwire.events e JOIN eventwire.event_mentions m USING (event_id)"
        " WHERE e.event_id = %s GROUP BY e.event_id", (event_id,)).fetchone() == (event_id, True, 2, [a1, a2])
    assert conn.execute("SELECT count(*) FROM eventwire.events").fetchone()[0] == 2


def test_a_table_that_doubled_since_its_last_analyze_gets_fresh_lookup_statistics(conn):
    """Loaded from empty faster than autovacuum looks, events would be planned on the empty table's
    statistics; the next batch re-analyzes the columns the merge looks up."""
    from datetime import date, timedelta

    a1 = _article(conn)
    conn.execute("INSERT INTO eventwire.runs (run_id) VALUES ('r1')")
    conn.execute("ANALYZE eventwire.events")  # empty: relpages 0, no column statistics
    rows = [_row(a1, i, event_date=(date(1900, 1, 1) + timedelta(days=40 * i)).isoformat()) for i in range(2500)]
    with conn.transaction():
        load.load_events(conn, "r1", rows[:2400])
    pages = "SELECT relpages, pg_relation_size(oid) / current_setting('block_size')::int FROM pg_class" \
            " WHERE oid = 'eventwire.events'::regclass"
    stats = "SELECT count(*) FROM pg_stats WHERE schemaname = 'eventwire' AND tablename = 'events'" \
            " AND attname IN ('place_key', 'sub_event_type', 'event_date')"
    recorded, size = conn.execute(pages).fetchone()
    assert recorded == 0 and size > load.GROWN_MIN_PAGES
    assert conn.execute(stats).fetchone()[0] == 0
    with conn.transaction():
        load.load_events(conn, "r1", rows[2400:])
    recorded, size = conn.execute(pages).fetchone()
    assert recorded > load.GROWN_MIN_PAGES and recorded <= size
    assert conn.execute(stats).fetchone()[0] == 3
    assert conn.execute("SELECT count(*) FROM eventwire.events").fetchone()[0] == 2500


def test_reports_either_side_of_a_latitude_band_edge_still_merge_by_distance(conn):
    """The lookup by distance reads the 0.2-degree latitude band(s) its box touches (migration 018):
    two reports ~1 km apart on either side of a band edge (33.8 degrees) are one event, whether the
    first is stored (lookup in events) or in the same batch (lookup in the staged rows), and from
    the south or the north."""
    a = [_article(conn, f"http://127.0.0.1/e{i}", f"Outlet {i}") for i in range(6)]
    conn.execute("INSERT INTO eventwire.runs (run_id) VALUES ('r1')")

    def at(article_id, n, place, lat, day):
        return _row(article_id, n, location_name=place, latitude=lat, longitude=36.40, event_date=f"2014-06-{day}")

    with conn.transaction():  # stored south of the edge, then a report north of it
        load.load_events(conn, "r1", [at(a[0], 1, "Southside", 33.7951, 10)])
    with conn.transaction():
        north = load.load_events(conn, "r1", [at(a[1], 2, "Northside", 33.8049, 10)])
    with conn.transaction():  # stored north of the edge, then a report south of it
        load.load_events(conn, "r1", [at(a[2], 3, "Upper", 33.8049, 20)])
    with conn.transaction():
        south = load.load_events(conn, "r1", [at(a[3], 4, "Lower", 33.7951, 20)])
    with conn.transaction():  # both in one batch
        both = load.load_events(conn, "r1", [at(a[4], 5, "Below", 33.7999, 25), at(a[5], 6, "Above", 33.8001, 25)])
    assert (north.events_inserted, south.events_inserted, both.events_inserted) == (0, 0, 1)
    assert conn.execute("SELECT location_name, num_articles FROM eventwire.events ORDER BY event_date").fetchall() == [
        ("Southside", 2), ("Upper", 2), ("Below", 2)]


def test_a_batch_merges_by_article_order_not_by_the_order_its_candidates_were_stored(conn):
    """Two workers may finish their extract tasks in either order, so candidate ids do not follow the
    articles; the events must not depend on it: the same rows give the same events either way."""
    conn.execute("INSERT INTO eventwire.runs (run_id) VALUES ('r1')")
    ids = [_article(conn, f"http://127.0.0.1/o{i}", f"Outlet {i}") for i in range(3)]
    flita = dict(location_name="Flita", latitude=33.99, longitude=36.53, sub_event_type="Government regains territory")
    spellings = [dict(flita), dict(flita, location_name="Fulaita", latitude=33.995, longitude=36.52),
                 dict(flita, location_name="Flitah", latitude=33.985, longitude=36.535, event_date="2014-06-16")]

    def events(candidate_ids):
        with conn.transaction():
            load.load_events(conn, "r1", [_row(a, c, **s) for a, c, s in zip(ids, candidate_ids, spellings)])
        got = conn.execute("SELECT location_name, event_date::text, num_articles FROM eventwire.events"
                           " ORDER BY event_id").fetchall()
        conn.execute("TRUNCATE eventwire.events, eventwire.event_mentions, eventwire.mention_sources")
        return got

    in_order, reversed_ = events([1, 2, 3]), events([30, 20, 10])
    assert in_order == reversed_ == [("Flita", "2014-06-15", 3)]
