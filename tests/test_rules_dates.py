"""Date and year rules (rules/dates.py, D501–D511)."""

from __future__ import annotations

import functools
from datetime import date
from pathlib import Path

import pytest
from rulecheck import DELETE, check, make_report, run, sample_data

from xxgk_lint.config import ConfigError
from xxgk_lint.rules import dates
from xxgk_lint.dates import parse_date
from xxgk_lint import periods
from xxgk_lint.periods import parse_period_text
from xxgk_lint.prose import report_year

ROOT = Path(__file__).resolve().parents[1]
OVERVIEW = sample_data()["sections"]["overview"]
NO_YEAR = {"/meta/year": DELETE, "/meta/title": "示例县市场监督管理局政府信息公开工作年度报告"}


def text_report(text: str, meta: dict, sections: dict | None = None):
    """A document-like report: the text is the whole document, lines are its source lines."""
    data = {"meta": meta, "sections": sections or {}, "tables": {}}
    return make_report(data=data, kind="txt", text=text, lines=text.splitlines())


# ---------------------------------------------------------------- parsing

@pytest.mark.parametrize("value, expected", [
    ("2022-01-06", date(2022, 1, 6)),
    (date(2022, 1, 6), date(2022, 1, 6)),
    ("2022年1月6日", date(2022, 1, 6)),
    ("2022 年 1 月 6 日", date(2022, 1, 6)),
    ("二〇二二年一月六日", date(2022, 1, 6)),
    ("二〇二一年十二月三十一日", date(2021, 12, 31)),
    ("二○二二年一月六日", date(2022, 1, 6)),          # ○ typed for 〇, as the extractor always read it
    ("2022.1.6", date(2022, 1, 6)),
])
def test_parse_date(value, expected):
    assert parse_date(value).value == expected


@pytest.mark.parametrize("value, problem", [
    ("2022-02-30", "impossible"), ("2022年2月30日", "impossible"), ("2021年13月1日", "impossible"),
    ("2022年1月", "unparseable"), ("一月六日", "unparseable"), (20220106, "unparseable"),
])
def test_parse_date_problems(value, problem):
    parsed = parse_date(value)
    assert parsed.value is None and parsed.problem == problem


@pytest.mark.parametrize("text", [
    "统计数据时间段:202011日至20201231日",          # FORMAT.md §5, verbatim
    "报告中所列数据统计期限为 2023 11日到1231日",
    "20231月1日起至202312月31日止",
])
def test_garbled_periods_do_not_parse(text):
    assert parse_period_text(text) is None


@pytest.mark.parametrize("text, start, end", [
    ("自2021年1月1日起至2021年12月31日止", date(2021, 1, 1), date(2021, 12, 31)),
    ("2019年1月1日至12月31日", date(2019, 1, 1), date(2019, 12, 31)),
    ("2021年度", date(2021, 1, 1), date(2021, 12, 31)),
    ("2021年1月至12月", date(2021, 1, 1), date(2021, 12, 31)),
    ("2021年1-12月", date(2021, 1, 1), date(2021, 12, 31)),
    ("2021年1月1日—2021年11月30日", date(2021, 1, 1), date(2021, 11, 30)),
])
def test_parse_period(text, start, end):
    got = parse_period_text(text)
    assert (got[0].value, got[1].value) == (start, end)


# ---------------------------------------------------------------- D501

def test_year_missing():
    check(dates.year_missing, {**NO_YEAR, "/meta/statistics_period": DELETE,
                               "/sections/overview": OVERVIEW.replace("2021年，", "")},
          ("D501", "/meta/year"))


@pytest.mark.parametrize("patches", [
    {},
    NO_YEAR,                                            # the period still gives the year
    {**NO_YEAR, "/meta/statistics_period": DELETE},     # section 一 opens with 2021年
])
def test_year_found_somewhere(patches):
    check(dates.year_missing, patches)


def test_year_from_the_report_name_in_the_text():
    report = text_report("根据《条例》，现公布本局2021年政府信息公开工作年度报告。", {})
    assert run(dates.year_missing, report) == []
    assert [f.code for f in run(dates.year_missing, text_report("根据《条例》编制本报告。", {}))] == ["D501"]


