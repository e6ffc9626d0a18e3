"""Unit tables for the structure rules (S104–S113)."""

from __future__ import annotations

import pytest
from rulecheck import check, make_report, run, sample_data

from xxgk_lint import scope, spec
from xxgk_lint.model import Heading, Span
from xxgk_lint.rules import structure

IDS = [s.id for s in spec.SECTIONS]
RULES = [structure.section_order, structure.section_duplicate, structure.heading_nonstandard,
         structure.format_outdated, structure.format_year_mismatch, structure.pre_2019_report,
         structure.pre_2019_structure, structure.intro_parts_mismatch, structure.title_nonstandard,
         structure.title_organ_missing]


def headings(*items) -> list[Heading]:
    """Headings from section numbers (1–6) or (number, printed text) pairs, one line each."""
    out = []
    for line, item in enumerate(items, 1):
        number, text = item if isinstance(item, tuple) else (item, None)
        section = spec.SECTIONS[number - 1]
        out.append(Heading(section.id, text or section.full_heading, text is None, Span(line=line * 10)))
    return out


def doc(hs=None, *, kind="txt", **kw):
    return make_report(headings=hs if hs is not None else headings(1, 2, 3, 4, 5, 6), kind=kind, **kw)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
@pytest.mark.parametrize("kind", ["yaml", "txt"])
def test_clean_sample_has_no_finding(rule, kind):
    assert run(rule, doc(kind=kind)) == []


# ---------------------------------------------------------------- S104 / S105

@pytest.mark.parametrize("order, flagged, text", [
    ((1, 2, 3, 5, 4, 6), ["reviews"],
     "第四部分（政府信息公开行政复议、行政诉讼情况）出现在第五部分（存在的主要问题及改进情况）之后"),
    ((6, 1, 2, 3, 4, 5), ["other"], "第六部分（其他需要报告的事项）出现在第一部分（总体情况）之前"),
    ((2, 1, 4, 3, 5, 6), ["overview", "applications"], None),
    ((1, 2, 3, 5, 6), [], None),            # a missing section is S101's, not an order problem
])
def test_section_order(order, flagged, text):
    found = run(structure.section_order, doc(headings(*order)))
    assert [f.pointer for f in found] == [f"/sections/{s}" for s in flagged]
    if text:
        assert found[0].message.zh.startswith(text)
    for f in found:   # located at the misplaced heading itself
        assert f.span.line == (order.index(IDS.index(f.pointer.split("/")[-1]) + 1) + 1) * 10


def test_section_order_ignores_repeats():
    assert run(structure.section_order, doc(headings(1, 2, 3, 4, 5, 2, 6))) == []


def test_duplicate_reports_each_repeat_at_its_own_heading():
    found = run(structure.section_duplicate, doc(headings(1, 2, 3, 4, 5, 5, 6, 5)))
    assert [(f.pointer, f.span.line) for f in found] == [("/sections/problems", 60), ("/sections/problems", 80)]
    assert found[0].message.zh == "第五部分（存在的主要问题及改进情况）重复出现（首次出现于 50:1）"


# ---------------------------------------------------------------- S106

@pytest.mark.parametrize("number, text, known", [
    (5, "五、存在问题和改进情况", True),
    (5, "五、政府信息公开工作存在的主要问题及改进情况", True),
    (1, "一、2019年政府信息公开工作的总体情况", True),
    (4, "四、因政府信息公开工作被申请行政复议和提起行政诉讼情况", True),
    (4, "四、政府信息公开行行政复议、行政诉讼情况", False),
    (2, "二、主动公开信息情况", False),
])
def test_heading_variants_are_warned(number, text, known):
    hs = headings(1, 2, 3, 4, 5, 6)
    hs[number - 1] = Heading(IDS[number - 1], text, False, Span(line=7))
    [f] = run(structure.heading_nonstandard, doc(hs))
    assert f.pointer == f"/sections/{IDS[number - 1]}" and f.span.line == 7
    assert f.details == {"known_variant": known}
    assert f.expected == spec.SECTIONS[number - 1].full_heading and f.actual == text
    assert ("（常见变体）" in f.message.zh) is known


@pytest.mark.parametrize("number, text", [
    (1, "一、总体情况、"),                       # stray punctuation
    (1, "一、總體情況"),                         # traditional characters from a mirror
    (3, "(三) 收到和处理政府信息公开申请情况"),   # ASCII brackets and a space
    (4, "四、政府信息公开行政复议,行政诉讼情况"),  # ASCII comma
])
def test_normalised_official_heading_is_not_a_finding(number, text):
    hs = headings(1, 2, 3, 4, 5, 6)
    hs[number - 1] = Heading(IDS[number - 1], text, False)
    assert run(structure.heading_nonstandard, doc(hs)) == []


