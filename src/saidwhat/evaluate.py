"""Score the extractor against brat gold (the PolNeAR layout).

The corpus directory holds ``text/NAME.txt`` and ``attributions/NAME_ANNOTATOR.ann``
(brat standoff with Source, Cue and Content entities tied by Attribution events).
A predicted and a gold attribution match when their contents overlap by at least
50% of the shorter content's characters and their sources overlap (or neither
has one); pairs are matched one-to-one, greedily by overlap. The strict variant
asks the overlap to cover 50% of the longer content instead.

Reported: precision / recall / F1 for whole attributions (all, direct, indirect:
direct when the content holds a double quotation mark), and for cue, source and
content spans (exact, and token overlap), plus how often the speaker of a direct
or mixed quote is right once its content is matched: strictly (the same source
mention as the gold), and as resolved (or the speaker saidwhat resolved carries
the surname the gold source spells out: "he" -> "Michael Flynn" for gold "Flynn").
"""

from __future__ import annotations

import csv
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .model import Article

log = logging.getLogger(__name__)

DOUBLE_QUOTES = frozenset('"“”„«»')
_TOKEN = re.compile(r"\w+", re.UNICODE)


@dataclass
class Relation:
    """One attribution as sets of character positions."""

    content: frozenset[int]
    source: frozenset[int] | None
    cue: frozenset[int] | None
    content_spans: tuple[tuple[int, int], ...] = ()
    source_spans: tuple[tuple[int, int], ...] = ()
    cue_spans: tuple[tuple[int, int], ...] = ()
    direct: bool = False
    speaker: str | None = None  # the resolved speaker's name (predictions only)
    confidence: float = 1.0  # how sure the extractor was (predictions only)
    act: str | None = None  # what act it reports (predictions only)


def _positions(spans: Iterable[tuple[int, int]], text: str) -> frozenset[int]:
    # whitespace never decides a match
    return frozenset(i for s, e in spans for i in range(s, e) if not text[i].isspace())


def relation(text: str, content, source=None, cue=None) -> Relation:  # type: ignore[no-untyped-def]
    """A Relation from span lists (``[(start, end), ...]`` or None)."""
    content = tuple(content)
    return Relation(
        content=_positions(content, text),
        source=_positions(source, text) if source else None,
        cue=_positions(cue, text) if cue else None,
        content_spans=content,
        source_spans=tuple(source or ()),
        cue_spans=tuple(cue or ()),
        direct=any(ch in DOUBLE_QUOTES for s, e in content for ch in text[s:e]),
    )


def read_brat(path: Path, text: str) -> list[Relation]:
    """The attributions of one brat .ann file (Discard/Discuss entities ignored)."""
    entities: dict[str, list[tuple[int, int]]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("T") and line.count("\t") >= 2:
            tid, middle, _ = line.split("\t", 2)
            _, offsets = middle.split(" ", 1)
            entities[tid] = [tuple(map(int, p.split())) for p in offsets.split(";")]  # type: ignore[misc]
        elif line.startswith("E") and "\t" in line:
            _, rest = line.split("\t", 1)
            events.append(dict(p.split(":", 1) for p in rest.split() if ":" in p))
    relations = []
    for ev in events:
        content = entities.get(ev.get("Content", ""))
        if not content:
            continue
        relations.append(
            relation(text, content, entities.get(ev.get("Source", "")), entities.get(ev.get("Cue", "")))
        )
    return relations


def predicted(article: Article) -> list[Relation]:
    out = []
    for a in article.attributions:
        r = relation(
            article.text,
            a.content.spans,
            a.source.spans if a.source else None,
            a.cue.spans if a.cue else None,
        )
        r.speaker = a.speaker.name if a.speaker else None
        r.confidence = a.confidence
        r.act = a.act
        out.append(r)
    return out


def same_mention(g: Relation, p: Relation) -> bool:
    """Both name no source, or their sources overlap."""
    if g.source is None or p.source is None:
        return g.source is None and p.source is None
    return bool(g.source & p.source)


def same_speaker(text: str, g: Relation, p: Relation) -> bool:
    """The same mention, or a resolved speaker whose last name the gold source
    spells out ("he" resolved to "Michael Flynn" for gold "Flynn, a surrogate,")."""
    if same_mention(g, p):
        return True
    if not p.speaker or not g.source_spans:
        return False
    gold_words = {w.lower() for s, e in g.source_spans for w in _TOKEN.findall(text[s:e])}
    name = _TOKEN.findall(p.speaker.lower())
    return bool(name) and name[-1] in gold_words


def _overlap(a: frozenset[int], b: frozenset[int], strict: bool) -> float:
    if not a or not b:
        return 0.0
    shared = len(a & b)
    return shared / (max(len(a), len(b)) if strict else min(len(a), len(b)))


def match(
    gold: Sequence[Relation], pred: Sequence[Relation], *, strict: bool = False, need_source: bool = True
) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index), greedily by content overlap."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            ov = _overlap(g.content, p.content, strict)
            if ov < 0.5:
                continue
            if need_source and not same_mention(g, p):
                continue
            pairs.append((ov, gi, pi))
    pairs.sort(key=lambda t: -t[0])
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gi, pi))
    return out


