"""Content rules (rules/content.py, N701–N705) and the prose helpers they share."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from rulecheck import DELETE, check, make_report, sample_data

from xxgk_lint.model import Report
from xxgk_lint.normalize import number_value
from xxgk_lint.rules import content
from xxgk_lint.prose import locate

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = sample_data()
OVERVIEW = SAMPLE["sections"]["overview"]
PROBLEMS = SAMPLE["sections"]["problems"]


@pytest.mark.parametrize("token, value", [
    ("16", 16), ("一", 1), ("两", 2), ("十", 10), ("十二", 12), ("二十", 20), ("一百零五", 105),
    ("三千", 3000), ("一万二千", 12000), ("一二", None), ("件", None),
])
def test_number_value(token, value):
    assert number_value(token) == value


def test_locate_is_width_and_space_insensitive():
    report = Report(path="x.txt", kind="txt", data={}, lines=["标题", "（一）主动公开。全年 公开信息 35 条。"])
    span = locate(report, "(一)主动公开。全年公开信息35条")
    assert (span.line, span.column) == (2, 1)
    assert locate(report, "不存在的句子") is None


# ---------------------------------------------------------------- N701

@pytest.mark.parametrize("other, flagged", [
    ("无", True),
    ("本单位无其他需要报告的事项。", True),
    ("本年度未收取信息处理费。", False),
    ("收取信息处理费0元。", False),
    ("依据《政府信息公开信息处理费管理办法》规定，实际收取信息处理费共计400元。", False),
])
def test_fee_statement(other, flagged):
    expected = [("N701", "/sections/other")] if flagged else []
    check(content.fee_statement_missing, {"/sections/other": other}, *expected)


def test_fee_statement_elsewhere_in_the_report_counts():
    check(content.fee_statement_missing,
          {"/sections/other": "无", "/sections/applications": "本年度未收取信息处理费。收到和处理申请情况如下表。"})


def test_fee_statement_not_required_before_2021():
    check(content.fee_statement_missing, {"/sections/other": "无", "/meta/year": 2020,
                                          "/meta/title": "示例县市场监督管理局2020年政府信息公开工作年度报告"})


def test_fee_statement_skipped_without_section_six():
    check(content.fee_statement_missing, {"/sections/other": DELETE})


# ---------------------------------------------------------------- N702

@pytest.mark.parametrize("problems, flagged", [
    (PROBLEMS, False),
    ("一是政策解读形式单一。下一步将丰富解读形式。", True),
    ("2022年，我镇将进一步完善信息公开工作机制。", True),          # a plan for next year, not rectification
    ("针对上一年度报告指出的问题，已逐项落实整改。", False),
    ("2020年度报告所列问题已全部解决。", False),
    ("去年存在的更新不及时问题，今年已改进。", False),
])
def test_rectification(problems, flagged):
    expected = [("N702", "/sections/problems")] if flagged else []
    check(content.rectification_missing, {"/sections/problems": problems}, *expected)


# ---------------------------------------------------------------- N703

def test_overview_topics():
    short = "（一）主动公开。全年主动公开政府信息386条。\n（二）依申请公开。本年度共收到申请16件。"
    found = check(content.overview_topics_missing, {"/sections/overview": short},
                  ("N703", "/sections/overview"))
    assert found[0].details == {"missing": ["政府信息管理", "政府信息公开平台建设", "监督保障"]}
    check(content.overview_topics_missing, {})


def test_overview_topics_wording_variants():
    # the seed's wording: 依法申请公开情况, 政府信息管理情况, 平台建设情况, 监督保障机制
    seed = (ROOT / "examples" / "jianning-suixi-2021.txt").read_text(encoding="utf-8")
    overview = seed[seed.index("一、总体情况"):seed.index("二、主动公开政府信息情况")]
    check(content.overview_topics_missing, {"/sections/overview": overview})


# ---------------------------------------------------------------- N704

@pytest.mark.parametrize("sentence", [
    "2020 年主动公开信息  条。",
    "本年度共收到申请件，均已办结。",
    "累计__件。",
    "全年主动公开政府信息条，其中……",
    "合计件",
])
def test_blank_numbers(sentence):
    found = check(content.prose_number_blank, {"/sections/overview": OVERVIEW + "\n" + sentence},
                  ("N704", "/sections/overview"))
    assert "缺少数字" in found[0].message.zh


@pytest.mark.parametrize("sentence", [
    "2020 年主动公开信息 35 条。",
    "统计收到申请件数。",
    "依据《中华人民共和国政府信息公开条例》公开条例解读。",
    "对收到的申请件进行登记，收到申请件后及时办理。",
    "主动公开条目清单已更新。",
])
def test_not_blank_numbers(sentence):
    check(content.prose_number_blank, {"/sections/overview": OVERVIEW + "\n" + sentence})


def test_blank_number_located_in_the_source():
    text = "一、总体情况\n\n2020 年主动公开信息  条。\n"
    data = {"meta": {}, "sections": {"overview": "2020 年主动公开信息  条。"}, "tables": {}}
    report = make_report(data=data, kind="txt", text=text, lines=text.splitlines())
    found = check(content.prose_number_blank, report, ("N704", "/sections/overview"))
    assert found[0].span.line == 3


# ---------------------------------------------------------------- N705

@pytest.mark.parametrize("organ, overview, flagged", [
    ("示例县市场监督管理局", OVERVIEW, False),
    ("示例县市场监督管理局", "2021年，我局认真贯彻落实条例。", True),
    ("示例县市场监督管理局", "2021年，县市场监管局认真贯彻落实条例。", False),   # usual abbreviation
    ("建宁县濉溪镇人民政府", "编制并公布《濉溪镇人民政府基层政府信息公开标准目录》。", False),
    ("建宁县濉溪镇人民政府", "2021年，濉溪认真贯彻落实条例。", False),
    ("建宁县濉溪镇人民政府", "2021年，我镇高度重视政府信息公开工作。", True),
])
def test_overview_names_the_organ(organ, overview, flagged):
    expected = [("N705", "/sections/overview")] if flagged else []
    check(content.overview_organ_unnamed, {"/meta/organ": organ, "/sections/overview": overview}, *expected)


def test_overview_organ_unknown_is_skipped():
    check(content.overview_organ_unnamed, {"/meta/organ": DELETE, "/sections/overview": "我局认真贯彻。"})


# ---------------------------------------------------------------- whole reports

CONTENT_CODES = {"N701", "N702", "N703", "N704", "N705"}


@functools.cache
def _linter():
    from xxgk_lint.config import Config
    from xxgk_lint.engine import Linter

    return Linter(Config())


def _codes(path: Path) -> list[str]:
    return sorted(d.code for d in _linter().lint_file(str(path)).diagnostics if d.code in CONTENT_CODES)


def test_seed_content():
    # section 六 is only “无” (no 信息处理费 statement); section 五 has no rectification of
    # last year's problems. Its overview covers the five topics and names 濉溪镇.
    assert _codes(ROOT / "examples" / "jianning-suixi-2021.txt") == ["N701", "N702"]


def test_sample_content_is_clean():
    assert _codes(ROOT / "examples" / "sample-2021.yaml") == []


_UNPAID = {"/tables/applications/other_2": {"natural_person": 1, "commercial": 0, "research": 0, "social_welfare": 0,
                                            "legal_service": 0, "other_org": 0, "total": 1}}


@pytest.mark.parametrize("other, expected", [
    ("本年度无其他需要报告的事项。", [("N706", "/sections/other")]),
    ("本年度未发出收费通知，未收取信息处理费。", [("N706", "/sections/other")]),
    ("本年度收取行政事业性收费12.6万元。", [("N706", "/sections/other")]),      # 表二's fee is another fee
    ("本年度发出收费通知1件，申请人未缴费，未收取信息处理费。", []),
    ("本年度未收取信息处理费。", []),          # notices unpaid: nothing collected is consistent
])
def test_fee_notices_unreported(other, expected):
    check(content.fee_notices_unreported, {**_UNPAID, "/sections/other": other}, *expected)


def test_fee_notices_need_table_three():
    check(content.fee_notices_unreported, {"/sections/other": "本年度无其他需要报告的事项。"})


def test_fee_statement_missing_leaves_fee_notices_to_n706():
    """With （六）2 above 0 the silence is N706's (more precise), not also N701's."""
    check(content.fee_statement_missing, {**_UNPAID, "/sections/other": "无其他事项。"})
    check(content.fee_statement_missing, {"/sections/other": "无其他事项。"}, ("N701", "/sections/other"))
