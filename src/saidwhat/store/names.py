"""Speaker names as the store takes them: cleaned, typed, and keyed.

Whatever wrote the records (this extractor, an older one, a JSONL import), a
speaker's name enters the store only when it looks like a name. ``clean_name``
takes off what is not part of a name (leading epithets such as "Rival" or
"Crooked", honorifics, which only tell the gender, titles, which become a role, a
possessive "'s") and refuses what is not a name at all: a clause, a lowercase
phrase, a gerund ("Hosting Cook"), brackets, digits, a lone pronoun. ``name_key``
folds case, accents, punctuation and middle initials, so the forms of one full name
share a key, while "John Smith" and "Jane Smith" keep theirs. A bare surname keeps
its own key ("pompeo"); which person it names is decided across articles
(``identity``). ``speaker_type`` gives parties, agencies, companies and groups of
people one type whatever the extractor said.

Kept free of spaCy so that opening a store stays cheap.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

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
# Kept in the key: a father and a son ("Donald Trump Jr.") are two people.
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
    if type_ in ("ORG", "GROUP"):
        while len(tokens) > 1 and tokens[0] in _DETERMINERS:
            tokens = tokens[1:]
        return " ".join(tokens) or fold(name)
    suffix = [tokens.pop()] if len(tokens) >= 3 and tokens[-1] in _SUFFIXES else []
    if len(tokens) >= 3:  # "Mike R. Pompeo" -> "mike pompeo"
        tokens = [tokens[0]] + [t for t in tokens[1:-1] if len(t) > 1] + [tokens[-1]]
    return " ".join(tokens + suffix) or fold(name)


def surname_key(name: str, type_: str) -> str | None:
    """The surname of a person's full name ("donald trump jr" -> "trump"); None for
    a one-word name or an organisation."""
    if type_ not in ("PERSON", "UNKNOWN"):
        return None
    tokens = name_key(name, type_).split()
    if len(tokens) >= 3 and tokens[-1] in _SUFFIXES:
        tokens = tokens[:-1]
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


# ---------------------------------------------------------------- clean names

# Honorifics: not part of a name and never a role, but they tell the gender.
HONORIFICS: dict[str, str | None] = {
    "mr": "m", "messrs": "m", "sir": "m", "lord": "m", "mrs": "f", "ms": "f", "miss": "f",
    "madam": "f", "madame": "f", "mme": "f", "dame": "f", "lady": "f", "mx": None, "dr": None,
}  # fmt: skip
# Pronouns at the cue that tell the gender of who said it.
PRONOUN_GENDER = {"he": "m", "him": "m", "himself": "m", "she": "f", "her": "f", "herself": "f"}
PRONOUNS = frozenset(
    """i me we us you he him she her it they them who whom this that these those
    himself herself itself themselves someone somebody everyone anyone one""".split()
)
# Words that, leading a name, describe the person rather than name them.
EPITHETS = frozenset(
    """rival crooked lyin lying little crazy nasty embattled beleaguered outgoing
    incoming late then disgraced controversial veteran longtime fellow billionaire
    businessman businesswoman mogul tycoon hopeful presumptive frontrunner front-runner
    outspoken fiery conservative liberal progressive moderate populist derelict failed
    low-energy""".split()
)
# Lowercase words that belong inside names ("Ludwig van Beethoven", "Bashar al-Assad").
PARTICLES = frozenset("de da del della der den di du la le van von bin ibn al el y st ter dos das".split())
# Words that open a clause or a sentence, never a name ("As President Obama appears ...").
_DEBRIS = frozenset(
    """as when while after before since if then so yet but and or nor also meanwhile
    however still even only now later earlier today yesterday asked told according
    speaking writing responding addressing following citing quoting echoing calling
    asked added instead both either neither not""".split()
)
# Titles that, standing alone, name nobody ("the President said" unresolved); "King"
# or "Judge" alone may be a surname, so they are not here.
_BARE_TITLES = frozenset(
    """president secretary minister senator governor mayor spokesman spokeswoman
    spokesperson director chairman chairwoman chair ambassador leader candidate nominee
    ceo official officer premier chancellor congressman congresswoman representative
    republican democrat independent libertarian gop""".split()
)
# Given names that end like a gerund (the gerund rule would refuse them).
_ING_NAMES = frozenset("sterling channing manning fleming browning darling irving harding keating".split())
# Closed-class words that make an organisation or group "name" a clause.
_CLAUSE_WORDS = frozenset(
    """is are was were be been being am has have had do does did will would shall should
    can could may might must said says say saying told tells appears appeared seems
    that which because although though whether""".split()
)
_DETERMINERS = frozenset({"the", "a", "an"})
# Words that count people without naming them ("some", "75 percent of Democrats").
_QUANTIFIERS = frozenset(
    """some many most several few all both each every any none majority minority half
    percent number lot lots plenty dozens hundreds thousands millions others other""".split()
)
_BAD_CHARACTERS = re.compile(r"[()\[\]{}<>;:!?\"“”«»„|/\\@#$%^*=+~\d\n\t]")
_POSSESSIVE = re.compile(r"(?:['’]s|s['’])$", re.IGNORECASE)
_EDGE = " \t,.;:-–—'\"“”‘’"
_MAX_WORDS = {"PERSON": 6, "UNKNOWN": 6, "ORG": 6, "GROUP": 5}
# Positions that, inside a phrase, are followed by the person's name ("Former
# Hewlett-Packard CEO Carly Fiorina", "NBC News correspondent Cynthia McFadden").
_PERSON_TITLES = frozenset(
    """ceo cfo coo president chairman chairwoman director secretary minister senator
    governor spokesman spokeswoman spokesperson correspondent reporter founder executive
    adviser advisor aide strategist analyst professor economist chief leader manager
    attorney lawyer""".split()
)
# A member of a party is described, not named ("a Wisconsin Republican said").
_PARTY_MEMBERS = frozenset({"republican", "democrat", "independent", "libertarian"})
# Plural nouns without a final s ("people said", "women").
_IRREGULAR_PLURALS = frozenset({"people", "women", "men", "children", "police", "staff", "public", "clergy"})

# The last word of an organisation's name ("Justice Department", "Clinton campaign").
ORG_HEADS = frozenset(
    """party department ministry committee campaign agency council commission court
    congress senate parliament government administration university college school
    institute foundation association union bank fund police army navy corporation corp
    inc ltd llc company co group news times post journal press network bureau office
    service center centre organization organisation coalition federation board
    authority tribune herald channel television radio magazine review agency cabinet
    kremlin pentagon caucus""".split()
)
# Plural endings of collective nouns for people ("Democrats", "Republicans", "Russians").
_GROUP_ENDINGS = ("crats", "icans", "ians", "ists", "ives", "ites", "eans")


@dataclass(frozen=True)
class CleanName:
    """A speaker's name as the store keeps it.

    ``name`` is the name without epithets, honorifics and titles; ``title`` the
    titles that led it ("Secretary of State"), a role candidate; ``gender`` what an
    honorific said ("Mrs." -> "f"); ``type`` the settled type.
    """

    name: str
    key: str
    type: str
    title: str | None = None
    gender: str | None = None

    @property
    def short(self) -> bool:
        """A one-word person's name ("Obama"): which person it names is decided across articles."""
        return self.type in ("PERSON", "UNKNOWN") and " " not in self.key

    @property
    def surname(self) -> str | None:
        if self.type not in ("PERSON", "UNKNOWN"):
            return None
        return self.key if self.short else surname_key(self.name, self.type)

    @property
    def first(self) -> str | None:
        """The first word of a full person's name (None for one-word names and organisations)."""
        return None if self.short or self.type not in ("PERSON", "UNKNOWN") else self.key.split()[0]


