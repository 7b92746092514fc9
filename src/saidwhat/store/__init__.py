"""The quote database: ingest extracted articles, then search them.

    >>> from saidwhat.store import open_store
    >>> with open_store("quotes.db") as store:
    ...     store.ingest(articles)
    ...     page = store.search("Soleimani", speaker="Pompeo", since="2020-01-01")

``open_store`` picks the engine from the URL: a path (or ``:memory:``) is SQLite,
``postgresql://...`` is PostgreSQL; both have the same schema and behaviour. The
records returned are in ``saidwhat.store.records``.
"""

from __future__ import annotations

from ..errors import StoreError
from .base import Store
from .records import (
    Hit,
    IngestStats,
    QuoteCluster,
    QuoteVariant,
    RoleSeen,
    SearchPage,
    SpeakerDetail,
    SpeakerSummary,
    StoredArticle,
)

__all__ = [
    "Hit",
    "IngestStats",
    "QuoteCluster",
    "QuoteVariant",
    "RoleSeen",
    "SearchPage",
    "SpeakerDetail",
    "SpeakerSummary",
    "Store",
    "StoredArticle",
    "open_store",
]


def open_store(url: str, *, readonly: bool = False) -> Store:
    """Open (creating and migrating when needed) the store at ``url``.

    Args:
        url: a SQLite file path, ``:memory:``, or a ``postgresql://`` (``postgres://``) URL.
        readonly: open for reading only; the database must exist and be up to date.

    Raises:
        StoreError: the database cannot be opened, is not a saidwhat store, or
            cannot be migrated.
    """
    if not url or not str(url).strip():
        raise StoreError("no database given (a SQLite file path or a postgresql:// URL)")
    url = str(url).strip()
    if url.startswith(("postgresql://", "postgres://")):
        from .postgres import PostgresStore

        return PostgresStore(url, readonly=readonly)
    if "://" in url and not url.startswith("sqlite:///"):
        raise StoreError(
            f"unsupported database URL {url.split('://')[0]}://... (use a file path or postgresql://)"
        )
    from .sqlite import SQLiteStore

    return SQLiteStore(url, readonly=readonly)
