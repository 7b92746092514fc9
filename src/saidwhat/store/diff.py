"""Differences between two versions of a quote: the one definition of a changed word.

The quote page and ``saidwhat quote`` both show versions through ``word_diff``:

- by default words are compared without case, surrounding punctuation and
  quote-mark style, so a curly quote against a straight one is no difference,
  while a dropped clause, an ellipsis or "we're" against "we are" is marked;
- ``strict=True`` compares every word and punctuation mark exactly (a changed
  comma or capital is marked), the view a fact-checker asks for.

Only runs of whitespace count as equal to each other in both. Pieces keep the
texts exactly: joining one side's pieces gives that version back.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import NamedTuple

__all__ = ["Piece", "changes", "mark", "same_words", "tokens", "word_diff"]

_EDGE_PUNCT = re.compile(r"^[^\w…]+|[^\w…]+$")
_ELLIPSIS = re.compile(r"\.\.\.|…")
_WORDS = re.compile(r"\s+|\S+")  # words with their punctuation, and the spaces between
_STRICT = re.compile(r"\s+|\w+(?:['’]\w+)*|[^\w\s]")  # words, each mark, spaces


class Piece(NamedTuple):
    """A run of text: ``op`` is "equal", "delete" (only in the first version),
    "insert" (only in the second) or "replace"; ``a`` and ``b`` are the run's text
    in each version ("" where absent)."""

    op: str
    a: str
    b: str


def tokens(text: str, strict: bool = False) -> list[str]:
    """The units compared: words (with their punctuation unless ``strict``, where each
    mark is its own unit) and whitespace runs; joined they give ``text``."""
    return (_STRICT if strict else _WORDS).findall(text)


def _key(token: str, strict: bool) -> str:
    if token.isspace():
        return " "
    if strict:
        return token
    word = token.replace("’", "'").replace("‘", "'")
    if _ELLIPSIS.search(word) and not _EDGE_PUNCT.sub("", _ELLIPSIS.sub("", word)):
        return "…"
    stripped = _EDGE_PUNCT.sub("", _ELLIPSIS.sub("", word)).lower()
    return stripped or word


def word_diff(a: str, b: str, *, strict: bool = False) -> list[Piece]:
    """The differences between versions ``a`` and ``b`` of a quote, as runs of text."""
    ta, tb = tokens(a, strict), tokens(b, strict)
    matcher = SequenceMatcher(
        None, [_key(t, strict) for t in ta], [_key(t, strict) for t in tb], autojunk=False
    )
    pieces: list[Piece] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        piece = Piece(op, "".join(ta[i1:i2]), "".join(tb[j1:j2]))
        if pieces and pieces[-1].op == op == "equal":
            pieces[-1] = Piece(op, pieces[-1].a + piece.a, pieces[-1].b + piece.b)
        else:
            pieces.append(piece)
    return pieces


def changes(pieces: list[Piece]) -> list[tuple[str, str]]:
    """The second version as ("same" | "removed" | "added", text) runs, for showing it
    with what the first version had and it lacks, in place."""
    out: list[tuple[str, str]] = []
    for p in pieces:
        runs = [("same", p.b)] if p.op == "equal" else [("removed", p.a), ("added", p.b)]
        for kind, text in runs:
            if not text:
                continue
            if out and out[-1][0] == kind:
                out[-1] = (kind, out[-1][1] + text)
            else:
                out.append((kind, text))
    return out


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
        else:
            lead = text[: len(text) - len(text.lstrip())]
            trail = text[len(text.rstrip()) :]
            core = text.strip()
            out.append(f"{lead}[-{core}-]{trail}" if side == "a" else f"{lead}{{+{core}+}}{trail}")
    return "".join(out)


def same_words(a: str, b: str) -> bool:
    """Whether two versions differ at most in whitespace."""
    return " ".join(a.split()) == " ".join(b.split())
