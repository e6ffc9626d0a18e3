"""What the audit keeps of one file: its summary, diagnostics, a few figures and a text signature.

A worker process lints a file and sends back a `ReportRecord`, never the document: memory
in the parent grows by about a kilobyte plus the diagnostics per file, however large the
file was.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import SEVERITY_RANK, Diagnostic, FileResult, Location, Message, ResultKind, Severity
from ..spec import APPLICANT_COLUMNS, join_pointer

if TYPE_CHECKING:
    from ..config import Config
    from ..rule_api import Rule
    from ..suppress import InlineSuppression

# Table figures kept per report: the export's figures sheet (key figures of 表二/三/四, the
# same ids in the 2019 and 2021 formats) and both carry-over rows, column by column, for X101.
KEY_FIGURES: tuple[str, ...] = (
    "/tables/proactive/item5/licensing/decisions",
    "/tables/proactive/item6/penalty/decisions",
    "/tables/proactive/item6/enforcement/decisions",
    "/tables/applications/new/total",
    "/tables/applications/carried_over/total",
    "/tables/applications/disclosed/total",
    "/tables/applications/partly_disclosed/total",
    "/tables/applications/results_total/total",
    "/tables/applications/carried_forward/total",
    "/tables/reviews/review/total",
    "/tables/reviews/litigation_direct/total",
    "/tables/reviews/litigation_after_review/total",
)
CARRY_ROWS = ("carried_over", "carried_forward")
CARRY_FIGURES: tuple[str, ...] = tuple(
    join_pointer("tables", "applications", row, col.id) for row in CARRY_ROWS for col in APPLICANT_COLUMNS)
FIGURES: tuple[str, ...] = KEY_FIGURES + tuple(p for p in CARRY_FIGURES if p not in KEY_FIGURES)

PASSED, NEEDS_FIXING, NOT_CHECKED = "passed", "needs_fixing", "not_checked"
STATUS_LABEL = {
    "zh": {PASSED: "通过", NEEDS_FIXING: "需修改", NOT_CHECKED: "无法检查"},
    "en": {PASSED: "passed", NEEDS_FIXING: "needs fixing", NOT_CHECKED: "not checked"},
}


@dataclass(slots=True)
class ReportRecord:
    index: int                          # position in the run (path order): the deterministic order
    path: str
    kind: ResultKind | None
    checked: bool
    diagnostics: list[Diagnostic]
    organ: str | None = None
    organ_level: str | None = None
    year: int | None = None
    format_version: str | None = None
    encoding: str | None = None
    figures: tuple = ()                 # aligned with FIGURES; None where absent or not a number
    signature: array | None = None      # see signature.py
    inline: list["InlineSuppression"] = field(default_factory=list)
    seconds: float = 0.0                # time spent reading and checking the file
    source: str | None = None           # the history database a stored report came from (not audited now)

    # ------------------------------------------------------------ counts and status

    def counted(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.counted]

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.diagnostics if d.severity == severity and d.counted)

    def status(self, fail_on: Severity = "error") -> str:
        """无法检查 when unreadable; 需修改 when a counted warning or error remains (or an info,
        with fail-on info); 通过 otherwise. Warnings count even with the default fail-on:
        a report with a copied text or a carry-over gap needs fixing although the run passes."""
        if not self.checked:
            return NOT_CHECKED
        floor = min(SEVERITY_RANK[fail_on], SEVERITY_RANK["warning"])
        if any(SEVERITY_RANK[d.severity] >= floor for d in self.diagnostics if d.counted):
            return NEEDS_FIXING
        return PASSED

    def reason(self, lang: str = "zh") -> str:
        """Why a file was not checked (its input finding), '' for a checked file."""
        if self.checked:
            return ""
        first = next((d for d in self.diagnostics if d.category == "input"), None)
        return first.message.text(lang) if first else ""

    def figure(self, pointer: str):
        i = FIGURES.index(pointer)
        return self.figures[i] if i < len(self.figures) else None

    def worst_key(self, fail_on: Severity = "error") -> tuple:
        """Sort key, worst first: not checked, then most errors, warnings, infos; then path order."""
        rank = {NOT_CHECKED: 0, NEEDS_FIXING: 1, PASSED: 2}[self.status(fail_on)]
        return (rank, -self.count("error"), -self.count("warning"), -self.count("info"), self.index)


def _number(value):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return value


_FIGURE_PATHS = tuple(tuple(p.lstrip("/").split("/")) for p in FIGURES)   # no escaped characters in them


def figures_of(data: dict | None) -> tuple:
    out = []
    for path in _FIGURE_PATHS:
        node = data
        for part in path:
            node = node.get(part) if isinstance(node, dict) else None
        out.append(_number(node))
    return tuple(out)


def record_of(index: int, result: FileResult, seconds: float = 0.0) -> ReportRecord:
    """Reduce a `FileResult` (linted with keep_data) to what the audit keeps."""
    from .signature import prose_of, signature

    data = result.data if result.checked else None
    sig = None
    if data is not None:
        sig = signature(prose_of(data) or (result.text or ""), result.organ)
    return ReportRecord(
        index=index, path=result.path, kind=result.kind, checked=result.checked,
        diagnostics=list(result.diagnostics), organ=result.organ, organ_level=result.organ_level,
        year=result.year, format_version=result.format_version, encoding=result.encoding,
        figures=figures_of(data) if data is not None else (), signature=sig,
        inline=_inline(result), seconds=seconds)


def _inline(result: FileResult) -> list["InlineSuppression"]:
    """The file's suppression comments (kept so that they also apply to X1xx findings)."""
    from ..suppress import find_inline

    lines = result.lines
    if not lines or not any("xxgk-lint" in line for line in lines):   # the common case, cheaply
        return []
    return find_inline(lines, result.kind)


def input_diagnostic(rules: dict[str, "Rule"], config: "Config", path: str, code: str,
                     message: Message) -> Diagnostic:
    """An input finding (I007 crash, I008 timeout) made outside the engine, resolved like the engine does."""
    rule = rules[code]
    return Diagnostic(code=code, name=rule.name, category=rule.category,
                      severity=config.severity.get(code, rule.severity), message=message,
                      location=Location(path=path))


def not_checked(index: int, path: str, diagnostic: Diagnostic, seconds: float = 0.0) -> ReportRecord:
    return ReportRecord(index=index, path=path, kind=None, checked=False, diagnostics=[diagnostic],
                        seconds=seconds)
