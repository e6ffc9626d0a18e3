"""Audit exports, chosen by file extension: .xlsx, .csv, .json, .html.

- .csv: the findings, one row per finding (UTF-8 with BOM, so that Excel shows the Chinese
  text correctly when the file is double-clicked), and beside it `<name>.reports.csv`, one row
  per report with its status — reports that passed appear there, not in the findings; with a
  roster, the findings file then has one row per organ 未报送, 名单外, ambiguous or reported twice.
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

from ..model import Diagnostic, UserError
from .summary import SEVERITY_LABEL, report_rows, rule_title, rule_totals, shown, t, totals

if TYPE_CHECKING:
    from . import Audit

EXPORT_KINDS = (".xlsx", ".csv", ".json", ".html")


class ExportError(UserError):
    """An export path that cannot be used (exit code 2)."""


def check_export_path(path: str) -> str:
    """The kind of export for `path`; raises ExportError for an unknown extension (before the run)."""
    suffix = Path(path).suffix.lower()
    if suffix == ".htm":
        suffix = ".html"
    if suffix not in EXPORT_KINDS:
        raise ExportError(f"--export {path}：无法识别的扩展名 {suffix or '（无）'}；可用 {'、'.join(EXPORT_KINDS)}",
                          f"--export {path}: unknown extension {suffix or '(none)'}; "
                          f"use one of {', '.join(EXPORT_KINDS)}")
    return suffix


def export(audit: "Audit", path: str) -> None:
    """Write the export; the file appears (or replaces an earlier one) only when complete.
    Every export lists each report's suppressed findings, with the reason, beside the others."""
    from ..outputs import atomic_path

    kind = check_export_path(path)
    with atomic_path(path) as temp:
        if kind == ".xlsx":
            from .export_xlsx import write_xlsx
            write_xlsx(audit, temp)
        elif kind == ".html":
            from .export_html import write_html
            write_html(audit, temp)
        elif kind == ".csv":
            write_csv(audit, temp)
            with atomic_path(reports_csv_path(path)) as companion:
                write_reports_csv(audit, companion)
        else:
            write_json(audit, temp)


# ---------------------------------------------------------------- shared

def location_text(d: Diagnostic, lang: str) -> str:
    """Logical place (表三/…/自然人) and physical place (line, page, cell) in one string."""
    from ..reporters.common import logical, physical

    where, at = logical(d.location), physical(d.location, lang)
    if where and at:
        return f"{where} ({at})"
    return where or at


def finding_rows(audit: "Audit") -> Iterator[tuple[dict, Diagnostic]]:
    """(report row, diagnostic) in report order (worst first), findings in file order,
    suppressed ones included (their reason is a column of their own)."""
    lang = audit.lang
    for row in report_rows(audit, lang):
        for d in shown(row["record"]):
            yield row, d
    for extra in audit.extra:
        empty = {"path": extra.path, "organ": "", "year": None}
        for d in sorted(extra.diagnostics, key=Diagnostic.sort_key):
            yield empty, d


def finding_columns(lang: str) -> list[str]:
    return [t(lang, "文件", "path"), t(lang, "机关", "organ"), t(lang, "年度", "year"),
            t(lang, "代码", "code"), t(lang, "规则", "rule"), t(lang, "级别", "severity"),
            t(lang, "位置", "location"), t(lang, "问题说明", "message"), t(lang, "修改建议", "how to fix"),
            t(lang, "豁免理由", "exempted because")]


def finding_cells(audit: "Audit", row: dict, d: Diagnostic, lang: str) -> list:
    rule = audit.rules.get(d.code)
    fix = rule.fix.text(lang) if rule is not None and rule.fix is not None else ""
    return [row["path"], row["organ"], row["year"], d.code, rule_title(audit, d.code, d.name, lang),
            SEVERITY_LABEL[lang][d.severity], location_text(d, lang), d.message.text(lang), fix,
            d.suppressed or ""]


def report_columns(lang: str) -> list[str]:
    return [t(lang, "状态", "status"), t(lang, "机关", "organ"), t(lang, "层级", "level"),
            t(lang, "年度", "year"), t(lang, "格式", "format"), t(lang, "类型", "kind"),
            t(lang, "错误", "errors"), t(lang, "警告", "warnings"), t(lang, "提示", "info"),
            t(lang, "主要问题", "main problems"), t(lang, "文件", "file")]


def report_cells(row: dict, lang: str) -> list:
    return [row["status_label"], row["organ"], row["organ_level_label"], row["year"],
            row["format_version"], row["kind"], row["errors"], row["warnings"], row["infos"],
            ("；" if lang == "zh" else "; ").join(row["top_problems"]), row["path"]]


# ---------------------------------------------------------------- .csv

# Excel runs a cell as a formula when it starts with one of these, also after leading
# whitespace or control characters (a leading newline or NUL).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")


