"""Speaker names across articles: one canonical key per person.

The extractor resolves names inside an article ("Pompeo" -> "Mike Pompeo" when the
article names him). Across articles the store only has to agree on spelling:
``name_key`` folds case, accents, punctuation, leading titles ("Secretary of State
Mike Pompeo") and middle initials, so the forms of one full name share a key, while
"John Smith" and "Jane Smith" keep theirs. A bare surname that the article never
resolved keeps its own key ("pompeo"): which Pompeo it was is unknown, so it is not
merged with anyone.

Kept free of spaCy so that opening a store stays cheap.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..model import Attribution

# Words that, leading a name, are a title or role rather than part of the name.
TITLE_WORDS = frozenset(
    """president vice secretary minister prime premier chancellor senator sen
    representative rep congressman congresswoman governor gov mayor lieutenant lt general
    gen colonel col admiral adm sergeant sgt captain capt commander chief chairman
    chairwoman chair director spokesman spokeswoman spokesperson ambassador judge justice
    attorney leader speaker candidate nominee ceo cfo coo founder king queen prince
    princess pope reverend rev father sheikh ayatollah dr mr mrs ms miss sir lord lady
    dame professor prof officer deputy assistant acting former state defense defence
    foreign interior treasury homeland health education energy commerce labor labour
    agriculture transportation transport department house senate majority minority whip
    us uk un eu white federal national republican democratic democrat gop top senior
    elect""".split()
)
_CACHE = 1 << 16  # names repeat across a corpus: fold each spelling once
# Small words that may join title words ("Secretary of State", "Minister for Health").
_JOINERS = frozenset({"of", "for", "the", "and"})
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_NON_WORD = re.compile(r"[^\w]+|_")


@lru_cache(maxsize=_CACHE)
def fold(text: str) -> str:
    """Lower case, accents removed, apostrophes dropped, other punctuation as spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    bare = re.sub(r"['’`´]", "", bare)  # O'Brien -> obrien, not "o brien"
    return " ".join(_NON_WORD.sub(" ", bare.lower()).split())


@lru_cache(maxsize=_CACHE)
def _is_title_word(word: str) -> bool:
    parts = fold(word).split()  # "U.S." -> u s; "President-elect" -> president elect
    return bool(parts) and (all(p in TITLE_WORDS for p in parts) or "".join(parts) in TITLE_WORDS)


@lru_cache(maxsize=_CACHE)
def split_title(name: str, type_: str = "PERSON") -> tuple[str | None, str]:
    """``(title, name)``: leading title words split off a person's written name.

    "Secretary of State Mike Pompeo" -> ("Secretary of State", "Mike Pompeo").
    At least one word always stays in the name ("President" stays a name). Names of
    organisations and groups are left whole ("White House", "General Motors"), and
    so is an untyped name that would shrink to one word.
    """
    if type_ in ("ORG", "GROUP"):
        return None, name.strip()
    words = name.split()
    cut = 0
    for i, word in enumerate(words[:-1]):
        w = fold(word)
        if _is_title_word(word):
            cut = i + 1
        elif w in _JOINERS and cut == i and i > 0:
            continue  # a joiner only inside a run of title words
        else:
            break
    if cut == 0 or fold(words[cut]) in _JOINERS or (type_ != "PERSON" and len(words) - cut < 2):
        return None, name.strip()
    return " ".join(words[:cut]), " ".join(words[cut:])


@lru_cache(maxsize=_CACHE)
def name_key(name: str, type_: str = "PERSON") -> str:
    """The key a speaker is merged on across articles.

    Titles, case, accents, punctuation, middle initials and suffixes (Jr., III) do
    not count; everything else does, so different first names stay different people.
    """
    _, bare = split_title(name, type_)
    tokens = fold(bare).split()
    if len(tokens) >= 2 and tokens[-1] in _SUFFIXES:
        tokens = tokens[:-1]
    if len(tokens) >= 3:  # "Mike R. Pompeo" -> "mike pompeo"
        tokens = [tokens[0]] + [t for t in tokens[1:-1] if len(t) > 1] + [tokens[-1]]
    return " ".join(tokens) or fold(name)


