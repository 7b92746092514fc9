"""Frames of noun and adjective cues, and the phrases every cue may govern.

A noun or adjective cue reports what one of its phrases says: a clause opening with
"that" ("Trump's claim [that ...]"), an infinitive ("a plan [to ...]"), a
preposition's object ("support [for the bill]", "critical [of the plan]"). The
finders of those phrases are here, with the four frames that are nothing but them
(noun, light, role, adjective); the verb frames use the phrase finders too.
``FRAMES`` in frames.py lists every frame, in the order a cue's are tried.
"""

from __future__ import annotations

from spacy.tokens import Token

from .addressee import DOCUMENTS
from .forms import verb_forms
from .paragraph import Paragraph
from .records import Cue, Match, TokenRange
from .syntax import VENUES, is_thing, right_children
from .when import is_time_phrase


def that_clause(head: Token) -> TokenRange | None:
    """Token range of a clause opening with "that" hung on ``head``: "the claim [that
    ...]", "a statement [that ...]"."""
    for child in head.rights:
        if child.dep_ in ("acl", "ccomp", "relcl") and any(
            c.dep_ == "mark" and c.lower_ == "that" for c in child.children
        ):
            return child.left_edge.i, child.right_edge.i + 1
    return None


def infinitive(verb: Token, children: tuple[Token, ...] | None = None) -> TokenRange | None:
    """ "vowed [to retaliate]": an xcomp with its "to" (``children``: the verb's, when
    the caller read them)."""
    for child in verb.children if children is None else children:
        if child.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
            return child.left_edge.i, child.right_edge.i + 1
    return None


# prepositions that introduce what a statement is about ("spoke about", "called for")
CONTENT_PREPOSITIONS = frozenset("about of for on against as with over".split())


# Verbs whose "to" says what they are about even before a person ("was referring to
# Jim Brady"), never whom they were said to.
_TO_ABOUT = verb_forms("refer allude object".split())


_DURATIONS = frozenset("seconds minutes hours days weeks months years decades".split())
# Verbs of speaking: "to" or "with" someone is the audience, "on" the radio the medium.
_SPEAKING = verb_forms("speak talk write tweet post".split())
_MEDIA = VENUES | DOCUMENTS | frozenset("radio television tv channel network page media air".split())


def prep_object(head: Token, children: tuple[Token, ...] | None = None) -> tuple[Token, TokenRange] | None:
    """The preposition and its object's token range: "called for [a recount]",
    "referred to [the resorts]" ("to" a person is whom it was said to). (``children``:
    the head's, when the caller read them.)"""
    for child in head.rights if children is None else right_children(head, children):
        if child.dep_ == "prep" and (child.lower_ in CONTENT_PREPOSITIONS or child.lower_ == "to"):
            obj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if obj is None or is_time_phrase(obj) or child.lower_ == "for" and obj.lower_ in _DURATIONS:
                continue  # "spoke for [about 30 minutes]": how long, not what
            if head.lower_ in _SPEAKING and (
                child.lower_ in ("to", "with") or child.lower_ == "on" and obj.lower_ in _MEDIA
            ):
                continue  # "speaking to [a crowd]", "spoke with [voters]", "on [the radio]": whom, where
            if child.lower_ == "to" and not (
                obj.dep_ == "pcomp" or is_thing(obj) or head.lower_ in _TO_ABOUT
            ):
                continue
            return child, (child.i + 1, child.right_edge.i + 1)
    return None


def noun_content(noun: Token) -> TokenRange | None:
    """What a noun cue reports: "claim [that ...]", "plan [to ...]", "support [for ...]",
    or what it is said to be: "his words were [that ...]"."""
    span = that_clause(noun)
    if span is not None:
        return span
    prep = prep_object(noun)
    if prep:
        return prep[1]
    span = infinitive(noun)
    if span:
        return span
    if noun.dep_ == "nsubj" and noun.head.lower_ in ("was", "were", "is", "are"):
        copula = noun.head
        done = next((c for c in copula.rights if c.dep_ in ("attr", "ccomp", "acomp")), None)
        if done is not None:
            return done.left_edge.i, done.right_edge.i + 1
    return None


def find_noun(cue: Cue, para: Paragraph) -> Match | None:
    span = noun_content(cue.tok)
    return Match((span,)) if span else None


def find_role(cue: Cue, para: Paragraph) -> Match | None:
    """ "X, a fierce critic [of Y]", "X is a supporter [of Y]": what the noun that
    says what X is is about (its preposition part of the cue), or its clause."""
    found = prep_object(cue.tok)
    if found:
        return Match((found[1],), cue_extra=found[0])
    return find_noun(cue, para)


def find_light(cue: Cue, para: Paragraph) -> Match | None:
    """ "X made the claim [that ...]", "voiced support [for the bill]", "gave
    assurances [that ...]": what the noun reports, or the clause its light verb
    governs ("made the argument yesterday [that ...]")."""
    if any(c.lower_ == "no" for c in cue.tok.children):
        return None  # "made no mention of": what was not said is no statement
    verb = cue.tok.head if cue.tok.head.i < cue.tok.i else None
    found = prep_object(cue.tok)
    if found and not any(c.dep_ in ("acl", "ccomp", "relcl") for c in cue.tok.children):
        return Match((found[1],), cue_extra=found[0], cue_from=verb)
    span = noun_content(cue.tok)
    if span is None:
        span = next(
            (
                (c.left_edge.i, c.right_edge.i + 1)
                for c in cue.tok.head.rights
                if c.dep_ == "ccomp" and c.i > cue.tok.i and not para.in_quote[c.i]
            ),
            None,
        )
    return Match((span,), cue_from=verb) if span else None


def find_adjective(cue: Cue, para: Paragraph) -> Match | None:
    """ "X is confident [that ...]", "was critical [of the plan]", "is eager [to
    ...]": the adjective's clause, its preposition's object (the preposition is part
    of the cue), or its infinitive."""
    adj = cue.tok
    for child in adj.rights:
        if child.dep_ == "ccomp" and not para.in_quote[child.i]:
            return Match(((child.left_edge.i, child.right_edge.i + 1),))
    found = prep_object(adj)
    if found:
        return Match((found[1],), cue_extra=found[0])
    span = infinitive(adj)
    return Match((span,)) if span else None
