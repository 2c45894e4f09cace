"""The steps write a batch in a few set-based statements (issue 12), and still cost a bad row only itself.

Statements are counted on the client (tools.sqlcount) over the bundled wire's five articles; a row
the database itself refuses in a batch write (a trigger, here) sends the batch back to one article
at a time, and only that article is quarantined; copies inside one batch are still found.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from pipeline import steps
from pipeline.clean import dedup
from pipeline.config import Settings
from pipeline.fetch.pages import content_hash
from pipeline.fetch.wire import serve_wire
from tests.conftest import REPO
from tests.integration.test_row_isolation import assert_every_article_accounted
from tools import sqlcount
from tools.sqlcount import CountingConnection

pytestmark = pytest.mark.integration

SEEDS = REPO / "seeds"


def _settings(tmp_path) -> Settings:
    return replace(Settings(), data_dir=tmp_path, http_timeout=2.0, per_host_delay=0.0)


def _polled(conn, wire, tmp_path, run_id: str) -> list[int]:
    steps.start_run(conn, run_id)
    steps.sync_feeds(conn, [{"name": "wire", "url": wire.feed_url, "enabled": True, "interval_seconds": 900}])
    return steps.poll_feeds(conn, _settings(tmp_path), run_id, force=True)


def _reasons(conn, article_id: int) -> list:
    row = conn.execute("SELECT reasons FROM eventwire.quarantine WHERE kind = 'article' AND article_id = %s",
                       (article_id,)).fetchone()
    return row[0] if row else []


def test_fetch_clean_extract_and_load_of_a_batch_take_a_few_statements_whatever_its_size(db_url, tmp_path):
    with CountingConnection.connect(db_url, autocommit=True) as conn, serve_wire(SEEDS) as wire:
        ids = _polled(conn, wire, tmp_path, "count")
        assert len(ids) == 5
        sent = {}
        for name, step in (("fetch", lambda i: steps.fetch_batch(conn, _settings(tmp_path), i, "count")),
                           ("clean", lambda i: steps.clean_batch(conn, i, "count")),
                           ("extract", lambda i: steps.extract_batch(conn, i, "count")),
                           ("validate", lambda i: steps.validate_batch(conn, i, "count")),
                           ("load", lambda i: steps.load_batch(conn, i, "count"))):
            before = sqlcount.total(conn)
            ids = step(ids)
            sent[name] = sqlcount.total(conn) - before
        summary = steps.finish_run(conn, "count")
    assert summary["articles_loaded"] == 5 and summary["events_loaded"] > 5
    # before issue 12, for these five articles: fetch 7, clean 196 (38 an article: 32 of them band
    # rows), extract 48 (one per candidate); now a fixed handful per batch (clean: one more since it
    # also reads the run's later articles another task cleaned first, dedup.find_originals)
    assert sent["fetch"] <= 4 and sent["clean"] <= 10 and sent["extract"] <= 4, sent
    assert sent["load"] <= 20, sent  # already set-based: the same 20 as before, now without refresh_counts


@pytest.mark.parametrize("step, trigger_on", [
    ("clean", "BEFORE UPDATE OF status ON eventwire.articles FOR EACH ROW WHEN (NEW.status = 'cleaned'"),
    ("extract", "BEFORE UPDATE OF status ON eventwire.articles FOR EACH ROW WHEN (NEW.status = 'extracted'"),
    ("fetch", "BEFORE UPDATE OF status ON eventwire.articles FOR EACH ROW WHEN (NEW.status = 'fetched'"),
])
def test_a_row_the_database_refuses_in_a_batch_write_is_quarantined_alone(conn, tmp_path, step, trigger_on):
    with serve_wire(SEEDS) as wire:
        ids = _polled(conn, wire, tmp_path, "refused")
        victim = ids[2]
        conn.execute("CREATE FUNCTION pg_temp.refuse() RETURNS trigger LANGUAGE plpgsql AS"
                     " $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$")
        conn.execute(f"CREATE TRIGGER refuse {trigger_on} AND NEW.article_id = {victim})"
                     " EXECUTE FUNCTION pg_temp.refuse()")
        done = steps.fetch_batch(conn, _settings(tmp_path), ids, "refused")
    done = steps.extract_batch(conn, steps.clean_batch(conn, done, "refused"), "refused")
    conn.execute("DROP TRIGGER refuse ON eventwire.articles")
    steps.load_batch(conn, steps.validate_batch(conn, done, "refused"), "refused")
    summary = steps.finish_run(conn, "refused")

    assert victim not in done and len(done) == 4
    assert summary["status"] == "success"
    assert (summary["articles_loaded"], summary["articles_quarantined"]) == (4, 1)
    status, = conn.execute("SELECT status FROM eventwire.articles WHERE article_id = %s", (victim,)).fetchone()
    assert status == "quarantined"
    reason, = _reasons(conn, victim)
    assert reason["expectation"] == f"{step}_error" and "refused by the test" in reason["detail"]
    assert_every_article_accounted(conn)


def _fetched(conn, texts: list[str]) -> list[int]:
    conn.execute("INSERT INTO eventwire.runs (run_id) VALUES ('dedup') ON CONFLICT DO NOTHING")
    return [conn.execute("INSERT INTO eventwire.articles (url, status, text) VALUES (%s, 'fetched', %s)"
                         " RETURNING article_id", (f"http://127.0.0.1/copies/{i}", text)).fetchone()[0]
            for i, text in enumerate(texts)]


STORY = " ".join(f"Clashes broke out in district {i} of the old city on Tuesday, residents said." for i in range(12))


def test_copies_inside_one_batch_are_found_as_if_cleaned_one_by_one(conn):
    near = STORY.replace("Tuesday", "Wednesday", 1)
    other = " ".join(f"The harvest festival in village {i} drew large crowds this year." for i in range(12))
    first, exact, edited, unrelated = ids = _fetched(conn, [STORY, STORY, near, other])
    batch = [dedup.Cleaned(i, None, content_hash(t), dedup.minhash(t))
             for i, t in zip(ids, [STORY, STORY, near, other])]

    with conn.transaction():
        verdicts = dedup.check_and_index_batch(conn, batch)

    assert verdicts[first] is None and verdicts[unrelated] is None
    assert verdicts[exact] == dedup.Duplicate(first, "content_hash")
    assert verdicts[edited].original_id == first and verdicts[edited].kind == "near_duplicate"
    bands = dict(conn.execute("SELECT article_id, count(*) FROM eventwire.article_bands GROUP BY 1").fetchall())
    assert bands == {i: dedup.BANDS for i in ids}
    stored = dict(conn.execute("SELECT article_id, minhash FROM eventwire.articles").fetchall())
    assert stored == {c.article_id: c.signature for c in batch}


def test_a_copy_in_a_later_batch_points_at_the_root_of_an_earlier_one(conn):
    first, copy, later = _fetched(conn, [STORY, STORY, STORY])
    with conn.transaction():
        dedup.check_and_index_batch(conn, [dedup.Cleaned(first, None, content_hash(STORY), dedup.minhash(STORY))])
        conn.execute("UPDATE eventwire.articles SET status = 'cleaned', content_hash = %s WHERE article_id = %s",
                     (content_hash(STORY), first))
    with conn.transaction():
        verdicts = dedup.check_and_index_batch(conn, [
            dedup.Cleaned(i, None, content_hash(STORY), dedup.minhash(STORY)) for i in (copy, later)])
    assert verdicts == {copy: dedup.Duplicate(first, "content_hash"), later: dedup.Duplicate(first, "content_hash")}
