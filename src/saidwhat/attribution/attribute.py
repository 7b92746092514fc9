"""The one wiring of the attribution stages, shared by every entry point.

``saidwhat.extract``, the batch runner (both through ``Pipeline``) and the spaCy
component (``nlp.add_pipe("saidwhat")``) all end in ``Attributor.__call__``: an
article (text, cleaned body, title, publication date) and the parsed Docs that
cover it in, its attributions out. Given the same Docs, every path gives the same
attributions.

Work per article is bounded: a paragraph longer than ``UNIT_CHARS`` is read in
pieces cut at sentence ends, and every stage is near-linear in the length of what
it reads (sweeps and bisection, never all pairs).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy
from spacy.attrs import IDS
from spacy.tokens import Doc

from ..ingest.text import clean
from ..model import Article, Attribution, Offsets
from .assemble import assemble
from .lexicon import Lexicon, load_lexicon
from .mentions import Mention, names
from .paragraph import Paragraph, Shared
from .quotes import Quote, find_quotes
from .records import Report
from .reports import DEFAULT_THRESHOLD, read_paragraph
from .scoring import Scorer, load_scorer
from .tokens import Columns, remember_text, remember_windows

# The longest stretch of one paragraph read as a unit; longer paragraphs (never
# seen in news, but possible in scraped text) are cut at sentence ends.
UNIT_CHARS = 20_000
_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+")
_SPACE = re.compile(r"\s+")

Region = tuple[Doc, int]  # a parsed Doc and where its text starts in the article
# With a scorer, cue words whose lexicon score reaches this are weighed by it.
CANDIDATE_FLOOR = 0.1


@dataclass(frozen=True)
class Unit:
    """A stretch of one body paragraph read at once (the whole paragraph, as a rule)."""

    paragraph: int
    start: int
    end: int


def prepare_body(article: Article) -> Article:
    """Find the article's prose (body regions), title and dateline if not known yet."""
    if not article.body:
        body, title, dateline = clean(article.text)
        article.body = body
        article.title = article.title or title
        article.dateline = article.dateline or dateline
    return article


def parse_text(article: Article) -> str:
    """The text to parse: the article's, with what cleanup cut out of the middle of a
    line blanked and a horizontal bar made an em dash (same length, so offsets hold).
    A widget glued into a sentence ("Rep. Ilhan OmarIlhan OmarHillicon Valley: ...
    MORE (D-Minn.)") then cannot fuse with the words around it into one token; what
    lies between lines (a dateline, page debris) is left as it is: it keeps the
    paragraphs apart for the parser."""
    text = article.text
    pieces, at = [], 0
    for s, e in sorted(article.body):
        if s < at:
            continue
        gap = text[at:s]
        pieces += [gap if "\n" in gap else " " * len(gap), text[s:e]]
        at = e
    pieces.append(text[at:])
    # the tagger does not know the horizontal bar (HuffPost's dash) and reads it as a
    # word ("taxes ― as was true ― Trump boasted"); it reads an em dash right (replace,
    # not a translate table: that looks up every character of the text, 300 times slower)
    return "".join(pieces).replace("―", "—")


def units(article: Article) -> list[Unit]:
    """The body paragraphs as units of reading, long ones cut at sentence ends."""
    out = []
    for k, (s, e) in enumerate(article.body):
        for a, b in _cut(article.text, s, e):
            out.append(Unit(k, a, b))
    return out


