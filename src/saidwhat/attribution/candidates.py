"""Cue candidates: the words of a paragraph that may introduce a statement.

Found in bulk: the paragraph's word form hashes (read once, Paragraph.lower) are
looked up in the set of the lexicon's form hashes, so only words that can reach the
threshold in some frame are looked at one by one. A verb is a candidate with its
subject and the clause it reports; a noun is one only when it has an owner
("Trump's claim that ..."). "according to" has its own finder (reports.py).
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Token

from .addressee import ADDRESSEE_VERBS
from .frames import clause, noun_content
from .lexicon import Lexicon
from .paragraph import Paragraph
from .records import Cue
from .syntax import subject_of


def candidate_tokens(para: Paragraph, lexicon: Lexicon, threshold: float) -> list[int]:
    """Indices of the tokens outside quotations whose form is a cue word."""
    doc = para.doc
    if len(doc) == 0:
        return []
    forms = _form_set(lexicon.form_ids(threshold))
    in_quote = para.in_quote
    return [i for i, form in enumerate(para.lower) if form in forms and not in_quote[i]]


_FORM_SETS: dict[int, tuple[Any, frozenset[int]]] = {}


def _form_set(ids: Any) -> frozenset[int]:
    """The lexicon's sorted form hashes as a set (a paragraph is too short for numpy's
    vectorised lookup to pay for its calls); one per array, which the lexicon caches."""
    found = _FORM_SETS.get(id(ids))
    if found is None or found[0] is not ids:
        found = _FORM_SETS[id(ids)] = (ids, frozenset(ids.tolist()))
    return found[1]


def _mistagged_verb(tok: Token) -> bool:
    """A "noun" that governs a subject is a verb the tagger took for a plural noun:
    "The campaign plans to ...", "Voters worries that ..." (and in Title Case headlines)."""
    return tok.tag_ in ("NN", "NNS") and any(c.dep_ == "nsubj" for c in tok.children)


# Verbs whose passive subject is the one spoken to: "Asked about the plan, she said ..."
ADDRESSED = ADDRESSEE_VERBS | frozenset(("press", "question", "quiz"))


def _addressed(tok: Token, lemma: str) -> bool:
    """ "Asked about the plan, Ruiz said ...", "Ruiz was asked whether ...": a passive of
    asking or telling; its subject (or the clause's) was spoken to, the speaker is
    not named."""
    if lemma not in ADDRESSED or tok.tag_ != "VBN" or any(c.dep_ == "agent" for c in tok.children):
        return False
    if any(c.dep_ == "auxpass" for c in tok.children):
        return True
    return (
        tok.dep_ == "advcl"
        and tok.i < tok.head.i
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
    )


def find_cues(para: Paragraph, lexicon: Lexicon, threshold: float) -> list[Cue]:
    """The verb and noun cue candidates of ``para``, in text order ("according" is
    left to its own finder)."""
    doc = para.doc
    cues = []
    for i in candidate_tokens(para, lexicon, threshold):
        tok = doc[i]
        low = tok.lower_
        if low == "according":
            continue
        lemma = lexicon.lemma(low)
        if lemma is None:
            continue
        if tok.tag_.startswith("VB") or _mistagged_verb(tok):
            subject = None if _addressed(tok, lemma) else subject_of(tok, para.in_quote)
            cues.append(Cue(tok, lemma, subject, clause(tok, para.in_quote)))
        elif tok.tag_ in ("NN", "NNS"):
            owner = next((c for c in tok.children if c.dep_ == "poss"), None)
            if owner is not None and not para.in_quote[owner.i]:
                cues.append(Cue(tok, lemma, owner, noun_content(tok), noun=True))
    return cues
