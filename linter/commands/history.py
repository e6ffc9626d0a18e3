"""`xxgk-lint history --db FILE [ORGAN]`: what the history database holds.

Without ORGAN: every organ by year (通过 / 需修改 with counts / 无法检查 / 未报送, the organs of
the latest roster included). With ORGAN (any of its usual names: 濉溪镇, 濉溪镇人民政府 …): that
organ's years side by side — key figures, counts, and whether each year's 上年结转 equals the
previous year's 结转下年度. --export writes the table as .xlsx or .csv.

Exit codes: 0 shown, 2 usage error, no or unusable database, or ORGAN not found or ambiguous.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .options import fail


def register(sub) -> None:
    p = sub.add_parser(
        "history", help="查看历史数据库中各机关历年情况 / what the history database holds",
        description="查看 audit --db 建立的历史数据库：不写机关时列出各机关历年报送与检查情况，写机关时并列显示该机关"
                    "各年度的主要数据和上年结转是否一致 / show the history database made by audit --db: organs "
                    "by year, or one organ's years side by side")
    p.add_argument("organ", nargs="?", metavar="ORGAN", help="机关名称（全称或简称） / organ name (full or short)")
    p.add_argument("--db", metavar="FILE.sqlite", help="历史数据库（默认取配置项 db） / the database (default: "
                                                       "the db setting)")
    p.add_argument("--export", action="append", default=[], metavar="FILE",
                   help="导出为 .xlsx 或 .csv，可重复 / export as .xlsx or .csv, repeatable")
    p.add_argument("--config", type=Path, metavar="FILE", help="配置文件 / configuration file")
    p.add_argument("--isolated", action="store_true", help="忽略所有配置文件 / ignore configuration files")
    p.add_argument("--lang", choices=("zh", "en"), help="输出语言 / output language (default zh)")


def run(args: argparse.Namespace) -> int:
    from ..audit.summary import plain_table
    from ..config import load_config
    from ..history.store import open_store
    from ..history.views import OrganLookupError, check_history_export, organ_view, overview, write_table
    from ..model import Message, UserError
    from ..outputs import check_output_path

    lang = args.lang or "zh"
    try:
        cfg = load_config(explicit=args.config, isolated=args.isolated)
        lang = args.lang or cfg.lang
        for path in args.export:
            check_history_export(path)
            check_output_path(path, option="--export")
    except UserError as exc:
        return fail(exc.message, lang)
    except ValueError as exc:
        return fail(Message.bilingual(str(exc)), lang)
    db = args.db or cfg.db
    if not db:
        return fail(Message("请用 --db 指定历史数据库，或在配置中设置 db",
                            "give the database with --db or the db setting"), lang)
    try:
        with open_store(db, create=False) as store:
            table = organ_view(store, args.organ, lang) if args.organ else overview(store, lang)
    except UserError as exc:
        return fail(exc.message, lang)
    except OrganLookupError as exc:
        return fail(Message.bilingual(str(exc)), lang)
    print(table.title)
    plain_table(table.header, [["" if v is None else str(v) for v in row] for row in table.rows], sys.stdout)
    for path in args.export:
        try:
            write_table(table, path)
        except OSError as exc:
            return fail(Message(f"--export {path}：无法写入（{exc.strerror or exc}）",
                                f"--export {path}: cannot write ({exc.strerror or exc})"), lang)
        print(("已导出 " if lang == "zh" else "exported ") + path, file=sys.stderr)
    return 0
