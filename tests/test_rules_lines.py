"""A line break ends a sentence before the parser runs (no model: a blank tokenizer)."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from saidwhat.attribution.lines import LINE_SENTENCES, add_line_sentences, line_sentences


def _starts(text: str) -> list[str]:
    doc = line_sentences(spacy.blank("en")(text))
    return [t.text for t in doc[1:] if t.is_sent_start is True]


def test_a_headline_on_its_own_line_is_its_own_sentence():
    # "... Over Zika Virus\nChristie said ...": no stop ends the headline
    text = "Christie Says He Would Issue A Quarantine\nChristie said he would.\n\n“Yes,” he said."
    assert _starts(text) == ["Christie", "“"]


def test_a_hard_wrapped_text_keeps_its_sentences_across_lines():
    # lines broken mid-sentence before lower-case words: the lines are no units
    text = "The mayor said on Tuesday that the\nbudget would pass, and the council\nagreed with her.\nRuiz spoke."
    assert _starts(text) == []


def test_the_component_goes_before_the_parser_once():
    nlp = spacy.blank("en")
    add_line_sentences(nlp)
    assert LINE_SENTENCES not in nlp.pipe_names  # no parser, nothing to prepare for
    nlp.add_pipe("sentencizer")  # stands in for a parser's place
    nlp.rename_pipe("sentencizer", "parser")
    add_line_sentences(nlp)
    add_line_sentences(nlp)
    assert nlp.pipe_names == [LINE_SENTENCES, "parser"]


def test_a_parsed_doc_keeps_the_sentences_its_parse_gives():
    # sentence starts are the parser's once it has run: setting them would break its trees
    words = ["Ruiz", "spoke", "\n", "Lee", "agreed"]
    doc = Doc(
        spacy.blank("en").vocab,
        words=words,
        spaces=[True, False, False, True, False],
        heads=[1, 1, 1, 4, 4],
        deps=["nsubj", "ROOT", "dep", "nsubj", "ROOT"],
    )
    with pytest.raises(ValueError):
        line_sentences(doc)


def test_many_lines_each_start_a_sentence():
    lines = [f"Headline number {k} Here" for k in range(200)]
    doc = line_sentences(spacy.blank("en")("\n".join(lines)))
    starts = [t.i for t in doc if t.i > 0 and t.is_sent_start is True]
    assert len(starts) == 199
    assert all(doc[i].text == "Headline" for i in starts)
