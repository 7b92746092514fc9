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
    assert nested_flags([said, thinks], len(DOC)) == [False, True]


def test_a_cue_without_a_clause_is_nested_in_one_that_has_one():
    assert nested_flags([_cue(1, (2, 6)), _cue(3, None)], len(DOC)) == [False, True]


def test_a_cue_is_not_nested_in_its_own_clause():
    # an inverted report's clause may hold its own cue
    assert nested_flags([_cue(1, (0, 6))], len(DOC)) == [False]
    assert nested_flags([_cue(1, (0, 6)), _cue(5, None)], len(DOC)) == [False, True]


def test_cues_without_clauses_are_never_nested():
    assert nested_flags([_cue(1, None), _cue(3, None)], len(DOC)) == [False, False]
    assert nested_flags([], len(DOC)) == []
