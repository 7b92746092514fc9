"""Headlines read from their words: no parse, no model."""

from __future__ import annotations

from saidwhat.attribution.headline import headline
from saidwhat.attribution.lexicon import load_lexicon
from saidwhat.attribution.mentions import Mention
from saidwhat.attribution.speakers import SpeakerResolver


def read(title: str, *names: str):
    resolver = SpeakerResolver()
    for k, name in enumerate(names):
        start = 1000 + 100 * k
        resolver.observe(
            Mention((start, start + len(name)), name, name, (start, start + len(name)), None, "PERSON")
        )
    return headline(title, (0, len(title)), resolver, load_lexicon())


def test_a_colon_headline_names_its_speaker():
    found = read("Pompeo: Soleimani was not in Baghdad", "Mike Pompeo")
    assert found is not None and found.speaker.name == "Mike Pompeo"
    assert found.content.text == "Soleimani was not in Baghdad"


def test_a_series_title_before_a_colon_is_no_speaker():
    assert read("The Latest: Governor signs the budget into law") is None
    # a role after "The" still names someone the article may not
    found = read("The Governor: the budget will pass this week")
    assert found is not None and found.source.text == "The Governor"


def test_a_title_case_verb_headline_names_its_speaker():
    found = read("Governor Says State Will Appeal Harbor Ruling")
    assert (found.source.text, found.cue.text, found.content.text) == (
        "Governor",
        "Says",
        "State Will Appeal Harbor Ruling",
    )


def test_a_phrase_before_a_comma_is_how_the_speaker_spoke_not_the_speaker():
    found = read("Railing Against The Port, Okafor Vows To Block The Expansion", "Dayo Okafor")
    assert found is not None and (found.source.text, found.speaker.name) == ("Okafor", "Dayo Okafor")
    assert found.content.text == "To Block The Expansion"