def test_structured_input_has_no_printed_headings():
    hs = headings(1, 2, 3, 4, (5, "五、存在问题和改进情况"), 6)
    assert run(structure.heading_nonstandard, doc(hs, kind="yaml")) == []
    assert len(run(structure.heading_nonstandard, doc(hs, kind="md"))) == 1


# ---------------------------------------------------------------- S107 / S108

def test_structured_evidence_is_described_not_dumped_as_pointers():
    report = doc(kind="yaml", version="2019", data=sample_data({"/meta/year": 2022}),
                 evidence=["/tables/proactive/item1/rules/new_made", "/tables/proactive/item9/procurement/amount"])
    [f] = run(structure.format_outdated, report)
    assert f.details["evidence"] == ["第二十条第（一）项 规章 本年新制作数量",
                                     "第二十条第（九）项 政府集中采购 采购总金额"]
    [f] = run(structure.format_outdated, doc(kind="yaml", version="2019", evidence=["/format_version"],
                                             data=sample_data({"/meta/year": 2022})))
    assert f.message.zh.endswith("（依据：“format_version: \"2019\"”）")


def test_outdated_2019_format_lists_the_evidence():
    report = doc(version="2019", evidence=["本年新制作数量", "其他对外管理服务事项", "本年新制作数量"],
                 data=sample_data({"/meta/year": 2022}))
    [f] = run(structure.format_outdated, report)
    assert f.pointer == "/tables/proactive" and f.details == {"evidence": ["本年新制作数量", "其他对外管理服务事项"]}
    assert f.message.zh.startswith("使用了过时的2019年试行格式：报告年度为2022年")
    assert f.message.zh.endswith("试行格式（依据：“本年新制作数量”、“其他对外管理服务事项”）")
    many = doc(version="2019", evidence=[f"label{i}" for i in range(6)], data=sample_data({"/meta/year": 2022}))
    [f] = run(structure.format_outdated, many)
    assert f.message.zh.endswith("（依据：“label0”、“label1”、“label2”、“label3”等 6 处）")
    assert len(f.details["evidence"]) == 6


@pytest.mark.parametrize("year, layout", [(2020, "2019"), (2019, "2019"), (2021, "2021"), (2018, "2019"),
                                          (None, "2019"), (2022, None)])
def test_format_matching_the_year_or_unknown_is_not_outdated(year, layout):
    report = doc(version=layout, data=sample_data({"/meta/year": year}))
    assert run(structure.format_outdated, report) == []


def test_2021_layout_in_2020_report_points_at_the_year():
    report = doc(evidence=["本年制发件数"], data=sample_data({"/meta/year": 2020}))
    [f] = run(structure.format_year_mismatch, report)
    assert f.pointer == "/meta/year" and "报告年度可能有误" in f.message.zh and "“本年制发件数”" in f.message.zh
    assert run(structure.format_year_mismatch, doc(data=sample_data({"/meta/year": 2021}))) == []
    assert run(structure.format_year_mismatch, doc(version="2019", data=sample_data({"/meta/year": 2020}))) == []


# ---------------------------------------------------------------- S109 / S110

OLD_TEXT = "一、概述\n本机关……\n四、政府信息公开的收费及减免情况\n未收费。\n七、其他需要报告的事项\n无"


def test_year_before_2019_is_out_of_scope():
    report = doc(data=sample_data({"/meta/year": 2018}), kind="yaml")
    [f] = run(structure.pre_2019_report, report)
    assert f.pointer == "/meta/year" and f.details == {"out_of_scope": True}
    assert "2008年版《条例》的旧格式" in f.message.zh and "未按2019/2021年格式检查" in f.message.zh
    assert scope.pre_2019_code(report) == "S109"
    assert scope.pre_2019_code(doc()) is None
    assert run(structure.pre_2019_structure, report) == []
    # A document's year comes from its title; with a statistics period in 2021, 2018 is a typo
    # (2018 for 2021) that must not silence every other rule.
    mistyped = doc(data=sample_data({"/meta/year": 2018}))
    assert scope.pre_2019_code(mistyped) is None and run(structure.pre_2019_report, mistyped) == []
    old_period = sample_data({"/meta/year": 2018, "/meta/statistics_period/start": "2018-01-01"})
    assert scope.pre_2019_code(doc(data=old_period)) == "S109"


