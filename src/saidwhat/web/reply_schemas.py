"""Pydantic models of the reply desk's JSON API (requests validated, answers
described in the OpenAPI document). Mirrors ``saidwhat.store.replies.Reply`` and
``saidwhat.store.corrections.Correction``; no model has an email field on the
way out."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..store.query import MAX_ID
from ..store.replies import MAX_EMAIL, MAX_NAME
from .schemas import _Open


class ChallengeJSON(BaseModel):
    token: str = Field(description="send back with the answer; single use")
    question: str = Field(description="e.g. '17 − ◻ = 15': the number in the box is the answer")
    spoken: str = Field(description="the question in words")
    expires_at: str


class ChallengeAnswer(BaseModel):
    model_config = ConfigDict(extra="forbid")

    token: str = Field(max_length=200)
    answer: str = Field(max_length=20)


class ProposalJSON(BaseModel):
    """A correction proposed with a reply."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["speaker", "not_statement", "words", "missing"]
    speaker: str | None = Field(None, max_length=200, description="the right speaker (speaker, missing)")
    speaker_type: Literal["PERSON", "ORG", "GROUP"] = "PERSON"
    spans: list[tuple[int, int]] = Field(
        [], max_length=20, description="[start, end) offsets into the article text (words, missing)"
    )
    words: str | None = Field(None, max_length=20_000, description="or the words, found in the article text")


class ReplyRequest(BaseModel):
    """A reply as posted to ``POST /api/replies``."""

    model_config = ConfigDict(extra="forbid")

    attribution_id: int | None = Field(None, ge=1, le=MAX_ID, description="the statement replied to")
    article_id: str | None = Field(None, max_length=200, description="or the article (a missing statement)")
    name: str = Field(max_length=MAX_NAME * 4, description="shown with the reply")
    email: str = Field(
        max_length=MAX_EMAIL * 4, description="kept for moderation only; never shown or returned"
    )
    body: str = Field(max_length=100_000)
    correction: ProposalJSON | None = None
    challenge: ChallengeAnswer
    website: str | None = Field(None, description="leave out (a field only robots fill in)")


class AnswerRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    body: str = Field(max_length=100_000)


class CorrectionJSON(_Open):
    id: int
    kind: str
    status: str = Field(description="proposed, applied or undone")
    article_id: str
    attribution_id: int | None = None
    reply_id: int | None = None
    speaker: str | None = None
    speaker_type: str | None = None
    spans: list[list[int]] | None = None
    words: str | None = None
    created_at: str
    applied_at: str | None = None
    applied_by: str | None = None
    undone_at: str | None = None
    undone_by: str | None = None
    before: dict[str, Any] | None = Field(None, description="the speaker and words it replaced")
    history: list[dict[str, Any]] = []


class ReplyJSON(_Open):
    id: int
    article_id: str
    attribution_id: int | None = None
    parent_id: int | None = None
    name: str
    body: str
    status: str = Field(description="pending, approved or rejected")
    created_at: str
    moderator: bool = Field(description="written by a moderator")
    moderated_at: str | None = None
    moderated_by: str | None = None
    correction: CorrectionJSON | None = None
    answers: list[ReplyJSON] = []


class StatementReplies(BaseModel):
    attribution_id: int
    replies: list[ReplyJSON]
    corrections: list[CorrectionJSON]


class Queue(BaseModel):
    queue: str
    replies: list[ReplyJSON] = Field(description="with held (reasons), reports, network and statement")
    total: int
    sizes: dict[str, int]


class CorrectionList(BaseModel):
    corrections: list[CorrectionJSON]
    total: int
