"""The store in PostgreSQL (tsvector full-text search), same schema and behaviour.

Search vectors are kept in sync by a trigger, as SQLite's FTS5 index is. A write
transaction takes a transaction-scoped advisory lock, so batches from concurrent
ingests are written one at a time, as in SQLite; readers are never blocked and,
reading in REPEATABLE READ snapshots, never see half a batch.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import Any

from ..errors import StoreError
from .base import Store
from .connection import Connection, TextMatch
from .query import act_condition, fold_accents
from .ranks import CONFIDENT

log = logging.getLogger(__name__)

# The advisory lock that makes one writer at a time ("saidwhat" in ASCII, truncated).
WRITER_LOCK = 0x7361696477686174
CONNECT_TIMEOUT = 10


def _redact(url: str) -> str:
    """A URL without its password, for messages."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


class PostgresConnection(Connection):
    """A psycopg 3 connection in autocommit mode; transactions are explicit."""

    engine = "postgres"
    desc_nulls_last = " NULLS LAST"
    # Counting a match means visiting its row (MVCC), 2 to 4 us each: a word in 9% of a
    # million statements would take 300 ms to count. Beyond this, totals are "at least".
    count_limit = 10_000

    def __init__(self, url: str, *, readonly: bool) -> None:
        super().__init__()
        import psycopg  # imported here: SQLite users never need the driver loaded
        from psycopg.rows import dict_row

        self._psycopg = psycopg
        self.where = _redact(url)
        try:
            self.raw = psycopg.connect(
                url, autocommit=True, row_factory=dict_row, connect_timeout=CONNECT_TIMEOUT
            )
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to PostgreSQL at {self.where}: {exc}".strip()) from None
        if readonly:
            self.execute("SET default_transaction_read_only = on")

    def _execute(self, sql: str, params: Sequence[Any]) -> Any:
        # The store's SQL has no literal "?" or "%": placeholders convert one to one.
        return self.raw.execute(sql.replace("?", "%s"), list(params) if params else None)

    def _executemany(self, sql: str, rows: list[Sequence[Any]]) -> None:
        with self.raw.cursor() as cur:
            cur.executemany(sql.replace("?", "%s"), rows)

    def _insert(self, table: str, columns: list[str], rows: list[Sequence[Any]]) -> None:
        # COPY: a batch's rows in one stream, a third cheaper for the server than one
        # INSERT per row (triggers fire alike).
        with self.raw.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def script(self, sql: str) -> None:
        # Without parameters psycopg sends the simple query protocol: many statements.
        self.raw.execute(sql.encode("utf-8"))

    def _translate(self, exc: Exception) -> Exception | None:
        if isinstance(exc, self._psycopg.Error):
            message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            return StoreError(f"PostgreSQL {self.where}: {message}")
        return None

    def _begin(self, write: bool) -> None:
        if write:
            self.raw.execute("BEGIN")
            self.raw.execute("SELECT pg_advisory_xact_lock(%s)", [WRITER_LOCK])
        else:
            self.raw.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            # psycopg prepares a statement run 5 times, and PostgreSQL may then plan it once
            # for any value. A search's plan depends on its words (how many statements say
            # them decides between the date index and the full-text index), so reads are
            # always planned with their values; writes keep their prepared plans.
            self.raw.execute("SET LOCAL plan_cache_mode = force_custom_plan")

    def has_table(self, name: str) -> bool:
        return bool(self.scalar("SELECT to_regclass(?) IS NOT NULL AS v", (name,)))

    def text_match(
        self,
        phrases: list[tuple[str, ...]],
        groups: list[list[str]],
        since: str | None,
        until: str | None,
        acts: tuple[str, ...] | None = None,
    ) -> TextMatch:
        text = " && ".join(["phraseto_tsquery('english', ?)"] * len(phrases))
        words = [fold_accents(" ".join(p)) for p in phrases]
        tags = [" | ".join(f"{token}:D" for token in group) for group in groups]
        tag_query = " && ".join(["to_tsquery('simple', ?)"] * len(tags))
        # Dates are plain conditions, served by the date index the tiers are read in; so
        # is the act (migration 0007): the usual filter keeps most statements, which the
        # GIN index would have to intersect with the words.
        dates, date_params = "", []
        for condition, value in (("a.date >= ?", since), ("a.date <= ?", until)):
            if value:
                dates += f" AND {condition}"
                date_params.append(value)
        if acts is not None:
            condition, values = act_condition(acts)
            dates += f" AND {condition}"
            date_params.extend(values)
        anywhere = f"a.tsv @@ (({text})" + (f" && {tag_query}" if tags else "") + ")"
        # The quote's own words have their own vector (migration 0004), with statistics,
        # so the planner knows how many statements each tier holds. The first tier does
        # not repeat its words against tsv: PostgreSQL would take the two conditions for
        # independent and underestimate the tier a thousandfold.
        in_quote = f"a.tsv_content @@ ({text})"
        first = in_quote + (f" AND a.tsv @@ ({tag_query})" if tags else "")
        return TextMatch(
            source="attributions a",
            where=anywhere + dates,
            where_params=[*words, *tags, *date_params],
            row_id="a.id",
            newest=f"a.date DESC{self.desc_nulls_last}, a.undated_rank DESC, a.id DESC",
            tiers=[
                (first + dates, [*words, *tags, *date_params]),
                (f"{anywhere} AND NOT {in_quote}{dates}", [*words, *tags, *words, *date_params]),
            ],
            ranked_source="attributions a",
            # a plain condition on rows the tier reads anyway: the date index still serves
            confident=f" AND a.confidence >= {CONFIDENT}",
            weak=f" AND a.confidence < {CONFIDENT}",
        )

    def close(self) -> None:
        self.raw.close()

    def usable(self) -> bool:
        return not (self.raw.closed or self.raw.broken)


class PostgresStore(Store):
    """The store in a PostgreSQL database given by a ``postgresql://`` URL.

    The tables are created in the first schema of the connection's search path, so
    ``?options=-csearch_path%3Dmyschema`` keeps several stores in one database.
    """

    engine = "postgres"

    def _connect(self) -> Connection:
        return PostgresConnection(self.url, readonly=self.readonly)

    def describe(self) -> str:
        return _redact(self.url)

    def _optimize(self, db: Connection) -> None:
        # VACUUM cannot run in a transaction; the connection is in autocommit mode.
        # It also sets the visibility map, which lets counts use index-only scans.
        db.execute(
            "VACUUM (ANALYZE) articles, attributions, speakers, speaker_links, link_aliases, "
            "link_roles, clusters, cluster_prints"
        )
