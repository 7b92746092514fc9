"""The article page: the stored text with every attribution highlighted.

Source, cue and content are marked in distinct colours (with a legend), and the
list of attributions below links to each one: ``?mark=<attribution id>#attr-<id>``
marks it on the server, so it works without JavaScript; the script only saves
the reload.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse

from .errors import NotFound
from .highlight import segment
from .templating import render

router = APIRouter()

ARTICLE_ID = Path(min_length=1, max_length=200, description="the article's id")


def get_article(store: Any, article_id: str) -> Any:
    """The store's StoredArticle.

    Raises:
        NotFound: no article has this id.
    """
    stored = store.article(article_id)
    if stored is None:
        raise NotFound(f"there is no article with id {article_id!r}")
    return stored


@router.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
def article_page(
    request: Request,
    article_id: str = ARTICLE_ID,
    mark: int | None = Query(None, description="attribution id to mark"),
) -> HTMLResponse:
    """The article text, highlighted, and its attributions."""
    stored = get_article(request.app.state.store, article_id)
    article = stored.article
    keys = list(stored.attribution_ids)
    marked = keys.index(mark) if mark is not None and mark in keys else None
    return render(
        request,
        "article.html",
        article=article,
        keys=keys,
        marked=marked,
        segments=segment(article.text, article.attributions, article.body),
        speaker_ids=stored.speaker_ids,
        cluster_ids=stored.cluster_ids,
        corrected=stored.corrected,
        corrections=corrections_of(request, article.id),
        href=f"{request.scope.get('root_path', '')}/articles/{quote(article.id, safe='')}",
    )


def corrections_of(request: Request, article_id: str) -> list[Any]:
    """The corrections applied to the article or undone (the reply desk's record)."""
    desk = getattr(request.app.state, "desk", None)
    return desk.corrections.of_article(article_id) if desk is not None else []
