"""Learn cue statistics from an annotated corpus (brat, the PolNeAR layout).

Runs the same detector as extraction, but with every verb admitted as a cue
candidate, and counts for each (lemma, frame) how often the candidate's cue was
annotated in the gold. The counts refine the seed lexicon (see lexicon.py); only
counts and word forms are written, never text from the corpus.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from pathlib import Path

from ..evaluate import gold_documents, read_brat
from ..ingest.text import clean
from .lexicon import SEED, Lexicon
from .paragraph import Paragraph
from .quotes import find_quotes
from .reports import read_paragraph

log = logging.getLogger(__name__)


def learn_counts(gold_dir: str | Path, model: str = "auto", min_seen: int = 2) -> dict:
    """Counts of (lemma, frame) -> [annotated, seen] over the corpus."""
    import spacy

    from .pipeline import resolve_model_name

    # the lemmatizer is needed here (not at run time) to group inflected forms
    nlp = spacy.load(resolve_model_name(model), exclude=["ner", "senter"])
    counts: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    forms: dict[str, str] = {}
    for name, txt, ann in gold_documents(gold_dir):
        text = txt.read_text(encoding="utf-8")
        gold_cues = [r.cue for r in read_brat(ann, text) if r.cue]
        body, _, _ = clean(text)
        quotes = find_quotes(text, body)
        for (s, e), doc in zip(body, nlp.pipe(text[s:e] for s, e in body), strict=True):
            local_forms = {
                t.lower_: t.lemma_.lower()
                for t in doc
                if t.tag_.startswith("VB") or any(c.dep_ == "poss" for c in t.children)
            }
            forms.update(local_forms)
            priors = {lemma: SEED.get(lemma, 0.5) for lemma in local_forms.values()}
            lexicon = Lexicon(priors=priors, forms=dict(local_forms), strength=1.0)
            q = [x for x in quotes if x.start < e and x.end > s]
            for f in read_paragraph(Paragraph.read(doc, s, 0, q), lexicon, threshold=0.0):
                if not f.cue:
                    continue
                frame = "quote" if f.frame == "tail" else f.frame  # a tail cue is scored as a quote frame
                lemma = (
                    "according"
                    if frame == "according"
                    else lexicon.lemma(text[f.cue[0][0] : f.cue[0][1]].split()[0].lower())
                )
                if not lemma:
                    continue
                cue_chars = set(range(f.cue[0][0], f.cue[0][1]))
                hit = any(cue_chars & g for g in gold_cues)
                c = counts[lemma][frame]
                c[0] += int(hit)
                c[1] += 1
        log.info("learned from %s", name)
    kept = {
        lemma: {frame: v for frame, v in frames.items() if v[1] >= min_seen or v[0] > 0}
        for lemma, frames in counts.items()
    }
    kept = {k: v for k, v in kept.items() if v and any(x[0] > 0 for x in v.values())}
    return {
        "source": "cue statistics learned by `saidwhat learn-cues`",
        "counts": kept,
        "forms": {f: lemma for f, lemma in sorted(forms.items()) if lemma in kept and f != lemma},
    }


def write_counts(data: dict, output: str | Path) -> None:
    Path(output).write_text(json.dumps(data, indent=0, sort_keys=True) + "\n", encoding="utf-8")