def _strip_edges(text: str) -> str:
    text = " ".join(text.replace("\x00", "").split())
    while text and text[0] in _EDGE:
        text = text[1:].lstrip()
    while text and text[-1] in _EDGE and not re.search(r"\b(?:jr|sr|st|co|inc|corp|ltd)\.$", text, re.I):
        text = text[:-1].rstrip()
    return text


def _word_ok(word: str) -> bool:
    """A word that may stand inside a person's name: capitalised, a particle, an initial."""
    parts = [p for p in re.split(r"[-’']", word) if p]
    if not parts:
        return False
    if word.lower() in PARTICLES or (parts[0].lower() in PARTICLES and len(parts) > 1):
        return True  # "van", "al-Assad"
    return parts[0][:1].isupper() and all(c.isalpha() or c == "." for c in "".join(parts))


def speaker_type(name: str, given: str) -> str:
    """The type a speaker gets in the store, the same for the same kind of name.

    Parties, agencies, companies and newspapers are ORG ("Justice Department",
    "FBI"); groups of people are GROUP ("officials", "Democrats", "Russians"); the
    extractor's PERSON, ORG or GROUP stands otherwise, and UNKNOWN stays UNKNOWN.
    """
    words = fold(name).split()
    while len(words) > 1 and words[0] in _DETERMINERS:
        words = words[1:]
    if not words:
        return given
    raw = [w for w in name.split() if fold(w) not in _DETERMINERS]
    last = words[-1]
    if given in ("PERSON", "UNKNOWN") and len(words) >= 2 and last in ORG_HEADS:
        return "ORG"
    lowercase = bool(raw) and all(w[:1].islower() for w in raw)
    if lowercase and (last.endswith("s") and not last.endswith("ss") or last in _IRREGULAR_PLURALS):
        return "GROUP"  # "officials", "senior officials", "experts", "people"
    if given in ("PERSON", "UNKNOWN") and len(last) >= 7 and last.endswith(_GROUP_ENDINGS):
        return "GROUP"  # "Democrats", "Nevada Democrats", "Russians", "Conservatives"
    if given == "UNKNOWN" and len(raw) == 1 and 2 <= len(raw[0].strip(".")) <= 5:
        if raw[0].replace(".", "").isupper():
            return "ORG"  # an acronym: FBI, CNN, NATO
    return given


