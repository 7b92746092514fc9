"""One connection to a store's database, whichever the engine.

The store's SQL is written once, with ``?`` placeholders and rows read by column
name; a ``Connection`` subclass adapts it to its driver, translates the driver's
errors into ``StoreError``, and supplies the few pieces of SQL that differ between
engines (how a write transaction takes the single-writer lock, full-text matching
and ranking, where NULLs sort).
"""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger(__name__)

Row = Mapping[str, Any]
# Bound parameters per statement: well under SQLite's and PostgreSQL's limits.
CHUNK = 500


@dataclass(frozen=True)
class TextMatch:
    """How one engine matches and ranks a parsed query, filters included.

    ``source`` is the FROM clause, ``where`` the condition for any match, ``row_id``
    the matched attribution's id and ``newest`` the ORDER BY terms for newest first
    (by date, then id; undated last, by undated_rank). ``tiers`` split the matches into
    disjoint relevance tiers, best first (reader.TIER_SCORES: the quote's own words,
    then its speaker or headline); within a tier the newest come first, so each tier is
    read in index order and a page never ranks every match. A tier puts its confident
    statements first: either the engine filters on confidence as it reads (``confident``
    and ``weak`` are conditions to add to a tier's), or, when they are empty, the tier is
    read from ``ranked_source``, where ``confidence`` is each row's confidence. Each
    condition comes with its bound parameters.
    """

    source: str
    where: str
    row_id: str
    newest: str
    where_params: list[Any] = field(default_factory=list)
    tiers: list[tuple[str, list[Any]]] = field(default_factory=list)
    ranked_source: str = ""
    confidence: str = "a.confidence"
    confident: str = ""
    weak: str = ""


class Connection(ABC):
    """A database connection with one SQL dialect for the store's queries."""

    engine = "database"
    #: appended to ``x DESC`` so that NULLs sort last on every engine
    desc_nulls_last = ""
    #: search totals are counted exactly up to this many matches (None: always exactly)
    count_limit: int | None = None

    def __init__(self) -> None:
        self._depth = 0

    # ---- driver adaptation

    @abstractmethod
    def _execute(self, sql: str, params: Sequence[Any]) -> Any:
        """Run one statement; returns a cursor. Driver errors propagate."""

    @abstractmethod
    def _executemany(self, sql: str, rows: list[Sequence[Any]]) -> None:
        """Run one statement for many parameter rows."""

    @abstractmethod
    def script(self, sql: str) -> None:
        """Run a multi-statement script (a migration) inside the current transaction."""

    @abstractmethod
    def _translate(self, exc: Exception) -> Exception | None:
        """A StoreError for a driver error, or None when ``exc`` is not one."""

    @abstractmethod
    def _begin(self, write: bool) -> None:
        """Start a transaction; a write transaction holds the store's single-writer lock."""

    @abstractmethod
    def has_table(self, name: str) -> bool:
        """Whether the database has the table ``name``."""

    @abstractmethod
    def text_match(
        self,
        phrases: list[tuple[str, ...]],
        groups: list[list[str]],
        since: str | None,
        until: str | None,
        acts: tuple[str, ...] | None = None,
    ) -> TextMatch:
        """Full-text matching and ranking for a parsed, non-empty query, restricted by
        filter tokens (any token of each group), an inclusive date range and the acts
        kept (``query.ACT_FILTERS`` values; None: every act)."""

    @abstractmethod
    def close(self) -> None:
        """Close the connection."""

    def usable(self) -> bool:
        """False once the connection is closed or broken (the server went away)."""
        return True

    # ---- the store's calls

    def _run(self, fn: Any, *args: Any) -> Any:
        try:
            return fn(*args)
        except Exception as exc:  # only driver errors are translated; others re-raise
            translated = self._translate(exc)
            if translated is None:
                raise
            raise translated from exc

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement (``?`` placeholders); returns the driver's cursor."""
        return self._run(self._execute, sql, params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """Run one statement for each parameter row."""
        rows = list(rows)
        if rows:
            self._run(self._executemany, sql, rows)

    def insert(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        """Insert rows of ``columns`` values into ``table`` (names from the store's own code)."""
        rows = list(rows)
        if rows:
            self._run(self._insert, table, list(columns), rows)

    def _insert(self, table: str, columns: list[str], rows: list[Sequence[Any]]) -> None:
        self._executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})", rows
        )

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        """All rows of a query, each readable by column name."""
        return self._run(lambda: self._execute(sql, params).fetchall())  # type: ignore[no-any-return]

    def one(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        """The first row of a query, or None."""
        return self._run(lambda: self._execute(sql, params).fetchone())  # type: ignore[no-any-return]

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """The first column of the first row (a query naming its column ``v``)."""
        row = self.one(sql, params)
        return None if row is None else row["v"]

    def rows_in(self, sql: str, values: Iterable[Any], params: Sequence[Any] = ()) -> list[Row]:
        """Rows of ``sql`` whose ``{in}`` marker is an IN list over ``values``, in chunks
        (``params`` come before the list's own)."""
        values = list(dict.fromkeys(values))
        out: list[Row] = []
        for i in range(0, len(values), CHUNK):
            chunk = values[i : i + CHUNK]
            marks = ", ".join("?" * len(chunk))
            out.extend(self.rows(sql.replace("{in}", marks), [*params, *chunk]))
        return out

    @contextmanager
    def transaction(self, write: bool = False) -> Iterator[Connection]:
        """A transaction: committed when the block ends, rolled back on any error.

        Read transactions see one snapshot, so a reader never sees half a batch;
        write transactions are serialised (one writer at a time). Nested blocks join
        the outer transaction.
        """
        if self._depth:
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
            return
        self._run(self._begin, write)
        self._depth = 1
        try:
            yield self
        except BaseException:
            self._depth = 0
            try:
                self._run(self._execute, "ROLLBACK", ())
            except Exception:  # the original error matters more than a failed rollback
                log.debug("rollback failed", exc_info=True)
            raise
        self._depth = 0
        self._run(self._execute, "COMMIT", ())
