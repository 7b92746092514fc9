"""Cue frames: the syntactic shapes in which a cue governs what was said.

One table, ``FRAMES``, lists every frame once: its finder (what the frame's content
is, given a cue and its paragraph) and its prior (how the lexicon's prior for a
word changes in that frame). The reports stage tries a cue's frames in table order
and keeps the first that finds content; the lexicon scores a (word, frame) pair
from that prior and the counts learned for it. A new frame is one finder and one
entry here. The finders of verb cues are here; those of noun and adjective cues, and
the phrases every cue may govern (a that-clause, an infinitive, a preposition's
object), are in noun_frames.py.

    quote       “[We know],” he added                            quotations assigned to the cue
    clause      Pompeo said [that Soleimani was not in Baghdad]  ccomp, or inverted
    parenthetical [The museum], Bush said, [was a triumph]        set off by commas inside its clause
    colon       He said: [the plan will fail]
    infinitive  Iran vowed [to retaliate]                         xcomp with "to"
    object      Pompeo accused [Iran of working to thwart ...]    dobj (+ its complements)
    prep        Clinton spoke about [the shooting]                prep + pobj
    put_it      That is how X put it / as X put it, [...]        the sentence before, or the rest
    raising     [Clinton] seems [to lead]; [it] is expected [to]  no source
    passive     [Russia] was accused of [blocking aid]            no agent: no source
    noun        Trump's claim [that ...]; X's words were [...]    a possessed noun cue
    light       X made the claim [that ...]; voiced support [for]  a noun a light verb takes
    role        X, a critic [of Y]; X is a supporter [of Y]        what the noun is about
    adjective   X is confident [that ...]; X was critical [of ...] an adjective after a copula

Two frames are found outside the table, since their cue is not a single word
with a parse around it: ``according`` ("according to X") and ``tail`` (a reporting
word read from the words right after a quotation the parse left without a cue).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass

from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from .addressee import ADDRESSEE_VERBS
from .forms import verb_forms
from .noun_frames import (
    CONTENT_PREPOSITIONS,
    find_adjective,
    find_light,
    find_noun,
    find_role,
    infinitive,
    prep_object,
    that_clause,
)
from .paragraph import Paragraph
from .records import Cue, CueKind, FrameName, Match, TokenRange
from .syntax import FINITE_TAGS, SAID_NOUNS, VENUES, right_children, trim_tokens
from .tokens import column, window
from .vocabulary import GROUP_NOUNS, names_a_person
from .when import is_time_phrase


@dataclass(frozen=True)
class Frame:
    """A cue frame: its finder and how it changes a word's prior."""

    name: FrameName
    find: Callable[[Cue, Paragraph], Match | None]
    prior: Callable[[float], float]
    cue: CueKind = "verb"  # the kind of cue the frame is tried on
    # dependency labels (as string ids) of which the cue needs a child for the finder
    # to find anything; a cue with none is not handed to it (most cues fit few frames)
    needs: frozenset[int] = frozenset()


def _labels(*deps: str) -> frozenset[int]:
    return frozenset(get_string_id(d) for d in deps)


# ------------------------------------------------------------------ finders