# ---------------------------------------------------------------- D502–D504

def test_period_missing():
    check(dates.statistics_period_missing, {"/meta/statistics_period": DELETE},
          ("D502", "/meta/statistics_period"))


def test_period_found_in_the_text_is_not_missing():
    report = text_report("内容涵盖乡政府2019年1月1日至12月31日期间的政府信息公开工作情况。", {"year": 2019})
    assert run(dates.statistics_period_missing, report) == []
    assert run(dates.statistics_period_unparseable, report) == []
    assert run(dates.statistics_period_not_calendar_year, report) == []


def test_other_date_ranges_are_not_a_period():
    report = text_report("公示期为2021年3月1日至3月10日。", {"year": 2021})
    assert [f.code for f in run(dates.statistics_period_missing, report)] == ["D502"]


@pytest.mark.parametrize("period", [
    {"text": "202111日至20211231日"},                    # garbled, as the extractor keeps it
    {"start": "2021-02-30", "end": "2021-12-31"},        # impossible
    {"start": "2021-01-01", "end": "2021-12-32"},
])
def test_period_unparseable(period):
    found = check(dates.statistics_period_unparseable, {"/meta/statistics_period": period},
                  ("D503", "/meta/statistics_period"))
    assert ("缺少“年”“月”" if "text" in period else "不存在") in found[0].message.zh


def test_garbled_period_in_the_text():
    text = "清水县教育局2023年度政府信息公开工作年度报告\n报告中所列数据统计期限为 2023 11日到1231日。\n一、总体情况"
    found = run(dates.statistics_period_unparseable, text_report(text, {"year": 2023}))
    assert [f.code for f in found] == ["D503"]
    assert found[0].span.line == 2


def test_single_date_after_the_keyword_is_no_garbled_period():
    report = text_report("统计时间截至2021年12月31日。", {"year": 2021})
    assert run(dates.statistics_period_unparseable, report) == []
    assert [f.code for f in run(dates.statistics_period_missing, report)] == ["D502"]
    # the same wording kept by the extractor as the period: unreadable, without the lost-characters hint
    found = check(dates.statistics_period_unparseable, {"/meta/statistics_period": {"text": "截至2021年12月31日"}},
                  ("D503", "/meta/statistics_period"))
    assert "未写明起止日期" in found[0].message.zh


@pytest.mark.parametrize("period, wrong", [
    ({"start": "2020-01-01", "end": "2020-12-31"}, True),
    ({"start": "2021-01-01", "end": "2021-11-30"}, True),
    ({"start": "2021-02-01", "end": "2021-12-31"}, True),
    ({"text": "自2021年1月1日起至2021年12月31日止"}, False),
    ({"text": "2021年度"}, False),
    ({"start": "2021-01-01", "end": "2021-12-31"}, False),
])
def test_period_not_calendar_year(period, wrong):
    expected = [("D504", "/meta/statistics_period")] if wrong else []
    check(dates.statistics_period_not_calendar_year, {"/meta/statistics_period": period}, *expected)


def test_period_without_reporting_year_must_still_be_a_calendar_year():
    check(dates.statistics_period_not_calendar_year,
          {**NO_YEAR, "/meta/statistics_period": {"start": "2021-01-01", "end": "2021-06-30"}},
          ("D504", "/meta/statistics_period"))
    check(dates.statistics_period_not_calendar_year, NO_YEAR)


# ---------------------------------------------------------------- periods stated without a keyword

DOCUMENT = ("示例县市场监督管理局2021年政府信息公开工作年度报告\n本报告根据《条例》编制。{intro}\n"
            "一、总体情况\n2021年，本局扎实推进政务公开。{overview}\n二、主动公开政府信息情况")
PERIOD_RULES = (dates.statistics_period_missing, dates.statistics_period_unparseable,
                dates.statistics_period_not_calendar_year)


def period_codes(report) -> list[str]:
    return [f.code for rule in PERIOD_RULES for f in run(rule, report)]


