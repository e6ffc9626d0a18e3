"""Values that are well-formed but implausible (category value, V303+).

Well-formedness (a count that is not a non-negative integer, an amount with a unit suffix) is
the schema rule's (V301/V302). These rules judge the value against what the organ can do or
what the unit allows.
"""

from __future__ import annotations

from typing import Iterator, TypeGuard

from xxgk_lint import spec
from xxgk_lint.model import Finding, Message, Report
from xxgk_lint.rule_api import RuleContext, option, rule


def _number(value: object) -> TypeGuard[int | float]:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _proactive(report: Report) -> dict:
    tables = report.data.get("tables")
    table = tables.get("proactive") if isinstance(tables, dict) else None
    return table if isinstance(table, dict) else {}


def _layout(report: Report, ctx: RuleContext) -> str:
    version = report.format_version or ctx.format_version
    return version if version in spec.TABLES else "2021"


@rule(code="V303", name="rules-without-rulemaking-power", category="value", severity="error",
      title=("无规章制定权的机关填报了规章", "Organ without rule-making power reports 规章"),
      checks=("表二 第二十条第（一）项“规章”行任一栏大于 0，而机关层级（乡镇、街道、县级政府、"
              "各级部门中的非国务院部门）依《立法法》不能制定规章。机关层级取配置 organ-level、元数据 organ_level、"
              "机关名称，或报告正文一致的自称（我镇、我街道、我局，至少两处且无其他层级的自称）；仍未知时不检查。",
              "Any cell of the 规章 row of table 2 item (1) is above 0 while the organ's level (township, "
              "sub-district, county government, departments other than State Council departments) cannot "
              "make 规章 under the Legislation Law. The level comes from the organ-level setting, "
              "meta.organ_level, the organ's name, or the report's consistent references to itself (我镇, "
              "我街道, 我局: at least two, none of another level); not checked while it stays unknown."),
      rationale=("只有国务院部门和省、设区的市人民政府能制定规章；基层机关填报规章多是把内部“规章制度”误作规章，"
                 "数据失准。",
                 "Only State Council departments and provincial and districted-city governments make 规章; a "
                 "township reporting them usually mistook internal 规章制度 for rules — inaccurate data."),
      legal_basis=("《中华人民共和国立法法》（2023年修正）第九十一条、第九十三条",
                   "Legislation Law of the PRC (2023 amendment) arts. 91 and 93"),
      example_fail="XX镇人民政府的表二 第二十条第（一）项 规章：本年制发件数 2｜本年废止件数 0｜现行有效件数 2",
      example_pass="XX镇人民政府的表二 第二十条第（一）项 规章：本年制发件数 0｜本年废止件数 0｜现行有效件数 0",
      fix=("本机关无规章制定权：把“规章”一行改为 0，本机关的文件计入“规范性文件”一行（内部规章制度不计入）。",
           "The organ cannot make 规章: set the 规章 row to 0 and count its documents under 规范性文件 (internal rules "
           "count nowhere)."))