def test_old_structure_without_year_is_out_of_scope_at_its_line():
    lines = ["某某局政府信息公开工作年度报告", *OLD_TEXT.splitlines()]
    report = doc(version=None, text=OLD_TEXT, lines=lines, data=sample_data({"/meta/year": None}))
    [f] = run(structure.pre_2019_report, report)
    assert f.span == Span(line=4, column=1) and f.actual == "四、政府信息公开的收费及减免情况"
    assert scope.pre_2019_code(report) == "S109"


def test_old_structure_in_a_2020_report_is_an_error():
    report = doc(version=None, text=OLD_TEXT, lines=OLD_TEXT.splitlines(), data=sample_data({"/meta/year": 2020}))
    [f] = run(structure.pre_2019_structure, report)
    assert f.code == "S110" and f.span.line == 3
    assert run(structure.pre_2019_report, report) == []
    assert scope.pre_2019_code(report) == "S110"


def test_old_words_in_a_report_with_tables_are_not_the_old_structure():
    report = doc(text="四、政府信息公开的收费及减免情况", data=sample_data({"/meta/year": None}))
    assert run(structure.pre_2019_report, report) == [] and run(structure.pre_2019_structure, report) == []
    assert scope.pre_2019_code(report) is None


# ---------------------------------------------------------------- S111

FULL = ("本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况、"
        "存在的主要问题及改进情况、其他需要报告的事项等六部分组成。")


@pytest.mark.parametrize("intro", [
    FULL,
    FULL.replace("等六部分组成", "组成"),
    FULL.replace("、其他需要报告的事项", "以及其他需要报告的事项"),
    FULL.replace("总体情况、主动", "总体情况主动"),                 # separator lost in extraction
    "全文包含总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行行政复议和行政诉讼情况、"
    "存在的主要问题及改进情况、其他需要报告的事项等六大部分",
    "本报告由县政府办公室编制。",                                   # not a list of parts
])
def test_intro_consistent(intro):
    assert run(structure.intro_parts_mismatch, doc(text=intro + "\n一、总体情况\n…")) == []


@pytest.mark.parametrize("intro, message", [
    ("由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、存在问题及改进情况、其他需要报告的事项等六部分组成",
     "称由六部分组成，但列出了5个部分；正文的第四部分（政府信息公开行政复议、行政诉讼情况）未列出"),
    ("全文包括总体情况,公开的内容、存在的主要问题改进措施四个部分",
     "称由四部分组成，但列出了3个部分；“公开的内容”不是现行格式的部分名称；正文的第二部分（主动公开政府信息情况）、"
     "第三部分（收到和处理政府信息公开申请情况）、第四部分（政府信息公开行政复议、行政诉讼情况）、第六部分（其他需要报告的事项）未列出"),
    ("本报告由概述、主动公开政府信息情况、依申请公开政府信息情况、政府信息公开的收费及减免情况、因政府信息公开申请行政复议、"
     "提起行政诉讼的情况、政府信息公开工作存在的主要问题及改进措施、其他需要报告的事项等七部分组成",
     "“概述”“政府信息公开的收费及减免情况”不是现行格式的部分名称"),
])
def test_intro_contradicts(intro, message):
    lines = ["标题", "", intro, "一、总体情况"]
    [f] = run(structure.intro_parts_mismatch, doc(text="\n".join(lines), lines=lines))
    assert f.message.zh == "引言所列组成部分与正文不符：" + message
    assert f.span == Span(line=3, column=1) and f.pointer == ""


def test_intro_inside_a_section_points_at_it():
    intro = FULL.replace("、存在的主要问题及改进情况", "")
    data = sample_data({"/sections/overview": intro + "\n2021年，……"})
    [f] = run(structure.intro_parts_mismatch, make_report(data=data))
    assert f.pointer == "/sections/overview"
    assert f.details["count"] == 6 and len(f.details["listed"]) == 5


def test_listed_section_missing_from_body_is_left_to_s101():
    assert run(structure.intro_parts_mismatch, doc(headings(1, 2, 3, 5, 6), text=FULL)) == []


# The parts named as 方面 (2023_xjnlk-zhen: 主要从总体情况,…等六个方面汇报我镇2023年政府信息公开工作).
ASPECTS = ("本报告是根据《条例》要求,现结合我镇实际,主要从总体情况,主动公开政府信息情况,收到和处理政府信息公开申请情况,"
           "政府信息公开行政复议、行政诉讼情况,存在的主要问题及改进情况及其他需要报告的事项等六个方面汇报我镇2023年政府信息公开工作。")


