"""Extraction for the web app: in worker processes that can be killed, on a budget.

The spaCy pipeline is CPU-bound and cannot be interrupted in a thread, so
extractions run in ``workers`` worker processes (``saidwhat.budget``), one
extraction at a time each: a slow one holds up neither the searches nor the other
extractions. A request waits for a free worker at most ``extract_timeout``
seconds (503 past that, and at once when ``queue`` requests are already waiting);
its extraction then has ``extract_timeout`` seconds and ``worker_memory`` MB. Past
either, the worker is killed, so an abandoned extraction really stops (504, or
413 for memory), and a fresh worker takes its place.
"""

from __future__ import annotations

import asyncio
import logging
import queue as queues
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from ..budget import TIMEOUT, Budget, Overrun, Worker, WorkerDied
from ..errors import ConfigError, SaidwhatError
from ..model import Article
from ..settings import Settings
from .reading import InputTooLarge

log = logging.getLogger(__name__)

ExtractFn = Callable[[Article], Article]
# Extractions that can run at once: two keep a slow one from holding up the rest,
# at the cost of one more copy of the model in memory.
WORKERS = 2
WARM_TEXT = "“We are ready,” the minister said on Monday."


class ExtractionBusy(SaidwhatError):
    """Too many extractions are waiting; try again shortly (HTTP 503)."""


class ExtractionTimeout(SaidwhatError):
    """An extraction overran ``extract_timeout`` and was stopped (HTTP 504)."""


class ExtractionTooLarge(InputTooLarge):
    """An extraction needed more than ``worker_memory`` and was stopped (HTTP 413)."""


class ExtractionCrashed(SaidwhatError):
    """The worker process died during the extraction (HTTP 500)."""


class PipelineExtract:
    """The real thing, picklable for the workers: the shared pipeline for ``settings``."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def prepare(self) -> None:
        """Load the model and run it once, before the first request needs it."""
        try:
            self(Article(text=WARM_TEXT))
        except SaidwhatError as exc:  # a missing model is reported by the request that needs it
            log.warning("extraction warm-up failed: %s", exc)

    def __call__(self, article: Article) -> Article:
        from ..attribution.pipeline import load_pipeline

        return load_pipeline(self.settings).extract(article)


def pipeline_extractor(settings: Settings) -> ExtractFn:
    """The extract function the app uses unless it is given another."""
    return PipelineExtract(settings)


def _prepare(extract: ExtractFn) -> None:
    prepare = getattr(extract, "prepare", None)
    if prepare is not None:
        prepare()


def _extract(extract: ExtractFn, article: Article) -> list[Article]:
    return [extract(article)]


class Extractor:
    """Runs an extract function in worker processes, within a budget per request.

    Args:
        extract: Article -> Article with attributions (raises InputError on bad
            input); picklable, as it runs in the workers. An optional ``prepare()``
            runs once in each worker as it starts.
        budget: seconds and memory one extraction may use; the seconds also bound
            how long a request waits for a free worker.
        workers: extractions run at once.
        queue: most requests waiting or running at once; more are refused (503).
    """

    def __init__(self, extract: ExtractFn, budget: Budget, *, workers: int = WORKERS, queue: int = 8) -> None:
        self._extract = extract
        self.budget = budget
        self.queue = queue
        self._pending = 0
        self._lock = threading.Lock()
        self._idle: queues.Queue[Worker | None] = queues.Queue()
        for _ in range(workers):
            self._idle.put(None)  # started on first use, or by warm()
        self._threads = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="saidwhat-extract")
        self._workers: list[Worker] = []

    def warm(self) -> None:
        """Start the workers now, so they load the model before the first request."""
        started = []
        while True:
            try:
                worker = self._idle.get_nowait()
            except queues.Empty:
                break
            started.append(worker or self._new_worker())
        for worker in started:
            self._idle.put(worker)

    async def run(self, article: Article) -> Article:
        """``article`` with its attributions, within the budget.

        Raises:
            ExtractionBusy: ``queue`` extractions are already waiting or running, or
                no worker came free in time.
            ExtractionTimeout, ExtractionTooLarge: the extraction overran its budget.
            ExtractionCrashed: the worker died.
            InputError, ModelError: from the extract function.
        """
        with self._lock:
            if self._pending >= self.queue:
                raise ExtractionBusy("the server is busy with other extractions; try again in a few seconds")
            self._pending += 1
        arrived = time.monotonic()
        future = self._threads.submit(self._run, article, arrived)
        try:
            return await asyncio.wrap_future(future)
        finally:
            with self._lock:
                self._pending -= 1

    def _run(self, article: Article, arrived: float) -> Article:
        seconds = self.budget.seconds
        wait = max(0.0, arrived + seconds - time.monotonic()) if seconds > 0 else None
        try:
            worker = self._idle.get(timeout=wait)
        except queues.Empty:
            raise ExtractionBusy(
                f"no extraction worker came free within {seconds:g} seconds; try again shortly"
            ) from None
        if worker is None:
            worker = self._new_worker()
        try:
            return worker.call(_extract, self._extract, article, budget=self.budget)[0]  # type: ignore[no-any-return]
        except Overrun as exc:
            log.warning("extraction of %s stopped: %s", article.id, exc)
            worker = self._new_worker()
            if exc.kind == TIMEOUT:
                raise ExtractionTimeout(f"the extraction {exc} and was stopped; try a shorter text") from None
            raise ExtractionTooLarge(f"the extraction {exc} and was stopped; try a shorter text") from None
        except WorkerDied as exc:
            log.error("extraction of %s: %s", article.id, exc)
            worker = self._new_worker()
            raise ExtractionCrashed(f"the extraction failed: {exc}; it has been logged") from None
        except ConfigError:  # the memory limit is below what a worker needs to start
            worker = self._new_worker()
            raise
        finally:
            self._idle.put(worker)

    def _new_worker(self) -> Worker:
        worker = Worker(_prepare, self._extract)
        with self._lock:
            self._workers = [w for w in self._workers if w.alive] + [worker]
        return worker

    @property
    def processes(self) -> list[Any]:
        """The worker processes alive now (for tests and monitoring)."""
        with self._lock:
            return [w.process for w in self._workers if w.alive]

    def close(self) -> None:
        """Stop the workers; queued extractions are cancelled."""
        self._threads.shutdown(wait=False, cancel_futures=True)
        with self._lock:
            workers, self._workers = self._workers, []
        for worker in workers:
            worker.close()
