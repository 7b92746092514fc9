"""The batch run as an Apache Spark job: extraction on every executor, Parquet out.

    saidwhat spark crawl/ --output out/                   # local[*]
    spark-submit --py-files saidwhat.whl -m saidwhat.batch.spark_submit ...

The driver plans the inputs (spark_inputs.py); each task reads its files with
the batch runner's readers and turns the documents into Articles with the batch
runner's own ``extract_documents``, in chunks of ``batch_size``, inside
``mapPartitions``. The pipeline is loaded once per Python worker (the runner's
cached ``load_pipeline``; Spark reuses its Python workers between tasks) and
never pickled; spaCy runs in the worker's one process.

Output, under DIR:

- ``articles/``: one row per article (its text, metadata and prose regions);
- ``attributions/``: the batch runner's columns (``output.COLUMNS``), plus
  ``attribution_id``, ``seq`` and ``attribution`` (the attribution's full JSON,
  every offset into its article's text);
- ``errors/``: ``id``, ``kind``, ``reason``, ``source`` of every document that
  failed or was skipped, as the runner's error log.

Articles and attributions are partitioned by publication month and by input
(``month=2024-03/input=<key>``), errors by input. Ids are the runner's (URL or
content hash; a text file's name) and attribution ids add the offsets, so a re-run
writes the same rows; it replaces only the partitions it writes (dynamic
partition overwrite), which makes a run that died half-way safe to run again and
leaves other inputs' rows alone. The second copy of an article within a run is
skipped as a duplicate, as the runner does. Then ``spark_merge`` runs the
cross-article steps over the whole directory.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from ..errors import ConfigError
from ..ingest import Document
from ..model import Article, Failure
from ..settings import Settings
from .job import error_record
from .output import COLUMNS, rows
from .runner import KeptWorkers, Work, duplicate, extract_chunks, quiet_extraction_logs
from .spark_inputs import FILES_PER_TASK, Unit, group_units, plan, read_unit

__all__ = ["SparkSummary", "month_of", "run_spark", "spark_session", "write_articles"]

log = logging.getLogger(__name__)

UNKNOWN_MONTH = "unknown"  # the partition of articles without a publication date


def month_of(published: str | None) -> str:
    """The ``month`` partition of an article published on ``published``."""
    from ..store.query import iso_date

    day = iso_date(published)
    return day[:7] if day else UNKNOWN_MONTH


# ---------------------------------------------------------------- schemas


def _spark_type(kind: str) -> Any:
    from pyspark.sql import types as T

    kinds = {"string": T.StringType(), "double": T.DoubleType(), "long": T.LongType(), "int": T.IntegerType()}
    if kind not in kinds:
        raise ConfigError(f"output column type {kind!r} has no Spark type")
    return kinds[kind]


# Article fields kept in the articles dataset besides the partition columns.
ARTICLE_FIELDS = (
    "article_id",
    "url",
    "published",
    "title",
    "dateline",
    "author",
    "site",
    "language",
    "source",
    "content_hash",
    "attributions",
    "body",
    "text",
)
# Columns of attributions beyond the runner's, which follow output.COLUMNS as it grows.
ID_COLUMNS = ("attribution_id", "seq", "attribution")


def _schemas() -> tuple[Any, Any, Any]:
    """(attribution, article, result) Spark schemas."""
    from pyspark.sql import types as T

    attribution = T.StructType(
        [T.StructField(name, _spark_type(kind)) for name, kind, _ in COLUMNS]
        + [
            T.StructField("attribution_id", T.StringType(), False),
            T.StructField("seq", T.IntegerType(), False),
            T.StructField("attribution", T.StringType(), False),
        ]
    )
    article = T.StructType(
        [
            T.StructField(name, T.StringType())
            for name in ARTICLE_FIELDS
            if name not in ("attributions", "body", "text")
        ]
        + [
            T.StructField("attributions", T.IntegerType()),
            T.StructField("body", T.ArrayType(T.ArrayType(T.IntegerType()))),
            T.StructField("text", T.StringType()),
        ]
    )
    result = T.StructType(
        [
            T.StructField("unit", T.LongType(), False),
            T.StructField("record", T.LongType(), False),
            T.StructField("input", T.StringType(), False),
            T.StructField("key", T.StringType()),  # what duplicates are told by
            T.StructField("doc_source", T.StringType()),
            T.StructField("month", T.StringType()),
            T.StructField("article", article),
            T.StructField("items", T.ArrayType(attribution)),
            T.StructField("error", T.MapType(T.StringType(), T.StringType())),
        ]
    )
    return attribution, article, result


# ---------------------------------------------------------------- executors


def attribution_ids(article: Article) -> list[str]:
    """Stable ids of the attributions of ``article``: its id and the content's offsets
    (``#2``, ``#3`` for later attributions of the same offsets)."""
    seen: Counter[str] = Counter()
    ids = []
    for a in article.attributions:
        base = f"{article.id}:{a.content.start}-{a.content.end}"
        seen[base] += 1
        ids.append(base if seen[base] == 1 else f"{base}#{seen[base]}")
    return ids


def _article_record(article: Article, doc_source: str | None) -> tuple[Any, ...]:
    values = {
        "article_id": article.id,
        "url": article.url,
        "published": article.published,
        "title": article.title,
        "dateline": article.dateline,
        "author": article.author,
        "site": article.site,
        "language": article.language,
        "source": article.source or doc_source,
        "content_hash": article.content_hash,
        "attributions": len(article.attributions),
        "body": [list(r) for r in article.body],
        "text": article.text,
    }
    order = [n for n in ARTICLE_FIELDS if n not in ("attributions", "body", "text")]
    return tuple(values[n] for n in order) + (values["attributions"], values["body"], values["text"])


def _items(article: Article) -> list[tuple[Any, ...]]:
    names = [name for name, _, _ in COLUMNS]
    out = []
    for seq, (row, ident, a) in enumerate(
        zip(rows(article), attribution_ids(article), article.attributions, strict=True)
    ):
        record = a.to_json()
        record["confidence"] = a.confidence  # unrounded, as the store keeps it
        out.append(tuple(row[n] for n in names) + (ident, seq, json.dumps(record, ensure_ascii=False)))
    return out


# This Python worker's extraction processes, kept between its tasks (see extract_partition).
_KEPT = KeptWorkers()


def extract_partition(
    groups: Iterator[list[Unit]],
    settings: Settings,
    published: str | None,
    dates_from_names: bool = False,
    work: Work | None = None,
) -> Iterator[tuple[Any, ...]]:
    """``mapPartitions`` body: one result row per document of the units in this task.

    The documents go through the batch runner's ``extract_chunks``, on the same budget
    per article (``extract_timeout``, ``worker_memory``): the extraction runs in a child
    process this Python worker keeps for all its tasks (Spark reuses its Python
    workers), which loads the pipeline once, is replaced after as many articles as the
    runner's, and is killed and replaced when an article overruns, which is then
    reported as ``timeout`` or ``too-large`` while the task goes on. ``work`` is the
    runner's (tests inject slow or greedy work).
    """
    quiet_extraction_logs(logging.getLogger().getEffectiveLevel())
    for units in groups:
        for unit in units:
            yield from _extract_unit(unit, settings, published, dates_from_names, work)


def _chunks(items: Iterator[Document | Failure], size: int) -> Iterator[list[Document | Failure]]:
    while True:
        chunk = list(islice(items, size))
        if not chunk:
            return
        yield chunk


def _extract_unit(
    unit: Unit, settings: Settings, published: str | None, dates_from_names: bool, work: Work | None
) -> Iterator[tuple[Any, ...]]:
    documents = read_unit(
        unit, max_chars=settings.max_chars, published=published, dates_from_names=dates_from_names
    )
    chunks = _chunks(documents, max(1, settings.batch_size))
    record = 0
    for items, results in extract_chunks(chunks, settings=settings, jobs=1, work=work, keep=_KEPT):
        for item, result in zip(items, results, strict=True):
            doc_source = item.source
            known = item.known_id if isinstance(item, Document) else ""
            if isinstance(result, Article):
                key = known or result.id
                yield (
                    unit.order,
                    record,
                    unit.input,
                    key,
                    doc_source,
                    month_of(result.published),
                    _article_record(result, doc_source),
                    _items(result),
                    None,
                )
            else:
                error = {k: v for k, v in error_record(result).items() if v is not None}
                yield (unit.order, record, unit.input, known or None, doc_source, None, None, None, error)
            record += 1


# ---------------------------------------------------------------- the job


@dataclass
class SparkSummary:
    """What a Spark run did."""

    documents: int = 0  # read: every document and every unreadable input
    articles: int = 0  # extracted and written
    attributions: int = 0
    errors: int = 0  # failed
    skipped: Counter[str] = field(default_factory=Counter)  # left out on purpose, by kind
    seconds: float = 0.0
    output: str = ""
    cores: int = 0

    def describe(self) -> str:
        """A few lines for the end of a run."""
        rate = self.articles / self.seconds if self.seconds else 0.0
        skipped = ", ".join(f"{n:,} {kind}" for kind, n in sorted(self.skipped.items())) or "none"
        per_core = f", {rate / self.cores:.1f} per core" if self.cores else ""
        return (
            f"documents read {self.documents:,}; articles extracted {self.articles:,} "
            f"({self.attributions:,} attributions); skipped {sum(self.skipped.values()):,} ({skipped}); "
            f"failed {self.errors:,}\n"
            f"{self.seconds:.1f} s, {rate:.1f} articles/s{per_core}; output {self.output}"
        )


def spark_session(master: str | None = None, app_name: str = "saidwhat", conf: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    """The active SparkSession, or a new one (``master`` for local runs; under
    spark-submit the master comes from there).

    Raises:
        ConfigError: PySpark is not installed (``pip install saidwhat[spark]``).
    """
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise ConfigError("Spark runs need PySpark: pip install 'saidwhat[spark]'") from None
    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    local = {}
    if master and master.startswith("local"):
        # a few shuffle partitions per core: Spark's 200 are tasks that cost more than they do
        cores = master.partition("[")[2].rstrip("]").split(",")[0]
        n = (os.cpu_count() or 2) if cores in ("", "*") else int(cores)
        local["spark.sql.shuffle.partitions"] = str(max(4, 2 * n))
        # The JVM only moves rows here; the work is in the Python workers. Its quick
        # compiler halves the JVM's own CPU (30 s -> 16 s a run, measured), which on a
        # few local cores is time taken from extraction.
        local["spark.driver.extraJavaOptions"] = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
    settings = {
        **local,
        "spark.sql.session.timeZone": "UTC",
        "spark.sql.sources.partitionOverwriteMode": "dynamic",
        # partition values are text (months, input keys): never read them as numbers or dates
        "spark.sql.sources.partitionColumnTypeInference.enabled": "false",
        "spark.python.worker.reuse": "true",  # one pipeline per worker, kept between tasks
        "spark.ui.showConsoleProgress": "false",
        **(conf or {}),
    }
    for key, value in settings.items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


def run_spark(
    spark: Any,
    inputs: Iterable[str],
    output: str,
    *,
    settings: Settings,
    published: str | None = None,
    dates_from_names: bool = False,
    lists: Iterable[str] = (),
    base: str | None = None,
    files_per_task: int = FILES_PER_TASK,
) -> SparkSummary:
    """Extract ``inputs`` into the Parquet datasets under ``output`` (see the module).

    Args:
        spark: the SparkSession (``spark_session``).
        lists: listing files, one input per line (``--input-list``).
        base: prefix for relative paths in listing files.
        files_per_task: text and HTML files read by one task.

    Raises:
        InputError: nothing to read.
    """
    from pyspark import StorageLevel
    from pyspark.sql import functions as F
    from pyspark.sql.window import Window

    started = time.perf_counter()
    units = plan(inputs, lists=lists, base=base)
    summary = SparkSummary(output=output, cores=spark.sparkContext.defaultParallelism)
    if not units:
        summary.seconds = time.perf_counter() - started
        return summary
    groups = group_units(units, files_per_task)
    _, _, result_schema = _schemas()
    sc = spark.sparkContext

    def extract(part: Iterator[list[Unit]]) -> Iterator[tuple[Any, ...]]:
        return extract_partition(part, settings, published, dates_from_names)

    rdd = sc.parallelize(groups, len(groups)).mapPartitions(extract)
    results = spark.createDataFrame(rdd, result_schema).persist(StorageLevel.MEMORY_AND_DISK)
    ranked = None
    try:
        # the first copy (in reading order) of each article id is kept, as the runner keeps it
        first = Window.partitionBy("key").orderBy("unit", "record")
        ranked = results.withColumn(
            "copy", F.when(F.col("key").isNull(), F.lit(1)).otherwise(F.row_number().over(first))
        ).persist(StorageLevel.MEMORY_AND_DISK)
        kept = ranked.where((F.col("copy") == 1) & F.col("article").isNotNull())
        articles = kept.select("article.*", "month", "input")
        attributions = kept.select(F.explode("items").alias("a"), "month", "input").select(
            "a.*", "month", "input"
        )
        errors = _errors(ranked)
        _write(articles.sortWithinPartitions("article_id"), f"{output}/articles", ["month", "input"])
        _write(
            attributions.sortWithinPartitions("article_id", "seq"),
            f"{output}/attributions",
            ["month", "input"],
        )
        _write(errors, f"{output}/errors", ["input"])
        counts = (
            ranked.select(
                F.when(F.col("copy") > 1, F.lit("duplicate"))
                .when(F.col("article").isNotNull(), F.lit("article"))
                .otherwise(F.col("error")["kind"])
                .alias("outcome"),
                F.coalesce(F.size("items"), F.lit(0)).alias("n"),
            )
            .groupBy("outcome")
            .agg(F.count(F.lit(1)).alias("documents"), F.sum("n").alias("attributions"))
        )
        for row in counts.collect():
            summary.documents += row["documents"]
            if row["outcome"] == "article":
                summary.articles += row["documents"]
                summary.attributions += int(row["attributions"] or 0)
            elif row["outcome"] == "error":
                summary.errors += row["documents"]
            else:
                summary.skipped[row["outcome"]] += row["documents"]
    finally:
        results.unpersist()
        if ranked is not None:
            ranked.unpersist()
    summary.seconds = time.perf_counter() - started
    return summary


def _errors(ranked: Any) -> Any:
    """The error rows: failures, and the later copies of an article as duplicates."""
    from pyspark.sql import functions as F

    def row(r: Any) -> tuple[Any, ...]:
        if r["copy"] > 1:
            record = error_record(duplicate(r["key"], r["doc_source"]))
        else:
            record = dict(r["error"])
        return (record["id"], record["kind"], record["reason"], record.get("source"), r["input"])

    failed = ranked.where((F.col("copy") > 1) | F.col("error").isNotNull()).orderBy("unit", "record")
    return ranked.sparkSession.createDataFrame(
        failed.select("copy", "key", "doc_source", "error", "input").rdd.map(row),
        "id string, kind string, reason string, source string, input string",
    )


def _write(frame: Any, path: str, partitions: list[str]) -> None:
    (
        frame.write.mode("overwrite")
        .option("partitionOverwriteMode", "dynamic")
        .partitionBy(*partitions)
        .parquet(path)
    )


def write_articles(articles: Iterable[Article], directory: str, input_key: str = "articles") -> int:
    """Write already-extracted ``articles`` as the ``articles`` and ``attributions``
    datasets of a Spark output directory, without Spark (pyarrow); returns how many.

    For articles extracted elsewhere (an earlier batch run, a benchmark's generated
    corpus): the cross-article steps and ``saidwhat ingest DIR`` then take them as
    they take the Spark job's own.
    """
    import pyarrow as pa
    import pyarrow.dataset as ds

    kinds = {"string": pa.string(), "double": pa.float64(), "long": pa.int64(), "int": pa.int32()}
    attribution_schema = pa.schema(
        [(name, kinds[kind]) for name, kind, _ in COLUMNS]
        + [("attribution_id", pa.string()), ("seq", pa.int32()), ("attribution", pa.string())]
        + [("month", pa.string()), ("input", pa.string())]
    )
    plain = [n for n in ARTICLE_FIELDS if n not in ("attributions", "body", "text")]
    article_schema = pa.schema(
        [(n, pa.string()) for n in plain]
        + [("attributions", pa.int32()), ("body", pa.list_(pa.list_(pa.int32()))), ("text", pa.string())]
        + [("month", pa.string()), ("input", pa.string())]
    )
    partitioning = ds.partitioning(pa.schema([("month", pa.string()), ("input", pa.string())]), flavor="hive")
    count = 0
    part = 0

    def flush(arts: list[tuple[Any, ...]], items: list[tuple[Any, ...]]) -> None:
        nonlocal part
        for rows_, schema, name in (
            (arts, article_schema, "articles"),
            (items, attribution_schema, "attributions"),
        ):
            columns: list[Any] = list(zip(*rows_, strict=True)) if rows_ else [[] for _ in schema]
            table = pa.Table.from_arrays(
                [pa.array(c, t.type) for c, t in zip(columns, schema, strict=True)], schema=schema
            )
            ds.write_dataset(
                table,
                f"{directory}/{name}",
                format="parquet",
                partitioning=partitioning,
                basename_template=f"part-{part:05d}-{{i}}.parquet",
                existing_data_behavior="overwrite_or_ignore",
            )
        part += 1

    arts: list[tuple[Any, ...]] = []
    items: list[tuple[Any, ...]] = []
    for article in articles:
        month = month_of(article.published)
        arts.append(_article_record(article, None) + (month, input_key))
        items.extend(item + (month, input_key) for item in _items(article))
        count += 1
        if len(items) >= 200_000:
            flush(arts, items)
            arts, items = [], []
    if arts:
        flush(arts, items)
    return count
