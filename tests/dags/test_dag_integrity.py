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
    assert set(dagbag.dag_ids) == {"eventwire_ingest", "eventwire_feeds", "eventwire_rollup", "eventwire_reprocess"}


def test_ingest_dag_runs_the_stages_in_order(dagbag):
    dag = dagbag.dags["eventwire_ingest"]
    assert set(dag.task_ids) == {"claim_articles", "fetch_clean_extract", "validate_and_load", "finish_run",
                                 "publish_events"}
    chain = ["claim_articles", "fetch_clean_extract", "validate_and_load", "finish_run", "publish_events"]
    for upstream, downstream in zip(chain, chain[1:]):
        assert downstream in dag.get_task(upstream).downstream_task_ids, f"{upstream} -> {downstream}"
    # one task per batch for the fused stages, one per cycle for validation and load
    assert dag.get_task("fetch_clean_extract").is_mapped
    assert not dag.get_task("validate_and_load").is_mapped


def test_ingest_runs_only_on_the_feed_watchers_asset(dagbag):
    from airflow.triggers.base import BaseEventTrigger

    dag = dagbag.dags["eventwire_ingest"]
    assert type(dag.timetable).__name__ == "AssetTriggeredTimetable"
    (asset,) = dag.timetable.asset_condition.objects
    (watcher,) = asset.watchers
    assert isinstance(watcher.trigger, BaseEventTrigger)
    # the triggerer imports the class by this path, from the plugins folder on its sys.path
    classpath, kwargs = watcher.trigger.serialize()
    assert classpath == "eventwire_triggers.NewArticlesTrigger" and (REPO / "plugins" / "eventwire_triggers.py").exists()


def test_ingest_dag_is_safe_to_leave_running(dagbag):
    dag = dagbag.dags["eventwire_ingest"]
    assert dag.catchup is False
    assert dag.max_active_runs == 1
    for task in dag.tasks:
        if task.task_id not in ("claim_articles", "finish_run", "publish_events"):  # these fail fast on purpose
            assert task.retries >= 1 and task.retry_exponential_backoff, task.task_id
        doc = task.doc_md or getattr(task, "partial_kwargs", {}).get("doc_md")
        assert doc, f"{task.task_id} has no documentation for the UI"
    assert dag.get_task("finish_run").trigger_rule == "all_done"


def test_the_dag_files_import_no_heavy_library():
    """Every task process parses the DAG files: trafilatura, Great Expectations and pandas are imported
    only inside the tasks that use them."""
    import subprocess
    import sys

    code = ("import sys, runpy; sys.path.append(%r)\n"
            "for f in ('eventwire_ingest', 'eventwire_feeds'): runpy.run_path(%r + '/' + f + '.py')\n"
            "print(sorted(m for m in ('trafilatura', 'great_expectations', 'pandas', 'pipeline.steps') if m in sys.modules))"
            % (str(REPO / "plugins"), str(REPO / "dags")))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_feed_health_dag_has_a_task_per_feed(dagbag):
    dag = dagbag.dags["eventwire_feeds"]
    assert type(dag.timetable).__name__ == "DeltaTriggerTimetable"  # every 5 minutes, whatever the feeds do
    check = dag.get_task("check_feed")
    assert check.is_mapped and check.retries == 0
    assert "watch_feeds" in check.upstream_task_ids


def test_a_late_cycle_raises_an_alert_through_a_deadline(monkeypatch):
    import importlib.util

    monkeypatch.setenv("EVENTWIRE_CYCLE_DEADLINE_MINUTES", "7")
    spec = importlib.util.spec_from_file_location("ingest_with_deadline", REPO / "dags" / "eventwire_ingest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    alert = module.cycle_deadline()
    assert alert.interval.total_seconds() == 7 * 60
    assert alert.callback.kwargs == {"deadline_minutes": 7}
    assert "cycle_late" in str(alert.callback.path)
    monkeypatch.setenv("EVENTWIRE_CYCLE_DEADLINE_MINUTES", "0")
    assert module.cycle_deadline() is None


@pytest.mark.parametrize("dag_id", ["eventwire_ingest", "eventwire_feeds", "eventwire_rollup", "eventwire_reprocess"])
def test_every_dag_and_task_is_documented(dagbag, dag_id):
    dag = dagbag.dags[dag_id]
    assert dag.doc_md and "What to watch" in dag.doc_md
    assert dag.owner == "eventwire" and dag.tags
    for task in dag.tasks:
        doc = task.doc_md or getattr(task, "partial_kwargs", {}).get("doc_md")
        assert doc, f"{dag_id}.{task.task_id} has no documentation for the UI"


def test_rollup_runs_on_the_asset_the_ingest_dag_publishes(dagbag):
    ingest, rollup = dagbag.dags["eventwire_ingest"], dagbag.dags["eventwire_rollup"]
    published = {a.name for a in ingest.get_task("publish_events").outlets}
    assert published == {"eventwire_events"}
    assert "eventwire_events" in str(rollup.timetable.asset_condition)


def test_library_never_imports_airflow():
    offenders = [str(p.relative_to(REPO)) for p in (REPO / "pipeline").rglob("*.py")
                 if "import airflow" in p.read_text() or "from airflow" in p.read_text()]
    assert offenders == []


def test_stages_use_pools_that_the_pool_file_defines(dagbag):
    import json

    defined = json.loads((REPO / "dags" / "pools.json").read_text())
    dag = dagbag.dags["eventwire_ingest"]
    tasks = [dag.get_task(t) for t in ("fetch_clean_extract", "validate_and_load")]
    used = {t.partial_kwargs.get("pool") if t.is_mapped else t.pool for t in tasks}
    assert used == {"eventwire_extract", "eventwire_load"}
    assert used <= set(defined)


def test_make_airflow_switches_on_and_explains_every_dag_it_ships(dagbag):
    from tools.stack import SHIPPED_DAGS

    assert set(SHIPPED_DAGS) == set(dagbag.dag_ids)
    assert all(len(why) > 20 for why in SHIPPED_DAGS.values())
