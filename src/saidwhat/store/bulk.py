"""Loading a Spark output directory (``saidwhat spark``) into a store, in bulk.

The Spark job has already extracted every article and decided, with the store's
own rules, which articles are stored, which link (name) every statement is
counted on and which quotes are one (``batch/spark_merge.py``), and numbered
statements, links and clusters as the store would. Loading is then mostly
copying: rows are built by the writer's own row functions (``writer.article_row``,
``attribution_row``...) from the Parquet datasets, streamed batch by batch, and
written with ``COPY`` on PostgreSQL. The one decision taken here is who is who:
the link table is settled into speakers again with ``links.settle_new``, as the
Spark job settled it, so that manual decisions already in the store (an alias file
imported before the load) hold; without any, the speakers are the job's.

Into an empty store the whole load is one transaction: secondary indexes (and
SQLite's full-text triggers) are dropped first and rebuilt once at the end, which
is far cheaper than maintaining them row by row; a load that fails or is killed
leaves the store empty, and running it again starts over. A store that already
holds articles takes the directory through its ordinary ingest instead, so the new
speakers and quotes merge with those stored (articles in publication order, month
by month; those already stored are skipped).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from typing import Any

from ..errors import StoreError
from ..model import Article, Attribution
from .connection import Connection
from .identity import Decisions, Link
from .links import ALIAS_COLUMNS, LINK_COLUMNS, ROLE_COLUMNS, SPEAKER_COLUMNS, settle_new
from .records import IngestStats
from .speakers import decision
from .writer import ARTICLE_COLUMNS, ATTRIBUTION_COLUMNS, CLUSTER_COLUMNS, article_row, attribution_row

__all__ = ["DATASETS", "STATEMENT_COLUMNS", "ingest_order", "is_spark_output", "link_from", "load"]

log = logging.getLogger(__name__)

# What a Spark output directory holds: extraction, then the cross-article steps.
EXTRACTED = ("articles", "attributions")
MERGED = ("statements", "links", "speakers", "clusters", "duplicates", "renamed")
DATASETS = EXTRACTED + MERGED
ROWS_PER_BATCH = 5_000
_TABLES = (
    "articles",
    "attributions",
    "speakers",
    "speaker_links",
    "link_aliases",
    "link_roles",
    "clusters",
    "cluster_prints",
)

Progress = Callable[[str, int], None]
# The statements dataset: what the store decided for each statement, and its JSON.
STATEMENT_COLUMNS = (
    "id",
    "article_id",
    "input",
    "seq",
    "speaker_id",
    "speaker_link",
    "resolved_type",
    "role",
    "date",
    "site",
    "quote_hash",
    "cluster_id",
    "attribution",
    "month",
)


def ingest_order(pub_date: str | None, article_id: str, input_key: str = "") -> tuple[Any, ...]:
    """The order a Spark output's articles are stored in: dated ones by date, then the
    undated; then by id (and input, for one id read from two inputs)."""
    return (pub_date is None, pub_date or "", article_id, input_key)


def is_spark_output(path: str) -> bool:
    """Whether ``path`` is a directory written by ``saidwhat spark``."""
    return all(os.path.isdir(os.path.join(path, name)) for name in EXTRACTED)


def _dataset(directory: str, name: str) -> Any:
    import pyarrow.dataset as ds

    path = os.path.join(directory, name)
    if not os.path.isdir(path):
        raise StoreError(
            f"{directory} has no {name}/: run the cross-article steps first "
            f"('saidwhat spark --output {directory}' with no inputs)"
        )
    return ds.dataset(path, format="parquet", partitioning="hive")


def _batches(dataset: Any, columns: list[str], filter: Any = None) -> Iterator[list[dict[str, Any]]]:
    for batch in dataset.to_batches(columns=columns, filter=filter, batch_size=ROWS_PER_BATCH):
        if batch.num_rows:
            yield batch.to_pylist()


def _article(r: dict[str, Any], renamed: dict[tuple[str, str], str] | None = None) -> Article:
    key = (r["article_id"], r["input"])
    return Article(
        text=r["text"],
        id=renamed.get(key, key[0]) if renamed else key[0],
        title=r["title"],
        dateline=r["dateline"],
        published=r["published"],
        url=r["url"],
        author=r["author"],
        site=r["site"],
        language=r["language"],
        body=[(int(s), int(e)) for s, e in r["body"] or ()],
        source=r.get("source"),
    )


ARTICLE_FIELDS = ["article_id", "input", "url", "published", "title", "dateline", "author", "site"]
ARTICLE_FIELDS += ["language", "source", "body", "text", "month"]


def _renamed(directory: str) -> dict[tuple[str, str], str]:
    """(article id, input) -> the id the article is stored under, for those the
    cross-article steps renamed (their id was an earlier article's)."""
    return {
        (r["article_id"], r["input"]): r["stored_id"]
        for rows in _batches(_dataset(directory, "renamed"), ["article_id", "input", "stored_id"])
        for r in rows
    }


def _duplicates(directory: str) -> set[tuple[str, str]]:
    return {
        (r["article_id"], r["input"])
        for rows in _batches(_dataset(directory, "duplicates"), ["article_id", "input"])
        for r in rows
    }


def _empty(db: Connection) -> bool:
    """Whether the store holds no articles and no speakers: what a bulk load needs."""
    return not db.scalar("SELECT count(*) AS v FROM articles") and not db.scalar(
        "SELECT count(*) AS v FROM speakers"
    )


def load(
    db: Connection, store: Any, directory: str, *, batch_size: int = 100, progress: Progress | None = None
) -> IngestStats:
    """Load the Spark output ``directory`` through ``db`` (see the module).

    Raises:
        StoreError: the directory lacks a dataset, or the database failed (nothing
            of a bulk load is kept).
    """
    for name in DATASETS:
        _dataset(directory, name)  # every dataset there before anything is written
    if not _empty(db):
        return _through_ingest(store, directory, batch_size, progress)
    stats = IngestStats()
    with db.transaction(write=True):
        if not _empty(db):  # another writer got there first
            return _through_ingest(store, directory, batch_size, progress)
        restore = _suspend_indexes(db)
        speaker_of = _load_speakers(db, directory)
        _load_clusters(db, directory)
        skip = _duplicates(directory)
        renamed = _renamed(directory)
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        for rows in _batches(_dataset(directory, "articles"), ARTICLE_FIELDS):
            batch = [
                article_row(_article(r, renamed), now)
                for r in rows
                if (r["article_id"], r["input"]) not in skip
            ]
            db.insert("articles", ARTICLE_COLUMNS, batch)
            stats.articles_added += len(batch)
            stats.articles_skipped += len(rows) - len(batch)
            if progress:
                progress("articles", stats.articles_added)
        for rows in _batches(_dataset(directory, "statements"), list(STATEMENT_COLUMNS)):
            db.insert("attributions", ATTRIBUTION_COLUMNS, [_attribution(r, speaker_of) for r in rows])
            stats.attributions_added += len(rows)
            if progress:
                progress("attributions", stats.attributions_added)
        if progress:
            progress("indexes", 0)
        restore()
    return stats


def _attribution(r: dict[str, Any], speaker_of: dict[int, tuple[int | None, str | None]]) -> tuple[Any, ...]:
    link = r["speaker_link"]
    speaker_id, speaker_type = speaker_of[link] if link is not None else (None, None)
    return attribution_row(
        r["id"],
        r["article_id"],
        r["seq"],
        Attribution.from_json(_json(r["attribution"])),
        (speaker_id, link, speaker_type, r["role"]),
        r["date"],
        r["site"],
        r["quote_hash"],
        r["cluster_id"],
    )


def _json(text: str) -> Any:
    import json

    return json.loads(text)


# ---------------------------------------------------------------- speakers

_LINK_FIELDS = ["id", "name_key", "gender", "role_key", "period", "short", "surname", "first", "type", "name"]
_LINK_FIELDS += ["statements", "first_date", "last_date", "roles"]


def link_from(r: Any) -> Link:
    """A link as ``identity.resolve`` takes it (role keys included), from a row of the
    links dataset."""
    x = Link(
        int(r["id"]),
        r["name_key"],
        r["gender"],
        r["role_key"],
        r["period"],
        bool(r["short"]),
        r["surname"],
        r["first"],
        r["type"],
        r["name"],
        int(r["statements"]),
        r["first_date"],
        r["last_date"],
    )
    x.roles = {role["role_key"] for role in r["roles"] or ()}
    return x


def _load_speakers(db: Connection, directory: str) -> dict[int, tuple[int | None, str | None]]:
    """Settle the directory's links into speakers with the store's decisions, and write
    speakers, links, their aliases and roles; returns link id -> (speaker id, type)."""
    links = _dataset(directory, "links")
    found = [link_from(r) for rows in _batches(links, _LINK_FIELDS) for r in rows]
    decisions = Decisions.of(
        [
            decision(r)
            for r in db.rows(
                "SELECT id, action, name_key, target_key, value, actor, decided_at FROM speaker_decisions"
            )
        ]
    )
    settled = settle_new(found, decisions)
    db.insert("speakers", SPEAKER_COLUMNS, settled.speakers)
    db.insert("speaker_links", LINK_COLUMNS, settled.links)
    for rows in _batches(links, ["id", "aliases", "roles"]):
        db.insert(
            "link_aliases",
            ALIAS_COLUMNS,
            [(r["id"], a["alias_key"], a["alias"], a["count"]) for r in rows for a in r["aliases"] or ()],
        )
        db.insert(
            "link_roles",
            ROLE_COLUMNS,
            [
                (r["id"], x["role_key"], x["role"], x["first_seen"], x["last_seen"], x["count"])
                for r in rows
                for x in r["roles"] or ()
            ],
        )
    return settled.speaker_of


def _load_clusters(db: Connection, directory: str) -> None:
    for rows in _batches(_dataset(directory, "clusters"), [*CLUSTER_COLUMNS, "prints"]):
        db.insert("clusters", CLUSTER_COLUMNS, [tuple(r[c] for c in CLUSTER_COLUMNS) for r in rows])
        db.insert(
            "cluster_prints", ("print", "cluster_id"), [(p, r["id"]) for r in rows for p in r["prints"] or ()]
        )


# ---------------------------------------------------------------- indexes


def _suspend_indexes(db: Connection) -> Callable[[], None]:
    """Drop the secondary indexes (and SQLite's full-text triggers) of the store's
    tables; returns what rebuilds them, read from the database's own catalogue so it
    follows every migration."""
    if db.engine == "sqlite":
        marks = ", ".join("?" * len(_TABLES))
        found = db.rows(
            f"SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') "
            f"AND sql IS NOT NULL AND tbl_name IN ({marks}) ORDER BY type, name",
            _TABLES,
        )
        for r in found:
            db.execute(f'DROP {r["type"].upper()} "{r["name"]}"')

        def restore() -> None:
            for r in sorted(found, key=lambda r: r["type"] != "index"):  # indexes, then triggers
                db.execute(r["sql"])
            if db.has_table("attributions_fts"):
                db.execute("INSERT INTO attributions_fts (attributions_fts) VALUES ('rebuild')")

        return restore
    found = db.rows(
        "SELECT i.indexname AS name, i.indexdef AS sql FROM pg_indexes i "
        "WHERE i.schemaname = current_schema() AND i.tablename = ANY(?) AND NOT EXISTS "
        "(SELECT 1 FROM pg_constraint c WHERE c.conindid = "
        "(quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass) ORDER BY i.indexname",
        (list(_TABLES),),
    )
    for r in found:
        db.execute(f'DROP INDEX "{r["name"]}"')

    def restore_pg() -> None:
        for r in found:
            db.execute(r["sql"])

    return restore_pg


# ---------------------------------------------------------------- into a store with articles


def _through_ingest(store: Any, directory: str, batch_size: int, progress: Progress | None) -> IngestStats:
    """The articles and their attributions as extracted, through the store's own ingest,
    month by month in ingest order (the store decides again what is a copy, who is who,
    which quotes are one, and the ids of articles whose id is taken)."""
    import pyarrow.dataset as ds

    from .query import iso_date

    articles, attributions = _dataset(directory, "articles"), _dataset(directory, "attributions")
    skip = _duplicates(directory)
    months = sorted(
        {r["month"] for rows in _batches(articles, ["month"]) for r in rows},
        key=lambda m: (m == "unknown", m),
    )
    total = IngestStats()
    for month in months:
        said: dict[tuple[str, str], list[tuple[int, Attribution]]] = {}
        for rows in _batches(
            attributions, ["article_id", "input", "seq", "attribution"], ds.field("month") == month
        ):
            for r in rows:
                said.setdefault((r["article_id"], r["input"]), []).append(
                    (r["seq"], Attribution.from_json(_json(r["attribution"])))
                )
        found = []
        for rows in _batches(articles, ARTICLE_FIELDS, ds.field("month") == month):
            for r in rows:
                key = (r["article_id"], r["input"])
                if key in skip:
                    continue
                article = _article(r)
                article.attributions = [a for _, a in sorted(said.get(key, []), key=lambda t: t[0])]
                found.append((ingest_order(iso_date(article.published), article.id, r["input"]), article))
        found.sort(key=lambda t: t[0])
        total.add(store.ingest((a for _, a in found), batch_size=batch_size))
        if progress:
            progress("articles", total.articles_added)
    return total
