"""`xxgk-lint audit DIR...`: bulk audit of many reports (a county's 政务公开办 checking every organ).

Walks the folders for every report kind, lints in parallel worker processes with a per-file
timeout, checks reports against each other (X101 carry-over, X102 内容雷同, X103 duplicates),
prints one row per report (worst first) and totals per rule, and writes exports by
extension (--export FILE, repeatable: .xlsx .csv .json .html). A file that cannot be read
never stops the run: it is listed as 无法检查 with the reason.

--roster FILE lists the organs that must report: the summary and every export then name
未报送, 名单外 and duplicate reports. --db FILE.sqlite keeps every audited report in a history
database, and X101/X102 compare with the stored other years of the same organs (see
`xxgk-lint history`). Both can be set once in the configuration (`roster`, `db`).

Exit codes as for `check`: 0 nothing at or above fail-on, 1 findings or a file not checked,
2 usage or configuration error.
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
from typing import TYPE_CHECKING

from .options import (add_config_options, add_worker_options, config_from_args, fail, print_config_warnings,
                      selection_problem)

if TYPE_CHECKING:
    from ..audit.roster import Roster
    from ..config import Config
    from ..engine import Linter
    from ..files import Found
    from ..history.store import Store

    from rich.progress import TaskID


def register(sub) -> None:
    p = sub.add_parser(
        "audit", help="批量审核多份报告 / bulk audit of many reports",
        description="批量检查文件夹中的全部年度报告，跨报告比对（上年结转、内容雷同、重复报告），"
                    "汇总并导出 .xlsx/.csv/.json/.html / audit every report under the folders, "
                    "compare reports with each other, summarise and export")
    p.add_argument("paths", nargs="+", metavar="PATH", help="文件夹或文件 / folders or files")
    run = p.add_argument_group("运行 / run")
    add_worker_options(run)
    run.add_argument("--honour-inline-suppressions", action="store_true",
                     help="采纳被审核文件中的 xxgk-lint: disable 注释（默认不采纳） / honour inline "
                          "`xxgk-lint: disable` comments in the audited files (ignored by default)")
    out = p.add_argument_group("输出 / output")
    out.add_argument("--export", action="append", default=[], metavar="FILE",
                     help="导出结果，按扩展名：.xlsx .csv .json .html，可重复 / export by extension, repeatable")
    out.add_argument("--quiet", "-q", action="store_true",
                     help="终端只显示合计，不逐份列出 / print only the totals")
    out.add_argument("--show-suppressed", action="store_true",
                     help="终端中逐条显示已豁免问题的说明（导出总是列出） / show each suppressed finding's "
                          "message in the terminal (exports always list them)")
    out.add_argument("--overrides", metavar="FILE", help="豁免/调级文件（每项须写明理由） / overrides file")
    county = p.add_argument_group("名单与历史 / roster and history")
    county.add_argument("--roster", metavar="FILE",
                        help="应报送机关名单（.csv .xlsx .txt），列出未报送、名单外和重复报送 / "
                             "the organs that must report: lists missing, unlisted and duplicate reports")
    county.add_argument("--db", metavar="FILE.sqlite",
                        help="历史数据库：保存本次结果，并与库中同一机关其他年度的报告比对 / history database: "
                             "store this run and compare with the stored other years of the same organs")
    add_config_options(p)


def run(args: argparse.Namespace) -> int:
    from .. import paths
    from ..audit.exports import check_export_path
    from ..audit.roster import load_roster
    from ..audit.runner import walk
    from ..engine import Linter
    from ..history.store import open_store
    from ..model import Message, UserError
    from ..outputs import check_output_path
    from ..readers import LEGACY_EXTENSIONS, SUPPORTED_EXTENSIONS

    lang = args.lang or "zh"
    if "-" in args.paths:
        return fail(Message("audit 只检查文件和文件夹，不读标准输入（请用 check -）",
                            "audit reads files and folders, not standard input (use check -)"), lang)
    try:
        cfg = config_from_args(args)
        for path in args.export:
            check_export_path(path)
            check_output_path(path, option="--export", inputs=args.paths,
                              read_kinds=SUPPORTED_EXTENSIONS + LEGACY_EXTENSIONS)
        linter = Linter(cfg, debug=args.debug, keep_data=True)
        roster_path = args.roster or cfg.roster
        roster = load_roster(roster_path) if roster_path else None
        found = walk(args.paths)                                # the run's one walk of the folders
        mistake = selection_problem(cfg, linter.rules) or paths.problem(args.paths, found)
        if mistake is not None:
            return fail(mistake, cfg.lang)
        db_path = args.db or cfg.db
        store = open_store(db_path) if db_path else None       # checked before any file is read
    except UserError as exc:
        return fail(exc.message, lang)
    if args.honour_inline_suppressions:
        cfg.audit_inline_suppressions = True
    print_config_warnings(cfg, args.verbose)
    try:
        return _audit(args, cfg, linter, roster, store, found)
    finally:
        if store is not None:
            store.close()


def _audit(args: argparse.Namespace, cfg: "Config", linter: "Linter", roster: "Roster | None",
           store: "Store | None", found: "Found") -> int:
    from ..audit import run_audit
    from ..audit.exports import export
    from ..audit.summary import render, roster_lines, totals_sentence
    from ..model import Message, UserError
    from ..reporters import is_terminal

    progress = _Progress(cfg.lang) if is_terminal(sys.stderr) else None
    previous = signal.signal(signal.SIGTERM, _terminated)
    try:
        audit = run_audit(args.paths, cfg, jobs=args.jobs, timeout=args.timeout, debug=args.debug,
                          linter=linter, overrides=args.overrides,
                          on_start=progress.start if progress else None,
                          on_record=progress.advance if progress else None,
                          roster=roster, store=store, found=found)
    except UserError as exc:
        return fail(exc.message, cfg.lang)
    except Terminated:
        return 128 + signal.SIGTERM
    finally:
        signal.signal(signal.SIGTERM, previous)
        if progress is not None:
            progress.stop()

    if args.quiet:
        for line in roster_lines(audit, cfg.lang):
            print(line)
        print(totals_sentence(audit, cfg.lang))
    else:
        render(audit, sys.stdout, color=is_terminal(sys.stdout), show_suppressed=args.show_suppressed)
    for path in args.export:
        try:
            export(audit, path)
        except OSError as exc:
            return fail(Message(f"--export {path}：无法写入（{exc.strerror or exc}）",
                                f"--export {path}: cannot write ({exc.strerror or exc})"), cfg.lang)
        print(("已导出 " if cfg.lang == "zh" else "exported ") + path, file=sys.stderr)
    if store is not None:
        print(("已存入历史数据库 " if cfg.lang == "zh" else "stored in the history database ") + str(store.path),
              file=sys.stderr)
    return audit.exit_code()


class Terminated(BaseException):
    """SIGTERM reached the audit: unwinding runs the pool's shutdown, which ends the workers."""


def _terminated(signum, frame):
    raise Terminated()


class _Progress:
    """A rich progress bar on standard error (only when it is a terminal).

    Redrawn as files finish, not by rich's refresh thread: with a single thread the audit
    can fork its workers (see audit/runner.py), which start at once."""

    REDRAW = 0.1     # seconds between redraws

    def __init__(self, lang: str):
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                                   TimeRemainingColumn)

        self.lang = lang
        self.bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                            TimeElapsedColumn(), TimeRemainingColumn(), TextColumn("{task.fields[current]}"),
                            console=Console(stderr=True), transient=True, auto_refresh=False)
        self.task: TaskID | None = None
        self.drawn = 0.0

    def start(self, total: int) -> None:
        self.bar.start()
        self.task = self.bar.add_task("检查中" if self.lang == "zh" else "checking", total=total, current="")

    def advance(self, record) -> None:
        from ..terminal_text import terminal_safe

        if self.task is None:
            return
        self.bar.update(self.task, advance=1, current=terminal_safe(record.path[-50:], markup=True))
        now = time.monotonic()
        if now - self.drawn >= self.REDRAW:
            self.drawn = now
            self.bar.refresh()

    def stop(self) -> None:
        self.bar.stop()
