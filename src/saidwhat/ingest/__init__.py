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

from collections.abc import Iterable, Iterator

from ..model import Article, Failure
from .document import SKIP_KINDS, Document, Skipped, to_article, to_result
from .sources import EXTENSIONS, iter_documents
from .text import NotEnglishError

__all__ = [
    "EXTENSIONS",
    "SKIP_KINDS",
    "Document",
    "NotEnglishError",
    "Skipped",
    "iter_documents",
    "read_inputs",
    "to_article",
    "to_result",
]


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
