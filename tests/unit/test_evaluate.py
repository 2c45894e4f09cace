"""`make eval`'s glue: the cleaned AEB pages go to `eventwire extract`, and what it finds is counted."""

import json

import pytest

from tools.evaluate import count_events, write_extract_inputs

pytestmark = pytest.mark.unit


def test_cleaned_pages_become_extract_inputs_and_events_are_counted(tmp_path):
    cleaned = tmp_path / "pages.out.jsonl"
    cleaned.write_text("\n".join(json.dumps(p) for p in [
        {"id": "a", "text": "Rebels shelled Aleppo on Monday.", "title": "Shelling", "published": "2019-03-05",
         "author": "someone", "language": "en"},
        {"id": "b", "text": "", "title": "An empty page"},
    ]) + "\n", encoding="utf-8")
    inputs = tmp_path / "pages.events.in.jsonl"
    assert write_extract_inputs(cleaned, inputs) == 1
    assert [json.loads(line) for line in inputs.read_text(encoding="utf-8").splitlines()] == [
        {"id": "a", "text": "Rebels shelled Aleppo on Monday.", "published": "2019-03-05", "title": "Shelling"}]

    extracted = tmp_path / "pages.events.out.jsonl"
    extracted.write_text(json.dumps({"id": "a", "events": [{}, {}]}) + "\n" + json.dumps({"id": "b", "events": []}) + "\n",
                         encoding="utf-8")
    assert count_events(extracted) == 2
