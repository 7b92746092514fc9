"""Mentions of possible speakers in a parsed paragraph: names, roles, pronouns.

Works from the tagger and parser alone (no NER), so it reads fine-grained tags:
NNP for proper nouns, PRP for pronouns. A mention knows its name (the run of
proper nouns, without titles), the role written before or beside it ("US Defense
Secretary Mark Esper", "Mark Esper, the defence secretary,"), and a type guess.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from ..model import Offsets, SpeakerType

# Words that make a name run a title, not part of a personal name.
TITLE_WORDS = frozenset(
    """president vice secretary minister prime premier chancellor senator sen sen. rep rep.
    representative congressman congresswoman gov gov. governor mayor lt lt. gen gen. general
    col col. colonel adm adm. admiral sgt sgt. capt capt. captain commander chief chairman
    chairwoman chair director spokesman spokeswoman spokesperson ambassador judge justice
    attorney leader speaker candidate nominee ceo cfo coo founder president-elect king queen
    prince princess pope rev rev. reverend father sheikh ayatollah dr dr. mr mr. mrs mrs. ms
    ms. miss sir lord lady dame professor prof prof. officer deputy assistant acting former
    state defense defence foreign interior justice treasury homeland health education energy
    commerce labor agriculture transportation department house senate majority minority whip
    u.s. us uk un eu white federal national republican democratic democrat gop""".split()
)
ORG_WORDS = frozenset(
    """department ministry agency party committee council commission court inc inc. corp
    corp. company co co. university institute association center centre foundation bank
    administration office service services campaign police army navy force forces news
    times post journal network group union bureau congress senate house pentagon kremlin
    government parliament organization organisation board authority authorities
    corporation firm team club league fund trust society coalition alliance front
    movement embassy consulate command military cabinet church council""".split()
)
GROUP_NOUNS = frozenset(
    """officials sources experts analysts critics lawmakers legislators supporters
    opponents residents witnesses people voters activists observers economists
    scientists researchers doctors investigators prosecutors authorities officers
    democrats republicans leaders members aides advisers advisors allies""".split()
)
PERSON_NOUNS = frozenset(
    """official spokesman spokeswoman spokesperson source expert analyst critic lawmaker
    aide adviser advisor witness resident officer doctor investigator prosecutor man
    woman person lawyer attorney diplomat minister senator governor mayor president
    secretary director chairman chairwoman leader candidate nominee ceo founder""".split()
)
_NNP, _NNPS = get_string_id("NNP"), get_string_id("NNPS")
MALE = frozenset({"he", "him", "his", "himself", "mr", "mr."})
FEMALE = frozenset({"she", "her", "hers", "herself", "mrs", "mrs.", "ms", "ms.", "miss"})
PLURAL = frozenset({"they", "them", "their", "we", "us", "our"})
PRONOUNS = MALE | FEMALE | PLURAL | {"i", "me", "my", "it", "its", "you", "who", "which"}


@dataclass(frozen=True)
class Mention:
    """A reference to a possible speaker, with offsets into the article text."""

    span: Offsets  # the mention as written (the source span)
    text: str
    name: str | None  # proper name without titles ("Mike Pompeo"), or None
    name_span: Offsets | None
    role: str | None  # "US Secretary of State"
    type: SpeakerType
    pronoun: str | None = None  # lower-cased pronoun when the mention is one
    gender: str | None = None  # "m", "f" or None
    subject: bool = False  # the subject of its clause (salient for pronouns)
    refers_to: str | None = None  # a relative pronoun's antecedent ("a young woman" for "who")

    @property
    def start(self) -> int:
        return self.span[0]

    def shifted(self, by: int) -> Mention:
        """The same mention ``by`` characters further on."""
        if by == 0:
            return self
        return replace(
            self,
            span=(self.span[0] + by, self.span[1] + by),
            name_span=(self.name_span[0] + by, self.name_span[1] + by) if self.name_span else None,
        )


def _is_name_token(tok: Token) -> bool:
    return tok.tag_ in ("NNP", "NNPS") and tok.lower_ not in TITLE_WORDS and tok.text[:1].isupper()


def name_run(head: Token) -> tuple[int, int] | None:
    """Token range [i, j) of the personal/organisation name ending at or around ``head``."""
    if not _is_name_token(head):
        return None
    doc = head.doc
    i = head.i
    while i > 0 and _is_name_token(doc[i - 1]) and doc[i - 1].whitespace_:
        i -= 1
    j = head.i + 1
    # a name continues to the right when the head is not its last word ("Abdul Mahdi Jr")
    while j < len(doc) and _is_name_token(doc[j]) and doc[j - 1].whitespace_ and doc[j].head == head:
        j += 1
    return i, j


def _trimmed(doc: Doc, i: int, j: int) -> tuple[int, int]:
    """Drop leading determiners/punctuation and trailing punctuation from [i, j)."""
    while i < j and (doc[i].is_punct or doc[i].tag_ in ("DT", "PRP$", "POS") or doc[i].is_space):
        i += 1
    while j > i and (doc[j - 1].is_punct or doc[j - 1].is_space or doc[j - 1].tag_ == "POS"):
        j -= 1
    return i, j


def noun_phrase(head: Token) -> tuple[int, int]:
    """The noun phrase headed by ``head``, cut before a comma-set apposition or
    relative clause ("Pompeo, who ..." -> "Pompeo") and after a dateline's colon
    ("WASHINGTON: US Secretary ..." -> "US Secretary ...")."""
    doc = head.doc
    i, j = head.left_edge.i, head.right_edge.i + 1
    for k in range(head.i - 1, i - 1, -1):
        if doc[k].text in (":", "—", "–"):
            i = k + 1
            break
    for k in range(head.i + 1, j):
        if doc[k].text in (",", "(", "—", "–", "-"):
            j = k
            break
    for child in head.rights:
        if child.dep_ in ("relcl", "acl"):
            j = min(j, child.left_edge.i)
    return i, j


def _apposed_name(head: Token) -> Token | None:
    """The proper name set beside a common-noun head: "the minister, Anna Berg"."""
    if head.tag_ not in ("NN", "NNS") or head.lower_ in ORG_WORDS:
        return None
    for child in head.children:
        if child.dep_ == "appos" and child.tag_ in ("NNP", "NNPS") and name_run(child):
            run = name_run(child)
            if run and run[1] - run[0] >= 2:
                return child
    # the apposition may hang off the last noun of "a lawyer for the company, Jane Porter"
    for tok in head.subtree:
        if tok.dep_ == "appos" and tok.tag_ in ("NNP", "NNPS") and tok.head != head:
            run = name_run(tok)
            if run and run[1] - run[0] >= 2 and tok.head.lower_ not in PERSON_NOUNS | GROUP_NOUNS:
                return tok
    return None


def _role_before(doc: Doc, start: int, name_start: int) -> str | None:
    i, j = _trimmed(doc, start, name_start)
    if j <= i:
        return None
    words = doc[i:j]
    # a role has a title word or a lower-case noun: "Iraqi prime minister", "US Defense Secretary"
    if not any(t.lower_ in TITLE_WORDS or t.lower_ in PERSON_NOUNS or t.tag_ in ("NN",) for t in words):
        return None
    return words.text


def _role_apposed(head: Token) -> str | None:
    for child in head.rights:
        if child.dep_ == "appos":
            i, j = _trimmed(head.doc, child.left_edge.i, child.right_edge.i + 1)
            if j > i and not any(t.tag_ in ("NNP", "NNPS") for t in head.doc[i:j][-1:]):
                return head.doc[i:j].text
            if j > i and any(t.lower_ in TITLE_WORDS or t.lower_ in PERSON_NOUNS for t in head.doc[i:j]):
                return head.doc[i:j].text
    return None


def _type_of(doc: Doc, i: int, j: int, head: Token) -> SpeakerType:
    if head.lower_ in ORG_WORDS or (head.text.isupper() and len(head.text) > 1 and head.is_alpha):
        return "ORG"
    if head.tag_ in ("NNP", "NNPS"):
        run = name_run(head)
        if run and any(t.lower_ in ORG_WORDS for t in doc[run[0] : run[1]]):
            return "ORG"
        if run and run[1] - run[0] >= 2:
            return "PERSON"
        return "UNKNOWN"
    if head.lower_ in GROUP_NOUNS or head.tag_ == "NNS":
        return "GROUP"
    if head.lower_ in PERSON_NOUNS:
        return "PERSON"
    return "UNKNOWN"


def mention(head: Token, offset: int = 0) -> Mention:
    """The mention headed by ``head`` (a subject or an ``according to`` object)."""
    doc = head.doc
    low = head.lower_
    if head.tag_ in ("WP", "WDT") and head.head.dep_ == "relcl" and head.head.head.tag_.startswith("NN"):
        # "Moore, who said ...": the source is "who", the speaker is Moore
        of = mention(head.head.head, offset)
        s = head.idx + offset
        return Mention(
            (s, s + len(head.text)),
            head.text,
            of.name,
            of.name_span,
            of.role,
            of.type,
            None,
            of.gender,
            True,
            of.text,
        )
    if head.tag_ in ("PRP", "WP") or low in PRONOUNS:
        s = head.idx + offset
        gender = "m" if low in MALE else "f" if low in FEMALE else None
        kind: SpeakerType = (
            "PERSON" if low in MALE | FEMALE | {"i"} else "GROUP" if low in PLURAL else "UNKNOWN"
        )
        return Mention(
            (s, s + len(head.text)),
            head.text,
            None,
            None,
            None,
            kind,
            low,
            gender,
            head.dep_ in ("nsubj", "nsubjpass"),
        )
    named = _apposed_name(head)
    if named is not None:
        # "the environment minister, Anna Berg," / "a lawyer for the company, Jane Porter"
        of = mention(named, offset)
        i, j = _trimmed(doc, *noun_phrase(head))
        run = name_run(named)
        if j > i and run:
            span = (doc[i].idx + offset, of.span[1])
            text = doc[i : run[1]].text
            # "Nurses' union leader Marta Hale": the role stops where the name starts
            ri, rj = _trimmed(doc, i, min(j, run[0]) if run[0] > i else j)
            role = doc[ri:rj].text if rj > ri else None
        else:
            span, text, role = of.span, of.text, None
        kind = "PERSON" if of.type == "UNKNOWN" else of.type
        return Mention(
            span,
            text,
            of.name,
            of.name_span,
            role,
            kind,
            None,
            of.gender,
            head.dep_ in ("nsubj", "nsubjpass"),
        )
    i, j = noun_phrase(head)
    ti, tj = _trimmed(doc, i, j)
    if tj <= ti:
        ti, tj = head.i, head.i + 1
    span = (doc[ti].idx + offset, doc[tj - 1].idx + len(doc[tj - 1].text) + offset)
    run = name_run(head)
    name = name_span = role = None
    gender = None
    if run:
        ni, nj = run
        name = doc[ni:nj].text
        name_span = (doc[ni].idx + offset, doc[nj - 1].idx + len(doc[nj - 1].text) + offset)
        role = _role_before(doc, ti, ni) or _role_apposed(head)
        for t in doc[max(0, ni - 2) : ni]:
            if t.lower_ in MALE:
                gender = "m"
            elif t.lower_ in FEMALE:
                gender = "f"
    kind = _type_of(doc, ti, tj, head)
    if kind == "UNKNOWN" and role:
        kind = "PERSON"
    if name is None and kind == "ORG" and any(t.tag_ in ("NNP", "NNPS") for t in doc[ti:tj]):
        name, name_span = doc[ti:tj].text, span  # "the State Department" -> "State Department"
    return Mention(
        span,
        doc[ti:tj].text,
        name,
        name_span,
        role,
        kind,
        None,
        gender,
        head.dep_ in ("nsubj", "nsubjpass"),
    )


def names(doc: Doc, offset: int = 0) -> list[Mention]:
    """Every proper-name mention in ``doc`` (the heads of NNP runs), in order."""
    found = []
    n = len(doc)
    tags = doc.to_array("TAG")
    consumed = -1
    for i in numpy.flatnonzero((tags == _NNP) | (tags == _NNPS)).tolist():
        if i <= consumed or not _is_name_token(doc[i]):
            continue
        j = i
        while j + 1 < n and _is_name_token(doc[j + 1]) and doc[j].whitespace_:
            j += 1
        # the run's syntactic head is the token whose head lies outside the run
        head = next((t for t in doc[i : j + 1] if not (i <= t.head.i <= j) or t.head == t), doc[j])
        found.append(mention(head, offset))
        consumed = j
    return found