# a range read as the period although no 统计期限/所列数据 keyword introduces it
STATED = [
    ("本报告内容涵盖2021年1月1日至6月30日期间的政府信息公开工作情况。", "", "D504"),
    ("现将本局2021年1月1日至2021年6月30日的政府信息公开工作情况报告如下。", "", "D504"),  # the intro, no cue word
    ("内容涵盖本局202111日至2021630日期间的工作情况。", "", "D503"),                    # 年/月 lost
    ("", "本报告所涉数据为2021年2月1日至12月31日期间的数据。", "D504"),                # names the report's data
    ("自2020年1月1日起至2020年12月31日止。", "", "D504"),                               # a whole year, anywhere
]
# ranges of something else: not the period, so the report still states none
NOT_STATED = [
    ("", "本局于2021年3月1日至3月31日开展政务公开宣传月活动。"),
    ("", "2021年3月1日至3月31日，开展专项整治。"),
    ("", "2021年1月1日至6月30日期间，共受理申请8件。"),           # a figure outside the intro
    ("", "申请量与2020年1月1日至11月30日相比有所增加。"),
    ("本局于2021年3月1日至3月31日开展宣传月活动。", ""),         # an activity, even in the intro
    ("本局2021年5月10日至5月16日组织开展宣传周活动。", ""),
    ("本报告于2022年1月10日至1月20日在门户网站公示。", ""),     # a publication window
    ("本报告公示期为2022年1月10日至1月20日。", ""),
    ("本报告所列事项须于2022年1月1日至1月31日之前办结。", ""),  # a deadline
    ("本报告所列规范性文件有效期为2021年3月1日至2026年2月28日。", ""),   # a term of validity
    ("经对本局2021年度政府信息公开工作进行总结，编制本年度报告。", ""),   # 2021年度 alone is no period
]


@pytest.mark.parametrize("intro, overview, code", STATED)
def test_range_without_keyword_is_the_period(intro, overview, code):
    report = text_report(DOCUMENT.format(intro=intro, overview=overview), {"year": 2021})
    assert period_codes(report) == [code]


@pytest.mark.parametrize("intro, overview", NOT_STATED)
def test_ranges_of_something_else_are_no_period(intro, overview):
    report = text_report(DOCUMENT.format(intro=intro, overview=overview), {"year": 2021})
    assert period_codes(report) == ["D502"]


def test_the_keyword_form_wins_over_a_range_without_keyword():
    intro = ("本报告内容涵盖2021年1月1日至6月30日期间的工作情况。"
             "本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。")
    report = text_report(DOCUMENT.format(intro=intro, overview=""), {"year": 2021})
    assert period_codes(report) == []


def test_range_without_keyword_in_structured_sections():
    covered = "本报告内容涵盖2021年1月1日至6月30日期间的政府信息公开工作情况。\n" + OVERVIEW
    check(dates.statistics_period_not_calendar_year,
          {"/meta/statistics_period": DELETE, "/sections/overview": covered}, ("D504", "/meta/statistics_period"))
    # structured sections have no intro: a range without a word about the report is no period
    undescribed = "2021年1月1日至6月30日，共受理申请8件。\n" + OVERVIEW
    check(dates.statistics_period_missing,
          {"/meta/statistics_period": DELETE, "/sections/overview": undescribed}, ("D502", "/meta/statistics_period"))


@pytest.mark.parametrize("intro, overview", [(i, o) for i, o, _ in STATED] + NOT_STATED)
def test_extractor_and_rules_read_ranges_alike(intro, overview):
    """The extractor (a document's metadata) and the date rules (its text) find the same period."""
    from xxgk_lint.extract import extract
    from xxgk_lint.readers.text import from_text

    text = DOCUMENT.format(intro=intro, overview=overview)
    report = extract(from_text("report.txt", text))
    found = periods.period_in_text(report)
    meta_period = report.data["meta"].get("statistics_period")
    assert (found is None) == (meta_period is None)


KANGLE = ROOT / "tests" / "fixtures" / "corpus" / "2019_kangle-shangwan-xiang.txt"