@dataclass
class Counts:
    tp_gold: int = 0  # gold items matched
    tp_pred: int = 0  # predicted items matched
    gold: int = 0
    pred: int = 0

    def add(self, other: Counts) -> None:
        self.tp_gold += other.tp_gold
        self.tp_pred += other.tp_pred
        self.gold += other.gold
        self.pred += other.pred

    @property
    def precision(self) -> float:
        return self.tp_pred / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "gold": self.gold,
            "predicted": self.pred,
            "matched": self.tp_gold,
        }


def _span_counts(text: str, gold: list[tuple], pred: list[tuple], exact: bool) -> Counts:
    """Span-level counts: exact (same non-space characters) or token overlap."""

    def key(spans: tuple) -> frozenset[int]:
        return _positions(spans, text)

    def tokens(spans: tuple) -> frozenset[tuple[int, int]]:
        return frozenset(m.span() for s, e in spans for m in _TOKEN.finditer(text, s, e))

    gk = [key(g) if exact else tokens(g) for g in gold]
    pk = [key(p) if exact else tokens(p) for p in pred]
    used: set[int] = set()
    tp = 0
    for p in pk:
        for gi, g in enumerate(gk):
            if gi in used or not p:
                continue
            if (p == g) if exact else bool(p & g):
                used.add(gi)
                tp += 1
                break
    return Counts(tp_gold=tp, tp_pred=tp, gold=len(gold), pred=len(pred))


