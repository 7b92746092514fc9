"""Headlines: "Speaker: claim" and "Speaker says claim", in any capitalisation.

    Pompeo: Soleimani not in Baghdad
    Governor Says State Will Appeal
    Minister rules out school closures

A headline is read from its words, not its parse: a headline is rarely a
sentence the parser knows (no final period, Title Case verbs tagged as names),
and in a whole-text parse it often runs into the first paragraph. The speaker is
looked up among the people the article names, by name or by role ("Minister" ->
the minister quoted below), so the headline is read last.
"""

from __future__ import annotations

import re

from ..model import Attribution, Offsets, Span, Speaker
from .lexicon import Lexicon
from .speakers import SpeakerResolver
from .vocabulary import GROUP_NOUNS, PERSON_TITLES, first_name_gender

# "Pompeo: Soleimani not in Baghdad", "Poll: Clinton leads" (speaker up to 6 words)
_COLON = re.compile(r"^(?P<source>[^:\n]{2,60}?)\s*(?P<cue>:)\s+(?P<content>\S.{8,})$")
_WORD = re.compile(r"[\w'’.-]+")
# Words that start a headline but never name a speaker.
_NOT_SPEAKERS = frozenset("a an the this that these those it there here what why how when who".split())
# A headline verb reports only when it is a sure speech word (say, warn, vow, deny, ...).
MIN_VERB_SCORE = 0.6
_PARTICLES = frozenset(("out", "off", "up", "down", "back"))


def headline(
    text: str, title_span: Offsets, resolver: SpeakerResolver, lexicon: Lexicon
) -> Attribution | None:
    """The attribution of the title at ``title_span``, or None."""
    found = _colon_form(text, title_span) or _verb_form(text, title_span, lexicon)
    if found is None:
        return None
    source, cue, content = found
    name = text[source[0] : source[1]]
    speaker = resolver.lookup(name)
    if speaker is None and cue[1] - cue[0] > 1 and not _names_someone(name):
        return None  # "Tariff Talks Stall ...": a verb-like word after a noun, no speaker
    first, _, rest = name.partition(" ")
    if speaker is None and first.lower() in _NOT_SPEAKERS and not (rest and _names_someone(rest)):
        return None  # "The Latest: ...": a series or section title, no speaker
    if speaker is None:
        speaker = Speaker(name, None, "UNKNOWN")
    return Attribution(
        kind="headline",
        content=Span.of(text, content),
        speaker=speaker,
        source=Span.of(text, source),
        cue=Span.of(text, cue),
        confidence=0.8 if speaker.type != "UNKNOWN" else 0.6,
        act="speech",
    )


def _names_someone(words: str) -> bool:
    """Whether a headline's subject names a speaker though the article does not: a
    title ("Governor"), a group ("Officials"), or a first name ("Maria Lopez")."""
    low = [w.lower().strip(".,") for w in words.split()]
    return any(w in PERSON_TITLES or w in GROUP_NOUNS for w in low) or first_name_gender(words) is not None


def _colon_form(text: str, title_span: Offsets) -> tuple[Offsets, Offsets, Offsets] | None:
    s0, e0 = title_span
    m = _COLON.match(text[s0:e0])
    if not m:
        return None
    source = m.group("source").strip()
    words = source.split()
    if len(words) > 6 or not words[0][:1].isupper():
        return None
    start = s0 + m.start("source")
    return (
        (start, start + len(source)),
        (s0 + m.start("cue"), s0 + m.end("cue")),
        _content(text, s0 + m.start("content"), e0),
    )


def _verb_form(text: str, title_span: Offsets, lexicon: Lexicon) -> tuple[Offsets, Offsets, Offsets] | None:
    """ "Speaker verb claim": one to six capitalised words, a sure reporting verb in
    the third person ("says", "warns", "said"), and at least two words more."""
    s0, e0 = title_span
    words = list(_WORD.finditer(text, s0, e0))
    for k, w in enumerate(words[1:7], start=1):
        form = w.group().lower()
        lemma = lexicon.lemma(form)
        if lemma is None or form == lemma or form.endswith("ing"):
            continue
        if max(lexicon.score(lemma, "clause"), lexicon.score(lemma, "quote")) < MIN_VERB_SCORE:
            continue
        speaker = _after_last_comma(text, words[:k])
        if not all(x.group()[:1].isupper() for x in speaker) or speaker[0].group().lower() in _NOT_SPEAKERS:
            return None
        cue_end = w.end()
        rest = words[k + 1 :]
        if rest and rest[0].group().lower() in _PARTICLES:  # "rules out"
            cue_end = rest[0].end()
            rest = rest[1:]
        if rest and rest[0].group().lower() == "that":
            rest = rest[1:]
        if len(rest) < 2:
            return None
        return (
            (speaker[0].start(), speaker[-1].end()),
            (w.start(), cue_end),
            _content(text, rest[0].start(), e0),
        )
    return None


def _after_last_comma(text: str, words: list[re.Match[str]]) -> list[re.Match[str]]:
    """The words after the last comma: "Railing Against Trump, Sanders Vows ..." is
    said by Sanders; the phrase before the comma is how."""
    for k in range(len(words) - 1, 0, -1):
        if "," in text[words[k - 1].end() : words[k].start()]:
            return words[k:]
    return words


def _content(text: str, s: int, e: int) -> Offsets:
    """[s, e) without a closing period or trailing spaces."""
    while e > s and (text[e - 1].isspace() or text[e - 1] == "."):
        e -= 1
    return s, e