@pytest.mark.parametrize("intro", [
    ASPECTS,
    ASPECTS.replace("六个方面汇报", "六个方面进行报告"),
    ASPECTS.replace("主要从", "现就").replace("六个方面汇报我镇", "六个方面对我镇")
    .replace("工作。", "工作情况说明如下。"),
    # areas of work, not the report's parts: no reporting verb, or too few section names
    "我镇从主动公开、依申请公开、政策解读等三个方面加强政务公开工作。",
    "现从主动公开、依申请公开、政府信息管理、平台建设、监督保障等四个方面报告如下。",
])
def test_intro_in_aspects_consistent(intro):
    assert run(structure.intro_parts_mismatch, doc(text=intro + "\n一、总体情况\n…")) == []


@pytest.mark.parametrize("intro, message", [
    (ASPECTS.replace("六个方面", "五个方面"), "称分五个方面，但列出了6个"),
    (ASPECTS.replace("政府信息公开行政复议、行政诉讼情况,", "").replace("六个方面", "五个方面"),
     "正文的第四部分（政府信息公开行政复议、行政诉讼情况）未列出"),
    # the list starts at the 从 closest to its count, not at an earlier 从 of the sentence
    (ASPECTS.replace("现结合我镇实际", "现从我镇实际出发").replace("六个方面", "七个方面"),
     "称分七个方面，但列出了6个"),
])
def test_intro_in_aspects_contradicts(intro, message):
    lines = ["标题", "", intro, "一、总体情况"]
    [f] = run(structure.intro_parts_mismatch, doc(text="\n".join(lines), lines=lines))
    assert f.message.zh == "引言所列组成部分与正文不符：" + message
    assert f.span == Span(line=3, column=1) and f.pointer == ""
    assert f.details["listed"][0] == "总体情况"


def test_later_list_of_parts_is_read_when_an_earlier_match_is_not_one():
    intro = ("本报告由县政府办公室编制，包括正文和附表两部分。" + FULL.replace("、存在的主要问题及改进情况", ""))
    [f] = run(structure.intro_parts_mismatch, doc(text=intro + "\n一、总体情况\n…"))
    assert f.details["count"] == 6 and len(f.details["listed"]) == 5


# ---------------------------------------------------------------- S112 / S113

@pytest.mark.parametrize("title, s112, s113", [
    ("示例县市场监督管理局2021年政府信息公开工作年度报告", False, False),
    ("示例县市场监督管理局 2021 年政府信息公开工作年度报告", False, False),
    ("示例县市场监督管理局2021年度政府信息公开工作年度报告", False, False),
    ("2021年示例县市场监督管理局政府信息公开工作年度报告", False, False),
    ("《示例县市场监督管理局2021年政府信息公开工作年度报告》", False, False),
    ("浙江省教育厅2024年度政府信息公开工作报告", True, False),
    ("上湾乡人民政府2019年度政府信息公开年度工作报告", True, False),
    ("示例县市场监督管理局政府信息公开工作年度报告", True, False),
    ("2021年政府信息公开工作年度报告", False, True),
    ("2021年度政府信息公开年报", True, True),
])
def test_title(title, s112, s113):
    report = make_report({"/meta/title": title})
    assert bool(run(structure.title_nonstandard, report)) is s112
    assert bool(run(structure.title_organ_missing, report)) is s113


def test_title_messages_suggest_the_standard_form():
    [f] = check(structure.title_nonstandard, {"/meta/title": "示例县市场监督管理局政府信息公开工作报告"},
                ("S112", "/meta/title"))
    assert f.message.zh == ("标题“示例县市场监督管理局政府信息公开工作报告”不是规范形式"
                            "（文种应为“政府信息公开工作年度报告”，"
                            "缺少报告年度），应为“示例县市场监督管理局2021年政府信息公开工作年度报告”")
    [f] = check(structure.title_organ_missing, {"/meta/title": "2021年政府信息公开工作年度报告"},
                ("S113", "/meta/title"))
    assert f.expected == "示例县市场监督管理局2021年政府信息公开工作年度报告"


def test_no_title_is_not_judged_here():
    check(structure.title_nonstandard, {"/meta/title": None})
    check(structure.title_organ_missing, {"/meta/title": "  "})
