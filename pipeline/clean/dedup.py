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


@dataclass(frozen=True)
class Cleaned:
    """What dedup needs of one cleaned article: its id, canonical URL, content hash and signature."""

    article_id: int
    canonical: str | None
    content_hash: str | None
    signature: list[int] | None


# an article is a possible original once it has been cleaned (and was not refused at fetch)
_CLEANED = "a.status NOT IN ('new', 'fetched', 'fetch_failed')"
_EXACT = (("canonical_url", "canonical"), ("content_hash", "content_hash"))
# statuses in which an article of the run has not gone past extract: its verdict may still change
OPEN = ("cleaned", "extracted")


def _open_later(conn: psycopg.Connection, ids: list[int], run_id: str) -> list[tuple[Cleaned, Duplicate | None]]:
    """The run's articles that other tasks cleaned, with a higher id than the batch's first and still
    open (cleaned or extracted, or duplicates of such an original), with their stored verdicts. Locked:
    an extract that has not written yet waits for this transaction, then sees the new status."""
    rows = conn.execute(
        """
        SELECT a.article_id, a.canonical_url, a.content_hash, a.minhash, a.duplicate_of, a.duplicate_kind,
               a.duplicate_similarity
        FROM eventwire.articles a LEFT JOIN eventwire.articles r ON r.article_id = a.duplicate_of
        WHERE a.last_run_id = %(run)s AND a.article_id > %(first)s AND a.article_id <> ALL(%(ids)s)
          AND (a.status = ANY(%(open)s) OR (a.status = 'duplicate' AND r.last_run_id = %(run)s AND r.status = ANY(%(open)s)))
        ORDER BY a.article_id FOR UPDATE OF a
        """, {"open": list(OPEN), "run": run_id, "first": min(ids), "ids": ids}).fetchall()
    return [(Cleaned(article_id, canonical, digest, signature),
             Duplicate(original, kind, 1.0 if similarity is None else round(similarity, 3)) if original else None)
            for article_id, canonical, digest, signature, original, kind, similarity in rows]


def find_originals(conn: psycopg.Connection, batch: list[Cleaned], run_id: str | None = None
                   ) -> tuple[dict[int, Duplicate | None], dict[int, Duplicate]]:
    """For each article of `batch`, the earliest cleaned article it duplicates, or None; and the
    articles of run `run_id` cleaned by other tasks whose verdict this batch changes.

    The verdicts are those of cleaning the run's articles one by one in id order, whatever order its
    concurrent clean tasks take turns in: the batch and the run's open articles with higher ids
    (`_open_later`) are judged together in id order, each against the ones before it and against
    everything else cleaned (two lookups for all of them: exact keys, then LSH band candidates). An
    open article that now repeats an earlier one gets a new verdict (the second dict); articles of
    earlier runs and validated or loaded ones keep theirs. Without `run_id`, only the batch is judged.
    Call inside the DEDUP_LOCK.
    """
    before = _open_later(conn, [c.article_id for c in batch], run_id) if run_id and batch else []
    members = sorted(batch + [c for c, _ in before], key=lambda c: c.article_id)
    ids = [c.article_id for c in members]
    # exact copies: the smallest root per article and test (columns are fixed names)
    exact: dict[tuple[int, str], int] = {}
    for column, attr in _EXACT:
        keyed = [(c.article_id, getattr(c, attr)) for c in members if getattr(c, attr)]
        if not keyed:
            continue
        exact.update(((article_id, column), root) for article_id, root in conn.execute(
            f"SELECT t.article_id, min(coalesce(a.duplicate_of, a.article_id))"
            f" FROM unnest(%s::bigint[], %s::text[]) AS t(article_id, value)"
            f" JOIN eventwire.articles a ON a.{column} = t.value"
            f" WHERE a.article_id <> ALL(%s) AND {_CLEANED}"
            f" AND coalesce(a.duplicate_of, a.article_id) <> t.article_id GROUP BY t.article_id",
            ([k for k, _ in keyed], [v for _, v in keyed], ids)))
    bands = {c.article_id: band_keys(c.signature) for c in members if c.signature}
    near: dict[int, list[tuple[int, list[int]]]] = {}
    probes = [(article_id, key) for article_id, keys in bands.items() for key in keys]
    if probes:
        for probe, root, other in conn.execute(
            """
            SELECT b.probe, coalesce(a.duplicate_of, a.article_id), a.minhash
            FROM (SELECT t.probe, ab.article_id,
                         row_number() OVER (PARTITION BY t.probe ORDER BY count(*) DESC, ab.article_id) AS rank
                  FROM unnest(%s::bigint[], %s::bigint[]) AS t(probe, band)
                  JOIN eventwire.article_bands ab ON ab.band = t.band
                  WHERE ab.article_id <> ALL(%s) GROUP BY t.probe, ab.article_id) b
            JOIN eventwire.articles a USING (article_id)
            WHERE b.rank <= %s AND a.minhash IS NOT NULL
            """,
            ([p for p, _ in probes], [k for _, k in probes], ids, MAX_CANDIDATES)):
            near.setdefault(probe, []).append((root, other))

    verdicts: dict[int, Duplicate | None] = {}
    roots: dict[int, int] = {}  # an earlier member -> the original it counts as
    first_root: dict[tuple[str, str], int] = {}  # (test, value) -> the smallest root of earlier members with it
    bucket: dict[int, list[Cleaned]] = {}  # band key -> earlier members with it
    for c in members:
        verdict = _judge(c, exact, first_root, near.get(c.article_id, []),
                         [(roots[e.article_id], e.signature) for e in _sharing(c, bands, bucket)])
        verdicts[c.article_id] = verdict
        roots[c.article_id] = verdict.original_id if verdict else c.article_id
        for column, attr in _EXACT:
            if getattr(c, attr):
                key = (column, getattr(c, attr))
                first_root[key] = min(first_root.get(key, roots[c.article_id]), roots[c.article_id])
        for key in bands.get(c.article_id, ()):
            bucket.setdefault(key, []).append(c)
    # an open article only ever gains earlier copies: it is revised when it now has an (other) original
    revised = {c.article_id: verdicts[c.article_id] for c, old in before
               if verdicts[c.article_id] and verdicts[c.article_id] != old}
    return {c.article_id: verdicts[c.article_id] for c in batch}, revised


