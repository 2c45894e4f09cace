"""Which copy of a story is the original must not depend on which clean task takes the dedup lock first.

An Airflow cycle cleans its batches in concurrent tasks (issue 12: Celery with two workers loaded other
events than LocalExecutor): the verdicts must be those of cleaning the run one article at a time in
id order, however the batches interleave, and an extract racing a revision must keep nothing.
"""

from __future__ import annotations

import gzip
import itertools
import re
import threading
from datetime import date, timedelta

import psycopg
import pytest

from pipeline import db, extract, steps
from pipeline.clean import dedup

pytestmark = pytest.mark.integration

DOUMA = ("Government warplanes struck the town of Douma on Tuesday, killing 14 civilians including four children, "
         "a local rescue group said. The strikes hit a crowded market street in the early afternoon and destroyed "
         "several shops and two residential buildings. Rescue workers were still searching the rubble for survivors "
         "late in the evening, and doctors at a field hospital said many of the wounded were in a critical condition. "
         "Residents said the town had been calm for several weeks before the raids resumed.")
IDLIB = ("Rebel fighters attacked an army checkpoint on the edge of Idlib city on Sunday, and at least nine soldiers "
         "were killed in the clashes that followed, a monitoring group said. The fighting lasted for several hours and "
         "spread to nearby farms before the rebels withdrew toward the hills to the west. Officials in Damascus did not "
         "comment on the losses. Traffic on the main road north of the city was halted until the next morning.")
HOMS = ("A car bomb exploded near a bus station in the city of Homs on Thursday, killing six people and wounding "
        "more than twenty others, state media reported. The blast shattered windows across the neighbourhood and set "
        "several vehicles on fire. Police sealed off the area while ambulances carried the wounded to the main "
        "hospital. No group immediately claimed responsibility for the attack, the third in the city this year.")
ALEPPO = ("Artillery shells fired by government forces landed on the eastern districts of Aleppo on Monday, killing "
          "five residents, medical workers said. The shelling came a day after rebels fired rockets at a western "
          "neighbourhood of the divided city. Families sheltered in basements through the night as the exchanges "
          "continued, and aid groups said the only route into the eastern districts was closed again.")
RAQQA = ("Coalition aircraft bombed buildings used by militants in the city of Raqqa on Wednesday, and eleven "
         "fighters were killed in the raids, a war monitor said. Residents reported loud explosions near the "
         "stadium and the old clock tower square shortly after midnight. Power and water were cut in much of the "
         "city after the strikes, and several families fled toward villages along the river to the east.")


def _edited(text: str, *swaps: tuple[str, str]) -> str:
    """A republished copy: an outlet's own dateline and a word or figure changed."""
    for old, new in swaps:
        assert old in text
        text = text.replace(old, new)
    return "BEIRUT - " + text


DOUMA_UPDATE = _edited(DOUMA, ("14 civilians", "16 civilians"), ("Residents said", "Locals said"))
# id order: 4 batches of 3, every copy in a later batch than its original (1-based positions)
TEXTS = [DOUMA, IDLIB, HOMS,
         DOUMA_UPDATE, IDLIB, ALEPPO,
         _edited(HOMS, ("six people", "seven people")), _edited(ALEPPO, ("five residents", "six residents")), RAQQA,
         DOUMA_UPDATE, _edited(RAQQA, ("eleven", "twelve")), _edited(IDLIB, ("nine soldiers", "ten soldiers"))]
# as cleaned one at a time in id order: position -> (position of its original, test)
EXPECTED = {4: (1, "near_duplicate"), 5: (2, "content_hash"), 7: (3, "near_duplicate"), 8: (6, "near_duplicate"),
            10: (1, "content_hash"), 11: (9, "near_duplicate"), 12: (2, "near_duplicate")}
RUN = "cycle"
_PAGES = itertools.count()


def _page(title: str, text: str) -> bytes:
    paragraphs = "".join(f"<p>{sentence}</p>" for sentence in re.split(r"(?<=\.) ", text))
    return gzip.compress(f"<!DOCTYPE html><html lang='en'><head><title>{title}</title></head><body><article>"
                         f"<h1>{title}</h1>{paragraphs}</article></body></html>".encode())


