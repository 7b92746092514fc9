"""Cue candidates: the words of a paragraph that may introduce a statement.

Found in bulk: the paragraph's word form hashes (read once, Paragraph.lower) are
looked up in the set of the lexicon's form hashes, so only words that can reach the
threshold in some frame are looked at one by one. A verb is a candidate with its
subject and the clause it reports. A noun is one with an owner ("Trump's claim
that ...", the owner its source) or as the object of a light verb ("X made the claim
that ...", "voiced support for", the verb's subject its source); an adjective is one
after a copula ("X is confident that ...", "was critical of"); a noun that says what someone is
("X, a critic of Y", "X is a supporter of Y") has X as its source. Each kind has its
own frames (frames.FRAMES), learned statistics and scorer features. "according to"
has its own finder (reports.py).
"""

from __future__ import annotations

from functools import partial

from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from .addressee import ADDRESSEE_VERBS
from .frames import clause
from .lexicon import COPULAS, Lexicon, is_light_verb, is_linking_verb
from .noun_frames import noun_content
from .paragraph import Paragraph
from .records import Cue, CueKind
from .syntax import subject_of
from .tokens import column

# The ids of the tags ``cue_kind`` takes for a verb's at once (the Penn verb tags),
# and of the others it can give a kind.
_VERB_TAGS = frozenset(get_string_id(t) for t in ("VB", "VBD", "VBG", "VBN", "VBP", "VBZ"))
_OTHER_CUE_TAGS = frozenset(get_string_id(t) for t in ("NN", "NNS", "JJ"))
_ACCORDING = get_string_id("according")
_NSUBJ, _POSS = get_string_id("nsubj"), get_string_id("poss")


def candidate_tokens(para: Paragraph, lexicon: Lexicon, threshold: float) -> list[int]:
    """Indices of the tokens outside quotations whose form is a cue word."""
    if para.hi == para.lo:
        return []
    forms = lexicon.cue_forms(threshold)
    in_quote = para.in_quote
    return [i for i, form in enumerate(para.forms, para.lo) if form in forms and not in_quote[i]]


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


def cue_kind(tok: Token) -> CueKind | None:
    """What kind of cue ``tok`` can be, from its parse alone (whatever its word):
    learning and extraction take candidates by this one rule."""
    tag = tok.tag_
    if tag.startswith("VB"):
        return "verb"
    if tag in ("NN", "NNS"):
        labels = {c.dep for c in tok.children}  # (its children walked once for both checks)
        if _NSUBJ in labels:
            # a "noun" that governs a subject is a verb the tagger took for a plural noun:
            # "The campaign plans to ...", "Voters worries that ..." (and in Title Case headlines)
            return "verb"
        if _POSS in labels:
            return "noun"
        dep = tok.dep_
        if dep == "dobj" and is_light_verb(tok.head.lower_):
            return "light"
        if dep == "appos" or dep == "attr" and tok.head.lower_ in COPULAS:
            return "role"
        return None
    if tag == "JJ" and tok.dep_ == "acomp" and is_linking_verb(tok.head.lower_):
        return "adjective"
    return None


def _verb_subject(
    tok: Token, lemma: str, in_quote: list[bool], children: tuple[Token, ...] | None = None
) -> Token | None:
    """The subject of a verb cue: none when it is the one spoken to (``children``:
    the verb's, when read)."""
    return None if _addressed(tok, lemma) else subject_of(tok, in_quote, children)


def _verb_tag(doc: Doc, tag: int) -> bool:
    """Whether the tag of id ``tag`` is one ``cue_kind`` takes for a verb's."""
    return doc.vocab.strings[tag].startswith("VB")


def find_cues(para: Paragraph, lexicon: Lexicon, threshold: float) -> list[Cue]:
    """The verb, noun and adjective cue candidates of ``para``, in text order
    ("according" is left to its own finder)."""
    doc = para.doc
    found_at = candidate_tokens(para, lexicon, threshold)
    if not found_at:
        return []
    # (a candidate's word and tag are read as ids: most candidates are verbs, known as
    # such by their tag id without a string read)
    lower, tags, lemmas = para.lower, column(doc, "TAG"), lexicon.cue_forms(threshold)
    cues = []
    for i in found_at:
        form = lower[i]
        if form == _ACCORDING:
            continue
        lemma = lemmas[form]  # (a candidate's form is one of the table's)
        tag = tags[i]
        if tag not in _VERB_TAGS and tag not in _OTHER_CUE_TAGS and not _verb_tag(doc, tag):
            continue  # a tag cue_kind gives no kind ("'s", a name, a preposition): no Token built
        tok = doc[i]
        kind: CueKind | None = "verb" if tag in _VERB_TAGS else cue_kind(tok)
        if kind == "verb":
            # its children and their labels (read once, Cue.children and deps) for the
            # clause finder, the frames, the subject and the scorer (reports)
            cue = Cue(tok, lemma, None, None)
            cue.found_subject = partial(_verb_subject, tok, lemma, para.in_quote, cue.children)
            cue.clause = clause(tok, para.in_quote, cue.deps, cue.children)
            cues.append(cue)
        elif kind == "noun":
            owner = next(c for c in tok.children if c.dep == _POSS)
            if not para.in_quote[owner.i]:
                cues.append(Cue(tok, lemma, owner, noun_content(tok), kind="noun"))
        elif kind == "role" and tok.dep_ == "appos":  # "X, a critic of Y": X
            if not para.in_quote[tok.head.i]:
                cues.append(Cue(tok, lemma, tok.head, None, kind=kind))
        elif kind is not None:  # the subject of the light verb or of the copula
            cues.append(Cue(tok, lemma, partial(subject_of, tok.head, para.in_quote), None, kind=kind))
    # "made the claim that": the light verb is part of its noun's cue, not one of its own
    light = {c.tok.head.i for c in cues if c.kind == "light"}
    return [c for c in cues if c.kind != "verb" or c.tok.i not in light] if light else cues
