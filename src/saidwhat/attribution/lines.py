"""A line break ends a sentence: a spaCy component run before the parser.

Scraped pages and live blogs put a headline, a byline or a timestamp on a line of its
own with no final stop ("... Over Zika Virus\nChris Christie said he would ..."); the
parser then reads the two lines as one sentence and hangs the report on the headline's
verb. The parser keeps sentence starts set before it, so a token after a line break
starts one.
"""

from __future__ import annotations

import numpy
from spacy.attrs import IS_SPACE, SENT_START
from spacy.errors import Errors
from spacy.language import Language
from spacy.tokens import Doc

LINE_SENTENCES = "saidwhat_lines"


def add_line_sentences(nlp: Language) -> None:
    """Put the component before ``nlp``'s parser, once (extraction, learning and the
    spaCy component all parse this way, so they read the same trees)."""
    if "parser" in nlp.pipe_names and LINE_SENTENCES not in nlp.pipe_names:
        nlp.add_pipe(LINE_SENTENCES, before="parser")


# Line breaks inside a sentence ("... the mayor\nsaid ...") that make a text hard-wrapped:
# one there is chance; this many and lines are not units of their own.
WRAPPED = 2


@Language.component(LINE_SENTENCES)
def line_sentences(doc: Doc) -> Doc:
    """Mark the token after each line break as a sentence start, unless the text is
    hard-wrapped (lines broken mid-sentence before a lower-case word). A line break is
    a whitespace token, so only those are read (a few per article; not the Doc's text,
    which joining every token would cost more than the rest)."""
    n = len(doc)
    starts = []
    wrapped = 0
    for k in numpy.flatnonzero(doc.to_array(IS_SPACE)).tolist():
        if 0 < k < n - 1 and "\n" in doc[k].text:
            after = doc[k + 1]
            if after.is_space:
                continue
            if after.is_lower and not doc[k - 1].is_punct:
                wrapped += 1
                if wrapped >= WRAPPED:
                    return doc
            starts.append(k + 1)
    if starts:
        # written in one from_array: each Token.is_sent_start assignment checks the whole
        # Doc for a parse (has_annotation), which made the component quadratic in length
        if doc.has_annotation("DEP"):
            raise ValueError(Errors.E043)  # as the assignment would: a parse's trees fix its sentences
        column = doc.to_array(SENT_START)
        column[starts] = 1
        doc.from_array([SENT_START], column)  # type: ignore[arg-type]
    return doc
