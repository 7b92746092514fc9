"""Reports found without a cue's frame: "according to X" ("[content], according to
[source]"), a poll's or study's evidence ("In a new poll, ..."), a reporting word read
after a quotation the parse left alone ("“...,” Ruiz notes."), a quotation credited
with a dash and a name ("” ― Ana Ruiz"), and speech-length quotations no cue claimed,
which continue the statement before them (folded in by continuation.py).

reports.read_paragraph calls each; like every stage, they work in the paragraph's Doc's
characters.
"""

from __future__ import annotations

from spacy.strings import get_string_id
from spacy.tokens import Token

from ..model import Kind, Offsets
from .lexicon import Lexicon
from .mentions import Mention, mention
from .paragraph import LocalQuote, Paragraph
from .records import Report
from .syntax import chars, trim_tokens
from .tokens import doc_text
from .when import DEICTIC, WEEKDAYS

# The score of a cue-less quotation that continues the previous statement.
CONTINUATION_SCORE = 0.5
# A quotation credited with a dash and a name ("” ― Ana Ruiz").
DASH_SCORE = 0.85


def according(para: Paragraph, tok: Token, score: float) -> Report | None:
    """ "[content], according to [source]" and "According to [source], [content]"."""
    doc = para.doc
    if tok.i + 1 >= para.hi or doc[tok.i + 1].lower_ != "to":
        return None
    to = doc[tok.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    last = pobj.right_edge.i
    sent_start, sent_end = para.sentence(tok.i)
    if tok.i == sent_start and last >= sent_end - 2:
        # "According to X, [the move reeks of fear]": the parser took the clause for
        # an apposition of X; the credit ends at its comma
        last = next((k - 1 for k in range(pobj.i + 1, last) if doc[k].text == ","), last)
    return _around(para, tok, pobj, [(tok.idx, to.idx + len(to.text))], score, last=max(last, to.i))


def _around(
    para: Paragraph, tok: Token, pobj: Token, cue: list[Offsets], score: float, last: int | None = None
) -> Report | None:
    """The report of a phrase that credits its sentence: the source is the phrase's
    object (up to token ``last``, by default its subtree's end), the content the rest
    of the sentence on either side of the phrase."""
    doc = para.doc
    sent_start, sent_end = para.sentence(tok.i)
    p_start, p_end = tok.i, (pobj.right_edge.i if last is None else last) + 1
    pieces = [
        r
        for r in (trim_tokens(doc, sent_start, p_start), trim_tokens(doc, p_end, sent_end))
        if r[1] - r[0] >= 3
    ]
    if not pieces:
        return None
    kind: Kind = "mixed" if any(any(para.in_quote[i:j]) for i, j in pieces) else "indirect"
    return Report(
        kind=kind,
        content=[chars(doc, i, j) for i, j in pieces],
        cue=cue,
        source=mention(pobj),
        frame="according",
        score=score,
        paragraph=para.index,
        lemma="according",
        token=tok.i,
        lexical=score,
    )


# Nouns of evidence that report in their own voice: "In a new poll, Clinton leads".
EVIDENCE = frozenset("poll polls survey surveys study studies analysis estimate estimates".split())
_EVIDENCE_PREPOSITIONS = frozenset((get_string_id("in"), get_string_id("by")))
EVIDENCE_FORMS = frozenset(get_string_id(w) for w in EVIDENCE)


def evidence(para: Paragraph, cue_tokens: set[int | None], score: float) -> list[Report]:
    """ "In a new poll, [Clinton leads by six points]", "By one estimate, [...]": a poll
    or a study that opens its sentence reports the rest of it, as "according to" does
    (scored as that frame), unless the phrase belongs to a cue of its own ("voters
    said in a survey that ...")."""
    doc = para.doc
    if para.hi == para.lo or EVIDENCE_FORMS.isdisjoint(para.forms):
        return []  # no poll or study named in the paragraph (nearly every one): no token read
    out = []
    for i in [i for i, form in enumerate(para.forms, para.lo) if form in _EVIDENCE_PREPOSITIONS]:
        tok = doc[i]
        if tok.dep_ != "prep" or para.in_quote[i] or tok.head.i in cue_tokens or tok.head.dep_ != "ROOT":
            continue
        if i != para.sentence(i)[0]:
            continue  # only a phrase that opens its sentence credits all of it
        pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        if pobj is None or pobj.lower_ not in EVIDENCE:
            continue
        found = _around(para, tok, pobj, [(tok.idx, tok.idx + len(tok.text))], score)
        if found is not None:
            out.append(found)
    return out


_TAIL_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it"})


_DAY_WORDS = frozenset(WEEKDAYS) | frozenset(DEICTIC)


def tail_cue(para: Paragraph, q: LocalQuote, lexicon: Lexicon, threshold: float) -> Report | None:
    """A cue right after a quotation, read from the words when the parse missed it:
    "“...,” Bozell notes." / "“...,” says Bozell." (a speaker of one to four
    capitalised words or a pronoun; the cue a reporting word)."""
    doc = para.doc
    n = para.hi
    k = q.last + 1
    while k < n and doc[k].is_punct and not doc[k].is_quote:
        k += 1

    def speaker_end(i: int) -> int:
        """The end of a speaker's words from ``i``: a pronoun, or up to six words that
        end on a capitalised one ("Tulsa police Chief Chuck Jordan"), the lower-case
        ones role words, never a cue word."""
        if i < n and doc[i].lower_ in _TAIL_PRONOUNS:
            return i + 1
        j, end = i, i
        while j < n and j - i < 6 and (doc[j].is_alpha or doc[j].text.endswith(".")):
            if doc[j].text[:1].isupper():
                end = j + 1
            elif j == i or doc[j].tag_ not in ("NN", "NNS") or lexicon.lemma(doc[j].lower_) is not None:
                break
            j += 1
        return end

    def is_cue(i: int) -> str | None:
        if i >= n or not doc[i].is_lower:
            return None
        lemma = lexicon.lemma(doc[i].lower_)
        if lemma is None or lexicon.score(lemma, "quote") < max(threshold, 0.5):
            return None
        after = doc[i + 1] if i + 1 < n else None
        # "Jordan said Monday.", "Jordan said on Monday": when, not what
        ends = after is None or after.is_punct or after.dep_ == "prep" or after.lower_ in _DAY_WORDS
        return lemma if ends else None

    end = speaker_end(k)
    if end > k and is_cue(end):  # "Bozell notes"
        cue_i, subject = end, doc[end - 1]
    elif is_cue(k) and speaker_end(k + 1) > k + 1:  # "says Bozell"
        cue_i, subject = k, doc[speaker_end(k + 1) - 1]
    else:
        return None
    cue_tok = doc[cue_i]
    lemma = lexicon.lemma(cue_tok.lower_) or ""
    return Report(
        kind="direct",
        content=[para.local(p) for p in q.quote.pieces],
        cue=[(cue_tok.idx, cue_tok.idx + len(cue_tok.text))],
        source=mention(subject),
        frame="tail",
        score=lexicon.score(lemma, "quote") * 0.9,
        quotes=[q.quote],
        paragraph=para.index,
        lemma=lemma,
        token=cue_i,
        lexical=lexicon.score(lemma, "quote"),
    )


_DASHES = frozenset("―—–")


def dash_credit(para: Paragraph, q: LocalQuote) -> Report | None:
    """“...” ― Name: a quotation credited with a dash and a name that ends the
    paragraph or its sentence (pull quotes, readers' voices)."""
    doc = para.doc
    text, begin, end = doc_text(doc), para.begin, para.end
    if not any(text.find(d, begin, end) >= 0 for d in _DASHES):
        return None  # no dash in the paragraph (most have none): no token read
    n = para.hi
    closing = doc[q.last].text
    if len(closing) > 1 and closing[-1] in _DASHES:
        # the tokenizer keeps a dash glued to the closing mark ("”―") in one token
        k, dash = q.last, (doc[q.last].idx + len(closing) - 1, doc[q.last].idx + len(closing))
    else:
        k = q.last + 1
        while k < n and (doc[k].is_space or doc[k].text in (",", ".")):
            k += 1
        if k >= n or doc[k].text not in _DASHES:
            return None
        dash = (doc[k].idx, doc[k].idx + len(doc[k].text))
    i = k + 1
    while i < n and doc[i].is_space:
        i += 1
    j = i
    while (
        j < n and j - i < 6 and doc[j].text[:1].isupper() and (doc[j].is_alpha or doc[j].text.endswith("."))
    ):
        j += 1
    if j == i or j < n and not (doc[j].is_punct or doc[j].is_space):
        return None
    subject = doc[j - 1]
    name_start, name_end = doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)
    m = mention(subject)
    if m.span != (name_start, name_end):
        m = Mention(
            (name_start, name_end), doc[i:j].text, doc[i:j].text, (name_start, name_end), None, "PERSON"
        )
    return Report(
        kind="direct",
        content=[para.local(p) for p in q.quote.pieces],
        cue=[dash],
        source=m,
        frame="dash",
        score=DASH_SCORE,
        quotes=[q.quote],
        paragraph=para.index,
        lexical=DASH_SCORE,
    )


def continuations(para: Paragraph, claimed: set[int]) -> list[Report]:
    """Speech-length quotations no cue claimed that begin in this paragraph: each
    continues the statement before it (folded in by continuation.py)."""
    out = []
    for q in para.quotes:
        if id(q) in claimed or q.quote.start < para.offset + para.begin or not q.speech:
            continue
        out.append(
            Report(
                kind="direct",
                content=[para.local(p) for p in q.quote.pieces],
                cue=None,
                source=None,
                frame="continuation",
                score=CONTINUATION_SCORE,
                quotes=[q.quote],
                paragraph=para.index,
                continues=True,
                opens_paragraph=q.quote.start - para.offset <= para.begin,
            )
        )
    return out
