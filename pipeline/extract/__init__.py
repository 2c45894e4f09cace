"""Extract stage: article text in, ACLED-style event records out (docs/event-record.md).
The entry point is `extract_events` in `pipeline.extract.record`; the rules live in the named
modules beside it and the dictionaries in data/."""

from pipeline.extract.budget import ExtractionBudgetExceeded
from pipeline.extract.record import EXTRACTOR_VERSION, extract_events

__all__ = ["EXTRACTOR_VERSION", "ExtractionBudgetExceeded", "extract_events"]
