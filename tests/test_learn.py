"""saidwhat learn-cues: statistics and scorer learned from brat gold, then used."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from saidwhat.cli import cli

pytestmark = [pytest.mark.model, pytest.mark.slow]
GOLD = Path(__file__).parent / "fixtures" / "gold"


def corpus(tmp_path: Path, copies: int) -> Path:
    """A brat corpus of ``copies`` copies of the project's gold fixture."""
    root = tmp_path / "gold"
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    for k in range(copies):
        shutil.copy(GOLD / "text" / "harbour.txt", root / "text" / f"harbour{k}.txt")
        shutil.copy(
            GOLD / "attributions" / "harbour_test.ann", root / "attributions" / f"harbour{k}_test.ann"
        )
    return root


def test_learn_cues_writes_counts_and_a_scorer_that_extraction_uses(tmp_path):
    gold = corpus(tmp_path, 6)
    out = tmp_path / "cues.json"
    result = CliRunner().invoke(cli, ["learn-cues", "--gold", str(gold), "--output", str(out)])
    assert result.exit_code == 0, result.output
    cues = json.loads(out.read_text())
    scorer = json.loads((tmp_path / "scorer.json").read_text())
    assert cues["counts"]["say"]["clause"][0] >= 6  # "said" was a gold cue in every copy
    assert "harbour" not in out.read_text() and "harbour" not in (tmp_path / "scorer.json").read_text()
    assert scorer["weights"] and 0 < scorer["decision"] < 1
    result = CliRunner().invoke(
        cli,
        ["evaluate", "--gold", str(gold), "--format", "json"],
        env={"SAIDWHAT_LEXICON": str(out), "SAIDWHAT_SCORER": str(tmp_path / "scorer.json")},
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["attributions"]["all"]["recall"] > 0.5


def test_too_little_gold_is_one_clear_error(tmp_path):
    gold = corpus(tmp_path, 1)
    result = CliRunner().invoke(
        cli, ["learn-cues", "--gold", str(gold), "--output", str(tmp_path / "c.json")]
    )
    assert result.exit_code == 1 and "too little gold" in result.output
