"""Codes the extractor emits while reading tables out of a document (F901–F908, T210).

They are not a rule's check: `xxgk_lint.extract` adds them to `Report.notes` while it turns a
text/Markdown/HTML/Word/PDF document into the structured report, and the engine turns them
into diagnostics like any finding. They say where the reading was loose — a drifted label, a
row recognised by its position, values that fit nowhere — so that a number the linter checks
can be traced to how it was read. They never fire for YAML/JSON input.
"""

from __future__ import annotations

from xxgk_lint.rule_api import companion

_TEMPLATE = ("国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作年度报告格式》（2019、"
             "2020年度为国办公开办函〔2019〕60号试行格式）规定了表格的行、列标签；《条例》第五十条要求按统一格式公布",
             "The format notices 国办公开办函〔2021〕30号 (2019 trial format: 〔2019〕60号) fix the table's row and "
             "column labels; Regulations art. 50 requires the uniform format")
_PRODUCER = "extract"


def _note(code, name, severity, title, checks, rationale, fail, ok, category="format", *, fix):
    return companion(code=code, name=name, category=category, severity=severity, produced_by=_PRODUCER,
                     title=title, checks=checks, rationale=rationale, legal_basis=_TEMPLATE, fix=fix,
                     example_fail=fail, example_pass=ok)


LABEL_DRIFT = _note(
    "F901", "table-label-drift", "warning",
    ("表格标签与规定格式不一致", "Table label differs from the official format"),
    ("表格的行标签、列标题、栏目标题或分组标签与格式通知的文字不同，只能通过已知变体、编号、截断或近似匹配识别；"
     "或同一栏目内列标题重复出现。比较时忽略全角/半角、繁简体、空格和标点，因此这些差异本身不报告。"
     "信息中给出原文、规定文字和识别方式（alias 已知变体、numbered 按编号、prefix 截断、similar 近似）。",
     "A table's row label, column header, block heading or group label differs from the wording of the format "
     "notice and was recognised only through a known variant, its numbering, truncation or similarity; or a "
     "column header is repeated within a block. Width, traditional/simplified characters, spaces and punctuation "
     "are ignored, so those differences are not reported. The details give the text found, the official label "
     "and how it was matched (alias, numbered, prefix, similar)."),
    ("统一格式是各机关年报可比、可汇总的前提；改动标签的表格难以核对，也说明填报时未使用规定模板。"
     "本工具仍按识别结果读取数值，请核对识别是否正确。",
     "The uniform format is what makes reports comparable and summable; a table with altered labels is hard to "
     "check and suggests the official template was not used. The values are still read as recognised; check "
     "that the recognition is right."),
    "（五）\t1. 信访举报投诉\t0\t0…（规定为“1.信访举报投诉类申请”）",
    "（五）不予处理\t1.信访举报投诉类申请\t0\t0…",
    fix=("把表格中的行名、栏目名改为格式通知规定的文字（可从规定格式的表格复制），以免数据被读错。",
         "Use the labels of the official template for the table's rows and columns (copy them from the template), so "
         "the data cannot be misread."))

LAYOUT_MIXED = _note(
    "F902", "layout-mixed", "warning",
    ("表格混用2019年试行格式和2021年格式", "Tables mix the 2019 trial format and the 2021 format"),
    ("表格中同时出现只属于2019年试行格式的标签（如“本年新制作数量”“政府集中采购”）和只属于2021年格式的标签"
     "（如“本年制发件数”“本年收费金额”）。按标签较多的一种格式读取，信息中列出两边的标签。",
     "The tables carry labels found only in the 2019 trial format (e.g. 本年新制作数量, 政府集中采购) and labels "
     "found only in the 2021 format (e.g. 本年制发件数, 本年收费金额). The format with more labels is used to "
     "read them; the details list both sets."),
    ("两种格式的表二结构不同，混用时部分数值无法按任一格式核对，说明模板被拼凑或改动过。",
     "Table 二 differs between the formats; mixed labels mean some values fit neither, and that the template was "
     "patched together."),
    "第二十条第（一）项：本年制发件数 … 第二十条第（九）项：政府集中采购",
    "全部使用2021年格式的标签",
    fix=("按报告年度选用一种表格：2021年度及以后用国办公开办函〔2021〕30号格式，2019、2020年度用试行格式；"
         "不要混用两种表格的栏目。",
         "Use one layout: the 2021 format for 2021 and later, the trial format for 2019–2020; do not mix the two."))