@dataclass
class Report:
    documents: int = 0
    attributions: dict[str, Counts] = field(
        default_factory=lambda: {k: Counts() for k in ("all", "direct", "indirect")}
    )
    strict: dict[str, Counts] = field(
        default_factory=lambda: {k: Counts() for k in ("all", "direct", "indirect")}
    )
    spans: dict[str, Counts] = field(default_factory=dict)
    speaker_checked: int = 0
    speaker_right: int = 0  # the same source mention as the gold
    resolved_right: int = 0  # the same mention, or resolved to the gold's named source
    # every prediction's confidence and whether it matched a gold attribution
    scored: list[tuple[float, bool]] = field(default_factory=list)
    acts: dict[str, Counts] = field(default_factory=dict)

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_right / self.speaker_checked if self.speaker_checked else 0.0

    def add_document(self, text: str, gold: list[Relation], pred: list[Relation]) -> None:
        self.documents += 1
        for table, strict in ((self.attributions, False), (self.strict, True)):
            pairs = match(gold, pred, strict=strict)
            for name, want in (("all", None), ("direct", True), ("indirect", False)):
                gsel = {i for i, g in enumerate(gold) if want is None or g.direct == want}
                psel = {i for i, p in enumerate(pred) if want is None or p.direct == want}
                table[name].add(
                    Counts(
                        tp_gold=sum(1 for gi, _ in pairs if gi in gsel),
                        tp_pred=sum(1 for _, pi in pairs if pi in psel),
                        gold=len(gsel),
                        pred=len(psel),
                    )
                )
        pairs = match(gold, pred)
        hit = {pi for _, pi in pairs}
        self.scored.extend((p.confidence, pi in hit) for pi, p in enumerate(pred))
        for pi, p in enumerate(pred):
            c = self.acts.setdefault(p.act or "none", Counts())
            c.pred += 1
            c.tp_pred += pi in hit
        for part in ("cue", "source", "content"):
            g_spans = [getattr(g, f"{part}_spans") for g in gold if getattr(g, f"{part}_spans")]
            p_spans = [getattr(p, f"{part}_spans") for p in pred if getattr(p, f"{part}_spans")]
            for exact in (True, False):
                name = f"{part} ({'exact' if exact else 'overlap'})"
                self.spans.setdefault(name, Counts()).add(_span_counts(text, g_spans, p_spans, exact))
        # the speaker of a reported direct/mixed quote, once its content is matched
        for gi, pi in match(gold, pred, need_source=False):
            g, p = gold[gi], pred[pi]
            if not p.direct:
                continue
            self.speaker_checked += 1
            self.speaker_right += same_mention(g, p)
            self.resolved_right += same_speaker(text, g, p)

    def _bins(self, bins: int = 10) -> list[tuple[float, float, list[tuple[float, bool]]]]:
        """The scored predictions in ``bins`` equal confidence bins (1.0 in the last)."""
        out = []
        for k in range(bins):
            low, high = k / bins, (k + 1) / bins
            inside = [(c, h) for c, h in self.scored if low <= c < high or (k == bins - 1 and c == 1.0)]
            out.append((low, high, inside))
        return out

    def reliability(self, bins: int = 10) -> list[tuple[float, float, int, float]]:
        """Per confidence bin: (low, high, predictions, share that matched the gold)."""
        return [
            (low, high, len(inside), sum(h for _, h in inside) / len(inside) if inside else 0.0)
            for low, high, inside in self._bins(bins)
        ]

    @property
    def calibration_error(self) -> float:
        """Expected calibration error over 10 bins: the mean gap between confidence
        and the share that matched, weighted by how many predictions each bin holds."""
        if not self.scored:
            return 0.0
        gaps = (
            len(inside)
            * abs(sum(c for c, _ in inside) / len(inside) - sum(h for _, h in inside) / len(inside))
            for _, _, inside in self._bins()
            if inside
        )
        return sum(gaps) / len(self.scored)

    def precision_at(self, threshold: float) -> tuple[float, int]:
        """Precision of the predictions at or above ``threshold``, and how many there are."""
        kept = [hit for conf, hit in self.scored if conf >= threshold]
        return (sum(kept) / len(kept) if kept else 0.0), len(kept)

    def to_json(self) -> dict:
        return {
            "calibration": {
                "ece": round(self.calibration_error, 4),
                "reliability": [
                    {"low": lo, "high": hi, "predictions": n, "matched": round(share, 4)}
                    for lo, hi, n, share in self.reliability()
                ],
                "precision_at": {
                    str(t): {"precision": round(p, 4), "predictions": n}
                    for t in (0.5, 0.8, 0.9)
                    for p, n in [self.precision_at(t)]
                },
            },
            "acts": {
                k: {"predicted": c.pred, "precision": round(c.precision, 4)}
                for k, c in sorted(self.acts.items())
            },
            "documents": self.documents,
            "attributions": {k: v.to_json() for k, v in self.attributions.items()},
            "attributions_strict": {k: v.to_json() for k, v in self.strict.items()},
            "spans": {k: v.to_json() for k, v in self.spans.items()},
            "direct_speaker_accuracy": round(self.speaker_accuracy, 4),
            "direct_speaker_checked": self.speaker_checked,
            "direct_resolved_speaker_accuracy": round(
                self.resolved_right / self.speaker_checked if self.speaker_checked else 0.0, 4
            ),
        }

    def table(self) -> str:
        rows = [f"documents: {self.documents}", "", f"{'':32}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}{'pred':>7}"]

        def row(label: str, c: Counts) -> str:
            return f"{label:32}{c.precision:7.3f}{c.recall:7.3f}{c.f1:7.3f}{c.gold:7d}{c.pred:7d}"

        for k, c in self.attributions.items():
            rows.append(row(f"attributions {k}", c))
        for k, c in self.strict.items():
            rows.append(row(f"attributions {k} (strict)", c))
        for k, c in self.spans.items():
            rows.append(row(k, c))
        rows.append("")
        n = self.speaker_checked
        rows.append(f"speaker of direct/mixed quotes ({n} whose content matched a gold attribution):")
        rows.append(
            f"  same source mention as the gold      {self.speaker_accuracy:.3f} ({self.speaker_right}/{n})"
        )
        rows.append(
            f"  same mention or resolved to its name {self.resolved_right / n if n else 0:.3f} "
            f"({self.resolved_right}/{n})"
        )
        rows.append("")
        rows.append(f"confidence (ECE over 10 bins: {self.calibration_error:.3f}):")
        rows.append(f"  {'bin':12}{'predicted':>10}{'matched':>9}")
        for lo, hi, count, share in self.reliability():
            if count:
                rows.append(f"  {lo:.1f}-{hi:.1f}    {count:10d}{share:9.3f}")
        for t in (0.5, 0.8, 0.9):
            p, count = self.precision_at(t)
            rows.append(f"  precision at confidence >= {t}: {p:.3f} ({count} predictions)")
        rows.append("")
        rows.append("precision by act (the gold marks no acts, so recall is not known per act):")
        for act, c in sorted(self.acts.items()):
            rows.append(f"  {act:12}{c.precision:7.3f} ({c.tp_pred}/{c.pred})")
        return "\n".join(rows)


