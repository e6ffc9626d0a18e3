"""Options shared by the commands that lint (check, audit), and their resolution into a Config."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..terminal_text import terminal_safe


def _codes(value: str) -> list[str]:
    return [c.strip().upper() for c in value.split(",") if c.strip()]


def add_config_options(parser: argparse.ArgumentParser) -> None:
    g = parser.add_argument_group("规则与配置 / rules and configuration")
    g.add_argument("--select", type=_codes, metavar="CODES",
                   help="只启用这些规则代码或前缀（逗号分隔），替换配置文件 / only these codes or prefixes")
    g.add_argument("--extend-select", type=_codes, metavar="CODES", help="在已选规则外再启用 / enable in addition")
    g.add_argument("--ignore", type=_codes, metavar="CODES", help="停用这些规则代码或前缀 / disable these")
    g.add_argument("--fail-on", choices=("error", "warning", "info"),
                   help="达到此级别的问题使退出码为 1（默认 error） / exit 1 at or above this severity")
    g.add_argument("--organ-level", metavar="LEVEL",
                   help="机关层级，覆盖自动推断 / organ level, overrides inference (e.g. 乡镇, 县级部门)")
    g.add_argument("--config", type=Path, metavar="FILE", help="配置文件 / configuration file")
    g.add_argument("--isolated", action="store_true", help="忽略所有配置文件 / ignore configuration files")
    g.add_argument("--lang", choices=("zh", "en"), help="输出语言 / output language (default zh)")
    g.add_argument("--verbose", action="store_true",
                   help="在标准错误上说明使用的配置文件 / say on standard error which configuration is in effect")
    g.add_argument("--debug", action="store_true", help="内部错误时显示调用栈 / show tracebacks")


def add_worker_options(group, jobs_help: str = "并行进程数（默认 CPU 核数） / worker processes (default: CPU count)"
                       ) -> None:
    """--jobs, --timeout and --worker-memory-mb: the worker processes of `check` and `audit`."""
    from ..run_defaults import DEFAULT_TIMEOUT_S

    group.add_argument("--jobs", "-j", type=positive_int, metavar="N", help=jobs_help)
    group.add_argument("--timeout", type=timeout_seconds, default=DEFAULT_TIMEOUT_S, metavar="SECONDS",
                       help=f"单个文件的检查时限，超时记为 I008（默认 {DEFAULT_TIMEOUT_S:g}） / "
                            f"per-file time limit (default {DEFAULT_TIMEOUT_S:g})")
    group.add_argument("--worker-memory-mb", type=memory_mb, metavar="MB",
                       help="每个工作进程的内存上限，超出的文件记为无法检查（默认 2048） / "
                            "memory limit of each worker process (default 2048)")


def config_from_args(args: argparse.Namespace):
    """The Config from file + CLI flags; ConfigError on bad values (caller exits 2)."""
    from ..config import load_config, validate_organ_level

    cfg = load_config(explicit=args.config, isolated=args.isolated, inputs=getattr(args, "paths", ()),
                      own_repository=args.command != "audit")
    if args.select is not None:
        cfg.select = tuple(args.select)
    if args.extend_select is not None:
        cfg.extend_select = cfg.extend_select + tuple(args.extend_select)
    if args.ignore is not None:
        cfg.ignore = cfg.ignore + tuple(args.ignore)
    if args.fail_on is not None:
        cfg.fail_on = args.fail_on
    if args.organ_level is not None:
        cfg.organ_level = validate_organ_level(args.organ_level, "--organ-level")
    if args.lang is not None:
        cfg.lang = args.lang
    if getattr(args, "worker_memory_mb", None) is not None:
        cfg.worker_memory_mb = args.worker_memory_mb
    return cfg


def print_config_warnings(cfg, verbose: bool = False) -> None:
    label = "警告：" if cfg.lang == "zh" else "warning: "
    for warning in cfg.warnings:
        print(f"xxgk-lint: {label}{terminal_safe(warning.text(cfg.lang))}", file=sys.stderr)
    if verbose:
        print(f"xxgk-lint: {terminal_safe(cfg.in_effect().text(cfg.lang))}", file=sys.stderr)


def fail(message, lang: str = "zh") -> int:
    """Exit code 2 after one line on standard error naming the mistake (a `Message`, or text)."""
    text = message.text(lang) if hasattr(message, "text") else str(message)
    print(f"xxgk-lint: {'error: ' if lang == 'en' else '错误：'}{terminal_safe(text)}", file=sys.stderr)
    return 2


def selection_problem(cfg, rules: dict):
    """A `Message` when the selection (select/extend-select/ignore) leaves no rule enabled."""
    from ..model import Message

    if any(cfg.is_selected(code) for code in rules):
        return None
    chosen = "、".join(cfg.select + cfg.extend_select) or "（空）"
    return Message(f"所选规则（{chosen}）没有启用任何规则：规则代码或前缀不存在，或全部被 ignore 停用"
                   f"（xxgk-lint rules 列出全部规则）",
                   f"the selection ({', '.join(cfg.select + cfg.extend_select) or 'empty'}) enables no rule: "
                   f"unknown codes or prefixes, or all ignored (xxgk-lint rules lists them)")


# ---------------------------------------------------------------- option value types

def positive_int(value: str) -> int:
    from ..argparse_zh import type_error
    try:
        n = int(value)
    except ValueError:
        raise type_error(f"不是整数：{value!r}", f"not a whole number: {value!r}") from None
    if n < 1:
        raise type_error("应至少为 1", "must be at least 1")
    return n


def memory_mb(value: str) -> float:
    from ..argparse_zh import type_error
    from ..config import validate_memory_mb
    from ..model import UserError
    try:
        return validate_memory_mb(float(value), "")      # argparse names the option
    except ValueError:
        raise type_error(f"不是数字：{value!r}", f"not a number: {value!r}") from None
    except UserError as exc:
        raise type_error(exc.message.zh, exc.message.en) from None


MAX_TIMEOUT = 86_400.0      # one day: beyond it a timer or a wait() can no longer represent it


def timeout_seconds(value: str) -> float:
    from ..argparse_zh import type_error
    try:
        n = float(value)
    except ValueError:
        raise type_error(f"不是数字：{value!r}", f"not a number: {value!r}") from None
    if not 0 < n <= MAX_TIMEOUT:
        raise type_error(f"应大于 0 且不超过 {MAX_TIMEOUT:g} 秒",
                         f"must be greater than 0 and at most {MAX_TIMEOUT:g} seconds")
    return n