def clause(
    verb: Token,
    in_quote: list[bool],
    labels: set[int] | None = None,
    children: tuple[Token, ...] | None = None,
) -> TokenRange | None:
    """Token range of the clause ``verb`` reports (ccomp), or of the clause it
    follows in an inverted report ("X is Y, officials said"); ``labels`` and
    ``children``: the verb's children and the ids of their labels, when the caller
    read them."""
    doc = verb.doc
    # the verb's children and their labels, read once: each finder below looks only
    # for children of its own labels, so one whose labels the verb lacks is not run
    if children is None:
        children = tuple(verb.children)
    if labels is None:
        labels = {c.dep for c in children}
    if _CCOMP in labels:
        clauses = [
            c
            for c in children
            if c.dep == _CCOMP
            and not (c.i < verb.i and (in_quote[c.i] or _fenced(c, verb) or _subordinate(verb)))
        ]
        if clauses:
            # "Writing for a panel that agreed Pence won, Barabak noted [that ...]": of two
            # clauses the parser hung on the verb, the one after it is what was said
            chosen = next((c for c in clauses if c.i > verb.i), clauses[0])
            return chosen.left_edge.i, chosen.right_edge.i + 1
    if _ADVCL in labels:
        found = _unmarked_clause(verb, children) or _asked_if(verb)
        if found is not None:
            return found
    # inverted: "[The letter was not identical], Abdul Mahdi told a meeting" (the
    # label read as an id, and the head only for the few labels that can invert)
    if verb.dep in _INVERTED and (head := verb.head).i < verb.i:
        # an inverted report names its own speaker ("..., officials said"); a participle
        # with none ("..., citing a threat") reports its object, not the clause before it.
        # (Asked first, with the root, from labels already read: the walks below build Tokens.)
        own_subject = not labels.isdisjoint(_SUBJECTS)
        if own_subject and head.dep == _ROOT and not in_quote[head.i]:
            left = verb.left_edge.i
            while left < verb.i and doc[left].is_punct and head.right_edge.i <= verb.right_edge.i:
                left += 1  # the comma before a report that ends the sentence may hang from its verb
            before, first = left - 1, window(doc, verb.i)[0]  # (first: the paragraph's first token)
            while before > first and doc[before].is_quote and doc[before].text not in ("“", "‘"):
                before -= 1  # '..., the better," McConnell said': the comma may sit inside the quotation
            comma = before >= first and doc[before].text in (",", "—", "–", "-")
            marked = not labels.isdisjoint(_MARK_CC) or doc[left].dep_ == "cc"
            if comma and not marked:
                i, j = head.left_edge.i, left
                return (i, j) if j > i else None
    found = _venue_clause(verb, children) if not labels.isdisjoint(_VENUE_LABELS) else None
    return found or _that_root(verb)


_CCOMP, _ADVCL, _ROOT = get_string_id("ccomp"), get_string_id("advcl"), get_string_id("ROOT")
_AGENT, _AUXPASS, _NSUBJPASS = get_string_id("agent"), get_string_id("auxpass"), get_string_id("nsubjpass")
_INVERTED = frozenset(get_string_id(d) for d in ("parataxis", "ccomp", "advcl", "conj"))
_THAT = get_string_id("that")
_COLON = get_string_id(":")
_MARK, _MARK_CC = get_string_id("mark"), frozenset((get_string_id("mark"), get_string_id("cc")))
_OBJECTS = frozenset((get_string_id("dobj"), get_string_id("obj")))
_SUBJECTS = frozenset((get_string_id("nsubj"), get_string_id("nsubjpass")))
# the children _venue_clause reads: a preposition ("in a statement") or an object ("told a meeting")
_PREP, _DOBJ = get_string_id("prep"), get_string_id("dobj")
_VENUE_LABELS = frozenset((_PREP, _DOBJ))


def _mark(head: Token, words: tuple[str, ...]) -> Token | None:
    """The subordinator of ``head``'s clause, if it is one of ``words``."""
    return next((c for c in head.lefts if c.dep == _MARK and c.lower_ in words), None)


def _subordinate(verb: Token) -> bool:
    """ "[...], that he wants ...": a root the parser gave a "that" is a reported
    clause, which reports no clause hung before it."""
    return verb.dep_ == "ROOT" and _mark(verb, ("that",)) is not None


