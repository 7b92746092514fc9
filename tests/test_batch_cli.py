"""`saidwhat extract` on folders, web pages, archives and dumps: --output, --errors, resume, bad input."""

from __future__ import annotations

import csv
import json

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from batch_support import FIXTURES, make_corpus
from saidwhat.cli import cli

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return make_corpus(tmp_path_factory.mktemp("corpus"), articles=6)


@pytest.fixture
def run(pipeline):
    def invoke(*args: str):
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)

    return invoke


def test_a_folder_to_csv_with_an_error_log(run, corpus, tmp_path):
    out = tmp_path / "quotes.csv"
    result = run("extract", str(corpus), "--jobs", "1", "--output", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert (
        "9 articles" in result.stderr
        and "3 errors" in result.stderr
        and "quotes.errors.jsonl" in result.stderr
    )
    assert "\r" not in result.stderr  # no progress bar when stderr is not a terminal
    with open(out, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and {
        "article_id",
        "url",
        "published",
        "speaker",
        "role",
        "kind",
        "cue",
        "content",
        "addressee",
        "when",
    } <= set(rows[0])
    ferry = [r for r in rows if r["url"].startswith("https://courier.example.com")]
    assert any(r["speaker"] == "Tomasz Wilk" for r in ferry)
    assert all(r["published"] == "2024-03-14" for r in ferry)
    errors = [json.loads(line) for line in (tmp_path / "quotes.errors.jsonl").read_text().splitlines()]
    assert len(errors) == 3

    again = run("extract", str(corpus), "--jobs", "1", "--output", str(out))
    assert (
        again.exit_code == 0 and "0 articles" in again.stderr and "12 done by an earlier run" in again.stderr
    )


def test_parquet_output_and_a_chosen_error_log(run, corpus, tmp_path):
    out, log = tmp_path / "quotes.parquet", tmp_path / "logs" / "bad.jsonl"
    log.parent.mkdir()
    result = run("extract", str(corpus), "-j", "1", "-o", str(out), "--errors", str(log))
    assert result.exit_code == 0, result.stderr
    table = pq.read_table(out)
    assert table.num_rows > 9 and "speaker" in table.column_names
    assert len(log.read_text().splitlines()) == 3


def test_an_html_page_to_json_on_stdout(run):
    result = run("extract", str(FIXTURES / "article.html"), "--format", "json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    meta = doc["article"]
    assert meta["title"] == "Harbour ferry fares to rise in spring, operator says"
    assert (meta["author"], meta["site"], meta["published"]) == (
        "Nadia Okafor",
        "The Coastline Courier",
        "2024-03-14",
    )
    assert meta["url"] == "https://courier.example.com/news/2024/03/harbour-ferry-fares"
    wilk = [a for a in doc["attributions"] if a["speaker"] and a["speaker"]["name"] == "Tomasz Wilk"]
    assert wilk
    for a in doc["attributions"]:  # offsets index the extracted body text
        assert a["content"]["text"] == " ".join(doc["text"][s:e] for s, e in a["content"]["spans"])
    (when,) = [a["when"] for a in wilk if a["when"]]
    assert (when["text"], when["date"]) == ("on Tuesday", "2024-03-12")  # resolved against the page's date


def test_a_folder_with_format_json_gives_json_lines(run, corpus):
    result = run("extract", str(corpus / "2024-01"), "--format", "json")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["id"] for d in lines] == ["story-000", "story-003"]  # named below the folder given


def test_failures_go_to_the_error_log_when_asked(run, corpus, tmp_path):
    log = tmp_path / "errors.jsonl"
    result = run(
        "extract",
        str(corpus / "empty.txt"),
        str(corpus / "2024-02"),
        "--format",
        "jsonl",
        "--errors",
        str(log),
    )
    assert result.exit_code == 0
    assert "empty" not in result.stderr and json.loads(log.read_text())["id"] == "empty"


def test_bad_inputs_are_reported_and_the_run_goes_on(run, tmp_path):
    (tmp_path / "zero.warc.gz").write_bytes(b"")
    (tmp_path / "fake.warc.gz").write_bytes(b"<html>this is not an archive</html>")
    (tmp_path / "junk.jsonl").write_text("{oops\n", encoding="utf-8")
    (tmp_path / "index.html").write_bytes((FIXTURES / "no-article.html").read_bytes())
    (tmp_path / "z.txt").write_text(
        "The mayor said on Monday that the bridge would reopen in May.", encoding="utf-8"
    )
    result = run("extract", str(tmp_path), "--format", "jsonl")
    assert result.exit_code == 0 and "Traceback" not in result.stderr
    for message in ("empty file (0 bytes)", "not gzip-compressed", "invalid JSON", "no article text found"):
        assert message in result.stderr
    assert json.loads(result.stdout)["id"] == "z"


def test_nothing_readable_exits_1(run, tmp_path):
    (tmp_path / "zero.warc").write_bytes(b"")
    result = run("extract", str(tmp_path / "zero.warc"))
    assert result.exit_code == 1 and "empty file" in result.stderr


@pytest.mark.parametrize(
    "args, message",
    [
        (["--format", "json", "--output", "x.csv"], "--format is for standard output"),
        (["--overwrite"], "--overwrite goes with --output"),
        (["--output", "x.xlsx"], ".jsonl, .csv or .parquet"),
    ],
)
def test_flag_mistakes_are_explained(run, corpus, tmp_path, args, message):
    result = run("extract", str(corpus / "2024-01"), *[a.replace("x.", str(tmp_path / "x.")) for a in args])
    assert result.exit_code in (1, 2) and message in result.stderr
