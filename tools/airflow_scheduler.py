"""`airflow scheduler`, with the task forkserver started before Airflow is imported (tools/stack.py
runs the scheduler through this file). The LocalExecutor's workers come from a forkserver that
preloads the pipeline (TASK_PRELOAD, ~8 s of CPU); Airflow would start it only when the first task
is queued, so the first cycle after start-up would wait for those imports instead of the start-up.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.forkserver
import os
import sys


def main() -> int:
    preload = [m for m in os.environ.get("AIRFLOW__SCHEDULER__MP_FORKSERVER_PRELOAD", "").split(",") if m]
    local = os.environ.get("AIRFLOW__CORE__EXECUTOR", "LocalExecutor") == "LocalExecutor"  # Celery: workers run tasks
    if local and os.environ.get("AIRFLOW__SCHEDULER__MP_START_METHOD") == "forkserver" and preload:
        # the forkserver imports these while the scheduler starts up; Airflow's own
        # set_start_method("forkserver") later reuses the running one
        multiprocessing.set_forkserver_preload(preload)
        multiprocessing.forkserver.ensure_running()
    from airflow.__main__ import main as airflow_main

    sys.argv = ["airflow", "scheduler", *sys.argv[1:]]
    return airflow_main()


if __name__ == "__main__":
    sys.exit(main())
