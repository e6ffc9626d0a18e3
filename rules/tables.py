"""Table checks beyond presence (category table, T204+).

Presence is the schema rule's: a heading without its table is S102, a table with every cell
empty S103, a missing row T201, a blank cell T202. A 2019-only row in a 2021 layout is the
layout rules' concern (S107/S108). What remains here is the half-filled row.
"""

from __future__ import annotations

from typing import Iterator

from xxgk_lint import spec
from xxgk_lint.model import Finding, Message, Report
from xxgk_lint.rule_api import RuleContext, rule
from xxgk_lint.spec import short_label
from xxgk_lint.table_relations import applications_version, one_sided, table_rows


@rule(code="T204", name="total-one-sided", category="table", severity="warning",
      title=("只填了总计或只填了分项", "Only the total or only the parts filled"),
      checks=("表三、表四中某一行只填写了总计、各分项均为空，或各分项均已填写而总计为空。"
              "空白单元格本身由 T202 报告；这里指出该行的总计因此无法核对。",
              "A row of table 3 or 4 has only its total filled with every part blank, or every part filled "
              "with the total blank. The blank cells themselves are T202's; this says the row's total "
              "cannot be checked."),
      rationale=("空白不等于 0：只填总计无法看出申请人或审理结果的构成，只填分项则缺少合计，两者都使勾稽关系无法核验。",
                 "Blank is not 0: a lone total hides its breakdown, lone parts lack their total; either way the "
                 "arithmetic cannot be checked."),
      legal_basis=("国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作年度报告格式》表三、表四",
                   "Format notice 国办公开办函〔2021〕30号, tables 3 and 4"),
      example_fail="表四 行政复议：结果维持（空）｜结果纠正（空）｜其他结果（空）｜尚未审结（空）｜总计 2",
      example_pass="表四 行政复议：结果维持 1｜结果纠正 0｜其他结果 0｜尚未审结 1｜总计 2",
      fix=("补全该行：填写各申请人类别（或各结果）的件数，使其之和等于总计；或补上空白的总计。",
           "Complete the row: fill in each applicant (or result) column so that they add up to 总计, or fill in the "
           "blank 总计."))
def total_one_sided(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    apps = table_rows(report, "applications")
    if apps is not None:
        version = applications_version(apps, report.format_version or ctx.format_version)
        yield from _one_sided(apps, "applications", spec.TABLES[version]["applications"].blocks[0],
                              spec.APPLICANT_PARTS, ("表三", "Table 3"), ("各申请人类别", "the applicant columns"))
    reviews = table_rows(report, "reviews")
    if reviews is not None:
        yield from _one_sided(reviews, "reviews", spec.TABLES["2021"]["reviews"].blocks[0],
                              spec.REVIEW_PARTS, ("表四", "Table 4"), ("各审理结果", "the outcomes"))


def _one_sided(rows: dict, table: str, block: spec.Block, parts: tuple[str, ...],
               name: tuple[str, str], part_name: tuple[str, str]) -> Iterator[Finding]:
    for row in block.rows:
        cells = rows.get(row.id)
        if not isinstance(cells, dict):
            continue
        kind = one_sided(cells, parts)
        if kind == "total-only":
            zh = f"{name[0]} {short_label(row)} 只填写了总计（{cells['total']}），{part_name[0]}均为空，总计无法核对"
            en = (f"{name[1]}, {row.en}: only the total ({cells['total']}) is filled, {part_name[1]} are "
                  f"blank, so the total cannot be checked")
        elif kind == "parts-only":
            zh = f"{name[0]} {short_label(row)} 填写了{part_name[0]}，但总计为空"
            en = f"{name[1]}, {row.en}: {part_name[1]} are filled but the total is blank"
        else:
            continue
        blank = [p for p in (parts if kind == "total-only" else ("total",))]
        # the blank cells are T202's: when it reports them all, this finding is told with it
        yield Finding("T204", Message(zh, en), spec.join_pointer("tables", table, row.id),
                      details={"pattern": kind,
                               "cells": [{"pointer": spec.join_pointer("tables", table, row.id, p)} for p in blank],
                               "relation_text": {"zh": f"{name[0]} {short_label(row)} 的总计",
                                                 "en": f"{name[1]}, {row.en}: the total"}})
