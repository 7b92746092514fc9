"""attribute.Cutter: the token range of a unit is the one char_span finds, and a cut
paragraph's columns (sliced from the region's) are the ones a fresh read of its Doc
gives (no model)."""

from __future__ import annotations

from spacy.tokens import Doc

from parse_support import parse
from saidwhat.attribution.attribute import Cutter
from saidwhat.attribution.tokens import Columns

# two paragraphs; the second's first sentence hangs on the first's root (an arc to cut)
SPEC = (
    "Ruiz/NNP/nsubj/1 said/VBD/ROOT/1 it/PRP/dobj/1 ././punct/1 "
    "She/PRP/nsubj/5 left/VBD/ROOT/5 ././punct/5 "
    "Then/RB/advmod/8 Lee/NNP/nsubj/9 spoke/VBD/ccomp/1 ././punct/9 "
    "He/PRP/nsubj/12 agreed/VBD/ROOT/12 ././punct/12"
)


def _with_line_break() -> Doc:
    """A Doc with a whitespace token (a line break) between its paragraphs."""
    doc = parse(SPEC)
    words = [t.text for t in doc]
    spaces = [bool(t.whitespace_) for t in doc]
    heads = [t.head.i for t in doc]
    words.insert(7, "\n")
    spaces.insert(7, False)
    spaces[6] = False
    heads = [h + (h >= 7) for h in heads]
    heads.insert(7, 6)
    tags = [t.tag_ for t in doc]
    tags.insert(7, "_SP")
    deps = [t.dep_ for t in doc]
    deps.insert(7, "dep")
    return Doc(doc.vocab, words=words, spaces=spaces, tags=tags, deps=deps, heads=heads)


def test_a_unit_gets_the_tokens_char_span_expands_to():
    for doc in (parse(SPEC), _with_line_break()):
        cutter = Cutter(doc)
        size = len(doc.text)
        assert cutter.length == size
        for s in range(size):
            for e in range(s, size + 1):
                span = doc.char_span(s, e, alignment_mode="expand")
                expected = (span.start, span.end) if span is not None and len(span) else None
                assert cutter.tokens(s, e) == expected, (s, e)
        assert cutter.tokens(0, size + 1) is None


def test_a_cut_has_the_columns_a_fresh_read_of_it_gives():
    for doc in (parse(SPEC), _with_line_break()):
        cutter = Cutter(doc)
        for i in range(len(doc)):
            for j in range(i + 1, len(doc) + 1):
                cut, columns = cutter.cut(i, j)
                assert cut.text == doc[i:j].text
                assert columns == Columns.of(cut), (i, j)


def test_a_cut_arc_makes_a_root_and_the_paragraph_starts_a_sentence():
    doc = parse(SPEC)
    cut, columns = Cutter(doc).cut(7, 11)  # "Then Lee spoke ." hung on "said" before it
    assert [t.dep_ for t in cut] == ["advmod", "nsubj", "ROOT", "punct"]
    assert cut[2].head.i == 2 and cut[0].is_sent_start
    assert columns == Columns.of(cut)
    untouched, columns = Cutter(doc).cut(4, 7)  # "She left ." holds all its arcs
    assert [t.head.i for t in untouched] == [1, 1, 1]
    assert columns.starts == [0, 4, 8] and columns.ends == [3, 8, 9]
    assert columns.sentences == [0]


def test_sentences_start_where_the_trees_start():
    doc = parse(SPEC)
    assert Columns.of(doc).sentences == [0, 4, 11]  # "Then Lee spoke" hangs on "said"
    _, columns = Cutter(doc).cut(4, 14)  # cut from "said", "spoke" roots a sentence of its own
    assert columns.sentences == [0, 3, 7]
    _, columns = Cutter(doc).cut(11, 14)
    assert columns.sentences == [0]
