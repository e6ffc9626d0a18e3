"""Command line: a thin argparse layer over the library (stdlib only at import time).

Each subcommand lives in `xxgk_lint.commands.<name>` with `register(subparsers)` and
`run(args) -> int`. Exit codes: 0 no finding at or above fail-on, 1 findings,
2 usage, configuration or internal error of the tool itself.
"""

from __future__ import annotations

import importlib
import sys

from . import __version__

COMMANDS = ("check", "audit", "extract", "rules", "explain", "schema", "serve")


def build_parser():
    import argparse

    class _Parser(argparse.ArgumentParser):
        def error(self, message: str):  # argparse exits 2 on usage errors, as we want
            self.print_usage(sys.stderr)
            self.exit(2, f"xxgk-lint: 错误 / error: {message}\n")

    parser = _Parser(prog="xxgk-lint",
                     description="政府信息公开工作年度报告检查工具 / linter for 政府信息公开工作年度报告")
    parser.add_argument("--version", action="version", version=f"xxgk-lint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS:
        importlib.import_module(f"xxgk_lint.commands.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv == ["--version"]:
        # The pre-commit path: answer before building the parser (keeps start-up minimal).
        print(f"xxgk-lint {__version__}")
        return 0
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    module = importlib.import_module(f"xxgk_lint.commands.{args.command}")
    try:
        return module.run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 — an internal error must not look like "findings" (exit 1)
        import traceback
        if getattr(args, "debug", False):
            traceback.print_exc()
        print(f"xxgk-lint: 内部错误 / internal error: {type(exc).__name__}: {exc}"
              + ("" if getattr(args, "debug", False) else "（--debug 显示调用栈 / for the traceback）"),
              file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