@pytest.mark.parametrize("period, codes", [
    ("2019年1月1日至12月31日", []),                     # as published
    ("2019年1月1日至6月30日", ["D504"]),
    ("2019年1月1日至2019年6月30日", ["D504"]),
    ("2018年1月1日至12月31日", ["D504"]),
    ("201911日至1231日", ["D503"]),                      # 年/月 lost
])
def test_period_of_a_real_intro_without_keyword(tmp_path, period, codes):
    # the intro says 内容涵盖乡政府2019年1月1日至12月31日期间的政府信息公开工作情况, no 统计期限
    text = KANGLE.read_text(encoding="utf-8").replace("2019年1月1日至12月31日", period)
    path = tmp_path / KANGLE.name
    path.write_text(text, encoding="utf-8")
    assert [c for c in _codes(path) if c in {"D502", "D503", "D504"}] == codes


def test_real_intro_without_any_range_states_no_period(tmp_path):
    text = KANGLE.read_text(encoding="utf-8").replace(
        "内容涵盖乡政府2019年1月1日至12月31日期间的政府信息公开工作情况。", "")
    path = tmp_path / KANGLE.name
    path.write_text(text, encoding="utf-8")
    # its other intro sentence names 2019年度 and 本年度报告: no period for all that
    assert [c for c in _codes(path) if c in {"D502", "D503", "D504"}] == ["D502"]


# ---------------------------------------------------------------- D505–D507

@pytest.mark.parametrize("level, report_date, late", [
    ("县级部门", "2022-01-31", False),
    ("县级部门", "2022-02-01", True),
    ("部门", "2022-02-01", True),
    ("县级人民政府", "2022-03-31", False),       # 县级以上地方人民政府: 3月31日
    ("县级人民政府", "2022-04-01", True),
    ("省级人民政府", "2022-03-15", False),
    ("乡镇", "2022-01-31", False),               # default local profile 1月31日
    ("乡镇", "2022-02-20", True),
    ("街道", "2022-02-01", True),
    (None, "2022-03-31", False),                 # level unknown: the lenient deadline
    (None, "2022-04-01", True),
])
def test_report_date_deadline(level, report_date, late):
    patches = {"/meta/report_date": report_date, "/meta/organ_level": DELETE, "/meta/organ": "某机关"}
    expected = [("D505", "/meta/report_date")] if late else []
    check(dates.report_date_deadline, patches, *expected, organ_level=level)


def test_deadline_level_inferred_from_the_name():
    # no level in the context or the metadata: 濉溪镇人民政府 is a 乡镇 (default 1月31日)
    patches = {"/meta/report_date": "2022-02-10", "/meta/organ_level": DELETE, "/meta/organ": "建宁县濉溪镇人民政府"}
    found = check(dates.report_date_deadline, patches, ("D505", "/meta/report_date"), organ_level=None)
    assert found[0].details == {"organ_level": "乡镇", "deadline_source": "local-default"}


@pytest.mark.parametrize("options", [
    {"deadlines": {"乡镇": "02-20"}},      # as the config fills it from `deadlines`
    {"乡镇": "02-20"},                     # level ids as direct keys
])
def test_deadline_profile(options):
    patches = {"/meta/report_date": "2022-02-15"}
    check(dates.report_date_deadline, patches, organ_level="乡镇", options=options)
    check(dates.report_date_deadline, {"/meta/report_date": "2022-02-21"}, ("D505", "/meta/report_date"),
          organ_level="乡镇", options=options)


def test_deadline_profile_leap_day():
    deadline, source = dates.deadline_for("乡镇", 2022, {"乡镇": "02-29"})
    assert (deadline, source) == (date(2023, 2, 28), "config")
    assert dates.deadline_for("乡镇", 2023, {"乡镇": "02-29"})[0] == date(2024, 2, 29)


@pytest.mark.parametrize("bad", ["2-20", "02-30", 220])
def test_deadline_profile_invalid(bad):
    with pytest.raises(ConfigError, match=r"\[rules.report-date-deadline\]"):
        run(dates.report_date_deadline, make_report({"/meta/report_date": "2022-02-15"}),
            organ_level="乡镇", options={"乡镇": bad})


