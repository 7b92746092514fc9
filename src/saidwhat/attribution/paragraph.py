"""One paragraph as the attribution stages see it: its parse, its quotations, its sentences.

A paragraph is a window of tokens [lo, hi) of a Doc: as a rule the Doc of the whole
region it was parsed in, its arcs cut at the paragraphs' bounds (attribute.Cutter), so
that no arc, edge or subtree reaches another paragraph; or, where the region's Doc may
not be changed, a Doc of its own (lo = 0, hi = its length). Every stage after this one
works in the coordinates of that Doc (token indices and character offsets into its
text), reads only the window's tokens and characters ([begin, end)), and asks the
window's bounds where it means "the paragraph's start" or "its end"; only
``Paragraph.offset`` says where the Doc's text starts in the article, and it is added
once, when the paragraph's findings are handed to the article (see ``Report.shifted``).

Built once per paragraph: which tokens sit inside a quotation (the union of the
quotations' token ranges, written as slices), and which sentence each token belongs
to, so no stage needs to compare every token with every quotation. The paragraphs of
one region share these per-token lists (each writes its own tokens' flags).
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


def _sentence_numbers(bounds: list[int]) -> list[int]:
    """Per token, the number of its sentence (sentence k is tokens [bounds[k], bounds[k + 1]))."""
    numbers: list[int] = []
    for k in range(len(bounds) - 1):  # a run of one number per sentence, not one append per token
        numbers.extend([k] * (bounds[k + 1] - bounds[k]))
    return numbers


@dataclass(eq=False, slots=True)
class Shared:
    """What the paragraphs read as windows of one Doc share, read once for the Doc:
    its columns, the article's text over its characters, and per token whether it
    sits in a quotation and which sentence it belongs to."""

    doc: Doc
    offset: int  # where the Doc's text starts in the article text
    text: str  # the article's text over the Doc's characters
    columns: Columns
    in_quote: list[bool]
    sent_of: list[int]
    sent_bounds: list[int]

    @classmethod
    def of(cls, doc: Doc, offset: int, text: str, columns: Columns) -> Shared:
        """The region ``doc`` at article offset ``offset`` (``text``: the article's text
        over it; ``columns``: its columns, recorded with it here)."""
        columns.remember(doc)
        n = len(doc)
        bounds = [*columns.sentences, n]
        return cls(doc, offset, text, columns, [False] * n, _sentence_numbers(bounds), bounds)


@dataclass(eq=False)
class Paragraph:
    """A parsed paragraph and what the stages read of it."""

    doc: Doc
    offset: int  # where doc's text starts in the article text
    index: int  # the paragraph's number in the article body
    # the article's text over doc's characters (the parse's may differ where cleanup
    # blanked something; spaCy would rebuild it from the tokens at every call)
    text: str = ""
    quotes: list[LocalQuote] = field(default_factory=list)
    in_quote: list[bool] = field(default_factory=list)  # per token of doc
    sent_of: list[int] = field(default_factory=list)  # per token: its sentence number
    sent_bounds: list[int] = field(default_factory=list)  # sentence k is tokens [b[k], b[k+1])
    starts: list[int] = field(default_factory=list)  # per token: where it starts in text
    # per token: the hash of its lower-case form (doc.to_array("LOWER")), read once for
    # the lookups of cue words and prepositions
    lower: list[int] = field(default_factory=list)
    lo: int = 0  # the paragraph is doc's tokens [lo, hi)
    hi: int = 0
    begin: int = 0  # and doc's characters [begin, end)
    end: int = 0
    forms: list[int] = field(default_factory=list)  # lower of its own tokens: which words it has

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
        """The paragraph ``doc`` (a Doc of its own) starting at article offset
        ``offset``, with the article quotations that touch it (``text``: doc.text, and
        ``columns``: the Doc's columns, when the caller has them)."""
        n = len(doc)
        text = doc.text if text is None else text
        para = cls(doc, offset, index, text, hi=n, end=len(text))
        if n == 0:
            return para
        if columns is None:
            columns = Columns.of(doc)
        # what later stages read of every token, recorded with the Doc (tokens.column, bounds)
        columns.remember(doc)
        para.starts = columns.starts
        para.lower = para.forms = columns.lower
        para.in_quote = [False] * n
        para._read_quotes(quotes)
        bounds = para.sent_bounds = [*columns.sentences, n]
        para.sent_of = _sentence_numbers(bounds)
        return para

    @classmethod
    def window(cls, region: Shared, lo: int, hi: int, index: int, quotes: Sequence[Quote]) -> Paragraph:
        """Tokens [lo, hi) (at least one) of ``region``'s Doc as a paragraph, with the
        article quotations that touch it."""
        columns = region.columns
        para = cls(
            region.doc,
            region.offset,
            index,
            region.text,
            in_quote=region.in_quote,
            sent_of=region.sent_of,
            sent_bounds=region.sent_bounds,
            starts=columns.starts,
            lower=columns.lower,
            lo=lo,
            hi=hi,
            begin=columns.starts[lo],
            end=columns.ends[hi - 1],
            forms=columns.lower[lo:hi],
        )
        para._read_quotes(quotes)
        return para

    def _read_quotes(self, quotes: Sequence[Quote]) -> None:
        """The quotations' parts in this paragraph, and its tokens in one."""
        # a token is in a quotation if one of the quotations' token ranges holds it
        offset, begin, end, lo, hi = self.offset, self.begin, self.end, self.lo, self.hi
        starts, in_quote, text = self.starts, self.in_quote, self.text
        for q in quotes:
            pieces = [(max(s - offset, begin), min(e - offset, end)) for s, e in q.pieces]
            pieces = [(s, e) for s, e in pieces if e > s]
            if not pieces:
                continue
            ranges = [(bisect_left(starts, s, lo, hi), bisect_left(starts, e, lo, hi)) for s, e in pieces]
            ranges = [(i, j) for i, j in ranges if j > i]
            if not ranges:
                continue
            for i, j in ranges:
                in_quote[i:j] = [True] * (j - i)
            words = sum(len(text[s:e].split()) for s, e in pieces)
            self.quotes.append(LocalQuote(q, pieces, ranges[0][0], ranges[-1][1] - 1, words))

    def sentence(self, i: int) -> tuple[int, int]:
        """Token range of the sentence holding token ``i`` (within the paragraph)."""
        k = self.sent_of[i]
        return self.sent_bounds[k], min(self.sent_bounds[k + 1], self.hi)

    def tokens(self, s: int, e: int) -> range:
        """Indices of the paragraph's tokens starting in characters [s, e)."""
        lo, hi = self.lo, self.hi
        return range(bisect_left(self.starts, s, lo, hi), bisect_left(self.starts, e, lo, hi))

    def local(self, span: Offsets) -> Offsets:
        """Article characters -> this paragraph's Doc characters (may fall outside it)."""
        return span[0] - self.offset, span[1] - self.offset

    def chars(self, i: int, j: int) -> Offsets:
        """Doc character offsets of tokens [i, j)."""
        return chars(self.doc, i, j)
