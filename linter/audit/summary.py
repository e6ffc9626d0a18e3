"""The audit's summary: one row per report (worst first), totals per rule, and the terminal view.

Every output (terminal, .xlsx, .csv, .json, .html) takes its rows from `report_rows`,
`rule_totals` and `totals`, so they cannot disagree.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from typing import TYPE_CHECKING, TextIO

from ..model import SEVERITY_LABEL, SEVERITY_RANK, Category, Diagnostic, Severity
from ..paths import listing
from ..terminal_text import terminal_safe
from .record import NOT_CHECKED, STATUS_LABEL, ReportRecord

if TYPE_CHECKING:
    from . import Audit

TOP_PROBLEMS = 3


def t(lang: str, zh: str, en: str) -> str:
    return en if lang == "en" else zh


def rule_title(audit: "Audit", code: str, fallback: str, lang: str) -> str:
    rule = audit.rules.get(code)
    return rule.title.text(lang) if rule is not None else fallback


def level_label(level: str | None, lang: str) -> str:
    if not level:
        return ""
    if lang == "en":
        from ..spec import ORGAN_LEVEL_BY_ID
        found = ORGAN_LEVEL_BY_ID.get(level)
        return found.en if found else level
    return level


def top_problems(audit: "Audit", record: ReportRecord, lang: str, n: int = TOP_PROBLEMS) -> list[str]:
    """The main problems in words: rule titles, most severe and most frequent first ("×3")."""
    if not record.checked:
        return [record.reason(lang)]
    counts: Counter[str] = Counter()
    worst: dict[str, int] = {}
    names: dict[str, str] = {}
    for d in record.counted():
        counts[d.code] += 1
        worst[d.code] = max(worst.get(d.code, 0), SEVERITY_RANK[d.severity])
        names[d.code] = d.name
    ranked = sorted(counts, key=lambda c: (-worst[c], -counts[c], c))
    return [rule_title(audit, c, names[c], lang) + (f" ×{counts[c]}" if counts[c] > 1 else "")
            for c in ranked[:n]]


def report_rows(audit: "Audit", lang: str) -> list[dict]:
    """One dict per report, worst first."""
    rows = []
    for r in audit.worst_first():
        status = r.status(audit.fail_on)
        rows.append({
            "index": r.index, "path": r.path, "organ": r.organ or "", "organ_level": r.organ_level or "",
            "organ_level_label": level_label(r.organ_level, lang), "year": r.year,
            "format_version": r.format_version or "", "kind": r.kind or "",
            "errors": r.count("error"), "warnings": r.count("warning"), "infos": r.count("info"),
            "suppressed": sum(1 for d in r.diagnostics if d.suppressed is not None),
            "top_problems": top_problems(audit, r, lang), "status": status,
            "status_label": STATUS_LABEL[lang][status], "record": r,
        })
    return rows


def shown(record: ReportRecord) -> list[Diagnostic]:
    """All of a report's findings in file order, the suppressed ones included (exports list them)."""
    return sorted(record.diagnostics, key=Diagnostic.sort_key)


def rule_totals(audit: "Audit", lang: str) -> list[dict]:
    """Counted findings per rule across all reports, most frequent first."""
    findings: Counter[str] = Counter()
    reports: dict[str, set[int]] = {}
    severity: dict[str, Severity] = {}
    names: dict[str, str] = {}
    category: dict[str, Category] = {}
    for r in audit.records:
        for d in r.counted():
            findings[d.code] += 1
            reports.setdefault(d.code, set()).add(r.index)
            if SEVERITY_RANK[d.severity] >= SEVERITY_RANK[severity.get(d.code, "info")]:
                severity[d.code] = d.severity
            names[d.code] = d.name
            category[d.code] = d.category
    return [{"code": code, "name": names[code], "title": rule_title(audit, code, names[code], lang),
             "category": category[code], "severity": severity[code],
             "severity_label": SEVERITY_LABEL[lang][severity[code]],
             "findings": n, "reports": len(reports[code])}
            for code, n in sorted(findings.items(), key=lambda kv: (-kv[1], kv[0]))]