def rules_without_rulemaking_power(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    level = spec.ORGAN_LEVEL_BY_ID.get(ctx.organ_level) if ctx.organ_level else None
    if level is None or level.can_make_rules:
        return
    item1 = _proactive(report).get("item1")
    row = item1.get("rules") if isinstance(item1, dict) else None
    if not isinstance(row, dict):
        return
    block = spec.TABLES[_layout(report, ctx)]["proactive"].block("item1")
    columns = [c for c in block.columns if _number(row.get(c.id)) and row[c.id] > 0]
    if not columns:
        return
    found_zh = "、".join(f"{c.label} {row[c.id]}" for c in columns)
    found_en = ", ".join(f"{c.en} {row[c.id]}" for c in columns)
    yield Finding("V303", Message(
        f"机关层级为“{level.id}”，依《立法法》不能制定规章，但表二 第二十条第（一）项 规章 填报了 {found_zh}，"
        f"应均为 0（内部“规章制度”不是规章）",
        f"the organ is a {level.en}, which cannot make 规章 under the Legislation Law, but table 2 "
        f"item (1) 规章 reports {found_en}; all must be 0 (internal 规章制度 are not 规章)"),
        spec.join_pointer("tables", "proactive", "item1", "rules"),
        expected=0, actual={c.id: row[c.id] for c in columns},
        details={"organ_level": level.id, "cells": [
            {"label": c.label, "value": row[c.id],
             "pointer": spec.join_pointer("tables", "proactive", "item1", "rules", c.id)} for c in columns]})


def _fmt(x: float) -> str:
    if isinstance(x, int) or x.is_integer():
        return str(int(x))
    return f"{x:.6f}".rstrip("0").rstrip(".")


_FEE_LIMIT = 100000   # 万元 = 10亿元: above this the figure was almost surely written in 元


@rule(code="V304", name="fee-amount-implausible", category="value", severity="warning",
      title=("收费金额过大，疑似以“元”填报", "Fee amount implausibly large (probably in yuan)"),
      checks=("表二 第二十条第（八）项 行政事业性收费“本年收费金额（单位：万元）”大于 100000 万元（10亿元），"
              "多半是按“元”填写。阈值可用规则选项 max（单位万元）调整。",
              "Table 2 item (8) fees collected (unit: 10,000 yuan) exceeds 100000 (1 billion yuan): most "
              "likely written in yuan. The threshold is the rule option “max” (in 万元)."),
      rationale=("该栏单位为万元；按元填写会把金额放大一万倍，误导公众。",
                 "The column is in 万元; a figure in yuan overstates the fees ten-thousand-fold."),
      legal_basis=("国办公开办函〔2021〕30号 表二 第二十条第（八）项“本年收费金额（单位：万元）”",
                   "Format notice 国办公开办函〔2021〕30号, table 2 item (8) 'fees collected (unit: 10,000 yuan)'"),
      example_fail="表二 第二十条第（八）项 行政事业性收费 本年收费金额（单位：万元）：251000（25.1万元按元填写）",
      example_pass="表二 第二十条第（八）项 行政事业性收费 本年收费金额（单位：万元）：25.1",
      formats=("2021",),
      options=(option("max", "number", _FEE_LIMIT,
                      ("收费金额（万元）超过此值即报告", "report amounts (in 10,000 yuan) above this"), minimum=0),),
      fix=("核对收费金额的单位：表中单位为万元，按元填写的应除以 10000（如 52000 元填 5.2）。",
           "Check the unit: the table is in 万元, so an amount in 元 must be divided by 10 000 (52000 元 is 5.2)."))
def fee_amount_implausible(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    item8 = _proactive(report).get("item8")
    fees = item8.get("fees") if isinstance(item8, dict) else None
    amount = fees.get("amount") if isinstance(fees, dict) else None
    if not _number(amount):
        return
    limit = ctx.options["fee-amount-implausible"]["max"]
    if amount <= limit:
        return
    # the same quotient is the amount in 亿元 as written and in 万元 if it was written in 元
    try:
        per_wan = amount / 10000
    except OverflowError:       # an integer of hundreds of digits, beyond float range
        per_wan = amount // 10000
    as_wan = _fmt(per_wan)
    shown, cap = _fmt(amount), _fmt(limit)
    yield Finding("V304", Message(
        f"表二 第二十条第（八）项 行政事业性收费 本年收费金额 填报 {shown} 万元（即 {as_wan} 亿元），"
        f"超过 {cap} 万元，疑似按“元”填写；若为 {shown} 元，应填 {as_wan}（万元）",
        f"table 2 item (8) fees collected is {shown} × 10,000 yuan ({as_wan} × 100 million yuan), above "
        f"{cap}; probably written in yuan — {shown} yuan is {as_wan} in the 10,000-yuan unit"),
        spec.join_pointer("tables", "proactive", "item8", "fees", "amount"),
        expected=f"<= {cap}", actual=amount, details={"limit": limit, "if_yuan": per_wan})
