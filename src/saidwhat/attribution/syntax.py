"""Small readings of a dependency parse that several stages share.

Token ranges are ``(i, j)``, end exclusive, in the paragraph's Doc. Nothing here
knows about cues or quotations beyond the ``in_quote`` flags it is handed.
"""

from __future__ import annotations

from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from ..model import Offsets
from .forms import verb_forms
from .mentions import GROUP_NOUNS, ORG_WORDS, PERSON_NOUNS
from .tokens import chars as token_chars
from .tokens import window

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
# the same labels as ids, and those of a passive's subject and agent, read per child
_SUBJECT_IDS = frozenset(get_string_id(d) for d in SUBJECTS)
_NSUBJPASS, _AGENT = get_string_id("nsubjpass"), get_string_id("agent")
# Nouns for where or through what something was said; also documents that "say".
VENUES = frozenset(
    """conference briefing interview meeting hearing rally statement speech post tweet letter
    op-ed editorial event forum appearance session summit debate address broadcast show
    program programme podcast call emails email memo report message video remarks
    ceremony gathering convention town-hall townhall dinner luncheon breakfast""".split()
)
_COPULAS = frozenset(("is", "was", "are", "were", "be", "been", "being", "'s", "’s"))
# How far a phrase is read from its head: a bound on the work per token.
MAX_PHRASE = 60


def chars(doc: Doc, i: int, j: int) -> Offsets:
    """Character offsets of tokens [i, j) in ``doc``."""
    return token_chars(doc, i, j)


def trim_tokens(doc: Doc, i: int, j: int, keep_quotes: bool = True) -> tuple[int, int]:
    """[i, j) without edge spaces, punctuation and conjunctions (quotation marks stay
    unless ``keep_quotes`` is false)."""
    # (a conjunction is dropped at either edge: the token tested is always the edge one)
    while i < j and _droppable(doc[i], keep_quotes):
        i += 1
    while j > i and _droppable(doc[j - 1], keep_quotes):
        j -= 1
    return i, j


_CC = get_string_id("cc")


def _droppable(t: Token, keep_quotes: bool) -> bool:
    if t.is_space:
        return True
    if t.is_quote and keep_quotes:
        return False
    return t.is_punct or t.dep == _CC


def right_children(head: Token, children: tuple[Token, ...]) -> list[Token]:
    """``head.rights`` from its children already read (in text order, as spaCy gives
    them): walking ``head.rights`` again would build a Token per child."""
    at = head.i
    return [c for c in children if c.i > at]


def subject_of(verb: Token, in_quote: list[bool], children: tuple[Token, ...] | None = None) -> Token | None:
    """The subject of ``verb``, inherited through coordination and participles
    ("..., adding that", "and added"), or the agent of a passive. A subject inside
    a quotation is a misparse of "“...,” said X" and never the speaker. (``children``:
    the verb's, when the caller read them.)"""
    if verb.dep_ == "compound" and verb.head.i > verb.i and verb.head.tag_ in ("NNP", "NNPS"):
        # "Said Ellis: “...”": the parser took an inverted report for part of a name
        return verb.head
    for _ in range(3):
        agent = issuer = None
        own = children if children is not None else tuple(verb.children)
        children = None  # (an issuer's, further on, are its own)
        for child in own:
            dep = child.dep  # (the label's id, read once per child)
            if dep in _SUBJECT_IDS and not in_quote[child.i]:
                # "it was reported that ..." names no source
                if dep == _NSUBJPASS and child.lower_ in ("it", "there"):
                    return None
                if _before_colon(child, verb):
                    continue  # "The Latest: Trump urges ...": a title before a colon, parsed as a subject
                if _nearer_subject(child, verb, own):
                    continue  # "WASHINGTON (AP) — Trump and Ryan pledged": a dateline parsed as a subject
                issuer = _issuer(child, verb)
                if issuer is not None:
                    break
                if dep != _NSUBJPASS or not any(c.dep == _AGENT for c in own):
                    return child
            if dep == _AGENT:
                agent = next((c for c in child.children if c.dep_ == "pobj"), None)
        if issuer is not None:
            verb = issuer
            continue
        if agent is not None:
            return agent
        if verb.dep_ == "relcl" and verb.head.tag_.startswith(("NN", "PRP")):
            return verb.head
        if verb.dep_ == "xcomp" and verb.tag_ == "VB":
            # "it led the journalist to fear ...", "prompted Clinton to make a comment":
            # the object of the verb before is the one who fears, makes the comment
            controller = _controller(verb)
            if controller is not None:
                return controller
        if verb.dep_ == "xcomp" and verb.tag_ == "VBG":
            # "footage of Clinton asking ...", "shows Clinton saying ...": the one shown
            shown = _shown(verb)
            if shown is not None:
                return shown
        if (
            _coordinated(verb)
            or verb.dep_ in ("conj", "advcl", "xcomp", "acl", "pcomp")
            and verb.head != verb
        ):
            head = verb.head
            if verb.dep_ == "acl" and head.dep_ == "attr" and head.head.lower_ in _COPULAS:
                # "Morrison was the third witness testifying": Morrison testified
                subject = next((c for c in head.head.children if c.dep_ in SUBJECTS), None)
                if subject is not None and not in_quote[subject.i]:
                    return subject
            if verb.dep_ == "acl" and head.tag_.startswith("NN"):
                # "a statement saying ..." is said by whoever issued the statement
                issuing = _issuing_verb(head, VENUES)
                if issuing is not None:
                    verb = issuing
                    continue
                return head
            if verb.dep_ == "pcomp" and head.dep_ == "prep":
                head = head.head  # "..., before saying that"
            verb = head
            continue
        return _stranded_subject(verb, in_quote)
    return None


