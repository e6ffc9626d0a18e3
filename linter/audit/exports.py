"""Audit exports, chosen by file extension: .xlsx, .csv, .json, .html.

- .csv: the findings, one row per finding (UTF-8 with BOM, so that Excel shows the Chinese
  text correctly when the file is double-clicked); with a roster, then one row per organ
  未报送, 名单外, ambiguous or reported twice.
- .json: everything — totals, per-rule counts, one object per report with its diagnostics,
  and with a roster a top-level "roster" (missing, unlisted, ambiguous, duplicates, entries).
- .xlsx and .html: see export_xlsx.py and export_html.py.

Each writer streams report by report and holds no more than one report's rows at a time.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from ..model import Diagnostic
from .summary import SEVERITY_LABEL, report_rows, rule_totals, shown, t, totals

if TYPE_CHECKING:
    from . import Audit

EXPORT_KINDS = (".xlsx", ".csv", ".json", ".html")


class ExportError(Exception):
    """An export path that cannot be used (exit code 2)."""


def check_export_path(path: str) -> str:
    """The kind of export for `path`; raises ExportError for an unknown extension (before the run)."""
    suffix = Path(path).suffix.lower()
    if suffix == ".htm":
        suffix = ".html"
    if suffix not in EXPORT_KINDS:
        raise ExportError(f"--export {path}: unknown extension {suffix or '(none)'}; "
                          f"use one of {', '.join(EXPORT_KINDS)}")
    return suffix


def export(audit: "Audit", path: str, *, show_suppressed: bool = False) -> None:
    kind = check_export_path(path)
    if kind == ".xlsx":
        from .export_xlsx import write_xlsx
        write_xlsx(audit, path, show_suppressed=show_suppressed)
    elif kind == ".html":
        from .export_html import write_html
        write_html(audit, path, show_suppressed=show_suppressed)
    elif kind == ".csv":
        write_csv(audit, path, show_suppressed=show_suppressed)
    else:
        write_json(audit, path, show_suppressed=show_suppressed)


# ---------------------------------------------------------------- shared

def location_text(d: Diagnostic, lang: str) -> str:
    """Logical place (表三/…/自然人) and physical place (line, page, cell) in one string."""
    from ..reporters.common import logical, physical

    where, at = logical(d.location), physical(d.location, lang)
    if where and at:
        return f"{where} ({at})"
    return where or at


def finding_rows(audit: "Audit", show_suppressed: bool) -> Iterator[tuple[dict, Diagnostic]]:
    """(report row, diagnostic) in report order (worst first), findings in file order."""
    lang = audit.lang
    for row in report_rows(audit, lang):
        for d in shown(row["record"], show_suppressed):
            yield row, d
    for extra in audit.extra:
        empty = {"path": extra.path, "organ": "", "year": None}
        for d in sorted(extra.diagnostics if show_suppressed else extra.active(), key=Diagnostic.sort_key):
            yield empty, d


def finding_columns(lang: str) -> list[str]:
    return [t(lang, "文件", "path"), t(lang, "机关", "organ"), t(lang, "年度", "year"),
            t(lang, "代码", "code"), t(lang, "规则", "rule"), t(lang, "级别", "severity"),
            t(lang, "位置", "location"), t(lang, "问题说明", "message"),
            t(lang, "抑制理由", "suppressed because")]


def finding_cells(row: dict, d: Diagnostic, lang: str) -> list:
    return [row["path"], row["organ"], row["year"], d.code, d.name, SEVERITY_LABEL[lang][d.severity],
            location_text(d, lang), d.message.text(lang), d.suppressed or ""]


# ---------------------------------------------------------------- .csv

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value):
    """Text that Excel would run as a formula (a file named "=…") is quoted with a leading '."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return "" if value is None else value


def write_csv(audit: "Audit", path: str, *, show_suppressed: bool = False) -> None:
    lang = audit.lang
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(finding_columns(lang))
        for row, d in finding_rows(audit, show_suppressed):
            writer.writerow([csv_safe(v) for v in finding_cells(row, d, lang)])
        for cells in roster_rows(audit, lang):
            writer.writerow([csv_safe(v) for v in cells])


def roster_rows(audit: "Audit", lang: str) -> list[list]:
    """The roster's outcome as rows in the findings' columns (file, organ, year, code, rule,
    severity, location, message, suppressed): what the .csv adds after the findings."""
    result = audit.roster
    if result is None:
        return []
    from .roster import ROSTER_STATUS_LABEL, summary_lines

    status = ROSTER_STATUS_LABEL[lang]
    sep = "、" if lang == "zh" else ", "
    rows = [["", e.name, None, "", status["missing"], "", "", t(lang, f"名单第 {e.position} 行的机关未找到报告",
                                                                f"no report found for roster line {e.position}"), ""]
            for e in result.missing()]
    rows += [[r.path, r.organ, r.year, "", t(lang, "名单外", "not on the roster"), "", "",
              t(lang, "报告的机关不在应报送名单中", "the report's organ is not on the roster"), ""]
             for r in result.unlisted]
    rows += [[r.path, r.organ, r.year, "", t(lang, "无法确定对应机关", "ambiguous"), "", "",
              t(lang, "与名单中多个机关相符：", "matches several roster lines: ") + sep.join(e.name for e in candidates), ""]
             for r, candidates in result.ambiguous]
    rows += [[r.path, e.name, r.year, "", status["duplicate"], "", "",
              t(lang, "同一机关有多份报告：", "several reports of one organ: ") + sep.join(x.path for x in found), ""]
             for e, found in result.duplicates() for r in found]
    rows.append(["", "", None, "", t(lang, "名单", "roster"), "", "", summary_lines(result, lang)[0], ""])
    return rows


# ---------------------------------------------------------------- .json

def report_json(row: dict, lang: str, show_suppressed: bool) -> dict:
    from .record import FIGURES

    r = row["record"]
    out = {k: row[k] for k in ("path", "organ", "organ_level", "year", "format_version", "kind",
                               "status", "status_label", "errors", "warnings", "infos", "suppressed",
                               "top_problems")}
    out["checked"] = r.checked
    if not r.checked:
        out["reason"] = r.reason(lang)
    out["figures"] = {p: v for p, v in zip(FIGURES, r.figures) if v is not None}
    out["diagnostics"] = [d.to_dict(lang) for d in shown(r, show_suppressed)]
    return out


def write_json(audit: "Audit", path: str, *, show_suppressed: bool = False) -> None:
    from .. import __version__

    lang = audit.lang
    head = {"tool": {"name": "xxgk-lint", "version": __version__, "command": "audit"},
            "fail_on": audit.fail_on, "totals": totals(audit), "rules": rule_totals(audit, lang),
            "other_findings": [d.to_dict(lang) for x in audit.extra
                               for d in (x.diagnostics if show_suppressed else x.active())]}
    if audit.roster is not None:
        head["roster"] = audit.roster.to_json(lang)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        # Streamed report by report: a county's worth of reports never sits in memory as one tree.
        fh.write(json.dumps(head, ensure_ascii=False, indent=1)[:-2])
        fh.write(',\n "reports": [')
        for i, row in enumerate(report_rows(audit, lang)):
            fh.write(",\n  " if i else "\n  ")
            fh.write(json.dumps(report_json(row, lang, show_suppressed), ensure_ascii=False))
        fh.write("\n ]\n}\n")
