"""The moderators' pages: the queues, and the record of corrections.

``/moderation?queue=pending`` (approved, rejected, reported) lists replies with
the statement they answer, why each was held, what correction it proposes and
what applying it would change; each reply has buttons to approve, reject, answer,
set reports aside, and apply or undo its correction. ``/moderation/corrections``
is the record of every correction applied or undone: who, when, and the value it
replaced. Every action is a small POST form with the CSRF token that comes back
to the page it was made from.
"""

from __future__ import annotations

import math
from typing import Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ..errors import InputError
from ..store.corrections import STATUSES
from ..store.query import MAX_ID
from ..store.replies import QUEUES
from .auth import Moderator
from .csrf import FORM_LIMITS
from .desk import desk_of, here, local_path, no_store
from .templating import render

router = APIRouter()

PAGE_SIZE = 20
REPLY_ACTIONS = ("approve", "reject", "dismiss", "answer")
CORRECTION_ACTIONS = ("apply", "undo")


@router.get("/moderation", response_class=HTMLResponse, include_in_schema=False)
def queue_page(
    request: Request,
    user: Moderator,
    queue: str = Query("pending"),
    page: int = Query(1, ge=1, le=10_000),
) -> Response:
    """A moderation queue, oldest first (reported: most reported first)."""
    if queue not in QUEUES:
        raise InputError(f"queue: one of {', '.join(QUEUES)}")
    desk = desk_of(request)
    replies, total = desk.replies.queue(queue, PAGE_SIZE, (page - 1) * PAGE_SIZE)
    return no_store(
        render(
            request,
            "moderation.html",
            active="moderation",
            queue=queue,
            queues=QUEUES,
            sizes=desk.replies.queue_sizes(),
            replies=replies,
            total=total,
            page=page,
            pages=max(1, math.ceil(total / PAGE_SIZE)),
            back=here(request),
        )
    )


@router.get("/moderation/corrections", response_class=HTMLResponse, include_in_schema=False)
def corrections_page(
    request: Request,
    user: Moderator,
    status: str = Query(""),
    page: int = Query(1, ge=1, le=10_000),
) -> Response:
    """Every correction, newest first: what it changed, who applied or undid it, when."""
    if status and status not in STATUSES:
        raise InputError(f"status: one of {', '.join(STATUSES)}")
    found, total = desk_of(request).corrections.listing(status or None, PAGE_SIZE, (page - 1) * PAGE_SIZE)
    return no_store(
        render(
            request,
            "corrections.html",
            active="moderation",
            corrections=found,
            status=status,
            statuses=STATUSES,
            total=total,
            page=page,
            pages=max(1, math.ceil(total / PAGE_SIZE)),
            back=here(request),
        )
    )


def _back(request: Request, form: Any, anchor: str) -> RedirectResponse:
    back = form.get("back")
    target = local_path(back if isinstance(back, str) else None, "/moderation")
    return RedirectResponse(f"{request.scope.get('root_path', '')}{target}{anchor}", status_code=303)


@router.post("/moderation/replies/{reply_id}/{action}", include_in_schema=False)
async def reply_action(
    request: Request,
    user: Moderator,
    reply_id: int = Path(ge=1, le=MAX_ID),
    action: str = Path(),
) -> Response:
    """Approve, reject, answer a reply, or set its reports aside."""
    if action not in REPLY_ACTIONS:
        raise InputError(f"action: one of {', '.join(REPLY_ACTIONS)}")
    form = await request.form(**FORM_LIMITS)
    replies = desk_of(request).replies
    if action == "answer":
        body = form.get("body")
        await run_in_threadpool(replies.answer, reply_id, body if isinstance(body, str) else "", user)
    elif action == "dismiss":
        await run_in_threadpool(replies.dismiss_reports, reply_id, user)
    else:
        await run_in_threadpool(
            replies.moderate, reply_id, "approved" if action == "approve" else "rejected", user
        )
    return _back(request, form, f"#reply-{reply_id}")


@router.post("/moderation/corrections/{correction_id}/{action}", include_in_schema=False)
async def correction_action(
    request: Request,
    user: Moderator,
    correction_id: int = Path(ge=1, le=MAX_ID),
    action: str = Path(),
) -> Response:
    """Apply a correction to the stored statement, or undo it."""
    if action not in CORRECTION_ACTIONS:
        raise InputError(f"action: one of {', '.join(CORRECTION_ACTIONS)}")
    form = await request.form(**FORM_LIMITS)
    corrections = desk_of(request).corrections
    run = corrections.apply if action == "apply" else corrections.undo
    await run_in_threadpool(run, correction_id, user)
    return _back(request, form, f"#correction-{correction_id}")
