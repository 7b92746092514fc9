"""Who a name is across articles: the rules that join names into speakers.

The store groups statements by the name they were given into *links*: a full
name ("barack obama") with the gender its statements gave (a pronoun or honorific
at the cue, the extractor's ``Speaker.gender``); a one-word name ("obama", "Mr.
Obama" -> obama, m) with its role and year as well, since which Obama a surname
names depends on when and in which role. ``resolve`` decides for every link which
speaker it belongs to, named by the speaker's *home key*, by which rule, on what
evidence, in this order:

1. a manual decision (``merge``, an alias file) joins a name to a speaker; a
   ``split`` keeps a name away from one; both win over every rule below;
2. a full name is its own speaker (``same-name``), or joins the speaker of its
   first and last names ("Hillary Rodham Clinton" -> "Hillary Clinton",
   ``same-first-and-last-name``); statements whose gender contradicts the
   speaker's settled gender are left unresolved (``gender-conflict``: "she" was
   resolved to a man);
3. a one-word name joins the full-name speaker with that surname (else that first
   name) whose gender does not conflict and who was named within ``WINDOW_DAYS`` of
   it: the one holding the same role (``same-role``), the only one
   (``only-one-in-window``), or the one with ``DOMINANT_SHARE`` of those
   candidates' statements (``dominant-in-window``); otherwise it stays a speaker of
   its own, one per surname and gender ("Mrs. Clinton" never joins a man).

Everything here is plain data in, plain data out: the store loads the links a
batch touches, calls ``resolve`` and writes back what changed, so new articles
re-decide old names without re-extracting anything.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from .names import first_name_gender

WINDOW_DAYS = 365
DOMINANT_SHARE = 0.9
PERSONS = ("PERSON", "UNKNOWN")
MANUAL_RULES = ("merge", "alias-file")
MAX_CANDIDATES_SHOWN = 8


@dataclass
class Link:
    """Statements given one name (see the module docstring)."""

    id: int
    name_key: str
    gender: str  # "m", "f" or "" (no evidence)
    role_key: str  # one-word names only; "" otherwise
    period: str  # year of one-word names' statements ("" undated); "" for full names
    short: bool
    surname: str | None
    first: str | None
    type: str
    name: str
    statements: int = 0
    first_date: str | None = None
    last_date: str | None = None
    roles: set[str] = field(default_factory=set)  # role keys given with the name

    @property
    def gendered_key(self) -> str:
        return f"{self.name_key}|{self.gender}" if self.gender else self.name_key

    @property
    def fallback_home(self) -> str:
        """The home key of a one-word name's own speaker: one per surname and gender."""
        return self.gendered_key


@dataclass(frozen=True)
class Decision:
    """A manual decision about names, as recorded (who, when)."""

    id: int
    action: str  # merge | alias-file | split | rename | external-id
    name_key: str  # the name decided about ("" for rename / external-id)
    target_key: str  # the speaker's home key
    value: str | None  # merge/alias-file: the canonical display name; rename: the name; external-id: the id
    actor: str
    decided_at: str


@dataclass
class Decisions:
    """The decisions in force: the latest about each (name, speaker) pair wins."""

    aliases: dict[str, Decision] = field(default_factory=dict)  # name key -> join
    apart: dict[tuple[str, str], Decision] = field(default_factory=dict)  # (name key, home) -> split
    names: dict[str, Decision] = field(default_factory=dict)  # home -> rename / canonical name
    external: dict[str, Decision] = field(default_factory=dict)  # home -> external id

    @classmethod
    def of(cls, log: list[Decision]) -> Decisions:
        out = cls()
        for d in sorted(log, key=lambda d: d.id):
            if d.action in MANUAL_RULES:
                out.aliases[d.name_key] = d
                out.apart.pop((d.name_key, d.target_key), None)
                if d.value and (d.target_key not in out.names or out.names[d.target_key].action != "rename"):
                    out.names[d.target_key] = d
            elif d.action == "split":
                out.apart[(d.name_key, d.target_key)] = d
                joined = out.aliases.get(d.name_key)
                if joined is not None and joined.target_key == d.target_key:
                    del out.aliases[d.name_key]
            elif d.action == "rename":
                out.names[d.target_key] = d
            elif d.action == "external-id":
                out.external[d.target_key] = d
        return out

    def follow(self, home: str) -> tuple[str, Decision | None]:
        """Where manual joins take ``home`` (a chain, cycles cut), and the last decision."""
        seen = {home}
        last = None
        while home in self.aliases:
            d = self.aliases[home]
            if d.target_key in seen:
                break
            seen.add(d.target_key)
            home, last = d.target_key, d
        return home, last

    def kept_apart(self, link: Link, home: str) -> bool:
        return (link.gendered_key, home) in self.apart or (link.name_key, home) in self.apart


@dataclass
class Verdict:
    """Which speaker a link belongs to (``home`` None: unresolved), and why."""

    home: str | None
    rule: str
    evidence: dict[str, Any] = field(default_factory=dict)
    actor: str | None = None
    decided_at: str | None = None


@dataclass
class Candidate:
    home: str
    statements: int = 0
    first_date: str | None = None
    last_date: str | None = None
    roles: set[str] = field(default_factory=set)
    gender: str | None = None

    def describe(self) -> dict[str, Any]:
        return {
            "speaker": self.home,
            "statements": self.statements,
            "gender": self.gender,
            "from": self.first_date,
            "to": self.last_date,
        }


