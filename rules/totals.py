"""Arithmetic relations of tables 三 and 四 (FORMAT.md §3.5, §3.6), family A4xx.

Counts are integers, so every relation is checked exactly. A relation is checked only where
all the cells it needs are integers; cells that are blank or unreadable were already
reported by the schema rule (T201/T202/V301), so the checks here add one thing: when a
relation cannot be checked, ONE A405 finding per relation says so and names what is missing,
instead of letting an unverifiable table pass silently.

Rows where only 总计 is filled, or only the parts (T204, `rules/tables.py`), are left out
of the row-total relations: T204 already says their total cannot be checked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

from xxgk_lint import spec
from xxgk_lint.model import Finding, Message, Report
from xxgk_lint.rule_api import RuleContext, rule
from xxgk_lint.spec import short_label
from xxgk_lint.table_relations import (applications_version, is_blank, is_count, one_sided, row_has_value,
                                        table_rows)

_APPS = "applications"
_REVIEWS = "reviews"
_TABLE3_LEGAL = ("国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作年度报告格式》表三（2019年试行格式同）；"
                 "《中华人民共和国政府信息公开条例》第五十条",
                 "Format notice 国办公开办函〔2021〕30号, table 3 (same in the 2019 trial format); "
                 "Regulations on Open Government Information art. 50")
_TABLE4_LEGAL = ("国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作年度报告格式》表四；"
                 "《中华人民共和国政府信息公开条例》第五十条",
                 "Format notice 国办公开办函〔2021〕30号, table 4; Regulations art. 50")


def _fmt_sum(items: list[tuple[str, int]], *, skip_zero: bool, zh: bool) -> str:
    shown = [(label, v) for label, v in items if v or not skip_zero]
    zeros = len(items) - len(shown)
    text = " + ".join(f"{label} {v}" for label, v in shown)
    if not shown:
        return "各项均为 0" if zh else "all items are 0"
    if zeros:
        text += f"，其余 {zeros} 项为 0" if zh else f"; the other {zeros} items are 0"
    return text


@dataclass
class _Gaps:
    """What keeps a relation from being checked: absent rows, rows with no value, unusable cells."""
    missing_rows: list[spec.Row] = field(default_factory=list)
    bad_cells: list[tuple[spec.Row, spec.Column, object]] = field(default_factory=list)
    blank_rows: list[spec.Row] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.missing_rows or self.bad_cells or self.blank_rows)

    def describe(self) -> tuple[str, str]:
        zh, en = [], []
        if self.missing_rows:
            rz, re_ = spec.row_runs(self.missing_rows)
            zh.append("缺少 " + "、".join(rz) + " 行")
            en.append("rows missing: " + ", ".join(re_))
        if self.blank_rows:
            rz, re_ = spec.row_runs(self.blank_rows)
            zh.append("整行为空：" + "、".join(rz))
            en.append("rows with no value: " + ", ".join(re_))
        if self.bad_cells:
            cz, ce = [], []
            for row, col, value in self.bad_cells[:8]:
                shown = "为空" if is_blank(value) else f"为“{value}”"
                cz.append(f"{short_label(row)} {col.label} {shown}")
                ce.append(f"{row.en} / {col.en} is " + ("blank" if is_blank(value) else repr(value)))
            more = len(self.bad_cells) - 8
            if more > 0:
                cz.append(f"等共 {len(self.bad_cells)} 个单元格")
                ce.append(f"and {more} more cells")
            zh.append("空白或非整数的单元格：" + "、".join(cz))
            en.append("cells blank or not integers: " + "; ".join(ce))
        return "；".join(zh), "; ".join(en)

    def details(self, table: str) -> dict:
        return {
            "missing_rows": [spec.join_pointer("tables", table, r.id) for r in self.missing_rows],
            "blank_rows": [spec.join_pointer("tables", table, r.id) for r in self.blank_rows],
            "cells": [{"pointer": spec.join_pointer("tables", table, r.id, c.id),
                       "label": f"{short_label(r)} {c.label}",
                       "value": None if is_blank(v) else v} for r, c, v in self.bad_cells],
        }


def _collect(rows: dict, needed: list[spec.Row], cols: tuple[spec.Column, ...]
             ) -> tuple[dict[tuple[str, str], int], _Gaps]:
    values: dict[tuple[str, str], int] = {}
    gaps = _Gaps()
    for row in needed:
        cells = rows.get(row.id)
        if not isinstance(cells, dict):
            gaps.missing_rows.append(row)
            continue
        if not row_has_value(cells):
            gaps.blank_rows.append(row)
            continue
        for col in cols:
            v = cells.get(col.id)
            if is_count(v):
                values[(row.id, col.id)] = v
            else:
                gaps.bad_cells.append((row, col, v))
    return values, gaps


def _columns_text(cols: list[spec.Column]) -> tuple[str, str]:
    if len(cols) == len(spec.APPLICANT_COLUMNS):
        return "全部 7 列", "all 7 columns"
    return "、".join(c.label for c in cols), ", ".join(c.en for c in cols)


def _unverifiable(table: str, relation: str, what: tuple[str, str], gaps: _Gaps,
                  unchecked: list[spec.Column] | None = None) -> Finding:
    gz, ge = gaps.describe()
    name, name_en = ("表三", "Table 3") if table == _APPS else ("表四", "Table 4")
    zh = f"{name}{what[0]}无法核验：{gz}"
    en = f"{name_en}: {what[1]} cannot be verified: {ge}"
    if unchecked:
        cz, ce = _columns_text(unchecked)
        zh += f"（未核验：{cz}）"
        en += f" (not checked: {ce})"
    details = {"relation": relation, "relation_text": {"zh": f"{name}{what[0]}", "en": f"{name_en}: {what[1]}"},
               **gaps.details(table)}
    return Finding("A405", Message(zh, en), spec.join_pointer("tables", table), details=details)


def _row_totals(report: Report, table: str, block: spec.Block, parts: tuple[str, ...],
                code: str, part_name: tuple[str, str], relation: str
                ) -> tuple[list[Finding], Finding | None]:
    rows = table_rows(report, table)
    if rows is None:
        return [], None
    cols = {c.id: c for c in block.columns}
    name, name_en = ("表三", "Table 3") if table == _APPS else ("表四", "Table 4")
    findings: list[Finding] = []
    gaps = _Gaps()
    for row in block.rows:
        cells = rows.get(row.id)
        if not isinstance(cells, dict):
            continue       # an absent row has no total to check (T201 reports it)
        total = cells.get("total")
        values = [cells.get(p) for p in parts]
        counts = [v for v in values if is_count(v)]
        # the common all-integer row goes on without the blank and one-sided tests
        if not is_count(total) or len(counts) < len(values):
            if is_blank(total) and all(is_blank(v) for v in values) or one_sided(cells, parts):
                continue       # wholly empty (schema) or one-sided (T204)
            gaps.bad_cells += [(row, cols[c], cells.get(c)) for c in (*parts, "total")
                               if not is_count(cells.get(c))]
            continue
        computed = sum(counts)
        if computed == total:
            continue
        addends = [{"label": cols[p].label, "value": cells[p],
                    "pointer": spec.join_pointer("tables", table, row.id, p)} for p in parts]
        zh_sum = _fmt_sum([(cols[p].label, cells[p]) for p in parts], skip_zero=False, zh=True)
        en_sum = _fmt_sum([(cols[p].en, cells[p]) for p in parts], skip_zero=False, zh=False)
        findings.append(Finding(
            code, Message(
                f"{name} {short_label(row)} 总计 填报 {total}，但{part_name[0]}之和为 {computed}"
                f"（{zh_sum}），相差 {abs(total - computed)}",
                f"{name_en}, {row.en}: total reported {total}, but {part_name[1]} add up to {computed} "
                f"({en_sum}); difference {total - computed:+d}"),
            spec.join_pointer("tables", table, row.id, "total"),
            expected=computed, actual=total,
            details={"relation": relation, "addends": addends, "difference": total - computed}))
    missing = _unverifiable(table, relation, ("各行总计", "the row totals"), gaps) if gaps else None
    return findings, missing


# ---------------------------------------------------------------- relations
# Each evaluator returns the violations of one relation and, when parts of it could not be
# checked, the single A405 finding for it. A401–A404 yield the violations, A405 the rest, so
# each code can be selected or ignored on its own.


def _apps_block(report: Report, ctx: RuleContext) -> tuple[dict, str, spec.Block] | None:
    rows = table_rows(report, _APPS)
    if rows is None:
        return None
    version = applications_version(rows, report.format_version or ctx.format_version)
    return rows, version, spec.TABLES[version][_APPS].blocks[0]


def _eval_row_totals(report: Report, ctx: RuleContext) -> tuple[list[Finding], Finding | None]:
    found = _apps_block(report, ctx)
    if found is None:
        return [], None
    return _row_totals(report, _APPS, found[2], spec.APPLICANT_PARTS, "A401",
                       ("各申请人类别", "the applicant columns"), "applications-row-total")


def _eval_results_total(report: Report, ctx: RuleContext) -> tuple[list[Finding], Finding | None]:
    found = _apps_block(report, ctx)
    if found is None:
        return [], None
    rows, version, block = found
    by_id = {r.id: r for r in block.rows}
    result_rows = [by_id[r] for r in spec.result_row_ids(version)]
    values, gaps = _collect(rows, [*result_rows, by_id["results_total"]], block.columns)
    findings, unchecked = [], []
    for col in block.columns:
        if not all((r.id, col.id) in values for r in (*result_rows, by_id["results_total"])):
            unchecked.append(col)
            continue
        total = values[("results_total", col.id)]
        computed = sum(values[(r.id, col.id)] for r in result_rows)
        if computed == total:
            continue
        zh_sum = _fmt_sum([(short_label(r), values[(r.id, col.id)]) for r in result_rows],
                          skip_zero=True, zh=True)
        en_sum = _fmt_sum([(r.en, values[(r.id, col.id)]) for r in result_rows], skip_zero=True, zh=False)
        addends = [{"label": short_label(r), "value": values[(r.id, col.id)],
                    "pointer": spec.join_pointer("tables", _APPS, r.id, col.id)} for r in result_rows]
        findings.append(Finding(
            "A402", Message(
                f"表三 （七）总计 {col.label} 填报 {total}，但各办理结果之和为 {computed}（{zh_sum}），"
                f"相差 {abs(total - computed)}",
                f"Table 3, (7) total, column {col.en}: reported {total}, but the handling results add up "
                f"to {computed} ({en_sum}); difference {total - computed:+d}"),
            spec.join_pointer("tables", _APPS, "results_total", col.id),
            expected=computed, actual=total,
            details={"relation": "applications-results-total", "addends": addends,
                     "difference": total - computed}))
    missing = None
    if unchecked:
        missing = _unverifiable(
            _APPS, "applications-results-total",
            ("（七）总计与各办理结果之和的关系", "the relation (7) total = sum of the handling results"), gaps,
            unchecked)
    return findings, missing


_BALANCE_LEFT = ("new", "carried_over")
_BALANCE_RIGHT = ("results_total", "carried_forward")


def _eval_balance(report: Report, ctx: RuleContext) -> tuple[list[Finding], Finding | None]:
    found = _apps_block(report, ctx)
    if found is None:
        return [], None
    rows, _, block = found
    by_id = {r.id: r for r in block.rows}
    needed = [by_id[r] for r in (*_BALANCE_LEFT, *_BALANCE_RIGHT)]
    values, gaps = _collect(rows, needed, block.columns)
    findings, unchecked = [], []
    for col in block.columns:
        if not all((r.id, col.id) in values for r in needed):
            unchecked.append(col)
            continue
        lsum = sum(values[(r, col.id)] for r in _BALANCE_LEFT)
        rsum = sum(values[(r, col.id)] for r in _BALANCE_RIGHT)
        if lsum == rsum:
            continue

        def show(ids: tuple[str, ...], en: bool = False, column: str = col.id) -> str:
            return " + ".join(f"{by_id[r].en if en else short_label(by_id[r])} {values[(r, column)]}"
                              for r in ids)

        addends = [{"label": short_label(by_id[r]), "value": values[(r, col.id)], "side": side,
                    "pointer": spec.join_pointer("tables", _APPS, r, col.id)}
                   for side, ids in (("left", _BALANCE_LEFT), ("right", _BALANCE_RIGHT)) for r in ids]
        findings.append(Finding(
            "A403", Message(
                f"表三 {col.label} 列收支不平衡：{show(_BALANCE_LEFT)} = {lsum}，"
                f"但 {show(_BALANCE_RIGHT)} = {rsum}，相差 {abs(lsum - rsum)}",
                f"Table 3, column {col.en} does not balance: {show(_BALANCE_LEFT, True)} = {lsum}, but "
                f"{show(_BALANCE_RIGHT, True)} = {rsum}; difference {rsum - lsum:+d}"),
            spec.join_pointer("tables", _APPS, "results_total", col.id),
            expected=lsum, actual=rsum,
            details={"relation": "applications-balance", "addends": addends, "difference": rsum - lsum}))
    missing = None
    if unchecked:
        missing = _unverifiable(
            _APPS, "applications-balance",
            ("收支平衡（一 + 二 = （七） + 四）", "the balance I + II = (7) + IV"), gaps, unchecked)
    return findings, missing


def _eval_reviews(report: Report, ctx: RuleContext) -> tuple[list[Finding], Finding | None]:
    block = spec.TABLES["2021"][_REVIEWS].blocks[0]
    return _row_totals(report, _REVIEWS, block, spec.REVIEW_PARTS, "A404",
                       ("各审理结果", "the outcomes"), "reviews-group-total")


_RELATIONS = (_eval_row_totals, _eval_results_total, _eval_balance, _eval_reviews)


def _evaluated(evaluate, report: Report, ctx: RuleContext) -> tuple[list[Finding], Finding | None]:
    """`evaluate(report, ctx)`, computed once per report and context: A405 needs every
    relation that A401–A404 evaluate, and evaluating twice was a tenth of a YAML report's check."""
    seen_ctx, result = report.derived(("relation", evaluate, id(ctx)), lambda: (ctx, evaluate(report, ctx)))
    return result if seen_ctx is ctx else evaluate(report, ctx)


