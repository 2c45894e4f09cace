"""docker-compose.yml, the production-style deployment, stays valid: Compose itself accepts it
(`docker compose config -q`, or the standalone `docker-compose`), and every long-running service the
others wait on declares a healthcheck."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
import yaml

from tests.conftest import REPO

pytestmark = pytest.mark.integration

COMPOSE_FILE = REPO / "docker-compose.yml"
HEALTHCHECKED = ("postgres", "redis", "airflow-apiserver", "airflow-scheduler", "airflow-dag-processor",
                 "airflow-triggerer", "airflow-worker")


def _compose_command() -> list[str] | None:
    """`docker compose` when the plugin really answers (a bare Docker client may lack it), else `docker-compose`."""
    docker = shutil.which("docker")
    if docker:
        try:
            probe = subprocess.run([docker, "compose", "version"], capture_output=True, text=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            probe = None
        if probe is not None and probe.returncode == 0:
            return [docker, "compose"]
    legacy = shutil.which("docker-compose")
    return [legacy] if legacy else None


def test_compose_accepts_the_file():
    command = _compose_command()
    if command is None:
        pytest.skip("neither `docker compose` nor `docker-compose` is installed: cannot validate docker-compose.yml "
                    "(Debian: apt-get install docker-compose)")
    env = {**os.environ, "AIRFLOW_JWT_SECRET": "a-test-secret-0123456789abcdef",
           "AIRFLOW_FERNET_KEY": "ZmFrZS1mZXJuZXQta2V5LWZvci10aGUtdGVzdC0wMDA="}
    done = subprocess.run([*command, "-f", str(COMPOSE_FILE), "config", "-q"], cwd=REPO,
                          capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, f"{' '.join(command)} config -q rejected docker-compose.yml:\n{done.stderr}"
    # without the secret it refuses to start (issue 11, finding 8): no known default signs tokens
    env.pop("AIRFLOW_JWT_SECRET")
    refused = subprocess.run([*command, "-f", str(COMPOSE_FILE), "config", "-q"], cwd=REPO,
                             capture_output=True, text=True, timeout=120, env=env)
    assert refused.returncode != 0 and "AIRFLOW_JWT_SECRET" in refused.stderr
    # nor without a shared Fernet key: the triggerer must read what the dag-processor encrypted
    env["AIRFLOW_JWT_SECRET"] = "a-test-secret-0123456789abcdef"
    env.pop("AIRFLOW_FERNET_KEY")
    refused = subprocess.run([*command, "-f", str(COMPOSE_FILE), "config", "-q"], cwd=REPO,
                             capture_output=True, text=True, timeout=120, env=env)
    assert refused.returncode != 0 and "AIRFLOW_FERNET_KEY" in refused.stderr


def test_compose_has_no_known_jwt_secret():
    services = yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))["services"]
    secrets = [str(s.get("environment", {}).get("AIRFLOW__API_AUTH__JWT_SECRET", ""))
               for s in services.values() if isinstance(s.get("environment"), dict)]
    assert secrets and all(":?" in value for value in secrets if value)


def test_every_service_others_depend_on_has_a_healthcheck():
    services = yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))["services"]

    missing = [name for name in HEALTHCHECKED if not (services.get(name) or {}).get("healthcheck", {}).get("test")]
    assert missing == [], f"services without a healthcheck test: {missing}"
    for name in HEALTHCHECKED:
        assert name in services, f"service {name} is gone from docker-compose.yml"