CELLS_BY_POSITION = _note(
    "F903", "table-cells-by-position", "info",
    ("行的单元格少于列数，按顺序对应", "Row has fewer cells than columns; assigned in order"),
    ("在逐格成行或以“|”分隔的文本中，一行读到的单元格少于该行应有的列数（其余单元格没有留下任何痕迹），"
     "读到的数值按从左到右的顺序对应到前几列。",
     "In text with one cell per line or “|”-separated cells, a row has fewer cells than its columns (the others "
     "left no trace); the values read are assigned to the first columns from the left."),
    ("空单元格在这类文本中会消失，数值可能被对应到错误的列；请核对原表。",
     "Empty cells vanish in such text, so a value may land in the wrong column; check the original table."),
    "规章\n0\n规范性文件 …（规章行只有1个数值，应有3个）",
    "规章\n0\n0\n0",
    fix=("在该行的每个格子里都填写数字（没有的填 0），不要留空或合并格子，以免数字对错栏。",
         "Fill every cell of the row with a number (0 when there is none), without blank or merged cells, so no number "
         "lands in the wrong column."))

EXTRA_CELLS = _note(
    "F904", "table-extra-cells", "warning",
    ("行的单元格多于列数", "Row has more cells than columns"),
    ("一行中在规定列之外还有非空单元格，多出的内容被忽略。",
     "A row has non-empty cells beyond its columns; the surplus is ignored."),
    ("多出的数值说明表格列被改动或错位，已读取的数值可能对应错列。",
     "Surplus values mean the columns were altered or shifted; the values read may be in the wrong columns."),
    "行政许可\t0\t3\t5（2021年格式只有一列“本年处理决定数量”）",
    "行政许可\t5",
    fix=("删除该行规定栏目之外多出的格子或文字，把内容移到正文。",
         "Remove the extra cells or text beyond the official columns of the row; move any remark into the prose."))

ROWS_BY_POSITION = _note(
    "F905", "table-rows-by-position", "warning",
    ("没有行标签的数值按位置识别为某些行", "Values without row labels identified by position"),
    ("一组数值前没有行标签（标签丢失，或一个分组标签后直接跟着各子行的数值），其数量恰好等于规定格式在该位置"
     "应有的若干行，因此按顺序对应到这些行。",
     "A run of values has no row label (the labels were lost, or a group label is followed directly by its "
     "sub-rows' values) and its count matches exactly the rows the format has at that place, so they are "
     "assigned to those rows in order."),
    ("没有标签的数值无法确认属于哪一行；按位置识别可能出错，请核对原表并补全标签。",
     "Unlabelled values cannot be confirmed to belong to a row; identification by position may be wrong. Check "
     "the original table and restore the labels."),
    "（三）不予公开 | 0 | 0 | …（56个数值，没有1–8各子行的标签）",
    "（三）不予公开 | 1.属于国家秘密 | 0 | …",
    fix=("为这些数值所在的行补上规定的行名（如“（三）1.属于国家秘密”），以免按位置对错行。",
         "Give the rows holding these values their official labels (e.g. “（三）1.属于国家秘密”) so they are not "
         "matched by position."))

