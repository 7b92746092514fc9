"""The cross-article steps of a Spark run, over the whole output directory.

The store decides articles, speakers and quote clusters statement by statement, in
the order articles are ingested. This job takes every article under DIR in one
canonical order (publication date, undated last, then article id: the order
``saidwhat ingest DIR`` stores them in) and applies the store's own rules, as
pure functions, where they are independent:

- articles: the store keeps an article unless an earlier stored one has its URL
  or its text (``writer.already_stored``). Articles sharing a URL or a content
  hash form connected groups; each group is decided in order, the rest are kept.
- speakers: every statement whose speaker is a name (``links.mention_of``) is
  counted on its link (the name, the gender the statement gave it and, for a
  one-word name, its role and year) in order, as the store counts it
  (``links.new_link``, ``links.count``); links are numbered by their first
  statement. Who is who needs every link of a surname at once, so the link table
  (far smaller than the statements) is settled into speakers on the driver by
  ``links.settle_new``: the store's ``identity.resolve`` and its rules for a new
  speaker's id, name, type, gender and counts.
- quote clusters: a quote is only ever compared with clusters that share its
  normal form or a fingerprint, so quotes connected through shared hashes and
  fingerprints are decided together, in order, with ``quotes.Clustering``; the
  groups are the connected components of that graph (label propagation in
  Spark), and every other quote makes a cluster of its own.

Statements, links and clusters are numbered as the store numbers them (order of
ingest, of first statement, of the quote that made the cluster) and speakers as
one transaction numbers them (by home key), so loading the result gives the same
database as ingesting the same articles in this order in one transaction.

Output under DIR, rewritten whole by each merge: ``statements/`` (one row per
statement of a stored article: its number, link, speaker, role, cluster, date, site
and JSON; partitioned by month), ``links/`` (with aliases and roles, and the rule
and evidence that put each at its speaker), ``speakers/``, ``clusters/`` (with
fingerprints) and ``duplicates/`` (articles the store would not keep).
"""

from __future__ import annotations

import json
import logging
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ..model import Article, Attribution
from ..model import article_id as id_of
from ..store import links, quotes
from ..store.bulk import STATEMENT_COLUMNS, ingest_order, link_from
from ..store.links import LINK_COLUMNS, Group, mention_of, settle_new
from ..store.query import iso_date, site_key
from ..store.writer import already_stored, another_id

__all__ = ["MergeSummary", "ingest_order", "merge"]

log = logging.getLogger(__name__)

# The links and speakers datasets (what the bulk loader reads, by column name).
LINK_SCHEMA = (
    "id long, opening long, name_key string, gender string, role_key string, period string, short boolean, "
    "surname string, first string, type string, name string, statements int, first_date string, "
    "last_date string, aliases array<struct<alias_key:string,alias:string,count:int>>, "
    "roles array<struct<role_key:string,role:string,first_seen:string,last_seen:string,count:int>>"
)
SPEAKER_SCHEMA = (
    "id long, key string, name string, type string, gender string, external_id string, surname string, "
    "statements int, first_date string, last_date string"
)

