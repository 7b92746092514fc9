"""Mentions of possible speakers in a parsed paragraph: names, roles, pronouns.

Works from the tagger and parser alone (no NER), so it reads fine-grained tags:
NNP for proper nouns, PRP for pronouns. A mention knows

- its name: a person's name without titles, honorifics or epithets ("Rival Hillary
  Clinton" -> "Hillary Clinton"), or an organisation's full name ("the Department of
  Health and Human Services", "Smith & Wesson Brands Inc."), never a clause;
- its role, when written before or beside it ("US Defense Secretary Mark Esper",
  "Mark Esper, the defence secretary,"): a title or position, never an honorific, an
  age or a date;
- its type (PERSON, ORG, GROUP, UNKNOWN) and gender (from a pronoun or an honorific);
- for a common noun, its head word ("the senator" -> "senator"), by which the
  resolver finds whom a definite description refers to;
- for "a spokesperson for X", "a statement from X", "X's report": X, on whose behalf
  it speaks (the spokesperson or document is then the statement's channel).

Where a name, an organisation's name or a noun phrase runs is read by runs.py. All
offsets are into the paragraph's Doc's text; ``Mention.shifted`` moves them.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress
from typing import Any

from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from ..model import Gender, Offsets, SpeakerType
from .frozen import fast_init, replace
from .runs import (
    MAX_PHRASE,
    PROPER_TAGS,
    Words,
    capitalised,
    name_run,
    noun_phrase,
    org_run,
    trimmed,
    words_of,
)
from .tokens import sentence_starts, window
from .vocabulary import (
    DOCUMENTS,
    EPITHETS,
    GENERIC_ORGS,
    GROUP_NOUNS,
    HONORIFICS,
    ORG_WORDS,
    PERSON_NOUNS,
    PERSON_TITLES,
    first_name_gender,
    is_clean_role,
    looks_like_name,
)

_APPOS = get_string_id("appos")
_COMPOUND = get_string_id("compound")
MALE = frozenset({"he", "him", "his", "himself"})
FEMALE = frozenset({"she", "her", "hers", "herself"})
PLURAL = frozenset({"they", "them", "their", "we", "us", "our"})
PRONOUNS = MALE | FEMALE | PLURAL | {"i", "me", "my", "it", "its", "you", "who", "which", "that"}
# Heads that speak for someone else: "a spokesperson for the ministry".
SPOKESPEOPLE = frozenset(("spokesperson", "spokesman", "spokeswoman", "representative", "spokespeople"))


@fast_init  # built some 100 times an article: half the cost of the generated __init__
@dataclass(frozen=True)
class Mention:
    """A reference to a possible speaker, with offsets into the text."""

    span: Offsets  # the mention as written (the source span)
    text: str
    name: str | None  # a clean proper name ("Mike Pompeo"), or None
    name_span: Offsets | None
    role: str | None  # "US Secretary of State"
    type: SpeakerType
    pronoun: str | None = None  # lower-cased pronoun when the mention is one
    gender: Gender | None = None
    subject: bool = False  # the subject of its clause (salient for pronouns)
    main: bool = False  # ... of its sentence's main clause (more salient than one inside it)
    sentence: int = -1  # where a subject's sentence starts (-1: not known)
    refers_to: str | None = None  # a relative pronoun's antecedent ("a young woman" for "who")
    head: str | None = None  # a common noun's head word, lower case ("senator", "company")
    definite: bool = False  # "the senator", "this agency", "its report"
    behalf: Mention | None = None  # "a spokesperson for X": X
    modifier: bool = False  # a name modifying a noun ("a New York man"): no one by itself

    @property
    def start(self) -> int:
        return self.span[0]

    def shifted(self, by: int) -> Mention:
        """The same mention ``by`` characters further on."""
        if by == 0:
            return self
        # (every name of every paragraph is shifted: the copy is made here, with the four
        # fields that move, rather than through replace(), which checks its field names)
        moved = object.__new__(type(self))
        fields = moved.__dict__
        fields.update(self.__dict__)
        span, name_span, behalf = self.span, self.name_span, self.behalf
        fields["span"] = (span[0] + by, span[1] + by)
        fields["name_span"] = (name_span[0] + by, name_span[1] + by) if name_span else None
        fields["behalf"] = behalf.shifted(by) if behalf else None
        fields["sentence"] = self.sentence + by if self.sentence >= 0 else -1
        return moved


def _apposed_name(head: Token, w: Words) -> Token | None:
    """The proper name set beside a common-noun head (NN or NNS, naming no
    organisation: the caller asks only of such a head): "the minister, Anna Berg",
    "said the treasurer, Omar Haddad"."""
    deps, tags = w.deps, w.tags  # (the children's labels and tags as ids)
    for child in head.children:
        if deps[child.i] == _APPOS and tags[child.i] in PROPER_TAGS:
            run = name_run(child, w)
            if run and run[1] - run[0] >= 2:
                return child
    # the apposition may hang off the last noun of "a lawyer for the company, Jane Porter"
    doc = head.doc
    for k in range(head.i + 1, min(head.right_edge.i + 1, head.i + MAX_PHRASE)):
        if deps[k] != _APPOS or tags[k] not in PROPER_TAGS:
            continue
        tok = doc[k]  # (a Token only for an apposed name)
        if tok.head != head:
            run = name_run(tok, w)
            if run and run[1] - run[0] >= 2 and tok.head.lower_ not in _PEOPLE_NOUNS:
                return tok
    return None


_PEOPLE_NOUNS = PERSON_NOUNS | GROUP_NOUNS


def _apposed_org(head: Token) -> Token | None:
    """The organisation's name set beside a kind of organisation: "the company,
    Northwind Energy,", "the super PAC, Priorities USA Action,"."""
    if head.lower_ not in GENERIC_ORGS or head.tag_ not in ("NN", "NNS", "NNP"):
        return None
    for child in head.children:
        if child.dep_ == "appos" and child.tag_ in ("NNP", "NNPS") and child.i > head.i:
            return child
    return None


