"""Loading validated rows into PostgreSQL: COPY into a staging table, then one set-based upsert.

One transaction per batch, so a crash mid-batch leaves the tables as they were; keys are
natural (event_key, (event_id, article_id), (kind, row_key)), so loading a batch twice changes nothing.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import json
import operator
import re
import unicodedata
from dataclasses import dataclass

import psycopg

# The flat event row, in COPY order (docs/architecture.md).
STAGE_COLUMNS: list[tuple[str, str]] = [
    ("candidate_id", "bigint"), ("article_id", "bigint"), ("event_key", 'text COLLATE "C"'),
    ("own_key", 'text COLLATE "C"'), ("place_key", 'text COLLATE "C"'),
    ("event_type", "text"), ("sub_event_type", "text"), ("event_date", "date"),
    ("date_precision", "smallint"), ("actor1_name", "text"), ("actor1_inter", "smallint"),
    ("assoc_actor1", "text[]"), ("actor2_name", "text"), ("actor2_inter", "smallint"),
    ("assoc_actor2", "text[]"), ("interaction", "smallint"), ("location_name", "text"),
    ("admin1", "text"), ("admin2", "text"), ("country", "text"), ("country_code", "text"), ("latitude", "float8"),
    ("longitude", "float8"), ("geonameid", "bigint"), ("geo_precision", "smallint"),
    ("fatalities_low", "integer"), ("fatalities_best", "integer"), ("fatalities_high", "integer"),
    ("evidence_sentence", "text"), ("evidence_start", "integer"), ("evidence_end", "integer"),
    ("confidence", "real"), ("extractor_version", "text"),
]
EVENT_COLUMNS = [c for c, _ in STAGE_COLUMNS if c not in
                 ("candidate_id", "article_id", "own_key", "evidence_sentence", "evidence_start", "evidence_end")]

MERGE_RADIUS_KM = 3.0
MAX_WINDOW_DAYS = 31
BANDS_PER_DEG = 5  # events_merge_idx's latitude bands: floor(latitude * 5), 0.2 degrees wide (> 2 * BOX_DEG)
BOX_DEG = 0.05  # a coordinate box safely wider than MERGE_RADIUS_KM (0.05° ≥ 3.4 km of longitude up to 47° N/S)
# How far apart two reports of one event may date it, by the coarser of their date precisions.
DATE_WINDOW_SQL = "CASE greatest({a}.date_precision, {b}.date_precision) WHEN 1 THEN 1 WHEN 2 THEN 7 ELSE 31 END"
KM_SQL = ("6371 * 2 * asin(sqrt(power(sin(radians({b}.latitude - {a}.latitude) / 2), 2)"
          " + cos(radians({a}.latitude)) * cos(radians({b}.latitude))"
          " * power(sin(radians({b}.longitude - {a}.longitude) / 2), 2)))")


def _same_event_sql(a: str, b: str, by: str) -> str:
    """SQL condition: rows `a` and `b` report the same real-world event (cross-article dedup).

    Same sub-type; dates within the window their precisions allow; compatible actors (same inter
    codes, either order, an unknown side matches); and, `by` "name", the same normalised place name,
    or, `by` "distance", both placed finer than a region and within MERGE_RADIUS_KM. The two place
    tests are separate lookups so each can use its own index (an OR of them uses neither).
    """
    window = DATE_WINDOW_SQL.format(a=a, b=b)
    if by == "name":
        place = f"{a}.place_key = {b}.place_key"
    else:
        # the band test is implied by the box (float rounding is monotonic; the box spans at most two
        # 0.2-degree bands): it is there for the index (migration 018), it excludes nothing
        place = f"""floor({a}.latitude * {BANDS_PER_DEG}) = ANY (ARRAY[floor(({b}.latitude - {BOX_DEG}) * {BANDS_PER_DEG}),
                                                                floor(({b}.latitude + {BOX_DEG}) * {BANDS_PER_DEG})])
            AND {a}.latitude BETWEEN {b}.latitude - {BOX_DEG} AND {b}.latitude + {BOX_DEG}
            AND {a}.longitude BETWEEN {b}.longitude - {BOX_DEG} AND {b}.longitude + {BOX_DEG}
            AND {a}.geo_precision < 3 AND {b}.geo_precision < 3
            AND {KM_SQL.format(a=a, b=b)} <= {MERGE_RADIUS_KM}"""
    return f"""
        {a}.sub_event_type = {b}.sub_event_type
        AND {a}.event_date BETWEEN {b}.event_date - {MAX_WINDOW_DAYS} AND {b}.event_date + {MAX_WINDOW_DAYS}
        AND abs({a}.event_date - {b}.event_date) <= {window}
        AND {place}
        AND (({a}.actor1_inter IS NOT DISTINCT FROM {b}.actor1_inter
              AND ({a}.actor2_inter IS NULL OR {b}.actor2_inter IS NULL OR {a}.actor2_inter = {b}.actor2_inter))
             OR ({a}.actor1_inter = {b}.actor2_inter AND {a}.actor2_inter = {b}.actor1_inter))
    """


@dataclass
class LoadStats:
    rows_in: int = 0
    events_inserted: int = 0
    events_updated: int = 0
    mentions_inserted: int = 0
    quarantined: int = 0


@functools.lru_cache(maxsize=65536)  # a batch names the same few places over and over
def _place_key(name: str | None) -> str:
    s = unicodedata.normalize("NFKD", name or "")
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"^(al|el|ar|as|ash|at|ad|an|az)[\s\-']+", "", s.strip())
    return re.sub(r"[^a-z0-9]", "", s)


def event_key(row: dict) -> str:
    """Identity of a real-world event: sub-type, place, day and the sides' actor types.

    The place is its GeoNames id when known, else its normalised name, so "al-Zabadani" and
    "Zabadani" reported by two outlets on the same day are one event; state forces fighting rebels
    and rebels shelling civilians at the same place and day are two.
    """
    place = f"g{row['geonameid']}" if row.get("geonameid") else "n" + _place_key(row.get("location_name"))
    sides = "-".join(str(i) for i in sorted(i for i in (row.get("actor1_inter"), row.get("actor2_inter")) if i))
    raw = f"{row['sub_event_type']}|{place}|{row['event_date']}|{sides}"
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:20]


# What the merge and the counts look up in each table; only these columns' statistics are refreshed
# here (autovacuum still analyzes the whole table later: a partial ANALYZE does not reset its counter).
_LOOKUP_COLUMNS = {
    "eventwire.events": "event_key, place_key, sub_event_type, event_date, latitude, longitude, geo_precision,"
                        " deleted_at",
    "eventwire.event_mentions": "event_id, article_id",
}
GROWN_FACTOR, GROWN_MIN_PAGES = 2, 64  # re-analyze when a table has doubled (and holds 64+ pages) since


def _analyze_if_grown(conn: psycopg.Connection) -> None:
    """Refresh the lookup columns' statistics of a table that has doubled since it was last analyzed.

    Autovacuum looks at a table once a minute at best; a backfill doubles a young table in seconds.
    Planned on the empty table's statistics, the lookup by distance scanned the whole place-name
    index once per staged row (0.2 ms each, 1 s for a 5,000-row batch on 5,000 events) and the
    counts' hash of stored mentions spilled to disk. The check reads the file size against
    pg_class.relpages (which ANALYZE sets): a few analyses while a table grows from empty, each
    ~0.1 s CPU at 100k events, then none until it doubles again.
    """
    grown = conn.execute(
        "SELECT t FROM unnest(%s::text[]) t JOIN pg_class c ON c.oid = t::regclass"
        " WHERE pg_relation_size(c.oid) / current_setting('block_size')::int > %s * c.relpages + %s",
        (list(_LOOKUP_COLUMNS), GROWN_FACTOR, GROWN_MIN_PAGES)).fetchall()
    for (table,) in grown:
        conn.execute(f"ANALYZE {table} ({_LOOKUP_COLUMNS[table]})")


MERGE_LOCK = 4242004  # pg_advisory_xact_lock key: one batch at a time merges and inserts events


def load_events(conn: psycopg.Connection, run_id: str, rows: list[dict]) -> LoadStats:
    """Upsert flat event rows and their mentions; the caller owns the transaction."""
    stats = LoadStats(rows_in=len(rows))
    if not rows:
        return stats
    cols = ", ".join(f"{c} {t}" for c, t in STAGE_COLUMNS)
    # event_id: the stored event each row resolves to, once known (set by the lookups below, so the
    # events table is searched by key once per batch, not once per statement)
    conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS stage_events ({cols}, event_id bigint) ON COMMIT DELETE ROWS")
    conn.execute("TRUNCATE stage_events")
    names = [c for c, _ in STAGE_COLUMNS]
    with conn.cursor().copy(f"COPY stage_events ({', '.join(names)}) FROM STDIN") as copy:
        for row in rows:
            key = event_key(row)
            # capped: an index entry cannot hold an arbitrarily long name (validation refuses those first)
            full = dict(row, event_key=key, own_key=key, place_key=_place_key(row.get("location_name"))[:200])
            copy.write_row([full.get(c) if c not in ("assoc_actor1", "assoc_actor2")
                            else list(full.get(c) or []) for c in names])

    conn.execute("CREATE INDEX IF NOT EXISTS stage_events_merge_idx"
                 " ON stage_events (sub_event_type, event_date, latitude, longitude)")
    conn.execute("CREATE INDEX IF NOT EXISTS stage_events_place_idx ON stage_events (sub_event_type, place_key, event_date)")
    conn.execute("ANALYZE stage_events (candidate_id, article_id, event_key, place_key, sub_event_type, event_date,"
                 " latitude, longitude, event_id)")  # the columns the merge joins on
    # Loads take turns from here to their commit: two batches loading at once would each miss the
    # other's uncommitted events and insert the same real event twice under different keys.
    conn.execute("SELECT pg_advisory_xact_lock(%s)", (MERGE_LOCK,))
    _analyze_if_grown(conn)
    _merge_with_known_events(conn)
    # Several mentions of one event in a batch: the row that made the event gives its values; the
    # counts are computed here, from the event's mentions so far and the ones this batch adds. The
    # same statement writes the mentions: each staged row's event is the one the merge resolved it
    # to, or the one the insert just made for its key (RETURNING; no second lookup by key).
    inserted, written, stats.mentions_inserted = conn.execute(_INSERT_EVENTS, (run_id,)).fetchone()
    stats.events_inserted, stats.events_updated = inserted, written - inserted
    return stats


# What refresh_counts computes, as columns of the insert: mentions, articles, sources, and fatalities
# by ACLED's conservative rule (see refresh_counts), over the event's stored mentions plus the
# batch's new ones (the row of each article that the mention insert below keeps).
_COUNTED = {"num_mentions": "c.n", "num_articles": "c.articles", "num_sources": "c.sources",
            "fatalities_low": "c.low", "fatalities_best": "c.best", "fatalities_high": "c.high"}
_PLAIN = [c for c in EVENT_COLUMNS if c not in _COUNTED]
_INSERT_EVENTS = f"""
    WITH picked AS (
        SELECT DISTINCT ON (event_key, article_id) event_key, article_id, fatalities_best, confidence
        FROM stage_events ORDER BY event_key, article_id, confidence DESC NULLS LAST, candidate_id
    ), known AS MATERIALIZED (  -- the batch's events that exist already (resolved by the merge step)
        SELECT DISTINCT event_key, event_id FROM stage_events WHERE event_id IS NOT NULL
    ), stored AS MATERIALIZED (  -- their mentions so far (LATERAL, OFFSET 0: by index, event by event)
        SELECT k.event_key, m.article_id, m.fatalities_best
        FROM known k CROSS JOIN LATERAL (
            SELECT article_id, fatalities_best FROM eventwire.event_mentions WHERE event_id = k.event_id OFFSET 0) m
    ), reports AS (
        SELECT p.event_key, p.article_id, p.fatalities_best, p.confidence FROM picked p
        WHERE NOT EXISTS (SELECT 1 FROM stored x WHERE x.event_key = p.event_key AND x.article_id = p.article_id)
        UNION ALL
        SELECT event_key, article_id, fatalities_best, NULL FROM stored
    ), c AS (
        SELECT r.event_key, count(*) AS n, count(DISTINCT r.article_id) AS articles,
               count(DISTINCT coalesce(a.source, a.feed_id::text, a.url)) AS sources,
               min(r.fatalities_best) AS low, max(r.fatalities_best) AS high,
               (array_agg(r.fatalities_best ORDER BY coalesce(a.published, a.feed_published, a.created_at::date) DESC,
                          r.fatalities_best) FILTER (WHERE r.fatalities_best IS NOT NULL))[1] AS best,
               max(r.confidence) AS confidence  -- the batch's best report (the insert keeps the greater)
        FROM reports r JOIN eventwire.articles a USING (article_id) GROUP BY r.event_key
    ), written AS (
    INSERT INTO eventwire.events ({", ".join(_PLAIN + list(_COUNTED))})
    SELECT {", ".join(_PLAIN + list(_COUNTED))} FROM (
        SELECT DISTINCT ON (s.event_key) s.article_id, {", ".join(
            [f"s.{c}" if c != "confidence" else "c.confidence" for c in _PLAIN]
            + [f"{v} AS {k}" for k, v in _COUNTED.items()])}
        FROM stage_events s JOIN c USING (event_key)
        -- a new event's values are those of the row that made it (the first article's most confident),
        -- as if the articles were loaded one at a time; its confidence is the best of its reports
        ORDER BY s.event_key, s.article_id, s.confidence DESC NULLS LAST, s.candidate_id
    ) d
    -- ids in the order one-at-a-time loading would give them: the merge breaks ties by event_id
    ORDER BY d.article_id, d.event_key
    ON CONFLICT (event_key) DO UPDATE SET
        confidence = GREATEST(eventwire.events.confidence, EXCLUDED.confidence), deleted_at = NULL,
        {", ".join(f"{c} = EXCLUDED.{c}" for c in _COUNTED)}, updated_at = now()
    -- a re-load that changes nothing writes nothing (and keeps the event's updated_at)
    WHERE (eventwire.events.confidence, eventwire.events.deleted_at, {", ".join(f"eventwire.events.{c}" for c in _COUNTED)})
          IS DISTINCT FROM (GREATEST(eventwire.events.confidence, EXCLUDED.confidence), NULL,
                            {", ".join(f"EXCLUDED.{c}" for c in _COUNTED)})
    RETURNING event_id, event_key, (xmax = 0) AS inserted
    ), resolved AS MATERIALIZED (  -- each staged row's event: known before, or just inserted
        SELECT s.candidate_id, s.article_id, s.event_key, s.own_key, s.evidence_sentence, s.evidence_start,
               s.evidence_end, s.confidence, s.fatalities_best, coalesce(s.event_id, w.event_id) AS event_id
        FROM stage_events s LEFT JOIN written w ON s.event_id IS NULL AND w.event_key = s.event_key
    ), mentions AS (  -- the article's most confident row of the event
        INSERT INTO eventwire.event_mentions
            (event_id, article_id, sentence, start_offset, end_offset, confidence, fatalities_best, run_id,
             source_key)
        SELECT DISTINCT ON (event_id, article_id)
               event_id, article_id, evidence_sentence, evidence_start, evidence_end,
               confidence, fatalities_best, %s, own_key
        FROM resolved
        ORDER BY event_id, article_id, confidence DESC NULLS LAST, candidate_id
        ON CONFLICT (event_id, article_id) DO NOTHING
        RETURNING 1
    ), sources AS (  -- for a row merged into an event of another key, which event its own key went to
        INSERT INTO eventwire.mention_sources (article_id, source_key, event_id)
        SELECT DISTINCT article_id, own_key, event_id FROM resolved r
        -- a row whose own key is its event's finds it by that key: only merged rows need remembering
        WHERE r.own_key <> r.event_key OR EXISTS (
            SELECT 1 FROM eventwire.mention_sources x WHERE x.article_id = r.article_id AND x.source_key = r.own_key)
        ON CONFLICT (article_id, source_key) DO UPDATE SET event_id = EXCLUDED.event_id
        WHERE eventwire.mention_sources.event_id IS DISTINCT FROM EXCLUDED.event_id
    )
    SELECT (SELECT count(*) FILTER (WHERE inserted) FROM written), (SELECT count(*) FROM written),
           (SELECT count(*) FROM mentions)
