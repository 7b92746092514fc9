"""The batch runner: documents in, Articles out, on every core, in input order.

The main process reads (walks folders, streams WARC records, splits JSONL) and
hands chunks of raw documents to worker processes, each of which loads the
pipeline once and turns a chunk into Articles with ``extract_documents``: HTML
extraction, cleanup and the spaCy work all happen there, and they are a pure
function of the documents, so the same function serves a Spark executor. At most
two chunks per worker are in flight, so memory stays flat however large the input.

A document that fails becomes a Failure and the run goes on; a worker that dies
(out of memory, a crash in a library) is replaced and the documents it held are
retried one by one, so only the one that kills a worker is lost, and reported.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Container, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from ..errors import SaidwhatError
from ..ingest import Document, Skipped, iter_documents, to_result
from ..ingest.html import THIRD_PARTY_LOGGERS
from ..model import Article, Failure
from ..settings import Settings

__all__ = ["available_cores", "duplicate", "extract_documents", "process", "run_documents"]

log = logging.getLogger(__name__)

# Chunks in flight per worker: one being worked on, one waiting, so no worker idles
# while the main process collects a result.
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
) -> Iterator[Article | Failure]:
    """Who said what in every article of ``inputs``, yielded in input order.

    Args:
        inputs: files, folders or "-", as ``saidwhat extract`` takes them.
        settings: the model and limits; each worker loads ``load_pipeline(settings)`` once.
        jobs: worker processes; 0 means all cores, 1 runs in this process.
        published: the date for articles that state none.
        skip_ids: ids of articles already done (a resumed run, a store): they are
            not processed and not yielded.

    Yields:
        an Article with its attributions, or a Failure (a Skipped for documents
        left out on purpose: not HTML, not English, truncated, a duplicate id).

    Raises:
        ModelError: the spaCy model cannot be loaded.

    Worker processes start with the forkserver method, so a script calling this
    with ``jobs`` other than 1 needs the usual ``if __name__ == "__main__":`` guard.
    """
    documents = iter_documents(inputs, published=published, max_chars=settings.max_chars)
    yield from run_documents(documents, settings=settings, jobs=jobs, skip_ids=skip_ids)


def run_documents(
    items: Iterable[Document | Failure],
    *,
    settings: Settings,
    jobs: int = 0,
    skip_ids: Container[str] = (),
) -> Iterator[Article | Failure]:
    """``process`` for documents already read (see ``ingest.iter_documents``)."""
    jobs = jobs if jobs > 0 else available_cores()
    seen: set[str] = set()
    chunks = _chunks(_skip_known(items, skip_ids, seen), max(1, settings.batch_size))
    first = next(chunks, None)
    if first is None:
        return
    second = next(chunks, None)
    if jobs == 1 or second is None:
        # one chunk cannot keep two workers busy: starting processes would only cost time
        work: Iterator[tuple[list[Item], list[Result]]] = (
            (chunk, extract_documents(chunk, settings, skip_ids=skip_ids))
            for chunk in _chain(first, second, chunks)
        )
    else:
        work = _parallel(_chain(first, second, chunks), settings, jobs, _portable(skip_ids))
    for chunk, results in work:
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
        return list(pipeline.pipe(articles, batch_size=len(articles)))
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


def _chain(first: list[Item], second: list[Item] | None, rest: Iterator[list[Item]]) -> Iterator[list[Item]]:
    yield first
    if second is not None:
        yield second
        yield from rest


def _portable(skip_ids: Container[str]) -> frozenset[str]:
    """The skip ids to copy into each worker: only a concrete collection can be copied;
    other containers are checked in the main process alone (after extraction)."""
    if isinstance(skip_ids, (set, frozenset, dict, list, tuple)):
        return frozenset(skip_ids)
    return frozenset()


# ---------------------------------------------------------------- worker processes


@dataclass
class _Pending:
    chunk: list[Item]
    future: Future  # type: ignore[type-arg]
    pool: _Pool


class _Pool:
    """A ProcessPoolExecutor that knows how much work it has been given."""

    def __init__(self, settings: Settings, jobs: int, skip: frozenset[str]) -> None:
        self.settings, self.jobs, self.skip = settings, jobs, skip
        self.articles = 0
        self.executor = ProcessPoolExecutor(
            jobs,
            mp_context=_context(),
            initializer=_init_worker,
            initargs=(settings, skip, logging.getLogger().getEffectiveLevel()),
        )

    def submit(self, chunk: list[Item]) -> Future:  # type: ignore[type-arg]
        self.articles += len(chunk)
        return self.executor.submit(_work, chunk, self.settings)

    @property
    def worn(self) -> bool:
        return self.articles >= RECYCLE_AFTER_ARTICLES * self.jobs

    def close(self, *, cancel: bool = False) -> None:
        self.executor.shutdown(wait=False, cancel_futures=cancel)


def _parallel(
    chunks: Iterator[list[Item]], settings: Settings, jobs: int, skip: frozenset[str]
) -> Iterator[tuple[list[Item], list[Result]]]:
    pool = _Pool(settings, jobs, skip)
    pending: deque[_Pending] = deque()
    try:
        for chunk in chunks:
            if pool.worn:
                pool.close()  # its last chunks still finish; the new pool starts meanwhile
                pool = _Pool(settings, jobs, skip)
            pending.append(_Pending(chunk, pool.submit(chunk), pool))
            while len(pending) >= jobs * IN_FLIGHT_PER_WORKER:
                head = pending.popleft()
                pool, results = _collect(head, pool)
                yield head.chunk, results
        while pending:
            head = pending.popleft()
            pool, results = _collect(head, pool)
            yield head.chunk, results
        pool.executor.shutdown(wait=True)
    finally:
        # on an early exit (Ctrl-C, the consumer stopped) queued chunks are dropped
        pool.close(cancel=True)
        for entry in pending:
            entry.pool.close(cancel=True)


def _collect(entry: _Pending, pool: _Pool) -> tuple[_Pool, list[Result]]:
    """The results of ``entry``; if its worker died, a new pool and one-by-one retries."""
    try:
        return pool, entry.future.result()
    except BrokenProcessPool:
        pass
    log.warning("a worker process died; retrying its %d documents one by one", len(entry.chunk))
    if entry.pool is pool:
        pool.close(cancel=True)
        pool = _Pool(pool.settings, pool.jobs, pool.skip)
    results: list[Result] = []
    for item in entry.chunk:
        for _attempt in (1, 2):
            try:
                results.extend(pool.submit([item]).result())
                break
            except BrokenProcessPool:
                pool.close(cancel=True)
                pool = _Pool(pool.settings, pool.jobs, pool.skip)
        else:
            key = item.id if isinstance(item, Failure) else (item.known_id or item.source)
            results.append(
                Failure(
                    key,
                    f"{item.source}: the worker process died while extracting this document "
                    "(out of memory, or a crash in a library)",
                    item.source,
                )
            )
    return pool, results


def _context() -> multiprocessing.context.BaseContext:
    """forkserver where there is one: workers start from a clean, preloaded process
    (no copy of the main process's threads or open files), quickly."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["spacy", "trafilatura", "saidwhat.batch.runner"])
        return ctx
    return multiprocessing.get_context("spawn")


# Per worker process, set once by the initializer: the ids to pass over, and why the
# model could not be loaded (raised from every task, so the main process reports it).
_worker_skip: frozenset[str] = frozenset()
_worker_error: SaidwhatError | None = None


def _init_worker(settings: Settings, skip: frozenset[str], log_level: int) -> None:
    global _worker_skip, _worker_error
    # Ctrl-C is the main process's to handle: it stops the pool
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with_parent()
    logging.basicConfig(level=log_level, format="%(levelname)s %(name)s: %(message)s")
    quiet_extraction_logs(log_level)
    _worker_skip = skip
    from ..attribution.pipeline import load_pipeline

    try:
        load_pipeline(settings)  # loaded once, before the first chunk arrives
    except SaidwhatError as exc:
        _worker_error = exc


def _exit_with_parent() -> None:
    """End this worker when the main process is gone (killed with SIGKILL, say):
    nothing else would, and an orphaned worker holds its memory forever."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        parent.join()  # returns when the main process's end of the sentinel pipe closes
        os._exit(1)

    threading.Thread(target=watch, name="saidwhat-parent-watch", daemon=True).start()


def _work(chunk: list[Item], settings: Settings) -> list[Result]:
    if _worker_error is not None:
        raise _worker_error
    return extract_documents(chunk, settings, skip_ids=_worker_skip)


def quiet_extraction_logs(level: int = logging.WARNING) -> None:
    """Silence the HTML libraries' own messages about pages unless debugging: the
    Failure saidwhat reports for such a page already says what went wrong."""
    if level > logging.DEBUG:
        for name in THIRD_PARTY_LOGGERS:
            logging.getLogger(name).setLevel(logging.CRITICAL)
