"""Which cues sit inside another cue's reported clause (nested_flags), on hand-built parses."""

from __future__ import annotations

from parse_support import parse
from saidwhat.attribution.assign import nested_flags
from saidwhat.attribution.records import Cue

# "Ruiz said Lee thinks it failed": "thinks" is inside what "said" reports
DOC = parse(
    "Ruiz/NNP/nsubj/1 said/VBD/ROOT/1 Lee/NNP/nsubj/3 thinks/VBZ/ccomp/1 it/PRP/nsubj/5 failed/VBD/ccomp/3"
)


def _cue(i: int, clause: tuple[int, int] | None) -> Cue:
    return Cue(DOC[i], DOC[i].lower_, None, clause)


def test_a_cue_inside_another_cues_clause_is_nested():
    said, thinks = _cue(1, (2, 6)), _cue(3, (4, 6))
    assert nested_flags([said, thinks]) == [False, True]


def test_a_cue_without_a_clause_is_nested_in_one_that_has_one():
    assert nested_flags([_cue(1, (2, 6)), _cue(3, None)]) == [False, True]


def test_a_cue_is_not_nested_in_its_own_clause():
    # an inverted report's clause may hold its own cue
    assert nested_flags([_cue(1, (0, 6))]) == [False]
    assert nested_flags([_cue(1, (0, 6)), _cue(5, None)]) == [False, True]


def test_cues_without_clauses_are_never_nested():
    assert nested_flags([_cue(1, None), _cue(3, None)]) == [False, False]
    assert nested_flags([]) == []


def test_nested_flags_count_the_clauses_over_each_cue_as_a_sweep_over_every_token_would():
    import random

    rng = random.Random(7)
    for _ in range(300):
        cues = []
        for i in rng.sample(range(len(DOC)), rng.randint(0, len(DOC))):
            s = rng.randint(0, len(DOC) - 1)
            cues.append(_cue(i, (s, rng.randint(s + 1, len(DOC))) if rng.random() < 0.7 else None))
        expected = []
        for cue in cues:  # the clauses of the other cues that hold the cue's token
            i = cue.tok.i
            expected.append(any(o is not cue and o.clause and o.clause[0] <= i < o.clause[1] for o in cues))
        assert nested_flags(cues) == expected


def test_what_a_cue_reports_as_an_infinitive_is_read_from_its_right_children():
    from saidwhat.attribution.assign import _in_infinitive, _reports_after
    from saidwhat.attribution.paragraph import Paragraph

    # "To win, Ruiz urged police to release the videos": the fronted "To win" is no
    # infinitive the cue reports; "to release the videos" is
    doc = parse(
        "To/TO/aux/1 win/VB/advcl/4 ,/,/punct/4 Ruiz/NNP/nsubj/4 urged/VBD/ROOT/4 police/NNS/dobj/4 "
        "to/TO/aux/7 release/VB/xcomp/4 the/DT/det/9 videos/NNS/dobj/7 ././punct/4"
    )
    urged = Cue(doc[4], "urge", None, None)
    assert [k for k in range(len(doc)) if _in_infinitive(urged, k)] == [6, 7, 8, 9]
    assert _reports_after(Paragraph.read(doc, 0, 0, []), urged)
    # a left xcomp is none of its rights
    doc = parse("To/TO/aux/1 win/VB/xcomp/3 ,/,/punct/3 Ruiz/NNP/ROOT/3 ././punct/3")
    ruiz = Cue(doc[3], "ruiz", None, None)
    assert not any(_in_infinitive(ruiz, k) for k in range(len(doc)))
    assert not _reports_after(Paragraph.read(doc, 0, 0, []), ruiz)
