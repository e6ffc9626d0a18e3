"""``sarif``: SARIF 2.1.0 for GitHub code scanning, GitLab and IDE viewers.

- Rules come from the catalog (every registered rule, so ``ruleIndex`` is stable within a
  version); codes found but not registered get a minimal descriptor.
- Paths are relative to ``--source-root`` (default: the cwd) under ``uriBaseId`` ``%SRCROOT%``;
  a file outside it gets an absolute ``file:`` URI. ``region`` only when a line is known.
- The logical place (section/table/row/column) is the ``logicalLocations`` entry's
  ``fullyQualifiedName``; the JSON pointer is its ``decoratedName``.
- ``partialFingerprints`` hash code + path + logical place (+ occurrence), never the line,
  so alerts survive edits that move lines.
- Suppressed findings are kept with ``suppressions`` (override: ``external``, inline comment:
  ``inSource``); with a baseline every result has a ``baselineState`` and fixed findings
  appear as ``absent`` results.
- Files that could not be read are tool execution notifications, not results.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path
from typing import TextIO
from urllib.parse import quote

from ..model import Diagnostic, FileResult
from .common import RenderContext, config_file

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT = "xxgkLintLocation/v1"
FALLBACK_INFORMATION_URI = "https://pypi.org/project/xxgk-lint/"


def information_uri() -> str:
    """The project's home page from the installed metadata, else its PyPI page."""
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        urls = metadata("xxgk-lint").get_all("Project-URL") or []
    except PackageNotFoundError:
        urls = []
    for entry in urls:
        label, _, url = entry.partition(",")
        if label.strip().lower() in ("homepage", "home", "repository", "source") and url.strip():
            return url.strip()
    return FALLBACK_INFORMATION_URI


def _text(zh: str, en: str) -> str:
    return zh if zh == en else f"{zh}\n{en}"


def _descriptor(rule) -> dict:
    def block(lang: str) -> str:
        lines = [rule.title.text(lang), "", rule.checks.text(lang), "", rule.rationale.text(lang), ""]
        if rule.fix is not None:
            lines += [("修改建议：" if lang == "zh" else "How to fix: ") + rule.fix.text(lang), ""]
        lines += [("法律依据：" if lang == "zh" else "Legal basis: ") + rule.legal_basis.text(lang)]
        if rule.example_fail:
            lines += ["", ("不合格示例：" if lang == "zh" else "Failing example: ") + rule.example_fail]
        if rule.example_pass:
            lines += [("合格示例：" if lang == "zh" else "Passing example: ") + rule.example_pass]
        return "\n".join(lines)

    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": _text(rule.title.zh, rule.title.en)},
        "fullDescription": {"text": _text(rule.checks.zh, rule.checks.en)},
        "help": {"text": block("zh") + "\n\n" + block("en")},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {
            "category": rule.category,
            "legalBasis": {"zh": rule.legal_basis.zh, "en": rule.legal_basis.en},
            **({"fix": {"zh": rule.fix.zh, "en": rule.fix.en}} if rule.fix is not None else {}),
            "verified": rule.verified,
            "formats": sorted(rule.formats),
            "tags": [rule.category, *sorted(f"format-{f}" for f in rule.formats)],
        },
    }


def _fallback_descriptor(diag: Diagnostic) -> dict:
    return {"id": diag.code, "name": diag.name,
            "defaultConfiguration": {"level": LEVEL[diag.severity]},
            "properties": {"category": diag.category}}


class _Artifacts:
    """File URIs relative to the source root, and the run's `artifacts` list."""

    def __init__(self, root: Path):
        self.root = root
        self.items: list[dict] = []
        self.index: dict[str, int] = {}

    def location(self, path: str, encoding: str | None = None) -> dict:
        absolute = Path(path) if Path(path).is_absolute() else Path.cwd() / path
        absolute = absolute.resolve()
        try:
            loc = {"uri": quote(absolute.relative_to(self.root).as_posix(), safe="/"),
                   "uriBaseId": "%SRCROOT%"}
        except ValueError:
            loc = {"uri": absolute.as_uri()}
        if loc["uri"] not in self.index:
            self.index[loc["uri"]] = len(self.items)
            item: dict = {"location": dict(loc)}
            if encoding:
                item["encoding"] = encoding
            self.items.append(item)
        return {**loc, "index": self.index[loc["uri"]]}


def _location(diag: Diagnostic, artifact: dict, lines: list[str] | None) -> dict:
    loc = diag.location
    physical: dict = {"artifactLocation": artifact}
    if loc.line is not None:
        region: dict = {"startLine": loc.line}
        if loc.column is not None:
            region["startColumn"] = loc.column
        if loc.end_line is not None and loc.end_line >= loc.line:
            region["endLine"] = loc.end_line
            if loc.end_column is not None:
                region["endColumn"] = loc.end_column
        if lines and 0 < loc.line <= len(lines):
            region["snippet"] = {"text": lines[loc.line - 1]}
        physical["region"] = region
    out: dict = {"physicalLocation": physical}
    logical = loc.logical()
    if logical or loc.pointer:
        fq = logical or loc.pointer
        entry = {"fullyQualifiedName": fq, "name": fq.rsplit("/", 1)[-1] or fq}
        if loc.pointer:
            entry["decoratedName"] = loc.pointer
        out["logicalLocations"] = [entry]
    return out


