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

All offsets are into the paragraph Doc's text; ``Mention.shifted`` moves them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from ..model import Gender, Offsets, SpeakerType
from .frozen import fast_init, replace
from .tokens import bounds, column, doc_text
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
    honorific_gender,
    is_clean_role,
    is_outlet,
    looks_like_name,
)

_NNP, _NNPS = get_string_id("NNP"), get_string_id("NNPS")
_PROPER_TAGS = frozenset((_NNP, _NNPS))
_APPOS = get_string_id("appos")
_COMPOUND = get_string_id("compound")
MALE = frozenset({"he", "him", "his", "himself"})
FEMALE = frozenset({"she", "her", "hers", "herself"})
PLURAL = frozenset({"they", "them", "their", "we", "us", "our"})
PRONOUNS = MALE | FEMALE | PLURAL | {"i", "me", "my", "it", "its", "you", "who", "which", "that"}
# Small words inside organisation names ("Bank of America", "Smith & Wesson").
_CONNECTORS = frozenset(("of", "for", "and", "&", "on", "the"))
# Heads that speak for someone else: "a spokesperson for the ministry".
SPOKESPEOPLE = frozenset(("spokesperson", "spokesman", "spokeswoman", "representative", "spokespeople"))
# Words of a phrase read at most, from its head: a bound on the work per mention.
MAX_PHRASE = 40


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


class _Words:
    """What the rules read of every word of a Doc: its text and each token's offsets,
    tag, lower case and label (as ids), gathered once per Doc (tokens.column, bounds)
    so that a rule asks the Doc once rather than once a column."""

    __slots__ = ("text", "starts", "ends", "tags", "lowers", "deps", "mentions")

    def __init__(self, doc: Doc) -> None:
        self.mentions: dict[int, Mention] = {}  # by head: see mention()
        self.text = doc_text(doc)
        self.starts, self.ends = bounds(doc)
        self.tags, self.lowers, self.deps = column(doc, "TAG"), column(doc, "LOWER"), column(doc, "DEP")

    def word(self, k: int) -> str:
        """Token ``k``'s text."""
        return self.text[self.starts[k] : self.ends[k]]

    def span(self, i: int, j: int) -> str:
        """The text of tokens [i, j) (as tokens.span_text)."""
        j = min(j, len(self.starts))
        return self.text[self.starts[i] : self.ends[j - 1]] if j > i else ""

    def chars(self, i: int, j: int) -> Offsets:
        """Character offsets of tokens [i, j) (as tokens.chars)."""
        return self.starts[i], self.ends[j - 1]


_WORDS = "saidwhat.mention_words"


def _words(doc: Doc) -> _Words:
    found: _Words | None = doc.user_data.get(_WORDS)
    if found is None:
        found = doc.user_data[_WORDS] = _Words(doc)
    return found


def _capitalised_text(text: str) -> bool:
    first = text[:1]
    return first.isupper() and (first.isalpha() or any(c.isalpha() for c in text))


# Capitalised words that are no word of a name: titles, epithets, honorifics.
_NOT_NAMES = PERSON_TITLES | EPITHETS | frozenset(HONORIFICS)
_NOT_NAME_IDS = frozenset(get_string_id(w) for w in _NOT_NAMES)


def _is_name_word(tag: int, low: int, word: str) -> bool:
    """A word of a personal name: a capitalised proper noun that is not a title,
    an honorific or an epithet (``tag`` and ``low`` the ids of its tag and lower case)."""
    if not (tag in _PROPER_TAGS or _initial(word)):
        return False
    return _capitalised_text(word) and low not in _NOT_NAME_IDS


def _initial(text: str) -> bool:
    """A middle initial ("Julie A. Diaz"), whatever the tagger made of it."""
    return len(text) == 2 and text[0].isupper() and text[1] == "."


# Endings of gerunds, adverbs and abstract nouns, which a name almost never has.
_NOT_NAME_ENDINGS = ("ing", "ly", "ty", "cy", "ness", "ment", "tion", "sion", "ism", "ance", "ence")


