"""Command line: a thin argparse layer over the library (stdlib only at import time).

Each subcommand lives in `xxgk_lint.commands.<name>` with `register(subparsers)` and
`run(args) -> int`. Exit codes: 0 no finding at or above fail-on, 1 findings,
2 usage, configuration or internal error of the tool itself.
"""

from __future__ import annotations

import importlib
import sys

from . import __version__

COMMANDS = ("check", "audit", "history", "extract", "rules", "explain", "schema", "serve")


def lang_of(argv: list[str]) -> str:
    """The language asked for on the command line (`--lang en`), before any parsing: argparse's
    own messages must already be in that language when it reports a mistake."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return "en" if argv[i + 1] == "en" else "zh"
        if arg.startswith("--lang="):
            return "en" if arg.split("=", 1)[1] == "en" else "zh"
    return "zh"


def build_parser(lang: str = "zh"):
    import argparse

    from .argparse_zh import install, monolingual

    install(lang)
    zh = lang != "en"

    class _Parser(argparse.ArgumentParser):
        def error(self, message: str):
            # One line naming the mistake and where to read the usage; exit 2 as argparse does.
            hint = f"（{self.prog} --help 查看用法）" if zh else f" (see {self.prog} --help)"
            self.exit(2, f"{self.prog}: {'错误：' if zh else 'error: '}{message}{hint}\n")

    parser = _Parser(prog="xxgk-lint",
                     description="政府信息公开工作年度报告检查工具 / linter for 政府信息公开工作年度报告")
    parser.add_argument("--version", action="version", version=f"xxgk-lint {__version__}",
                        help="显示版本号并退出" if zh else "show the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser,
                                title="子命令" if zh else "commands")
    for name in COMMANDS:
        importlib.import_module(f"xxgk_lint.commands.{name}").register(sub)
    monolingual(parser, lang)
    return parser


class _ClosedPipeTolerant:
    """Standard output that ends quietly when the reader goes away (`| head`).

    The first write or flush that meets a closed pipe points the file descriptor at
    /dev/null, so that the run still completes, writes its exports and returns the exit code
    its findings give, and the interpreter's final flush has nothing to complain about
    ("Exception ignored … BrokenPipeError")."""

    def __init__(self, stream):
        self._stream = stream
        self.closed_by_reader = False

    def _quiet(self) -> None:
        import os
        self.closed_by_reader = True
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, self._stream.fileno())
        os.close(devnull)

    def write(self, text: str) -> int:
        if self.closed_by_reader:
            return len(text)
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            self._quiet()
            return len(text)

    def flush(self) -> None:
        if self.closed_by_reader:
            return
        try:
            self._stream.flush()
        except BrokenPipeError:
            self._quiet()

    def __getattr__(self, name):
        return getattr(self._stream, name)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv == ["--version"]:
        # The pre-commit path: answer before building the parser (keeps start-up minimal).
        print(f"xxgk-lint {__version__}")
        return 0
    lang = lang_of(argv)
    parser = build_parser(lang)
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    module = importlib.import_module(f"xxgk_lint.commands.{args.command}")
    stdout = sys.stdout
    sys.stdout = _ClosedPipeTolerant(stdout)
    try:
        code = module.run(args)
        sys.stdout.flush()
        return code
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 — an internal error must not look like "findings" (exit 1)
        import traceback
        if getattr(args, "debug", False):
            traceback.print_exc()
        debug = getattr(args, "debug", False)
        if lang == "en":
            print(f"xxgk-lint: internal error: {type(exc).__name__}: {exc}"
                  + ("" if debug else " (--debug shows the traceback)"), file=sys.stderr)
        else:
            print(f"xxgk-lint: 内部错误：{type(exc).__name__}: {exc}" + ("" if debug else "（--debug 显示调用栈）"),
                  file=sys.stderr)
        return 2
    finally:
        sys.stdout = stdout


if __name__ == "__main__":
    sys.exit(main())
