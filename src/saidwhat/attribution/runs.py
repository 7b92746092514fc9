"""Where a name, an organisation's name or a noun phrase runs in a parsed paragraph.

The token ranges the mention rules (mentions.py) start from: a personal name's words
around its head ("Secretary of State [Mike Pompeo]"), an organisation's full name
("[U.S. Attorney's Office for the Western District]"), the noun phrase a head heads,
cut before an apposition or a relative clause, and a range without its leading
determiners and trailing punctuation.

Every name of every paragraph is read so, and most words of a name are read by more
than one of these rules: they read the Doc's words as ids and slices of its text,
gathered once per Doc (``Words``, from tokens.column and bounds), and build a Token only
for what a Token alone tells (a head, a child, a lexical flag).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from ..model import Offsets
from .tokens import bounds, column, doc_text, window
from .vocabulary import EPITHETS, HONORIFICS, ORG_WORDS, PERSON_TITLES, is_outlet

if TYPE_CHECKING:
    from .mentions import Mention

PROPER_TAGS = frozenset((get_string_id("NNP"), get_string_id("NNPS")))
# Words of a phrase read at most, from its head: a bound on the work per mention.
MAX_PHRASE = 40
# Small words inside organisation names ("Bank of America", "Smith & Wesson").
_CONNECTORS = frozenset(("of", "for", "and", "&", "on", "the"))


class Words:
    """What the name and mention rules read of every word of a Doc: its text and each
    token's offsets, tag, lower case and label (as ids), gathered once per Doc
    (tokens.column, bounds) so that a rule asks the Doc once rather than once a column;
    and the mentions read in it so far (mentions.mention), by head."""

    __slots__ = ("text", "starts", "ends", "tags", "lowers", "deps", "mentions")

    def __init__(self, doc: Doc) -> None:
        self.mentions: dict[int, Mention] = {}
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


def words_of(doc: Doc) -> Words:
    """The words of ``doc``, gathered on first use (kept with the Doc)."""
    found: Words | None = doc.user_data.get(_WORDS)
    if found is None:
        found = doc.user_data[_WORDS] = Words(doc)
    return found


def capitalised(text: str) -> bool:
    """Whether a word starts with a capital letter ("McCain", "U.S.")."""
    first = text[:1]
    return first.isupper() and (first.isalpha() or any(c.isalpha() for c in text))


# Capitalised words that are no word of a name: titles, epithets, honorifics.
_NOT_NAMES = PERSON_TITLES | EPITHETS | frozenset(HONORIFICS)
_NOT_NAME_IDS = frozenset(get_string_id(w) for w in _NOT_NAMES)


def _is_name_word(tag: int, low: int, word: str) -> bool:
    """A word of a personal name: a capitalised proper noun that is not a title,
    an honorific or an epithet (``tag`` and ``low`` the ids of its tag and lower case)."""
    if not (tag in PROPER_TAGS or _initial(word)):
        return False
    return capitalised(word) and low not in _NOT_NAME_IDS


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


def _sentence_initial_word(doc: Doc, w: Words, k: int) -> bool:
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


def name_run(head: Token, w: Words) -> tuple[int, int] | None:
    """Token range [i, j) of the personal name ending at or around ``head``."""
    # (the words read as ids and slices of the Doc's text: a Token only for the head
    # of a word that may continue the name to the right)
    doc = head.doc
    h = head.i
    text, starts, ends, tags, lowers = w.text, w.starts, w.ends, w.tags, w.lowers
    if not _is_name_word(tags[h], lowers[h], text[starts[h] : ends[h]]):
        return None
    i = h
    lo = window(doc, h)[0]  # the paragraph's first token: a name does not run on before it
    # (a word with a space after it: the next one starts after its end)
    while (
        i > lo
        and h - i < 6
        and ends[i - 1] < starts[i]
        and _is_name_word(tags[i - 1], lowers[i - 1], text[starts[i - 1] : ends[i - 1]])
    ):
        if i >= lo + 3 and lowers[i - 2] == _OF and lowers[i - 3] in _PERSON_TITLE_IDS:
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


def org_run(head: Token, w: Words, i: int, j: int) -> tuple[int, int] | None:
    """Token range of an organisation's full name around ``head`` within [i, j):
    capitalised words with possessives and the small words of names between them
    ("U.S. Attorney's Office for the Western District", "Smith & Wesson Brands
    Inc."), when one of its words names an organisation or it is an acronym."""
    # (asked of every name that is no person's: the words read as ids and slices of
    # the Doc's text, not as Tokens)
    doc = head.doc
    h = head.i
    text, starts, ends, tags, lowers = w.text, w.starts, w.ends, w.tags, w.lowers
    if tags[h] not in _ORG_HEAD_TAGS or not capitalised(text[starts[h] : ends[h]]):
        return None
    a = h
    while a > i:
        k = a - 1
        if not (
            tags[k] in _ORG_BEFORE_TAGS
            and capitalised(text[starts[k] : ends[k]])
            or (tags[k] == _POS or lowers[k] in _AND_IDS)
            and k - 1 >= i
            and capitalised(text[starts[k - 1] : ends[k - 1]])
        ):  # "U.S. Attorney's Office", "Citizenship and Immigration Services"
            break
        a -= 1
    while a < h and (lowers[a] in _EPITHET_IDS or _sentence_initial_word(doc, w, a)):
        a += 1
    b = h + 1
    while b < j:
        if tags[b] in _ORG_AFTER_TAGS and capitalised(text[starts[b] : ends[b]]):
            b += 1
            continue
        # "of the Western District": connectors, then a capitalised word
        k = b
        while k < j and lowers[k] in _CONNECTOR_IDS:
            k += 1
        if k > b and k < j and tags[k] in PROPER_TAGS and capitalised(text[starts[k] : ends[k]]):
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


def _has_alnum(word: str) -> bool:
    """Whether ``word`` has a letter or a digit (the first character asked first: most
    words start with one, and a regex search costs several times more)."""
    return word[:1].isalnum() or _ALNUM.search(word) is not None


# (a finite verb begins no noun phrase: "Said Ellis: ..." is a report the parser took for a name)
_LEADING = frozenset(
    get_string_id(t) for t in ("DT", "PRP$", "POS", "RB", "CC", "SYM", "LS", "IN", "VBD", "VBZ")
)


def trimmed(doc: Doc, w: Words, i: int, j: int) -> tuple[int, int]:
    """[i, j) without leading determiners, adverbs, punctuation and symbols, and
    without trailing punctuation and possessive marks."""
    # (the words read as ids and slices of the Doc's text; a word with a letter or a
    # digit is neither punctuation nor space, so a Token only for one without)
    text, starts, ends, tags = w.text, w.starts, w.ends, w.tags
    while i < j and (tags[i] in _LEADING or not _has_alnum(text[starts[i] : ends[i]])):
        i += 1
    while j > i and (tags[j - 1] == _POS or _punct_or_space(doc, j - 1, text[starts[j - 1] : ends[j - 1]])):
        j -= 1
    return i, j


def _punct_or_space(doc: Doc, k: int, word: str) -> bool:
    """Whether token ``k`` (whose text is ``word``) is punctuation or space."""
    if _has_alnum(word):
        return False
    tok = doc[k]
    return tok.is_punct or tok.is_space


_CLAUSES = frozenset(get_string_id(d) for d in ("ccomp", "advcl", "parataxis", "csubj"))
_RELATIVES = frozenset(get_string_id(d) for d in ("relcl", "acl"))


def noun_phrase(head: Token, w: Words) -> tuple[int, int]:
    """The noun phrase headed by ``head``, cut before a comma-set apposition or
    relative clause ("Pompeo, who ..." -> "Pompeo") and after a dateline's colon
    ("WASHINGTON: US Secretary ..." -> "US Secretary ...")."""
    h = head.i
    n_lefts, n_rights = head.n_lefts, head.n_rights
    if not (n_lefts or n_rights):
        return h, h + 1  # a head without children (most one-word names) is its own phrase
    left, right = head.left_edge.i, head.right_edge.i
    i = max(left, h - MAX_PHRASE)
    j = min(right + 1, h + MAX_PHRASE)
    # the words read as slices of the Doc's text, the children's labels as ids (a Token
    # for each costs more); the children are walked only when a word of the phrase on
    # their side bears a label looked for (a child lies within the phrase)
    text, starts, ends, deps = w.text, w.starts, w.ends, w.deps
    for k in range(h - 1, i - 1, -1):
        word = text[starts[k] : ends[k]]
        if word in (":", "—", "–", "|", "\n") or word.isspace():
            i = k + 1
            break
    if n_lefts and not _CLAUSES.isdisjoint(deps[left:h]):
        # "“That's a concern,” Sarandon": the parser hung the quote on the name
        for child in head.lefts:
            if deps[child.i] in _CLAUSES:
                i = max(i, child.right_edge.i + 1)
    while i < h and _punct(head.doc, i, text[starts[i] : ends[i]]):
        i += 1
    for k in range(h + 1, j):
        word = text[starts[k] : ends[k]]
        if word in (",", "(", "—", "–", "-", ":") or word.isspace():
            j = k
            break
    if n_rights and not _RELATIVES.isdisjoint(deps[h + 1 : right + 1]):
        for child in head.rights:
            if deps[child.i] in _RELATIVES:
                j = min(j, child.left_edge.i)
    return max(i, 0), max(j, i)


def _punct(doc: Doc, k: int, word: str) -> bool:
    """Whether token ``k`` (whose text is ``word``) is punctuation."""
    return not _has_alnum(word) and doc[k].is_punct
