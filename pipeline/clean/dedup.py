"""One article, many URLs: find the article a newly cleaned text duplicates, if any.

Three tests, cheapest first: the same canonical URL, the same content hash, then MinHash over word
shingles with LSH bands (stored in `eventwire.article_bands`) for wire copies with small edits.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import numpy as np
import psycopg

SHINGLE_WORDS = 4
NUM_PERM = 128
BANDS = 32  # 32 bands of 4 rows: pairs at Jaccard 0.5 become candidates 87% of the time, at 0.6 98.5%
ROWS = NUM_PERM // BANDS
# estimated Jaccard similarity of the shingle sets at or above which two texts are one story. On
# FA-KES, pairs above 0.6 are the same story republished; between 0.5 and 0.6 sit wire updates with
# new figures (32 -> 44 killed), which must go on to extract.
NEAR_DUP_THRESHOLD = 0.6
# below this many shingles a text is too short for a meaningful signature (exact hash still applies)
MIN_SHINGLES = 20
MAX_CANDIDATES = 200
# serialises the check-then-insert across concurrent clean tasks, so two copies cleaned at the same
# moment cannot both become originals
DEDUP_LOCK = 4242003

_MERSENNE = np.uint64((1 << 31) - 1)
_rng = np.random.default_rng(20240607)  # fixed: stored signatures must stay comparable forever
_A = _rng.integers(1, int(_MERSENNE), size=NUM_PERM, dtype=np.uint64)
_B = _rng.integers(0, int(_MERSENNE), size=NUM_PERM, dtype=np.uint64)
_WORD = re.compile(r"\w+")


def shingles(text: str, k: int = SHINGLE_WORDS) -> set[str]:
    """Overlapping k-word windows of the case-folded text (punctuation and spacing ignored)."""
    words = _WORD.findall((text or "").casefold())
    if len(words) < k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + k]) for i in range(len(words) - k + 1)}


def minhash(text: str) -> list[int] | None:
    """A NUM_PERM-value MinHash signature (ints below 2**31, fit for `integer[]`), or None if too short."""
    grams = shingles(text)
    if len(grams) < MIN_SHINGLES:
        return None
    hashes = np.fromiter(
        (int.from_bytes(hashlib.blake2b(g.encode("utf-8"), digest_size=8).digest(), "little") for g in grams),
        dtype=np.uint64, count=len(grams)) % _MERSENNE
    # (a*x + b) mod p with a, x < 2**31 stays inside uint64
    permuted = (np.outer(hashes, _A) + _B) % _MERSENNE
    return permuted.min(axis=0).astype(np.int64).tolist()


def similarity(a: list[int], b: list[int]) -> float:
    """Estimated Jaccard similarity of two signatures' shingle sets."""
    return float(np.mean(np.asarray(a) == np.asarray(b)))


def band_keys(signature: list[int]) -> list[int]:
    """One signed 64-bit key per LSH band (band number included, so bands never collide)."""
    keys = []
    for band in range(BANDS):
        chunk = signature[band * ROWS:(band + 1) * ROWS]
        digest = hashlib.blake2b(repr((band, chunk)).encode(), digest_size=8).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


@dataclass(frozen=True)
class Duplicate:
    """The verdict for a duplicate: the original's id, which test matched, and how closely."""

    original_id: int
    kind: str  # 'canonical_url' | 'content_hash' | 'near_duplicate'
    similarity: float = 1.0


# an article is a possible original once it has been cleaned (and was not refused at fetch)
_CLEANED = "status NOT IN ('new', 'fetched', 'fetch_failed')"


def find_original(conn: psycopg.Connection, article_id: int, canonical: str | None,
                  content_hash: str | None, signature: list[int] | None) -> Duplicate | None:
    """The earliest cleaned article this one duplicates, or None. Call inside the DEDUP_LOCK."""
    # exact copies first: the same canonical URL, then the same cleaned text (columns are fixed names)
    for column, value in (("canonical_url", canonical), ("content_hash", content_hash)):
        if not value:
            continue
        row = conn.execute(
            f"SELECT coalesce(duplicate_of, article_id) AS root FROM eventwire.articles"
            f" WHERE {column} = %s AND article_id <> %s AND {_CLEANED} ORDER BY root LIMIT 1",
            (value, article_id)).fetchone()
        if row and row[0] != article_id:
            return Duplicate(row[0], column)
    if signature:
        candidates = conn.execute(
            """
            SELECT a.article_id, coalesce(a.duplicate_of, a.article_id), a.minhash
            FROM (SELECT article_id, count(*) AS shared FROM eventwire.article_bands
                  WHERE band = ANY(%s) AND article_id <> %s GROUP BY article_id
                  ORDER BY shared DESC, article_id LIMIT %s) b
            JOIN eventwire.articles a USING (article_id)
            WHERE a.minhash IS NOT NULL
            """,
            (band_keys(signature), article_id, MAX_CANDIDATES)).fetchall()
        best: Duplicate | None = None
        for _, root, other in candidates:
            score = similarity(signature, other)
            if score >= NEAR_DUP_THRESHOLD and root != article_id and (best is None or root < best.original_id):
                best = Duplicate(root, "near_duplicate", round(score, 3))
        return best
    return None


def check_and_index(conn: psycopg.Connection, article_id: int, canonical: str | None,
                    content_hash: str | None, signature: list[int] | None) -> Duplicate | None:
    """The original this article repeats (or None), and its signature indexed for those after it.

    Call inside the transaction that also sets the article's status, so the verdict and the index
    become visible together; the advisory lock makes concurrent clean tasks take turns.
    """
    conn.execute("SELECT pg_advisory_xact_lock(%s)", (DEDUP_LOCK,))
    original = find_original(conn, article_id, canonical, content_hash, signature)
    store_signature(conn, article_id, signature)
    return original


def store_signature(conn: psycopg.Connection, article_id: int, signature: list[int] | None) -> None:
    """Index an article's signature so later articles find it (replacing any earlier bands)."""
    conn.execute("UPDATE eventwire.articles SET minhash = %s WHERE article_id = %s", (signature, article_id))
    conn.execute("DELETE FROM eventwire.article_bands WHERE article_id = %s", (article_id,))
    if signature:
        with conn.cursor() as cur:
            cur.executemany("INSERT INTO eventwire.article_bands (band, article_id) VALUES (%s, %s)"
                            " ON CONFLICT DO NOTHING",
                            [(key, article_id) for key in band_keys(signature)])
