"""Overlapping reports of one paragraph: which one an article's reader would keep.

Tested on report records, without the model."""

from parse_support import parse
from saidwhat.attribution.lexicon import load_lexicon
from saidwhat.attribution.paragraph import Paragraph
from saidwhat.attribution.quotes import find_quotes
from saidwhat.attribution.records import Report
from saidwhat.attribution.reports import _quotes_inside_others, read_paragraph

TEXT = 'Voters who ignored queries seeking to confirm their address were struck, in what critics call a "use it or lose it" approach.'


def _report(kind, start: str, end: str, cue: str) -> Report:
    s, e = TEXT.index(start), TEXT.index(end) + len(end)
    c = TEXT.index(cue)
    return Report(kind=kind, content=[(s, e)], cue=[(c, c + len(cue))], source=None, frame="quote", score=0.9)


def _kept(reports: list[Report]) -> list[Report]:
    inner = _quotes_inside_others(reports)
    return [r for r in reports if id(r) not in inner]


def test_a_quotation_inside_what_another_report_says_is_not_a_report_of_its_own():
    # the quotation is part of what the critics call it; "confirm" only stood nearer
    outer = _report("mixed", 'a "use', "approach", "call")
    inner = _report("direct", '"use', 'it"', "confirm")
    assert _kept([inner, outer]) == [outer]


def test_a_quotation_that_is_all_of_another_report_is_left_to_the_scorer_and_nesting():
    # the same span twice is a choice between two cues, not a quotation inside more words
    inner = _report("direct", '"use', 'it"', "confirm")
    same = _report("mixed", '"use', 'it"', "call")
    assert _kept([inner, same]) == [inner, same]


def test_direct_reports_do_not_hide_one_another_and_a_report_elsewhere_changes_nothing():
    first = _report("direct", '"use', 'it"', "confirm")
    wider = _report("direct", 'a "use', "approach", "call")
    elsewhere = _report("indirect", "Voters", "address", "seeking")
    assert _kept([first, wider, elsewhere]) == [first, wider, elsewhere]


def test_the_cue_of_a_quotation_left_to_another_report_reports_its_own_clause():
    # the quotation went to "said" (the nearer sure cue), but it is what the contractor
    # rejected the ruling as; "said" reports what follows it
    doc = parse(
        "The/DT/det/1 contractor/NN/nsubj/2 rejected/VBD/ROOT/2 the/DT/det/4 ruling/NN/dobj/2 as/IN/prep/2 "
        "“/``/punct/5 a/DT/det/8 gift/NN/pobj/5 to/IN/prep/8 our/PRP$/poss/11 competitors/NNS/pobj/9 ”/''/punct/2 "
        "and/CC/cc/2 said/VBD/conj/2 talks/NNS/nsubj/17 would/MD/aux/17 resume/VB/ccomp/14 ././punct/2"
    )
    para = Paragraph.read(doc, 0, 0, find_quotes(doc.text, [(0, len(doc.text))]))
    found = {
        r.lemma: (r.kind, [doc.text[s:e] for s, e in r.content]) for r in read_paragraph(para, load_lexicon())
    }
    assert found["say"] == ("indirect", ["talks would resume"])
    assert found["reject"][0] == "mixed" and "“a gift to our competitors”" in found["reject"][1][0]
