"""A batch job: inputs -> an output file and an error log, resumable.

``run_job`` drives ``process`` into a Writer (output.py), appends every document
that failed or was skipped to the error log (JSON lines: id, reason, source,
kind), and commits both to the journal (journal.py) every few seconds, so a run
killed at any moment continues where it stopped when started again.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..ingest import Skipped
from ..model import Article, Failure
from ..settings import Settings
from .journal import Journal, journal_path
from .output import open_writer, output_format
from .runner import Work, process

__all__ = ["Summary", "default_error_log", "run_job"]

log = logging.getLogger(__name__)

# A commit costs two fsyncs; every couple of seconds keeps the work a kill can
# lose small without slowing the run.
COMMIT_SECONDS = 2.0


@dataclass
class Summary:
    """What a run did."""

    articles: int = 0  # processed in this run
    attributions: int = 0
    errors: int = 0  # documents that failed
    skipped: Counter[str] = field(default_factory=Counter)  # left out on purpose, by kind
    already_done: int = 0  # passed over: done by an earlier, interrupted run
    output: str | None = None
    error_log: str | None = None

    def count(self, result: Article | Failure) -> None:
        """Add ``result`` to the counts."""
        if isinstance(result, Skipped):
            self.skipped[result.kind] += 1
        elif isinstance(result, Failure):
            self.errors += 1
        else:
            self.articles += 1
            self.attributions += len(result.attributions)

    def describe(self) -> str:
        """One line for the end of a run."""
        parts = [_plural(self.articles, "article"), _plural(self.attributions, "attribution")]
        if self.already_done:
            parts.append(f"{self.already_done:,} done by an earlier run")
        if self.skipped:
            kinds = ", ".join(f"{n:,} {kind}" for kind, n in sorted(self.skipped.items()))
            parts.append(f"{sum(self.skipped.values()):,} skipped ({kinds})")
        parts.append(_plural(self.errors, "error"))
        text = ", ".join(parts)
        if self.output:
            text += f"; output {self.output}"
        if self.error_log and (self.errors or self.skipped):
            text += f"; see {self.error_log}"
        return text


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def default_error_log(output: str) -> str:
    """The error log beside ``output``: out.csv -> out.errors.jsonl."""
    p = Path(output)
    return str(p.with_name(p.stem + ".errors.jsonl"))


def error_record(result: Failure) -> dict[str, str | None]:
    """The error log line for ``result``."""
    kind = result.kind if isinstance(result, Skipped) else "error"
    return {"id": result.id, "kind": kind, "reason": result.reason, "source": result.source}


def run_job(
    inputs: Iterable[str],
    output: str,
    *,
    settings: Settings,
    jobs: int = 0,
    published: str | None = None,
    errors: str | None = None,
    overwrite: bool = False,
    on_result: Callable[[Article | Failure, Summary], None] | None = None,
    commit_seconds: float = COMMIT_SECONDS,
    dates_from_names: bool = False,
    work: Work | None = None,
) -> Summary:
    """Process ``inputs`` into ``output`` (.jsonl, .csv or .parquet: one row per
    attribution), continuing an interrupted run with the same output.

    Args:
        errors: the error log (JSON lines); by default beside the output.
        overwrite: start afresh, deleting the output, its journal and error log.
        on_result: called after each result is written, before it is committed (a
            progress bar).
        commit_seconds: how often to commit: at most this much work is redone after a kill.
        dates_from_names, work: as for ``process``.

    Raises:
        ConfigError: the output's extension is not a known format.
        InputError: the output's folder does not exist, the output exists but was
            not written by saidwhat (use ``overwrite``), or its journal and files
            disagree.
        ModelError: the spaCy model cannot be loaded.
    """
    fmt = output_format(output)
    errors = errors or default_error_log(output)
    for path in (output, errors):
        folder = os.path.dirname(os.path.abspath(path))
        if not os.path.isdir(folder):
            raise InputError(f"{path}: the folder {os.path.dirname(path) or folder} does not exist")
    if overwrite:
        _remove(output, errors)
    elif os.path.exists(output) and not os.path.exists(journal_path(output)):
        raise InputError(
            f"{output} exists and was not written by saidwhat (it has no {journal_path(output)}); "
            "pass --overwrite to replace it, or choose another output file"
        )
    journal = Journal(output, fmt)
    summary = Summary(output=output, error_log=errors)
    try:
        state = journal.state
        _finish_merge(journal, output)
        writer = open_writer(output, state.position)
        error_fh = open(errors, "r+b" if os.path.exists(errors) else "w+b")  # noqa: SIM115
        error_fh.truncate(state.errors_offset)
        error_fh.seek(state.errors_offset)
        if journal.resumed:
            log.info("%s: resuming; %d articles already done", output, len(state.done))
        done = frozenset(state.done)  # a snapshot: the journal's set grows as we commit
        summary.already_done = len(done)
        pending: list[str] = []
        last_commit = time.monotonic()

        def commit() -> None:
            nonlocal pending, last_commit
            if not pending:
                return
            error_fh.flush()
            os.fsync(error_fh.fileno())
            journal.commit(pending, writer.commit(), error_fh.tell())
            pending, last_commit = [], time.monotonic()

        results = process(
            inputs,
            settings=settings,
            jobs=jobs,
            published=published,
            skip_ids=done,
            dates_from_names=dates_from_names,
            work=work,
        )
        for result in results:
            summary.count(result)
            if isinstance(result, Failure):
                line = json.dumps(error_record(result), ensure_ascii=False) + "\n"
                error_fh.write(line.encode("utf-8"))
            else:
                writer.write(result)
            pending.append(result.id)
            if on_result is not None:
                on_result(result, summary)
            if time.monotonic() - last_commit >= commit_seconds:
                commit()
        commit()
        error_fh.close()
        writer.close(before_swap=journal.merging)
    finally:
        journal.close()
    if not summary.errors and not summary.skipped and os.path.getsize(errors) == 0:
        os.remove(errors)  # no empty error logs lying around
    return summary


def _finish_merge(journal: Journal, output: str) -> None:
    """Complete a Parquet merge that a killed run journaled but did not finish."""
    state = journal.state
    if not state.merging:
        return
    if os.path.exists(state.merging):
        os.replace(state.merging, output)
    parts_dir = Path(output + ".parts")
    for name in state.merged_parts:
        (parts_dir / name).unlink(missing_ok=True)
    state.merging = None


def _remove(output: str, errors: str) -> None:
    for path in (output, journal_path(output), errors, output + ".tmp"):
        if os.path.exists(path):
            os.remove(path)
    shutil.rmtree(output + ".parts", ignore_errors=True)
