"""Content of the prose sections, family N7xx.

Each rule's page is generated from its metadata below: `xxgk-lint rules` lists them,
`xxgk-lint explain CODE` shows one.

N701 and N702 rest on requirements that FORMAT.md marks [R] (recalled, not checked against
the notice text); they are warnings and say so. None of these rules has options.
"""

from __future__ import annotations

import re
from typing import Iterator

from xxgk_lint.model import Finding, Message, Report
from xxgk_lint.normalize import fold_width, squeeze_cjk_spaces
from xxgk_lint.organ import short_names, speaks_as_township, split_name
from xxgk_lint.prose import (excerpt, full_text, locate, pointer_for, prose, report_year, section_label, section_text,
                             sentences)
from xxgk_lint.rule_api import RuleContext, rule
from xxgk_lint.table_relations import cell_count

# ---------------------------------------------------------------- N701 信息处理费

_UNVERIFIED_ZH = "（该要求在格式说明中标为“未核实”，故为警告，可按需关闭。）"
_UNVERIFIED_EN = (" (FORMAT.md marks this requirement as unverified, so it is a warning; switch it off if it "
                  "does not apply.)")


@rule(code="N701", name="fee-statement-missing", category="content", severity="warning", verified=False,
      title=("第六部分未说明信息处理费收取情况", "Section VI says nothing about information processing fees"),
      checks=("报告年度为 2021 年及以后时，第六部分“其他需要报告的事项”应说明依据《政府信息公开信息处理费管理办法》"
              "收取信息处理费的情况，如“本年度未收取信息处理费”“收取信息处理费0元”“共收取信息处理费400元”。"
              "只写“无”不合格。报告其他部分已说明信息处理费的，不再提示。" + _UNVERIFIED_ZH,
              "For reporting years from 2021, section VI should state the information processing fees "
              "collected under the 信息处理费管理办法 (e.g. 本年度未收取信息处理费, 收取信息处理费0元). A bare "
              "“无” fails. A fee statement elsewhere in the report is accepted." + _UNVERIFIED_EN),
      rationale=("信息处理费自 2021 年起收取，各地通知要求将收费情况纳入年度报告；未说明则无法判断是否收费。",
                 "Processing fees exist from 2021 and local notices ask for them in the annual report; "
                 "without a statement nobody can tell whether fees were charged."),
      legal_basis=("《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）；国办公开办函〔2021〕30号 第（六）项"
                   "（未核实）；河南省政府办公厅 2021-01-04 通知“纳入政府信息公开工作年度报告”",
                   "信息处理费管理办法 (国办函〔2020〕109号); format notice 国办公开办函〔2021〕30号 item (6) "
                   "(unverified); Henan notice of 2021-01-04"),
      example_fail="六、其他需要报告的事项\n无",
      example_pass="六、其他需要报告的事项\n本年度未收取信息处理费。",
      fix=("在第六部分写明收取信息处理费的情况，如“本年度未收取信息处理费。”或“共收取信息处理费400元。”",
           "State the fee situation in section 六, e.g. “本年度未收取信息处理费。” or “共收取信息处理费400元。”"))
