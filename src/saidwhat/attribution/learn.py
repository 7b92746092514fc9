"""Learn the cue statistics and the report scorer from an annotated corpus (brat).

Two models, both learned from the same parses (the ones extraction makes: whole
texts, paragraphs cut from them as Docs of their own, which give the rules what the
windows extraction reads give them):

1. Cue statistics (``data/cues.json``): for each (lemma, frame), how often a
   candidate was an annotated cue out of how often it occurred so. The detector runs
   with every verb admitted as a candidate.
2. The report scorer (``data/scorer.json``, see scoring.py): a logistic regression
   over the features of every candidate report, labelled by whether it matches a
   gold attribution (content overlapping by half, same source). So that the
   lexicon features are as informative on the training articles as on unseen ones,
   each article's features come from statistics learned on the other folds.

Only counts, word forms and feature weights are written, never text from the corpus.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..evaluate import (
    Relation,
    _overlap,
    gold_documents,
    publication_dates,
    read_brat,
    relation,
    same_mention,
)
from ..model import Article
from .attribute import CANDIDATE_FLOOR, Reading, paragraphs, prepare_body, units
from .candidates import cue_kind
from .lexicon import SEED, Lexicon
from .lines import add_line_sentences
from .paragraph import Paragraph
from .quotes import find_quotes
from .records import Report
from .reports import read_paragraph
from .scoring import Scorer

log = logging.getLogger(__name__)

Counts = dict[str, dict[str, list[int]]]
FOLDS = 5


@dataclass
class Example:
    """One annotated article, parsed."""

    name: str
    article: Article
    doc: Any  # spaCy Doc of the whole text, with lemmas
    gold: list[Relation]
    forms: dict[str, str]  # lower-cased verb form -> lemma


def parse_corpus(gold_dir: str | Path, model: str = "auto") -> list[Example]:
    """Every annotated article of ``gold_dir``, parsed as extraction parses it (plus
    lemmas, to group inflected forms)."""
    import spacy

    from .pipeline import DOC_BATCH, resolve_model_name

    nlp = spacy.load(resolve_model_name(model), exclude=["ner", "senter"])
    add_line_sentences(nlp)
    dates = publication_dates(gold_dir)
    items = []
    for name, txt, ann in gold_documents(gold_dir):
        text = txt.read_text(encoding="utf-8")
        article = prepare_body(Article(text=text, id=name, published=dates.get(name[:32]) or dates.get(name)))
        items.append((name, article, read_brat(ann, text)))
    examples = []
    docs = nlp.pipe((a.text for _, a, _ in items), batch_size=DOC_BATCH)
    for (name, article, gold), doc in zip(items, docs, strict=True):
        forms = {
            t.lower_: t.lemma_.lower()
            for t in doc
            if any(c.dep_ == "poss" for c in t.children) or cue_kind(t) is not None
        }
        examples.append(Example(name, article, doc, gold, forms))
    return examples


def _paragraphs(example: Example) -> Iterator[Paragraph]:
    article = example.article
    reading = Reading(article, find_quotes(article.text, article.body), units(article))
    yield from paragraphs(reading, example.doc, 0)


def _cue_lemma(text: str, r: Report, lexicon: Lexicon) -> str | None:
    if r.frame == "according":
        return "according"
    if r.lemma:  # the cue word's lemma, whatever words its span starts with ("made the claim")
        return r.lemma
    assert r.cue is not None
    return lexicon.lemma(text[r.cue[0][0] : r.cue[0][1]].split()[0].lower())


def count_cues(example: Example) -> Counts:
    """(lemma, frame) -> [annotated, seen] in one article, every verb a candidate."""
    counts: Counts = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    gold_cues = [g.cue for g in example.gold if g.cue]
    priors = {lemma: SEED.get(lemma, 0.5) for lemma in example.forms.values()}
    lexicon = Lexicon(priors=priors, forms=dict(example.forms), strength=1.0)
    text = example.article.text
    for para in _paragraphs(example):
        for r in read_paragraph(para, lexicon, threshold=0.0):
            if not r.cue:
                continue
            frame = "quote" if r.frame == "tail" else r.frame  # a tail cue is scored as a quote frame
            lemma = _cue_lemma(text, r, lexicon)
            if not lemma:
                continue
            cue_chars = set(range(r.cue[0][0], r.cue[0][1]))
            c = counts[lemma][frame]
            c[0] += int(any(cue_chars & g for g in gold_cues))
            c[1] += 1
    return counts


def _add(into: Counts, counts: Counts, sign: int = 1) -> None:
    for lemma, frames in counts.items():
        for frame, (hit, seen) in frames.items():
            c = into.setdefault(lemma, {}).setdefault(frame, [0, 0])
            c[0] += sign * hit
            c[1] += sign * seen


def _kept(counts: Counts, min_seen: int = 2) -> Counts:
    kept = {
        lemma: {frame: list(v) for frame, v in frames.items() if v[1] >= min_seen or v[0] > 0}
        for lemma, frames in counts.items()
    }
    return {k: v for k, v in kept.items() if v and any(x[0] > 0 for x in v.values())}


def frame_rates(counts: Counts) -> dict[str, float]:
    """Per frame, how often a candidate in it was an annotated cue, over every word:
    the prior of a word the seed lexicon does not hold (see ``Lexicon.score``)."""
    hits: dict[str, list[int]] = {}
    for frames in counts.values():
        for frame, (hit, seen) in frames.items():
            h = hits.setdefault(frame, [0, 0])
            h[0] += hit
            h[1] += seen
    return {frame: round(hit / seen, 4) for frame, (hit, seen) in sorted(hits.items()) if seen}


def _lexicon(counts: Counts, forms: dict[str, str]) -> Lexicon:
    kept = _kept(counts)
    return Lexicon(
        priors=dict(SEED),
        rates=frame_rates(counts),
        counts={lemma: {f: (v[0], v[1]) for f, v in frames.items()} for lemma, frames in kept.items()},
        forms={f: lemma for f, lemma in forms.items() if lemma in kept and f != lemma},
    )


def _label(text: str, r: Report, gold: list[Relation]) -> bool:
    """Whether report ``r`` (article characters) matches a gold attribution."""
    p = relation(text, r.content, [r.source.span] if r.source else None, r.cue)
    return any(_overlap(g.content, p.content, False) >= 0.5 and same_mention(g, p) for g in gold)


def scorer_data(
    examples: list[Example], per_doc: list[Counts], forms: dict[str, str]
) -> tuple[list[dict[str, float]], list[int]]:
    """Features and labels of every candidate report, each article's lexicon learned
    without its fold."""
    total: Counts = {}
    for c in per_doc:
        _add(total, c)
    X: list[dict[str, float]] = []
    y: list[int] = []
    folds = max(1, min(FOLDS, len(examples)))
    for k in range(folds):
        held = [i for i in range(len(examples)) if i % folds == k]
        counts = json.loads(json.dumps(total))
        for i in held:
            _add(counts, per_doc[i], -1)
        lexicon = _lexicon(counts, forms)
        for i in held:
            ex = examples[i]
            for para in _paragraphs(ex):
                for r in read_paragraph(para, lexicon, CANDIDATE_FLOOR, collect=True):
                    assert r.features is not None
                    X.append(r.features)
                    y.append(int(_label(ex.article.text, r.shifted(para.offset), ex.gold)))
        log.info("scorer features: fold %d of %d", k + 1, folds)
    return X, y


def fit_scorer(X: list[dict[str, float]], y: list[int], source: str) -> Scorer:
    """A logistic regression on (X, y), with the decision threshold that maximises
    F1 over the candidates in cross-validation."""
    try:
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import cross_val_predict
    except ImportError:
        raise ConfigError("learning the scorer needs scikit-learn: pip install 'saidwhat[learn]'") from None
    smallest = min(sum(y), len(y) - sum(y))
    if smallest < 2:
        raise ConfigError(
            f"too little gold to learn a scorer: {sum(y)} of {len(y)} candidates match a gold attribution"
        )
    vec = DictVectorizer()
    matrix = vec.fit_transform(X)
    model = LogisticRegression(C=1.0, max_iter=2000)
    predicted = cross_val_predict(model, matrix, y, cv=min(FOLDS, smallest), method="predict_proba")[:, 1]
    decision = _best_threshold(predicted.tolist(), y)
    model.fit(matrix, y)
    weights = dict(zip(vec.get_feature_names_out().tolist(), model.coef_[0].tolist(), strict=True))
    return Scorer(weights, float(model.intercept_[0]), decision, source)


def _best_threshold(p: list[float], y: list[int]) -> float:
    """The probability threshold with the best candidate-level F1 (ties: the lower)."""
    positives = sum(y)
    best, best_f1 = 0.5, -1.0
    for t in [x / 100 for x in range(5, 96)]:
        kept = [label for prob, label in zip(p, y, strict=True) if prob >= t]
        tp = sum(kept)
        if not kept or not tp:
            continue
        precision, recall = tp / len(kept), tp / positives
        f1 = 2 * precision * recall / (precision + recall)
        if f1 > best_f1 + 1e-9:
            best, best_f1 = t, f1
    return best


def learn(gold_dir: str | Path, model: str = "auto") -> tuple[dict[str, Any], Scorer]:
    """Cue statistics and report scorer learned from the brat corpus at ``gold_dir``."""
    examples = parse_corpus(gold_dir, model)
    per_doc = [count_cues(ex) for ex in examples]
    total: Counts = {}
    forms: dict[str, str] = {}
    for ex, c in zip(examples, per_doc, strict=True):
        _add(total, c)
        forms.update(ex.forms)
    kept = _kept(total)
    cues = {
        "source": f"cue statistics learned by `saidwhat learn-cues` from {len(examples)} articles",
        "counts": kept,
        "rates": frame_rates(total),
        "forms": {f: lemma for f, lemma in sorted(forms.items()) if lemma in kept and f != lemma},
    }
    X, y = scorer_data(examples, per_doc, forms)
    scorer = fit_scorer(
        X, y, f"learned by `saidwhat learn-cues` from {len(examples)} articles, {len(y)} candidates"
    )
    log.info("scorer: %d candidates, %d positive, decision %.2f", len(y), sum(y), scorer.decision)
    return cues, scorer


def write_json(data: dict[str, Any], output: str | Path) -> None:
    Path(output).write_text(json.dumps(data, indent=0, sort_keys=True) + "\n", encoding="utf-8")