def _fetched(conn, texts: list[str], run_id: str = RUN) -> list[int]:
    """Fetched pages of this run (each with its own URL and day), as fetch_batch leaves them."""
    conn.execute("INSERT INTO eventwire.runs (run_id, runner) VALUES (%s, 'airflow') ON CONFLICT DO NOTHING", (run_id,))
    ids = []
    for n, text in enumerate(texts):
        url = f"http://127.0.0.1/news/{next(_PAGES)}.html"
        ids.append(conn.execute(
            "INSERT INTO eventwire.articles (url, status, http_status, raw_html_gz, final_url, canonical_url,"
            " feed_title, feed_published, first_run_id, last_run_id)"
            " VALUES (%s, 'fetched', 200, %s, %s, %s, %s, %s, %s, %s) RETURNING article_id",
            (url, _page(f"Report {n}", text), url, url, f"Report {n}", date(2016, 3, 1) + timedelta(days=n),
             run_id, run_id)).fetchone()[0])
    return ids


def _outcome(conn, ids: list[int]) -> dict:
    """What a cycle decided, by position (ids differ between databases only by an offset)."""
    pos = {article_id: n for n, article_id in enumerate(ids, 1)}
    return {
        "articles": {pos[a]: (status, pos.get(original), kind) for a, status, original, kind in conn.execute(
            "SELECT article_id, status, duplicate_of, duplicate_kind FROM eventwire.articles")},
        "candidates": sorted((pos[a], ordinal, status, payload) for a, ordinal, status, payload in conn.execute(
            "SELECT article_id, ordinal, status, payload::text FROM eventwire.event_candidates")),
        "mentions": sorted((key, pos[a], sentence) for key, a, sentence in conn.execute(
            "SELECT e.event_key, m.article_id, m.sentence FROM eventwire.event_mentions m JOIN eventwire.events e"
            " USING (event_id)")),
        "events": sorted(conn.execute("SELECT event_key, num_articles, fatalities_best FROM eventwire.events"
                                      " WHERE deleted_at IS NULL").fetchall()),
    }


def _cycle(url: str, order: str) -> dict:
    with psycopg.connect(url, autocommit=True) as conn:
        ids = _fetched(conn, TEXTS)
        batches = steps.batches(ids, 3)
        if order == "forward":
            for batch in batches:
                steps.extract_batch(conn, steps.clean_batch(conn, batch, RUN), RUN, 30)
        elif order == "reverse":  # each task cleans and extracts before the next starts
            for batch in batches[::-1]:
                steps.extract_batch(conn, steps.clean_batch(conn, batch, RUN), RUN, 30)
        else:  # every batch cleaned, in a shuffled order, before any is extracted
            for n in (2, 0, 3, 1):
                steps.clean_batch(conn, batches[n], RUN)
            for batch in batches:
                steps.extract_batch(conn, batch, RUN, 30)
        steps.load_batch(conn, steps.validate_batch(conn, ids, RUN), RUN)
        return _outcome(conn, ids)


def test_batches_cleaned_in_any_order_give_the_verdicts_of_id_order(pg_server_url, template_db):
    outcomes = {}
    for order in ("forward", "reverse", "shuffled"):
        with db.temp_database(pg_server_url, template_db, "ew_order") as (url, _):
            outcomes[order] = _cycle(url, order)

    forward = outcomes["forward"]
    assert {n: (original, kind) for n, (status, original, kind) in forward["articles"].items()
            if status == "duplicate"} == EXPECTED
    assert {n for n, (status, _, _) in forward["articles"].items() if status == "loaded"} == {1, 2, 3, 6, 9}
    assert forward["candidates"] and {n for n, *_ in forward["candidates"]} <= {1, 2, 3, 6, 9}
    # copies count as reports of their original's events
    assert {n for _, n, _ in forward["mentions"]} & set(EXPECTED)
    assert outcomes["reverse"] == forward
    assert outcomes["shuffled"] == forward


