"""Extraction for the web app: off the event loop, one at a time, with a deadline.

The spaCy pipeline is CPU-bound and not documented as thread-safe, so extractions
run in one dedicated worker thread, in order. A request waits at most
``settings.extract_timeout`` seconds (queueing included); past that it is answered
504 while the work finishes in the background. A thread cannot be killed, so an
overrunning extraction keeps its place until it ends, and once ``queue`` requests
are waiting new ones are refused at once with 503: runaway inputs cannot pile up
unbounded work.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from ..errors import SaidwhatError
from ..model import Article
from ..settings import Settings

log = logging.getLogger(__name__)

ExtractFn = Callable[[Article], Article]


class ExtractionBusy(SaidwhatError):
    """Too many extractions are waiting; try again shortly (HTTP 503)."""


class ExtractionTimeout(SaidwhatError):
    """An extraction overran ``extract_timeout`` (HTTP 504)."""


def pipeline_extractor(settings: Settings) -> ExtractFn:
    """The real thing: the shared pipeline for ``settings``, loaded on first use."""

    def extract(article: Article) -> Article:
        from ..attribution.pipeline import load_pipeline

        return load_pipeline(settings).extract(article)

    return extract


class Extractor:
    """Runs an extract function in a worker thread with a deadline per request.

    Args:
        extract: Article -> Article with attributions (raises InputError on bad input).
        timeout: seconds a request may wait for its result, queueing included.
        queue: most requests waiting or running at once; more are refused (503).
    """

    def __init__(self, extract: ExtractFn, timeout: float, *, queue: int = 8) -> None:
        self._extract = extract
        self.timeout = timeout
        self.queue = queue
        self._pending = 0
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="saidwhat-extract")

    def warm(self) -> None:
        """Load the model in the background so the first request does not pay for it."""

        def load() -> None:
            try:
                self._extract(Article(text="“We are ready,” the minister said on Monday."))
            except SaidwhatError as exc:  # a missing model is reported by the request that needs it
                log.warning("extraction warm-up failed: %s", exc)

        self._submit(load)

    async def run(self, article: Article) -> Article:
        """``article`` with its attributions, within the deadline.

        Raises:
            ExtractionBusy: ``queue`` extractions are already waiting or running.
            ExtractionTimeout: no result within ``timeout`` seconds.
            InputError, ModelError: from the extract function.
        """
        if self._pending >= self.queue:
            raise ExtractionBusy("the server is busy with other extractions; try again in a few seconds")
        future = self._submit(self._extract, article)
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), self.timeout)
        except asyncio.TimeoutError:  # not the builtin TimeoutError before Python 3.11
            log.warning("extraction of %s overran %.1fs", article.id, self.timeout)
            raise ExtractionTimeout(
                f"extraction took longer than {self.timeout:g} seconds and was abandoned; try a shorter text"
            ) from None

    def close(self) -> None:
        """Stop accepting work; queued extractions are cancelled."""
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _submit(self, fn: Callable[..., object], *args: object) -> Future:
        with self._lock:
            self._pending += 1
        future = self._pool.submit(fn, *args)
        future.add_done_callback(self._finished)  # also runs when a queued job is cancelled
        return future

    def _finished(self, _: Future) -> None:
        with self._lock:
            self._pending -= 1
