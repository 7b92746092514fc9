"""``saidwhat extract``: who said what in files, folders, archives or standard input."""

from __future__ import annotations

import json
import logging
import sys
import textwrap
from typing import Any

import click

from ..model import Article, Failure
from .common import (
    PathType,
    budget_options,
    cli,
    dates_from_names_option,
    failure_message,
    format_option,
    friendly,
    published_option,
    setting_option,
    with_settings,
)
from .progress import Progress

# Below this confidence an attribution is marked as uncertain in the table.
WEAK = 0.5


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
        bits = [f"{n:>3}. {a.kind:<8} {a.act or '':<10} {who}"]
        extra = []
        if a.cue:
            extra.append(f"cue: {a.cue.text}")
        if a.source and (not a.speaker or a.source.text != a.speaker.name):
            extra.append(f"as: {a.source.text}")
        if a.addressee:
            extra.append(f"to: {a.addressee}")
        if a.channel:
            extra.append(f"via: {a.channel.text}")
        if a.when:
            extra.append(f"when: {a.when.text}" + (f" ({a.when.date})" if a.when.date else ""))
        if extra:
            bits.append("  [" + "; ".join(extra) + "]")
        lines.append("".join(bits))
        lines.extend(
            textwrap.wrap(a.content.text, width=92, initial_indent="       ", subsequent_indent="       ")
            + ([f"       (confidence {a.confidence:.2f})"] if a.confidence < WEAK else [])
        )
    return "\n".join(lines)


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@format_option(
    "table",
    "json",
    "jsonl",
    default=None,
    help="Standard output: a readable table (default), one JSON document, or JSON lines "
    "(default for several articles with --format json).",
)
@published_option
@dates_from_names_option
@setting_option("min_confidence")
@setting_option("jobs", "-j", "--jobs")
@budget_options
@click.option(
    "-o",
    "--output",
    type=PathType(dir_okay=False),
    default=None,
    help="Write one row per attribution to FILE (.jsonl, .csv or .parquet) instead of standard output. "
    "A run stopped at any point continues when run again with the same FILE.",
)
@click.option(
    "--errors",
    "errors_path",
    type=PathType(dir_okay=False),
    default=None,
    help="Error log (JSON lines: id, kind, reason, source) of the documents that failed or were skipped "
    "(default with --output: FILE's name + .errors.jsonl beside it; without: messages on stderr).",
)
@click.option(
    "--overwrite", is_flag=True, help="With --output: start afresh instead of continuing an earlier run."
)
@with_settings
@friendly
def extract(
    settings: Any,
    inputs: tuple[str, ...],
    fmt: str | None,
    published: str | None,
    dates_from_names: bool,
    output: str | None,
    errors_path: str | None,
    overwrite: bool,
) -> None:
    """Who said what in INPUTS: text (.txt), web pages (.html, .htm), web archives
    (.warc, .warc.gz), JSON lines (.jsonl), folders of them (walked recursively),
    or '-' (standard input)."""
    from ..batch.runner import quiet_extraction_logs

    quiet_extraction_logs(logging.getLogger().getEffectiveLevel())
    if output:
        if fmt:
            raise click.UsageError(
                "--format is for standard output; with --output the format follows FILE's extension"
            )
        _extract_to_file(settings, inputs, output, published, dates_from_names, errors_path, overwrite)
    else:
        if overwrite:
            raise click.UsageError("--overwrite goes with --output")
        _extract_to_stdout(settings, inputs, fmt, published, dates_from_names, errors_path)


def _many_articles(inputs: tuple[str, ...]) -> bool:
    """Whether INPUTS may hold several articles (then --format json writes JSON lines)."""
    from pathlib import Path

    from ..ingest.sources import kind_of

    return len(inputs) > 1 or any(Path(i).is_dir() or kind_of(i) in ("warc", "jsonl") for i in inputs)


def _extract_to_stdout(
    settings: Any,
    inputs: tuple[str, ...],
    fmt: str | None,
    published: str | None,
    dates_from_names: bool,
    errors_path: str | None,
) -> None:
    from ..batch import process
    from ..batch.job import Summary, error_record

    fmt = fmt or "table"
    if fmt == "json" and _many_articles(inputs):
        fmt = "jsonl"
    summary = Summary(error_log=errors_path)
    log_fh = open(errors_path, "a", encoding="utf-8") if errors_path else None  # noqa: SIM115
    # results on the terminal are their own progress report; a bar is for piped output
    with Progress(enabled=not sys.stdout.isatty()) as progress:
        try:
            results = process(
                inputs,
                settings=settings,
                jobs=settings.jobs,
                published=published,
                dates_from_names=dates_from_names,
            )
            for result in results:
                summary.count(result)
                if isinstance(result, Failure):
                    if log_fh is not None:
                        log_fh.write(json.dumps(error_record(result), ensure_ascii=False) + "\n")
                    else:
                        progress.write(failure_message(result))
                elif fmt == "table":
                    click.echo(_table(result) + "\n")
                elif fmt == "json":
                    click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
                else:
                    click.echo(json.dumps(result.to_json(), ensure_ascii=False))
                progress.tick(result, summary)
        finally:
            if log_fh is not None:
                log_fh.close()
        drawn = progress.drawn
    if drawn or (log_fh is not None and (summary.errors or summary.skipped)):
        click.echo(f"saidwhat: {summary.describe()}", err=True)
    if summary.articles == 0 and (summary.errors or summary.skipped):
        sys.exit(1)


def _extract_to_file(
    settings: Any,
    inputs: tuple[str, ...],
    output: str,
    published: str | None,
    dates_from_names: bool,
    errors_path: str | None,
    overwrite: bool,
) -> None:
    from ..batch.job import run_job

    with Progress() as progress:
        summary = run_job(
            inputs,
            output,
            settings=settings,
            jobs=settings.jobs,
            published=published,
            errors=errors_path,
            overwrite=overwrite,
            on_result=progress.tick,
            dates_from_names=dates_from_names,
        )
    click.echo(f"saidwhat: {summary.describe()}", err=True)
    if summary.articles == 0 and not summary.already_done and (summary.errors or summary.skipped):
        sys.exit(1)
