"""Speaker resolution inside one article.

Reads the article in order, keeping a registry of the people and organisations
named so far. A source mention is resolved to:

- itself, when it is a full name ("Mike Pompeo"), remembering the role written
  with it ("US Secretary of State Mike Pompeo");
- the full name it shortens ("Pompeo", "Abdul Mahdi" -> "Adel Abdul Mahdi"), the
  most recently named match winning;
- for a pronoun ("he", "she"), the latest compatible speaker, else the latest
  compatible person named; "they"/"we" take the latest group or organisation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from ..model import Speaker, SpeakerType
from .mentions import Mention


@lru_cache(maxsize=1)
def _gender_detector():  # type: ignore[no-untyped-def]
    import gender_guesser.detector

    return gender_guesser.detector.Detector(case_sensitive=False)


def first_name_gender(name: str) -> str | None:
    """ "m" or "f" when the first name is (mostly) used for one gender, else None."""
    first = name.split()[0].strip(".")
    if len(first) < 2:
        return None
    guess = _gender_detector().get_gender(first)
    return {"male": "m", "mostly_male": "m", "female": "f", "mostly_female": "f"}.get(guess)


@dataclass
class Entity:
    name: str
    type: SpeakerType
    roles: list[str] = field(default_factory=list)
    gender: str | None = None
    last_seen: int = 0
    last_subject: int = -1  # where it was last the (unquoted) subject of a clause

    @property
    def tokens(self) -> list[str]:
        return self.name.split()

    def speaker(self, role: str | None = None) -> Speaker:
        return Speaker(self.name, role or (self.roles[0] if self.roles else None), self.type)


class SpeakerResolver:
    """Resolves mentions to speakers; feed it mentions in text order."""

    def __init__(self) -> None:
        self.entities: list[Entity] = []
        self._by_edge: dict[str, list[Entity]] = {}  # first and last words -> entities
        self.last_speaker: tuple[Entity, int] | None = None  # entity, paragraph
        self.speaker_at = -1  # where the last speaker's attribution was

    def _find(self, name: str) -> Entity | None:
        """The entity ``name`` refers to: the same name, a fuller one it shortens
        ("Pompeo" -> "Mike Pompeo"), or a shorter one it completes."""
        words = name.split()
        best, best_key = None, None
        for ent in self._by_edge.get(words[0], []) + self._by_edge.get(words[-1], []):
            toks = ent.tokens
            n = min(len(words), len(toks))
            if toks == words:
                key = (2, ent.last_seen)
            elif toks[-n:] == words[-n:] or (len(words) < len(toks) and toks[:n] == words):
                key = (1, ent.last_seen)
            else:
                continue
            if best_key is None or key > best_key:
                best, best_key = ent, key
        return best

    def _index(self, ent: Entity) -> None:
        for word in {ent.tokens[0], ent.tokens[-1]}:
            bucket = self._by_edge.setdefault(word, [])
            if ent not in bucket:
                bucket.append(ent)

    def _add(self, ent: Entity) -> None:
        self.entities.append(ent)
        self._index(ent)

    def observe(self, m: Mention, quoted: bool = False) -> Entity | None:
        """Register a named mention (``quoted``: inside a quotation, so not a
        candidate antecedent for a pronoun outside it); returns its entity."""
        if not m.name:
            return None
        ent = self._find(m.name)
        if ent is None:
            kind = m.type if m.type != "UNKNOWN" else ("PERSON" if len(m.name.split()) >= 2 else "UNKNOWN")
            ent = Entity(m.name, kind)
            self._add(ent)
        elif len(m.name.split()) > len(ent.tokens):
            ent.name = m.name  # a fuller form of the same name
            self._index(ent)
        if m.role and m.role not in ent.roles:
            ent.roles.append(m.role)
        if ent.type == "UNKNOWN" and (m.type in ("PERSON", "ORG")):
            ent.type = m.type
        if m.gender and not ent.gender:
            ent.gender = m.gender
        elif ent.gender is None and ent.type == "PERSON" and len(ent.tokens) >= 2:
            ent.gender = first_name_gender(ent.name)
        if not quoted:
            ent.last_seen = m.start
            if m.subject:
                ent.last_subject = m.start
        return ent

    def _antecedent(self, m: Mention, paragraph: int) -> Entity | None:
        """The last speaker, unless a compatible subject was named since."""
        plural = m.pronoun in ("they", "we", "them", "us")
        speaker = None
        if self.last_speaker and paragraph - self.last_speaker[1] <= 2:
            if self._compatible(self.last_speaker[0], m, plural):
                speaker = self.last_speaker[0]
        subjects = [
            e for e in self.entities if 0 <= e.last_subject < m.start and self._compatible(e, m, plural)
        ]
        recent = max(subjects, key=lambda e: e.last_subject, default=None)
        if recent is not None and (speaker is None or recent.last_subject > self.speaker_at):
            return recent
        if speaker is not None:
            return speaker
        named = [e for e in self.entities if e.last_seen < m.start and self._compatible(e, m, plural)]
        return max(named, key=lambda e: e.last_seen, default=None)

    @staticmethod
    def _compatible(ent: Entity, m: Mention, plural: bool) -> bool:
        if plural:
            return ent.type in ("ORG", "GROUP")
        if m.pronoun == "it":
            return ent.type == "ORG"
        if m.pronoun in ("i", "you"):
            return False
        if ent.type not in ("PERSON",):
            return False
        return not (ent.gender and m.gender and ent.gender != m.gender)

    def resolve(self, m: Mention | None, paragraph: int) -> Speaker | None:
        """The speaker ``m`` refers to (None when unknown); updates salience."""
        if m is None:
            return None
        speaker = self._resolve(m, paragraph)
        self.speaker_at = m.start
        return speaker

    def _resolve(self, m: Mention, paragraph: int) -> Speaker | None:
        if m.pronoun:
            ent = self._antecedent(m, paragraph)
            if ent is None:
                return None
            if m.gender and not ent.gender:
                ent.gender = m.gender
            self.last_speaker = (ent, paragraph)
            return ent.speaker()
        if m.name:
            ent = self.observe(m)
            assert ent is not None
            self.last_speaker = (ent, paragraph)
            return ent.speaker(m.role)
        # a name the tagger missed ("Marques told ..." tagged as a plural noun)
        if m.text[:1].isupper() and len(m.text.split()) <= 3:
            ent = self._find(m.text)
            if ent is not None:
                self.last_speaker = (ent, paragraph)
                return ent.speaker()
        # "the health minister": the one person named with that role, if only one
        ent = self._by_role(m.text)
        if ent is not None:
            self.last_speaker = (ent, paragraph)
            return ent.speaker()
        # a common-noun source: "officials", "a senior official", "the ministry"
        text = m.refers_to or m.text
        speaker = Speaker(text, None, m.type)
        if m.type in ("ORG", "GROUP", "PERSON"):
            ent = Entity(text, m.type, last_seen=m.start)
            self._add(ent)
            self.last_speaker = (ent, paragraph)
        return speaker

    def _by_role(self, text: str) -> Entity | None:
        """The single person whose role ends in the mention's head noun and holds all
        its other words ("the health minister" -> "Health Minister Karen Obi")."""
        words = [w for w in text.lower().replace("'s", "").split() if w not in ("the", "a", "an")]
        if not words or len(words) > 4:
            return None
        found = [
            e
            for e in self.entities
            if e.type == "PERSON"
            and any(
                r.lower().split()[-1:] == words[-1:] and set(words) <= set(r.lower().split()) for r in e.roles
            )
        ]
        return found[0] if len(found) == 1 else None

    def lookup(self, name: str) -> Speaker | None:
        """The speaker a headline's "Name:" refers to, by name or by role
        ("Minister:" -> the minister quoted in the article)."""
        ent = self._find(name) or self._by_role(name)
        return ent.speaker() if ent else None