@lru_cache(maxsize=_CACHE)
def clean_name(written: str, type_: str = "UNKNOWN") -> CleanName | None:
    """The name in ``written`` as the store keeps it, or None when it is not a name.

    "Rival Hillary Clinton" -> Hillary Clinton; "Mr. Obama" -> Obama (gender m);
    "U.S. Secretary of State Mike Pompeo" -> Mike Pompeo (title "U.S. Secretary of
    State"); "Obama's" -> Obama; "the State Department" -> State Department (ORG).
    None for "Hosting Cook", "Russia (Mr. King)", "blunt and personal language from
    Mr. Obama", "As President Obama appears set to veto legislation", "she".
    """
    text = _strip_edges(written)
    if not text or _BAD_CHARACTERS.search(text) or len(text) > 120:
        return None
    text = _strip_edges(_POSSESSIVE.sub("", text)) if _POSSESSIVE.search(text) else text
    text = re.sub(r",\s*(jr|sr)\.?$", r" \1.", text, flags=re.I)  # "John Smith, Jr."
    if not text or "," in text:
        return None
    kind = speaker_type(text, type_ if type_ in ("PERSON", "ORG", "GROUP") else "UNKNOWN")
    words = text.split()
    cut = _title_inside(words)
    if cut:  # a position and then a person: the person is the speaker
        person = clean_name(" ".join(words[cut:]), "PERSON")
        if person is None or person.short:
            return None
        position = " ".join(filter(None, (" ".join(words[:cut]), person.title)))
        return CleanName(person.name, person.key, "PERSON", position, person.gender)
    if len(words) > _MAX_WORDS[kind]:
        return None
    if kind in ("ORG", "GROUP"):
        folded = [fold(w) for w in words]
        if any(w in _CLAUSE_WORDS for w in folded) or folded[0] in PRONOUNS or folded[0] in _DEBRIS:
            return None
        if folded[0] in HONORIFICS:
            return None  # a person described, not an organisation: "Mr. Morgan of the Sierra Club"
        content = [w for w in words if fold(w) not in _DETERMINERS]
        if not content or fold(content[0]) in _QUANTIFIERS:
            return None  # "some", "many", "majority of Republicans"
        if re.search(r"\w['’]s?\s+[a-z]", text):
            return None  # a possessive phrase: "Mr. Trump's voters", "Clinton's campaign"
        plural = (folded[-1].endswith("s") and not folded[-1].endswith("ss")) or folded[
            -1
        ] in _IRREGULAR_PLURALS
        if all(w[:1].islower() for w in content) and not (plural and kind == "GROUP"):
            return None  # a lowercase description: "statement", "the campaign", "new poll"
        if kind == "ORG" and not content[0][:1].isupper():
            return None  # "spokeswoman for the House Armed Services Committee"
        if re.search(r"\band (?:the|other|his|her|their|its)\b", text, re.IGNORECASE):
            return None  # two speakers: "State Department and the Department of Homeland Security"
        while len(words) > 1 and fold(words[0]) in _DETERMINERS:
            words = words[1:]
        if len(words) == 1 and fold(words[0]) in PRONOUNS:
            return None
        name = " ".join(words)
        return CleanName(name, name_key(name, kind), kind)
    # A person (or unknown): epithets, honorifics and titles lead; the name follows.
    gender: str | None = None
    title: list[str] = []
    i = 0
    while i < len(words) - 1:
        w = fold(words[i])
        if w in EPITHETS and not title:
            i += 1
        elif w in HONORIFICS:
            gender = HONORIFICS[w] or gender
            i += 1
        elif _is_title_word(words[i]) or (w in _JOINERS and title and i + 1 < len(words) - 1):
            title.append(words[i])
            i += 1
        else:
            break
    rest = words[i:]
    first = fold(rest[0])
    if len(rest) == 1 and (first in PRONOUNS or first in HONORIFICS or first in EPITHETS):
        return None
    if first in _DEBRIS or first in PRONOUNS:
        return None
    if len(rest) == 1 and first in _BARE_TITLES and gender is None:
        return None
    if fold(rest[-1]) in _PARTY_MEMBERS:
        return None  # "Wisconsin Republican"
    if not all(_word_ok(w) for w in rest) or not rest[0][:1].isupper():
        return None
    if len(rest) >= 2 and first.endswith("ing") and len(first) >= 7 and first not in _ING_NAMES:
        return None  # a gerund opening the phrase: "Hosting Cook"
    while title and fold(title[-1]) in _JOINERS:
        title.pop()
    name = " ".join(rest)
    return CleanName(name, name_key(name, kind), kind, " ".join(title) or None, gender)


