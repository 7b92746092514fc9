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
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

CLUSTER_KINDS = frozenset({"direct", "mixed"})
MIN_WORDS = 6  # shorter quotes ("no comment", "we will see") are too common to cluster
SHINGLE = 4  # words per shingle (K)
WINDOW = 3  # shingles per winnowing window (W)
MIN_CONTAINMENT = 0.8  # share of the shorter version's words found in order in the longer
MIN_LENGTH_RATIO = 0.5  # a version may drop up to half of the words
MAX_CANDIDATES = 8  # clusters sharing fingerprints that are compared word by word

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


def prepare(kind: str, content: str) -> tuple[list[str], str, set[int]] | None:
    """(words, quote_hash, fingerprints) of a quote that is clustered, else None."""
    normal = normalise(content)
    words = normal.split()
    if not clusterable(kind, words):
        return None
    return words, quote_hash(normal), fingerprints(words)


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


@dataclass
class Cluster:
    """A quote cluster as assignment sees it: the words of the version that made it,
    the earliest version, and its counts."""

    id: int
    words: list[str]
    first_attribution_id: Any  # the store's integer id; the Spark job's string id
    first_article_id: str
    first_date: str | None
    variants: int
    articles: int
    new: bool = False
    dirty: bool = False
    prints: set[int] = field(default_factory=set)


def _earlier(date: str | None, than: str | None) -> bool:
    """Whether publication ``date`` is before ``than`` (an undated article is never earlier)."""
    return date is not None and (than is None or date < than)


class Clustering:
    """Puts quotes into clusters one at a time, in order: the one rule the store's
    writer and the Spark job both follow.

    A quote joins the cluster of its normal form (``by_hash``), else the most similar
    of the clusters sharing its fingerprints (most shared first, then the oldest),
    else it makes a new cluster numbered ``next_id``. Only clusters reachable through
    a quote's hash or fingerprints are ever consulted, so a caller may load just those.
    """

    def __init__(
        self,
        by_hash: dict[str, int],
        by_print: dict[int, set[int]],
        clusters: dict[int, Cluster],
        next_id: int,
    ) -> None:
        self.by_hash, self.by_print, self.clusters, self.next_id = by_hash, by_print, clusters, next_id

    def match(self, words: list[str], quote_hash: str, prints: set[int]) -> Cluster | None:
        """The cluster this quote belongs to, or None."""
        if quote_hash in self.by_hash:
            return self.clusters[self.by_hash[quote_hash]]
        shared: Counter[int] = Counter()
        for p in prints:
            shared.update(self.by_print.get(p, ()))
        # ties go to the older cluster, so the result does not depend on set order
        for cid, _ in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_CANDIDATES]:
            if similar(words, self.clusters[cid].words):
                return self.clusters[cid]
        return None

    def add(
        self,
        words: list[str],
        quote_hash: str,
        prints: set[int],
        attribution_id: Any,
        article_id: str,
        pub_date: str | None,
        in_article: set[int],
    ) -> Cluster:
        """Assign one quote; ``in_article`` holds the clusters its article already counts in."""
        cl = self.match(words, quote_hash, prints)
        if cl is None:
            cl = Cluster(
                self.next_id, words, attribution_id, article_id, pub_date, 0, 0, new=True, prints=prints
            )
            self.next_id += 1
            self.clusters[cl.id] = cl
            for p in prints:
                self.by_print.setdefault(p, set()).add(cl.id)
        elif _earlier(pub_date, cl.first_date):
            cl.first_attribution_id, cl.first_article_id, cl.first_date = attribution_id, article_id, pub_date
        self.by_hash.setdefault(quote_hash, cl.id)
        cl.variants += 1
        if cl.id not in in_article:
            in_article.add(cl.id)
            cl.articles += 1
        cl.dirty = True
        return cl
