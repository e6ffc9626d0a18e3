"""Helpers for testing a rule (in the spirit of yamllint's RuleTestCase.check).

Shipped with the package so that plugin and local-rule authors test their rules the way the
built-in ones are tested (`from xxgk_lint.testing import check, make_report`).

A test starts from the clean structured sample (`examples/sample-2021.yaml`, which must lint
clean), plants a defect with JSON-pointer patches, runs ONE rule and compares the findings
with a short table of (code, pointer) pairs:

    check(totals.applications_row_total, {"/tables/applications/new/total": 17},
          ("A401", "/tables/applications/new/total"))

`DELETE` as a patch value removes the key. A county's declarative rules are tested the same
way, one `Rule` at a time:

    rules = {r.code: r for r in local_rules("本县规则.yaml")}
    check(rules["Z002"], {"/meta/contact/fax": DELETE}, ("Z002", "/meta/contact/fax"))
"""

from __future__ import annotations

import copy
import functools
from importlib.resources import files
from pathlib import Path
from typing import Any, Iterable

import yaml

from xxgk_lint import spec
from xxgk_lint.model import Finding, Heading, Report, ReportKind
from xxgk_lint.rule_api import Rule, RuleContext

# the clean structured sample (examples/sample-2021.yaml in the source tree), shipped as package data
SAMPLE = files("xxgk_lint") / "sample-2021.yaml"
DELETE = object()


@functools.cache
def _sample() -> dict:
    return yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))


def sample_data(patches: dict[str, Any] | None = None) -> dict:
    """A deep copy of the clean sample with `patches` ({pointer: value or DELETE}) applied."""
    data = copy.deepcopy(_sample())
    for pointer, value in (patches or {}).items():
        *parents, last = spec.split_pointer(pointer)
        node = data
        for part in parents:
            node = node.setdefault(part, {})
        if value is DELETE:
            node.pop(last, None)
        else:
            node[last] = value
    return data


def official_headings(data: dict) -> list[Heading]:
    return [Heading(sid, spec.SECTION_BY_ID[sid].full_heading, True)
            for sid in data.get("sections", {}) if sid in spec.SECTION_BY_ID]


def make_report(patches: dict[str, Any] | None = None, *, data: dict | None = None,
                headings: list[Heading] | None = None, version: str | None = "2021",
                kind: ReportKind = "yaml", text: str | None = None, evidence: Iterable[str] = (),
                lines: list[str] | None = None) -> Report:
    data = data if data is not None else sample_data(patches)
    if text is None:
        text = "\n".join(v for v in data.get("sections", {}).values() if isinstance(v, str))
    return Report(path=f"case.{kind}", kind=kind, data=data,
                  headings=headings if headings is not None else official_headings(data),
                  format_version=version, layout_evidence=list(evidence), text=text, lines=lines)


def local_rules(path: str | Path) -> tuple[Rule, ...]:
    """The rules of a local-rules YAML file, validated as the configuration would
    (`ConfigError` naming the line)."""
    from .local_rules import load_local_rules

    return load_local_rules(Path(path))


_UNSET = object()


def run(rule: Rule, report: Report, *, organ_level: Any = _UNSET, version: str | None = None,
        options: dict | None = None) -> list[Finding]:
    """Run one rule the way the engine does: format and organ level resolved into the context,
    `options` (as they would be written in the rule's configuration table) checked against the
    rule's declarations (`ConfigError` when not allowed) and its declared defaults applied."""
    from xxgk_lint.config import Config

    if organ_level is _UNSET:
        declared = report.meta.get("organ_level")
        organ_level = declared if declared in spec.ORGAN_LEVEL_BY_ID else None
    resolved = Config(rule_options={rule.name: options or {}}).options_for([rule])
    ctx = RuleContext(format_version=version or report.format_version or "2021",
                      organ_level=organ_level, options=resolved)
    return list(rule.run(report, ctx))


def check(rule: Rule, patches_or_report: dict[str, Any] | Report | None,
          *expected: tuple[str, str], **kw: Any) -> list[Finding]:
    """Assert that `rule` yields exactly the (code, pointer) pairs of `expected` (any order)."""
    report = (patches_or_report if isinstance(patches_or_report, Report)
              else make_report(patches_or_report))
    found = run(rule, report, **kw)
    got = sorted((f.code, f.pointer) for f in found)
    assert got == sorted(expected), "\n".join(
        [f"expected {sorted(expected)}", f"got {got}"] + [f"  {f.code} {f.message.zh}" for f in found])
    return found
