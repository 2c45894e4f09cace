"""The DAG folder imports cleanly and the ingest DAG has the shape operators expect."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.dags

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def dagbag():
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(dag_folder=str(REPO / "dags"))


def test_dag_folder_has_no_import_errors(dagbag):
    assert dagbag.import_errors == {}
    assert "eventwire_ingest" in dagbag.dag_ids


def test_ingest_dag_runs_the_stages_in_order(dagbag):
    dag = dagbag.dags["eventwire_ingest"]
    assert set(dag.task_ids) == {"start_run", "poll_feeds", "fetch", "clean", "extract", "validate", "load", "finish_run"}
    chain = ["start_run", "poll_feeds", "fetch", "clean", "extract", "validate", "load", "finish_run"]
    for upstream, downstream in zip(chain, chain[1:]):
        assert downstream in dag.get_task(upstream).downstream_task_ids, f"{upstream} -> {downstream}"


def test_ingest_dag_is_safe_to_leave_running(dagbag):
    dag = dagbag.dags["eventwire_ingest"]
    assert dag.catchup is False
    assert dag.max_active_runs == 1
    assert dag.doc_md and "What to watch" in dag.doc_md
    for task in dag.tasks:
        assert task.retries >= 1, task.task_id
        doc = task.doc_md or getattr(task, "partial_kwargs", {}).get("doc_md")
        assert doc, f"{task.task_id} has no documentation for the UI"
    assert dag.get_task("finish_run").trigger_rule == "all_done"


def test_library_never_imports_airflow():
    offenders = [str(p.relative_to(REPO)) for p in (REPO / "pipeline").rglob("*.py")
                 if "import airflow" in p.read_text() or "from airflow" in p.read_text()]
    assert offenders == []