# Words the tagger may take for a name at the start of a sentence ("Beyond Trump's ...").
_FUNCTION_WORDS = frozenset(
    """beyond despite among amid amidst after before during without within unlike like
    since until unless although though while whereas besides meanwhile still yet also
    even perhaps maybe instead""".split()
)


def _sentence_initial_word(doc: Doc, w: _Words, k: int) -> bool:
    """A capitalised word that is only capitalised because it starts the sentence:
    a gerund, adverb or abstract noun the tagger took for a name ("Hosting Cook, ...",
    "Uncertainty is weighing on ...")."""
    shape = _SHAPES.get(w.lowers[k])
    if shape is None:
        shape = _shape(doc.vocab.strings[w.lowers[k]])
    if not (shape == _ENDING and w.ends[k] - w.starts[k] > 4 or shape == _FUNCTION):
        return False  # the word first: it rules out nearly every word without reading its neighbour
    return k == 0 or column(doc, "SENT_START")[k] == 1 or w.word(k - 1) in _OPENERS


_OPENERS = ("“", '"', "(", ":")
_OTHER, _ENDING, _FUNCTION = 0, 1, 2
# what _sentence_initial_word needs of a word, by the id of its lower case (a word is
# asked about every time a name is read next to it)
_SHAPES: dict[int, int] = {}


def _shape(low: str) -> int:
    """Whether a lower-case word is a function word, has a gerund's, adverb's or
    abstract noun's ending, or neither (remembered in _SHAPES)."""
    if len(_SHAPES) > 100_000:
        _SHAPES.clear()  # a bound on a long batch's memory
    shape = _FUNCTION if low in _FUNCTION_WORDS else _ENDING if low.endswith(_NOT_NAME_ENDINGS) else _OTHER
    _SHAPES[get_string_id(low)] = shape
    return shape


def name_run(head: Token, w: _Words) -> tuple[int, int] | None:
    """Token range [i, j) of the personal name ending at or around ``head``."""
    # (the words read as ids and slices of the Doc's text: a Token only for the head
    # of a word that may continue the name to the right)
    doc = head.doc
    h = head.i
    text, starts, ends, tags, lowers = w.text, w.starts, w.ends, w.tags, w.lowers
    if not _is_name_word(tags[h], lowers[h], text[starts[h] : ends[h]]):
        return None
    i = h
    # (a word with a space after it: the next one starts after its end)
    while (
        i > 0
        and h - i < 6
        and ends[i - 1] < starts[i]
        and _is_name_word(tags[i - 1], lowers[i - 1], text[starts[i - 1] : ends[i - 1]])
    ):
        if i >= 3 and lowers[i - 2] == _OF and lowers[i - 3] in _PERSON_TITLE_IDS:
            break  # "Secretary of State Mike Pompeo": "State" ends the title
        i -= 1
    while i < h and _sentence_initial_word(doc, w, i):
        i += 1
    if i == h and _sentence_initial_word(doc, w, h):
        return None
    j = h + 1
    # a name continues to the right when the head is not its last word ("Abdul Mahdi Jr")
    while (
        j < len(tags)
        and j - h < 4
        and _is_name_word(tags[j], lowers[j], text[starts[j] : ends[j]])
        and ends[j - 1] < starts[j]
        and doc[j].head.i == h
    ):
        j += 1
    return i, j


_OF = get_string_id("of")
_PERSON_TITLE_IDS = frozenset(get_string_id(w) for w in PERSON_TITLES)


