"""The quote database commands: ``ingest``, ``search``, ``speakers``, ``speaker``, ``quote``."""

from __future__ import annotations

import sys
from collections.abc import Callable, Container, Iterable, Iterator
from typing import Any, TypeVar

import click

from ..errors import SaidwhatError
from ..model import Article, Failure
from .common import (
    cli,
    db_option,
    failure_message,
    format_option,
    friendly,
    published_option,
    setting_option,
    terminal_width,
    with_settings,
)

F = TypeVar("F", bound=Callable[..., Any])


def extracted_articles(
    inputs: Iterable[str], settings: Any, *, published: str | None = None, skip_ids: Container[str] = ()
) -> Iterator[Article | Failure]:
    """Articles with their attributions for ``inputs``, in order, from the batch runner."""
    from ..batch import process

    yield from process(inputs, settings=settings, jobs=settings.jobs, published=published, skip_ids=skip_ids)


def _reporting_failures(items: Iterable[Article | Failure]) -> Iterator[Article | Failure]:
    for item in items:
        if isinstance(item, Failure):
            click.echo(failure_message(item), err=True)
        yield item


def search_filters(func: F) -> F:
    """The filters a search takes: speaker, date range, kind, site."""
    for option in reversed(
        (
            click.option(
                "--speaker", default=None, help="Only statements by this speaker (a name or alias)."
            ),
            click.option("--since", default=None, help="From this date on (YYYY-MM-DD)."),
            click.option("--until", default=None, help="Up to this date, inclusive (YYYY-MM-DD)."),
            click.option(
                "--kind", type=click.Choice(["direct", "indirect", "mixed", "headline"]), default=None
            ),
            click.option("--site", default=None, help="Only articles from this site."),
        )
    ):
        func = option(func)
    return func


def limit_option(func: F) -> F:
    return click.option(
        "--limit", type=click.IntRange(1, 1000), default=20, show_default=True, help="Show at most this many."
    )(func)


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@db_option
@published_option
@click.option(
    "--batch-size",
    "transaction_size",
    type=click.IntRange(1, 100_000),
    default=100,
    show_default=True,
    help="Articles per database transaction.",
)
@setting_option("jobs", "-j", "--jobs", type=click.IntRange(0, 512))
@with_settings
@friendly
def ingest(settings: Any, inputs: tuple[str, ...], published: str | None, transaction_size: int) -> None:
    """Extract who said what from INPUTS into the quote database.

    Idempotent and resumable: articles already stored (same id, URL or text) are not
    extracted or stored again, and a run stopped at any point is completed by
    running it again. A directory written by 'saidwhat spark' is loaded as it is,
    without extraction: in bulk into an empty database.
    """
    from ..store import open_store
    from ..store.bulk import is_spark_output
    from ..store.records import IngestStats

    directories = [i for i in inputs if is_spark_output(i)]  # written by 'saidwhat spark'
    inputs = tuple(i for i in inputs if i not in directories)
    with open_store(settings.db) as store:
        stats = IngestStats()
        for directory in directories:
            stats.add(store.ingest_directory(directory, batch_size=transaction_size))
        if inputs:
            articles = extracted_articles(inputs, settings, published=published, skip_ids=store.known_ids())
            stats.add(store.ingest(_reporting_failures(articles), batch_size=transaction_size))
        if stats.articles_added >= 1000:  # a large run: compact the search index
            store.optimize()
        totals = store.stats()
    click.echo(
        f"saidwhat: stored {stats.articles_added:,} articles ({stats.attributions_added:,} attributions), "
        f"{stats.articles_skipped:,} already stored, {stats.failures:,} skipped or failed; "
        f"{settings.db} holds {totals['articles']:,} articles, {totals['attributions']:,} attributions, "
        f"{totals['speakers']:,} speakers, {totals['clusters']:,} quotes",
        err=True,
    )
    if stats.failures and not stats.articles_added and not stats.articles_skipped:
        sys.exit(1)


@cli.command()
@click.argument("query", required=False, default="")
@db_option
@search_filters
@limit_option
@click.option("--offset", type=click.IntRange(0), default=0, help="Skip this many results (paging).")
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
    limit: int,
    offset: int,
    fmt: str,
) -> None:
    """Search statements for QUERY (all words must match; "quotes" for a phrase).

    Ranked by relevance, then date: statements whose quote says the words first, then
    those matched by their speaker or article title, newest first within each; without
    QUERY, newest first.
    """
    from ..store import open_store
    from ..store.render import hits_csv, hits_table, to_json

    with open_store(settings.db, readonly=True) as store:
        page = store.search(
            query, speaker=speaker, since=since, until=until, kind=kind, site=site, limit=limit, offset=offset
        )
    if fmt == "json":
        click.echo(to_json(page))
    elif fmt == "csv":
        click.echo(hits_csv(page), nl=False)
    else:
        click.echo(hits_table(page, offset, terminal_width()))


@cli.command()
@db_option
@click.option("--top", type=click.IntRange(1, 1000), default=20, show_default=True, help="Show this many.")
@click.option("--name", "match", default=None, help="Only speakers whose name or alias contains this.")
@format_option("table", "json")
@with_settings
@friendly
def speakers(settings: Any, top: int, match: str | None, fmt: str) -> None:
    """Speakers ranked by number of statements."""
    from ..store import open_store
    from ..store.render import speakers_table, to_json

    with open_store(settings.db, readonly=True) as store:
        found = store.speakers(top=top, q=match)
    click.echo(to_json(found) if fmt == "json" else speakers_table(found))


@cli.command()
@click.argument("name")
@db_option
@click.option("--query", "q", default=None, help="Only statements matching this search.")
@limit_option
@format_option("table", "json")
@with_settings
@friendly
def speaker(settings: Any, name: str, q: str | None, limit: int, fmt: str) -> None:
    """A speaker (NAME, alias or id): roles with dates and a timeline of statements."""
    from ..store import open_store
    from ..store.render import speaker_text, to_json

    with open_store(settings.db, readonly=True) as store:
        detail = store.speaker(name)
        if detail is None:
            raise SaidwhatError(f"no speaker called {name!r} (try 'saidwhat speakers --name ...')")
        page = store.speaker_statements(detail.id, q=q, limit=limit)
        others = (
            [s for s in store.speakers(top=10, q=name) if s.id != detail.id] if not name.isdigit() else []
        )
        weekly = store.speaker_weekly(detail.id) if fmt == "json" else []
    if fmt == "json":
        click.echo(to_json({"speaker": detail.to_json(), "statements": page.to_json(), "weekly": weekly}))
    else:
        click.echo(speaker_text(detail, page, others, terminal_width()))


@cli.command()
@click.argument("cluster_id", type=int)
@db_option
@format_option("table", "json")
@with_settings
@friendly
def quote(settings: Any, cluster_id: int, fmt: str) -> None:
    """A quote and every version of it the articles carried, differences marked."""
    from ..store import open_store
    from ..store.render import quote_json, quote_text

    with open_store(settings.db, readonly=True) as store:
        cluster = store.quote_cluster(cluster_id)
    if cluster is None:
        raise SaidwhatError(f"no quote {cluster_id} in the database")
    click.echo(quote_json(cluster) if fmt == "json" else quote_text(cluster, terminal_width()))
