"""A verb cue's children, read once by find_cues and handed to the finders and the
scorer: each gives the same answer as when it walks the children itself (no model)."""

from __future__ import annotations

from parse_support import parse
from saidwhat.attribution.frames import _unmarked_clause, clause
from saidwhat.attribution.noun_frames import infinitive, prep_object
from saidwhat.attribution.paragraph import Paragraph
from saidwhat.attribution.scoring import cue_syntax
from saidwhat.attribution.syntax import subject_of

REPORT = "Esper/NNP/nsubj/1 said/VBD/ROOT/1 talks/NNS/nsubj/3 failed/VBD/ccomp/1 ././punct/1"
# "told reporters in a statement that ...": the clause hung on the statement
VENUE = (
    "Ruiz/NNP/nsubj/1 told/VBD/ROOT/1 reporters/NNS/dobj/1 in/IN/prep/1 a/DT/det/5 "
    "statement/NN/pobj/3 that/IN/mark/8 talks/NNS/nsubj/8 failed/VBD/acl/5 ././punct/1"
)
# "..., adding that ...": the participle's subject is inherited from the verb before
ADDING = (
    "Ruiz/NNP/nsubj/1 spoke/VBD/ROOT/1 ,/,/punct/1 adding/VBG/advcl/1 that/IN/mark/6 "
    "talks/NNS/nsubj/6 failed/VBD/ccomp/3 ././punct/1"
)


def _para(spec: str) -> Paragraph:
    return Paragraph.read(parse(spec), 0, 0, [])


def test_clause_with_the_children_handed_in_is_the_clause_it_finds_itself():
    for spec, cue, expected in ((REPORT, 1, (2, 4)), (VENUE, 1, (6, 9))):
        para = _para(spec)
        verb = para.doc[cue]
        children = tuple(verb.children)
        assert clause(verb, para.in_quote) == expected
        assert clause(verb, para.in_quote, {c.dep for c in children}, children) == expected


def test_subject_of_with_the_childrens_walk_handed_in():
    para = _para(REPORT)
    verb = para.doc[1]
    assert subject_of(verb, para.in_quote, tuple(verb.children)).text == "Esper"
    # the children handed in are the cue's only: an inherited subject is read from its head's
    para = _para(ADDING)
    verb = para.doc[3]
    assert subject_of(verb, para.in_quote).text == "Ruiz"
    assert subject_of(verb, para.in_quote, tuple(verb.children)).text == "Ruiz"


def test_cue_syntax_with_the_children_handed_in():
    spec = "She/PRP/nsubj/2 would/MD/aux/2 say/VB/ROOT/2 it/PRP/nsubj/4 failed/VBD/ccomp/2 ?/./punct/2"
    para = _para(spec)
    verb = para.doc[2]
    assert cue_syntax(para, verb, "clause", tuple(verb.children)) == cue_syntax(para, verb, "clause")
    assert cue_syntax(para, verb, "clause", tuple(verb.children)).modal == 1.0


def test_a_cue_word_with_a_tag_no_cue_kind_takes_is_no_candidate():
    from saidwhat.attribution.candidates import find_cues
    from saidwhat.attribution.lexicon import load_lexicon

    # a cue word tagged as a name or a preposition is none; tagged as a verb, it is one
    spec = "Ruiz/NNP/nsubj/1 said/{}/ROOT/1 talks/NNS/nsubj/3 failed/VBD/ccomp/1 ././punct/1"
    for tag, kinds in (("NNP", []), ("IN", []), ("VBD", ["verb"]), ("VBZ", ["verb"])):
        cues = find_cues(_para(spec.format(tag)), load_lexicon(), 0.35)
        assert [c.kind for c in cues if c.tok.i == 1] == kinds, tag


def test_the_finders_with_the_children_handed_in_find_what_they_find_walking_them():
    specs = (
        # "vowed to retaliate": an infinitive
        "Iran/NNP/nsubj/1 vowed/VBD/ROOT/1 to/TO/aux/3 retaliate/VB/xcomp/1 ././punct/1",
        # "spoke on Friday about the shooting": a time, then what it was about
        "Clinton/NNP/nsubj/1 spoke/VBD/ROOT/1 on/IN/prep/1 Friday/NNP/pobj/2 about/IN/prep/1 "
        "the/DT/det/6 shooting/NN/pobj/4 ././punct/1",
        # "about the shooting, Ruiz spoke": a preposition before the verb is none of its rights
        "About/IN/prep/5 the/DT/det/2 plan/NN/pobj/0 ,/,/punct/5 Ruiz/NNP/nsubj/5 spoke/VBD/ROOT/5 ././punct/5",
        # "said after the vote he would not run": an unmarked clause after an adjunct
        "Ruiz/NNP/nsubj/1 said/VBD/ROOT/1 after/IN/prep/1 the/DT/det/4 vote/NN/pobj/2 he/PRP/nsubj/8 "
        "would/MD/aux/8 not/RB/neg/8 run/VB/advcl/1 ././punct/1",
    )
    found = []
    for spec in specs:
        para = _para(spec)
        for verb in para.doc:
            children = tuple(verb.children)
            assert infinitive(verb, children) == infinitive(verb)
            assert prep_object(verb, children) == prep_object(verb)
            assert _unmarked_clause(verb, children) == _unmarked_clause(verb, tuple(verb.rights))
            found.append((infinitive(verb), prep_object(verb), _unmarked_clause(verb, children)))
    # each finder found something in one of them: the checks above were not idle
    assert all(any(f[k] for f in found) for k in range(3))
