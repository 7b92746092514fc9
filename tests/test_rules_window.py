"""attribute.paragraphs: a paragraph read as a window of its region's Doc (its arcs cut
in place at the paragraphs' bounds) gives the rules what a Doc of its own cut from the
region gives: the same reports and mentions, in article characters (no model)."""

from __future__ import annotations

import dataclasses

import pytest
from spacy.tokens import Doc

from parse_support import parse
from saidwhat.attribution.attribute import Cutter, Reading, paragraphs, units
from saidwhat.attribution.lexicon import load_lexicon
from saidwhat.attribution.mentions import names
from saidwhat.attribution.paragraph import Paragraph
from saidwhat.attribution.quotes import find_quotes
from saidwhat.attribution.reports import read_paragraph
from saidwhat.attribution.tokens import window
from saidwhat.model import Article

# Three paragraphs, a line break token between each two, hung on the paragraph before
# (as the parser hangs them: arcs into a paragraph from outside it); heads count from
# each paragraph's first token. The first ends on a colon, which a rule reads by looking
# past the colon to the paragraph's end; the third's "Lee" is made to hang on "said" in
# the second (an arc that leaves its paragraph).
PARAGRAPHS = [
    "Caddell/NNP/nsubj/1 continued/VBD/ROOT/1 :/:/punct/1",
    "“/``/punct/10 The/DT/det/2 plan/NN/nsubj/4 will/MD/aux/4 fail/VB/ccomp/10 ,/,/punct/4 "
    "and/CC/cc/4 soon/RB/advmod/4 ”/''/punct/10 Ruiz/NNP/nsubj/10 said/VBD/ROOT/10 ././punct/10",
    "Lee/NNP/nsubj/1 agreed/VBD/ROOT/1 with/IN/prep/1 it/PRP/pobj/2 ,/,/punct/1 according/VBG/prep/1 "
    "to/IN/prep/5 Mayor/NNP/compound/8 Ana/NNP/compound/8 Berg/NNP/pobj/6 ././punct/1",
]


def _region() -> Doc:
    """The three paragraphs as one Doc."""
    words: list[str] = []
    spaces: list[bool] = []
    tags: list[str] = []
    deps: list[str] = []
    heads: list[int] = []
    for spec in PARAGRAPHS:
        if words:  # the line break before this paragraph, hung on the one before's last token
            words.append("\n\n")
            spaces.append(False)
            tags.append("_SP")
            deps.append("dep")
            heads.append(len(words) - 2)
        paragraph = parse(spec)
        first = len(words)
        words += [t.text for t in paragraph]
        spaces += [bool(t.whitespace_) for t in paragraph]
        tags += [t.tag_ for t in paragraph]
        deps += [t.dep_ for t in paragraph]
        heads += [first + t.head.i for t in paragraph]
    heads[words.index("Lee")] = words.index("said")
    return Doc(parse("x/NN/ROOT/0").vocab, words=words, spaces=spaces, tags=tags, deps=deps, heads=heads)


def _article(doc: Doc) -> Article:
    text = doc.text
    body, at = [], 0
    for part in text.split("\n\n"):
        body.append((at, at + len(part)))
        at += len(part) + 2
    return Article(text=text, body=body)


def _read(owned: bool) -> tuple[list[Paragraph], list[dict], list[dict]]:
    doc = _region()
    article = _article(doc)
    reading = Reading(article, find_quotes(article.text, article.body), units(article))
    lexicon = load_lexicon()
    paras, reports, mentions = [], [], []
    for para in paragraphs(reading, doc, 0, owned=owned):
        paras.append(para)
        # every candidate (in Doc characters), then what is kept (in the article's)
        collected = [r.shifted(para.offset) for r in read_paragraph(para, lexicon, 0.1, None, collect=True)]
        for r in collected + read_paragraph(para, lexicon, 0.1, None):
            found = dataclasses.asdict(r)
            found["token"] = None if r.token is None else r.token - para.lo  # its paragraph's token
            reports.append(found)
        mentions += [dataclasses.asdict(m.shifted(para.offset)) for m in names(para.doc, para.lo, para.hi)]
    return paras, reports, mentions


