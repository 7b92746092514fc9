"""CSRF protection for every form that changes something (signed double submit).

Each browser gets a random ``saidwhat_csrf`` cookie (HttpOnly, SameSite=Lax,
Secure over HTTPS), set the first time a page renders a form. A form carries
``csrf`` = HMAC-SHA256(the store's secret, that cookie); a script's request
carries the same value in an ``X-CSRF-Token`` header. Another site can neither
read the cookie nor compute the token, so it cannot forge a form; and since the
token is signed, planting a cookie of one's own does not help either.

    from fastapi import Depends
    from saidwhat.web.csrf import require_csrf

    @router.post("/something", dependencies=[Depends(require_csrf)])

(``require_moderator`` in ``auth`` checks it itself for requests made with the
session cookie.) Templates put the token in a form with ``{{ csrf_token() }}``.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

from fastapi import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .desk import CSRFFailed, desk_of

COOKIE = "saidwhat_csrf"
FIELD = "csrf"
HEADER = "x-csrf-token"
_VALUE = re.compile(r"^[A-Za-z0-9_-]{43}$")  # secrets.token_urlsafe(32)
FORM_LIMITS = {"max_files": 0, "max_fields": 50}


def _cookie_value(scope: Scope) -> str | None:
    for name, value in scope.get("headers", ()):
        if name == b"cookie":
            for part in value.decode("latin-1").split(";"):
                key, _, found = part.strip().partition("=")
                if key == COOKIE and _VALUE.match(found):
                    return found
    return None


class CSRFCookieMiddleware:
    """Give each browser its CSRF cookie: the request's (``request.state.csrf_cookie``),
    or a new one, sent back with the response when a form was rendered with it."""

    def __init__(self, app: ASGIApp, *, always_secure: bool = False) -> None:
        self.app = app
        self.always_secure = always_secure

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state = scope.setdefault("state", {})
        value = _cookie_value(scope)
        state["csrf_new"] = value is None
        state["csrf_cookie"] = value or secrets.token_urlsafe(32)
        secure = self.always_secure or scope.get("scheme") == "https"

        async def send_with_cookie(message: Message) -> None:
            if (
                message["type"] == "http.response.start"
                and state.get("csrf_new")
                and state.get("csrf_issued")
            ):
                cookie = f"{COOKIE}={state['csrf_cookie']}; Path=/; HttpOnly; SameSite=Lax"
                message = {
                    **message,
                    "headers": [
                        *message.get("headers", ()),
                        (b"set-cookie", (cookie + ("; Secure" if secure else "")).encode()),
                    ],
                }
            await send(message)

        await self.app(scope, receive, send_with_cookie)


def _sign(request: Request, cookie: str) -> str:
    return hmac.new(desk_of(request).secret(), cookie.encode("ascii"), hashlib.sha256).hexdigest()


def form_token(request: Request) -> str:
    """The CSRF token for forms on this page (sets the cookie if the browser has none)."""
    request.state.csrf_issued = True
    return _sign(request, request.state.csrf_cookie)


def check_token(request: Request, supplied: str | None) -> None:
    """Raises CSRFFailed unless ``supplied`` is the token of the request's own cookie."""
    if (
        getattr(request.state, "csrf_new", True)
        or not supplied
        or not hmac.compare_digest(str(supplied), _sign(request, request.state.csrf_cookie))
    ):
        raise CSRFFailed(
            "this form has expired or did not come from this site (is the site's cookie blocked?); "
            "reload the page and send it again"
        )


async def require_csrf(request: Request) -> None:
    """A dependency: the request carries this site's CSRF token, in the ``X-CSRF-Token``
    header or the form's ``csrf`` field.

    Raises:
        CSRFFailed: no token or a wrong one (HTTP 403).
    """
    desk_of(request).require_enabled()
    supplied = request.headers.get(HEADER)
    if supplied is None:
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media in ("application/x-www-form-urlencoded", "multipart/form-data"):
            form = await request.form(**FORM_LIMITS)
            value = form.get(FIELD)
            supplied = value if isinstance(value, str) else None
    check_token(request, supplied)