def gold_documents(gold_dir: str | Path) -> list[tuple[str, Path, Path]]:
    """(name, text path, annotation path) for each annotated text, sorted.

    Raises:
        InputError: the directory is not in the brat layout.
    """
    root = Path(gold_dir)
    text_dir, ann_dir = root / "text", root / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise InputError(f"{root}: expected text/ and attributions/ folders (the PolNeAR layout)")
    docs = []
    for txt in sorted(text_dir.glob("*.txt")):
        anns = sorted(ann_dir.glob(f"{txt.stem}_*.ann")) or sorted(ann_dir.glob(f"{txt.stem}.ann"))
        if anns:
            docs.append((txt.stem, txt, anns[0]))
    if not docs:
        raise InputError(f"{root}: no text with annotations found")
    return docs


def publication_dates(gold_dir: str | Path) -> dict[str, str]:
    """Publication dates from a ``metadata.tsv`` beside or above the split, if any."""
    root = Path(gold_dir)
    for meta in (root / "metadata.tsv", root.parent / "metadata.tsv"):
        if meta.is_file():
            with meta.open(encoding="utf-8") as fh:
                return {
                    row["filename"]: row["publication_date"]
                    for row in csv.DictReader(fh, delimiter="\t")
                    if row.get("filename") and row.get("publication_date")
                }
    return {}


def evaluate(
    gold_dir: str | Path, pipeline, limit: int | None = None
) -> tuple[Report, list[tuple[str, Article, list[Relation]]]]:  # type: ignore[no-untyped-def]
    """Run ``pipeline`` over the gold texts and score it.

    Returns:
        The report, and per document (name, predicted article, gold relations)
        for error analysis.
    """
    docs = gold_documents(gold_dir)[:limit]
    dates = publication_dates(gold_dir)
    articles = []
    golds = {}
    for name, txt, ann in docs:
        text = txt.read_bytes().decode("utf-8")  # exactly: offsets count a "\r" too
        golds[name] = read_brat(ann, text)
        articles.append(Article(text=text, id=name, published=dates.get(name[:32]) or dates.get(name)))
    report = Report()
    details = []
    texts = {a.id: a.text for a in articles}
    for result in pipeline.pipe(articles):
        if not isinstance(result, Article):
            # a document the extractor refused still counts: all its gold is missed
            log.warning("skipped %s: %s", result.id, result.reason)
            report.add_document(texts[result.id], golds[result.id], [])
            continue
        gold = golds[result.id]
        report.add_document(result.text, gold, predicted(result))
        details.append((result.id, result, gold))
    return report, details


