"""Structure of the report (category section, S104+): order and uniqueness of the six sections,
heading wording, the format layout against the reporting year, pre-2019 reports, the intro's
list of parts, and the title.

Presence of sections and tables is the schema rule's (S101–S103). Headings come from
`Report.headings` (document order; for YAML/JSON the keys of `sections` in file order).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterator

from xxgk_lint import spec
from xxgk_lint.model import Finding, Heading, Message, Report
from xxgk_lint.normalize import CN_COUNT_NUMERALS, CN_NUMERALS, label_key, number_value
from xxgk_lint.prose import line_span
from xxgk_lint.rule_api import RuleContext, rule
from xxgk_lint.scope import old_structure, pre_2019_code

_FORMAT_LEGAL = ("《中华人民共和国政府信息公开条例》第五十条；"
                 "国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作年度报告格式》",
                 "Regulations on Open Government Information art. 50; format notice 国办公开办函〔2021〕30号")


def _section_pointer(section_id: str) -> str:
    return spec.join_pointer("sections", section_id)


def _section_name(section_id: str) -> tuple[str, str]:
    s = spec.SECTION_BY_ID[section_id]
    return f"第{s.numeral}部分（{s.heading}）", f"section {s.numeral} ({s.en})"


# ---------------------------------------------------------------- order and duplicates


def _first_occurrences(headings: list[Heading]) -> list[Heading]:
    seen: set[str] = set()
    out = []
    for h in headings:
        if h.section_id in spec.SECTION_BY_ID and h.section_id not in seen:
            seen.add(h.section_id)
            out.append(h)
    return out


def _in_order(indexes: list[int]) -> set[int]:
    """Positions forming the longest increasing run of section numbers (kept as 'in order')."""
    best: list[list[int]] = []          # best[i]: longest increasing chain ending at position i
    for i, value in enumerate(indexes):
        chain = max((best[j] for j in range(i) if indexes[j] < value), key=len, default=[])
        best.append(chain + [i])
    longest: list[int] = max(best, key=len) if best else []
    return set(longest)


@rule(code="S104", name="section-order", category="section", severity="error",
      title=("部分顺序错误", "Sections out of order"),
      checks=("六个部分须按一至六的顺序出现。保持最长的有序序列不动，报告其余每个位置不对的部分，"
              "并指出它出现在哪一部分之后。",
              "The six sections must appear in the order 一 to 六. The longest ordered run is taken as "
              "correct; every other section is reported with the section it follows."),
      rationale=("统一格式规定了各部分的顺序；顺序错乱使读者和汇总工具无法按格式查找内容。",
                 "The uniform format fixes the order of the parts; a shuffled report cannot be read or "
                 "compiled against the format."),
      legal_basis=_FORMAT_LEGAL,
      example_fail="一、总体情况 / 二、… / 三、… / 五、存在的主要问题及改进情况 / 四、政府信息公开行政复议、"
                   "行政诉讼情况 / 六、…",
      example_pass="一、总体情况 / 二、… / 三、… / 四、… / 五、… / 六、…",
      fix=("把该部分连同其内容移到正确的位置，使六个部分按一至六的顺序排列。",
           "Move the section with its content so that the six sections run in order 一 to 六."))
def section_order(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    firsts = _first_occurrences(report.headings)
    order = [spec.SECTIONS.index(spec.SECTION_BY_ID[h.section_id]) for h in firsts]
    keep = _in_order(order)
    for pos, heading in enumerate(firsts):
        if pos in keep:
            continue
        this_zh, this_en = _section_name(heading.section_id)
        # name the nearest neighbour it is wrongly placed against: an earlier higher section,
        # or (when it comes first) a later lower one
        before = next((firsts[j] for j in range(pos - 1, -1, -1) if order[j] > order[pos]), None)
        if before is not None:
            other_zh, other_en = _section_name(before.section_id)
            where_zh, where_en = f"出现在{other_zh}之后", f"comes after {other_en}"
        else:
            after = next(firsts[j] for j in range(pos + 1, len(firsts)) if order[j] < order[pos])
            other_zh, other_en = _section_name(after.section_id)
            where_zh, where_en = f"出现在{other_zh}之前", f"comes before {other_en}"
        yield Finding("S104", Message(
            f"{this_zh}{where_zh}；各部分应按一至六的顺序排列",
            f"{this_en} {where_en}; the sections must be in the order 一 to 六"),
            _section_pointer(heading.section_id), span=heading.span,
            expected=[s.numeral for s in spec.SECTIONS],
            actual=[spec.SECTION_BY_ID[h.section_id].numeral for h in firsts])


@rule(code="S105", name="section-duplicate", category="section", severity="error",
      title=("同一部分出现多次", "Section present more than once"),
      checks=("同一部分（一至六）的标题出现两次或以上；第二次及以后的每次出现各报告一次。",
              "The heading of one section (一 to 六) appears more than once; each repeat is reported."),
      rationale=("重复的部分通常是复制粘贴或合并文档的残留，读者无法判断以哪一处为准。",
                 "A repeated section is usually left over from copy-paste or merged drafts; the reader "
                 "cannot tell which one counts."),
      legal_basis=_FORMAT_LEGAL,
      example_fail="五、存在的主要问题及改进情况 … 五、存在的主要问题及改进情况",
      example_pass="每个部分标题只出现一次",
      fix=("合并重复的部分：把两处内容并到一个标题下，删去多余的标题。",
           "Merge the repeated section: put both contents under one heading and delete the other heading."))
def section_duplicate(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    first: dict[str, Heading] = {}
    for heading in report.headings:
        if heading.section_id not in spec.SECTION_BY_ID:
            continue
        if heading.section_id not in first:
            first[heading.section_id] = heading
            continue
        zh, en = _section_name(heading.section_id)
        where = first[heading.section_id].span
        at_zh = f"（首次出现于 {where.describe('zh')}）" if where and where.describe("zh") else ""
        at_en = f" (first at {where.describe('en')})" if where and where.describe("en") else ""
        yield Finding("S105", Message(f"{zh}重复出现{at_zh}", f"{en} appears again{at_en}"),
                      _section_pointer(heading.section_id), span=heading.span, actual=heading.text)


# ---------------------------------------------------------------- heading wording

_NUMBER_PREFIX = re.compile(rf"^\s*[(（]?[{CN_NUMERALS}]+\s*[)）]?\s*[、.．,，:：]?\s*")
_YEAR_PREFIX = re.compile(r"^(?:19|20)\d{2}年度?")


def heading_key(text: str) -> str:
    """The wording of a heading for comparison: no numeral, punctuation, spaces or year prefix."""
    return _YEAR_PREFIX.sub("", label_key(_NUMBER_PREFIX.sub("", text)))


@rule(code="S106", name="heading-nonstandard", category="section", severity="warning",
      title=("部分标题不是规范标题", "Section heading is not the official wording"),
      checks=("部分标题与统一格式的规范标题措辞不同（如“五、存在问题和改进情况”）。已知的常见变体会注明。"
              "仅标点、空格、繁简体或全半角不同的不报告；结构化输入（YAML/JSON）没有印刷标题，不检查。",
              "A section heading is worded differently from the official one (e.g. 五、存在问题和改进情况); "
              "known variants are marked as such. Differences only in punctuation, spaces, traditional "
              "characters or width are not reported; structured input (YAML/JSON) has no printed headings."),
      rationale=("统一格式的标题便于公众查找和上级汇总；变体标题虽能识别，但不符合格式要求。",
                 "Official headings let the public and the supervising office find each part; a variant "
                 "is recognisable but does not follow the format."),
      legal_basis=_FORMAT_LEGAL,
      example_fail="五、存在问题和改进情况",
      example_pass="五、存在的主要问题及改进情况",
      fix=("把部分标题改为统一格式的规范标题（见提示），如“五、存在的主要问题及改进情况”。",
           "Use the official heading shown in the message, e.g. “五、存在的主要问题及改进情况”."))
def heading_nonstandard(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    if not report.printed:
        return      # a stated report (YAML/JSON) has no printed headings
    for heading in report.headings:
        section = spec.SECTION_BY_ID.get(heading.section_id)
        if section is None or heading.exact:
            continue
        key = heading_key(heading.text)
        if key == heading_key(section.heading):
            continue
        known = key in {heading_key(v) for v in section.variants}
        note_zh = "（常见变体）" if known else ""
        note_en = " (a known variant)" if known else ""
        printed = heading.text.strip()
        yield Finding("S106", Message(
            f"第{section.numeral}部分标题“{printed}”不是规范标题{note_zh}，应为“{section.full_heading}”",
            f"heading of section {section.numeral} '{printed}' is not the official wording{note_en}; "
            f"expected '{section.full_heading}'"),
            _section_pointer(section.id), span=heading.span,
            expected=section.full_heading, actual=printed, details={"known_variant": known})


# ---------------------------------------------------------------- format vs year


def _evidence(report: Report, version: str) -> tuple[list[str], str, str]:
    """What decided the layout, readable: printed labels from documents; for structured input
    the pointers of layout-specific cells, described, or the declared format_version."""
    shown = []
    for item in dict.fromkeys(report.layout_evidence):
        if item == "/format_version":
            shown.append(f"format_version: \"{version}\"")
        elif item.startswith("/"):
            place = spec.describe(item, version)
            shown.append(" ".join(p for p in (place.block, place.row, place.column) if p) or item)
        else:
            shown.append(item)
    shown = list(dict.fromkeys(shown))
    if not shown:
        return shown, "", ""
    head, more = shown[:4], len(shown) - 4
    zh = "（依据：" + "、".join(f"“{e}”" for e in head) + (f"等 {len(shown)} 处" if more > 0 else "") + "）"
    en = " (evidence: " + ", ".join(head) + (f" and {more} more" if more > 0 else "") + ")"
    return shown, zh, en


@rule(code="S107", name="format-outdated", category="section", severity="error",
      title=("使用了过时的2019年试行格式", "Outdated 2019 trial format used"),
      checks=("报告年度为2021年或以后，但表二采用2019年试行格式（国办公开办函〔2019〕60号）的栏目"
              "（本年新制作数量、其他对外管理服务事项、政府集中采购等）。消息列出判定所依据的栏目。",
              "The reporting year is 2021 or later but table 2 follows the 2019 trial format "
              "(国办公开办函〔2019〕60号: 本年新制作数量, 其他对外管理服务事项, 政府集中采购 …). "
              "The message lists the labels that decided it."),
      rationale=("2021年度起须使用国办公开办函〔2021〕30号印发的格式；沿用旧表格说明报告是套用旧模板编制的。",
                 "From reporting year 2021 the format of 国办公开办函〔2021〕30号 is mandatory; old tables show "
                 "the report was filled into an old template."),
      legal_basis=("国办公开办函〔2021〕30号（2021年9月26日）："
                   "印发修订后的《中华人民共和国政府信息公开工作年度报告格式》",
                   "国办公开办函〔2021〕30号 (2021-09-26) issuing the revised report format"),
      example_fail="2022年度报告的表二：第二十条第（一）项 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量",
      example_pass="2022年度报告的表二：第二十条第（一）项 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数",
      fix=("2021年度及以后的报告须改用国办公开办函〔2021〕30号格式的表二（本年制发件数、本年废止件数、"
           "现行有效件数等栏目）。",
           "Reports for 2021 and later must use the 2021 table 二 (本年制发件数, 本年废止件数, 现行有效件数 …)."))
def format_outdated(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    year = report.year
    if year is None or report.format_version != "2019" or spec.format_version_for_year(year) != "2021":
        return
    evidence, found_zh, found_en = _evidence(report, "2019")
    yield Finding("S107", Message(
        f"使用了过时的2019年试行格式：报告年度为{year}年，应使用国办公开办函〔2021〕30号印发的格式，"
        f"但表二采用了国办公开办函〔2019〕60号的试行格式{found_zh}",
        f"outdated 2019 trial format: the reporting year is {year}, which requires the format of "
        f"国办公开办函〔2021〕30号, but table 2 follows the trial format of 国办公开办函〔2019〕60号{found_en}"),
        spec.join_pointer("tables", "proactive"), expected="2021", actual="2019",
        details={"evidence": evidence})


@rule(code="S108", name="format-year-mismatch", category="section", severity="error",
      title=("2019、2020年度报告使用了2021年格式（年度可能有误）",
             "2021 format in a 2019/2020 report (the year is probably wrong)"),
      checks=("报告年度为2019或2020年，但表二采用2021年起施行的格式（本年制发件数、本年收费金额等）。"
              "该格式于2021年9月印发，2019、2020年度报告不可能使用，通常是报告年度写错。",
              "The reporting year is 2019 or 2020 but table 2 follows the 2021 format (本年制发件数, "
              "本年收费金额 …), issued in September 2021: the year is probably wrong."),
      rationale=("报告年度决定适用的格式、期限和统计期限；年度写错会使整份报告的核查依据出错。",
                 "The reporting year decides the format, deadline and statistics period; a wrong year "
                 "misdirects every other check."),
      legal_basis=("国办公开办函〔2021〕30号（2021年9月26日成文）；国办公开办函〔2019〕60号（2019、2020年度适用）",
                   "国办公开办函〔2021〕30号 (dated 2021-09-26); 国办公开办函〔2019〕60号 (years 2019 and 2020)"),
      example_fail="标题“XX镇人民政府2020年政府信息公开工作年度报告”，表二栏目："
                   "本年制发件数｜本年废止件数｜现行有效件数",
      example_pass="标题“XX镇人民政府2021年政府信息公开工作年度报告”，表二栏目："
                   "本年制发件数｜本年废止件数｜现行有效件数",
      fix=("核对报告年度：若年度写错，改正标题和统计期限中的年份；若确为2019、2020年度报告，改用试行格式的表二。",
           "Check the reporting year: correct it in the title and period if wrong; if the report really is for "
           "2019/2020, use the trial-format table 二."))
def format_year_mismatch(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    year = report.year
    if year is None or report.format_version != "2021" or spec.format_version_for_year(year) != "2019":
        return
    evidence, found_zh, found_en = _evidence(report, "2021")
    yield Finding("S108", Message(
        f"报告年度为{year}年，但表二采用了2021年9月才印发的格式{found_zh}；"
        f"{year}年度报告应使用2019年试行格式，报告年度可能有误",
        f"the reporting year is {year}, but table 2 follows the format issued in September 2021"
        f"{found_en}; a {year} report uses the 2019 trial format, so the year is probably wrong"),
        spec.join_pointer("meta", "year"), expected="2019", actual="2021",
        details={"evidence": evidence})


# ---------------------------------------------------------------- pre-2019 reports

@rule(code="S109", name="pre-2019-report", category="section", severity="info",
      title=("2019年以前格式的报告，不在检查范围内", "Pre-2019 report, out of scope"),
      checks=("报告年度早于2019年，或年度不明且采用2008年版《条例》的旧结构（“收费及减免情况”、“七、其他需要报告的事项”"
              "）。这类报告不按2019/2021年格式检查：引擎只报告本条（及输入类问题），跳过其他规则。文档（非 YAML/JSON）"
              "标题中的年份早于2019年、而统计期限在2019年以后时，视为年份写错，照常检查全部规则。",
              "The reporting year is before 2019, or unknown with the structure of the 2008 regulation "
              "(收费及减免情况, 七、其他需要报告的事项). Such reports are not checked against the 2019/2021 "
              "formats: the engine reports this finding (and input findings) only and skips other rules. "
              "A document (not YAML/JSON) whose title year is before 2019 but whose statistics period is in "
              "2019 or later has a mistyped year: every rule runs as usual."),
      rationale=("2019年修订的《条例》自2019年5月15日起施行，此前年度的报告依旧法编制，用新格式衡量会产生大量误报。",
                 "The revised Regulations apply from 2019-05-15; earlier reports followed the old law and "
                 "would produce only false findings against the new format."),
      legal_basis=("《中华人民共和国政府信息公开条例》（2019年修订，国务院令第711号）；2008年版《条例》第三十一条、"
                   "第三十二条",
                   "Regulations (2019 revision, State Council Decree 711); 2008 Regulations arts. 31–32"),
      example_fail="XX县人民政府2018年政府信息公开工作年度报告",
      example_pass="XX县人民政府2021年政府信息公开工作年度报告",
      fix=("该报告不在本工具检查范围内（2019年以前的格式），无需按本工具修改；若年度有误，改正标题和统计期限中的年份。",
           "The report is outside the tool's scope (pre-2019 format); nothing to change for this tool unless the year "
           "is wrong."))
def pre_2019_report(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    year = report.year
    if year is not None:
        if year < 2019 and pre_2019_code(report) == "S109":     # not a mistyped title year
            yield Finding("S109", Message(
                f"报告年度为{year}年，按2008年版《条例》的旧格式编制，不在本工具检查范围内，未按2019/2021年格式检查",
                f"the reporting year is {year}: the report follows the pre-2019 format of the 2008 "
                f"regulation and is not checked against the 2019/2021 rules"),
                spec.join_pointer("meta", "year"), actual=year, details={"out_of_scope": True})
        return
    old = old_structure(report)
    if old is not None:
        marker, span = old
        yield Finding("S109", Message(
            f"报告采用2008年版《条例》的旧结构（“{marker}”），年度不明，不在本工具检查范围内，未按2019/2021年格式检查",
            f"the report has the pre-2019 structure of the 2008 regulation ('{marker}') and no year: it "
            f"is not checked against the 2019/2021 rules"),
            span=span, actual=marker, details={"out_of_scope": True})


@rule(code="S110", name="pre-2019-structure", category="section", severity="error",
      title=("2019年及以后的报告采用了2008年的旧结构", "Report of 2019 or later in the pre-2019 structure"),
      checks=("报告年度为2019年或以后，却没有统一格式的表格，而是2008年版《条例》的旧结构"
              "（如“四、政府信息公开的收费及减免情况”、“七、其他需要报告的事项”）。"
              "引擎只报告本条（及输入类问题），不再逐项报告缺少的部分和表格。",
              "The reporting year is 2019 or later, yet instead of the uniform tables the report has the "
              "structure of the 2008 regulation (e.g. 四、政府信息公开的收费及减免情况, 七、其他需要报告的事项). "
              "The engine reports this finding (and input findings) only, not every missing section and table."),
      rationale=("2019年度起须按国办公开办函〔2019〕60号、2021年度起按〔2021〕30号的统一格式编制，"
                 "旧结构缺少法定的统计表。",
                 "From 2019 the uniform format is mandatory; the old structure lacks the statutory tables."),
      legal_basis=_FORMAT_LEGAL,
      example_fail="2020年度报告：一、概述 … 四、政府信息公开的收费及减免情况 … 七、其他需要报告的事项",
      example_pass="2020年度报告：一、总体情况 … 六、其他需要报告的事项，含表二至表四",
      fix=("按国办公开办函〔2021〕30号统一格式重新编写报告：六个部分和表二、表三、表四（可从格式通知复制模板）。",
           "Rewrite the report in the uniform format: the six sections and tables 二, 三 and 四 (copy the template of "
           "the format notice)."))
def pre_2019_structure(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    year = report.year
    if year is None or year < 2019:
        return
    old = old_structure(report)
    if old is None:
        return
    marker, span = old
    yield Finding("S110", Message(
        f"报告年度为{year}年，但采用了2008年版《条例》的旧结构（“{marker}”），没有统一格式的统计表",
        f"the reporting year is {year}, but the report has the pre-2019 structure ('{marker}') "
        f"instead of the uniform tables"),
        span=span, actual=marker)


# ---------------------------------------------------------------- the intro's list of parts

_LIST_WITH_COUNT = re.compile(
    r"(?:由|包括|包含|分为|分成)(?P<list>[^。；;\n]{4,240}?)(?:等|共)?(?P<n>[" + CN_COUNT_NUMERALS + r"\d]{1,2})"
    r"(?:个|大)?部分")
_LIST_NO_COUNT = re.compile(r"由(?P<list>[^。；;\n]{4,240}?)(?:等)?(?:组成|构成)")
# 主要从总体情况、…及其他需要报告的事项等六个方面汇报 (2023_xjnlk-zhen): the parts called 方面. 方面 is
# also the everyday word for areas of work (从三个方面加强…), so only a listing with a count that is
# followed by a reporting verb counts, and it must name three sections (_MIN_ASPECT_SECTIONS).
# The list may not contain another 从/就/围绕: it starts at the one closest to the count, not at
# an earlier 从 of the same sentence (现从实际出发，从总体情况…).
_ASPECTS_WITH_COUNT = re.compile(
    r"(?:从|就|围绕)(?P<list>(?:(?!从|就|围绕)[^。；;\n]){4,240}?)(?:等|共)?"
    r"(?P<n>[" + CN_COUNT_NUMERALS + r"\d]{1,2})(?:个|大)?方面"
    r"[^。；;\n,，、]{0,30}?(?:汇报|报告|说明|介绍|阐述)")
# The overview's own sub-items (主动公开、依申请公开、政府信息管理、平台建设、监督保障) are also
# listed as 方面 and share two names with the parts; a list of the report's parts names more.
_MIN_ASPECT_SECTIONS = 3
_CONNECTOR = re.compile(r"(?:以及|和|及|与)(?=(?:其他需要报告|存在|政府信息公开行政复议|收到和处理|主动公开|总体情况))")
_PART_KEYS = (
    ("overview", re.compile(r"总体情况|概述|概况")),
    ("proactive", re.compile(r"主动公开")),
    ("applications", re.compile(r"收到和处理|依申请公开|申请情况")),
    ("reviews", re.compile(r"行政复议|行政诉讼")),
    ("problems", re.compile(r"问题")),
    ("other", re.compile(r"其他需要报告|其他事项")),
    ("old", re.compile(r"收费(?:及|和|、)?减免")),
)
# 2008-era part names: 一、概述 and 四、…收费及减免情况.
_OLD_NAMES = re.compile(r"概述|收费(?:及|和|、)?减免")


def parse_parts(listing: str) -> list[tuple[str | None, str]]:
    """The parts an intro lists, as (section id, 'old' or None for an unknown name; text)."""
    listing = _CONNECTOR.sub("、", listing)
    segments = [s.strip() for s in re.split(r"[、,，]", listing)]
    merged: list[str] = []
    for seg in segments:
        # 政府信息公开行政复议、行政诉讼情况 is one part although it contains 、
        if merged and "诉讼" in seg and "复议" not in seg and "复议" in merged[-1] and "诉讼" not in merged[-1]:
            merged[-1] += "、" + seg
        elif seg:
            merged.append(seg)
    parts: list[tuple[str | None, str]] = []
    for seg in merged:
        hits = sorted((m.start(), sid) for sid, rx in _PART_KEYS for m in rx.finditer(seg))
        ids: list[str] = []
        for _, sid in hits:
            if not ids or ids[-1] != sid:
                ids.append(sid)
        # several ids: names run together without a separator (总体情况主动公开政府信息情况)
        parts += [(sid, seg) for sid in ids] if ids else [(None, seg)]
    return parts


def _intro_listing(text: str) -> tuple[re.Match, list[tuple[str | None, str]], bool] | None:
    """The first sentence that lists the report's parts: (match, parts, named as 方面)."""
    for pattern, min_sections in ((_LIST_WITH_COUNT, 2), (_LIST_NO_COUNT, 2),
                                  (_ASPECTS_WITH_COUNT, _MIN_ASPECT_SECTIONS)):
        for match in pattern.finditer(text):
            parts = parse_parts(match.group("list"))
            if len({sid for sid, _ in parts if sid in spec.SECTION_BY_ID}) >= min_sections:
                return match, parts, pattern is _ASPECTS_WITH_COUNT
    return None


