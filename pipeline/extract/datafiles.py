"""Where the extractor's reviewed data files are, and how a CSV among them is read: the lines that
start with '#' say what the file holds and where it comes from, the rest is the table."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def data_rows(path: Path) -> Iterator[dict]:
    """The rows of a reviewed CSV file, its '#' header lines skipped."""
    with open(path, encoding="utf-8") as fh:
        yield from csv.DictReader(line for line in fh if not line.startswith("#"))