@lru_cache(maxsize=1 << 14)  # roles recur through an article and a batch
def _clean_role(text: str | None) -> str | None:
    """A role as shown: titles and positions only, no honorific, epithet, age or
    date, no non-breaking space."""
    if not text:
        return None
    words = [w for w in text.replace("\xa0", " ").split() if w.lower() not in HONORIFICS]
    while words and words[0].lower() in EPITHETS | {"the", "a", "an"}:
        words = words[1:]
    role = " ".join(words).strip(" ,")
    return role if role and is_clean_role(role) else None


def _role_before(doc: Doc, w: Words, start: int, name_start: int) -> str | None:
    i, j = trimmed(doc, w, start, name_start)
    if j <= i:
        return None
    # a role names a position: "Iraqi prime minister", "US Defense Secretary"
    return _clean_role(w.span(i, j))


def _role_apposed(head: Token, w: Words) -> str | None:
    doc, deps = head.doc, w.deps
    for child in head.rights:
        if deps[child.i] != _APPOS:
            continue
        i, j = trimmed(doc, w, child.left_edge.i, min(child.right_edge.i + 1, child.i + MAX_PHRASE))
        if j <= i:
            continue
        return _clean_role(w.span(i, j))
    return None


def _org_apposed(head: Token, w: Words) -> str | None:
    """The head word of an apposition that describes an organisation: "Northwind
    Energy, the region's largest utility" -> "utility"."""
    deps = w.deps
    for child in head.rights:
        if deps[child.i] == _APPOS and child.tag_ in ("NN", "NNS") and child.lower_ in ORG_WORDS:
            return child.lower_
    return None


def _honorific_gender(w: Words, name_start: int, lo: int) -> Gender | None:
    # (the two words before the name, from the paragraph's first token ``lo`` on, compared
    # by the id of their lower case: no slice of the text and no lower() for each name
    # read; the nearer word second)
    lowers, genders = w.lowers, _HONORIFIC_GENDERS
    if name_start >= lo + 2:
        return genders.get(lowers[name_start - 2]) or genders.get(lowers[name_start - 1])
    return genders.get(lowers[lo]) if name_start == lo + 1 else None


# honorific_gender's table by the id of the honorific's lower case
_HONORIFIC_GENDERS = {get_string_id(word): g for word, g in HONORIFICS.items() if g}


def _definite(w: Words, i: int, head: Token) -> bool:
    first = w.lowers[i] if i < len(w.lowers) else w.lowers[head.i]
    return first in _DEFINITE or any(w.deps[c.i] == _POSS for c in head.children)


