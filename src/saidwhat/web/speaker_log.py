"""The speakers' moderation page: import an alias file, and the log of every decision.

    GET  /moderation/speakers?page=             the upload form, and every manual
                                                decision about speakers, newest first
    POST /moderation/speakers/aliases/preview   (file) what importing the file would do
    POST /moderation/speakers/aliases           (aliases: the file's text, confirmed=yes)

An alias file is the CSV ``saidwhat speakers import`` reads (``store.alias_file``).
Importing one joins names for good, so the upload shows first what each row would do
(which speaker the name is under now, which it joins) with the file's text in the
form; the import sends that text back, and is made in the moderator's name.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import UploadFile

from ..errors import InputError
from ..store.alias_file import AliasRow, read_alias_file
from ..store.decisions import alias_problems
from ..store.users import User
from .auth import Moderator, logged_in
from .csrf import FIELD, check_token
from .desk import no_store
from .speaker_edits import actor, notice_location, read_notice, redirect
from .templating import render

router = APIRouter()

PAGE_SIZE = 50
PREVIEW_ROWS = 100  # rows shown with what they would do (all are imported)


async def uploading_moderator(request: Request) -> User:
    """``require_moderator`` for a form that carries a file or a file's text: the form is
    read with room for them (up to the app's body limit), and its CSRF token checked.

    Raises:
        LoginRequired: nobody is logged in.
        CSRFFailed: a cookie-authenticated form without this site's token.
    """
    user, bearer = await logged_in(request)
    if not bearer:
        form = await request.form(max_files=1, max_fields=10, max_part_size=request.app.state.body_limit)
        token = form.get(FIELD)
        check_token(request, token if isinstance(token, str) else None)
    return user


Uploader = Annotated[User, Depends(uploading_moderator)]


def _log_page(request: Request, page: int, status: int = 200, **extra: Any) -> Response:
    store = request.app.state.store
    found = store.speaker_decisions(PAGE_SIZE + 1, (page - 1) * PAGE_SIZE)
    return no_store(
        render(
            request,
            "speaker_log.html",
            status,
            active="moderation",
            decisions=found[:PAGE_SIZE],
            page=page,
            has_next=len(found) > PAGE_SIZE,
            notice=read_notice(request),
            upload_error=extra.pop("upload_error", None),
            **extra,
        )
    )


@router.get("/moderation/speakers", response_class=HTMLResponse, include_in_schema=False)
def log_page(request: Request, user: Moderator, page: int = Query(1, ge=1, le=200)) -> Response:
    """The alias upload form and the decision log."""
    return _log_page(request, page)


def _preview(store: Any, rows: list[AliasRow]) -> list[dict[str, Any]]:
    """What the first rows would do: the speaker each name is under now, the one it joins."""
    out = []
    for name, canonical, qid in rows[:PREVIEW_ROWS]:
        out.append(
            {
                "name": name,
                "canonical": canonical,
                "external_id": qid,
                "now": store.speaker(name),
                "joins": store.speaker(canonical),
            }
        )
    return out


@router.post("/moderation/speakers/aliases/preview", response_class=HTMLResponse, include_in_schema=False)
async def preview(request: Request, user: Uploader) -> Response:
    """Read the uploaded alias file and show what importing it would do."""
    form = await request.form()
    upload = form.get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        return _log_page(request, 1, 422, upload_error="choose an alias file (CSV) to upload")
    try:
        data = await upload.read()
    finally:
        await upload.close()
    where = upload.filename[:200]
    try:
        rows = read_alias_file(data, where)
    except InputError as exc:
        return _log_page(request, 1, 422, upload_error=str(exc))
    problems = alias_problems(rows)
    if problems:
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        return _log_page(
            request,
            1,
            422,
            upload_error=f"{where}: nothing can be imported: " + "; ".join(problems[:5]) + more,
        )
    store = request.app.state.store
    shown = await run_in_threadpool(_preview, store, rows)
    return no_store(
        render(
            request,
            "alias_preview.html",
            active="moderation",
            filename=where,
            rows=rows,
            shown=shown,
            with_ids=sum(1 for r in rows if r[2]),
            text=data.decode("utf-8-sig"),
        )
    )


@router.post("/moderation/speakers/aliases", include_in_schema=False)
async def import_aliases(request: Request, user: Uploader) -> Response:
    """Import the alias file the preview showed (its text comes back in the form)."""
    form = await request.form()
    text, confirmed = form.get("aliases"), form.get("confirmed")
    if confirmed != "yes" or not isinstance(text, str):
        return redirect(f"{request.scope.get('root_path', '')}/moderation/speakers")
    try:
        rows = read_alias_file(text, "the alias file")
    except InputError as exc:
        return _log_page(request, 1, 422, upload_error=str(exc))
    store = request.app.state.store
    done = await run_in_threadpool(store.import_aliases, rows, actor=actor(user))
    return redirect(
        notice_location(request, None, edited="imported", rows=done["rows"], ids=done["external_ids"])
    )
