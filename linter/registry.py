"""Finding rules: the ``xxgk_lint.rules`` entry-point group, plus local folders and local-rules
YAML files named in config.

Built-in rules are registered exactly like third-party ones: the distribution declares
``builtin = "xxgk_lint.rules"`` in the group, and every module of a named package (or the
named module itself) is scanned for module-level `Rule` objects. Local rule folders are
imported only when the configuration names them: nothing is ever imported from the folder
being linted.
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
import sys
from dataclasses import replace
from pathlib import Path
from types import ModuleType

from .model import UserError
from .rule_api import CODE_PATTERN, Rule

ENTRY_POINT_GROUP = "xxgk_lint.rules"


class RuleLoadError(UserError):
    """A plugin could not be loaded or declares an invalid/duplicate rule."""


def _rules_in(module: ModuleType) -> list[Rule]:
    return [obj for obj in vars(module).values() if isinstance(obj, Rule)]


def _scan(module: ModuleType) -> list[Rule]:
    found = _rules_in(module)
    if hasattr(module, "__path__"):
        for info in sorted(pkgutil.iter_modules(module.__path__), key=lambda i: i.name):
            found += _rules_in(importlib.import_module(f"{module.__name__}.{info.name}"))
    return found


def _from_entry_points() -> list[tuple[str, Rule]]:
    from importlib.metadata import entry_points

    loaded: list[tuple[str, Rule]] = []
    for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: (e.name != "builtin", e.name)):
        try:
            module = importlib.import_module(ep.value.split(":")[0])
        except Exception as exc:  # a broken plugin must be named, not crash the run obscurely
            raise RuleLoadError(f"规则插件 {ep.name!r}（{ep.value}）无法导入：{exc}",
                                f"plugin {ep.name!r} ({ep.value}) failed to import: {exc}") from exc
        loaded += [(ep.name, r) for r in _scan(module)]
    return loaded


def _from_directory(directory: Path) -> list[tuple[str, Rule]]:
    if not directory.is_dir():
        raise RuleLoadError(f"本地规则文件夹 {directory} 不存在", f"rules directory {directory} does not exist")
    loaded: list[tuple[str, Rule]] = []
    for file in sorted(directory.glob("*.py")):
        name = f"xxgk_lint_local_rules.{file.stem}"
        spec = importlib.util.spec_from_file_location(name, file)
        if spec is None or spec.loader is None:
            raise RuleLoadError(f"无法导入本地规则文件 {file}", f"cannot import {file}")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        try:
            spec.loader.exec_module(module)
        except Exception as exc:
            raise RuleLoadError(f"本地规则文件 {file} 无法导入：{exc}",
                                f"local rule file {file} failed to import: {exc}") from exc
        loaded += [(str(file), replace(r, origin=str(file))) for r in _rules_in(module)]
    return loaded


def load_rules(local_dirs: tuple[Path, ...] = (), local_rules: tuple[Rule, ...] = ()) -> dict[str, Rule]:
    """All rules by code, built-in first, then local folders' plugins and the declarative local
    rules (config `local-rules`). Duplicate codes are an error naming both origins."""
    rules: dict[str, Rule] = {}
    sources = _from_entry_points()
    for directory in local_dirs:
        sources += _from_directory(directory)
    sources += [(r.origin, r) for r in local_rules]
    for origin, rule in sources:
        if rule.code in rules and rules[rule.code] is not rule:
            raise RuleLoadError(f"规则代码 {rule.code} 被声明了两次（{rules[rule.code].origin} 和 {origin}）",
                                f"rule code {rule.code} is declared twice "
                                f"({rules[rule.code].origin} and {origin})")
        rules[rule.code] = rule
    for rule in rules.values():
        if rule.produced_by and CODE_PATTERN.match(rule.produced_by) and rule.produced_by not in rules:
            raise RuleLoadError(f"规则 {rule.code} 声明由不存在的规则 {rule.produced_by} 产生",
                                f"rule {rule.code} is produced by unknown rule {rule.produced_by}")
    return dict(sorted(rules.items()))
