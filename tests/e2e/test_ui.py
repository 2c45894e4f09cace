"""The operator's path through the real Airflow UI, in headless Chromium: sign in, open the
eventwire_ingest DAG, trigger it with the UI's Trigger button, wait for the run to succeed, then read
the "eventwire health" page (through the UI's nav and directly) and check its numbers against the
database. The stack is `tools.stack` on free ports, with fresh databases for eventwire and Airflow.
Screenshots go to test-artifacts/e2e/."""

from __future__ import annotations

import shutil
import socket
import sys
import time
import uuid
from pathlib import Path

import psycopg
import pytest

from pipeline.db import with_dbname
from tests.conftest import REPO

pytestmark = pytest.mark.e2e

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = REPO / "test-artifacts" / "e2e"
DAG_ID = "eventwire_ingest"
FEEDS_DAG_ID = "eventwire_feeds"
BROKEN_FEED, BROKEN_FEED_PATH = "broken-feed", "/broken-feed.xml"
RUN_DEADLINE = 300  # seconds for the triggered run (about 70 s on a quiet machine, far more under load)

if not CHROMIUM.exists():
    pytest.skip(f"browser tests need Chromium at {CHROMIUM} (Debian: apt-get install chromium)", allow_module_level=True)
try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:
    pytest.skip("browser tests need the Python package playwright (pip install playwright; no browser download: "
                "they use /usr/bin/chromium)", allow_module_level=True)

# The UI refetches after each action; on a loaded 2-core machine one refetch was seen taking 9.5 s,
# so Playwright's 5 s default for expectations would fail a correct UI.
expect.set_options(timeout=45_000)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def stack(pg_server_url, tmp_path_factory):
    """Airflow (api-server, scheduler, dag-processor, triggerer) on a free port, the local wire on another,
    eventwire's data and Airflow's metadata in two fresh databases; everything stopped and dropped after."""
    from pipeline.fetch.wire import serve_wire
    from tools.stack import Stack, StackConfig, prepare_databases, sqlalchemy_url

    data_db, meta_db = f"ew_e2e_{uuid.uuid4().hex[:8]}", f"ew_e2e_af_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(pg_server_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{data_db}"')
    data_dir = tmp_path_factory.mktemp("eventwire-data")
    wire = serve_wire(REPO / "seeds", host="127.0.0.1", port=0,
                      extra_pages={BROKEN_FEED_PATH: (500, "text/plain", "feed generator down")})
    feeds_file = data_dir / "feeds.yaml"  # the wire, and a feed of the same host that answers 500
    feeds_file.write_text(f"""- name: local-wire
  url: "{{wire}}/feed.xml"
  enabled: true
  interval_seconds: 5
- name: {BROKEN_FEED}
  url: "{{wire}}{BROKEN_FEED_PATH}"
  enabled: true
  interval_seconds: 5
""")
    cfg = StackConfig(
        eventwire_url=with_dbname(pg_server_url, data_db), metadata_url=sqlalchemy_url(with_dbname(pg_server_url, meta_db)),
        home=data_dir / "airflow-stack", data_dir=data_dir, port=_free_port(), wire_url=wire.base_url,
        scheduled_runs=False, log_server_port=_free_port(), trigger_log_server_port=_free_port(),
        # one failed poll is enough for the feed_failing alert, so the test need not wait for three
        extra_env={"EVENTWIRE_FEEDS": "", "EVENTWIRE_FEEDS_FILE": str(feeds_file), "EVENTWIRE_FEED_FAILING_AFTER": "1"},
    )
    running = Stack(cfg, out=sys.stderr)
    try:
        prepare_databases(cfg, meta_db)
        running.prepare()
        running.start()
        running.wait_ready(timeout=120)
        yield running
    finally:
        running.stop()
        wire.close()
        _keep_logs(cfg.home)
        with psycopg.connect(pg_server_url, autocommit=True) as admin:
            for name in (data_db, meta_db):
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _keep_logs(home: Path) -> None:
    """The stack's component logs and task logs, beside the screenshots, for a failure to be read later."""
    target = ARTIFACTS / "airflow-logs"
    shutil.rmtree(target, ignore_errors=True)
    for sub in ("stack-logs", "logs"):
        if (home / sub).is_dir():
            shutil.copytree(home / sub, target / sub)


@pytest.fixture
def page(stack, tmp_path):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"), executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, headless=True,
            viewport={"width": 1400, "height": 900})
        context.set_default_timeout(60_000)
        try:
            yield context.pages[0] if context.pages else context.new_page()
        finally:
            context.close()


