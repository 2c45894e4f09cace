"""A per-article time budget for extraction, checked between sentences (and place names).

One pathological page (megabytes of run-on text, a list page) must not hold up a batch: once its
budget is spent, extraction stops with ExtractionBudgetExceeded and the caller quarantines the
article (pipeline.steps) or writes an error line (`eventwire extract`). Cooperative: no signals, no
threads, so it is safe inside Airflow tasks and in any thread.
"""

from __future__ import annotations

from time import perf_counter as _clock     # module-level, so tests can give it a fake clock


class ExtractionBudgetExceeded(Exception):
    """Extraction of one article ran past its time budget; the message says how far it got."""

    def __init__(self, budget_seconds: float, stage: str, done: int, total: int, text_length: int,
                 unit: str = "sentences"):
        self.budget_seconds = budget_seconds
        self.stage = stage
        self.done = done
        self.total = total
        self.text_length = text_length
        super().__init__(
            f"extraction time budget of {budget_seconds:g} s exceeded ({stage}: {done} of {total} {unit} done, "
            f"text of {text_length:,} characters)")


class Deadline:
    """`check()` raises ExtractionBudgetExceeded once `seconds` have passed since construction.

    `seconds` None or <= 0 means no budget: `check()` never raises.
    """

    def __init__(self, seconds: float | None, text_length: int = 0):
        self.seconds = seconds if seconds and seconds > 0 else None
        self.text_length = text_length
        self.expires = _clock() + self.seconds if self.seconds is not None else None

    def check(self, stage: str, done: int, total: int, unit: str = "sentences") -> None:
        if self.expires is not None and _clock() > self.expires:
            raise ExtractionBudgetExceeded(self.seconds, stage, done, total, self.text_length, unit)


NO_DEADLINE = Deadline(None)