# ---------------------------------------------------------------- the rules


@rule(code="A401", name="applications-row-total", category="total", severity="error",
      title=("表三各行总计与各申请人类别之和不符", "Table 3 row total differs from the sum of applicant columns"),
      checks=("表三每一数据行：总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他（整数精确相等）"
              "。只核验七个单元格均为整数的行；其余行由 A405 说明无法核验。",
              "Every data row of table 3: 总计 = the six applicant columns (exact integers). Only rows whose "
              "seven cells are all integers are checked; A405 names the others."),
      rationale=("总计列是各类申请人数量的合计，不一致说明统计或填报有误，属“发布内容不准确”。",
                 "The total column sums the applicant types; a mismatch means a counting or typing error, "
                 "i.e. inaccurate published content."),
      legal_basis=_TABLE3_LEGAL,
      example_fail="表三 一、本年新收政府信息公开申请数量：自然人 12｜商业企业 3｜科研机构 0｜社会公益组织 0｜"
                   "法律服务机构 1｜其他 0｜总计 17（12 + 3 + 1 = 16）",
      example_pass="表三 一、本年新收政府信息公开申请数量：自然人 12｜商业企业 3｜科研机构 0｜社会公益组织 0｜"
                   "法律服务机构 1｜其他 0｜总计 16",
      fix=("核对该行各申请人类别的件数，改正填错的格子，使“总计”等于自然人、商业企业、科研机构、社会公益组织、"
           "法律服务机构、其他六栏之和。",
           "Check the row's applicant counts and correct the wrong cell so that 总计 equals the sum of the six "
           "applicant columns."))