def test_an_article_made_a_duplicate_while_it_is_extracted_keeps_no_candidates(conn, db_url, monkeypatch):
    first, _, copy, unrelated = ids = _fetched(conn, [DOUMA, HOMS, DOUMA_UPDATE, RAQQA])
    assert steps.clean_batch(conn, ids[2:], RUN) == [copy, unrelated]  # the later batch's task cleans first
    real = extract.extract_events

    def extract_while_the_earlier_batch_is_cleaned(text, *args, **kwargs):
        if "16 civilians" in text:  # between this article's read and its write, the other task cleans
            with psycopg.connect(db_url, autocommit=True) as other:
                steps.clean_batch(other, ids[:2], RUN)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(extract, "extract_events", extract_while_the_earlier_batch_is_cleaned)
    done = steps.extract_batch(conn, [copy, unrelated], RUN, 30)

    assert done == [unrelated]
    status, original, kind = conn.execute("SELECT status, duplicate_of, duplicate_kind FROM eventwire.articles"
                                          " WHERE article_id = %s", (copy,)).fetchone()
    assert (status, original, kind) == ("duplicate", first, "near_duplicate")
    held = dict(conn.execute("SELECT article_id, count(*) FROM eventwire.event_candidates GROUP BY 1").fetchall())
    assert copy not in held and held.get(unrelated)


def test_a_revision_waits_for_an_extract_writing_and_then_removes_its_candidates(conn, db_url):
    first, _, copy, unrelated = ids = _fetched(conn, [DOUMA, HOMS, DOUMA_UPDATE, RAQQA])
    steps.clean_batch(conn, ids[2:], RUN)
    payloads = [{"article_id": copy, "payloads": ['{"event_type": "Battles"}']}]
    result: dict = {}

    def clean_the_earlier_batch():
        with psycopg.connect(db_url, autocommit=True) as other:
            result["cleaned"] = steps.clean_batch(other, ids[:2], RUN)

    cleaner = threading.Thread(target=clean_the_earlier_batch)
    with conn.transaction():  # the extract's write, not committed yet
        assert steps._store_candidates(conn, payloads, RUN) == {copy: 1}
        cleaner.start()
        cleaner.join(timeout=1.0)
        assert cleaner.is_alive(), "the clean task must wait for the extract's write to commit"
    cleaner.join(timeout=30)

    assert result["cleaned"] == ids[:2]
    assert conn.execute("SELECT status, duplicate_of FROM eventwire.articles WHERE article_id = %s",
                        (copy,)).fetchone() == ("duplicate", first)
    assert not conn.execute("SELECT count(*) FROM eventwire.event_candidates WHERE article_id = %s",
                            (copy,)).fetchone()[0]


@pytest.mark.parametrize("later_run, later_status", [("earlier", "extracted"), (RUN, "validated"), (RUN, "loaded")])
def test_an_original_of_an_earlier_run_or_past_extract_is_never_revised(conn, later_run, later_status):
    first, = _fetched(conn, [DOUMA])
    later, = _fetched(conn, [DOUMA_UPDATE], run_id=later_run)
    steps.extract_batch(conn, steps.clean_batch(conn, [later], later_run), later_run, 30)
    conn.execute("UPDATE eventwire.articles SET status = %s WHERE article_id = %s", (later_status, later))
    held = conn.execute("SELECT count(*) FROM eventwire.event_candidates WHERE article_id = %s", (later,)).fetchone()

    assert steps.clean_batch(conn, [first], RUN) == []

    assert conn.execute("SELECT status, duplicate_of FROM eventwire.articles WHERE article_id = %s",
                        (later,)).fetchone() == (later_status, None)
    assert conn.execute("SELECT status, duplicate_of FROM eventwire.articles WHERE article_id = %s",
                        (first,)).fetchone() == ("duplicate", later)
    assert conn.execute("SELECT count(*) FROM eventwire.event_candidates WHERE article_id = %s",
                        (later,)).fetchone() == held


def test_without_a_run_a_batch_is_judged_alone(conn):
    """check_and_index_batch called without a run (as a one-off check) revises nothing."""
    first, later = _fetched(conn, [DOUMA, DOUMA_UPDATE])
    steps.clean_batch(conn, [later], RUN)
    with conn.transaction():
        verdicts = dedup.check_and_index_batch(conn, [dedup.Cleaned(first, None, None, dedup.minhash(DOUMA))])
    assert verdicts == {first: dedup.Duplicate(later, "near_duplicate", verdicts[first].similarity)}
    assert conn.execute("SELECT status FROM eventwire.articles WHERE article_id = %s", (later,)).fetchone() == ("cleaned",)
