"""Airflow plugin: the "eventwire health" page and endpoint, served by the Airflow api-server.

Thin on purpose: it opens the eventwire database with the same settings as the DAG and shows
`pipeline.health.health_report` as an HTML page (`/eventwire/`, linked in the UI's nav), as JSON
(`/eventwire/health`), and serves the offline GX Data Docs under `/eventwire/data-docs/`. Every route asks
for a signed-in Airflow user (the UI's session cookie or a bearer token from `/auth/token`).
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlencode

from airflow.plugins_manager import AirflowPlugin
from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles

from pipeline import db
from pipeline.config import Settings
from pipeline.health import health_report, render_html
from pipeline.validate import docs

URL_PREFIX = "/eventwire"


async def signed_in(request: Request):
    """The Airflow user behind the request (bearer token wins over the UI's `_token` cookie); 401 if none."""
    from airflow.api_fastapi.auth.managers.base_auth_manager import COOKIE_NAME_JWT_TOKEN
    from airflow.api_fastapi.core_api.security import resolve_user_from_token

    header = request.headers.get("authorization", "")
    token = header[7:] if header.lower().startswith("bearer ") else request.cookies.get(COOKIE_NAME_JWT_TOKEN)
    return await resolve_user_from_token(token)


def _data_docs_dir() -> Path:
    return Settings.from_env().data_dir / "data_docs"


def _data_docs_pages() -> dict[str, str]:
    """Label -> relative link of the offline Data Docs pages (the validations index and the newest run)."""
    return {label: f"data-docs/{path}" for label, path in docs.links(_data_docs_dir()).items()}


def _report() -> dict:
    with db.connect(Settings.from_env(), autocommit=True) as conn:
        return health_report(conn)


app = FastAPI(title="eventwire health", description="Feeds, runs, quarantine and newest events of eventwire.")


@app.exception_handler(HTTPException)
async def _login_first(request: Request, exc: HTTPException):
    """A browser that is not signed in goes to Airflow's login page and comes back; API clients get JSON."""
    if exc.status_code in (401, 403) and "text/html" in request.headers.get("accept", ""):
        back = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/auth/login?{urlencode({'next': back})}", status_code=303)
    from fastapi.exception_handlers import http_exception_handler
    return await http_exception_handler(request, exc)


@app.get("/health", dependencies=[Depends(signed_in)])
def health() -> dict:
    return jsonable_encoder(_report())


@app.get("/", response_class=HTMLResponse, dependencies=[Depends(signed_in)])
def health_page() -> HTMLResponse:
    page = render_html(_report(), data_docs=_data_docs_pages(), json_url="health",
                       generated_at=datetime.now(timezone.utc))
    return HTMLResponse(page, headers={"Cache-Control": "no-store"})


class _DataDocs(StaticFiles):
    """The Data Docs folder as static files; it may appear after the api-server started."""

    def __init__(self):
        super().__init__(directory=_data_docs_dir(), html=True, check_dir=False)

    async def __call__(self, scope, receive, send):
        request = Request(scope, receive)
        try:
            await signed_in(request)
        except HTTPException as exc:
            await (await _login_first(request, exc))(scope, receive, send)
            return
        if not Path(self.directory).is_dir():
            await HTMLResponse("no Data Docs written yet", status_code=404)(scope, receive, send)
            return
        await super().__call__(scope, receive, send)


app.mount("/data-docs", _DataDocs(), name="data-docs")


class EventwireHealthPlugin(AirflowPlugin):
    name = "eventwire_health"
    fastapi_apps = [{"app": app, "url_prefix": URL_PREFIX, "name": "eventwire health"}]
    # A nav entry whose page is our HTML, shown inside the Airflow UI (url_route = path in the UI).
    external_views = [{
        "name": "eventwire health",
        "href": f"{URL_PREFIX}/",
        "url_route": "eventwire-health",
        "destination": "nav",
        "category": "browse",
    }]