def _stranded_subject(verb: Token, in_quote: list[bool]) -> Token | None:
    """ "President Obama, dedicating the museum on Saturday, said ...": the parser
    made the name a sentence of its own, right before the verb's phrase; it is the
    verb's subject."""
    if verb.dep_ != "ROOT" or verb.tag_ not in FINITE_TAGS:
        return None
    left = verb.left_edge.i
    if left == window(verb.doc, left)[0] or verb.doc[left].text != ",":
        return None  # the name and the verb's phrase are set apart by a comma, not a stop
    name = verb.doc[left - 1].head
    if name.dep_ != "ROOT" or name.tag_ not in ("NNP", "NNPS") or in_quote[name.i]:
        return None
    if name.right_edge.i != left - 1 or any(c.tag_.startswith("VB") for c in name.children):
        return None
    return name


# Tags of a finite verb: a tense of its own.
FINITE_TAGS = frozenset(("VBD", "VBZ", "VBP"))


def _coordinated(verb: Token) -> bool:
    """ "... should be released but said “...”": a verb after "but"/"and" parsed as
    a clause of the verb before it is that verb's coordinate, with its subject."""
    if verb.dep_ != "ccomp" or verb.head == verb or verb.i == window(verb.doc, verb.i)[0]:
        return False
    before = verb.doc[verb.i - 1]
    return before.dep_ == "cc" and before.head != verb


# Causative verbs: "X led Y to say ..." entails that Y said it. (Not requests and
# permissions: in "urged Y to denounce", "requires Y to disclose" Y has said nothing yet.)
_CAUSATIVES = verb_forms(
    "lead prompt cause force drive spur inspire compel persuade convince provoke".split()
) | {"led", "drove", "driven"}


# Nouns for something said: "a comment that described ...", "a statement that called ...".
SAID_NOUNS = VENUES | frozenset(
    ("comment", "comments", "remark", "claim", "claims", "message", "announcement")
)


def _issuer(pronoun: Token, verb: Token) -> Token | None:
    """The verb whose subject made what a relative clause's pronoun stands for: in
    "to make a comment that described ...", the one who made the comment described."""
    if pronoun.tag_ not in ("WDT", "WP") or pronoun.lower_ == "who" or verb.dep_ != "relcl":
        return None
    return _issuing_verb(verb.head, SAID_NOUNS)


def _issuing_verb(said: Token, nouns: frozenset[str]) -> Token | None:
    """The verb whose subject issued ``said``, one of ``nouns``: "[released] a statement",
    "[made] a comment" (its object, or its preposition's)."""
    if said.lower_ not in nouns:
        return None
    verb = said.head if said.dep_ == "dobj" else said.head.head if said.dep_ == "pobj" else None
    return verb if verb is not None and verb.tag_.startswith("VB") else None


def _before_colon(subject: Token, verb: Token) -> bool:
    """Whether a colon follows ``subject``'s phrase before ``verb``."""
    after = subject.right_edge.i + 1
    return after < verb.i and subject.doc[after].text == ":"


# How many words after a dateline subject its dash may come ("WASHINGTON (AP) —").
_DATELINE_REACH = 12


