"""The quote database commands: ``ingest``, ``search``, ``speaker``, ``quote`` (``speakers`` is in
``speakers``)."""

from __future__ import annotations

import sys
from collections.abc import Container, Iterable, Iterator
from typing import Any

import click

from ..errors import SaidwhatError
from ..model import Article, Failure
from ..store.query import MAX_ID, MAX_OFFSET
from .common import (
    act_option,
    budget_options,
    cli,
    dates_from_names_option,
    db_option,
    failure_message,
    format_option,
    friendly,
    limit_option,
    published_option,
    search_filters,
    setting_option,
    terminal_width,
    with_settings,
)
from .progress import Progress


def extracted_articles(
    inputs: Iterable[str],
    settings: Any,
    *,
    published: str | None = None,
    skip_ids: Container[str] = (),
    dates_from_names: bool = False,
) -> Iterator[Article | Failure]:
    """Articles with their attributions for ``inputs``, in order, from the batch runner."""
    from ..batch import process

    yield from process(
        inputs,
        settings=settings,
        jobs=settings.jobs,
        published=published,
        skip_ids=skip_ids,
        dates_from_names=dates_from_names,
    )


def _with_progress(items: Iterable[Article | Failure], progress: Progress) -> Iterator[Article | Failure]:
    """``items`` unchanged, each counted on the progress bar and failures reported."""
    from ..batch.job import Summary

    summary = Summary()
    for item in items:
        summary.count(item)
        if isinstance(item, Failure):
            progress.write(failure_message(item))
        progress.tick(item, summary)
        yield item


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@db_option
@published_option
@dates_from_names_option
@click.option(
    "--batch-size",
    "transaction_size",
    type=click.IntRange(1, 100_000),
    default=100,
    show_default=True,
    help="Articles per database transaction.",
)
@setting_option("jobs", "-j", "--jobs")
@budget_options
@with_settings
@friendly
def ingest(
    settings: Any,
    inputs: tuple[str, ...],
    published: str | None,
    dates_from_names: bool,
    transaction_size: int,
) -> None:
    """Extract who said what from INPUTS into the quote database.

    Idempotent and resumable: articles already stored (same id, URL or text) are not
    extracted or stored again, and a run stopped at any point is completed by
    running it again. A directory written by 'saidwhat spark' is loaded as it is,
    without extraction: in bulk into an empty database.
    """
    from ..store import open_store
    from ..store.bulk import is_spark_output
    from ..store.records import IngestStats
    from ..store.render import plural

    directories = [i for i in inputs if is_spark_output(i)]  # written by 'saidwhat spark'
    inputs = tuple(i for i in inputs if i not in directories)
    with open_store(settings.db) as store, Progress() as progress:
        stats = IngestStats()
        for directory in directories:
            stats.add(store.ingest_directory(directory, batch_size=transaction_size))
        if inputs:
            articles = extracted_articles(
                inputs,
                settings,
                published=published,
                skip_ids=store.known_ids(),
                dates_from_names=dates_from_names,
            )
            stats.add(store.ingest(_with_progress(articles, progress), batch_size=transaction_size))
        if stats.articles_added >= 1000:  # a large run: compact the search index
            store.optimize()
        totals = store.stats()
    click.echo(
        f"saidwhat: stored {plural(stats.articles_added, 'article')} "
        f"({plural(stats.attributions_added, 'attribution')}), "
        f"{stats.articles_skipped:,} already stored, {stats.failures:,} skipped or failed; "
        f"{settings.db} holds {plural(totals['articles'], 'article')}, "
        f"{plural(totals['attributions'], 'attribution')}, {plural(totals['speakers'], 'speaker')}, "
        f"{plural(totals['clusters'], 'quote')}",
        err=True,
    )
    if stats.failures and not stats.articles_added and not stats.articles_skipped:
        sys.exit(1)


@cli.command()
@click.argument("query", required=False, default="")
@db_option
@search_filters
@limit_option
@click.option(
    "--offset", type=click.IntRange(0, MAX_OFFSET), default=0, help="Skip this many results (paging)."
)
@format_option("table", "json", "csv")
@with_settings
@friendly
def search(
    settings: Any,
    query: str,
    speaker: str | None,
    since: str | None,
    until: str | None,
    kind: str | None,
    site: str | None,
    speaker_type: str | None,
    act: tuple[str, ...],
    limit: int,
    offset: int,
    fmt: str,
) -> None:
    """Search statements for QUERY (all words must match; "quotes" for a phrase).

    Ranked by relevance, then date: statements whose quote says the words first, then
    those matched by their speaker or article title; in each, confident statements
    before weak ones, newest first (undated last, the most confident first); without
    QUERY, newest first. Confidence is a calibrated probability: a statement scored
    0.8 is right about 8 times in 10.
    """
    from ..store import open_store
    from ..store.render import hits_csv, hits_table, to_json

    with open_store(settings.db, readonly=True) as store:
        page = store.search(
            query,
            speaker=speaker,
            since=since,
            until=until,
            kind=kind,
            site=site,
            speaker_type=speaker_type,
            act=act or None,
            limit=limit,
            offset=offset,
        )
    if fmt == "json":
        click.echo(to_json(page))
    elif fmt == "csv":
        click.echo(hits_csv(page), nl=False)
    else:
        click.echo(hits_table(page, offset, terminal_width()))


@cli.command()
@click.argument("name")
@db_option
@click.option("--query", "q", default=None, help="Only statements matching this search.")
@act_option
@limit_option
@format_option("table", "json")
@with_settings
@friendly
def speaker(settings: Any, name: str, q: str | None, act: tuple[str, ...], limit: int, fmt: str) -> None:
    """A speaker (NAME, alias or id): roles with dates and a timeline of statements."""
    from ..store import open_store
    from ..store.render import speaker_text, to_json

    with open_store(settings.db, readonly=True) as store:
        detail = store.speaker(name)
        if detail is None:
            raise SaidwhatError(f"no speaker called {name!r} (try 'saidwhat speakers --name ...')")
        page = store.speaker_statements(detail.id, q=q, limit=limit, act=act or None)
        others = (
            [s for s in store.speakers(top=10, q=name) if s.id != detail.id] if not name.isdigit() else []
        )
        weekly = store.speaker_weekly(detail.id) if fmt == "json" else []
    if fmt == "json":
        click.echo(to_json({"speaker": detail.to_json(), "statements": page.to_json(), "weekly": weekly}))
    else:
        click.echo(speaker_text(detail, page, others, terminal_width()))


@cli.command()
@click.argument("cluster_id", type=click.IntRange(1, MAX_ID))
@db_option
@click.option("--strict", is_flag=True, help="Mark every changed character, capital and punctuation mark.")
@format_option("table", "json")
@with_settings
@friendly
def quote(settings: Any, cluster_id: int, strict: bool, fmt: str) -> None:
    """A quote and every version of it the articles carried, differences marked
    (words compared without case, punctuation and quotation-mark style, as on the
    quote page; --strict compares them exactly)."""
    from ..store import open_store
    from ..store.render import quote_json, quote_text

    with open_store(settings.db, readonly=True) as store:
        cluster = store.quote_cluster(cluster_id)
    if cluster is None:
        raise SaidwhatError(f"no quote {cluster_id} in the database")
    click.echo(
        quote_json(cluster, strict=strict)
        if fmt == "json"
        else quote_text(cluster, terminal_width(), strict=strict)
    )
