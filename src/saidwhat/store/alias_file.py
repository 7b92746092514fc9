"""Alias files: CSV rows of a name, the canonical name it belongs to, and an optional
external id (a Wikidata QID, say), read for ``Store.import_aliases``.

One reader for the command line (``saidwhat speakers import``) and the web app's
upload, so a file means the same in both: UTF-8 (a BOM is fine), a first row starting
``name`` is a header, empty and ``#`` lines are skipped, every other line has two or
three columns.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from ..errors import InputError

MAX_ALIAS_FILE = 50 * 1024 * 1024

AliasRow = tuple[str, str, str | None]


def read_alias_file(stream: Any, where: str) -> list[AliasRow]:
    """Rows (name, canonical name, external id or None) of an alias CSV file.

    Args:
        stream: a binary or text file object, or the file's bytes or text.
        where: how to name the file in errors (its path, or the uploaded file's name).

    Raises:
        InputError: the file is not UTF-8 CSV of two or three columns (line numbers
            given, up to five), has no aliases, or is over 50 MB.
    """
    text = stream if isinstance(stream, (bytes, str)) else stream.read(MAX_ALIAS_FILE + 1)
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError(f"{where}: not UTF-8 text") from None
    if len(text) > MAX_ALIAS_FILE:
        raise InputError(f"{where}: larger than {MAX_ALIAS_FILE // (1024 * 1024)} MB")
    rows: list[AliasRow] = []
    problems = []
    try:
        for n, row in enumerate(csv.reader(io.StringIO(text.lstrip("\ufeff"))), 1):
            cells = [c.strip() for c in row]
            if not any(cells) or cells[0].startswith("#"):
                continue
            if n == 1 and cells[0].lower() == "name":
                continue
            if len(cells) not in (2, 3):
                problems.append(
                    f"line {n}: {len(cells)} columns (expected name, canonical name[, external id])"
                )
                continue
            rows.append((cells[0], cells[1], cells[2] if len(cells) == 3 and cells[2] else None))
    except csv.Error as exc:
        raise InputError(f"{where}: not CSV: {exc}") from None
    if problems:
        raise InputError(f"{where}: " + "; ".join(problems[:5]) + ("; ..." if len(problems) > 5 else ""))
    if not rows:
        raise InputError(f"{where}: no aliases in it")
    return rows
