"""The cue's features of syntax, read from the parse's columns (no model)."""

from __future__ import annotations

from parse_support import parse
from saidwhat.attribution.paragraph import Paragraph
from saidwhat.attribution.records import CueSyntax
from saidwhat.attribution.scoring import cue_syntax


def syntax(spec: str, cue: int, frame: str = "clause") -> CueSyntax:
    para = Paragraph.read(parse(spec), 0, 0, [])
    return cue_syntax(para, para.doc[cue], frame)


def test_a_plain_report_has_its_label_and_tag_and_nothing_else():
    s = syntax("Esper/NNP/nsubj/1 said/VBD/ROOT/1 talks/NNS/nsubj/3 failed/VBD/ccomp/1 ././punct/1", 1)
    assert s == CueSyntax("ROOT", "VBD", 0.0, 0.0, 0.0, 0.0, 0.0)


def test_a_modal_a_negation_and_a_question_are_read():
    spec = (
        "Would/MD/aux/3 she/PRP/nsubj/3 not/RB/neg/3 say/VB/ROOT/3 "
        "it/PRP/nsubj/5 failed/VBD/ccomp/3 ?/./punct/3"
    )
    assert syntax(spec, 3) == CueSyntax("ROOT", "VB", 1.0, 1.0, 0.0, 0.0, 1.0)


def test_an_auxiliary_that_is_no_modal_is_no_hedge():
    spec = "She/PRP/nsubj/2 has/VBZ/aux/2 said/VBN/ROOT/2 it/PRP/nsubj/4 failed/VBD/ccomp/2 ././punct/2"
    assert syntax(spec, 2) == CueSyntax("ROOT", "VBN", 0.0, 0.0, 0.0, 0.0, 0.0)


def test_a_passive_with_a_thing_for_subject():
    spec = (
        "The/DT/det/1 plan/NN/nsubjpass/3 was/VBD/auxpass/3 criticized/VBN/ROOT/3 "
        "by/IN/agent/3 critics/NNS/pobj/4 ././punct/3"
    )
    assert syntax(spec, 3) == CueSyntax("ROOT", "VBN", 0.0, 0.0, 1.0, 1.0, 0.0)


def test_a_label_and_tag_the_scorer_has_no_weight_for_are_other():
    spec = "The/DT/det/1 claims/NNS/nsubj/2 made/VBN/amod/1 ././punct/1"
    assert syntax(spec, 2)[:2] == ("other", "VBN")
    spec = "He/PRP/nsubj/1 is/VBZ/ROOT/1 sure/JJ/acomp/1 ././punct/1"
    assert syntax(spec, 2, "adjective")[:2] == ("other", "other")


def test_a_noun_cue_is_negated_and_hedged_through_its_verb():
    spec = (
        "He/PRP/nsubj/4 would/MD/aux/4 not/RB/neg/4 have/VB/aux/4 voiced/VBN/ROOT/4 "
        "concern/NN/dobj/4 ././punct/4"
    )
    assert syntax(spec, 5, "light") == CueSyntax("other", "NN", 1.0, 1.0, 0.0, 0.0, 0.0)
    # read as a frame of its own word, its verb's children are not its own
    assert syntax(spec, 5, "noun") == CueSyntax("other", "NN", 0.0, 0.0, 0.0, 0.0, 0.0)