def _nearer_subject(subject: Token, verb: Token, children: tuple[Token, ...]) -> bool:
    """Whether ``verb`` has a truer subject than ``subject`` nearer it: the parser
    made a dateline ("WASHINGTON (AP) — Trump and Ryan pledged"), a header or a
    fronted phrase ("His promises notwithstanding, analyses agree") a subject too.
    Of a name and a description of it, the name is the subject ("Ban Ki-moon, the
    secretary general, vowed"). A nearer one right after a preposition is an object the
    parser misplaced. (``children``: the verb's; its left ones are read.)"""
    doc = subject.doc
    at = verb.i
    for other in children:
        if other.i >= at:
            break  # (the children are in text order: the rest are right of the verb)
        if other.dep in _SUBJECT_IDS and subject.i < other.i:
            # (a dateline's dash is a few words after it: a bounded look, whatever the sentence)
            if any(
                doc[k].tag_ == ":"
                for k in range(subject.i + 1, min(other.left_edge.i, subject.i + _DATELINE_REACH))
            ):
                return True
            before = doc[other.left_edge.i - 1]
            if before.tag_ == "IN" and before.lower_ != "that":
                return False  # "because of [agency policy] said": an object the parser misplaced
            return not (subject.tag_ in ("NNP", "NNPS") and _described(other))
    return False


def _described(noun: Token) -> bool:
    """Whether ``noun`` is a definite common noun ("the secretary general")."""
    return noun.tag_ in ("NN", "NNS") and any(c.dep_ == "det" and c.lower_ == "the" for c in noun.lefts)


def _controller(infinitive: Token) -> Token | None:
    """The object between a causative verb and its infinitive: "led [the journalist]
    to fear", "prompted [Clinton] to make a comment"."""
    head = infinitive.head
    if head.lower_ not in _CAUSATIVES:
        return None
    return next((c for c in head.children if c.dep_ == "dobj" and head.i < c.i < infinitive.i), None)


def _shown(participle: Token) -> Token | None:
    """The object a participle describes: "shows [Clinton] asking", "footage of [Clinton] asking"."""
    obj = next((c for c in participle.head.children if c.dep_ == "dobj" and c.i < participle.i), None)
    if obj is None:
        return None
    of = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    person = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if person is not None and person.tag_ in ("NNP", "NNPS", "PRP"):
        return person
    return obj if obj.tag_ in ("NNP", "NNPS", "PRP") else None


def cue_span(tok: Token) -> list[Offsets]:
    """The cue as written: the word, with its particle ("pointed out")."""
    doc = tok.doc
    j = tok.i + 1
    # (past a paragraph's last token lies a token of another, or of none: its head is
    # never ``tok``, as arcs between paragraphs are cut)
    if j < len(doc) and (doc[j].dep_ == "prt" and doc[j].head == tok):
        j += 1
    return [chars(doc, tok.i, j)]


_HUMAN_SUFFIXES = (
    "er", "or", "ist", "ian", "ant", "ent", "ee", "man", "men", "woman", "women", "people", "folks",
)  # fmt: skip


def _proper_words(doc: Doc, i: int) -> frozenset[str]:
    """The lower forms of the words that token ``i``'s paragraph (of ``doc``) tags as
    proper nouns somewhere (memoised per paragraph)."""
    known: dict[int, frozenset[str]] | None = doc.user_data.get(_PROPER)
    if known is None:
        known = doc.user_data[_PROPER] = {}
    lo, hi = window(doc, i)
    found = known.get(lo)
    if found is None:
        found = known[lo] = frozenset(t.lower_ for t in doc[lo:hi] if t.tag_ in ("NNP", "NNPS"))
    return found


_PROPER = "saidwhat.proper_words"


def is_thing(head: Token | None) -> bool:
    """A common noun that is neither a person, a group nor an organisation."""
    if head is None or head.tag_ not in ("NN", "NNS"):
        return False
    if not head.is_lower and not (head.i == 0 or head.is_sent_start):
        return False  # capitalised inside a sentence: a name
    if not head.is_lower and head.lower_ in _proper_words(head.doc, head.i):
        return False  # "Trump has called ..." tagged NN at a sentence start: a name elsewhere
    low = head.lower_
    forms = {low, low[:-1] if low.endswith("s") else low, low[:-3] + "y" if low.endswith("ies") else low}
    if any(f in PERSON_NOUNS or f in GROUP_NOUNS or f in ORG_WORDS or f in VENUES for f in forms):
        return False  # "ministries" is a ministry's plural
    return not low.rstrip("s").endswith(_HUMAN_SUFFIXES)


def impersonal(verb: Token) -> bool:
    """ "It was reported that ...", "... is expected to", "Asked about it, ...": a
    statement with no source."""
    passive = any(c.dep_ == "auxpass" for c in verb.children) or verb.tag_ == "VBN" and verb.dep_ == "advcl"
    return passive and not any(c.dep_ == "agent" for c in verb.children)
