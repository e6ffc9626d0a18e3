"""The schema rule: the report has the statutory shape — six sections, tables 二/三/四 with
every row and cell, numbers where numbers belong.

`Y001` runs the JSON Schema of the format being checked (`xxgk_lint.validate`) and yields
the translated findings; the other codes here are what that translation produces, declared
as companions so each can be documented, selected and ignored on its own. `Y002` (duplicate
key) is produced by the YAML/JSON reader.
"""

from __future__ import annotations

from collections.abc import Iterator

from xxgk_lint.model import Finding, Report
from xxgk_lint.rule_api import RuleContext, companion, rule
from xxgk_lint.validate import validate

_ART50 = ("《中华人民共和国政府信息公开条例》第五十条：年度报告应当包括主动公开、依申请公开、行政复议和行政诉讼、"
          "存在的主要问题及改进情况、其他需要报告的事项；全国政府信息公开工作主管部门公布统一格式")
_NOTICES = ("国办公开办函〔2021〕30号 附件《中华人民共和国政府信息公开工作年度报告格式》"
            "（2019、2020年度：国办公开办函〔2019〕60号 试行格式）")


def _basis(zh: str, en: str) -> tuple[str, str]:
    return (f"{_ART50}；{_NOTICES}{zh}",
            f"Regulations on Open Government Information, art. 50; format notice 国办公开办函〔2021〕30号 "
            f"(2019 trial format: 〔2019〕60号){en}")


@rule(code="Y001", name="schema-violation", category="schema", severity="error",
      title=("报告结构不符合规定格式", "Report does not match the statutory format's schema"),
      checks=("按报告年度对应格式的 JSON Schema（schemas/annual-report-2021.schema.json 或 -2019）校验结构化报告；"
              "缺部分、缺表、缺行、缺格、错误取值分别以 S101–S103、T201–T203、V301–V302 报告，"
              "其余问题（如报告信息字段类型错误、未知的顶层键、机关层级不在可选范围内）以本代码报告。",
              "Validates the structured report against the JSON Schema of its format; missing sections, tables, "
              "rows, cells and bad values are reported as S101–S103, T201–T203, V301–V302, anything else "
              "(a metadata field of the wrong type, an unknown top-level key, an organ level not in the list) "
              "under this code."),
      rationale=("格式不符的报告无法被可靠地读取和统计；对 YAML/JSON 报告，类型错误常来自漏加引号"
                 "（如邮政编码 050000 被读成八进制数）。",
                 "A report that does not fit the format cannot be read or aggregated reliably; in YAML/JSON, "
                 "type errors usually come from missing quotes (postcode 050000 read as an octal number)."),
      legal_basis=_basis("", ""),
      example_fail="YAML 报告中：\nmeta:\n  organ_level: 县政府        # 不是可选值\n  contact:\n    postcode: 350001  "
                   " # 应加引号",
      example_pass="YAML 报告中：\nmeta:\n  organ_level: 县级人民政府\n  contact:\n    postcode: \"350001\"",
      fix=("按提示把该项改为规定格式要求的写法（如给邮政编码加引号、机关层级从可选值中选一个），或删去多余的项。",
           "Change the item as the message says (quote the postcode, pick an organ level from the list …) or delete "
           "the extra item."))
