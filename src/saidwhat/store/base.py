"""The quote database: what every store does, whichever engine holds it.

``Store`` holds the logic; its SQLite and PostgreSQL subclasses only open
connections (see ``connection.py`` for the few SQL differences). A store is safe to
share between threads: each thread gets its own connection (SQLite ``:memory:``,
which is private to one connection, shares one behind a lock instead). Every
database error surfaces as ``StoreError``.
"""

from __future__ import annotations

import logging
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from types import TracebackType
from typing import Any

from ..errors import StoreError
from ..model import Article, Failure
from . import decisions, reader, speakers
from .connection import Connection
from .migrate import current_version, latest, migrate, pending
from .query import Filters, check_page, parse, row_id
from .records import (
    Explanation,
    IngestStats,
    QuoteCluster,
    SearchPage,
    SpeakerDecision,
    SpeakerDetail,
    SpeakerSummary,
    StoredArticle,
)
from .writer import BatchWriter

log = logging.getLogger(__name__)


class Store(ABC):
    """A database of articles, their attributions, speakers and quote clusters.

    Args:
        url: where the database is (its meaning depends on the engine).
        readonly: never write; the schema must already be up to date.

    Raises:
        StoreError: the database cannot be opened or migrated.
    """

    engine = "store"

    def __init__(self, url: str, *, readonly: bool = False) -> None:
        self.url = url
        self.readonly = readonly
        self._local = threading.local()
        self._lock = threading.RLock()
        self._connections: list[Connection] = []
        self._shared: Connection | None = None
        self._closed = False
        with self._db() as db:
            if readonly:
                version, wanted = current_version(db), latest(self.engine)
                missing = pending(db, self.engine)
                if version > wanted or missing:
                    self.close()
                    if version == 0:
                        raise StoreError(
                            f"{self.describe()} is not a saidwhat database (no schema); "
                            "create it with 'saidwhat ingest'"
                        )
                    raise StoreError(
                        f"{self.describe()} has schema version {version} without migrations "
                        f"{', '.join(map(str, missing))}, which this saidwhat needs: open "
                        "it once for writing to migrate it (any 'saidwhat ingest' into it does)"
                        if version <= wanted
                        else f"{self.describe()} has schema version {version}, newer than this saidwhat "
                        f"({wanted}); upgrade saidwhat"
                    )
            else:
                migrate(db, self.engine)
                self._run_tasks(db)

    def _run_tasks(self, db: Connection) -> None:
        """Work a migration left for Python (0005: resolve every stored speaker again)."""
        if not db.has_table("store_tasks"):
            return
        for row in db.rows("SELECT name FROM store_tasks ORDER BY name"):
            if row["name"] == "rebuild_speakers":
                log.info("resolving the stored speakers again (schema 5)")
                with db.transaction(write=True):
                    if db.one("SELECT 1 AS v FROM store_tasks WHERE name = ?", (row["name"],)) is None:
                        continue  # another process did it
                    speakers.rebuild(db)
                    db.execute("DELETE FROM store_tasks WHERE name = ?", (row["name"],))

    # ---------------------------------------------------------------- connections

    @abstractmethod
    def _connect(self) -> Connection:
        """A new connection to the database."""

    def _single_connection(self) -> bool:
        """Whether all threads must share one connection (an in-memory database)."""
        return False

    def describe(self) -> str:
        """The database, for messages (no password)."""
        return self.url

    @contextmanager
    def _db(self) -> Iterator[Connection]:
        if self._closed:
            raise StoreError(f"store {self.describe()} is closed")
        if self._single_connection():
            with self._lock:
                if self._shared is None:
                    self._shared = self._register(self._connect())
                yield self._shared
            return
        conn = getattr(self._local, "conn", None)
        if conn is not None and not conn.usable():  # e.g. the server restarted: reconnect
            self._forget(conn)
            conn = None
        if conn is None:
            conn = self._register(self._connect())
            self._local.conn = conn
        yield conn

    def _register(self, conn: Connection) -> Connection:
        with self._lock:
            self._connections.append(conn)
        return conn

    def _forget(self, conn: Connection) -> None:
        with self._lock:
            if conn in self._connections:
                self._connections.remove(conn)
        try:
            conn.close()
        except Exception:  # it is already unusable
            log.debug("closing a broken connection failed", exc_info=True)

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with self._db() as db, db.transaction(write=False):
            yield db

    def close(self) -> None:
        """Close every connection the store opened (from any thread)."""
        with self._lock:
            self._closed = True
            for conn in self._connections:
                try:
                    conn.close()
                except Exception:  # closing is best effort; nothing is left to protect
                    log.debug("closing a connection failed", exc_info=True)
            self._connections.clear()
            self._shared = None

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # ---------------------------------------------------------------- writing

    def ingest(self, articles: Iterable[Article | Failure], batch_size: int = 100) -> IngestStats:
        """Store extracted articles, one transaction per batch of ``batch_size``.

        Idempotent: an article whose URL or content hash is already stored is skipped.
        A run stopped at any point leaves whole batches only; running it again
        completes it. A ``Failure`` in the stream is counted, not stored; so is an
        article whose offsets do not index its text. An article whose id is taken by
        a different article (another URL and text) is stored under a new id, written
        back to ``article.id``.

        Raises:
            StoreError: the store is read-only, or the database failed (the batch
                being written is rolled back; earlier batches stay).
        """
        if self.readonly:
            raise StoreError(f"store {self.describe()} was opened read-only")
        if batch_size < 1:
            raise StoreError(f"batch_size must be at least 1, not {batch_size}")
        stats = IngestStats()
        batch: list[Article] = []
        for item in articles:
            if isinstance(item, Failure):
                stats.failures += 1
                continue
            batch.append(item)
            if len(batch) >= batch_size:
                self._write(batch, stats)
                batch = []
        if batch:
            self._write(batch, stats)
        return stats

    def _write(self, batch: list[Article], stats: IngestStats) -> None:
        with self._db() as db, db.transaction(write=True):
            result = BatchWriter(db).write(batch)
        stats.articles_added += result.added
        stats.articles_skipped += result.skipped
        stats.attributions_added += result.attributions
        stats.failures += len(result.refused)
        log.info(
            "stored %d articles (%d attributions), skipped %d",
            result.added,
            result.attributions,
            result.skipped,
        )

    def ingest_directory(
        self,
        directory: str,
        batch_size: int = 100,
        progress: Callable[[str, int], None] | None = None,
    ) -> IngestStats:
        """Load a directory written by ``saidwhat spark`` (no extraction): in bulk, as
        one transaction, into an empty store; through ``ingest`` into one that holds
        articles already (see ``saidwhat.store.bulk``).

        Raises:
            StoreError: the store is read-only, the directory lacks a dataset, or the
                database failed.
        """
        from .bulk import load

        if self.readonly:
            raise StoreError(f"store {self.describe()} was opened read-only")
        with self._db() as db:
            return load(db, self, directory, batch_size=batch_size, progress=progress)

    def optimize(self) -> None:
        """Compact the search index and refresh the query planner's statistics.

        Worth it after a large ingest (``saidwhat ingest`` does it after 1,000 new
        articles); searches are correct without it, a little slower. Takes seconds
        per million attributions, holding the write lock.

        Raises:
            StoreError: the store is read-only, or the database failed.
        """
        if self.readonly:
            raise StoreError(f"store {self.describe()} was opened read-only")
        with self._db() as db:
            self._optimize(db)

    @abstractmethod
    def _optimize(self, db: Connection) -> None:
        """The engine's index compaction and statistics refresh."""

    # ---------------------------------------------------------------- reading

    def has_article(self, article_id: str) -> bool:
        """Whether an article with this id is stored."""
        with self._read() as db:
            return db.one("SELECT 1 AS v FROM articles WHERE id = ?", (article_id,)) is not None

    def known_ids(self) -> set[str]:
        """The ids of all stored articles (to skip them when resuming a run)."""
        with self._read() as db:
            return {r["id"] for r in db.rows("SELECT id FROM articles")}

    def search(
        self,
        q: str = "",
        *,
        speaker: str | None = None,
        since: str | None = None,
        until: str | None = None,
        kind: str | None = None,
        site: str | None = None,
        limit: int = 20,
        offset: int = 0,
        speaker_type: str | None = None,
        act: str | Iterable[str] | None = None,
    ) -> SearchPage:
        """Attributions whose content, speaker or article title match ``q``.

        Args:
            q: words that must all match, and "double-quoted phrases"; any other
                character is plain text. Empty: every attribution, newest first.
            speaker: a speaker's name or any alias ("Pompeo").
            since, until: ISO dates, inclusive, of the statement (else its article).
            kind: direct, indirect, mixed or headline.
            site: the article's site, case-insensitive.
            speaker_type: PERSON (people only), ORG, GROUP or UNKNOWN: the type the
                store settled for the speaker.
            act: the acts to keep, one or several: speech, writing, stance, plan,
                perception, and unknown (statements stored before acts were
                recorded); None or "all": every act.

        Returns:
            A page ranked by relevance (the quote says the words, else its speaker or
            title does; in each, statements whose calibrated confidence is 0.5 or more
            before the others), then date (newest first; undated last, the most
            confident first), with the total.

        Raises:
            StoreError: a bad filter or page, a query of over 64 words, a database error.
        """
        filters = Filters.of(speaker, since, until, kind, site, speaker_type, act)
        check_page(limit, offset)
        phrases = parse(q)
        if q and q.strip() and not phrases:
            return SearchPage([], 0)  # only punctuation: nothing can match it
        with self._read() as db:
            return reader.search(db, phrases, filters, limit=limit, offset=offset)

    def speakers(self, top: int = 50, q: str | None = None) -> list[SpeakerSummary]:
        """The ``top`` speakers by number of statements (whose name or alias contains ``q``)."""
        check_page(top, 0)
        with self._read() as db:
            return reader.speakers(db, top, q)

    def speaker(self, key: int | str) -> SpeakerDetail | None:
        """A speaker by id, or by name or alias; None when unknown."""
        with self._read() as db:
            return reader.speaker(db, key)

    def speaker_statements(
        self,
        speaker_id: int,
        q: str | None = None,
        limit: int = 50,
        offset: int = 0,
        act: str | Iterable[str] | None = None,
    ) -> SearchPage:
        """A speaker's statements, newest first (those matching ``q``, of the acts
        ``act`` keeps, when given; see ``search``).

        Raises:
            StoreError: a bad page or act.
        """
        check_page(limit, offset)
        filters = Filters.of(act=act)
        phrases = parse(q or "")
        if (q and q.strip() and not phrases) or row_id(speaker_id) is None:
            return SearchPage([], 0)
        with self._read() as db:
            return reader.search(
                db,
                phrases,
                filters,
                speakers=[int(speaker_id)],
                limit=limit,
                offset=offset,
                order=reader.NEWEST,
            )

    def speaker_weekly(self, speaker_id: int) -> list[tuple[str, int]]:
        """Statements per week: (ISO date of the week's Monday, count), gaps included."""
        if row_id(speaker_id) is None:
            return []
        with self._read() as db:
            return reader.weekly(db, int(speaker_id))

    def article(self, article_id: str) -> StoredArticle | None:
        """The stored article ``article_id``, or None when there is none.

        Returns:
            A ``StoredArticle``: ``.article`` is the ``saidwhat.Article`` as ingested
            (text, metadata, body regions, source, attributions with offsets into
            its text), and ``.attribution_ids``, ``.speaker_ids`` and ``.cluster_ids``
            give each attribution's store ids, aligned with ``.article.attributions``.
        """
        with self._read() as db:
            return reader.article(db, article_id)

    def quote_cluster(self, cluster_id: int) -> QuoteCluster | None:
        """A quote cluster and its variants, earliest first; None when unknown."""
        if row_id(cluster_id) is None:
            return None
        with self._read() as db:
            return reader.quote_cluster(db, int(cluster_id))

    def stats(self) -> dict[str, int]:
        """Counts: articles, attributions, speakers, clusters, shared_clusters (carried
        by more than one article)."""
        with self._read() as db:
            return reader.stats(db)

    # ---------------------------------------------------------------- speaker corrections

    def _correct(self, what: str, fn: Any, *args: Any) -> Any:
        if self.readonly:
            raise StoreError(f"store {self.describe()} was opened read-only")
        with self._db() as db, db.transaction(write=True):
            result = fn(db, *args)
        log.info("speakers: %s", what)
        return result

    def merge_speakers(self, a: int | str, b: int | str, *, actor: str) -> SpeakerDetail:
        """Make speaker ``a`` (an id, name or alias) part of speaker ``b``, for good:
        the decision is logged with ``actor`` and the time, and every later ingest
        and rebuild honours it. Returns the merged speaker.

        Raises:
            StoreError: either speaker is unknown, they are already one, read-only store.
        """
        sid = self._correct(f"{actor} merged {a!r} into {b!r}", decisions.merge, a, b, actor)
        return self.speaker(sid)  # type: ignore[return-value]

    def split_speaker(self, speaker: int | str, name: str, *, actor: str) -> SpeakerDetail | None:
        """Take ``name`` away from ``speaker`` for good (logged with ``actor``); its
        statements go to the speaker the rules find without it. Returns that speaker
        (None when they are left unresolved).

        Raises:
            StoreError: unknown speaker; the name is not one of its names, or is its own.
        """
        sid = self._correct(f"{actor} split {name!r} from {speaker!r}", decisions.split, speaker, name, actor)
        return None if sid is None else self.speaker(sid)

    def rename_speaker(self, speaker: int | str, name: str, *, actor: str) -> SpeakerDetail:
        """Show ``speaker`` under ``name`` from now on (logged with ``actor``).

        Raises:
            StoreError: unknown speaker, an empty name, read-only store.
        """
        sid = self._correct(
            f"{actor} renamed {speaker!r} to {name!r}", decisions.rename, speaker, name, actor
        )
        return self.speaker(sid)  # type: ignore[return-value]

    def set_speaker_external_id(
        self, speaker: int | str, external_id: str | None, *, actor: str
    ) -> SpeakerDetail:
        """Give ``speaker`` an id in another catalogue (a Wikidata QID, say), or none
        (``external_id`` empty or None); logged with ``actor``, kept by later ingests.

        Raises:
            StoreError: unknown speaker, a malformed id, an id another speaker has,
                read-only store.
        """
        sid = self._correct(
            f"{actor} set the external id of {speaker!r} to {external_id!r}",
            decisions.set_external_id,
            speaker,
            external_id,
            actor,
        )
        return self.speaker(sid)  # type: ignore[return-value]

    def import_aliases(self, rows: Iterable[tuple[str, str, str | None]], *, actor: str) -> dict[str, int]:
        """Apply alias rows (name, canonical name, external id or None): each name
        joins the canonical name's speaker for good, which is shown under the
        canonical name with the external id. All or nothing.

        Raises:
            StoreError: a malformed row (nothing is imported), read-only store.
        """
        rows = list(rows)
        return self._correct(f"{actor} imported {len(rows)} aliases", decisions.import_aliases, rows, actor)  # type: ignore[no-any-return]

    def rebuild_speakers(self) -> dict[str, int]:
        """Group every stored statement into names and resolve them all again (the
        rules may have changed; manual decisions hold). Returns how many statements
        have a speaker and how many moved."""
        attributed, moved = self._correct("rebuilt", speakers.rebuild)
        return {"attributed": attributed, "moved": moved}

    def explain_speakers(self, a: int | str, b: int | str) -> Explanation:
        """Why ``a`` and ``b`` (names, aliases or ids) are one speaker or two: every
        name's rule and evidence, and the manual decisions about them.

        Raises:
            StoreError: a name that no statement was given and no speaker has.
        """
        with self._read() as db:
            return decisions.explain(db, a, b)  # type: ignore[no-any-return]

    def speaker_decisions(self, limit: int = 100, offset: int = 0) -> list[SpeakerDecision]:
        """The latest manual decisions about speakers, newest first (``limit`` of them
        after the ``offset`` newest), each with the speaker it is about now."""
        check_page(limit, offset)
        with self._read() as db:
            return decisions.logged(db, limit, offset)  # type: ignore[no-any-return]

    def check(self) -> list[str]:
        """Integrity problems found by cross-checking the tables (empty when sound)."""
        with self._read() as db:
            return reader.check(db) + self._engine_check(db)

    def _engine_check(self, db: Connection) -> list[str]:
        """Engine-specific integrity checks (full-text index, file structure)."""
        return []
