"""`xxgk-lint rules`: the table of every registered rule."""

from __future__ import annotations

import argparse
import json
import sys


def register(sub) -> None:
    p = sub.add_parser("rules", help="列出全部规则 / list all rules",
                       description="列出全部规则（代码、名称、类别、默认级别、适用格式） / list all rules")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--lang", choices=("zh", "en"), default="zh")


def run(args: argparse.Namespace) -> int:
    from ..registry import RuleLoadError, load_rules

    try:
        rules = load_rules()
    except RuleLoadError as exc:
        from .options import fail
        return fail(exc.message, args.lang)
    if args.format == "json":
        json.dump([{"code": r.code, "name": r.name, "category": r.category, "severity": r.severity,
                    "formats": sorted(r.formats), "title": r.title.text(args.lang),
                    "fix": r.fix.text(args.lang) if r.fix else None,
                    "verified": r.verified, "origin": r.origin} for r in rules.values()],
                  sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    from rich.console import Console
    from rich.table import Table

    from ..model import SEVERITY_LABEL, category_label

    zh = args.lang == "zh"
    table = Table(title="xxgk-lint 规则" if zh else "xxgk-lint rules")
    for header in (("代码", "code"), ("规则", "rule"), ("类别", "category"), ("级别", "severity"),
                   ("适用格式", "formats"), ("名称", "name")):
        table.add_column(header[0] if zh else header[1], overflow="fold")
    for r in rules.values():
        title = r.title.text(args.lang) + ("" if r.verified else ("（要求未经核实）" if zh else " (unverified)"))
        table.add_row(r.code, title, category_label(r.category, args.lang), SEVERITY_LABEL[args.lang][r.severity],
                      ",".join(sorted(r.formats)), r.name)
    Console(highlight=False).print(table)
    return 0
