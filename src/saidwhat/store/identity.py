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
   ``same-first-and-last-name``), the name without "Jr." when they held the same
   role ("Joseph R. Biden Jr." -> "Joseph Biden", ``same-name-and-role``; "Donald
   Trump Jr." stays apart), or the longer first name it shortens when that is the
   only one in the window or they held the same role ("Geoff Garin" -> "Geoffrey
   Garin", ``short-first-name``); statements whose gender contradicts the
   speaker's settled gender are left unresolved (``gender-conflict``: "she" was
   resolved to a man);
3. a one-word name joins the full-name speaker with that surname (else that first
   name) whose gender does not conflict and who was named within ``WINDOW_DAYS`` of
   it: the one holding the same role (``same-role``), the only one
   (``only-one-in-window``), or the one with ``DOMINANT_SHARE`` of those
   candidates' statements and ``DOMINANT_RATIO`` times the next one's
   (``dominant-in-window``); otherwise it stays a speaker of its own, one per
   surname and gender ("Mrs. Clinton" never joins a man; a name without gender
   joins the one gendered speaker of that surname when there is only one).

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
# A one-word name joins the most quoted candidate when it holds this share of the
# candidates' statements and at least DOMINANT_RATIO times the next one's.
DOMINANT_SHARE = 0.75
DOMINANT_RATIO = 3
SUFFIXES = ("jr", "sr", "ii", "iii", "iv")
MIN_FIRST_NAME = 20  # a first name alone ("Hillary") names only a much quoted person
MIN_PREFIX = 3  # "Chris" may be short for "Christopher"; "Al" for anything, so not
PERSONS = ("PERSON", "UNKNOWN")
MANUAL_RULES = ("merge", "alias-file")
UNRESOLVED = (
    "unresolved-surname",
    "no-full-name",
    "role-conflict",
)  # a one-word name left a speaker of its own
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
    return Verdict(
        home, d.action, {"decision": d.id, "name": d.name_key, "speaker": d.target_key}, d.actor, d.decided_at
    )


def resolve(links: list[Link], decisions: Decisions, window_days: int = WINDOW_DAYS) -> dict[int, Verdict]:
    """Which speaker (home key) every link belongs to; see the module docstring."""
    verdicts: dict[int, Verdict] = {}
    full = [x for x in links if not x.short]
    # 1-2. full names: manual joins, then the rules that join two full names, then their own speaker
    joins = _full_name_joins(full, window_days)
    for x in full:
        d = decisions.aliases.get(x.gendered_key) or decisions.aliases.get(x.name_key)
        if d is not None:
            home, _ = decisions.follow(d.target_key)
            verdicts[x.id] = _manual(d, home)
            continue
        joined = joins.get(x.name_key)
        if joined is not None:
            home, _ = decisions.follow(joined[0])
            if not decisions.kept_apart(x, home):
                verdicts[x.id] = Verdict(
                    home, joined[1], {"name": x.name_key, "joins": joined[0], **joined[2]}
                )
                continue
        home, via = decisions.follow(x.name_key)
        verdicts[x.id] = _manual(via, home) if via is not None else Verdict(home, "same-name", {})
    # the gender each full-name speaker's statements settle on
    votes: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for x in full:
        speaker = verdicts[x.id].home
        if speaker and x.gender:
            votes[speaker][0 if x.gender == "m" else 1] += x.statements
    genders: dict[str, str | None] = {}
    for x in full:
        speaker = verdicts[x.id].home
        if speaker and speaker not in genders:
            words = speaker.split()
            prior = first_name_gender(words[0]) if len(words) >= 2 and x.type in PERSONS else None
            male, female = votes[speaker]
            genders[speaker] = settle_gender(male, female, prior)
    for x in full:
        v = verdicts[x.id]
        settled = genders.get(v.home or "")
        if x.gender and settled and x.gender != settled and v.rule not in MANUAL_RULES:
            m, f = votes[v.home or ""]
            verdicts[x.id] = Verdict(
                None,
                "gender-conflict",
                {"speaker": v.home, "speaker_gender": settled, "male": m, "female": f},
            )
    # 3. one-word names, against the full-name speakers that could be meant
    by_surname: dict[str, dict[str, Candidate]] = defaultdict(dict)
    by_first: dict[str, dict[str, Candidate]] = defaultdict(dict)
    for x in full:
        speaker = verdicts[x.id].home
        if speaker is None or x.type not in PERSONS:
            continue
        for index, word in ((by_surname, x.surname), (by_first, x.first)):
            if not word:
                continue
            c = index[word].setdefault(speaker, Candidate(speaker, gender=genders.get(speaker)))
            c.statements += x.statements
            c.first_date = min(filter(None, (c.first_date, x.first_date)), default=None)
            c.last_date = max(filter(None, (c.last_date, x.last_date)), default=None)
            c.roles |= x.roles
    # gendered one-word names first: a name without gender may follow them
    homes_by_gender: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for x in sorted((x for x in links if x.short), key=lambda x: not x.gender):
        d = decisions.aliases.get(x.gendered_key) or decisions.aliases.get(x.name_key)
        if d is not None:
            verdicts[x.id] = _manual(d, decisions.follow(d.target_key)[0])
            continue
        found = by_surname.get(x.name_key) or {
            home: c for home, c in by_first.get(x.name_key, {}).items() if c.statements >= MIN_FIRST_NAME
        }
        v = _short(x, found, decisions, window_days)
        if x.gender:
            homes_by_gender[x.name_key][x.gender].add(v.home or "")
        elif v.rule in UNRESOLVED:
            seen = homes_by_gender.get(x.name_key, {})
            if len(seen) == 1:  # "Viverito" beside "Ms. Viverito" only: the same person
                ((gender, homes),) = seen.items()
                if len(homes) == 1 and "" not in homes and not decisions.kept_apart(x, next(iter(homes))):
                    v = Verdict(next(iter(homes)), "one-gender-of-surname", {**v.evidence, "follows": gender})
        verdicts[x.id] = v
    return verdicts


def _full_name_joins(full: list[Link], window_days: int) -> dict[str, tuple[str, str, dict[str, Any]]]:
    """Full names that name the same person as another full name: key -> (the other
    key, rule, evidence). Gender conflicts are checked later, as for every link."""
    names: dict[str, list[Link]] = defaultdict(list)
    for x in full:
        if x.type in PERSONS:
            names[x.name_key].append(x)

    def sums(key: str) -> Candidate:
        c = Candidate(key)
        for x in names[key]:
            c.statements += x.statements
            c.first_date = min(filter(None, (c.first_date, x.first_date)), default=None)
            c.last_date = max(filter(None, (c.last_date, x.last_date)), default=None)
            c.roles |= x.roles
            if x.gender:
                c.gender = x.gender if c.gender in (None, x.gender) else "?"
        return c

    by_surname: dict[str, list[str]] = defaultdict(list)
    for key, xs in names.items():
        if xs[0].surname:
            by_surname[xs[0].surname].append(key)
    out: dict[str, tuple[str, str, dict[str, Any]]] = {}
    for key in names:
        words = key.split()
        if words[-1] in SUFFIXES:  # "joseph biden jr": the same person only in the same role
            base = " ".join(words[:-1])
            base = base if base in names else f"{words[0]} {words[-2]}"
            if base in names and base != key:
                shared = sums(key).roles & sums(base).roles
                if shared:
                    out[key] = (base, "same-name-and-role", {"roles": sorted(shared)})
            continue
        if len(words) >= 3:  # "hillary rodham clinton" -> "hillary clinton"
            shorter = f"{words[0]} {words[-1]}"
            if shorter in names:
                out[key] = (shorter, "same-first-and-last-name", {})
                continue
        if len(words) != 2 or len(words[0]) < MIN_PREFIX:
            continue
        me = sums(key)
        longer = [
            other
            for other in by_surname.get(words[-1], [])
            if other != key
            and len(other.split()) == 2
            and other.split()[0].startswith(words[0])
            and other.split()[0] != words[0]
        ]
        fits = [
            o
            for o in longer
            if _in_window_candidates(me, sums(o), window_days) and not _conflict(me, sums(o))
        ]
        same_role = [o for o in fits if me.roles & sums(o).roles]
        rivals = [
            o
            for o in by_surname.get(words[-1], [])
            if o != key and o not in fits and o.split()[0][:1] == words[0][:1]
        ]
        if len(same_role) == 1:
            out[key] = (
                same_role[0],
                "short-first-name",
                {"roles": sorted(me.roles & sums(same_role[0]).roles)},
            )
        elif len(fits) == 1 and not rivals:
            out[key] = (fits[0], "short-first-name", {"only": True})
    return out


def _conflict(a: Candidate, b: Candidate) -> bool:
    return bool(a.gender and b.gender and a.gender != b.gender)


def _in_window_candidates(a: Candidate, b: Candidate, days: int) -> bool:
    lo, hi, c_lo, c_hi = (_day(v) for v in (a.first_date, a.last_date, b.first_date, b.last_date))
    if not (lo and hi and c_lo and c_hi):
        return True
    pad = timedelta(days=days)
    return c_lo - pad <= hi and lo <= c_hi + pad


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
        held = [c.home for c in found.values() if x.role_key in c.roles]
        if held and not same_role:  # the role names someone the other evidence excluded
            evidence["role_held_by"] = held[:MAX_CANDIDATES_SHOWN]
            return Verdict(decisions.follow(x.fallback_home)[0], "role-conflict", evidence)
    if len(fits) == 1:
        return Verdict(fits[0].home, "only-one-in-window", evidence)
    if fits:
        total = sum(c.statements for c in fits)
        top, second = fits[0].statements, fits[1].statements if len(fits) > 1 else 0
        if total and top >= DOMINANT_SHARE * total and top >= DOMINANT_RATIO * second:
            evidence["share"] = round(top / total, 3)
            return Verdict(fits[0].home, "dominant-in-window", evidence)
    home, via = decisions.follow(x.fallback_home)
    if via is not None:
        return _manual(via, home)
    return Verdict(home, "unresolved-surname" if fits else "no-full-name", evidence)
