"""Speakers' roles: titles and positions, normalised, dated, one shown per period.

A role is a title or a position ("Secretary of State", "coach of the Sabres").
What an article writes beside a name is often something else: an honorific
("Mrs."), a pronoun ("(herself)"), an age ("41"), a nickname fragment in quotes;
``clean_role`` refuses those. ``role_key`` makes the spellings of one role one
("US Secretary of State" = "U.S. Secretary of State" = "Secretary of State"), and
``role_periods`` keeps, of the roles a speaker was given at the same time, the one
given most often, so a speaker shows one role per period.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from .names import EPITHETS, HONORIFICS, PRONOUNS, fold
from .records import RoleSeen

MAX_ROLE_WORDS = 12
# Leading words that qualify a role without changing it: "US Secretary of State" is the
# Secretary of State. "Former" stays: a former secretary is not the secretary.
_QUALIFIERS = frozenset({"the", "a", "an", "us", "u s", "united states", "american", "americas", "current"})
# Abbreviated titles, spelled out in the key ("Sen." is "Senator").
_ABBREVIATIONS = {
    "sen": "senator", "rep": "representative", "gov": "governor", "gen": "general", "lt": "lieutenant",
    "pres": "president", "sec": "secretary", "amb": "ambassador", "atty": "attorney", "supt": "superintendent",
    "col": "colonel", "capt": "captain", "sgt": "sergeant", "adm": "admiral", "prof": "professor",
}  # fmt: skip
_AGE = re.compile(r"^(?:aged?\s*)?\d{1,3}(?:[\s-]*years?[\s-]*old)?$", re.IGNORECASE)
_QUOTES = re.compile(r"[\"“”«»„]")


@lru_cache(maxsize=1 << 14)
def clean_role(role: str | None) -> str | None:
    """The role in ``role`` as written, or None when it is not a title or position.

    "Secretary of State" and "the environment minister" are roles (the article
    is dropped); "Mrs.", "(herself)", "41", "41-year-old" and "“Crooked”" are not.
    """
    if not role:
        return None
    text = " ".join(role.replace("\x00", "").split()).strip(" ,;:-–—")
    while text.startswith("(") and text.endswith(")"):
        text = text[1:-1].strip()
    if not text or len(text) > 100 or _QUOTES.search(text) or "(" in text or ")" in text:
        return None
    if _AGE.match(text) or re.search(r"\d", text):
        return None
    words = fold(text).split()
    if not words or len(words) > MAX_ROLE_WORDS:
        return None
    if all(w in HONORIFICS or w in PRONOUNS or w in EPITHETS for w in words):
        return None
    if any(w in PRONOUNS and w not in ("one",) for w in words) and len(words) <= 2:
        return None  # "herself", "his wife" is kept (a relation), "she" is not
    if words[0] in ("the", "a", "an") and len(words) > 1:
        text = text.split(" ", 1)[1]
    return text


@lru_cache(maxsize=1 << 14)
def role_key(role: str) -> str:
    """The key roles are compared on: no case, punctuation or qualifying "US"/"the"."""
    words = fold(role.replace(".", "")).split()
    changed = True
    while changed and len(words) > 1:
        changed = False
        for n in (2, 1):
            if len(words) > n and " ".join(words[:n]) in _QUALIFIERS:
                words = words[n:]
                changed = True
                break
    return " ".join(_ABBREVIATIONS.get(w, w) for w in words)


def _overlaps(a: RoleSeen, b: RoleSeen) -> bool:
    if not (a.first_seen and a.last_seen and b.first_seen and b.last_seen):
        return False
    return a.first_seen <= b.last_seen and b.first_seen <= a.last_seen


def role_periods(roles: Iterable[RoleSeen]) -> list[RoleSeen]:
    """One role per period, earliest first: of roles given at overlapping times, the
    one given most often (roles given once are left out beside repeated ones).
    Undated roles are shown only when no dated one is known."""
    roles = list(roles)
    if any(r.count >= 2 for r in roles):  # a role given once is a weak claim beside repeated ones
        roles = [r for r in roles if r.count >= 2]
    dated = [r for r in roles if r.first_seen]
    undated = [r for r in roles if not r.first_seen]
    shown: list[RoleSeen] = []
    for r in sorted(dated, key=lambda r: (-r.count, r.first_seen or "", r.role)):
        if not any(_overlaps(r, s) for s in shown):
            shown.append(r)
    if not shown and undated:
        shown = [max(undated, key=lambda r: (r.count, r.role))]
    return sorted(shown, key=lambda r: (r.first_seen or "", r.role))