def _that_root(verb: Token) -> TokenRange | None:
    """ "continues to insist, most recently in an interview, [that he wants ...]": the
    parser made the that-clause the sentence's root, with the report hung before it."""
    # no head walked to the root unless a subordinating "that" stands from the verb on
    # (most cues have none)
    marks = _that_marks(verb.doc)
    k = bisect_left(marks, verb.i)
    if k == len(marks) or marks[k] >= window(verb.doc, verb.i)[1]:
        return None  # none from the verb to its paragraph's end
    root = verb
    for _ in range(12):  # bounded: a report sits a few arcs below its sentence's root
        if root.head == root:
            break
        root = root.head
    if root == verb or root.dep_ != "ROOT" or root.i < verb.i:
        return None
    mark = _mark(root, ("that",))
    if mark is None or mark.i < verb.i:
        return None
    return mark.i, root.right_edge.i + 1


_THAT_MARKS = "saidwhat.that_marks"


def _that_marks(doc: Doc) -> list[int]:
    """Where a subordinating "that" stands in ``doc``, found once per Doc (by its word
    and label ids in the Doc's columns: "that" is as often a pronoun or a determiner),
    not once for every verb cue."""
    found: list[int] | None = doc.user_data.get(_THAT_MARKS)
    if found is None:
        lower, labels = column(doc, "LOWER"), column(doc, "DEP")
        found = []
        k = -1
        while True:  # (list.index scans in C: a paragraph has few "that"s)
            try:
                k = lower.index(_THAT, k + 1)
            except ValueError:
                break
            if labels[k] == _MARK:
                found.append(k)
        doc.user_data[_THAT_MARKS] = found
    return found


# Verbs of asking, whose "if" opens the question, not a condition.
_ASKING = verb_forms("ask wonder inquire enquire question".split())


def _asked_if(verb: Token) -> TokenRange | None:
    """ "Asked [if he was ever bullied], ...", "asked the senator [if she would run]":
    the parser read the question's "if" as a condition."""
    if verb.lower_ not in _ASKING:
        return None
    for child in verb.rights:
        mark = _mark(child, ("if", "whether")) if child.dep_ == "advcl" else None
        if mark is not None:
            return mark.i, child.right_edge.i + 1
    return None


def _unmarked_clause(verb: Token, children: tuple[Token, ...]) -> TokenRange | None:
    """ "said after the convention [he would not accept ...]": a clause after an
    adjunct that the parser hung on the verb as an adverbial clause. With no
    subordinator ("if", "when") and a subject and tense of its own, it is what was
    said; the adjunct the parser gave it stays out (``children``: the verb's)."""
    for child in right_children(verb, children):
        if child.dep_ != "advcl" or any(
            c.dep_ in ("mark", "advmod") and c.i < child.i for c in child.children
        ):
            continue
        subject = next((c for c in child.lefts if c.dep_ in ("nsubj", "nsubjpass")), None)
        finite = child.tag_ in FINITE_TAGS or any(c.dep_ == "aux" and c.tag_ == "MD" for c in child.children)
        if subject is not None and finite:
            return subject.left_edge.i, child.right_edge.i + 1
    return None


def _fenced(before: Token, verb: Token) -> bool:
    """Whether a colon or semicolon parts the clause ``before`` from ``verb``: in "The
    probe set off fireworks: Republicans said they ...", the clause before the colon
    is the writer's, and the report's content is the clause after its verb."""
    doc = verb.doc
    return any(doc[k].text in (":", ";") for k in range(before.right_edge.i, verb.i))


# Verbs whose object is whom they were said to ("told [reporters] that ...").
_TELLING = verb_forms("tell inform assure reassure remind warn brief".split())


