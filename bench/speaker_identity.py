"""Benchmark speaker identity: one person, one speaker, over PolNeAR train + dev.

    python bench/speaker_identity.py                          # extract all 924 articles, then measure
    python bench/speaker_identity.py --cache bench/data/polnear.jsonl   # extract once, reuse after
    python bench/speaker_identity.py --json                   # the figures as JSON

Extracts every article of ``--corpus``/{train,dev}/text (publication date and
publisher from metadata.tsv), ingests them into a new SQLite store, and measures
what a researcher browsing the speakers would see:

- speakers: how many speakers hold statements;
- clean names: the share of attributed statements whose speaker's name looks like
  a name, and the speakers whose name does not (this script's own check, written
  apart from the store's: capitalised words, no honorific, no leading epithet, no
  clause, digit, pronoun or possessive);
- duplicates: speakers among the top ``--top`` that have another speaker with the
  same surname, a compatible first name (equal, an initial, a prefix, or absent),
  no conflicting gender, and overlapping roles (a shared role, or none recorded for
  one of them);
- wrong merges: speakers joining written names whose genders conflict (from the
  pronoun or honorific at the cue, and the extractor's Speaker.gender);
- roles that are not roles (honorifics, pronouns, ages) among the top speakers.

Only the public store API and the extracted records are read, so the same script
measures any version of the store and of the extractor (re-run it without
``--cache``, or with a new cache file, after changing the extractor).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent

from saidwhat.model import Article, Failure  # noqa: E402
from saidwhat.store import open_store  # noqa: E402

TARGET_DUPLICATE_SHARE = 0.01
CHUNK = 64  # articles extracted together; a chunk that fails is retried article by article

HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "madam", "mme", "mx"}
FEMALE_WORDS = {"she", "her", "hers", "herself", "mrs", "ms", "miss", "madam", "mme", "lady", "dame"}
MALE_WORDS = {"he", "him", "his", "himself", "mr", "sir", "lord"}
PRONOUNS = {
    "he", "him", "his", "himself", "she", "her", "hers", "herself", "they", "them", "their",
    "themselves", "it", "its", "i", "we", "you", "who", "this", "that",
}  # fmt: skip
EPITHETS = {"rival", "former", "crooked", "lyin", "little", "crazy", "embattled", "then"}
SUFFIXES = ("jr", "sr", "ii", "iii", "iv")
PARTICLES = {
    "de",
    "da",
    "del",
    "della",
    "der",
    "den",
    "di",
    "du",
    "la",
    "le",
    "van",
    "von",
    "bin",
    "al",
    "el",
    "y",
    "ibn",
    "st",
}
WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ][\w'’.\-]*")


def fold(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower().replace("’", "").replace("'", "")).split())


def clean_name_problem(name: str, type_: str) -> str | None:
    """Why ``name`` does not look like a person's or organisation's name (None: it does)."""
    text = name.strip()
    if not text:
        return "empty"
    if re.search(r"[()\[\]{}\"“”;:!?,]|\d", text):
        return "punctuation or digits"
    if re.search(r"['’]s?$", text):
        return "possessive"
    words = text.split()
    if len(words) > 6:
        return "too long"
    folded = fold(text).split()
    if not folded:
        return "no letters"
    if folded[0] in HONORIFICS:
        return "honorific"
    if folded[0] in EPITHETS and len(folded) > 1 and type_ in ("PERSON", "UNKNOWN"):
        return "epithet"
    if len(folded) == 1 and folded[0] in PRONOUNS:
        return "pronoun"
    if type_ == "GROUP":  # "officials", "experts", "Democrats": a plural noun phrase
        return None
    lowercase = [w for w in words if w[:1].islower() and w.lower() not in PARTICLES]
    if lowercase and type_ in ("PERSON", "UNKNOWN"):
        return "lowercase words"
    first = words[0].lower()
    if type_ in ("PERSON", "UNKNOWN") and len(words) >= 2 and first.endswith("ing") and len(first) >= 7:
        if first not in ("sterling", "channing", "irving", "manning"):  # given names
            return "gerund"
    return None


def gender_evidence(source: str | None, written: str | None, given: str | None) -> str | None:
    """m / f from the extractor's gender, else the honorific or pronoun at the cue."""
    if given in ("m", "f"):
        return given
    for text in (source, written):
        words = fold(text or "").split()
        if not words:
            continue
        if words[0] in FEMALE_WORDS or (len(words) == 1 and words[0] in FEMALE_WORDS):
            return "f"
        if words[0] in MALE_WORDS:
            return "m"
    return None


