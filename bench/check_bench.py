"""`check` benchmark (not a timed test): `xxgk-lint check` on 400 copies of a YAML report against
check-jsonschema with our schema on the same files, and `check --jobs 1` against the default,
all measured in one run (issue 18: check at least 10× check-jsonschema's files/s).

    python bench/check_bench.py [--copies 400] [--runs 3] [--threshold]

Each command runs `--runs` times, the commands interleaved so that a change of load on the
machine touches all of them alike; the median wall time of each gives its files/s. The
package is byte-compiled first, as `pip install` leaves it (bench/audit_bench.py).

`--threshold` also measures, for 8–256 YAML reports and 8–64 text reports, `check --jobs 2`
in this process against the same with worker processes, to choose `commands/check.py`'s
WORKERS_FROM_MS.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from audit_bench import ROOT, SAMPLE, SCHEMA, compile_bytecode

TARGET = 10.0
# Runs `check` with commands/check.py's threshold set from the first argument.
WITH_THRESHOLD = ("import sys; import xxgk_lint.commands.check as c; c.WORKERS_FROM_MS = float(sys.argv[1]); "
                  "from xxgk_lint.cli import main; sys.exit(main(sys.argv[2:]))")
DOCUMENT = ROOT / "examples" / "jianning-suixi-2021.txt"


def installed(name: str) -> str:
    exe = shutil.which(name, path=str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"])
    if exe is None:
        raise SystemExit(f"{name} is not installed in this environment (pip install -e '.[test]')")
    return exe


def wall_time(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def medians(commands: dict[str, list[str]], runs: int) -> dict[str, float]:
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            samples[name].append(wall_time(cmd))
    return {name: statistics.median(times) for name, times in samples.items()}


def copies(folder: Path, n: int, source: Path = SAMPLE) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    files = [folder / f"report-{i:04d}{source.suffix}" for i in range(n)]
    for f in files:
        shutil.copyfile(source, f)
    return files


def throughput(root: Path, n: int, runs: int) -> bool:
    files = copies(root / "copies", n)
    lint = installed("xxgk-lint")
    commands = {
        "check-jsonschema": [installed("check-jsonschema"), "--schemafile", str(SCHEMA), *map(str, files)],
        "xxgk-lint check": [lint, "check", str(root / "copies"), "--isolated"],
        "xxgk-lint check --jobs 1": [lint, "check", str(root / "copies"), "--isolated", "--jobs", "1"],
    }
    for cmd in commands.values():       # warm the file cache
        wall_time(cmd)
    times = medians(commands, runs)
    rate = {name: n / t for name, t in times.items()}
    print(f"{n} copies of {SAMPLE.name}, median of {runs} runs, {os.cpu_count()} CPUs")
    for name, t in times.items():
        print(f"{name:26s} {t:6.2f} s   {rate[name]:7.1f} files/s")
    ratio = rate["xxgk-lint check"] / rate["check-jsonschema"]
    serial = rate["xxgk-lint check --jobs 1"] / rate["check-jsonschema"]
    speedup = rate["xxgk-lint check"] / rate["xxgk-lint check --jobs 1"]
    print(f"check / check-jsonschema = {ratio:.1f}× (target ≥ {TARGET:g}×): {'OK' if ratio >= TARGET else 'SHORT'}")
    print(f"check --jobs 1 / check-jsonschema = {serial:.1f}×; default / --jobs 1 = {speedup:.2f}×")
    return ratio >= TARGET


def threshold(root: Path, runs: int) -> None:
    """Wall time of `check --jobs 2` on n files, in this process and with workers."""
    print("\nkind  files  in-process  workers   (median ms)")
    for source, sizes in ((SAMPLE, (8, 32, 128, 256)), (DOCUMENT, (8, 16, 32, 64))):
        for n in sizes:
            folder = root / f"{source.suffix[1:]}-{n}"
            copies(folder, n, source)
            base = [str(folder), "--isolated", "--jobs", "2"]
            commands = {"in-process": [sys.executable, "-c", WITH_THRESHOLD, "inf", "check", *base],
                        "workers": [sys.executable, "-c", WITH_THRESHOLD, "0", "check", *base]}
            times = medians(commands, runs)
            print(f"{source.suffix[1:]:5s} {n:5d}  {times['in-process'] * 1000:10.0f}  {times['workers'] * 1000:7.0f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=400)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--threshold", action="store_true", help="also measure where workers start to pay")
    args = parser.parse_args()
    compile_bytecode()
    with tempfile.TemporaryDirectory(prefix="xxgk-check-bench-") as tmp:
        ok = throughput(Path(tmp), args.copies, args.runs)
        if args.threshold:
            threshold(Path(tmp), max(args.runs, 5))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