_DEFINITE = frozenset(get_string_id(d) for d in ("the", "this", "that", "these", "its", "their"))


def _behalf(head: Token) -> Token | None:
    """X in "a spokesperson for X", "a statement from X", "X's report"."""
    low = head.lower_
    if low in SPOKESPEOPLE:
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ == "for":
                return next((c for c in child.children if c.dep_ == "pobj"), None)
    if low.rstrip("s") in DOCUMENTS or low in DOCUMENTS:
        owner = next((c for c in head.children if c.dep_ == "poss"), None)
        if owner is not None and owner.tag_ not in ("PRP$", "WP$"):
            return owner
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
                owner = next((c for c in child.children if c.dep_ == "pobj"), None)
                # "a statement from the union"; "the manual of the Immigration Services" (a name)
                if owner is not None and (child.lower_ != "of" or owner.tag_ in ("NNP", "NNPS")):
                    return owner
    return None


def _pronoun(head: Token, w: Words, low: str) -> Mention:
    """The mention of a pronoun ``head`` (``low``: its lower case)."""
    s, word = head.idx, head.text
    gender: Gender | None = "m" if low in MALE else "f" if low in FEMALE else None
    kind: SpeakerType = "PERSON" if low in _PERSONAL else "GROUP" if low in PLURAL else "UNKNOWN"
    return Mention(
        (s, s + len(word)),
        word,
        None,
        None,
        None,
        kind,
        pronoun=low,
        gender=gender,
        **_salience(head, w),
    )


_PERSONAL = MALE | FEMALE | {"i"}  # pronouns that name one person


# Clauses inside another clause: in one sentence, their subjects ("whether Thomas
# slept", "the night Epstein died") come after the main clause's for the next "he".
_SUBORDINATE = frozenset(
    get_string_id(d) for d in ("relcl", "acl", "advcl", "pcomp", "csubj", "xcomp", "ccomp")
)


def _salience(head: Token, w: Words) -> dict[str, Any]:
    """A mention's ``subject``, ``main`` and ``sentence`` fields, as keywords. The owner
    of a subject counts as one: "Mr. Trump's embrace is not limited to China. He has ..."."""
    # (labels read as ids, and a plain dict built per call: unpacking a read-only
    # mapping into a Mention's keywords costs 0.4 us more, and one is built per name)
    deps = w.deps
    dep = deps[head.i]
    if dep == _POSS:
        head = head.head  # the owner's salience is what it owns, if that is a subject
        dep = deps[head.i]
    if dep not in _SUBJECTS:
        return {"subject": False, "main": False, "sentence": -1}
    return {
        "subject": True,
        "main": deps[head.head.i] not in _SUBORDINATE,
        "sentence": _sentence_start(head, w),
    }


_SUBJECTS = frozenset(get_string_id(d) for d in ("nsubj", "nsubjpass"))
_POSS = get_string_id("poss")


def _sentence_start(tok: Token, w: Words) -> int:
    """Where ``tok``'s sentence starts (Doc characters). Token.sent builds a Span and
    looks for both ends each time; this bisects the Doc's sentence starts, read once."""
    starts = sentence_starts(tok.doc)
    return w.starts[starts[bisect_right(starts, tok.i) - 1]]


def mention(head: Token) -> Mention:
    """The mention headed by ``head`` (a subject, an agent, or an "according to" object)."""
    # names() reads every proper name and the reports read their sources: one reading
    # per head and Doc serves both (a Mention is frozen, and the parse does not change)
    return _mention_in(head, words_of(head.doc))


def _mention_in(head: Token, w: Words) -> Mention:
    """``mention(head)`` for a caller that holds the words of its Doc (``words_of``)."""
    found = w.mentions.get(head.i)
    if found is None:
        found = w.mentions[head.i] = _mention(head, w)
    return found


