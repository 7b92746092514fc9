"""Cheap reads of a Doc: the text of tokens [i, j) without building a Span, and
columns of token attributes read once per Doc.

``doc[i:j].text`` normalises the slice in Python, builds a Span and joins its tokens;
the rules read thousands of short spans per article, so they slice the Doc's text,
joined once per Doc. (A paragraph's ``Paragraph.text`` is the article's, which cleanup
may have blanked in the parse: the Doc's own text is the one a span of it shows.)
The paragraphs' reader records a Doc's ``Columns`` (token offsets, LOWER, TAG, DEP,
SENT_START, the sentences' first tokens) with it, so no later stage converts the Doc
again: a region's Doc read in windows gets them once (attribute.Cutter.cut_arcs), a
paragraph cut from it as slices of the region's (attribute.Cutter.cut). A region's Doc
also records its paragraphs' windows, for the rules handed only a token (``window``).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

import numpy
from spacy.tokens import Doc

_TEXT = "saidwhat.text"
_BOUNDS = "saidwhat.bounds"
_COLUMNS = "saidwhat.columns"
_SENTENCES = "saidwhat.sentences"
_WINDOWS = "saidwhat.windows"


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per Doc."""
    text: str | None = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def remember_text(doc: Doc, text: str) -> None:
    """Record ``doc.text`` when the caller knows it (the text the Doc was made from)."""
    doc.user_data[_TEXT] = text


def bounds(doc: Doc) -> tuple[list[int], list[int]]:
    """Where each token of ``doc`` starts and ends in its text, read once per Doc
    (each ``doc[i]`` builds a Token: the rules ask for these ends thousands of times)."""
    found: tuple[list[int], list[int]] | None = doc.user_data.get(_BOUNDS)
    if found is None:
        array = doc.to_array(["IDX", "LENGTH"])
        found = doc.user_data[_BOUNDS] = (array[:, 0].tolist(), (array[:, 0] + array[:, 1]).tolist())
    return found


def column(doc: Doc, attr: str) -> list[int]:
    """``doc.to_array(attr)`` as a list of ids (LOWER, TAG, DEP), read once per Doc:
    a set of ids tells at once whether a paragraph has any of a list of words."""
    # (get before setdefault: this is asked thousands of times per article, and
    # setdefault would build an empty dict at every call)
    columns: dict[str, list[int]] | None = doc.user_data.get(_COLUMNS)
    if columns is None:
        columns = doc.user_data[_COLUMNS] = {}
    found = columns.get(attr)
    if found is None:
        found = columns[attr] = doc.to_array(attr).tolist()
    return found


def sentence_starts(doc: Doc) -> list[int]:
    """The tokens of ``doc`` that start a sentence, in order (the first always does),
    read once per Doc: bisected, they tell where a token's sentence starts without a
    walk back over its words."""
    found: list[int] | None = doc.user_data.get(_SENTENCES)
    if found is None:
        sent_start = column(doc, "SENT_START")
        found = [0, *(k for k in range(1, len(sent_start)) if sent_start[k] == 1)] if sent_start else []
        doc.user_data[_SENTENCES] = found
    return found


def remember_windows(doc: Doc, windows: list[tuple[int, int]]) -> None:
    """Record that ``doc`` is read as the paragraphs ``windows`` (token ranges [lo, hi),
    in order): a rule handed only a token asks ``window`` where its paragraph ends."""
    doc.user_data[_WINDOWS] = ([lo for lo, _ in windows], windows)


def window(doc: Doc, i: int) -> tuple[int, int]:
    """The tokens [lo, hi) of the paragraph that token ``i`` of ``doc`` belongs to: a
    window recorded with ``remember_windows``, else the whole Doc (a paragraph Doc of
    its own)."""
    found: tuple[list[int], list[tuple[int, int]]] | None = doc.user_data.get(_WINDOWS)
    if found is None:
        return 0, len(doc)
    los, windows = found
    return windows[bisect_right(los, i) - 1]


def chars(doc: Doc, i: int, j: int) -> tuple[int, int]:
    """Character offsets of tokens [i, j) in ``doc``."""
    starts, ends = bounds(doc)
    return starts[i], ends[j - 1]


def span_text(doc: Doc, i: int, j: int) -> str:
    """``doc[i:j].text`` for 0 <= i: the characters from token i's start to token j-1's end."""
    j = min(j, len(doc))
    if j <= i:
        return ""
    starts, ends = bounds(doc)
    return doc_text(doc)[starts[i] : ends[j - 1]]


# what Columns.of reads, in one to_array (each call walks every token)
_READ: list[int | str] = ["IDX", "LENGTH", "LOWER", "TAG", "DEP", "SENT_START"]


@dataclass(slots=True)
class Columns:
    """What the stages read of every token of one Doc, as lists: where each token
    starts and ends in the Doc's text, and the ids ``to_array`` gives for LOWER, TAG,
    DEP and SENT_START; and the tokens that start a sentence (the first always does)."""

    starts: list[int]
    ends: list[int]
    lower: list[int]
    tag: list[int]
    dep: list[int]
    sent_start: list[int]
    sentences: list[int]

    @classmethod
    def of(cls, doc: Doc) -> Columns:
        """The columns of ``doc``, read in one ``to_array``."""
        array = doc.to_array(_READ)
        idx, _, lower, tag, dep, sent_start = array.T.tolist()
        ends = (array[:, 0] + array[:, 1]).tolist()
        sentences = [0, *(numpy.flatnonzero(array[1:, 5] == 1) + 1).tolist()] if len(doc) else []
        return cls(idx, ends, lower, tag, dep, sent_start, sentences)

    def remember(self, doc: Doc) -> None:
        """Record the columns with ``doc`` (for ``bounds``, ``column`` and ``sentence_starts``)."""
        user_data = doc.user_data
        user_data[_BOUNDS] = (self.starts, self.ends)
        user_data[_SENTENCES] = self.sentences
        read = {"LOWER": self.lower, "TAG": self.tag, "DEP": self.dep, "SENT_START": self.sent_start}
        columns: dict[str, list[int]] | None = user_data.get(_COLUMNS)
        if columns is None:
            user_data[_COLUMNS] = read
        else:
            columns.update(read)
