"""Scoring reports: from the evidence around a cue to a calibrated probability.

Each report found in a paragraph is described by a few dozen features (how often
its word was a cue in its frame in the training corpus, the frame, the kind of
source, where the cue sits in the parse, negation, modality, how long and how
quoted its content is, whether it sits inside another report). A logistic
regression learned from annotated articles (``saidwhat learn-cues``) turns them
into the probability that the report is an attribution as annotators read it;
reports below the learned decision threshold are dropped. What ships is the
feature weights and the threshold, never text (``data/scorer.json``).

Without a scorer file the lexicon's score is the report's score (the lexicon is
then the whole model, as it was before the scorer existed).

Most features are known as soon as a cue has its frame; the rest can add at most a
known amount. ``EarlyCut`` takes the scorer's decision on that most, so a report the
scorer is certain to drop is never built (reports.report; exact, not a guess).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from spacy.strings import get_string_id
from spacy.tokens import Token

from ..errors import ConfigError
from .lexicon import Lexicon
from .mentions import Mention
from .paragraph import Paragraph
from .records import CueSyntax, Report
from .syntax import is_thing
from .vocabulary import DOCUMENTS, GROUP_NOUNS, ORG_WORDS, PERSON_NOUNS

_MODALS = frozenset(
    ("will", "would", "could", "may", "might", "should", "can", "must", "'ll", "’ll", "wo", "ca")
)
_CUE_DEPS = frozenset(
    ("ROOT", "ccomp", "conj", "advcl", "relcl", "xcomp", "acl", "pcomp", "parataxis", "pobj")
)
_CUE_TAGS = frozenset(("VBD", "VBZ", "VBP", "VBG", "VBN", "VB", "NN", "NNS"))
_NEG, _AUX, _AUXPASS = get_string_id("neg"), get_string_id("aux"), get_string_id("auxpass")
_SUBJECTS = frozenset((get_string_id("nsubj"), get_string_id("nsubjpass")))


# What _source_kind can say of a source: one of these is always a feature.
SOURCE_KINDS = (
    "none", "behalf", "relative", "it", "plural", "pronoun", "org_name", "person_name", "name",
    "document", "org_noun", "person_noun", "group_noun", "other_noun",
)  # fmt: skip


def _source_kind(m: Mention | None) -> str:
    if m is None:
        return "none"
    if m.behalf is not None:
        return "behalf"
    if m.refers_to:
        return "relative"
    if m.pronoun:
        return "it" if m.pronoun == "it" else "plural" if m.type == "GROUP" else "pronoun"
    if m.name:
        return "org_name" if m.type == "ORG" else "person_name" if m.type == "PERSON" else "name"
    head = m.head or ""
    if head in DOCUMENTS or head.rstrip("s") in DOCUMENTS:
        return "document"
    if head in ORG_WORDS:
        return "org_noun"
    if head in PERSON_NOUNS:
        return "person_noun"
    if head in GROUP_NOUNS:
        return "group_noun"
    return "other_noun"


def cue_syntax(para: Paragraph, tok: Token, frame: str) -> CueSyntax:
    """What the parse says around cue ``tok`` read in ``frame`` (its features of syntax)."""
    # a noun or adjective cue is negated, hedged or passive through its verb
    # ("did not express concern", "is not sure that")
    gov = tok.head if frame in ("light", "role", "adjective") else tok
    children = list(tok.children) + (list(gov.children) if gov is not tok else [])
    deps = [c.dep for c in children]  # their labels' ids, read once for the checks below
    subject = next((c for d, c in zip(deps, children, strict=True) if d in _SUBJECTS), None)
    _, end = para.sentence(tok.i)
    return CueSyntax(
        tok.dep_ if tok.dep_ in _CUE_DEPS else "other",
        tok.tag_ if tok.tag_ in _CUE_TAGS else "other",
        float(_NEG in deps),
        float(any(d == _AUX and c.lower_ in _MODALS for d, c in zip(deps, children, strict=True))),
        float(_AUXPASS in deps),
        float(is_thing(subject)),
        float(para.doc[end - 1].text == "?"),
    )


def _word_features(lexicon: Lexicon, lemma: str, frame: str) -> tuple[float, float, float]:
    """How sure a quotation makes the cue word, its prior, and how often it was seen in
    ``frame`` (the "lexical_quote", "prior" and "seen" features)."""
    seen_in = "quote" if frame == "tail" else frame
    return (
        lexicon.score(lemma, "quote") if lemma else 0.0,
        lexicon.priors.get(lemma, 0.0),
        math.log1p(lexicon.counts.get(lemma, {}).get(seen_in, (0, 0))[1]),
    )


def features(r: Report, para: Paragraph, lexicon: Lexicon, nested: bool) -> dict[str, float]:
    """The features of report ``r`` (in its paragraph's Doc coordinates)."""
    doc = para.doc
    lexical_quote, prior, seen = _word_features(lexicon, r.lemma or "", r.frame)
    f: dict[str, float] = {
        "lexical": r.lexical,
        "lexical_quote": lexical_quote,
        "prior": prior,
        "seen": seen,
        f"frame={r.frame}": 1.0,
        f"kind={r.kind}": 1.0,
        f"act={r.act}": 1.0,
        f"source={_source_kind(r.source)}": 1.0,
        "nested": float(nested),
        "quotes": float(len(r.quotes)),
    }
    if r.source is not None and r.source.type:
        f[f"type={r.source.type}"] = 1.0
    words = sum(max(0, e - s) for s, e in r.content)
    f["content_chars"] = math.log1p(words)
    if r.token is not None and 0 <= r.token < len(doc):
        tok = doc[r.token]
        syntax = r.syntax or cue_syntax(para, tok, r.frame)
        f[f"dep={syntax.dep}"] = 1.0
        f[f"tag={syntax.tag}"] = 1.0
        f["negated"] = syntax.negated
        f["modal"] = syntax.modal
        f["passive"] = syntax.passive
        f["cue_first"] = float(bool(r.content) and tok.idx < min(s for s, _ in r.content))
        f["thing_subject"] = syntax.thing_subject
        f["question"] = syntax.question
    if r.content:
        s, _ = r.content[0]
        first = para.text[s : s + 5].lower() if 0 <= s < len(para.text) else ""
        f["that_clause"] = float(first.startswith("that "))
    return f


@dataclass(frozen=True)
class Scorer:
    """A logistic regression over report features, with its decision threshold."""

    weights: dict[str, float]
    bias: float
    decision: float
    source: str = ""  # what it was learned from (no text: counts and weights only)

    def probability(self, feats: dict[str, float]) -> float:
        weight = self.weights.get
        z = self.bias + sum([weight(k, 0.0) * v for k, v in feats.items()])  # a list sums faster
        if z < -30:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))

    def to_json(self) -> dict[str, Any]:
        weights = {k: round(v, 5) for k, v in sorted(self.weights.items()) if abs(v) >= 1e-5}
        return {
            "source": self.source,
            "bias": round(self.bias, 5),
            "decision": self.decision,
            "weights": weights,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Scorer:
        return cls(
            {k: float(v) for k, v in data["weights"].items()},
            float(data["bias"]),
            float(data["decision"]),
            str(data.get("source", "")),
        )


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

    ``acts(lexicon, lemma, frame)``: every act a report of the word in the frame can end with.
    Only for a scorer whose decision lies strictly between 0 and 1.
    """

    def __init__(
        self, scorer: Scorer, lexicon: Lexicon, acts: Callable[[Lexicon, str, str], set[str]]
    ) -> None:
        w = scorer.weights
        self.scorer, self.lexicon, self._acts = scorer, lexicon, acts
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
        lexical_quote, prior, seen = _word_features(self.lexicon, lemma, frame)
        return (
            self.scorer.bias
            + w("lexical", 0.0) * self.lexicon.score(lemma, frame)
            + w("lexical_quote", 0.0) * lexical_quote
            + w("prior", 0.0) * prior
            + w("seen", 0.0) * seen
            + w(f"frame={frame}", 0.0)
            + w(f"kind={kind}", 0.0)
            + max(w(f"act={a}", 0.0) for a in self._acts(self.lexicon, lemma, frame))
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
        return w(f"source={_source_kind(m)}", 0.0) + (
            w(f"type={m.type}", 0.0) if m is not None and m.type else 0.0
        )


@lru_cache(maxsize=4)
def load_scorer(path: str | None = None) -> Scorer | None:
    """The scorer at ``path``, or the packaged one (None when the package has none).

    Raises:
        ConfigError: ``path`` cannot be read as a scorer.
    """
    if not path:
        try:
            raw = resources.files("saidwhat").joinpath("data/scorer.json").read_text("utf-8")
        except FileNotFoundError:
            return None
        return Scorer.from_json(json.loads(raw))
    try:
        return Scorer.from_json(json.loads(Path(path).read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"cannot read a scorer from {path}: {exc}") from None


def scorer_setting(value: str) -> Scorer | None:
    """The scorer the ``scorer`` setting names: "" the packaged one, "none" no scorer,
    else a file written by ``saidwhat learn-cues``."""
    if value.lower() == "none":
        return None
    return load_scorer(value or None)
