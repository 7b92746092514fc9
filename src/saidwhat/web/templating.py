"""Server-side rendering: one Jinja2 environment, autoescaping everything.

Article text and quotes come from the open web, so autoescape is on for every
template and no template marks user data ``|safe``; highlighting is done with
markup in the templates around escaped segment text, never by building HTML
strings in Python.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, StrictUndefined

from .acts import ACT_HINTS, ACT_LABELS, DEFAULT_ACTS
from .highlight import ROLE_LABELS, ROLES, WEAK_CONFIDENCE, blocks, weak_indexes

KIND_LABELS = {
    "direct": "Direct quote",
    "indirect": "Reported speech",
    "mixed": "Mixed quote",
    "headline": "Headline",
}


def query_string(params: dict[str, Any], **changes: Any) -> str:
    """``?a=1&b=2`` from ``params`` updated with ``changes``; empty values and page 1
    dropped, so the first page of a search has one canonical, shareable URL. A list
    value is a repeated parameter (``act=speech&act=stance``)."""
    merged = {**params, **changes}
    items = [
        (k, item)
        for k, v in merged.items()
        for item in (v if isinstance(v, (list, tuple)) else [v])
        if item not in (None, "") and not (k == "page" and item == 1)
    ]
    return "?" + urlencode(items) if items else "?"


def short_date(value: str | None) -> str:
    """``2025-03-18T09:00:00Z`` -> ``2025-03-18``; None -> empty."""
    return (value or "")[:10]


def web_url(value: str | None) -> str | None:
    """``value`` if it is an http(s) URL, else None: article URLs come from the open web,
    and escaping does not stop a ``javascript:`` link."""
    if not value:
        return None
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return None
    return value.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("saidwhat.web", "templates"),
        autoescape=True,  # everything, whatever the file name
        undefined=StrictUndefined,  # a typo in a template fails the tests, not silently
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["qs"] = query_string
    env.filters["day"] = short_date
    env.filters["web_url"] = web_url
    env.filters["urlpart"] = lambda value: quote(str(value), safe="")
    env.globals.update(
        ROLES=ROLES,
        ROLE_LABELS=ROLE_LABELS,
        KIND_LABELS=KIND_LABELS,
        KINDS=tuple(KIND_LABELS),
        ACT_LABELS=ACT_LABELS,
        ACT_HINTS=ACT_HINTS,
        ACT_FILTERS=tuple(ACT_LABELS),
        DEFAULT_ACTS=DEFAULT_ACTS,
        WEAK_CONFIDENCE=WEAK_CONFIDENCE,
        blocks=blocks,
        weak_indexes=weak_indexes,
    )
    return env


ENV = _environment()


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """Render template ``name`` with ``context`` (plus ``request`` and ``root``)."""
    template = ENV.get_template(name)
    # helpers an app adds to every page (the reply desk's: who is logged in, CSRF tokens)
    hook = getattr(request.app.state, "page_context", None)
    extra = hook(request) if hook else {}
    html = template.render(request=request, root=request.scope.get("root_path", ""), **{**extra, **context})
    return HTMLResponse(html, status_code=status_code)
