"""The cross-article steps of a Spark run, over the whole output directory.

The store decides speakers and quote clusters statement by statement, in the
order articles are ingested. This job takes every article under DIR in one
canonical order (publication date, undated last, then article id: the order
``saidwhat ingest DIR`` stores them in) and applies the store's own rules, as
pure functions, where they are independent:

- articles: the store keeps an article unless an earlier stored one has its URL
  or its text (``writer.already_stored``). Articles sharing a URL or a content
  hash form connected groups; each group is decided in order, the rest are kept.
- speakers: statements are grouped by the store's merge key (``names.speaker_of``)
  and each group is folded in order with ``names.SpeakerTally``.
- quote clusters: a quote is only ever compared with clusters that share its
  normal form or a fingerprint, so quotes connected through shared hashes and
  fingerprints are decided together, in order, with ``quotes.Clustering``; the
  groups are the connected components of that graph (label propagation in
  Spark), and every other quote makes a cluster of its own.

Statements, speakers and clusters are numbered as the store numbers them (order
of ingest, of first statement, of the quote that made the cluster), so loading
the result gives the same database as ingesting the same articles in this order.

Output under DIR, rewritten whole by each merge: ``statements/`` (one row per
statement of a stored article: its number, speaker, role, cluster, date, site and
JSON; partitioned by month), ``speakers/`` (with aliases and roles), ``clusters/``
(with fingerprints) and ``duplicates/`` (articles the store would not keep).
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ..model import Attribution
from ..store import names, quotes
from ..store.bulk import STATEMENT_COLUMNS, ingest_order
from ..store.query import iso_date, site_key
from ..store.writer import already_stored

__all__ = ["MergeSummary", "ingest_order", "merge"]

log = logging.getLogger(__name__)

# Label propagation stops after this many rounds even if labels still move (it
# converges in about half the widest group's diameter; real groups are small).
MAX_ROUNDS = 50
# Graphs of up to this many (node, key) edges are grouped on the driver in one pass.
LOCAL_EDGES = 2_000_000


@dataclass
class MergeSummary:
    """What the cross-article steps found."""

    articles: int = 0  # stored (the rest are duplicates)
    duplicates: int = 0
    statements: int = 0
    speakers: int = 0
    clusters: int = 0

    def describe(self) -> str:
        return (
            f"merged {self.articles:,} articles ({self.duplicates:,} duplicates left out), "
            f"{self.statements:,} statements, {self.speakers:,} speakers, {self.clusters:,} quote clusters"
        )


def components(edges: Any) -> Any:
    """Connected components of a bipartite graph given as (node, key) rows: two nodes
    are connected when they share a key. Returns (node, label) rows, the label the
    smallest node of the component.

    Up to LOCAL_EDGES edges are joined on the driver (union-find: one pass); larger
    graphs by label propagation in Spark, each round a join and a min per key and
    per node, until no label moves.
    """
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    few = edges.limit(LOCAL_EDGES + 1).collect()
    if len(few) <= LOCAL_EDGES:
        node_type = edges.schema["node"].dataType
        schema = T.StructType([T.StructField("node", node_type), T.StructField("label", node_type)])
        return edges.sparkSession.createDataFrame(_union_find((r["node"], r["key"]) for r in few), schema)
    labels = edges.select("node").distinct().withColumn("label", F.col("node")).localCheckpoint()
    for _ in range(MAX_ROUNDS):
        by_key = edges.join(labels, "node").groupBy("key").agg(F.min("label").alias("label"))
        fresh = edges.join(by_key, "key").groupBy("node").agg(F.min("label").alias("label")).localCheckpoint()
        moved = (
            fresh.join(labels.withColumnRenamed("label", "old"), "node")
            .where(F.col("label") != F.col("old"))
            .count()
        )
        labels = fresh
        if not moved:
            return labels
    log.warning("grouping did not settle in %d rounds; the largest groups may be split", MAX_ROUNDS)
    return labels


def _union_find(edges: Iterable[tuple[Any, str]]) -> list[tuple[Any, Any]]:
    parent: dict[Any, Any] = {}

    def root(x: Any) -> Any:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    first_of_key: dict[str, Any] = {}
    for node, key in edges:
        parent.setdefault(node, node)
        other = first_of_key.setdefault(key, node)
        a, b = root(node), root(other)
        if a != b:
            parent[max(a, b)] = min(a, b)  # the smallest node is the root
    return [(node, root(node)) for node in parent]


def _shared(edges: Any) -> Any:
    """The (node, key) rows whose key is shared by at least two nodes."""
    from pyspark.sql import functions as F
    from pyspark.sql.window import Window

    return (
        edges.withColumn("n", F.count(F.lit(1)).over(Window.partitionBy("key")))
        .where(F.col("n") > 1)
        .select("node", "key")
    )


# ---------------------------------------------------------------- articles


def _keep_in_order(rows: Iterable[Any]) -> Iterator[tuple[str, bool]]:
    """(node, stored?) for one group of articles sharing URLs or texts, in order."""
    urls: set[str] = set()
    hashes: set[str] = set()
    for r in sorted(rows, key=lambda r: r["order"]):
        if already_stored(r["url"], r["content_hash"], urls, hashes):
            yield r["node"], False
            continue
        if r["url"]:
            urls.add(r["url"])
        hashes.add(r["content_hash"])
        yield r["node"], True


def _article_row(r: Any) -> tuple[Any, ...]:
    pub_date = iso_date(r["published"])
    return (
        f"{r['input']}/{r['article_id']}",
        r["article_id"],
        r["input"],
        r["url"],
        r["content_hash"],
        pub_date,
        site_key(r["site"]),
        r["month"],
        list(ingest_order(pub_date, r["article_id"], r["input"])),
    )


# ---------------------------------------------------------------- statements


def _statement(r: Any) -> tuple[Any, ...]:
    a = Attribution.from_json(json.loads(r["attribution"]))
    when_date = iso_date(a.when.date) if a.when else None
    return (
        r["article_id"],
        r["input"],
        r["seq"],
        r["month"],
        r["pub_date"],
        r["site"],
        when_date or r["pub_date"],
        r["attribution"],
        [str(x) for x in r["order"]] + [f"{int(r['seq']):09d}"],
    )


def _speaker_of(r: Any) -> list[tuple[str, tuple[Any, ...]]]:
    a = Attribution.from_json(json.loads(r["attribution"]))
    found = names.speaker_of(a)
    if not found:
        return []
    key, _, title = found
    return [(key, (r["number"], r["attribution"], title, r["date"], r["pub_date"]))]


def _fold_speaker(
    item: tuple[str, Iterable[tuple[Any, ...]]],
) -> tuple[tuple[Any, ...], list[tuple[int, str | None]]]:
    """One speaker's statements folded in order: (speaker row, [(number, role)])."""
    key, statements = item
    ordered = sorted(statements)
    tally: names.SpeakerTally | None = None
    roles = []
    for number, attribution, title, date, pub_date in ordered:
        a = Attribution.from_json(json.loads(attribution))
        if tally is None:
            found = names.speaker_of(a)
            assert found is not None
            tally = names.SpeakerTally.new(found[1], a.speaker.type)  # type: ignore[union-attr]
        roles.append((number, tally.add(a, key, title, date, pub_date)))
    assert tally is not None
    speaker = (
        ordered[0][0],  # numbered by its first statement
        key,
        tally.name,
        tally.type,
        tally.surname,
        tally.statements,
        tally.first_date,
        tally.last_date,
        [(k, tally.alias_text[k], n) for k, n in tally.aliases.items()],
        [(k, v[0], v[1], v[2], v[3]) for k, v in tally.roles.items()],
    )
    return speaker, roles


