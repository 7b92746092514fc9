"""What the reply desk's store services share: transactions, ids and time.

The reply desk (``replies``, ``corrections``, ``users``, ``guard``) lives beside
the quote database in the same store and the same transactions. Each service
takes the open ``Store`` and a ``Clock``: challenges expire, sessions end, rate
windows roll over and moderation looks back at recent rejections, so tests move
time by hand instead of sleeping.

Timestamps are ISO 8601 text in UTC with whole seconds
(``2025-03-18T09:00:00+00:00``), the format ``articles.ingested_at`` uses, so they
compare as text on both engines. Ids are ``max(id) + 1`` inside a write
transaction, which holds the store's single-writer lock, as the ingest writer does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from typing import Any

from ..errors import StoreError
from .connection import Connection

Clock = Callable[[], datetime]


def utcnow() -> datetime:
    """The current time in UTC (the default clock)."""
    return datetime.now(timezone.utc)


def stamp(moment: datetime) -> str:
    """``moment`` as stored: ISO 8601, UTC, whole seconds."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


def next_id(db: Connection, table: str) -> int:
    """The next id of ``table`` (a name from the store's own code, never from input)."""
    return int(db.scalar(f"SELECT coalesce(max(id), 0) AS v FROM {table}")) + 1


class Service:
    """A reply-desk service over an open store.

    Args:
        store: an open ``saidwhat.store.Store``; writing needs it opened read-write.
        clock: the time (``utcnow`` unless a test moves it).
    """

    def __init__(self, store: Any, *, clock: Clock = utcnow) -> None:
        self.store = store
        self.clock = clock

    def now(self) -> str:
        """The current time, stored form."""
        return stamp(self.clock())

    def ago(self, **delta: float) -> str:
        """The time ``delta`` ago (``days=30``), stored form."""
        return stamp(self.clock() - timedelta(**delta))

    def later(self, **delta: float) -> str:
        """The time ``delta`` from now, stored form."""
        return stamp(self.clock() + timedelta(**delta))

    @property
    def writable(self) -> bool:
        """Whether the store was opened for writing (replies need it)."""
        return not self.store.readonly

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """A read transaction: one consistent snapshot."""
        with self.store._read() as db:
            yield db

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """A write transaction holding the store's single-writer lock.

        Raises:
            StoreError: the store was opened read-only.
        """
        if self.store.readonly:
            raise StoreError(f"store {self.store.describe()} was opened read-only: replies are off")
        with self.store._db() as db, db.transaction(write=True):
            yield db
