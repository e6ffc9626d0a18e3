"""Output formats, and `finish`: suppressions + baseline + rendering + exit code in one call.

Every format renders the same data — ``list[FileResult]`` and the rule catalog. Formats are
looked up lazily by name ("module:function") so that only the one asked for is imported
(the rich library is imported only by the ``rich`` format).

The CLI stays thin: ``return reporters.finish(results, args, config, rules)``.
"""

from __future__ import annotations

import importlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping, TextIO

from ..model import SEVERITIES, SEVERITY_RANK, FileResult, Severity
from ..run_defaults import REPORTERS

if TYPE_CHECKING:
    import argparse

    from ..baseline import BaselineOutcome
    from ..config import Config
    from ..rule_api import Rule
    from .common import RenderContext


def _load(fmt: str) -> Callable[[list[FileResult], TextIO, "RenderContext"], None]:
    try:
        module, func = REPORTERS[fmt].split(":")
    except KeyError:
        raise ValueError(f"unknown output format {fmt!r}; use one of {', '.join(REPORTERS)}") from None
    return getattr(importlib.import_module(module), func)


def render(fmt: str, results: list[FileResult], out: TextIO, *, lang: str = "zh",
           rules: Mapping[str, "Rule"] | None = None, show_suppressed: bool = False,
           statistics: bool = False, source_root: Path | None = None,
           baseline: "BaselineOutcome | None" = None, config: "Config | None" = None,
           show_fix: bool = True, skipped: tuple[str, ...] = ()) -> None:
    """Write `results` to `out` in format `fmt` (a key of `REPORTERS`). With `config`, the
    output names the configuration file in effect."""
    from .common import RenderContext

    ctx = RenderContext(lang=lang, rules=dict(rules or {}), show_suppressed=show_suppressed,
                        statistics=statistics, source_root=source_root, baseline=baseline, config=config,
                        show_fix=show_fix, skipped=tuple(skipped))
    _load(fmt)(results, out, ctx)


# ---------------------------------------------------------------- the CLI's end of a run

@dataclass
class OutputOptions:
    format: str = "rich"              # plain text when not a terminal or NO_COLOR is set
    output_file: Path | None = None
    lang: str = "zh"
    show_suppressed: bool = False
    statistics: bool = False
    overrides: Path | None = None     # falls back to the config's `overrides`
    baseline: Path | None = None
    fail_on: Severity = "error"
    source_root: Path | None = None   # SARIF %SRCROOT% (default: the cwd)
    show_fix: bool = True             # 修改建议 under each finding in the terminal (`--no-fix`, show-fix = false)

    @classmethod
    def from_args(cls, args: "argparse.Namespace", config: "Config | None" = None) -> "OutputOptions":
        """Options from `check`'s flags; lang/fail-on come from the config, which the CLI
        flags already overrode."""
        def path(name: str) -> Path | None:
            value = getattr(args, name, None)
            return Path(value) if value else None

        return cls(format=getattr(args, "format", None) or "rich", output_file=path("output_file"),
                   lang=config.lang if config else (getattr(args, "lang", None) or "zh"),
                   show_suppressed=bool(getattr(args, "show_suppressed", False)),
                   statistics=bool(getattr(args, "statistics", False)),
                   overrides=path("overrides"), baseline=path("baseline"),
                   fail_on=config.fail_on if config else (getattr(args, "fail_on", None) or "error"),
                   source_root=path("source_root"),
                   show_fix=not getattr(args, "no_fix", False) and (config.show_fix if config else True))


def exit_code(results: list[FileResult], fail_on: Severity = "error") -> int:
    """1 when a counted finding is at least as severe as `fail_on`, else 0."""
    if fail_on not in SEVERITIES:      # a program calling the library unchecked
        raise ValueError(f"fail_on must be one of {SEVERITIES}")
    floor = SEVERITY_RANK[fail_on]
    return int(any(SEVERITY_RANK[d.severity] >= floor for r in results for d in r.active()))


def finish(results: Iterable[FileResult], options: "OutputOptions | argparse.Namespace",
           config: "Config | None" = None, rules: Mapping[str, "Rule"] | None = None, *,
           out: TextIO | None = None, skipped: Iterable[str] = ()) -> int:
    """Apply overrides and inline suppressions, compare with or write the baseline, render,
    and return the exit code: 1 when a counted finding reaches fail-on, else 0 (also 0 when
    the baseline file was just written).

    `options` is an `OutputOptions` or the `check` command's argparse namespace. Raises
    `xxgk_lint.config.ConfigError` (exit 2) for a bad overrides or baseline file.
    """
    from .. import baseline as baseline_mod

    if not isinstance(options, OutputOptions):
        options = OutputOptions.from_args(options, config)
    results = settle(results, options.overrides, config, rules)
    outcome = None
    if options.baseline is not None:
        results, outcome = baseline_mod.run(options.baseline, results)
    kwargs: dict[str, Any] = dict(lang=options.lang, rules=rules, show_suppressed=options.show_suppressed,
                                  statistics=options.statistics, source_root=options.source_root,
                                  baseline=outcome, config=config, show_fix=options.show_fix,
                                  skipped=tuple(skipped))
    if options.output_file is not None:
        from ..outputs import atomic_text
        with atomic_text(str(options.output_file)) as fh:
            render(options.format, results, fh, **kwargs)
    else:
        render(options.format, results, out if out is not None else sys.stdout, **kwargs)
    if outcome is not None and outcome.written:
        return 0
    return exit_code(results, options.fail_on)


def settle(results: Iterable[FileResult], overrides_path: Path | None = None,
           config: "Config | None" = None, rules: Mapping[str, "Rule"] | None = None) -> list[FileResult]:
    """The results as every output shows them: the overrides file (`overrides_path`, else the
    config's) and the files' inline comments applied, plus the entry carrying unused-override
    findings. Raises `xxgk_lint.config.ConfigError` for a bad overrides file."""
    from .. import suppress

    overrides_path = overrides_path or (config.overrides if config else None)
    overrides = (suppress.load_overrides(overrides_path, known_codes=rules.keys() if rules else None)
                 if overrides_path else None)
    settled = [suppress.apply(r, overrides, suppress.find_inline(r.lines, r.kind), config=config)
               for r in results]
    if overrides is not None:
        extra = suppress.unused_overrides_result(overrides, config=config)
        if extra is not None:
            settled.append(extra)
    return settled


def is_terminal(out: TextIO) -> bool:
    """Colour only on a real terminal, and never when NO_COLOR is set (https://no-color.org)."""
    isatty = getattr(out, "isatty", None)
    return bool(isatty and isatty()) and not os.environ.get("NO_COLOR")
