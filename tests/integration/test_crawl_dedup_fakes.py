"""Near-duplicate detection through the database on the 804 FA-KES articles: what it finds, and how fast.

FA-KES holds SANA items posted twice and AFP copies run by several outlets, so it has real repeats.
"""

import csv
import time

import pytest

from pipeline.clean import dedup
from pipeline.fetch.pages import content_hash
from tests.conftest import SHARED

pytestmark = pytest.mark.integration

FAKES = SHARED / "corpora" / "fakes-articles.csv"


@pytest.mark.skipif(not FAKES.exists(), reason="FA-KES corpus not found")
def test_fakes_near_duplicates_through_the_database(conn):
    rows = list(csv.DictReader(FAKES.open(encoding="utf-8")))
    assert len(rows) == 804
    conn.execute("INSERT INTO eventwire.runs (run_id) VALUES ('fakes')")
    with conn.cursor() as cur:
        cur.executemany("INSERT INTO eventwire.articles (url, status, text, first_run_id, last_run_id)"
                        " VALUES (%s, 'fetched', %s, 'fakes', 'fakes')",
                        [(f"https://fakes.example/{r['unit_id']}/{n}", r["article_content"]) for n, r in enumerate(rows)])
    articles = conn.execute("SELECT article_id, text FROM eventwire.articles ORDER BY article_id").fetchall()

    verdicts = {}
    started = time.perf_counter()
    for article_id, text in articles:
        signature = dedup.minhash(text)
        with conn.transaction():
            original = dedup.check_and_index(conn, article_id, None, content_hash(text), signature)
            conn.execute("UPDATE eventwire.articles SET status = %s, content_hash = %s, duplicate_of = %s,"
                         " duplicate_kind = %s WHERE article_id = %s",
                         ("duplicate" if original else "cleaned", content_hash(text),
                          original and original.original_id, original and original.kind, article_id))
        verdicts[article_id] = original
    per_article_ms = (time.perf_counter() - started) / len(articles) * 1000
    print(f"\nFA-KES near-dup: {per_article_ms:.2f} ms/article (MinHash + LSH lookup + index), "
          f"{sum(v is not None for v in verdicts.values())} duplicates: "
          f"{sum(v is not None and v.kind == 'content_hash' for v in verdicts.values())} exact, "
          f"{sum(v is not None and v.kind == 'near_duplicate' for v in verdicts.values())} near")

    assert per_article_ms < 50
    dups = [v for v in verdicts.values() if v is not None]
    exact = [v for v in dups if v.kind == "content_hash"]
    near = [v for v in dups if v.kind == "near_duplicate"]
    assert 10 <= len(exact) and 10 <= len(near) and len(dups) <= 60
    # an original is never itself a duplicate, and always came first
    statuses = dict(conn.execute("SELECT article_id, status FROM eventwire.articles").fetchall())
    assert all(statuses[v.original_id] == "cleaned" for v in dups)
    assert all(v.original_id < article_id for article_id, v in verdicts.items() if v)
    assert conn.execute("SELECT count(DISTINCT article_id) FROM eventwire.article_bands").fetchone()[0] >= 800


def _clean_in_batches(conn, order: list[int], parts: int = 4) -> dict[int, tuple]:
    """Dedup the run's fetched articles in `parts` batches taken in `order` (as concurrent clean tasks
    may take the lock), writing what _store_cleaned writes; the articles' final verdicts."""
    articles = conn.execute("SELECT article_id, text FROM eventwire.articles ORDER BY article_id").fetchall()
    size = -(-len(articles) // parts)
    batches = [articles[i:i + size] for i in range(0, len(articles), size)]
    for n in order:
        batch = [dedup.Cleaned(a, None, content_hash(t), dedup.minhash(t)) for a, t in batches[n]]
        with conn.transaction():
            verdicts = dedup.check_and_index_batch(conn, batch, "fakes")
            for c in batch:
                v = verdicts[c.article_id]
                conn.execute("UPDATE eventwire.articles SET status = %s, content_hash = %s, duplicate_of = %s,"
                             " duplicate_kind = %s WHERE article_id = %s",
                             ("duplicate" if v else "cleaned", c.content_hash, v and v.original_id, v and v.kind,
                              c.article_id))
    return {a: rest for a, *rest in conn.execute(
        "SELECT article_id, status, duplicate_of, duplicate_kind FROM eventwire.articles ORDER BY article_id")}


@pytest.mark.skipif(not FAKES.exists(), reason="FA-KES corpus not found")
def test_fakes_verdicts_do_not_depend_on_the_order_batches_are_cleaned_in(conn):
    rows = list(csv.DictReader(FAKES.open(encoding="utf-8")))
    conn.execute("INSERT INTO eventwire.runs (run_id) VALUES ('fakes')")
    with conn.cursor() as cur:
        cur.executemany("INSERT INTO eventwire.articles (url, status, text, first_run_id, last_run_id)"
                        " VALUES (%s, 'fetched', %s, 'fakes', 'fakes')",
                        [(f"https://fakes.example/{r['unit_id']}/{n}", r["article_content"]) for n, r in enumerate(rows)])

    outcomes = {}
    for order in ([0, 1, 2, 3], [3, 2, 1, 0], [2, 0, 3, 1]):
        conn.execute("DELETE FROM eventwire.article_bands")
        conn.execute("UPDATE eventwire.articles SET status = 'fetched', duplicate_of = NULL, duplicate_kind = NULL,"
                     " minhash = NULL, content_hash = NULL")
        started = time.process_time()
        outcomes[tuple(order)] = _clean_in_batches(conn, order)
        print(f"\nFA-KES dedup in batches {order}: {time.process_time() - started:.2f} s CPU (client)")

    forward = outcomes[(0, 1, 2, 3)]
    assert 40 <= sum(status == "duplicate" for status, _, _ in forward.values()) <= 60
    assert all(original < a for a, (_, original, _) in forward.items() if original)
    assert all(forward[original][0] == "cleaned" for _, original, _ in forward.values() if original)
    assert outcomes[(3, 2, 1, 0)] == forward
    assert outcomes[(2, 0, 3, 1)] == forward
