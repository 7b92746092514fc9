"""Syntactic frames: the spans a cue governs in a dependency parse.

Each finder takes a cue token and returns token ranges (end exclusive) or offsets
relative to its Doc: the subject that names the source, the clause, object or
prepositional phrase that holds what was said, and where or to whom it was said.
cues.py decides which frame a cue is in and turns ranges into article offsets.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..model import Offsets
from .mentions import GROUP_NOUNS, ORG_WORDS, PERSON_NOUNS
from .when import is_time_phrase

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
# prepositional phrases that say where or to whom something was said
VENUES = frozenset(
    """conference briefing interview meeting hearing rally statement speech post tweet letter
    op-ed editorial event forum appearance session summit debate address broadcast show
    program programme podcast call emails email memo report message video remarks
    ceremony gathering convention town-hall townhall dinner luncheon breakfast""".split()
)
ADDRESSEE_VERBS = frozenset(
    "tell inform assure reassure warn ask remind urge advise caution promise brief".split()
)


def chars(doc: Doc, i: int, j: int) -> Offsets:
    return doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)


def trim_tokens(doc: Doc, i: int, j: int, keep_quotes: bool = True) -> tuple[int, int]:
    """Drop edge punctuation and conjunctions, keeping quotation marks."""

    def droppable(t: Token) -> bool:
        if t.is_space:
            return True
        if t.is_quote and keep_quotes:
            return False
        return t.is_punct or t.dep_ == "cc" and t.i in (i, j - 1)

    while i < j and droppable(doc[i]):
        i += 1
    while j > i and droppable(doc[j - 1]):
        j -= 1
    return i, j


def subject_of(verb: Token, in_quote: list[bool]) -> Token | None:
    """The subject of ``verb``, inherited through coordination and participles
    ("..., adding that", "and added"), or the agent of a passive. A subject inside
    a quotation is a misparse of "“...,” said X" and never the speaker."""
    for _ in range(3):
        agent = None
        for child in verb.children:
            if child.dep_ in SUBJECTS and not in_quote[child.i]:
                # "it was reported that ..." names no source
                if child.dep_ == "nsubjpass" and child.lower_ in ("it", "there"):
                    return None
                if child.dep_ != "nsubjpass" or not any(c.dep_ == "agent" for c in verb.children):
                    return child
            if child.dep_ == "agent":
                agent = next((c for c in child.children if c.dep_ == "pobj"), None)
        if agent is not None:
            return agent
        if verb.dep_ == "relcl" and verb.head.tag_.startswith(("NN", "PRP")):
            return verb.head
        if verb.dep_ in ("conj", "advcl", "xcomp", "acl", "pcomp") and verb.head != verb:
            head = verb.head
            if verb.dep_ == "acl" and head.tag_.startswith("NN"):
                # "a statement saying ..." is said by whoever issued the statement
                if (
                    head.lower_ in VENUES
                    and head.head.tag_.startswith("VB")
                    and head.dep_ in ("dobj", "pobj")
                ):
                    verb = head.head if head.dep_ == "dobj" else head.head.head
                    continue
                return head
            if verb.dep_ == "pcomp" and head.dep_ == "prep":
                head = head.head  # "..., before saying that"
            verb = head
            continue
        return None
    return None


def cue_span(tok: Token) -> list[Offsets]:
    """The cue as written: the word, with a particle ("pointed out") or a fixed
    preposition ("according to", "called for")."""
    doc = tok.doc
    j = tok.i + 1
    if j < len(doc) and (doc[j].dep_ == "prt" and doc[j].head == tok):
        j += 1
    return [chars(doc, tok.i, j)]


def clause(verb: Token, in_quote: list[bool]) -> tuple[int, int] | None:
    """Token range of the clause ``verb`` reports (ccomp), or of the clause it
    follows in an inverted report ("X is Y, officials said")."""
    doc = verb.doc
    for child in verb.children:
        if child.dep_ in ("ccomp",) and not (child.i < verb.i and in_quote[child.i]):
            return child.left_edge.i, child.right_edge.i + 1
    head = verb.head
    # inverted: "[The letter was not identical], Abdul Mahdi told a meeting"
    if verb.dep_ in ("parataxis", "ccomp", "advcl", "conj") and head.i < verb.i and head != verb:
        left = verb.left_edge.i
        comma = left > 0 and doc[left - 1].text in (",", "—", "–", "-")
        marked = any(c.dep_ in ("mark", "cc") for c in verb.children) or doc[left].dep_ == "cc"
        if comma and not marked and head.dep_ == "ROOT" and not in_quote[head.i]:
            i, j = head.left_edge.i, left
            return (i, j) if j > i else None
    return None


def noun_clause(noun: Token) -> tuple[int, int] | None:
    """What a noun cue reports: "claim [that ...]", "support [for ...]"."""
    for child in noun.rights:
        if child.dep_ in ("acl", "ccomp", "relcl") and any(
            c.lower_ == "that" and c.dep_ == "mark" for c in child.children
        ):
            return child.left_edge.i, child.right_edge.i + 1
    prep = prep_object(noun)
    return prep[1] if prep else None


def infinitive(verb: Token) -> tuple[int, int] | None:
    for child in verb.children:
        if child.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
            return child.left_edge.i, child.right_edge.i + 1
    return None


def object_span(verb: Token) -> tuple[int, int] | None:
    """The object and its complements: "accused [Iran of working to ...]"."""
    doc = verb.doc
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "obj")), None)
    if obj is None:
        return None
    i, j = obj.left_edge.i, obj.right_edge.i + 1
    for child in verb.rights:
        if child.i > obj.i and child.dep_ in ("prep", "xcomp", "ccomp", "oprd"):
            j = max(j, child.right_edge.i + 1)
    return (i, j) if j <= len(doc) else None


# prepositions that introduce what a statement is about ("spoke about", "called for")
CONTENT_PREPOSITIONS = frozenset("about of for on against as with over".split())


def prep_object(verb: Token) -> tuple[Token, tuple[int, int]] | None:
    """The preposition and its object's token range: "called for [a recount]"."""
    for child in verb.rights:
        if child.dep_ == "prep" and child.lower_ in CONTENT_PREPOSITIONS:
            obj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if obj is not None and not is_time_phrase(obj):
                return child, (child.i + 1, child.right_edge.i + 1)
    return None


