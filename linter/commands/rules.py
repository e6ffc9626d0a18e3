"""`xxgk-lint rules`: the table of every registered rule."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    p = sub.add_parser("rules", help="列出全部规则 / list all rules",
                       description="列出全部规则（代码、名称、类别、默认级别、适用格式、选项） / list all rules")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--lang", choices=("zh", "en"), default="zh")
    p.add_argument("--config", type=Path, metavar="FILE",
                   help="配置文件（其 local-rules 一并列出） / configuration file (its local rules are included)")
    p.add_argument("--isolated", action="store_true", help="忽略所有配置文件 / ignore configuration files")


def run(args: argparse.Namespace) -> int:
    from ..config import load_config
    from ..model import UserError
    from ..registry import load_rules

    try:
        config = load_config(explicit=args.config, isolated=args.isolated)
        rules = load_rules(config.rules_dirs, config.local_rules)
    except UserError as exc:
        from .options import fail
        return fail(exc.message, args.lang)
    if args.format == "json":
        import json

        json.dump([{"code": r.code, "name": r.name, "category": r.category, "severity": r.severity,
                    "formats": sorted(r.formats), "title": r.title.text(args.lang),
                    "fix": r.fix.text(args.lang) if r.fix else None,
                    "verified": r.verified, "origin": r.origin,
                    "options": [o.name for o in r.options]} for r in rules.values()],
                  sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    from rich.console import Console
    from rich.table import Table

    from ..model import SEVERITY_LABEL, category_label

    zh = args.lang == "zh"
    table = Table(title="xxgk-lint 规则" if zh else "xxgk-lint rules")
    for header in (("代码", "code"), ("规则", "rule"), ("类别", "category"), ("级别", "severity"),
                   ("适用格式", "formats"), ("名称", "name"), ("选项", "options")):
        table.add_column(header[0] if zh else header[1], overflow="fold")
    for r in rules.values():
        title = r.title.text(args.lang) + ("" if r.verified else ("（要求未经核实）" if zh else " (unverified)"))
        table.add_row(r.code, title, category_label(r.category, args.lang), SEVERITY_LABEL[args.lang][r.severity],
                      ",".join(sorted(r.formats)), r.name, ",".join(o.name for o in r.options))
    Console(highlight=False).print(table)
    return 0
