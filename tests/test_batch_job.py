"""batch.job: output files, the error log, and resuming a killed run without loss or doubles."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from batch_support import make_corpus
from saidwhat.batch.job import run_job
from saidwhat.errors import InputError
from saidwhat.settings import load_settings

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return make_corpus(tmp_path_factory.mktemp("corpus"), articles=12)


def read_rows(path: Path) -> list[dict]:
    if path.suffix == ".parquet":
        return pq.read_table(path).to_pylist()
    if path.suffix == ".csv":
        with open(path, newline="", encoding="utf-8") as fh:
            return [{k: (v or None) for k, v in row.items()} for row in csv.DictReader(fh)]
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def comparable(rows: list[dict]) -> list[tuple]:
    return [(r["article_id"], r["speaker"], r["cue"], r["content"]) for r in rows]


def test_a_run_writes_rows_and_an_error_log(pipeline, corpus, tmp_path):
    out = tmp_path / "quotes.csv"
    summary = run_job([str(corpus)], str(out), settings=load_settings(), jobs=1)
    assert (summary.articles, summary.errors) == (15, 3)
    rows = read_rows(out)
    assert len(rows) == summary.attributions and {r["article_id"] for r in rows} >= {
        "dump-1",
        "2024-01/story-000",
    }
    log = [json.loads(line) for line in (tmp_path / "quotes.errors.jsonl").read_text().splitlines()]
    assert [(e["id"], e["kind"]) for e in log] == [
        ("dump.jsonl:2", "error"),
        ("empty", "error"),
        (str(corpus / "pages" / "index.html"), "error"),
    ]
    assert all(e["reason"] and e["source"] for e in log)


def test_running_again_does_nothing_and_new_inputs_are_added(pipeline, corpus, tmp_path):
    out = tmp_path / "quotes.parquet"
    first = run_job([str(corpus / "2024-01")], str(out), settings=load_settings(), jobs=1)
    again = run_job([str(corpus / "2024-01")], str(out), settings=load_settings(), jobs=1)
    assert (again.articles, again.already_done) == (0, first.articles)
    more = run_job(
        [str(corpus / "2024-01"), str(corpus / "2024-02")], str(out), settings=load_settings(), jobs=1
    )
    assert more.articles == 4
    ids = [r["article_id"] for r in read_rows(out)]
    assert len(set(ids)) == 8 and [i[:7] for i in ids] == sorted(i[:7] for i in ids)  # appended in order


def test_an_output_not_written_by_saidwhat_is_not_touched(pipeline, corpus, tmp_path):
    out = tmp_path / "precious.csv"
    out.write_text("my,own,data\n")
    with pytest.raises(InputError, match="--overwrite"):
        run_job([str(corpus / "2024-01")], str(out), settings=load_settings(), jobs=1)
    assert out.read_text() == "my,own,data\n"
    summary = run_job([str(corpus / "2024-01")], str(out), settings=load_settings(), jobs=1, overwrite=True)
    assert summary.articles == 4 and "my,own" not in out.read_text()


KILLER = textwrap.dedent("""
    import os, sys
    from saidwhat.batch.job import run_job
    from saidwhat.settings import load_settings

    def die_after(limit):
        seen = []
        def on_result(result, summary):
            seen.append(result)
            if len(seen) == limit:
                os._exit(9)  # like kill -9: no cleanup, no last commit
        return on_result

    if __name__ == "__main__":
        inputs, output, jobs, limit = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
        run_job([inputs], output, settings=load_settings().replace(batch_size=4), jobs=jobs,
                on_result=die_after(limit), commit_seconds=0.0)
""")


@pytest.mark.slow
@pytest.mark.parametrize("suffix, jobs, limit", [(".csv", 1, 7), (".jsonl", 2, 9), (".parquet", 1, 11)])
def test_a_killed_run_continues_without_losing_or_doubling(pipeline, corpus, tmp_path, suffix, jobs, limit):
    reference = tmp_path / f"reference{suffix}"
    run_job([str(corpus)], str(reference), settings=load_settings(), jobs=1)
    out = tmp_path / f"out{suffix}"
    script = tmp_path / "killer.py"
    script.write_text(KILLER)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(__file__).parent), *sys.path])}
    killed = subprocess.run(
        [sys.executable, str(script), str(corpus), str(out), str(jobs), str(limit)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert killed.returncode == 9, killed.stderr
    journal = (tmp_path / f"out{suffix}.journal").read_text().splitlines()
    assert len(journal) >= 2  # some work was committed before the kill

    summary = run_job([str(corpus)], str(out), settings=load_settings(), jobs=1)
    assert summary.already_done >= limit - 1 and summary.articles + summary.errors < 18
    assert comparable(read_rows(out)) == comparable(read_rows(reference))
    log = (tmp_path / "out.errors.jsonl").read_text().splitlines()
    assert len(log) == 3  # each failure reported once, across both runs