def org_run(head: Token, w: _Words, i: int, j: int) -> tuple[int, int] | None:
    """Token range of an organisation's full name around ``head`` within [i, j):
    capitalised words with possessives and the small words of names between them
    ("U.S. Attorney's Office for the Western District", "Smith & Wesson Brands
    Inc."), when one of its words names an organisation or it is an acronym."""
    # (asked of every name that is no person's: the words read as ids and slices of
    # the Doc's text, not as Tokens)
    doc = head.doc
    h = head.i
    text, starts, ends, tags, lowers = w.text, w.starts, w.ends, w.tags, w.lowers
    if tags[h] not in _ORG_HEAD_TAGS or not _capitalised_text(text[starts[h] : ends[h]]):
        return None
    a = h
    while a > i:
        k = a - 1
        if not (
            tags[k] in _ORG_BEFORE_TAGS
            and _capitalised_text(text[starts[k] : ends[k]])
            or (tags[k] == _POS or lowers[k] in _AND_IDS)
            and k - 1 >= i
            and _capitalised_text(text[starts[k - 1] : ends[k - 1]])
        ):  # "U.S. Attorney's Office", "Citizenship and Immigration Services"
            break
        a -= 1
    while a < h and (lowers[a] in _EPITHET_IDS or _sentence_initial_word(doc, w, a)):
        a += 1
    b = h + 1
    while b < j:
        if tags[b] in _ORG_AFTER_TAGS and _capitalised_text(text[starts[b] : ends[b]]):
            b += 1
            continue
        # "of the Western District": connectors, then a capitalised word
        k = b
        while k < j and lowers[k] in _CONNECTOR_IDS:
            k += 1
        if k > b and k < j and tags[k] in _PROPER_TAGS and _capitalised_text(text[starts[k] : ends[k]]):
            b = k
            continue
        break
    acronym = b - a == 1 and head.is_upper and len(head.text) >= 2 and head.is_alpha
    if acronym or not _ORG_WORD_IDS.isdisjoint(lowers[a:b]) or is_outlet(w.span(a, b)):
        return a, b
    return None


def _ids(*words: str) -> frozenset[int]:
    return frozenset(get_string_id(w) for w in words)


_POS = get_string_id("POS")
_ORG_HEAD_TAGS = _ids("NNP", "NNPS", "NN", "NNS")
_ORG_BEFORE_TAGS = _ids("NNP", "NNPS", "NN", "JJ")
_ORG_AFTER_TAGS = _ids("NNP", "NNPS", "NN", "NNS", "JJ", "CD")
_AND_IDS = _ids("and", "&")
_EPITHET_IDS = _ids(*EPITHETS)
_CONNECTOR_IDS = _ids(*_CONNECTORS)
_ORG_WORD_IDS = _ids(*ORG_WORDS)


_ALNUM = re.compile(r"[^\W_]")  # what str.isalnum() accepts
# (a finite verb begins no noun phrase: "Said Ellis: ..." is a report the parser took for a name)
_LEADING = frozenset(
    get_string_id(t) for t in ("DT", "PRP$", "POS", "RB", "CC", "SYM", "LS", "IN", "VBD", "VBZ")
)


def _trimmed(doc: Doc, w: _Words, i: int, j: int) -> tuple[int, int]:
    """[i, j) without leading determiners, adverbs, punctuation and symbols, and
    without trailing punctuation and possessive marks."""
    # (the words read as ids and slices of the Doc's text; a word with a letter or a
    # digit is neither punctuation nor space, so a Token only for one without)
    text, starts, ends, tags = w.text, w.starts, w.ends, w.tags
    while i < j and (tags[i] in _LEADING or not _ALNUM.search(text[starts[i] : ends[i]])):
        i += 1
    while j > i and (tags[j - 1] == _POS or _punct_or_space(doc, j - 1, text[starts[j - 1] : ends[j - 1]])):
        j -= 1
    return i, j


def _punct_or_space(doc: Doc, k: int, word: str) -> bool:
    """Whether token ``k`` (whose text is ``word``) is punctuation or space."""
    if _ALNUM.search(word):
        return False
    tok = doc[k]
    return tok.is_punct or tok.is_space


_CLAUSES = frozenset(get_string_id(d) for d in ("ccomp", "advcl", "parataxis", "csubj"))
_RELATIVES = frozenset(get_string_id(d) for d in ("relcl", "acl"))


