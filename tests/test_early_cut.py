"""The scorer's early cut: a report it is certain to drop is not built (no model).

The scorer here is hand-built, with weights chosen for the tests, so the tests are
about the bound (exact, never a guess), not about the learned weights.
"""

from __future__ import annotations

import math

import pytest

from parse_support import parse
from saidwhat.attribution import early_cut, reports
from saidwhat.attribution.candidates import find_cues
from saidwhat.attribution.early_cut import EarlyCut, acts_of, cut_for, early_cut_covers, most_logit
from saidwhat.attribution.fragments import most_chars, repair, repaired_acts
from saidwhat.attribution.lexicon import Lexicon
from saidwhat.attribution.paragraph import Paragraph
from saidwhat.attribution.reports import DROPPED, read_paragraph, report
from saidwhat.attribution.scoring import Scorer, features, load_scorer

LEXICON = Lexicon(priors={"say": 0.9, "recommend": 0.6})
WEIGHTS = {
    "lexical": 2.0,
    "content_chars": 0.5,
    "kind=indirect": -0.5,
    "act=speech": -0.2,
    "act=stance": 0.1,
    "source=name": 0.4,
    "source=person_name": 0.6,
    "type=PERSON": 0.1,
    "type=UNKNOWN": -0.3,
    "dep=ROOT": 0.3,
    "cue_first": 0.3,
    "that_clause": 0.2,
    "nested": -2.0,
}
SAID = "Esper/NNP/nsubj/1 said/VBD/ROOT/1 the/DT/det/3 talks/NNS/nsubj/4 failed/VBD/ccomp/1 ././punct/1"


def scorer(bias: float, decision: float = 0.5) -> Scorer:
    return Scorer(dict(WEIGHTS), bias, decision)


def paragraph(spec: str) -> Paragraph:
    return Paragraph.read(parse(spec), 0, 0, [])


def full_score(spec: str, bias: float) -> float:
    """The score the full path gives the paragraph's one report (built, repaired, scored)."""
    para = paragraph(spec)
    (cue,) = find_cues(para, LEXICON, 0.35)
    found = report(para, cue, LEXICON, 0.35)
    assert found is not None
    judged = reports._judged(found, para, LEXICON, scorer(bias), {})
    assert judged is not None
    return judged.score


def early(spec: str, s: Scorer):
    para = paragraph(spec)
    (cue,) = find_cues(para, LEXICON, 0.35)
    return report(para, cue, LEXICON, 0.35, EarlyCut(s, LEXICON), False)


def test_a_report_dropped_early_is_one_the_full_path_drops():
    s = scorer(bias=-6.0)
    assert early(SAID, s) is DROPPED
    assert full_score(SAID, -6.0) < s.decision
    assert read_paragraph(paragraph(SAID), LEXICON, scorer=s) == []


@pytest.mark.parametrize("above", [True, False])
def test_a_report_near_the_decision_is_built_and_judged(above: bool):
    # the decision a hair below (kept) or above (dropped) the report's own score: the
    # bound is never that tight, so the report is built and the scorer decides
    p = full_score(SAID, -3.0)
    s = scorer(bias=-3.0, decision=p - 1e-9 if above else p + 1e-9)
    found = early(SAID, s)
    assert found is not None and found is not DROPPED
    kept = read_paragraph(paragraph(SAID), LEXICON, scorer=s)
    assert len(kept) == (1 if above else 0)


@pytest.mark.parametrize("bias", [-8.0, -6.0, -5.0, -4.5, -4.0, -3.5, -3.0, -2.0, 0.0])
def test_the_early_cut_changes_nothing_the_scorer_keeps(bias: float, monkeypatch: pytest.MonkeyPatch):
    s = scorer(bias)
    with_cut = read_paragraph(paragraph(SAID), LEXICON, scorer=s)
    monkeypatch.setattr(reports, "cut_for", lambda scorer, lexicon: None)
    without = read_paragraph(paragraph(SAID), LEXICON, scorer=s)
    assert [(r.content, r.score, r.act) for r in with_cut] == [(r.content, r.score, r.act) for r in without]


