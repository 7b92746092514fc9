"""The ``saidwhat`` command: a thin layer over the library.

Each command parses its flags, calls the library, and prints. A SaidwhatError
becomes one line on stderr and exit status 1; a usage error exits 2 (Click).
"""

from __future__ import annotations

import json
import logging
import sys
import textwrap
from collections.abc import Callable, Container, Iterable, Iterator
from functools import wraps
from typing import Any

import click

from .errors import SaidwhatError
from .model import Article, Failure
from .settings import load_settings

log = logging.getLogger(__name__)


def _friendly(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn SaidwhatError into a one-line message and exit status 1."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except SaidwhatError as exc:
            click.echo(f"saidwhat: error: {exc}", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo("saidwhat: interrupted", err=True)
            sys.exit(130)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="saidwhat")
@click.option("--model", default=None, help="spaCy model package or path (default: SAIDWHAT_MODEL or auto).")
@click.option("-v", "--verbose", is_flag=True, help="Log progress to stderr.")
@click.pass_context
def cli(ctx: click.Context, model: str | None, verbose: bool) -> None:
    """saidwhat: who said what in news articles."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )
    ctx.obj = load_settings(model=model)


# ---------------------------------------------------------------- extract


def _table(article: Article) -> str:
    lines = [f"# {article.id}" + (f" — {article.title}" if article.title else "")]
    if article.published:
        lines.append(f"  published {article.published}")
    if not article.attributions:
        lines.append("  (no attributions found)")
    for n, a in enumerate(article.attributions, 1):
        who = a.speaker.name if a.speaker else "(unknown speaker)"
        if a.speaker and a.speaker.role:
            who += f", {a.speaker.role}"
        bits = [f"{n:>3}. {a.kind:<8} {who}"]
        extra = []
        if a.cue:
            extra.append(f"cue: {a.cue.text}")
        if a.source and (not a.speaker or a.source.text != a.speaker.name):
            extra.append(f"as: {a.source.text}")
        if a.addressee:
            extra.append(f"to: {a.addressee}")
        if a.when:
            extra.append(f"when: {a.when.text}" + (f" ({a.when.date})" if a.when.date else ""))
        if extra:
            bits.append("  [" + "; ".join(extra) + "]")
        lines.append("".join(bits))
        lines.extend(
            textwrap.wrap(a.content.text, width=92, initial_indent="       ", subsequent_indent="       ")
        )
    return "\n".join(lines)


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "jsonl"]),
    default=None,
    help="Standard output: a readable table (default), one JSON document, or JSON lines (default for several articles with --format json).",
)
@click.option(
    "--published",
    default=None,
    help="Publication date (YYYY-MM-DD) for articles that state none, to resolve 'on Tuesday'.",
)
@click.option("--min-confidence", type=float, default=None, help="Drop attributions below this confidence.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(0, 512),
    default=None,
    help="Worker processes (default: SAIDWHAT_JOBS or 0 = all cores; 1 = none, all in this process).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write one row per attribution to FILE (.jsonl, .csv or .parquet) instead of standard output. "
    "A run stopped at any point continues when run again with the same FILE.",
)
@click.option(
    "--errors",
    "errors_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="Error log (JSON lines: id, kind, reason, source) of the documents that failed or were skipped "
    "(default with --output: FILE's name + .errors.jsonl beside it; without: messages on stderr).",
)
@click.option(
    "--overwrite", is_flag=True, help="With --output: start afresh instead of continuing an earlier run."
)
@click.pass_obj
@_friendly
def extract(
    settings: Any,
    inputs: tuple[str, ...],
    fmt: str | None,
    published: str | None,
    min_confidence: float | None,
    jobs: int | None,
    output: str | None,
    errors_path: str | None,
    overwrite: bool,
) -> None:
    """Who said what in INPUTS: text (.txt), web pages (.html, .htm), web archives
    (.warc, .warc.gz), JSON lines (.jsonl), folders of them (walked recursively),
    or '-' (standard input)."""
    from .batch.runner import quiet_extraction_logs

    settings = settings.replace(min_confidence=min_confidence, jobs=jobs)
    quiet_extraction_logs(logging.getLogger().getEffectiveLevel())
    if output:
        if fmt:
            raise click.UsageError(
                "--format is for standard output; with --output the format follows FILE's extension"
            )
        _extract_to_file(settings, inputs, output, published, errors_path, overwrite)
    else:
        if overwrite:
            raise click.UsageError("--overwrite goes with --output")
        _extract_to_stdout(settings, inputs, fmt, published, errors_path)


def _many_articles(inputs: tuple[str, ...]) -> bool:
    """Whether INPUTS may hold several articles (then --format json writes JSON lines)."""
    from pathlib import Path

    from .ingest.sources import kind_of

    return len(inputs) > 1 or any(Path(i).is_dir() or kind_of(i) in ("warc", "jsonl") for i in inputs)


def _progress_bar(enabled: bool):  # type: ignore[no-untyped-def]
    """A progress bar on stderr when it is a terminal: articles, rate, attributions, errors."""
    if not enabled or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(desc="saidwhat", unit=" articles", file=sys.stderr, dynamic_ncols=True, smoothing=0.05)


def _tick(bar, result: Article | Failure, summary: Any) -> None:  # type: ignore[no-untyped-def]
    if bar is None:
        return
    if isinstance(result, Article):
        bar.update(1)
    skipped = sum(summary.skipped.values())
    bar.set_postfix_str(
        f"{summary.attributions:,} attributions, {summary.errors:,} errors"
        + (f", {skipped:,} skipped" if skipped else ""),
        refresh=False,
    )


def _failure_message(failure: Failure) -> str:
    where = failure.source or failure.id
    reason = failure.reason if failure.reason.startswith(where) else f"{where}: {failure.reason}"
    return f"saidwhat: skipped {reason}"


def _extract_to_stdout(
    settings: Any, inputs: tuple[str, ...], fmt: str | None, published: str | None, errors_path: str | None
) -> None:
    from .batch import process
    from .batch.job import Summary, error_record

    fmt = fmt or "table"
    if fmt == "json" and _many_articles(inputs):
        fmt = "jsonl"
    summary = Summary(error_log=errors_path)
    # results on the terminal are their own progress report; a bar is for piped output
    bar = _progress_bar(not sys.stdout.isatty())
    log_fh = open(errors_path, "a", encoding="utf-8") if errors_path else None  # noqa: SIM115
    try:
        for result in process(inputs, settings=settings, jobs=settings.jobs, published=published):
            summary.count(result)
            if isinstance(result, Failure):
                if log_fh is not None:
                    log_fh.write(json.dumps(error_record(result), ensure_ascii=False) + "\n")
                elif bar is not None:
                    bar.write(_failure_message(result), file=sys.stderr)
                else:
                    click.echo(_failure_message(result), err=True)
            elif fmt == "table":
                click.echo(_table(result) + "\n")
            elif fmt == "json":
                click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
            else:
                click.echo(json.dumps(result.to_json(), ensure_ascii=False))
            _tick(bar, result, summary)
    finally:
        if log_fh is not None:
            log_fh.close()
        if bar is not None:
            bar.close()
    if bar is not None or (log_fh is not None and (summary.errors or summary.skipped)):
        click.echo(f"saidwhat: {summary.describe()}", err=True)
    if summary.articles == 0 and (summary.errors or summary.skipped):
        sys.exit(1)


def _extract_to_file(
    settings: Any,
    inputs: tuple[str, ...],
    output: str,
    published: str | None,
    errors_path: str | None,
    overwrite: bool,
) -> None:
    from .batch.job import run_job

    bar = _progress_bar(True)
    try:
        summary = run_job(
            inputs,
            output,
            settings=settings,
            jobs=settings.jobs,
            published=published,
            errors=errors_path,
            overwrite=overwrite,
            on_result=lambda r, s: _tick(bar, r, s),
        )
    finally:
        if bar is not None:
            bar.close()
    click.echo(f"saidwhat: {summary.describe()}", err=True)
    if summary.articles == 0 and not summary.already_done and (summary.errors or summary.skipped):
        sys.exit(1)


# ---------------------------------------------------------------- evaluate


@cli.command()
@click.option(
    "--gold",
    "gold_dir",
    required=True,
    type=click.Path(exists=True, file_okay=False),
    help="Brat corpus: text/ and attributions/ (PolNeAR layout).",
)
@click.option("--limit", type=int, default=None, help="Score only the first N documents.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@click.pass_obj
@_friendly
def evaluate(settings: Any, gold_dir: str, limit: int | None, fmt: str) -> None:
    """Score the extractor against brat gold: precision, recall, F1."""
    from .attribution.pipeline import load_pipeline
    from .evaluate import evaluate as run_evaluation

    report, _ = run_evaluation(gold_dir, load_pipeline(settings), limit=limit)
    if fmt == "json":
        click.echo(json.dumps(report.to_json(), indent=2))
    else:
        click.echo(report.table())


@cli.command("learn-cues")
@click.option(
    "--gold",
    "gold_dir",
    required=True,
    type=click.Path(exists=True, file_okay=False),
    help="Brat training corpus (text/ and attributions/).",
)
@click.option(
    "--output",
    required=True,
    type=click.Path(dir_okay=False),
    help="Where to write the cue statistics (JSON).",
)
@click.pass_obj
@_friendly
def learn_cues(settings: Any, gold_dir: str, output: str) -> None:
    """Learn cue statistics (counts only) from an annotated training corpus."""
    from .attribution.learn import learn_counts, write_counts

    data = learn_counts(gold_dir, settings.model)
    write_counts(data, output)
    click.echo(f"wrote statistics for {len(data['counts'])} cue lemmas to {output}")


# ---------------------------------------------------------------- serve


@cli.command()
@click.option(
    "--db",
    default=None,
    help="The quote database: a SQLite file or a postgresql:// URL (default: SAIDWHAT_DB).",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; only this machine can connect unless you change it.",
)
@click.option(
    "--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port to listen on."
)
@click.pass_obj
@_friendly
def serve(settings: Any, db: str | None, host: str, port: int) -> None:
    """Serve the web app (search, speakers, articles, Try it) and the JSON API."""
    from .store import open_store
    from .web.server import serve as run_server

    settings = settings.replace(db=db)
    with open_store(settings.db, readonly=True) as store:
        shown = f"[{host}]" if ":" in host else host
        click.echo(f"saidwhat: serving {settings.db} on http://{shown}:{port}/ (Ctrl+C stops)", err=True)
        run_server(store, settings, host, port, verbose=logging.getLogger().isEnabledFor(logging.INFO))


# ---------------------------------------------------------------- quote database

_DB_HELP = "The quote database: a SQLite file or a postgresql:// URL (default: SAIDWHAT_DB)."


def extracted_articles(
    inputs: Iterable[str], settings: Any, *, published: str | None = None, skip_ids: Container[str] = ()
) -> Iterator[Article | Failure]:
    """Articles with their attributions for ``inputs``, in order, from the batch runner."""
    from .batch import process

    yield from process(inputs, settings=settings, jobs=settings.jobs, published=published, skip_ids=skip_ids)


def _reporting_failures(items: Iterable[Article | Failure]) -> Iterator[Article | Failure]:
    for item in items:
        if isinstance(item, Failure):
            click.echo(_failure_message(item), err=True)
        yield item


def _width() -> int:
    import shutil

    return max(60, min(160, shutil.get_terminal_size((100, 24)).columns))


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--db", default=None, help=_DB_HELP)
@click.option("--published", default=None, help="Publication date (YYYY-MM-DD) for articles that state none.")
@click.option(
    "--batch-size",
    type=click.IntRange(1, 100_000),
    default=100,
    show_default=True,
    help="Articles per database transaction.",
)
@click.option("--jobs", type=click.IntRange(0, 512), default=None, help="Worker processes (0 = all cores).")
@click.pass_obj
@_friendly
def ingest(
    settings: Any,
    inputs: tuple[str, ...],
    db: str | None,
    published: str | None,
    batch_size: int,
    jobs: int | None,
) -> None:
    """Extract who said what from INPUTS into the quote database.

    Idempotent and resumable: articles already stored (same id, URL or text) are not
    extracted or stored again, and a run stopped at any point is completed by
    running it again.
    """
    from .store import open_store

    settings = settings.replace(db=db, jobs=jobs)
    with open_store(settings.db) as store:
        articles = extracted_articles(inputs, settings, published=published, skip_ids=store.known_ids())
        stats = store.ingest(_reporting_failures(articles), batch_size=batch_size)
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
@click.option("--db", default=None, help=_DB_HELP)
@click.option("--speaker", default=None, help="Only statements by this speaker (a name or alias).")
@click.option("--since", default=None, help="From this date on (YYYY-MM-DD).")
@click.option("--until", default=None, help="Up to this date, inclusive (YYYY-MM-DD).")
@click.option("--kind", type=click.Choice(["direct", "indirect", "mixed", "headline"]), default=None)
@click.option("--site", default=None, help="Only articles from this site.")
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0, help="Skip this many results (paging).")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True
)
@click.pass_obj
@_friendly
def search(
    settings: Any,
    query: str,
    db: str | None,
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
    from .store import open_store
    from .store.render import hits_csv, hits_table, to_json

    with open_store(db or settings.db, readonly=True) as store:
        page = store.search(
            query, speaker=speaker, since=since, until=until, kind=kind, site=site, limit=limit, offset=offset
        )
    if fmt == "json":
        click.echo(to_json(page))
    elif fmt == "csv":
        click.echo(hits_csv(page), nl=False)
    else:
        click.echo(hits_table(page, offset, _width()))


@cli.command()
@click.option("--db", default=None, help=_DB_HELP)
@click.option("--top", type=click.IntRange(1, 1000), default=20, show_default=True)
@click.option("--name", "match", default=None, help="Only speakers whose name or alias contains this.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_obj
@_friendly
def speakers(settings: Any, db: str | None, top: int, match: str | None, fmt: str) -> None:
    """Speakers ranked by number of statements."""
    from .store import open_store
    from .store.render import speakers_table, to_json

    with open_store(db or settings.db, readonly=True) as store:
        found = store.speakers(top=top, q=match)
    click.echo(to_json(found) if fmt == "json" else speakers_table(found))


@cli.command()
@click.argument("name")
@click.option("--db", default=None, help=_DB_HELP)
@click.option("--query", "q", default=None, help="Only statements matching this search.")
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_obj
@_friendly
def speaker(settings: Any, name: str, db: str | None, q: str | None, limit: int, fmt: str) -> None:
    """A speaker (NAME, alias or id): roles with dates and a timeline of statements."""
    from .store import open_store
    from .store.render import speaker_text, to_json

    with open_store(db or settings.db, readonly=True) as store:
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
        click.echo(speaker_text(detail, page, others, _width()))


@cli.command()
@click.argument("cluster_id", type=int)
@click.option("--db", default=None, help=_DB_HELP)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_obj
@_friendly
def quote(settings: Any, cluster_id: int, db: str | None, fmt: str) -> None:
    """A quote and every version of it the articles carried, differences marked."""
    from .store import open_store
    from .store.render import quote_json, quote_text

    with open_store(db or settings.db, readonly=True) as store:
        cluster = store.quote_cluster(cluster_id)
    if cluster is None:
        raise SaidwhatError(f"no quote {cluster_id} in the database")
    click.echo(quote_json(cluster) if fmt == "json" else quote_text(cluster, _width()))


def main() -> None:
    cli(prog_name="saidwhat")


if __name__ == "__main__":
    main()
