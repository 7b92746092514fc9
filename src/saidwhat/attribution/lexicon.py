"""The cue lexicon: which words introduce an attributed statement, and how surely.

Two layers. A hand-made seed list of reporting, cognition and stance verbs (and a
few nouns) gives every cue a prior. Statistics learned from an annotated corpus
(``saidwhat learn-cues --gold DIR``, stored in ``data/cues.json``) refine it: for each
lemma and each syntactic frame (see frames.FRAMES) how
often the word was annotated as a cue out of how often it occurred so. Only word
counts are stored, never text.

Lemmas come from a form table (inflections generated from the lemmas, irregular
forms listed) so the pipeline needs no lemmatizer at run time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..errors import ConfigError
from ..model import Act
from .forms import IRREGULAR, inflections, verb_forms
from .frames import FRAMES_BY_KIND, PRIORS, Frame

# Seed words this sure (the reporting verbs) report speech unless ACTS says otherwise.
SPEECH_PRIOR = 0.55

# Seed lexicon: lemma -> prior probability that it reports a statement when it
# governs a clause or a quote. Speech verbs high, stance/cognition verbs lower.
SEED: dict[str, float] = {
    **dict.fromkeys(
        "say tell add state declare announce insist claim argue assert maintain "
        "acknowledge admit concede confirm deny explain note remark reply respond "
        "answer write tweet post warn caution predict promise pledge vow threaten "
        "reiterate repeat stress emphasize emphasise allege report testify recall "
        "complain comment conclude contend counter quip joke muse exclaim shout "
        "whisper ask urge propose recommend disclose reveal "
        "estimate observe point_out mention retort affirm charge boast brag "
        "lament concur agree disagree opine proclaim rule indicate "
        "advise inform assure reassure guarantee swear hint speculate theorize "
        "insinuate imply clarify specify continue".split(),
        0.8,
    ),
    "according": 0.85,
    # only in "as X put it" / "how X put it" (frames.FRAMES gives that frame its own prior)
    "put": 0.0,
    "word": 0.8,  # "his words were ..." (a noun cue: only with an owner)
    **dict.fromkeys(
        "accuse blame criticize criticise praise condemn denounce slam blast attack "
        "defend endorse back support oppose reject dismiss question challenge "
        "call describe characterize label brand dub thank congratulate applaud "
        "mock decry lambaste castigate rebuke scold ridicule laud hail welcome "
        "demand request order instruct direct".split(),
        0.55,
    ),
    **dict.fromkeys(
        "believe think feel know expect hope fear worry doubt suspect consider "
        "understand realize realise recognize recognise assume suppose guess "
        "wonder want wish plan intend seek decide learn find show suggest "
        "prove reflect demonstrate see view regard seem appear".split(),
        0.4,
    ),
}
# What act a cue word reports (issue: speech and writing are what readers call
# statements; stance, plan and perception are attributions of another kind). A word
# not listed here is speech when it introduces a quotation, else stance.
ACTS: dict[str, Act] = {
    **dict.fromkeys(
        """write tweet retweet post publish blog email text pen sign print file quote
        statement letter report memo op-ed editorial release filing testimony""".split(),
        "writing",
    ),
    **dict.fromkeys(
        """believe think feel argue want wish hope fear worry doubt suspect consider
        understand assume suppose guess wonder expect seem appear support oppose back
        endorse favor favour prefer like love hate agree disagree view regard deem trust
        belief view criticism opposition""".split(),
        "stance",
    ),
    **dict.fromkeys(
        "plan intend vow pledge promise threaten aim seek decide propose try attempt".split(), "plan"
    ),
    **dict.fromkeys(
        """see find notice learn hear discover observe show reveal watch realize
        realise recognize recognise know detect witness""".split(),
        "perception",
    ),
    # verbal acts whose seed prior is a cognition verb's: "suggested that", "questioned him"
    **dict.fromkeys("suggest question".split(), "speech"),
    # nouns of saying a light verb takes ("issued a warning", "gave assurances", "made
    # the case"); other noun and adjective cues are stances ("voiced concern", "is sure")
    **dict.fromkeys(
        """warning assurance announcement argument accusation allegation complaint request
        demand appeal remark objection apology denial prediction suggestion explanation
        response case""".split(),
        "speech",
    ),
    **dict.fromkeys("commitment intention threat".split(), "plan"),
    **dict.fromkeys("aware unaware".split(), "perception"),
}
# Frames whose unseeded words take the frame's learned rate as their prior.
BACKED_OFF = frozenset(("noun", "light", "role", "adjective"))
NOUN_CUES = frozenset(
    "statement interview remarks remark comments comment speech testimony tweet post "
    "letter claim assertion argument belief view warning announcement report "
    "accusation allegation promise pledge vow prediction suggestion criticism "
    "word according".split()
)
# Verbs whose object noun carries the saying: "made the claim that", "gave
# assurances", "expressed concern", "voiced support for", "raised questions about",
# "has doubts about", "took the position that". Not "faced criticism" or "won
# support": there the subject is the one spoken about.
LIGHT_VERBS = frozenset(
    """make give issue express voice raise offer deliver lodge file share repeat reiterate
    renew signal send extend pose level sound register air echo have hold harbor harbour
    take put press state lay""".split()
)


@dataclass
class Lexicon:
    """Cue scores by lemma and frame, with a form -> lemma table."""

    priors: dict[str, float]
    # lemma -> frame -> (times annotated as a cue, times seen in that frame)
    counts: dict[str, dict[str, tuple[int, int]]] = field(default_factory=dict)
    forms: dict[str, str] = field(default_factory=dict)
    # frame -> how often any candidate in it was a cue: the prior of a word the seed
    # list lacks, in the frames of noun and adjective cues (few of their words are seeded)
    rates: dict[str, float] = field(default_factory=dict)
    # pseudo-count weight of the prior against the learned counts
    strength: float = 4.0
    _cue_forms: dict[float, dict[int, str]] = field(default_factory=dict, repr=False)
    _scores: dict[tuple[str, str], float] = field(default_factory=dict, repr=False, compare=False)
    _tried: dict[tuple[str, str, float], tuple[Frame, ...]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        for form, lemma in IRREGULAR.items():
            self.forms.setdefault(form, lemma)
        for lemma in list(self.priors) + list(self.counts):
            for form in inflections(lemma):
                self.forms.setdefault(form, lemma)
        for noun in NOUN_CUES:
            self.forms.setdefault(noun, noun)
            self.forms.setdefault(noun + "s", noun)

    def cue_forms(self, threshold: float) -> dict[int, str]:
        """The lemma of each form whose lemma can reach ``threshold`` in some frame, by
        the form's hash: candidate tokens are found by their LOWER hash, and their
        lemma read in the same table (no string of the token read). Cached per threshold."""
        found = self._cue_forms.get(threshold)
        if found is None:
            from spacy.strings import get_string_id

            best = {lemma: max(self.score(lemma, f) for f in PRIORS) for lemma in set(self.forms.values())}
            found = {get_string_id(f): lemma for f, lemma in self.forms.items() if best[lemma] >= threshold}
            self._cue_forms[threshold] = found
        return found

    def frames_to_try(self, lemma: str, kind: str, threshold: float) -> tuple[Frame, ...]:
        """The frames of a ``kind`` cue worth trying for ``lemma``, in order: up to the
        last in which its score reaches ``threshold``. (A cue's report takes the first
        frame that finds content, and is none when its score there is below the
        threshold: a frame after the last one can only give none.) Cached."""
        key = (lemma, kind, threshold)
        found = self._tried.get(key)
        if found is None:
            frames = FRAMES_BY_KIND.get(kind, ())
            reach = [k for k, f in enumerate(frames) if self.score(lemma, f.name) >= threshold]
            found = self._tried[key] = frames[: reach[-1] + 1] if reach else ()
        return found

    def act(self, lemma: str | None, frame: str = "clause") -> Act:
        """The act ``lemma`` reports in ``frame``."""
        act = ACTS.get(lemma or "")
        if act is not None:
            return act
        if frame in ("quote", "tail", "dash", "colon", "continuation", "according", "put_it"):
            return "speech"
        return "speech" if self.priors.get(lemma or "", 0.0) >= SPEECH_PRIOR else "stance"

    def lemma(self, form: str) -> str | None:
        """The lexicon lemma of a lower-cased word form, or None if not a cue word."""
        return self.forms.get(form)

    def score(self, lemma: str, frame: str) -> float:
        """Probability that ``lemma`` in ``frame`` introduces an attribution (cached
        per pair, like the cue forms: a lexicon is not changed once it scores)."""
        found = self._scores.get((lemma, frame))
        if found is None:
            found = self._scores[lemma, frame] = self._score(lemma, frame)
        return found

    def _score(self, lemma: str, frame: str) -> float:
        if lemma in self.priors or frame not in BACKED_OFF:
            prior = PRIORS[frame](self.priors.get(lemma, 0.0))
        else:
            prior = self.rates.get(frame, 0.0)
        hit, seen = self.counts.get(lemma, {}).get(frame, (0, 0))
        return (hit + self.strength * prior) / (seen + self.strength)


# Forms of "be": a noun after one says what its subject is ("X is a critic of Y").
COPULAS = frozenset(
    ("is", "was", "are", "were", "be", "been", "being", "'s", "’s", "'re", "’re", "am", "'m", "’m")
)
# Verbs an adjective cue follows ("is sure", "remained skeptical"): not "made sure".
_LINKING = verb_forms("become remain seem appear sound feel grow stay".split()) | {"became", "grew"}


def is_linking_verb(form: str) -> bool:
    """Whether the lower-cased verb form links its subject to an adjective ("is", "seemed")."""
    return form in COPULAS or form in _LINKING


_LIGHT_FORMS = verb_forms(LIGHT_VERBS) | {"has", "had", "laid"}


def is_light_verb(form: str) -> bool:
    """Whether the lower-cased verb form is a light verb's ("made", "voiced")."""
    return form in _LIGHT_FORMS


@lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> Lexicon:
    """The seed lexicon refined by learned counts (the packaged ones by default)."""
    if path:
        try:
            raw = Path(path).read_text(encoding="utf-8")
            json.loads(raw)
        except (OSError, ValueError) as exc:
            raise ConfigError(f"cannot read cue statistics from {path}: {exc}") from None
    else:
        try:
            raw = resources.files("saidwhat").joinpath("data/cues.json").read_text("utf-8")
        except FileNotFoundError:
            raw = "{}"
    data = json.loads(raw)
    counts = {
        lemma: {frame: (int(v[0]), int(v[1])) for frame, v in frames.items()}
        for lemma, frames in data.get("counts", {}).items()
    }
    rates = {frame: float(rate) for frame, rate in data.get("rates", {}).items()}
    return Lexicon(priors=dict(SEED), counts=counts, forms=dict(data.get("forms", {})), rates=rates)
