"""A frame's ``needs`` (the child labels a cue must have for the frame to be tried)
is a true necessary condition of its finder: the reports stage skips the finder for
a cue without such a child, so a finder that could find content without one would
lose reports silently. Hand-built parses, no model."""

from __future__ import annotations

from parse_support import parse
from saidwhat.attribution.frames import FRAMES, FRAMES_BY_KIND
from saidwhat.attribution.lexicon import load_lexicon
from saidwhat.attribution.paragraph import Paragraph
from saidwhat.attribution.records import Cue

# One sentence for each frame that declares what it needs, and a few that fit none.
SPECS = (
    "Clinton/NNP/nsubj/1 seems/VBZ/ROOT/1 to/TO/aux/3 lead/VB/xcomp/1 ././punct/1",
    "The/DT/det/1 vote/NN/nsubjpass/3 is/VBZ/auxpass/3 expected/VBN/ROOT/3 to/TO/aux/5 pass/VB/xcomp/3 ././punct/3",
    "Russia/NNP/nsubjpass/2 was/VBD/auxpass/2 accused/VBN/ROOT/2 of/IN/prep/2 blocking/VBG/pcomp/3 aid/NN/dobj/4 ././punct/2",
    "The/DT/det/1 meeting/NN/nsubjpass/3 was/VBD/auxpass/3 reported/VBN/ROOT/3 by/IN/agent/3 Politico/NNP/pobj/4 ././punct/3",
    "Iran/NNP/nsubj/1 vowed/VBD/ROOT/1 to/TO/aux/3 retaliate/VB/xcomp/1 ././punct/1",
    "Pompeo/NNP/nsubj/1 accused/VBD/ROOT/1 Iran/NNP/dobj/1 of/IN/prep/1 lying/VBG/pcomp/3 ././punct/1",
    "Clinton/NNP/nsubj/1 spoke/VBD/ROOT/1 about/IN/prep/1 the/DT/det/4 shooting/NN/pobj/2 ././punct/1",
    "Ruiz/NNP/nsubj/1 said/VBD/ROOT/1 that/IN/mark/4 it/PRP/nsubj/4 failed/VBD/ccomp/1 ././punct/1",
    "He/PRP/nsubj/1 said/VBD/ROOT/1 :/:/punct/1 the/DT/det/4 plan/NN/nsubj/5 fails/VBZ/ccomp/1 ././punct/1",
)


def _cues(spec: str):
    lexicon = load_lexicon()
    doc = parse(spec)
    para = Paragraph.read(doc, 0, 0, [])
    for tok in doc:
        lemma = lexicon.lemma(tok.lower_) or tok.lower_
        yield para, Cue(tok, lemma, None, None)


def test_a_frame_finds_nothing_for_a_cue_without_a_child_it_needs():
    hits = {f.name: 0 for f in FRAMES if f.needs}
    for spec in SPECS:
        for para, cue in _cues(spec):
            labels = {c.dep for c in cue.tok.children}
            for frame in FRAMES:
                if not frame.needs:
                    continue
                found = frame.find(cue, para)
                if found is not None:
                    hits[frame.name] += 1
                    assert labels & frame.needs, (frame.name, spec, cue.tok.text)
    # every frame with a condition found something: the check above was not idle
    assert all(hits.values()), hits


def test_the_frames_of_a_kind_keep_the_table_order():
    for kind, frames in FRAMES_BY_KIND.items():
        assert list(frames) == [f for f in FRAMES if f.cue == kind]
    assert sum(len(f) for f in FRAMES_BY_KIND.values()) == len(FRAMES)


def test_a_verb_cue_carries_its_childrens_labels_as_the_parse_has_them():
    # read once when the candidate is found, for the clause finder and the frames'
    # needs: they must be the labels the parse gives the cue's children
    from saidwhat.attribution.candidates import find_cues

    lexicon = load_lexicon()
    seen = 0
    for spec in SPECS:
        doc = parse(spec)
        para = Paragraph.read(doc, 0, 0, [])
        for cue in find_cues(para, lexicon, 0.1):
            if cue.kind == "verb":
                seen += 1
                assert cue.deps == {c.dep for c in cue.tok.children}, (spec, cue.tok.text)
    assert seen >= 5