def _shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _api(page, stack, path: str) -> dict:
    """GET on Airflow's REST API v2 with the browser session's own token (the `_token` cookie)."""
    resp = page.request.get(f"{stack.cfg.base_url}/api/v2/{path}")
    assert resp.ok, f"GET /api/v2/{path}: {resp.status} {resp.text()[:300]}"
    return resp.json()


def _wait_for_dag(page, stack, deadline: float) -> None:
    while True:
        stack.check()
        resp = page.request.get(f"{stack.cfg.base_url}/api/v2/dags/{DAG_ID}")
        if resp.ok:
            return
        assert time.monotonic() < deadline, f"the dag-processor did not register {DAG_ID}; see {stack.cfg.log_dir}"
        time.sleep(2)


def _wait_for_run(page, stack, deadline: float, dag_id: str = DAG_ID) -> dict:
    """The newest manual run of `dag_id`, once it has finished."""
    while True:
        stack.check()
        runs = _api(page, stack, f"dags/{dag_id}/dagRuns?run_type=manual&order_by=-run_after")["dag_runs"]
        if runs and runs[0]["state"] in ("success", "failed"):
            return runs[0]
        if time.monotonic() > deadline:
            detail = _failure_details(page, stack, runs[0]["dag_run_id"], dag_id) if runs else "no manual run"
            pytest.fail(f"run not finished in {RUN_DEADLINE}s: {detail} (logs: {ARTIFACTS / 'airflow-logs'})")
        time.sleep(3)


def _task_states(page, stack, run_id: str, dag_id: str = DAG_ID) -> dict:
    """(task_id, rendered map index) -> state of a run's task instances."""
    tis = _api(page, stack, f"dags/{dag_id}/dagRuns/{run_id}/taskInstances")["task_instances"]
    return {(ti["task_id"], ti.get("rendered_map_index") or str(ti["map_index"])): ti["state"] for ti in tis}


def _failure_details(page, stack, run_id: str, dag_id: str = DAG_ID) -> str:
    return "; ".join(f"{task}[{index}]={state}" for (task, index), state in _task_states(page, stack, run_id, dag_id).items())


def _db_counts(stack) -> dict:
    with psycopg.connect(stack.cfg.eventwire_url) as conn:
        row = conn.execute(
            "SELECT (SELECT count(*) FROM analytics.events), (SELECT count(*) FROM eventwire.articles),"
            " (SELECT count(*) FROM eventwire.quarantine WHERE released_at IS NULL)").fetchone()
    return dict(zip(("events_total", "articles_total", "quarantined_total"), row))


def _metrics(scope) -> dict:
    return {key: int(scope.locator(f'[data-metric="{key}"]').inner_text())
            for key in ("events_total", "articles_total", "quarantined_total")}


