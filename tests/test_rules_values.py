"""Unit tables for the value rules (V303 规章 by organs without rule-making power, V304 fee unit)."""

from __future__ import annotations

import pytest
from rulecheck import DELETE, check, make_report, run, sample_data

from xxgk_lint import spec
from xxgk_lint.rules import values

RULES_ROW = "/tables/proactive/item1/rules"
FEE = "/tables/proactive/item8/fees/amount"


@pytest.mark.parametrize("rule", [values.rules_without_rulemaking_power, values.fee_amount_implausible],
                         ids=lambda r: r.code)
def test_clean_sample_has_no_finding(rule):
    check(rule, None)


# ---------------------------------------------------------------- V303

@pytest.mark.parametrize("level", [lvl.id for lvl in spec.ORGAN_LEVELS])
def test_rules_reported_by_level(level):
    report = make_report({f"{RULES_ROW}/in_force": 2})
    found = run(values.rules_without_rulemaking_power, report, organ_level=level)
    can = spec.ORGAN_LEVEL_BY_ID[level].can_make_rules
    assert [(f.code, f.pointer) for f in found] == ([] if can else [("V303", RULES_ROW)])


def test_rules_message_names_every_nonzero_cell():
    [f] = check(values.rules_without_rulemaking_power,
                {f"{RULES_ROW}/issued": 2, f"{RULES_ROW}/in_force": 2, "/meta/organ_level": "乡镇"},
                ("V303", RULES_ROW))
    assert f.message.zh.startswith("机关层级为“乡镇”，依《立法法》不能制定规章，但表二 第二十条第（一）项 规章 "
                                   "填报了 本年制发件数 2、现行有效件数 2，应均为 0")
    assert f.actual == {"issued": 2, "in_force": 2}
    assert [c["pointer"] for c in f.details["cells"]] == [f"{RULES_ROW}/issued", f"{RULES_ROW}/in_force"]


@pytest.mark.parametrize("level", [None, "村委会"])
def test_unknown_level_is_not_judged(level):
    report = make_report({f"{RULES_ROW}/issued": 3})
    assert run(values.rules_without_rulemaking_power, report, organ_level=level) == []


@pytest.mark.parametrize("cell", ["/", "2件", True, -1, 0])
def test_only_positive_numbers_count(cell):
    report = make_report({f"{RULES_ROW}/issued": cell})
    assert run(values.rules_without_rulemaking_power, report, organ_level="街道") == []


def test_rules_in_the_2019_layout_use_its_column_labels():
    data = sample_data({RULES_ROW: {"new_made": 0, "new_published": 1, "total_published": 4}})
    [f] = run(values.rules_without_rulemaking_power, make_report(data=data, version="2019"),
              organ_level="县级部门")
    assert "本年新公开数量 1、对外公开总数量 4" in f.message.zh


def test_rules_row_absent():
    check(values.rules_without_rulemaking_power, {"/tables/proactive": DELETE}, organ_level="乡镇")
    check(values.rules_without_rulemaking_power, {"/tables/proactive/item1": "无"}, organ_level="乡镇")


# ---------------------------------------------------------------- V304

@pytest.mark.parametrize("amount, flagged", [
    (12.6, False), (0, False), (100000, False), (99999.99, False),
    (100000.5, True), (251000, True), (1234567, True),
    ("251000元", False),      # a unit suffix is V302 (schema), not judged here
    (True, False),
])
def test_fee_threshold(amount, flagged):
    found = run(values.fee_amount_implausible, make_report({FEE: amount}))
    assert [(f.code, f.pointer) for f in found] == ([("V304", FEE)] if flagged else [])


def test_fee_message_converts_yuan():
    [f] = check(values.fee_amount_implausible, {FEE: 1234567}, ("V304", FEE))
    assert f.message.zh == ("表二 第二十条第（八）项 行政事业性收费 本年收费金额 "
                            "填报 1234567 万元（即 123.4567 亿元），"
                            "超过 100000 万元，疑似按“元”填写；若为 1234567 元，应填 123.4567（万元）")
    assert f.details == {"limit": 100000, "if_yuan": 123.4567}


def test_fee_limit_is_an_option():
    report = make_report({FEE: 5000})
    assert run(values.fee_amount_implausible, report) == []
    [f] = run(values.fee_amount_implausible, report, options={"max": 1000})
    assert "超过 1000 万元" in f.message.zh


def test_fee_rows_of_the_2019_layout_are_item_counts():
    data = sample_data({"/tables/proactive/item8/fees": {"previous": 300000, "change": -4}})
    assert run(values.fee_amount_implausible, make_report(data=data, version="2019")) == []
