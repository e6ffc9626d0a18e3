"""`xxgk-lint check PATH...`: lint files and folders (`-` reads standard input).

Many files are linted by worker processes (`--jobs`, the audit's pool with `FileResult`s as
its payload); a few stay in this process, where starting workers would cost more than they
save (`WORKERS_FROM_MS`). Either way the output is the same, byte for byte, in path order.
"""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING, Generator, Iterator

from .options import (add_config_options, add_worker_options, config_from_args, fail, print_config_warnings,
                      selection_problem)

if TYPE_CHECKING:
    from ..engine import Linter
    from ..files import Found
    from ..model import FileResult

STDIN = "-"
# Worker processes pay off once linting the files in this process would take longer than this.
# Measured on the 2-core reference machine (bench/check_bench.py --threshold): workers cost
# about 0.25 s (importing in the parent, forking, each worker warming up on its first file) and
# a quarter more CPU per file; with both cores free they win from about 0.7 s of serial work.
# (Under a heavy load from other processes they did not win at any size: see README.)
WORKERS_FROM_MS = 700.0
# CPU per file in this process, by extension (warm, the sample report in each kind; a real
# PDF page costs more, an image is read by OCR, a .doc/.wps goes through LibreOffice).
COST_MS = {".yaml": 2.0, ".yml": 2.0, ".json": 2.0, ".pdf": 40.0, ".png": 3000.0, ".jpg": 3000.0,
           ".jpeg": 3000.0, ".tif": 3000.0, ".tiff": 3000.0, ".doc": 2000.0, ".wps": 2000.0, ".dot": 2000.0}
OTHER_COST_MS = 8.0           # .txt .md .html .docx


def estimated_ms(files: list[str]) -> float:
    """About how long linting `files` one by one in this process would take."""
    return sum(COST_MS.get(os.path.splitext(f)[1].lower(), OTHER_COST_MS) for f in files)


def register(sub) -> None:
    p = sub.add_parser("check", help="检查年度报告 / check reports",
                       description="检查政府信息公开工作年度报告（.docx .pdf .html .txt .md .yaml .json） / "
                                   "check reports")
    from ..run_defaults import REPORTERS

    p.add_argument("paths", nargs="+", metavar="PATH", help="文件、文件夹或 -（标准输入） / files, folders or -")
    out = p.add_argument_group("输出 / output")
    out.add_argument("--format", choices=tuple(REPORTERS),
                     help="输出格式（默认 rich；非终端时为无颜色纯文本） / output format "
                          "(default rich, plain when not a TTY)")
    out.add_argument("--output-file", "-o", metavar="FILE", help="写入文件而非标准输出 / write to a file")
    out.add_argument("--statistics", action="store_true", help="按规则统计数量 / counts per rule")
    out.add_argument("--no-fix", action="store_true",
                     help="不在每个问题下显示修改建议（配置项 show-fix = false） / hide the how-to-fix line")
    out.add_argument("--show-suppressed", action="store_true", help="显示已豁免的问题 / show suppressed findings")
    out.add_argument("--stdin-filename", metavar="NAME",
                     help="标准输入内容对应的文件名（决定按何种格式读取） / file name for stdin input")
    run = p.add_argument_group("运行 / run")
    add_worker_options(run, jobs_help="并行进程数（默认 CPU 核数；1 为在本进程中逐个检查；文件少时总在本进程中"
                                      "检查） / worker processes (default: CPU count; 1: one by one in this "
                                      "process; a few files are always checked in this process)")
    sup = p.add_argument_group("豁免与基线 / suppressions and baseline")
    sup.add_argument("--overrides", metavar="FILE", help="豁免/调级文件（每项须写明理由） / overrides file")
    sup.add_argument("--baseline", metavar="FILE",
                     help="基线文件：不存在则记录当前问题，存在则只对新问题报错 / baseline file")
    add_config_options(p)


def run(args: argparse.Namespace) -> int:
    from .. import paths
    from ..engine import Linter, find_report_files
    from ..model import UserError
    from ..outputs import check_output_path
    from ..readers import LEGACY_EXTENSIONS, SUPPORTED_EXTENSIONS
    from ..reporters import finish

    try:
        cfg = config_from_args(args)
        if args.output_file:
            check_output_path(args.output_file, option="--output-file", inputs=args.paths,
                              read_kinds=SUPPORTED_EXTENSIONS + LEGACY_EXTENSIONS)
        linter = Linter(cfg, debug=args.debug)
    except UserError as exc:
        return fail(exc.message, args.lang or "zh")
    found = find_report_files(args.paths)          # the run's one walk of the folders
    mistake = selection_problem(cfg, linter.rules) or paths.problem(args.paths, found)
    if mistake is not None:
        return fail(mistake, cfg.lang)
    print_config_warnings(cfg, args.verbose)
    try:
        results = list(lint(linter, found, args))      # WorkerStartError is a UserError
        return finish(results, args, cfg, linter.rules, skipped=found.ignored)
    except UserError as exc:
        return fail(exc.message, cfg.lang)
    except OSError as exc:
        return fail(paths.os_error(str(exc.filename or ""), exc, ("无法写入", "cannot write")), cfg.lang)


def lint(linter: "Linter", found: "Found", args: argparse.Namespace) -> Iterator["FileResult"]:
    """The results of the walk `found`, in its order: standard input and few files in this
    process, many files by `args.jobs` worker processes, each file within `args.timeout`."""
    from ..audit.runner import RESULTS, Pool, default_jobs
    from ..audit.worker import tune_gc

    files = [p for p in found.paths if p != STDIN]
    jobs = min(args.jobs or default_jobs(), len(files))
    workers: Generator[FileResult, None, None] | None = None
    if jobs > 1 and estimated_ms(files) >= WORKERS_FROM_MS:
        pool = Pool(linter.config, linter, jobs=jobs, timeout=args.timeout, payload=RESULTS, debug=args.debug)
        workers = pool.run(files, refused=found.refused)
    elif len(files) > 1:
        tune_gc()
    try:
        for path in found.paths:
            if path == STDIN:
                yield linter.lint_stdin(args.stdin_filename) if args.stdin_filename else linter.lint_file(STDIN)
            elif workers is not None:
                yield next(workers)
            else:
                yield _in_process(linter, path, found, args.timeout)
    finally:
        if workers is not None:
            workers.close()         # ends the workers now, not when the generator is collected


def _in_process(linter: "Linter", path: str, found: "Found", timeout: float) -> "FileResult":
    from ..audit.runner import RESULTS, timeout_message
    from ..audit.worker import FileTimeout, time_limit

    try:
        with time_limit(timeout):
            return linter.lint_listed(path, found)
    except FileTimeout:
        return RESULTS.not_checked(linter, linter.config, 0, path, "I008", timeout_message(timeout))
