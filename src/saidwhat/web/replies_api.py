"""The reply desk's JSON API: post a reply, read published replies, report one, and
the moderation endpoints (behind a moderator's login).

A script posts a reply as a browser does: ``GET /api/challenge`` for a question and
its token, then ``POST /api/replies`` with the answer. Moderation calls take the
token of ``POST /api/login`` as ``Authorization: Bearer <token>`` (or the session
cookie plus the ``X-CSRF-Token`` header). No answer ever holds an email.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import JSONResponse

from ..errors import InputError
from ..store.corrections import STATUSES, Proposal
from ..store.query import MAX_ID
from ..store.replies import QUEUES, Draft
from ..store.users import User
from .auth import Moderator
from .desk import CHALLENGE_LIMIT, RATE_WINDOW, client_network, desk_of, no_store
from .errors import NotFound, UnsupportedMediaType
from .reply_schemas import (
    AnswerRequest,
    ChallengeJSON,
    CorrectionJSON,
    CorrectionList,
    Queue,
    ReplyJSON,
    ReplyRequest,
    StatementReplies,
)
from .schemas import Error

MAX_LIMIT = 100


def _errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    texts = {
        401: "log in as a moderator first",
        403: "the CSRF token is missing or wrong (cookie-authenticated calls)",
        404: "no such statement, reply or correction",
        409: "the correction cannot be applied or undone now",
        415: "send JSON",
        422: "a field is invalid, or the anti-spam answer is wrong, used or expired",
        429: "too many requests from this network; see Retry-After",
        503: "replies are off (read-only store) or the store cannot answer",
    }
    return {c: {"model": Error, "description": texts[c]} for c in codes}


router = APIRouter(prefix="/api", tags=["replies"], responses=_errors(422, 503))
moderation = APIRouter(prefix="/api/moderation", tags=["moderation"], responses=_errors(401, 403, 422, 503))


def _json_body(request: Request) -> None:
    """Writes take JSON only: a page on another site cannot send it without asking first (CORS)."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media != "application/json":
        raise UnsupportedMediaType("send JSON (Content-Type: application/json)")


# ---------------------------------------------------------------- readers


@router.get(
    "/challenge", response_model=ChallengeJSON, summary="An anti-spam question", responses=_errors(429)
)
def api_challenge(request: Request) -> Any:
    """A question to answer in ``POST /api/replies`` (single use, expires)."""
    desk = desk_of(request)
    desk.require_enabled()
    desk.guard.hit("challenge", client_network(request), CHALLENGE_LIMIT, RATE_WINDOW)
    c = desk.guard.challenge(desk.settings.challenge_seconds)
    return no_store(
        JSONResponse(
            {"token": c.token, "question": c.question, "spoken": c.spoken, "expires_at": c.expires_at}
        )
    )


@router.post(
    "/replies",
    status_code=201,
    response_model=ReplyJSON,
    summary="Post a reply (and a correction)",
    responses=_errors(404, 415, 429),
)
def api_post_reply(request: Request, body: ReplyRequest) -> Any:
    """A reply on a statement (``attribution_id``), or on an article (``article_id``) to
    report a missing statement. ``status`` says whether it is published or waits for a
    moderator (``held`` is not shown to the poster)."""
    _json_body(request)
    desk = desk_of(request)
    desk.require_enabled()
    net = client_network(request)
    desk.guard.hit("reply", net, desk.settings.reply_rate_limit, RATE_WINDOW)
    if body.website:
        raise InputError("this reply cannot be accepted")
    desk.guard.check(body.challenge.token, body.challenge.answer)
    if body.attribution_id is not None:
        article_id = desk.replies.article_of(body.attribution_id)
        if article_id is None:
            raise NotFound(f"there is no statement with id {body.attribution_id}")
    elif body.article_id:
        article_id = body.article_id
    else:
        raise InputError("send attribution_id (a statement) or article_id (an article)")
    proposal = None
    if body.correction is not None:
        c = body.correction
        kind = "missing" if body.attribution_id is None else c.kind
        proposal = Proposal(kind, c.speaker, c.speaker_type, tuple((s[0], s[1]) for s in c.spans), c.words)
    reply = desk.replies.post(
        Draft(body.name, body.email, body.body, article_id, body.attribution_id, proposal, net)
    )
    return JSONResponse(reply.to_json(), status_code=201)


@router.get(
    "/attributions/{attribution_id}/replies",
    response_model=StatementReplies,
    summary="Published replies on a statement",
    responses=_errors(404),
)
def api_statement_replies(request: Request, attribution_id: int = Path(ge=1, le=MAX_ID)) -> Any:
    """A statement's published replies (with moderators' answers), and the corrections
    applied to it or undone."""
    desk = desk_of(request)
    if desk.replies.article_of(attribution_id) is None:
        raise NotFound(f"there is no statement with id {attribution_id}")
    return {
        "attribution_id": attribution_id,
        "replies": [r.to_json() for r in desk.replies.published(attribution_id=attribution_id)],
        "corrections": [
            c.to_json() for c in desk.corrections.of_attributions([attribution_id]).get(attribution_id, [])
        ],
    }