def _venue_clause(verb: Token, children: tuple[Token, ...]) -> TokenRange | None:
    """ "told The Hill in a statement [that her client ...]", "told a meeting of
    leaders [that few people ...]": the parser hung the clause on the statement it
    was said in, or on whom it was said to (``children``: the verb's)."""
    at = verb.i
    for child in children:
        if child.i < at:
            continue  # (its right children only: the children are in text order)
        dep = child.dep  # (the label's id: most children are neither)
        if dep == _PREP and child.lower_ in ("in", "at", "during", "via", "through"):
            # (not "seized upon a report that ...": the report's claim, not the speaker's)
            hosts = [c for c in child.children if c.dep_ == "pobj" and c.lower_ in VENUES]
            when = next((c for c in child.children if c.dep_ == "pobj" and _is_when(c)), None)
            found = _complement_after(when) if when is not None else None
            if found is not None:
                return found
        elif dep == _DOBJ and verb.lower_ in _TELLING:
            hosts = [
                child,
                *(p for c in child.rights if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"),
            ]
        else:
            continue
        for host in hosts:
            found = that_clause(host)
            if found is not None:
                return found
    return None


def _is_when(tok: Token) -> bool:
    return tok.lower_ == "time" or is_time_phrase(tok)


def _complement_after(when: Token) -> TokenRange | None:
    """ "reported at the time [that the editor had conveyed ...]": the parser read the
    "that" as a relative pronoun of "time". When the clause has a subject of its own,
    "that" opens what was reported, not a relative clause."""
    for child in when.rights:
        first = child.left_edge
        if child.dep_ not in ("relcl", "acl", "ccomp") or first.lower_ != "that" or first.dep_ in _ARGUMENTS:
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ != "that" for c in child.children):
            return first.i, child.right_edge.i + 1
    return None


_ARGUMENTS = frozenset(("nsubj", "nsubjpass", "dobj", "pobj"))


def _quote(cue: Cue, para: Paragraph) -> Match | None:
    if not cue.quotes:
        return None
    return Match(tuple((q.first, q.last + 1) for q in sorted(cue.quotes, key=lambda q: q.first)))


def _clause(cue: Cue, para: Paragraph) -> Match | None:
    if not cue.clause:
        return None
    fronted = _fronted_relative(cue.tok, cue.clause)
    return Match(fronted) if fronted else Match((cue.clause,))


def _fronted_relative(verb: Token, clause: TokenRange) -> tuple[TokenRange, TokenRange] | None:
    """ "changes, [which] officials said [will go into effect]", "the vote, [which] she
    said [was a mistake]": what was said is the relative pronoun that stands for its
    subject, and the clause after the cue."""
    doc = verb.doc
    i, j = clause
    if i < verb.i < j:  # the pronoun is the clause's own subject, fronted before the cue
        pronoun = doc[i]
        head = next((c for c in verb.rights if c.dep_ == "ccomp" and c.left_edge.i == i), None)
        # the clause's words after the cue ("said Tuesday [will go ...]")
        after = min((t.i for t in head.subtree if t.i > verb.i), default=j) if head is not None else j
    else:  # the pronoun is the cue's object, and the clause after it has no subject
        found = next((c for c in verb.lefts if c.dep_ == "dobj"), None)
        if found is None or found.tag_ not in _RELATIVE_TAGS:
            return None
        if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in doc[i:j] if c.head.i >= i):
            return None
        pronoun, after = found, i
    if pronoun.tag_ not in _RELATIVE_TAGS or after >= j:
        return None
    return (pronoun.i, pronoun.i + 1), (after, j)


_COMMAS = frozenset((",", "—", "–"))


def _parenthetical(cue: Cue, para: Paragraph) -> Match | None:
    """ "The museum, Mr. Bush said, celebrated his heroes": a report set off by commas
    inside the clause it reports, which is all of that clause but the report."""
    verb, doc = cue.tok, para.doc
    if verb.dep not in _INVERTED:
        return None  # (the label's id first: most cues are roots, no head read)
    head = verb.head
    if head == verb:
        return None
    if _CCOMP in cue.deps:  # (labels' ids, read once per cue)
        return None
    if verb.dep == _ADVCL and _mark(verb, ("as",)) is not None:
        return _as_noted(verb, cue.children)
    left, right = verb.left_edge.i, verb.right_edge.i
    while left < verb.i and doc[left].is_punct:
        left += 1
    while right > verb.i and doc[right].is_punct:
        right -= 1  # the commas around the report may hang from its verb
    before, after = left - 1, right + 1
    if (
        before < para.lo
        or after >= para.hi
        or doc[before].text not in _COMMAS
        or doc[after].text not in _COMMAS
    ):
        return None
    start, end = min(head.left_edge.i, before), max(head.right_edge.i + 1, after + 1)
    pieces = tuple((i, j) for i, j in ((start, before), (after + 1, end)) if j - i >= 2)
    return Match(pieces) if pieces else None


