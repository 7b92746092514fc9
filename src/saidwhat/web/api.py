"""The JSON API under /api: the same store and extraction as the pages.

Every route is described in the OpenAPI document FastAPI publishes at
/openapi.json (browsable at /docs); every error is JSON
``{"status", "error", "message"}`` with the matching status code.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError

from ..errors import InputError
from ..store.query import MAX_ID
from .acts import ACT_QUERY, kept_acts
from .articles import ARTICLE_ID, get_article
from .errors import UnsupportedMediaType
from .quotes import get_cluster
from .reading import (
    HTML_TYPES,
    article_from_html,
    article_from_text,
    body_text,
    check_size,
    declared_charset,
)
from .schemas import (
    ArticleJSON,
    Error,
    ExtractRequest,
    QuoteCluster,
    SearchResults,
    SpeakerList,
    SpeakerRecord,
    StoredArticleJSON,
)
from .search import MAX_QUERY, SearchQuery, check_date, run_search
from .speakers import get_speaker

MAX_LIMIT = 100
MAX_OFFSET = 10_000


def _errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    texts = {
        404: "not in the store",
        413: "the request body is over the size limit",
        415: "the body is not JSON, text/plain or text/html",
        422: "a parameter is invalid, or the text cannot be read as an English article",
        503: "the store or the language model cannot answer right now, or too many extractions are waiting",
        504: "the extraction overran the time limit",
    }
    return {c: {"model": Error, "description": texts[c]} for c in codes}


router = APIRouter(prefix="/api", tags=["api"], responses=_errors(422, 503))


@router.get("/search", response_model=SearchResults, summary="Search statements")
def api_search(
    request: Request,
    q: str = Query(
        "", max_length=MAX_QUERY, description="words in the statement (full text); empty: newest first"
    ),
    speaker: str = Query("", max_length=200, description="speaker name"),
    since: str = Query("", description="earliest date, YYYY-MM-DD"),
    until: str = Query("", description="latest date, YYYY-MM-DD"),
    kind: str = Query("", description="direct, indirect, mixed or headline"),
    site: str = Query("", max_length=200, description="outlet"),
    type: str = Query("", description="the speaker's type: PERSON (people only), ORG, GROUP or UNKNOWN"),
    act: list[str] = ACT_QUERY,
    limit: int = Query(20, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
) -> Any:
    """Statements matching the query: those whose quote says the words (score 1.0), then
    those matched by their speaker or article title (0.5); in each, confident statements
    (calibrated confidence 0.5 or more) before the others, newest first (undated last,
    the most confident first); newest first without ``q``. Speech and writing (and
    statements whose act was not recorded) unless ``act`` names others, or ``all``;
    ``acts`` in the answer says which were kept."""
    query = SearchQuery.parse(q, speaker, since, until, kind, site, type, act)
    found = run_search(request.app.state.store, query, limit, offset).to_json()
    return {**found, "acts": kept_acts(query.act)}


@router.get("/speakers", response_model=SpeakerList, summary="List speakers")
def api_speakers(
    request: Request,
    q: str = Query("", max_length=200, description="part of a name"),
    top: int = Query(50, ge=1, le=500, description="how many, most quoted first"),
) -> Any:
    """The most quoted speakers, or those whose name matches ``q``."""
    found = request.app.state.store.speakers(top=top, q=q.strip() or None)
    return {"speakers": [s.to_json() for s in found]}


@router.get(
    "/speakers/{speaker_id}",
    response_model=SpeakerRecord,
    summary="One speaker",
    responses=_errors(404),
)
def api_speaker(
    request: Request,
    speaker_id: int = Path(ge=1, le=MAX_ID),
    q: str = Query("", max_length=MAX_QUERY, description="filter the statements by words"),
    act: list[str] = ACT_QUERY,
    limit: int = Query(20, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
) -> Any:
    """A speaker's names and roles over time, statements per week, and statements newest
    first (speech and writing unless ``act`` names others, as in search)."""
    store = request.app.state.store
    detail = get_speaker(store, speaker_id)
    query = SearchQuery.parse(q, act=act)
    statements = store.speaker_statements(
        speaker_id, q=query.q or None, limit=limit, offset=offset, act=query.act
    )
    return {
        "speaker": detail.to_json(),
        "weekly": [{"week": w, "count": c} for w, c in store.speaker_weekly(speaker_id)],
        "statements": {**statements.to_json(), "acts": kept_acts(query.act)},
    }


@router.get(
    "/articles/{article_id}",
    response_model=StoredArticleJSON,
    summary="One article",
    responses=_errors(404),
)
def api_article(request: Request, article_id: str = ARTICLE_ID) -> Any:
    """The stored article in the core JSON shape, each attribution with its store ids."""
    stored = get_article(request.app.state.store, article_id)
    data = stored.article.to_json()
    for item, aid, sid, cid, fixed in zip(
        data["attributions"],
        stored.attribution_ids,
        stored.speaker_ids,
        stored.cluster_ids,
        stored.corrected,
        strict=True,
    ):
        item.update(id=aid, speaker_id=sid, cluster_id=cid, corrected=fixed)
    return data


@router.get(
    "/quotes/{cluster_id}",
    response_model=QuoteCluster,
    summary="One quote and its versions",
    responses=_errors(404),
)
def api_quote(request: Request, cluster_id: int = Path(ge=1, le=MAX_ID)) -> Any:
    """A quote cluster: its versions in every article that carried it, earliest first."""
    return get_cluster(request.app.state.store, cluster_id).to_json()


@router.get("/stats", response_model=dict[str, int], summary="Store counts")
def api_stats(request: Request) -> Any:
    """How many articles, attributions, speakers ... the store holds."""
    return request.app.state.store.stats()


_TEXT_BODY = {"type": "string"}
_EXTRACT_BODY = {
    "required": True,
    "content": {
        "application/json": {"schema": ExtractRequest.model_json_schema()},
        "text/plain": {"schema": _TEXT_BODY},
        "text/html": {"schema": _TEXT_BODY},
    },
}


@router.post(
    "/extract",
    response_model=ArticleJSON,
    summary="Extract who said what",
    responses=_errors(413, 415, 504),
    openapi_extra={"requestBody": _EXTRACT_BODY},
)
async def api_extract(
    request: Request,
    published: str = Query("", description="publication date, YYYY-MM-DD (raw text/HTML bodies)"),
    url: str = Query("", max_length=2000, description="the article's URL (raw text/HTML bodies)"),
) -> Any:
    """Attributions in one article, nothing stored: the JSON ``saidwhat extract`` prints.

    Send JSON ``{"text": ...}`` or ``{"html": ...}``, or the raw article as
    ``text/plain`` or ``text/html`` (in the ``charset`` the Content-Type declares;
    without one, text is read as UTF-8 or by its byte-order mark, and HTML by its
    own meta charset). Bodies over the size limit are refused (413); an extraction
    over the time limit is stopped (504), one over the memory limit too (413).
    """
    settings = request.app.state.settings
    body = await request.body()
    check_size(len(body), settings, "the request")
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media == "application/json":
        try:
            payload = ExtractRequest.model_validate_json(body)
        except ValidationError as exc:
            raise RequestValidationError(exc.errors(include_input=False)) from None
    elif media == "text/plain" or media in HTML_TYPES:
        content_type = request.headers.get("content-type", "")
        check_date(published, "published")
        if media == "text/plain":
            article = article_from_text(
                body_text(body, content_type), settings, published=published or None, url=url or None
            )
        else:  # without a declared charset, the page's own meta charset rules
            page = body_text(body, content_type) if declared_charset(content_type) else body
            article = article_from_html(page, settings, published=published or None, url=url or None)
        return (await request.app.state.extractor.run(article)).to_json()
    else:
        raise UnsupportedMediaType(
            'send the article as JSON {"text": ...} or {"html": ...}, or as text/plain or text/html'
        )
    if payload.published:
        check_date(payload.published, "published")
    if payload.html is not None and payload.text is not None:
        raise InputError("send either text or html, not both")
    if payload.html is not None:
        article = article_from_html(payload.html, settings, published=payload.published, url=payload.url)
    elif payload.text is not None:
        article = article_from_text(
            payload.text, settings, published=payload.published, title=payload.title, url=payload.url
        )
    else:
        raise InputError("the request has neither text nor html")
    article = await request.app.state.extractor.run(article)
    return article.to_json()