def fee_statement_missing(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    year = report_year(report)
    other = section_text(report, "other")
    if year is None or year < 2021 or other is None:
        return
    if "处理费" in other or "处理费" in full_text(report) or _unpaid_fees(report):
        return      # with fee notices in table 三, N706 says more precisely what is missing
    yield Finding("N701", Message(
        f"第六部分未说明信息处理费收取情况（现为“{excerpt(other, 30) or '空'}”）；"
        "应写明如“本年度未收取信息处理费”或收取金额",
        f"section VI does not state the information processing fees collected (it reads "
        f"“{excerpt(other, 30)}”); state e.g. 本年度未收取信息处理费 or the amount"),
        "/sections/other", expected="信息处理费收取情况", actual=excerpt(other, 60))


# ---------------------------------------------------------------- N706 收费通知与信息处理费

_FEE_WORDS = re.compile(r"处理费|收费通知")
_NO_FEE_NOTICE = re.compile(r"(?:未|没有|无)(?:发出|发放|下发|送达|出具|开具)?[^,，。;；]{0,6}收费通知")


def _unpaid_fees(report: Report) -> int:
    """表三 （六）2 总计: applications dropped because the fee notice went unpaid (0 if unknown)."""
    value = cell_count(report, "applications", "other_2")
    return value if value is not None and value > 0 else 0


@rule(code="N706", name="fee-notices-unreported", category="content", severity="warning", formats=("2021",),
      title=("表三有逾期未缴费的申请，第六部分却未说明信息处理费", "Fee notices in table 3, no fee in section VI"),
      checks=("表三 三、（六）2“申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请”总计大于0，"
              "说明本年度发出过收费通知；此时第六部分应说明信息处理费的收取情况。第六部分既未提“信息处理费”也未提"
              "“收费通知”，或称“未发出收费通知”时报告。表二的“行政事业性收费”是另一种收费，不算。",
              "Table 3 III (6)2 (applications dropped because the fee notice went unpaid) is above 0, so fee "
              "notices were issued this year and section VI should report on the information processing fee. "
              "Reported when section VI mentions neither 信息处理费 nor 收费通知, or says no fee notice was issued. "
              "Table 2's administrative fees (行政事业性收费) are another fee and do not count."),
      rationale=("收费通知来自《政府信息公开信息处理费管理办法》；表三显示因未缴费而终止处理，"
                 "第六部分却只字不提或称未发通知，读者无从知道收费标准与金额，正文与表格也相互矛盾。",
                 "Fee notices come from the information processing fee measures; when table 3 shows applications "
                 "dropped for unpaid fees, silence (or denial) in section VI hides the fees and contradicts the "
                 "table."),
      legal_basis=("《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）；国办公开办函〔2021〕30号 表三 三、（六）"
                   "2及第六部分",
                   "信息处理费管理办法 (国办函〔2020〕109号); format notice 国办公开办函〔2021〕30号, table 3 III (6)2 "
                   "and section VI"),
      fix=("在第六部分写明本年度发出收费通知和收取信息处理费的情况（件数、金额，如“发出收费通知2件，"
           "申请人均未缴费，未收取信息处理费”）；若表三（六）2填错，改正表格。",
           "State in section VI the fee notices issued and the information processing fees collected (e.g. "
           "2 fee notices, none paid, no fee collected); if table 3 (6)2 is wrong, correct the table."),
      example_fail="表三（六）2 总计 2；第六部分“本年度无其他需要报告的事项。”",
      example_pass="表三（六）2 总计 2；第六部分“本年度发出收费通知2件，申请人均逾期未缴纳，未收取信息处理费。”")
def fee_notices_unreported(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    unpaid = _unpaid_fees(report)
    other = section_text(report, "other")
    if not unpaid or other is None:
        return
    denial = _NO_FEE_NOTICE.search(other)
    if _FEE_WORDS.search(other) and not denial:
        return
    said = f"称“{excerpt(denial.group(0), 20)}”" if denial else "未说明信息处理费"
    said_en = f"says “{denial.group(0)}”" if denial else "says nothing of the information processing fee"
    yield Finding("N706", Message(
        f"表三（六）2 有 {unpaid} 件申请因逾期未按收费通知缴费而不再处理，说明发出过收费通知，但第六部分{said}",
        f"table 3 (6)2 shows {unpaid} application(s) dropped for unpaid fee notices, but section VI {said_en}"),
        "/sections/other", span=locate(report, denial.group(0)) if denial else None,
        expected="信息处理费收取情况", actual=excerpt(other, 60),
        details={"unpaid": unpaid, "cell": "/tables/applications/other_2/total"})


# ---------------------------------------------------------------- N702 上年度问题整改

_PAST_WORD = re.compile(r"上年|上一年|去年|往年|以往|前一年|上次")
_PAST = r"(?:上年|上一年|去年|往年|以往|前一年|上次|(?:19|20)\d{2}\s*年)"
_FIX = r"(?:整改|改进|解决|落实|完善|改正|纠正)"
_RECTIFY = re.compile(rf"{_PAST}[^。]{{0,40}}?{_FIX}|{_FIX}[^。]{{0,40}}?{_PAST}")


@rule(code="N702", name="rectification-missing", category="content", severity="warning", verified=False,
      title=("第五部分未说明上年度问题的整改情况", "Section V does not report on last year's problems"),
      checks=("报告年度为 2021 年及以后时，第五部分“存在的主要问题及改进情况”应说明上一年度报告所列问题的整改情况："
              "同一句中出现上年度（上年、上一年、去年、往年、以往或上一年份）与整改（整改、改进、解决、落实、完善）"
              "即视为已说明。" + _UNVERIFIED_ZH,
              "For reporting years from 2021, section V should report how the problems listed in last year's "
              "report were rectified: a sentence naming the previous year (上年/上一年/去年/往年/以往 or the year) "
              "together with a rectification word (整改/改进/解决/落实/完善) counts." + _UNVERIFIED_EN),
      rationale=("只列问题、不报告上年问题整改结果，年度报告就无法体现改进，容易流于形式、逐年雷同。",
                 "Listing problems without reporting what happened to last year's makes the section "
                 "perfunctory and repetitive year after year."),
      legal_basis=("《中华人民共和国政府信息公开条例》第五十条第（四）项；国办公开办函〔2021〕30号 第（五）"
                   "项（未核实）",
                   "Regulations art. 50 item (4); format notice 国办公开办函〔2021〕30号 item (5) (unverified)"),
      example_fail="五、存在的主要问题及改进情况\n一是政策解读形式单一。下一步将丰富解读形式。",
      example_pass="五、存在的主要问题及改进情况\n（一）上年度问题整改情况。针对2020年度报告所列问题，已整改到位。",
      fix=("在第五部分加一段上年度问题的整改情况，如“针对上年度报告指出的……问题，本年度……，已整改到位。”",
           "Add to section 五 how last year's problems were rectified, e.g. “针对上年度报告指出的……问题，本年度……，"
           "已整改到位。”"))
def rectification_missing(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    year = report_year(report)
    problems = section_text(report, "problems")
    if year is None or year < 2021 or not problems:
        return
    for sentence in sentences(problems):
        for m in _RECTIFY.finditer(sentence):
            # a year counts only when it is a past one: 2022年，我镇将进一步完善 is a plan
            if _PAST_WORD.search(m.group(0)) or any(
                    int(y) < year for y in re.findall(r"((?:19|20)\d{2})\s*年", m.group(0))):
                return
    yield Finding("N702", Message(
        "第五部分未说明上一年度报告所列问题的整改情况",
        "section V does not say how the problems listed in last year's report were rectified"),
        "/sections/problems")


# ---------------------------------------------------------------- N703 五个方面

OVERVIEW_TOPICS: tuple[tuple[str, str, str], ...] = (
    ("主动公开", "proactive disclosure", r"主动公开"),
    ("依申请公开", "disclosure on application", r"申请公开|公开申请|依申请|信息公开申请"),
    ("政府信息管理", "information management", r"信息管理|规范性文件|保密审查|公开目录|信息发布审核"),
    ("政府信息公开平台建设", "disclosure platforms", r"平台|网站|专栏|新媒体|公众号|公开栏|公告栏|政府公报"),
    ("监督保障", "supervision and safeguards", r"监督|保障|考核|培训|问责|责任追究|评议"),
)


@rule(code="N703", name="overview-topics-missing", category="content", severity="info",
      title=("第一部分未覆盖总体情况的五个方面", "Section I leaves out some of its five topics"),
      checks=("第一部分“总体情况”应综述主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障五个方面。"
              "措辞可变：依申请公开接受“依法申请公开”“信息公开申请”，平台建设接受“网站”“专栏”“新媒体”等，"
              "监督保障接受“监督”“考核”“培训”等。",
              "Section I should survey five topics: proactive disclosure, disclosure on application, information "
              "management, platforms and supervision. Wording variants are accepted (网站/专栏/新媒体 for "
              "platforms, 监督/考核/培训 for supervision …)."),
      rationale=("格式通知要求总体情况对贯彻落实条例的情况进行综述，五个方面缺一项即不全面。",
                 "The format notice asks section I to survey the five topics; leaving one out makes it incomplete."),
      legal_basis=("国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作年度报告格式》一、（一）总体情况",
                   "Format notice 国办公开办函〔2021〕30号, part 1 (1) 总体情况"),
      example_fail="一、总体情况\n本年度主动公开政府信息31条。",
      example_pass="一、总体情况\n（一）主动公开…（二）依申请公开…（三）政府信息管理…（四）平台建设…（五）监督保障…",
      fix=("在第一部分补写所缺方面的内容（主动公开、依申请公开、政府信息管理、平台建设、监督保障），"
           "各写一段本年度的做法和数据。",
           "Add the missing topics to section 一 (proactive disclosure, applications, information management, "
           "platforms, oversight), a paragraph each on this year's work."))
def overview_topics_missing(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    overview = section_text(report, "overview")
    if not overview:
        return
    missing = [(zh, en) for zh, en, pattern in OVERVIEW_TOPICS if not re.search(pattern, overview)]
    if missing:
        yield Finding("N703", Message(
            "第一部分未涉及：" + "、".join(zh for zh, _ in missing),
            "section I does not cover: " + ", ".join(en for _, en in missing)),
            "/sections/overview", expected=[zh for zh, _, _ in OVERVIEW_TOPICS],
            actual=[zh for zh, _, p in OVERVIEW_TOPICS if re.search(p, overview)],
            details={"missing": [zh for zh, _ in missing]})


# ---------------------------------------------------------------- N704 空白数字

_UNIT = r"(?:人次|万元|件|条|篇|次|个|期|起|元)"
_AFTER = r"(?=[,，。.;；:：!！?？\s)）]|其中|$)"
_BLANKS = (
    # a gap where the number was: 主动公开信息  条, 共收到申请__件
    re.compile(r"(?:共|计|累计|合计|总计|达|为|公开|发布|收到|受理|办结|结转|新收|信息|申请|办理|处理|答复|解读)"
               rf"[ \t_]+{_UNIT}{_AFTER}"),
    # no gap at all: 共收到申请件, 合计件
    re.compile(r"(?:共计|共|合计|累计|总计)(?:收到|受理|办理|公开|发布|办结|新收)?"
               rf"(?:政府信息公开|信息公开|政府信息|依申请公开)?(?:申请|信息)?(?:件|条){_AFTER}"),
    re.compile(r"(?:主动公开|公开|发布|收到|受理|新收)(?:政府信息公开申请|政府信息|信息|申请)(?:件|条)"
               rf"{_AFTER}"),
)


@rule(code="N704", name="prose-number-blank", category="content", severity="error",
      title=("正文中的数字空缺", "A number is blank in the prose"),
      checks=("正文中计数词与单位之间缺少数字，如“主动公开信息  条”“共收到申请件”“累计__件”。"
              "只在单位后紧跟标点、空白或句末时判断，避免把“申请件数”“公开条例”等词当作空缺。"
              "归入内容类：问题是正文本身不完整，而非与表格矛盾。",
              "A counting word and its unit with no number between them (主动公开信息  条, 共收到申请件). "
              "Only flagged when the unit is followed by punctuation, space or the end, so words such as "
              "申请件数 or 公开条例 are not taken for blanks. Category content: the prose itself is "
              "incomplete (not a contradiction with a table)."),
      rationale=("模板中待填的数字没有填写，说明报告未经核对即发布，属“发布内容不准确不全面”。",
                 "A template number left unfilled shows the report was published without checking: "
                 "inaccurate, incomplete content."),
      legal_basis=("国办公开办函〔2021〕30号 二、（四）“发布内容不准确不全面”；"
                   "《中华人民共和国政府信息公开条例》第五十条",
                   "Format notice 国办公开办函〔2021〕30号 2 (4) (inaccurate or incomplete content); Regulations art. "
                   "50"),
      example_fail="2020 年主动公开信息  条。",
      example_pass="2020 年主动公开信息 35 条。",
      fix=("在空缺处填上实际数字（没有的写 0），如“主动公开信息 125 条”。",
           "Fill in the missing number (0 when there is none), e.g. “主动公开信息 125 条”."))
def prose_number_blank(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    for sid, text in prose(report, squeeze=False):
        taken: list[tuple[int, int]] = []
        for pattern in _BLANKS:
            for m in pattern.finditer(text):
                if any(m.start() < end and start < m.end() for start, end in taken):
                    continue
                taken.append(m.span())
                # quote from the start of the sentence, at most 20 characters back
                start = max(m.start() - 20, *(text.rfind(c, 0, m.start()) + 1 for c in "\n。；;！!？?"))
                context = text[max(start, 0):m.end()].strip()
                where, where_en = section_label(sid)
                yield Finding("N704", Message(
                    f"{where}“{excerpt(context, 40)}”缺少数字",
                    f"{where_en}: “{excerpt(context, 40)}” has no number"),
                    pointer_for(sid), span=locate(report, context))


# ---------------------------------------------------------------- N705 不提机关名称


def _abbreviation(organ: str) -> re.Pattern[str] | None:
    """市场监督管理局 → 市场…局 (市场监管局): departments are usually named by abbreviation."""
    _, rest = split_name(organ)
    rest = re.sub(r"[（(][^）)]*[）)]|\s", "", rest)
    if len(rest) < 4 or re.match(r"(?:人民)?政府", rest):
        return None
    return re.compile(re.escape(rest[:2]) + r"[^，。,;；]{0,3}" + re.escape(rest[-1]))


@rule(code="N705", name="overview-organ-unnamed", category="content", severity="info",
      title=("第一部分从未提及本机关名称", "Section I never names the organ"),
      checks=("第一部分“总体情况”中找不到本机关的名称或其简称：全称、去掉上级地名的部门名及其常见简称"
              "（“市场监督管理局”写作“市场监管局”）、最低一级地名及其不带“镇/乡/县”等字的简称（“濉溪镇”“濉溪”）；"
              "乡镇、街道的报告通篇以“我镇”“本镇”“我街道”自称（至少两次，且不称“各乡镇”）也算提及。"
              "部门只用“我局”而不提名称的总体情况，常是套用模板的迹象。机关名称未知时不检查。",
              "Section I contains neither the organ's name nor a short form of it: the full name, the department "
              "part or its usual abbreviation (市场监管局 for 市场监督管理局), the lowest place name with or without "
              "its 镇/乡/县 marker (濉溪镇, 濉溪); a township or street report that calls itself 我镇/本镇/我街道 "
              "(at least twice, never 各乡镇) names itself too. A department overview that only says 我局 is "
              "often template text. "
              "Skipped when the organ is unknown."),
      rationale=("格式通知将“内容雷同、敷衍塞责”列为追责情形；不提及本机关的总体情况往往可以原样套用到任何机关。",
                 "The notice names copy-paste and perfunctory reports as grounds for accountability; an overview "
                 "that never names its organ usually fits any organ."),
      legal_basis=("国办公开办函〔2021〕30号 二、（四）“内容雷同、敷衍塞责”",
                   "Format notice 国办公开办函〔2021〕30号 2 (4) (identical or perfunctory content)"),
      example_fail="一、总体情况\n2021年，我局高度重视政府信息公开工作……",
      example_pass="一、总体情况\n2021年，濉溪镇高度重视政府信息公开工作……",
      fix=("在第一部分写明本机关名称（全称或通用简称），如“2021年，建宁县濉溪镇人民政府……”，"
           "并核对内容是否确为本机关的情况。",
           "Name the organ in section 一 (full or usual short name), e.g. “2021年，建宁县濉溪镇人民政府……”, and check "
           "the text really describes this organ."))
def overview_organ_unnamed(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    organ = report.meta.get("organ")
    overview = section_text(report, "overview")
    if not overview or not isinstance(organ, str):
        return
    names = short_names(organ)
    if not names or any(squeeze_cjk_spaces(fold_width(n)) in overview for n in names):
        return
    abbreviation = _abbreviation(organ)
    if abbreviation and abbreviation.search(overview):
        return
    if speaks_as_township(overview, organ):
        return
    yield Finding("N705", Message(
        f"第一部分未提及本机关名称（{organ}）",
        f"section I never names the organ ({organ})"),
        "/sections/overview", details={"names": names})
