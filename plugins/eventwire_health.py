"""Airflow plugin: the "eventwire health" endpoint served by the Airflow api-server.

Thin on purpose: it opens the eventwire database with the same settings as the DAG and returns
`pipeline.health.health_report` (feeds, runs, quarantine by reason, newest events) as JSON.
"""

from __future__ import annotations

from airflow.plugins_manager import AirflowPlugin
from fastapi import FastAPI
from fastapi.encoders import jsonable_encoder

from pipeline import db
from pipeline.config import Settings
from pipeline.health import health_report

app = FastAPI(title="eventwire health", description="Feeds, runs, quarantine and newest events of eventwire.")


@app.get("/health")
def health() -> dict:
    with db.connect(Settings.from_env(), autocommit=True) as conn:
        return jsonable_encoder(health_report(conn))


class EventwireHealthPlugin(AirflowPlugin):
    name = "eventwire_health"
    fastapi_apps = [{"app": app, "url_prefix": "/eventwire", "name": "eventwire health"}]