def test_the_bound_is_never_below_the_full_logit():
    for bias in (-6.0, -3.0, 0.0):
        s = scorer(bias)
        para = paragraph(SAID)
        (cue,) = find_cues(para, LEXICON, 0.35)
        cut = EarlyCut(s, LEXICON)
        found = report(para, cue, LEXICON, 0.35)
        assert found is not None
        most = most_logit(para, cut, cue, found.frame, found.kind, list(found.content), False)
        assert most is not None
        p = full_score(SAID, bias)
        assert most[0] + cut.source(found.source) >= math.log(p / (1 - p))
        assert most[0] + cut.source_most >= most[0] + cut.source(found.source)


def test_no_early_cut_when_the_decision_drops_all_or_none():
    assert cut_for(scorer(0.0, decision=0.0), LEXICON) is None
    assert cut_for(scorer(0.0, decision=1.0), LEXICON) is None
    assert cut_for(scorer(0.0, decision=0.5), LEXICON) is not None


def test_repair_never_leaves_more_content_than_the_bound():
    # "recommends [all individuals] [get a vaccine]": repair takes the words between the
    # cue and a clause that opens with a verb back; the bound allows for them
    spec = (
        "CDC/NNP/nsubj/1 recommends/VBZ/ROOT/1 all/DT/det/3 individuals/NNS/dobj/1 get/VBP/ccomp/1 "
        "a/DT/det/6 vaccine/NN/dobj/4 ././punct/1"
    )
    para = paragraph(spec)
    (cue,) = find_cues(para, LEXICON, 0.35)
    found = report(para, cue, LEXICON, 0.35)
    assert found is not None
    before = list(found.content)
    most = most_chars(para, before, found.frame, found.kind, cue.tok)
    found.act = "speech"
    repaired = repair(found, para)
    assert repaired is not None
    chars = sum(e - s for s, e in repaired.content)
    assert chars > sum(e - s for s, e in before)  # the words were taken back
    assert most is not None and chars <= most


def test_a_piece_outside_the_paragraph_has_no_bound():
    para = paragraph(SAID)
    (cue,) = find_cues(para, LEXICON, 0.35)
    assert most_chars(para, [(-3, 5)], "clause", "indirect", cue.tok) is None


def test_repair_turns_deeds_into_words_and_a_thing_s_words_into_a_stance():
    assert repaired_acts("plan", "say", "clause") == {"plan"}
    assert repaired_acts("speech", "say", "clause") == {"speech", "stance"}
    assert repaired_acts("stance", "issue", "object") == {"stance", "speech", "writing"}


def test_a_cue_closing_its_paragraph_on_a_colon_is_found():
    para = paragraph("Caddell/NNP/nsubj/1 continued/VBD/ROOT/1 :/:/punct/1")
    assert reports._closes_on_colon(para, para.doc[1])
    assert not reports._closes_on_colon(paragraph(SAID), paragraph(SAID).doc[1])


def test_every_feature_the_scorer_reads_is_one_the_early_cut_accounts_for():
    # a feature added to features() must be added to the cut's bound (and its list) too
    para = paragraph(SAID)
    (cue,) = find_cues(para, LEXICON, 0.35)
    found = report(para, cue, LEXICON, 0.35)
    assert found is not None
    names = features(found, para, LEXICON, nested=False)
    assert early_cut_covers(Scorer({k: 1.0 for k in names}, 0.0, 0.5))


def test_a_scorer_weighing_an_unknown_feature_gets_no_early_cut():
    s = Scorer({**WEIGHTS, "some_new_feature": 3.0}, -6.0, 0.5)
    assert not early_cut_covers(s)
    assert cut_for(s, LEXICON) is None
    assert cut_for(scorer(-6.0), LEXICON) is not None


def test_the_packaged_scorer_gets_the_early_cut():
    packaged = load_scorer()
    assert packaged is not None and early_cut_covers(packaged)


def test_whether_the_cut_covers_a_scorer_is_read_once(monkeypatch: pytest.MonkeyPatch):
    reads = []
    monkeypatch.setattr(early_cut, "early_cut_covers", lambda s: reads.append(s) or True)
    s = scorer(-6.0)
    first = cut_for(s, LEXICON)
    assert first is not None and cut_for(s, LEXICON) is first
    assert reads == [s]
    unknown = Scorer({**WEIGHTS, "some_new_feature": 3.0}, -6.0, 0.5)
    monkeypatch.setattr(early_cut, "early_cut_covers", early_cut_covers)
    assert cut_for(unknown, LEXICON) is None and cut_for(unknown, LEXICON) is None