def category_totals(audit: "Audit") -> list[tuple[str, int]]:
    counts: Counter[str] = Counter(d.category for r in audit.records for d in r.counted())
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def totals(audit: "Audit") -> dict:
    statuses = Counter(r.status(audit.fail_on) for r in audit.records)
    counted = [d for r in audit.records for d in r.counted()]
    return {
        "files": len(audit.records),
        "checked": sum(1 for r in audit.records if r.checked),
        "not_checked": statuses[NOT_CHECKED],
        "passed": statuses["passed"],
        "needs_fixing": statuses["needs_fixing"],
        "errors": sum(1 for d in counted if d.severity == "error"),
        "warnings": sum(1 for d in counted if d.severity == "warning"),
        "infos": sum(1 for d in counted if d.severity == "info"),
        "suppressed": sum(1 for r in audit.records for d in r.diagnostics if d.suppressed is not None),
        "ignored_files": audit.ignored,
        "skipped_exports": len(audit.skipped_exports),
    }


def totals_sentence(audit: "Audit", lang: str) -> str:
    s = totals(audit)
    if lang == "en":
        text = (f"{s['files']} file(s): {s['passed']} passed, {s['needs_fixing']} need fixing, "
                f"{s['not_checked']} not checked; {s['errors']} error(s), {s['warnings']} warning(s), "
                f"{s['infos']} info")
        if s["suppressed"]:
            text += f"; {s['suppressed']} suppressed"
        if s["ignored_files"]:
            text += f"; {s['ignored_files']} other file(s) in the folders are not reports and were skipped"
            text += f" ({listing(list(audit.skipped), 'en')})" if audit.skipped else ""
        if s["skipped_exports"]:
            text += f"; {s['skipped_exports']} export(s) written by xxgk-lint were skipped"
        return text
    text = (f"共 {s['files']} 个文件：通过 {s['passed']} 份，需修改 {s['needs_fixing']} 份，"
            f"无法检查 {s['not_checked']} 份；错误 {s['errors']} 项，警告 {s['warnings']} 项，提示 {s['infos']} 项")
    if s["suppressed"]:
        text += f"；已豁免 {s['suppressed']} 项"
    if s["ignored_files"]:
        text += f"；文件夹中另有 {s['ignored_files']} 个非报告文件，未纳入检查"
        text += f"（{listing(list(audit.skipped), 'zh')}）" if audit.skipped else ""
    if s["skipped_exports"]:
        text += f"；跳过 xxgk-lint 导出的汇总文件 {s['skipped_exports']} 个"
    return text


# ---------------------------------------------------------------- terminal

def _columns(lang: str) -> list[str]:
    return [t(lang, "状态", "status"), t(lang, "机关", "organ"), t(lang, "层级", "level"),
            t(lang, "年度", "year"), t(lang, "格式", "format"), t(lang, "类型", "kind"),
            t(lang, "错误", "errors"), t(lang, "警告", "warnings"), t(lang, "主要问题", "main problems"),
            t(lang, "文件", "file")]


def _cells(row: dict, lang: str) -> list[str]:
    """The terminal cells of a report row; report text and file names made safe to show."""
    sep = "；" if lang == "zh" else "; "
    return [row["status_label"], terminal_safe(row["organ"]) or "-", row["organ_level_label"] or "-",
            str(row["year"] or "-"), row["format_version"] or "-", row["kind"] or "-",
            str(row["errors"]), str(row["warnings"]), terminal_safe(sep.join(row["top_problems"])) or "-",
            terminal_safe(row["path"])]


def _rule_columns(lang: str) -> list[str]:
    return [t(lang, "代码", "code"), t(lang, "规则", "rule"), t(lang, "级别", "severity"),
            t(lang, "问题数", "findings"), t(lang, "涉及报告", "reports")]


def _rule_cells(row: dict) -> list[str]:
    return [row["code"], terminal_safe(row["title"]), row["severity_label"], str(row["findings"]),
            str(row["reports"])]


def roster_lines(audit: "Audit", lang: str) -> list[str]:
    """未报送, 名单外, ambiguous and duplicate reports (audit --roster); none without a roster."""
    if audit.roster is None:
        return []
    from .roster import summary_lines
    return summary_lines(audit.roster, lang)


def _extra_lines(audit: "Audit", lang: str) -> list[str]:
    return [terminal_safe(f"{d.location.path}:{d.location.line or 1}: {d.code} {d.message.text(lang)}")
            for x in audit.extra for d in x.active()]


def suppressed_lines(audit: "Audit", lang: str, detailed: bool) -> list[str]:
    """Each report's suppressed findings: one line per report (codes and reasons), or with
    `detailed` one line per finding with its message. Made safe for the terminal."""
    lines = []
    sep = "；" if lang == "zh" else "; "
    for row in report_rows(audit, lang):
        silenced = [d for d in shown(row["record"]) if d.suppressed is not None]
        if not silenced:
            continue
        if detailed:
            lines += [f"{row['path']}: {d.code} {d.message.text(lang)} "
                      + t(lang, f"［已豁免：{d.suppressed}］", f"[suppressed: {d.suppressed}]") for d in silenced]
        else:
            lines.append(f"{row['path']}: " + sep.join(
                t(lang, f"{d.code}（理由：{d.suppressed}）", f"{d.code} (reason: {d.suppressed})") for d in silenced))
    return [terminal_safe(line) for line in lines]


