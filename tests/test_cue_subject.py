"""A cue finds its subject only when asked for, once (most cues reach no frame)."""

from saidwhat.attribution.records import Cue


def test_subject_is_found_when_first_asked_for_and_then_kept():
    calls = []

    def find():
        calls.append(1)
        return None

    cue = Cue(None, "say", find, None)  # type: ignore[arg-type]
    assert calls == []
    assert cue.subject is None
    assert cue.subject is None
    assert calls == [1]


def test_a_subject_given_outright_is_the_subject():
    marker = object()
    cue = Cue(None, "say", marker, None)  # type: ignore[arg-type]
    assert cue.subject is marker
