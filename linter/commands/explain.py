"""`xxgk-lint explain CODE`: the rule's documentation page."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("explain", help="显示规则说明 / show a rule's page",
                       description="显示规则说明：检查什么、为什么、示例、法规依据 / show a rule's documentation")
    p.add_argument("code", help="规则代码或名称 / rule code or name, e.g. A401")
    p.add_argument("--lang", choices=("zh", "en"), default="zh")
    p.add_argument("--config", type=Path, metavar="FILE",
                   help="配置文件（其 local-rules 一并列出） / configuration file (its local rules are included)")
    p.add_argument("--isolated", action="store_true", help="忽略所有配置文件 / ignore configuration files")


def render_page(rule, lang: str) -> str:
    zh = lang == "zh"
    heading = {"checks": ("检查内容", "What it checks"), "why": ("为什么重要", "Why it matters"),
               "fail": ("不通过的示例", "Example that fails"), "pass": ("通过的示例", "Example that passes"),
               "basis": ("法规依据", "Legal basis"), "meta": ("规则信息", "Rule")}

    def h(key: str) -> str:
        return heading[key][0 if zh else 1]

    lines = [f"# {rule.code} {rule.name}: {rule.title.text(lang)}", ""]
    lines += [f"## {h('meta')}", "",
              f"- {'类别' if zh else 'category'}: {rule.category}",
              f"- {'默认级别' if zh else 'default severity'}: {rule.severity}",
              f"- {'适用格式' if zh else 'formats'}: {', '.join(sorted(rule.formats))}"]
    if rule.produced_by:
        lines.append(f"- {'由以下环节产生' if zh else 'produced by'}: {rule.produced_by}")
    if not rule.verified:
        lines.append("- 注意：本规则依据的要求未经官方原文核实，默认仅作提示，可在配置中调整。" if zh else
                     "- Note: the requirement behind this rule is unverified against the official text; "
                     "it defaults to a warning and can be configured.")
    lines += ["", f"## {h('checks')}", "", rule.checks.text(lang), "",
              f"## {h('why')}", "", rule.rationale.text(lang), ""]
    for key, example in (("fail", rule.example_fail), ("pass", rule.example_pass)):
        if example:
            lines += [f"## {h(key)}", "", "```", example.rstrip(), "```", ""]
    lines += [f"## {h('basis')}", "", rule.legal_basis.text(lang), ""]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from ..config import ConfigError, load_config
    from ..registry import RuleLoadError, load_rules

    try:
        config = load_config(explicit=args.config, isolated=args.isolated)
        rules = load_rules(config.rules_dirs, config.local_rules)
    except (ConfigError, RuleLoadError) as exc:
        print(f"xxgk-lint: 错误 / error: {exc}", file=sys.stderr)
        return 2
    wanted = args.code.strip()
    rule = rules.get(wanted.upper()) or next((r for r in rules.values() if r.name == wanted), None)
    if rule is None:
        print(f"xxgk-lint: 错误 / error: 没有规则 {wanted} / no rule {wanted} "
              f"(xxgk-lint rules 列出全部规则 / lists all rules)", file=sys.stderr)
        return 2
    sys.stdout.write(render_page(rule, args.lang))
    return 0
