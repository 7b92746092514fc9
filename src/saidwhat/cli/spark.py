"""``saidwhat spark``: the batch run and the cross-article steps on Apache Spark."""

from __future__ import annotations

import sys
from typing import Any

import click

from ..errors import ConfigError
from .common import (
    budget_options,
    cli,
    dates_from_names_option,
    friendly,
    published_option,
    setting_option,
    with_settings,
)


def _conf(values: tuple[str, ...]) -> dict[str, str]:
    conf = {}
    for value in values:
        key, sep, setting = value.partition("=")
        if not sep or not key.strip():
            raise ConfigError(f"--conf {value!r}: expected KEY=VALUE (e.g. spark.executor.memory=4g)")
        conf[key.strip()] = setting
    return conf


@cli.command()
@click.argument("inputs", nargs=-1)
@click.option("-o", "--output", required=True, help="Output directory (local path or a URI Spark can write).")
@click.option(
    "--master",
    default=None,
    help="Spark master; default local[*] when run directly, the cluster's under spark-submit.",
)
@click.option(
    "--input-list",
    "lists",
    multiple=True,
    help="A file listing inputs, one per line (as Common Crawl's warc.paths.gz); repeatable. "
    "Files named *.paths or *.paths.gz among INPUTS are read as lists too.",
)
@click.option(
    "--input-base", default=None, help="Prefix for relative paths in listing files (s3://commoncrawl/)."
)
@click.option(
    "--merge/--no-merge",
    default=True,
    show_default=True,
    help="Run the cross-article steps (stored articles, speakers, quote clusters) over the whole output.",
)
@click.option(
    "--files-per-task",
    type=click.IntRange(1, 100_000),
    default=64,
    show_default=True,
    help="Text and HTML files read by one task (a WARC or JSONL file is a task of its own).",
)
@click.option("--conf", "conf", multiple=True, help="A Spark setting KEY=VALUE; repeatable.")
@published_option
@dates_from_names_option
@setting_option("min_confidence")
@setting_option("batch_size", "--batch-size", type=click.IntRange(1, 10_000))
@setting_option("max_chars", "--max-chars", type=click.IntRange(1))
@budget_options
@with_settings
@friendly
def spark(
    settings: Any,
    inputs: tuple[str, ...],
    output: str,
    master: str | None,
    lists: tuple[str, ...],
    input_base: str | None,
    merge: bool,
    files_per_task: int,
    conf: tuple[str, ...],
    published: str | None,
    dates_from_names: bool,
) -> None:
    """Extract who said what from INPUTS on Apache Spark into Parquet under OUTPUT.

    INPUTS are what 'saidwhat extract' takes (WARC, HTML and text folders, JSONL),
    as local paths or URIs (s3a://, gs://, hdfs://), and listing files. The output
    holds articles/, attributions/ and errors/ by publication month and input; a
    re-run replaces only the partitions of the inputs it reads. Each article has
    the batch runner's budget (--extract-timeout, --worker-memory). Then the
    cross-article steps write statements/, links/, speakers/, clusters/ and
    duplicates/ over the whole output, ready for 'saidwhat ingest OUTPUT --db ...'.
    With no INPUTS only the cross-article steps run.
    """
    from ..batch.spark import run_spark, spark_session
    from ..batch.spark_merge import merge as run_merge

    options = _conf(conf)
    session = spark_session(master or ("local[*]" if not _submitted() else None), conf=options)
    session.sparkContext.setLogLevel("ERROR")
    summary = None
    if inputs or lists:
        summary = run_spark(
            session,
            inputs,
            output,
            settings=settings,
            published=published,
            dates_from_names=dates_from_names,
            lists=lists,
            base=input_base,
            files_per_task=files_per_task,
        )
        click.echo(f"saidwhat: {summary.describe()}", err=True)
    elif not merge:
        raise ConfigError("nothing to do: give INPUTS, or leave out --no-merge")
    if merge:
        merged = run_merge(session, output)
        click.echo(f"saidwhat: {merged.describe()}", err=True)
    if summary is not None and summary.documents and not summary.articles:
        sys.exit(1)


def _submitted() -> bool:
    """Whether this process runs under spark-submit (which sets the master itself)."""
    import os

    return "PYSPARK_GATEWAY_PORT" in os.environ
