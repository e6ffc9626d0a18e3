"""A rule's options: what a rule declares it accepts, and the checking of configured values.

A rule declares its options beside its other metadata (`rule(..., options=(option(...),))`);
the configuration (`[tool.xxgk-lint.rules.<name>]`) is checked against the declarations when it
loads (`resolve`), so a bad value stops the run with exit code 2 and a message naming the file and
the key, instead of failing inside the rule on every file. Rules read their options from the
context with the declared defaults applied: ``ctx.options["fee-amount-implausible"]["max"]``.

The value types are few on purpose (yamllint's are as few): each has a checker and words for the
`explain` page and for error messages.
"""

from __future__ import annotations

import calendar
import copy
import math
import re
from dataclasses import dataclass
from typing import Any, Literal, Mapping

from .config import ConfigError
from .model import Message

OptionType = Literal["number", "integer", "boolean", "string", "month-day", "string-list", "month-day-table"]

# How each type is named on the explain page and in error messages.
TYPE_WORDS: dict[str, tuple[str, str]] = {
    "number": ("数", "number"),
    "integer": ("整数", "integer"),
    "boolean": ("true 或 false", "true or false"),
    "string": ("文本", "string"),
    "month-day": ("带引号的“MM-DD”（月-日，如 \"02-20\"）", "a quoted \"MM-DD\" (month-day, e.g. \"02-20\")"),
    "string-list": ("文本列表", "list of strings"),
    "month-day-table": ("表：键 = \"MM-DD\"（月-日）", "table of key = \"MM-DD\" (month-day)"),
}

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
MONTH_DAY = re.compile(r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")


@dataclass(frozen=True)
class Option:
    """One option a rule accepts."""
    name: str
    type: OptionType
    default: Any
    description: Message
    minimum: float | None = None        # numbers: the smallest value allowed
    maximum: float | None = None        # numbers: the largest value allowed
    above_minimum: bool = False         # numbers: `minimum` itself is not allowed (0 < x)
    choices: tuple[str, ...] = ()       # strings and list items: the values allowed; tables: the keys
    # a top-level setting that gives this option too (an older, shorter spelling; the rule's own
    # table wins when both are given)
    setting: str | None = None
    # tables: entries may also be written directly in the rule's table ([rules.x] 乡镇 = "02-20")
    entries_inline: bool = False

    def expected(self) -> Message:
        """What a value must be, in words (for error messages and the explain page)."""
        zh, en = TYPE_WORDS[self.type]
        if self.minimum is not None or self.maximum is not None:
            zh, en = self._bounds(zh, en)
        if self.choices:
            label_zh, label_en = ("键", "keys") if self.type == "month-day-table" else ("可选值", "allowed")
            zh += f"；{label_zh}：{'、'.join(self.choices)}"
            en += f"; {label_en}: {', '.join(self.choices)}"
        return Message(zh, en)

    def _bounds(self, zh: str, en: str) -> tuple[str, str]:
        low, high = self.minimum, self.maximum
        if low is not None and high is not None:
            return (f"{'大于' if self.above_minimum else '不小于'} {low:g}、不大于 {high:g} 的{zh}",
                    f"{en} {'above' if self.above_minimum else 'at least'} {low:g} and at most {high:g}")
        if low is not None:
            return (f"{'大于' if self.above_minimum else '不小于'} {low:g} 的{zh}",
                    f"{en} {'above' if self.above_minimum else 'at least'} {low:g}")
        return f"不大于 {high:g} 的{zh}", f"{en} at most {high:g}"

    def accepts(self, value: Any) -> bool:
        """Whether `value` is of this option's type, within its bounds and choices."""
        if self.type in ("number", "integer"):
            return self._number_ok(value)
        if self.type == "boolean":
            return isinstance(value, bool)
        if self.type == "string":
            return isinstance(value, str) and (not self.choices or value in self.choices)
        if self.type == "month-day":
            return is_month_day(value)
        if self.type == "string-list":
            return (isinstance(value, (list, tuple))
                    and all(isinstance(v, str) and (not self.choices or v in self.choices) for v in value))
        return (isinstance(value, dict) and all(is_month_day(v) for v in value.values())
                and all(isinstance(k, str) and (not self.choices or k in self.choices) for k in value))

    def _number_ok(self, value: Any) -> bool:
        kinds = int if self.type == "integer" else (int, float)
        if isinstance(value, bool) or not isinstance(value, kinds) or not math.isfinite(value):
            return False
        if self.minimum is not None and (value < self.minimum or (self.above_minimum and value == self.minimum)):
            return False
        return self.maximum is None or value <= self.maximum


def option(name: str, type: OptionType, default: Any, description: str | tuple[str, str] | Message, *,
           minimum: float | None = None, maximum: float | None = None, above_minimum: bool = False,
           choices: tuple[str, ...] | list[str] = (), setting: str | None = None,
           entries_inline: bool = False) -> Option:
    """Declare an option (in `rule(..., options=(...))`); the default must itself be valid."""
    if type not in TYPE_WORDS:
        raise ValueError(f"option {name!r}: unknown type {type!r}; use one of {', '.join(TYPE_WORDS)}")
    text = description if isinstance(description, Message) else (
        Message(description) if isinstance(description, str) else Message(*description))
    declared = Option(name=name, type=type, default=default, description=text, minimum=minimum,
                      maximum=maximum, above_minimum=above_minimum, choices=tuple(choices), setting=setting,
                      entries_inline=entries_inline)
    if entries_inline and (type != "month-day-table" or not declared.choices):
        raise ValueError(f"option {name!r}: entries_inline needs a table type with declared keys (choices)")
    if not declared.accepts(default):
        raise ValueError(f"option {name!r}: the default {default!r} is not a valid {type}")
    return declared


def is_month_day(value: Any) -> bool:
    """A quoted "MM-DD" that is a day of some year (02-29 included)."""
    m = MONTH_DAY.match(value) if isinstance(value, str) else None
    if m is None:
        return False
    month, day = int(m[1]), int(m[2])
    return day <= (29 if month == 2 else calendar.monthrange(2001, month)[1])


def default_options(options: tuple[Option, ...]) -> dict[str, Any]:
    """Every option at its declared default (a copy: a rule may not change the declaration)."""
    return {o.name: copy.deepcopy(o.default) for o in options}


def resolve(rule_name: str, options: tuple[Option, ...], given: Mapping[str, Any],
            settings: Mapping[str, Any], *, table: str, setting_prefix: str = "", where: str) -> dict[str, Any]:
    """The options of one rule: the configured values checked against `options`, defaults for the rest.

    `given` is the rule's configured table, `settings` the top-level settings (for options declared
    with `setting=`); `table` names the rule's table as the user wrote it (e.g.
    ``[tool.xxgk-lint.rules.fee-amount-implausible]``), `setting_prefix` the table of the top-level
    settings (``[tool.xxgk-lint] ``) and `where` the file, for messages.
    """
    inline = _inline_entries(rule_name, options, given, table, where)
    resolved = default_options(options)
    for declared in options:
        if declared.name in given:
            value, key = given[declared.name], f"{table} {declared.name}"
        elif declared.setting is not None and declared.setting in settings:
            value, key = settings[declared.setting], f"{setting_prefix}{declared.setting}"
        else:
            value, key = resolved[declared.name], f"{table} {declared.name}"
        if inline.get(declared.name) and isinstance(value, dict):
            value, key = {**value, **inline[declared.name]}, table
        if not declared.accepts(value):
            raise ConfigError(*_wrong(key, value, declared, where))
        resolved[declared.name] = value
    return resolved


def _inline_entries(rule_name: str, options: tuple[Option, ...], given: Mapping[str, Any], table: str,
                    where: str) -> dict[str, dict[str, Any]]:
    """The entries written directly in the rule's table, by the table option they belong to;
    `ConfigError` for a key that is neither an option nor such an entry."""
    inline: dict[str, dict[str, Any]] = {}
    names = {o.name for o in options}
    for key, value in given.items():
        if key in names:
            continue
        owner = next((o for o in options if o.entries_inline and key in o.choices), None)
        if owner is None:
            raise ConfigError(*_unknown(key, rule_name, options, table, where))
        if not is_month_day(value):     # the one table type: its entries are "MM-DD"
            zh, en = TYPE_WORDS["month-day"]
            raise ConfigError(f"{where}：{table} {_key(key)} = {shown(value)} 无效；应为{zh}",
                              f"{where}: {table} {_key(key)} = {shown(value)} is invalid; expected {en}")
        inline.setdefault(owner.name, {})[key] = value
    return inline


def _unknown(key: str, rule_name: str, options: tuple[Option, ...], table: str, where: str) -> tuple[str, str]:
    if not options:
        return (f"{where}：{table} 中的选项 {key} 不存在：规则 {rule_name} 没有选项",
                f"{where}: {table}: unknown option {key}: rule {rule_name} has no options")
    return (f"{where}：{table} 中的选项 {key} 不存在；可用选项：{'、'.join(o.name for o in options)}"
            f"（xxgk-lint explain {rule_name} 查看说明）",
            f"{where}: {table}: unknown option {key}; options: {', '.join(o.name for o in options)} "
            f"(see xxgk-lint explain {rule_name})")


def _wrong(key: str, value: Any, declared: Option, where: str) -> tuple[str, str]:
    expected = declared.expected()
    return (f"{where}：{key} = {shown(value)} 无效；应为{expected.zh}（默认 {shown(declared.default)}）",
            f"{where}: {key} = {shown(value)} is invalid; expected {expected.en} "
            f"(default {shown(declared.default)})")


def shown(value: Any) -> str:
    """A value as it would be written in TOML (so the clerk recognises what they wrote)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"\"{value}\""
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(shown(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(str(k))} = {shown(v)}" for k, v in value.items()) + "}"
    return str(value)


def _key(key: str) -> str:
    """A TOML key: bare when it may be (ASCII letters, digits, - and _), else quoted (乡镇)."""
    return key if _BARE_KEY.match(key) else f"\"{key}\""
