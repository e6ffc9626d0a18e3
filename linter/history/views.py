"""What `xxgk-lint history` shows: tables made from the history database.

- `overview`: every organ (stored, or on the latest roster) by year: 通过 / 需修改 with the
  error and warning counts / 无法检查 / 未报送.
- `organ_view`: one organ's years side by side: key figures of 表二/表三/表四, counts, and
  whether this year's 上年结转 equals last year's 结转下年度 (the X101 comparison).

A table is (title, header, rows); `write_table` exports it as .csv or .xlsx.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..audit.record import PASSED, STATUS_LABEL
from ..model import Message
from ..organ import match_keys
from ..spec import APPLICANT_COLUMNS, join_pointer
from .store import Store, StoredReport

HISTORY_EXPORT_KINDS = (".xlsx", ".csv")

# The figures shown per year: (label, pointers summed).
KEY_FIGURES: tuple[tuple[Message, tuple[str, ...]], ...] = (
    (Message("新收申请", "new applications"), ("/tables/applications/new/total",)),
    (Message("上年结转", "carried over"), ("/tables/applications/carried_over/total",)),
    (Message("结转下年度", "carried forward"), ("/tables/applications/carried_forward/total",)),
    (Message("行政复议", "administrative reviews"), ("/tables/reviews/review/total",)),
    (Message("行政诉讼", "lawsuits"), ("/tables/reviews/litigation_direct/total",
                                      "/tables/reviews/litigation_after_review/total")),
    (Message("行政许可决定", "licensing decisions"), ("/tables/proactive/item5/licensing/decisions",)),
    (Message("行政处罚决定", "penalty decisions"), ("/tables/proactive/item6/penalty/decisions",)),
    (Message("行政强制决定", "enforcement decisions"), ("/tables/proactive/item6/enforcement/decisions",)),
)
MISSING = Message("未报送", "not reported")


class OrganLookupError(Exception):
    """ORGAN names no stored organ, or several (the message lists them)."""


@dataclass
class Table:
    title: str
    header: list[str]
    rows: list[list]


def _t(lang: str, zh: str, en: str) -> str:
    return en if lang == "en" else zh


def _related(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """The roster's matching relation: the first form of one name is among the other's forms."""
    return bool(a and b) and (a[0] in b or b[0] in a)


def _cell(report: StoredReport, lang: str) -> str:
    label = STATUS_LABEL[lang][report.status]
    if report.status == PASSED or not (report.errors or report.warnings):
        return label
    return label + _t(lang, f"（错误 {report.errors}，警告 {report.warnings}）",
                      f" ({report.errors} errors, {report.warnings} warnings)")


def _latest_per_year(reports: list[StoredReport]) -> dict[int, StoredReport]:
    """The report of each year (the latest stored when an organ has several for one year)."""
    out: dict[int, StoredReport] = {}
    for r in sorted(reports, key=lambda r: r.id):
        if r.year is not None:
            out[r.year] = r
    return out


def overview(store: Store, lang: str) -> Table:
    reports = store.reports(figures=False)
    years = sorted({r.year for r in reports if r.year is not None})
    by_organ: dict[str, list[StoredReport]] = {}
    for r in reports:
        if r.organ_key is not None:
            by_organ.setdefault(r.organ_key, []).append(r)
    names = dict(store.organs())
    rows = []
    for key, found in sorted(by_organ.items()):
        per_year = _latest_per_year(found)
        level = next((r.organ_level for r in reversed(found) if r.organ_level), "") or ""
        rows.append([names.get(key) or key, level]
                    + [_cell(per_year[y], lang) if y in per_year else MISSING.text(lang) for y in years])
    roster = store.latest_roster()
    stored_keys = [match_keys(name) for name in names.values()] if roster else []
    for name, level in roster:                    # roster organs that never sent anything
        keys = match_keys(name)
        if not any(_related(keys, other) for other in stored_keys):
            rows.append([name, level or ""] + [MISSING.text(lang)] * len(years))
    return Table(_t(lang, "各机关历年报送与检查情况", "Organs by year"),
                 [_t(lang, "机关", "organ"), _t(lang, "层级", "level")] + [str(y) for y in years], rows)


def find_organ(store: Store, query: str) -> list[str]:
    """The stored organ keys `query` names (several names of one organ count as one)."""
    wanted = match_keys(query)
    if not wanted:
        raise OrganLookupError(f"机关名称为空 / empty organ name: {query!r}")
    # Names related to the query all contain its shortest form (forms nest: 建宁县濉溪镇 ⊃ 濉溪镇 ⊃ 濉溪),
    # so the database narrows the organs down before the names are parsed.
    organs = store.organs(containing=wanted[-1])
    hits = [(key, name, match_keys(name)) for key, name in organs if _related(wanted, match_keys(name))]
    exact = [h for h in hits if h[2][0] == wanted[0]]
    if not hits:
        raise OrganLookupError(f"数据库中没有“{query}”的报告 / no stored report of {query}")
    if not exact and not all(_related(a[2], b[2]) for a in hits for b in hits):
        names = "、".join(name for _, name, _ in hits)
        raise OrganLookupError(f"“{query}”与数据库中多个机关相符：{names}；请写全称 / "
                               f"{query} matches several organs: {names}; give the full name")
    return [key for key, _, _ in (exact or hits)]


def _carry_cell(this: StoredReport, previous: StoredReport | None, lang: str) -> str:
    if previous is None:
        return "—"
    differ = []
    for col in APPLICANT_COLUMNS:
        over = this.figures.get(join_pointer("tables", "applications", "carried_over", col.id))
        forward = previous.figures.get(join_pointer("tables", "applications", "carried_forward", col.id))
        if isinstance(over, int) and isinstance(forward, int) and over != forward:
            differ.append(f"{col.label if lang == 'zh' else col.en} {over}≠{forward}")
    if not differ:
        return _t(lang, "一致", "matches")
    return _t(lang, "不一致：", "differs: ") + ("；" if lang == "zh" else "; ").join(differ)


def organ_view(store: Store, query: str, lang: str) -> Table:
    keys = find_organ(store, query)
    per_year = _latest_per_year(store.reports(keys))
    years = sorted(per_year)
    name = next((per_year[y].organ for y in reversed(years) if per_year[y].organ), query)
    rows: list[list] = [
        [_t(lang, "文件", "file")] + [per_year[y].path for y in years],
        [_t(lang, "检查结果", "result")] + [STATUS_LABEL[lang][per_year[y].status] for y in years],
        [_t(lang, "错误", "errors")] + [per_year[y].errors for y in years],
        [_t(lang, "警告", "warnings")] + [per_year[y].warnings for y in years],
    ]
    for label, pointers in KEY_FIGURES:
        cells = []
        for y in years:
            values = [per_year[y].figures.get(p) for p in pointers]
            numbers = [v for v in values if isinstance(v, (int, float))]
            cells.append(sum(numbers) if len(numbers) == len(values) else None)
        rows.append([label.text(lang)] + cells)
    rows.append([_t(lang, "上年结转与上年度“结转下年度”", "carried over vs last year's carried forward")]
                + [_carry_cell(per_year[y], per_year.get(y - 1), lang) for y in years])
    return Table(_t(lang, f"{name} 历年情况", f"{name}: years side by side"),
                 [_t(lang, "项目", "item")] + [str(y) for y in years], rows)


# ---------------------------------------------------------------- export

def check_history_export(path: str) -> str:
    from pathlib import Path

    suffix = Path(path).suffix.lower()
    if suffix not in HISTORY_EXPORT_KINDS:
        raise ValueError(f"--export {path}: 不支持的扩展名 {suffix or '（无）'}，请用 .xlsx 或 .csv / "
                         "unknown extension; use .xlsx or .csv")
    return suffix


def write_table(table: Table, path: str) -> None:
    if check_history_export(path) == ".csv":
        import csv

        from ..audit.exports import csv_safe

        with open(path, "w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow([table.title])
            writer.writerow(table.header)
            for row in table.rows:
                writer.writerow([csv_safe(v) for v in row])
        return
    import warnings

    from openpyxl import Workbook

    from ..audit.export_xlsx import Sheet

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", EncodingWarning)     # see export_xlsx.write_xlsx
        wb = Workbook(write_only=True)
        sheet = Sheet(wb, table.title[:31], table.header, [32] + [16] * (len(table.header) - 1))
        for row in table.rows:
            sheet.append(row)
        wb.save(path)