VALUES_UNATTRIBUTED = _note(
    "F906", "table-values-unattributed", "warning",
    ("表格中有数值无法对应到任何行", "Table values that fit no row"),
    ("表格范围内有一组数值既没有行标签，数量也不符合该位置应有的行，因此被忽略。",
     "Within a table there are values with no row label whose count fits none of the rows expected there; "
     "they are ignored."),
    ("被忽略的数值不参与勾稽检查；它们可能属于缺失标签的行或被删改的行。",
     "Ignored values take no part in the arithmetic checks; they may belong to rows whose labels were lost or "
     "altered."),
    "合计 | 3 | 0 | 1（“合计”不是表三的行）",
    "（七）总计 | 3 | 0 | 1 …",
    fix=("为这组数值补上所属的行名，或删除表格中多余的数值。",
         "Label the row these values belong to, or delete the stray values from the table."))

ROW_DUPLICATE = _note(
    "F907", "table-row-duplicate", "warning",
    ("表格中同一行出现两次", "Table row appears twice"),
    ("同一行标签在同一张表中出现两次且都有数值，只采用第一次出现的数值。",
     "The same row label appears twice in one table with values both times; the first occurrence is used."),
    ("重复的行使数值来源不明，可能是复制粘贴错误。",
     "A duplicated row makes it unclear which values are meant; often a copy-paste error."),
    "行政许可\t3 … 行政许可\t5",
    "行政许可\t3",
    fix=("删去重复的一行，只保留正确的那一行数据。",
         "Delete the repeated row and keep the one with the correct figures."))

CELLS_RUN_TOGETHER = companion(
    code="F908", name="table-cells-run-together", category="format", severity="error", produced_by=_PRODUCER,
    title=("表格单元格连在一起，无法读取", "Table cells run together; table unreadable"),
    checks=("表格的行标签、列标题和数字之间没有任何分隔（如“规章000行政规范性文件3112”），无法分辨每个数字属于哪一格，"
            "整张表无法读取。该表不再另报“缺少表格”或“表格为空”。",
            "The table's labels and numbers have no separator between them (e.g. “规章000行政规范性文件3112”), so "
            "which number belongs to which cell cannot be told and the whole table cannot be read. The table is "
            "not also reported as missing or empty."),
    rationale=("常见于网页文字被整体复制或抓取时丢掉了表格线；数字连在一起，读者和工具都无法核对。",
               "Typical of web text copied or crawled without the table's cell borders; numbers glued together "
               "can be checked neither by readers nor by tools."),
    legal_basis=_TEMPLATE,
    fix=("提供保留表格结构的文件（原网页、Word 或 PDF），或在表格各单元格之间加上分隔（如制表符）后再检查。",
         "Provide a file that keeps the table (the original page, Word or PDF), or separate the cells "
         "(e.g. with tabs) and check again."),
    example_fail="规章000行政规范性文件3112",
    example_pass="规章\t0\t0\t0\n行政规范性文件\t3\t1\t12")

TABLE_UNREADABLE = _note(
    "T210", "table-unreadable", "warning",
    ("表格内容无法读取", "Table content cannot be read"),
    ("找到了表格的内容（表头、栏目标题或带数字的表格），但一行也没有读出来：没有可识别的行标签，"
     "数值也无法对应。表格因此记为空表（由 S103 报告为空表），本提示说明看到了什么。",
     "Table material was found (headers, block headings or a table with numbers) but not a single row could be "
     "read: no row label was recognisable and the values could not be placed. The table is recorded as empty "
     "(reported as such by S103); this note says what was seen."),
    ("常见于网页转存时表格被打散成无标签的数字、被截断，或只剩表头。",
     "Typical of web copies whose tables were broken into unlabelled numbers, truncated, or reduced to headers."),
    "三、收到和处理政府信息公开申请情况\n（本列数据的勾稽关系为……）\n申（正文在此中断）",
    "完整的表三", category="table",
    fix=("检查该表格是否为图片或被拆散的文字；用规定格式的表格重新制作，每行保留行名、每格一个数字。",
         "Check whether the table is an image or broken-up text; rebuild it from the official template, one label per "
         "row and one number per cell."))
