"""Dates and years, family D5xx.

Each rule's page is generated from its metadata below: `xxgk-lint rules` lists them,
`xxgk-lint explain CODE` shows one.

The reporting year is meta.year, else the first year of the title. A rule that needs it
stays silent when there is none (D501 reports that).
"""

from __future__ import annotations

import calendar
import re
from datetime import MAXYEAR, MINYEAR, date
from typing import Iterator

from xxgk_lint import spec
from xxgk_lint.dates import ParsedDate, make_date, parse_date
from xxgk_lint.model import Finding, Message, Report, Span
from xxgk_lint.normalize import CN_NUMERALS, fold_width, squeeze_cjk_spaces
from xxgk_lint.organ import level_of_report
from xxgk_lint.periods import Period, Unreadable, find_period
from xxgk_lint.prose import (excerpt, full_text, locate, pointer_for, prose, report_year, section_label,
                             sentences, year_in)
from xxgk_lint.rule_api import RuleContext, option, rule

_LEGAL_49 = ("《中华人民共和国政府信息公开条例》第四十九条", "Regulations on Open Government Information art. 49")
_PERIOD = "/meta/statistics_period"
_PERIOD_FORM = "YYYY年1月1日至YYYY年12月31日"
_REPORT_DATE = "/meta/report_date"


def _period_span(report: Report, period: Period | Unreadable) -> Span | None:
    if period.from_meta and report.span_for(_PERIOD):
        return None       # the engine resolves the pointer
    return locate(report, period.text)


# ---------------------------------------------------------------- D501 年度缺失

_REPORT_NAME = re.compile(r"((?:19|20)\d{2})\s*年度?\s*(?:政府信息公开|政务公开|信息公开)"
                          r"(?:工作)?(?:年度)?(?:工作)?(?:报告|年报)")


@rule(code="D501", name="year-missing", category="date", severity="error",
      title=("报告年度缺失", "Reporting year missing"),
      checks=("报告年度（元数据 year）、标题、统计期限、正文中的报告名称（“2021年政府信息公开工作年度报告”）"
              "和第一部分均找不到年份。",
              "No year in the metadata, the title, the statistics period, the report's name in the text "
              "(2021年政府信息公开工作年度报告) or section I."),
      rationale=("不写年度的报告无法判断适用的格式、期限和统计口径，也无法与上年报告对照。",
                 "Without a year nobody can tell which format, deadline and period apply, or compare the "
                 "report with last year's."),
      legal_basis=("《中华人民共和国政府信息公开条例》第四十九条、第五十条（报告“上一年度”工作）",
                   "Regulations arts. 49 and 50 (the report covers the previous year)"),
      example_fail="标题：濉溪镇人民政府政府信息公开工作年度报告（全文无年份）",
      example_pass="标题：濉溪镇人民政府2021年政府信息公开工作年度报告",
      fix=("在标题中写明报告年度，如“建宁县濉溪镇人民政府2021年政府信息公开工作年度报告”，并在引言写明统计期限。",
           "Put the reporting year in the title, e.g. “…2021年政府信息公开工作年度报告”, and state the statistics "
           "period in the introduction."))