def _sharing(c: Cleaned, bands: dict[int, list[int]], bucket: dict[int, list[Cleaned]]) -> list[Cleaned]:
    """The earlier members that share an LSH band with `c` (each once, in id order)."""
    seen: dict[int, Cleaned] = {}
    for key in bands.get(c.article_id, ()):
        for e in bucket.get(key, ()):
            seen.setdefault(e.article_id, e)
    return [seen[k] for k in sorted(seen)]


def _judge(c: Cleaned, exact: dict[tuple[int, str], int], first_root: dict[tuple[str, str], int],
           stored: list[tuple[int, list[int]]], earlier: list[tuple[int, list[int]]]) -> Duplicate | None:
    """One article's verdict: an exact copy of the smallest root with its canonical URL, else with its
    content hash; else the smallest root among the near copies (`stored` and `earlier` members:
    (root, signature)), the closest one's similarity on a tie."""
    for column, attr in _EXACT:
        value = getattr(c, attr)
        if not value:
            continue
        found = [root for root in (first_root.get((column, value)), exact.get((c.article_id, column)))
                 if root is not None and root != c.article_id]
        if found:
            return Duplicate(min(found), column)
    verdict = None
    if c.signature:
        for root, other in stored + earlier:
            if root == c.article_id:
                continue
            score = round(similarity(c.signature, other), 3)
            if score >= NEAR_DUP_THRESHOLD and (verdict is None or (root, -score) < (verdict.original_id,
                                                                                       -verdict.similarity)):
                verdict = Duplicate(root, "near_duplicate", score)
    return verdict


def check_and_index_batch(conn: psycopg.Connection, batch: list[Cleaned], run_id: str | None = None
                          ) -> dict[int, Duplicate | None]:
    """The original each article repeats (or None), and their signatures indexed for those after them.

    With `run_id`, the run's articles cleaned by other tasks that this batch makes repeats (they have
    a higher id, were cleaned first, and are not validated yet) become duplicates here too: their
    waiting candidates go, copies of them point at their original; their verdicts are returned with
    the batch's. Call inside the transaction that also sets the batch's status, so the verdicts and
    the index become visible together; the advisory lock makes concurrent clean tasks take turns.
    """
    conn.execute("SELECT pg_advisory_xact_lock(%s)", (DEDUP_LOCK,))
    verdicts, revised = find_originals(conn, batch, run_id)
    store_signatures(conn, batch)
    if revised:
        _revise(conn, revised)
    return {**verdicts, **revised}


def _revise(conn: psycopg.Connection, revised: dict[int, Duplicate]) -> None:
    """Make these articles duplicates of their (new) originals: status and verdict, no candidates
    waiting, and anything that repeated one of them now repeats its original."""
    ids = list(revised)
    conn.execute(
        "UPDATE eventwire.articles a SET status = 'duplicate', duplicate_of = t.original, duplicate_kind = t.kind,"
        " duplicate_similarity = t.similarity, updated_at = now()"
        " FROM unnest(%s::bigint[], %s::bigint[], %s::text[], %s::real[]) AS t(article_id, original, kind, similarity)"
        " WHERE a.article_id = t.article_id",
        (ids, [d.original_id for d in revised.values()], [d.kind for d in revised.values()],
         [d.similarity for d in revised.values()]))
    conn.execute("DELETE FROM eventwire.event_candidates WHERE article_id = ANY(%s)"
                 " AND status IN ('pending', 'valid', 'rejected')", (ids,))
    conn.execute(
        "UPDATE eventwire.articles a SET duplicate_of = t.original, updated_at = now()"
        " FROM unnest(%s::bigint[], %s::bigint[]) AS t(article_id, original) WHERE a.duplicate_of = t.article_id",
        (ids, [d.original_id for d in revised.values()]))


def check_and_index(conn: psycopg.Connection, article_id: int, canonical: str | None,
                    content_hash: str | None, signature: list[int] | None) -> Duplicate | None:
    """check_and_index_batch for one article."""
    return check_and_index_batch(conn, [Cleaned(article_id, canonical, content_hash, signature)])[article_id]


def store_signatures(conn: psycopg.Connection, batch: list[Cleaned]) -> None:
    """Index the articles' signatures so later articles find them (replacing any earlier bands):
    three statements whatever the batch's size."""
    ids = [c.article_id for c in batch]
    conn.execute(
        "UPDATE eventwire.articles a SET minhash = t.minhash::integer[]"
        " FROM unnest(%s::bigint[], %s::text[]) AS t(article_id, minhash) WHERE a.article_id = t.article_id",
        (ids, ["{" + ",".join(map(str, c.signature)) + "}" if c.signature else None for c in batch]))
    conn.execute("DELETE FROM eventwire.article_bands WHERE article_id = ANY(%s)", (ids,))
    rows = [(key, c.article_id) for c in batch if c.signature for key in band_keys(c.signature)]
    if rows:
        conn.execute("INSERT INTO eventwire.article_bands (band, article_id)"
                     " SELECT * FROM unnest(%s::bigint[], %s::bigint[]) ON CONFLICT DO NOTHING",
                     ([k for k, _ in rows], [a for _, a in rows]))
