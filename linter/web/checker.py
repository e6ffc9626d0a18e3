"""Checking uploads off the event loop, in worker processes that load the rules once.

Each upload is checked in a worker process (never in the server's event loop, so one slow
PDF does not hold up anyone else) under the same per-file time limit as `audit`: an interval
timer inside the worker interrupts Python code after `timeout` seconds, and the server stops
waiting after `runner.hard_limit(timeout)` in case the worker is stuck where no signal gets
through; either way the file is reported as I008. The bytes travel to the worker through
the pool's pipe: no upload is written to disk.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import signal
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from ..model import FileResult, Message

if TYPE_CHECKING:
    from ..config import Config
    from ..engine import Linter


@dataclass
class Checked:
    """One upload's result: the `FileResult` (with data and lines) and the extracted YAML."""
    result: FileResult
    yaml: str | None = None


class _Timeout(BaseException):
    """Raised by the timer inside a check. A BaseException, so that the engine's
    `except Exception` (one bad file never stops a run) does not turn it into I007."""


# ---------------------------------------------------------------- the worker side

# No interval timer on Windows (a clerk may run the page on her own PC): there the server's
# hard limit alone ends a check that takes too long.
HAS_TIMER = hasattr(signal, "setitimer")

_linter: "Linter | None" = None


def _start_worker(config: "Config", debug: bool) -> None:
    """Pool initializer: the rules are loaded once per worker process."""
    global _linter
    from ..engine import Linter

    signal.signal(signal.SIGINT, signal.SIG_IGN)     # Ctrl-C stops the server, which stops us

    def on_alarm(signum, frame):
        raise _Timeout()

    if HAS_TIMER:
        signal.signal(signal.SIGALRM, on_alarm)
    _linter = Linter(config, debug=debug, keep_data=True)


def extracted_yaml(name: str, data: bytes) -> str:
    """What `xxgk-lint extract` writes for this file."""
    from ..report_yaml import to_yaml
    from ..extract import extract
    from ..model import Report
    from ..readers import read

    document = read(name, data)
    report = document if isinstance(document, Report) else extract(document)
    return to_yaml(report)


def check_upload(name: str, data: bytes, timeout: float) -> Checked:
    """Lint one upload in this worker (`name` only picks the reader and labels the result)."""
    from ..audit.record import input_diagnostic
    from ..audit.runner import timeout_message

    assert _linter is not None, "the pool initializer did not run"
    if HAS_TIMER:
        signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        result = _linter.lint_file(name, data)
        yaml = None
        if result.checked:
            try:
                yaml = extracted_yaml(name, data)
            except Exception:  # noqa: BLE001 — the findings stand without the YAML download
                yaml = None
        return Checked(result, yaml)
    except _Timeout:
        return Checked(FileResult(path=name, kind=None, checked=False, diagnostics=[input_diagnostic(
            _linter.rules, _linter.config, name, "I008", timeout_message(timeout))]))
    finally:
        if HAS_TIMER:
            signal.setitimer(signal.ITIMER_REAL, 0)


# ---------------------------------------------------------------- the server side

class Checker:
    """A pool of `jobs` worker processes. Workers are started fresh (spawn), not forked
    from the server, which has threads by the time a request arrives.

    A worker stuck past the hard limit (where the timer cannot reach it) is not left to
    hold its slot: new checks go to a fresh pool at once, and the old pool's processes are
    killed as soon as the other checks it was running have ended."""

    def __init__(self, linter: "Linter", *, jobs: int, timeout: float,
                 task: Callable[[str, bytes, float], Checked] = check_upload):
        self.linter = linter            # the server's own: its rules and config, never run here
        self.jobs = max(1, jobs)
        self.timeout = timeout
        self.task = task
        self._pool = self._new_pool()
        self._running: dict[ProcessPoolExecutor, set[asyncio.Future]] = {self._pool: set()}
        self._retiring: set[asyncio.Task] = set()

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.jobs, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_start_worker,
                                   initargs=(self.linter.config, self.linter.debug))

    def warm_up(self) -> None:
        """Start the workers now rather than at the first upload (the pool starts them lazily)."""
        for _ in range(self.jobs):
            self._pool.submit(int)

    async def check(self, name: str, data: bytes) -> Checked:
        from ..audit.record import input_diagnostic
        from ..audit.runner import hard_limit, timeout_message

        loop = asyncio.get_running_loop()
        pool = self._pool
        future = loop.run_in_executor(pool, self.task, name, data, self.timeout)
        self._running[pool].add(future)
        try:
            return await asyncio.wait_for(asyncio.shield(future), hard_limit(self.timeout))
        except TimeoutError:
            code, message = "I008", timeout_message(self.timeout)
            self._retire(pool, stuck=future)
        except BrokenProcessPool:
            # A worker died (crash, out of memory): this upload is reported, the next ones
            # get a fresh pool.
            code, message = "I007", Message("检查该文件时工作进程意外退出，请稍后重试或联系管理员",
                                            "the worker process died while checking this file; "
                                            "try again later or tell the administrator")
            self._retire(pool)
        finally:
            self._running.get(pool, set()).discard(future)
        diagnostic = input_diagnostic(self.linter.rules, self.linter.config, name, code, message)
        return Checked(FileResult(path=name, kind=None, checked=False, diagnostics=[diagnostic]))

    def _retire(self, pool: ProcessPoolExecutor, stuck: asyncio.Future | None = None) -> None:
        """Replace `pool` for new checks; kill its processes once its other checks are done."""
        if pool is not self._pool:
            return                       # already replaced by a concurrent failure
        self._pool = self._new_pool()
        self._running[self._pool] = set()
        others = {f for f in self._running.pop(pool, set()) if f is not stuck}

        async def kill_when_done() -> None:
            if others:
                await asyncio.wait(others)
            _kill(pool)

        task = asyncio.get_running_loop().create_task(kill_when_done())
        self._retiring.add(task)
        task.add_done_callback(self._retiring.discard)

    def close(self) -> None:
        """Stop the workers: queued checks are dropped, running ones end within the time limit."""
        self._pool.shutdown(wait=True, cancel_futures=True)


def _kill(pool: ProcessPoolExecutor) -> None:
    # The executor has no way to stop a single stuck task: its processes are killed, then
    # the pool is shut down (it notices the dead workers and lets go of them).
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.kill()
    pool.shutdown(wait=False, cancel_futures=True)