def year_missing(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    if report_year(report) is not None:
        return
    period = find_period(report)
    if isinstance(period, Period) and (period.start.value or period.end.value):
        return
    text = full_text(report)
    if _REPORT_NAME.search(text):
        return
    overview = next((t for sid, t in prose(report) if sid == "overview"), "")
    if year_in(overview):
        return
    yield Finding("D501", Message(
        "未找到报告年度：元数据、标题、统计期限和正文均未写明年份",
        "no reporting year: neither the metadata, the title, the statistics period nor the text gives one"),
        "/meta/year")


# ---------------------------------------------------------------- D502–D504 统计期限

_PERIOD_BASIS = ("《中华人民共和国政府信息公开条例》第四十九条、第五十条；四川 DB51/T 2660—2019 §2.1"
                 "“年度报告统计时间段为上一年度1月1日至12月31日”",
                 "Regulations arts. 49–50; Sichuan DB51/T 2660—2019 §2.1 (the period is 1 January–31 December "
                 "of the previous year)")


@rule(code="D502", name="statistics-period-missing", category="date", severity="warning",
      title=("未写明统计期限", "Statistics period not stated"),
      checks=("元数据和正文均无统计期限（如“本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止”）。"
              "正文中带“统计期限/统计时间/数据时间段”等字样的句子，任何“某年1月1日至12月31日”，以及引言（第一部分之前）"
              "或说明本报告、所列数据涵盖范围的句子中的日期区间（“内容涵盖2019年1月1日至6月30日期间…”）均视为已写明，"
              "由 D503/D504 判断其是否正确；活动、公示或截止日期的区间（“于2021年3月1日至3月31日开展…”）"
              "和单独的“2021年度”不算。",
              "Neither the metadata nor the text states the statistics period. A sentence with 统计期限/统计时间/"
              "数据时间段…, any range 1月1日至12月31日, and a date range in the intro (before section I) or in a "
              "sentence on what the report or its data covers (内容涵盖2019年1月1日至6月30日期间…) count as a "
              "statement, which D503/D504 then judge; the range of an activity, a publication window or a "
              "deadline (于2021年3月1日至3月31日开展…) and 2021年度 alone do not."),
      rationale=("统计期限决定表格数据的口径；不写明则读者无法确认数据是否为完整自然年。",
                 "The period defines what the numbers cover; without it readers cannot tell whether they "
                 "cover the whole calendar year."),
      legal_basis=_PERIOD_BASIS,
      example_fail="（引言中无统计期限）",
      example_pass="本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。",
      fix=("在引言中加一句统计期限，如“本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。”",
           "Add the statistics period to the introduction, e.g. "
           "“本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。”"))
def statistics_period_missing(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    if find_period(report) is None:
        yield Finding("D502", Message(
            "未写明统计期限；应写明如“统计期限自YYYY年1月1日起至YYYY年12月31日止”",
            "no statistics period stated; state e.g. 统计期限自YYYY年1月1日起至YYYY年12月31日止"),
            _PERIOD)


@rule(code="D503", name="statistics-period-unparseable", category="date", severity="error",
      title=("统计期限无法解析或日期不存在", "Statistics period unreadable or impossible"),
      checks=("写明了统计期限，但读不出两个真实日期：常见于提取时丢失“年/月”字样（“202011日至20201231日”"
              "“2023 11日到1231日”“20231月1日起至202312月31日止”），或写了不存在的日期（2月30日）。",
              "A period is stated but does not read as two real dates: 年/月 lost in extraction "
              "(202011日至20201231日, 2023 11日到1231日) or an impossible date (2月30日)."),
      rationale=("读者看到的也是残缺的日期；发布前应核对原文并修正。",
                 "Readers see the same broken dates; the published text needs correcting."),
      legal_basis=_PERIOD_BASIS,
      example_fail="统计数据时间段:202011日至20201231日",
      example_pass="统计期限为2020年1月1日至2020年12月31日",
      fix=("把统计期限改为完整的日期，如“自2021年1月1日起至2021年12月31日止”（补上丢失的“年”“月”，改正不存在的日期）。",
           "Write the period as full dates, e.g. “自2021年1月1日起至2021年12月31日止” (restore a lost 年/月, correct "
           "an impossible date)."))
def statistics_period_unparseable(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    period = find_period(report)
    if isinstance(period, Unreadable):
        hint, hint_en = (("可能缺少“年”“月”字样", "年/月 may be missing") if period.lost_characters
                         else ("未写明起止日期", "no start and end dates"))
        yield Finding("D503", Message(
            f"统计期限无法解析：“{excerpt(period.text, 40)}”（{hint}）",
            f"statistics period cannot be parsed: “{excerpt(period.text, 40)}” ({hint_en})"),
            _PERIOD, span=_period_span(report, period), expected=_PERIOD_FORM, actual=period.text)
    elif isinstance(period, Period):
        for which, which_en, d in (("起始", "start", period.start), ("截止", "end", period.end)):
            if d.value is None:
                reason = "不存在" if d.problem == "impossible" else "无法解析"
                reason_en = "is not a real date" if d.problem == "impossible" else "cannot be parsed"
                yield Finding("D503", Message(
                    f"统计期限{which}日期{reason}：“{d.raw}”",
                    f"statistics period {which_en} date {reason_en}: “{d.raw}”"),
                    _PERIOD, span=_period_span(report, period), expected=_PERIOD_FORM, actual=d.raw)


@rule(code="D504", name="statistics-period-not-calendar-year", category="date", severity="error",
      title=("统计期限不是报告年度的1月1日至12月31日", "Statistics period is not 1 Jan–31 Dec of the reporting year"),
      checks=("统计期限必须恰为报告年度的1月1日至12月31日。“2021年度”“2021年1月至12月”“2021年1月1日至12月31日”"
              "均视为整年。报告年度未知时，只要求起止为同一年的1月1日和12月31日。",
              "The period must be exactly 1 January–31 December of the reporting year (2021年度, 2021年1月至12月 "
              "and 2021年1月1日至12月31日 count as the whole year). Without a reporting year, start and end must "
              "be 1 January and 31 December of one year."),
      rationale=("年度报告按自然年统计；期限错位说明数据口径有误或沿用了上年文本。",
                 "Annual reports count calendar years; a shifted period means wrong figures or text carried "
                 "over from last year."),
      legal_basis=_PERIOD_BASIS,
      example_fail="2021年度报告：统计期限自2020年1月1日起至2020年12月31日止",
      example_pass="2021年度报告：统计期限自2021年1月1日起至2021年12月31日止",
      fix=("把统计期限改为报告年度的1月1日至12月31日，如2021年度报告写“自2021年1月1日起至2021年12月31日止”。",
           "Make the period run from 1 January to 31 December of the reporting year."))
def statistics_period_not_calendar_year(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    period = find_period(report)
    if not isinstance(period, Period) or period.start.value is None or period.end.value is None:
        return
    start, end = period.start.value, period.end.value
    year = report_year(report) or start.year
    if not MINYEAR <= year <= MAXYEAR:     # a typo such as 20211: no calendar year to compare with
        return
    expected = (date(year, 1, 1), date(year, 12, 31))
    if (start, end) == expected:
        return
    yield Finding("D504", Message(
        f"统计期限应为 {expected[0].isoformat()} 至 {expected[1].isoformat()}（{year}年全年），"
        f"实为 {start.isoformat()} 至 {end.isoformat()}",
        f"statistics period should be {expected[0].isoformat()} – {expected[1].isoformat()} (calendar year "
        f"{year}), found {start.isoformat()} – {end.isoformat()}"),
        _PERIOD, span=_period_span(report, period),
        expected=[expected[0].isoformat(), expected[1].isoformat()],
        actual=[start.isoformat(), end.isoformat()])


# ---------------------------------------------------------------- D505–D507 报告日期

_LENIENT_DEADLINE = "03-31"
_LOCAL_DEFAULT = "01-31"


def deadline_for(level: str | None, year: int, configured: dict[str, str]) -> tuple[date, str]:
    """The deadline in the year after `year`, and where it comes from (for messages);
    `configured` maps organ levels to "MM-DD" (the rule's `deadlines` option)."""
    if level in configured:
        mmdd, source = configured[level], "config"
    elif level in spec.ORGAN_LEVEL_BY_ID:
        statutory = spec.ORGAN_LEVEL_BY_ID[level].deadline
        mmdd, source = (statutory, "statute") if statutory else (_LOCAL_DEFAULT, "local-default")
    else:
        mmdd, source = _LENIENT_DEADLINE, "level-unknown"
    month, day = int(mmdd[:2]), int(mmdd[3:])       # a day of the year: checked when the options load
    if (month, day) == (2, 29):
        day = 29 if calendar.isleap(year + 1) else 28
    return date(year + 1, month, day), source


def _report_date(report: Report) -> ParsedDate | None:
    value = report.meta.get("report_date")
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return parse_date(value)


_SOURCE_TEXT = {
    "statute": ("条例第四十九条", "art. 49 of the Regulations"),
    "config": ("配置的期限", "the configured deadline"),
    "local-default": ("条例未规定乡镇/街道期限，按常见地方规定", "the usual local rule (art. 49 sets none for "
                      "townships and sub-districts)"),
    "level-unknown": ("机关层级未知，按最宽松的法定期限", "organ level unknown: the most lenient statutory deadline"),
}


@rule(code="D505", name="report-date-deadline", category="date", severity="error",
      title=("报告日期晚于法定发布期限", "Report dated after the deadline"),
      checks=("报告日期（落款日期）不得晚于报告年度次年的期限：县级以上人民政府部门1月31日，"
              "县级以上地方人民政府3月31日（条例第四十九条）；乡镇、街道条例未规定，默认1月31日（常见地方规定）。"
              "机关层级取配置 organ-level、元数据 organ_level、机关名称，或报告正文一致的自称（我镇、我街道、我局，"
              "至少两处且无其他层级的自称）；仍未知时按最宽松的3月31日。",
              "The report date must not be later than the deadline in the year after the reporting year: "
              "departments 31 January, 县级以上地方人民政府 31 March (art. 49); townships and sub-districts "
              "default to 31 January (the usual local rule; art. 49 names none). The organ level comes from "
              "the organ-level setting, meta.organ_level, the organ's name, or the report's consistent references "
              "to itself (我镇, 我街道, 我局: at least two, none of another level); when unknown the most lenient "
              "deadline (31 March) is used."),
      rationale=("逾期发布是格式通知点名的问题（“不按时发布”），主管部门可依第四十七条追责。",
                 "Late publication is named by the notice (不按时发布) and can lead to accountability under art. 47."),
      legal_basis=("《中华人民共和国政府信息公开条例》第四十九条、第四十七条；国办公开办函〔2021〕30号 二、（四）",
                   "Regulations arts. 49 and 47; format notice 国办公开办函〔2021〕30号 2 (4)"),
      options=(option("deadlines", "month-day-table", {},
                      ("按机关层级改定的发布期限：机关层级 = \"MM-DD\"（次年的月-日），如 {\"乡镇\" = \"02-20\"}；"
                       "未列出的层级按法定期限。也可写作顶层设置 deadlines，或直接以层级为键写在本规则的表中",
                       "deadlines by organ level: level = \"MM-DD\" (month-day of the following year), e.g. "
                       "{\"乡镇\" = \"02-20\"}; levels not listed keep the statutory deadline. Also accepted as the "
                       "top-level setting deadlines, or with the levels as keys of this rule's table"),
                      choices=tuple(spec.ORGAN_LEVEL_BY_ID), setting="deadlines", entries_inline=True),),
      example_fail="县级部门 2021 年度报告，落款 2022年2月15日",
      example_pass="县级部门 2021 年度报告，落款 2022年1月20日",
      fix=("落款日期须在法定期限之内；若报告确实逾期发布，落款写实际日期，并在第五部分说明逾期原因；若落款写错，"
           "改为实际印发日期。",
           "The signature date must be within the deadline; if the report really was late keep the real date and "
           "explain the delay in section 五; if the date is a typo, correct it."))
def report_date_deadline(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    parsed = _report_date(report)
    year = report_year(report)
    if parsed is None or parsed.value is None or year is None or parsed.value.year <= year:
        return
    level = level_of_report(report.meta, ctx.organ_level)
    deadline, source = deadline_for(level, year, ctx.options["report-date-deadline"]["deadlines"])
    if parsed.value <= deadline:
        return
    why, why_en = _SOURCE_TEXT[source]
    level_zh = level or "未知"
    days = (parsed.value - deadline).days
    yield Finding("D505", Message(
        f"报告日期 {parsed.value.isoformat()} 晚于发布期限 {deadline.isoformat()}"
        f"（机关层级：{level_zh}；{why}），逾期 {days} 天",
        f"report dated {parsed.value.isoformat()}, after the deadline {deadline.isoformat()} "
        f"(organ level: {level or 'unknown'}; {why_en}); {days} days late"),
        _REPORT_DATE, expected=f"≤ {deadline.isoformat()}", actual=parsed.value.isoformat(),
        details={"organ_level": level, "deadline_source": source})


@rule(code="D506", name="report-date-early", category="date", severity="error",
      title=("报告日期早于报告年度结束", "Report dated before the reporting year ended"),
      checks=("报告日期（落款日期）必须在报告年度结束之后（次年1月1日及以后）。",
              "The report date must fall after the reporting year ended (1 January of the next year or later). "
              ""),
      rationale=("年度尚未结束就无法统计全年数据；这类日期多为笔误或沿用了上年的落款。",
                 "A year cannot be counted before it ends; such dates are typos or last year's signature line."),
      legal_basis=_LEGAL_49,
      example_fail="2021 年度报告，落款 2021年1月6日",
      example_pass="2021 年度报告，落款 2022年1月6日",
      fix=("把落款日期改为实际印发日期，应在报告年度次年的1月1日之后（如2021年度报告落款“2022年1月20日”）。",
           "Date the report with its real issue date, after 1 January of the following year (e.g. “2022年1月20日” for "
           "2021)."))
def report_date_early(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    parsed = _report_date(report)
    year = report_year(report)
    if parsed is None or parsed.value is None or year is None or parsed.value.year > year:
        return
    yield Finding("D506", Message(
        f"报告日期 {parsed.value.isoformat()} 早于报告年度（{year}年）结束，应在 {year + 1}-01-01 之后",
        f"report dated {parsed.value.isoformat()}, before the reporting year {year} ended "
        f"(expected {year + 1}-01-01 or later)"),
        _REPORT_DATE, expected=f"≥ {year + 1}-01-01", actual=parsed.value.isoformat())


@rule(code="D507", name="report-date-invalid", category="date", severity="error",
      title=("报告日期不存在或无法解析", "Report date impossible or unreadable"),
      checks=("报告日期（落款日期）应为真实日期，如“2022年1月6日”“二〇二二年一月六日”或 2022-01-06；"
              "2月30日等不存在的日期、缺字的日期均报告。",
              "The report date must be a real date (2022年1月6日, 二〇二二年一月六日 or 2022-01-06); impossible "
              "(2月30日) or broken dates are reported."),
      rationale=("落款日期是判断是否按时发布的依据，写错则无从核对。",
                 "The date is the evidence of timely publication; a wrong one cannot be checked."),
      legal_basis=_LEGAL_49,
      example_fail="落款：2022年2月30日",
      example_pass="落款：2022年1月30日",
      fix=("把落款日期改为真实、完整的日期，如“2022年1月20日”。",
           "Write a real, complete date, e.g. “2022年1月20日”."))
def report_date_invalid(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    parsed = _report_date(report)
    if parsed is None or parsed.value is not None:
        return
    reason, reason_en = (("不存在", "is not a real date") if parsed.problem == "impossible"
                         else ("无法解析", "cannot be parsed"))
    yield Finding("D507", Message(f"报告日期{reason}：“{parsed.raw}”", f"report date {reason_en}: “{parsed.raw}”"),
                  _REPORT_DATE, expected="YYYY年M月D日", actual=parsed.raw)


# ---------------------------------------------------------------- D508 年份前后不一


def _intro(text: str) -> str:
    """The text before section 一 (title and intro of a document)."""
    m = re.search(r"(?:^|\n)\s*一\s*[、.．]\s*(?:(?:19|20)\d{2}\s*年)?[^\n]{0,12}总体情况", text)
    return text[:m.start()] if m else text[:300]


@rule(code="D508", name="year-inconsistent", category="date", severity="error",
      title=("报告年度前后不一", "Reporting year inconsistent"),
      checks=("标题中的年份、元数据 year，以及引言中本报告的名称（“现公布…2023年政府信息公开工作年度报告”）"
              "应为同一年份。引言中书名号内或作为通知名称一部分的年份不计。统计期限的年份由 D504 检查。",
              "The title's year, meta.year and the report's own name in the intro (现公布…2023年政府信息公开工作"
              "年度报告) must agree. Years inside 《》 or in the name of a notice are not counted. The period's "
              "year is checked by D504."),
      rationale=("年份不一说明沿用了其他年度的文本，读者无法确定报告所属年度。",
                 "Conflicting years show text carried over from another year; readers cannot tell which "
                 "year the report covers."),
      legal_basis=("《中华人民共和国政府信息公开条例》第四十九条、第五十条", "Regulations arts. 49 and 50"),
      example_fail="标题“XX镇人民政府2021年政府信息公开工作年度报告”，"
                   "引言“现公布XX镇人民政府2022年政府信息公开工作年度报告”",
      example_pass="标题与引言均为“XX镇人民政府2022年政府信息公开工作年度报告”",
      fix=("统一标题、引言中报告名称和落款所写的年度，如都写“2021年”。",
           "Use the same year in the title, the report name in the introduction and elsewhere, e.g. 2021 throughout."))
def year_inconsistent(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    year = report.year
    title = report.meta.get("title")
    title_year = year_in(title) if isinstance(title, str) else None
    if year is not None and title_year is not None and title_year != year:
        yield Finding("D508", Message(
            f"标题年份 {title_year} 与报告年度 {year} 不一致",
            f"the title says {title_year} but the reporting year is {year}"),
            "/meta/title", expected=year, actual=title_year)
        return
    year = year or title_year
    if year is None or not report.text or not report.printed:
        return       # only a printed report has an intro: a stated report's text is its sections
    intro = _intro(squeeze_cjk_spaces(fold_width(report.text)))
    for m in _REPORT_NAME.finditer(intro):
        found = int(m[1])
        before, after = intro[:m.start()], intro[m.end():m.end() + 20]
        if found == year or before.count("《") > before.count("》") or "通知" in after:
            continue
        if re.search(r"(?:上|去)年?度?$|上一年度?$", before[-6:]):
            continue
        yield Finding("D508", Message(
            f"引言称“{m.group(0)}”，与报告年度 {year} 不一致",
            f"the intro names the report “{m.group(0)}”, but the reporting year is {year}"),
            "", span=locate(report, m.group(0)), expected=year, actual=found)
        return


# ---------------------------------------------------------------- D509 沿用上年的发布日期

_SELF = r"(?:本报告|本年报|本年度报告|本年度年报|本年度政府信息公开工作年度报告)"
_BY_DATE = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]\s*(?:之|以)?前")
_PUBLISH = re.compile(r"发布|公布|公开|上网|报送|印发|上传")
_LAST_YEAR = re.compile(r"上年|上一年|去年")


@rule(code="D509", name="stale-publication-date", category="date", severity="error",
      title=("报告称在报告年度内发布（沿用上年日期）", "Report says it is published within the reporting year"),
      checks=("说明本报告发布时间的句子（含“本报告/本年报”或本年度报告名称，并有“发布/公布/公开”等）中，"
              "“于YYYY年M月D日前”的日期落在报告年度之内：年度报告只能在次年发布，这通常是沿用了上年文本。"
              "句中出现“上年/上一年/去年”或上一年度报告名称的不计。",
              "A sentence about publishing this report (本报告/本年报 or this year's report name, with "
              "发布/公布/公开…) gives a date 于YYYY年M月D日前 inside the reporting year. A report can only be "
              "published the next year, so the date was carried over from last year's text. Sentences naming last year "
              "(上年/上一年/去年 or last year's report) are skipped."),
      rationale=("沿用上年文本而未更新日期，属“内容雷同、敷衍塞责”，也使读者误解发布时间。",
                 "A date left over from last year's text is copy-paste and misleads readers about publication."),
      legal_basis=("《中华人民共和国政府信息公开条例》第四十九条；国办公开办函〔2021〕30号 二、（四）",
                   "Regulations art. 49; format notice 国办公开办函〔2021〕30号 2 (4)"),
      example_fail="2024 年度报告：本报告于2024年1月15日之前在门户网站发布。",
      example_pass="2024 年度报告：本报告于2025年1月15日之前在门户网站发布。",
      fix=("把发布时间改为本年度报告的实际发布日期（报告年度的次年），删去沿用上年文本留下的日期。",
           "Give this report's real publication date (in the following year); remove the date left from last year's "
           "text."))
def stale_publication_date(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    year = report_year(report)
    if year is None:
        return
    own_name = re.compile(rf"{_SELF}|{year}\s*年度?\s*(?:政府信息公开|政务公开)?(?:工作)?(?:年度)?(?:报告|年报)")
    previous = re.compile(rf"{year - 1}\s*年度?\s*(?:政府信息公开|政务公开|报告|年报)")
    sections = prose(report)
    for sentence in sentences(full_text(report)):
        if not own_name.search(sentence) or not _PUBLISH.search(sentence):
            continue
        if _LAST_YEAR.search(sentence) or previous.search(sentence):
            continue
        for m in _BY_DATE.finditer(sentence):
            when = make_date(int(m[1]), int(m[2]), int(m[3]), m.group(0)).value
            if when is None or when.year > year:
                continue
            yield Finding("D509", Message(
                f"“{excerpt(sentence, 50)}”：{year}年度报告只能在{year + 1}年发布，"
                f"日期 {when.isoformat()} 疑为沿用上年文本",
                f"“{excerpt(sentence, 50)}”: a {year} report can only be published in {year + 1}; "
                f"the date {when.isoformat()} looks carried over from last year's text"),
                pointer_for(next((sid for sid, t in sections if sentence in t), "")),
                span=locate(report, sentence), expected=f"≥ {year + 1}-01-01", actual=when.isoformat())
            break


# ---------------------------------------------------------------- D510 沿用上年的年份

_SUBHEADING = re.compile(rf"^(?:[(（][{CN_NUMERALS}\d]+[)）]|[{CN_NUMERALS}\d]+[、.．])?"
                         r"\s*(?:[^,，。:：]{1,14}[:：])?\s*")
_OPENING_YEAR = re.compile(r"((?:19|20)\d{2})\s*年度?\s*(?:[,，]|(?=我|本|全年|全镇|全乡|全街|共|累计))")
_COMPARISON = re.compile(r"上年|上一年|去年|同比|相比|较|比|结转|年度报告|年报|决算|预算|以来|截至|截止|自")


@rule(code="D510", name="stale-year", category="date", severity="warning",
      title=("正文开头的年份早于报告年度（疑为沿用上年文本）",
             "A statement opens with an earlier year (text carried over)"),
      checks=("第一至四部分中，以“YYYY年，”“YYYY年我局…”开头的句子所写的年份早于报告年度，"
              "如 2024 年度报告总体情况中的“2023年，我局……”。同一句还写了报告年度，或含“上年、同比、较、结转、"
              "年度报告、决算、预算、以来”等对比或引述字样的不计；第五、六部分（上年问题、下年计划）不检查。",
              "In sections I–IV a sentence opens with a year earlier than the reporting year (2023年，我局… in "
              "a 2024 report). Sentences that also name the reporting year, or compare or cite (上年, 同比, 较, "
              "结转, 年度报告, 决算, 预算, 以来 …), are skipped; sections V and VI (last year's problems, next "
              "year's plans) are not checked."),
      rationale=("照搬上年报告只改了部分年份，是典型的“内容雷同”。",
                 "Reusing last year's report with only some years changed is typical copy-paste."),
      legal_basis=("国办公开办函〔2021〕30号 二、（四）“内容雷同、敷衍塞责”",
                   "Format notice 国办公开办函〔2021〕30号 2 (4) (identical or perfunctory content)"),
      example_fail="2024 年度报告：一、总体情况　2023年，我局认真贯彻……",
      example_pass="2024 年度报告：一、总体情况　2024年，我局认真贯彻……",
      fix=("把该句的年份改为报告年度，并核对该句内容是否本年度的情况（沿用上年文本时整段都需要更新）。",
           "Change the year of the sentence to the reporting year and check that its content is this year's (text "
           "copied from last year needs updating as a whole)."))
def stale_year(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    year = report_year(report)
    if year is None:
        return
    for sid, text in prose(report, skip=("problems", "other")):
        if not sid:
            continue
        for sentence in sentences(text):
            body = _SUBHEADING.sub("", sentence, count=1)      # anchored at the start: strips the number
            m = _OPENING_YEAR.match(body)
            if not m or int(m[1]) >= year:
                continue
            if re.search(rf"{year}\s*年", sentence) or _COMPARISON.search(body[m.end():m.end() + 40]):
                continue
            where, where_en = section_label(sid)
            yield Finding("D510", Message(
                f"{where}“{excerpt(body, 30)}”以 {m[1]} 年开头，而报告年度为 {year} 年，疑为沿用上年文本",
                f"{where_en}: “{excerpt(body, 30)}” opens with {m[1]} but the reporting year is {year}; "
                f"text carried over from last year?"),
                pointer_for(sid), span=locate(report, body), expected=year, actual=int(m[1]))


# ---------------------------------------------------------------- D511 引用过时的格式通知

_NOTICE_2019 = re.compile(r"国办公开办函\s*[〔\[［(（【]\s*2019\s*[〕\]］)）】]\s*60\s*号"
                          r"|国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知")


@rule(code="D511", name="outdated-format-notice", category="date", severity="warning",
      title=("2021年及以后的报告引用了2019年试行格式通知", "Report for 2021+ cites the 2019 trial-format notice"),
      checks=("报告年度为2021年及以后，却引用国办公开办函〔2019〕60号（或其全称《国务院办公厅政府信息与政务公开办公室"
              "关于政府信息公开工作年度报告有关事项的通知》）作为编制依据；应为国办公开办函〔2021〕30号。",
              "A report for 2021 or later cites 国办公开办函〔2019〕60号 (or its full title) as its basis; the "
              "applicable notice is 国办公开办函〔2021〕30号."),
      rationale=("2021年起适用新格式；引用旧通知往往意味着沿用了旧模板（表二格式也可能是旧的）。",
                 "The new format applies from 2021; citing the old notice usually means an old template "
                 "(possibly with the old table 2)."),
      legal_basis=("国办公开办函〔2021〕30号《关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》",
                   "Format notice 国办公开办函〔2021〕30号"),
      example_fail="2022 年度报告：根据……（国办公开办函〔2019〕60号）的要求编制",
      example_pass="2022 年度报告：根据……（国办公开办函〔2021〕30号）的要求编制",
      fix=("把编制依据改为国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作年度报告格式》。",
           "Cite 国办公开办函〔2021〕30号 (the 2021 format notice) as the basis instead."))
def outdated_format_notice(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    year = report_year(report)
    if year is None or year < 2021:
        return
    text = full_text(report)
    m = _NOTICE_2019.search(text)
    if not m:
        return
    section = next((sid for sid, t in prose(report) if _NOTICE_2019.search(t)), "")
    yield Finding("D511", Message(
        f"{year}年度报告引用了2019年试行格式通知（“{excerpt(m.group(0), 40)}”），应依据国办公开办函〔2021〕30号",
        f"a {year} report cites the 2019 trial-format notice (“{excerpt(m.group(0), 40)}”); the applicable "
        f"notice is 国办公开办函〔2021〕30号"),
        pointer_for(section), span=locate(report, m.group(0)),
        expected="国办公开办函〔2021〕30号", actual=m.group(0))