def noun_phrase(head: Token, w: _Words) -> tuple[int, int]:
    """The noun phrase headed by ``head``, cut before a comma-set apposition or
    relative clause ("Pompeo, who ..." -> "Pompeo") and after a dateline's colon
    ("WASHINGTON: US Secretary ..." -> "US Secretary ...")."""
    h = head.i
    i = max(head.left_edge.i, h - MAX_PHRASE)
    j = min(head.right_edge.i + 1, h + MAX_PHRASE)
    # the words read as slices of the Doc's text, the children's labels as ids (a Token
    # for each costs more)
    text, starts, ends, deps = w.text, w.starts, w.ends, w.deps
    for k in range(h - 1, i - 1, -1):
        word = text[starts[k] : ends[k]]
        if word in (":", "—", "–", "|", "\n") or word.isspace():
            i = k + 1
            break
    for child in head.lefts if head.n_lefts else ():
        if deps[child.i] in _CLAUSES:  # "“That's a concern,” Sarandon": the parser hung the quote on the name
            i = max(i, child.right_edge.i + 1)
    while i < h and _punct(head.doc, i, text[starts[i] : ends[i]]):
        i += 1
    for k in range(h + 1, j):
        word = text[starts[k] : ends[k]]
        if word in (",", "(", "—", "–", "-", ":") or word.isspace():
            j = k
            break
    for child in head.rights if head.n_rights else ():
        if deps[child.i] in _RELATIVES:
            j = min(j, child.left_edge.i)
    return max(i, 0), max(j, i)


def _punct(doc: Doc, k: int, word: str) -> bool:
    """Whether token ``k`` (whose text is ``word``) is punctuation."""
    return not _ALNUM.search(word) and doc[k].is_punct


def _apposed_name(head: Token, w: _Words) -> Token | None:
    """The proper name set beside a common-noun head (NN or NNS, naming no
    organisation: the caller asks only of such a head): "the minister, Anna Berg",
    "said the treasurer, Omar Haddad"."""
    deps, tags = w.deps, w.tags  # (the children's labels and tags as ids)
    for child in head.children:
        if deps[child.i] == _APPOS and tags[child.i] in _PROPER_TAGS:
            run = name_run(child, w)
            if run and run[1] - run[0] >= 2:
                return child
    # the apposition may hang off the last noun of "a lawyer for the company, Jane Porter"
    doc = head.doc
    for k in range(head.i + 1, min(head.right_edge.i + 1, head.i + MAX_PHRASE)):
        if deps[k] != _APPOS or tags[k] not in _PROPER_TAGS:
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


def _role_before(doc: Doc, w: _Words, start: int, name_start: int) -> str | None:
    i, j = _trimmed(doc, w, start, name_start)
    if j <= i:
        return None
    # a role names a position: "Iraqi prime minister", "US Defense Secretary"
    return _clean_role(w.span(i, j))


def _role_apposed(head: Token, w: _Words) -> str | None:
    doc = head.doc
    for child in head.rights if head.n_rights else ():
        if child.dep_ != "appos":
            continue
        i, j = _trimmed(doc, w, child.left_edge.i, min(child.right_edge.i + 1, child.i + MAX_PHRASE))
        if j <= i:
            continue
        return _clean_role(w.span(i, j))
    return None


def _org_apposed(head: Token) -> str | None:
    """The head word of an apposition that describes an organisation: "Northwind
    Energy, the region's largest utility" -> "utility"."""
    for child in head.rights if head.n_rights else ():
        if child.dep_ == "appos" and child.tag_ in ("NN", "NNS") and child.lower_ in ORG_WORDS:
            return child.lower_
    return None


def _honorific_gender(w: _Words, name_start: int) -> Gender | None:
    for k in range(max(0, name_start - 2), name_start):
        g = honorific_gender(w.word(k))
        if g:
            return g
    return None


def _definite(w: _Words, i: int, head: Token) -> bool:
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


def _pronoun(head: Token, w: _Words) -> Mention:
    low = head.lower_
    s = head.idx
    gender: Gender | None = "m" if low in MALE else "f" if low in FEMALE else None
    kind: SpeakerType = "PERSON" if low in MALE | FEMALE | {"i"} else "GROUP" if low in PLURAL else "UNKNOWN"
    return Mention(
        (s, s + len(head.text)),
        head.text,
        None,
        None,
        None,
        kind,
        pronoun=low,
        gender=gender,
        **_salience(head, w),
    )


