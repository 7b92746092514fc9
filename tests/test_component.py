"""saidwhat as a spaCy component: nlp.add_pipe("saidwhat")."""

import pytest
import spacy

from saidwhat.attribution.component import AttributionComponent

TEXT = "“We will not give up,” the union leader said on Friday.\n\nHe added that talks would resume."


@pytest.mark.model
def test_add_pipe_sets_doc_attributions(pipeline):
    nlp = spacy.load(pipeline.nlp.meta["lang"] + "_" + pipeline.nlp.meta["name"], exclude=["ner"])
    nlp.add_pipe("saidwhat", config={"published": "2024-05-06"})
    doc = nlp(TEXT)
    attributions = doc._.attributions
    assert [a.kind for a in attributions] == ["direct", "indirect"]
    assert attributions[0].content.text == "“We will not give up,”"
    assert attributions[0].when.date == "2024-05-03"
    assert attributions[1].cue.text == "added"
    for a in attributions:
        assert doc.text[a.content.start : a.content.end] == a.content.text


def test_component_refuses_an_unparsed_doc():
    nlp = spacy.blank("en")
    component = AttributionComponent(nlp)
    with pytest.raises(ValueError, match="dependency parse"):
        component.match(nlp("He said it was fine."))


def test_error_handler_lets_a_pipeline_skip_bad_docs():
    nlp = spacy.blank("en")
    nlp.add_pipe("saidwhat")
    seen = []
    nlp.set_error_handler(lambda name, comp, docs, exc: seen.append((name, type(exc).__name__)))
    doc = nlp("An unparsed text.")
    assert seen == [("saidwhat", "ValueError")]
    assert doc._.attributions is None
