"""Work per article grows in proportion to its length, whatever the text.

Each adversarial family (saidwhat.adversarial) is extracted in a fresh process at
two lengths, and the issue's 1.9-million-character paragraph once; CPU time and
peak memory are read from that process (CPU time rather than the wall clock, so
the bounds hold on a machine shared with other work). Each family is also held to
plain text of the same length measured in the same run. A quadratic stage makes
four times the text cost sixteen times the time, and fails.
"""

from __future__ import annotations

import pytest

from saidwhat.adversarial import FAMILIES, measure, repeated_quote
from saidwhat.settings import Settings

pytestmark = [pytest.mark.model, pytest.mark.slow]

# Four times the text, within one of the 50,000-character runs the pipeline parses at a
# time (where a stage quadratic in paragraphs shows most) ...
SMALL, LARGE = 12_500, 50_000
GROWTH = 6.0  # ... may cost at most six times the time and memory (linear: 4; quadratic: 16)
SLACK_SECONDS, SLACK_MB = 0.5, 40.0  # fixed costs that do not grow with the text
# Against plain text of the same length: a family may cost this many times more.
VERSUS_PLAIN = 5.0
ISSUE_CHARS = 1_900_000
# The issue's paragraph must fit one worker's default memory budget, model included.
ISSUE_PEAK_MB = Settings().worker_memory


@pytest.fixture(scope="module")
def plain():
    """Well-behaved text at the large size: the yardstick."""
    return measure("many-paragraphs", LARGE, timeout=900)


@pytest.mark.parametrize("family", list(FAMILIES))
def test_time_and_memory_grow_in_proportion_to_length(family, plain):
    small = measure(family, SMALL, timeout=900)
    large = plain if family == "many-paragraphs" else measure(family, LARGE, timeout=900)
    assert large.cpu_seconds <= GROWTH * small.cpu_seconds + SLACK_SECONDS, (small, large)
    assert large.extra_mb <= GROWTH * small.extra_mb + SLACK_MB, (small, large)
    assert large.cpu_seconds <= VERSUS_PLAIN * plain.cpu_seconds + SLACK_SECONDS, (large, plain)
    assert large.extra_mb <= VERSUS_PLAIN * plain.extra_mb + SLACK_MB, (large, plain)


def test_the_issue_paragraph_costs_in_proportion_to_its_length(plain):
    assert len(repeated_quote(ISSUE_CHARS)) < 2_000_000  # under the max_chars limit, as in the issue
    per_char = plain.cpu_seconds / plain.chars
    allowed = VERSUS_PLAIN * per_char * ISSUE_CHARS + SLACK_SECONDS
    cost = measure("repeated-quote", ISSUE_CHARS, timeout=max(120.0, 10 * allowed))
    assert cost.cpu_seconds <= allowed, (cost, plain)
    assert cost.peak_mb <= ISSUE_PEAK_MB, cost
    assert cost.attributions > 0
