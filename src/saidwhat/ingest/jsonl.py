"""JSON Lines dumps -> Documents: one article per line.

A line is an object with ``text`` (scraped text) or ``html`` (a web page), and
optionally ``id``, ``url``, ``title`` and ``published``. saidwhat's own JSON
output (metadata under ``article``) reads back too. Blank lines are passed over;
a line that is not such an object is reported with its line number.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import Any

from ..model import Failure
from .document import Document

__all__ = ["read_jsonl"]


def read_jsonl(
    path: str, *, max_bytes: int = 8_000_000, local: str | None = None
) -> Iterator[Document | Failure]:
    """Documents for the lines of the JSONL file at ``path``, streamed in order
    (read from ``local`` when the file was copied there; messages name ``path``).

    Yields:
        a Document per article line; a Failure per line that is not valid JSON,
        not an object, or has neither a ``text`` nor an ``html`` string.
    """
    name = os.path.basename(path)
    try:
        fh = open(local or path, "rb")  # noqa: SIM115 - closed by the with below
    except OSError as exc:
        yield Failure(name, f"{path}: cannot read ({exc.strerror or exc})", path)
        return
    with fh:
        for number, raw in enumerate(fh, 1):
            where = f"{path}:{number}"
            if not raw.strip():
                continue
            if len(raw) > max_bytes:
                yield Failure(f"{name}:{number}", f"{where}: line longer than {max_bytes:,} bytes", where)
                continue
            try:
                obj = json.loads(raw)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                yield Failure(f"{name}:{number}", f"{where}: invalid JSON ({_why(exc)})", where)
                continue
            yield _document(obj, where, f"{name}:{number}")


def _document(obj: Any, where: str, fallback_id: str) -> Document | Failure:
    if not isinstance(obj, dict):
        return Failure(fallback_id, f"{where}: expected a JSON object, got {type(obj).__name__}", where)
    nested = obj.get("article")
    meta: dict[str, Any] = nested if isinstance(nested, dict) else {}

    def field(key: str) -> str | None:
        value = obj.get(key, meta.get(key))
        if value is None or value == "":
            return None
        return str(value)

    text, html = obj.get("text"), obj.get("html")
    ident = field("id") or ""
    if isinstance(html, str) and html.strip():
        fmt, data = "html", html
    elif isinstance(text, str):
        fmt, data = "text", text
    else:
        return Failure(ident or fallback_id, f'{where}: no "text" or "html" string in the object', where)
    return Document(
        source=where,
        format=fmt,
        data=data,
        id=ident,
        url=field("url"),
        published=field("published"),
        title=field("title"),
    )


def _why(exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} at column {exc.colno}"
    return "not UTF-8"
