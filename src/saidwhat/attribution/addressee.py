"""To whom, where, and through what a statement was made.

    addressee   told [reporters]; said at [a news conference]; said to [CNN]
    channel     said in [a statement]; wrote in [a letter]; said on [Twitter]

The addressee is an audience or an occasion; the channel is the document or
medium the words came in. Neither is ever the speaker (see speakers.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.strings import get_string_id
from spacy.tokens import Token

from ..model import Offsets
from .syntax import VENUES, chars, trim_tokens

if TYPE_CHECKING:  # (for the annotation only)
    from .records import Cue

ADDRESSEE_VERBS = frozenset(
    "tell inform assure reassure warn ask remind urge advise caution promise brief".split()
)
# Documents and media: what the words came in, not where they were said.
DOCUMENTS = frozenset(
    """statement letter tweet tweets post posts memo email emails report op-ed editorial
    message release filing affidavit complaint lawsuit ruling opinion essay column blog
    book memoir podcast video twitter facebook instagram""".split()
)
_PREP = get_string_id("prep")
_TOLD = frozenset(get_string_id(d) for d in ("dobj", "dative", "iobj"))  # whom it was told
_SAY_TO = frozenset(("say", "write", "speak", "explain", "talk", "tweet"))


def _phrase(tok: Token) -> tuple[str, Offsets] | None:
    """The noun phrase of ``tok`` without a clause after it: "in [a statement] that
    her client ..." (the clause is what was said)."""
    doc = tok.doc
    end = tok.right_edge.i + 1
    for child in tok.rights:
        if (
            child.dep_ == "relcl"
            or child.dep_ in ("acl", "ccomp")
            and any(c.dep_ == "mark" and c.lower_ == "that" for c in child.children)
        ):
            end = min(end, child.left_edge.i)
    i, j = trim_tokens(doc, tok.left_edge.i, end, keep_quotes=False)
    if j <= i:
        return None
    return doc[i:j].text, chars(doc, i, j)


def _is_document(pobj: Token) -> bool:
    return pobj.lower_ in DOCUMENTS


def _venue(pobj: Token) -> bool:
    return pobj.lower_ in VENUES or any(c.lower_ in VENUES for c in pobj.children if c.dep_ == "compound")


def addressee(cue: Cue) -> tuple[str, Offsets] | None:
    """The audience or occasion of a verb cue: "told [reporters]", "at [a briefing]"
    (read over the children the cue read once)."""
    verb, lemma = cue.tok, cue.lemma
    doc = verb.doc
    telling = lemma in ADDRESSEE_VERBS
    for child in cue.children:
        dep = child.dep  # (the label's id, read once per child)
        if telling and dep in _TOLD and child.tag_ not in ("WDT", "WP"):
            i, j = trim_tokens(doc, child.left_edge.i, child.right_edge.i + 1, keep_quotes=False)
            # stop at a clause inside the object ("told reporters that ...")
            for k in range(child.i + 1, j):
                if doc[k].dep_ in ("ccomp", "relcl", "acl") or doc[k].text in (",", "“", '"'):
                    j = k
                    break
            if j > i:
                return doc[i:j].text, chars(doc, i, j)
        if dep != _PREP:
            continue
        pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
        if pobj is None or _is_document(pobj) and child.lower_ in ("in", "on"):
            continue
        prep = child.lower_
        if (
            (prep in ("at", "in", "during", "on") and _venue(pobj))
            or (prep == "to" and lemma in _SAY_TO)
            or (prep == "with" and pobj.lower_ in VENUES)
        ):
            return _phrase(pobj)
    return None


def channel(cue: Cue) -> tuple[str, Offsets] | None:
    """The document or medium of a verb cue: "said in [a statement]", "wrote on
    [Facebook]"."""
    if _PREP not in cue.deps:
        return None  # no preposition among its children (most cues): none walked
    for child in cue.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "on", "via", "through"):
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and _is_document(pobj):
                return _phrase(pobj)
    return None
