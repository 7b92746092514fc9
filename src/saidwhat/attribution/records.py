"""What the attribution stages hand each other: cue candidates, frame matches and reports.

A ``Cue`` is a word that may introduce a statement, with what the parse says
around it; a ``Match`` is what one of its frames found (frames.py). A ``Report`` is one detected attribution before its speaker is
resolved: spans in Doc characters while a paragraph is read, shifted once into
article characters (``Report.shifted``) when the paragraph is done.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from spacy.tokens import Token

from ..model import Act, Kind, Offsets
from .mentions import Mention
from .paragraph import LocalQuote
from .quotes import Quote

FrameName = Literal[
    "quote", "put_it", "clause", "parenthetical", "colon", "raising", "passive", "infinitive", "object", "prep", "noun", "light", "role", "adjective",
    "according",
    "tail", "dash", "continuation",
]  # fmt: skip


TokenRange = tuple[int, int]


@dataclass(frozen=True)
class Match:
    """What a frame found: content token ranges, a preposition that is part of the
    cue, a verb before it that is part of the cue ("made the claim"), and whether the
    frame names no source ("X is expected to ...")."""

    content: tuple[TokenRange, ...]
    cue_extra: Token | None = None
    no_source: bool = False
    cue_from: Token | None = None


# What a cue word is: a verb with its subject; a noun with its owner ("Trump's claim");
# a noun a light verb takes ("X made the claim that"); an adjective with its clause
# ("X is confident that"); a noun that says what someone is ("X, a critic of Y", "X is
# a supporter of Y"). Each kind has frames of its own (frames.FRAMES).
CueKind = Literal["verb", "noun", "light", "role", "adjective"]


@dataclass(eq=False)
class Cue:
    """A cue candidate: a lexicon word in a paragraph, and its syntactic surroundings."""

    tok: Token
    lemma: str
    # the subject, or how to find it: most cues reach no frame and never ask for it
    found_subject: Token | None | Callable[[], Token | None]
    clause: tuple[int, int] | None  # token range of the clause it reports, when it has one
    kind: CueKind = "verb"
    quotes: list[LocalQuote] = field(default_factory=list)  # quotations assigned to it

    # (read on demand, below; not functools.cached_property, whose lock costs more on
    # Python 3.11 than reading the children of most cues)
    _children: tuple[Token, ...] | None = field(default=None, init=False, repr=False)
    _deps: set[int] | None = field(default=None, init=False, repr=False)

    @property
    def children(self) -> tuple[Token, ...]:
        """Its token's children, read once (each walk of ``tok.children`` builds a Token
        per child): the clause finder, the frames, the subject and the scorer read them."""
        if self._children is None:
            self._children = tuple(self.tok.children)
        return self._children

    @property
    def deps(self) -> set[int]:
        """The ids of its children's labels: the frames' ``needs`` and the channel ask."""
        if self._deps is None:
            self._deps = {c.dep for c in self.children}
        return self._deps

    @property
    def subject(self) -> Token | None:
        """The subject (or agent, or owner of a noun cue), found the first time it is asked for."""
        found = self.found_subject
        if callable(found):
            found = self.found_subject = found()
        return found

    @property
    def noun(self) -> bool:
        """Not a verb: a noun or adjective cue, whose frames are its own."""
        return self.kind != "verb"


class CueSyntax(NamedTuple):
    """What the parse says around a cue read in a frame: its features of syntax."""

    dep: str  # its label, or "other" when the scorer has no weight of its own for it
    tag: str  # likewise its tag
    negated: float  # 1.0 when it has a negation (a noun's or adjective's: through its verb)
    modal: float  # likewise a modal ("would say")
    passive: float  # likewise a passive auxiliary
    thing_subject: float  # 1.0 when its subject is a thing, not someone
    question: float  # 1.0 when its sentence ends with a question mark


def _shift(span: Offsets, by: int) -> Offsets:
    return span[0] + by, span[1] + by


@dataclass(eq=False)
class Report:
    """A detected attribution, before speaker resolution."""

    kind: Kind
    content: list[Offsets]
    cue: list[Offsets] | None
    source: Mention | None
    frame: FrameName
    score: float
    act: Act | None = None
    # the act its cue reports when its subject is someone: kept when a subject that looked
    # like a thing made it a stance, in case it resolves to a person (a name the tagger
    # took for a common noun: "Marques told ...")
    spoken_act: Act | None = None
    addressee: tuple[str, Offsets] | None = None
    channel: tuple[str, Offsets] | None = None  # "a statement", "a spokesperson for"
    when: tuple[str, Offsets] | None = None
    quotes: list[Quote] = field(default_factory=list)  # article coordinates always
    paragraph: int = 0
    continues: bool = False  # no cue of its own: continues the previous speaker
    opens_paragraph: bool = False  # a cue-less quotation that opens its paragraph
    # "He said:" closing a paragraph: its words are the quotation opening the next one
    pending: bool = False
    lemma: str | None = None  # the cue word's lexicon lemma
    token: int | None = None  # the cue's token in its paragraph's Doc (while it is read)
    lexical: float = 0.0  # the lexicon's score for the cue word in this frame
    features: dict[str, float] | None = None  # kept only when learning the scorer
    syntax: CueSyntax | None = None  # the cue's syntax features, when read before it was built

    @property
    def start(self) -> int:
        if not self.content:
            return self.cue[0][0] if self.cue else 0
        return min(self.content)[0]  # (the first piece's start: tuples compare by it first)

    @property
    def cue_start(self) -> int | None:
        return self.cue[0][0] if self.cue else None

    def shifted(self, by: int) -> Report:
        """The same report with every span moved ``by`` characters."""
        if by == 0:
            return self
        # a copy of the fields with six moved (dataclasses.replace re-runs __init__ and
        # reads the fields' definitions each time, as Mention.shifted notes)
        moved = object.__new__(Report)
        moved.__dict__.update(self.__dict__)
        moved.content = [_shift(s, by) for s in self.content]
        moved.cue = [_shift(s, by) for s in self.cue] if self.cue else None
        moved.source = self.source.shifted(by) if self.source else None
        moved.addressee = (self.addressee[0], _shift(self.addressee[1], by)) if self.addressee else None
        moved.channel = (self.channel[0], _shift(self.channel[1], by)) if self.channel else None
        moved.when = (self.when[0], _shift(self.when[1], by)) if self.when else None
        return moved
