"""Extraction benchmark: reports/second and peak memory per input kind, as a ratio to reading
the same file's bytes, measured in one run.

    python bench/extract_bench.py [--seconds 2]

The sample report (examples/sample-2021.yaml) is rendered into every input kind with the test
fixture renderer; each kind is then read + extracted repeatedly for about --seconds.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "fixtures"))

import make_documents  # noqa: E402  (the test fixture renderer, shared with the tests)

from xxgk_lint.extract import extract  # noqa: E402
from xxgk_lint.model import Report  # noqa: E402
from xxgk_lint.readers import read  # noqa: E402


def rate(fn, seconds: float) -> float:
    fn()  # warm-up: lazy imports, caches
    count, start = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - start) < seconds:
        fn()
        count += 1
    return count / elapsed


def peak_kib(fn) -> float:
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=2.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = {"yaml": ROOT / "examples" / "sample-2021.yaml",
                 **make_documents.render_all(make_documents.DEFAULT_YAML, tmp)}
        print("| kind | size KiB | read bytes /s | read+extract /s | ratio | peak KiB (extract) |")
        print("|---|---:|---:|---:|---:|---:|")
        for kind, path in paths.items():
            def read_bytes(path=path):
                return path.read_bytes()

            def read_extract(path=path):
                result = read(str(path), path.read_bytes())
                return result if isinstance(result, Report) else extract(result)

            raw = rate(read_bytes, args.seconds)
            full = rate(read_extract, args.seconds)
            print(f"| {kind} | {path.stat().st_size / 1024:.1f} | {raw:,.0f} | {full:,.1f} | "
                  f"{raw / full:,.0f}× slower | {peak_kib(read_extract):,.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