# The content prepositions that give an "as" report words of its own ("as she called
# for a vote"); not "on", "as" or "with", which as often say when or with whom.
_AS_OWN_WORDS = CONTENT_PREPOSITIONS - {"on", "as", "with"}


def _as_noted(verb: Token, children: tuple[Token, ...]) -> Match | None:
    """ "[The bridge is unsafe], as the mayor noted", "As Ruiz said, [...]": the clause
    the "as" report hangs on, without the report. Not "as" with an object of its own
    ("as she told reporters the news", "as she called for a vote")."""
    if any(c.dep_ in ("dobj", "xcomp") or c.dep_ == "prep" and c.lower_ in _AS_OWN_WORDS for c in children):
        return None  # "as she called for [the ratification]" says what it says itself
    doc, head = verb.doc, verb.head
    pieces = tuple(
        r
        for r in (
            trim_tokens(doc, head.left_edge.i, verb.left_edge.i),
            trim_tokens(doc, verb.right_edge.i + 1, head.right_edge.i + 1),
        )
        if r[1] - r[0] >= 2
    )
    return Match(pieces) if pieces else None


def colon(cue: Cue, para: Paragraph) -> Match | None:
    """ "He said: [the plan will fail]": a colon within five words after the cue."""
    doc, verb = para.doc, cue.tok
    if _COLON not in para.forms:
        return None  # no colon in the paragraph (most have none): no token read
    _, sent_end = para.sentence(verb.i)
    k = verb.i + 1
    limit = min(sent_end, verb.i + 6)
    while k < limit:
        tok = doc[k]
        if tok.text == ":":
            break
        if tok.is_punct and tok.text not in ("-", "—"):
            return None
        k += 1
    if k < limit and k + 1 < sent_end:
        return Match(((k + 1, sent_end),))
    return None


def _infinitive(cue: Cue, para: Paragraph) -> Match | None:
    span = infinitive(cue.tok, cue.children)
    return Match((span,)) if span else None


# Verbs that raise their infinitive's subject: "Clinton seems to lead", "the vote is
# expected to pass" attribute the whole "Clinton ... to lead" to no one in particular.
RAISING = frozenset(("seem", "appear"))
PASSIVE_RAISING = frozenset(
    ("expect", "believe", "think", "say", "report", "know", "consider", "rumor", "rumour")
)


def _raising(cue: Cue, para: Paragraph) -> Match | None:
    verb = cue.tok
    if cue.lemma not in RAISING and cue.lemma not in PASSIVE_RAISING:
        return None  # the word first: it rules out nearly every cue without reading the parse
    children = cue.children
    passive = any(c.dep == _AUXPASS for c in children)
    if not (cue.lemma in RAISING or passive):
        return None
    if any(c.dep == _AGENT for c in children):
        return None
    span = infinitive(verb, children)
    subject = next((c for c in children if c.dep in _SUBJECTS), None)
    if span is None or subject is None or subject.lower_ in ("it", "there"):
        return None
    start, end = subject.left_edge.i, subject.right_edge.i + 1
    return Match(((start, end), span), no_source=True)


