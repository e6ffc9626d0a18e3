"""Unit tables for the arithmetic rules (A401–A405) and the one-sided-row rule (T204)."""

from __future__ import annotations

import pytest
from rulecheck import DELETE, check, make_report, run, sample_data

from xxgk_lint.rules import tables, totals

A = "/tables/applications"
R = "/tables/reviews"
TOTALS = (totals.applications_row_total, totals.applications_results_total,
          totals.applications_balance, totals.reviews_group_total, totals.totals_unverifiable)
ALL = (*TOTALS, tables.total_one_sided)

# The seed report (建宁县濉溪镇 2021): table 三 stops after （五）1, table 四 is absent.
SEED_CUT = {f"{A}/{row}": DELETE for row in (
    "not_processed_2", "not_processed_3", "not_processed_4", "not_processed_5",
    "other_1", "other_2", "other_3", "results_total", "carried_forward")} | {R: DELETE}


def all_findings(report) -> list[tuple[str, str]]:
    return sorted((f.code, f.pointer) for r in ALL for f in run(r, report))


@pytest.mark.parametrize("rule", ALL, ids=lambda r: r.code)
def test_clean_sample_has_no_finding(rule):
    check(rule, None)


# ---------------------------------------------------------------- A401 row totals

def test_row_total_names_cell_addends_and_difference():
    [f] = check(totals.applications_row_total, {f"{A}/new/total": 17}, ("A401", f"{A}/new/total"))
    assert (f.actual, f.expected) == (17, 16)
    assert f.details["difference"] == 1
    assert [a["label"] for a in f.details["addends"]] == ["自然人", "商业企业", "科研机构", "社会公益组织",
                                                          "法律服务机构", "其他"]
    assert [a["value"] for a in f.details["addends"]] == [12, 3, 0, 0, 1, 0]
    assert f.details["addends"][0]["pointer"] == f"{A}/new/natural_person"
    assert "一、本年新收政府信息公开申请数量 总计 填报 17" in f.message.zh
    assert "之和为 16（自然人 12 + 商业企业 3 + 科研机构 0 + 社会公益组织 0 + 法律服务机构 1 + 其他 0），相差 1" \
        in f.message.zh
    assert "difference +1" in f.message.en


def test_row_total_checks_every_row_including_results_total():
    check(totals.applications_row_total,
          {f"{A}/results_total/total": 14, f"{A}/withheld_8/other_org": 2},
          ("A401", f"{A}/results_total/total"), ("A401", f"{A}/withheld_8/total"))


def test_row_total_short_label_for_numbered_sub_rows():
    [f] = check(totals.applications_row_total, {f"{A}/withheld_4/total": 0},
                ("A401", f"{A}/withheld_4/total"))
    assert f.message.zh.startswith("表三 （三）4.保护第三方合法权益 总计 填报 0")


def test_row_total_2019_layout_uses_the_single_other_row():
    data = sample_data({f"{A}/{r}": DELETE for r in ("other_1", "other_2", "other_3")})
    data["tables"]["applications"]["other"] = {c: 0 for c in (
        "natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org")} | {"total": 1}
    report = make_report(data=data, version="2019")
    assert [(f.code, f.pointer) for f in run(totals.applications_row_total, report)] == [
        ("A401", f"{A}/other/total")]


# ---------------------------------------------------------------- A402 results total

def test_results_total_per_column_lists_nonzero_addends():
    found = check(totals.applications_results_total,
                  {f"{A}/disclosed/natural_person": 6, f"{A}/disclosed/total": 7},
                  ("A402", f"{A}/results_total/natural_person"), ("A402", f"{A}/results_total/total"))
    f = next(x for x in found if x.pointer.endswith("natural_person"))
    assert (f.actual, f.expected) == (12, 13)
    assert len(f.details["addends"]) == 21          # every 2021 result row, zeros included
    assert f.message.zh == (
        "表三 （七）总计 自然人 填报 12，但各办理结果之和为 13（（一）予以公开 6 + （二）部分公开 2 + "
        "（三）4.保护第三方合法权益 1 + （四）1.本机关不掌握相关政府信息 2 + （四）3.补正后申请内容仍不明确 1 + "
        "（五）1.信访举报投诉类申请 1，其余 15 项为 0），相差 1")


