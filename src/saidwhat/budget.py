"""Work on a budget: tasks run in a child process that is killed when it overruns.

CPU-bound Python cannot be interrupted from another thread, so the only way to
stop an extraction that runs away (a pathological paragraph, a library bug) is
to run it in a process of its own and kill that process. A ``Worker`` is such a
process: it prepares once (loads the model), then runs tasks one at a time and
sends back each result as soon as it is ready. The parent waits with a deadline
that every result renews (``Budget.seconds``) and polls the child's resident
memory (``Budget.megabytes``, through psutil); a child past either limit is
killed at once and ``Overrun`` says which limit it was. The caller decides what
to blame and starts another worker; nothing else is lost.

    worker = Worker(prepare, settings)
    try:
        results = worker.call(task, chunk, budget=Budget(30, 2048))
    except Overrun as exc:  # exc.kind is "timeout" or "too-large"; the worker is dead
        worker = Worker(prepare, settings)
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import signal
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

import psutil

from .errors import ConfigError, SaidwhatError

__all__ = ["TIMEOUT", "TOO_LARGE", "Budget", "Overrun", "Worker", "WorkerDied", "process_context"]

log = logging.getLogger(__name__)

TIMEOUT = "timeout"
TOO_LARGE = "too-large"
# How often a waiting parent looks at its worker's memory: allocation at a few GB/s
# overshoots the limit by a few hundred MB at most before the kill.
POLL_SECONDS = 0.05
# Modules the worker processes start with (imported once, in the fork server).
PRELOAD = ["spacy", "trafilatura", "saidwhat.budget", "saidwhat.batch.runner"]


@dataclass(frozen=True)
class Budget:
    """What one task may use: ``seconds`` of waiting for each result and ``megabytes``
    of resident memory in its worker (0 means no limit)."""

    seconds: float = 0.0
    megabytes: int = 0

    @classmethod
    def from_settings(cls, settings: Any) -> Budget:
        """The budget ``settings`` give an article (``extract_timeout``, ``worker_memory``)."""
        return cls(float(settings.extract_timeout), int(settings.worker_memory))

    @property
    def limited(self) -> bool:
        """Whether either limit is set."""
        return self.seconds > 0 or self.megabytes > 0


class Overrun(SaidwhatError):
    """A task overran its budget and its worker was killed.

    Attributes:
        kind: ``TIMEOUT`` or ``TOO_LARGE``.
    """

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


class WorkerDied(SaidwhatError):
    """The worker process ended without answering (a crash in a library, the
    system's out-of-memory killer)."""


def process_context() -> multiprocessing.context.BaseContext:
    """forkserver where there is one: workers start from a clean, preloaded process
    (no copy of the parent's threads or open files), quickly; spawn elsewhere."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(PRELOAD)
        return ctx
    return multiprocessing.get_context("spawn")


class Worker:
    """One child process that runs ``prepare(*args)`` once, then tasks one at a time.

    A task is a picklable function returning an iterable; each of its items is sent
    back as it is produced (a budget's deadline is renewed by each). An exception
    the task raises is raised again in the parent by ``receive`` and ``call``.
    Exceptions from ``prepare`` are raised by every task (a missing model, say).
    """

    def __init__(
        self,
        prepare: Callable[..., Any] | None = None,
        *args: Any,
        context: multiprocessing.context.BaseContext | None = None,
    ) -> None:
        ctx = context or process_context()
        self.conn, child = ctx.Pipe()
        level = logging.getLogger().getEffectiveLevel()
        self.process = ctx.Process(  # type: ignore[attr-defined]
            target=_serve, args=(child, prepare, args, level), daemon=True, name="saidwhat-worker"
        )
        self.process.start()
        child.close()
        self._ps = psutil.Process(self.process.pid)
        self.ready = False  # prepare has finished (the clock of a task starts then)
        self.ready_mb = 0.0  # resident memory when it was ready
        self.busy = False
        self.tasks = 0  # tasks finished, for recycling
        self.items = 0  # items sent back, for recycling
        self._deadline = 0.0
        self._budget = Budget()

    # ---------------------------------------------------------------- a task at a time

    def start(self, task: Callable[..., Iterable[Any]], *args: Any, budget: Budget = Budget()) -> None:
        """Send ``task(*args)`` to the worker; collect its results with ``receive``."""
        if self.busy:
            raise RuntimeError("the worker is already running a task")
        self.busy = True
        self._budget = budget
        self._renew()
        try:
            self.conn.send((task, args))
        except (OSError, ValueError) as exc:  # the child is gone: its pipe is closed
            self.kill()
            raise WorkerDied(f"the worker process ended before it got its task ({exc})") from None

    def receive(self, timeout: float = 0.0) -> list[Any]:
        """The results that have arrived (waiting up to ``timeout`` seconds for the
        first); empty while the task runs. After the last one ``busy`` is False.

        Raises:
            Overrun: the task is past its budget (the worker has been killed).
            WorkerDied: the worker ended without finishing the task.
            ConfigError: the worker needed more than the memory limit before any task
                (loading the model): no task could ever run within it.
            Exception: what the task raised.
        """
        items: list[Any] = []
        wait = timeout
        while self.busy:
            try:
                if not self.conn.poll(wait):
                    break
                kind, value = self.conn.recv()
            except (EOFError, OSError):
                self.kill()
                raise WorkerDied(f"the worker process died ({self._exit_reason()})") from None
            wait = 0.0
            if kind == "ready":
                self.ready = True
                self.ready_mb = float(value)  # measured by the worker itself, before any task
                self._renew()
                self._check_start()
            elif kind == "item":
                items.append(value)
                self.items += 1
                self._renew()
            elif kind == "done":
                self.busy = False
                self.tasks += 1
            elif kind == "error":
                self.busy = False
                raise value
        if self.busy and not items:  # results that made it are delivered before any verdict
            self.check()
        return items

    def check(self) -> None:
        """Kill the worker if its task is past the deadline or its memory over the limit.

        Raises:
            Overrun: it was, and the worker is now dead.
        """
        budget = self._budget
        if budget.seconds > 0 and self.ready and time.monotonic() > self._deadline:
            self.kill()
            raise Overrun(
                TIMEOUT, f"took longer than {budget.seconds:g} seconds (the extract_timeout setting)"
            )
        if budget.megabytes > 0:
            used = self.memory_mb()
            if used > budget.megabytes:
                self.kill()
                raise Overrun(
                    TOO_LARGE,
                    f"needed more than {budget.megabytes:,} MB of memory ({used:,.0f} MB; the "
                    "worker_memory setting)",
                )

    def call(self, task: Callable[..., Iterable[Any]], *args: Any, budget: Budget = Budget()) -> list[Any]:
        """``list(task(*args))`` run in the worker within ``budget``.

        Raises:
            Overrun, WorkerDied: see ``receive``.
            Exception: what the task raised.
        """
        self.start(task, *args, budget=budget)
        results: list[Any] = []
        while self.busy:
            results.extend(self.receive(POLL_SECONDS))
        return results

    def _check_start(self) -> None:
        limit = self._budget.megabytes
        if limit > 0 and self.ready_mb > limit:
            self.kill()
            raise ConfigError(
                f"worker_memory is {limit:,} MB, but a worker needs {self.ready_mb:,.0f} MB before it "
                "reads anything (the model); raise it"
            )

    def _renew(self) -> None:
        self._deadline = time.monotonic() + self._budget.seconds

    # ---------------------------------------------------------------- the process

    def memory_mb(self) -> float:
        """The worker's resident memory in MB (0 once it has ended)."""
        try:
            return float(self._ps.memory_info().rss) / 2**20
        except psutil.Error:
            return 0.0

    @property
    def alive(self) -> bool:
        return bool(self.process.is_alive())

    def kill(self) -> None:
        """End the worker now (SIGKILL: it may be deep in C code)."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.busy = False
        self.conn.close()

    def close(self) -> None:
        """Ask an idle worker to exit; kill it if it is busy or does not go."""
        if not self.busy and not self.conn.closed:
            try:
                self.conn.send(None)
            except (OSError, ValueError):
                pass
            self.process.join(2)
        self.kill()

    def _exit_reason(self) -> str:
        self.process.join(1)
        code = self.process.exitcode
        if code is not None and code < 0:
            try:
                return f"killed by {signal.Signals(-code).name}; out of memory, or a crash in a library"
            except ValueError:
                pass
        return f"exit status {code}"


def _serve(conn: Connection, prepare: Callable[..., Any] | None, args: tuple[Any, ...], level: int) -> None:
    """The worker's main loop: prepare, then run tasks until told to stop."""
    # Ctrl-C is the parent's to handle: it stops its workers
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with_parent()
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    failed: BaseException | None = None
    if prepare is not None:
        try:
            prepare(*args)
        except Exception as exc:  # noqa: BLE001 - every task reports it, so the parent sees why
            failed = exc
    _send(conn, "ready", psutil.Process().memory_info().rss / 2**20)
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        task, task_args = message
        try:
            if failed is not None:
                raise failed
            for item in task(*task_args):
                _send(conn, "item", item)
        except Exception as exc:  # noqa: BLE001 - the parent raises it again
            _send(conn, "error", exc)
        else:
            _send(conn, "done", None)


def _send(conn: Connection, kind: str, value: Any) -> None:
    try:
        conn.send((kind, value))
    except (pickle.PicklingError, TypeError, AttributeError) as exc:
        # an exception (or result) that cannot cross the pipe: say what it was
        conn.send(("error", SaidwhatError(f"{type(value).__name__}: {value} ({exc})")))


def _exit_with_parent() -> None:
    """End this worker when the parent is gone (killed with SIGKILL, say): nothing
    else would, and an orphaned worker holds its memory forever."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        parent.join()  # returns when the parent's end of the sentinel pipe closes
        os._exit(1)

    threading.Thread(target=watch, name="saidwhat-parent-watch", daemon=True).start()