def _mention(head: Token, w: Words) -> Mention:
    doc = head.doc
    # the head's word and tag read once; each rule below that needs a word of its own
    # lists ("the company, ...", "a spokesperson for ...") is asked only when it has one
    low, tag = head.lower_, head.tag_
    if tag in ("WP", "WDT") and head.head.dep_ == "relcl" and head.head.head.tag_.startswith("NN"):
        # "Moore, who said ...": the source is "who", the speaker is Moore
        of = _mention_in(head.head.head, w)
        s = head.idx
        return replace(
            of,
            span=(s, s + len(head.text)),
            text=head.text,
            refers_to=of.text,
            subject=True,
            main=False,
            sentence=_sentence_start(head, w),
        )
    if tag in ("PRP", "WP", "WDT") or low in PRONOUNS:
        return _pronoun(head, w, low)
    salience = _salience(head, w)
    apposed = _apposed_org(head) if low in GENERIC_ORGS else None
    if apposed is not None:
        # "the company, Northwind Energy,": the organisation by its name
        of = _mention_in(apposed, w)
        i, _ = trimmed(doc, w, *noun_phrase(head, w))
        i = min(i, head.i)
        span, text = (w.starts[i], of.span[1]), w.span(i, apposed.i + 1)
        return replace(of, span=span, text=text, role=None, type="ORG", **salience)
    named = _apposed_name(head, w) if tag in ("NN", "NNS") and low not in ORG_WORDS else None
    if named is not None:
        # "the environment minister, Anna Berg," / "a lawyer for the company, Jane Porter"
        of = _mention_in(named, w)
        i, j = trimmed(doc, w, *noun_phrase(head, w))
        run = name_run(named, w)
        if j > i and run:
            span = (w.starts[i], of.span[1])
            text = w.span(i, run[1])
            # "Nurses' union leader Marta Hale": the role stops where the name starts
            ri, rj = trimmed(doc, w, i, min(j, run[0]) if run[0] > i else j)
            role = _clean_role(w.span(ri, rj)) if rj > ri else None
        else:
            span, text, role = of.span, of.text, None
        kind: SpeakerType = "PERSON" if of.type == "UNKNOWN" else of.type
        return replace(of, span=span, text=text, role=role or of.role, type=kind, **salience)
    phrase_start, phrase_end = noun_phrase(head, w)
    i, j = trimmed(doc, w, phrase_start, phrase_end)
    if j <= i:
        i, j = head.i, head.i + 1
    span = w.chars(i, j)
    text = w.span(i, j)
    behalf = (
        _behalf(head) if low in SPOKESPEOPLE or low in DOCUMENTS or low.rstrip("s") in DOCUMENTS else None
    )
    if behalf is not None:
        of = _mention_in(behalf, w)
        return Mention(span, text, None, None, None, of.type, **salience, head=low, behalf=of)
    run = name_run(head, w)
    # (read once for both uses; none when the phrase starts with the name)
    role_before = _role_before(doc, w, i, run[0]) if run is not None and run[0] > i else None
    # "the U.S. Attorney's Office": a name ending in an organisation word is none of a
    # person's, whatever title comes before it
    person = (
        run is not None
        and low not in ORG_WORDS
        and (role_before is not None or run[1] - run[0] >= 2 and first_name_gender(w.word(run[0])))
    )
    org = None if person else org_run(head, w, i, j)
    if org is not None:
        oi, oj = trimmed(doc, w, *org)
        name = w.span(oi, oj) if oj > oi else None
        if name and name.lower() in GENERIC_ORGS:
            # "the Clinton super PAC", "the Department": a kind of organisation, to be
            # resolved to the one named before, not a name
            return Mention(span, text, None, None, None, "ORG", **salience, head=name.lower(), definite=True)
        return Mention(
            span,
            text,
            name if name and looks_like_name(name) else None,
            w.chars(oi, oj) if name else None,
            None,
            "ORG",
            **salience,
            head=low if tag in ("NN", "NNS") else None,
            definite=_definite(w, phrase_start, head),
        )
    if run:
        ni, nj = run
        name = w.span(ni, nj)
        clean = looks_like_name(name)
        # (asked once whether the head has a right child: most names have none, so no
        # apposition is looked for)
        rights = head.n_rights
        described = _org_apposed(head, w) if rights else None
        role = None if described else role_before or (_role_apposed(head, w) if rights else None)
        kind = "ORG" if described else _person_type(tag, run, role)
        return Mention(
            span,
            text,
            name if clean else None,
            w.chars(ni, nj) if clean else None,
            role,
            kind,
            gender=_honorific_gender(w, ni, window(doc, ni)[0]),
            **salience,
            head=described,
        )
    return Mention(
        span,
        text,
        None,
        None,
        None,
        _common_type(low, tag),
        **salience,
        head=low if tag in ("NN", "NNS", "NNP", "NNPS") else None,
        definite=_definite(w, phrase_start, head),
    )


