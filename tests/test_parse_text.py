"""What the parser is given: the article's text with what cleanup cut out of a line
blanked, so a widget glued into a sentence cannot fuse with the name before it."""

from __future__ import annotations

import pytest

from saidwhat import Article
from saidwhat.attribution.attribute import parse_text

GLUED = (
    "Threat case ends in plea\n\n"
    "A man admitted threatening Rep. Dana KellDana KellCouncil news: Budget talks stall | "
    "Mayors call for bus money MORE (D-Ore.), prosecutors said on Monday.\n\n"
    "Kell asked the judge for mercy in a letter, saying a long sentence would not help.\n"
)


def test_what_cleanup_cut_from_a_line_is_blanked_and_offsets_hold():
    article = Article(text="Head\nWASHINGTON - Abc def.Widget MORE ghi.\n", body=[(18, 26), (38, 42)])
    text = parse_text(article)
    assert len(text) == len(article.text)
    assert text[18:26] == "Abc def." and text[38:42] == "ghi."
    assert text[26:38] == " " * 12  # glued into the line: blanked
    assert text[:18] == "Head\nWASHINGTON - "  # between lines: kept, it keeps the paragraphs apart


def test_a_horizontal_bar_is_parsed_as_an_em_dash():
    # the tagger reads "―" as a word ("taxes ― as was true ― Trump boasted")
    article = Article(text="He paid no taxes ― as was true ― and boasted.", body=[(0, 46)])
    text = parse_text(article)
    assert text == "He paid no taxes — as was true — and boasted." and len(text) == len(article.text)


@pytest.mark.model
def test_a_name_a_widget_was_glued_to_is_still_a_name(pipeline):
    article = pipeline.extract(Article(text=GLUED, id="glued"))
    said = [a for a in article.attributions if "mercy" in a.content.text or "long sentence" in a.content.text]
    assert said and all(a.speaker and a.speaker.name == "Dana Kell" for a in said)
