"""History database benchmark (not a timed test): 10,000 stored reports, the database's size,
what `audit --db` adds per report, and how fast `history` answers — all measured in one run.

    python bench/history_bench.py [--organs 1000] [--years 10] [--jobs 2] [--repeat 3] [--out DIR]

1. Generates `organs × years` YAML reports (made-up county organs and consistent figures, as
   in audit_bench.py, with the same planted defects, carry-over chained year to year) and
   audits each year's folder into one database with `xxgk-lint audit --db` — the way a county
   fills it, one run per year. Reports the database size.
2. Overhead of --db, measured two ways on the last year's folder (`organs` reports), against
   the database already holding every year:
   a. end to end: `xxgk-lint audit` without and with --db (the re-audit replaces the stored
      rows), alternately, `repeat` times each: median wall time, and median CPU time of the
      whole process tree (parent and workers), which a loaded machine disturbs less;
   b. the database work alone, in-process: reading the stored other years of the audited
      organs (`Store.references`), the cross-report checks with them (less the same checks
      without them, which every audit runs), and `Store.save`.
   Goal: under 10 % of the audit's own time per report.
3. `history` for one organ (and the overview of all organs) in-process, median of 20; and the
   CLI `xxgk-lint history --db FILE ORGAN` wall time next to `xxgk-lint --version`, since a
   command's wall time includes the interpreter's start-up. Goal: under 100 ms for one organ.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
import audit_bench  # noqa: E402  (the report generator and the process-tree measurement)

FIRST_YEAR = 2015
GOAL_OVERHEAD = 0.10
GOAL_HISTORY_MS = 100


def generate(root: Path, organs: int, years: int, seed: int = 2015) -> tuple[list[Path], list[str]]:
    """One folder of YAML reports per year; the organ names."""
    rng = random.Random(seed)
    sample = audit_bench.make_documents.load(audit_bench.SAMPLE)
    names: list[tuple[str, str]] = []
    seen: set[str] = set()
    source = audit_bench._organs(rng)
    while len(names) < organs:
        organ, level = next(source)
        if organ not in seen:
            seen.add(organ)
            names.append((organ, level))
    plan = audit_bench.Plan()
    folders = []
    carried: dict[str, dict] = {}
    for year in range(FIRST_YEAR, FIRST_YEAR + years):
        folder = root / str(year)
        folder.mkdir(parents=True)
        for i, (organ, level) in enumerate(names):
            r = audit_bench._report(sample, organ, level, year, carried.get(organ, {}), rng)
            carried[organ] = dict(r["tables"]["applications"]["carried_forward"])
            audit_bench._plant(r, plan, rng, has_previous=year > FIRST_YEAR)
            plan.reports.append(r)
            del plan.reports[:-200]                   # _plant copies text from recent reports only
            (folder / f"{i:05d}.yaml").write_text(audit_bench._yaml(r), encoding="utf-8")
        folders.append(folder)
    return folders, [organ for organ, _ in names]


def wall(cmd: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed:\n{done.stderr}")
    return time.perf_counter() - start


def in_process_db_cost(folder: Path, db: Path, jobs: int) -> tuple[float, float, int]:
    """(seconds of database work, seconds of the audit without it, reports) for one folder."""
    from xxgk_lint.audit import run_audit
    from xxgk_lint.audit.crosscheck import crosscheck
    from xxgk_lint.config import Config
    from xxgk_lint.history.store import open_store

    config = Config()
    start = time.perf_counter()
    audit = run_audit([str(folder)], config, jobs=jobs)
    audit_seconds = time.perf_counter() - start
    start = time.perf_counter()
    crosscheck(audit.records, audit.rules, config)             # what the audit does anyway
    crosscheck_alone = time.perf_counter() - start
    with open_store(db) as store:
        start = time.perf_counter()
        references = store.references(audit.records, first_index=len(audit.records))
        crosscheck(audit.records, audit.rules, config, references)
        store.save(audit, [str(folder)], time.time())
        db_seconds = time.perf_counter() - start - crosscheck_alone
    return db_seconds, audit_seconds, len(audit.records)


def median_ms(fn, runs: int = 20) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--organs", type=int, default=1000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, help="work folder (default: a temporary folder, removed)")
    args = parser.parse_args()
    base = args.out or Path(tempfile.mkdtemp(prefix="xxgk-history-bench-"))
    audit_bench.compile_bytecode()
    try:
        return run(base, args)
    finally:
        if args.out is None:
            shutil.rmtree(base, ignore_errors=True)


def run(base: Path, args) -> int:
    from xxgk_lint.history.store import open_store
    from xxgk_lint.history.views import organ_view, overview

    xxgk = [sys.executable, "-m", "xxgk_lint"]
    start = time.perf_counter()
    folders, organs = generate(base / "reports", args.organs, args.years)
    print(f"generated {args.organs * args.years} reports in {time.perf_counter() - start:.1f} s", file=sys.stderr)

    db = base / "history.sqlite"
    fill = 0.0
    for folder in folders:
        fill += wall(xxgk + ["audit", str(folder), "--db", str(db), "--isolated", "-q", "-j", str(args.jobs)])
        print(f"stored {folder.name}", file=sys.stderr)
    with open_store(db) as store:
        stored = store.conn.execute("SELECT count(*) FROM reports").fetchone()[0]
        findings = store.conn.execute("SELECT count(*) FROM findings").fetchone()[0]
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size_mb = db.stat().st_size / 1e6

    last = folders[-1]
    plain, with_db = [], []
    for _ in range(args.repeat):
        plain.append(audit_bench.measure(xxgk + ["audit", str(last), "--isolated", "-q", "-j", str(args.jobs)]))
        with_db.append(audit_bench.measure(xxgk + ["audit", str(last), "--db", str(db), "--isolated", "-q",
                                                   "-j", str(args.jobs)]))
    t_plain, t_db = (statistics.median(m.seconds for m in runs) for runs in (plain, with_db))
    cpu_plain, cpu_db = (statistics.median(m.cpu_seconds for m in runs) for runs in (plain, with_db))
    db_seconds, audit_seconds, n = in_process_db_cost(last, db, args.jobs)

    with open_store(db, create=False) as store:
        organ = organs[len(organs) // 2]
        one_ms = median_ms(lambda: organ_view(store, organ, "zh"))
        all_ms = median_ms(lambda: overview(store, "zh"), runs=5)
        rows = len(organ_view(store, organ, "zh").header) - 1
    cli_ms = statistics.median(wall(xxgk + ["history", "--db", str(db), organ, "--isolated"]) for _ in range(5)) * 1000
    version_ms = statistics.median(wall(xxgk + ["--version"]) for _ in range(5)) * 1000

    per_report = t_plain / n * 1000
    lines = [
        f"History database: {stored} stored reports ({args.organs} organs × {args.years} years), {findings} findings; "
        f"filled by {args.years} audits in {fill:.1f} s; database size {size_mb:.1f} MB "
        f"({size_mb * 1e3 / stored:.1f} KB per report). Audits with --jobs {args.jobs}.",
        "",
        "| measure | value | goal |",
        "|---|---:|---:|",
        f"| audit of {n} YAML reports, without --db (median of {args.repeat}) | {t_plain:.2f} s "
        f"({per_report:.2f} ms/report) | |",
        f"| same audit with --db into the full database (median of {args.repeat}) | {t_db:.2f} s "
        f"({t_db / n * 1000:.2f} ms/report) | |",
        f"| --db overhead, end to end, wall time | {(t_db - t_plain) / n * 1000:+.3f} ms/report = "
        f"{(t_db - t_plain) / t_plain:+.1%} | < {GOAL_OVERHEAD:.0%} |",
        f"| --db overhead, end to end, CPU time of the process tree ({cpu_plain:.2f} s → {cpu_db:.2f} s) | "
        f"{(cpu_db - cpu_plain) / n * 1000:+.3f} ms/report = {(cpu_db - cpu_plain) / cpu_plain:+.1%} | "
        f"< {GOAL_OVERHEAD:.0%} |",
        f"| --db work alone (read stored years, X101/X102 with them, save) | {db_seconds / n * 1000:.3f} ms/report "
        f"= {db_seconds / audit_seconds:.1%} of the in-process audit ({audit_seconds / n * 1000:.2f} ms/report) "
        f"| < {GOAL_OVERHEAD:.0%} |",
        f"| history of one organ ({rows} years), in-process (median of 20) | {one_ms:.1f} ms "
        f"| < {GOAL_HISTORY_MS} ms |",
        f"| history overview of {args.organs} organs, in-process (median of 5) | {all_ms:.0f} ms | |",
        f"| `xxgk-lint history --db FILE ORGAN`, whole command (median of 5) | {cli_ms:.0f} ms | |",
        f"| `xxgk-lint --version`, for the interpreter's start-up (median of 5) | {version_ms:.0f} ms | |",
    ]
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