def _person_type(tag: str, run: tuple[int, int], role: str | None) -> SpeakerType:
    if tag == "NNPS" and run[1] - run[0] == 1:
        return "GROUP"  # "Democrats", "Republicans", "Iraqis"
    if run[1] - run[0] >= 2 or role:
        return "PERSON"
    return "UNKNOWN"


def _common_type(low: str, tag: str) -> SpeakerType:
    if low in ORG_WORDS:
        return "ORG"
    if low in GROUP_NOUNS or tag in ("NNS", "NNPS"):
        return "GROUP"
    if low in PERSON_NOUNS:
        return "PERSON"
    return "UNKNOWN"


def names(doc: Doc, lo: int = 0, hi: int | None = None) -> list[Mention]:
    """Every proper-name mention in ``doc``'s tokens [lo, hi) (a paragraph; by default
    the whole Doc), persons and organisations, in order."""
    found = []
    n = len(doc) if hi is None else hi
    # the words read as ids and slices of the Doc's text: a Token only for a run's head
    # (names are read in every paragraph, and most words of one are no head)
    w = words_of(doc)
    tags, deps, text, starts, ends = w.tags, w.deps, w.text, w.starts, w.ends
    consumed = -1
    # (the proper nouns' places picked in C: most words of a paragraph are none)
    for i in compress(range(lo, n), map(PROPER_TAGS.__contains__, tags[lo:n])):
        if i <= consumed or not capitalised(text[starts[i] : ends[i]]):
            continue
        j = i
        # (a word with a space after it: the next one starts after its end)
        while j + 1 < n and j - i < 12 and tags[j + 1] in PROPER_TAGS and ends[j] < starts[j + 1]:
            j += 1
        # the run's syntactic head: the token whose head lies outside the run; of two
        # ("Secretary of [State] [Mike Pompeo]"), the last, which the name ends on (a
        # one-word run is its own)
        head = doc[i] if i == j else _run_head(doc, i, j)
        m = _mention_in(head, w)
        consumed = j
        if deps[head.i] == _COMPOUND and head.head.tag_ in ("NN", "NNS") and not m.role and m.type != "ORG":
            m = replace(m, modifier=True, type="UNKNOWN")  # "a New York man": a name as a modifier
        if m.name and m.name_span:
            found.append(m)
            while consumed + 1 < n and starts[consumed + 1] < m.name_span[1]:
                consumed += 1  # an organisation's name may run on ("... of the Western District")
    found.extend(_described_subjects(doc, w, lo, n))
    found.sort(key=lambda m: m.span[0])
    return found


def _run_head(doc: Doc, i: int, j: int) -> Token:
    """Of tokens [i, j], the last whose head lies outside them (or that is a root)."""
    for k in range(j, i - 1, -1):
        above = doc[k].head.i
        if not i <= above <= j or above == k:
            return doc[k]
    return doc[j]


_NN = get_string_id("NN")
_DESCRIBING = frozenset(get_string_id(w) for w in PERSON_NOUNS | PERSON_TITLES)
_SUBJECT_DEPS = frozenset(get_string_id(d) for d in ("nsubj", "nsubjpass", "poss"))


def _described_subjects(doc: Doc, w: Words, lo: int, hi: int) -> list[Mention]:
    """Subjects named by a definite description of a person ("the president's roots
    came into play. In Honolulu, he ...") among tokens [lo, hi): the one described
    becomes the subject a pronoun takes up (speakers.SpeakerResolver.observe)."""
    lowers = w.lowers[lo:hi]
    if _DESCRIBING.isdisjoint(lowers):
        return []  # no person noun or title in the paragraph: no token read
    tags, deps = w.tags, w.deps
    out = []
    # (the person nouns and titles picked in C, their tag and label compared as ids: a
    # Token only for a subject that is one, a few a paragraph)
    for i in compress(range(lo, hi), map(_DESCRIBING.__contains__, lowers)):
        if tags[i] != _NN or deps[i] not in _SUBJECT_DEPS:
            continue
        m = _mention_in(doc[i], w)
        if m.subject and m.definite and not m.name and m.head:
            out.append(m)
    return out
