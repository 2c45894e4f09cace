"""An article whose extraction runs past its time budget is quarantined with the reason, and the
rest of its batch goes on to load (in = loaded + quarantined). A fake clock, not a slow article,
makes the budget run out, so nothing here depends on the machine's speed."""

from __future__ import annotations

import pytest

from pipeline import steps
from pipeline.extract import budget as budget_mod
from tests.fakeclock import FakeClock

pytestmark = pytest.mark.integration

# Written for this test.
SHORT = ("Government troops shelled the town of Kafranbel on Tuesday, killing four civilians. "
         "Residents said the shells hit a market in the morning. The army did not comment on the strike. "
         "Aid workers said they expected more people to leave the area in the coming days.")
LONG = " ".join(f"Police arrested {n} men in the town of Kafranbel on Tuesday." for n in range(2, 300))



def test_article_over_the_extract_budget_is_quarantined_with_the_reason(conn, monkeypatch):
    run_id = "budget-test"
    steps.start_run(conn, run_id)
    ids = [conn.execute(
        "INSERT INTO eventwire.articles (url, status, text, published, first_run_id, last_run_id)"
        " VALUES (%s, 'cleaned', %s, '2021-03-10', %s, %s) RETURNING article_id",
        (url, text, run_id, run_id)).fetchone()[0]
        for url, text in (("http://a.example/short", SHORT), ("http://a.example/long", LONG))]
    monkeypatch.setattr(budget_mod, "_clock", FakeClock(0.001))
    # 0.05 s of the fake clock: ~50 checks between sentences, plenty for SHORT, too few for LONG's 300 sentences
    extracted = steps.extract_batch(conn, ids, run_id, budget_seconds=0.05)
    assert extracted == [ids[0]]
    status = dict(conn.execute("SELECT article_id, status FROM eventwire.articles").fetchall())
    assert status == {ids[0]: "extracted", ids[1]: "quarantined"}
    kind, reasons, payload = conn.execute(
        "SELECT kind, reasons, payload FROM eventwire.quarantine WHERE article_id = %s", (ids[1],)).fetchone()
    assert kind == "article" and payload["text_length"] == len(LONG)
    assert reasons[0]["expectation"] == "extract_time_budget"
    assert "time budget of 0.05 s exceeded" in reasons[0]["detail"]
    assert conn.execute("SELECT count(*) FROM eventwire.event_candidates WHERE article_id = %s", (ids[1],)).fetchone()[0] == 0
    # the short article goes on through validate and load; the run accounts for both
    steps.load_batch(conn, steps.validate_batch(conn, extracted, run_id), run_id)
    summary = steps.finish_run(conn, run_id)
    assert (summary["articles_in"], summary["articles_loaded"], summary["articles_quarantined"]) == (2, 1, 1)
    assert summary["status"] == "success"
