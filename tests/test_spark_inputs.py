"""Planning a Spark run's inputs on the driver and reading them on executors (no
Spark, no model): the batch runner's reading order and documents, listing files,
URIs."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from batch_support import make_corpus, story
from saidwhat.batch.spark_inputs import group_units, input_key, plan, read_unit
from saidwhat.ingest import Document, iter_documents
from saidwhat.model import Failure
from test_ingest_warc import build_warc


def documents(units):
    return [item for unit in units for item in read_unit(unit, max_chars=2_000_000)]


def same(a, b) -> bool:
    fields = ("source", "format", "data", "id", "url", "fallback_date", "published", "name")
    if isinstance(a, Document) and isinstance(b, Document):
        return all(getattr(a, f) == getattr(b, f) for f in fields)
    return a == b


def test_units_read_the_documents_of_the_batch_runner_in_its_order(tmp_path):
    root = make_corpus(tmp_path / "in", articles=5)
    build_warc(root / "crawl.warc.gz")
    units = plan([str(root), str(tmp_path / "missing.txt")])
    got = documents(units)
    want = list(iter_documents([str(root), str(tmp_path / "missing.txt")]))
    assert len(got) == len(want) and all(same(a, b) for a, b in zip(got, want, strict=True))
    assert [u.order for u in units] == list(range(len(units)))
    assert {u.input for u in units[:-1]} == {input_key(str(root))} and units[-1].kind == "missing"
    assert isinstance(got[-1], Failure) and got[-1].reason.endswith("no such file or directory")


def test_inputs_the_runner_refuses_are_its_failures_here_too(tmp_path):
    """An empty folder, a name that is no file name, dated names: as the runner reads them."""
    (tmp_path / "empty").mkdir()
    dated = tmp_path / "dated" / "2016" / "09" / "12"
    dated.mkdir(parents=True)
    (dated / "a.txt").write_text(story(2), encoding="utf-8")
    inputs = [str(tmp_path / "empty"), "bad\x00name", "", str(tmp_path / "dated")]
    got = [
        item
        for unit in plan(inputs)
        for item in read_unit(unit, max_chars=2_000_000, published="2020-01-01", dates_from_names=True)
    ]
    want = list(iter_documents(inputs, published="2020-01-01", dates_from_names=True))
    assert len(got) == len(want) == 4 and all(same(a, b) for a, b in zip(got, want, strict=True))
    assert [type(x).__name__ for x in got] == ["Failure", "Failure", "Failure", "Document"]
    assert got[-1].published == "2016-09-12"


def test_a_streamed_file_is_a_task_and_small_files_share_tasks(tmp_path):
    root = make_corpus(tmp_path / "in", articles=7)
    build_warc(root / "crawl.warc.gz")
    groups = group_units(plan([str(root)]), files_per_task=3)
    kinds = [[u.kind for u in g] for g in groups]
    assert ["warc"] in kinds and ["jsonl"] in kinds
    assert all(len(g) <= 3 for g in kinds) and sum(map(len, kinds)) == len(plan([str(root)]))


def test_listing_files_with_a_base_and_file_uris(tmp_path):
    root = make_corpus(tmp_path / "in", articles=2)
    listing = tmp_path / "inputs.paths.gz"
    lines = ["# a comment", "", "2024-01/story-000.txt", f"file://{root}/dump.jsonl"]
    listing.write_bytes(gzip.compress("\n".join(lines).encode()))
    units = plan([str(listing)], base=str(root))
    assert [Path(u.path).name for u in units] == ["story-000.txt", "dump.jsonl"]
    assert units[0].input != units[1].input  # each listed input is replaced on its own
    docs = documents(units)
    assert [d.id for d in docs if isinstance(d, Document)] == ["story-000", "dump-1", ""]
    other = tmp_path / "other.txt"
    other.write_text(str(root / "2024-01" / "story-000.txt") + "\n")
    assert [u.path for u in plan([], lists=[str(other)])] == [str(root / "2024-01" / "story-000.txt")]


def test_a_uri_that_cannot_be_opened_is_an_error_row_not_a_crash(tmp_path):
    (unit,) = plan(["nosuchscheme://bucket/crawl.warc.gz"])
    (failure,) = documents([unit])
    assert isinstance(failure, Failure) and "nosuchscheme://bucket/crawl.warc.gz" in failure.reason
    (unit,) = plan([str(tmp_path / "absent.paths")])
    assert unit.kind == "missing" and "cannot read" in unit.reason


def test_input_keys_are_stable_and_never_look_like_numbers(tmp_path):
    assert input_key(str(tmp_path)) == input_key(str(tmp_path) + "/../" + tmp_path.name)
    assert input_key("s3a://b/x.warc.gz") == input_key("s3a://b/x.warc.gz/")
    assert all(input_key(f"f{n}")[0].isalpha() for n in range(50))


def test_a_task_extracts_on_the_runners_budget_in_a_kept_worker(tmp_path):
    """A Spark task runs its documents through the batch runner's budgeted work: an
    article that overruns is reported as the runner reports it and the task goes on,
    and the Python worker keeps its (replaced) extraction process for its next task."""
    import saidwhat.batch.spark as job
    from budget_support import MARKED, SLOW
    from saidwhat.settings import Settings

    settings = Settings(extract_timeout=1.0, worker_memory=0, batch_size=2)
    for name, text in (("a", "calm words"), ("b", f"a {SLOW} one"), ("c", "more calm words")):
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    units = plan([str(tmp_path)])
    try:
        rows = list(job.extract_partition(iter([units]), settings, None, work=MARKED))
        errors = [(row[3], row[8]["kind"]) for row in rows if row[8]]
        assert [row[6][0] for row in rows if row[6]] == ["a", "c"]  # article_id leads the record
        assert errors == [("b", "timeout")] and "extract_timeout" in rows[1][8]["reason"]
        (kept,) = job._KEPT.workers
        again = list(job.extract_partition(iter([units[:1]]), settings, None, work=MARKED))
        assert len(again) == 1 and job._KEPT.workers == [kept] and kept.alive
        other = settings.replace(extract_timeout=2.0)  # a worker prepared with other settings is not reused
        list(job.extract_partition(iter([units[:1]]), other, None, work=MARKED))
        (fresh,) = job._KEPT.workers
        assert fresh is not kept and not kept.alive and fresh.alive
    finally:
        job._KEPT.close()
    assert job._KEPT.workers == [] and not fresh.alive
