"""Celery workers that start their task processes with the pipeline imported, as the LocalExecutor does.

Set `AIRFLOW__CELERY__CELERY_CONFIG_OPTIONS=tools.celery_worker.CELERY_CONFIG` (repository root on
PYTHONPATH) for `airflow celery worker`: Airflow's default Celery settings plus Celery's `imports`, which
the worker imports before it forks its pool, so each task process (a fork of a pool process) inherits
tools/stack.py's TASK_PRELOAD instead of importing it again (~3 s of CPU per task without it).
"""

from __future__ import annotations

from airflow.providers.celery.executors.default_celery import DEFAULT_CELERY_CONFIG

from tools.stack import TASK_PRELOAD

CELERY_CONFIG = {**DEFAULT_CELERY_CONFIG,
                 "imports": (*(DEFAULT_CELERY_CONFIG.get("imports") or ()), *TASK_PRELOAD)}
