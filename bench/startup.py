"""Start-up benchmark: `xxgk-lint --version` against a bare `python -c pass`, measured in one run.

The CLI runs as a pre-commit hook, so its start-up must stay within 3× of the interpreter's
own. Prints the minimum wall time of each over N runs and the ratio.

    python bench/startup.py [--runs 30]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

TARGET_RATIO = 3.0


def best_of(cmd: list[str], runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    script = shutil.which("xxgk-lint", path=str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"])
    if script is None:
        print("xxgk-lint is not installed in this environment", file=sys.stderr)
        return 2
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "xxgk-lint --version": [script, "--version"],
        "xxgk-lint --help": [script, "--help"],
    }
    for cmd in commands.values():  # warm the file cache
        subprocess.run(cmd, stdout=subprocess.DEVNULL)
    times = {name: best_of(cmd, args.runs) for name, cmd in commands.items()}
    base = times["python -c pass"]
    for name, t in times.items():
        print(f"{name:24s} {t * 1000:7.1f} ms   {t / base:4.2f}×")
    ratio = times["xxgk-lint --version"] / base
    verdict = "OK" if ratio <= TARGET_RATIO else "TOO SLOW"
    print(f"--version / python -c pass = {ratio:.2f}× (target ≤ {TARGET_RATIO}×): {verdict}")
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
