"""Transcripts: paragraphs that open with their speaker's name and a colon.

    WALLACE: Will she be there tomorrow night?
    PENCE: She will not be attending the debate.

A turn is the rest of its paragraph, said by the speaker its label names. A label
counts when it is set in capitals or the article names that speaker, and when
labels recur (a transcript has at least two turns), so a lone "Update:" or "Note:"
is never a speaker.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Attribution, Offsets, Span, Speaker
from .speakers import SpeakerResolver

# (a quoted transcript may open each turn with a quotation mark)
_TURN = re.compile(r"^[\"“]?(?P<label>[A-Z][A-Za-z.'’ -]{1,30}?):\s+(?P<words>\S.{9,})$", re.S)
# Labels that start paragraphs but name no one.
NOT_SPEAKERS = frozenset(
    """update note editor's note editors note correction clarification photo photos video watch read
    related source sources background advertisement disclosure q a question answer""".split()
)
# The furthest a label's colon can stand from its paragraph's start (_TURN: a quotation
# mark, then a label of up to 31 characters).
_LABEL_COLON = 32
MIN_TURNS = 2
TURN_CONFIDENCE = 0.85


def turns(text: str, body: Sequence[Offsets], resolver: SpeakerResolver) -> list[Attribution]:
    """The transcript turns among the ``body`` paragraphs of ``text``."""
    found = []
    for s, e in body:
        if text.find(":", s, s + _LABEL_COLON + 1) < 0:
            continue  # (nearly every paragraph: no colon where a label's would be)
        m = _TURN.match(text[s:e])
        if not m:
            continue
        label = m.group("label").strip()
        words = label.split()
        if len(words) > 3 or label.lower().strip(".") in NOT_SPEAKERS:
            continue
        found.append((label, s + m.start("label"), s + m.end("label"), s + m.start("words"), e))
    if len(found) < MIN_TURNS:
        return []
    out = []
    for label, ls, le, ws, we in found:
        named = label.title() if label.isupper() else label
        speaker = resolver.lookup(named)
        if speaker is None and not label.isupper():
            continue
        colon = text.index(":", le)
        out.append(
            Attribution(
                kind="direct",
                content=Span.of(text, (ws, we)),
                speaker=speaker or Speaker(named, None, "PERSON"),
                source=Span.of(text, (ls, le)),
                cue=Span.of(text, (colon, colon + 1)),
                confidence=TURN_CONFIDENCE if speaker else TURN_CONFIDENCE - 0.15,
                act="speech",
            )
        )
    return out