def role_key(role: str) -> str:
    words = fold(role.replace(".", "")).split()
    while words and words[0] in ("us", "the", "american", "former"):
        words = words[1:]
    return " ".join(words)


def bad_role(role: str) -> bool:
    words = fold(role).split()
    return (
        not words
        or all(w in HONORIFICS or w in PRONOUNS or w.isdigit() for w in words)
        or bool(re.fullmatch(r"\(?\s*\w+self\s*\)?", role.strip().lower()))
    )


@dataclass
class SpeakerFacts:
    id: int
    name: str
    type: str
    statements: int
    roles: set[str] = field(default_factory=set)
    genders: Counter = field(default_factory=Counter)  # m / f evidence per statement
    written: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))  # name -> genders

    @property
    def gender(self) -> str | None:
        m, f = self.genders["m"], self.genders["f"]
        if m > 2 * f:
            return "m"
        if f > 2 * m:
            return "f"
        return None

    def tokens(self) -> list[str]:
        words = fold(self.name).split()
        while words and (words[0] in HONORIFICS or words[0] in EPITHETS):
            words = words[1:]
        if words and words[-1] in SUFFIXES:
            words = words[:-1]
        return words

    @property
    def suffix(self) -> str:
        words = fold(self.name).split()
        return words[-1] if len(words) > 1 and words[-1] in SUFFIXES else ""


def compatible_first(a: list[str], b: list[str]) -> bool:
    if len(a) < 2 or len(b) < 2:
        return True  # a bare surname fits any first name
    x, y = a[0], b[0]
    return (
        x == y
        or (min(len(x), len(y)) >= 3 and (x.startswith(y) or y.startswith(x)))
        or (min(len(x), len(y)) == 1 and x[0] == y[0])
    )


def same_person(a: SpeakerFacts, b: SpeakerFacts) -> bool:
    """Same surname, compatible first names and gender, overlapping roles (a shared
    role, or none known for one); a "Jr." differs from the name without it unless
    they share a role. Names that are not clean are nobody's double."""
    if b.id == a.id or a.type not in ("PERSON", "UNKNOWN") or b.type not in ("PERSON", "UNKNOWN"):
        return False
    if clean_name_problem(a.name, a.type) or clean_name_problem(b.name, b.type):
        return False  # not a person's name: counted among the unclean, not as anyone's double
    ta, tb = a.tokens(), b.tokens()
    if not ta or not tb or tb[-1] != ta[-1] or not compatible_first(ta, tb):
        return False
    if a.gender and b.gender and a.gender != b.gender:
        return False
    if a.suffix != b.suffix and not (a.roles & b.roles):
        return False
    return not (a.roles and b.roles and not (a.roles & b.roles))


def several_people(full: list[SpeakerFacts]) -> bool:
    """Whether these full-name speakers are more than one person (some pair is not the
    same person: "Barack Obama" and "Barack Hussein Obama" are one, Barack and Michelle two)."""
    return any(not same_person(x, y) for i, x in enumerate(full) for y in full[i + 1 :])


def duplicates_of(a: SpeakerFacts, others: list[SpeakerFacts]) -> tuple[list[SpeakerFacts], bool]:
    """Speakers that are probably the same person as ``a``, and whether ``a`` is a bare
    surname that fits several people's full names (then none of them is counted: which
    one it is cannot be told)."""
    found = [b for b in others if same_person(a, b)]
    if len(a.tokens()) == 1 and several_people([b for b in found if len(b.tokens()) >= 2]):
        return [], True
    out = []
    for b in found:
        if len(b.tokens()) == 1:  # a bare surname is a duplicate only when it fits one person
            if several_people([c for c in others if len(c.tokens()) >= 2 and same_person(b, c)]):
                continue
        out.append(b)
    return out, False


