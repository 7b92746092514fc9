"""Web archives (WARC) -> Documents, streamed record by record with warcio.

Every HTML response (or resource) record becomes an HTML Document whose URL is
the record's target URI, whose fallback date is the record's date (the crawl
date, used when the page states none) and whose source is ``FILE@OFFSET``, the
record's byte offset in the file (in the uncompressed stream for a WARC gzipped
as a whole), which ``warcio extract FILE OFFSET`` reads back. Records that are not pages (requests,
metadata, warcinfo) are passed over; responses that are not HTML, not a
successful fetch, or truncated are reported as Skipped so they can be counted.
Gzip (record by record or whole-file) and plain WARC 1.0 / 1.1 are read; a whole
WARC is never held in memory.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import logging
import os
import zlib
from collections.abc import Iterator
from dataclasses import replace
from typing import IO

from ..model import Failure, article_id
from .document import Document, Skipped

__all__ = ["HTML_TYPES", "read_warc"]

log = logging.getLogger(__name__)

HTML_TYPES = ("text/html", "application/xhtml+xml")
_PAGE_RECORDS = ("response", "resource")
_GZIP_MAGIC = b"\x1f\x8b"


def read_warc(
    path: str, *, max_bytes: int = 8_000_000, local: str | None = None
) -> Iterator[Document | Failure]:
    """Documents for the HTML pages in the WARC file at ``path``, in file order.

    Args:
        max_bytes: pages larger than this (after HTTP decoding) are reported, not read.
        local: where the bytes are when not at ``path`` (a remote file copied here);
            messages and ids name ``path``.

    Yields:
        a Document per HTML page; a Skipped per non-HTML, unsuccessful or truncated
        response; a Failure when the file cannot be read as a WARC (reading stops there).
    """
    try:
        size = os.path.getsize(local or path)
        fh = open(local or path, "rb")  # noqa: SIM115 - closed in the finally below, after streaming
    except OSError as exc:
        yield Failure(_file_id(path), f"{path}: cannot read ({exc.strerror or exc})", path)
        return
    try:
        head = fh.read(8)
        fh.seek(0)
        if size == 0:
            yield Failure(_file_id(path), f"{path}: empty file (0 bytes), not a WARC archive", path)
            return
        if not head.startswith((_GZIP_MAGIC, b"WARC/")):
            hint = " though its name ends in .gz" if path.endswith(".gz") else ""
            yield Failure(
                _file_id(path),
                f"{path}: not a WARC archive: it is not gzip-compressed{hint} and does not "
                f"start with a WARC header (it starts with {head!r})",
                path,
            )
            return
        if path.endswith(".gz") and not head.startswith(_GZIP_MAGIC):
            log.info("%s: named .gz but not compressed; reading it as a plain WARC", path)
        count = 0
        try:
            for item in _records(fh, path, size, max_bytes, skip=0):
                count += 1
                yield item
        except _NotChunked:
            # One gzip stream around the whole file: warcio wants one per record, so
            # read it again through gzip and pass over the records already yielded.
            log.info("%s: whole-file gzip (not per record); reading it as one stream", path)
            fh.seek(0)
            with gzip.GzipFile(fileobj=fh) as stream:
                yield from _records(stream, path, None, max_bytes, skip=count)  # type: ignore[arg-type]
    finally:
        fh.close()


class _NotChunked(Exception):
    """warcio refuses a gzip file that is not compressed record by record."""


def _records(
    fh: IO[bytes], path: str, size: int | None, max_bytes: int, *, skip: int
) -> Iterator[Document | Failure]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    records = ArchiveIterator(fh)
    n = 0  # records seen, pages or not: "#n" in messages
    end = 0  # where the last complete record ends in the file
    while True:
        try:
            with _warcio_warnings(path):
                record = next(records)
        except StopIteration:
            break
        except ArchiveLoadFailed as exc:
            if "non-chunked gzip" in str(exc):
                raise _NotChunked from None
            yield _damaged(path, n, str(exc).strip().splitlines()[0])
            return
        except (EOFError, OSError, zlib.error, ValueError) as exc:
            yield _damaged(path, n, f"{type(exc).__name__}: {exc}")
            return
        if not record.format.startswith("warc"):
            # warcio also reads ARC, and takes undecodable bytes for an ARC header
            yield _damaged(path, n, f"the bytes there do not form a WARC record ({record.format} format?)")
            return
        n += 1
        if n <= skip or record.rec_type not in _PAGE_RECORDS:
            continue
        try:
            item = _page(record, path, n, max_bytes)
        except (EOFError, OSError, zlib.error, ValueError) as exc:
            item = Skipped(
                _file_id(path) + f"#{n}",
                f"{path}#{n}: truncated record ({exc})",
                f"{path}#{n}",
                kind="truncated",
            )
        try:
            # read after the page: warcio finds a record's extent by reading to its end
            offset = records.get_record_offset()
            if size is not None:
                end = offset + records.get_record_length()
            if isinstance(item, Document):
                # where to find it again: `warcio extract FILE OFFSET` prints the record
                item = replace(item, source=f"{path}@{offset}")
        except (EOFError, OSError, zlib.error, ValueError):
            pass
        yield item
    if size is not None and size > end:
        fh.seek(end)
        tail = fh.read(min(size - end, 4096))
        if tail.strip(b"\r\n\x00 "):
            yield Skipped(
                _file_id(path) + f"#{n + 1}",
                f"{path}: the file ends inside a record ({size - end:,} bytes after the last "
                "complete record): the download or crawl was cut short",
                path,
                kind="truncated",
            )


def _page(record, path: str, n: int, max_bytes: int) -> Document | Failure:  # type: ignore[no-untyped-def]
    headers = record.rec_headers
    uri = headers.get_header("WARC-Target-URI") or None
    where = f"{path}#{n}" + (f" {uri}" if uri else "")
    rid = article_id("", uri) if uri else _file_id(path) + f"#{n}"

    def skip(kind: str, why: str) -> Skipped:
        return Skipped(rid, f"{where}: {why}", where, kind=kind)

    if headers.get_header("WARC-Truncated"):
        return skip("truncated", f"truncated record (WARC-Truncated: {headers.get_header('WARC-Truncated')})")
    if record.http_headers is not None:
        status = record.http_headers.get_statuscode()
        if status and not status.startswith("2"):
            return skip("http-status", f"HTTP {status} response, not a page")
        ctype = record.http_headers.get_header("Content-Type") or ""
    else:
        ctype = headers.get_header("Content-Type") or ""
    data = record.content_stream().read(max_bytes + 1)
    if record.raw_stream.limit > 0 and len(data) <= max_bytes:
        # fewer bytes than the record's Content-Length: the file was cut in this record
        return skip("truncated", f"truncated record ({record.raw_stream.limit:,} bytes missing)")
    mime = ctype.split(";")[0].strip().lower()
    if mime and mime not in HTML_TYPES:
        return skip("not-html", f"not HTML ({mime})")
    if not mime and b"<html" not in data[:4096].lower():
        return skip("not-html", "not HTML (no content type, no <html> tag)")
    if len(data) > max_bytes:
        return Failure(rid, f"{where}: page larger than {max_bytes:,} bytes; not read", where)
    date = headers.get_header("WARC-Date") or None
    return Document(source=where, format="html", data=data, url=uri, fallback_date=date)


def _damaged(path: str, n: int, why: str) -> Failure:
    return Failure(
        _file_id(path) + f"#{n + 1}",
        f"{path}: damaged or not a WARC after {n} records ({why}); the rest of the file is not read",
        path,
    )


def _file_id(path: str) -> str:
    return os.path.basename(path)


@contextlib.contextmanager
def _warcio_warnings(path: str) -> Iterator[None]:
    """Route the warnings warcio prints to stderr into our log instead."""
    buffer = io.StringIO()
    with contextlib.redirect_stderr(buffer):
        yield
    message = " ".join(buffer.getvalue().split())
    if message:
        log.warning("%s: %s", path, message)
