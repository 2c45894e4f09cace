"""Near-duplicate detection through the database on the 804 FA-KES articles: what it finds, and how fast.

FA-KES holds SANA items posted twice and AFP copies run by several outlets, so it has real repeats.
"""

import csv
import time
from pathlib import Path

import pytest

from pipeline.clean import dedup
from pipeline.fetch.pages import content_hash

pytestmark = pytest.mark.integration

FAKES = Path(__file__).resolve().parents[2].parent / "shared" / "corpora" / "fakes-articles.csv"


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
