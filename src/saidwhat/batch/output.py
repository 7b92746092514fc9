"""Output files: one row per attribution, as JSON Lines, CSV or Parquet.

Every format has the same columns (COLUMNS), so a table read from any of them
looks the same. Writers only ever append and can say how far they have durably
written (``commit``), which is what makes a killed run resumable (journal.py):
JSONL and CSV rows go straight to the file and are cut back to the last commit
on resume; Parquet, which cannot be appended to, is written as one part file per
commit and the parts are merged into the output file when the run ends.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..model import Article

__all__ = ["COLUMNS", "OUTPUT_FORMATS", "Writer", "open_writer", "output_format", "rows"]

# (name, type, description): the one list the writers, the Parquet schema and the
# README follow.
COLUMNS = (
    ("article_id", "string", "the article's id (from its URL, else its text; a .txt file's name)"),
    (
        "source",
        "string",
        "where the article was read: a file's path, FILE@OFFSET of a WARC record, FILE:LINE of a JSONL line",
    ),
    ("url", "string", "the article's URL, when known"),
    ("published", "string", "the article's publication date (ISO 8601)"),
    ("title", "string", "the article's title"),
    ("site", "string", "the site that published it"),
    ("speaker", "string", "who made the statement, fullest name in the article"),
    ("speaker_type", "string", "PERSON, ORG, GROUP or UNKNOWN"),
    ("role", "string", "the speaker's role or title, when the article gives one"),
    ("kind", "string", "direct, indirect, mixed or headline"),
    ("act", "string", "what act it reports: speech, writing, stance, plan or perception"),
    ("cue", "string", "the word that attributes it: said, told, according to, ..."),
    ("content", "string", "what was said"),
    ("addressee", "string", "to whom or where: reporters, CNN, a news conference"),
    ("channel", "string", "the document or intermediary it came through: a statement, a spokesperson"),
    ("when", "string", "when it was said, as written: on Tuesday"),
    ("when_date", "string", "that date resolved against the publication date (YYYY-MM-DD)"),
    ("confidence", "double", "a calibrated probability (0-1): of the rows scored about p, about p are right"),
)
COLUMN_NAMES = tuple(name for name, _, _ in COLUMNS)
OUTPUT_FORMATS = {".jsonl": "jsonl", ".csv": "csv", ".parquet": "parquet"}


def output_format(path: str) -> str:
    """ "jsonl", "csv" or "parquet", from the extension of ``path``.

    Raises:
        ConfigError: another extension.
    """
    ext = Path(path).suffix.lower()
    if ext not in OUTPUT_FORMATS:
        raise ConfigError(f"{path}: cannot tell the output format; name the file .jsonl, .csv or .parquet")
    return OUTPUT_FORMATS[ext]


def rows(article: Article) -> list[dict[str, Any]]:
    """One row per attribution of ``article``, with COLUMNS as keys."""
    out = []
    for a in article.attributions:
        out.append(
            {
                "article_id": article.id,
                "source": article.source,
                "url": article.url,
                "published": article.published,
                "title": article.title,
                "site": article.site,
                "speaker": a.speaker.name if a.speaker else None,
                "speaker_type": a.speaker.type if a.speaker else None,
                "role": a.speaker.role if a.speaker else None,
                "kind": a.kind,
                "act": a.act,
                "cue": a.cue.text if a.cue else None,
                "content": a.content.text,
                "addressee": a.addressee,
                "channel": a.channel.text if a.channel else None,
                "when": a.when.text if a.when else None,
                "when_date": a.when.date if a.when else None,
                "confidence": round(a.confidence, 3),
            }
        )
    return out


class Writer:
    """Appends rows to an output file; ``commit`` makes them durable."""

    def write(self, article: Article) -> int:
        """Add the rows of ``article``; returns how many."""
        raise NotImplementedError

    def commit(self) -> dict[str, Any]:
        """Make everything written so far durable; returns the position to resume from."""
        raise NotImplementedError

    def close(self, before_swap: Callable[[str], None] | None = None) -> None:
        """Finish the file; call after the last commit. Parquet merges its parts into
        a temporary file and calls ``before_swap(temporary path)`` (the journal
        records it) before putting it in place."""


class _AppendWriter(Writer):
    """JSONL and CSV: rows are appended to the file as bytes, position = byte offset."""

    def __init__(self, path: str, fmt: str, offset: int) -> None:
        self.path, self.fmt = path, fmt
        mode = "r+b" if os.path.exists(path) else "w+b"
        self.fh = open(path, mode)  # noqa: SIM115 - closed in close()
        self.fh.truncate(offset)  # rows after the last commit of a killed run go
        self.fh.seek(offset)
        if fmt == "csv" and offset == 0:
            self._put([COLUMN_NAMES])

    def _put(self, records: Iterable[Iterable[Any]]) -> None:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerows(records)
        self.fh.write(buffer.getvalue().encode("utf-8"))

    def write(self, article: Article) -> int:
        found = rows(article)
        if not found:
            return 0
        if self.fmt == "csv":
            self._put([["" if r[k] is None else r[k] for k in COLUMN_NAMES] for r in found])
        else:
            text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in found)
            self.fh.write(text.encode("utf-8"))
        return len(found)

    def commit(self) -> dict[str, Any]:
        self.fh.flush()
        os.fsync(self.fh.fileno())
        return {"offset": self.fh.tell()}

    def close(self, before_swap: Callable[[str], None] | None = None) -> None:
        self.fh.close()


def parquet_schema():  # type: ignore[no-untyped-def]
    """The Arrow schema of the Parquet output (COLUMNS)."""
    import pyarrow as pa

    kinds = {"string": pa.string(), "double": pa.float64()}
    return pa.schema([(name, kinds[kind]) for name, kind, _ in COLUMNS])


class _ParquetWriter(Writer):
    """Parquet: a part file per commit under ``<output>.parts/``; merged by ``merge``."""

    def __init__(self, path: str, pending: list[str]) -> None:
        self.path = path
        self.parts_dir = Path(path + ".parts")
        self.parts = list(pending)  # committed parts, in order, not yet merged
        self.rows: list[dict[str, Any]] = []
        self.counter = 1 + max((int(p.split("-")[1].split(".")[0]) for p in pending), default=0)

    def write(self, article: Article) -> int:
        found = rows(article)
        self.rows.extend(found)
        return len(found)

    def commit(self) -> dict[str, Any]:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if not self.rows:
            return {"parts": []}
        self.parts_dir.mkdir(exist_ok=True)
        name = f"part-{self.counter:06d}.parquet"
        self.counter += 1
        tmp = self.parts_dir / (name + ".tmp")
        pq.write_table(pa.Table.from_pylist(self.rows, schema=parquet_schema()), tmp)
        _fsync(tmp)
        os.replace(tmp, self.parts_dir / name)
        self.rows = []
        self.parts.append(name)
        return {"parts": [name]}

    def close(self, before_swap: Callable[[str], None] | None = None) -> None:
        if not self.parts and os.path.exists(self.path):
            return  # nothing new since the output was last merged
        tmp = self.merge_to_temp()
        if before_swap is not None:
            before_swap(tmp)
        self.finish_merge(tmp)

    def merge_to_temp(self) -> str:
        """Write the output so far (an earlier final file, then the parts) to a
        temporary file beside the output; returns its path."""
        import pyarrow.parquet as pq

        tmp = self.path + ".tmp"
        schema = parquet_schema()
        with pq.ParquetWriter(tmp, schema) as out:
            sources = ([self.path] if os.path.exists(self.path) else []) + [
                str(self.parts_dir / p) for p in self.parts
            ]
            for source in sources:
                table = pq.read_table(source, schema=schema)
                if table.num_rows:
                    out.write_table(table)
        _fsync(Path(tmp))
        return tmp

    def finish_merge(self, tmp: str) -> None:
        """Put the merged file in place and drop the parts it holds."""
        os.replace(tmp, self.path)
        shutil.rmtree(self.parts_dir, ignore_errors=True)
        self.parts = []


def open_writer(path: str, position: dict[str, Any] | None = None) -> Writer:
    """A writer for ``path`` (format from its extension), continuing at ``position``
    (what the last commit returned, from the journal) or starting the file afresh.

    Raises:
        ConfigError: the extension is not .jsonl, .csv or .parquet.
    """
    fmt = output_format(path)
    position = position or {}
    if fmt == "parquet":
        return _ParquetWriter(path, list(position.get("parts", [])))
    return _AppendWriter(path, fmt, int(position.get("offset", 0)))


def _fsync(path: Path) -> None:
    with open(path, "rb") as fh:
        os.fsync(fh.fileno())
