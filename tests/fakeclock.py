"""A clock for the extraction time budget that advances a fixed step per reading.

Budgets then expire after a known number of checks, so tests assert on data, never on timing.
"""


class FakeClock:
    """A clock that advances `step` seconds per call: budgets expire after a known number of checks."""

    def __init__(self, step: float):
        self.now, self.step = 0.0, step

    def __call__(self) -> float:
        self.now += self.step
        return self.now