def test_results_total_sums_the_three_2021_other_rows():
    check(totals.applications_results_total,
          {f"{A}/other_3/commercial": 1, f"{A}/other_3/total": 1},
          ("A402", f"{A}/results_total/commercial"), ("A402", f"{A}/results_total/total"))


def test_results_total_follows_the_rows_the_data_has():
    """A 2019-layout table 三 checked as 2021 (outdated format) is summed with its own rows."""
    data = sample_data({f"{A}/{r}": DELETE for r in ("other_1", "other_2", "other_3")})
    data["tables"]["applications"]["other"] = {c: 0 for c in (
        "natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total")}
    report = make_report(data=data, version="2021")
    for rule in TOTALS:
        assert run(rule, report) == []


# ---------------------------------------------------------------- A403 balance

def test_balance_per_column():
    found = check(totals.applications_balance,
                  {f"{A}/carried_forward/natural_person": 2, f"{A}/carried_forward/total": 3},
                  ("A403", f"{A}/results_total/natural_person"), ("A403", f"{A}/results_total/total"))
    f = next(x for x in found if x.pointer.endswith("natural_person"))
    assert (f.expected, f.actual, f.details["difference"]) == (13, 14, 1)
    assert [(a["label"], a["value"], a["side"]) for a in f.details["addends"]] == [
        ("一、本年新收政府信息公开申请数量", 12, "left"), ("二、上年结转政府信息公开申请数量", 1, "left"),
        ("（七）总计", 12, "right"), ("四、结转下年度继续办理", 2, "right")]
    assert "自然人 列收支不平衡" in f.message.zh and "= 13，但" in f.message.zh and "= 14" in f.message.zh


def test_balance_does_not_involve_result_rows():
    check(totals.applications_balance, {f"{A}/disclosed/natural_person": 9})


# ---------------------------------------------------------------- A404 table 四

@pytest.mark.parametrize("row", ["review", "litigation_direct", "litigation_after_review"])
def test_reviews_each_group(row):
    [f] = check(totals.reviews_group_total, {f"{R}/{row}/total": 5}, ("A404", f"{R}/{row}/total"))
    assert f.actual == 5 and f.details["relation"] == "reviews-group-total"
    assert [a["label"] for a in f.details["addends"]] == ["结果维持", "结果纠正", "其他结果", "尚未审结"]


# ---------------------------------------------------------------- A405 unverifiable

def test_seed_gives_one_finding_per_relation_not_per_column():
    report = make_report(SEED_CUT)
    assert all_findings(report) == [("A405", A), ("A405", A)]
    by_relation = {f.details["relation"]: f for f in run(totals.totals_unverifiable, report)}
    assert set(by_relation) == {"applications-results-total", "applications-balance"}
    results = by_relation["applications-results-total"].message.zh
    assert "缺少 （五）2–5、（六）1–3、（七）总计 行" in results and "全部 7 列" in results
    balance = by_relation["applications-balance"]
    assert "缺少 （七）总计、四、结转下年度继续办理 行" in balance.message.zh
    assert balance.details["missing_rows"] == [f"{A}/results_total", f"{A}/carried_forward"]
    assert "(5)2–5, (6)1–3, (7) total" in results_en(report)


def test_missing_rows_are_ranged_only_when_contiguous():
    cut = {f"{A}/{row}": DELETE for row in ("not_processed_2", "not_processed_4", "not_processed_5",
                                              "unable_3", "withheld_8")}
    [f] = run(totals.totals_unverifiable, make_report(cut))
    assert ("缺少 （三）8.属于行政查询事项、（四）3.补正后申请内容仍不明确、（五）2.重复申请、（五）4–5 行"
            in f.message.zh)


def results_en(report) -> str:
    return next(f.message.en for f in run(totals.totals_unverifiable, report)
                if f.details["relation"] == "applications-results-total")


def test_seed_rows_that_are_complete_are_still_checked():
    report = make_report({**SEED_CUT, f"{A}/new/total": 1})
    assert [f.pointer for f in run(totals.applications_row_total, report)] == [f"{A}/new/total"]