def _title_inside(words: list[str]) -> int:
    """Where a person's name starts after a position inside the phrase (0: it does not)."""
    for i in range(len(words) - 3, -1, -1):
        rest = words[i + 1 :]
        if (
            fold(words[i]) in _PERSON_TITLES
            and 2 <= len(rest) <= 3
            and all(_word_ok(w) and w[:1].isupper() for w in rest)
            and fold(rest[-1]) not in ORG_HEADS
            and i > 0
        ):
            return i + 1
    return 0


def mention_gender(given: str | None, written: str | None, source: str | None) -> str | None:
    """The gender a statement gives its speaker: an honorific or a pronoun at the cue
    ("Mrs. Clinton", "she"), else in the written name, else the extractor's."""
    for text in (source, written):
        words = fold(text or "").split()
        if not words:
            continue
        if words[0] in HONORIFICS and HONORIFICS[words[0]]:
            return HONORIFICS[words[0]]
        if len(words) == 1 and words[0] in PRONOUN_GENDER:
            return PRONOUN_GENDER[words[0]]
    return given if given in ("m", "f") else None


@lru_cache(maxsize=1)
def _gender_detector() -> object | None:
    try:
        import gender_guesser.detector  # type: ignore[import-untyped]
    except ImportError:  # optional: without it first names tell nothing
        return None
    return gender_guesser.detector.Detector(case_sensitive=False)


@lru_cache(maxsize=_CACHE)
def first_name_gender(first: str) -> str | None:
    """ "m" or "f" when a first name is (mostly) given to one gender, else None."""
    detector = _gender_detector()
    if detector is None or len(first) < 2:
        return None
    guess = detector.get_gender(first.capitalize())  # type: ignore[attr-defined]
    return "m" if guess in ("male", "mostly_male") else "f" if guess in ("female", "mostly_female") else None
