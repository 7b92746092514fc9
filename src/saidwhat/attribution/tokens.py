"""Cheap reads of a Doc's text: the text of tokens [i, j) without building a Span.

``doc[i:j].text`` normalises the slice in Python, builds a Span and joins its tokens;
the rules read thousands of short spans per article, so they slice the Doc's text,
joined once per Doc. (A paragraph's ``Paragraph.text`` is the article's, which cleanup
may have blanked in the parse: the Doc's own text is the one a span of it shows.)
"""

from __future__ import annotations

from spacy.tokens import Doc

_TEXT = "saidwhat.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per Doc."""
    text: str | None = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def remember_text(doc: Doc, text: str) -> None:
    """Record ``doc.text`` when the caller knows it (the text the Doc was made from)."""
    doc.user_data[_TEXT] = text


def span_text(doc: Doc, i: int, j: int) -> str:
    """``doc[i:j].text`` for 0 <= i: the characters from token i's start to token j-1's end."""
    j = min(j, len(doc))
    if j <= i:
        return ""
    last = doc[j - 1]
    return doc_text(doc)[doc[i].idx : last.idx + len(last)]
