"""Inputs read as a user expects: encodings, unreadable and empty folders, where each
article came from, ids and dates from file names, the web API's declared charset."""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from budget_support import extract_marked
from saidwhat.ingest import iter_documents, read_inputs
from saidwhat.ingest.sources import date_in_name
from saidwhat.ingest.text import decode
from saidwhat.model import Article, Failure, article_id
from saidwhat.settings import Settings
from saidwhat.store import open_store
from saidwhat.web import create_app

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
STORY = (
    "“The road will be closed for three weeks,” said Marta Lind, a spokeswoman for the "
    "county highways office, on Thursday. She told reporters that buses would be diverted.\n"
)
PAGE_WITHOUT_URL = re.sub(
    r'\s*<(?:link rel="canonical"|meta property="og:url")[^>]*>',
    "",
    (FIXTURES / "article.html").read_text(encoding="utf-8"),
)


# ---------------------------------------------------------------- encodings


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-8-sig"])
def test_a_file_with_a_byte_order_mark_is_read_in_its_encoding(tmp_path, encoding):
    data = STORY.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    path = tmp_path / "story.txt"
    path.write_bytes(data)
    [article] = list(read_inputs([str(path)]))
    assert isinstance(article, Article) and article.text == STORY


def test_a_stray_byte_in_utf8_text_is_replaced_and_reported(tmp_path, caplog):
    path = tmp_path / "story.txt"
    path.write_bytes(STORY.encode("utf-8").replace(b"three", b"th\x81ree"))
    with caplog.at_level(logging.WARNING):
        [article] = list(read_inputs([str(path)]))
    assert isinstance(article, Article)
    assert "th\ufffdree weeks" in article.text and "“The road" in article.text  # the UTF-8 is kept
    assert "1 byte that is not UTF-8 replaced" in caplog.text and str(path) in caplog.text


def test_windows_1252_text_is_still_read_as_such():
    assert decode("Café owner said “no”".encode("cp1252")) == "Café owner said “no”"


def test_a_file_of_nul_bytes_is_still_refused():
    with pytest.raises(Exception, match="binary"):
        decode(b"\x00\x01" * 100)


# ---------------------------------------------------------------- folders


def test_an_empty_folder_is_a_failure(tmp_path):
    [failure] = list(iter_documents([str(tmp_path)]))
    assert isinstance(failure, Failure) and "no .txt" in failure.reason


