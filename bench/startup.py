"""Start-up benchmark: `xxgk-lint --version`, `--help` and every command's `--help` against a
bare `python -c pass`, all measured in one run.

The CLI runs as a pre-commit hook and a clerk types its `--help`, so start-up must stay within
2× of the interpreter's own (issue 18). Prints the median wall time of each over N runs (the
runs interleaved, so that a load change on the machine touches all of them alike) and its ratio
to `python -c pass`.

    python bench/startup.py [--runs 21]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from audit_bench import compile_bytecode     # as `pip install` leaves it, whatever PYTHONDONTWRITEBYTECODE says

TARGET_RATIO = 2.0
BASE = "python -c pass"


def commands(script: str) -> dict[str, list[str]]:
    from xxgk_lint.cli import COMMANDS

    out = {BASE: [sys.executable, "-c", "pass"],
           "xxgk-lint --version": [script, "--version"],
           "xxgk-lint --help": [script, "--help"]}
    for name in COMMANDS:
        out[f"xxgk-lint {name} --help"] = [script, name, "--help"]
    return out


def wall_time(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    script = shutil.which("xxgk-lint", path=str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"])
    if script is None:
        print("xxgk-lint is not installed in this environment", file=sys.stderr)
        return 2
    compile_bytecode()
    todo = commands(script)
    for cmd in todo.values():  # warm the file cache
        subprocess.run(cmd, stdout=subprocess.DEVNULL)
    samples: dict[str, list[float]] = {name: [] for name in todo}
    for _ in range(args.runs):
        for name, cmd in todo.items():
            samples[name].append(wall_time(cmd))
    medians = {name: statistics.median(times) for name, times in samples.items()}
    base = medians[BASE]
    worst = max(t / base for name, t in medians.items() if name != BASE)
    for name, t in medians.items():
        print(f"{name:30s} {t * 1000:7.1f} ms   {t / base:4.2f}×")
    verdict = "OK" if worst <= TARGET_RATIO else "TOO SLOW"
    print(f"slowest / {BASE} = {worst:.2f}× (target ≤ {TARGET_RATIO}×, median of {args.runs}): {verdict}")
    return 0 if worst <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
