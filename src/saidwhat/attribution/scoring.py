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

A report the scorer is certain to drop is not built at all (early_cut.py).
"""

from __future__ import annotations

import json
import math
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
# the same words and labels as ids, as the Doc's columns hold them
_MODAL_IDS = frozenset(get_string_id(m) for m in _MODALS)
_CUE_DEP_NAMES = {get_string_id(d): d for d in _CUE_DEPS}
_CUE_TAG_NAMES = {get_string_id(t): t for t in _CUE_TAGS}
_QUESTION = get_string_id("?")
# Frames whose cue is negated, hedged or passive through the verb it hangs on.
_THROUGH_VERB = frozenset(("light", "role", "adjective"))


# What _source_kind can say of a source: one of these is always a feature.
SOURCE_KINDS = (
    "none", "behalf", "relative", "it", "plural", "pronoun", "org_name", "person_name", "name",
    "document", "org_noun", "person_noun", "group_noun", "other_noun",
)  # fmt: skip


def source_kind(m: Mention | None) -> str:
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


def cue_syntax(para: Paragraph, tok: Token, frame: str, own: tuple[Token, ...] | None = None) -> CueSyntax:
    """What the parse says around cue ``tok`` read in ``frame`` (its features of
    syntax); ``own``: its children, when the caller read them."""
    # a noun or adjective cue is negated, hedged or passive through its verb
    # ("did not express concern", "is not sure that")
    gov = tok.head if frame in _THROUGH_VERB else tok
    if own is None:
        own = tuple(tok.children)
    children = [*own, *gov.children] if gov is not tok else own
    # (labels, tags and forms are read as ids, not as strings: this runs for every
    # report the cut weighs)
    lower = para.lower
    negated = modal = passive = False
    subject = None
    for c in children:
        d = c.dep
        if d == _NEG:
            negated = True
        elif d == _AUX:
            modal = modal or lower[c.i] in _MODAL_IDS
        elif d == _AUXPASS:
            passive = True
        elif subject is None and d in _SUBJECTS:
            subject = c
    _, end = para.sentence(tok.i)
    return CueSyntax(
        _CUE_DEP_NAMES.get(tok.dep, "other"),
        _CUE_TAG_NAMES.get(tok.tag, "other"),
        float(negated),
        float(modal),
        float(passive),
        float(is_thing(subject)),
        float(lower[end - 1] == _QUESTION),
    )


def word_features(lexicon: Lexicon, lemma: str, frame: str) -> tuple[float, float, float]:
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
    lexical_quote, prior, seen = word_features(lexicon, r.lemma or "", r.frame)
    f: dict[str, float] = {
        "lexical": r.lexical,
        "lexical_quote": lexical_quote,
        "prior": prior,
        "seen": seen,
        f"frame={r.frame}": 1.0,
        f"kind={r.kind}": 1.0,
        f"act={r.act}": 1.0,
        f"source={source_kind(r.source)}": 1.0,
        "nested": float(nested),
        "quotes": float(len(r.quotes)),
    }
    if r.source is not None and r.source.type:
        f[f"type={r.source.type}"] = 1.0
    words = sum([e - s if e > s else 0 for s, e in r.content])
    f["content_chars"] = math.log1p(words)
    if r.token is not None and para.lo <= r.token < para.hi:
        syntax = r.syntax or cue_syntax(para, doc[r.token], r.frame)  # (no Token when it was read)
        f[f"dep={syntax.dep}"] = 1.0
        f[f"tag={syntax.tag}"] = 1.0
        f["negated"] = syntax.negated
        f["modal"] = syntax.modal
        f["passive"] = syntax.passive
        f["cue_first"] = float(bool(r.content) and para.starts[r.token] < min(r.content)[0])
        f["thing_subject"] = syntax.thing_subject
        f["question"] = syntax.question
    if r.content:
        s, _ = r.content[0]
        first = para.text[s : min(s + 5, para.end)].lower() if para.begin <= s < para.end else ""
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
