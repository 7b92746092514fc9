"""tokens.span_text reads what Span.text reads, without building a Span (no model)."""

from __future__ import annotations

from parse_support import parse
from saidwhat.attribution.tokens import span_text


def test_span_text_is_the_text_of_every_token_range():
    doc = parse(
        "“/``/punct/2 We/PRP/nsubj/2 know/VBP/ccomp/6 ,/,/punct/6 ”/''/punct/6 Ana_Ruiz/NNP/nsubj/6 "
        "said/VBD/ROOT/6 on/IN/prep/6 Tuesday/NNP/pobj/7 ././punct/6"
    )
    for i in range(len(doc)):
        for j in range(i, len(doc) + 2):
            assert span_text(doc, i, j) == doc[i:j].text, (i, j)


def test_span_text_of_an_empty_range_is_empty():
    doc = parse("Ruiz/NNP/nsubj/1 spoke/VBD/ROOT/1")
    assert span_text(doc, 1, 1) == "" and span_text(doc, 2, 1) == ""
