"""The store in an embedded SQLite file (WAL mode, FTS5 full-text search).

WAL lets readers work while a batch is written, and they see it only when it
commits. A write transaction is ``BEGIN IMMEDIATE``: it takes SQLite's one write
lock up front, so two ingests queue (up to the busy timeout) instead of failing
halfway through a batch.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import StoreError
from .base import Store
from .connection import Connection, TextMatch
from .query import UNKNOWN_ACT, fts5_query

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 60_000
# Full-text row keys are julianday(date) * 2^35 + id * 8 + act code, or undated_rank
# * 2^35 + id * 8 + act code when undated (migrations 0003, 0005 and 0007): ordered by
# date, then id, as before, with the act in the three lowest bits.
ID_MASK = (1 << 32) - 1
ACT_BITS = 3
ACT_MASK = (1 << ACT_BITS) - 1
KEY_SHIFT = 32 + ACT_BITS
# The code of each act in a row key; keep in step with migration 0007's view.
ACT_CODES = {UNKNOWN_ACT: 0, "speech": 1, "writing": 2, "stance": 3, "plan": 4, "perception": 5}
_JULIAN_OFFSET = 1721424  # julianday('0001-01-01') is 1721425.5; date(1, 1, 1).toordinal() is 1


def search_key(day: str, last: bool = False) -> int:
    """The first (or ``last``) full-text row key of statements dated ``day`` (YYYY-MM-DD)."""
    julian = date.fromisoformat(day).toordinal() + _JULIAN_OFFSET
    return ((julian + 1) << KEY_SHIFT) - 1 if last else julian << KEY_SHIFT


class SQLiteConnection(Connection):
    """A sqlite3 connection in autocommit mode; transactions are explicit."""

    engine = "sqlite"

    def __init__(self, path: str, *, readonly: bool) -> None:
        super().__init__()
        self.path = path
        memory = path == ":memory:"
        target = path if memory else Path(path).absolute().as_uri() + ("?mode=ro" if readonly else "")
        try:
            self.raw = sqlite3.connect(
                target,
                uri=not memory,
                isolation_level=None,
                check_same_thread=False,
                timeout=BUSY_TIMEOUT_MS / 1000,
            )
        except (sqlite3.Error, ValueError) as exc:  # ValueError: a NUL in the path
            raise StoreError(f"cannot open SQLite database {path!r}: {exc}") from None
        self.raw.row_factory = sqlite3.Row
        pragmas = [
            "PRAGMA foreign_keys = ON",
            f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}",
            "PRAGMA cache_size = -65536",  # 64 MiB of page cache per connection
            "PRAGMA temp_store = MEMORY",
        ]
        if not readonly and not memory:
            # WAL: readers never block the writer; NORMAL sync is crash-safe in WAL mode
            # (a power cut may lose the last batches, never corrupt or half-write one).
            pragmas += ["PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL"]
        for pragma in pragmas:
            self.execute(pragma)

    def _execute(self, sql: str, params: Sequence[Any]) -> Any:
        return self.raw.execute(sql, params)

    def _executemany(self, sql: str, rows: list[Sequence[Any]]) -> None:
        self.raw.executemany(sql, rows)

    def script(self, sql: str) -> None:
        # sqlite3's executescript() would COMMIT first; run statement by statement
        # instead, so a migration stays inside its transaction.
        statement = ""
        for line in sql.splitlines(keepends=True):
            statement += line
            if sqlite3.complete_statement(statement):
                self.execute(statement)
                statement = ""
        if statement.strip():
            self.execute(statement)

    def _translate(self, exc: Exception) -> Exception | None:
        if isinstance(exc, sqlite3.Error):
            message = str(exc)
            if "locked" in message or "busy" in message:
                message += " (another process is writing to it; try again)"
            return StoreError(f"SQLite {self.path}: {message}")
        return None

    def _begin(self, write: bool) -> None:
        self.raw.execute("BEGIN IMMEDIATE" if write else "BEGIN")

    def has_table(self, name: str) -> bool:
        return self.one("SELECT 1 AS v FROM sqlite_master WHERE name = ?", (name,)) is not None

    def text_match(
        self,
        phrases: list[tuple[str, ...]],
        groups: list[list[str]],
        since: str | None,
        until: str | None,
        acts: tuple[str, ...] | None = None,
    ) -> TextMatch:
        # Words match the text columns only; filter tokens the tags column only.
        words = "(" + fts5_query(phrases) + ")"
        tags = "".join(
            " AND tags : (" + " OR ".join(f'"{token}"' for token in group) + ")" for group in groups
        )
        in_quote = "{content} : " + words
        anywhere = "{content speaker title} : " + words
        rows = ""
        params: list[Any] = []
        if since or until:  # a date range is a range of the date-ordered row keys
            rows = " AND attributions_fts.rowid BETWEEN ? AND ?"
            params = [search_key(since or "0001-01-01"), search_key(until or "9999-12-31", last=True)]
        if acts is not None:
            # The act is in the row key (migration 0007): a check of each matched key, where
            # an index token would make FTS5 intersect most rows' doclists with the words
            # (three times as slow at 1M statements for the usual filter).
            rows += f" AND (attributions_fts.rowid & {ACT_MASK}) IN ({', '.join('?' * len(acts))})"
            params += [ACT_CODES[act] for act in acts]

        def condition(expression: str) -> tuple[str, list[Any]]:
            return "attributions_fts MATCH ?" + rows, [expression, *params]

        where, where_params = condition(f"({anywhere}){tags}")
        return TextMatch(
            source="attributions_fts",
            where=where,
            where_params=where_params,
            row_id=f"((attributions_fts.rowid >> {ACT_BITS}) & {ID_MASK})",
            newest="attributions_fts.rowid DESC",
            tiers=[condition(f"({in_quote}){tags}"), condition(f"(({anywhere}) NOT ({in_quote})){tags}")],
            # each matched row's confidence, by its primary key, read only for the rows a page reads
            # (a confidence token would make FTS5 intersect a doclist of most rows with the words)
            ranked_source="attributions_fts JOIN attributions a "
            f"ON a.id = ((attributions_fts.rowid >> {ACT_BITS}) & {ID_MASK})",
        )

    def close(self) -> None:
        self.raw.close()


class SQLiteStore(Store):
    """The store in a SQLite file, or in memory for ``:memory:``."""

    engine = "sqlite"

    def __init__(self, path: str, *, readonly: bool = False) -> None:
        if path.startswith("sqlite:///"):
            path = path[len("sqlite:///") :]
        if path != ":memory:" and readonly and not Path(path).exists():
            raise StoreError(f"no database at {path}; create it with 'saidwhat ingest ... --db {path}'")
        super().__init__(path, readonly=readonly)

    def _connect(self) -> Connection:
        return SQLiteConnection(self.url, readonly=self.readonly)

    def _single_connection(self) -> bool:
        return self.url == ":memory:"

    def _optimize(self, db: Connection) -> None:
        with db.transaction(write=True):
            # merge the FTS5 index's segments into one b-tree: fewer lookups per term
            db.execute("INSERT INTO attributions_fts (attributions_fts) VALUES ('optimize')")
        db.execute("PRAGMA optimize")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def _engine_check(self, db: Connection) -> list[str]:
        problems = []
        result = db.one("PRAGMA integrity_check")
        verdict = next(iter(dict(result).values())) if result is not None else "ok"
        if verdict != "ok":
            problems.append(f"SQLite integrity_check: {verdict}")
        if self.readonly:
            # FTS5's integrity-check is an INSERT, which a read-only connection may not
            # run; the index's per-row size table must still hold one row per statement
            indexed = db.scalar("SELECT count(*) AS v FROM attributions_fts_docsize")
            stored = db.scalar("SELECT count(*) AS v FROM attributions")
            if indexed != stored:
                problems.append(
                    f"full-text index out of step with attributions: {indexed:,} indexed, {stored:,} stored"
                )
            return problems
        try:
            # 'integrity-check' with rank 1 also compares the index with the content.
            db.execute("INSERT INTO attributions_fts (attributions_fts, rank) VALUES ('integrity-check', 1)")
        except StoreError as exc:
            problems.append(f"full-text index out of step with attributions: {exc}")
        return problems