def _passive(cue: Cue, para: Paragraph) -> Match | None:
    """ "Russia was accused of [blocking aid]", "He was asked about [the hold]": a
    passive report with no agent names no source; its subject is whom it is about.
    With an agent, the agent is the source ("[The meeting] was first reported by
    Politico", "[the bill], opposed by House Republicans")."""
    verb = cue.tok
    children = cue.children
    if any(c.dep == _AGENT for c in children):
        return _agentive(verb)
    if not any(c.dep == _AUXPASS for c in children):
        return None
    subject = next((c for c in children if c.dep == _NSUBJPASS), None)
    if subject is None or subject.lower_ in ("it", "there"):
        return None
    rest = None
    for child in right_children(verb, children):
        if child.dep_ in ("ccomp", "xcomp", "oprd"):
            rest = (child.left_edge.i, child.right_edge.i + 1)
            break
        if child.dep_ == "prep" and child.lower_ in CONTENT_PREPOSITIONS:
            obj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if obj is not None:
                rest = (child.i + 1, child.right_edge.i + 1)
                break
    if rest is None:
        return None
    return Match(((subject.left_edge.i, subject.right_edge.i + 1), rest), no_source=True)


def _agentive(verb: Token) -> Match | None:
    """What a passive with an agent reports: its subject, the noun a relative clause
    or participle describes ("a deal that was rejected by", "the bill, opposed by"),
    with the complement that says what was said of it."""
    doc = verb.doc
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subject is not None and subject.tag_ not in _RELATIVE_TAGS:
        if subject.lower_ in ("it", "there"):
            return None
        span = (subject.left_edge.i, subject.right_edge.i + 1)
    elif verb.dep_ in ("acl", "relcl") and verb.head.tag_.startswith("NN") and verb.head.i < verb.i:
        noun = verb.head
        end = verb.left_edge.i  # where the relative clause or the participle begins
        while end > noun.i + 1 and doc[end - 1].is_punct:
            end -= 1
        span = (noun.left_edge.i, end)
    else:
        return None
    rest = next((c for c in verb.rights if c.dep_ in ("xcomp", "oprd")), None)
    pieces = (span, (rest.left_edge.i, rest.right_edge.i + 1)) if rest is not None else (span,)
    return Match(pieces)


def _put_it(cue: Cue, para: Paragraph) -> Match | None:
    """ "That is how X put it" / "as X put it, ...": what X said is the sentence
    before, or the rest of this one."""
    verb = cue.tok
    if cue.lemma != "put" or not any(c.dep_ == "dobj" and c.lower_ == "it" for c in verb.children):
        return None
    if any(c.lower_ == "how" for c in verb.children):
        start, _ = para.sentence(verb.i)
        if start == para.lo:
            return None
        return Match((para.sentence(start - 1),))
    if any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        _, end = para.sentence(verb.i)
        after = verb.right_edge.i + 1
        if end - after >= 2:
            return Match(((after, end),))
    return None


_RELATIVE_TAGS = frozenset(("WDT", "WP", "WP$"))


_COMMA = get_string_id(",")


def restrictive_end(doc: Doc, i: int, j: int) -> int:
    """The end of a noun phrase [i, j) before a relative clause set off by a comma
    ("the test[, which state media claimed ...]"): an aside about what was said."""
    lower = column(doc, "LOWER")  # (a comma found by its id: no Token for each word)
    for k in range(i + 1, j - 1):
        if lower[k] == _COMMA and doc[k + 1].tag_ in _RELATIVE_TAGS:
            return k
    return j


def _object(cue: Cue, para: Paragraph) -> Match | None:
    """The object and its complements: "accused [Iran of working to ...]"; a relative
    clause after a comma is an aside, not what was said."""
    verb, doc = cue.tok, para.doc
    children = cue.children
    obj = next((c for c in children if c.dep in _OBJECTS), None)
    if obj is None:
        return None
    i, j = obj.left_edge.i, obj.right_edge.i + 1
    after = max(obj.i, verb.i)  # (the verb's right children after its object)
    for child in children:
        if child.i > after and child.dep_ in ("prep", "xcomp", "ccomp", "oprd"):
            if child.dep_ == "prep" and (child.lower_ in ADJUNCT_PREPOSITIONS or _says_when(child)):
                break  # when, where, how it was said: "attacked Machado [in tweets]", "[on Thursday]"
            j = max(j, child.right_edge.i + 1)
    if j == obj.i + 1 and _told_whom(cue, obj):
        return None  # "told reporters", "told The Huffington Post": whom, not what
    pieces = [(i, restrictive_end(doc, i, j))]
    if obj.lower_ in SAID_NOUNS:
        # "sent a letter on Thursday [opposing the plan]": what the letter says, which
        # the parser hung on the verb
        says = next((c for c in verb.rights if c.dep_ == "advcl" and c.tag_ == "VBG" and c.i > obj.i), None)
        if says is not None and says.left_edge.i >= pieces[0][1]:
            pieces.append((says.left_edge.i, says.right_edge.i + 1))
    return Match(tuple(pieces))


