"""Embedded posts: a tweet or post quoted in a page, credited on the line below it.

    I urge everyone to use them whenever needed pic.twitter.com/MYwRz9euaq
    — Arvind Kejriwal (@ArvindKejriwal) November 1, 2019

What a page keeps of an embedded post is its text, then a credit line: a dash, the
author's name, the handle in brackets, and the date. The post is the author's
writing; its text runs back over the lines before the credit that read as a post
(short, no closing period), never into the article's prose.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Attribution, Offsets, Span, Speaker
from .speakers import SpeakerResolver

_CREDIT = re.compile(
    r"^[—–-]\s*(?P<name>[^()\n]{2,60}?)\s*\(@\w{1,30}\)\s*(?P<date>[A-Z][a-z]+\.? \d{1,2}, \d{4})\s*$"
)
_DASHES = ("—", "–", "-")  # what _CREDIT opens with
# A post's line: short, and not closed like a sentence of prose.
MAX_POST_LINE = 300
MAX_POST_LINES = 8
POST_CONFIDENCE = 0.9


def posts(text: str, body: Sequence[Offsets], resolver: SpeakerResolver) -> list[Attribution]:
    """The embedded posts among the ``body`` paragraphs of ``text``."""
    out = []
    for k, (s, e) in enumerate(body):
        if not text.startswith(_DASHES, s, e):
            continue  # (nearly every paragraph: a credit opens with a dash)
        m = _CREDIT.match(text[s:e])
        if m is None or k == 0:
            continue
        first = k - 1
        while (
            first > max(0, k - MAX_POST_LINES)
            and _post_line(text, *body[first - 1])
            and _post_line(text, *body[first])
        ):
            first -= 1
        lines = [(a, b) for a, b in body[first:k] if _post_line(text, a, b) or (a, b) == body[k - 1]]
        if not lines:
            continue
        name = m.group("name").strip()
        speaker = resolver.lookup(name)
        dash = s + m.start()
        out.append(
            Attribution(
                kind="direct",
                content=Span.of(text, *lines),
                speaker=speaker or Speaker(name, None, "PERSON"),
                source=Span.of(text, (s + m.start("name"), s + m.start("name") + len(name))),
                cue=Span.of(text, (dash, dash + 1)),
                confidence=POST_CONFIDENCE,
                act="writing",
            )
        )
    return out


def _post_line(text: str, s: int, e: int) -> bool:
    line = text[s:e].rstrip()
    return 0 < len(line) <= MAX_POST_LINE and not line.endswith((".", "”", '"', "?", "!", ":"))
