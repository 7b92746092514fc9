"""Transcript turns ("PENCE: Well, ..."): a pure function of the text and the names."""

from __future__ import annotations

from saidwhat.attribution.mentions import Mention
from saidwhat.attribution.speakers import SpeakerResolver
from saidwhat.attribution.transcript import turns
from saidwhat.ingest.text import paragraphs


def resolver_knowing(*names: str) -> SpeakerResolver:
    r = SpeakerResolver()
    for k, name in enumerate(names):
        r.observe(
            Mention((k * 10, k * 10 + len(name)), name, name, (k * 10, k * 10 + len(name)), None, "PERSON")
        )
    return r


TEXT = (
    "The governor sat down with the host on Sunday.\n\n"
    "“HOLT: Will you sign the bill this week, Governor?\n\n"
    "“MARSH: I will sign it on Friday, and not a day later.\n\n"
    "Update: this story has been corrected.\n"
)


def test_turns_are_said_by_the_speaker_their_label_names():
    found = turns(TEXT, paragraphs(TEXT), resolver_knowing("Lester Holt", "Elena Marsh"))
    assert [(t.speaker.name, t.content.text) for t in found] == [
        ("Lester Holt", "Will you sign the bill this week, Governor?"),
        ("Elena Marsh", "I will sign it on Friday, and not a day later."),
    ]
    assert all(t.cue.text == ":" and t.act == "speech" for t in found)


def test_a_lone_label_is_not_a_transcript():
    text = "Council meets.\n\nMARSH: I will sign it on Friday, and not a day later.\n"
    assert turns(text, paragraphs(text), resolver_knowing("Elena Marsh")) == []


def test_notes_are_never_speakers():
    text = "Update: the vote was moved to Monday afternoon.\n\nNote: times are local and may change again.\n"
    assert turns(text, paragraphs(text), SpeakerResolver()) == []


def test_a_label_as_long_as_one_can_be_still_opens_a_turn():
    # the colon looked for before the pattern is tried: up to 32 characters in, after a mark
    label = "A" + "B" * 14 + " " + "C" * 15  # 31 characters, the longest label
    text = f"“{label}: Will you sign the bill this week?\n\n“HOLT: I will sign it on Friday, not later.\n"
    found = turns(text, paragraphs(text), SpeakerResolver())
    assert [t.source.text for t in found] == [label, "HOLT"]
    longer = text.replace(label, label + "D")
    assert [t.source.text for t in turns(longer, paragraphs(longer), SpeakerResolver())] == []
