"""Word-level differences between versions of one quote.

Fact-checkers care about every changed word, comma and capital, so tokens are
compared exactly; only runs of whitespace count as equal to each other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

_TOKEN = re.compile(r"\s+|\w+(?:['’]\w+)*|[^\w\s]")


@dataclass(frozen=True)
class Piece:
    op: str  # "same", "added" (in this version only) or "removed" (in the base only)
    text: str


def tokens(text: str) -> list[str]:
    """Words, punctuation marks and whitespace runs; joined they give ``text``."""
    return _TOKEN.findall(text)


def word_diff(base: str, other: str) -> list[Piece]:
    """``other`` as pieces relative to ``base``; unchanged neighbours are merged."""
    a, b = tokens(base), tokens(other)
    key_a = [" " if t.isspace() else t for t in a]
    key_b = [" " if t.isspace() else t for t in b]
    pieces: list[Piece] = []

    def add(op: str, text: str) -> None:
        if not text:
            return
        if pieces and pieces[-1].op == op:
            pieces[-1] = Piece(op, pieces[-1].text + text)
        else:
            pieces.append(Piece(op, text))

    for tag, i1, i2, j1, j2 in SequenceMatcher(None, key_a, key_b, autojunk=False).get_opcodes():
        if tag == "equal":
            add("same", "".join(b[j1:j2]))
        else:
            if i2 > i1:
                add("removed", "".join(a[i1:i2]))
            if j2 > j1:
                add("added", "".join(b[j1:j2]))
    return pieces


def same_words(a: str, b: str) -> bool:
    """Whether two versions differ at most in whitespace."""
    return " ".join(a.split()) == " ".join(b.split())
