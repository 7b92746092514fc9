"""Errors -> responses: JSON under /api, an HTML page elsewhere; never a traceback.

    NotFound                    404
    InputTooLarge, BodyTooLarge 413
    UnsupportedMediaType        415
    InputError                  422  (the text cannot be read as an article)
    other SaidwhatError         400
    ExtractionBusy, ModelError,
    StoreError, ConfigError     503  (the server cannot answer right now)
    ExtractionTimeout           504
    ExtractionCrashed           500
    request validation          422  (a parameter has the wrong form)
    anything else               500  (logged once with its traceback, answered without)

Also the small ASGI middlewares that belong to error handling: the request body
limit (answered 413 through the handlers above), the last resort for unexpected
errors (inside the security headers, so a 500 carries them like any answer) and
the security headers.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import ConfigError, InputError, ModelError, SaidwhatError, StoreError
from .extraction import ExtractionBusy, ExtractionCrashed, ExtractionTimeout
from .reading import InputTooLarge, UnsupportedMediaType
from .templating import render

log = logging.getLogger(__name__)

REASONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    409: "Conflict",
    413: "Content Too Large",
    415: "Unsupported Media Type",
    422: "Unprocessable Content",
    429: "Too Many Requests",
    500: "Internal Server Error",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


class NotFound(SaidwhatError):
    """The requested speaker, article or quote is not in the store (HTTP 404)."""


class BodyTooLarge(InputTooLarge):
    """The request body is over the server's limit (HTTP 413)."""


def wants_json(request: Request) -> bool:
    """API paths answer JSON; pages answer HTML."""
    path = request.url.path[len(request.scope.get("root_path", "")) :]
    return path == "/api" or path.startswith(("/api/", "/openapi"))


def error_response(request: Request, status: int, message: str, **extra: Any) -> Response:
    """The error as JSON ``{"status", "error", "message"}`` or as the HTML error page."""
    reason = REASONS.get(status, "Error")
    if wants_json(request):
        return JSONResponse(
            {"status": status, "error": reason, "message": message, **extra}, status_code=status
        )
    return render(request, "error.html", status_code=status, status=status, reason=reason, message=message)


def status_of(exc: SaidwhatError) -> int:
    """The HTTP status for a saidwhat error."""
    if isinstance(exc, NotFound):
        return 404
    if isinstance(exc, InputTooLarge):
        return 413
    if isinstance(exc, UnsupportedMediaType):
        return 415
    if isinstance(exc, InputError):
        return 422
    if isinstance(exc, ExtractionTimeout):
        return 504
    if isinstance(exc, ExtractionCrashed):
        return 500
    if isinstance(exc, (ExtractionBusy, ModelError, StoreError, ConfigError)):
        return 503
    return 400


def _message(exc: SaidwhatError) -> str:
    if isinstance(exc, StoreError):
        return f"the quote database cannot answer right now: {exc}"
    if isinstance(exc, ModelError):
        return f"the language model is unavailable: {exc}"
    return str(exc)


async def _saidwhat_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, SaidwhatError)
    status = status_of(exc)
    if status >= 500:
        log.warning("%s %s -> %d: %s", request.method, request.url.path, status, exc)
    return error_response(request, status, _message(exc))


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    message = exc.detail if isinstance(exc.detail, str) else REASONS.get(exc.status_code, "Error")
    if exc.status_code == 404 and message == "Not Found":
        message = "there is no page at this address"
    response = error_response(request, exc.status_code, message)
    if exc.headers:
        response.headers.update(exc.headers)
    return response


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    problems = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body"))
        problems.append({"field": where or "request", "message": err.get("msg", "invalid")})
    message = "; ".join(f"{p['field']}: {p['message']}" for p in problems) or "invalid request"
    return error_response(request, 422, message, errors=problems)


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers above on ``app`` (unexpected errors: UnexpectedErrorMiddleware)."""
    app.add_exception_handler(SaidwhatError, _saidwhat_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)


class UnexpectedErrorMiddleware:
    """Answer any other exception with a 500 page or JSON, and log it once.

    A handler registered for ``Exception`` would run in Starlette's outermost
    middleware, past the security headers, and the exception would be raised again
    to the server, which logs a second traceback; this one sits inside them.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:
            request = Request(scope)
            log.error("%s %s failed", request.method, request.url.path, exc_info=exc)
            if started:  # too late for an error page: the client sees a cut-off answer
                return
            response = error_response(request, 500, "something went wrong on the server; it has been logged")
            await response(scope, receive, send)


class BodyLimitMiddleware:
    """Refuse request bodies over ``limit`` bytes, announced or streamed.

    The check happens when the endpoint reads the body, so the 413 goes through the
    exception handlers and comes out as JSON or HTML like every other error.
    """

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = None
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = None
        received = 0
        limit = self.limit

        async def limited_receive() -> Message:
            nonlocal received
            if declared is not None and declared > limit:
                raise BodyTooLarge(f"the request is too large ({declared:,} bytes; the limit is {limit:,})")
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(f"the request is too large (over {limit:,} bytes)")
            return message

        await self.app(scope, limited_receive, send)


# Pages get a strict Content Security Policy: even if some text escaped escaping,
# no inline script or foreign resource would run. The API docs page (Swagger UI,
# served from this app) sets inline styles, so there and only there styles may be
# inline; scripts still come from this app alone.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")


class SecurityHeadersMiddleware:
    """Add nosniff, referrer and framing headers to every response, and CSP to pages."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", ()))
                headers += [
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"same-origin"),
                    (b"x-frame-options", b"DENY"),
                ]
                policy = DOCS_CSP if path == "/docs" or path.startswith("/docs/") else CSP
                headers.append((b"content-security-policy", policy.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
