"""Anything -> Article: plain text files and standard input.

``read_inputs`` turns command-line arguments into a stream of Articles (or
Failures for inputs that cannot be read), so the CLI and the batch runner share
one way of reading.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from ..model import Article, Failure
from .text import decode, from_text

__all__ = ["read_inputs", "read_text_file"]


def read_text_file(path: str, *, published: str | None = None, max_chars: int = 2_000_000) -> Article:
    """An Article from a plain text file ("-" reads standard input).

    Raises:
        InputError: unreadable, binary, empty, too long or non-English.
    """
    if path == "-":
        data = sys.stdin.buffer.read(max_chars * 4 + 1)
        name = "stdin"
    else:
        p = Path(path)
        try:
            size = p.stat().st_size
            if size > max_chars * 4:
                raise InputError(
                    f"{path}: too large ({size:,} bytes; the limit is {max_chars:,} characters, "
                    "set SAIDWHAT_MAX_CHARS to raise it)"
                )
            data = p.read_bytes()
        except OSError as exc:
            raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
        name = p.stem
    text = decode(data, path)
    return from_text(text, id=name, published=published, source=path, max_chars=max_chars)


def read_inputs(
    paths: Iterable[str], *, published: str | None = None, max_chars: int = 2_000_000
) -> Iterator[Article | Failure]:
    """Articles from each path, in order; a path that cannot be read yields a Failure."""
    for path in paths:
        try:
            yield read_text_file(path, published=published, max_chars=max_chars)
        except InputError as exc:
            yield Failure(Path(path).stem if path != "-" else "stdin", str(exc), path)
