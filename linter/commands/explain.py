"""`xxgk-lint explain CODE`: the rule's page, as terminal text (rich), in the clerk's words."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Group

    from ..rule_api import Rule


def register(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    p = sub.add_parser("explain", help="显示规则说明 / show a rule's page",
                       description="显示规则说明：检查什么、为什么、如何修改、示例、法规依据、选项 / "
                                   "show a rule's documentation")
    p.add_argument("code", help="规则代码、名称或中文标题（或其中一部分） / rule code, name or title "
                                "(or part of it), e.g. A401、总计")
    p.add_argument("--lang", choices=("zh", "en"), default="zh")
    p.add_argument("--config", type=Path, metavar="FILE",
                   help="配置文件（其 local-rules 一并列出） / configuration file (its local rules are included)")
    p.add_argument("--isolated", action="store_true", help="忽略所有配置文件 / ignore configuration files")


def find(rules: dict[str, "Rule"], wanted: str) -> list["Rule"]:
    """Rules matching a code, a name, a title, or a part of a title (zh or en)."""
    wanted = wanted.strip()
    if wanted.upper() in rules:
        return [rules[wanted.upper()]]
    exact = [r for r in rules.values() if wanted in (r.name, r.title.zh, r.title.en)]
    if exact:
        return exact
    low = wanted.lower()
    return [r for r in rules.values() if wanted and (wanted in r.title.zh or low in r.title.en.lower())]


_STYLE = {"text": "", "fix": "", "fail": "red", "pass": "green"}


def render_page(rule: "Rule", lang: str) -> "Group":
    """The page as rich renderables: a heading, the rule's facts, one titled part each, then
    the rule's options."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    from ..rule_pages import page_of

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
    parts.append(Text(page.options_title, style="bold underline"))
    if page.options:
        options = Table(box=None, padding=(0, 2, 0, 0), show_edge=False)
        for header in page.options_headers:
            options.add_column(header, style="bold" if not options.columns else "", overflow="fold")
        for row in page.options:
            options.add_row(row.name, row.type, row.default, row.description)
        parts.append(Padding(options, (0, 0, 0, 2), expand=False))
    parts.append(Padding(Text(page.options_usage), (0, 0, 1, 2), expand=False))
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