def test_the_region_doc_is_read_in_windows():
    paras, _, _ = _read(owned=True)
    assert [(p.lo, p.hi) for p in paras] == [(0, 3), (4, 16), (17, 28)]
    assert all(p.doc is paras[0].doc for p in paras)
    doc = paras[0].doc
    # the line breaks and "Lee" are roots now: no arc crosses a paragraph's bounds
    assert doc[3].head.i == 3 and doc[16].head.i == 16 and doc[17].head.i == 17 and doc[17].dep_ == "ROOT"
    assert doc[1].right_edge.i == 2 and [t.i for t in doc[1].rights] == [2]
    assert window(doc, 20) == (17, 28) and window(doc, 0) == (0, 3)
    assert paras[1].sentence(15) == (4, 16)  # a sentence ends with its paragraph


def test_without_owning_the_doc_each_paragraph_is_a_doc_of_its_own():
    paras, _, _ = _read(owned=False)
    assert [(p.lo, p.hi, len(p.doc)) for p in paras] == [(0, 3, 3), (0, 12, 12), (0, 11, 11)]
    assert window(paras[2].doc, 3) == (0, 11)


def test_windows_and_cuts_give_the_same_reports_and_mentions():
    _, cut_reports, cut_mentions = _read(owned=False)
    _, reports, mentions = _read(owned=True)
    assert reports == cut_reports
    assert mentions == cut_mentions
    frames = {r["frame"] for r in reports}
    # the colon closing the first paragraph: found by looking up to the paragraph's end,
    # not on into the next one; the quotation's cue; "according to" (its "Lee" cut loose)
    assert {"colon", "according"} <= frames
    assert any(m["name"] == "Ana Berg" for m in mentions)


@pytest.mark.parametrize("owned", [True, False])
def test_a_quotation_flags_only_its_paragraph_tokens(owned):
    paras, _, _ = _read(owned)
    second = paras[1]
    flagged = [k for k in range(second.lo, second.hi) if second.in_quote[k]]
    assert flagged == list(range(second.lo, second.lo + 9))  # “ ... ”
    assert not any(paras[0].in_quote[paras[0].lo : paras[0].hi])


def test_each_window_has_its_cut_s_tree_edges_and_sentences():
    doc = _region()
    windows = [(0, 3), (4, 16), (17, 28)]
    cuts = [Cutter(doc).cut(i, j) for i, j in windows]
    columns = Cutter(doc).cut_arcs(windows)
    for (lo, hi), (cut, cut_columns) in zip(windows, cuts, strict=True):
        tokens = doc[lo:hi]
        assert [t.head.i - lo for t in tokens] == [t.head.i for t in cut]
        assert [t.dep_ for t in tokens] == [t.dep_ for t in cut]
        assert [(t.left_edge.i - lo, t.right_edge.i - lo) for t in tokens] == [
            (t.left_edge.i, t.right_edge.i) for t in cut
        ]
        assert [[c.i - lo for c in t.children] for t in tokens] == [[c.i for c in t.children] for t in cut]
        assert [t.is_sent_start for t in tokens] == [t.is_sent_start for t in cut]
        assert columns.dep[lo:hi] == cut_columns.dep
        assert columns.sent_start[lo:hi] == cut_columns.sent_start
        assert [k - lo for k in columns.sentences if lo <= k < hi] == cut_columns.sentences


def test_units_sharing_a_token_are_cut_instead():
    doc = _region()
    article = _article(doc)
    # the second paragraph's text split inside "plan": both units hold its token
    s, e = article.body[1]
    cut_at = article.text.index("plan") + 2
    article.body[1:2] = [(s, cut_at), (cut_at, e)]
    reading = Reading(article, find_quotes(article.text, article.body), units(article))
    paras = list(paragraphs(reading, doc, 0, owned=True))
    assert [len(p.doc) for p in paras] == [3, 3, 10, 11]  # Docs of their own
    assert doc[3].head.i == 2  # the region's Doc is left as it was
