"""paragraph.Paragraph.read: which tokens sit in a quotation (the union of the
quotations' token ranges) and which sentence each token belongs to (no model)."""

from __future__ import annotations

from parse_support import parse
from saidwhat.attribution.paragraph import Paragraph
from saidwhat.attribution.quotes import Quote

# “We know ,” Ruiz said . “ Yes . ” She left .
SPEC = (
    "“/``/punct/2 We/PRP/nsubj/2 know/VBP/ccomp/5 ,/,/punct/5 ”/''/punct/5 Ruiz/NNP/nsubj/6 "
    "said/VBD/ROOT/6 ././punct/6 “/``/punct/9 Yes/UH/ROOT/9 ././punct/9 ”/''/punct/9 "
    "She/PRP/nsubj/13 left/VBD/ROOT/13 ././punct/13"
)


def _quote(s: int, e: int) -> Quote:
    return Quote(s, e, ((s, e),))


def test_tokens_in_any_quotation_are_in_quote():
    doc = parse(SPEC)
    text = doc.text
    first = _quote(text.index("“"), text.index("”") + 1)
    second = _quote(text.index("“", first.end), text.index("”", first.end) + 1)
    # a quotation overlapping the first, as a stray mark could make: the union counts once
    overlap = _quote(text.index("know"), text.index("Ruiz"))
    para = Paragraph.read(doc, 0, 0, [first, second, overlap])
    inside = [t.text for t, flag in zip(doc, para.in_quote, strict=True) if flag]
    assert inside == ["“", "We", "know", ",", "”", "“", "Yes", ".", "”"]
    assert [(q.first, q.last) for q in para.quotes] == [(0, 4), (8, 11), (2, 4)]
    assert Paragraph.read(parse(SPEC), 0, 0, []).in_quote == [False] * len(doc)


def test_quotations_are_read_in_article_offsets():
    doc = parse(SPEC)
    s, e = doc.text.index("“"), doc.text.index("”") + 1
    para = Paragraph.read(doc, 100, 0, [Quote(100 + s, 100 + e, ((100 + s, 100 + e),))])
    assert para.in_quote[:6] == [True] * 5 + [False] and para.quotes[0].pieces == [(s, e)]


def test_each_token_knows_its_sentence():
    doc = parse(SPEC)
    para = Paragraph.read(doc, 0, 0, [])
    assert para.sent_bounds == [0, 8, 12, 15]
    assert para.sent_of == [0] * 8 + [1] * 4 + [2] * 3
    assert para.sentence(9) == (8, 12)
    one = Paragraph.read(parse("Ruiz/NNP/ROOT/0"), 0, 0, [])
    assert one.sent_bounds == [0, 1] and one.sent_of == [0]