def colon(verb: Token, sent: SpacySpan) -> tuple[int, int] | None:
    doc = verb.doc
    k = verb.i + 1
    limit = min(sent.end, verb.i + 6)
    while k < limit and doc[k].text != ":":
        if doc[k].is_punct and doc[k].text not in ("-", "—"):
            return None
        k += 1
    if k < limit and k + 1 < sent.end:
        return k + 1, sent.end
    return None


def addressee(verb: Token, lemma: str) -> tuple[str, Offsets] | None:
    doc = verb.doc
    for child in verb.children:
        if (
            lemma in ADDRESSEE_VERBS
            and child.dep_ in ("dobj", "dative", "iobj")
            and (child.tag_ not in ("WDT", "WP"))
        ):
            i, j = trim_tokens(doc, child.left_edge.i, child.right_edge.i + 1, keep_quotes=False)
            # stop at a clause inside the object ("told reporters that ...")
            for k in range(child.i + 1, j):
                if doc[k].dep_ in ("ccomp", "relcl", "acl") or doc[k].text in (",", "“", '"'):
                    j = k
                    break
            if j > i:
                return doc[i:j].text, chars(doc, i, j)
        if child.dep_ == "prep":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is None:
                continue
            venue = pobj.lower_ in VENUES or any(
                c.lower_ in VENUES for c in pobj.children if c.dep_ == "compound"
            )
            if (
                (child.lower_ in ("at", "in", "during", "on") and venue)
                or (child.lower_ == "to" and lemma in ("say", "write", "speak", "explain", "talk", "tweet"))
                or (child.lower_ == "with" and pobj.lower_ in VENUES)
            ):
                i, j = trim_tokens(doc, pobj.left_edge.i, pobj.right_edge.i + 1, keep_quotes=False)
                if j > i:
                    return doc[i:j].text, chars(doc, i, j)
    return None


_HUMAN_SUFFIXES = (
    "er",
    "or",
    "ist",
    "ian",
    "ant",
    "ent",
    "ee",
    "man",
    "men",
    "woman",
    "women",
    "people",
    "folks",
)


def is_thing(head: Token | None) -> bool:
    """A common noun that is neither a person, a group nor an organisation."""
    if head is None or head.tag_ not in ("NN", "NNS") or not head.is_lower:
        return False
    low = head.lower_
    if low in PERSON_NOUNS or low in GROUP_NOUNS or low in ORG_WORDS or low in VENUES:
        return False
    return not low.rstrip("s").endswith(_HUMAN_SUFFIXES)


def impersonal(verb: Token) -> bool:
    """ "It was reported that ...", "... is expected to": a statement with no source."""
    return any(c.dep_ == "auxpass" for c in verb.children) and not any(
        c.dep_ == "agent" for c in verb.children
    )