_RENAMED_SCHEMA = "node string, article_id string, input string, stored_id string, month string"

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
    links: int = 0  # names as statements gave them
    speakers: int = 0
    clusters: int = 0

    def describe(self) -> str:
        return (
            f"merged {self.articles:,} articles ({self.duplicates:,} duplicates left out), "
            f"{self.statements:,} statements, {self.speakers:,} speakers ({self.links:,} names), "
            f"{self.clusters:,} quote clusters"
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


def _mention(r: Any) -> list[tuple[Group, tuple[Any, ...]]]:
    """(link group, (number, date, role date, mention)) of a statement whose speaker is a name."""
    m = mention_of(Attribution.from_json(json.loads(r["attribution"])))
    if m is None:
        return []
    date = r["date"]
    return [(m.group(date), (r["number"], date, r["pub_date"] or date, m))]


def _fold_link(
    item: tuple[Group, Iterable[tuple[Any, ...]]],
) -> tuple[tuple[Any, ...], list[tuple[int, Any]]]:
    """One link's statements counted in order, as the store counts them: (link row
    numbered by its first statement, [(statement number, role)])."""
    group, statements = item
    ordered = sorted(statements, key=lambda t: t[0])
    x = links.new_link(0, ordered[0][3], group)
    aliases: Counter[tuple[int, str]] = Counter()
    alias_text: dict[tuple[int, str], str] = {}
    roles: dict[tuple[int, str], list[Any]] = {}
    for _, date, role_date, m in ordered:
        links.count(x, m, date, role_date, aliases, alias_text, roles)
    row = (
        ordered[0][0],
        x.name_key,
        x.gender,
        x.role_key,
        x.period,
        x.short,
        x.surname,
        x.first,
        x.type,
        x.name,
        x.statements,
        x.first_date,
        x.last_date,
        [(k, alias_text[(i, k)], n) for (i, k), n in aliases.items()],
        [(k, *v) for (i, k), v in roles.items()],
    )
    return row, [(number, m.role) for number, _, _, m in ordered]


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


def _stored_ids(spark: Any, kept: Any, directory: str) -> Any:
    """(node, article_id, input, stored_id, month) of the kept articles stored under
    another id, as the store renames an article whose id an earlier one holds
    (``writer.another_id``). Ids are shared only across runs of separate inputs (two
    folders' "2024/story"), so the few articles involved are decided on the driver,
    in order: those sharing an id, and those holding an id one of them may move to."""
    from pyspark.sql import functions as F

    text = spark.read.parquet(f"{directory}/articles").select("article_id", "input", "text")
    fields = ["node", "article_id", "input", "url", "content_hash", "month", "order"]
    shared = kept.groupBy("article_id").count().where(F.col("count") > 1).select("article_id")
    rows = [
        r.asDict()
        for r in kept.join(shared, "article_id", "left_semi")
        .join(text, ["article_id", "input"])
        .select(*fields, "text")
        .collect()
    ]
    if not rows:
        return spark.createDataFrame([], _RENAMED_SCHEMA)
    wanted = {id_of(r["text"], r["url"]) for r in rows} | {
        f"{r['article_id']}-{r['content_hash'][:12]}" for r in rows
    }
    seen = {r["node"] for r in rows}
    rows += [
        r.asDict()
        for r in kept.where(F.col("article_id").isin(sorted(wanted)))
        .join(text, ["article_id", "input"])
        .select(*fields, "text")
        .collect()
        if r["node"] not in seen
    ]
    used: set[str] = set()
    out = []
    for r in sorted(rows, key=lambda r: list(r["order"])):
        stored = r["article_id"]
        if stored in used:
            copy = Article(text=r["text"], id=stored, url=r["url"])
            stored = another_id(copy, used.__contains__)
            out.append((r["node"], r["article_id"], r["input"], stored, r["month"]))
        used.add(stored)
    return spark.createDataFrame(out, _RENAMED_SCHEMA)


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
    renamed = _stored_ids(spark, kept, directory)
    renamed.write.mode("overwrite").parquet(f"{directory}/renamed")
    kept = kept.join(renamed.select("node", "stored_id"), "node", "left").withColumn(
        "stored_id", F.coalesce("stored_id", "article_id")
    )
    dropped_rows.select("article_id", "input", "month").write.mode("overwrite").parquet(
        f"{directory}/duplicates"
    )

    # --- statements, numbered in ingest order
    attrs = spark.read.parquet(f"{directory}/attributions").select(
        "article_id", "input", "seq", "attribution", "month"
    )
    joined = (
        attrs.drop("month")
        .join(
            kept.select("article_id", "input", "stored_id", "pub_date", "site", "month", "order"),
            ["article_id", "input"],
        )
        .drop("article_id")
        .withColumnRenamed("stored_id", "article_id")
    )
    statement_rdd = joined.rdd.map(_statement).sortBy(lambda t: t[-1]).zipWithIndex()
    statements = spark.createDataFrame(
        statement_rdd.map(lambda t: (t[1] + 1, *t[0][:-1])),
        "number long, article_id string, input string, seq int, month string, pub_date string, "
        "site string, date string, attribution string",
    ).persist(StorageLevel.MEMORY_AND_DISK)

    # --- speakers: statements counted into links in Spark, links settled on the driver
    folded = (
        statements.rdd.flatMap(_mention).groupByKey().map(_fold_link).persist(StorageLevel.MEMORY_AND_DISK)
    )
    counted = spark.createDataFrame(
        folded.map(lambda t: t[0]).sortBy(lambda row: row[0]).zipWithIndex().map(lambda t: (t[1] + 1, *t[0])),
        LINK_SCHEMA,
    ).persist(StorageLevel.MEMORY_AND_DISK)
    settled = settle_new([link_from(r) for r in counted.drop("aliases").toLocalIterator()])
    speakers = spark.createDataFrame(settled.speakers, SPEAKER_SCHEMA)
    verdicts = spark.createDataFrame(
        [row[:1] + row[9:14] for row in settled.links],
        "id long, speaker_id long, rule string, evidence string, actor string, decided_at string",
    )
    resolved = counted.join(verdicts, "id").select(*LINK_COLUMNS, "aliases", "roles")
    speaker_of = (
        spark.createDataFrame(
            folded.flatMap(lambda t: [(n, t[0][0], role) for n, role in t[1]]),
            "number long, opening long, role string",
        )
        .join(counted.select("opening", F.col("id").alias("speaker_link")), "opening")
        .join(verdicts.select(F.col("id").alias("speaker_link"), "speaker_id"), "speaker_link")
        .join(
            speakers.select(F.col("id").alias("speaker_id"), F.col("type").alias("resolved_type")),
            "speaker_id",
            "left",
        )
    )

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
        statements.join(
            speaker_of.select("number", "speaker_id", "speaker_link", "resolved_type", "role"),
            "number",
            "left",
        )
        .join(members.select("number", "cluster_id", "quote_hash"), "number", "left")
        .withColumnRenamed("number", "id")
        .select(*STATEMENT_COLUMNS)
    )
    out.repartition("month").sortWithinPartitions("id").write.mode("overwrite").partitionBy("month").parquet(
        f"{directory}/statements"
    )
    speakers.orderBy("id").write.mode("overwrite").parquet(f"{directory}/speakers")
    resolved.orderBy("id").write.mode("overwrite").parquet(f"{directory}/links")
    clusters.drop("creator").orderBy("id").write.mode("overwrite").parquet(f"{directory}/clusters")

    summary.articles = kept.count()
    summary.duplicates = spark.read.parquet(f"{directory}/duplicates").count()
    summary.statements = statements.count()
    summary.speakers = len(settled.speakers)
    summary.links = len(settled.links)
    summary.clusters = clusters.count()
    for frame in (articles, statements, counted, quoted, clusters):
        frame.unpersist()
    folded.unpersist()
    decided_quotes.unpersist()
    return summary
