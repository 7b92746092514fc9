"""Quote clusters: the same direct quote as carried by several articles.

Outlets reprint a quote with small changes: curly or straight quote marks, other
punctuation, an ellipsis where words were cut, a dropped clause, "we are" for
"we're". ``normalise`` removes what does not change the words (case, punctuation,
quote marks, ellipses, contractions); equal normal forms are one quote (found by
``quote_hash``). Near matches are found through fingerprints: hashes of 4-word
shingles chosen by winnowing (Schleimer, Wilkerson and Aiken, 2003), which
guarantees that two quotes sharing a run of ``K + W - 1`` = 6 words share a
fingerprint. Candidates sharing fingerprints are confirmed by ``similar``, which
accepts a shorter version whose words are nearly all in the longer one.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from difflib import SequenceMatcher

CLUSTER_KINDS = frozenset({"direct", "mixed"})
MIN_WORDS = 6  # shorter quotes ("no comment", "we will see") are too common to cluster
SHINGLE = 4  # words per shingle (K)
WINDOW = 3  # shingles per winnowing window (W)
MIN_CONTAINMENT = 0.8  # share of the shorter version's words found in order in the longer
MIN_LENGTH_RATIO = 0.5  # a version may drop up to half of the words

_CONTRACTIONS = [
    (re.compile(r"\bwon't\b"), "will not"),
    (re.compile(r"\bcan't\b"), "can not"),
    (re.compile(r"\bshan't\b"), "shall not"),
    (re.compile(r"\bain't\b"), "is not"),
    (re.compile(r"n't\b"), " not"),
    (re.compile(r"\bcannot\b"), "can not"),
    (re.compile(r"'re\b"), " are"),
    (re.compile(r"'m\b"), " am"),
    (re.compile(r"'ll\b"), " will"),
    (re.compile(r"'ve\b"), " have"),
    (re.compile(r"'d\b"), " would"),
    # "it's" = "it is"; a possessive ("Iran's") becomes "iran is" on every side alike.
    (re.compile(r"'s\b"), " is"),
]
_APOSTROPHES = re.compile(r"[’‘`´ʼ′]")
_ELLIPSIS = re.compile(r"…|\.\s*\.\s*\.|\[\s*\.\.\.\s*\]")
_NON_WORD = re.compile(r"[^\w']+|_")


def normalise(text: str) -> str:
    """The words of a quote: lower case, no punctuation, quote marks or ellipses,
    contractions expanded."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = _APOSTROPHES.sub("'", text)
    text = _ELLIPSIS.sub(" ", text)
    for pattern, full in _CONTRACTIONS:
        text = pattern.sub(full, text)
    text = _NON_WORD.sub(" ", text).replace("'", " ")
    return " ".join(text.split())


def clusterable(kind: str, words: list[str]) -> bool:
    """Only direct and mixed quotes of reasonable length are clustered."""
    return kind in CLUSTER_KINDS and len(words) >= MIN_WORDS


def quote_hash(normal: str) -> str:
    """A short stable hash of a normal form (exact matches)."""
    return hashlib.blake2b(normal.encode("utf-8"), digest_size=10).hexdigest()


def _h64(text: str) -> int:
    # Stable across processes (str.__hash__ is salted) and fits a signed BIGINT.
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big", signed=True)


def fingerprints(words: list[str]) -> set[int]:
    """Winnowed shingle hashes of a normalised quote's words."""
    if len(words) < SHINGLE:
        return {_h64(" ".join(words))}
    hashes = [_h64(" ".join(words[i : i + SHINGLE])) for i in range(len(words) - SHINGLE + 1)]
    if len(hashes) <= WINDOW:
        return {min(hashes)}
    return {min(hashes[i : i + WINDOW]) for i in range(len(hashes) - WINDOW + 1)}


def similar(a: list[str], b: list[str]) -> bool:
    """Whether two normalised quotes are versions of one quote.

    True when at least MIN_CONTAINMENT of the shorter one's words appear, in order,
    in the longer one, and the shorter one keeps at least MIN_LENGTH_RATIO of its
    length (an excerpt of a few words from a long quote is not the same quote).
    """
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if not short or len(short) < MIN_LENGTH_RATIO * len(long_):
        return False
    matcher = SequenceMatcher(None, short, long_, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    return matched >= MIN_CONTAINMENT * len(short)
