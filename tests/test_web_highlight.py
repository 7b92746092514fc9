"""The web app's pure parts: highlighting from offsets, quote diffs, the weekly
chart, and the template helpers that guard URLs."""

from __future__ import annotations

from dataclasses import replace as with_changes

import pytest

from saidwhat.model import Attribution, Span
from saidwhat.store.diff import changes, word_diff
from saidwhat.web.highlight import blocks, segment
from saidwhat.web.templating import ENV, query_string, web_url
from saidwhat.web.timeline import weekly_chart

TEXT = "“We will win,” Mayor Ana Ribeiro said on Tuesday. She told reporters: “Never.”"


def span(text: str, *pieces: tuple[int, int]) -> Span:
    return Span.of(text, *pieces)


def attribution(text: str, content, source=None, cue=None) -> Attribution:
    return Attribution(
        kind="direct",
        content=span(text, *content),
        source=span(text, source) if source else None,
        cue=span(text, cue) if cue else None,
    )


def covered(segments, index: int, role: str) -> list[tuple[int, int]]:
    """The merged [start, end) runs of segments carrying (index, role)."""
    runs: list[tuple[int, int]] = []
    for s in segments:
        if any(m.attribution == index and m.role == role for m in s.marks):
            if runs and runs[-1][1] == s.start:
                runs[-1] = (runs[-1][0], s.end)
            else:
                runs.append((s.start, s.end))
    return runs


def test_segments_cover_the_text_exactly_and_marks_match_offsets():
    a = attribution(TEXT, [(0, 14)], source=(15, 32), cue=(33, 37))
    segments = segment(TEXT, [a])
    assert "".join(s.text for s in segments) == TEXT
    assert [s.start for s in segments][1:] == [s.end for s in segments][:-1]
    assert covered(segments, 0, "content") == [(0, 14)]
    assert covered(segments, 0, "source") == [(15, 32)]
    assert covered(segments, 0, "cue") == [(33, 37)]
    assert segments[0].anchors == (0,)


def test_overlapping_and_nested_spans_split_into_flat_segments():
    # Attribution 1's content covers attribution 0's source and cue (nested), and
    # two content pieces of attribution 0 overlap attribution 1's content.
    a0 = attribution(TEXT, [(0, 14), (51, 60)], source=(15, 32), cue=(33, 37))
    a1 = attribution(TEXT, [(10, 50)], source=(21, 24))
    segments = segment(TEXT, [a0, a1])
    assert "".join(s.text for s in segments) == TEXT
    for index, att in enumerate([a0, a1]):
        assert covered(segments, index, "content") == list(att.content.spans)
        assert covered(segments, index, "source") == list(att.source.spans)
    both = [s for s in segments if s.attributions == (0, 1)]
    assert both, "the overlap carries both attributions"
    ana = next(s for s in segments if s.start == 21)
    assert ana.roles == ("content", "source")
    assert ana.data_marks == "0:source 1:content 1:source"


def test_body_regions_mark_debris_and_bad_offsets_are_clamped():
    text = "Share this\nThe minister said no.\n"
    a = attribution(text, [(28, 99)], source=(-5, 0), cue=(24, 28))
    segments = segment(text, [a], body=[(11, 32)])
    assert "".join(s.text for s in segments) == text
    assert not segments[0].prose and segments[0].text == "Share this\n"
    assert covered(segments, 0, "content") == [(28, len(text))]
    assert covered(segments, 0, "source") == []


def test_paragraphs_are_blocks_whatever_separates_them():
    for sep in ("\n", "\n\n"):  # a web page's extracted text, a text file
        text = f"Share this{sep}“We will win,” she said.{sep}Second paragraph here."
        first = text.index("“")
        second = text.index("Second")
        body = [(first, first + 24), (second, len(text))]
        a = attribution(text, [(first, first + 14)], source=(first + 15, first + 18))
        found = blocks(segment(text, [a], body=body))
        assert [b.kind for b in found] == ["debris", "gap", "paragraph", "gap", "paragraph"]
        assert "".join(s.text for b in found for s in b.segments) == text
        assert "".join(s.text for s in found[2].segments) == "“We will win,” she said."


def test_weak_attributions_are_marked_weak_in_the_text_and_the_list():
    text = "“We will win,” she said. “Maybe,” he said."
    strong = attribution(text, [(0, 14)], source=(15, 18))
    weak = with_changes(attribution(text, [(25, 33)], source=(34, 36)), confidence=0.2)
    macros = ENV.get_template("_macros.html").make_module({"root": ""})
    html = str(macros.highlighted(segment(text, [strong, weak]), [1, 2], None, {1}))
    assert html.count(' weak"') == 2 and 'data-start="0"' in html
    assert 'class="hl hl-content" data-start="0"' in html  # the confident one is filled as before
    listing = str(macros.attribution_list([strong, weak], [1, 2]))
    assert listing.count("attribution weak") == 1 and "(uncertain)" in listing


