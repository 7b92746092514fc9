"""The loaded model and word tables are kept out of the garbage collector's full collections."""

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


def test_a_pipeline_loads_the_first_name_table_before_any_article_and_freezes_it():
    from saidwhat.attribution.pipeline import Pipeline
    from saidwhat.attribution.vocabulary import _gender_detector

    Pipeline()  # no article read yet
    assert _gender_detector.cache_info().currsize == 1
    # the table's 61,000 entries are not walked by every full collection
    assert id(_gender_detector().names) not in {id(o) for o in gc.get_objects()}
