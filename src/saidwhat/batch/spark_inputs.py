"""The inputs of a Spark run: planned on the driver, read on the executors.

``plan`` turns the command line's inputs into units of reading, in the batch
runner's order: a WARC or JSONL file is one unit (streamed record by record, or
line by line, by the task that reads it); a text or HTML file is one unit, and
tasks take them in groups. Inputs are local paths, ``file://`` URIs, or any URI
that ``pyarrow.fs`` opens (``s3://``, ``s3a://``, ``gs://``, ``hdfs://``...), plus
listing files (``*.paths``, ``*.paths.gz`` as Common Crawl publishes them, or any
file given with ``--input-list``) naming one input per line.

``read_unit`` reads one unit where it runs, with the batch runner's own readers
(``ingest.sources.read_file``): a remote file is first copied to a local
temporary file (constant memory; one file per running task on the executor's
disk), and messages and ids name the URI, as they name a local path.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from ..errors import InputError
from ..ingest import Document
from ..ingest.sources import dated, kind_of, not_a_name, read_file, sniff, strip_extension, walk_files
from ..model import Failure

__all__ = ["LIST_SUFFIXES", "Unit", "group_units", "input_key", "plan", "read_unit"]

log = logging.getLogger(__name__)

# Names of files that list inputs, one per line (Common Crawl's warc.paths.gz).
LIST_SUFFIXES = (".paths", ".paths.gz")
# Streamed inputs get a task each; small files are read this many to a task.
STREAMED = ("warc", "jsonl")
FILES_PER_TASK = 64
_COPY_BUFFER = 1 << 20
# What pyarrow raises for a URI it cannot open or read: ArrowInvalid is a ValueError,
# ArrowIOError an OSError, ArrowNotImplementedError (a filesystem not built in) a
# NotImplementedError.
_ARROW_ERRORS = (ValueError, OSError, NotImplementedError)


@dataclass(frozen=True)
class Unit:
    """One file to read, and where its documents go.

    Attributes:
        order: its place in the run's reading order (documents sort by it, then by
            their place in the file).
        path: the file as messages name it: a local path or a URI.
        kind: its reader ("text", "html", "warc", "jsonl"), or "missing" when the
            input does not exist (reading yields the Failure ``reason``).
        ident: a text file's id (its path below the folder given, without extension).
        input: the key of the command-line input it came from: the partition of the
            output it is written to, so running that input again replaces its rows.
        reason: why the input cannot be read (kind "missing").
    """

    order: int
    path: str
    kind: str
    ident: str
    input: str
    reason: str = ""


def input_key(path: str) -> str:
    """The output partition of an input: a short hash of its path or URI, led by a
    letter so that no reader takes it for a number ("3216831559e2" is one)."""
    return "i" + hashlib.sha256(_normal(path).encode("utf-8")).hexdigest()[:12]


def _normal(path: str) -> str:
    if _is_remote(path):
        return path.rstrip("/")
    return os.path.abspath(_local(path))


def _is_remote(path: str) -> bool:
    return "://" in path and not path.startswith("file://")


def _local(path: str) -> str:
    return urlparse(path).path if path.startswith("file://") else path


def _filesystem(uri: str) -> tuple[Any, str]:
    """(pyarrow FileSystem, path inside it) for a remote URI.

    Raises:
        InputError: pyarrow cannot open this kind of URI here.
    """
    from pyarrow import fs

    scheme = uri.split("://", 1)[0].lower()
    if scheme in ("s3a", "s3n"):  # Hadoop's names for S3; pyarrow calls it s3
        uri = "s3://" + uri.split("://", 1)[1]
    try:
        return fs.FileSystem.from_uri(uri)
    except _ARROW_ERRORS as exc:  # all mean "cannot open"
        raise InputError(f"{uri}: cannot open this URI ({type(exc).__name__}: {exc})") from None


def plan(inputs: Iterable[str], *, lists: Iterable[str] = (), base: str | None = None) -> list[Unit]:
    """The units of reading for ``inputs`` (files, folders, URIs, listing files) and
    the inputs named in the listing files ``lists``, in reading order.

    Args:
        base: prefix for relative paths in listing files (e.g. ``s3://commoncrawl/``).
    """
    units: list[Unit] = []
    named = [(path, False) for path in inputs] + [(path, True) for path in lists]
    for path, is_list in named:
        if is_list or path.lower().endswith(LIST_SUFFIXES):
            try:
                listed = _listed(path, base)
            except InputError as exc:
                units.append(Unit(len(units), path, "missing", Path(path).name, input_key(path), str(exc)))
                continue
            for entry in listed:
                _expand(entry, units)
        else:
            _expand(path, units)
    return units


def _listed(path: str, base: str | None) -> list[str]:
    with _open(path) as fh:
        raw = fh.read()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    entries = []
    for line in raw.decode("utf-8", errors="replace").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if base and "://" not in line and not os.path.isabs(line):
            line = base.rstrip("/") + "/" + line.lstrip("/")
        entries.append(line)
    return entries


def _open(path: str) -> Any:
    if not _is_remote(path):
        try:
            return open(_local(path), "rb")  # noqa: SIM115 - the caller's with closes it
        except OSError as exc:
            raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    filesystem, inner = _filesystem(path)
    try:
        return filesystem.open_input_stream(inner)
    except _ARROW_ERRORS as exc:  # a missing or forbidden object
        raise InputError(f"{path}: cannot read ({exc})") from None


def _expand(path: str, units: list[Unit]) -> None:
    key = input_key(path)

    def add(where: str, kind: str, ident: str, reason: str = "") -> None:
        units.append(Unit(len(units), where, kind, ident, key, reason))

    bad = not_a_name(path)
    if bad is not None:
        add(bad.source or path, "missing", bad.id, bad.reason)
        return
    if _is_remote(path):
        _expand_remote(path, add)
        return
    local = Path(_local(path))
    if local.is_dir():
        for entry in walk_files(local):
            if isinstance(entry, Failure):  # a folder that cannot be read, or holds nothing to read
                add(entry.source or str(local), "missing", entry.id, entry.reason)
            else:
                file, kind, ident = entry
                add(str(file), kind, ident)
    elif local.exists():
        add(str(local), kind_of(str(local)) or "sniff", local.stem)
    else:
        add(path, "missing", local.stem or path, f"{path}: no such file or directory")


def _expand_remote(uri: str, add: Any) -> None:
    from pyarrow import fs

    try:
        filesystem, inner = _filesystem(uri)
        info = filesystem.get_file_info(inner)
    except InputError as exc:
        add(uri, "missing", Path(urlparse(uri).path).stem or uri, str(exc))
        return
    except _ARROW_ERRORS as exc:  # a forbidden bucket, a bad host, ...
        add(uri, "missing", Path(urlparse(uri).path).stem or uri, f"{uri}: cannot read ({exc})")
        return
    name = Path(urlparse(uri).path)
    if info.type == fs.FileType.File:
        add(uri, kind_of(uri) or "sniff", name.stem)
        return
    if info.type != fs.FileType.Directory:
        add(uri, "missing", name.stem or uri, f"{uri}: no such file or directory")
        return
    root = uri.rstrip("/")
    found = []
    for entry in filesystem.get_file_info(fs.FileSelector(inner, recursive=True)):
        rel = entry.path[len(inner.rstrip("/")) :].lstrip("/")
        parts = rel.split("/")
        kind = kind_of(parts[-1])
        if entry.type != fs.FileType.File or kind is None or any(p.startswith(".") for p in parts):
            continue
        # a local walk's order: a folder's files by name, then its subfolders by name
        order = tuple((1, p) for p in parts[:-1]) + ((0, parts[-1]),)
        found.append((order, rel, kind))
    if not found:  # as a local walk says it
        add(
            uri,
            "missing",
            name.name or uri,
            f"{uri}: no .txt, .html, .htm, .warc, .warc.gz or .jsonl files in this folder",
        )
    for _, rel, kind in sorted(found):
        add(f"{root}/{rel}", kind, strip_extension(rel))


def group_units(units: list[Unit], files_per_task: int = FILES_PER_TASK) -> list[list[Unit]]:
    """The units of each task: a streamed file alone, small files ``files_per_task`` at a time."""
    groups: list[list[Unit]] = []
    small: list[Unit] = []
    for unit in units:
        if unit.kind in STREAMED:
            if small:
                groups.append(small)
                small = []
            groups.append([unit])
            continue
        small.append(unit)
        if len(small) >= files_per_task:
            groups.append(small)
            small = []
    if small:
        groups.append(small)
    return groups


def read_unit(
    unit: Unit, *, max_chars: int, published: str | None = None, dates_from_names: bool = False
) -> Iterator[Document | Failure]:
    """The documents of ``unit`` in file order (a Failure for what cannot be read),
    dated as the batch runner dates them (``published``, ``dates_from_names``)."""
    if unit.kind == "missing":
        yield Failure(unit.ident, unit.reason, unit.path)
        return
    max_bytes = max_chars * 4
    for item in _read(unit, max_bytes):
        if isinstance(item, Document):
            item = dated(item, published, dates_from_names)
        yield item


def _read(unit: Unit, max_bytes: int) -> Iterator[Document | Failure]:
    if not _is_remote(unit.path):
        path = _local(unit.path)
        kind = unit.kind if unit.kind != "sniff" else sniff(Path(path))
        yield from read_file(path, kind, unit.ident, max_bytes)
        return
    with tempfile.TemporaryDirectory(prefix="saidwhat-input-") as folder:
        local = os.path.join(folder, Path(urlparse(unit.path).path).name or "input")
        try:
            with _open(unit.path) as source, open(local, "wb") as target:
                shutil.copyfileobj(source, target, _COPY_BUFFER)
        except (InputError, OSError) as exc:
            yield Failure(unit.ident, f"{unit.path}: cannot read ({exc})", unit.path)
            return
        kind = unit.kind if unit.kind != "sniff" else sniff(Path(local), unit.path)
        yield from read_file(unit.path, kind, unit.ident, max_bytes, local=local)