# ---------------------------------------------------------------- error analysis

# Why a gold attribution was missed, or a prediction was wrong (see ``diagnose``).
MISS_CAUSES = (
    "source wrong",  # the content was found, under another source (or none)
    "content boundary",  # the cue was found, its content overlaps too little
    "no cue",  # the gold names no cue (a cue-less quote or report)
    "cue not in lexicon",  # the gold cue's words are not cue words at all
    "frame not found",  # a cue word the extractor knows, but nothing was found there
)
FALSE_CAUSES = ("source wrong", "content boundary", "spurious")


@dataclass
class Diagnosis:
    """One error: a missed gold attribution or a wrong prediction, and its cause."""

    side: str  # "missed" or "false"
    cause: str
    direct: bool
    cue: str  # the cue as written ("" when none)
    content: str
    source: str


def _text(text: str, spans: Sequence[tuple[int, int]]) -> str:
    return " ".join(text[s:e] for s, e in spans)


def diagnose(
    text: str, gold: Sequence[Relation], pred: Sequence[Relation], cue_words: set[str]
) -> list[Diagnosis]:
    """The errors of one document with their causes (``cue_words``: lower-cased word
    forms the extractor takes as cues)."""
    pairs = match(gold, pred)
    matched_g = {gi for gi, _ in pairs}
    matched_p = {pi for _, pi in pairs}
    out = []
    for gi, g in enumerate(gold):
        if gi in matched_g:
            continue
        if any(_overlap(g.content, p.content, False) >= 0.5 for p in pred):
            cause = "source wrong"
        elif g.cue and any(p.cue and g.cue & p.cue for p in pred):
            cause = "content boundary"
        elif not g.cue:
            cause = "no cue"
        elif not any(w.lower() in cue_words for w in _TOKEN.findall(_text(text, g.cue_spans))):
            cause = "cue not in lexicon"
        else:
            cause = "frame not found"
        out.append(_diagnosis(text, "missed", cause, g))
    for pi, p in enumerate(pred):
        if pi in matched_p:
            continue
        if any(_overlap(g.content, p.content, False) >= 0.5 for g in gold):
            cause = "source wrong"
        elif p.cue and any(g.cue and g.cue & p.cue for g in gold):
            cause = "content boundary"
        else:
            cause = "spurious"
        out.append(_diagnosis(text, "false", cause, p))
    return out


def _diagnosis(text: str, side: str, cause: str, r: Relation) -> Diagnosis:
    return Diagnosis(
        side,
        cause,
        r.direct,
        _text(text, r.cue_spans),
        _text(text, r.content_spans),
        _text(text, r.source_spans),
    )


def error_table(diagnoses: Sequence[Diagnosis], examples: int = 0) -> str:
    """Counts of errors by side, cause and kind, with the most frequent cue words of
    each cause, and up to ``examples`` examples each."""
    from collections import Counter

    rows = ["", f"{'errors by cause':32}{'direct':>8}{'indirect':>9}{'all':>7}   most frequent cues"]
    for side, causes in (("missed", MISS_CAUSES), ("false", FALSE_CAUSES)):
        rows.append(f"{side}:")
        for cause in causes:
            found = [d for d in diagnoses if d.side == side and d.cause == cause]
            direct = sum(d.direct for d in found)
            cues = Counter(d.cue.lower() for d in found if d.cue).most_common(6)
            shown = ", ".join(f"{c} {n}" for c, n in cues)
            rows.append(f"  {cause:30}{direct:8d}{len(found) - direct:9d}{len(found):7d}   {shown}")
            for d in found[:examples]:
                rows.append(f"      [{d.source}] ({d.cue}) {d.content[:150]!r}")
    return "\n".join(rows)
