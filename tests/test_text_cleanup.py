"""Plain-text cleanup selects article prose without rewriting the text."""

import re

import pytest

from saidwhat.errors import InputError
from saidwhat.ingest.text import (
    _DEBRIS_LINE,
    _STOPWORDS,
    _is_debris,
    _words,
    clean,
    decode,
    from_text,
    validate,
)

SCRAPED = """Senator: deal is dead

Senator: deal is dead

WASHINGTON (Wire) — Senator Ruth Alvarez said on Monday that the trade deal was dead.

“There is nothing left to negotiate,” she told reporters.

Share this:
Tweet
We use cookies to improve your experience. Accept

Leave a Reply

Your email address will not be published. Required fields are marked *

“Great article,” wrote a commenter.

17 − = 15
"""


def test_clean_selects_prose_and_keeps_offsets():
    body, title, dateline = clean(SCRAPED)
    texts = [SCRAPED[s:e] for s, e in body]
    assert title == "Senator: deal is dead"
    assert dateline == "WASHINGTON (Wire)"
    assert texts[0] == "Senator: deal is dead"  # the title once, its repeat dropped
    assert texts[1].startswith("Senator Ruth Alvarez said")  # dateline left out of the prose
    assert texts[2].startswith("“There is nothing")
    assert len(texts) == 3  # share buttons, cookie notice, comment section and captcha excluded
    assert not any("commenter" in t or "cookies" in t for t in texts)


def test_from_text_never_rewrites():
    article = from_text(SCRAPED)
    assert article.text == SCRAPED
    assert article.title == "Senator: deal is dead"


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "empty"),
        ("   \n\t  ", "empty"),
        ("\x01\x02\x03 binary \x04\x05" * 50, "binary"),  # (ASCII: counted in its bytes)
        ("\x7f\x1b binary \x08" * 50, "binary"),
        ("\ue000\x85 “binary” \x9f" * 50, "binary"),  # beyond ASCII: counted by the pattern
        (
            "Der Bundestag hat am Dienstag ein neues Gesetz beschlossen, das die Mieten "
            "in großen Städten begrenzen soll. Die Opposition kritisierte den Entwurf scharf "
            "und kündigte eine Klage vor dem Verfassungsgericht an.",
            "English",
        ),
    ],
)
def test_validate_refuses_with_a_reason(text, message):
    with pytest.raises(InputError, match=message):
        validate(text)


@pytest.mark.parametrize("beyond_ascii", ["", "“"])
def test_a_stray_control_character_or_two_is_no_binary(beyond_ascii):
    text = f"The senator said the deal was dead{beyond_ascii}, and the vote was over.\x0c\x00 " * 20
    validate(text)  # a form feed is a space, a NUL is not: one control in 61 characters


def test_validate_refuses_too_long():
    with pytest.raises(InputError, match="too long"):
        validate("word " * 100, max_chars=50)


def test_decode():
    assert decode("“Olá,” she said".encode()) == "“Olá,” she said"
    assert decode(b"\xef\xbb\xbfHello") == "Hello"
    assert decode("caf\xe9".encode("cp1252")) == "café"
    with pytest.raises(InputError, match="binary"):
        decode(b"PK\x03\x04\x00\x00binary")


def test_a_related_stories_widget_glued_into_a_sentence_is_left_out():
    from saidwhat.ingest.text import clean

    text = (
        "Threat case ends in plea\n\n"
        "A man admitted threatening Rep. Dana KellDana KellCouncil news: Budget talks stall | "
        "Mayors call for bus money MORE (D-Ore.), prosecutors said on Monday.\n"
    )
    body, _, _ = clean(text)
    prose = " ".join(text[s:e] for s, e in body)
    assert "Mayors call for bus money" not in prose and "Budget talks stall" not in prose
    assert "A man admitted threatening Rep. Dana Kell" in prose and "(D-Ore.), prosecutors said" in prose


_COOKIE_ALTERNATIVE = re.compile(
    r"^(?:.*\bcookies?\b.*\b(?:accept|consent|policy|settings)\b.*)[.:]?$", re.IGNORECASE
)


@pytest.mark.parametrize(
    "line",
    [
        "We use cookies to improve your experience. Accept",
        "Read our COOKIE POLICY:",
        "Cookie settings",
        "Kindly accept our cookies",  # the cue before "cookies": no notice
        "The cookies were sold out, she said.",
        "cookiesaccept",
        "Our co\u212aie policy",  # KELVIN SIGN, which re takes for k
        "A cookie jar and a consent form.",
        "Cookbook policy",
    ],
)
def test_a_cookie_notice_is_debris_as_the_one_pattern_said(line):
    # the cookie alternative was split out of the debris pattern and searched only in
    # lines with "cook": it must decide every line as the old single pattern did
    assert bool(_is_debris(line)) == bool(_DEBRIS_LINE.match(line) or _COOKIE_ALTERNATIVE.match(line))


@pytest.mark.parametrize(
    "text",
    [
        "the cat sat on the mat",
        "İstanbul, the café, thé, theß and é are words; ½ and the² too",
        "x_the the1 THE The 3the don’t “quoted” ﬁle ǅemal ΣΑΣ",
        "\u0130 combining i\u0307 and \u00a0 no-break spaces",
        "中文的字 the 日本語 and Ⅻ, ¹ or ٣ — the “end”",
        # beyond ASCII only marks and dashes (most news): read without the regex passes
        "the “quoted” words — and don’t … the ‘end’  of it",
        "“",
        "",
    ],
)
def test_words_counts_as_the_letter_pattern_does(text):
    low = text.lower()
    expected = re.findall(r"[^\W\d_]+", low)
    got = _words(low)
    assert len(got) == len(expected)
    assert [w in _STOPWORDS for w in got] == [w in _STOPWORDS for w in expected]


@pytest.mark.parametrize(
    "repeat",
    [
        "Senator:  deal is dead",  # two spaces
        "Senator:\u00a0deal is dead",  # a no-break space
        "Senator: deal\tis dead",
        "SENATOR: Deal Is Dead",
    ],
)
def test_a_repeated_line_is_dropped_whatever_its_spaces_and_case(repeat):
    text = f"Senator: deal is dead\n\nThe senator said the deal was dead on Monday.\n\n{repeat}\n"
    body, _, _ = clean(text)
    assert [text[s:e] for s, e in body] == [
        "Senator: deal is dead",
        "The senator said the deal was dead on Monday.",
    ]


def test_a_line_with_spaces_to_collapse_is_kept_once_and_as_written():
    text = "A first  line, said to be\u00a0prose.\nAnother line.\n"
    body, _, _ = clean(text)
    assert [text[s:e] for s, e in body] == ["A first  line, said to be\u00a0prose.", "Another line."]
