"""`xxgk-lint explain CODE`: the rule's page, as terminal text (rich), in the clerk's words."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import NamedTuple

FORMAT_WORDS = {"2019": ("2019年试行格式", "2019 trial format"), "2021": ("2021年格式", "2021 format")}
PRODUCER_WORDS = {"read": ("读取文件时", "while reading the file"),
                  "extract": ("从文档中提取表格时", "while extracting the tables"),
                  "engine": ("检查过程本身", "the checking machinery")}


def register(sub) -> None:
    p = sub.add_parser("explain", help="显示规则说明 / show a rule's page",
                       description="显示规则说明：检查什么、为什么、如何修改、示例、法规依据 / show a rule's documentation")
    p.add_argument("code", help="规则代码、名称或中文标题（或其中一部分） / rule code, name or title (or part of it), e.g. A401、总计")
    p.add_argument("--lang", choices=("zh", "en"), default="zh")
    p.add_argument("--config", type=Path, metavar="FILE",
                   help="配置文件（其 local-rules 一并列出） / configuration file (its local rules are included)")
    p.add_argument("--isolated", action="store_true", help="忽略所有配置文件 / ignore configuration files")


def find(rules: dict, wanted: str) -> list:
    """Rules matching a code, a name, a title, or a part of a title (zh or en)."""
    wanted = wanted.strip()
    if wanted.upper() in rules:
        return [rules[wanted.upper()]]
    exact = [r for r in rules.values() if wanted in (r.name, r.title.zh, r.title.en)]
    if exact:
        return exact
    low = wanted.lower()
    return [r for r in rules.values() if wanted and (wanted in r.title.zh or low in r.title.en.lower())]


class Page(NamedTuple):
    """A rule's page as data: the terminal (`render_page`) and the web page draw the same.
    (A NamedTuple: `dataclasses` would cost every command's --help 7 ms of imports.)"""
    heading: str
    name: str
    facts: list[tuple[str, str]]
    sections: list[tuple[str, str, str]]      # (title, text, kind: "text" | "fix" | "fail" | "pass")


def page_of(rule, lang: str) -> Page:
    from ..model import SEVERITY_LABEL, category_label

    zh = lang == "zh"

    def t(a: str, b: str) -> str:
        return a if zh else b

    facts = [(t("类别", "Category"), category_label(rule.category, lang)),
             (t("默认级别", "Default severity"), SEVERITY_LABEL[lang][rule.severity]),
             (t("适用格式", "Formats"), t("、", ", ").join(
                 FORMAT_WORDS[f][0 if zh else 1] if f in FORMAT_WORDS else f for f in sorted(rule.formats)))]
    if rule.produced_by:
        words = PRODUCER_WORDS.get(rule.produced_by)
        facts.append((t("产生于", "Produced"), words[0 if zh else 1] if words else
                      t(f"规则 {rule.produced_by} 的检查", f"by the check of rule {rule.produced_by}")))
    if not rule.verified:
        facts.append((t("注意", "Note"), t("本规则依据的要求未经官方原文核实，默认仅作提示，可在配置中调整。",
                                          "the requirement behind this rule is unverified against the official "
                                          "text; it defaults to a warning and can be configured.")))
    sections = [(t("检查内容", "What it checks"), rule.checks.text(lang), "text"),
                (t("为什么重要", "Why it matters"), rule.rationale.text(lang), "text"),
                (t("修改建议", "How to fix"), rule.fix.text(lang) if rule.fix else
                 t("（规则作者未提供修改建议）", "(the rule's author gave no advice)"), "fix")]
    if rule.example_fail:
        sections.append((t("不通过的示例", "Example that fails"), rule.example_fail.rstrip(), "fail"))
    if rule.example_pass:
        sections.append((t("通过的示例", "Example that passes"), rule.example_pass.rstrip(), "pass"))
    sections.append((t("法规依据", "Legal basis"), rule.legal_basis.text(lang), "text"))
    return Page(f"{rule.code}  {rule.title.text(lang)}", t(f"（{rule.name}）", f"({rule.name})"), facts, sections)


_STYLE = {"text": "", "fix": "", "fail": "red", "pass": "green"}


def render_page(rule, lang: str):
    """The page as rich renderables: a heading, the rule's facts, then one titled part each."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    page = page_of(rule, lang)
    parts: list = [Text(page.heading, style="bold"), Text(page.name, style="dim"), Text("")]
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold")
    facts.add_column()
    for label, value in page.facts:
        facts.add_row(label, value)
    parts += [facts, Text("")]
    for title, text, kind in page.sections:
        parts.append(Text(title, style="bold underline"))
        parts.append(Padding(Text(text, style=_STYLE[kind]), (0, 0, 1, 2), expand=False))
    return Group(*parts)


def run(args: argparse.Namespace) -> int:
    from ..config import load_config
    from ..model import Message, UserError
    from ..registry import load_rules
    from .options import fail

    try:
        config = load_config(explicit=args.config, isolated=args.isolated)
        rules = load_rules(config.rules_dirs, config.local_rules)
    except UserError as exc:
        return fail(exc.message, args.lang)
    found = find(rules, args.code)
    if not found:
        return fail(Message(f"没有与“{args.code}”相符的规则代码、名称或标题（xxgk-lint rules 列出全部规则）",
                            f"no rule code, name or title matches {args.code!r} (xxgk-lint rules lists them all)"),
                    args.lang)
    if len(found) > 1:
        more = len(found) > 8
        return fail(Message(
            f"“{args.code}”与 {len(found)} 条规则相符：" + "、".join(f"{r.code} {r.title.zh}" for r in found[:8])
            + ("…" if more else "") + "；请写得更具体或直接写代码",
            f"{args.code!r} matches {len(found)} rules: " + "; ".join(f"{r.code} {r.title.en}" for r in found[:8])
            + (" …" if more else "") + "; be more specific or give the code"), args.lang)
    import sys

    from rich.console import Console

    console = Console(highlight=False)
    with console.capture() as page:
        console.print(render_page(found[0], args.lang))
    # rich pads each line to the width of its block: trailing blanks are noise in a pager or a file
    sys.stdout.write("".join(line.rstrip() + "\n" for line in page.get().splitlines()))
    return 0
