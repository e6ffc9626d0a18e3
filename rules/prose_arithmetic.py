"""Arithmetic inside the prose, family K8xx.

Each rule's page is generated from its metadata below: `xxgk-lint rules` lists them,
`xxgk-lint explain CODE` shows one.

The list is read by `xxgk_lint.prose_counts.count_lists`, which reads only unambiguous lists
(three or more parts in the total's unit, no other figure, no 主要包括 / 等). A list is taken
for the whole — and a shortfall reported — only when it names a rest (其他/其它) or covers at
least 95% of the total: "其中A 3条、B 4条、C 5条" out of 100 is a few examples, 22694 out of
22753 is a slip. Parts adding up to more than the total are always reported.
"""

from __future__ import annotations

from typing import Iterator

from xxgk_lint.model import Finding, Message, Report
from xxgk_lint.prose import excerpt, locate, pointer_for, prose, section_label
from xxgk_lint.prose_counts import count_lists
from xxgk_lint.rule_api import RuleContext, rule

# Parts that cover this share of the total are meant as all of it.
_WHOLE_SHARE = 0.95


@rule(code="K805", name="prose-parts-sum", category="consistency", severity="warning",
      title=("正文所列分项之和与合计不符", "Parts listed in the prose do not add up to their total"),
      checks=("正文中“合计N条，其中A a条、B b条、C c条……”（或“包括……”）的各分项之和与合计比对：分项之和大于合计时"
              "报告；小于合计时，只有列出了“其他”项或分项之和已达合计的95%以上（即意在列全）才报告。只读取明确的列表："
              "至少三个分项、单位与合计相同（条对条）、每项只有一个数字、没有约数和同比；“主要包括”“如”“例如”引出的举例"
              "和以“等”结尾的列表不读，读不懂的句子不报。第五部分同样检查。",
              "A total in the prose followed by its parts (其中 / 包括 A a条, B b条, C c条 …) is checked: parts adding "
              "up to more than the total are reported; parts adding up to less only when the list names a rest "
              "(其他) or covers at least 95% of the total (it was meant to be complete). Only plain lists are read: "
              "three or more parts in the total's unit, one figure each, no approximation or comparison; examples "
              "introduced by 主要包括/如/例如 and lists ending in 等 are not read, and nothing is reported for a "
              "sentence that cannot be read."),
      rationale=("分项加不上合计，读者无从判断哪个数字正确；省级通报将“数据不一致”列为年报常见问题。",
                 "When the parts do not add up readers cannot tell which figure is right; provincial notices list "
                 "inconsistent figures among the common errors of annual reports."),
      legal_basis=("国办公开办函〔2021〕30号 二、（四）“发布内容不准确”；各省年度报告评查通报（数据不一致）",
                   "Format notice 国办公开办函〔2021〕30号 2 (4) (inaccurate content); provincial review notices "
                   "(inconsistent figures)"),
      fix=("逐项核对各分项数字与合计，改正算错或漏列的一项；若只是举例，写明“主要包括”或在末尾加“等”。",
           "Check each part against the total and correct the wrong or missing one; if the list only gives "
           "examples, say so (主要包括 … 等)."),
      example_fail="主动公开政府信息465条，其中政策文件100条、工作动态300条、其他信息64条。",
      example_pass="主动公开政府信息465条，其中政策文件100条、工作动态300条、其他信息65条。")
def prose_parts_sum(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    for sid, text in prose(report):
        for lst in count_lists(text):
            parts = lst.parts_sum
            short = parts < lst.total and (lst.has_rest or parts >= _WHOLE_SHARE * lst.total)
            if parts <= lst.total and not short:
                continue
            where, where_en = section_label(sid)
            sums = "+".join(str(n) for _, n in lst.parts)
            yield Finding("K805", Message(
                f"{where}“{excerpt(lst.quote, 50)}”：所列{len(lst.parts)}项之和为 {parts}{lst.unit}"
                f"（{sums}），与合计 {lst.total}{lst.unit} 不符",
                f"{where_en}: “{excerpt(lst.quote, 50)}”: the {len(lst.parts)} parts add up to {parts} "
                f"({sums}), not the total {lst.total}"),
                pointer_for(sid), span=locate(report, lst.quote), expected=lst.total, actual=parts,
                details={"sentence": lst.quote, "section": sid, "parts": [p for p, _ in lst.parts]})
