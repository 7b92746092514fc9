"""Speaker resolution inside one article.

Reads the article in order, keeping a registry of the people and organisations
named so far, with the roles and descriptions they were introduced with. A source
mention is resolved to:

- itself, when it is a full name ("Mike Pompeo"), remembering its role;
- the full name it shortens ("Pompeo", "Mrs. Clinton" -> "Hillary Clinton"), the
  most recently named match of a compatible gender winning;
- for a pronoun, the latest compatible speaker, else the latest compatible person or
  organisation named ("they" takes groups and organisations, "it" organisations);
- for a definite description, whom it describes: "the senator" -> the latest person
  introduced with that role, "the utility" -> the latest organisation whose name or
  description has that head ("Northwind Energy, the region's largest utility");
- for someone speaking on another's behalf ("a spokesperson for X", "a statement from
  X", "X's report"), X; and for a document alone ("the statement said"), whoever
  issued it. A document is never a speaker: unresolved, it leaves the speaker unknown.

Only the ``RECENT`` most recently seen entities are searched for pronouns and
descriptions, so the work per mention is bounded however many names an article has.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field, replace
from functools import lru_cache

from ..model import Gender, Speaker, SpeakerType
from .mentions import SPOKESPEOPLE, Mention
from .vocabulary import (
    DOCUMENTS,
    ORG_WORDS,
    PERSON_NOUNS,
    TITLE_WORDS,
    first_name_gender,
    is_outlet,
    strip_leading,
)

# Entities weighed for a pronoun or a description, most recent first.
RECENT = 64
# A pronoun reaches back at most this many paragraphs for the last speaker.
SPEAKER_REACH = 2
# Classes of organisations a description may name without using a word of the name.
ORG_CLASSES = {
    "agency": ("agency", "administration", "bureau", "service", "commission", "authority", "protection"),
    "company": (
        "inc",
        "inc.",
        "corp",
        "corp.",
        "co",
        "co.",
        "company",
        "corporation",
        "llc",
        "ltd",
        "plc",
        "group",
    ),
    "department": ("department", "ministry"),
    "ministry": ("ministry", "department"),
    "government": ("government", "administration", "kremlin", "cabinet"),
    "office": ("office",),
    "union": ("union", "federation", "association"),
    "party": ("party",),
    "court": ("court", "tribunal"),
    "firm": ("inc", "inc.", "corp", "corp.", "llc", "ltd", "plc", "group", "partners"),
}


def role_words(role: str) -> set[str]:
    """The head words a role can be referred back by ("the city's fire chief" -> chief,
    "Secretary of State" -> secretary)."""
    words = [w.strip(",.'’").lower() for w in role.replace("’s", " ").replace("'s", " ").split()]
    words = [w for w in words if w]
    # "Ohio Secretary of State" -> secretary: the word before the first "of"
    k = next((n for n, w in enumerate(words) if n > 0 and w in ("of", "for", "to", "at")), None)
    head = words[k - 1] if k is not None else (words[-1] if words else "")
    own = words[:k] if k is not None else words  # not what it is the title of ("of State")
    return {head} | {w for w in own if w in TITLE_WORDS or w in PERSON_NOUNS or w in ORG_WORDS}


def bare_title(role: str) -> str | None:
    """The title a role holds on its own ("President", "U.S. President" -> president),
    None for a title of something ("president of the Farm Bureau") or a former one:
    "the president" means the bare title's holder before anyone's president."""
    words = [w.strip(",.").lower() for w in role.split()]
    if not words or any(w in ("of", "for", "at", "to", "former", "ex-", "then") for w in words):
        return None
    return words[-1] if words[-1] in TITLE_WORDS or words[-1] in PERSON_NOUNS else None


@lru_cache(maxsize=1 << 14)  # a name recurs through an article and a batch: split once
def _words(name: str) -> list[str]:
    """A name's words (the list is shared: read it, never change it)."""
    return name.split()


@lru_cache(maxsize=1 << 14)
def _name_words(name: str) -> list[str]:
    """A name's words without leading epithets, honorifics and determiners (the list
    is shared: read it, never change it)."""
    return strip_leading(_words(name))


def _description_words(text: str) -> list[str]:
    """A description's words, lower case, without possessive marks and articles."""
    words = text.lower().replace("’s", " ").replace("'s", " ").split()
    return [w for w in words if w not in ("the", "a", "an")]