@lru_cache(maxsize=_CACHE)
def role_key(role: str) -> str:
    """Roles compare without case and punctuation ("U.S. Secretary" = "US secretary")."""
    return fold(role.replace(".", ""))


def surname_key(name: str, type_: str) -> str | None:
    """The last word of a person's full name, used only as a last-resort lookup."""
    if type_ not in ("PERSON", "UNKNOWN"):
        return None
    tokens = name_key(name, type_).split()
    return tokens[-1] if len(tokens) >= 2 else None


@lru_cache(maxsize=_CACHE)
def is_alias(source: str, key: str) -> str | None:
    """The name in ``source`` (a mention such as "Pompeo" or "Mr. Pompeo") when it is
    a shortened form of the speaker keyed ``key``; None for "he", "the minister"."""
    _, bare = split_title(source.strip(), "PERSON")
    if not bare[:1].isupper():
        return None
    words = name_key(bare, "PERSON").split()
    if not words or len(words) > 4:
        return None
    return bare if set(words) <= set(key.split()) else None


def speaker_of(a: Attribution) -> tuple[str, str, str | None] | None:
    """(merge key, name without title, title) of the speaker of ``a``; None when it has none."""
    if not a.speaker or not a.speaker.name.strip():
        return None
    title, bare = split_title(a.speaker.name.strip(), a.speaker.type)
    return name_key(bare, a.speaker.type), bare, title


@dataclass
class SpeakerTally:
    """One speaker's record built statement by statement, in order: the store's rule
    for a speaker's name, type, counts, dates, aliases and roles (the writer adds a
    batch's statements to it; the Spark job a whole corpus's).

    ``aliases`` and ``roles`` hold what the statements added (the writer adds them to
    the stored counts); ``name``, ``type`` and ``surname`` come from the first statement.
    """

    name: str
    type: str
    surname: str | None
    statements: int = 0
    first_date: str | None = None
    last_date: str | None = None
    aliases: Counter[str] = field(default_factory=Counter)  # alias key -> statements
    alias_text: dict[str, str] = field(default_factory=dict)  # alias key -> first form seen
    roles: dict[str, list[Any]] = field(default_factory=dict)  # role key -> [role, first, last, count]

    @classmethod
    def new(cls, bare: str, type_: str) -> SpeakerTally:
        """A speaker first seen under ``bare`` (its name without title)."""
        return cls(bare, type_, surname_key(bare, type_))

    def add(
        self, a: Attribution, key: str, title: str | None, date: str | None, pub_date: str | None
    ) -> str | None:
        """Count statement ``a`` (keyed ``key``, dated ``date``, published ``pub_date``);
        returns the role it gives its speaker (its role, else a title in the name)."""
        assert a.speaker is not None
        self.statements += 1
        if self.type == "UNKNOWN" and a.speaker.type != "UNKNOWN":
            self.type = a.speaker.type
        if date:
            self.first_date = min(self.first_date or date, date)
            self.last_date = max(self.last_date or date, date)
        _, bare = split_title(a.speaker.name.strip(), a.speaker.type)
        found = {key: bare}
        short = is_alias(a.source.text, key) if a.source else None
        if short:
            found.setdefault(name_key(short, "PERSON"), short)
        for akey, alias in found.items():
            self.aliases[akey] += 1
            self.alias_text.setdefault(akey, alias)
        role = (a.speaker.role or title or "").strip() or None
        if role:
            self._count_role(role, pub_date or date)
        return role

    def _count_role(self, role: str, date: str | None) -> None:
        key = role_key(role) or role.lower()
        seen = self.roles.get(key)
        if seen is None:
            self.roles[key] = [role, date, date, 1]
            return
        seen[3] += 1
        if date:
            seen[1] = min(seen[1] or date, date)
            seen[2] = max(seen[2] or date, date)