@router.post(
    "/replies/{reply_id}/report",
    status_code=202,
    summary="Report a published reply",
    responses=_errors(404, 415, 429),
)
def api_report(request: Request, reply_id: int = Path(ge=1, le=MAX_ID)) -> Any:
    """Ask the moderators to look at a published reply (counted once per network).
    Send an empty JSON object."""
    _json_body(request)
    desk = desk_of(request)
    desk.require_enabled()
    net = client_network(request)
    desk.guard.hit("report", net, desk.settings.reply_rate_limit, RATE_WINDOW)
    counted = desk.replies.report(reply_id, net)
    return JSONResponse({"reply_id": reply_id, "counted": counted}, status_code=202)


# ---------------------------------------------------------------- moderators


@moderation.get("/replies", response_model=Queue, summary="A moderation queue")
def api_queue(
    request: Request,
    user: Moderator,
    queue: str = Query("pending", description="pending, approved, rejected or reported"),
    limit: int = Query(20, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0),
) -> Any:
    """Replies of a queue with why they were held, their reports, network and proposed
    correction (never an email), and the size of every queue."""
    if queue not in QUEUES:
        raise InputError(f"queue: one of {', '.join(QUEUES)}")
    desk = desk_of(request)
    found, total = desk.replies.queue(queue, limit, offset)
    return no_store(
        JSONResponse(
            {
                "queue": queue,
                "replies": [r.to_json(private=True) for r in found],
                "total": total,
                "sizes": desk.replies.queue_sizes(),
            }
        )
    )


def _reply_action(request: Request, reply_id: int, action: str, user: User, text: str = "") -> Any:
    replies = desk_of(request).replies
    if action == "answer":
        return replies.answer(reply_id, text, user).to_json(private=True)
    if action == "dismiss":
        return replies.dismiss_reports(reply_id, user).to_json(private=True)
    return replies.moderate(reply_id, "approved" if action == "approve" else "rejected", user).to_json(
        private=True
    )


@moderation.post("/replies/{reply_id}/approve", response_model=ReplyJSON, summary="Approve a reply")
def api_approve(request: Request, user: Moderator, reply_id: int = Path(ge=1, le=MAX_ID)) -> Any:
    """Publish a reply (its reports are cleared)."""
    return _reply_action(request, reply_id, "approve", user)


@moderation.post("/replies/{reply_id}/reject", response_model=ReplyJSON, summary="Reject a reply")
def api_reject(request: Request, user: Moderator, reply_id: int = Path(ge=1, le=MAX_ID)) -> Any:
    """Take a reply down, or keep it from being published."""
    return _reply_action(request, reply_id, "reject", user)


@moderation.post(
    "/replies/{reply_id}/dismiss-reports", response_model=ReplyJSON, summary="Keep a reported reply"
)
def api_dismiss(request: Request, user: Moderator, reply_id: int = Path(ge=1, le=MAX_ID)) -> Any:
    """Set a published reply's reports aside."""
    return _reply_action(request, reply_id, "dismiss", user)


@moderation.post("/replies/{reply_id}/answer", response_model=ReplyJSON, summary="Answer a reply")
def api_answer(
    request: Request, user: Moderator, body: AnswerRequest, reply_id: int = Path(ge=1, le=MAX_ID)
) -> Any:
    """A moderator's answer, published at once under the reply (approving a pending one)."""
    return _reply_action(request, reply_id, "answer", user, body.body)


@moderation.get("/corrections", response_model=CorrectionList, summary="Corrections")
def api_corrections(
    request: Request,
    user: Moderator,
    status: str = Query("", description="proposed, applied or undone; empty: all"),
    limit: int = Query(20, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0),
) -> Any:
    """Corrections newest first, with who applied or undid them, when, and what they replaced."""
    if status and status not in STATUSES:
        raise InputError(f"status: one of {', '.join(STATUSES)}")
    found, total = desk_of(request).corrections.listing(status or None, limit, offset)
    return {"corrections": [c.to_json() for c in found], "total": total}


@moderation.post(
    "/corrections/{correction_id}/apply",
    response_model=CorrectionJSON,
    summary="Apply a correction",
    responses=_errors(409),
)
def api_apply(request: Request, user: Moderator, correction_id: int = Path(ge=1, le=MAX_ID)) -> Any:
    """Change the stored statement as the correction says; search and speaker pages show it at once."""
    return desk_of(request).corrections.apply(correction_id, user).to_json()


@moderation.post(
    "/corrections/{correction_id}/undo",
    response_model=CorrectionJSON,
    summary="Undo a correction",
    responses=_errors(409),
)
def api_undo(request: Request, user: Moderator, correction_id: int = Path(ge=1, le=MAX_ID)) -> Any:
    """Put back what an applied correction replaced (the latest of a statement first)."""
    return desk_of(request).corrections.undo(correction_id, user).to_json()
