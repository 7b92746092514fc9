"""Speaker pages: the list of speakers, and one speaker's record.

A speaker's page shows the name, the roles the press gave them over time, how
many statements they made, a weekly timeline, and the statements newest first,
filterable by text and paginated through the URL.
"""

from __future__ import annotations

import math
from typing import Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, Response

from ..store.query import MAX_ID
from .acts import ACT_QUERY
from .desk import no_store
from .errors import NotFound
from .search import MAX_PAGE, MAX_QUERY, PAGE_SIZE, SearchQuery
from .templating import render
from .timeline import weekly_chart

router = APIRouter()

LIST_SIZE = 100


def get_speaker(store: Any, speaker_id: int) -> Any:
    """The store's SpeakerDetail.

    Raises:
        NotFound: no speaker has this id.
    """
    detail = store.speaker(speaker_id)
    if detail is None:
        raise NotFound(f"there is no speaker with id {speaker_id}")
    return detail


@router.get("/speakers", response_class=HTMLResponse, include_in_schema=False)
def speakers_page(request: Request, q: str = Query("", max_length=200)) -> HTMLResponse:
    """The most quoted speakers, or those whose name matches ``q``."""
    q = q.strip()
    speakers = request.app.state.store.speakers(top=LIST_SIZE, q=q or None)
    return render(request, "speakers.html", active="speakers", q=q, speakers=speakers)


@router.get("/speakers/{speaker_id}", response_class=HTMLResponse, include_in_schema=False)
def speaker_page(
    request: Request,
    speaker_id: int = Path(ge=1, le=MAX_ID),
    q: str = Query("", max_length=MAX_QUERY),
    act: list[str] = ACT_QUERY,
    page: int = Query(1, ge=1, le=MAX_PAGE),
) -> Response:
    """One speaker: roles, count, weekly timeline and statements (speech and writing
    unless ``act`` says otherwise, as search), and, for a logged-in moderator, the
    editing panel of ``speaker_edits``."""
    from .speaker_edits import editor_panel

    store = request.app.state.store
    speaker = get_speaker(store, speaker_id)
    query = SearchQuery.parse(q, act=act)
    q = query.q
    offset = (page - 1) * PAGE_SIZE
    statements = store.speaker_statements(
        speaker_id, q=q or None, limit=PAGE_SIZE, offset=offset, act=query.act
    )
    chart = weekly_chart(store.speaker_weekly(speaker_id))
    pages = min(MAX_PAGE, math.ceil(statements.total / PAGE_SIZE))
    edits = editor_panel(request, speaker)
    page_html = render(
        request,
        "speaker.html",
        active="speakers",
        speaker=speaker,
        chart=chart,
        q=q,
        statements=statements.results,
        total=statements.total,
        total_exact=statements.total_exact,
        page=page,
        pages=pages,
        offset=offset,
        query=query,
        params=query.params(),
        edits=edits,
    )
    return no_store(page_html) if edits else page_html
