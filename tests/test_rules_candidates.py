"""candidates.candidate_tokens: the cue words of a paragraph outside quotations, in a
window of a region's Doc and in a Doc of its own (no model)."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from parse_support import parse
from saidwhat.attribution.attribute import Reading, paragraphs, units
from saidwhat.attribution.candidates import candidate_tokens
from saidwhat.attribution.lexicon import load_lexicon
from saidwhat.attribution.paragraph import Paragraph
from saidwhat.attribution.quotes import find_quotes
from saidwhat.model import Article

LEXICON = load_lexicon()
THRESHOLD = 0.1
SPEC = (
    "Ruiz/NNP/nsubj/1 said/VBD/ROOT/1 “/``/punct/4 Lee/NNP/nsubj/4 claimed/VBD/ccomp/1 ”/''/punct/1 "
    "and/CC/cc/1 added/VBD/conj/1 that/IN/mark/11 the/DT/det/10 plan/NN/nsubj/11 said/VBD/ccomp/7 "
    "nothing/NN/dobj/11 ././punct/1"
)


def _looked_up(para: Paragraph) -> list[int]:
    """What candidate_tokens finds, by looking up every word of the paragraph."""
    forms = LEXICON.cue_forms(THRESHOLD)
    return [i for i in range(para.lo, para.hi) if para.lower[i] in forms and not para.in_quote[i]]


def test_the_cue_words_outside_quotations():
    doc = parse(SPEC)
    para = Paragraph.read(doc, 0, 0, find_quotes(doc.text, [(0, len(doc.text))]))
    found = candidate_tokens(para, LEXICON, THRESHOLD)
    words = [doc[i].text for i in found]
    assert "claimed" not in words  # inside the quotation
    assert words == ["said", "added", "plan", "said"]
    assert found == _looked_up(para)


@pytest.mark.parametrize("owned", [True, False])
def test_each_paragraph_of_a_region_gets_its_own_cue_words(owned):
    text = "Ruiz said the bridge failed.\n\nLee claimed it worked.\n\nNobody denied “it was said before.”"
    body, at = [], 0
    for part in text.split("\n\n"):
        body.append((at, at + len(part)))
        at += len(part) + 2
    article = Article(text=text, body=body)
    reading = Reading(article, find_quotes(text, article.body), units(article))
    paras = list(paragraphs(reading, parse_region(text), 0, text, owned=owned))
    assert len(paras) == 3
    found = [[p.doc[i].text for i in candidate_tokens(p, LEXICON, THRESHOLD)] for p in paras]
    assert found == [["said"], ["claimed"], ["denied"]]
    assert all(candidate_tokens(p, LEXICON, THRESHOLD) == _looked_up(p) for p in paras)


def parse_region(text: str) -> Doc:
    """``text`` as one Doc: its words split on spaces, each line break a token of its own."""
    words, spaces = [], []
    for piece in text.replace("\n\n", " \n\n ").split(" "):
        words.append(piece)
        spaces.append(piece != "\n\n")
    for k in range(len(words) - 1):
        if words[k + 1] == "\n\n":
            spaces[k] = False
    spaces[-1] = False
    return Doc(parse("x/NN/ROOT/0").vocab, words=words, spaces=spaces)


def test_an_empty_table_finds_none():
    para = Paragraph.read(parse(SPEC), 0, 0, [])
    assert candidate_tokens(para, LEXICON, 2.0) == []
