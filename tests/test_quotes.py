"""Quotation pairing: every style, paragraphs, apostrophes, unbalanced marks."""

import pytest

from saidwhat.attribution.quotes import find_quotes
from saidwhat.ingest.text import paragraphs


def quoted(text: str) -> list[str]:
    return [" | ".join(text[s:e] for s, e in q.pieces) for q in find_quotes(text, paragraphs(text))]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("“We know,” he said.", ["“We know,”"]),
        ('"We know," he said.', ['"We know,"']),
        ("She called it «a disgrace».", ["«a disgrace»"]),
        ("„Wir gehen“, sagte er, “and soon.”", ["„Wir gehen“", "“and soon.”"]),
        ("Headline: ‘We will not resign’ says minister", ["‘We will not resign’"]),
        ("'We will appeal,' said the lawyer.", ["'We will appeal,'"]),
        # a closing mark misprinted as the opening one (readers' voices, pasted text)
        ("”We are afraid. We vote.” ― Rosa Diaz", ["”We are afraid. We vote.”"]),
        ("Hon sa: ”Vi kommer.”", ["”Vi kommer.”"]),
    ],
)
def test_styles(text, expected):
    assert quoted(text) == expected


def test_a_closing_mark_after_a_word_opens_nothing():
    text = "He called it “a mess” and left.” Then he said “enough.”"
    assert quoted(text) == ["“a mess”", "“enough.”"]


def test_a_quote_inside_a_quote_closed_together_with_a_space():
    text = '"I dislike the term \'outreach,\' " he told the group. "We vote," she said.'
    assert quoted(text) == ["\"I dislike the term 'outreach,' \"", '"We vote,"']


def test_two_apostrophes_are_one_double_mark():
    # archive and wire text: ''...'' (never mistaken for an apostrophe: "Jones' turn")
    text = "''We will win,'' he said. It is Jones' turn, ''a matter of time.''"
    assert quoted(text) == ["''We will win,''", "''a matter of time.''"]


def test_two_apostrophes_open_a_continuing_paragraph():
    text = "''The first part.\n\n''The second part,'' she said."
    assert quoted(text) == ["''The first part. | ''The second part,''"]


def test_apostrophes_are_not_quotes():
    text = "The mayor’s plan won’t pass, and the ’90s are over; it's the Joneses' turn."
    assert quoted(text) == []


def test_inch_marks_inside_double_quotes_do_not_close():
    text = '"The 12" pipe burst," he said.'
    assert quoted(text) == ['"The 12" pipe burst,"']


def test_opening_mark_only_paragraph_convention():
    text = "“The first part.\n\n“The second part,” she said.\n\nNext paragraph."
    quotes = find_quotes(text, paragraphs(text))
    assert len(quotes) == 1
    assert [text[s:e] for s, e in quotes[0].pieces] == ["“The first part.", "“The second part,”"]


def test_unclosed_quote_stops_at_its_paragraph():
    text = "“It never ends, he said\n\nThe council met on Monday."
    quotes = find_quotes(text, paragraphs(text))
    assert len(quotes) == 1 and not quotes[0].closed
    assert quotes[0].end <= text.index("\n")


def test_paragraphs_without_a_mark_between_quotations_keep_them_apart():
    text = "“It never ends\n\nThe council met.\n\nNo one spoke.\n\n“We will build it,” she said."
    quotes = find_quotes(text, paragraphs(text))
    assert [(text[q.start : q.end], q.closed) for q in quotes] == [
        ("“It never ends", False),
        ("“We will build it,”", True),
    ]


def test_unclosed_quote_ends_before_reporting_tail():
    text = '"This road will cut our village in two, said organiser Maria Santos.'
    (q,) = find_quotes(text, paragraphs(text))
    assert text[q.start : q.end] == '"This road will cut our village in two,'


def test_empty_quotes_are_dropped():
    assert quoted('He said "" and left.') == []


def test_a_stray_space_before_a_closing_mark_still_closes():
    # "... is stunning, '' said ...": typeset with a space before the closing mark
    text = "''The plan works, '' said Ruiz. ''It saves money.'' And \"we agree, \" Diaz said."
    assert quoted(text) == ["''The plan works, ''", "''It saves money.''", '"we agree, "']


def test_a_paragraph_opening_with_another_mark_does_not_continue_a_quotation():
    # a block quoted from another article opens each paragraph with a straight mark and
    # never closes it; the curly quotation in the next paragraph is a quotation of its own
    text = '"The crowd waited for hours.\n\n“Here he comes,” she said.'
    assert quoted(text) == ['"The crowd waited for hours.', "“Here he comes,”"]