"""


def _merge_with_known_events(conn: psycopg.Connection) -> None:
    """Point staged rows at the event they report when it is already known under another key.

    First the rows loaded before (eventwire.mention_sources remembers where each merged row's own
    key went; an unmerged row's own key is its event's: a reload changes nothing), then events by
    key. The rows left (a new key) are resolved as if their articles were loaded one at a time in
    id order, so the events do not depend on how the articles were batched (the same 804 articles
    loaded in batches of 50 and in one Airflow load gave 1,907 and 1,915 events): see
    _resolve_in_article_order.
    """
    conn.execute(
        """
        UPDATE stage_events s SET event_key = e.event_key, event_id = e.event_id
        FROM eventwire.mention_sources ms JOIN eventwire.events e USING (event_id)
        WHERE ms.article_id = s.article_id AND ms.source_key = s.own_key AND e.deleted_at IS NULL
          AND s.event_key <> e.event_key
        """
    )
    # every other row whose key is an event already (deleted or not: the insert revives it); by the
    # key index, key by key (LATERAL, OFFSET 0): a hash join would read the whole table each batch
    conn.execute(
        """
        UPDATE stage_events s SET event_id = k.event_id
        FROM (SELECT DISTINCT event_key FROM stage_events WHERE event_id IS NULL) q
        CROSS JOIN LATERAL (SELECT e.event_id FROM eventwire.events e WHERE e.event_key = q.event_key OFFSET 0) k
        WHERE s.event_key = q.event_key AND s.event_id IS NULL
        """
    )
    _resolve_in_article_order(conn)


def _known_sql(by: str, order: str, unless: str = "false") -> str:
    """The closest live stored event `s2` reports (never one its article already supports), unless `unless`."""
    return f"""LEFT JOIN LATERAL (
        SELECT e.event_key, e.event_id, {order} AS d FROM eventwire.events e
        WHERE NOT ({unless}) AND e.deleted_at IS NULL AND {_same_event_sql("e", "s2", by)}
          AND NOT EXISTS (SELECT 1 FROM eventwire.event_mentions em
                          WHERE em.event_id = e.event_id AND em.article_id = s2.article_id)
        ORDER BY 3, e.event_id LIMIT 1) k_{by} ON true"""


def _staged_pairs_sql(by: str, kind: int, order: str) -> str:
    """Pairs of new-key rows (s2, an earlier article's s1) that report the same event by `by`."""
    return f"""SELECT s2.candidate_id, {kind}, ({order})::float8, s1.candidate_id
        FROM stage_events s2 JOIN stage_events s1
          ON s1.article_id < s2.article_id AND s1.event_id IS NULL AND {_same_event_sql("s1", "s2", by)}
        WHERE s2.event_id IS NULL"""


def _resolve_in_article_order(conn: psycopg.Connection) -> None:
    """Give each new-key row the event it would join if its article were loaded after the earlier ones.

    Loaded one article at a time, a row joins the event of its own key when an earlier article made
    it, else the closest live event of the same place name (nearest date), else the closest by
    distance, the earliest event on ties; an event made in the batch counts with the values of the
    row that made it (its article's most confident row of that key), as it would be stored. Whether
    a row makes an event depends on the rows before it, so the chain is followed here, in article
    order, over two set-based lookups: the best stored event of each row by name and by distance,
    and every pair of staged rows of different articles that report the same event (few: same
    sub-type, place and days). One UPDATE writes the result.
    """
    pairs: dict[int, list[tuple[int, float, int]]] = {}
    involved: set[int] = set()
    for cid, kind, d, earlier in conn.execute(
            _staged_pairs_sql("name", 0, "abs(s1.event_date - s2.event_date)")
            + " UNION ALL " + _staged_pairs_sql("distance", 1, KM_SQL.format(a="s1", b="s2"))):
        pairs.setdefault(cid, []).append((kind, d, earlier))
        involved.update((cid, earlier))
    # only the rows that may join an event or be joined come back: one that reports nothing known,
    # pairs with no row and shares its key with no row makes its own key's event, which is its key
    km = KM_SQL.format(a="e", b="s2")
    rows = conn.execute(
        f"""
        WITH fresh AS MATERIALIZED (
            SELECT candidate_id, article_id, event_key, place_key, sub_event_type, event_date, date_precision,
                   latitude, longitude, geo_precision, actor1_inter, actor2_inter, confidence
            FROM stage_events WHERE event_id IS NULL
        ), shared AS MATERIALIZED (
            SELECT event_key FROM fresh GROUP BY event_key HAVING count(*) > 1
        )
        SELECT s2.candidate_id, s2.article_id, s2.event_key, s2.confidence,
               k_name.event_key, k_name.event_id, k_name.d, k_distance.event_key, k_distance.event_id, k_distance.d
        FROM fresh s2 {_known_sql("name", "abs(e.event_date - s2.event_date)")}
        {_known_sql("distance", km, "k_name.event_key IS NOT NULL")}
        WHERE k_name.event_key IS NOT NULL OR k_distance.event_key IS NOT NULL OR s2.candidate_id = ANY(%s)
           OR s2.event_key IN (SELECT event_key FROM shared)
        ORDER BY s2.article_id, s2.candidate_id
        """, (list(involved),)
    ).fetchall()
    made: dict[str, tuple[int, int]] = {}  # key of an event made in the batch -> (article, its row)
    made_by: dict[int, str] = {}  # that row -> the key
    moved: list[tuple[int, str, int | None]] = []
    for article, of_article in itertools.groupby(rows, key=operator.itemgetter(1)):  # rows are in article order
        makers: dict[str, tuple] = {}
        for cid, _, key, confidence, n_key, n_id, n_d, d_key, d_id, d_d in of_article:
            if key in made:
                continue  # its key's event was made by an earlier article
            best = {}  # kind -> ((distance, rank), key, stored event id)
            for kind, known in ((0, (n_key, n_id, n_d)), (1, (d_key, d_id, d_d))):
                if known[0] is not None:
                    best[kind] = ((float(known[2]), (0, known[1], "")), known[0], known[1])
            for kind, d, earlier in pairs.get(cid, ()):
                if earlier in made_by:
                    other = made_by[earlier]
                    option = ((d, (1, made[other][0], other)), other, None)
                    if kind not in best or option[0] < best[kind][0]:
                        best[kind] = option
            found = best.get(0) or best.get(1)
            if found:
                if found[1] != key or found[2] is not None:
                    moved.append((cid, found[1], found[2]))
            else:  # it makes its key's event; the article's most confident row of the key gives its values
                rank = (-(confidence if confidence is not None else float("-inf")), cid)
                if key not in makers or rank < makers[key][0]:
                    makers[key] = (rank, cid)
        for key, (_, cid) in makers.items():
            made[key] = (article, cid)
            made_by[cid] = key
    if moved:
        conn.execute(
            "UPDATE stage_events s SET event_key = m.event_key, event_id = m.event_id"
            " FROM unnest(%s::bigint[], %s::text[], %s::bigint[]) AS m(candidate_id, event_key, event_id)"
            " WHERE s.candidate_id = m.candidate_id", [list(c) for c in zip(*moved)])


ALIGN_MIN_SIMILARITY = 0.5


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def align_sentence(sentence: str, candidates: list[tuple[int, int, str]]) -> tuple[int, int, str] | None:
    """The candidate (start, end, text) most like `sentence` by word overlap (Jaccard), if close enough."""
    target = _words(sentence)
    best, best_score = None, ALIGN_MIN_SIMILARITY
    for cand in candidates:
        words = _words(cand[2])
        union = target | words
        score = len(target & words) / len(union) if union else 0.0
        if score > best_score or (score == best_score and best is None and score > 0):
            best, best_score = cand, score
    return best


def attach_duplicates(conn: psycopg.Connection, run_id: str | None, *, duplicate_ids: list[int] | None = None,
                      original_ids: list[int] | None = None) -> int:
    """A republished copy of a story is one more report of the original's events (one more source).

    Each of the original's evidence sentences is aligned to the copy's most similar sentence (copy
    editors change a verb or a title, rarely the facts); the mention carries the copy's own sentence
    and offsets. A sentence the copy dropped or rewrote beyond recognition adds nothing.
    """
    from pipeline.extract.sentences import split_sentences

    copies = conn.execute(
        """
        SELECT d.article_id, d.text, m.event_id, m.sentence, m.confidence, m.fatalities_best
        FROM eventwire.articles d JOIN eventwire.event_mentions m ON m.article_id = d.duplicate_of
        WHERE d.status = 'duplicate' AND d.text IS NOT NULL
          AND (%(dups)s::bigint[] IS NULL OR d.article_id = ANY(%(dups)s))
          AND (%(origs)s::bigint[] IS NULL OR d.duplicate_of = ANY(%(origs)s))
          AND NOT EXISTS (SELECT 1 FROM eventwire.event_mentions x WHERE x.event_id = m.event_id AND x.article_id = d.article_id)
        ORDER BY d.article_id, m.event_id
        """,
        {"dups": duplicate_ids, "origs": original_ids},
    ).fetchall()
    sentences: dict[int, list[tuple[int, int, str]]] = {}
    rows = []
    for article_id, text, event_id, sentence, confidence, fatalities in copies:
        if article_id not in sentences:
            sentences[article_id] = [(sp.start, sp.end, text[sp.start:sp.end]) for sp in split_sentences(text)]
        match = align_sentence(sentence, sentences[article_id])
        if match:
            rows.append((event_id, article_id, match[2], match[0], match[1], confidence, fatalities, run_id))
    if rows:
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (MERGE_LOCK,))  # a load computes counts from mentions
        conn.execute(
            "INSERT INTO eventwire.event_mentions (event_id, article_id, sentence, start_offset, end_offset,"
            " confidence, fatalities_best, run_id) SELECT *, %s FROM unnest(%s::bigint[], %s::bigint[], %s::text[],"
            " %s::integer[], %s::integer[], %s::real[], %s::integer[])"
            " ON CONFLICT (event_id, article_id) DO NOTHING", (run_id, *map(list, zip(*[r[:7] for r in rows]))))
        refresh_counts(conn, sorted({r[0] for r in rows}))
    return len(rows)


