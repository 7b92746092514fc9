"""The search page (the home page): full-text search with filters, paginated.

The whole query lives in the URL (``/?q=Soleimani&speaker=...&act=all&page=2``) so a
search can be bookmarked and shared; the JSON API parses the same parameters
with ``SearchQuery.parse``.

By default a search keeps what a reader calls a statement: speech and writing (and
statements whose act was never recorded, stored before saidwhat recorded acts, so an
older store is not emptied by the default). Stances, plans and perceptions are one
click away: ``act=all``, or any acts named one by one (``act=stance&act=plan``).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from ..errors import InputError
from ..model import KINDS, SPEAKER_TYPES
from ..store.query import MAX_TERMS, WORD
from .acts import ACT_QUERY, DEFAULT_ACTS, act_params, parse_acts
from .templating import render

router = APIRouter()

PAGE_SIZE = 20
MAX_PAGE = 500  # deeper pages are never useful and make OFFSET scans expensive
MAX_QUERY = 500


def check_date(value: str | None, name: str) -> None:
    """Refuse a date that is not YYYY-MM-DD (empty is fine: not set).

    Raises:
        InputError: naming the parameter.
    """
    if not value:
        return
    try:
        if len(value) != 10:
            raise ValueError(value)
        dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{name}: {value!r} is not a date (use YYYY-MM-DD)") from None


@dataclass(frozen=True)
class SearchQuery:
    """A search as typed: every field a string, empty meaning "not set"."""

    q: str = ""
    speaker: str = ""
    since: str = ""
    until: str = ""
    kind: str = ""
    site: str = ""
    type: str = ""  # the speaker's type: PERSON for people only
    act: tuple[str, ...] | None = DEFAULT_ACTS  # the acts kept (ACT_FILTERS order); None: every act

    @classmethod
    def parse(
        cls,
        q: str | None = "",
        speaker: str | None = "",
        since: str | None = "",
        until: str | None = "",
        kind: str | None = "",
        site: str | None = "",
        type: str | None = "",
        act: list[str] | None = None,
    ) -> SearchQuery:
        """Trim and validate the parameters of a search.

        Raises:
            InputError: a date is not YYYY-MM-DD, the range is reversed, or the kind,
                speaker type or an act is unknown.
        """

        def clean(v: str | None) -> str:
            return (v or "").strip()

        query = cls(
            clean(q),
            clean(speaker),
            clean(since),
            clean(until),
            clean(kind),
            clean(site),
            clean(type).upper(),
            parse_acts(act),
        )
        if query.type and query.type not in SPEAKER_TYPES:
            raise InputError(f"type: {type!r} is not one of {', '.join(SPEAKER_TYPES)}")
        check_date(query.since, "since")
        check_date(query.until, "until")
        if query.since and query.until and query.since > query.until:
            raise InputError("since: the start date is after the end date")
        if query.kind and query.kind not in KINDS:
            raise InputError(f"kind: {query.kind!r} is not one of {', '.join(KINDS)}")
        if len(query.q) > MAX_QUERY:
            raise InputError(f"q: the query is longer than {MAX_QUERY} characters")
        # Checked here so that a long query is the user's error (422), not the
        # store's (StoreError would answer 503).
        if len(WORD.findall(query.q)) > MAX_TERMS:  # as the store counts words
            raise InputError(f"q: the query has more than {MAX_TERMS} words")
        return query

    @property
    def filtered(self) -> bool:
        """Whether any filter besides the text and the default acts is set."""
        return any((self.speaker, self.since, self.until, self.kind, self.site, self.type, self.acts_changed))

    @property
    def acts_changed(self) -> bool:
        """Whether the acts kept are not the default ones."""
        return self.act != DEFAULT_ACTS

    def keeps(self, act: str) -> bool:
        """Whether statements of ``act`` are kept (for the form's checkboxes)."""
        return self.act is None or act in self.act

    def params(self, **changes: Any) -> dict[str, Any]:
        """The query as URL parameters (for links that keep it), with ``changes``
        (``act``: the acts to keep instead, None for every act)."""
        values = {**vars(self), **changes}
        out = {k: v for k, v in values.items() if v and k != "act"}
        if act_params(values["act"]):
            out["act"] = act_params(values["act"])
        return out

    def store_args(self) -> dict[str, Any]:
        """Keyword arguments for ``Store.search``."""
        return {
            "speaker": self.speaker or None,
            "since": self.since or None,
            "until": self.until or None,
            "kind": self.kind or None,
            "site": self.site or None,
            "speaker_type": self.type or None,
            "act": self.act,
        }


def run_search(store: Any, query: SearchQuery, limit: int, offset: int) -> Any:
    """The store's SearchPage for ``query`` (newest first when there is no text)."""
    return store.search(query.q, **query.store_args(), limit=limit, offset=offset)


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def search_page(
    request: Request,
    q: str = "",
    speaker: str = "",
    since: str = "",
    until: str = "",
    kind: str = "",
    site: str = "",
    type: str = "",
    act: list[str] = ACT_QUERY,
    page: int = Query(1, ge=1, le=MAX_PAGE),
) -> HTMLResponse:
    """Search form and results; a bad filter is shown next to the form (422)."""
    try:
        query = SearchQuery.parse(q, speaker, since, until, kind, site, type, act)
    except InputError as exc:
        query = SearchQuery(q.strip(), speaker.strip(), "", "", "", site.strip())
        return render(
            request,
            "search.html",
            422,
            active="search",
            query=query,
            error=str(exc),
            results=[],
            total=0,
            total_exact=True,
            page=1,
            pages=0,
            offset=0,
        )
    offset = (page - 1) * PAGE_SIZE
    found = run_search(request.app.state.store, query, PAGE_SIZE, offset)
    pages = min(MAX_PAGE, math.ceil(found.total / PAGE_SIZE))
    return render(
        request,
        "search.html",
        active="search",
        query=query,
        error=None,
        results=found.results,
        total=found.total,
        total_exact=found.total_exact,
        page=page,
        pages=pages,
        offset=offset,
    )
