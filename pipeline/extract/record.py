"""Event extraction: article text in, ACLED-style EventRecord dicts out (docs/event-record.md).

Rule-based and dictionary-driven: the dictionaries in data/ are reviewed data files, and
EXTRACTOR_VERSION changes whenever they or the rules change.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from .actors import as_of
from .budget import Deadline
from .collection import collection_paused
from .events import Candidate, extract
from .triggers import event_type_of

_CODE_VERSION = "1.0"
_DATA = Path(__file__).resolve().parent / "data"


def _version() -> str:
    """Code version plus a digest of the rules (modules) and dictionaries (data files)."""
    h = hashlib.sha256()
    here = Path(__file__).resolve().parent
    files = [p for p in sorted(here.glob("*.py")) if p.name != "evaluate.py"]
    files += [p for p in sorted(_DATA.glob("*")) if p.is_file() and p.suffix in (".yaml", ".csv", ".gz")]
    for path in files:
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return f"{_CODE_VERSION}+{h.hexdigest()[:10]}"


EXTRACTOR_VERSION: str = _version()

_NULL_LOCATION = {"name": None, "admin1": None, "country": None, "country_code": None, "latitude": None,
                  "longitude": None, "geonameid": None, "geo_precision": None}


def _record(c: Candidate) -> dict:
    s = c.sentence
    location = c.place.as_record() if c.place is not None else dict(_NULL_LOCATION)
    deaths = None if c.fatalities is None else {"low": c.fatalities, "best": c.fatalities, "high": c.fatalities}
    cc = c.place.country_code if c.place is not None else None
    # who rules a country depends on the day: only a day the text or the publication date gives
    day = c.day if c.date_explicit or c.precision < 3 else None
    a1 = as_of(c.actor1, day, cc) or {"name": "Unidentified armed group", "inter": 3}
    a2 = as_of(c.actor2, day, cc)
    assoc1, assoc2 = list(c.assoc1), list(c.assoc2)
    if c.sub_event_type == "Excessive force against protesters" and a2 is not None and a1["inter"] in (5, 6) and a2["inter"] not in (5, 6):
        # ACLED codes the force that fired on a demonstration first, the demonstrators second (a protest
        # broken up without lethal force keeps the protesters first)
        a1, a2, assoc1, assoc2 = a2, a1, assoc2, assoc1
    # ACLED interaction: both inter codes, lower first; a one-sided event is inter1 followed by 0
    codes = sorted([a1["inter"], a2["inter"]]) if a2 is not None else [a1["inter"], 0]
    interaction = codes[0] * 10 + codes[1]
    return {
        "event_type": event_type_of(c.sub_event_type),
        "sub_event_type": c.sub_event_type,
        "event_date": c.day.isoformat(),
        "date_precision": c.precision,
        "actor1": {"name": a1["name"], "inter": a1["inter"]},
        "assoc_actor1": assoc1,
        "actor2": None if a2 is None else {"name": a2["name"], "inter": a2["inter"]},
        "assoc_actor2": assoc2,
        "interaction": interaction,
        "location": location,
        "fatalities": deaths,
        "evidence": {"sentence": "", "start": s.span.start, "end": s.span.end},
        "confidence": c.confidence,
        "extractor_version": EXTRACTOR_VERSION,
    }


def load_tables() -> None:
    """The dictionaries and gazetteer extraction reads (once per process; pipeline.warm preloads them)."""
    from .actors import load_lexicon
    from .places import load_gazetteer
    from .triggers import load_rules

    load_gazetteer(), load_lexicon(), load_rules()


def extract_events(text: str, published: str | None = None, title: str | None = None,
                   budget_seconds: float | None = None) -> list[dict]:
    """EventRecords for the events `text` reports, in order of appearance.

    `published` (YYYY-MM-DD or ISO datetime) anchors relative dates; without it an event the text
    does not date has `event_date` and `date_precision` null (unknown, never a guess). Evidence
    offsets index into `text` as given.

    `budget_seconds` (None or 0: none) bounds the time spent on this article: past it,
    ExtractionBudgetExceeded is raised (checked between sentences in each pass over the article;
    what runs once per article between the passes is linear and short).
    """
    if not text or not text.strip():
        return []
    records = []
    load_tables()       # once per process, and not charged to the first article's budget
    deadline = Deadline(budget_seconds, len(text))
    with collection_paused():       # the article's objects live until it is done (collection.py)
        candidates = extract(text, published, title, deadline)
    for c in sorted(candidates, key=lambda c: (c.sentence.span.start, c.trigger.start)):
        rec = _record(c)
        rec["evidence"]["sentence"] = text[c.sentence.span.start:c.sentence.span.end]
        if not published and not c.date_explicit:
            rec["event_date"], rec["date_precision"] = None, None
        records.append(rec)
    return records
