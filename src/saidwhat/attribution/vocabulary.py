"""The words speaker reading turns on: titles, honorifics, epithets, kinds of nouns.

Pure Python (no spaCy), so the rules that use these lists can be tested on plain
strings. Every list is lower case.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import Gender

# Honorifics: they say a person's gender, and are neither part of a name nor a role.
HONORIFICS: dict[str, Gender | None] = {
    "mr": "m", "mr.": "m", "sir": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f",
    "madam": "f", "dame": "f", "lady": "f", "lord": "m", "dr": None, "dr.": None,
}  # fmt: skip
# Words that, before a name, are a title or position ("Secretary of State Mike Pompeo");
# they end a personal name's words.
PERSON_TITLES = frozenset(
    """president vice secretary minister prime premier chancellor senator sen sen. rep rep.
    representative congressman congresswoman gov gov. governor mayor lt lt. gen gen. general
    col col. colonel adm adm. admiral sgt sgt. capt capt. captain commander chief chairman
    chairwoman chair director spokesman spokeswoman spokesperson ambassador judge justice
    attorney leader speaker candidate nominee ceo cfo coo founder president-elect king queen
    prince princess pope rev rev. reverend father sheikh ayatollah professor prof prof.
    officer deputy assistant acting coach manager executive detective inspector
    superintendent commissioner sheriff trooper agent lawyer prosecutor economist analyst
    host anchor correspondent editor reporter whip""".split()
)
# Words that qualify a title ("Defense Secretary", "House Majority Leader"), and may
# also be words of an organisation's name ("Department of Energy", "White House").
QUALIFIERS = frozenset(
    """state defense defence foreign interior treasury homeland health education energy
    commerce labor agriculture transportation department house senate majority minority
    u.s. us uk un eu white federal national republican democratic democrat gop""".split()
)
TITLE_WORDS = PERSON_TITLES | QUALIFIERS | frozenset(HONORIFICS)
# Words before a name that are neither name nor role: "Rival Hillary Clinton".
EPITHETS = frozenset(
    """rival former ex then-candidate embattled disgraced crooked late beloved controversial
    outspoken veteran longtime long-time powerful billionaire fellow presumptive incumbent
    outgoing incoming newly elected embattled beleaguered celebrated famed notorious
    so-called self-described defiant angry furious""".split()
)
ORG_WORDS = frozenset(
    """department ministry agency party committee council commission court inc inc. corp
    corp. company co co. university institute association center centre centers centres
    foundation bank administration office service services campaign police army navy force
    forces news times post journal network group union bureau congress senate house
    pentagon kremlin government parliament organization organisation board authority
    authorities corporation firm team club league fund trust society coalition alliance
    front movement embassy consulate command military cabinet church llc ltd plc utility
    utilities exchange reserve guard academy school college hospital clinic tribunal
    assembly legislature chamber federation secretariat protection security affairs
    enforcement intelligence prevention customs immigration relief pac""".split()
)
# Organisation words that name an institution on their own ("the Senate said", "the
# Pentagon said"); the others alone are a kind of organisation ("the PAC", "the Agency").
_INSTITUTIONS = frozenset("congress senate house pentagon kremlin parliament legislature".split())
GENERIC_ORGS = ORG_WORDS - _INSTITUTIONS
GROUP_NOUNS = frozenset(
    """officials sources experts analysts critics lawmakers legislators supporters
    opponents residents witnesses people voters activists observers economists
    scientists researchers doctors physicians nurses investigators prosecutors authorities
    officers democrats republicans leaders members aides advisers advisors allies
    protesters demonstrators executives employees workers teachers students parents
    families victims survivors lawyers attorneys senators representatives diplomats
    negotiators forecasters scholars historians environmentalists conservatives liberals
    progressives independents voters organizers organisers farmers owners customers
    users fans players coaches police""".split()
)
PERSON_NOUNS = frozenset(
    """official spokesman spokeswoman spokesperson source expert analyst critic lawmaker
    aide adviser advisor witness resident officer doctor physician investigator prosecutor
    man woman person lawyer attorney diplomat minister senator governor mayor president
    secretary director chairman chairwoman chair leader candidate nominee ceo founder
    chief coach manager executive commissioner ambassador judge justice detective sheriff
    economist professor teacher student spokesperson representative congressman
    congresswoman treasurer envoy negotiator lobbyist strategist pollster host anchor
    boy girl mother father son daughter wife husband""".split()
)
# Names of news outlets: credited for a quote, they are its addressee, not its speaker.
OUTLETS = frozenset(
    (
        "reuters", "ap", "afp", "bloomberg", "cnn", "msnbc", "nbc", "nbc news", "abc", "abc news", "cbs",
        "cbs news", "fox", "fox news", "bbc", "npr", "pbs", "politico", "axios", "associated press",
        "agence france-presse", "new york times", "washington post", "wall street journal", "guardian",
        "usa today", "the hill", "atlantic", "newsweek", "time", "vox", "buzzfeed", "huffpost",
        "financial times", "los angeles times", "al jazeera", "breitbart", "breitbart news",
    )
)  # fmt: skip
OUTLET_WORDS = frozenset("reuters ap afp bloomberg cnn msnbc nbc cbs bbc npr pbs politico axios".split())
# Nouns for documents that "say" things for whoever issued them.
DOCUMENTS = frozenset(
    """statement letter report memo email release filing affidavit complaint lawsuit
    ruling opinion study survey poll analysis review document documents records
    transcript tweet post message notice order indictment manual handbook guidance
    guidelines website paper article book ad advertisement editorial column""".split()
)
_DATE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\b\d{4}\b|^\d+$", re.I
)
_NAME_WORD = re.compile(
    r"^[A-Z][\w'’.-]*$|^(?:de|da|del|della|van|von|der|den|la|le|al|el|bin|ibn|y|du|di|dos|das)$"
)
_CONNECTORS = frozenset(("of", "for", "the", "and", "&", "on", "in"))


def honorific_gender(word: str) -> Gender | None:
    """ "m" or "f" for an honorific that tells ("Mrs." -> "f"), else None."""
    return HONORIFICS.get(word.lower())


def strip_leading(words: list[str]) -> list[str]:
    """A name's words without leading epithets, honorifics and determiners
    ("Rival Hillary Clinton" -> "Hillary Clinton", "Mrs. Clinton" -> "Clinton")."""
    k = 0
    while k < len(words) - 1 and (
        words[k].lower() in EPITHETS
        or words[k].lower() in HONORIFICS
        or words[k].lower() in ("the", "a", "an")
    ):
        k += 1
    return words[k:]


@lru_cache(maxsize=1 << 14)  # names and roles recur through an article and a batch
def looks_like_name(text: str) -> bool:
    """Whether ``text`` reads as a proper name: capitalised words (with the small
    words of names and organisations between them), no clause, no digits only."""
    words = text.split()
    if not words or len(words) > 12:
        return False
    if not words[0][:1].isupper() or words[0].lower() in HONORIFICS:
        return False
    for w in words:
        if w.lower() in _CONNECTORS:
            continue
        if not _NAME_WORD.match(w) and not (w[:1].isdigit() and len(words) > 1):
            return False
    return words[-1].lower() not in _CONNECTORS


_HUMAN_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent", "ee", "man", "woman", "person", "ive", "ary")
# Words shaped like a person noun that are none ("super PAC", "other", "under").
_NOT_PERSONS = frozenset(
    "super other another never ever after under over later together whether rather either neither further".split()
)


def names_a_person(word: str) -> bool:
    """A noun that can name a person's position: a title, a person noun, or a word
    shaped like one ("treasurer", "economist", "physician")."""
    low = word.lower().strip(",.")
    return (
        low in TITLE_WORDS
        and low not in HONORIFICS
        or low in PERSON_NOUNS
        or low.endswith(_HUMAN_SUFFIXES)
        and low not in _NOT_PERSONS
    )


@lru_cache(maxsize=1 << 14)  # names and roles recur through an article and a batch
def is_clean_role(text: str) -> bool:
    """A role is a title or position: not an honorific, a pronoun, an age, a date."""
    low = text.lower().strip(" ,.")
    if not low or low in HONORIFICS or low in ("he", "she", "they", "him", "her", "herself", "himself"):
        return False
    if low.startswith(("(", "'", '"')) or _DATE.search(low) or low.isdigit():
        return False
    return any(names_a_person(w) for w in low.split())


@lru_cache(maxsize=1 << 14)  # names and roles recur through an article and a batch
def is_outlet(name: str) -> bool:
    """A news organisation's name ("Reuters", "the Associated Press", "CNN")."""
    low = " ".join(name.lower().split())
    if low.startswith("the "):
        low = low[4:]
    return low in OUTLETS or low in OUTLET_WORDS


@lru_cache(maxsize=1)
def _gender_detector():  # type: ignore[no-untyped-def]
    import gender_guesser.detector

    return gender_guesser.detector.Detector(case_sensitive=False)


def load_first_names() -> None:
    """Load the first-name table now (61,000 names; about half a second) rather than
    at the first name asked, so no article's time budget pays for it."""
    _gender_detector()


_GENDERS: dict[str, Gender] = {"male": "m", "mostly_male": "m", "female": "f", "mostly_female": "f"}


@lru_cache(maxsize=1 << 14)
def first_name_gender(name: str) -> Gender | None:
    """ "m" or "f" when the first name is (mostly) used for one gender, else None
    (from the first-name lists of the gender-guesser package)."""
    first = name.split()[0].strip(".")
    if len(first) < 2:
        return None
    return _GENDERS.get(_gender_detector().get_gender(first))
