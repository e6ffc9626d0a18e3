"""The parallel, streaming part of an audit and of `check --jobs`: files in, one payload per
file out, in path order.

Each worker is a process of its own (worker.py): forked from the parent when the parent has a
single thread (it starts at once, with the rules already loaded), otherwise a fresh
interpreter (`python -m xxgk_lint.audit.worker`). It lints one file per message. A worker
keeps at most two files in hand, so the pipe never holds more than a few payloads. What it
sends back is the run's `Payload`: for an audit a `ReportRecord`, never the document; for
`check` the `FileResult` its reporters render (one pool, two payloads).

Timeouts work at two levels. In the worker, an interval timer interrupts the file after
`timeout` seconds and the file is reported as I008 (this covers Python code, which is where
time goes). If a file is stuck where no signal gets through (inside a C library), the parent
kills that worker after a grace period, reports I008 too, and starts a new worker; a worker
that dies (crash, out of memory) costs only its current file (I007). So one file can never
hang or stop the run.

Payloads come out in the order of the paths whatever the number of workers, and everything
downstream depends only on that order: results do not depend on `jobs`.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import TYPE_CHECKING, Callable, Generator, Generic, Iterable, TypeVar

from ..model import FileResult, Message, UserError
from .record import ReportRecord, input_diagnostic, not_checked, record_of

if TYPE_CHECKING:
    from ..config import Config
    from ..engine import Linter
    from ..files import Found

MAX_IDLE_DEATHS = 10    # workers dying with no file in hand: the pool itself is broken
PREFETCH = 2            # files handed to a worker at once: the next one is ready when one ends
STDIN = "-"


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:      # not on Linux
        return max(1, os.cpu_count() or 1)


def hard_limit(timeout: float) -> float:
    """Seconds after which a worker that did not answer is killed (the in-worker timer failed)."""
    return timeout * 1.5 + 2.0


def walk(paths: Iterable[str]) -> "Found":
    """Files as given; folders walked for every report kind (files.py) — including legacy
    .doc/.wps, which are then listed as not checked instead of vanishing. A file reached twice
    (overlapping arguments) is audited once."""
    from ..engine import find_report_files

    return find_report_files(paths, once=True)


def timeout_message(timeout: float) -> Message:
    return Message(f"检查超过 {timeout:g} 秒仍未完成，已跳过该文件（可用 --timeout 调整上限）",
                   f"checking took longer than {timeout:g} s; the file was skipped (see --timeout)")


def died_message(code: int | None) -> Message:
    return Message(f"检查该文件时工作进程意外退出（退出码 {code}），其他文件不受影响",
                   f"the worker process died while checking this file (exit code {code}); "
                   "other files are unaffected")


class WorkerStartError(UserError):
    """A worker process could not start (its rules failed to load, the interpreter is broken …):
    the run stops with exit code 2, as for any other problem of the setup."""


# ---------------------------------------------------------------- what a worker sends back

T = TypeVar("T", ReportRecord, FileResult)


class Payload(Generic[T]):
    """What a worker sends back for each file, and what stands for a file not checked (I001
    refused, I007 worker died, I008 too slow). Module-level classes: a subprocess worker
    receives its payload pickled."""

    keep_data = False             # whether the worker's linter keeps each report's data

    def of(self, index: int, result: FileResult) -> T:
        raise NotImplementedError

    def not_checked(self, linter: "Linter", config: "Config", index: int, path: str, code: str,
                    message: Message, seconds: float = 0.0) -> T:
        raise NotImplementedError

    def took(self, item: T, seconds: float) -> None:
        """Note the time spent on the file, where the payload keeps it."""


class Records(Payload[ReportRecord]):
    """The audit's: a `ReportRecord` (the report's data reduced to figures and a signature)."""

    keep_data = True

    def of(self, index: int, result: FileResult) -> ReportRecord:
        return record_of(index, result)

    def not_checked(self, linter: "Linter", config: "Config", index: int, path: str, code: str,
                    message: Message, seconds: float = 0.0) -> ReportRecord:
        return not_checked(index, path, input_diagnostic(linter.rules, config, path, code, message), seconds)

    def took(self, item: ReportRecord, seconds: float) -> None:
        item.seconds = seconds


class Results(Payload[FileResult]):
    """`check`'s: the `FileResult` itself, as the in-process run makes it (byte-identical output
    whatever `--jobs` is)."""

    def of(self, index: int, result: FileResult) -> FileResult:
        return result

    def not_checked(self, linter: "Linter", config: "Config", index: int, path: str, code: str,
                    message: Message, seconds: float = 0.0) -> FileResult:
        from ..engine import display_path

        return linter.unreadable(display_path(path), code, message)


RECORDS = Records()
RESULTS = Results()


# ---------------------------------------------------------------- the parent side

@dataclass
class RunStats:
    files: int = 0
    seconds: float = 0.0
    workers_started: int = 0
    killed: int = 0                          # workers killed for hanging
    worker_peak_rss_kb: list[int] = field(default_factory=list)   # per worker, as each ended


class _Process:
    """A worker process, forked (multiprocessing.Process) or a subprocess (Popen)."""

    def __init__(self, handle):
        self.handle = handle

    def kill(self) -> None:
        if self.alive():
            self.handle.kill()

    def alive(self) -> bool:
        if isinstance(self.handle, subprocess.Popen):
            return self.handle.poll() is None
        return self.handle.is_alive()

    def wait(self, timeout: float | None = None) -> int | None:
        """The exit code, or None if still running after `timeout` seconds."""
        if isinstance(self.handle, subprocess.Popen):
            try:
                return self.handle.wait(timeout)
            except subprocess.TimeoutExpired:
                return None
        self.handle.join(timeout)
        return self.handle.exitcode


@dataclass
class _Worker:
    process: _Process
    conn: Connection
    tasks: deque = field(default_factory=deque)     # (index, path) in the order sent
    head_started: float = 0.0                       # when the worker began the first of `tasks`


def can_fork() -> bool:
    """Forking is safe only while this process has a single thread (no lock can be held by
    another thread at the moment of the fork)."""
    import multiprocessing
    import threading

    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


class Pool(Generic[T]):
    """`jobs` worker processes linting files, each sending back a `payload` per file; see the
    module docstring."""

    def __init__(self, config: "Config", linter: "Linter", *, jobs: int, timeout: float, payload: Payload[T],
                 debug: bool = False, grace: Callable[[float], float] = hard_limit):
        self.config = config
        self.linter = linter          # used by forked workers; a subprocess worker makes its own
        self.payload: Payload[T] = payload
        self.jobs = max(1, jobs)
        self.timeout = timeout
        self.debug = debug
        self.limit = grace(timeout)
        self.stats = RunStats()
        self._workers: list[_Worker] = []
        self._idle_deaths = 0

    # ------------------------------------------------------------ worker lifecycle

    def _launch(self) -> _Worker:
        worker = self._fork() if can_fork() else self._subprocess()
        self.stats.workers_started += 1
        return worker

    def _fork(self) -> _Worker:
        import multiprocessing

        from .worker import forked

        ctx = multiprocessing.get_context("fork")
        parent, child = ctx.Pipe(duplex=True)
        process = ctx.Process(target=forked, name="xxgk-lint-audit-worker", daemon=True,
                              args=(child, [w.conn for w in self._workers] + [parent], self.linter,
                                    self.config, self.timeout, self.debug, self.payload))
        process.start()
        child.close()
        return _Worker(_Process(process), parent)

    def _subprocess(self) -> _Worker:
        parent, child = socket.socketpair()
        env = dict(os.environ)
        # The worker imports xxgk_lint exactly as this process does (a source checkout, a venv …).
        env["PYTHONPATH"] = os.pathsep.join([p for p in sys.path if p] + [env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
        try:
            process = subprocess.Popen(
                [sys.executable, "-m", "xxgk_lint.audit.worker", str(child.fileno())],
                pass_fds=(child.fileno(),), env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=None if self.debug else subprocess.DEVNULL)
        finally:
            child.close()
        conn = Connection(parent.detach())
        conn.send((self.config, self.debug, self.timeout, self.payload))
        return _Worker(_Process(process), conn)

    def _ready(self, worker: _Worker) -> _Worker:
        try:
            state, detail = worker.conn.recv()
        except (EOFError, OSError):
            state, detail = "failed", f"exit code {worker.process.wait(5)}"
        if state != "ready":
            self._retire(worker, kill=True)
            raise WorkerStartError(f"检查用的工作进程无法启动（{detail}）",
                                   f"a worker process failed to start: {detail}")
        return worker

    def _start_all(self, n: int) -> None:
        launched = []
        for _ in range(n):             # start them all, then wait for each: they boot in parallel
            launched.append(self._launch())
            self._workers.append(launched[-1])
        for worker in launched:
            self._ready(worker)

    def _replace(self, worker: _Worker) -> None:
        self._retire(worker, kill=True)
        fresh = self._launch()
        self._workers.append(fresh)
        self._ready(fresh)

    def _retire(self, worker: _Worker, *, kill: bool) -> None:
        if kill:
            worker.process.kill()
        if worker.process.wait(5) is None:
            worker.process.kill()
            worker.process.wait()
        worker.conn.close()
        if worker in self._workers:
            self._workers.remove(worker)

    # ------------------------------------------------------------ the run

    def _send(self, worker: _Worker, todo: deque, done: dict, on_record) -> bool:
        """Hand the next file to `worker`; False when the worker turned out to be dead (its
        file in hand, if any, is reported as I007 and a new worker takes over)."""
        task = todo.popleft()
        try:
            worker.conn.send(task)
        except OSError:
            todo.appendleft(task)
            if worker.tasks:
                self._lost(worker, done, todo, on_record, died_message(worker.process.wait(5)))
            else:
                self._idle_deaths += 1
                if self._idle_deaths > MAX_IDLE_DEATHS:
                    raise WorkerStartError("检查用的工作进程在领到文件之前反复退出",
                                           "worker processes keep dying before they are given a file") from None
                self._replace(worker)
            return False
        if not worker.tasks:
            worker.head_started = time.monotonic()
        worker.tasks.append(task)
        return True

    def run(self, paths: list[str], on_record: Callable[[T], None] | None = None,
            refused: dict[str, Message] | None = None) -> Generator[T, None, None]:
        """Lint `paths`; yield their payloads in path order (the index is the position in `paths`).
        A path in `refused` is not read: its payload carries that reason as I001."""
        started = time.perf_counter()
        refused = refused or {}
        todo = deque((i, p) for i, p in enumerate(paths) if p not in refused)
        done: dict[int, T] = {}
        emitted = 0
        for index, path in enumerate(paths):
            if path in refused:
                self._finish(index, self._not_checked(index, path, "I001", refused[path]), done, on_record)
        try:
            if todo and can_fork():
                self.linter.prepare(p for _, p in todo)     # imported once, shared by the forked workers
            self._start_all(min(self.jobs, len(todo)))
            while emitted < len(paths):
                for worker in list(self._workers):
                    while todo and len(worker.tasks) < PREFETCH:
                        if not self._send(worker, todo, done, on_record):
                            break
                busy = [w for w in self._workers if w.tasks]
                now = time.monotonic()
                wait_for = min((w.head_started + self.limit - now for w in busy), default=0.0)
                ready = wait([w.conn for w in busy], timeout=max(0.0, wait_for)) if busy else []
                for worker in [w for w in busy if w.conn in ready]:
                    self._receive(worker, done, todo, on_record)
                now = time.monotonic()
                for worker in [w for w in self._workers if w.tasks and now - w.head_started > self.limit]:
                    self._hung(worker, done, todo, on_record)
                while emitted in done:
                    yield done.pop(emitted)
                    emitted += 1
        finally:
            self._shutdown()
            self.stats.files = len(paths)
            self.stats.seconds = time.perf_counter() - started

    def _not_checked(self, index: int, path: str, code: str, message: Message, seconds: float = 0.0) -> T:
        return self.payload.not_checked(self.linter, self.config, index, path, code, message, seconds)

    def _finish(self, index: int, item: T, done: dict[int, T], on_record: Callable[[T], None] | None) -> None:
        done[index] = item
        if on_record is not None:
            on_record(item)

    def _receive(self, worker: _Worker, done: dict, todo: deque, on_record) -> None:
        try:
            item = worker.conn.recv()
        except (EOFError, OSError):
            # The worker died (crash, out of memory): its current file is reported, the
            # files queued behind it go back to the queue, and a new worker takes over.
            self._lost(worker, done, todo, on_record, died_message(worker.process.wait(5)))
            return
        except Exception as exc:  # noqa: BLE001 — e.g. a plugin's finding that cannot be unpickled
            self._lost(worker, done, todo, on_record, Message(
                f"工作进程返回的检查结果无法读取（{type(exc).__name__}: {exc}），其他文件不受影响",
                f"the worker's result for this file could not be read ({type(exc).__name__}: {exc}); "
                "other files are unaffected"))
            return
        index, _ = worker.tasks.popleft()
        worker.head_started = time.monotonic()
        self._finish(index, item, done, on_record)

    def _lost(self, worker: _Worker, done: dict, todo: deque, on_record, message: Message) -> None:
        index, path = worker.tasks.popleft()
        self._finish(index, self._not_checked(index, path, "I007", message), done, on_record)
        todo.extendleft(reversed(worker.tasks))
        self._replace(worker)

    def _hung(self, worker: _Worker, done: dict, todo: deque, on_record) -> None:
        index, path = worker.tasks.popleft()
        self.stats.killed += 1
        self._finish(index, self._not_checked(index, path, "I008", timeout_message(self.timeout), self.limit),
                     done, on_record)
        todo.extendleft(reversed(worker.tasks))
        self._replace(worker)

    def _shutdown(self) -> None:
        for worker in list(self._workers):
            try:
                if not worker.tasks and worker.process.alive():
                    worker.conn.send(None)
                    if worker.conn.poll(10):
                        message = worker.conn.recv()
                        if isinstance(message, tuple) and message[0] == "peak_rss_kb":
                            self.stats.worker_peak_rss_kb.append(message[1])
                    self._retire(worker, kill=False)
                    continue
            except (EOFError, OSError):
                pass
            self._retire(worker, kill=True)
