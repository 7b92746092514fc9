"""Speaker corrections in the JSON API, behind a moderator's login (tag *speaker
corrections* in the OpenAPI document): the actions of the speaker page and the
speakers' moderation page, made in the logged-in moderator's name.

    POST /api/speakers/{id}/merge         {"into": id or name}    -> the merged speaker
    POST /api/speakers/{id}/split         {"name": ...}           -> the speaker, and where the name went
    POST /api/speakers/{id}/rename        {"name": ...}           -> the speaker
    POST /api/speakers/{id}/external-id   {"external_id": ... or null}
    GET  /api/speakers/{id}/explain?with= every name's rule and evidence, and the decisions
    GET  /api/speakers/{id}/decisions     the decisions about the speaker, newest first
    GET  /api/moderation/speakers/decisions?limit=&offset=   every decision, newest first
    POST /api/moderation/speakers/aliases {"aliases": [...]} or {"csv": "..."}

Calls take the token of ``POST /api/login`` as ``Authorization: Bearer <token>`` (or
the session cookie plus the ``X-CSRF-Token`` header). A merge or split here is made at
once: a script has confirmed by calling.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from ..errors import InputError
from ..store.alias_file import read_alias_file
from ..store.decisions import CONTROL, MAX_EXTERNAL_ID
from ..store.query import MAX_ID
from .auth import Moderator
from .desk import no_store
from .schemas import Error, SpeakerDetail, _Open
from .speaker_edits import MAX_NAME, actor, explanation
from .speakers import get_speaker

MAX_ALIASES = 100_000
MAX_LOG = 500


def _printable(value: str) -> str:
    """No control characters: a name is shown on pages and kept in the log."""
    if CONTROL.search(value):
        raise ValueError("no control characters")
    return value


Name = Annotated[str, Field(min_length=1, max_length=MAX_NAME), AfterValidator(_printable)]


def _errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    texts = {
        401: "log in as a moderator first",
        403: "the CSRF token is missing or wrong (cookie-authenticated calls)",
        404: "no such speaker",
        409: "the two are already one speaker, or another speaker has this external id",
        422: "a field is invalid, or the correction cannot be made as asked (the message says why)",
        503: "the store is read-only or cannot answer",
    }
    return {c: {"model": Error, "description": texts[c]} for c in codes}


router = APIRouter(prefix="/api", tags=["speaker corrections"], responses=_errors(401, 403, 404, 422, 503))


# ---------------------------------------------------------------- models


class MergeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    into: Annotated[int, Field(ge=1, le=MAX_ID)] | Name = Field(
        description="the speaker this one becomes part of: its id, or a name or alias"
    )


class NameRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name


class ExternalIdRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    external_id: str | None = Field(
        max_length=MAX_EXTERNAL_ID,
        description="an id in another catalogue, e.g. a Wikidata QID (Q76); null or empty: none",
    )


class SplitAnswer(BaseModel):
    speaker: SpeakerDetail = Field(description="the speaker the name was taken from")
    now: SpeakerDetail | None = Field(
        description="the speaker the name's statements belong to now (null: none)"
    )


class SpeakerLinkJSON(_Open):
    name: str = Field(description="a name the speaker's statements were given, as first written")
    gender: str | None = None
    role: str | None = Field(None, description="one-word names: the role they were given")
    period: str | None = Field(None, description="one-word names: the year")
    statements: int
    speaker_id: int | None = Field(None, description="null: left unresolved")
    speaker: str | None = None
    rule: str = Field(
        description="why it belongs to that speaker (same-name, only-one-in-window, merge, ...)"
    )
    evidence: dict[str, Any] = {}
    actor: str | None = Field(None, description="who decided, for a manual decision")
    decided_at: str | None = None
    own: bool = Field(False, description="the speaker's own name (it cannot be split off)")


class SpeakerDecisionJSON(_Open):
    id: int
    action: str = Field(description="merge, alias-file, split, rename or external-id")
    name: str = Field(description="the name key decided about (empty for rename and external-id)")
    speaker: str = Field(description="the speaker's key")
    value: str | None = Field(None, description="the name shown, the new name, or the external id")
    actor: str = Field(description="who made it")
    decided_at: str
    speaker_id: int | None = Field(None, description="the speaker with that key now")
    speaker_name: str | None = None


class ExplanationJSON(BaseModel):
    a: str
    b: str
    same: bool = Field(description="whether the two are one speaker")
    links_a: list[SpeakerLinkJSON]
    links_b: list[SpeakerLinkJSON]
    decisions: list[SpeakerDecisionJSON] = Field(description="the manual decisions about them, oldest first")


class SpeakerDecisions(BaseModel):
    decisions: list[SpeakerDecisionJSON] = Field(description="newest first")


class DecisionList(SpeakerDecisions):
    limit: int
    offset: int


class AliasJSON(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name
    canonical: Name = Field(description="the speaker's name the alias joins (and shows)")
    external_id: str | None = Field(None, max_length=MAX_EXTERNAL_ID, description="e.g. a Wikidata QID")


class AliasImport(BaseModel):
    """Alias rows, as objects or as the CSV text ``saidwhat speakers import`` reads."""

    model_config = ConfigDict(extra="forbid")

    aliases: list[AliasJSON] | None = Field(None, max_length=MAX_ALIASES)
    csv: str | None = Field(None, description="the alias file: name,canonical[,external id] lines")


class ImportAnswer(BaseModel):
    rows: int
    joined: int
    external_ids: int


# ---------------------------------------------------------------- routes


@router.post(
    "/speakers/{speaker_id}/merge",
    response_model=SpeakerDetail,
    summary="Merge a speaker into another",
    responses=_errors(409),
)
def api_merge(
    request: Request, user: Moderator, body: MergeRequest, speaker_id: int = Path(ge=1, le=MAX_ID)
) -> Any:
    """Make this speaker part of ``into``, for good: its statements, names and roles join
    that speaker (which keeps its name), and so do later articles naming them. Undo by
    splitting the names off again."""
    store = request.app.state.store
    get_speaker(store, speaker_id)
    return store.merge_speakers(speaker_id, body.into, actor=actor(user)).to_json()


@router.post("/speakers/{speaker_id}/split", response_model=SplitAnswer, summary="Split a name off a speaker")
def api_split(
    request: Request, user: Moderator, body: NameRequest, speaker_id: int = Path(ge=1, le=MAX_ID)
) -> Any:
    """Take ``name`` (one of the speaker's names, not its own) away from it for good; the
    rules place its statements without it."""
    store = request.app.state.store
    get_speaker(store, speaker_id)
    now = store.split_speaker(speaker_id, body.name, actor=actor(user))
    return {"speaker": get_speaker(store, speaker_id).to_json(), "now": now.to_json() if now else None}


@router.post("/speakers/{speaker_id}/rename", response_model=SpeakerDetail, summary="Rename a speaker")
def api_rename(
    request: Request, user: Moderator, body: NameRequest, speaker_id: int = Path(ge=1, le=MAX_ID)
) -> Any:
    """Show the speaker under ``name`` from now on (later ingests keep it)."""
    store = request.app.state.store
    get_speaker(store, speaker_id)
    return store.rename_speaker(speaker_id, body.name, actor=actor(user)).to_json()


@router.post(
    "/speakers/{speaker_id}/external-id",
    response_model=SpeakerDetail,
    summary="Set a speaker's external id",
    responses=_errors(409),
)
def api_external_id(
    request: Request, user: Moderator, body: ExternalIdRequest, speaker_id: int = Path(ge=1, le=MAX_ID)
) -> Any:
    """Give the speaker an id in another catalogue (a Wikidata QID, say), or none; 409
    when another speaker has it (merge the two instead)."""
    store = request.app.state.store
    get_speaker(store, speaker_id)
    return store.set_speaker_external_id(speaker_id, body.external_id, actor=actor(user)).to_json()


@router.get(
    "/speakers/{speaker_id}/explain", response_model=ExplanationJSON, summary="Why names are one speaker"
)
def api_explain(
    request: Request,
    user: Moderator,
    speaker_id: int = Path(ge=1, le=MAX_ID),
    with_: str = Query(
        "", alias="with", max_length=MAX_NAME, description="another name or speaker id to compare with"
    ),
) -> Any:
    """Every name of the speaker with the rule that put it there and the evidence, the
    manual decisions about it, and (``with``) whether that name is the same speaker."""
    get_speaker(request.app.state.store, speaker_id)
    return no_store_json(explanation(request, speaker_id, " ".join(with_.split())).to_json())


@router.get(
    "/speakers/{speaker_id}/decisions", response_model=SpeakerDecisions, summary="Decisions about a speaker"
)
def api_speaker_decisions(request: Request, user: Moderator, speaker_id: int = Path(ge=1, le=MAX_ID)) -> Any:
    """The manual decisions about the speaker and its names, newest first: what, who, when."""
    get_speaker(request.app.state.store, speaker_id)
    found = list(reversed(explanation(request, speaker_id).decisions))
    return no_store_json({"decisions": [d.to_json() for d in found]})


@router.get("/moderation/speakers/decisions", response_model=DecisionList, summary="Every speaker decision")
def api_decisions(
    request: Request,
    user: Moderator,
    limit: int = Query(50, ge=1, le=MAX_LOG),
    offset: int = Query(0, ge=0, le=10_000),
) -> Any:
    """The log of manual decisions about speakers, newest first."""
    found = request.app.state.store.speaker_decisions(limit, offset)
    return no_store_json({"decisions": [d.to_json() for d in found], "limit": limit, "offset": offset})


@router.post("/moderation/speakers/aliases", response_model=ImportAnswer, summary="Import aliases")
async def api_import_aliases(request: Request, user: Moderator, body: AliasImport) -> Any:
    """Join each name to its canonical name's speaker, for good, shown under the canonical
    name with the external id: the rows as objects (``aliases``) or an alias file's text
    (``csv``). All rows or none: a bad row is reported by number."""
    if (body.aliases is None) == (body.csv is None):
        raise InputError("send the rows as 'aliases' or the file as 'csv' (one of the two)")
    if body.csv is not None:
        rows = read_alias_file(body.csv, "csv")
    else:
        rows = [(a.name, a.canonical, a.external_id or None) for a in body.aliases or ()]
    if not rows:
        raise InputError("aliases: no rows")
    store = request.app.state.store
    return await run_in_threadpool(store.import_aliases, rows, actor=actor(user))


def no_store_json(data: dict[str, Any]) -> Any:
    """A moderator's view as JSON, never cached."""
    from fastapi.responses import JSONResponse

    return no_store(JSONResponse(data))
