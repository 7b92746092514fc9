"""fast_init and replace build frozen dataclasses as dataclasses' own code does."""

import dataclasses

import pytest

from saidwhat.attribution.frozen import fast_init, replace
from saidwhat.attribution.mentions import Mention


@dataclasses.dataclass(frozen=True)
class Plain:
    a: int
    b: str = "b"
    c: tuple[int, ...] | None = None


Fast = fast_init(
    dataclasses.make_dataclass("Fast", [("a", int), ("b", str, "b"), ("c", object, None)], frozen=True)
)


@pytest.mark.parametrize(
    "args, kwargs",
    [((1,), {}), ((1, "x"), {}), ((1,), {"c": (2, 3)}), ((), {"a": 4, "b": "y", "c": None})],
)
def test_fast_init_takes_the_arguments_the_generated_init_takes(args, kwargs):
    assert dataclasses.asdict(Fast(*args, **kwargs)) == dataclasses.asdict(Plain(*args, **kwargs))


def test_fast_init_keeps_the_class_frozen_hashable_and_comparable():
    one, same, other = Fast(1, "x"), Fast(1, "x"), Fast(2)
    with pytest.raises(dataclasses.FrozenInstanceError):
        one.a = 3  # type: ignore[misc]
    assert one == same and hash(one) == hash(same) and one != other
    with pytest.raises(TypeError):
        Fast()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Fast(1, d=2)  # type: ignore[call-arg]


def test_fast_init_refuses_what_it_cannot_build():
    @dataclasses.dataclass
    class Mutable:
        a: int

    @dataclasses.dataclass(frozen=True)
    class Factory:
        a: list[int] = dataclasses.field(default_factory=list)

    for cls in (Mutable, Factory, int):
        with pytest.raises(TypeError):
            fast_init(cls)


def test_replace_copies_with_changes_and_refuses_unknown_fields():
    one = Fast(1, "x", (5,))
    two = replace(one, b="y")
    assert (two.a, two.b, two.c) == (1, "y", (5,)) and one.b == "x"
    assert two == dataclasses.replace(one, b="y")
    with pytest.raises(TypeError, match="no field 'd'"):
        replace(one, d=1)


def test_a_mention_shifted_moves_every_offset_and_keeps_the_rest():
    behalf = Mention((30, 38), "the city", None, None, None, "ORG", head="city", definite=True)
    m = Mention(
        (0, 15), "a spokesperson", None, None, None, "PERSON", sentence=0, head="spokesperson", behalf=behalf
    )
    named = Mention((4, 12), "Ana Ruiz", "Ana Ruiz", (4, 12), "chief", "PERSON", gender="f", subject=True)
    moved = m.shifted(100)
    assert moved.span == (100, 115) and moved.sentence == 100 and moved.behalf.span == (130, 138)
    assert replace(moved, span=m.span, sentence=0, behalf=behalf) == m
    assert named.shifted(10).name_span == (14, 22) and named.shifted(10).gender == "f"
    assert m.shifted(0) is m
