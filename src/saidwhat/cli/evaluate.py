"""``saidwhat evaluate`` and ``saidwhat learn-cues``: the extractor against brat gold."""

from __future__ import annotations

import json
from typing import Any

import click

from .common import PathType, cli, format_option, friendly, with_settings

_GOLD_HELP = "Brat corpus: text/ and attributions/ (the PolNeAR layout)."


@cli.command()
@click.option(
    "--gold", "gold_dir", required=True, type=PathType(exists=True, file_okay=False), help=_GOLD_HELP
)
@click.option("--limit", type=click.IntRange(1), default=None, help="Score only the first N documents.")
@click.option(
    "--errors",
    "examples",
    type=click.IntRange(0),
    default=None,
    help="Also break the errors into causes (missed: source wrong, content boundary, no cue, cue not in "
    "lexicon, frame not found; false: source wrong, content boundary, spurious), with N examples of each.",
)
@format_option("table", "json")
@with_settings
@friendly
def evaluate(settings: Any, gold_dir: str, limit: int | None, examples: int | None, fmt: str) -> None:
    """Score the extractor against brat gold: precision, recall, F1."""
    from ..attribution.pipeline import load_pipeline
    from ..evaluate import diagnose, error_table, predicted
    from ..evaluate import evaluate as run_evaluation

    pipeline = load_pipeline(settings)
    report, details = run_evaluation(gold_dir, pipeline, limit=limit)
    if fmt == "json":
        click.echo(json.dumps(report.to_json(), indent=2))
    else:
        click.echo(report.table())
    if examples is not None:
        words = set(pipeline.lexicon.forms)
        found = [
            d for _, article, gold in details for d in diagnose(article.text, gold, predicted(article), words)
        ]
        click.echo(error_table(found, examples))


@cli.command("learn-cues")
@click.option(
    "--gold", "gold_dir", required=True, type=PathType(exists=True, file_okay=False), help=_GOLD_HELP
)
@click.option(
    "--output",
    required=True,
    type=PathType(dir_okay=False),
    help="Where to write the cue statistics (JSON).",
)
@click.option(
    "--scorer",
    "scorer_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="Where to write the report scorer (JSON; default: scorer.json beside --output).",
)
@with_settings
@friendly
def learn_cues(settings: Any, gold_dir: str, output: str, scorer_path: str | None) -> None:
    """Learn the cue statistics and the report scorer (counts and weights only, never
    text) from an annotated training corpus; extraction uses them through the
    lexicon and scorer settings."""
    from pathlib import Path

    from ..attribution.learn import learn, write_json

    cues, scorer = learn(gold_dir, settings.model)
    scorer_path = scorer_path or str(Path(output).with_name("scorer.json"))
    write_json(cues, output)
    write_json(scorer.to_json(), scorer_path)
    click.echo(
        f"wrote statistics for {len(cues['counts'])} cue lemmas to {output} and a scorer of "
        f"{len(scorer.weights)} weights (decision {scorer.decision:.2f}) to {scorer_path}"
    )
