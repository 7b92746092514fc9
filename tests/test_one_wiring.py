"""One wiring: saidwhat.extract, the batch runner and the spaCy component give the
same attributions for the same text (issue: the component used to skip the page
cleanup and the headline, ignore min_confidence, and take ``published`` per pipeline)."""

from __future__ import annotations

import pytest
import spacy

from saidwhat import Article
from saidwhat.batch import process

pytestmark = pytest.mark.model

FIXTURES = ["council-budget.txt", "styles.txt", "unbalanced.txt"]


@pytest.fixture(scope="module")
def nlp(pipeline):
    from saidwhat.attribution.pipeline import resolve_model_name

    nlp = spacy.load(resolve_model_name("auto"))  # the user's full pipeline, NER and all
    nlp.add_pipe("saidwhat", config={"min_confidence": 0.3})
    return nlp


@pytest.mark.parametrize("name", FIXTURES)
def test_component_and_extract_agree(name, nlp, pipeline, fixture_text):
    from saidwhat import load_settings
    from saidwhat.attribution.pipeline import Pipeline

    text = fixture_text(name)
    ours = Pipeline(load_settings(min_confidence=0.3), nlp=pipeline.nlp).extract(
        Article(text=text, id=name, published="2024-10-10")
    )
    doc = nlp.make_doc(text)
    doc._.published = "2024-10-10"
    doc = nlp(doc)
    theirs = doc._.attributions
    assert theirs, "the component found nothing"
    assert [a.to_json() for a in theirs] == [a.to_json() for a in ours.attributions]
    assert all(a.confidence >= 0.3 for a in theirs)


def test_the_batch_runner_gives_the_same(tmp_path, pipeline, fixture_text):
    from saidwhat import load_settings

    text = fixture_text("council-budget.txt")
    path = tmp_path / "council-budget.txt"
    path.write_text(text, encoding="utf-8")
    (result,) = list(process([str(path)], settings=load_settings(), jobs=1, published="2024-10-10"))
    direct = pipeline.extract(Article(text=text, id="x", published="2024-10-10"))
    assert [a.to_json() for a in result.attributions] == [a.to_json() for a in direct.attributions]


def test_published_is_taken_per_document(nlp, fixture_text):
    text = "Council votes.\n\nThe mayor said on Tuesday that the budget would pass."
    dates = []
    for published in ("2024-05-10", "2024-06-14"):
        doc = nlp.make_doc(text)
        doc._.published = published
        (a,) = nlp(doc)._.attributions
        dates.append(a.when.date)
    assert dates == ["2024-05-07", "2024-06-11"]


def test_the_component_reads_the_headline_and_skips_page_debris(nlp):
    text = (
        "Mayor: budget will pass\n\nMayor: budget will pass\n\n"
        "Springfield Mayor Laura Chen said on Wednesday that the budget would pass.\n\n"
        "Leave a Reply\n\nYour email address will not be published. He said it was fine."
    )
    found = nlp(text)._.attributions
    assert found[0].kind == "headline" and found[0].speaker.name == "Laura Chen"
    assert all(a.content.start < text.index("Leave a Reply") for a in found)
