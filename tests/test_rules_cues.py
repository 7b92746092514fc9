"""Cues that are not a verb of saying: a noun a light verb takes, an adjective after a
copula. Hand-built parses (printed by ``scripts/parse-spec`` and frozen), no model.

The lexicon is built here with counts for the words under test, so the tests are
about the rules (candidate, frame, source, content), not about the learned weights.
"""

from __future__ import annotations

from parse_support import parse
from saidwhat.attribution.candidates import cue_kind
from saidwhat.attribution.lexicon import Lexicon, is_light_verb
from saidwhat.attribution.paragraph import Paragraph
from saidwhat.attribution.reports import read_paragraph

LEXICON = Lexicon(
    priors={},
    counts={
        "claim": {"light": (8, 10)},
        "make": {"object": (8, 10)},  # a light verb that is a cue word of its own
        "support": {"light": (8, 10)},
        "criticism": {"light": (8, 10)},
        "confident": {"adjective": (8, 10)},
        "critical": {"adjective": (8, 10)},
        "critic": {"role": (8, 10)},
        "supporter": {"role": (8, 10)},
    },
)


def read(spec: str):
    doc = parse(spec)
    found = read_paragraph(Paragraph.read(doc, 0, 0, []), LEXICON)
    words = lambda spans: " | ".join(doc.text[s:e] for s, e in spans)  # noqa: E731
    return (
        doc,
        [
            (
                r.frame,
                words(r.content),
                words(r.cue or []),
                doc.text[slice(*r.source.span)] if r.source else None,
            )
            for r in found
        ],
        found,
    )


MADE_THE_CLAIM = (
    "The/DT/det/1 senator/NN/nsubj/2 made/VBD/ROOT/2 the/DT/det/4 claim/NN/dobj/2 that/IN/mark/9 "
    "the/DT/det/7 vote/NN/nsubjpass/9 was/VBD/auxpass/9 rigged/VBN/acl/4 ././punct/2"
)


def test_a_noun_a_light_verb_takes_reports_with_the_verbs_subject_as_source():
    _, found, _ = read(MADE_THE_CLAIM)
    assert found == [("light", "that the vote was rigged", "made the claim", "senator")]


def test_a_light_noun_reports_its_prepositions_object():
    _, found, _ = read(
        "The/DT/det/1 union/NN/nsubj/2 voiced/VBD/ROOT/2 support/NN/dobj/2 for/IN/prep/3 the/DT/det/6 "
        "strike/NN/pobj/4 ././punct/2"
    )
    assert found == [("light", "the strike", "voiced support for", "union")]


def test_a_light_noun_takes_the_clause_its_verb_governs():
    # "made the argument yesterday that ...": the parse hangs the clause on the verb
    _, found, _ = read(
        "Ruiz/NNP/nsubj/1 made/VBD/ROOT/1 the/DT/det/3 claim/NN/dobj/1 again/RB/advmod/1 that/IN/mark/8 "
        "the/DT/det/7 vote/NN/nsubj/8 failed/VBD/ccomp/1 ././punct/1"
    )
    assert found == [("light", "that the vote failed", "made the claim", "Ruiz")]


def test_the_object_of_a_verb_that_is_no_light_verb_is_no_cue():
    # "faced criticism": the subject is the one criticised, not the critic
    doc, found, _ = read(
        "The/DT/det/1 senator/NN/nsubj/2 faced/VBD/ROOT/2 criticism/NN/dobj/2 over/IN/prep/3 the/DT/det/6 "
        "plan/NN/pobj/4 ././punct/2"
    )
    assert found == [] and cue_kind(doc[3]) is None
    assert is_light_verb("voiced") and is_light_verb("made") and not is_light_verb("faced")


def test_an_adjective_after_a_copula_reports_its_clause_as_a_stance():
    _, found, reports = read(
        "Ruiz/NNP/nsubj/1 is/VBZ/ROOT/1 confident/JJ/acomp/1 that/IN/mark/7 the/DT/det/5 bill/NN/nsubj/7 "
        "will/MD/aux/7 pass/VB/ccomp/2 ././punct/1"
    )
    assert found == [("adjective", "that the bill will pass", "confident", "Ruiz")]
    assert reports[0].act == "stance" and reports[0].kind == "indirect"


def test_an_adjective_with_a_preposition_makes_the_preposition_part_of_the_cue():
    _, found, _ = read(
        "The/DT/det/1 mayor/NN/nsubj/2 was/VBD/ROOT/2 critical/JJ/acomp/2 of/IN/prep/3 the/DT/det/6 "
        "plan/NN/pobj/4 ././punct/2"
    )
    assert found == [("adjective", "the plan", "critical of", "mayor")]


def test_an_adjective_after_a_verb_that_does_not_link_it_is_no_cue():
    # "made sure it stayed": sure says nothing of what the subject thinks
    doc = parse(
        "Ruiz/NNP/nsubj/1 made/VBD/ROOT/1 sure/JJ/acomp/1 the/DT/det/4 vote/NN/nsubj/5 passed/VBD/ccomp/2 "
        "././punct/1"
    )
    assert cue_kind(doc[2]) is None
    assert (
        cue_kind(parse("Ruiz/NNP/nsubj/1 remained/VBD/ROOT/1 sure/JJ/acomp/1 ././punct/1")[2]) == "adjective"
    )


def test_an_adjective_before_its_noun_is_no_cue():
    doc = parse(
        "A/DT/det/2 confident/JJ/amod/2 mayor/NN/nsubj/3 spoke/VBD/ROOT/3 of/IN/prep/3 the/DT/det/6 "
        "plan/NN/pobj/4 ././punct/3"
    )
    assert cue_kind(doc[1]) is None


def test_a_possessed_noun_stays_a_noun_cue_whatever_verb_takes_it():
    doc = parse(
        "Ruiz/NNP/nsubj/1 made/VBD/ROOT/1 her/PRP$/poss/3 claim/NN/dobj/1 that/IN/mark/8 the/DT/det/6 "
        "vote/NN/nsubjpass/8 was/VBD/auxpass/8 rigged/VBN/acl/3 ././punct/1"
    )
    assert cue_kind(doc[3]) == "noun" and cue_kind(doc[1]) == "verb"


def test_a_noun_in_apposition_says_what_its_head_thinks():
    _, found, _ = read(
        "Barney/NNP/compound/1 Frank/NNP/nsubj/11 ,/,/punct/1 a/DT/det/5 fierce/JJ/amod/5 critic/NN/appos/1 "
        "of/IN/prep/5 the/DT/det/8 senator/NN/pobj/6 ,/,/punct/1 will/MD/aux/11 chair/VB/ROOT/11 "
        "the/DT/det/13 committee/NN/dobj/11 ././punct/11"
    )
    assert found == [("role", "the senator", "critic of", "Barney Frank")]


def test_a_noun_after_a_copula_says_what_the_subject_thinks():
    _, found, _ = read(
        "The/DT/det/1 mayor/NN/nsubj/2 is/VBZ/ROOT/2 a/DT/det/5 longtime/JJ/amod/5 supporter/NN/attr/2 "
        "of/IN/prep/5 the/DT/det/8 plan/NN/pobj/6 ././punct/2"
    )
    assert found == [("role", "the plan", "supporter of", "mayor")]
