"""`xxgk-lint schema [--year Y | --format-version V]`: print the JSON Schema."""

from __future__ import annotations

import argparse
import sys


def register(sub) -> None:
    p = sub.add_parser("schema", help="输出 JSON Schema / print the JSON Schema",
                       description="输出年度报告结构化形式的 JSON Schema / "
                                   "print the JSON Schema of the structured report")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--year", type=int, help="报告年度（2019 起） / reporting year (2019+)")
    g.add_argument("--format-version", choices=("2019", "2021"), help="格式版本 / format version")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="提示语言 / language of messages")


def schema_text(version: str) -> str:
    from importlib.resources import files     # not at import: it costs --help a quarter of its start-up

    return (files("xxgk_lint.schemas") / f"annual-report-{version}.schema.json").read_text(encoding="utf-8")


def run(args: argparse.Namespace) -> int:
    import datetime

    from ..model import Message
    from ..spec import format_version_for_year
    from .options import fail

    version = args.format_version or "2021"
    if args.year is not None:
        version = format_version_for_year(args.year)
        if version is None:
            return fail(Message(f"{args.year} 年度的报告早于2019年修订的《条例》，不在检查范围（年度须为 2019 年起）",
                                f"reports for {args.year} predate the 2019 regulations and are out of scope"),
                        args.lang)
        # A year's report is written the following January: a later year cannot have one yet.
        this_year = datetime.date.today().year
        if args.year > this_year:
            return fail(Message(f"{args.year} 年度尚未到来，没有该年度的报告格式（年度须在 2019–{this_year} 之间）",
                                f"{args.year} has not come yet; there is no format for it (use 2019–{this_year})"),
                        args.lang)
    sys.stdout.write(schema_text(version))
    return 0
