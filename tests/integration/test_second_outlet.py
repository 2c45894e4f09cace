"""The same stories from a second outlet merge into the events already loaded (num_sources = 2),
whether the copy is caught as a near-duplicate or re-extracted and matched across articles."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest

from pipeline import steps
from pipeline.config import Settings
from pipeline.fetch.wire import serve_wire

pytestmark = pytest.mark.integration

# Light copy-editing of the kind outlets do to wire copy: other verbs of saying, other honorifics.
EDITS = [(r"\bsaid\b", "reported"), (r"\bactivists\b", "opposition activists"), (r"\bstate media\b", "official media"),
         (r"\bPresident Bashar\b", "Syrian President Bashar")]


def rewrite(text: str) -> str:
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    # keep the lead, move the last paragraph up, edit the wording
    if len(paragraphs) > 3:
        paragraphs = paragraphs[:1] + paragraphs[-1:] + paragraphs[1:-1]
    out = "\n\n".join(paragraphs)
    for pattern, repl in EDITS:
        out = re.sub(pattern, repl, out)
    return out


@pytest.fixture
def second_outlet(tmp_path, seeds_dir):
    index = json.loads((seeds_dir / "seeds.json").read_text())
    for entry in index:
        text = (seeds_dir / entry["file"]).read_text()
        (tmp_path / entry["file"]).write_text(rewrite(text))
        entry["source"] = "Second Outlet"
    (tmp_path / "seeds.json").write_text(json.dumps(index))
    return tmp_path


def _sources(conn, place, day, sub):
    rows = conn.execute(
        "SELECT num_sources, num_articles FROM analytics.events"
        " WHERE location ILIKE %s AND event_date = %s AND sub_event_type = %s", (f"%{place}%", day, sub)).fetchall()
    return rows


def test_second_outlet_copies_merge_into_known_events(conn, seeds_dir, second_outlet, tmp_path_factory):
    settings = replace(Settings.from_env(), database_url=None, data_dir=tmp_path_factory.mktemp("d"))
    with serve_wire(seeds_dir) as first:
        steps.run_all(conn, settings, "outlet-1", [{"name": "one", "url": first.feed_url}], force=True)
    events_before = conn.execute("SELECT count(*) FROM analytics.events").fetchone()[0]

    with serve_wire(second_outlet) as second:
        summary = steps.run_all(conn, settings, "outlet-2", [{"name": "two", "url": second.feed_url}], force=True)

    assert summary["status"] == "success" and summary["articles_in"] == 5
    assert _sources(conn, "kasab", "2014-06-15", "Government regains territory") == [(2, 2)]
    assert _sources(conn, "zabadani", "2015-07-05", "Government regains territory") == [(2, 2)]
    assert _sources(conn, "qusayr", "2013-06-04", "Armed clash") == [(2, 2)]
    merged = conn.execute("SELECT count(*) FROM analytics.events WHERE num_sources = 2").fetchone()[0]
    events_after = conn.execute("SELECT count(*) FROM analytics.events").fetchone()[0]
    assert merged >= 0.8 * events_before, f"only {merged} of {events_before} events were merged"
    assert events_after - events_before <= 0.2 * events_before, "copies created many new events instead of merging"
