"""`xxgk-lint extract FILE [-o OUT.yaml] [--lang en]`: the structured report read from a document.

Writes the YAML form (the same shape `check` accepts) with a comment beside every value saying
where in the document it was read; `report_yaml.py` renders it. The input file is never written to.
"""

from __future__ import annotations

import argparse
import sys


def register(sub) -> None:
    p = sub.add_parser("extract", help="从文档提取结构化报告（YAML） / extract the structured report as YAML",
                       description="从 .txt/.md/.html/.docx/.pdf 年度报告提取结构化形式（YAML），每个值注明出处 / "
                                   "extract the structured form (YAML) of a report, with the source of every value")
    p.add_argument("file", metavar="FILE", help="年度报告文件 / report file")
    p.add_argument("-o", "--output", metavar="OUT.yaml",
                   help="写入文件而非标准输出 / write to a file instead of stdout")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="注释语言 / language of the comments")


def run(args: argparse.Namespace) -> int:
    from ..outputs import check_output_path
    from ..model import UserError
    from ..paths import os_error
    from .options import fail

    if args.output:
        try:
            check_output_path(args.output, option="-o", inputs=[args.file])
        except UserError as exc:
            return fail(exc.message, args.lang)
    try:
        with open(args.file, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        return fail(os_error(args.file, exc, ("无法读取", "cannot read")), args.lang)

    from ..model import InputProblem, Report
    from ..readers import read

    try:
        document = read(args.file, data)
    except InputProblem as problem:
        print(f"{args.file}: {problem.code} {problem.message.text(args.lang)}", file=sys.stderr)
        return 1
    if isinstance(document, Report):
        report = document
    else:
        from ..extract import extract

        report = extract(document)
        report.notes[:0] = document.notes
    from ..report_yaml import to_yaml

    text = to_yaml(report, args.lang)
    if args.output:
        from ..outputs import atomic_text
        with atomic_text(args.output) as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)
    return 0