def refresh_counts(conn: psycopg.Connection, event_ids: list[int]) -> None:
    """Recompute mention counts and the fatality reading of these events from their mentions.

    Fatalities follow ACLED's conservative rule with updates: among the reports published on the
    latest day that gave a count, the lowest is `best` (a later toll supersedes an earlier one);
    `low`/`high` span every report, and each report's own figure stays on its mention (the history).
    """
    if not event_ids:
        return
    conn.execute(
        """
        UPDATE eventwire.events e SET
            num_mentions = coalesce(m.n, 0), num_articles = coalesce(m.articles, 0),
            num_sources = coalesce(m.sources, 0), fatalities_best = m.best, fatalities_low = m.low,
            fatalities_high = m.high, updated_at = now()
        FROM unnest(%s::bigint[]) AS ids(event_id)
        LEFT JOIN (
            SELECT m.event_id, count(*) AS n, count(DISTINCT m.article_id) AS articles,
                   count(DISTINCT coalesce(a.source, a.feed_id::text, a.url)) AS sources,
                   min(m.fatalities_best) AS low, max(m.fatalities_best) AS high,
                   (array_agg(m.fatalities_best ORDER BY coalesce(a.published, a.feed_published, a.created_at::date) DESC,
                              m.fatalities_best) FILTER (WHERE m.fatalities_best IS NOT NULL))[1] AS best
            FROM eventwire.event_mentions m JOIN eventwire.articles a USING (article_id)
            WHERE m.event_id = ANY(%s) GROUP BY m.event_id
        ) m USING (event_id)
        WHERE e.event_id = ids.event_id
        """,
        (event_ids, event_ids),
    )


def quarantine_rows(conn: psycopg.Connection, run_id: str, kind: str, items: list[dict]) -> int:
    """Hold back failing rows with their payload and reasons; `items`: row_key, article_id, payload, reasons."""
    if not items:
        return 0
    latest = {it["row_key"]: it for it in items}  # one statement cannot upsert one key twice: the last wins
    rows = list(latest.values())
    conn.execute(
        """
        INSERT INTO eventwire.quarantine (kind, row_key, article_id, run_id, payload, reasons)
        SELECT %s, t.row_key, t.article_id, %s, t.payload::jsonb, t.reasons::jsonb
        FROM unnest(%s::text[], %s::bigint[], %s::text[], %s::text[]) AS t(row_key, article_id, payload, reasons)
        ON CONFLICT (kind, row_key) DO UPDATE SET
            payload = EXCLUDED.payload, reasons = EXCLUDED.reasons, run_id = EXCLUDED.run_id,
            released_at = NULL
        """,
        (kind, run_id, [it["row_key"] for it in rows], [it.get("article_id") for it in rows],
         [json.dumps(it["payload"], default=str) for it in rows], [json.dumps(it["reasons"], default=str) for it in rows]),
    )
    return len(items)
