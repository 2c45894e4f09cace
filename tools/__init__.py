"""Tooling beside the pipeline, not part of the importable library: the benchmark, the local
Airflow stack behind `make airflow`, the eval runner and the data-building scripts.
Run from the repository root, e.g. `python -m tools.benchmark`."""