# Clauses inside another clause: in one sentence, their subjects ("whether Thomas
# slept", "the night Epstein died") come after the main clause's for the next "he".
_SUBORDINATE = frozenset(("relcl", "acl", "advcl", "pcomp", "csubj", "xcomp", "ccomp"))


def _salience(head: Token, w: _Words) -> dict[str, Any]:
    """A mention's ``subject``, ``main`` and ``sentence`` fields. The owner of a
    subject counts as one: "Mr. Trump's embrace is not limited to China. He has ..."."""
    dep = w.deps[head.i]
    if dep not in _SUBJECTS and dep != _POSS:
        return {"subject": False, "main": False, "sentence": -1}  # most words: no Token read
    if dep == _POSS and head.head.dep_ in ("nsubj", "nsubjpass"):
        head = head.head
    if head.dep_ not in ("nsubj", "nsubjpass"):
        return {"subject": False, "main": False, "sentence": -1}
    return {"subject": True, "main": head.head.dep_ not in _SUBORDINATE, "sentence": _sentence_start(head)}


_SUBJECTS = frozenset(get_string_id(d) for d in ("nsubj", "nsubjpass"))
_POSS = get_string_id("poss")


def _sentence_start(tok: Token) -> int:
    """Where ``tok``'s sentence starts (Doc characters). Token.sent builds a Span and
    looks for both ends each time; this walks back to the sentence's first token (a
    paragraph has a subject or two: fewer steps than marking every token's sentence)."""
    doc = tok.doc
    sent_starts = column(doc, "SENT_START")
    k = tok.i
    while k > 0 and sent_starts[k] != 1:
        k -= 1
    return bounds(doc)[0][k]


def mention(head: Token) -> Mention:
    """The mention headed by ``head`` (a subject, an agent, or an "according to" object)."""
    # names() reads every proper name and the reports read their sources: one reading
    # per head and Doc serves both (a Mention is frozen, and the parse does not change)
    w = _words(head.doc)
    found = w.mentions.get(head.i)
    if found is None:
        found = w.mentions[head.i] = _mention(head, w)
    return found


