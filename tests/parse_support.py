"""Hand-built parses for rule tests: no trained model, milliseconds per test.

    doc = parse("Esper/NNP/nsubj/1 said/VBD/ROOT/1 it/PRP/nsubj/4 was/VBD/aux/4 over/RB/ccomp/1 ./././1")

Each token is ``word/TAG/dep/head`` with ``head`` the absolute index of its head
(a root points at itself). A word may hold no slash; ``_`` stands for a space
inside a word ("New_York" is one token "New York"). Tokens are separated by one
space in the text, except that punctuation and "'s" attach to the word before.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.tokens import Doc

_ATTACHED = {".", ",", ":", ";", "!", "?", "'s", "’s", ")", "”", "n't"}


@lru_cache(maxsize=1)
def _vocab():  # type: ignore[no-untyped-def]
    return spacy.blank("en").vocab


def parse(spec: str) -> Doc:
    words, tags, deps, heads = [], [], [], []
    for item in spec.split():
        word, tag, dep, head = item.rsplit("/", 3)
        words.append(word.replace("_", " "))
        tags.append(tag)
        deps.append(dep)
        heads.append(int(head))
    spaces = [
        not (k + 1 < len(words) and (words[k + 1] in _ATTACHED or words[k] in ("“", "(")))
        for k in range(len(words))
    ]
    spaces[-1] = False
    return Doc(_vocab(), words=words, spaces=spaces, tags=tags, deps=deps, heads=heads)