@rule(code="S111", name="intro-parts-mismatch", category="section", severity="warning",
      title=("引言所列组成部分与正文不符", "The intro's list of parts contradicts the report"),
      checks=("引言“本报告由……等N部分组成”或“从……等N个方面汇报（报告、说明）”：所称部分数与列出的部分数不同；"
              "列出了2008年旧格式的部分名称（概述、收费及减免情况）或无法识别的名称；或正文中的某一部分未在列表中。"
              "列表须至少列出两个部分的名称；以“方面”相称的须列出至少三个部分的名称且后接汇报、报告等词，"
              "以免把“从主动公开、依申请公开等方面加强……”这类工作方面的说法当作部分列表。"
              "列表中有而正文缺少的部分由 S101 报告，这里不重复。",
              "The intro's 'this report consists of … N parts' or 'reports on … in N aspects (方面)': the count "
              "differs from the parts listed; it lists 2008-era parts (概述, 收费及减免情况) or names no section; "
              "or a section of the body is not in the list. The list must name at least two sections; one that "
              "calls them 方面 must name at least three and be followed by a reporting verb (汇报, 报告, 说明…), "
              "so that sentences about areas of work (从主动公开、依申请公开等方面加强…) are not taken for it. "
              "Listed sections missing from the body are S101's, not repeated here."),
      rationale=("引言是读者了解报告结构的第一处；与正文矛盾说明套用了旧模板或未随正文修改。",
                 "The intro is where a reader learns the structure; a contradiction shows an old template or "
                 "an intro not updated with the body."),
      legal_basis=_FORMAT_LEGAL,
      example_fail="本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、存在的主要问题及改进情况、"
                   "其他需要报告的事项等六部分组成（只列五个部分，正文有第四部分）",
      example_pass="本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、"
                   "政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项等六部分组成",
      fix=("修改引言中“本报告由……等N部分组成”一句，使所列部分的名称和数量与正文一致。",
           "Edit the introduction's “本报告由……等N部分组成” so that the parts listed and their number match the body."))