def _mention(head: Token, w: _Words) -> Mention:
    doc = head.doc
    # the head's word and tag read once; each rule below that needs a word of its own
    # lists ("the company, ...", "a spokesperson for ...") is asked only when it has one
    low, tag = head.lower_, head.tag_
    if tag in ("WP", "WDT") and head.head.dep_ == "relcl" and head.head.head.tag_.startswith("NN"):
        # "Moore, who said ...": the source is "who", the speaker is Moore
        of = mention(head.head.head)
        s = head.idx
        return replace(
            of,
            span=(s, s + len(head.text)),
            text=head.text,
            refers_to=of.text,
            subject=True,
            main=False,
            sentence=_sentence_start(head),
        )
    if tag in ("PRP", "WP", "WDT") or low in PRONOUNS:
        return _pronoun(head, w)
    salience = _salience(head, w)
    apposed = _apposed_org(head) if low in GENERIC_ORGS else None
    if apposed is not None:
        # "the company, Northwind Energy,": the organisation by its name
        of = mention(apposed)
        i, _ = _trimmed(doc, w, *noun_phrase(head, w))
        i = min(i, head.i)
        span, text = (w.starts[i], of.span[1]), w.span(i, apposed.i + 1)
        return replace(of, span=span, text=text, role=None, type="ORG", **salience)
    named = _apposed_name(head, w) if tag in ("NN", "NNS") and low not in ORG_WORDS else None
    if named is not None:
        # "the environment minister, Anna Berg," / "a lawyer for the company, Jane Porter"
        of = mention(named)
        i, j = _trimmed(doc, w, *noun_phrase(head, w))
        run = name_run(named, w)
        if j > i and run:
            span = (w.starts[i], of.span[1])
            text = w.span(i, run[1])
            # "Nurses' union leader Marta Hale": the role stops where the name starts
            ri, rj = _trimmed(doc, w, i, min(j, run[0]) if run[0] > i else j)
            role = _clean_role(w.span(ri, rj)) if rj > ri else None
        else:
            span, text, role = of.span, of.text, None
        kind: SpeakerType = "PERSON" if of.type == "UNKNOWN" else of.type
        return replace(of, span=span, text=text, role=role or of.role, type=kind, **salience)
    phrase_start, phrase_end = noun_phrase(head, w)
    i, j = _trimmed(doc, w, phrase_start, phrase_end)
    if j <= i:
        i, j = head.i, head.i + 1
    span = w.chars(i, j)
    text = w.span(i, j)
    behalf = (
        _behalf(head) if low in SPOKESPEOPLE or low in DOCUMENTS or low.rstrip("s") in DOCUMENTS else None
    )
    if behalf is not None:
        of = mention(behalf)
        return Mention(span, text, None, None, None, of.type, **salience, head=low, behalf=of)
    run = name_run(head, w)
    role_before = _role_before(doc, w, i, run[0]) if run is not None else None  # read once for both uses
    # "the U.S. Attorney's Office": a name ending in an organisation word is none of a
    # person's, whatever title comes before it
    person = (
        run is not None
        and low not in ORG_WORDS
        and (role_before is not None or run[1] - run[0] >= 2 and first_name_gender(w.word(run[0])))
    )
    org = None if person else org_run(head, w, i, j)
    if org is not None:
        oi, oj = _trimmed(doc, w, *org)
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
        described = _org_apposed(head)
        role = None if described else role_before or _role_apposed(head, w)
        kind = "ORG" if described else _person_type(tag, run, role)
        return Mention(
            span,
            text,
            name if clean else None,
            w.chars(ni, nj) if clean else None,
            role,
            kind,
            gender=_honorific_gender(w, ni),
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


def names(doc: Doc) -> list[Mention]:
    """Every proper-name mention in ``doc`` (persons and organisations), in order."""
    found = []
    n = len(doc)
    tags, deps = column(doc, "TAG"), column(doc, "DEP")
    # the words read as slices of the Doc's text and their offsets: a Token only for a
    # run's head (names are read in every paragraph, and most words of one are no head)
    text, (starts, ends) = doc_text(doc), bounds(doc)
    consumed = -1
    for i in [i for i, tag in enumerate(tags) if tag in _PROPER_TAGS]:
        if i <= consumed or not _capitalised_text(text[starts[i] : ends[i]]):
            continue
        j = i
        # (a word with a space after it: the next one starts after its end)
        while j + 1 < n and j - i < 12 and tags[j + 1] in _PROPER_TAGS and ends[j] < starts[j + 1]:
            j += 1
        # the run's syntactic head: the token whose head lies outside the run; of two
        # ("Secretary of [State] [Mike Pompeo]"), the last, which the name ends on (a
        # one-word run is its own)
        head = doc[i] if i == j else _run_head(doc, i, j)
        m = mention(head)
        consumed = j
        if deps[head.i] == _COMPOUND and head.head.tag_ in ("NN", "NNS") and not m.role and m.type != "ORG":
            m = replace(m, modifier=True, type="UNKNOWN")  # "a New York man": a name as a modifier
        if m.name and m.name_span:
            found.append(m)
            while consumed + 1 < n and starts[consumed + 1] < m.name_span[1]:
                consumed += 1  # an organisation's name may run on ("... of the Western District")
    found.extend(_described_subjects(doc, tags))
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


def _described_subjects(doc: Doc, tags: list[int]) -> list[Mention]:
    """Subjects named by a definite description of a person ("the president's roots
    came into play. In Honolulu, he ..."): the one described becomes the subject a
    pronoun takes up (speakers.SpeakerResolver.observe)."""
    if _DESCRIBING.isdisjoint(column(doc, "LOWER")):
        return []  # no person noun or title in the paragraph: no token read
    deps, lowers = column(doc, "DEP"), column(doc, "LOWER")
    out = []
    # the tag, label and word of every token compared as ids: a Token only for a subject
    # that is a person noun or a title (a few a paragraph)
    for i in [
        i
        for i, tag in enumerate(tags)
        if tag == _NN and deps[i] in _SUBJECT_DEPS and lowers[i] in _DESCRIBING
    ]:
        m = mention(doc[i])
        if m.subject and m.definite and not m.name and m.head:
            out.append(m)
    return out