def test_empty_text_and_no_attributions():
    assert segment("", []) == []
    (only,) = segment("plain", [])
    assert only.text == "plain" and not only.marks


def test_highlighted_macro_escapes_each_segment_and_keeps_text_content():
    text = "“<script>alert(1)</script> & <img onerror=x>,” he said."
    he = text.index(" he ") + 1
    a = attribution(text, [(0, he - 1)], source=(he, he + 2), cue=(he + 3, he + 7))
    segments = segment(text, [a])
    macros = ENV.get_template("_macros.html").make_module({"root": ""})
    html = str(macros.highlighted(segments, [7]))
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img onerror=x&gt;" in html
    assert 'id="attr-7"' in html
    import html as html_lib
    import re

    inner = re.sub(r"<[^>]+>", "", html)
    assert html_lib.unescape(inner) == text


@pytest.mark.parametrize(
    ("base", "other", "expected"),
    [
        (
            "We will not close a single hospital",
            "We will not close a single hospital",
            [("same", "We will not close a single hospital")],
        ),
        (
            "We will not close a single hospital this winter",
            "We will not close any hospital this winter",
            [
                ("same", "We will not close "),
                ("removed", "a single"),
                ("added", "any"),
                ("same", " hospital this winter"),
            ],
        ),
        (
            "We won't close it",
            "We will not close it",
            [("same", "We "), ("removed", "won't"), ("added", "will not"), ("same", " close it")],
        ),
        ("Close it.", "Close it", [("same", "Close it"), ("removed", ".")]),
    ],
)
def test_word_diff(base, other, expected):
    pieces = changes(word_diff(base, other, strict=True))
    assert pieces == expected
    assert "".join(text for op, text in pieces if op != "removed") == other


def test_word_diff_by_default_sets_case_punctuation_and_quote_marks_aside():
    assert changes(word_diff("Close it.", "close it")) == [("same", "close it")]
    assert changes(word_diff("“We’re ready”", '"We\'re ready"')) == [("same", '"We\'re ready"')]
    assert changes(word_diff("We are ready", "We're ready")) == [
        ("removed", "We are"),
        ("added", "We're"),
        ("same", " ready"),
    ]


def test_weekly_chart_fills_missing_weeks():
    chart = weekly_chart([("2025-01-06", 2), ("2025-01-27", 4), ("not a date", 9)])
    assert chart is not None
    assert [b.week for b in chart.bars] == ["2025-01-06", "2025-01-13", "2025-01-20", "2025-01-27"]
    assert [b.count for b in chart.bars] == [2, 0, 0, 4]
    assert chart.peak == 4 and chart.total == 6
    tallest = chart.bars[-1]
    assert tallest.y + tallest.height == chart.height
    assert chart.bars[1].height == 0
    assert weekly_chart([]) is None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a?b=1", "https://example.org/a?b=1"),
        ("http://example.org", "http://example.org"),
        ("javascript:alert(1)", None),
        ("  JavaScript:alert(1)", None),
        ("data:text/html,<script>", None),
        ("//evil.example/x", None),
        (None, None),
    ],
)
def test_web_url_only_links_http(url, expected):
    assert web_url(url) == expected


def test_query_string_drops_empty_values_and_first_page():
    assert query_string({"q": "a b", "speaker": ""}, page=1) == "?q=a+b"
    assert query_string({"q": "x"}, page=3) == "?q=x&page=3"


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_colours_meet_wcag_aa_contrast():
    import re
    from importlib.resources import files

    css = (files("saidwhat.web") / "static" / "style.css").read_text()
    var = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", css))
    for background in ("content", "source", "cue", "ins", "del", "wash", "paper"):
        assert contrast(var["ink"], var[background]) >= 7, background  # AAA for body text
    for foreground in ("muted", "link"):
        assert contrast(var[foreground], var["paper"]) >= 4.5, foreground
        assert contrast(var[foreground], var["wash"]) >= 4.5, foreground
    for line in ("source-line", "cue-line", "marked", "focus"):  # non-text marks: 3:1
        assert contrast(var[line], var["paper"]) >= 3, line
    assert contrast("#ffffff", "#16213e") >= 7, "header text"
