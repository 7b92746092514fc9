"""One paragraph as the attribution stages see it: its parse, its quotations, its sentences.

Every stage after this one works in the coordinates of the paragraph's own Doc
(token indices and character offsets into ``doc.text``); only ``Paragraph.offset``
says where that text starts in the article, and it is added once, when the
paragraph's findings are handed to the article (see ``Report.shifted``).

Built once per paragraph: which tokens sit inside a quotation (the union of the
quotations' token ranges, written as slices), and which sentence each token belongs
to, so no stage needs to compare every token with every quotation.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc

from ..model import Offsets
from .quotes import Quote
from .tokens import Columns, chars

# A quotation of fewer words is a scare quote or a title ("called it “a disgrace”"),
# not speech of its own.
MIN_QUOTE_WORDS = 4


@dataclass(eq=False)
class LocalQuote:
    """A quotation as it falls in one paragraph."""

    quote: Quote  # in article coordinates
    pieces: list[Offsets]  # the parts inside this paragraph, in Doc characters
    first: int  # its first and last token in this paragraph
    last: int
    words: int  # words inside this paragraph

    @property
    def speech(self) -> bool:
        """Long enough to be someone's words rather than a scare quote."""
        return self.words >= MIN_QUOTE_WORDS


@dataclass(eq=False)
class Paragraph:
    """A parsed paragraph and what the stages read of it."""

    doc: Doc
    offset: int  # where doc.text starts in the article text
    index: int  # the paragraph's number in the article body
    text: str = ""  # doc.text, which spaCy rebuilds from the tokens at every call
    quotes: list[LocalQuote] = field(default_factory=list)
    in_quote: list[bool] = field(default_factory=list)  # per token
    sent_of: list[int] = field(default_factory=list)  # per token: its sentence number
    sent_bounds: list[int] = field(default_factory=list)  # sentence k is tokens [b[k], b[k+1])
    starts: list[int] = field(default_factory=list)  # per token: where it starts in text
    # per token: the hash of its lower-case form (doc.to_array("LOWER")), read once for
    # the lookups of cue words and prepositions
    lower: list[int] = field(default_factory=list)

    @classmethod
    def read(
        cls,
        doc: Doc,
        offset: int,
        index: int,
        quotes: Sequence[Quote],
        text: str | None = None,
        columns: Columns | None = None,
    ) -> Paragraph:
        """The paragraph ``doc`` starting at article offset ``offset``, with the
        article quotations that touch it (``text``: doc.text, and ``columns``: the
        Doc's columns, when the caller has them)."""
        n = len(doc)
        text = doc.text if text is None else text
        para = cls(doc, offset, index, text)
        if n == 0:
            return para
        text_len = len(text)
        if columns is None:
            columns = Columns.of(doc)
        # what later stages read of every token, recorded with the Doc (tokens.column, bounds)
        columns.remember(doc)
        starts = para.starts = columns.starts
        para.lower = columns.lower
        # a token is in a quotation if one of the quotations' token ranges holds it
        in_quote = para.in_quote = [False] * n
        for q in quotes:
            pieces = [(max(s - offset, 0), min(e - offset, text_len)) for s, e in q.pieces]
            pieces = [(s, e) for s, e in pieces if e > s]
            if not pieces:
                continue
            ranges = [(bisect_left(starts, s), bisect_left(starts, e)) for s, e in pieces]
            ranges = [(i, j) for i, j in ranges if j > i]
            if not ranges:
                continue
            for i, j in ranges:
                in_quote[i:j] = [True] * (j - i)
            words = sum(len(text[s:e].split()) for s, e in pieces)
            para.quotes.append(LocalQuote(q, pieces, ranges[0][0], ranges[-1][1] - 1, words))
        bounds = para.sent_bounds = [*columns.sentences, n]
        for k in range(len(bounds) - 1):  # a run of one number per sentence, not one append per token
            para.sent_of.extend([k] * (bounds[k + 1] - bounds[k]))
        return para

    def sentence(self, i: int) -> tuple[int, int]:
        """Token range of the sentence holding token ``i``."""
        k = self.sent_of[i]
        return self.sent_bounds[k], self.sent_bounds[k + 1]

    def tokens(self, s: int, e: int) -> range:
        """Indices of the tokens starting in characters [s, e)."""
        return range(bisect_left(self.starts, s), bisect_left(self.starts, e))

    def local(self, span: Offsets) -> Offsets:
        """Article characters -> this paragraph's Doc characters (may fall outside it)."""
        return span[0] - self.offset, span[1] - self.offset

    def chars(self, i: int, j: int) -> Offsets:
        """Doc character offsets of tokens [i, j)."""
        return chars(self.doc, i, j)
