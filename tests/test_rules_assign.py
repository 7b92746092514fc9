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
