"""The reply desk in the web app: its services, its errors, and what every page
needs to know about it (who is logged in, whether replies are open).

``install(app, store, settings, clock)`` is called by ``create_app``. Replies need
the store opened for writing; over a read-only store (``saidwhat serve
--read-only``) the pages show no reply links and the reply and moderation routes
answer 503.

Errors of the desk, as answers:

    LoginRequired        401 (JSON) or a redirect to /login (pages)
    LoginFailed          401
    NoSuchReply,
    NoSuchCorrection     404
    CSRFFailed           403
    CorrectionConflict   409
    ChallengeFailed      422
    TooManyRequests      429, with Retry-After
    RepliesOff           503
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response

from ..errors import SaidwhatError
from ..settings import Settings
from ..store.corrections import KINDS, CorrectionConflict, Corrections, NoSuchCorrection
from ..store.desk import Clock
from ..store.guard import ChallengeFailed, Guard, TooManyRequests, network
from ..store.holds import Rules
from ..store.replies import NoSuchReply, Replies
from ..store.users import LoginFailed, User, Users
from .errors import error_response, wants_json
from .templating import ENV

log = logging.getLogger(__name__)

RATE_WINDOW = 600  # seconds: the window of the reply and report limits
LOGIN_LIMIT, LOGIN_WINDOW = 10, 900  # login attempts per network, and per name
CHALLENGE_LIMIT = 120  # reply forms opened per network per window
SESSION_COOKIE = "saidwhat_session"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
_UNSET = object()

CORRECTION_LABELS = {
    "speaker": "Wrong speaker",
    "not_statement": "Not a statement",
    "words": "Wrong words",
    "missing": "Missing statement",
}
CORRECTED_LABELS = {
    "speaker": "speaker corrected",
    "words": "words corrected",
    "added": "added by a moderator",
}
STATUS_LABELS = {"proposed": "proposed", "applied": "applied", "undone": "undone"}


class LoginRequired(SaidwhatError):
    """The page or endpoint is for logged-in moderators (HTTP 401)."""


class CSRFFailed(SaidwhatError):
    """A form or request without this site's CSRF token (HTTP 403)."""


class RepliesOff(SaidwhatError):
    """Replies need the store opened for writing (HTTP 503)."""


@dataclass
class Desk:
    """The reply desk's services over one store."""

    settings: Settings
    users: Users
    replies: Replies
    corrections: Corrections
    guard: Guard
    enabled: bool
    _secret: bytes | None = None

    def require_enabled(self) -> None:
        """Raises RepliesOff when the store is read-only."""
        if not self.enabled:
            raise RepliesOff("replies are off: this server opened its database read-only")

    def secret(self) -> bytes:
        """The CSRF key (kept in the store, so every server process shares it)."""
        if self._secret is None:
            self._secret = self.guard.secret("csrf")
        return self._secret


def moment(value: str | None) -> str:
    """A stored timestamp for people: ``2026-03-02 09:00 UTC``."""
    return f"{value[:10]} {value[11:16]} UTC" if value and len(value) >= 16 else (value or "")


def desk_of(request: Request) -> Desk:
    """The app's reply desk."""
    return request.app.state.desk  # type: ignore[no-any-return]


def client_network(request: Request) -> str:
    """The network the request came from (/24 or /48): the only trace of an address kept."""
    return network(request.client.host if request.client else None)


def secure_cookies(request: Request) -> bool:
    """Whether cookies get the Secure flag: over HTTPS, or always when set so."""
    return desk_of(request).settings.cookie_secure == "always" or request.url.scheme == "https"


def no_store(response: Response) -> Response:
    """Pages with forms or a moderator's view are never cached (tokens, private data)."""
    response.headers["cache-control"] = "no-store"
    return response


def local_path(target: str | None, default: str = "/") -> str:
    """``target`` if it is a path on this site (a redirect after a form), else ``default``."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")) and "\n" not in target:
        return target
    return default


def here(request: Request) -> str:
    """This page's path and query below the app's root (for links back to it)."""
    root = request.scope.get("root_path", "")
    path = request.url.path
    path = path[len(root) :] if root and path.startswith(root) else path
    return path + (f"?{request.url.query}" if request.url.query else "")


# ---------------------------------------------------------------- who is looking


def session_token(request: Request) -> tuple[str | None, bool]:
    """The session token and whether it came as a Bearer token (not a cookie)."""
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip(), True
    return request.cookies.get(SESSION_COOKIE), False


def viewer(request: Request) -> User | None:
    """The logged-in moderator making this request, if any (looked up once per request)."""
    if getattr(request.state, "viewer", _UNSET) is _UNSET:
        user = None
        token, _ = session_token(request)
        if token and desk_of(request).enabled:
            try:
                user = desk_of(request).users.session(token)
            except SaidwhatError:  # a page must render even when the store cannot answer
                user = None
        request.state.viewer = user
    return request.state.viewer  # type: ignore[no-any-return]


def page_context(request: Request) -> dict[str, Any]:
    """What every template may use: the moderator, a CSRF token, reply counts."""
    from .csrf import form_token

    desk = desk_of(request)

    def reply_count(attribution_id: int) -> int:
        if not desk.enabled:
            return 0
        try:
            return desk.replies.counts([attribution_id]).get(int(attribution_id), 0)
        except SaidwhatError:
            return 0

    return {
        "viewer": viewer(request),
        "csrf_token": lambda: form_token(request),
        "replies_on": desk.enabled,
        "reply_count": reply_count,
    }


# ---------------------------------------------------------------- errors


async def _login_required(request: Request, exc: Exception) -> Response:
    if wants_json(request):
        response = error_response(request, 401, str(exc))
        response.headers["www-authenticate"] = "Bearer"
        return response
    # back where the moderator was going; after a form (a POST), to the queues
    target = here(request) if request.method in SAFE_METHODS else "/moderation"
    root = request.scope.get("root_path", "")
    return RedirectResponse(f"{root}/login?next={quote(target, safe='')}", status_code=303)


def _status(status: int):  # type: ignore[no-untyped-def]
    async def handler(request: Request, exc: Exception) -> Response:
        response = error_response(request, status, str(exc))
        if isinstance(exc, TooManyRequests):
            response.headers["retry-after"] = str(max(1, exc.retry_after))
        return no_store(response)

    return handler


def install(app: FastAPI, store: Any, settings: Settings, clock: Clock) -> None:
    """Give ``app`` its reply desk: the services, error answers and template helpers."""
    rules = Rules(settings.reply_moderation, settings.reply_max_chars, settings.reply_max_links)
    app.state.desk = Desk(
        settings=settings,
        users=Users(store, clock=clock),
        replies=Replies(store, rules=rules, clock=clock),
        corrections=Corrections(store, clock=clock),
        guard=Guard(store, clock=clock),
        enabled=not store.readonly,
    )
    app.state.page_context = page_context
    app.add_exception_handler(LoginRequired, _login_required)
    for exc, status in (
        (LoginFailed, 401),
        (NoSuchReply, 404),
        (NoSuchCorrection, 404),
        (CSRFFailed, 403),
        (CorrectionConflict, 409),
        (ChallengeFailed, 422),
        (TooManyRequests, 429),
        (RepliesOff, 503),
    ):
        app.add_exception_handler(exc, _status(status))
    ENV.filters["moment"] = moment
    ENV.globals.update(
        CORRECTION_LABELS=CORRECTION_LABELS,
        CORRECTION_KINDS=KINDS,
        CORRECTED_LABELS=CORRECTED_LABELS,
        STATUS_LABELS=STATUS_LABELS,
    )
