"""Extraction on long and run-on text: bounded sentences, the same events however long the
article, and the per-article time budget (asserted on data and on a fake clock, never on speed)."""

from __future__ import annotations

import json
import re

import pytest

from pipeline import cli
from pipeline.extract import ExtractionBudgetExceeded, extract_events
from pipeline.extract import budget as budget_mod
from pipeline.extract.budget import Deadline
from pipeline.extract.sentences import MAX_SENTENCE_CHARS, _split_sentences, split_sentences
from tests.fakeclock import FakeClock

pytestmark = pytest.mark.unit

# Written for these tests: a short report that is not a snippet (more than three sentences).
REPORT = (
    "Government troops shelled the town of Kafranbel on Tuesday, killing four civilians. "
    "Residents said the shells hit a market in the morning. "
    "The army did not comment on the strike. "
    "Aid workers said they expected more people to leave the area in the coming days."
)
CLAUSE = "the convoy moved slowly along the river road, past the old mill and the empty school"



def _key(e: dict) -> tuple:
    return (e["sub_event_type"], e["location"]["name"], e["event_date"], (e["actor1"] or {}).get("name"),
            (e["actor2"] or {}).get("name"), json.dumps(e["fatalities"]))


def test_run_on_text_is_cut_into_bounded_sentences_at_commas():
    text = ", ".join([CLAUSE] * 120)          # ~10,000 characters without a full stop
    spans = split_sentences(text)
    assert len(spans) > 1
    assert all(sp.end - sp.start <= MAX_SENTENCE_CHARS for sp in spans)
    # in order, not overlapping, and together they keep every word of the text
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))
    assert " ".join(text[sp.start:sp.end] for sp in spans).count("convoy") == 120
    # cut after a comma, not inside a clause
    assert all(text[sp.end - 1] == "," for sp in spans[:-1])


def test_run_on_text_without_commas_is_cut_at_spaces():
    text = " ".join(["word"] * 1200) + " " + "x" * 2500
    spans = split_sentences(text)
    assert all(sp.end - sp.start <= MAX_SENTENCE_CHARS for sp in spans)
    # whole words only, except the one "word" longer than the bound, which is cut where it must be
    assert all(text[sp.start:sp.end].startswith("word") and text[sp.start:sp.end].endswith("word")
               for sp in spans if "x" not in text[sp.start:sp.end])
    assert "".join(text[sp.start:sp.end] for sp in spans).replace(" ", "") == text.replace(" ", "")


def test_normal_sentences_are_not_touched_by_the_bound():
    text = (REPORT + "\n\n") * 3
    assert split_sentences(text) == _split_sentences(text)


def test_a_long_article_yields_the_same_events_as_its_pieces():
    piece = extract_events(REPORT, "2021-03-10")
    assert piece, "the test report must code at least one event"
    whole = extract_events("\n\n".join([REPORT] * 300), "2021-03-10")   # ~90 kB
    assert {_key(e) for e in whole} == {_key(e) for e in piece}


def test_run_on_text_events_keep_valid_evidence():
    text = ", ".join([CLAUSE] * 40) + ", " + REPORT.replace(". ", ", ") + ", " + ", ".join([CLAUSE] * 40)
    events = extract_events(text, "2021-03-10")
    assert events
    for e in events:
        ev = e["evidence"]
        assert ev["end"] - ev["start"] <= MAX_SENTENCE_CHARS
        assert text[ev["start"]:ev["end"]] == ev["sentence"]
    assert any(e["sub_event_type"] == "Shelling/artillery/missile attack" for e in events)


def test_deadline_without_budget_never_expires(monkeypatch):
    monkeypatch.setattr(budget_mod, "_clock", FakeClock(1000.0))
    for seconds in (None, 0, -1):
        d = Deadline(seconds)
        d.check("events", 1, 2)   # no exception


