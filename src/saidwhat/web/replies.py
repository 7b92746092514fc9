"""Readers reply: the statement page with its replies and the reply form, the
missing-statement form of an article, and reporting a published reply.

``/attributions/{id}`` shows one statement highlighted in its article, the
corrections made to it, the published replies, and the form: name, email (never
shown anywhere, not even back in the form), the reply, an optional correction,
the arithmetic question, a honeypot field and the CSRF token. Selecting words in
the article text fills the correction's span (a small script); without script,
the words are typed or pasted and found in the text.

A submission is checked in order: the CSRF token, the network's rate limit, the
honeypot (filled: answered as if held, and dropped), the challenge, then the
reply itself. A failed one comes back with what was typed (the email aside) and
a new question; a stored one redirects to the statement page, saying whether it
is published or waiting for a moderator.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Depends, Path, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import FormData

from ..errors import InputError, SaidwhatError
from ..store.corrections import SPEAKER_TYPES, Proposal
from ..store.guard import ChallengeFailed, TooManyRequests
from ..store.query import MAX_ID
from ..store.replies import Draft
from .articles import ARTICLE_ID, get_article
from .csrf import FORM_LIMITS, require_csrf
from .desk import CHALLENGE_LIMIT, RATE_WINDOW, client_network, desk_of, no_store
from .errors import NotFound, status_of
from .highlight import segment
from .templating import render

log = logging.getLogger(__name__)
router = APIRouter()

HONEYPOT = "website"


@dataclass
class Typed:
    """What the reader typed, to fill the form again after a refusal (never the email)."""

    name: str = ""
    body: str = ""
    correction: str = ""
    speaker: str = ""
    speaker_type: str = "PERSON"
    words: str = ""
    start: str = ""
    end: str = ""

    @classmethod
    def of(cls, form: FormData) -> Typed:
        def get(key: str, default: str = "") -> str:
            value = form.get(key)
            return value[:20_000] if isinstance(value, str) else default

        return cls(
            get("name"),
            get("body"),
            get("correction"),
            get("speaker"),
            get("speaker_type", "PERSON"),
            get("words"),
            get("start"),
            get("end"),
        )

    def proposal(self, fixed: str | None = None) -> Proposal | None:
        """The correction proposed, if any (``fixed``: the form only proposes that kind)."""
        kind = fixed or self.correction.strip()
        if not kind:
            return None
        spans: tuple[tuple[int, int], ...] = ()
        if self.start.strip().isdigit() and self.end.strip().isdigit():
            spans = ((int(self.start), int(self.end)),)
        return Proposal(kind, self.speaker, self.speaker_type or "PERSON", spans, self.words)


def draft_of(typed: Typed, email: str, article_id: str, attribution_id: int | None, network: str) -> Draft:
    """A store draft from a typed form."""
    return Draft(
        name=typed.name,
        email=email,
        body=typed.body,
        article_id=article_id,
        attribution_id=attribution_id,
        proposal=typed.proposal(None if attribution_id is not None else "missing"),
        network=network,
    )


# ---------------------------------------------------------------- rendering


def _statement(request: Request, attribution_id: int) -> dict[str, Any]:
    """The statement's article and place in it; or the correction that removed it.

    Raises:
        NotFound: no statement has (or had) this id.
    """
    desk = desk_of(request)
    article_id = desk.replies.article_of(attribution_id)
    if article_id is None:
        raise NotFound(f"there is no statement with id {attribution_id}")
    stored = get_article(request.app.state.store, article_id)
    corrections = desk.corrections.of_attributions([attribution_id]).get(attribution_id, [])
    index = stored.attribution_ids.index(attribution_id) if attribution_id in stored.attribution_ids else None
    removed = next(
        (c for c in reversed(corrections) if c.kind == "not_statement" and c.status == "applied"), None
    )
    return {"stored": stored, "index": index, "corrections": corrections, "removed": removed}


def _challenge(request: Request) -> tuple[Any, str | None]:
    """A new anti-spam question for the form, or why no form can be offered now."""
    desk = desk_of(request)
    if not desk.enabled:
        return None, "Replies are closed on this server."
    try:
        desk.guard.hit("challenge", client_network(request), CHALLENGE_LIMIT, RATE_WINDOW)
    except TooManyRequests as exc:
        return None, str(exc)
    return desk.guard.challenge(desk.settings.challenge_seconds), None


def statement_view(
    request: Request,
    attribution_id: int,
    *,
    status: int = 200,
    typed: Typed | None = None,
    error: str | None = None,
) -> Response:
    """The statement page (also after a refused submission, with ``typed`` and ``error``)."""
    desk = desk_of(request)
    found = _statement(request, attribution_id)
    stored, index = found["stored"], found["index"]
    article = stored.article
    shown = [article.attributions[index]] if index is not None else []
    challenge, closed = _challenge(request)
    return no_store(
        render(
            request,
            "statement.html",
            status,
            active="",
            article=article,
            attribution_id=attribution_id,
            statement=shown[0] if shown else None,
            speaker_id=stored.speaker_ids[index] if index is not None else None,
            cluster_id=stored.cluster_ids[index] if index is not None else None,
            corrected=stored.corrected[index] if index is not None and stored.corrected else None,
            removed=found["removed"],
            corrections=found["corrections"],
            replies=desk.replies.published(attribution_id=attribution_id),
            segments=segment(article.text, shown, article.body),
            keys=[attribution_id],
            typed=typed or Typed(),
            error=error,
            challenge=challenge,
            closed=closed,
            posted=request.query_params.get("posted", ""),
            reported=request.query_params.get("reported", ""),
            action=f"{request.scope.get('root_path', '')}/attributions/{attribution_id}/replies",
            speaker_types=SPEAKER_TYPES,
        )
    )


def missing_view(
    request: Request,
    article_id: str,
    *,
    status: int = 200,
    typed: Typed | None = None,
    error: str | None = None,
) -> Response:
    """The form to report a statement the extractor missed in an article."""
    desk = desk_of(request)
    stored = get_article(request.app.state.store, article_id)
    article = stored.article
    challenge, closed = _challenge(request)
    from urllib.parse import quote

    return no_store(
        render(
            request,
            "missing.html",
            status,
            active="",
            article=article,
            replies=desk.replies.published(article_id=article.id),
            corrections=[c for c in desk.corrections.of_article(article.id) if c.kind == "missing"],
            segments=segment(article.text, [], article.body),
            keys=[],
            typed=typed or Typed(correction="missing"),
            error=error,
            challenge=challenge,
            closed=closed,
            posted=request.query_params.get("posted", ""),
            action=f"{request.scope.get('root_path', '')}/articles/{quote(article.id, safe='')}/replies",
            speaker_types=SPEAKER_TYPES,
        )
    )


# ---------------------------------------------------------------- submitting


def submit(request: Request, form: FormData, article_id: str, attribution_id: int | None) -> Any:
    """Check a submitted reply form and store the reply; returns the reply, or None
    when the honeypot caught it.

    Raises:
        TooManyRequests, ChallengeFailed, InputError: the submission is refused.
    """
    desk = desk_of(request)
    desk.require_enabled()
    net = client_network(request)
    desk.guard.hit("reply", net, desk.settings.reply_rate_limit, RATE_WINDOW)
    if str(form.get(HONEYPOT) or "").strip():
        log.info("reply from %s dropped: the honeypot field was filled", net)
        return None
    answer = form.get("answer")
    token = form.get("challenge")
    desk.guard.check(token if isinstance(token, str) else None, answer if isinstance(answer, str) else None)
    email = form.get("email")
    draft = draft_of(Typed.of(form), email if isinstance(email, str) else "", article_id, attribution_id, net)
    return desk.replies.post(draft)


def _after(request: Request, path: str, reply: Any) -> RedirectResponse:
    status = "pending" if reply is None else reply.status
    anchor = f"#reply-{reply.id}" if reply is not None and reply.status == "approved" else "#posted"
    return RedirectResponse(
        f"{request.scope.get('root_path', '')}{path}?posted={status}{anchor}", status_code=303
    )


@router.get("/attributions/{attribution_id}", response_class=HTMLResponse, include_in_schema=False)
def statement_page(request: Request, attribution_id: int = Path(ge=1, le=MAX_ID)) -> Response:
    """One statement in its article, its corrections, replies and the reply form."""
    return statement_view(request, attribution_id)


@router.post(
    "/attributions/{attribution_id}/replies",
    response_class=HTMLResponse,
    include_in_schema=False,
    dependencies=[Depends(require_csrf)],
)
async def post_reply(request: Request, attribution_id: int = Path(ge=1, le=MAX_ID)) -> Response:
    """Post a reply (and correction) on a statement."""
    form = await request.form(**FORM_LIMITS)

    def run() -> Response:
        article_id = desk_of(request).replies.article_of(attribution_id)
        if article_id is None:
            raise NotFound(f"there is no statement with id {attribution_id}")
        try:
            reply = submit(request, form, article_id, attribution_id)
        except (TooManyRequests, ChallengeFailed, InputError) as exc:
            return refused(
                exc,
                statement_view(
                    request,
                    attribution_id,
                    status=status_of_refusal(exc),
                    typed=Typed.of(form),
                    error=str(exc),
                ),
            )
        return _after(request, f"/attributions/{attribution_id}", reply)

    return await run_in_threadpool(run)


@router.get("/articles/{article_id}/missing", response_class=HTMLResponse, include_in_schema=False)
def missing_page(request: Request, article_id: str = ARTICLE_ID) -> Response:
    """The form to report a statement missing from an article."""
    return missing_view(request, article_id)


@router.post(
    "/articles/{article_id}/replies",
    response_class=HTMLResponse,
    include_in_schema=False,
    dependencies=[Depends(require_csrf)],
)
async def post_missing(request: Request, article_id: str = ARTICLE_ID) -> Response:
    """Post a reply proposing a missing statement."""
    form = await request.form(**FORM_LIMITS)

    def run() -> Response:
        from urllib.parse import quote

        get_article(request.app.state.store, article_id)
        try:
            reply = submit(request, form, article_id, None)
        except (TooManyRequests, ChallengeFailed, InputError) as exc:
            return refused(
                exc,
                missing_view(
                    request, article_id, status=status_of_refusal(exc), typed=Typed.of(form), error=str(exc)
                ),
            )
        return _after(request, f"/articles/{quote(article_id, safe='')}/missing", reply)

    return await run_in_threadpool(run)


@router.post("/replies/{reply_id}/report", include_in_schema=False, dependencies=[Depends(require_csrf)])
def report_reply(request: Request, reply_id: int = Path(ge=1, le=MAX_ID)) -> Response:
    """Report a published reply to the moderators (once per network)."""
    desk = desk_of(request)
    net = client_network(request)
    desk.guard.hit("report", net, desk.settings.reply_rate_limit, RATE_WINDOW)
    reply = desk.replies.get(reply_id)
    if reply is None or reply.status != "approved":
        raise NotFound(f"there is no published reply {reply_id}")
    desk.replies.report(reply_id, net)
    target = (
        f"/attributions/{reply.attribution_id}"
        if reply.attribution_id is not None
        else f"/articles/{reply.article_id}/missing"
    )
    return RedirectResponse(
        f"{request.scope.get('root_path', '')}{target}?reported={reply_id}#reply-{reply_id}", status_code=303
    )


def refused(exc: SaidwhatError, response: Response) -> Response:
    """A refused form, with Retry-After when a rate limit refused it."""
    if isinstance(exc, TooManyRequests):
        response.headers["retry-after"] = str(max(1, exc.retry_after))
    return response


def status_of_refusal(exc: SaidwhatError) -> int:
    """The status a refused form comes back with."""
    if isinstance(exc, TooManyRequests):
        return 429
    return status_of(exc) if not isinstance(exc, ChallengeFailed) else 422
