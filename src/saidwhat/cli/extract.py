"""``saidwhat extract``: who said what in files, folders, archives or standard input."""

from __future__ import annotations

import json
import logging
import sys
import textwrap
from typing import Any

import click

from ..model import Article, Failure
from .common import cli, failure_message, friendly, published_option, setting_option, with_settings

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
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "jsonl"]),
    default=None,
    help="Standard output: a readable table (default), one JSON document, or JSON lines "
    "(default for several articles with --format json).",
)
@published_option
@setting_option("min_confidence")
@setting_option("jobs", "-j", "--jobs", type=click.IntRange(0, 512))
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
@with_settings
@friendly
def extract(
    settings: Any,
    inputs: tuple[str, ...],
    fmt: str | None,
    published: str | None,
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
        _extract_to_file(settings, inputs, output, published, errors_path, overwrite)
    else:
        if overwrite:
            raise click.UsageError("--overwrite goes with --output")
        _extract_to_stdout(settings, inputs, fmt, published, errors_path)


def _many_articles(inputs: tuple[str, ...]) -> bool:
    """Whether INPUTS may hold several articles (then --format json writes JSON lines)."""
    from pathlib import Path

    from ..ingest.sources import kind_of

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


def _extract_to_stdout(
    settings: Any, inputs: tuple[str, ...], fmt: str | None, published: str | None, errors_path: str | None
) -> None:
    from ..batch import process
    from ..batch.job import Summary, error_record

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
                    bar.write(failure_message(result), file=sys.stderr)
                else:
                    click.echo(failure_message(result), err=True)
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
    from ..batch.job import run_job

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