@dataclass(eq=False, slots=True)
class Entity:
    """A person, organisation or group the article names."""

    name: str
    type: SpeakerType
    roles: list[str] = field(default_factory=list)
    descriptions: set[str] = field(default_factory=set)  # head words it was described by
    titles: set[str] = field(default_factory=set)  # titles it holds on their own (bare_title)
    gender: Gender | None = None
    last_seen: int = 0
    # where it was last the (unquoted) subject of a clause, as (its sentence's start,
    # whether of the main clause, where): later sentences first, then main clauses
    salience: tuple[int, bool, int] = (-1, False, -1)
    # the name's words, kept with the name (``rename``): the resolver reads them for
    # every mention weighed (the list is shared: read it, never change it)
    tokens: list[str] = field(init=False, repr=False)
    # the name whose organisation words are already among the descriptions
    _described_by_name: str | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self.tokens = _words(self.name)

    def rename(self, name: str) -> None:
        """Take a fuller form of the name."""
        self.name = name
        self.tokens = _words(name)

    @property
    def last_subject(self) -> int:
        return self.salience[2]

    def became_subject(self, m: Mention) -> None:
        self.salience = (m.sentence, m.main, m.span[0])

    def speaker(self, role: str | None = None) -> Speaker:
        shown = role or (self.roles[0] if self.roles and self.type == "PERSON" else None)
        return Speaker(self.name, shown, self.type, self.gender if self.type == "PERSON" else None)