def settle_gender(male: int, female: int, prior: str | None) -> str | None:
    """A speaker's gender from the statements' evidence, else the first name's.

    Three quarters of at least three gendered statements settle it; otherwise the
    first name does; otherwise evidence of one gender only does."""
    total = male + female
    if total >= 3 and max(male, female) >= 0.75 * total:
        return "m" if male > female else "f"
    if prior:
        return prior
    if total and not (male and female):
        return "m" if male else "f"
    return None


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _in_window(link: Link, c: Candidate, days: int) -> bool:
    lo, hi = _day(link.first_date), _day(link.last_date)
    c_lo, c_hi = _day(c.first_date), _day(c.last_date)
    if not (lo and hi and c_lo and c_hi):
        return True  # undated: time cannot tell them apart
    pad = timedelta(days=days)
    return c_lo - pad <= hi and lo <= c_hi + pad


def _manual(d: Decision, home: str) -> Verdict:
    return Verdict(home, d.action, {"decision": d.id, "name": d.name_key, "speaker": d.target_key}, d.actor, d.decided_at)


def resolve(links: list[Link], decisions: Decisions, window_days: int = WINDOW_DAYS) -> dict[int, Verdict]:
    """Which speaker (home key) every link belongs to; see the module docstring."""
    verdicts: dict[int, Verdict] = {}
    full = [x for x in links if not x.short]
    keys = {x.name_key for x in full if x.type in PERSONS}
    # 1-2. full names: manual joins, first-and-last name, their own speaker
    for x in full:
        d = decisions.aliases.get(x.gendered_key) or decisions.aliases.get(x.name_key)
        if d is not None:
            home, _ = decisions.follow(d.target_key)
            verdicts[x.id] = _manual(d, home)
            continue
        words = x.name_key.split()
        shorter = f"{words[0]} {words[-1]}" if len(words) >= 3 and x.type in PERSONS else None
        if shorter and shorter in keys:
            home, via = decisions.follow(shorter)
            if not decisions.kept_apart(x, home):
                verdicts[x.id] = Verdict(home, "same-first-and-last-name", {"name": x.name_key, "joins": shorter})
                continue
        home, via = decisions.follow(x.name_key)
        verdicts[x.id] = _manual(via, home) if via is not None else Verdict(home, "same-name", {})
    # the gender each full-name speaker's statements settle on
    votes: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for x in full:
        home = verdicts[x.id].home
        if home and x.gender:
            votes[home][0 if x.gender == "m" else 1] += x.statements
    genders: dict[str, str | None] = {}
    for x in full:
        home = verdicts[x.id].home
        if home and home not in genders:
            words = home.split()
            prior = first_name_gender(words[0]) if len(words) >= 2 and x.type in PERSONS else None
            genders[home] = settle_gender(*votes[home], prior)
    for x in full:
        v = verdicts[x.id]
        settled = genders.get(v.home or "")
        if x.gender and settled and x.gender != settled and v.rule not in MANUAL_RULES:
            m, f = votes[v.home or ""]
            verdicts[x.id] = Verdict(
                None, "gender-conflict", {"speaker": v.home, "speaker_gender": settled, "male": m, "female": f}
            )
    # 3. one-word names, against the full-name speakers that could be meant
    by_surname: dict[str, dict[str, Candidate]] = defaultdict(dict)
    by_first: dict[str, dict[str, Candidate]] = defaultdict(dict)
    for x in full:
        home = verdicts[x.id].home
        if home is None or x.type not in PERSONS:
            continue
        for index, word in ((by_surname, x.surname), (by_first, x.first)):
            if not word:
                continue
            c = index[word].setdefault(home, Candidate(home, gender=genders.get(home)))
            c.statements += x.statements
            c.first_date = min(filter(None, (c.first_date, x.first_date)), default=None)
            c.last_date = max(filter(None, (c.last_date, x.last_date)), default=None)
            c.roles |= x.roles
    for x in links:
        if not x.short:
            continue
        d = decisions.aliases.get(x.gendered_key) or decisions.aliases.get(x.name_key)
        if d is not None:
            verdicts[x.id] = _manual(d, decisions.follow(d.target_key)[0])
            continue
        verdicts[x.id] = _short(x, by_surname.get(x.name_key) or by_first.get(x.name_key) or {}, decisions, window_days)
    return verdicts


def _short(x: Link, found: dict[str, Candidate], decisions: Decisions, window_days: int) -> Verdict:
    """The verdict on a one-word name given the full-name speakers it could mean."""
    excluded: dict[str, list[str]] = {"gender": [], "window": [], "split": []}
    fits: list[Candidate] = []
    for c in sorted(found.values(), key=lambda c: (-c.statements, c.home)):
        if x.gender and c.gender and x.gender != c.gender:
            excluded["gender"].append(c.home)
        elif not _in_window(x, c, window_days):
            excluded["window"].append(c.home)
        elif decisions.kept_apart(x, c.home):
            excluded["split"].append(c.home)
        else:
            fits.append(c)
    evidence: dict[str, Any] = {
        "name": x.name_key,
        "gender": x.gender or None,
        "role": x.role_key or None,
        "period": x.period or None,
        "candidates": [c.describe() for c in fits[:MAX_CANDIDATES_SHOWN]],
        "excluded": {k: v[:MAX_CANDIDATES_SHOWN] for k, v in excluded.items() if v},
    }
    if x.role_key:
        same_role = [c for c in fits if x.role_key in c.roles]
        if len(same_role) == 1:
            return Verdict(same_role[0].home, "same-role", evidence)
    if len(fits) == 1:
        return Verdict(fits[0].home, "only-one-in-window", evidence)
    if fits:
        total = sum(c.statements for c in fits)
        if total and fits[0].statements >= DOMINANT_SHARE * total:
            evidence["share"] = round(fits[0].statements / total, 3)
            return Verdict(fits[0].home, "dominant-in-window", evidence)
    home, via = decisions.follow(x.fallback_home)
    if via is not None:
        return _manual(via, home)
    return Verdict(home, "unresolved-surname" if fits else "no-full-name", evidence)
