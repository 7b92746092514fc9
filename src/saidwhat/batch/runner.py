"""The batch runner: documents in, Articles out, on every core, in input order.

The main process reads (walks folders, streams WARC records, splits JSONL) and
hands chunks of raw documents to worker processes, each of which loads the
pipeline once and turns a chunk into Articles with ``extract_documents``: HTML
extraction, cleanup and the spaCy work all happen there, and they are a pure
function of the documents, so the same function serves a Spark executor. At most
two chunks per worker are in flight, so memory stays flat however large the input.

Every article has a budget (``extract_timeout`` seconds, ``worker_memory`` MB per
worker; see ``saidwhat.budget``). A worker that overruns it, or dies (out of
memory, a crash in a library), is killed and replaced, and the documents it held
are run again one by one: only a document that overruns alone is lost, reported
as ``timeout``, ``too-large`` or an error, and the run goes on.
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Callable, Container, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import wait

from ..budget import POLL_SECONDS, Budget, Overrun, Worker, WorkerDied
from ..errors import SaidwhatError
from ..ingest import Document, Skipped, iter_documents, to_result
from ..ingest.html import THIRD_PARTY_LOGGERS
from ..model import Article, Failure
from ..settings import Settings

__all__ = [
    "EXTRACTION",
    "KeptWorkers",
    "Work",
    "available_cores",
    "duplicate",
    "extract_chunks",
    "extract_documents",
    "process",
    "run_documents",
]

log = logging.getLogger(__name__)

# Chunks in flight per worker: one being worked on, one read ahead, so a worker
# never waits for the main process to read its next chunk.
IN_FLIGHT_PER_WORKER = 2
# Workers are replaced after this many articles each: spaCy's string store only
# grows, and a fresh process gives its memory back. Model loading takes ~1 s.
RECYCLE_AFTER_ARTICLES = 20_000

Item = Document | Failure
Result = Article | Failure


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity where the OS tells it)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def process(
    inputs: Iterable[str],
    *,
    settings: Settings,
    jobs: int = 0,
    published: str | None = None,
    skip_ids: Container[str] = (),
    dates_from_names: bool = False,
    work: Work | None = None,
) -> Iterator[Article | Failure]:
    """Who said what in every article of ``inputs``, yielded in input order.

    Args:
        inputs: files, folders or "-", as ``saidwhat extract`` takes them.
        settings: the model, limits and budget; each worker loads the pipeline once.
        jobs: worker processes; 0 means all cores.
        published: the date for articles that state none.
        skip_ids: ids of articles already done (a resumed run, a store): they are
            not processed and not yielded.
        dates_from_names: take a date in a text file's name (2016-09-12, 20160912)
            as its publication date.
        work: what the workers do (the extraction; tests inject slow or greedy work).

    Yields:
        an Article with its attributions, or a Failure (a Skipped for documents
        left out on purpose: not HTML, not English, truncated, a duplicate id,
        over the time or memory budget).

    Raises:
        ModelError: the spaCy model cannot be loaded.

    Worker processes start with the forkserver method, so a script calling this
    needs the usual ``if __name__ == "__main__":`` guard.
    """
    documents = iter_documents(
        inputs, published=published, max_chars=settings.max_chars, dates_from_names=dates_from_names
    )
    yield from run_documents(documents, settings=settings, jobs=jobs, skip_ids=skip_ids, work=work)


def run_documents(
    items: Iterable[Document | Failure],
    *,
    settings: Settings,
    jobs: int = 0,
    skip_ids: Container[str] = (),
    work: Work | None = None,
) -> Iterator[Article | Failure]:
    """``process`` for documents already read (see ``ingest.iter_documents``)."""
    jobs = jobs if jobs > 0 else available_cores()
    seen: set[str] = set()
    chunks = _chunks(_skip_known(items, skip_ids, seen), max(1, settings.batch_size))
    work_done = extract_chunks(chunks, settings=settings, jobs=jobs, skip_ids=skip_ids, work=work)
    for chunk, results in work_done:
        for item, result in zip(chunk, results, strict=True):
            if isinstance(item, Document) and item.known_id:
                yield result  # skip_ids and duplicates were settled before extraction
                continue
            if result.id in skip_ids:
                continue
            if isinstance(result, Article):
                if result.id in seen:
                    yield _duplicate(result.id, item)
                    continue
                seen.add(result.id)
            yield result


def extract_chunks(
    chunks: Iterable[list[Item]],
    *,
    settings: Settings,
    jobs: int = 1,
    skip_ids: Container[str] = (),
    work: Work | None = None,
    keep: KeptWorkers | None = None,
) -> Iterator[tuple[list[Item], list[Result]]]:
    """The batch run's unit of work on its budget: chunks of documents in, each with
    its results (one per item, in order) out, in input order (a chunk may come back
    in parts, each part as soon as it and everything before it is done).

    Args:
        jobs: worker processes sharing the chunks. With one and no budget (neither
            ``extract_timeout`` nor ``worker_memory``), the work runs in this process.
        keep: worker processes to take from and leave in, for a caller that runs many
            runs in one process (a Spark Python worker); without it they end with the run.
    """
    work = work or EXTRACTION
    if jobs == 1 and not Budget.from_settings(settings).limited:
        # nothing to enforce and no one to share the work with: no worker process
        work.prepare(settings)
        return ((chunk, list(work.run(chunk, settings, skip_ids))) for chunk in chunks)
    return _budgeted(iter(chunks), settings, jobs, _portable(skip_ids), work, keep)


def extract_documents(
    items: list[Document | Failure], settings: Settings, *, skip_ids: Container[str] = ()
) -> list[Article | Failure]:
    """Articles with their attributions for ``items``, one result per item, in order.

    The unit of work of a batch run: a pure function of the documents given the
    model. Failures among ``items`` are passed through; a document that cannot be
    read or processed becomes a Failure. Articles whose id is in ``skip_ids`` are
    returned without running the pipeline on them.

    Raises:
        ModelError: the spaCy model cannot be loaded.
    """
    from ..attribution.pipeline import load_pipeline

    pipeline = load_pipeline(settings)
    results = [item if isinstance(item, Failure) else _read(item, settings) for item in items]
    todo = [r for r in results if isinstance(r, Article) and r.id not in skip_ids]
    done = {id(a): r for a, r in zip(todo, _pipe(pipeline, todo), strict=True)}
    return [done.get(id(r), r) for r in results]


def _read(doc: Document, settings: Settings) -> Result:
    try:
        return to_result(doc, max_chars=settings.max_chars)
    except Exception as exc:
        log.warning("%s: internal error: %s: %s", doc.source, type(exc).__name__, exc)
        log.debug("traceback", exc_info=True)
        return Failure(
            doc.known_id or doc.source,
            f"{doc.source}: internal error while reading: {type(exc).__name__}: {exc}",
            doc.source,
        )


def _pipe(pipeline, articles: list[Article]) -> list[Result]:  # type: ignore[no-untyped-def]
    """pipeline.pipe, but a bug that breaks a batch costs only the article it hits."""
    if not articles:
        return []
    try:
        return list(pipeline.pipe(articles))
    except Exception:
        log.debug("a batch failed; retrying its articles one by one", exc_info=True)
    results: list[Result] = []
    for article in articles:
        try:
            results.extend(pipeline.pipe([article]))
        except Exception as exc:
            log.warning("%s: internal error: %s: %s", article.id, type(exc).__name__, exc)
            log.debug("traceback", exc_info=True)
            results.append(
                Failure(
                    article.id, f"internal error while extracting: {type(exc).__name__}: {exc}", article.url
                )
            )
    return results


def _skip_known(items: Iterable[Item], skip_ids: Container[str], seen: set[str]) -> Iterator[Item | Skipped]:
    """Drop what is already done and mark repeats, for ids known before extraction."""
    for item in items:
        if isinstance(item, Failure):
            if item.id not in skip_ids:
                yield item
            continue
        key = item.known_id
        if not key:
            yield item
        elif key in skip_ids:
            continue
        elif key in seen:
            yield _duplicate(key, item)
        else:
            seen.add(key)
            yield item


def _duplicate(key: str, item: Item) -> Skipped:
    return duplicate(key, item.source)


def duplicate(key: str, source: str | None) -> Skipped:
    """The Skipped for a second copy (read from ``source``) of the article ``key``."""
    return Skipped(
        key,
        f"{source}: duplicate of an article already processed in this run (id {key})",
        source,
        kind="duplicate",
    )


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    chunk: list[Item] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _portable(skip_ids: Container[str]) -> frozenset[str]:
    """The skip ids to copy into each worker: only a concrete collection can be copied;
    other containers are checked in the main process alone (after extraction)."""
    if isinstance(skip_ids, (set, frozenset, dict, list, tuple)):
        return frozenset(skip_ids)
    return frozenset()


# ---------------------------------------------------------------- worker processes


class KeptWorkers:
    """Worker processes kept from one ``extract_chunks`` run to the next in the same
    process: a Spark Python worker runs all its tasks through them, so each loads the
    model once, as a batch run's workers do. Workers prepared for other work or
    settings are closed, not reused."""

    def __init__(self) -> None:
        self.workers: list[Worker] = []
        self._key: tuple[object, ...] | None = None

    def for_run(self, key: tuple[object, ...]) -> list[Worker]:
        """The kept workers, if they were prepared for ``key``; none otherwise."""
        if key != self._key:
            self.close()
            self._key = key
        return self.workers

    def close(self) -> None:
        """End every kept worker."""
        for worker in self.workers:
            worker.close()
        self.workers.clear()


@dataclass(frozen=True)
class Work:
    """What a worker does with documents: ``prepare(settings)`` once (load the model),
    then ``run(items, settings, skip_ids)`` per chunk, one result per item, in order.

    Both must be picklable (module-level functions): they travel to the workers.
    The batch runner is given the extraction; tests give it slow or greedy work.
    """

    prepare: Callable[[Settings], object]
    run: Callable[[list[Item], Settings, Container[str]], Iterable[Result]]


def _load_pipeline(settings: Settings) -> object:
    from ..attribution.pipeline import load_pipeline

    return load_pipeline(settings)


def _extract(items: list[Item], settings: Settings, skip_ids: Container[str]) -> list[Result]:
    return extract_documents(items, settings, skip_ids=skip_ids)


EXTRACTION = Work(_load_pipeline, _extract)


@dataclass
class _Slot:
    """A chunk in flight: its items and the results found so far, by position."""

    items: list[Item]
    results: list[Result | None]
    missing: int
    given: int = 0  # results passed on, from the front


def _ready(slots: deque[_Slot]) -> Iterator[tuple[list[Item], list[Result]]]:
    """The results at the front that are done, in input order: a document held up by a
    slow neighbour in its chunk waits for nothing but the documents before it."""
    while slots:
        slot = slots[0]
        while slot.given < len(slot.items):
            result = slot.results[slot.given]
            if result is None:
                return
            yield [slot.items[slot.given]], [result]
            slot.given += 1
        slots.popleft()


@dataclass
class _Task:
    """Positions of one slot given to a worker as one unit of work."""

    slot: _Slot
    positions: list[int]
    received: int = 0
    attempt: int = 1

    def deliver(self, results: list[Result]) -> None:
        for result in results:
            self.slot.results[self.positions[self.received]] = result
            self.slot.missing -= 1
            self.received += 1

    def undone(self) -> list[int]:
        return self.positions[self.received :]


def _budgeted(
    chunks: Iterator[list[Item]],
    settings: Settings,
    jobs: int,
    skip: frozenset[str],
    work: Work,
    keep: KeptWorkers | None = None,
) -> Iterator[tuple[list[Item], list[Result]]]:
    """Chunks through up to ``jobs`` worker processes, yielded in input order.

    A chunk whose worker overruns the budget (``extract_timeout`` without a result,
    ``worker_memory``) or dies is killed and its unfinished documents are run again
    one by one, each with the whole budget: only a document that overruns alone is
    reported, as Skipped ``timeout`` or ``too-large``, and the run goes on.
    """
    budget = Budget.from_settings(settings)
    window = jobs * IN_FLIGHT_PER_WORKER  # chunks read ahead: memory stays flat
    slots: deque[_Slot] = deque()
    pending: deque[_Task] = deque()  # tasks waiting for a worker, retries first
    workers: list[Worker] = keep.for_run((work, settings, skip)) if keep else []
    running: dict[int, _Task] = {}  # by id(worker)
    exhausted = False

    def new_worker() -> Worker:
        return Worker(_prepare_worker, work, settings, skip, logging.getLogger().getEffectiveLevel())

    def next_task() -> _Task | None:
        nonlocal exhausted
        if pending:
            return pending.popleft()
        while not exhausted and len(slots) < window:
            chunk = next(chunks, None)
            if chunk is None:
                exhausted = True
                break
            slot = _Slot(chunk, [None] * len(chunk), len(chunk))
            slots.append(slot)
            for n, item in enumerate(chunk):
                if isinstance(item, Failure):  # nothing to extract: no worker needed
                    slot.results[n] = item
                    slot.missing -= 1
            positions = [n for n, item in enumerate(chunk) if isinstance(item, Document)]
            if positions:
                return _Task(slot, positions)
        return None

    def dispatch() -> None:
        while True:
            idle = next((w for w in workers if not w.busy), None)
            if idle is None and len(workers) >= jobs:
                return
            task = next_task()
            if task is None:
                return
            if idle is None:
                idle = new_worker()
                workers.append(idle)
            items = [task.slot.items[p] for p in task.positions]
            try:
                idle.start(_run_in_worker, work, items, settings, budget=budget)
            except WorkerDied as exc:
                replace(idle)
                lost(task, exc)
                continue
            running[id(idle)] = task

    def replace(worker: Worker) -> None:
        worker.close()
        workers[workers.index(worker)] = new_worker()

    def lost(task: _Task, exc: SaidwhatError) -> None:
        """The worker of ``task`` was killed or died: blame a lone document, else split."""
        undone = task.undone()
        if len(task.positions) > 1:
            log.info("a chunk stopped (%s); running its %d documents one by one", exc, len(undone))
            pending.extendleft(reversed([_Task(task.slot, [p]) for p in undone]))
            return
        if isinstance(exc, WorkerDied) and task.attempt < 2:
            pending.appendleft(_Task(task.slot, undone, attempt=task.attempt + 1))
            return
        item = task.slot.items[undone[0]]
        task.deliver([_over_budget(item, exc)])

    try:
        while True:
            dispatch()
            busy = [w for w in workers if w.busy]
            if not busy:
                yield from _ready(slots)
                if not slots and not pending and exhausted:
                    break
                continue
            wait([w.conn for w in busy], timeout=POLL_SECONDS)
            for worker in busy:
                task = running[id(worker)]
                try:
                    task.deliver(worker.receive())
                except (Overrun, WorkerDied) as exc:
                    del running[id(worker)]
                    replace(worker)
                    lost(task, exc)
                    continue
                if not worker.busy:
                    del running[id(worker)]
                    if worker.items >= RECYCLE_AFTER_ARTICLES or (
                        budget.megabytes and worker.memory_mb() > budget.megabytes
                    ):
                        replace(worker)  # spaCy's string store only grows: start afresh
            yield from _ready(slots)
    finally:
        # on an early exit (Ctrl-C, the consumer stopped, a model error) work in flight is
        # dropped; idle workers stay with ``keep`` for its next run
        for worker in list(workers):
            if keep is None or worker.busy or not worker.alive:
                worker.close()
                workers.remove(worker)


def _over_budget(item: Item, exc: SaidwhatError) -> Result:
    key = item.id if isinstance(item, Failure) else (item.known_id or item.source)
    if isinstance(exc, Overrun):
        log.warning("%s: %s; skipped", item.source, exc)
        return Skipped(key, f"{item.source}: {exc}; skipped", item.source, kind=exc.kind)
    return Failure(
        key,
        f"{item.source}: the worker process died while extracting this document ({exc})",
        item.source,
    )


# Per worker process, set once by _prepare_worker: the ids to pass over (copied
# once, not with every chunk: a resumed run may pass over millions).
_worker_skip: frozenset[str] = frozenset()


def _prepare_worker(work: Work, settings: Settings, skip: frozenset[str], log_level: int) -> None:
    global _worker_skip
    quiet_extraction_logs(log_level)
    _worker_skip = skip
    work.prepare(settings)  # loaded once, before the first chunk arrives


def _run_in_worker(work: Work, items: list[Item], settings: Settings) -> Iterable[Result]:
    return work.run(items, settings, _worker_skip)


def quiet_extraction_logs(level: int = logging.WARNING) -> None:
    """Silence the HTML libraries' own messages about pages unless debugging: the
    Failure saidwhat reports for such a page already says what went wrong."""
    if level > logging.DEBUG:
        for name in THIRD_PARTY_LOGGERS:
            logging.getLogger(name).setLevel(logging.CRITICAL)