def test_trigger_from_the_ui_and_read_the_health_page(stack, page):
    base = stack.cfg.base_url
    deadline = time.monotonic() + 60

    # The health page wants a signed-in user: the SimpleAuthManager login form, then back to the page.
    page.goto(f"{base}/eventwire/")
    page.wait_for_url("**/auth/login**")
    page.get_by_label("Username").fill(stack.cfg.user)
    page.get_by_label("Password").fill(stack.cfg.password)
    _shot(page, "01-login")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/eventwire/")
    expect(page.locator('[data-metric="events_total"]')).to_have_text("0")

    # Open the DAG once the dag-processor has registered it, and trigger it with the UI's button.
    _wait_for_dag(page, stack, deadline)
    page.goto(f"{base}/dags/{DAG_ID}")
    page.get_by_test_id("trigger-dag-button").click()
    dialog = page.get_by_role("dialog")
    unpause = dialog.get_by_label(f"Unpause {DAG_ID} on trigger")
    if unpause.count() and not unpause.is_checked():  # a paused DAG's run would wait forever
        unpause.check()
    _shot(page, "02-trigger-dialog")
    dialog.get_by_test_id("trigger-dag-submit").click()
    expect(dialog).to_be_hidden()

    run = _wait_for_run(page, stack, time.monotonic() + RUN_DEADLINE)
    page.goto(f"{base}/dags/{DAG_ID}/runs/{run['dag_run_id']}")
    page.wait_for_load_state("networkidle")
    _shot(page, "03-run-finished")
    assert run["state"] == "success", (f"run {run['dag_run_id']} {run['state']}: "
                                       f"{_failure_details(page, stack, run['dag_run_id'])} (logs: {ARTIFACTS / 'airflow-logs'})")

    in_db = _db_counts(stack)
    assert in_db["events_total"] > 20 and in_db["articles_total"] == 5, in_db

    # The health page through the UI's nav (Browse > eventwire health), rendered in the UI's frame.
    page.goto(f"{base}/dags")
    page.get_by_role("button", name="Browse").click()
    page.get_by_role("menuitem", name="eventwire health").click()
    page.wait_for_url("**/plugin/eventwire-health")
    frame = page.frame_locator("iframe").first
    expect(frame.locator('[data-metric="events_total"]')).to_have_text(str(in_db["events_total"]))
    _shot(page, "04-health-in-nav")
    assert _metrics(frame) == in_db

    # The page itself: the same numbers, the run that just finished, and the feed that fed it.
    page.goto(f"{base}/eventwire/")
    _shot(page, "05-health-page")
    assert _metrics(page) == in_db
    run_row = page.locator(f'tr[data-run="{run["dag_run_id"]}"]')
    expect(run_row).to_have_attribute("data-status", "success")
    assert int(run_row.locator('[data-field="events_loaded"]').inner_text()) == in_db["events_total"]
    expect(page.locator('tr[data-feed="local-wire"] [data-field="consecutive_failures"]')).to_have_text("0")
    assert page.locator("#newest-events tr[data-event-id]").count() == min(10, in_db["events_total"])

    # The Data Docs the health page links to: rendered offline, named after the Airflow run, and not one
    # request leaves the machine or fails (the GX site used to load Bootstrap and jQuery from CDNs).
    failed, elsewhere = [], []
    page.on("requestfailed", lambda req: failed.append(f"{req.url} ({req.failure})"))
    page.on("request", lambda req: None if req.url.startswith(base) else elsewhere.append(req.url))
    expect(page.locator('#data-docs a[data-docs="latest run"]')).to_be_visible()
    page.locator('#data-docs a[data-docs="latest run"]').click()
    page.wait_for_load_state("networkidle")
    expect(page.locator("body")).to_contain_text(run["dag_run_id"])
    _shot(page, "06-data-docs-run")
    page.goto(f"{base}/eventwire/")
    page.locator('#data-docs a[data-docs="validations"]').click()
    page.wait_for_load_state("networkidle")
    expect(page.locator("body")).to_contain_text(run["dag_run_id"])
    _shot(page, "07-data-docs-index")
    assert failed == [] and elsewhere == [], f"failed: {failed}; outside the machine: {elsewhere}"

    # A failing feed: the ingest run polled it once (HTTP 500) and went on with the other. The feed
    # checks run (every 5 minutes; here triggered through the API): the broken feed's task is red, the
    # wire's green, the run is not green, and the health page shows the failing feed and lists its alert.
    resp = page.request.patch(f"{base}/api/v2/dags/{FEEDS_DAG_ID}", data={"is_paused": False})
    assert resp.ok, f"unpause {FEEDS_DAG_ID}: {resp.status} {resp.text()[:300]}"
    resp = page.request.post(f"{base}/api/v2/dags/{FEEDS_DAG_ID}/dagRuns", data={"logical_date": None})
    assert resp.ok, f"trigger {FEEDS_DAG_ID}: {resp.status} {resp.text()[:300]}"
    checks = _wait_for_run(page, stack, time.monotonic() + RUN_DEADLINE, FEEDS_DAG_ID)
    states = _task_states(page, stack, checks["dag_run_id"], FEEDS_DAG_ID)
    assert states[("check_feed", BROKEN_FEED)] == "failed", states
    assert states[("check_feed", "local-wire")] == "success", states
    assert checks["state"] == "failed", checks
    page.goto(f"{base}/dags/{FEEDS_DAG_ID}/runs/{checks['dag_run_id']}")
    page.wait_for_load_state("networkidle")
    _shot(page, "08-failing-feed-task")

    page.goto(f"{base}/eventwire/")
    expect(page.locator(f'tr[data-feed="{BROKEN_FEED}"]')).to_have_attribute("data-state", "failing")
    expect(page.locator(f'tr[data-feed="{BROKEN_FEED}"] td').last).to_contain_text("500")
    expect(page.locator("#failing-feeds")).to_contain_text(BROKEN_FEED)
    alert = page.locator(f'#alerts tr[data-alert-kind="feed_failing"][data-alert-subject="{BROKEN_FEED}"]')
    expect(alert).to_have_attribute("data-open", "true")
    assert int(page.locator('[data-metric="alerts_open"]').inner_text()) >= 1
    _shot(page, "09-health-failing-feed")