def load_corpus(corpus: Path) -> list[Article]:
    meta = {}
    with (corpus / "metadata.tsv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            meta[row["filename"]] = row
    articles = []
    for split in ("train", "dev"):
        for path in sorted((corpus / split / "text").glob("*.txt")):
            row = meta.get(path.stem, {})
            date = row.get("publication_date") or None
            articles.append(
                Article(
                    text=path.read_text(encoding="utf-8"),
                    id=path.stem[:60],
                    title=row.get("title") or None,
                    published=date if date and date != "None" else None,
                    site=row.get("publisher") or None,
                    source=f"{split}/{path.name}",
                )
            )
    return articles


def extracted(corpus: Path, cache: Path | None) -> list[Article]:
    if cache and cache.exists():
        with cache.open(encoding="utf-8") as f:
            return [Article.from_json(json.loads(line)) for line in f]
    from saidwhat import load_pipeline

    articles = load_corpus(corpus)
    pipeline = load_pipeline()
    started = time.perf_counter()
    out = []

    def each(chunk: list[Article]) -> list[Article | Failure]:
        try:
            return list(pipeline.pipe(chunk))
        except Exception as exc:  # noqa: BLE001  (any extractor bug: find the article, skip it, go on)
            if len(chunk) == 1:
                return [Failure(chunk[0].id, f"extractor error: {type(exc).__name__}: {exc}")]
            return [r for a in chunk for r in each([a])]

    for start in range(0, len(articles), CHUNK):
        for item in each(articles[start : start + CHUNK]):
            if isinstance(item, Failure):
                print(f"  skipped {item.id}: {item.reason}", file=sys.stderr)
            else:
                out.append(item)
        print(f"  extracted {min(start + CHUNK, len(articles))}/{len(articles)}", file=sys.stderr, end="\r")
    print(f"extracted {len(out)} articles in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    if cache:
        cache.parent.mkdir(parents=True, exist_ok=True)
        with cache.open("w", encoding="utf-8") as f:
            for a in out:
                f.write(json.dumps(a.to_json(), ensure_ascii=False) + "\n")
    return out


def measure(articles: list[Article], db: str, top: int) -> dict:
    started = time.perf_counter()
    with open_store(db) as store:
        store.ingest(articles)
        ingest_s = time.perf_counter() - started
        facts: dict[int, SpeakerFacts] = {}
        attributed = unattributed = 0
        for article in articles:
            stored = store.article(article.id)
            if stored is None:
                continue
            for a, sid in zip(article.attributions, stored.speaker_ids, strict=True):
                if sid is None:
                    unattributed += 1
                    continue
                attributed += 1
                sp = facts.get(sid)
                if sp is None:
                    detail = store.speaker(sid)
                    sp = facts[sid] = SpeakerFacts(
                        sid,
                        detail.name,
                        detail.type,
                        detail.statements,
                        {role_key(r.role) for r in detail.roles},
                    )
                written = a.speaker.name if a.speaker else ""
                g = gender_evidence(
                    a.source.text if a.source else None, written, a.speaker.gender if a.speaker else None
                )
                if g:
                    sp.genders[g] += 1
                    sp.written[fold(written)][g] += 1
        stats = store.stats()
        ranked = store.speakers(top=top)
        top_facts = [facts[s.id] for s in ranked if s.id in facts]
        by_surname: dict[str, list[SpeakerFacts]] = {}
        duplicates = []
        ambiguous_surnames = 0
        for sp in top_facts:
            tokens = sp.tokens()
            if not tokens:
                continue
            surname = tokens[-1]
            if surname not in by_surname:
                found = store.speakers(top=1000, q=surname)
                by_surname[surname] = [facts[s.id] for s in found if s.id in facts]
            dups, ambiguous = duplicates_of(sp, by_surname[surname])
            if dups:
                duplicates.append((sp, dups))
            ambiguous_surnames += ambiguous
        bad_roles = sorted(
            {
                (sp.name, r.role)
                for s in ranked
                for sp in [facts.get(s.id)]
                if sp
                for r in store.speaker(s.id).roles
                if bad_role(r.role)
            }
        )
    unclean = [(sp, clean_name_problem(sp.name, sp.type)) for sp in facts.values()]
    unclean = [(sp, why) for sp, why in unclean if why]
    unclean_statements = sum(sp.statements for sp, _ in unclean)
    wrong_merges = []
    for sp in facts.values():
        majority = {w: ("m" if c["m"] > c["f"] else "f") for w, c in sp.written.items() if c["m"] != c["f"]}
        if len(set(majority.values())) > 1:
            wrong_merges.append((sp, majority))
    mixed = [sp for sp in facts.values() if sp.genders["m"] and sp.genders["f"]]
    return {
        "articles": stats["articles"],
        "statements": stats["attributions"],
        "statements_attributed": attributed,
        "statements_unresolved": unattributed,
        "speakers": len(facts),
        "clean_name_share": round(1 - unclean_statements / attributed, 4) if attributed else 1.0,
        "speakers_without_clean_name": len(unclean),
        "unclean_examples": [
            f"{sp.name!r} ({why}, {sp.statements})"
            for sp, why in sorted(unclean, key=lambda x: -x[0].statements)[:15]
        ],
        "top": len(top_facts),
        "top_with_duplicate": len(duplicates),
        "top_duplicate_share": round(len(duplicates) / len(top_facts), 4) if top_facts else 0.0,
        "top_bare_surnames_fitting_several": ambiguous_surnames,
        "duplicate_examples": [
            f"{sp.name} ({sp.statements}) ~ " + ", ".join(f"{d.name} ({d.statements})" for d in dups[:3])
            for sp, dups in duplicates[:15]
        ],
        "gender_conflicting_merges": len(wrong_merges),
        "gender_conflict_examples": [f"{sp.name}: {dict(m)}" for sp, m in wrong_merges[:10]],
        "speakers_with_mixed_gender_evidence": len(mixed),
        "top_roles_not_roles": len(bad_roles),
        "role_examples": [f"{n}: {r!r}" for n, r in bad_roles[:10]],
        "ingest_seconds": round(ingest_s, 1),
    }


def report(r: dict) -> str:
    lines = [
        f"articles {r['articles']:,}, statements {r['statements']:,} "
        f"({r['statements_attributed']:,} with a speaker, {r['statements_unresolved']:,} without)",
        f"speakers                               {r['speakers']:>7,}",
        f"statements whose speaker is clean      {r['clean_name_share']:>7.1%}   (target 100%)",
        f"speakers without a clean name          {r['speakers_without_clean_name']:>7,}   (target 0)",
        f"top {r['top']} speakers with a duplicate     {r['top_with_duplicate']:>7,} = {r['top_duplicate_share']:.1%}"
        f"   (target < {TARGET_DUPLICATE_SHARE:.0%})",
        f"  bare surnames fitting several people {r['top_bare_surnames_fitting_several']:>7,}   (not counted: which one is unknown)",
        f"gender-conflicting merges              {r['gender_conflicting_merges']:>7,}   (target 0)",
        f"speakers with m and f evidence         {r['speakers_with_mixed_gender_evidence']:>7,}   (in-article resolution included)",
        f"roles that are not roles (top)         {r['top_roles_not_roles']:>7,}",
        f"ingest                                 {r['ingest_seconds']:>7.1f} s",
    ]
    for title, key in (
        ("names that are not clean", "unclean_examples"),
        ("duplicates", "duplicate_examples"),
        ("gender conflicts", "gender_conflict_examples"),
        ("roles that are not roles", "role_examples"),
    ):
        if r[key]:
            lines += ["", title + ":"] + ["  " + x for x in r[key]]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=HERE.parent.parent / "shared" / "polnear")
    parser.add_argument(
        "--cache", type=Path, default=None, help="JSONL of extracted articles: read if present, else written"
    )
    parser.add_argument(
        "--db", default=None, help="store to ingest into (default: a new temporary SQLite file)"
    )
    parser.add_argument("--top", type=int, default=200)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not (args.corpus / "metadata.tsv").exists():
        sys.exit(f"no PolNeAR corpus at {args.corpus} (give --corpus)")
    articles = extracted(args.corpus, args.cache)
    with tempfile.TemporaryDirectory() as tmp:
        result = measure(articles, args.db or str(Path(tmp) / "speakers.db"), args.top)
    print(json.dumps(result, indent=2, ensure_ascii=False) if args.json else report(result))


if __name__ == "__main__":
    main()
