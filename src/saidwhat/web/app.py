"""The web application: server-rendered pages and a JSON API over one store.

``create_app(store, settings)`` builds it; ``saidwhat serve`` runs it with
uvicorn. Search, speakers, articles and quotes only read the store; "Try it"
and ``POST /api/extract`` run the extraction pipeline without storing anything;
readers' replies, moderation and corrections (``desk``), and moderators' speaker
corrections (``speaker_edits``), write to it when it was opened for writing.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.resources import files
from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from ..budget import Budget
from ..settings import Settings, load_settings
from ..store.desk import Clock, utcnow
from . import (
    api,
    articles,
    auth,
    desk,
    docs,
    moderation,
    quotes,
    replies,
    replies_api,
    search,
    speaker_edits,
    speaker_edits_api,
    speaker_log,
    speakers,
    tryit,
)
from .csrf import CSRFCookieMiddleware
from .errors import (
    BodyLimitMiddleware,
    SecurityHeadersMiddleware,
    UnexpectedErrorMiddleware,
    install_error_handlers,
)
from .extraction import ExtractFn, Extractor, pipeline_extractor
from .head import HeadAsGetMiddleware

log = logging.getLogger(__name__)

# Multipart framing and the small form fields around an upload of the full size.
FORM_OVERHEAD = 64 * 1024

DESCRIPTION = """Who said what in the news: search attributed statements, browse speakers,
read articles with their attributions, compare versions of a quote, and extract
attributions from any article text. Readers reply to statements and propose
corrections; moderators (logged in) approve replies, apply corrections, and merge,
split, rename and identify speakers.

Spans are `[start, end)` character offsets into the article's `text`. Errors are
JSON `{"status", "error", "message"}` with the matching HTTP status code."""


def create_app(
    store: Any,
    settings: Settings | None = None,
    *,
    extract: ExtractFn | None = None,
    warm: bool = False,
    clock: Clock = utcnow,
) -> FastAPI:
    """The saidwhat web app over ``store``.

    Args:
        store: an open store (``saidwhat.store.open_store``); the caller closes it.
        settings: limits (``max_upload_bytes``, ``extract_timeout``, ``worker_memory``)
            and the model.
        extract: Article -> Article with attributions, run in worker processes (so
            picklable); the shared pipeline by default.
        warm: start the extraction workers (and load the model) at startup rather
            than on the first extraction.
        clock: the time, for the reply desk (challenges, sessions, rate limits).
    """
    settings = settings or load_settings()
    extractor = Extractor(extract or pipeline_extractor(settings), Budget.from_settings(settings))

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if warm:
            extractor.warm()
        yield
        extractor.close()

    app = FastAPI(
        title="saidwhat",
        version=_version(),
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,  # our own /docs, without a CDN (docs.py)
        redoc_url=None,
    )
    app.state.store = store
    app.state.settings = settings
    app.state.extractor = extractor
    app.state.body_limit = settings.max_upload_bytes + FORM_OVERHEAD

    install_error_handlers(app)
    desk.install(app, store, settings, clock)
    speaker_edits.install(app)
    # Added last = outermost: headers go on every answer, errors included.
    app.add_middleware(CSRFCookieMiddleware, always_secure=settings.cookie_secure == "always")
    app.add_middleware(BodyLimitMiddleware, limit=app.state.body_limit)
    app.add_middleware(UnexpectedErrorMiddleware)
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(HeadAsGetMiddleware)

    app.mount("/static", StaticFiles(directory=str(files("saidwhat.web") / "static")), name="static")
    docs.mount_swagger_ui(app)
    for module in (
        search,
        speakers,
        articles,
        quotes,
        tryit,
        replies,
        auth,
        moderation,
        speaker_edits,
        speaker_log,
        api,
        replies_api,
        speaker_edits_api,
        docs,
    ):
        app.include_router(module.router)
    app.include_router(auth.api)
    app.include_router(replies_api.moderation)
    return app


def _version() -> str:
    from .. import __version__

    return __version__
