"""Span.of: the text and pieces of a (possibly discontinuous) region of a text."""

import pytest

from saidwhat.model import Span

TEXT = "The mayor said the bridge would reopen on Friday."


@pytest.mark.parametrize(
    ("pieces", "text", "spans"),
    [
        ([(4, 9)], "mayor", ((4, 9),)),  # one piece: the common case, taken on its own
        ([(4, 4)], "", ()),  # an empty piece is dropped
        ([(9, 4)], "", ()),  # so is a reversed one
        ([(0, 3), (15, 25)], "The the bridge", ((0, 3), (15, 25))),  # pieces joined by a space
        ([(0, 3), (5, 5), (15, 25)], "The the bridge", ((0, 3), (15, 25))),
        ([], "", ()),
    ],
)
def test_span_of_joins_the_non_empty_pieces(pieces, text, spans):
    span = Span.of(TEXT, *pieces)
    assert (span.text, span.spans) == (text, spans)
    assert span == Span(" ".join(TEXT[s:e] for s, e in spans), spans)


def test_a_piece_given_as_a_list_is_kept_as_a_tuple():
    assert Span.of(TEXT, [4, 9]).spans == ((4, 9),)  # type: ignore[arg-type]