def test_report_date_early():
    check(dates.report_date_early, {"/meta/report_date": "2021-12-31"}, ("D506", "/meta/report_date"))
    check(dates.report_date_early, {"/meta/report_date": "2022-01-01"})
    check(dates.report_date_deadline, {"/meta/report_date": "2021-06-01"})    # early is not late


@pytest.mark.parametrize("value, bad", [
    ("2022-02-30", True), ("2022年2月30日", True), ("2022年1月", True),
    ("2022-01-20", False), ("二〇二二年一月二十日", False),
])
def test_report_date_invalid(value, bad):
    expected = [("D507", "/meta/report_date")] if bad else []
    check(dates.report_date_invalid, {"/meta/report_date": value}, *expected)


def test_no_report_date_no_finding():
    for r in (dates.report_date_deadline, dates.report_date_early, dates.report_date_invalid):
        check(r, {"/meta/report_date": DELETE})


# ---------------------------------------------------------------- D508

def test_chinese_title_year_is_the_reporting_year():
    """A title that gives its year only in Chinese digits (二〇二一年) still gives the year
    (it raised NameError before the digits were defined in one place)."""
    title = "示例县市场监督管理局二〇二一年政府信息公开工作年度报告"
    report = make_report(data={**sample_data(), "meta": {**sample_data()["meta"], "title": title, "year": None}})
    assert report_year(report) == 2021
    assert run(dates.report_date_early, report) == []


@pytest.mark.parametrize("sentence", ["统计时限为2021年3月1日至2021年12月31日。",
                                      "数据区间为2021年3月1日至2021年12月31日。"])
def test_extractor_reads_every_period_keyword_the_rules_read(sentence):
    """One keyword list (spec.PERIOD_KEYWORDS): the extractor reads the period after 统计时限 and
    数据区间, which only the date rules knew (a shifted range outside the intro, so that only a
    keyword makes it the period), and D504 reports it from the metadata."""
    from xxgk_lint.extract import extract
    from xxgk_lint.readers.text import from_text

    report = extract(from_text("report.txt", DOCUMENT.format(intro="", overview=sentence)))
    period = report.data["meta"]["statistics_period"]
    assert (period["start"], period["end"]) == ("2021-03-01", "2021-12-31")
    assert [f.pointer for f in run(dates.statistics_period_not_calendar_year, report)] == ["/meta/statistics_period"]


def test_title_year_differs():
    found = check(dates.year_inconsistent, {"/meta/title": "示例县市场监督管理局2020年政府信息公开工作年度报告"},
                  ("D508", "/meta/title"))
    assert (found[0].expected, found[0].actual) == (2021, 2020)
    check(dates.year_inconsistent, {"/meta/title": "示例县市场监督管理局2021年度政府信息公开工作年度报告"})


def test_intro_names_another_year():
    text = ("区统计局2023年政府信息公开工作年度报告\n根据《条例》规定，现公布区统计局2022年政府信息公开工作年度报告。\n"
            "一、总体情况\n2023年，我局……")
    meta = {"year": 2023, "title": "区统计局2023年政府信息公开工作年度报告"}
    found = run(dates.year_inconsistent, text_report(text, meta))
    assert [(f.code, f.span.line) for f in found] == [("D508", 2)]


@pytest.mark.parametrize("intro", [
    "根据《安徽省政务公开办公室关于做好2022年度政府信息公开工作年度报告编制工作的通知》要求编制。",  # a notice's name
    "根据关于做好2022年度政府信息公开工作年度报告编制的通知要求编制。",
    "对照上年度2022年政府信息公开工作年度报告所列问题进行整改。",
])
def test_intro_other_years_that_are_not_the_report(intro):
    text = f"区统计局2023年政府信息公开工作年度报告\n{intro}\n一、总体情况\n2023年，我局……"
    assert run(dates.year_inconsistent, text_report(text, {"year": 2023})) == []


# ---------------------------------------------------------------- D509–D511