def intro_parts_mismatch(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    text = unicodedata.normalize("NFKC", report.text or "")
    found = _intro_listing(text)
    if found is None:
        return      # no list of the report's parts
    match, parts, aspects = found
    listed = [sid for sid, _ in parts if sid in spec.SECTION_BY_ID]
    problems_zh, problems_en = [], []
    stated = match.groupdict().get("n")
    count = number_value(stated) if stated else None
    if count is not None and count != len(parts):
        if aspects:
            problems_zh.append(f"称分{match.group('n')}个方面，但列出了{len(parts)}个")
            problems_en.append(f"it says {count} aspects (parts) but lists {len(parts)}")
        else:
            problems_zh.append(f"称由{match.group('n')}部分组成，但列出了{len(parts)}个部分")
            problems_en.append(f"it says {count} parts but lists {len(parts)}")
    odd = list(dict.fromkeys(text_ for sid, text_ in parts
                             if sid is None or sid == "old" or _OLD_NAMES.search(text_)))
    if odd:
        problems_zh.append("“" + "”“".join(odd) + "”不是现行格式的部分名称")
        problems_en.append("not parts of the current format: " + ", ".join(odd))
    body = [h.section_id for h in _first_occurrences(report.headings)]
    unlisted = [sid for sid in body if sid not in listed]
    if unlisted:
        problems_zh.append("正文的" + "、".join(_section_name(s)[0] for s in unlisted) + "未列出")
        problems_en.append("not listed although in the report: " + ", ".join(_section_name(s)[1] for s in unlisted))
    if not problems_zh:
        return
    snippet = match.group(0)
    pointer = next((_section_pointer(sid) for sid, body_text in (report.data.get("sections") or {}).items()
                    if isinstance(body_text, str) and sid in spec.SECTION_BY_ID
                    and snippet[:12] in unicodedata.normalize("NFKC", body_text)), "")
    yield Finding("S111", Message(
        "引言所列组成部分与正文不符：" + "；".join(problems_zh),
        "the intro's list of parts contradicts the report: " + "; ".join(problems_en)),
        pointer, span=line_span(report, snippet),
        expected=[s.heading for s in spec.SECTIONS], actual=[t for _, t in parts],
        details={"count": count, "listed": [t for _, t in parts]})


# ---------------------------------------------------------------- title

_DOC_TYPE = "政府信息公开工作年度报告"
_STANDARD_TITLE = re.compile(rf"^(?P<pre>.*?)(?P<year>(?:19|20)\d{{2}})年度?(?P<post>.*?){_DOC_TYPE}$")
_LOOSE_TITLE = re.compile(r"^(?P<pre>.*?)(?:(?P<year>(?:19|20)\d{2})年度?)?(?P<post>.*?)"
                          r"(?:政府信息公开|政务公开|信息公开)")


def _title_key(title: str) -> str:
    text = unicodedata.normalize("NFKC", title)
    return re.sub(r"[\s《》〈〉“”\"'「」]", "", text)


def _standard_title(report: Report) -> str:
    organ = report.meta.get("organ")
    organ = organ if isinstance(organ, str) else "<机关名称>"
    year = report.year or "<年度>"
    return f"{organ}{year}年{_DOC_TYPE}"


def _title(report: Report) -> str | None:
    title = report.meta.get("title")
    return title if isinstance(title, str) and title.strip() else None


@rule(code="S112", name="title-nonstandard", category="section", severity="warning",
      title=("报告标题不是规范形式", "Title not in the standard form"),
      checks=("标题须为“<机关名称><年度>年政府信息公开工作年度报告”。报告“工作报告”“年度工作报告”“年报”等其他称谓，"
              "或标题中没有年度。“2021年度”与“2021年”均可，年度在机关名称之前也可接受。",
              "The title must read '<organ><year>年政府信息公开工作年度报告'. Reported: other names for the "
              "document (工作报告, 年度工作报告, 年报 …) or no year. '2021年度' is accepted for '2021年', and "
              "the year may come before the organ."),
      rationale=("规范标题便于检索和归档，也是报告属于哪一年度、哪一机关的第一处说明。",
                 "The standard title is how reports are found and filed, and the first statement of whose "
                 "report for which year it is."),
      legal_basis=("《中华人民共和国政府信息公开条例》第四十九条、第五十条（“政府信息公开工作年度报告”）",
                   "Regulations arts. 49–50 ('government information disclosure annual report')"),
      example_fail="浙江省教育厅2024年度政府信息公开工作报告",
      example_pass="浙江省教育厅2024年政府信息公开工作年度报告",
      fix=("把标题改为“<机关名称><年度>年政府信息公开工作年度报告”，"
           "如“建宁县濉溪镇人民政府2021年政府信息公开工作年度报告”。",
           "Title the report “<organ><year>年政府信息公开工作年度报告”, e.g. "
           "“建宁县濉溪镇人民政府2021年政府信息公开工作年度报告”."))
def title_nonstandard(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    title = _title(report)
    if title is None:
        return
    key = _title_key(title)
    if _STANDARD_TITLE.match(key):
        return
    problems_zh, problems_en = [], []
    if not key.endswith(_DOC_TYPE):
        problems_zh.append(f"文种应为“{_DOC_TYPE}”")
        problems_en.append(f"the document type must read '{_DOC_TYPE}'")
    if not re.search(r"(?:19|20)\d{2}年", key):
        problems_zh.append("缺少报告年度")
        problems_en.append("the reporting year is missing")
    yield Finding("S112", Message(
        f"标题“{title.strip()}”不是规范形式（{'，'.join(problems_zh)}），应为“{_standard_title(report)}”",
        f"title '{title.strip()}' is not in the standard form ({'; '.join(problems_en)}); "
        f"expected '{_standard_title(report)}'"),
        spec.join_pointer("meta", "title"), expected=_standard_title(report), actual=title.strip())


@rule(code="S113", name="title-organ-missing", category="section", severity="info",
      title=("报告标题中没有机关名称", "Title does not name the organ"),
      checks=("标题中除年度和文种外没有任何机关名称（如“2021年政府信息公开工作年度报告”）。",
              "The title has nothing besides the year and the document type (e.g. "
              "'2021年政府信息公开工作年度报告')."),
      rationale=("汇总发布时，没有机关名称的标题无法区分是哪个机关的报告。",
                 "When reports are published together, a title without the organ does not say whose it is."),
      legal_basis=("《中华人民共和国政府信息公开条例》第四十九条、第五十条",
                   "Regulations arts. 49–50"),
      example_fail="2021年政府信息公开工作年度报告",
      example_pass="五常市民意乡人民政府2021年政府信息公开工作年度报告",
      fix=("在标题中写上机关全称，如“建宁县濉溪镇人民政府2021年政府信息公开工作年度报告”。",
           "Put the organ's full name in the title, e.g. “建宁县濉溪镇人民政府2021年政府信息公开工作年度报告”."))
def title_organ_missing(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    title = _title(report)
    if title is None:
        return
    match = _LOOSE_TITLE.match(_title_key(title))
    if match is None or match.group("pre") or match.group("post"):
        return
    yield Finding("S113", Message(
        f"标题“{title.strip()}”中没有机关名称，应为“{_standard_title(report)}”",
        f"title '{title.strip()}' does not name the organ; expected '{_standard_title(report)}'"),
        spec.join_pointer("meta", "title"), expected=_standard_title(report), actual=title.strip())
