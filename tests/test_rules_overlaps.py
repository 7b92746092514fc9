"""Overlapping reports of one paragraph: which one an article's reader would keep.

Tested on report records, without the model."""

from saidwhat.attribution.records import Report
from saidwhat.attribution.reports import _without_quotes_inside_others

TEXT = 'Voters who ignored queries seeking to confirm their address were struck, in what critics call a "use it or lose it" approach.'


def _report(kind, start: str, end: str, cue: str) -> Report:
    s, e = TEXT.index(start), TEXT.index(end) + len(end)
    c = TEXT.index(cue)
    return Report(kind=kind, content=[(s, e)], cue=[(c, c + len(cue))], source=None, frame="quote", score=0.9)


def test_a_quotation_inside_what_another_report_says_is_not_a_report_of_its_own():
    # the quotation is part of what the critics call it; "confirm" only stood nearer
    outer = _report("mixed", 'a "use', "approach", "call")
    inner = _report("direct", '"use', 'it"', "confirm")
    assert _without_quotes_inside_others([inner, outer]) == [outer]


def test_a_quotation_that_is_all_of_another_report_is_left_to_the_scorer_and_nesting():
    # the same span twice is a choice between two cues, not a quotation inside more words
    inner = _report("direct", '"use', 'it"', "confirm")
    same = _report("mixed", '"use', 'it"', "call")
    assert _without_quotes_inside_others([inner, same]) == [inner, same]


def test_direct_reports_do_not_hide_one_another_and_a_report_elsewhere_changes_nothing():
    first = _report("direct", '"use', 'it"', "confirm")
    wider = _report("direct", 'a "use', "approach", "call")
    elsewhere = _report("indirect", "Voters", "address", "seeking")
    assert _without_quotes_inside_others([first, wider, elsewhere]) == [first, wider, elsewhere]
