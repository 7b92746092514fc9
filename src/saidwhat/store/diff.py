"""Word differences between two versions of a quote, for showing them side by side.

Words are compared without case, surrounding punctuation and quote-mark style, so
a curly quote against a straight one is no difference, while a dropped clause,
an ellipsis or "we're" against "we are" is marked.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import NamedTuple

_EDGE_PUNCT = re.compile(r"^[^\w…]+|[^\w…]+$")
_ELLIPSIS = re.compile(r"\.\.\.|…")


class Piece(NamedTuple):
    """A run of words: ``op`` is "equal", "delete" (only in the first version),
    "insert" (only in the second) or "replace"; ``a`` and ``b`` are the run's text
    in each version ("" where absent)."""

    op: str
    a: str
    b: str


def _key(word: str) -> str:
    word = word.replace("’", "'").replace("‘", "'")
    if _ELLIPSIS.search(word) and not _EDGE_PUNCT.sub("", _ELLIPSIS.sub("", word)):
        return "…"
    stripped = _EDGE_PUNCT.sub("", _ELLIPSIS.sub("", word)).lower()
    return stripped or word


def word_diff(a: str, b: str) -> list[Piece]:
    """The differences between versions ``a`` and ``b`` of a quote, as runs of words."""
    wa, wb = a.split(), b.split()
    matcher = SequenceMatcher(None, [_key(w) for w in wa], [_key(w) for w in wb], autojunk=False)
    return [
        Piece(op, " ".join(wa[i1:i2]), " ".join(wb[j1:j2])) for op, i1, i2, j1, j2 in matcher.get_opcodes()
    ]


def mark(pieces: list[Piece], side: str) -> str:
    """One version's text with its differences marked in the style of ``git diff
    --word-diff``: ``[-removed-]`` on side "a", ``{+added+}`` on side "b"."""
    out = []
    for p in pieces:
        text = p.a if side == "a" else p.b
        if not text:
            continue
        if p.op == "equal":
            out.append(text)
        elif side == "a":
            out.append(f"[-{text}-]")
        else:
            out.append(f"{{+{text}+}}")
    return " ".join(out)
