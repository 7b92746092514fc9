"""saidwhat spark: a mixed input (WARC with HTML, non-HTML, truncated and cut
records; an HTML and text folder; JSONL) gives, row for row, the batch runner's
output; a second run is identical; the directory loads into a store as ingesting
the runner's articles would."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow.dataset as ds
import pytest
from click.testing import CliRunner

from batch_support import make_corpus
from saidwhat.batch import process
from saidwhat.batch.job import error_record, run_job
from saidwhat.batch.output import COLUMNS
from saidwhat.batch.spark import run_spark
from saidwhat.batch.spark_merge import merge
from saidwhat.cli import cli
from saidwhat.model import Article, Failure
from saidwhat.settings import load_settings
from saidwhat.store import open_store
from spark_support import assert_same_store, in_ingest_order, spark, two_stores
from test_ingest_warc import build_warc
from test_store_support import BACKENDS

pytestmark = pytest.mark.model
NAMES = [name for name, _, _ in COLUMNS]


def read(directory: str, name: str) -> list[dict]:
    return ds.dataset(f"{directory}/{name}", format="parquet", partitioning="hive").to_table().to_pylist()


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    root = make_corpus(tmp_path_factory.mktemp("mixed") / "in", articles=4)
    crawl = build_warc(root / "crawl.warc.gz")
    data = crawl.read_bytes()
    (root / "zcut.warc.gz").write_bytes(data[: len(data) - 300])  # a download cut short
    return root


@pytest.fixture(scope="module")
def outputs(spark, mixed, tmp_path_factory):
    settings = load_settings()
    directory = str(tmp_path_factory.mktemp("spark") / "out")
    summary = run_spark(spark, [str(mixed)], directory, settings=settings)
    merged = merge(spark, directory)
    runner = str(tmp_path_factory.mktemp("runner") / "quotes.parquet")
    run_job([str(mixed)], runner, settings=settings, jobs=1)
    return directory, summary, merged, runner


def test_rows_equal_the_batch_runner(outputs):
    import pyarrow.parquet as pq

    directory, summary, _, runner = outputs
    got = sorted(tuple(r[n] for n in NAMES) for r in read(directory, "attributions"))
    want = sorted(tuple(r[n] for n in NAMES) for r in pq.read_table(runner).to_pylist())
    assert got and got == want
    errors = sorted(
        tuple(r[k] for k in ("id", "kind", "reason", "source")) for r in read(directory, "errors")
    )
    log = Path(runner).with_name("quotes.errors.jsonl").read_text(encoding="utf-8").splitlines()
    assert errors == sorted(tuple(json.loads(line).values()) for line in log)
    kinds = {e[1] for e in errors}
    assert {"not-html", "truncated", "http-status", "not-english", "duplicate", "error"} <= kinds
    assert summary.articles == len(read(directory, "articles"))
    assert summary.skipped["duplicate"] >= 1 and summary.errors >= 1


def test_offsets_index_the_text_and_ids_are_stable(outputs):
    from saidwhat.model import Attribution

    directory, _, _, _ = outputs
    texts = {r["article_id"]: r["text"] for r in read(directory, "articles")}
    for row in read(directory, "attributions"):
        a = Attribution.from_json(json.loads(row["attribution"]))
        text = texts[row["article_id"]]
        assert " ".join(text[s:e] for s, e in a.content.spans) == a.content.text == row["content"]
        assert row["attribution_id"].startswith(f"{row['article_id']}:{a.content.start}-{a.content.end}")
        assert row["month"] == (row["published"] or "unknown")[:7] or row["month"] == "unknown"


def test_a_second_run_is_identical(spark, mixed, outputs):
    directory, _, _, _ = outputs
    before = {
        name: sorted(map(repr, read(directory, name))) for name in ("articles", "attributions", "errors")
    }
    run_spark(spark, [str(mixed)], directory, settings=load_settings())
    assert {name: sorted(map(repr, read(directory, name))) for name in before} == before


@pytest.mark.parametrize("backend", BACKENDS)
def test_the_output_loads_as_the_runners_articles_ingest(outputs, mixed, backend, tmp_path):
    directory, _, merged, _ = outputs
    articles = [r for r in process([str(mixed)], settings=load_settings(), jobs=1) if isinstance(r, Article)]
    with two_stores(backend, tmp_path) as (loaded, reference):
        loaded.ingest_directory(directory)
        reference.ingest(in_ingest_order(articles))
        assert_same_store(loaded, reference)
        assert loaded.stats()["articles"] == merged.articles


def test_ingest_command_loads_a_spark_directory(outputs, tmp_path):
    directory, _, merged, _ = outputs
    db = str(tmp_path / "q.db")
    runner = CliRunner()
    first = runner.invoke(cli, ["ingest", directory, "--db", db])
    assert first.exit_code == 0, first.output
    assert f"stored {merged.articles:,} articles" in first.output
    again = runner.invoke(cli, ["ingest", directory, "--db", db])
    assert again.exit_code == 0 and "stored 0 articles" in again.output
    found = runner.invoke(cli, ["search", "council", "--db", db, "--format", "json"])
    assert found.exit_code == 0 and json.loads(found.output)["total"] > 0


def test_spark_command_reports_and_a_missing_input_is_an_error_row(spark, tmp_path):
    shutil.copy(Path(__file__).parent / "fixtures" / "council-budget.txt", tmp_path / "budget.txt")
    out = str(tmp_path / "out")
    result = CliRunner().invoke(
        cli, ["spark", str(tmp_path / "budget.txt"), str(tmp_path / "nowhere"), "--output", out]
    )
    assert result.exit_code == 0, result.output
    assert "documents read 2; articles extracted 1" in result.output and "failed 1" in result.output
    (error,) = read(out, "errors")
    assert error["reason"].endswith("no such file or directory")
    assert isinstance(error_record(Failure("x", "y")), dict)
