"""The early cut: a report the scorer is certain to drop is not built.

The scorer is a logistic regression (scoring.py). Most of a report's features are known
as soon as its cue has a frame; the rest (its source, its act, what repair can do to
its content) can add at most a known amount. When even that most falls below the
scorer's decision, the report is certain to be dropped, so reports.report gives
``DROPPED`` instead of building, repairing and scoring it. Exact, not a guess: the
cut is never taken where another stage reads the reports the scorer drops (see
reports.read_paragraph), and a scorer that weighs a feature this module does not
account for gets none.
"""

from __future__ import annotations

import math

from ..model import Kind, Offsets
from .fragments import most_chars, repaired_acts
from .lexicon import Lexicon
from .mentions import Mention
from .paragraph import Paragraph
from .records import Cue, CueSyntax
from .scoring import SOURCE_KINDS, Scorer, cue_syntax, source_kind, word_features

# Kept below the decision's logit: the early sum adds the same terms as the scorer in
# another order, so the two may differ in their last bits.
_ROUNDING = 1e-9


# The features EarlyCut weighs, by name or by family (the one-hot ones). A scorer with
# a weight for any other feature gets no early cut: a feature added to ``features``
# (and learned) can never let the cut drop a report the scorer would keep.
EARLY_FEATURES = frozenset(
    ("lexical", "lexical_quote", "prior", "seen", "nested", "quotes", "content_chars", "negated",
     "modal", "passive", "cue_first", "thing_subject", "question", "that_clause")
)  # fmt: skip
EARLY_FAMILIES = ("frame=", "kind=", "act=", "source=", "type=", "dep=", "tag=")


def early_cut_covers(scorer: Scorer) -> bool:
    """Whether every feature ``scorer`` weighs is one EarlyCut accounts for."""
    return all(k in EARLY_FEATURES or k.startswith(EARLY_FAMILIES) for k in scorer.weights)


class EarlyCut:
    """A scorer's decision taken on a report of a cue without quotations before it is
    built: most of its features are known once the cue has a frame, content and kind,
    and the others (source, act, and what repair does to the content) can add at most
    a known amount. When even that most falls below the decision, the scorer is
    certain to drop the report, so it need not be built, repaired or scored.

    Only for a scorer whose decision lies strictly between 0 and 1.
    """

    def __init__(self, scorer: Scorer, lexicon: Lexicon) -> None:
        w = scorer.weights
        self.scorer, self.lexicon = scorer, lexicon
        self.weights = w
        self.logit = math.log(scorer.decision / (1.0 - scorer.decision)) - _ROUNDING
        # one source kind is always a feature; a type may be none, or any word
        types = [v for k, v in w.items() if k.startswith("type=")]
        self.source_most = max(w.get(f"source={k}", 0.0) for k in SOURCE_KINDS) + max([0.0, *types])
        # the cue before its content and a "that" opening it: either may be so or not
        self._open_most = max(0.0, w.get("cue_first", 0.0)) + max(0.0, w.get("that_clause", 0.0))
        self._content = max(0.0, w.get("content_chars", 0.0))
        self._nested = w.get("nested", 0.0)
        self._words: dict[tuple[str, str, str], float] = {}
        self._syntaxes: dict[CueSyntax, float] = {}

    def most(self, lemma: str, frame: str, kind: str, nested: bool, chars: int, syntax: CueSyntax) -> float:
        """The most logit a report of a cue without quotations (its word ``lemma``,
        read in ``frame``, of ``kind``, its ``syntax``) can reach but for its source,
        with at most ``chars`` characters of content and the best act. (The features
        are those ``features`` reads.)"""
        word = self._words.get((lemma, frame, kind))
        if word is None:
            word = self._words[lemma, frame, kind] = self._word(lemma, frame, kind)
        around = self._syntaxes.get(syntax)
        if around is None:
            around = self._syntaxes[syntax] = self._syntax(syntax)
        # (with a negative weight the most is none: a content may shrink to nothing)
        return word + around + self._nested * nested + self._content * math.log1p(chars)

    def _word(self, lemma: str, frame: str, kind: str) -> float:
        """The bias and what the cue word, frame and kind add, with the best act."""
        w = self.weights.get
        lexical_quote, prior, seen = word_features(self.lexicon, lemma, frame)
        return (
            self.scorer.bias
            + w("lexical", 0.0) * self.lexicon.score(lemma, frame)
            + w("lexical_quote", 0.0) * lexical_quote
            + w("prior", 0.0) * prior
            + w("seen", 0.0) * seen
            + w(f"frame={frame}", 0.0)
            + w(f"kind={kind}", 0.0)
            + max(w(f"act={a}", 0.0) for a in acts_of(self.lexicon, lemma, frame))
            + self._open_most
        )

    def _syntax(self, syntax: CueSyntax) -> float:
        """What the cue's syntax adds."""
        w = self.weights.get
        return (
            w(f"dep={syntax.dep}", 0.0)
            + w(f"tag={syntax.tag}", 0.0)
            + w("negated", 0.0) * syntax.negated
            + w("modal", 0.0) * syntax.modal
            + w("passive", 0.0) * syntax.passive
            + w("thing_subject", 0.0) * syntax.thing_subject
            + w("question", 0.0) * syntax.question
        )

    def source(self, m: Mention | None) -> float:
        """What source ``m`` adds to a report's logit."""
        w = self.weights.get
        return w(f"source={source_kind(m)}", 0.0) + (
            w(f"type={m.type}", 0.0) if m is not None and m.type else 0.0
        )


def most_logit(
    para: Paragraph, cut: EarlyCut, cue: Cue, frame: str, kind: Kind, content: list[Offsets], nested: bool
) -> tuple[float, CueSyntax] | None:
    """The most logit the report of ``cue`` (without quotations) can reach but for its
    source, with the cue's syntax read for it (None when a piece of its content lies
    outside the paragraph)."""
    chars = most_chars(para, content, frame, kind, cue.tok)
    if chars is None:
        return None
    syntax = cue_syntax(para, cue.tok, frame, cue.children)
    return cut.most(cue.lemma, frame, kind, nested, chars, syntax), syntax


# The early cut of a scorer with a lexicon, or None, with both (held so that their
# ids stay theirs), for the last few pairs used: whether a scorer's weights are all
# ones the cut knows is read once, not for every paragraph.
_CUTS: dict[tuple[int, int], tuple[Scorer, Lexicon, EarlyCut | None]] = {}


def cut_for(scorer: Scorer, lexicon: Lexicon) -> EarlyCut | None:
    """The scorer's early cut for reports of ``lexicon``'s cues (None when its decision
    drops every report or none, or it weighs a feature the cut does not know)."""
    found = _CUTS.get((id(scorer), id(lexicon)))
    if found is None:
        if len(_CUTS) >= 8:
            _CUTS.clear()
        cut = EarlyCut(scorer, lexicon) if 0.0 < scorer.decision < 1.0 and early_cut_covers(scorer) else None
        found = _CUTS[id(scorer), id(lexicon)] = (scorer, lexicon, cut)
    return found[2]


def acts_of(lexicon: Lexicon, lemma: str, frame: str) -> set[str]:
    """The acts a report of ``lemma`` in ``frame`` can end with: its word's, writing for
    speech through a document (``_act``), and what repair makes of either."""
    act = lexicon.act(lemma, frame)
    acts = repaired_acts(act, lemma, frame)
    return set(acts | repaired_acts("writing", lemma, frame) if act == "speech" else acts)
