"""The long tail of speakers and report structures, on an article written for the
project (tests/fixtures/harbor-dispute.txt), through the whole extractor."""

from __future__ import annotations

import pytest

from saidwhat import Article

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def harbor(pipeline, fixture_text):
    return pipeline.extract(
        Article(text=fixture_text("harbor-dispute.txt"), id="harbor", published="2024-03-14")
    )


def find(article, fragment):
    hits = [a for a in article.attributions if fragment in a.content.text]
    assert hits, f"nothing holds {fragment!r}: {[a.content.text for a in article.attributions]}"
    return hits[0]


def test_title_case_headline(harbor):
    head = harbor.attributions[0]
    assert head.kind == "headline" and head.cue.text == "Says"
    assert head.content.text == "State Will Appeal Harbor Ruling"
    assert head.speaker.name == "Elena Marsh"


def test_the_chief_is_the_fire_chief(harbor):
    a = find(harbor, "crews had been called")
    assert a.speaker.name == "Ana Ruiz" and a.speaker.role == "city's fire chief"


def test_the_utility_is_the_company_described_as_one(harbor):
    a = find(harbor, "would cost it")
    assert (a.speaker.name, a.speaker.type) == ("Northwind Energy", "ORG")


def test_statements_and_reports_speak_for_who_issued_them(harbor):
    first = find(harbor, "review the contamination reports")
    assert first.speaker.name == "Department of Health and Human Services"
    assert first.channel.text == "a statement" and first.act == "writing"
    later = find(harbor, "inspectors would visit")
    assert later.speaker.name == "Department of Health and Human Services"


def test_a_spokesperson_and_a_report_speak_for_their_organisation(harbor):
    a = find(harbor, "would picket the courthouse")
    assert a.speaker.name == "Harbor Workers Union" and a.channel.text.startswith("spokesperson")
    b = find(harbor, "300 jobs")
    assert b.speaker.name == "Harbor Workers Union"


def test_an_outlet_credited_for_a_quote_is_its_addressee(harbor):
    a = find(harbor, "no plans to move")
    assert a.speaker.name == "Smith & Wesson Brands Inc." and a.addressee == "Reuters"
    assert "according to" not in a.content.text


def test_apposition_after_the_cue(harbor):
    a = find(harbor, "running out of money")
    assert a.speaker.name == "Omar Haddad" and a.speaker.role == "treasurer"


def test_one_subject_two_reporting_verbs(harbor):
    cues = {a.cue.text for a in harbor.attributions if a.source and a.source.text == "contractor"}
    assert {"rejected", "said"} <= cues


def test_a_colon_closing_a_paragraph_introduces_the_quote_below(harbor):
    a = find(harbor, "Every week of delay")
    assert a.speaker.name == "Omar Haddad" and a.kind == "direct"


def test_dialogue_keeps_its_turns(harbor):
    assert find(harbor, "finish by spring").speaker.name == "Elena Marsh"
    assert find(harbor, "lets us start now").speaker.name == "Omar Haddad"
    assert find(harbor, "we will ask it to").speaker.name == "Elena Marsh"


def test_every_span_indexes_the_text(harbor):
    text = harbor.text
    for a in harbor.attributions:
        for span in (a.content, a.source, a.cue, a.channel):
            if span is not None:
                assert span.text == " ".join(text[s:e] for s, e in span.spans)
