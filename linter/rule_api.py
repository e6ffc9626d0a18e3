"""What a rule plugin is, and the decorator that declares one.

A rule is a small pure function of the parsed report that yields `Finding`s, with its
metadata beside it. Built-in rules (package `rules/`) and third-party rules are found
through the same entry-point group, ``xxgk_lint.rules``: each entry point names a module,
and every `Rule` object at module level is registered.

    from xxgk_lint.rule_api import rule, RuleContext
    from xxgk_lint.model import Finding, Message

    @rule(code="S101", name="section-missing", category="section", severity="error",
          title=("缺少必备部分", "Required section missing"), ...)   # or title="缺少必备部分"
    def section_missing(report, ctx):
        yield Finding("S101", Message("缺少第四部分…", "Section IV missing"), "/sections/reviews")

Every text is a (Chinese, English) pair or Chinese alone (the English then falls back to it);
`Message("……")` in a finding likewise. A rule may also produce companion codes (e.g. the schema
rule produces table-row-missing, value-not-integer …): declare them with `companion(...)` and list them in `codes=`.

A rule's options are declared beside it and read from the context, defaults applied:

    @rule(code="V304", name="fee-amount-implausible", ...,
          options=(option("max", "number", 100000, ("上限（万元）", "limit (10,000 yuan)"), minimum=0),))
    def fee_amount_implausible(report, ctx):
        limit = ctx.options["fee-amount-implausible"]["max"]

The configuration is checked against the declarations when it loads (`rule_options.resolve`);
a rule that declares none accepts none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

from .model import CATEGORIES, SEVERITIES, Category, Finding, Message, Report, Severity
from .rule_options import Option, option

__all__ = ["Check", "Option", "Rule", "RuleContext", "Text", "companion", "option", "rule"]

CODE_PATTERN = re.compile(r"^[A-Z]{1,3}[0-9]{3}$")
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class RuleContext:
    """What a rule may know besides the report: settings resolved from config and CLI."""
    format_version: str                 # the format the report is checked against
    organ_level: str | None = None      # resolved organ level (config override or inferred)
    # per-rule options by rule name, declared defaults applied (`rule_options.resolve`)
    options: dict[str, dict[str, Any]] = field(default_factory=dict)


Check = Callable[[Report, RuleContext], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    category: Category
    severity: Severity
    title: Message
    checks: Message                 # what it checks
    rationale: Message              # why it matters
    legal_basis: Message
    fix: Message | None = None      # how to fix a finding of this rule, in the clerk's terms
    example_fail: str = ""
    example_pass: str = ""
    formats: frozenset[str] = frozenset({"2019", "2021"})
    check: Check | None = None      # None for companion codes produced by another rule
    # code of the rule whose check yields this code, or the stage that does ("read", "extract", "engine")
    produced_by: str | None = None
    verified: bool = True           # False when the requirement is unverified (FORMAT.md [R])
    origin: str = "builtin"         # module the rule was loaded from
    options: tuple[Option, ...] = ()  # the options it accepts (`rule_options.option`)

    def run(self, report: Report, ctx: RuleContext) -> Iterator[Finding]:
        if self.check is not None:
            yield from self.check(report, ctx)


Text = str | tuple[str] | tuple[str, str] | Message     # Chinese alone, or (Chinese, English)


def _pair(value: Text) -> Message:
    """The English text is optional: a plugin written for one county office may give Chinese only."""
    if isinstance(value, Message):
        return value
    if isinstance(value, str):
        return Message(value)
    return Message(*value)


def _fix(value: Text | None) -> Message | None:
    return None if value is None else _pair(value)


def _validate(code: str, name: str, category: str, severity: str, options: Iterable[Option] = ()) -> None:
    if not CODE_PATTERN.match(code):
        raise ValueError(f"rule code {code!r} must match {CODE_PATTERN.pattern}")
    if not NAME_PATTERN.match(name):
        raise ValueError(f"rule name {name!r} must be kebab-case")
    if category not in CATEGORIES:
        raise ValueError(f"rule {code}: unknown category {category!r}")
    if severity not in SEVERITIES:
        raise ValueError(f"rule {code}: unknown severity {severity!r}")
    names = [o.name for o in options]
    if len(set(names)) != len(names):
        raise ValueError(f"rule {code}: an option is declared twice ({', '.join(names)})")


def rule(*, code: str, name: str, category: Category, severity: Severity,
         title: Text, checks: Text, rationale: Text, legal_basis: Text, fix: Text | None = None,
         example_fail: str = "", example_pass: str = "",
         formats: Iterable[str] = ("2019", "2021"), verified: bool = True, options: Iterable[Option] = ()
         ) -> Callable[[Check], Rule]:
    """Declare a rule: decorate its check function; the result is the `Rule`."""
    declared = tuple(options)
    _validate(code, name, category, severity, declared)

    def wrap(fn: Check) -> Rule:
        return Rule(code=code, name=name, category=category, severity=severity,
                    title=_pair(title), checks=_pair(checks), rationale=_pair(rationale),
                    legal_basis=_pair(legal_basis), fix=_fix(fix), example_fail=example_fail,
                    example_pass=example_pass, formats=frozenset(formats), check=fn,
                    verified=verified, origin=fn.__module__, options=declared)
    return wrap


def companion(*, code: str, name: str, category: Category, severity: Severity, produced_by: str | None,
              title: Text, checks: Text, rationale: Text, legal_basis: Text, fix: Text | None = None,
              example_fail: str = "", example_pass: str = "",
              formats: Iterable[str] = ("2019", "2021"), verified: bool = True,
              origin: str = "builtin", options: Iterable[Option] = ()) -> Rule:
    """Declare a code whose findings another rule's check yields (documented and selectable).

    `produced_by=None` declares a code the machinery itself emits (readers, suppression
    bookkeeping) rather than a rule's check. `options` are those the producer reads for this
    code (the audit reads X102's similarity threshold).
    """
    declared = tuple(options)
    _validate(code, name, category, severity, declared)
    return Rule(code=code, name=name, category=category, severity=severity, title=_pair(title),
                checks=_pair(checks), rationale=_pair(rationale), legal_basis=_pair(legal_basis),
                fix=_fix(fix), example_fail=example_fail, example_pass=example_pass, formats=frozenset(formats),
                produced_by=produced_by, verified=verified, origin=origin, options=declared)