def applications_row_total(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    yield from _evaluated(_eval_row_totals, report, ctx)[0]


@rule(code="A402", name="applications-results-total", category="total", severity="error",
      title=("表三（七）总计与各办理结果之和不符", "Table 3 (7) total differs from the sum of the handling results"),
      checks=("表三每一列：（七）总计 = （一）予以公开 + （二）部分公开 + （三）1–8 + （四）1–3 + （五）1–5 + "
              "（六）1–3（2019年试行格式为（六）其他处理一行）。只核验所需单元格均为整数的列。",
              "Every column of table 3: (7) total = (1) + (2) + (3)1–8 + (4)1–3 + (5)1–5 + (6)1–3 (one row "
              "(6) in the 2019 trial format). Only columns whose needed cells are all integers are checked."),
      rationale=("（七）总计是本年度办理结果的合计，与各项之和不符说明漏填或错填了某一办理结果。",
                 "(7) is the total of this year's results; a mismatch means a result was left out or mistyped."),
      legal_basis=_TABLE3_LEGAL,
      example_fail="（一）予以公开 自然人 6、（二）部分公开 2、其余 0，（七）总计 自然人 填 7",
      example_pass="（一）予以公开 自然人 6、（二）部分公开 2、其余 0，（七）总计 自然人 填 8",
      fix=("逐列核对（一）至（六）各办理结果的件数，改正填错的格子，使“（七）总计”等于各办理结果之和。",
           "Check each result row (（一）–（六）) column by column and correct the wrong cell so that （七）总计 "
           "equals their sum."))
def applications_results_total(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    yield from _evaluated(_eval_results_total, report, ctx)[0]


@rule(code="A403", name="applications-balance", category="total", severity="error",
      title=("表三收支不平衡：一 + 二 ≠ （七） + 四", "Table 3 does not balance: I + II ≠ (7) + IV"),
      checks=("表三每一列：一、本年新收 + 二、上年结转 = 三（七）总计 + 四、结转下年度继续办理。"
              "这是表头注明的勾稽关系（“第一项加第二项之和，等于第三项加第四项之和”）。",
              "Every column of table 3: I new + II carried over = III (7) total + IV carried forward — the "
              "relation printed in the table's own header."),
      rationale=("每件申请要么在本年办结，要么结转下年；不平衡说明有申请被漏计或重复计算。",
                 "Every application is either handled this year or carried forward; an imbalance means "
                 "applications were lost or double-counted."),
      legal_basis=("国办公开办函〔2021〕30号 表三表头：“本列数据的勾稽关系为：第一项加第二项之和，"
                   "等于第三项加第四项之和”",
                   "Table 3 header of 国办公开办函〔2021〕30号: 'the first item plus the second equals the third "
                   "plus the fourth'"),
      example_fail="自然人列：一 12 + 二 1 = 13，（七） 12 + 四 2 = 14",
      example_pass="自然人列：一 12 + 二 1 = 13，（七） 12 + 四 1 = 13",
      fix=("按表头注明的勾稽关系核对：一、本年新收 加 二、上年结转，应等于 三（七）总计 加 四、结转下年度继续办理；"
           "改正填错的格子（常见是漏填结转件数）。",
           "Check the header's relation: 一 (new) + 二 (carried over) must equal 三（七）总计 + 四 (carried forward); "
           "correct the wrong cell (often a missing carry-over)."))
def applications_balance(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    yield from _evaluated(_eval_balance, report, ctx)[0]


@rule(code="A404", name="reviews-group-total", category="total", severity="error",
      title=("表四总计与各结果之和不符", "Table 4 total differs from the sum of outcomes"),
      checks=("表四行政复议、行政诉讼（未经复议直接起诉）、行政诉讼（复议后起诉）三组各自："
              "总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结。",
              "Each of the three groups of table 4 (review; litigation without review; litigation after "
              "review): 总计 = upheld + corrected + other + pending."),
      rationale=("总计须等于各审理结果之和，否则复议、诉讼案件数量失准。",
                 "The total must equal the outcomes; otherwise the number of cases is misreported."),
      legal_basis=_TABLE4_LEGAL,
      example_fail="表四 行政复议：结果维持 1｜结果纠正 0｜其他结果 0｜尚未审结 1｜总计 3",
      example_pass="表四 行政复议：结果维持 1｜结果纠正 0｜其他结果 0｜尚未审结 1｜总计 2",
      fix=("核对表四该组的结果维持、结果纠正、其他结果、尚未审结四栏，改正填错的格子，使“总计”等于四栏之和。",
           "Check the group's four result columns in table 四 and correct the wrong cell so that 总计 equals their "
           "sum."))
def reviews_group_total(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    yield from _evaluated(_eval_reviews, report, ctx)[0]


@rule(code="A405", name="totals-unverifiable", category="total", severity="warning",
      title=("表格勾稽关系无法核验", "Table arithmetic cannot be verified"),
      checks=("表三、表四的某类勾稽关系（表三各行总计、（七）总计、收支平衡、表四总计）因所需的行缺失或单元格为空、"
              "非整数而无法核验。每类关系最多报告一次，列出缺失的行和单元格；完整的行和列照常由 A401–A404 核验。"
              "表格整体缺失或为空时不报告（见 S102/S103）。所缺的行和格已全部由 T201/T202/V301/V302 报告时，"
              "不单独报告，而并入该条问题（“在补全之前，以下合计关系无法核验：……”）。",
              "A relation of tables 3/4 (table 3 row totals, (7) total, balance, table 4 totals) cannot be "
              "checked because rows it needs are missing or cells are blank or not integers. Reported at most "
              "once per relation, naming the missing rows and cells; complete rows and columns are still "
              "checked by A401–A404. Not reported when the whole table is absent or empty (see S102/S103). When "
              "every row and cell it names is already reported by T201/T202/V301/V302, it is told with that "
              "finding (\"until this is fixed these totals cannot be checked: …\") instead of on its own."),
      rationale=("无法核验不等于核验通过：表格被截断或留空时，须明确告知其数据一致性未经检查。",
                 "Unverifiable is not verified: when a table is cut off or left blank the reader must be "
                 "told that its consistency was not checked."),
      legal_basis=_TABLE3_LEGAL,
      example_fail="表三在（五）1 之后被截断：缺少（五）2–5、（六）1–3、（七）总计、四 行",
      example_pass="表三 25 行、表四 3 行齐全且均为整数",
      fix=("补上所列缺失的行，在所列空白格内填写数字（没有的填 0），把“/”“—”等改为数字；补全后即可核验合计。",
           "Add the missing rows listed, fill the blank cells listed with numbers (0 when there is none) and replace "
           "'/' or '—' by numbers; the totals can then be checked."))
def totals_unverifiable(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    for evaluate in _RELATIONS:
        missing = _evaluated(evaluate, report, ctx)[1]
        if missing is not None:
            yield missing