def render(audit: "Audit", out: TextIO, *, color: bool, show_suppressed: bool = False) -> None:
    """The terminal summary: a rich table on a terminal, aligned plain text otherwise. Each
    report's suppressed findings are listed (with their messages when `show_suppressed`)."""
    if color:
        _render_rich(audit, out, show_suppressed)
    else:
        _render_plain(audit, out, show_suppressed)


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def plain_table(header: list[str], rows: list[list[str]], out: TextIO) -> None:
    widths = [max([display_width(h)] + [display_width(r[i]) for r in rows]) for i, h in enumerate(header)]
    for cells in [header] + rows:
        line = "  ".join(c + " " * (widths[i] - display_width(c)) for i, c in enumerate(cells))
        out.write(line.rstrip() + "\n")


def _render_plain(audit: "Audit", out: TextIO, show_suppressed: bool) -> None:
    lang = audit.lang
    out.write(t(lang, "报告一览（问题最多的在前）\n", "Reports (worst first)\n"))
    plain_table(_columns(lang), [_cells(r, lang) for r in report_rows(audit, lang)], out)
    rules = rule_totals(audit, lang)
    if rules:
        out.write("\n" + t(lang, "按规则统计\n", "Findings per rule\n"))
        plain_table(_rule_columns(lang), [_rule_cells(r) for r in rules], out)
    silenced = suppressed_lines(audit, lang, show_suppressed)
    if silenced:
        out.write("\n" + t(lang, "已豁免的问题（按报告）\n", "Suppressed findings per report\n"))
        for line in silenced:
            out.write(line + "\n")
    for line in _extra_lines(audit, lang):
        out.write(line + "\n")
    roster = roster_lines(audit, lang)
    if roster:
        out.write("\n" + t(lang, "应报送名单\n", "Roster\n") + "\n".join(roster) + "\n")
    out.write("\n" + totals_sentence(audit, lang) + "\n")
    out.write(terminal_safe(audit.config.in_effect().text(lang)) + "\n")


_STATUS_STYLE = {"passed": "green", "needs_fixing": "yellow", "not_checked": "bold red"}


def _render_rich(audit: "Audit", out: TextIO, show_suppressed: bool) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    lang = audit.lang
    console = Console(file=out, force_terminal=True, highlight=False, soft_wrap=False, emoji=False)
    table = Table(title=t(lang, "报告一览（问题最多的在前）", "Reports (worst first)"), show_lines=False)
    for i, name in enumerate(_columns(lang)):
        table.add_column(name, justify="right" if i in (6, 7) else "left",
                         overflow="fold", no_wrap=i in (0, 3, 4, 5, 6, 7))
    for row in report_rows(audit, lang):
        cells = _cells(row, lang)        # Text, not markup strings: a report's [/x] is shown as is
        table.add_row(Text(cells[0], style=_STATUS_STYLE[row["status"]]), *map(Text, cells[1:6]),
                      Text(cells[6], style="red" if row["errors"] else ""),
                      Text(cells[7], style="yellow" if row["warnings"] else ""), *map(Text, cells[8:]))
    console.print(table)
    rules = rule_totals(audit, lang)
    if rules:
        per_rule = Table(title=t(lang, "按规则统计", "Findings per rule"))
        for i, name in enumerate(_rule_columns(lang)):
            per_rule.add_column(name, justify="right" if i >= 3 else "left")
        for row in rules:
            per_rule.add_row(*map(Text, _rule_cells(row)))
        console.print(per_rule)
    silenced = suppressed_lines(audit, lang, show_suppressed)
    if silenced:
        console.print(t(lang, "已豁免的问题（按报告）", "Suppressed findings per report"), markup=False, style="bold")
        for line in silenced:
            console.print(line, markup=False, style="dim")
    for line in _extra_lines(audit, lang):
        console.print(line, markup=False)
    roster = roster_lines(audit, lang)
    if roster:
        console.print(t(lang, "应报送名单", "Roster"), style="bold")
        console.print(roster[0], markup=False)
        for line in roster[1:]:
            console.print(line, markup=False, style="yellow")
    console.print(totals_sentence(audit, lang), markup=False, style="bold")
    console.print(terminal_safe(audit.config.in_effect().text(lang)), markup=False, style="dim")
