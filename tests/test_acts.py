"""Statements a reader would call statements: what is dropped, what is kept, and how it
is typed, on an article written for the project (tests/fixtures/trade-week.txt)."""

from __future__ import annotations

import pytest

from saidwhat import Article

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def trade(pipeline, fixture_text):
    return pipeline.extract(Article(text=fixture_text("trade-week.txt"), id="trade", published="2024-11-06"))


def act_of(article, fragment):
    hits = [a for a in article.attributions if fragment in a.content.text]
    return hits[0].act if hits else None


def test_things_do_not_speak(trade):
    speakers = {a.speaker.name.lower() for a in trade.attributions if a.speaker}
    assert not {"uncertainty", "prolonged trade dispute", "trade dispute"} & speakers
    assert act_of(trade, "regional economy") in (None, "stance")


def test_speech_and_writing(trade):
    assert act_of(trade, "talks would resume") == "speech"
    assert act_of(trade, "not walking away") == "speech"
    assert act_of(trade, "extend its credit guarantees") == "writing"


def test_stance_plan_and_perception(trade):
    assert act_of(trade, "last into next year") == "stance"
    assert act_of(trade, "lobby parliament") == "plan"
    assert act_of(trade, "keep pressing") == "plan"
    assert act_of(trade, "fallen by a third") == "perception"


def test_deeds_charges_and_asides_are_not_statements(trade):
    assert act_of(trade, "inquiry into the port delays") is None
    assert act_of(trade, "taking bribes") is None
    assert act_of(trade, "not to be named") is None
    assert act_of(trade, "prices had doubled") == "speech"  # the trader's words are kept


def test_a_verb_that_reports_a_noun_takes_no_quotation(trade):
    # "the large orders Haddad requested": what she requested is the orders
    assert act_of(trade, "than in any year") is None


def test_confidence_is_a_probability(trade):
    assert all(0.0 <= a.confidence <= 1.0 for a in trade.attributions)
