"""Accuracy can only go up on purpose: PolNeAR dev scores against the pinned floor.

Runs when the corpus is beside the project (as in CI: ../shared/polnear/dev);
a user's clone without it skips this file, never fails.
"""

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("SAIDWHAT_GOLD", ROOT.parent / "shared" / "polnear" / "dev"))
FLOOR = json.loads((ROOT / "tests" / "accuracy_floor.json").read_text())

pytestmark = [pytest.mark.model, pytest.mark.slow]


@pytest.mark.skipif(not (CORPUS / "text").is_dir(), reason=f"no gold corpus at {CORPUS}")
def test_dev_scores_stay_above_the_floor(pipeline):
    from saidwhat.evaluate import evaluate

    report, _ = evaluate(CORPUS, pipeline)
    got = report.to_json()
    for part in ("all", "direct", "indirect"):
        assert got["attributions"][part]["f1"] >= FLOOR["f1"][part], (part, got["attributions"][part])
    assert got["direct_speaker_accuracy"] >= FLOOR["direct_speaker_accuracy"]
    # confidence stays a probability, and a sure statement stays a sure one
    assert got["calibration"]["ece"] <= FLOOR["ece"]
    assert got["calibration"]["precision_at"]["0.8"]["precision"] >= FLOOR["precision_at_0.8"]
