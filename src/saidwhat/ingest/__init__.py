"""Anything -> Article: text files, web pages, web archives, JSONL dumps, folders.

``read_inputs`` turns command-line arguments into a lazy stream of Articles (or
Failures for inputs that cannot be read), so the CLI, the batch runner and the
store share one way of reading. It is two steps, which the batch runner runs in
different processes: ``iter_documents`` finds the raw documents (cheap, streamed:
sources.py with the readers html.py, warc.py, jsonl.py), and ``to_article`` turns
one into an Article (decoding, HTML extraction, validation, cleanup: a pure
function of the document, see document.py).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from ..model import Article, Failure
from .document import SKIP_KINDS, Document, Skipped, to_article, to_result
from .sources import EXTENSIONS, iter_documents
from .text import NotEnglishError, decode, from_text

__all__ = [
    "EXTENSIONS",
    "SKIP_KINDS",
    "Document",
    "NotEnglishError",
    "Skipped",
    "iter_documents",
    "read_inputs",
    "read_text_file",
    "to_article",
    "to_result",
]


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
    """Articles from each input, in order, read lazily (a WARC is streamed).

    Args:
        paths: files (.txt, .html, .htm, .warc, .warc.gz, .jsonl; others are
            recognised by their content), folders (walked recursively), or "-".
        published: the date for articles that state none (to resolve "on Tuesday").

    Yields:
        an Article per readable document; a Failure (or its subclass Skipped, for
        documents left out on purpose: not HTML, not English, truncated) otherwise.
    """
    for item in iter_documents(paths, published=published, max_chars=max_chars):
        yield item if isinstance(item, Failure) else to_result(item, max_chars=max_chars)
