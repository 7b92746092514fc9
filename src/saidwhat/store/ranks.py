"""How search orders statements within a relevance tier.

A tier (the quote says the words; else its speaker or title does) puts its
confident statements (``confidence >= CONFIDENT``) first, then its weak ones
(``reader._tier``), so an undated fragment scored 0.41 never tops a search. Within each half the
newest come first; undated statements come after the dated ones, the most
confident first (``undated_rank``), never in storage order. Both engines order by
the same stored values, so they return the same pages.

The stored confidence is the extractor's calibrated probability, unchanged (issue 14:
of the statements scored about p, about p are right), so CONFIDENT is where a
statement becomes more likely right than wrong, and undated statements go by how
probable they are.
"""

from __future__ import annotations

CONFIDENT = 0.5  # a statement more likely right than wrong
RANK_SCALE = 1000  # undated statements are ordered by confidence in thousandths


def confident(confidence: float) -> bool:
    """Whether a statement is read in the confident half of its tier."""
    return float(confidence) >= CONFIDENT


def undated_rank(date: str | None, confidence: float) -> int:
    """The order key of an undated statement (its confidence in thousandths); 0 for a
    dated one, which is ordered by its date."""
    if date:
        return 0
    return max(0, min(RANK_SCALE, int(float(confidence) * RANK_SCALE)))