def _related(diag: Diagnostic, artifact: dict) -> list[dict]:
    """The cells or rows a grouped finding stands for, each as a related location."""
    out = []
    for i, member in enumerate((diag.details or {}).get("group") or (), start=1):
        loc = member.get("location") or {}
        physical: dict = {"artifactLocation": artifact}
        if loc.get("line") is not None:
            physical["region"] = {k: loc[f] for k, f in (("startLine", "line"), ("startColumn", "column"))
                                  if loc.get(f) is not None}
        entry: dict = {"id": i, "message": {"text": member.get("label", "")}, "physicalLocation": physical}
        if member.get("pointer"):
            fq = loc.get("logical") or member["pointer"]
            entry["logicalLocations"] = [{"fullyQualifiedName": fq, "decoratedName": member["pointer"]}]
        out.append(entry)
    return out


def _fingerprint(code: str, uri: str, place: str, occurrence: int) -> str:
    return hashlib.sha256(f"{code}\0{uri}\0{place}\0{occurrence}".encode("utf-8")).hexdigest()[:32]


def _properties(diag: Diagnostic) -> dict:
    loc = diag.location
    props: dict = {"category": diag.category}
    for key, value in (("expected", diag.expected), ("actual", diag.actual), ("page", loc.page),
                       ("paragraph", loc.paragraph), ("tableIndex", loc.table_index),
                       ("rowIndex", loc.row_index), ("cellIndex", loc.cell_index),
                       ("pointer", loc.pointer or None)):
        if value is not None:
            props[key] = value
    if diag.details:
        props["details"] = diag.details
    return props


def log(results: list[FileResult], ctx: RenderContext) -> dict:
    from .. import __version__

    root = (ctx.source_root or Path.cwd()).resolve()
    artifacts = _Artifacts(root)
    rules = [_descriptor(r) for _, r in sorted(ctx.rules.items())]
    rule_index = {d["id"]: i for i, d in enumerate(rules)}

    def index_of(diag: Diagnostic) -> int:
        if diag.code not in rule_index:
            rule_index[diag.code] = len(rules)
            rules.append(_fallback_descriptor(diag))
        return rule_index[diag.code]

    sarif_results: list[dict] = []
    notifications: list[dict] = []
    occurrences: Counter[tuple[str, str, str]] = Counter()
    for r in results:
        artifact = artifacts.location(r.path, r.encoding)
        for d in sorted(r.diagnostics, key=Diagnostic.sort_key):
            message = {"text": d.message.text(ctx.lang)}
            if not r.checked:
                notifications.append({
                    "level": LEVEL[d.severity], "message": message,
                    "locations": [{"physicalLocation": {"artifactLocation": artifact}}],
                    "associatedRule": {"id": d.code, "index": index_of(d)},
                })
                continue
            place = d.location.pointer or d.location.logical()
            occurrences[(d.code, artifact["uri"], place)] += 1
            res: dict = {
                "ruleId": d.code, "ruleIndex": index_of(d), "level": LEVEL[d.severity],
                "message": message,
                "locations": [_location(d, artifact, r.lines)],
                "partialFingerprints": {FINGERPRINT: _fingerprint(
                    d.code, artifact["uri"], place, occurrences[(d.code, artifact["uri"], place)])},
                "properties": _properties(d),
            }
            related = _related(d, artifact)
            if related:
                res["relatedLocations"] = related
            if d.suppressed is not None:
                kind = ((d.details or {}).get("suppression") or {}).get("kind", "external")
                res["suppressions"] = [{"kind": kind, "justification": d.suppressed}]
            if d.baseline is not None:
                res["baselineState"] = d.baseline
            sarif_results.append(res)
    if ctx.baseline is not None and not ctx.baseline.written:
        base = ctx.baseline.path.parent
        for f in ctx.baseline.fixed:
            artifact = artifacts.location(str(base / f.path))
            fixed: dict = {
                "ruleId": f.code, "kind": "pass", "level": "none", "baselineState": "absent",
                "message": {"text": ctx.t(f"已修复（{f.count} 项）", f"fixed ({f.count})")},
                "locations": [{"physicalLocation": {"artifactLocation": artifact}}],
                "properties": {"count": f.count},
            }
            if f.code in rule_index:
                fixed["ruleIndex"] = rule_index[f.code]
            if f.location:
                fixed["locations"][0]["logicalLocations"] = [{"fullyQualifiedName": f.location}]
            sarif_results.append(fixed)

    driver = {"name": "xxgk-lint", "version": __version__, "semanticVersion": __version__,
              "informationUri": information_uri(), "rules": rules}
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": driver},
            "invocations": [{"executionSuccessful": all(r.checked for r in results),
                             "toolExecutionNotifications": notifications,
                             **({"properties": config_file(ctx)} if ctx.config is not None else {})}],
            "originalUriBaseIds": {"%SRCROOT%": {"uri": root.as_uri().rstrip("/") + "/"}},
            "artifacts": artifacts.items,
            "language": "en-US" if ctx.lang == "en" else "zh-CN",
            "columnKind": "unicodeCodePoints",
            "results": sarif_results,
        }],
    }


def render(results: list[FileResult], out: TextIO, ctx: RenderContext) -> None:
    out.write(json.dumps(log(results, ctx), ensure_ascii=False, indent=2, default=str) + "\n")
