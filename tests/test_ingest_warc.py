"""ingest.warc: HTML responses of a WARC become documents; the rest is skipped, counted, explained."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from saidwhat.ingest import Document, Skipped, read_inputs
from saidwhat.ingest.warc import read_warc
from saidwhat.model import Article, Failure, article_id

PAGE = (Path(__file__).parent / "fixtures" / "ingest" / "article.html").read_bytes()
GERMAN = (
    "<html lang='de'><body><article><p>" + "Die Regierung hat am Dienstag beschlossen, die Steuern "
    "für kleine Unternehmen zu senken, sagte der Minister. " * 5 + "</p></article></body></html>"
).encode()
UNDATED = (
    b"<html><body><article><p>"
    + b"The harbour master said the storm had damaged two piers. " * 6
    + b"</p></article></body></html>"
)


def _response(writer, uri, body, *, ctype="text/html; charset=utf-8", status="200 OK", extra=None, http=None):
    headers = StatusAndHeaders(status, [("Content-Type", ctype)] + (http or []), protocol="HTTP/1.1")
    warc_headers = {"WARC-Date": "2024-03-15T06:00:00Z", **(extra or {})}
    return writer.create_warc_record(
        uri, "response", payload=io.BytesIO(body), http_headers=headers, warc_headers_dict=warc_headers
    )


def build_warc(path: Path, *, gzip_records: bool = True, version: str = "WARC/1.1") -> Path:
    """A small crawl: pages, a request, an image, a truncated page, a 404, a German page."""
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gzip_records, warc_version=version)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "saidwhat tests"}))
        writer.write_record(
            writer.create_warc_record(
                "https://courier.example.com/ferry",
                "request",
                payload=io.BytesIO(b"GET /ferry HTTP/1.1\r\n\r\n"),
            )
        )
        writer.write_record(_response(writer, "https://courier.example.com/ferry", PAGE))
        writer.write_record(
            _response(
                writer, "https://courier.example.com/logo.jpg", b"\xff\xd8\xff\xe0 jpeg", ctype="image/jpeg"
            )
        )
        writer.write_record(
            _response(
                writer, "https://courier.example.com/cut", PAGE[:900], extra={"WARC-Truncated": "length"}
            )
        )
        writer.write_record(
            _response(
                writer, "https://courier.example.com/gone", b"<html>Not found</html>", status="404 Not Found"
            )
        )
        writer.write_record(_response(writer, "https://zeitung.example.de/steuern", GERMAN))
        body = gzip.compress(UNDATED)  # HTTP content-encoding: warcio decodes it
        writer.write_record(
            _response(writer, "https://courier.example.com/storm", body, http=[("Content-Encoding", "gzip")])
        )
    return path


@pytest.mark.parametrize(
    "gzip_records, version, name",
    [
        (True, "WARC/1.1", "crawl.warc.gz"),
        (False, "WARC/1.0", "crawl.warc"),
        (True, "WARC/1.0", "crawl.warc.gz"),
        (False, "WARC/1.1", "crawl.warc"),
    ],
)
def test_html_responses_become_documents_and_the_rest_is_skipped(tmp_path, gzip_records, version, name):
    path = build_warc(tmp_path / name, gzip_records=gzip_records, version=version)
    items = list(read_warc(str(path)))
    docs = [i for i in items if isinstance(i, Document)]
    skips = {i.kind: i for i in items if isinstance(i, Skipped)}
    assert [d.url for d in docs] == [
        "https://courier.example.com/ferry",
        "https://zeitung.example.de/steuern",
        "https://courier.example.com/storm",
    ]
    assert all(d.format == "html" and d.fallback_date == "2024-03-15T06:00:00Z" for d in docs)
    assert set(skips) == {"not-html", "truncated", "http-status"}  # warcinfo and request are not documents
    assert "image/jpeg" in skips["not-html"].reason
    assert "WARC-Truncated" in skips["truncated"].reason
    assert "404" in skips["http-status"].reason
    assert skips["http-status"].id == article_id("", "https://courier.example.com/gone")


def test_articles_from_a_warc_carry_the_record_metadata(tmp_path):
    path = build_warc(tmp_path / "crawl.warc.gz")
    results = list(read_inputs([str(path)]))
    articles = [r for r in results if isinstance(r, Article)]
    assert [a.url for a in articles] == [
        "https://courier.example.com/ferry",
        "https://courier.example.com/storm",
    ]
    ferry, storm = articles
    assert ferry.published == "2024-03-14"  # the page's own date wins over the crawl date
    assert storm.published == "2024-03-15T06:00:00Z"  # no date in the page: the record's
    assert "storm had damaged two piers" in storm.text
    german = [r for r in results if isinstance(r, Skipped) and r.kind == "not-english"]
    assert len(german) == 1 and "zeitung.example.de" in german[0].reason
    assert german[0].source.startswith(str(path) + "@")  # the record's offset in the file


def test_an_article_source_is_the_offset_of_its_record(tmp_path):
    from warcio.archiveiterator import ArchiveIterator

    path = build_warc(tmp_path / "crawl.warc.gz")
    articles = [r for r in read_inputs([str(path)]) if isinstance(r, Article)]
    assert len(articles) == 2
    for article in articles:
        file, offset = article.source.rsplit("@", 1)
        with open(file, "rb") as fh:
            fh.seek(int(offset))
            record = next(iter(ArchiveIterator(fh)))
        assert record.rec_headers.get_header("WARC-Target-URI") == article.url


@pytest.mark.parametrize("gzip_records", [True, False])
def test_a_file_cut_short_reports_its_last_record_as_truncated(tmp_path, gzip_records):
    whole = build_warc(tmp_path / "whole.warc", gzip_records=gzip_records).read_bytes()
    cut = tmp_path / "cut.warc"
    cut.write_bytes(whole[: len(whole) - 150])
    items = list(read_warc(str(cut)))
    docs = [i for i in items if isinstance(i, Document)]
    assert [d.url for d in docs] == [
        "https://courier.example.com/ferry",
        "https://zeitung.example.de/steuern",
    ]
    assert isinstance(items[-1], Skipped) and items[-1].kind == "truncated"


def test_a_whole_file_gzip_is_read_too(tmp_path):
    plain = build_warc(tmp_path / "plain.warc", gzip_records=False).read_bytes()
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(gzip.compress(plain))
    docs = [i for i in read_warc(str(path)) if isinstance(i, Document)]
    assert len(docs) == 3


def test_a_plain_warc_named_gz_is_read(tmp_path):
    plain = build_warc(tmp_path / "plain.warc", gzip_records=False).read_bytes()
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(plain)
    assert len([i for i in read_warc(str(path)) if isinstance(i, Document)]) == 3


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "empty file (0 bytes)"),
        (b"<html><body>not an archive</body></html>", "not gzip-compressed though its name ends in .gz"),
        (b"\x1f\x8b\x08\x00garbage that is not really gzip", "damaged or not a WARC"),
    ],
)
def test_bad_warc_files_get_one_clear_failure(tmp_path, data, message):
    path = tmp_path / "bad.warc.gz"
    path.write_bytes(data)
    items = list(read_warc(str(path)))
    assert len(items) == 1 and isinstance(items[0], Failure)
    assert message in items[0].reason and str(path) in items[0].reason


def test_a_bad_warc_does_not_stop_the_other_inputs(tmp_path):
    (tmp_path / "empty.warc.gz").write_bytes(b"")
    build_warc(tmp_path / "good.warc.gz")
    results = list(read_inputs([str(tmp_path)]))
    assert isinstance(results[0], Failure) and "empty" in results[0].reason
    assert sum(isinstance(r, Article) for r in results) == 2


def test_records_are_streamed_not_read_all_at_once(tmp_path):
    path = build_warc(tmp_path / "crawl.warc.gz")
    stream = read_warc(str(path))
    first = next(stream)
    assert isinstance(first, Document)  # yielded before the rest of the file is parsed
    stream.close()
