"""The API documentation page, /docs: Swagger UI served from this app, not a CDN.

FastAPI's own page loads Swagger UI from a CDN, so it is blank offline and needs
an inline script; here the Swagger UI files come from the ``fastapi-offline``
package (mounted at /docs/static) and the page's script from our static files,
so the page works without a network and under a CSP that forbids inline script
(it only allows inline styles, on /docs alone: see errors.DOCS_CSP).
"""

from __future__ import annotations

from importlib.resources import files

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from .templating import render

router = APIRouter()


@router.get("/docs", response_class=HTMLResponse, include_in_schema=False)
def docs_page(request: Request) -> HTMLResponse:
    """Swagger UI over /openapi.json."""
    return render(request, "docs.html", title=request.app.title)


def mount_swagger_ui(app: FastAPI) -> None:
    """Serve the Swagger UI files (JavaScript, CSS) at /docs/static."""
    folder = files("fastapi_offline") / "static"
    app.mount("/docs/static", StaticFiles(directory=str(folder)), name="swagger-ui")