def _quote(r: Any) -> list[tuple[Any, ...]]:
    a = Attribution.from_json(json.loads(r["attribution"]))
    prepared = quotes.prepare(a.kind, a.content.text)
    if prepared is None:
        return []
    words, quote_hash, prints = prepared
    return [(r["number"], r["article_id"], r["pub_date"], " ".join(words), quote_hash, sorted(prints))]


def _fold_clusters(group: Iterable[Any]) -> Iterator[tuple[str, Any]]:
    """One group of connected quotes, in order: ("cluster", row) and ("member", row)."""
    clustering = quotes.Clustering({}, {}, {}, next_id=0)
    in_article: dict[str, set[int]] = {}
    creators: dict[int, int] = {}  # local cluster id -> number of the quote that made it
    members = []
    for number, article_id, pub_date, words, quote_hash, prints in sorted(group):
        cl = clustering.add(
            words.split(),
            quote_hash,
            set(prints),
            number,
            article_id,
            pub_date,
            in_article.setdefault(article_id, set()),
        )
        creators.setdefault(cl.id, number)
        members.append((number, creators[cl.id], quote_hash))
    for cl in clustering.clusters.values():
        yield (
            "cluster",
            (
                creators[cl.id],
                " ".join(cl.words),
                cl.first_attribution_id,
                cl.first_article_id,
                cl.first_date,
                cl.variants,
                cl.articles,
                sorted(cl.prints),
            ),
        )
    for member in members:
        yield "member", member