def _cut(text: str, s: int, e: int) -> Iterator[Offsets]:
    """[s, e) in pieces of at most UNIT_CHARS, ending at a sentence end where one
    is near enough, else at a space, else anywhere."""
    while e - s > UNIT_CHARS:
        limit = s + UNIT_CHARS
        cut = None
        for pattern in (_SENTENCE_END, _SPACE):
            last = None
            for m in pattern.finditer(text, limit - UNIT_CHARS // 4, limit):
                last = m
            if last is not None:
                cut = (last.start() + 1 if pattern is _SENTENCE_END else last.start(), last.end())
                break
        end, next_start = cut if cut else (limit, limit)
        yield s, end
        s = next_start
    if e > s:
        yield s, e


def title_span(article: Article) -> Offsets | None:
    """Where the article's title stands as its first body paragraph, if it does."""
    if article.title and article.body:
        s, e = article.body[0]
        if article.text[s:e].strip() == article.title.strip():
            return s, e
    return None


class Attributor:
    """The attribution stages with their settings: call it on an article and its Docs.

    Args:
        lexicon: the cue lexicon (the packaged one by default).
        scorer: the learned report scorer (the packaged one by default; None: the
            lexicon's score decides alone).
        threshold: the lexicon score a cue needs to be weighed at all (default: with a
            scorer CANDIDATE_FLOOR, without DEFAULT_THRESHOLD).
        min_confidence: attributions scored lower are dropped.
    """

    def __init__(
        self,
        lexicon: Lexicon | None = None,
        *,
        scorer: Scorer | None | Literal["packaged"] = "packaged",
        threshold: float | None = None,
        min_confidence: float = 0.0,
    ) -> None:
        self.lexicon = lexicon or load_lexicon()
        self.scorer = load_scorer() if scorer == "packaged" else scorer
        if threshold is None:
            threshold = CANDIDATE_FLOOR if self.scorer is not None else DEFAULT_THRESHOLD
        self.threshold = threshold
        self.min_confidence = min_confidence

    def __call__(self, article: Article, regions: Sequence[Region]) -> list[Attribution]:
        """The attributions of ``article``, whose body (see ``prepare_body``) the Docs
        of ``regions`` cover; spans index ``article.text``."""
        reading = self.start(article)
        for doc, offset in regions:
            self.read(reading, doc, offset)
        return self.finish(reading)

    def start(self, article: Article) -> Reading:
        """Begin an article whose Docs will be read one at a time (``read``): only
        what was found in them is kept, never the Docs."""
        return Reading(article, find_quotes(article.text, article.body), units(article))

    def read(
        self, reading: Reading, doc: Doc, offset: int, text: str | None = None, *, owned: bool = False
    ) -> None:
        """Read the units of ``reading`` that ``doc`` (at ``offset``; ``text``: its text,
        when the caller has it) covers. ``owned``: the Doc is the caller's to change (it
        is dropped after), so its paragraphs are read as windows of it (``paragraphs``)."""
        for para in paragraphs(reading, doc, offset, text, owned=owned):
            reading.reports.extend(read_paragraph(para, self.lexicon, self.threshold, self.scorer))
            reading.mentions.extend(m.shifted(para.offset) for m in names(para.doc, para.lo, para.hi))

    def finish(self, reading: Reading) -> list[Attribution]:
        """The article's attributions, once all its Docs were read."""
        article = reading.article
        return assemble(
            article.text,
            reading.reports,
            reading.mentions,
            quotes=reading.quotes,
            title_span=title_span(article),
            published=article.published,
            min_confidence=self.min_confidence,
            lexicon=self.lexicon,
            body=article.body,
        )


@dataclass(eq=False)
class Reading:
    """An article in flight: what its Docs gave so far."""

    article: Article
    quotes: list[Quote]
    units: list[Unit]
    reports: list[Report] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    _pieces: list[tuple[int, int, Quote]] = field(default_factory=list)
    _piece_starts: list[int] = field(default_factory=list)  # bisected without a key function

    def __post_init__(self) -> None:
        self._pieces = sorted(((s, e, q) for q in self.quotes for s, e in q.pieces), key=lambda p: p[0])
        self._piece_starts = [s for s, _, _ in self._pieces]

    def quotes_touching(self, start: int, end: int) -> list[Quote]:
        """The quotations with a piece in [start, end), in order."""
        pieces = self._pieces
        k = max(0, bisect_right(self._piece_starts, start) - 1)
        touching: list[Quote] = []
        while k < len(pieces) and pieces[k][0] < end:
            s, e, q = pieces[k]
            if e > start and (not touching or touching[-1] is not q):
                touching.append(q)
            k += 1
        return touching


def paragraphs(
    reading: Reading, doc: Doc, offset: int, doc_text: str | None = None, *, owned: bool = False
) -> Iterator[Paragraph]:
    """Each unit that ``doc`` (at ``offset``) covers as a Paragraph, with the
    quotations touching it, no arc of it reaching another paragraph.

    ``owned`` (the Doc is the caller's to change): each is a window of ``doc``, whose
    arcs that cross a paragraph's bounds are cut in place first (``Cutter.cut_arcs``);
    else each is a Doc of its own, cut from the region's (``Cutter.cut``). Both give the
    rules the same tree, tokens and characters: the window spares a Doc per paragraph.
    """
    cutter = Cutter(doc)
    # where the Doc's text ends (doc.text would rebuild the whole text from its tokens)
    end = offset + cutter.length
    starts = [u.start for u in reading.units]
    found: list[tuple[Unit, int, int]] = []  # each unit in the Doc, with its tokens
    for unit in reading.units[bisect_right(starts, offset - 1) :]:
        if unit.start >= end:
            break
        if unit.end > end:
            continue  # not wholly in this Doc
        tokens = cutter.tokens(unit.start - offset, unit.end - offset)
        if tokens is not None:
            found.append((unit, *tokens))
    if not found:
        return
    article_text = reading.article.text
    # (two units that share a token, cut inside a word, cannot both be windows: cut them)
    if owned and all(found[k - 1][2] <= found[k][1] for k in range(1, len(found))):
        windows = [(i, j) for _, i, j in found]
        region = Shared.of(doc, offset, article_text[offset:end], cutter.cut_arcs(windows))
        remember_windows(doc, windows)
        if doc_text is not None:  # the Doc's own text, so no rule has to join its tokens
            remember_text(doc, doc_text)
        for unit, i, j in found:
            yield Paragraph.window(
                region, i, j, unit.paragraph, reading.quotes_touching(unit.start, unit.end)
            )
        return
    for unit, i, j in found:
        quotes = reading.quotes_touching(unit.start, unit.end)
        s, e = cutter.starts[i], cutter.ends[j - 1]
        text = article_text[offset + s : offset + e]
        cut, columns = cutter.cut(i, j)
        if doc_text is not None:  # the cut's own text, so no rule has to join its tokens
            remember_text(cut, doc_text[s:e])
        yield Paragraph.read(cut, offset + s, unit.paragraph, quotes, text, columns)


@dataclass(eq=False, slots=True)
class _CutColumns:
    """What a Cutter reads of its Doc only to cut paragraph Docs out of it."""

    array: numpy.ndarray  # Cutter.ATTRS, as from_array takes them
    orths: list[int]
    spaces: list[bool]
    heads: list[int]  # absolute
    dep: list[int]
    sent_start: list[int]
    sentences: list[int]  # the tokens that start one


class Cutter:
    """Cuts a parsed Doc at its paragraphs' bounds: in place (``cut_arcs``: only the
    arcs that cross a bound are cut, and the paragraphs are read as windows of it), or
    into Docs of their own (``cut``: for a Doc the caller keeps), keeping what the
    stages read (words, spaces, tags, arcs, sentence starts). Either way an arc that
    leaves a paragraph is cut: its token becomes a root. (A cut is cheaper than
    ``Span.as_doc``, which converts the whole Doc, and copies every annotation, for each
    paragraph; a window spares the Doc.) A Cutter does one or the other.

    The region's tokens are read once (one ``to_array``); each cut gets its columns
    (tokens.Columns) as slices of the region's, not a read of its own.
    """

    ATTRS = ("TAG", "DEP", "HEAD", "SENT_START")  # written into each cut
    # ATTRS as ids: from_array looks each name up again at every call
    _IDS: list[int | str] = [IDS[name] for name in ATTRS]
    # what both ways read (to_array walks every token for each column: each costs)
    _READ: list[int | str] = ["IDX", "LENGTH", "LOWER", "TAG", "DEP", "HEAD"]
    _ARCS: list[int | str] = _IDS[1:3]  # DEP, HEAD: what cutting arcs in place writes
    _FOR_CUTS: list[int | str] = ["ORTH", "SPACY", "SENT_START"]

    def __init__(self, doc: Doc) -> None:
        self.doc, self.vocab = doc, doc.vocab
        array = self._columns = doc.to_array(self._READ)
        self.starts, self.lower, self.tag = array[:, [0, 2, 3]].T.tolist()
        self.ends = (array[:, 0] + array[:, 1]).tolist()
        # the Doc's text length (every character belongs to one token or its trailing space)
        self.length = self.ends[-1] + len(doc[-1].whitespace_) if len(doc) else 0
        # each token's head as an absolute index, to see which arcs leave a paragraph
        self._heads = numpy.arange(len(doc)) + array[:, 5].astype("int64")
        self.root = self.vocab.strings.add("ROOT")
        # read at the first cut: windows need neither the words, spaces and heads as
        # lists nor the labels and sentence starts as the parse left them
        self._for_cuts: _CutColumns | None = None

    def _read_for_cuts(self) -> _CutColumns:
        """What only ``cut`` reads: the words, spaces, heads, labels and sentence starts."""
        array = self._columns
        more = self.doc.to_array(self._FOR_CUTS)
        found = self._for_cuts = _CutColumns(
            numpy.column_stack((array[:, 3:6], more[:, 2])),
            # the words as hashes: a Doc made from hashes takes each word's lexeme as it
            # is, where one made from strings hashes every string again
            more[:, 0].tolist(),
            more[:, 1].astype(bool).tolist(),
            self._heads.tolist(),
            array[:, 4].tolist(),
            more[:, 2].tolist(),
            numpy.flatnonzero(more[:, 2] == 1).tolist(),
        )
        return found

    def tokens(self, s: int, e: int) -> tuple[int, int] | None:
        """The tokens that characters [s, e) of the Doc's text touch (as
        ``doc.char_span(s, e, alignment_mode="expand")`` finds them), None if none."""
        if not (0 <= s < self.length and 0 < e <= self.length):
            return None
        # the token holding a character: the last to start at or before it
        i = bisect_right(self.starts, s) - 1
        if s == self.ends[i]:
            i += 1  # s is in the token's trailing space: not part of it
        j = bisect_right(self.starts, e - 1)
        return (i, j) if j > i else None

    def cut_arcs(self, windows: list[tuple[int, int]]) -> Columns:
        """Cut, in the Doc itself, every arc between two paragraphs (token ranges
        ``windows``, in order) or between a paragraph and a token of none (the line
        breaks between paragraphs hang on the paragraph before): the token becomes a
        root, as in ``cut``. Each paragraph's tree, edges and sentence starts are then
        those of its own cut Doc (spaCy sets them from the arcs, as it does for a cut).
        Returns the Doc's columns as they are after it. (A Cutter that cuts arcs in
        place makes no cuts after: they would be cut from the Doc as it was.)"""
        doc = self.doc
        block = numpy.full(len(doc), -1)  # each token's paragraph (-1: none)
        for k, (i, j) in enumerate(windows):
            block[i:j] = k
        crossing = block != block[self._heads]
        dep = self._columns[:, 4]
        if crossing.any():
            arcs = self._columns[:, 4:6].copy()  # DEP, HEAD
            arcs[crossing, 1] = 0  # the arc is cut: the token is a root
            arcs[crossing, 0] = self.root
            doc.from_array(self._ARCS, arcs)  # type: ignore[arg-type]
            dep = arcs[:, 0]
        # (spaCy set the sentence starts from the arcs: read after the cut)
        sent_start = doc.to_array("SENT_START")
        sentences = numpy.flatnonzero(sent_start[1:] == 1) + 1
        return Columns(
            self.starts,
            self.ends,
            self.lower,
            self.tag,
            dep.tolist(),
            sent_start.tolist(),
            [0, *sentences.tolist()],
        )

    def cut(self, start: int, end: int) -> tuple[Doc, Columns]:
        """Tokens [start, end) (at least one) as a Doc of their own, with its region."""
        region = self._for_cuts or self._read_for_cuts()
        # plain Python over the paragraph's heads: numpy's calls cost more than they save here
        heads = region.heads[start:end]
        outside = []
        if min(heads) < start or max(heads) >= end:  # (most paragraphs hold all their arcs)
            outside = [k for k, head in enumerate(heads) if head < start or head >= end]
        array = region.array[start:end]
        changed = bool(outside) or region.sent_start[start] != 1
        if changed:
            array = array.copy()  # copied only when an arc or the first sentence start changes
            for k in outside:
                array[k, 2] = 0  # the arc is cut: the token is a root
                array[k, 1] = self.root
            array[0, 3] = 1  # a paragraph starts a sentence
        spaces = region.spaces[start:end]
        spaces[-1] = False  # the paragraph's text ends with its last word, as its slice does
        doc = Doc(self.vocab, words=region.orths[start:end], spaces=spaces)  # type: ignore[arg-type]  # (hashes)
        doc.from_array(self._IDS, array)  # type: ignore[arg-type]
        if changed:  # a cut arc changes dependency labels and may change sentence starts
            return doc, Columns.of(doc)
        # the cut's tree is the region's, so are its sentence starts (spaCy sets them from the arcs)
        base = self.starts[start]
        starts_at = region.sentences
        sentences = starts_at[bisect_right(starts_at, start) : bisect_left(starts_at, end)]
        return doc, Columns(
            [k - base for k in self.starts[start:end]],
            [k - base for k in self.ends[start:end]],
            self.lower[start:end],
            self.tag[start:end],
            region.dep[start:end],
            region.sent_start[start:end],
            [0, *(k - start for k in sentences)] if sentences else [0],
        )
