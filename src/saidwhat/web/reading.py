"""What a visitor sends -> an Article: pasted text, or an uploaded HTML or text file.

Sizes are checked before any parsing (``settings.max_upload_bytes``); the text
itself is validated by ``saidwhat.ingest.text`` (empty, binary, too long, not
English all become InputError, answered 422).
"""

from __future__ import annotations

import codecs
from email.message import Message

from ..errors import InputError
from ..ingest.html import from_html
from ..ingest.text import decode, from_text
from ..ingest.warc import HTML_TYPES
from ..model import Article
from ..settings import Settings


class InputTooLarge(InputError):
    """The request or upload is over the size limit (HTTP 413)."""


class UnsupportedMediaType(InputError):
    """The request body is in a format the endpoint does not read (HTTP 415)."""


def check_size(size: int, settings: Settings, what: str = "input") -> None:
    """Refuse input larger than ``settings.max_upload_bytes``.

    Raises:
        InputTooLarge: ``size`` exceeds the limit.
    """
    if size > settings.max_upload_bytes:
        raise InputTooLarge(
            f"{what} is too large ({size:,} bytes; the limit is {settings.max_upload_bytes:,})"
        )


def declared_charset(content_type: str) -> str | None:
    """The ``charset`` parameter of a Content-Type header, lower case, or None."""
    header = Message()
    header["content-type"] = content_type
    return header.get_content_charset()


def body_text(body: bytes, content_type: str) -> str:
    """A raw request body as text, in the charset its Content-Type declares; without
    one, decoded as files are (byte-order mark, UTF-8, Windows-1252).

    Raises:
        UnsupportedMediaType: the declared charset is unknown.
        InputError: the body is not in the declared charset.
    """
    charset = declared_charset(content_type)
    if not charset:
        return decode(body, "the body")
    try:
        codec = codecs.lookup(charset).name
    except LookupError:
        raise UnsupportedMediaType(f"charset {charset!r} is not an encoding saidwhat knows") from None
    try:
        return body.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(f"the body is not valid {charset} (byte {exc.start}: {exc.reason})") from None


def looks_like_html(data: str, filename: str | None = None, content_type: str | None = None) -> bool:
    """Whether an upload is an HTML page rather than plain text."""
    if content_type and content_type.split(";")[0].strip().lower() in HTML_TYPES:
        return True
    if filename and filename.lower().endswith((".html", ".htm", ".xhtml")):
        return True
    head = data.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in head


def article_from_text(
    text: str,
    settings: Settings,
    *,
    published: str | None = None,
    title: str | None = None,
    url: str | None = None,
) -> Article:
    """An Article from pasted plain text (validated and cleaned, offsets untouched).

    Raises:
        InputError: empty, binary, too long or not English.
    """
    return from_text(
        text,
        published=published or None,
        title=title or None,
        url=url or None,
        source="the text",
        max_chars=settings.max_chars,
    )


def article_from_html(
    html: str | bytes,
    settings: Settings,
    *,
    published: str | None = None,
    url: str | None = None,
) -> Article:
    """An Article from an HTML page: the main text and metadata, page furniture dropped
    (``saidwhat.ingest.html``, the same reader as batch ingestion).

    Raises:
        InputError: no article text could be found, or the text is unusable.
    """
    return from_html(
        html,
        url=url or None,
        published=published or None,
        source="the HTML page",
        max_chars=settings.max_chars,
    )


def article_from_upload(
    data: bytes,
    settings: Settings,
    *,
    filename: str | None = None,
    content_type: str | None = None,
    published: str | None = None,
) -> Article:
    """An Article from an uploaded file: HTML is read as a page, anything else as text.

    Raises:
        InputTooLarge: over ``settings.max_upload_bytes``.
        InputError: binary, empty, unreadable or not English.
    """
    check_size(len(data), settings, "the uploaded file")
    head = data[:1024].decode("latin-1")  # enough to recognise markup in any ASCII-compatible charset
    if looks_like_html(head, filename, content_type):
        return article_from_html(data, settings, published=published)  # the page's charset rules
    text = decode(data, filename or "the uploaded file")
    return article_from_text(text, settings, published=published)