def _unprivileged() -> list[str]:
    """Run as this user without the power to read any folder (root reads through modes)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: cannot make a folder unreadable")
    return [setpriv, "--bounding-set", "-dac_override,-dac_read_search", "--inh-caps=-all"]


def test_an_unreadable_folder_is_an_error_in_the_log_and_the_exit_status(tmp_path):
    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    (folder / "locked" / "a.txt").write_text(STORY, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    (folder / "locked").chmod(0)
    try:
        done = subprocess.run(
            [*_unprivileged(), sys.executable, "-m", "saidwhat.cli", "extract", str(folder), "-o", str(out)],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    finally:
        (folder / "locked").chmod(0o755)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    [entry] = [json.loads(line) for line in (tmp_path / "out.errors.jsonl").read_text().splitlines()]
    assert entry["kind"] == "error" and entry["id"] == "locked"
    assert "cannot read this folder" in entry["reason"] and entry["source"] == str(folder / "locked")


# ---------------------------------------------------------------- where it came from


def test_every_reader_records_where_an_article_came_from(tmp_path):
    (tmp_path / "2024").mkdir()
    (tmp_path / "2024" / "road.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "page.html").write_text(PAGE_WITHOUT_URL, encoding="utf-8")
    lines = [json.dumps({"text": STORY.replace("three", "two")}), json.dumps({"text": STORY})]
    (tmp_path / "dump.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = {a.source: a for a in read_inputs([str(tmp_path)]) if isinstance(a, Article)}
    assert set(found) == {
        str(tmp_path / "dump.jsonl") + ":1",
        str(tmp_path / "dump.jsonl") + ":2",
        str(tmp_path / "page.html"),
        str(tmp_path / "2024" / "road.txt"),
    }


def test_a_web_page_without_a_url_is_named_by_its_file(tmp_path):
    (tmp_path / "2024").mkdir()
    (tmp_path / "2024" / "ferry.html").write_text(PAGE_WITHOUT_URL, encoding="utf-8")
    shutil.copy(FIXTURES / "article.html", tmp_path / "2024" / "with-url.html")
    by_file = {Path(a.source).name: a for a in read_inputs([str(tmp_path)])}
    assert by_file["ferry.html"].id == "2024/ferry" and by_file["ferry.html"].url is None
    with_url = by_file["with-url.html"]
    assert with_url.id == article_id("", with_url.url)  # a URL still names the article


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("2016-09-12-mayor", "2016-09-12"),
        ("mayor_20160912", "2016-09-12"),
        ("2016/09/12/mayor", "2016-09-12"),
        ("2016.09.12", "2016-09-12"),
        ("story-2016-13-45", None),  # no such date
        ("2016-02-30", None),
        ("id-120160912345", None),  # inside a longer number
        ("mayor", None),
    ],
)
def test_dates_in_file_names(name, expected):
    assert date_in_name(name) == expected


def test_dates_from_names_are_taken_only_when_asked(tmp_path):
    (tmp_path / "2016-09-12-road.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "2016-09-13-page.html").write_text(PAGE_WITHOUT_URL, encoding="utf-8")
    (tmp_path / "undated.txt").write_text(STORY.replace("three", "two"), encoding="utf-8")
    plain = {Path(a.source).name: a.published for a in read_inputs([str(tmp_path)])}
    assert plain["2016-09-12-road.txt"] is None
    docs = list(iter_documents([str(tmp_path)], dates_from_names=True, published="2020-01-01"))
    dated = {Path(d.source).name: (d.published, d.fallback_date) for d in docs}
    assert dated["2016-09-12-road.txt"] == ("2016-09-12", "2020-01-01")  # the file's date wins
    assert dated["2016-09-13-page.html"] == (None, "2016-09-13")  # the page's own date would win
    assert dated["undated.txt"] == (None, "2020-01-01")


# ---------------------------------------------------------------- the web API's charset


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("inputs") / "empty.db")
    open_store(path).close()
    with open_store(path, readonly=True) as store:
        with TestClient(create_app(store, Settings(), extract=extract_marked)) as client:
            yield client


@pytest.mark.parametrize(
    ("content_type", "encoding"),
    [
        ("text/plain; charset=iso-8859-1", "latin-1"),
        ("text/plain; charset=windows-1252", "cp1252"),
        ('text/plain; charset="utf-16"', "utf-16"),
        ("text/plain", "utf-8"),
    ],
)
def test_extract_honours_the_declared_charset(client, content_type, encoding):
    text = "Zoë Müller, the café owner, said the road would reopen on Friday. " * 3
    r = client.post("/api/extract", content=text.encode(encoding), headers={"content-type": content_type})
    assert r.status_code == 200, r.text
    assert r.json()["text"] == text


def test_extract_reads_html_in_its_declared_charset(client):
    page = PAGE_WITHOUT_URL.replace("Harbour ferry", "Zoë’s harbour ferry")
    r = client.post(
        "/api/extract", content=page.encode("cp1252"), headers={"content-type": "text/html; charset=cp1252"}
    )
    assert r.status_code == 200, r.text
    assert "Zoë’s harbour ferry" in (r.json()["article"]["title"] or "")


def test_extract_refuses_an_unknown_or_wrong_charset(client):
    r = client.post("/api/extract", content=b"text", headers={"content-type": "text/plain; charset=bogus"})
    assert r.status_code == 415 and "bogus" in r.json()["message"]
    r = client.post(
        "/api/extract", content=b"\xff\xfe\xfd", headers={"content-type": "text/plain; charset=utf-8"}
    )
    assert r.status_code == 422 and "not valid utf-8" in r.json()["message"]


def test_extract_reads_html_without_a_declared_charset_by_its_meta_charset(client):
    page = PAGE_WITHOUT_URL.replace("Harbour ferry", "Zoë’s harbour ferry").replace(
        '<meta charset="utf-8">', '<meta charset="windows-1252">'
    )
    r = client.post("/api/extract", content=page.encode("cp1252"), headers={"content-type": "text/html"})
    assert r.status_code == 200, r.text
    assert "Zoë’s harbour ferry" in (r.json()["article"]["title"] or "")
