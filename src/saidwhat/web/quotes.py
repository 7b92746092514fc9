"""The quote cluster page: the versions of one quote side by side, differences
marked against the earliest, and every article that carried it, earliest first."""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse

from ..store.diff import changes, same_words, word_diff
from ..store.query import MAX_ID
from .errors import NotFound
from .templating import render

router = APIRouter()


@dataclass
class Version:
    """One distinct wording of the quote and the articles that printed it."""

    label: str  # "A" is the earliest wording
    text: str
    pieces: list[tuple[str, str]]  # ("same" | "added" | "removed", text) against the earliest
    carriers: list[Any] = field(default_factory=list)  # QuoteVariant records

    @property
    def changed(self) -> bool:
        return any(op != "same" for op, _ in self.pieces)


def _label(k: int) -> str:
    letters = string.ascii_uppercase
    return letters[k] if k < len(letters) else f"{letters[k // 26 - 1]}{letters[k % 26]}"


def versions(
    canonical: str, variants: list[Any], *, strict: bool = False
) -> tuple[list[Version], dict[int, str]]:
    """Group variants by wording (whitespace aside), earliest wording first, each marked
    against the earliest as ``saidwhat quote`` marks it (``strict``: every character).

    Returns:
        The versions, and each variant's version label by attribution id.
    """
    found: list[Version] = []
    labels: dict[int, str] = {}

    def marked(text: str) -> list[tuple[str, str]]:
        return changes(word_diff(canonical, text, strict=strict))

    if canonical:
        found.append(Version(_label(0), canonical, marked(canonical)))
    for variant in variants:
        version = next((v for v in found if same_words(v.text, variant.text)), None)
        if version is None:
            version = Version(_label(len(found)), variant.text, marked(variant.text))
            found.append(version)
        version.carriers.append(variant)
        labels[variant.attribution_id] = version.label
    return [v for v in found if v.carriers], labels


def get_cluster(store: Any, cluster_id: int) -> Any:
    """The store's QuoteCluster.

    Raises:
        NotFound: no quote cluster has this id.
    """
    cluster = store.quote_cluster(cluster_id)
    if cluster is None:
        raise NotFound(f"there is no quote with id {cluster_id}")
    return cluster


@router.get("/quotes/{cluster_id}", response_class=HTMLResponse, include_in_schema=False)
def quote_page(
    request: Request,
    cluster_id: int = Path(ge=1, le=MAX_ID),
    strict: bool = Query(False, description="mark every changed character, case and punctuation"),
) -> HTMLResponse:
    """The versions of one quote and the articles that carried it."""
    cluster = get_cluster(request.app.state.store, cluster_id)
    found, labels = versions(cluster.canonical, cluster.variants, strict=strict)
    return render(request, "quote.html", cluster=cluster, versions=found, labels=labels, strict=strict)