def test_deadline_expires_after_its_budget(monkeypatch):
    monkeypatch.setattr(budget_mod, "_clock", FakeClock(1.0))
    d = Deadline(2.5, text_length=1234)
    d.check("triggers", 0, 9)                    # started at t=1, so it expires at t=3.5; now t=2
    d.check("triggers", 1, 9)                    # t=3
    with pytest.raises(ExtractionBudgetExceeded) as err:
        d.check("analysis", 2, 9)                # t=4
    assert (err.value.stage, err.value.done, err.value.total) == ("analysis", 2, 9)
    assert "time budget of 2.5 s exceeded" in str(err.value) and "1,234 characters" in str(err.value)


def test_extract_events_stops_with_the_budget_exception(monkeypatch):
    monkeypatch.setattr(budget_mod, "_clock", FakeClock(1.0))
    with pytest.raises(ExtractionBudgetExceeded, match="time budget"):
        extract_events(REPORT, "2021-03-10", budget_seconds=0.5)
    # without a budget the same clock changes nothing
    assert extract_events(REPORT, "2021-03-10") == extract_events(REPORT, "2021-03-10", budget_seconds=0)


def test_cli_extract_writes_an_error_line_for_an_article_over_budget(tmp_path, monkeypatch):
    monkeypatch.setattr(budget_mod, "_clock", FakeClock(0.001))
    monkeypatch.setenv("EVENTWIRE_EXTRACT_BUDGET_SECONDS", "0.05")   # ~50 checks of the fake clock
    long_text = " ".join(f"Police arrested {n} men in the town of Kafranbel." for n in range(2, 200))
    src, dst = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in [
        {"id": "short", "text": REPORT, "published": "2021-03-10"},
        {"id": "long", "text": long_text, "published": "2021-03-10"},
        {"id": "after", "text": REPORT, "published": "2021-03-10"},
    ]) + "\n")
    assert cli.main(["extract", "--input", str(src), "--output", str(dst)]) == 1
    out = [json.loads(line) for line in dst.read_text().splitlines()]
    assert [o["id"] for o in out] == ["short", "long", "after"]
    assert out[0]["events"] and out[2]["events"] == out[0]["events"]
    assert set(out[1]) == {"id", "error"} and re.search(r"time budget of 0\.05 s exceeded", out[1]["error"])


class _StopAt:
    """A deadline that is spent when extraction reaches one stage (and records the stages it saw)."""

    def __init__(self, stage: str):
        self.stage, self.seen = stage, []

    def check(self, stage: str, done: int, total: int, unit: str = "sentences") -> None:
        self.seen.append(stage)
        if stage == self.stage:
            raise ExtractionBudgetExceeded(1.0, stage, done, total, 0)


@pytest.mark.parametrize("stage", ["references", "names", "places"])
def test_the_passes_over_the_whole_article_check_the_budget_too(stage):
    from pipeline.extract.events import analyse
    deadline = _StopAt(stage)
    with pytest.raises(ExtractionBudgetExceeded) as err:
        analyse(REPORT, "2021-03-10", deadline=deadline)
    assert err.value.stage == stage and "analysis" in deadline.seen


def _lines_run(text: str) -> int:
    """Python lines extraction (the modules of pipeline/extract) runs on `text`: a count of work, not of seconds."""
    import sys
    from pathlib import Path

    from pipeline.extract import events

    here = str(Path(events.__file__).parent)
    count = 0

    def tracer(frame, event, arg):
        if not frame.f_code.co_filename.startswith(here):
            return None

        def local(f, ev, a):
            nonlocal count
            if ev == "line":
                count += 1
            return local
        return local

    extract_events(REPORT, "2019-03-06")         # tables loaded, caches warm
    sys.settrace(tracer)
    try:
        extract_events(text, "2019-03-06")
    finally:
        sys.settrace(None)
    return count


def test_extraction_does_linear_work_in_the_articles_length():
    # twice the reports, about twice the work: no step that looks back over every event found so far
    # (the reports are dated, so the look back at the lede's day is exercised too)
    small, large = _lines_run("\n\n".join([REPORT] * 100)), _lines_run("\n\n".join([REPORT] * 200))
    assert large / small < 2.05, (small, large)       # 2.00 today; 2.09 with the scan a look back once did
