"""An audit worker process: forked from the parent, or `python -m xxgk_lint.audit.worker FD`.

`runner.Pool` forks its workers when the parent has a single thread (they start at once and
share the loaded rules), and otherwise starts this module as a plain subprocess (not through
multiprocessing's spawn, which re-imports the caller's main script and so breaks scripts
without a ``__main__`` guard). Either way the worker talks to the parent over a socket with
`multiprocessing.connection.Connection`:

    parent → worker: (config, debug, timeout, payload) [subprocess only], (index, path) per
                     file, None
    worker → parent: ("ready", None) or ("failed", traceback), then one payload per file (a
                     ReportRecord for an audit, a FileResult for `check`, see runner.Payload),
                     then ("peak_rss_kb", n) before exiting

Each file runs under an interval timer (`time_limit`, which `check` also uses when it lints
in its own process): past `timeout` seconds it is abandoned and reported as I008 (the parent
kills the worker if even that does not get through).
"""

from __future__ import annotations

import gc
import signal
import sys
import threading
import time
from contextlib import contextmanager
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any, Iterator

if TYPE_CHECKING:
    from ..config import Config
    from ..engine import Linter
    from .runner import Payload


class FileTimeout(BaseException):
    """Raised by the timer inside a file's check. A BaseException, so that the engine's
    `except Exception` (one bad file never stops a run) does not turn it into I007."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise FileTimeout inside the block once it has run `seconds`. Only where a signal can
    be delivered to the block: the main thread, on a system with interval timers (not
    Windows); elsewhere the block runs without a limit."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return
    armed = True

    def on_alarm(signum, frame):
        if armed:                     # a tick that arrives after the block is over is ignored
            raise FileTimeout()

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def serve(conn: Connection, linter: "Linter", config: "Config", timeout: float, payload: "Payload[Any]") -> None:
    """The worker's loop: one (index, path) in, one payload out, until None."""
    import resource

    from .runner import timeout_message

    tune_gc()
    limit_memory(config.worker_memory_mb)
    while True:
        task = conn.recv()
        if task is None:
            break
        index, path = task
        start = time.perf_counter()
        try:
            with time_limit(timeout):
                item = payload.of(index, linter.lint_file(path))
        except FileTimeout:
            item = payload.not_checked(linter, config, index, path, "I008", timeout_message(timeout))
        payload.took(item, time.perf_counter() - start)
        conn.send(item)
    conn.send(("peak_rss_kb", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))


def tune_gc() -> None:
    """Garbage collection for a process about to lint many files.

    The rules, the spec and the imports stay for the process's whole life: frozen, the
    collector no longer traverses them. A first threshold above the default 700 keeps it from
    running every few hundred of a report's short-lived objects (9 % of `check`'s CPU on 400
    YAML reports); the other two stay at their defaults, so that the cyclic garbage PDF
    parsing leaves is still freed soon (measured: with rarer full collections a PDF worker
    grew by 45 MB)."""
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)


def limit_memory(megabytes: float) -> None:
    """Cap this worker's address space: a file that needs more fails with MemoryError (reported
    for that file) instead of taking the machine; a native allocation failure kills only this
    worker, and the parent reports its file as I007."""
    import resource

    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = int(megabytes * 1024 * 1024)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def die_with_parent() -> None:
    """Ask Linux to kill this worker when the audit's parent process dies, however it dies."""
    import ctypes

    PR_SET_PDEATHSIG = 1
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):       # not Linux: the parent's shutdown still ends workers
        pass


def forked(conn: Connection, inherited: list[Connection], linter: "Linter", config: "Config", timeout: float,
           debug: bool, payload: "Payload[Any]") -> None:
    """Entry point of a worker forked from the parent, which already loaded the rules."""
    import os

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    die_with_parent()
    for other in inherited:            # the parent's ends of the other workers' pipes
        other.close()
    if not debug:                      # library warnings must not cut through the parent's output
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
    conn.send(("ready", None))
    try:
        serve(conn, linter, config, timeout, payload)
    except EOFError:
        pass
    finally:
        conn.close()


def _subprocess_worker(conn: Connection) -> None:
    import traceback

    from ..engine import Linter

    config, debug, timeout, payload = conn.recv()
    try:
        linter = Linter(config, debug=debug, keep_data=payload.keep_data)
    except Exception:  # noqa: BLE001 — reported to the parent, which stops the run with it
        conn.send(("failed", traceback.format_exc()))
        return
    conn.send(("ready", None))
    serve(conn, linter, config, timeout, payload)


def main(argv: list[str]) -> int:
    signal.signal(signal.SIGINT, signal.SIG_IGN)     # Ctrl-C reaches the whole group: the parent decides
    die_with_parent()
    conn = Connection(int(argv[0]))
    try:
        _subprocess_worker(conn)
    except EOFError:                                  # the parent went away
        return 0
    finally:
        conn.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
