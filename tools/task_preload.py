"""Airflow's own start-up work that every task process would otherwise repeat: loading the plugins folder.

The task runner loads the plugins (for their macros and listeners) before each task: 0.25 s of CPU here,
most of it importing FastAPI for the health page's plugin. Both results are cached per process, so doing
it once where task processes are forked from (last in TASK_PRELOAD: the scheduler's forkserver, a Celery
worker before its pool) leaves each task only its own work. Editing plugins/ needs a restart, as before.
"""

from __future__ import annotations

from airflow.sdk.listener import get_listener_manager
from airflow.sdk.plugins_manager import integrate_macros_plugins

integrate_macros_plugins()
get_listener_manager()