def test_stale_publication_date():
    other = "本年度未收取信息处理费。本报告于2021年1月15日之前在县政府门户网站发布。"
    found = check(dates.stale_publication_date, {"/sections/other": other}, ("D509", "/sections/other"))
    assert found[0].actual == "2021-01-15"


@pytest.mark.parametrize("other", [
    "本年度未收取信息处理费。本报告于2022年1月15日之前在县政府门户网站发布。",
    "本年度未收取信息处理费。2020年度报告于2021年1月15日前在县政府门户网站发布。",
    "上年度年报于2021年1月15日前发布。",
    "于2021年3月1日前公开了2021年部门预算。",          # an in-year event, not this report
])
def test_publication_dates_that_are_fine(other):
    check(dates.stale_publication_date, {"/sections/other": other})


def test_stale_year_in_the_overview():
    found = check(dates.stale_year, {"/sections/overview": OVERVIEW.replace("2021年，", "2020年，")},
                  ("D510", "/sections/overview"))
    assert found[0].actual == 2020


@pytest.mark.parametrize("opening", [
    "2020年以来，",                    # a multi-year account
    "2020年，本局较上年",               # a comparison
    "2022年，",                         # a later year is no leftover
    "（一）主动公开。2021年，",
])
def test_opening_years_that_are_fine(opening):
    check(dates.stale_year, {"/sections/overview": OVERVIEW.replace("2021年，", opening)})


def test_stale_year_after_a_subheading():
    overview = OVERVIEW + "\n（六）其他。2020年，我局开展了政务公开日活动。"
    check(dates.stale_year, {"/sections/overview": overview}, ("D510", "/sections/overview"))


def test_stale_year_not_read_in_sections_five_and_six():
    check(dates.stale_year, {"/sections/problems": "2020年，我局存在信息公开不及时的问题，已整改。",
                             "/sections/other": "2020年，我局收取信息处理费0元。"})


@pytest.mark.parametrize("citation, year, flagged", [
    ("国办公开办函〔2019〕60号", 2021, True),
    ("国办公开办函[2019]60号", 2022, True),
    ("国办公开办函（2019）60号", 2022, True),
    ("《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》", 2022, True),
    ("国办公开办函〔2019〕60号", 2020, False),          # the trial format applied to 2019–2020
    ("国办公开办函〔2021〕30号", 2022, False),
])
def test_outdated_format_notice(citation, year, flagged):
    patches = {"/meta/year": year, "/meta/title": f"示例县市场监督管理局{year}年政府信息公开工作年度报告",
               "/sections/overview": f"根据{citation}要求编制。" + OVERVIEW}
    expected = [("D511", "/sections/overview")] if flagged else []
    check(dates.outdated_format_notice, patches, *expected)


# ---------------------------------------------------------------- whole reports

DATE_CODES = {f"D5{n:02d}" for n in range(1, 12)}


@functools.cache
def _linter():
    from xxgk_lint.config import Config
    from xxgk_lint.engine import Linter

    return Linter(Config())


def _codes(path: Path) -> list[str]:
    return sorted(d.code for d in _linter().lint_file(str(path)).diagnostics if d.code in DATE_CODES)


def test_seed_dates_are_valid():
    # 2021-01-01–2021-12-31, signed 2022-01-06, a 乡镇 (default deadline 01-31)
    assert _codes(ROOT / "examples" / "jianning-suixi-2021.txt") == []


def test_sample_dates_are_valid():
    assert _codes(ROOT / "examples" / "sample-2021.yaml") == []


@pytest.mark.parametrize("name, codes", [
    ("2023_tianshui-qingshui-jyj.txt", ["D503"]),      # 2023 11日到1231日
    ("2022_xuanzhou-sjj.txt", ["D511"]),               # cites the 2019 notice by its title
    ("2022_xixian-taiping-zhen.txt", ["D511"]),
    ("2021_wuchang-minyi-xiang.txt", []),
    ("2025_tianmen-szfbgs.txt", []),
    ("2022_heshan-longkou-zhen.txt", []),
])
def test_real_reports(name, codes):
    assert _codes(ROOT / "tests" / "fixtures" / "corpus" / name) == codes