_PERSONAL = frozenset("me him her us them you".split())


def _told_whom(cue: Cue, obj: Token) -> bool:
    """Whether ``obj`` of a verb of telling is whom it was told (a name, a person, a
    group of people) rather than what ("told [the story]", "promised [a wall]")."""
    if cue.lemma not in ADDRESSEE_VERBS:
        return False
    if obj.tag_ in ("NNP", "NNPS") or obj.lower_ in _PERSONAL or obj.lower_ in GROUP_NOUNS:
        return True
    return names_a_person(obj.lower_[:-1] if obj.tag_ == "NNS" else obj.lower_)


# Prepositions that begin an adjunct of the saying (time, place, means), not part of
# what was said ("accused Iran [of ...]", "blamed it [for ...]" are).
ADJUNCT_PREPOSITIONS = frozenset(
    "in during since after before amid following throughout until at by via within across".split()
)


def _says_when(prep: Token) -> bool:
    """ "on Thursday", "on Sept. 9": a preposition whose object is a time."""
    return any(c.dep_ == "pobj" and is_time_phrase(c) for c in prep.children)


def _prep(cue: Cue, para: Paragraph) -> Match | None:
    found = prep_object(cue.tok, cue.children)
    return Match((found[1],), cue_extra=found[0]) if found else None


def _fixed(prior: float) -> Callable[[float], float]:
    def fixed(_: float) -> float:
        return prior

    return fixed


def _same(prior: float) -> float:
    return prior


def _weaker(prior: float) -> float:
    # a noun phrase is less often what was said than a clause is
    return prior * 0.6


def _surer(prior: float) -> float:
    # a reporting word next to a quotation almost always reports it
    return min(1.0, prior + 0.2)


# In order of preference: a cue's report takes the first frame that finds content.
FRAMES: tuple[Frame, ...] = (
    Frame("noun", find_noun, _weaker, cue="noun"),
    Frame("light", find_light, _weaker, cue="light"),
    Frame("role", find_role, _weaker, cue="role"),
    Frame("adjective", find_adjective, _weaker, cue="adjective"),
    Frame("quote", _quote, _surer),
    Frame("put_it", _put_it, _fixed(0.8)),
    Frame("clause", _clause, _same),
    Frame("parenthetical", _parenthetical, _same),
    Frame("colon", colon, _same),
    Frame("raising", _raising, _same, needs=_labels("xcomp")),
    Frame("passive", _passive, _same, needs=_labels("agent", "auxpass")),
    Frame("infinitive", _infinitive, _same, needs=_labels("xcomp")),
    Frame("object", _object, _weaker, needs=_labels("dobj", "obj")),
    Frame("prep", _prep, _weaker, needs=_labels("prep")),
)
# The frames of each kind of cue, in table order.
FRAMES_BY_KIND: dict[str, tuple[Frame, ...]] = {
    kind: tuple(f for f in FRAMES if f.cue == kind) for kind in dict.fromkeys(f.cue for f in FRAMES)
}
# Frames found outside the table, with their priors (see the module docstring).
# (a tail cue is scored as a quote frame, its learned counts being those of "quote")
OTHER_PRIORS: dict[str, Callable[[float], float]] = {"according": _same}
PRIORS: dict[str, Callable[[float], float]] = {f.name: f.prior for f in FRAMES} | OTHER_PRIORS
