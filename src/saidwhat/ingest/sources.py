"""Command-line inputs -> a lazy stream of Documents: the dispatcher.

An input is a file, a folder (walked recursively: a folder's files by name, then
its subfolders by name; hidden entries left out) or "-" for standard input. Each file goes to the reader its extension
names (.txt, .html/.htm, .warc/.warc.gz, .jsonl); a file named on the command
line with another extension is recognised by its first bytes. Nothing is read
before it is needed, so a folder of a million files or a 1 GB WARC streams.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from ..model import Failure
from .document import Document
from .jsonl import read_jsonl
from .warc import read_warc

__all__ = [
    "EXTENSIONS",
    "dated",
    "date_in_name",
    "iter_documents",
    "kind_of",
    "not_a_name",
    "read_file",
    "sniff",
    "walk_files",
]

log = logging.getLogger(__name__)

# What a folder walk picks up, and which reader each extension goes to.
EXTENSIONS = {
    ".txt": "text",
    ".html": "html",
    ".htm": "html",
    ".warc": "warc",
    ".warc.gz": "warc",
    ".jsonl": "jsonl",
}


# longest first: the most specific suffix wins
_BY_LENGTH = sorted(EXTENSIONS, key=len, reverse=True)


def _extension(name: str) -> str | None:
    """The known extension ``name`` ends with, case-insensitively, or None."""
    lower = name.lower()
    return next((ext for ext in _BY_LENGTH if lower.endswith(ext)), None)


def kind_of(path: str) -> str | None:
    """The reader for ``path`` by its extension ("text", "html", "warc", "jsonl"), or None."""
    ext = _extension(path)
    return EXTENSIONS[ext] if ext else None


def iter_documents(
    paths: Iterable[str],
    *,
    published: str | None = None,
    max_chars: int = 2_000_000,
    dates_from_names: bool = False,
) -> Iterator[Document | Failure]:
    """Documents from every input, in order; what cannot be read yields a Failure.

    Args:
        paths: files, folders, or "-" (standard input: text or an HTML page).
        published: the date for documents that state none (nor does their page).
        max_chars: longest article accepted; raw files are refused beyond 4 bytes a
            character, before they are read.
        dates_from_names: a date in a file's path below its folder (``2016-09-12``,
            ``20160912``, ``2016/09/12``) is a text file's publication date, and a web
            page's when the page states none.
    """
    max_bytes = max_chars * 4
    for path in paths:
        for item in _expand(path, max_bytes):
            if isinstance(item, Document):
                item = dated(item, published, dates_from_names)
            yield item


def dated(doc: Document, published: str | None, from_name: bool) -> Document:
    """``doc`` with the date its file name carries (``from_name``) and the run's
    fallback date ``published``."""
    changes: dict[str, str] = {}
    named = date_in_name(doc.name) if from_name and doc.name else None
    if named and doc.format == "text" and not doc.published:
        changes["published"] = named
    elif named and not doc.fallback_date:
        changes["fallback_date"] = named
    if published and not doc.fallback_date and "fallback_date" not in changes:
        changes["fallback_date"] = published
    return replace(doc, **changes) if changes else doc


# 2016-09-12, 2016_09_12, 2016.09.12, 2016/09/12 or 20160912, not inside a longer number
_NAME_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)([-_./]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)")


def date_in_name(name: str) -> str | None:
    """The first real calendar date written in ``name`` (a path), as YYYY-MM-DD."""
    for m in _NAME_DATE.finditer(name):
        try:
            return dt.date(int(m.group(1)), int(m.group(3)), int(m.group(4))).isoformat()
        except ValueError:  # 2023-02-30
            continue
    return None


def _expand(path: str, max_bytes: int) -> Iterator[Document | Failure]:
    if path == "-":
        yield _stdin(max_bytes)
        return
    bad = not_a_name(path)
    if bad is not None:
        yield bad
        return
    p = Path(path)
    if p.is_dir():
        yield from _walk(p, max_bytes)
    elif p.exists():
        kind = kind_of(path) or sniff(p)
        yield from read_file(p, kind, p.stem, max_bytes)
    else:
        yield Failure(p.stem or path, f"{path}: no such file or directory", path)


def not_a_name(path: str) -> Failure | None:
    """The Failure for an input that is no file name (empty, or holding a NUL), else None."""
    if not path.strip() or "\x00" in path:
        return Failure(path or "(empty)", f"{path!r}: not a file name", path)
    return None


def _walk(root: Path, max_bytes: int) -> Iterator[Document | Failure]:
    for entry in walk_files(root):
        if isinstance(entry, Failure):
            yield entry
        else:
            yield from read_file(*entry, max_bytes)


def walk_files(root: Path) -> Iterator[tuple[Path, str, str] | Failure]:
    """(path, reader, id) of every file a walk of ``root`` reads, in reading order: a
    folder's files by name, then its subfolders by name; hidden entries left out. A
    Failure where a folder cannot be read, and for a folder with nothing to read."""
    found = 0
    unreadable: list[OSError] = []
    for folder, dirs, files in os.walk(root, onerror=unreadable.append):
        yield from _folder_failures(root, unreadable)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            kind = kind_of(name)
            if name.startswith(".") or kind is None:
                continue
            found += 1
            path = Path(folder, name)
            # ids of files in a folder are their path below it: two "1.txt" in
            # different subfolders are two articles
            yield path, kind, strip_extension(path.relative_to(root).as_posix())
    failed = list(_folder_failures(root, unreadable))
    yield from failed
    if not found and not failed:
        yield Failure(
            root.name or str(root),
            f"{root}: no .txt, .html, .htm, .warc, .warc.gz or .jsonl files in this folder",
            str(root),
        )


def _folder_failures(root: Path, errors: list[OSError]) -> Iterator[Failure]:
    """A Failure for each folder the walk could not read (os.walk reports them)."""
    while errors:
        exc = errors.pop(0)
        where = str(exc.filename or root)
        try:
            key = Path(where).relative_to(root).as_posix()
        except ValueError:
            key = where
        yield Failure(
            key if key != "." else (root.name or where),
            f"{where}: cannot read this folder ({exc.strerror or exc})",
            where,
        )


def strip_extension(rel: str) -> str:
    """``rel`` without the known extension it ends with."""
    ext = _extension(rel)
    return rel[: -len(ext)] if ext else rel


def read_file(
    path: Path | str, kind: str, ident: str, max_bytes: int, *, local: str | None = None
) -> Iterator[Document | Failure]:
    """The documents of one file read by the ``kind`` reader ("text", "html", "warc",
    "jsonl"); ``ident`` is a text file's id. ``local`` is where the bytes are when not at
    ``path`` (a remote file copied here): messages and ids still name ``path``."""
    source = str(path)
    if kind == "warc":
        yield from read_warc(source, max_bytes=max_bytes, local=local)
        return
    if kind == "jsonl":
        yield from read_jsonl(source, max_bytes=max_bytes, local=local)
        return
    where = Path(local) if local else Path(path)
    try:
        size = where.stat().st_size
        if size > max_bytes:
            yield Failure(
                ident,
                f"{source}: too large ({size:,} bytes; the limit is {max_bytes // 4:,} characters, "
                "set SAIDWHAT_MAX_CHARS to raise it)",
                source,
            )
            return
        data = where.read_bytes()
    except OSError as exc:
        yield Failure(ident, f"{source}: cannot read ({exc.strerror or exc})", source)
        return
    if kind == "html":
        # an HTML file's id comes from its URL; a page without one is named by its file
        yield Document(source=source, format="html", data=data, name=ident)
    else:
        yield Document(source=source, format="text", data=data, id=ident, name=ident)


def sniff(path: Path, name: str = "") -> str:
    """The reader for a file whose extension says nothing, from its first bytes
    (``name``: the file's name when ``path`` is a local copy under another)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError:
        return "text"  # read_file reports the error
    return _sniff_bytes(head, name or path.name)


def _sniff_bytes(head: bytes, name: str = "") -> str:
    if head.startswith(b"WARC/") or (head.startswith(b"\x1f\x8b") and ".warc" in name.lower()):
        return "warc"
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered[:1024]:
        return "html"
    return "text"


def _stdin(max_bytes: int) -> Document | Failure:
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        return Failure(
            "stdin",
            f"stdin: too large (more than {max_bytes:,} bytes; set SAIDWHAT_MAX_CHARS to raise it)",
            "-",
        )
    if _sniff_bytes(data[:4096]) == "html":
        return Document(source="stdin", format="html", data=data)
    return Document(source="stdin", format="text", data=data, id="stdin")
