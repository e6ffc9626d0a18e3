"""The .xlsx export (openpyxl, write-only mode: rows are streamed to disk).

Sheets: 报告 (one row per report, worst first), 问题 (one row per finding), 表格数据 (the key
figures of 表二/三/四 per organ and year, for comparing organs and years), 规则统计 (totals per rule),
and with a roster 名单 (each roster organ's status, then the reports not on the roster).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .exports import finding_cells, finding_columns, finding_rows, report_cells, report_columns
from .record import FIGURES
from ..model import category_label
from .summary import report_rows, rule_totals, t, totals_sentence

if TYPE_CHECKING:
    from . import Audit
    from .roster import RosterResult

EXCEL_MAX_ROWS = 1_048_576


def figure_label(pointer: str, lang: str) -> str:
    from ..spec import describe

    place = describe(pointer, "2021")
    return place.en() if lang == "en" else place.zh()


class Sheet:
    """A write-only sheet whose text cells are always text (never formulas) and legal XML."""

    def __init__(self, wb, title: str, header: list[str], widths: list[int]):
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Alignment, Font
        from openpyxl.utils import get_column_letter

        self._cell = WriteOnlyCell
        self.ws = wb.create_sheet(title)
        self.rows = 0
        self.truncated = False
        for i, w in enumerate(widths, 1):
            self.ws.column_dimensions[get_column_letter(i)].width = w
        self.ws.freeze_panes = "A2"
        self.ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}1"
        bold = Font(bold=True)
        self._wrap = Alignment(wrap_text=True, vertical="top")
        head = []
        for name in header:
            cell = WriteOnlyCell(self.ws, value=name)
            cell.font = bold
            head.append(cell)
        self.ws.append(head)
        self.rows = 1

    def append(self, values: list, wrap: tuple[int, ...] = ()) -> None:
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        if self.rows >= EXCEL_MAX_ROWS - 1:
            if not self.truncated:
                self.ws.append(["… (Excel row limit reached; see the .csv or .json export)"])
                self.truncated = True
            return
        cells = []
        for i, value in enumerate(values):
            if isinstance(value, str):
                cell = self._cell(self.ws, value=ILLEGAL_CHARACTERS_RE.sub("", value))
                cell.data_type = "s"          # a value starting with "=" stays text
                if i in wrap:
                    cell.alignment = self._wrap
                cells.append(cell)
            else:
                cells.append(value)
        self.ws.append(cells)
        self.rows += 1


def write_xlsx(audit: "Audit", path: str) -> None:
    import warnings

    with warnings.catch_warnings():
        # openpyxl creates its temporary sheet files in text mode without an encoding and
        # closes them at once (only their names are used): the EncodingWarning is noise.
        warnings.simplefilter("ignore", EncodingWarning)
        _write(audit, path)


def _write(audit: "Audit", path: str) -> None:
    from openpyxl import Workbook

    lang = audit.lang
    wb = Workbook(write_only=True)

    reports = Sheet(wb, t(lang, "报告", "Reports"), report_columns(lang), [10, 30, 12, 8, 8, 8, 8, 8, 8, 60, 50])
    rows = report_rows(audit, lang)
    for row in rows:
        reports.append(report_cells(row, lang), wrap=(9,))
    reports.append([])
    reports.append([totals_sentence(audit, lang)])

    findings = Sheet(wb, t(lang, "问题", "Findings"), finding_columns(lang),
                     [45, 28, 8, 8, 26, 8, 40, 80, 60, 30])
    for row, d in finding_rows(audit):
        findings.append(finding_cells(audit, row, d, lang), wrap=(7, 8))

    figures = Sheet(wb, t(lang, "表格数据", "Figures"),
                     [t(lang, "机关", "organ"), t(lang, "年度", "year"), t(lang, "文件", "file")]
                     + [figure_label(p, lang) for p in FIGURES],
                     [30, 8, 45] + [14] * len(FIGURES))
    by_organ = sorted((row for row in rows if row["record"].checked),
                      key=lambda row: (row["organ"], row["year"] or 0, row["index"]))
    for row in by_organ:
        values = list(row["record"].figures) or [None] * len(FIGURES)
        figures.append([row["organ"], row["year"], row["path"], *values])

    per_rule = Sheet(wb, t(lang, "规则统计", "Rules"),
                      [t(lang, "代码", "code"), t(lang, "规则", "rule"), t(lang, "名称", "name"),
                       t(lang, "类别", "category"), t(lang, "级别", "severity"), t(lang, "问题数", "findings"),
                       t(lang, "涉及报告", "reports")],
                      [8, 40, 30, 12, 8, 10, 10])
    for r in rule_totals(audit, lang):
        per_rule.append([r["code"], r["title"], r["name"], category_label(r["category"], lang), r["severity_label"],
                         r["findings"], r["reports"]])
    if audit.roster is not None:
        _roster_sheet(wb, audit, audit.roster, lang)
    wb.save(path)


def _roster_sheet(wb, audit: "Audit", result: "RosterResult", lang: str) -> None:
    from .record import STATUS_LABEL
    from .roster import ROSTER_STATUS_LABEL, summary_lines

    sep = "；" if lang == "zh" else "; "
    sheet = Sheet(wb, t(lang, "名单", "Roster"),
                   [t(lang, "名单行", "line"), t(lang, "机关", "organ"), t(lang, "层级", "level"),
                    t(lang, "联系人", "contact"), t(lang, "报送情况", "status"), t(lang, "检查结果", "result"),
                    t(lang, "年度", "year"), t(lang, "文件", "file")],
                   [8, 32, 12, 16, 10, 12, 8, 60])
    for e, status, found in result.entries_with_status():
        results = sep.join(STATUS_LABEL[lang][r.status(audit.fail_on)] for r in found)
        years = sep.join(str(r.year or "") for r in found)
        sheet.append([e.position, e.name, e.level, e.contact, ROSTER_STATUS_LABEL[lang][status], results,
                      years, sep.join(r.path for r in found)], wrap=(7,))
    for r in result.unlisted:
        sheet.append(["", r.organ, r.organ_level or "", "", t(lang, "名单外", "not on the roster"),
                      STATUS_LABEL[lang][r.status(audit.fail_on)], r.year, r.path])
    for r, candidates in result.ambiguous:
        sheet.append(["", r.organ, r.organ_level or "", "", t(lang, "无法确定对应机关", "ambiguous"),
                      t(lang, "与名单中多个机关相符：", "matches: ") + sep.join(e.name for e in candidates),
                      r.year, r.path])
    sheet.append([])
    for line in summary_lines(result, lang)[:1]:
        sheet.append([line])
