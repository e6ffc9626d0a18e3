"""The web checker's time limits, in-process: the timer inside the worker (I008), and a worker
stuck where no signal reaches it — replaced at once for new checks, then killed."""

from __future__ import annotations

import asyncio
import signal
import time
from pathlib import Path

import pytest

pytest.importorskip("starlette")

from xxgk_lint.engine import Linter  # noqa: E402
from xxgk_lint.web.checker import Checker, check_upload  # noqa: E402

SEED = Path(__file__).resolve().parent / "fixtures" / "seed" / "jianning-suixi-2021.txt"


def stuck_on_request(name: str, data: bytes, timeout: float):
    """A check that never returns when asked to, deaf to the timer (as C code can be)."""
    if name == "stuck.txt":
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(3600)
    return check_upload(name, data, timeout)


def test_a_worker_past_the_hard_limit_is_reported_replaced_and_killed():
    checker = Checker(Linter(), jobs=1, timeout=1.0, task=stuck_on_request)

    async def scenario():
        first_pool = checker._pool
        checker.warm_up()
        ticks = 0

        async def event_loop_stays_free():
            nonlocal ticks
            while True:
                await asyncio.sleep(0.1)
                ticks += 1

        ticker = asyncio.get_running_loop().create_task(event_loop_stays_free())
        stuck = await checker.check("stuck.txt", b"")
        ticker.cancel()
        assert ticks >= 20          # the loop ran on through the hard limit (1.5 × 1 s + 2 s)
        processes = list(first_pool._processes.values())
        after = await checker.check(SEED.name, SEED.read_bytes())
        for _ in range(200):               # the stuck worker is killed once nothing else runs there
            if not any(p.is_alive() for p in processes):
                break
            await asyncio.sleep(0.05)
        return stuck, after, processes

    try:
        stuck, after, processes = asyncio.run(scenario())
    finally:
        checker.close()
    assert [d.code for d in stuck.result.diagnostics] == ["I008"]
    assert not stuck.result.checked
    assert after.result.checked and after.result.diagnostics          # the next upload is checked
    assert processes and not any(p.is_alive() for p in processes)


def test_the_timer_inside_the_worker_reports_i008():
    checker = Checker(Linter(), jobs=1, timeout=0.001)
    try:
        checked = asyncio.run(checker.check(SEED.name, SEED.read_bytes()))
    finally:
        checker.close()
    assert [d.code for d in checked.result.diagnostics] == ["I008"]
