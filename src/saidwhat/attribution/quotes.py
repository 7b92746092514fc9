"""Direct quotations: pair quotation marks in any common style.

Handles curly and straight double quotes, guillemets (« » and » «), German-style
„ “, Swedish-style ” ” (also a closing mark misprinted as an opening one), and single quotes (‘ ’ and ') when a text uses them as its primary marks
(British headlines). A quote may run over several paragraphs by the opening-mark-only
convention: a paragraph that ends inside a quote and a next paragraph that opens
with the same quotation mark continue the same quote (a straight mark opening a
paragraph quoted from elsewhere does not run on into a curly quotation after it). An opening mark that is never closed
is closed at the end of its paragraph and flagged, so unbalanced input still yields
usable spans and never swallows the rest of the article.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Offsets
from .frozen import fast_init

# opening mark -> closing marks that end it
_DOUBLE_PAIRS = {
    "“": '”"',
    "„": "“”",
    "«": "»",
    "»": "«",  # Danish/Swedish style » ... «
    '"': '"”',
    # a closing mark where an opening one belongs ("”Fear. I am afraid.”"), and the
    # Swedish style; only where an opening mark can stand (see _is_opening)
    "”": '”"',
}
_SINGLE_PAIRS = {"‘": "’'", "'": "'’", "‚": "‘’"}
_TWO = "''"  # two apostrophes used as a double quotation mark; only its own kind closes it
_CLOSERS = {**_DOUBLE_PAIRS, **_SINGLE_PAIRS, _TWO: ""}
# Every mark that may open or close a quotation, and the double opening marks: the scan
# jumps from mark to mark (a regex search) instead of reading every character in Python.
_MARKS = re.compile(
    "[" + re.escape("".join(sorted(set("".join(_CLOSERS) + "".join(_CLOSERS.values()))))) + "]"
)
_DOUBLE_MARKS = re.compile("[" + re.escape("".join(_DOUBLE_PAIRS)) + "]")
_WORD = re.compile(r"\w")
# Where an unclosed quotation most likely ended: before ", said X" / ", X said".
_REPORTING_TAIL = re.compile(
    r"[,?!]\s+(?:said|says|added|told|asked|wrote|explained|continued"
    r"|(?:he|she|they|we|I|it|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s+"
    r"(?:said|says|added|told|asked|wrote|explained|continued))\b"
)


@fast_init  # (a dozen or so an article: the generated __init__ costs twice as much)
@dataclass(frozen=True)
class Quote:
    """A quotation: ``start``/``end`` include the marks; ``pieces`` is one range
    per paragraph the quote covers (marks included)."""

    start: int
    end: int
    pieces: tuple[Offsets, ...]
    closed: bool = True


def _is_opening(text: str, i: int, para_start: int, width: int = 1) -> bool:
    """An ambiguous mark (``width`` characters long) opens when it follows a space, a
    bracket or a dash, or starts the paragraph, and is followed by something other
    than a space."""
    before = text[i - 1] if i > para_start else " "
    after = text[i + width] if i + width < len(text) else " "
    return (before.isspace() or before in "([{—–-:/") and not after.isspace()


def _is_closing(text: str, i: int, para_end: int, width: int = 1) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < para_end else " "
    if before == " " and i >= 2 and text[i - 2] in ",.?!" and after.isspace():
        return True  # a stray space before the closing mark: "... coalitions, '' said Mr. Gunnels"
    if width > 1:  # two apostrophes are never an inch mark nor a nested quote's end
        return not before.isspace() and not _WORD.match(after)
    if before.isdigit() and text[i + 1 : i + 3].strip()[:1].islower():
        return False  # an inch mark: "a 12" pipe"
    if before == " " and i >= 2 and text[i - 2] in "'’":
        return not _WORD.match(after)  # a quote inside a quote, closed together: "... 'outreach,' "
    return not before.isspace() and not _WORD.match(after)


def find_quotes(text: str, paragraphs: Sequence[Offsets]) -> list[Quote]:
    """All quotations in ``paragraphs`` of ``text``, in order.

    Double-quote styles are tried first; single quotes count only in paragraphs
    where no double quotation mark appears, and only as word-boundary pairs, so
    apostrophes (don't, ’90s, Jones’) are not mistaken for quotes.
    """
    quotes: list[Quote] = []
    open_at: int | None = None  # start of a quote continuing from an earlier paragraph
    open_mark = ""
    pieces: list[Offsets] = []
    for p_start, p_end in paragraphs:
        if open_at is None and _MARKS.search(text, p_start, p_end) is None:
            continue  # (a paragraph without a mark: nothing opens, nothing runs on)
        has_double = (
            _DOUBLE_MARKS.search(text, p_start, p_end) is not None or text.find(_TWO, p_start, p_end) >= 0
        )
        pairs = _DOUBLE_PAIRS if has_double else _SINGLE_PAIRS
        i = p_start
        if open_at is not None:
            # the convention: a continuing quote's new paragraph opens with a mark
            first = text[p_start] if p_start < p_end else ""
            if text.startswith(_TWO, p_start) and open_mark == _TWO:
                i = p_start + 2
            elif first == open_mark:
                i = p_start + 1  # (the same mark: a straight one does not continue a curly one)
            else:
                # the quote was never closed: end it where its paragraph ended
                quotes.append(Quote(open_at, pieces[-1][1], tuple(pieces), closed=False))
                open_at, pieces = None, []
        piece_start = p_start
        while (mark := _MARKS.search(text, i, p_end)) is not None:
            i = mark.start()
            ch = text[i]
            if ch == "'" and has_double and i + 1 < p_end and text[i + 1] == "'":
                # two apostrophes as one double mark (''...'', archive and wire text)
                if open_at is None and _is_opening(text, i, p_start, width=2):
                    open_at, open_mark, piece_start = i, _TWO, i
                    pieces = []
                elif open_mark == _TWO and open_at is not None and _is_closing(text, i, p_end, width=2):
                    pieces.append((piece_start, i + 2))
                    quotes.append(Quote(open_at, i + 2, tuple(pieces), closed=True))
                    open_at, pieces = None, []
                i += 2
                continue
            if open_at is None:
                if ch in pairs and (ch in "“„«‘‚" or _is_opening(text, i, p_start)):
                    open_at, open_mark, piece_start = i, ch, i
                    pieces = []
            elif ch in _CLOSERS[open_mark] and (
                # straight marks and single quotes double as apostrophes and inch signs
                ch in "”»«“" or _is_closing(text, i, p_end)
            ):
                pieces.append((piece_start, i + 1))
                quotes.append(Quote(open_at, i + 1, tuple(pieces), closed=True))
                open_at, pieces = None, []
            i += 1
        if open_at is not None:
            pieces.append((piece_start, p_end))
    if open_at is not None:
        quotes.append(Quote(open_at, pieces[-1][1], tuple(pieces), closed=False))
    return [_close(text, q) if not q.closed else q for q in quotes if _has_words(text, q)]


def _close(text: str, quote: Quote) -> Quote:
    """End an unclosed quotation where its words most likely ended: at a
    reporting tail ("... in two, said Maria Santos"), else where it stopped."""
    s, e = quote.pieces[0]
    m = _REPORTING_TAIL.search(text, s, e)
    if m is None:
        return quote
    end = m.start() + 1  # keep the comma inside the quotation, as a closing mark would
    return Quote(quote.start, end, ((s, end),), closed=False)


def _has_words(text: str, quote: Quote) -> bool:
    return any(_WORD.search(text, s, e) for s, e in quote.pieces)