def csv_safe(value):
    """Text that Excel would run as a formula (a file named "=…") is quoted with a leading '."""
    if isinstance(value, str) and (value.startswith(_FORMULA_START)
                                   or value.lstrip(" \t\r\n\0\x0b\x0c").startswith(_FORMULA_START[:4])):
        return "'" + value
    return "" if value is None else value


def reports_csv_path(path: str) -> str:
    """The per-report companion of a findings CSV: 审核结果.csv → 审核结果.reports.csv."""
    p = Path(path)
    return str(p.with_name(p.stem + ".reports" + p.suffix))


def write_csv(audit: "Audit", path: str) -> None:
    lang = audit.lang
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(finding_columns(lang))
        for row, d in finding_rows(audit):
            writer.writerow([csv_safe(v) for v in finding_cells(audit, row, d, lang)])
        for cells in roster_rows(audit, lang):
            writer.writerow([csv_safe(v) for v in cells])


def write_reports_csv(audit: "Audit", path: str) -> None:
    lang = audit.lang
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(report_columns(lang))
        for row in report_rows(audit, lang):
            writer.writerow([csv_safe(v) for v in report_cells(row, lang)])


def roster_rows(audit: "Audit", lang: str) -> list[list]:
    """The roster's outcome as rows in the findings' columns (file, organ, year, code, rule,
    severity, location, message, how to fix, exempted because): what the .csv adds after the findings."""
    result = audit.roster
    if result is None:
        return []
    from .roster import ROSTER_STATUS_LABEL, summary_lines

    status = ROSTER_STATUS_LABEL[lang]
    sep = "、" if lang == "zh" else ", "
    rows: list[list] = [["", e.name, None, "", status["missing"], "", "",
                         t(lang, f"名单第 {e.position} 行的机关未找到报告",
                           f"no report found for roster line {e.position}"),
                         "", ""]
                        for e in result.missing()]
    rows += [[r.path, r.organ, r.year, "", t(lang, "名单外", "not on the roster"), "", "",
              t(lang, "报告的机关不在应报送名单中", "the report's organ is not on the roster"), "", ""]
             for r in result.unlisted]
    rows += [[r.path, r.organ, r.year, "", t(lang, "无法确定对应机关", "ambiguous"), "", "",
              t(lang, "与名单中多个机关相符：", "matches several roster lines: ")
              + sep.join(e.name for e in candidates),
              "", ""]
             for r, candidates in result.ambiguous]
    rows += [[r.path, e.name, r.year, "", status["duplicate"], "", "",
              t(lang, "同一机关有多份报告：", "several reports of one organ: ") + sep.join(x.path for x in found),
              "", ""]
             for e, found in result.duplicates() for r in found]
    rows.append(["", "", None, "", t(lang, "名单", "roster"), "", "", summary_lines(result, lang)[0], "", ""])
    return rows


# ---------------------------------------------------------------- .json

def diagnostic_json(audit: "Audit", d: Diagnostic, lang: str) -> dict:
    """A diagnostic as in `check --format json`: the contract's fields plus `fix`."""
    out = d.to_dict(lang)
    rule = audit.rules.get(d.code)
    if rule is not None and rule.fix is not None:
        out["fix"] = rule.fix.text(lang)
    return out


def report_json(audit: "Audit", row: dict, lang: str) -> dict:
    from .record import FIGURES

    r = row["record"]
    out = {k: row[k] for k in ("path", "organ", "organ_level", "year", "format_version", "kind",
                               "status", "status_label", "errors", "warnings", "infos", "suppressed",
                               "top_problems")}
    out["checked"] = r.checked
    if not r.checked:
        out["reason"] = r.reason(lang)
    # an unreadable file's record keeps no figures (an empty tuple)
    out["figures"] = {p: v for p, v in zip(FIGURES, r.figures, strict=False) if v is not None}
    out["diagnostics"] = [diagnostic_json(audit, d, lang) for d in shown(r)]
    return out


def write_json(audit: "Audit", path: str) -> None:
    from .. import __version__

    lang = audit.lang
    head = {"tool": {"name": "xxgk-lint", "version": __version__, "command": "audit"},
            "config": str(audit.config.source) if audit.config.source else None,
            "fail_on": audit.fail_on, "totals": totals(audit), "rules": rule_totals(audit, lang),
            "other_findings": [diagnostic_json(audit, d, lang) for x in audit.extra for d in x.diagnostics]}
    if audit.roster is not None:
        head["roster"] = audit.roster.to_json(lang)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        # Streamed report by report: a county's worth of reports never sits in memory as one tree.
        fh.write(json.dumps(head, ensure_ascii=False, indent=1)[:-2])
        fh.write(',\n "reports": [')
        for i, row in enumerate(report_rows(audit, lang)):
            fh.write(",\n  " if i else "\n  ")
            fh.write(json.dumps(report_json(audit, row, lang), ensure_ascii=False))
        fh.write("\n ]\n}\n")
