"""The extractor on fixture articles written for the project: every case the core handles."""

from __future__ import annotations

import pytest

import saidwhat
from saidwhat import Article

pytestmark = pytest.mark.model


def find(article: Article, fragment: str):
    hits = [a for a in article.attributions if fragment in article.text[a.content.start : a.content.end]]
    assert hits, (
        f"no attribution whose content holds {fragment!r}: {[a.content.text for a in article.attributions]}"
    )
    return hits[0]


@pytest.fixture(scope="module")
def council(pipeline, fixture_text):
    return pipeline.extract(
        Article(text=fixture_text("council-budget.txt"), id="council", published="2024-10-10")
    )


@pytest.fixture(scope="module")
def styles(pipeline, fixture_text):
    return pipeline.extract(Article(text=fixture_text("styles.txt"), id="styles"))


def test_every_span_indexes_the_text(council, styles):
    for article in (council, styles):
        assert article.attributions
        for a in article.attributions:
            for span in (a.content, a.source, a.cue):
                if span is None:
                    continue
                assert span.text == " ".join(article.text[s:e] for s, e in span.spans)
                assert all(0 <= s < e <= len(article.text) for s, e in span.spans)
            if a.addressee_span:
                assert article.text[slice(*a.addressee_span)] == a.addressee
            if a.when:
                assert article.text[slice(*a.when.spans[0])] == a.when.text


def test_headline_speaker_found_by_role(council):
    head = council.attributions[0]
    assert head.kind == "headline"
    assert head.content.text == "budget gap will not close without new taxes"
    assert head.speaker.name == "Laura Chen"


def test_indirect_speech_with_role_and_date(council):
    a = find(council, "faces a $40 million shortfall")
    assert a.kind == "indirect"
    assert a.speaker.name == "Laura Chen" and a.speaker.role == "Springfield Mayor"
    assert a.speaker.type == "PERSON"
    assert a.cue.text == "said"
    assert a.when.text == "on Wednesday" and a.when.date == "2024-10-09"


def test_second_cue_in_the_same_sentence(council):
    a = find(council, "libraries could close on weekends")
    assert a.cue.text == "warned" and a.speaker.name == "Laura Chen"


def test_direct_quote_over_two_sentences_with_surname_and_addressee(council):
    a = find(council, "We have cut everything")
    assert a.kind == "direct"
    assert a.source.text == "Chen" and a.speaker.name == "Laura Chen"
    assert a.addressee == "reporters"
    # the cue-less quote that follows in the paragraph continues the same statement
    assert "The next step is one nobody wants to take." in a.content.text
    assert len(a.content.spans) == 2


def test_speaker_inside_a_split_quote_and_pronoun(council):
    a = find(council, "If the council will not raise revenue")
    assert a.kind == "direct"
    assert a.cue.text == "added" and a.source.text == "she"
    assert a.speaker.name == "Laura Chen"  # "she" -> the mayor, not the council president
    assert "then it has to tell residents" in a.content.text


def test_mixed_quote(council):
    a = find(council, "known about this hole")
    assert a.kind == "mixed"
    assert a.speaker.name == "Laura Chen"
    assert a.content.text.startswith("the council had “known")


def test_denial_and_statement_channel(council):
    a = find(council, "ignored the problem")
    assert a.cue.text == "denied" and a.speaker.name == "Marcus Webb"
    assert a.speaker.role == "Council President"
    b = find(council, "The mayor has had our numbers")
    # "said in a statement": the statement is what the words came in, not an audience
    assert b.speaker.name == "Marcus Webb" and b.channel.text == "a statement" and b.addressee is None


def test_quote_with_no_cue_continues_previous_speaker(council):
    # a cue-less quote in the next paragraph joins the statement before it
    a = find(council, "Nobody on this council wants to close a library.")
    assert a.kind == "direct" and a.speaker.name == "Marcus Webb"
    assert "We are still waiting" in a.content.text
    assert a.content.text.endswith("“Nobody on this council wants to close a library.”")


def test_according_to_organisation(council):
    a = find(council, "property tax revenue fell")
    assert a.cue.text == "According to"
    assert a.speaker.type == "ORG"
    assert "finance department" in a.speaker.name


def test_inverted_report_to_a_meeting(council):
    a = find(council, "run out of reserve funds")
    assert a.kind == "indirect" and a.speaker.name == "Marcus Webb"
    assert a.addressee == "a meeting of the finance committee"


def test_debris_never_yields_attributions(council):
    text = council.text
    tail = text.index("Share this:")
    assert all(a.content.end <= tail for a in council.attributions)


@pytest.mark.parametrize(
    "fragment, speaker",
    [
        ("a victory for every river", "Anna Berg"),  # guillemets, apposed name
        ("Wir sind enttäuscht", "Thomas Keller"),  # German-style marks, speaker after
        ("This government has run out of excuses", "Peter Lindqvist"),  # colon
        ("We will appeal this decision", "Jane Porter"),  # single quotes, name after role
        ("hundreds of millions", "Thomas Keller"),  # "claimed", surname
    ],
)
def test_quote_styles_and_speakers(styles, fragment, speaker):
    assert find(styles, fragment).speaker.name == speaker


def test_quote_over_paragraphs(styles):
    a = find(styles, "The evidence was overwhelming")
    assert "There was never any doubt" in a.content.text
    assert len(a.content.spans) == 2
    assert a.speaker.name == "Peter Lindqvist"


def test_unbalanced_quotation_marks(pipeline, fixture_text):
    article = pipeline.extract(Article(text=fixture_text("unbalanced.txt")))
    a = find(article, "cut our village in two")
    assert a.speaker.name == "Maria Santos"
    assert "Officials" in find(article, "chosen after a two-year study").speaker.name


def test_text_with_no_quotes_and_no_reports(pipeline):
    text = "The river rose two metres overnight. Roads in the valley were closed until noon."
    assert pipeline.extract(Article(text=text)).attributions == []


def test_extract_api_matches_pipeline(fixture_text):
    text = fixture_text("council-budget.txt")
    article = saidwhat.extract(text, published="2024-10-10")
    assert article.text == text
    assert article.title.startswith("Mayor:")
    assert len(article.attributions) >= 10
    assert Article.from_json(article.to_json()).to_json() == article.to_json()


def test_role_nouns_resolve_to_the_one_person_with_that_role(pipeline):
    text = (
        "Minister rules out school closures\n\n"
        "Education Minister Sara Lind said on Monday that no school would close this year.\n\n"
        "Teachers' union leader Omar Reyes said staff were already stretched.\n\n"
        "The minister added that new teachers would be hired in the spring.\n"
    )
    article = pipeline.extract(Article(text=text))
    head = find(article, "school closures")
    assert head.source.text == "Minister" and head.speaker.name == "Sara Lind"
    reyes = find(article, "staff were already stretched")
    assert reyes.speaker.name == "Omar Reyes"
    assert reyes.speaker.role == "Teachers' union leader"  # the role stops where the name starts
    assert find(article, "new teachers would be hired").speaker.name == "Sara Lind"