class SpeakerResolver:
    """Resolves mentions to speakers; feed it mentions in text order."""

    def __init__(self) -> None:
        self.entities: list[Entity] = []
        self._by_edge: dict[str, list[Entity]] = {}  # first and last words -> entities
        self._recent: OrderedDict[Entity, None] = OrderedDict()  # most recent last
        self._issuers: dict[str, Entity] = {}  # document word -> who issued the latest one
        self.last_speaker: tuple[Entity, int] | None = None  # entity, paragraph
        self.speaker_at = -1  # where the last speaker's attribution was

    # ------------------------------------------------------------ registry

    def _touch(self, ent: Entity) -> None:
        recent = self._recent
        if ent in recent:
            recent.move_to_end(ent)
        else:
            recent[ent] = None
            if len(recent) > RECENT:
                recent.popitem(last=False)

    def _recently(self) -> list[Entity]:
        """The recently seen entities, most recent first."""
        return list(reversed(self._recent))

    def _find(
        self, name: str, gender: Gender | None = None, type: SpeakerType | None = None
    ) -> Entity | None:
        """The entity ``name`` refers to: the same name, a fuller one it shortens
        ("Pompeo" -> "Mike Pompeo"), or a shorter one it completes; never one of
        the other gender. An organisation's name only ever matches itself."""
        words = _name_words(name)
        if not words:
            return None
        first, last = words[0], words[-1]
        head = self._by_edge.get(first)
        tail = self._by_edge.get(last) if last != first else None  # (one bucket: weighed once)
        if head is None and tail is None:
            return None  # (two names in five are new)
        candidates = head[-RECENT:] if head else []
        if tail:
            candidates += tail[-RECENT:]
        best, best_key = None, None
        for ent in candidates:
            if gender and ent.gender and ent.gender != gender:
                continue
            toks = ent.tokens
            if toks == words:
                key = (2, ent.last_seen)
            elif "ORG" in (type, ent.type):
                continue
            elif len(words) < len(toks):  # a fuller name it shortens, or one it begins
                n = len(words)
                if toks[-n:] != words and toks[:n] != words:
                    continue
                key = (1, ent.last_seen)
            elif toks == words[-len(toks) :]:  # a shorter name it completes
                key = (1, ent.last_seen)
            else:
                continue
            if best_key is None or key > best_key:
                best, best_key = ent, key
        return best

    def _index(self, ent: Entity) -> None:
        first, last = ent.tokens[0], ent.tokens[-1]
        for word in (first,) if first == last else (first, last):
            bucket = self._by_edge.setdefault(word, [])
            if ent not in bucket:
                bucket.append(ent)

    def _add(self, ent: Entity) -> Entity:
        self.entities.append(ent)
        self._index(ent)
        self._touch(ent)
        return ent

    def observe(self, m: Mention, quoted: bool = False) -> Entity | None:
        """Register a named mention (``quoted``: inside a quotation, so not a
        candidate antecedent for a pronoun outside it); returns its entity. A definite
        description that is a subject ("the president's roots ...") makes whom it
        describes the subject."""
        if not m.name:
            ent = self._described(m) if m.subject and m.definite and not quoted else None
            if ent is not None:
                ent.became_subject(m)
                self._touch(ent)
            return ent
        name = m.name
        ent = self._find(name, m.gender)
        length = len(_words(name))
        if ent is None:
            two_words = length >= 2 and not m.modifier
            kind: SpeakerType = m.type if m.type != "UNKNOWN" else ("PERSON" if two_words else "UNKNOWN")
            ent = self._add(Entity(name, kind))
        elif length > len(ent.tokens):
            ent.rename(name)  # a fuller form of the same name
            self._index(ent)
        if m.role and m.role not in ent.roles:
            ent.roles.append(m.role)
            ent.descriptions |= role_words(m.role)
            title = bare_title(m.role)
            if title:
                ent.titles.add(title)
        if ent.type == "UNKNOWN" and m.type in ("PERSON", "ORG", "GROUP") or m.type == "ORG" and m.head:
            ent.type = m.type
        if ent.type == "ORG" and ent._described_by_name is not ent.name:
            # (once per name: the words are the same each time it is seen)
            ent.descriptions |= {w.lower() for w in ent.tokens if w.lower() in ORG_WORDS}
            ent._described_by_name = ent.name
        if m.head:
            ent.descriptions.add(m.head)
        if m.gender and not ent.gender:
            ent.gender = m.gender
        elif ent.gender is None and ent.type == "PERSON" and len(ent.tokens) >= 2:
            ent.gender = first_name_gender(ent.name)
        if not quoted:
            ent.last_seen = m.span[0]
            if m.subject:
                ent.became_subject(m)
            self._touch(ent)
        return ent

    def issued(self, document: str, ent: Entity | None) -> None:
        """Remember who issued the latest document of a kind ("statement")."""
        if ent is not None:
            self._issuers[document] = ent
            self._issuers["*"] = ent

    def entity_of(self, speaker: Speaker | None) -> Entity | None:
        """The registered entity of a resolved speaker, if any."""
        if speaker is None:
            return None
        return next((e for e in self._recently() if e.name == speaker.name), None)

    # ------------------------------------------------------------ resolution

    def resolve(self, m: Mention | None, paragraph: int) -> Speaker | None:
        """The speaker ``m`` refers to (None when unknown); updates salience."""
        if m is None:
            return None
        speaker = self._resolve(m, paragraph)
        self.speaker_at = m.start
        return speaker

    def _spoke(
        self, ent: Entity, paragraph: int, role: str | None = None, m: Mention | None = None
    ) -> Speaker:
        if m is not None and m.subject and m.start > ent.last_subject:
            # whatever named it ("he", "the senator", a name the tagger missed), the
            # speaker is now its sentence's subject
            ent.became_subject(m)
        self.last_speaker = (ent, paragraph)
        self._touch(ent)
        return ent.speaker(role)

    def _resolve(self, m: Mention, paragraph: int) -> Speaker | None:
        if m.behalf is not None:
            speaker = self._resolve(m.behalf, paragraph)
            if m.head and (m.head in DOCUMENTS or m.head.rstrip("s") in DOCUMENTS):
                self.issued(m.head.rstrip("s"), self.entity_of(speaker))
            return speaker
        if m.pronoun:
            ent = self._antecedent(m, paragraph)
            if ent is None:
                return None
            if m.gender and not ent.gender:
                ent.gender = m.gender
            return self._spoke(ent, paragraph, m=m)
        if m.name:
            ent = self.observe(m)
            assert ent is not None
            return self._spoke(ent, paragraph, m.role)
        if m.head and (m.head in DOCUMENTS or m.head.rstrip("s") in DOCUMENTS):
            # "the statement said": whoever issued it; a document is never a speaker
            # "the report" may be the latest document of any kind; "prison records" are no one's
            ent = self._issuers.get(m.head.rstrip("s")) or (self._issuers.get("*") if m.definite else None)
            # "the office release", "the agency's report": the organisation described
            owner = next((w for w in _description_words(m.text) if w in ORG_WORDS or w in ORG_CLASSES), None)
            if owner is not None:
                ent = self._described(replace(m, head=owner, type="ORG", definite=True)) or ent
            return self._spoke(ent, paragraph) if ent else None
        # a name the tagger missed ("Marques told ..." tagged as a plural noun)
        if m.text[:1].isupper() and len(m.text.split()) <= 3:
            ent = self._find(m.text, m.gender)
            if ent is not None:
                return self._spoke(ent, paragraph, m=m)
        ent = self._described(m)
        if ent is not None:
            return self._spoke(ent, paragraph, m=m)
        if m.head in SPOKESPEOPLE:
            # "a spokesperson said", no one named: for the organisation just spoken of
            orgs = [e for e in self._recently() if e.type == "ORG" and not is_outlet(e.name)]
            ent = max(orgs, key=lambda e: (e.last_subject, e.last_seen), default=None)
            if ent is not None:
                return self._spoke(ent, paragraph)
        # a common-noun source: "officials", "a senior official", "the ministry"
        text = m.refers_to or m.text
        speaker = Speaker(text, None, m.type)
        if m.type in ("ORG", "GROUP", "PERSON"):
            ent = self._add(Entity(text, m.type, last_seen=m.start))
            if m.head:
                ent.descriptions.add(m.head)
            self.last_speaker = (ent, paragraph)
        return speaker

    def _described(self, m: Mention) -> Entity | None:
        """Whom a description refers to: "the senator", "the fire chief", "the utility"."""
        if not m.head:
            return None
        words = _description_words(m.text)
        if not words or len(words) > 5:
            return None
        if m.type == "ORG" or m.head in ORG_WORDS or m.head in ORG_CLASSES:
            if not m.definite:
                return None
            classes = ORG_CLASSES.get(m.head, (m.head,))
            for ent in self._recently():
                if ent.type == "ORG" and (
                    m.head in ent.descriptions
                    or ent.descriptions & set(classes)
                    or any(w.lower() in classes for w in ent.tokens)
                ):
                    return ent
            return None
        if m.head in PERSON_NOUNS or m.head in TITLE_WORDS:
            recent = self._recently()
            if words == [m.head]:
                # "the president": the President before the president of a bank or a union
                holder = next((e for e in recent if e.type == "PERSON" and m.head in e.titles), None)
                if holder is not None:
                    return holder
            for ent in recent:
                if ent.type == "PERSON" and m.head in ent.descriptions and len(ent.tokens) >= 2:
                    # every other word of the description fits too ("the health minister")
                    extra = {w for w in words if w in TITLE_WORDS or w in PERSON_NOUNS} - {m.head}
                    if extra <= ent.descriptions or not extra:
                        return ent
        return None

    def _antecedent(self, m: Mention, paragraph: int) -> Entity | None:
        """The last speaker, unless a compatible subject was named since."""
        plural = m.pronoun in ("they", "we", "them", "us")
        speaker = None
        if self.last_speaker and paragraph - self.last_speaker[1] <= SPEAKER_REACH:
            if self._compatible(self.last_speaker[0], m, plural):
                speaker = self.last_speaker[0]
        recent, start = self._recently(), m.span[0]
        subjects = [e for e in recent if 0 <= e.last_subject < start and self._compatible(e, m, plural)]
        # the latest sentence's; in it, its main clause's before one inside it
        latest = max(subjects, key=lambda e: e.salience, default=None)
        # a subject named since the last speaker spoke takes over, unless it sat lower in
        # the speaker's own sentence ("Matthews said Pence's performance ... “...,” he said")
        if latest is not None and (
            speaker is None or latest.last_subject > self.speaker_at and latest.salience > speaker.salience
        ):
            return latest
        if speaker is not None:
            return speaker
        named = [e for e in recent if e.last_seen < start and self._compatible(e, m, plural)]
        return max(named, key=lambda e: e.last_seen, default=None)

    @staticmethod
    def _compatible(ent: Entity, m: Mention, plural: bool) -> bool:
        if plural:
            return ent.type in ("ORG", "GROUP")
        if m.pronoun == "it":
            return ent.type == "ORG"
        if m.pronoun in ("i", "you"):
            return False
        if ent.type != "PERSON":
            return False
        return not (ent.gender and m.gender and ent.gender != m.gender)

    def lookup(self, name: str) -> Speaker | None:
        """The speaker a headline's "Name:" refers to, by name or by role
        ("Minister:" -> the minister quoted in the article)."""
        ent = self._find(name) or self._by_role(name)
        return ent.speaker() if ent else None

    def _by_role(self, text: str) -> Entity | None:
        """The single person whose role ends in the text's last word and holds all its
        other words ("Health Minister" -> "Health Minister Karen Obi")."""
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