def test_unreadable_cell_blocks_only_its_column():
    report = make_report({f"{A}/carried_over/commercial": "/",
                          f"{A}/carried_forward/natural_person": 2, f"{A}/carried_forward/total": 3})
    assert sorted(f.pointer for f in run(totals.applications_balance, report)) == [
        f"{A}/results_total/natural_person", f"{A}/results_total/total"]
    unverifiable = {f.details["relation"]: f for f in run(totals.totals_unverifiable, report)}
    assert set(unverifiable) == {"applications-row-total", "applications-balance"}
    balance = unverifiable["applications-balance"]
    assert "二、上年结转政府信息公开申请数量 商业企业 为“/”" in balance.message.zh
    assert balance.message.zh.endswith("（未核验：商业企业）")
    assert balance.details["cells"] == [{"pointer": f"{A}/carried_over/commercial",
                                         "label": "二、上年结转政府信息公开申请数量 商业企业", "value": "/"}]


def test_booleans_are_not_counts():
    report = make_report({f"{R}/review/corrected": True})
    assert run(totals.reviews_group_total, report) == []
    [f] = run(totals.totals_unverifiable, report)
    assert f.pointer == R and f.details["relation"] == "reviews-group-total"


def test_partly_blank_row_is_unverifiable_not_one_sided():
    report = make_report({f"{R}/review/corrected": DELETE})
    assert run(tables.total_one_sided, report) == []
    [f] = run(totals.totals_unverifiable, report)
    assert "空白或非整数的单元格：行政复议 结果纠正 为空" in f.message.zh


@pytest.mark.parametrize("table", [{}, DELETE, "rows-without-values"])
def test_absent_or_empty_tables_are_left_to_the_schema_rule(table):
    if table == "rows-without-values":    # the headings and labels printed, every cell blank
        data = sample_data()
        for name in ("applications", "reviews"):
            data["tables"][name] = {row: {} for row in data["tables"][name]}
        report = make_report(data=data)
    else:
        report = make_report({A: table, R: table})
    assert all_findings(report) == []


def test_rows_without_values_are_named_as_rows_not_cells():
    report = make_report({f"{A}/disclosed": {}, f"{A}/partly_disclosed": {"natural_person": ""},
                          f"{A}/withheld_1": {}})
    [f] = run(totals.totals_unverifiable, report)
    assert "整行为空：（一）予以公开、（二）部分公开、（三）1.属于国家秘密" in f.message.zh
    assert "单元格" not in f.message.zh
    assert f.details["blank_rows"] == [f"{A}/disclosed", f"{A}/partly_disclosed", f"{A}/withheld_1"]


# ---------------------------------------------------------------- T204 one-sided rows

def test_total_only_row():
    patches = {f"{R}/review/{c}": DELETE for c in ("upheld", "corrected", "other", "pending")}
    [f] = check(tables.total_one_sided, patches, ("T204", f"{R}/review"))
    assert f.details["pattern"] == "total-only"
    # the blank cells it depends on, so that it is told with the T202 reporting them
    assert [c["pointer"] for c in f.details["cells"]] == [f"{R}/review/{c}"
                                                         for c in ("upheld", "corrected", "other", "pending")]
    assert f.message.zh == "表四 行政复议 只填写了总计（2），各审理结果均为空，总计无法核对"
    # the row's own total relation is left to T204, not repeated as A404/A405
    assert all_findings(make_report(patches)) == [("T204", f"{R}/review")]


def test_parts_only_row():
    [f] = check(tables.total_one_sided, {f"{A}/partly_disclosed/total": DELETE},
                ("T204", f"{A}/partly_disclosed"))
    assert f.details["pattern"] == "parts-only"
    assert f.details["cells"] == [{"pointer": f"{A}/partly_disclosed/total"}]
    assert "（二）部分公开 填写了各申请人类别，但总计为空" in f.message.zh
    assert run(totals.applications_row_total, make_report({f"{A}/partly_disclosed/total": DELETE})) == []


def test_empty_strings_count_as_blank():
    check(tables.total_one_sided, {f"{R}/litigation_direct": {"upheld": "", "corrected": " ", "other": None,
                                                              "pending": "", "total": 1}},
          ("T204", f"{R}/litigation_direct"))


def test_wholly_blank_row_is_not_one_sided():
    check(tables.total_one_sided, {f"{R}/review": {}})
