"""The ``saidwhat`` command: a thin layer over the library.

Each command parses its flags, calls the library, and prints. A SaidwhatError
becomes one line on stderr and exit status 1; a usage error exits 2 (Click).
"""

from __future__ import annotations

import json
import logging
import sys
import textwrap
from collections.abc import Callable
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
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
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
        lines.extend(textwrap.wrap(a.content.text, width=92, initial_indent="       ", subsequent_indent="       "))
    return "\n".join(lines)


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json", "jsonl"]), default=None,
    help="Output: a readable table (default), one JSON document, or JSON lines (default for several inputs with --format json).",
)
@click.option("--published", default=None, help="Publication date (YYYY-MM-DD) to resolve 'on Tuesday'.")
@click.option("--min-confidence", type=float, default=None, help="Drop attributions below this confidence.")
@click.pass_obj
@_friendly
def extract(settings: Any, inputs: tuple[str, ...], fmt: str | None, published: str | None, min_confidence: float | None) -> None:
    """Who said what in INPUTS (text files; '-' reads standard input)."""
    from .attribution.pipeline import load_pipeline
    from .ingest import read_inputs

    settings = settings.replace(min_confidence=min_confidence)
    fmt = fmt or "table"
    if fmt == "json" and len(inputs) > 1:
        fmt = "jsonl"
    pipeline = load_pipeline(settings)
    failures = 0
    readable = []
    for item in read_inputs(inputs, published=published, max_chars=settings.max_chars):
        if isinstance(item, Failure):
            click.echo(f"saidwhat: skipped {item.source or item.id}: {item.reason}", err=True)
            failures += 1
        else:
            readable.append(item)
    for result in pipeline.pipe(readable):
        if isinstance(result, Failure):
            click.echo(f"saidwhat: skipped {result.id}: {result.reason}", err=True)
            failures += 1
        elif fmt == "table":
            click.echo(_table(result) + "\n")
        elif fmt == "json":
            click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        else:
            click.echo(json.dumps(result.to_json(), ensure_ascii=False))
    if failures and failures == len(inputs):
        sys.exit(1)


# ---------------------------------------------------------------- evaluate


@cli.command()
@click.option("--gold", "gold_dir", required=True, type=click.Path(exists=True, file_okay=False), help="Brat corpus: text/ and attributions/ (PolNeAR layout).")
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
@click.option("--gold", "gold_dir", required=True, type=click.Path(exists=True, file_okay=False), help="Brat training corpus (text/ and attributions/).")
@click.option("--output", required=True, type=click.Path(dir_okay=False), help="Where to write the cue statistics (JSON).")
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
@click.option("--db", default=None, help="The quote database: a SQLite file or a postgresql:// URL (default: SAIDWHAT_DB).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on; only this machine can connect unless you change it.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.pass_obj
@_friendly
def serve(settings: Any, db: str | None, host: str, port: int) -> None:
    """Serve the web app (search, speakers, articles, Try it) and the JSON API."""
    from .web.server import serve as run_server

    settings = settings.replace(db=db)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"saidwhat: serving {settings.db} on http://{shown}:{port}/ (Ctrl+C stops)", err=True)
    run_server(settings, host, port, verbose=logging.getLogger().isEnabledFor(logging.INFO))


def main() -> None:
    cli(prog_name="saidwhat")


if __name__ == "__main__":
    main()
