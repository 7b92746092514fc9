"""attribute.Reading.quotes_touching: the quotations with a piece in a range, in order,
each once (no model)."""

from __future__ import annotations

from saidwhat.attribution.attribute import Reading
from saidwhat.attribution.quotes import Quote
from saidwhat.model import Article

# one quotation over two paragraphs ([10, 20) and [30, 40)), one inside the second
SPLIT = Quote(10, 40, ((10, 20), (30, 40)))
INNER = Quote(42, 50, ((42, 50),))
LATE = Quote(60, 70, ((60, 70),))


def _reading() -> Reading:
    return Reading(Article(text="x" * 80), [SPLIT, INNER, LATE], [])


def test_quotations_touching_a_range_in_order():
    reading = _reading()
    assert reading.quotes_touching(0, 80) == [SPLIT, INNER, LATE]
    assert reading.quotes_touching(25, 45) == [SPLIT, INNER]  # the second piece only
    assert reading.quotes_touching(15, 16) == [SPLIT]  # inside a piece
    assert reading.quotes_touching(45, 60) == [INNER]  # a piece starting where the range ends is out
    assert reading.quotes_touching(20, 30) == []  # between the pieces
    assert reading.quotes_touching(70, 80) == []


def test_no_quotations():
    assert Reading(Article(text="x"), [], []).quotes_touching(0, 1) == []
