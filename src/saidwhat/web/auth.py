"""Moderators log in and out; pages and endpoints ask for a logged-in moderator.

Made to be reused by any page that needs an editor::

    from fastapi import Depends
    from saidwhat.store.users import User
    from saidwhat.web.auth import require_moderator

    @router.post("/speakers/{speaker_id}/rename")
    async def rename(request: Request): ...

``require_moderator`` answers with the moderator, or (nobody logged in) sends a
page to /login and back, and answers an API call 401. A request authenticated by
the session cookie must also carry the CSRF token (form field ``csrf`` or header
``X-CSRF-Token``) unless it only reads (GET); one with ``Authorization: Bearer
<token>`` (from ``POST /api/login``) needs none, as browsers never send that
header by themselves. Forms put the token in with ``{{ csrf_token() }}``; the
moderator is ``viewer`` in every template.

The session cookie is HttpOnly, SameSite=Lax, and Secure over HTTPS (or always,
``cookie_secure``); it lasts ``session_hours``. Logins are rate-limited per
network and per name.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from ..store.users import LoginFailed, Session, User
from .csrf import FORM_LIMITS, check_token, require_csrf
from .desk import (
    LOGIN_LIMIT,
    LOGIN_WINDOW,
    SAFE_METHODS,
    SESSION_COOKIE,
    LoginRequired,
    client_network,
    desk_of,
    local_path,
    no_store,
    secure_cookies,
    session_token,
    viewer,
)
from .templating import render

router = APIRouter()
api = APIRouter(prefix="/api", tags=["moderation"])


async def require_moderator(request: Request) -> User:
    """A dependency: the logged-in moderator (CSRF checked for cookie-authenticated writes).

    Raises:
        LoginRequired: nobody is logged in (a page redirects to /login; the API answers 401).
        CSRFFailed: a write with the session cookie but without the CSRF token (403).
        RepliesOff: the store is read-only (503).
    """
    user, bearer = await logged_in(request)
    if not bearer and request.method not in SAFE_METHODS:
        await require_csrf(request)
    return user


async def logged_in(request: Request) -> tuple[User, bool]:
    """The logged-in moderator, and whether they came with a bearer token (no CSRF
    check then) rather than the session cookie.

    Raises:
        LoginRequired: nobody is logged in.
        RepliesOff: the store is read-only (503).
    """
    desk_of(request).require_enabled()
    _, bearer = session_token(request)
    user = await run_in_threadpool(viewer, request)
    if user is None:
        raise LoginRequired("log in as a moderator first")
    return user, bool(bearer)


#: A route parameter that is the logged-in moderator: ``def page(user: Moderator): ...``
Moderator = Annotated[User, Depends(require_moderator)]


def _open_session(request: Request, name: str, password: str) -> Session:
    """Rate-limit, then check the password and open a session."""
    desk = desk_of(request)
    desk.require_enabled()
    desk.guard.hit("login", client_network(request), LOGIN_LIMIT, LOGIN_WINDOW)
    desk.guard.hit("login-name", (name or "").strip().lower()[:64], LOGIN_LIMIT, LOGIN_WINDOW)
    return desk.users.login(name, password, hours=desk.settings.session_hours)


def _set_cookie(request: Request, response: Response, session: Session | None) -> None:
    root = request.scope.get("root_path", "") or "/"
    if session is None:
        response.delete_cookie(SESSION_COOKIE, path=root, httponly=True, samesite="lax")
        return
    response.set_cookie(
        SESSION_COOKIE,
        session.token,
        max_age=int(desk_of(request).settings.session_hours * 3600),
        path=root,
        httponly=True,
        samesite="lax",
        secure=secure_cookies(request),
    )


# ---------------------------------------------------------------- pages


def _login_page(
    request: Request, status: int = 200, error: str | None = None, name: str = "", next: str = ""
) -> Any:
    return no_store(render(request, "login.html", status, active="", error=error, login_name=name, next=next))


@router.get("/login", response_class=HTMLResponse, include_in_schema=False)
def login_form(request: Request, next: str = Query("", max_length=2000)) -> Any:
    """The moderators' login form."""
    desk_of(request).require_enabled()
    return _login_page(request, next=local_path(next, ""))


@router.post("/login", response_class=HTMLResponse, include_in_schema=False)
async def login_submit(request: Request) -> Any:
    """Log in and go where the moderator was going (the moderation queue by default)."""
    desk_of(request).require_enabled()
    form = await request.form(**FORM_LIMITS)
    token = form.get("csrf")
    check_token(request, token if isinstance(token, str) else None)
    name, password = str(form.get("name") or ""), str(form.get("password") or "")
    target = local_path(str(form.get("next") or ""), "/moderation")
    try:
        session = await run_in_threadpool(_open_session, request, name, password)
    except LoginFailed as exc:
        return _login_page(request, 401, str(exc), name=name[:64], next=target)
    response = RedirectResponse(request.scope.get("root_path", "") + target, status_code=303)
    _set_cookie(request, response, session)
    return no_store(response)


@router.post("/logout", include_in_schema=False, dependencies=[Depends(require_csrf)])
async def logout(request: Request) -> Any:
    """End the session and go back to the search page."""
    token, _ = session_token(request)
    await run_in_threadpool(desk_of(request).users.logout, token)
    response = RedirectResponse(request.scope.get("root_path", "") + "/", status_code=303)
    _set_cookie(request, response, None)
    return no_store(response)


# ---------------------------------------------------------------- API


class LoginRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(max_length=64)
    password: str = Field(max_length=1024)


class LoginAnswer(BaseModel):
    token: str = Field(description="send as 'Authorization: Bearer <token>'")
    name: str
    expires_at: str


@api.post("/login", response_model=LoginAnswer, summary="Log in as a moderator")
def api_login(request: Request, body: LoginRequest) -> Any:
    """Open a session: the token authenticates moderation calls as a Bearer token (no
    CSRF token needed). A browser also gets the session cookie. Wrong name or
    password: 401; too many attempts: 429."""
    session = _open_session(request, body.name, body.password)
    response = no_store(
        _json({"token": session.token, "name": session.user.name, "expires_at": session.expires_at})
    )
    _set_cookie(request, response, session)
    return response


@api.post("/logout", status_code=204, summary="Log out")
def api_logout(request: Request, user: Moderator) -> Response:
    """End the session the request is authenticated with."""
    token, _ = session_token(request)
    desk_of(request).users.logout(token)
    response = Response(status_code=204)
    _set_cookie(request, response, None)
    return response


def _json(data: dict[str, Any]) -> Response:
    from fastapi.responses import JSONResponse

    return JSONResponse(data)
