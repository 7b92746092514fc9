"""The loaded model is kept out of the garbage collector's full collections."""

import gc
import weakref

import pytest

from saidwhat.attribution.pipeline import load_nlp

pytestmark = pytest.mark.model


def test_the_model_is_frozen_and_what_comes_after_is_collected():
    nlp = load_nlp()
    assert gc.get_freeze_count() > 10_000  # the model's objects: about 90k
    tracked = {id(o) for o in gc.get_objects()}
    assert id(nlp) not in tracked

    class Node:
        pass

    a, b = Node(), Node()
    a.other, b.other = b, a  # a cycle made after the model loaded ...
    probe = weakref.ref(a)
    del a, b
    gc.collect()
    assert probe() is None  # ... is still collected
