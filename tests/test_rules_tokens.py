"""tokens.span_text reads what Span.text reads, without building a Span; tokens.chars
the offsets a Span has; tokens.column what to_array reads (no model)."""

from __future__ import annotations

from parse_support import parse
from saidwhat.attribution.paragraph import Paragraph
from saidwhat.attribution.tokens import chars, column, sentence_starts, span_text


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


def test_chars_are_the_offsets_of_every_token_range():
    doc = parse("Ana_Ruiz/NNP/nsubj/1 said/VBD/ROOT/1 “/``/punct/1 no/UH/intj/1 ”/''/punct/1 ././punct/1")
    for i in range(len(doc)):
        for j in range(i + 1, len(doc) + 1):
            span = doc[i:j]
            assert chars(doc, i, j) == (span.start_char, span.end_char), (i, j)


def test_a_paragraph_hands_the_rules_the_same_offsets():
    doc = parse("Ruiz/NNP/nsubj/1 said/VBD/ROOT/1 it/PRP/dobj/1 ././punct/1")
    expected = [chars(doc, i, i + 1) for i in range(len(doc))]
    doc.user_data.clear()  # read afresh by Paragraph.read, which records them from its own read
    para = Paragraph.read(doc, 100, 0, [])
    assert [para.chars(i, i + 1) for i in range(len(doc))] == expected
    assert span_text(doc, 0, len(doc)) == doc.text


def test_a_paragraph_records_the_columns_a_fresh_read_gives():
    spec = "Ruiz/NNP/nsubj/1 said/VBD/ROOT/1 it/PRP/dobj/1 ././punct/1 She/PRP/nsubj/5 left/VBD/ROOT/5"
    doc = parse(spec)  # two roots: two sentences
    expected = {attr: doc.to_array(attr).tolist() for attr in ("LOWER", "TAG", "DEP", "SENT_START")}
    Paragraph.read(doc, 0, 0, [])
    assert {attr: column(doc, attr) for attr in expected} == expected
    fresh = parse(spec)
    assert {attr: column(fresh, attr) for attr in expected} == expected  # read lazily when not recorded


def test_sentence_starts_are_the_tokens_that_start_one_recorded_or_read():
    spec = (
        "Ruiz/NNP/nsubj/1 said/VBD/ROOT/1 it/PRP/dobj/1 ././punct/1 She/PRP/nsubj/5 left/VBD/ROOT/5 ././punct/5 "
        "Lee/NNP/nsubj/8 agreed/VBD/ROOT/8"
    )
    fresh = parse(spec)  # three roots: three sentences, read lazily when not recorded
    expected = [tok.i for tok in fresh if tok.is_sent_start or tok.i == 0]
    assert expected == [0, 4, 7]
    assert sentence_starts(fresh) == expected
    recorded = parse(spec)
    recorded.user_data.clear()
    Paragraph.read(recorded, 0, 0, [])  # recorded from the paragraph's columns
    assert sentence_starts(recorded) == expected
    assert sentence_starts(parse("Ruiz/NNP/ROOT/0")) == [0]
