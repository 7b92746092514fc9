"""Fragments: what no reader would call a statement is repaired or dropped (no model)."""

from __future__ import annotations

from parse_support import parse
from saidwhat.attribution.fragments import _whole_words
from saidwhat.attribution.lexicon import load_lexicon
from saidwhat.attribution.paragraph import Paragraph
from saidwhat.attribution.reports import read_paragraph


def found(spec: str, threshold: float = 0.35):
    doc = parse(spec)
    return doc.text, read_paragraph(Paragraph.read(doc, 0, 0, []), load_lexicon(), threshold=threshold)


def test_a_phrase_cut_off_after_a_preposition_is_dropped():
    # a headline: "Residents protest plan for" is what the object frame would keep
    text, reports = found(
        "Residents/NNS/nsubj/1 protest/VBP/ROOT/1 plan/NN/dobj/1 for/IN/prep/2", threshold=0.05
    )
    assert reports == []


def test_a_dangling_word_is_cut_from_a_longer_content():
    text, (r,) = found(
        "Pompeo/NNP/nsubj/1 accused/VBD/ROOT/1 Iran/NNP/dobj/1 of/IN/prep/1 plotting/VBG/pcomp/3 attacks/NNS/dobj/4 "
        "and/CC/cc/5"
    )
    assert [text[s:e] for s, e in r.content] == ["Iran of plotting attacks"]


def test_whom_something_was_told_is_not_what_was_said():
    text, reports = found(
        "Sasse/NNP/nsubj/1 told/VBD/ROOT/1 Hawk/NNP/compound/3 Sawyer/NNP/dobj/1 ././punct/1"
    )
    assert reports == []


def test_a_place_does_not_speak():
    text, reports = found(
        "The/DT/det/1 stadium/NN/nsubj/2 said/VBD/ROOT/2 it/PRP/nsubj/4 closed/VBD/ccomp/2 ././punct/2"
    )
    assert reports == []


def test_an_unresolved_demonstrative_does_not_speak():
    text, reports = found("That/DT/nsubj/1 said/VBD/ROOT/1 prices/NNS/nsubj/3 rose/VBD/ccomp/1 ././punct/1")
    assert reports == []


def test_a_thing_warns_only_as_a_stance():
    text, (r,) = found(
        "The/DT/det/1 uncertainty/NN/nsubj/2 warned/VBD/ROOT/2 that/IN/mark/5 prices/NNS/nsubj/5 rise/VBP/ccomp/2 "
        "././punct/2"
    )
    assert r.act == "stance"


def test_a_person_warns_as_speech():
    text, (r,) = found(
        "The/DT/det/1 mayor/NN/nsubj/2 warned/VBD/ROOT/2 that/IN/mark/5 prices/NNS/nsubj/5 rise/VBP/ccomp/2 ././punct/2"
    )
    assert r.act == "speech"


def test_contents_are_whole_words():
    text = "reports that Trump called"
    assert _whole_words(text, 1, 12) == (0, 12)
    assert _whole_words(text, 0, 9) == (0, 12)


def test_a_deed_is_not_a_statement():
    text, reports = found(
        "Barr/NNP/nsubj/1 ordered/VBD/ROOT/1 an/DT/det/3 investigation/NN/dobj/1 into/IN/prep/3 the/DT/det/6 "
        "death/NN/pobj/4 ././punct/1",
        threshold=0.05,
    )
    assert reports == []


def test_continues_to_is_an_aspect_not_a_report():
    text, reports = found(
        "Trump/NN/nsubj/1 continues/VBZ/ROOT/1 to/TO/aux/3 give/VB/xcomp/1 mixed/JJ/amod/5 signals/NNS/dobj/3 "
        "././punct/1",
        threshold=0.05,
    )
    assert reports == []


def test_a_wish_not_to_be_named_is_not_a_statement():
    text, reports = found(
        "A/DT/det/1 refugee/NN/nsubj/2 asked/VBD/ROOT/2 not/RB/neg/6 to/TO/aux/6 be/VB/auxpass/6 named/VBN/xcomp/2 "
        "././punct/2",
        threshold=0.05,
    )
    assert reports == []


def test_a_clause_missing_its_subject_is_not_a_statement():
    # "What Simpson suggested is fear of retribution": the parse hands "suggested" a clause with no subject
    text, reports = found(
        "Simpson/NNP/nsubj/1 suggested/VBD/ROOT/1 is/VBZ/ccomp/1 fear/NN/attr/2 of/IN/prep/3 retribution/NN/pobj/4 "
        "././punct/1"
    )
    assert reports == []


def test_a_stance_towards_a_pronoun_is_kept_what_is_said_is_not_a_pronoun():
    text, (r,) = found("Sanders/NNP/nsubj/1 endorsed/VBD/ROOT/1 her/PRP/dobj/1 ././punct/1")
    assert r.act == "stance" and [text[s:e] for s, e in r.content] == ["her"]
    assert found("Sanders/NNP/nsubj/1 said/VBD/ROOT/1 it/PRP/dobj/1 ././punct/1")[1] == []


def test_a_deed_whose_object_is_words_is_a_statement():
    # "made statements about": a light verb whose (plural) object is a speech act
    text, (r,) = found(
        "Trump/NNP/nsubj/1 made/VBD/ROOT/1 new/JJ/amod/3 allegations/NNS/dobj/1 about/IN/prep/3 "
        "the/DT/det/6 vote/NN/pobj/4 ././punct/1"
    )
    assert r.act == "speech" and [text[s:e] for s, e in r.content] == ["new allegations about the vote"]
