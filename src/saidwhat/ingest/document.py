"""A raw document, as a reader found it, and the one function that makes it an Article.

Reading (walking folders, streaming WARC records, splitting JSONL) is cheap and
happens where the inputs are; turning a document into an Article (decoding,
HTML extraction, validation, cleanup) costs real CPU and is a pure function of
the document, so the batch runner does it in its workers and a Spark job can do
it on its executors.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from ..errors import InputError
from ..model import Article, Failure, article_id
from .text import NotEnglishError, decode, from_text

__all__ = ["FORMATS", "SKIP_KINDS", "Document", "Skipped", "to_article", "to_result"]

FORMATS = ("text", "html")

# Why a document was left out on purpose (not a fault): counted apart from errors.
SKIP_KINDS = ("not-html", "not-english", "truncated", "http-status", "duplicate")


@dataclass(frozen=True)
class Document:
    """One document before extraction: its bytes or text, and what is known about it.

    Attributes:
        source: where it came from, for messages ("a.txt", "dump.jsonl:7", a WARC URI).
        format: "text" (already-scraped text) or "html" (a web page).
        data: the raw content; bytes are decoded by ``to_article``.
        id: the article id when the input names it (a .txt file's stem, a JSONL "id").
        url: the article's URL when known (a WARC target URI, a JSONL "url").
        published: the publication date the input states; it wins over the page's own.
        fallback_date: a date to use when neither the input nor the page has one
            (a WARC record's date, ``--published``).
        title: a title the input states (a JSONL "title").
        name: the file's path below its folder without the extension ("2024/03/story"):
            the id of a web page that has no URL, and where dates in names are read.
    """

    source: str
    format: str
    data: bytes | str
    id: str = ""
    url: str | None = None
    published: str | None = None
    fallback_date: str | None = None
    title: str | None = None
    name: str = ""

    @cached_property
    def known_id(self) -> str:
        """The article id if it can be told before extraction, else "" (read several
        times per document by the runner; for unnamed text it hashes the whole text)."""
        if self.id:
            return self.id
        if self.url:
            return article_id("", self.url)
        if self.format == "text" and isinstance(self.data, str):
            return article_id(self.data)
        return ""


@dataclass(frozen=True)
class Skipped(Failure):
    """A document left out on purpose; ``kind`` is one of SKIP_KINDS."""

    kind: str = "skipped"

    def to_json(self) -> dict[str, str | None]:
        return {**super().to_json(), "kind": self.kind}


def to_article(doc: Document, *, max_chars: int = 2_000_000) -> Article:
    """The validated, cleaned Article for ``doc``: a pure function of the document.

    Raises:
        InputError: the document cannot be read as an English article
            (``NotEnglishError`` when it is in another language).
    """
    published = doc.published
    if doc.format == "html":
        from .html import from_html  # trafilatura is imported only when HTML comes in

        article = from_html(
            doc.data,
            id=doc.id,
            url=doc.url,
            title=doc.title,
            published=published,
            fallback_date=doc.fallback_date,
            source=doc.source,
            max_chars=max_chars,
        )
        if not doc.id and not article.url and doc.name:
            article.id = doc.name  # a saved page without a URL is named by its file, as text is
    elif doc.format == "text":
        text = doc.data if isinstance(doc.data, str) else decode(doc.data, doc.source)
        article = from_text(
            text,
            id=doc.id,
            published=published or doc.fallback_date,
            url=doc.url,
            title=doc.title,
            source=doc.source,
            max_chars=max_chars,
        )
    else:
        raise InputError(f"{doc.source}: unknown document format {doc.format!r}")
    article.source = doc.source
    return article


def to_result(doc: Document, *, max_chars: int = 2_000_000) -> Article | Failure:
    """``to_article`` that reports instead of raising: an Article, or why not."""
    try:
        return to_article(doc, max_chars=max_chars)
    except NotEnglishError as exc:
        return Skipped(_failure_id(doc), _reason(doc, exc), doc.source, kind="not-english")
    except InputError as exc:
        return Failure(_failure_id(doc), _reason(doc, exc), doc.source)


def _reason(doc: Document, exc: Exception) -> str:
    """The message, with the page's URL when the source does not name it (a WARC record)."""
    message = str(exc)
    return f"{message} ({doc.url})" if doc.url and doc.url not in message else message


def _failure_id(doc: Document) -> str:
    return doc.known_id or doc.source
