"""`xxgk-lint check PATH...`: lint files and folders (`-` reads standard input)."""

from __future__ import annotations

import argparse

from .options import add_config_options, config_from_args, fail, print_config_warnings, selection_problem



def register(sub) -> None:
    p = sub.add_parser("check", help="检查年度报告 / check reports",
                       description="检查政府信息公开工作年度报告（.docx .pdf .html .txt .md .yaml .json） / check reports")
    from ..run_defaults import REPORTERS

    p.add_argument("paths", nargs="+", metavar="PATH", help="文件、文件夹或 -（标准输入） / files, folders or -")
    out = p.add_argument_group("输出 / output")
    out.add_argument("--format", choices=tuple(REPORTERS),
                     help="输出格式（默认 rich；非终端时为无颜色纯文本） / output format (default rich, plain when not a TTY)")
    out.add_argument("--output-file", "-o", metavar="FILE", help="写入文件而非标准输出 / write to a file")
    out.add_argument("--statistics", action="store_true", help="按规则统计数量 / counts per rule")
    out.add_argument("--no-fix", action="store_true",
                     help="不在每个问题下显示修改建议（配置项 show-fix = false） / hide the how-to-fix line")
    out.add_argument("--show-suppressed", action="store_true", help="显示已豁免的问题 / show suppressed findings")
    out.add_argument("--stdin-filename", metavar="NAME",
                     help="标准输入内容对应的文件名（决定按何种格式读取） / file name for stdin input")
    sup = p.add_argument_group("豁免与基线 / suppressions and baseline")
    sup.add_argument("--overrides", metavar="FILE", help="豁免/调级文件（每项须写明理由） / overrides file")
    sup.add_argument("--baseline", metavar="FILE",
                     help="基线文件：不存在则记录当前问题，存在则只对新问题报错 / baseline file")
    add_config_options(p)


def run(args: argparse.Namespace) -> int:
    from .. import paths
    from ..engine import Linter
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
    mistake = selection_problem(cfg, linter.rules) or paths.problem(args.paths)
    if mistake is not None:
        return fail(mistake, cfg.lang)
    print_config_warnings(cfg, args.verbose)
    results = []
    for path in args.paths:
        if path == "-" and args.stdin_filename:
            results.append(linter.lint_stdin(args.stdin_filename))
        else:
            results.extend(linter.lint_paths([path]))
    try:
        return finish(results, args, cfg, linter.rules, skipped=paths.unsupported(args.paths))
    except UserError as exc:
        return fail(exc.message, cfg.lang)
    except OSError as exc:
        return fail(paths.os_error(str(exc.filename or ""), exc, ("无法写入", "cannot write")), cfg.lang)