def schema_violation(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    yield from validate(report, ctx.format_version)


SECTION_MISSING = companion(
    code="S101", name="section-missing", category="section", severity="error", produced_by="Y001",
    title=("缺少必备部分", "Required section missing"),
    checks=("报告须具备六个部分：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；"
            "四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项。",
            "The report must have all six sections 一 to 六 of the format."),
    rationale=("格式通知要求年度报告内容“不能遗漏，也不宜泛化”；实践中常见“二”之后直接跳到“四”。",
               "The notice says the content must not omit anything; reports that jump from 二 to 四 are common."),
    legal_basis=_basis("：一、报告内容", ", part 一 (content)"),
    example_fail="一、总体情况 … 二、主动公开政府信息情况 … 三、收到和处理政府信息公开申请情况 … 五、"
                 "存在的主要问题及改进情况 …（缺第四部分）",
    example_pass="一、总体情况 … 二、… 三、… 四、政府信息公开行政复议、行政诉讼情况 … 五、… 六、其他需要报告的事项",
    fix=("按统一格式补上该部分的标题和内容；确实没有可报告内容的，保留标题并写“本年度无……”。",
         "Add the section with its official heading and content; if there is nothing to report, keep the heading and "
         "say so (“本年度无……”)."))

TABLE_MISSING = companion(
    code="S102", name="table-missing", category="section", severity="error", produced_by="Y001",
    title=("缺少统计表", "Table missing"),
    checks=("第二、三、四部分须分别附表二（主动公开政府信息情况）、表三（收到和处理政府信息公开申请情况）、"
            "表四（政府信息公开行政复议、行政诉讼情况）。",
            "Sections 二, 三 and 四 must carry tables 二, 三 and 四."),
    rationale=("乡镇、街道报告常有标题而无表格；统计表是年度报告可比、可汇总的核心。",
               "Township reports often have the heading but no table; the tables are what makes reports comparable."),
    legal_basis=_basis("附件 表二、表三、表四", ", attachment tables 2, 3 and 4"),
    example_fail="四、政府信息公开行政复议、行政诉讼情况\n本年度未发生行政复议、行政诉讼。（标题下没有表四）",
    example_pass="四、政府信息公开行政复议、行政诉讼情况\n（表四：行政复议、行政诉讼各栏，没有案件的填 0）",
    fix=("在该部分标题下插入规定格式的统计表（可从格式通知复制空表），逐格填写，没有数据的填 0。",
         "Insert the official table under the section heading (copy the empty template) and fill every cell, 0 where "
         "there is nothing."))

TABLE_EMPTY = companion(
    code="S103", name="table-empty", category="section", severity="error", produced_by="Y001",
    title=("统计表为空", "Table is empty"),
    checks=("表格存在，但没有填写任何数值（只报一次，不逐格报告）。",
            "The table is present but has no value at all (reported once, not per cell)."),
    rationale=("空表等于没有报告该项内容；没有数据的格子应填 0。",
               "An empty table reports nothing; cells with nothing to report take 0."),
    legal_basis=_basis("附件 表二、表三、表四", ", attachment tables 2, 3 and 4"),
    example_fail="表四只有表头“行政复议｜行政诉讼”，各格均为空白",
    example_pass="表四 行政复议：结果维持 0｜结果纠正 0｜其他结果 0｜尚未审结 0｜总计 0（行政诉讼两组同样填 0）",
    fix=("在该表的每个格子填写本年度数据，没有数据的填 0，不要留空表。",
         "Fill every cell of the table with this year's figures, 0 where there is nothing; do not leave it empty."))

ROW_MISSING = companion(
    code="T201", name="table-row-missing", category="table", severity="error", produced_by="Y001",
    title=("统计表缺少行", "Table row missing"),
    checks=("表二各项、表三（2021年格式25行，2019年试行格式23行）、表四（3行）的每一行都须具备。"
            "同一张表（表二为同一项）缺少的行合并为一条，指向第一个缺少的行并逐一列出；"
            "表格在某行之后全部缺失时说明“可能被截断”。",
            "Every row of table 二 (per item), table 三 (25 rows in 2021, 23 in 2019) and table 四 (3 rows) "
            "must be present. The rows missing from one table (one item of table 二) are one finding, pointing at "
            "the first and listing each; a table missing everything after some row is said to be cut off."),
    rationale=("缺行使勾稽关系（一+二=（七）+四 等）无法核对，常见于表三在（五）之后被截断。",
               "A missing row makes the table's arithmetic unverifiable; table 三 is often cut off after （五）."),
    legal_basis=_basis("附件 表二、表三、表四", ", attachment tables 2, 3 and 4"),
    example_fail="表三在“（五）不予处理 1.信访举报投诉类申请”一行之后结束，缺（五）2 至“四、结转下年度继续办理”各行",
    example_pass="表三 25 行齐全，最后两行为“（七）总计”和“四、结转下年度继续办理”",
    fix=("按规定格式补上所列的行（可从格式通知的表格复制），逐格填写，没有数据的填 0。",
         "Add the rows listed, copied from the official table, and fill every cell, 0 where there is nothing."))

CELL_MISSING = companion(
    code="T202", name="table-cell-missing", category="table", severity="error", produced_by="Y001",
    title=("统计表缺少数值", "Table cell missing"),
    checks=("行存在但某一栏没有数值（空白、null 或空字符串）。同一张表（表二为同一项）的空白格合并为一条，"
            "整栏空白的按栏说明（如“法人或其他组织 5 栏在全部 25 行均为空白”），并逐格列出；"
            "整行都没有数值时只报一次“整行为空”。",
            "A row lacks a value in a column (blank, null or empty string). The blank cells of one table (one item "
            "of table 二) are one finding, whole blank columns named as columns, each cell listed; a row with no "
            "value at all is reported once as an empty row."),
    rationale=("空格不等于 0：无法据此核对合计；没有数据的格子应填 0。",
               "A blank cell is not 0: totals cannot be verified; write 0 when there is nothing to report."),
    legal_basis=_basis("附件 表二、表三、表四", ", attachment tables 2, 3 and 4"),
    example_fail="表三 一、本年新收政府信息公开申请数量：自然人 12｜商业企业 3｜科研机构 0｜社会公益组织 "
                 "0｜法律服务机构 1｜其他 0｜总计（空）",
    example_pass="表三 一、本年新收政府信息公开申请数量：自然人 12｜商业企业 3｜科研机构 0｜社会公益组织 "
                 "0｜法律服务机构 1｜其他 0｜总计 16",
    fix=("在所列的空白格内填写数字；没有数据的格子填 0，不要留空或填“/”。",
         "Write a number in each blank cell listed; 0 where there is nothing, never blank or '/'."))

UNKNOWN_KEY = companion(
    code="T203", name="table-unknown-key", category="table", severity="error", produced_by="Y001",
    title=("统计表中有无法识别的键", "Unknown key in a table"),
    checks=("表、项、行或列的键名不在该年度格式中；提示最接近的有效键名（也识别中文行名、列名）。"
            "误写的键只报一次，不再另报“缺少”。",
            "A table, item, row or column key that the format does not have; the closest valid key is suggested "
            "(Chinese labels are recognised too). A misspelt key is reported once, not again as missing."),
    rationale=("键名写错的数据会被忽略，相应的行或格视为缺失；"
               "也可能是用错了年度格式（如2021年度报告用了2019年试行表二）。",
               "Data under a wrong key is ignored and the intended row or cell counts as missing; it may also mean "
               "the wrong year's format was used."),
    legal_basis=_basis("附件 表二、表三、表四", ", attachment tables 2, 3 and 4"),
    example_fail="YAML 报告中：\napplications:\n  new: {natual_person: 12, …}   # 拼写错误",
    example_pass="YAML 报告中：\napplications:\n  new: {natural_person: 12, …}",
    fix=("把该键名改为提示的规定名称（或规定格式的行名、栏目名），或删去多余的键。",
         "Rename the key to the suggested official one (or the official row/column label), or delete the extra key."))

OTHER_HANDLING_ONE_ROW = companion(
    code="T205", name="other-handling-one-row", category="table", severity="error", produced_by="Y001",
    formats=("2021",),
    title=("（六）其他处理仍为一行（2019年试行格式）", "(6) other handling kept as one row (2019 trial format)"),
    checks=("按2021年格式检查的报告，表三“（六）其他处理”只有一行数值、没有1–3三个子行：这是2019年试行格式的"
            "写法。只报这一项，不再另报三个子行缺失或该行无法识别；（七）总计仍按这一行核对。",
            "A report checked against the 2021 format has table 3 row (6) other handling as a single row with "
            "values and none of its sub-rows 1–3: the 2019 trial format's layout. This one finding replaces "
            "three missing sub-rows and an unknown row; (7) total is still checked with the single row."),
    rationale=("2021年格式把“其他处理”分为逾期不补正、逾期不缴费、其他三类，省级通报把“沿用旧格式”列为常见问题；"
               "合为一行就看不出因收费不再处理的申请（与第六部分信息处理费相关）。",
               "The 2021 format splits other handling into three kinds; provincial notices list outdated formats "
               "as a common error, and one row hides the applications dropped for unpaid fees."),
    legal_basis=_basis("附件 表三 三、（六）1–3", ", attachment table 3, III (6) 1–3"),
    fix=("把“（六）其他处理”改为三行：1.申请人无正当理由逾期不补正…、2.申请人逾期未按收费通知要求缴纳费用…、"
         "3.其他，按实际情况分别填写（合计等于原来一行的数）。",
         "Split (6) into the three rows 1 (no supplement in time), 2 (fee not paid in time) and 3 (other), "
         "filled so that they add up to the former single row."),
    example_fail="（六）其他处理 | 0 | 0 | 0 | 0 | 0 | 0 | 0   # 2021年度报告",
    example_pass="（六）其他处理 1.申请人无正当理由逾期不补正… | 0 | …\n2.申请人逾期未按收费通知要求缴纳费用… | 0 | "
                 "…\n3.其他 | 0 | …")

COUNT_INVALID = companion(
    code="V301", name="count-invalid", category="value", severity="error", produced_by="Y001",
    title=("数量不是非负整数", "Count is not a non-negative integer"),
    checks=("件数、数量栏须为非负整数；2019年试行格式“本年增/减”栏须为整数（减少写负数）。"
            "报告原值，如“/”“减4”“251000元”、-3、2.5；同一张表中多格填了同样的文字（如都填“/”）合并为一条。",
            "Count cells must be non-negative integers; the 2019 “本年增/减” column takes any integer. The value "
            "found is quoted (\"/\", \"减4\", \"251000元\", -3, 2.5); the same text in several cells of one "
            "table (\"/\" throughout) is one finding."),
    rationale=("“/”“—”“O”、带单位或“增/减”字样的格子无法统计和核对；没有数据应填 0。",
               "Cells holding '/', '—', units or words cannot be added up or checked; write 0 when there is none."),
    legal_basis=_basis("附件 表二、表三、表四", ", attachment tables 2, 3 and 4"),
    example_fail="表三 （三）不予公开 1.属于国家秘密：自然人 /｜商业企业 /｜…",
    example_pass="表三 （三）不予公开 1.属于国家秘密：自然人 0｜商业企业 0｜…",
    fix=("把格子里的内容改为非负整数：没有的填 0，去掉“件”等单位和“增/减”字样（2019年格式“本年增/减”栏减少时写负数）。",
         "Write a non-negative whole number: 0 when there is none, without units or increase/decrease words (the 2019 "
         "“本年增/减” column takes a negative number for a decrease)."))

AMOUNT_INVALID = companion(
    code="V302", name="amount-invalid", category="value", severity="error", produced_by="Y001",
    title=("金额不是非负数", "Amount is not a non-negative number"),
    checks=("2021年格式表二（八）“本年收费金额（单位：万元）”及2019年试行格式表二（九）“采购总金额”须为非负数，"
            "可含小数，不得带单位。",
            "The 2021 fee amount (in 万元) and the 2019 procurement amount must be non-negative numbers, decimals "
            "allowed, no unit inside the cell."),
    rationale=("格子里写“251000元”会与表头单位“万元”冲突，无法汇总。",
               "“251000元” in a cell whose header says 万元 is ambiguous and cannot be aggregated."),
    legal_basis=_basis("附件 表二 第二十条第（八）项", ", attachment table 2, item (8)"),
    example_fail="表二 第二十条第（八）项 行政事业性收费 本年收费金额（单位：万元）：251000元",
    example_pass="表二 第二十条第（八）项 行政事业性收费 本年收费金额（单位：万元）：25.1",
    fix=("按表头单位（万元）填写数字，不带单位，可有小数；如 251000 元应填 25.1。",
         "Write the number in the header's unit (万元) without a unit, decimals allowed; 251000 元 is 25.1."))

DUPLICATE_KEY = companion(
    code="Y002", name="duplicate-key", category="schema", severity="error", produced_by="read",
    title=("键重复", "Duplicate key"),
    checks=("YAML/JSON 报告的同一层级中同一个键出现两次。",
            "A key appears twice in the same mapping of a YAML/JSON report."),
    rationale=("解析时后面的值会悄悄覆盖前面的值，前一处数据随之丢失。",
               "The later value silently replaces the earlier one, so data is lost."),
    legal_basis=_basis("", ""),
    example_fail="YAML 报告中：\nnew: {natural_person: 12, total: 16}\nnew: {natural_person: 11, total: 15}",
    example_pass="YAML 报告中：\nnew: {natural_person: 12, total: 16}\ncarried_over: {natural_person: 1, total: 1}",
    fix=("删去重复的键，只保留正确的一处数据。",
         "Delete the repeated key and keep the one with the correct data."))