# ---------------------------------------------------------------- the job


def _exists(path: str) -> bool:
    if "://" in path and not path.startswith("file://"):
        return True  # remote: let Spark say if it is missing
    return os.path.isdir(path.removeprefix("file://"))


def merge(spark: Any, directory: str) -> MergeSummary:
    """Run the cross-article steps over ``directory`` (see the module); returns counts."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    summary = MergeSummary()
    if not (_exists(f"{directory}/articles") and _exists(f"{directory}/attributions")):
        return summary
    arts = spark.read.parquet(f"{directory}/articles").select(
        "article_id", "input", "url", "content_hash", "published", "site", "month"
    )
    article_schema = T.StructType(
        [
            T.StructField("node", T.StringType()),
            T.StructField("article_id", T.StringType()),
            T.StructField("input", T.StringType()),
            T.StructField("url", T.StringType()),
            T.StructField("content_hash", T.StringType()),
            T.StructField("pub_date", T.StringType()),
            T.StructField("site", T.StringType()),
            T.StructField("month", T.StringType()),
            T.StructField("order", T.ArrayType(T.StringType())),
        ]
    )
    articles = spark.createDataFrame(
        arts.rdd.map(_article_row).map(lambda t: (*t[:-1], [str(x) for x in t[-1]])), article_schema
    ).persist(StorageLevel.MEMORY_AND_DISK)

    # --- articles the store would keep
    edges = articles.select("node", F.concat(F.lit("u:"), "url").alias("key")).where(F.col("url").isNotNull())
    edges = _shared(
        edges.unionByName(articles.select("node", F.concat(F.lit("h:"), "content_hash").alias("key")))
    )
    groups = components(edges)
    decided = (
        articles.join(groups, "node")
        .rdd.map(lambda r: (r["label"], r))
        .groupByKey()
        .flatMap(lambda kv: _keep_in_order(kv[1]))
    )
    dropped = spark.createDataFrame(decided.filter(lambda t: not t[1]).map(lambda t: (t[0],)), "node string")
    dropped_rows = articles.join(dropped, "node", "left_semi")
    kept = articles.join(dropped, "node", "left_anti")
    dropped_rows.select("article_id", "input", "month").write.mode("overwrite").parquet(
        f"{directory}/duplicates"
    )

    # --- statements, numbered in ingest order
    attrs = spark.read.parquet(f"{directory}/attributions").select(
        "article_id", "input", "seq", "attribution", "month"
    )
    joined = attrs.drop("month").join(
        kept.select("article_id", "input", "pub_date", "site", "month", "order"), ["article_id", "input"]
    )
    statement_rdd = joined.rdd.map(_statement).sortBy(lambda t: t[-1]).zipWithIndex()
    statements = spark.createDataFrame(
        statement_rdd.map(lambda t: (t[1] + 1, *t[0][:-1])),
        "number long, article_id string, input string, seq int, month string, pub_date string, "
        "site string, date string, attribution string",
    ).persist(StorageLevel.MEMORY_AND_DISK)

    # --- speakers
    folded = (
        statements.rdd.flatMap(_speaker_of)
        .groupByKey()
        .map(_fold_speaker)
        .persist(StorageLevel.MEMORY_AND_DISK)
    )
    speaker_numbers = folded.map(lambda t: t[0]).sortBy(lambda s: s[0]).zipWithIndex()
    speakers = spark.createDataFrame(
        speaker_numbers.map(lambda t: (t[1] + 1, *t[0][1:])),
        "id long, key string, name string, type string, surname string, statements int, first_date string, "
        "last_date string, aliases array<struct<alias_key:string,alias:string,count:int>>, "
        "roles array<struct<role_key:string,role:string,first_seen:string,last_seen:string,count:int>>",
    ).persist(StorageLevel.MEMORY_AND_DISK)
    speaker_of = spark.createDataFrame(
        folded.flatMap(lambda t: [(n, t[0][1], role) for n, role in t[1]]),
        "number long, key string, role string",
    ).join(speakers.select(F.col("key"), F.col("id").alias("speaker_id")), "key")

    # --- quote clusters
    quoted = spark.createDataFrame(
        statements.rdd.flatMap(_quote),
        "number long, article_id string, pub_date string, words string, quote_hash string, prints array<long>",
    ).persist(StorageLevel.MEMORY_AND_DISK)
    quote_edges = _shared(
        quoted.select(
            F.col("number").alias("node"), F.concat(F.lit("h:"), "quote_hash").alias("key")
        ).unionByName(
            quoted.select(F.col("number").alias("node"), F.explode("prints").alias("print")).select(
                "node", F.concat(F.lit("p:"), F.col("print").cast("string")).alias("key")
            )
        )
    )
    quote_groups = components(quote_edges)
    grouped = quoted.join(quote_groups.withColumnRenamed("node", "number"), "number", "left").withColumn(
        "label", F.coalesce("label", "number")
    )
    decided_quotes = (
        grouped.rdd.map(
            lambda r: (
                r["label"],
                (r["number"], r["article_id"], r["pub_date"], r["words"], r["quote_hash"], list(r["prints"])),
            )
        )
        .groupByKey()
        .flatMap(lambda kv: _fold_clusters(kv[1]))
        .persist(StorageLevel.MEMORY_AND_DISK)
    )
    cluster_numbers = (
        decided_quotes.filter(lambda t: t[0] == "cluster").map(lambda t: t[1]).sortBy(lambda c: c[0])
    )
    clusters = spark.createDataFrame(
        cluster_numbers.zipWithIndex().map(lambda t: (t[1] + 1, *t[0])),
        "id long, creator long, norm string, first_attribution_id long, first_article_id string, "
        "first_date string, variants int, articles int, prints array<long>",
    ).persist(StorageLevel.MEMORY_AND_DISK)
    members = spark.createDataFrame(
        decided_quotes.filter(lambda t: t[0] == "member").map(lambda t: t[1]),
        "number long, creator long, quote_hash string",
    ).join(clusters.select("creator", F.col("id").alias("cluster_id")), "creator")

    # --- write
    out = (
        statements.join(speaker_of.select("number", "speaker_id", "role"), "number", "left")
        .join(members.select("number", "cluster_id", "quote_hash"), "number", "left")
        .withColumnRenamed("number", "id")
        .select(*STATEMENT_COLUMNS)
    )
    out.repartition("month").sortWithinPartitions("id").write.mode("overwrite").partitionBy("month").parquet(
        f"{directory}/statements"
    )
    speakers.orderBy("id").write.mode("overwrite").parquet(f"{directory}/speakers")
    clusters.drop("creator").orderBy("id").write.mode("overwrite").parquet(f"{directory}/clusters")

    summary.articles = kept.count()
    summary.duplicates = spark.read.parquet(f"{directory}/duplicates").count()
    summary.statements = statements.count()
    summary.speakers = speakers.count()
    summary.clusters = clusters.count()
    for frame in (articles, statements, speakers, quoted, clusters):
        frame.unpersist()
    folded.unpersist()
    decided_quotes.unpersist()
    return summary
