"""Statements a reader would call statements: fragments repaired or dropped.

A report found by the frames can still be something no reader would call a
statement. Each rule here either repairs it or drops it:

- a content that starts or ends inside a word is widened to whole words;
- a content ending in a dangling function word ("plan for", "to re") loses it, and
  is dropped when less than two words remain;
- a content that is only a pronoun after a verb of speech ("said it"), or a bare name
  after a verb of telling ("Sasse told Hawk Sawyer"), is not what was said: dropped
  ("backed Clinton", "endorsed her" are kept: a stance, whose content is whom it backs);
- a speaker that is a relative or demonstrative pronoun nothing refers back to
  ("that", "which") is unknown: dropped;
- a place or venue ("the stadium", "Central Park") does not speak: dropped;
- a thing ("uncertainty", "the trade war") may weigh on something or offer something,
  but it does not say or write it: such a report is a stance, not speech;
- a verb in a relative clause reports the noun it modifies ("the purchases Mr. Trump
  requested", "a prospect Vindman denied"), not a quotation or clause beside it: dropped;
- a deed is not a statement ("ordered an inquiry", "signed the bill") unless its object
  is words ("issued a statement", "made allegations about"), nor an aspect
  ("continues to give mixed signals"), a relative clause ("the third witness testifying
  who listened in"), or a wish not to be named.

What is kept but doubtful keeps the scorer's (low) probability.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..model import Act
from .addressee import ADDRESSEE_VERBS
from .paragraph import Paragraph
from .records import Report
from .syntax import is_thing
from .vocabulary import DOCUMENTS, names_a_person

# Tags of words a content may not end on.
DANGLING = frozenset(("IN", "TO", "DT", "CC", "PRP$", "WDT", "WP", "WP$", "POS", "EX"))
# Heads of places and venues.
PLACES = frozenset(
    """stadium arena park square street avenue road
    neighborhood neighbourhood building hall field plaza airport station harbor harbour
    port bridge highway campus mall""".split()
)
# Verbs that, with only an object, report a deed, not words: "ordered an inquiry",
# "issued a report", "signed the bill".
ACTIONS = frozenset(
    "order issue release sign launch send impose introduce file ban deliver hold make take give pass hire fire".split()
)
_RELATIVES = frozenset(("who", "whom", "whose", "which"))
_ANONYMITY = ("to be identified", "to be named", "to be quoted", "to be identified by name")
_ANONYMOUS_OPENINGS = _ANONYMITY + tuple("not " + p for p in _ANONYMITY)  # (one startswith for all)
_DEMONSTRATIVES = frozenset(("that", "which", "this", "these", "those", "who", "whom", "what"))


def _mark(tok: Token) -> bool:
    return tok.is_punct and not tok.is_quote


def _words(doc: Doc, i: int, j: int, most: int) -> list[Token]:
    """Up to ``most`` words (not punctuation or space) among tokens [i, j)."""
    out: list[Token] = []
    for k in range(i, j):  # (no Span: most reads stop after a word or two)
        tok = doc[k]
        if not tok.is_punct and not tok.is_space:
            out.append(tok)
            if len(out) == most:
                break
    return out


def _whole_words(text: str, s: int, e: int, begin: int = 0, end: int | None = None) -> tuple[int, int]:
    """[s, e) widened to whole words of ``text``, within its characters [begin, end)
    (a paragraph's)."""
    if end is None:
        end = len(text)
    while begin < s < end and text[s - 1].isalnum() and text[s].isalnum():
        s -= 1
    while begin < e < end and text[e - 1].isalnum() and text[e].isalnum():
        e += 1
    return s, e


# The tags of the words a content that is only whom it was said to has.
_NAME_TAGS = frozenset(("PRP", "NNP", "NNPS"))


def _name_tags(para: Paragraph, local: list[tuple[int, int]]) -> list[str]:
    """The tags of the words of a content of one to four words, all pronouns or proper
    nouns ("Hawk Sawyer", "it"); else none. (The walk stops at the first other word or
    the fifth: most contents are neither.)"""
    doc = para.doc
    tags: list[str] = []
    for s, e in local:
        for k in para.tokens(s, e):
            tok = doc[k]
            if tok.is_punct or tok.is_space:
                continue
            tag = tok.tag_
            if tag not in _NAME_TAGS or len(tags) == 4:
                return []
            tags.append(tag)
    return tags


def repair(r: Report, para: Paragraph) -> Report | None:
    """``r`` with its content repaired, or None when it is not a statement (spans in
    the paragraph's Doc's characters)."""
    doc, begin, end = para.doc, para.begin, para.end
    if r.continues or r.pending or not r.content:
        return r
    local = [(s, e) for s, e in r.content if begin <= s < e <= end]
    if local and r.frame not in ("quote", "tail", "dash"):
        last_s, last_e = local[-1]
        span = para.tokens(last_s, last_e)
        # walk back from the end: the work is the few words cut, not the content's length
        k, cut = span.stop, 0
        while k > span.start:
            tok = doc[k - 1]  # (one Token per step, read for all three tests)
            dangling = tok.tag_ in DANGLING
            if not (tok.is_space or dangling or _mark(tok)):
                break
            cut += dangling
            k -= 1
        kept = _words(doc, span.start, k, 2)
        if not kept or cut and len(kept) < 2 and len(local) == 1:
            return None  # "plan for": what is left of a cut-off phrase
        new_end = para.chars(k - 1, k)[1]
        if new_end < last_e:
            r.content = [*r.content[:-1], (r.content[-1][0], new_end)]
        tags = _name_tags(para, local)
        if tags and (r.lemma in ADDRESSEE_VERBS or all(t == "PRP" for t in tags) and r.act == "speech"):
            return None  # "told Hawk Sawyer", "said it": whom it was said to, not what
    if _reports_a_noun(r, para) or not _says_something(r, para):
        return None
    r.content = [
        _whole_words(para.text, s, e, para.begin, para.end) if begin <= s < e <= end else (s, e)
        for s, e in r.content
    ]
    m = r.source
    if m is not None:
        if m.pronoun in _DEMONSTRATIVES and not m.refers_to:
            return None
        head = (m.head or (m.name or m.text).split()[-1]).lower()
        if head in PLACES:
            return None
        if r.token is not None and m.name is None and not m.pronoun and m.behalf is None:
            cue = doc[r.token]
            subject = next((c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is None and cue.dep_ == "acl":
                subject = cue.head  # "conspiracy theories suggesting he was murdered"
            if (
                subject is not None
                and is_thing(subject)
                and head not in DOCUMENTS
                and head[:-1] not in DOCUMENTS
            ):
                if r.frame in ("object", "prep"):
                    return None  # "uncertainty is weighing on the economy": no one's words at all
                if r.act in ("speech", "writing"):
                    r.spoken_act, r.act = r.act, "stance"
    return r


def most_chars(
    para: Paragraph, content: list[tuple[int, int]], frame: str, kind: str, cue: Token
) -> int | None:
    """The most characters of content ``repair`` can leave a report of ``cue`` with (None
    when a piece lies outside the paragraph). It cuts the last piece's end, widens every
    piece to whole words, and may take back the words between the cue and an indirect
    clause that opens with a verb (``_take_back_subject``): they start after the cue."""
    total = 0
    for n, (s, e) in enumerate(content):
        if not para.begin <= s < e <= para.end:
            return None
        if n == 0 and frame != "quote" and kind == "indirect" and cue.idx < s and _starts_with_verb(para, s):
            s = min(s, cue.idx + len(cue.text))
        s, e = _whole_words(para.text, s, e, para.begin, para.end)
        total += e - s
    return total


def repaired_acts(act: Act, lemma: str | None, frame: str) -> set[Act]:
    """The acts ``repair`` can leave a report of ``act`` with: a deed whose object is
    words becomes speech or writing (``_words_object``), and speech or writing with a
    thing for its subject a stance."""
    acts = {act}
    if lemma in ACTIONS and frame in ("object", "prep"):
        acts |= {"speech", "writing"}
    if "speech" in acts or "writing" in acts:
        acts.add("stance")
    return acts


# Objects that make a deed verb a way of saying: "sent a letter", "made the case".
WORDS_OBJECTS = DOCUMENTS | frozenset(
    """case message speech remarks remark comment argument announcement proposal paper plea appeal
    warning mention reference allegation accusation charge claim attack criticism defense defence
    hint answer reply response promise pledge vow threat call demand request suggestion point
    observation prediction assessment decision endorsement apology denial admission complaint
    position""".split()
)


def _singular(noun: Token) -> str:
    """A noun's lower-case singular, as far as WORDS_OBJECTS needs it ("statements")."""
    low = noun.lower_
    return low[:-1] if noun.tag_ == "NNS" and low.endswith("s") else low


def _words_object(r: Report, para: Paragraph) -> bool:
    """ "issued a statement", "made the case that": a deed verb whose object is words
    (the report is then writing or speech); other deeds are not statements."""
    doc = para.doc
    if r.token is None:
        return False
    obj = next((c for c in doc[r.token].children if c.dep_ in ("dobj", "obj")), None)
    if obj is None:
        return False
    noun = _singular(obj)
    if noun not in WORDS_OBJECTS or any(c.lower_ == "no" for c in obj.children):
        return False  # "made no mention of": what was not said is no statement
    r.act = "writing" if noun in DOCUMENTS else "speech"
    return True


def _first_token(para: Paragraph, s: int) -> Token | None:
    span = para.tokens(s, s + 60)
    doc = para.doc
    for k in span:
        tok = doc[k]
        if not tok.is_punct and not tok.is_space:
            return tok
    return None


def _take_back_subject(r: Report, para: Paragraph, s: int) -> bool:
    doc = para.doc
    if r.token is None or doc[r.token].idx >= s:
        return False
    k = r.token + 1
    while k < para.hi and doc[k].dep_ in ("prt", "punct", "mark") and doc[k].idx < s:
        k += 1
    if (
        k >= para.hi
        or doc[k].idx >= s
        or not any(t.tag_.startswith(("NN", "PRP")) for t in doc[k : min(k + 12, para.hi)] if t.idx < s)
    ):
        return False
    r.content = [(doc[k].idx, r.content[0][1]), *r.content[1:]]
    return True


# Frames whose content lies beside the cue, not in its own clause.
_BESIDE = frozenset(("quote", "clause", "colon", "parenthetical"))


def _reports_a_noun(r: Report, para: Paragraph) -> bool:
    """Whether the cue is a verb whose object is the noun its clause modifies, so what
    it reports is that noun: "the purchases Mr. Trump requested — “...”", and the
    parser's "a prospect Vindman denied" read as an inverted report of the clause
    before it ("a" and a common noun before the name: no source ever looks so)."""
    if r.token is None or r.frame not in _BESIDE:
        return False
    verb = para.doc[r.token]
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if verb.dep_ == "relcl" and verb.head.tag_ in ("NN", "NNS"):
        # "the plan she announced": the relative word, if any, is its object, not its
        # subject, a place or a time, and the verb has no clause of its own ("the man
        # police said was ...")
        if any(
            c.dep_ in ("ccomp", "xcomp") or c.tag_ == "WRB" or c.dep_ == "prep" and c.lower_ == "as"
            for c in verb.children
        ):  # "privacy, which Apple views as “a right”": the verb's own complement
            return False
        if any(c.dep_ == "prep" and any(g.tag_ in ("WDT", "WP") for g in c.children) for c in verb.children):
            return False  # "an ad in which he declares, “...”": the relative word is not its object
        return subject is None or subject.tag_ not in ("WP", "WDT")
    if r.frame != "clause" or subject is None or subject.i <= para.lo or subject.tag_ not in ("NNP", "NNPS"):
        return False
    kids = list(subject.children)
    return any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in kids) and any(
        c.dep_ == "compound" and c.tag_ in ("NN", "NNS") and not names_a_person(c.text) for c in kids
    )


def _starts_with_verb(para: Paragraph, s: int) -> bool:
    tok = _first_token(para, s)
    return tok is not None and tok.tag_ in ("VBZ", "VBD", "VBP", "MD") and tok.dep_ != "ROOT"


REFLEXIVES = frozenset("itself himself herself themselves myself ourselves yourself".split())
# Verbs that report words only when what they take is words: "denied the allegation",
# "responded to the criticism", but "denied vaccines to immigrants", "responded to the
# pollution".
_WORDS_ONLY = frozenset(("deny", "refuse", "respond", "react"))


def _has_child(
    para: Paragraph, i: int | None, deps: tuple[str, ...], words: frozenset[str] | None = None
) -> bool:
    if i is None:
        return False
    return any(c.dep_ in deps and (words is None or c.lower_ in words) for c in para.doc[i].children)


def _gives_or_meets(r: Report, para: Paragraph) -> bool:
    """A verb of denial or response whose object is a thing, not words or a clause."""
    if r.lemma not in _WORDS_ONLY or r.token is None:
        return False
    verb = para.doc[r.token]
    for c in verb.children:
        obj = c if c.dep_ in ("dobj", "obj") else None
        if c.dep_ == "prep" and c.lower_ == "to" and r.lemma in ("respond", "react"):
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
        if obj is None:
            continue
        if obj.tag_ in ("NN", "NNS") and _singular(obj) not in WORDS_OBJECTS:
            return True
    return False


# Verbs that take a question: "asked [who he was]", "explained [why it failed]".
_ASKING = frozenset(
    """ask wonder know explain decide question inquire investigate consider determine reveal
    show discuss debate understand learn remember recall describe clarify disclose""".split()
)


def _asks_which(r: Report, para: Paragraph, s: int) -> bool:
    """Whether the clause at ``s`` is a question the cue hangs after it ("asked [who he
    was]", "decide [which vision they prefer]"), not a relative clause."""
    if r.token is None or r.lemma not in _ASKING or s < para.doc[r.token].idx:
        return False
    k = para.tokens(s, s + 1)
    if not k or k.start > para.lo and para.doc[k.start - 1].text == ",":
        return False  # "the official testifying, who listened in": an aside after a comma
    clause = para.doc[k.start].head
    while clause.dep_ not in ("ccomp", "ROOT") and clause.head != clause:
        clause = clause.head  # "which [vision]" hangs on its noun, the noun on the verb
    return clause.dep_ == "ccomp" and clause.head.i == r.token


def _says_something(r: Report, para: Paragraph) -> bool:
    """Whether the content is something said, not a deed, an aspect or an aside."""
    if r.lemma == "continue" and r.frame == "infinitive":
        return False  # "continues to give mixed signals": an aspect, not a report
    if r.lemma in ACTIONS and r.frame in ("object", "prep"):
        return _words_object(r, para)
    if r.lemma == "charge" and (
        r.frame in ("passive", "object", "prep") or _has_child(para, r.token, ("auxpass", "nsubjpass"))
    ):
        return False  # "charged with falsifying records": a legal charge, not a claim
    if r.frame == "infinitive" and _has_child(para, r.token, ("dobj",), REFLEXIVES):
        return False  # "challenging itself to run on renewable energy": a goal, not words
    if r.frame in ("object", "prep") and _gives_or_meets(r, para):
        return False  # "denying vaccines to immigrants", "responding to the pollution": deeds
    s, e = r.content[0]
    words = (
        para.text[s : min(e, s + 40, para.end)].lower() if para.begin <= s < para.end else ""
    )  # its opening is enough
    first = words.split(" ", 1)[0] if words else ""
    if first in _RELATIVES and not (r.frame == "clause" and (len(r.content) > 1 or _asks_which(r, para, s))):
        # a relative clause of the subject is not what it said (but in "changes, which
        # officials said will ...", the pronoun is the subject of what they said, and
        # "asked [who he was]" is a question)
        return False
    if r.frame != "quote" and r.kind == "indirect" and _starts_with_verb(para, s):
        # a clause cut from its subject: "recommends [all individuals] [get a vaccine]"
        # takes the words between the cue and the clause back; with none, it is a fragment
        # ("suggested [is fear of retribution]")
        return _take_back_subject(r, para, s)
    return not words.startswith(_ANONYMOUS_OPENINGS)
