"""Corrected articles as evaluation gold, in the brat layout ``saidwhat evaluate`` reads.

``saidwhat export-gold --db DB DIR`` writes every article with at least one
applied correction:

    DIR/text/NAME.txt                      the article text, byte for byte
    DIR/attributions/NAME_saidwhat.ann     its statements as brat standoff
    DIR/metadata.tsv                       filename, publication_date, title, site, url, article_id

as PolNeAR lays out its corpus: per statement a ``Source``, ``Cue`` and
``Content`` entity (offsets into the text; a piece that crosses a line break is
cut there, as brat requires) and an ``Attribution`` event tying them, its trigger
on the cue (else the source, else the content). A corrected article is taken as
reviewed: its statements as they stand after the corrections are the gold, the
ones nobody corrected included. NAME is the article id made safe for a file name
(letters, digits, ``.`` and ``-``: no ``_``, which separates the annotator's part).
Nothing in the export comes from replies: no names, no emails.
"""

from __future__ import annotations

import csv
import hashlib
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import InputError
from .model import Article

log = logging.getLogger(__name__)

ANNOTATOR = "saidwhat"
_UNSAFE = re.compile(r"[^A-Za-z0-9.-]+")
MAX_NAME = 100


@dataclass
class GoldExport:
    """What an export wrote."""

    articles: int = 0
    attributions: int = 0
    directory: str = ""


def file_name(article_id: str, taken: set[str]) -> str:
    """A file name for an article id: the id where it is safe, else a safe form of it
    with a short hash, so that two ids never share a name."""
    name = _UNSAFE.sub("-", article_id).strip(".-")[:MAX_NAME] or "article"
    if name != article_id or name.lower() in taken:
        name = f"{name[: MAX_NAME - 9]}-{hashlib.sha256(article_id.encode('utf-8')).hexdigest()[:8]}"
    taken.add(name.lower())
    return name


def _fragments(text: str, spans: Any) -> list[tuple[int, int]]:
    """Spans cut at line breaks, empty and blank pieces dropped (brat's rule)."""
    out = []
    for start, end in spans:
        piece_start = start
        for k in range(start, end + 1):
            if k == end or text[k] in "\n\r":
                if text[piece_start:k].strip():
                    out.append((piece_start, k))
                piece_start = k + 1
    return out


def brat(article: Article) -> str:
    """The article's attributions as a brat standoff (.ann) file."""
    lines: list[str] = []
    entity = 0

    def add(label: str, spans: Any) -> str | None:
        nonlocal entity
        pieces = _fragments(article.text, spans)
        if not pieces:
            return None
        entity += 1
        offsets = ";".join(f"{s} {e}" for s, e in pieces)
        covered = " ".join(article.text[s:e] for s, e in pieces)
        lines.append(f"T{entity}\t{label} {offsets}\t{' '.join(covered.split())}")
        return f"T{entity}"

    for k, a in enumerate(article.attributions, start=1):
        content = add("Content", a.content.spans)
        if content is None:
            continue
        roles = {"Content": content}
        if a.cue is not None and (cue := add("Cue", a.cue.spans)):
            roles["Cue"] = cue
        if a.source is not None and (source := add("Source", a.source.spans)):
            roles["Source"] = source
        anchor = a.cue or a.source or a.content
        trigger = add("Attribution", anchor.spans)
        lines.append(
            f"E{k}\tAttribution:{trigger} " + " ".join(f"{role}:{tid}" for role, tid in roles.items())
        )
    return "\n".join(lines) + ("\n" if lines else "")


def export_gold(store: Any, directory: str | Path, *, corrections: Any = None) -> GoldExport:
    """Write the store's corrected articles as brat gold under ``directory``.

    Args:
        store: an open store.
        directory: created if missing; it must not hold another export's files
            (text/ or attributions/ with files in them), so no gold is mixed.
        corrections: the store's ``Corrections`` service (made from ``store`` if None).

    Raises:
        InputError: the directory holds files already, or cannot be written.
    """
    from .store.corrections import Corrections

    corrections = corrections or Corrections(store)
    root = Path(directory)
    text_dir, ann_dir = root / "text", root / "attributions"
    for folder in (text_dir, ann_dir):
        if folder.is_dir() and any(folder.iterdir()):
            raise InputError(f"{folder} is not empty: export into a new directory")
    ids = corrections.corrected_articles()
    result = GoldExport(directory=str(root))
    try:
        text_dir.mkdir(parents=True, exist_ok=True)
        ann_dir.mkdir(parents=True, exist_ok=True)
        taken: set[str] = set()
        rows = []
        for article_id in ids:
            stored = store.article(article_id)
            if stored is None:  # removed since the list was read
                continue
            article = stored.article
            name = file_name(article.id, taken)
            (text_dir / f"{name}.txt").write_bytes(article.text.encode("utf-8"))
            (ann_dir / f"{name}_{ANNOTATOR}.ann").write_text(brat(article), encoding="utf-8")
            rows.append(
                {
                    "filename": name,
                    "publication_date": (article.published or "")[:10],
                    "title": " ".join((article.title or "").split()),
                    "site": article.site or "",
                    "url": article.url or "",
                    "article_id": article.id,
                }
            )
            result.articles += 1
            result.attributions += len(article.attributions)
        with (root / "metadata.tsv").open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(
                fh,
                fieldnames=["filename", "publication_date", "title", "site", "url", "article_id"],
                delimiter="\t",
                lineterminator="\n",
            )
            writer.writeheader()
            writer.writerows(rows)
    except OSError as exc:
        raise InputError(f"cannot write the gold to {root}: {exc.strerror or exc}") from None
    log.info("exported %d corrected articles to %s", result.articles, root)
    return result


__all__ = ["GoldExport", "brat", "export_gold", "file_name"]
