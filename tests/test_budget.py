"""The per-article budget: a document that runs too long or takes too much memory is
killed with its worker and reported, and the run goes on. The work is injected
(budget_support), so these tests do not depend on how slow extraction happens to be."""

from __future__ import annotations

import json
import time

import pytest

from budget_support import BROKEN, CRASH, GREEDY, MARKED, SLOW, documents
from saidwhat.batch.job import run_job
from saidwhat.batch.runner import run_documents
from saidwhat.budget import TIMEOUT, TOO_LARGE, Budget, Overrun, Worker
from saidwhat.errors import ConfigError, ModelError
from saidwhat.ingest import Skipped
from saidwhat.model import Article, Failure
from saidwhat.settings import Settings


def kinds(results):
    return [r.kind if isinstance(r, Skipped) else type(r).__name__ for r in results]


def test_a_slow_document_is_reported_as_timeout_and_the_run_goes_on():
    docs = documents("one", f"two {SLOW}", "three", "four", "five", f"six {SLOW}", "seven")
    settings = Settings(extract_timeout=0.5, batch_size=3)
    started = time.monotonic()
    results = list(run_documents(docs, settings=settings, jobs=2, work=MARKED))
    assert time.monotonic() - started < 30  # nobody waited for the hour-long sleeps
    assert [r.id for r in results] == [f"doc{n}" for n in range(7)]  # input order kept
    assert kinds(results) == ["Article", TIMEOUT, "Article", "Article", "Article", TIMEOUT, "Article"]
    assert "longer than 0.5 seconds" in results[1].reason and results[1].source == "doc1.txt"


def test_a_greedy_document_is_reported_as_too_large_and_its_worker_replaced():
    docs = documents("one", f"two {GREEDY}", "three")
    settings = Settings(extract_timeout=30, worker_memory=600, batch_size=2)
    results = list(run_documents(docs, settings=settings, jobs=1, work=MARKED))
    assert kinds(results) == ["Article", TOO_LARGE, "Article"]
    assert "more than 600 MB" in results[1].reason


def test_a_document_that_kills_its_worker_is_retried_once_then_reported():
    docs = documents("one", f"two {CRASH}", "three")
    results = list(run_documents(docs, settings=Settings(batch_size=5), jobs=1, work=MARKED))
    assert kinds(results) == ["Article", "Failure", "Article"]
    assert "worker process died" in results[1].reason


def test_a_model_that_cannot_load_stops_the_run_with_its_error():
    with pytest.raises(ModelError, match="no model here"):
        list(run_documents(documents("one"), settings=Settings(), jobs=1, work=BROKEN))


def test_without_a_budget_one_job_runs_in_this_process():
    docs = documents("one", "two")
    results = list(
        run_documents(docs, settings=Settings(extract_timeout=0, worker_memory=0), jobs=1, work=MARKED)
    )
    assert kinds(results) == ["Article", "Article"]


def test_the_error_log_names_the_overrun(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for n, text in enumerate(["one", f"two {SLOW}", "three"]):
        (folder / f"{n}.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    summary = run_job([str(folder)], str(out), settings=Settings(extract_timeout=0.5), jobs=1, work=MARKED)
    assert summary.articles == 2 and summary.skipped == {TIMEOUT: 1}
    log = [json.loads(line) for line in (tmp_path / "out.errors.jsonl").read_text().splitlines()]
    assert [(e["id"], e["kind"]) for e in log] == [("1", TIMEOUT)]
    assert log[0]["source"] == str(folder / "1.txt")


def test_a_worker_runs_tasks_and_is_killed_past_its_deadline():
    worker = Worker()
    try:
        assert worker.call(sorted, [3, 1, 2], budget=Budget(seconds=5)) == [1, 2, 3]
        with pytest.raises(Overrun) as overrun:
            worker.call(time.sleep, 60, budget=Budget(seconds=0.3))
        assert overrun.value.kind == TIMEOUT and not worker.alive
    finally:
        worker.close()


def test_results_of_a_task_travel_back_with_their_types():
    worker = Worker()
    try:
        got = worker.call(run_documents_marked, budget=Budget(seconds=10))
        assert [type(r) for r in got] == [Article, Failure]
    finally:
        worker.close()


def run_documents_marked():
    return [Article(text="a", id="a"), Failure("b", "bad")]


def test_a_memory_limit_below_what_a_worker_needs_to_start_is_said_once():
    with pytest.raises(ConfigError, match="worker_memory is 10 MB"):
        list(run_documents(documents("one", "two"), settings=Settings(worker_memory=10), jobs=1, work=MARKED))


def test_documents_before_a_slow_one_are_not_held_up_by_it():
    docs = documents("one", "two", f"three {SLOW}", "four")
    arrived = {}
    started = time.monotonic()
    for result in run_documents(
        docs, settings=Settings(extract_timeout=4, batch_size=10), jobs=1, work=MARKED
    ):
        arrived[result.id] = time.monotonic() - started
    assert list(arrived) == ["doc0", "doc1", "doc2", "doc3"]
    assert arrived["doc1"] < arrived["doc2"] - 3  # passed on before the slow one was settled
