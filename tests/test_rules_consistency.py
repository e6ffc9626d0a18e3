"""Prose against tables (rules/consistency.py, K801–K804, K806)."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from rulecheck import DELETE, check, make_report, sample_data

from xxgk_lint.rules import consistency
from xxgk_lint.rules.consistency import statements

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = sample_data()
OVERVIEW = SAMPLE["sections"]["overview"]
APPS = "本年度共收到政府信息公开申请16件，上年结转1件，办结15件，结转下年度继续办理2件。"
REVIEWS = SAMPLE["sections"]["reviews"]
assert APPS in OVERVIEW


def kinds(sentence: str, section: str = "overview") -> list[tuple[str, int]]:
    report = make_report({"/sections": {section: sentence}})
    return [(s.kind, s.value) for s in statements(report)]


# ---------------------------------------------------------------- reading statements

@pytest.mark.parametrize("sentence, expected", [
    (APPS, [("received", 16), ("carried_over", 1), ("completed", 15), ("carried_forward", 2)]),
    ("本机关收到4件政府信息公开申请。", [("received", 4)]),
    ("受理依申请公开件76件。", [("received", 76)]),
    ("共收到政府信息公开申请十二件。", [("received", 12)]),
    ("上年度结转政府信息公开申请两件。", [("carried_over", 2)]),
    ("结转下一年办理7件。", [("carried_forward", 7)]),
    ("其中予以公开6件、部分公开3件。", [("disclosed", 6), ("partly_disclosed", 3)]),
    ("予以公开及部分公开258件。", [("disclosed_both", 258)]),
    ("共收到申请17件（含上年结转1件）。", [("carried_over", 1), ("received", 17)]),
    ("2021年我镇未接到依申请公开信息。", [("none_received", 0)]),
    ("民意乡未收到和处理政府信息公开申请，零报告。", [("none_received", 0)]),
    ("被申请行政复议2件，被提起行政诉讼1件。", [("review", 2), ("litigation", 1)]),
    ("行政复议7件，复议后起诉1件。", [("review", 7), ("litigation_after_review", 1)]),
    ("全年未发生针对民意乡有关政府信息公开事务的行政复议案件、行政诉讼案件和举报申诉件。",
     [("review", 0), ("litigation", 0)]),
    ("2021年未发生行政复议。", [("review", 0)]),
])
def test_statements(sentence, expected):
    assert kinds(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("不予公开2件。", [("withheld", 2)]),
    ("不予公开 0 条。", [("withheld", 0)]),                           # the seed's wording
    ("其中予以公开6件、部分公开3件、不予公开1件。", [("disclosed", 6), ("partly_disclosed", 3), ("withheld", 1)]),
    ("收到申请20件，其中予以公开10件，不予公开2件。", [("received", 20), ("disclosed", 10), ("withheld", 2)]),
    ("依法作出不予公开答复两件。", [("withheld", 2)]),
    ("不予公开的3件均已书面告知理由。", [("withheld", 3)]),
    ("（三）不予公开2件。", [("withheld", 2)]),
    ("不予公开2件，其中涉及国家秘密1件。", [("withheld", 2)]),        # the reason comes after the whole
    ("全年已办结政府信息公开申请17件。", [("completed", 17)]),
    ("依申请公开办结21件。", [("completed", 21)]),
    ("收到申请16件并办结15件。", [("received", 16), ("completed", 15)]),
    ("办理政府信息公开申请61件，办结54件，结转下一年办理7件，行政复议7件。",     # 溧阳 2025
     [("completed", 54), ("carried_forward", 7), ("review", 7)]),
    ("收到申请16件，均已按时办结，共16件。", [("received", 16), ("completed_all", 16)]),
])
def test_outcome_statements(sentence, expected):
    assert kinds(sentence) == expected


def test_completed_without_subject_is_read_in_section_three_only():
    assert kinds("全年办结15件。") == []
    assert kinds("全年办结15件。", section="applications") == [("completed", 15)]


@pytest.mark.parametrize("sentence", [
    "因属于国家秘密不予公开1件。",                       # one row of （三）, not the whole
    "因属于国家秘密，不予公开1件。",
    "对涉及第三方合法权益的不予公开1件。",
    "涉及第三方和不予公开1件。",
    "不予公开和无法提供共3件。",
    "经保密审查，不予公开信息2条。",                    # proactive disclosure, not applications
    "主动公开信息300条，不予公开0条。",
    "不予公开中属于国家秘密1件。",
    "依据《条例》第十四条不予公开1件。",                # one article: a part of （三）
    "涉及第三方权益的申请3件、不予公开1件。",
    "逾期办结申请1件。",                                 # a part
    "收到申请20件，其中按时办结14件，逾期办结1件。".split("，")[1],
    "当场办结申请2件。",
    "涉及第三方的申请3件，已办结2件。",
    "收到申请20件，其中5件网上提交，办结5件。",
    "受理并办结政府信息公开申请15件。",                  # read as received only
    "办结政务服务事项1200件。",                          # other business
    "全年办结12345热线工单3000件。",
    "办结人大代表建议5件。",
    "收到人大代表建议5件，办结5件。",                  # the subject is another earlier in the sentence
    "未办结申请2件。",
    "办结率100%。",
    "全年办结15件。",                                     # no subject named
    "均已按时办结，共16件。",
    "2020年办结申请10件。",
])
def test_not_an_outcome_statement(sentence):
    assert [k for k in kinds(sentence) if k[0] in ("withheld", "completed", "completed_all")] == []


def test_late_completion_makes_on_time_count_a_part():
    assert kinds("收到申请20件，其中按时办结14件，逾期办结1件。") == [("received", 20)]


def test_withheld_is_not_read_in_section_two():
    assert kinds("不予公开2件。", section="proactive") == []


@pytest.mark.parametrize("sentence", [
    "收到申请16件，同比增加3件。".split("，")[1],      # a comparison clause alone
    "收到申请数量较上年增加3件。",
    "共收到申请约20件。",
    "收到申请20件以上。",
    "2020年收到申请10件。",                              # another year
    "收到申请后15个工作日内答复。",                     # a duration
    "行政复议、行政诉讼共3件。",                         # a mixed count
    "行政复议和行政诉讼各1件。",
    "行政复议纠错0件。",                                 # an outcome count
    "收到人大代表建议5件。",
    "收到群众投诉申请3件。",
    "未收到申请人的补正材料。",
    "本年度依申请公开均未超期。",
    "对无法提供的申请逐一说明理由。",
    "第一件申请已办结。",
    "收到的申请中有2件涉及第三方。",                     # a part, not the number received
    "组织行政复议应诉培训2次。",
    "被申请行政复议、提起行政诉讼共3件。",
    "2012年以来共受理申请120件。",
    "办结上年结转申请1件。",                             # the completed part of the carried-over ones
])
def test_not_a_statement(sentence):
    assert kinds(sentence) == []


def test_section_five_is_not_read():
    assert kinds("上年度报告指出收到申请16件未及时答复。", section="problems") == []


# ---------------------------------------------------------------- K801

@pytest.mark.parametrize("before, after, pointer", [
    ("申请16件", "申请15件", "/tables/applications/new/total"),
    ("上年结转1件", "上年结转2件", "/tables/applications/carried_over/total"),
    ("继续办理2件", "继续办理3件", "/tables/applications/carried_forward/total"),
])
def test_applications_mismatch(before, after, pointer):
    found = check(consistency.prose_applications_mismatch,
                  {"/sections/overview": OVERVIEW.replace(before, after)}, ("K801", pointer))
    assert found[0].details["sentence"] in OVERVIEW.replace(before, after)
    assert "表三" in found[0].message.zh


def test_disclosed_counts():
    ok = OVERVIEW + "\n其中予以公开6件，部分公开3件。"
    check(consistency.prose_applications_mismatch, {"/sections/overview": ok})
    check(consistency.prose_applications_mismatch, {"/sections/overview": OVERVIEW + "\n予以公开及部分公开9件。"})
    found = check(consistency.prose_applications_mismatch,
                  {"/sections/overview": OVERVIEW + "\n予以公开及部分公开10件。"},
                  ("K801", "/tables/applications/disclosed/total"))
    assert (found[0].expected, found[0].actual) == (9, 10)


def test_withheld_count_against_group_sum():
    # table 三 （三）不予公开: only 4.保护第三方合法权益 is 1, so the group sum is 1
    check(consistency.prose_applications_mismatch, {"/sections/overview": OVERVIEW + "\n不予公开1件。"})
    found = check(consistency.prose_applications_mismatch, {"/sections/overview": OVERVIEW + "\n不予公开2件。"},
                  ("K801", "/tables/applications/withheld_1/total"))
    assert (found[0].expected, found[0].actual) == (1, 2)
    assert "（三）不予公开 1–8 项之和" in found[0].message.zh
    assert len(found[0].details["cells"]) == 8
    # the sum, not the first row: two rows of 1 make 2
    check(consistency.prose_applications_mismatch, {"/sections/overview": OVERVIEW + "\n不予公开2件。",
                                                    "/tables/applications/withheld_7/total": 1})
    # a reason names one row: 因属于国家秘密不予公开0件 is not the group (whose sum is 1)
    check(consistency.prose_applications_mismatch, {"/sections/overview": OVERVIEW + "\n因属于国家秘密不予公开0件。"})


def test_withheld_row_absent_is_skipped():
    check(consistency.prose_applications_mismatch, {"/sections/overview": OVERVIEW + "\n不予公开2件。",
                                                    "/tables/applications/withheld_8": DELETE})


def test_completed_count_against_results_total():
    found = check(consistency.prose_applications_mismatch,
                  {"/sections/overview": OVERVIEW.replace("办结15件", "办结16件")},
                  ("K801", "/tables/applications/results_total/total"))
    assert (found[0].expected, found[0].actual) == (15, 16)
    assert "（七）总计的总计列为 15" in found[0].message.zh
    # 办结 is （七）总计 only: 15 + 结转下年度 2 = 17 is the number handled, not completed
    check(consistency.prose_applications_mismatch, {"/sections/overview": OVERVIEW.replace("办结15件", "办结17件")},
          ("K801", "/tables/applications/results_total/total"))
    check(consistency.prose_applications_mismatch,
          {"/sections/overview": OVERVIEW + "\n全年已办结政府信息公开申请16件。"},
          ("K801", "/tables/applications/results_total/total"))


def test_all_completed_total_may_include_carried_forward():
    # “均已按时办结，共N件” may count every application handled: （七）总计 15 or 15 + 结转 2
    for n in (15, 17):
        check(consistency.prose_applications_mismatch,
              {"/sections/overview": OVERVIEW + f"\n依申请公开申请均已按时办结，共{n}件。"})
    found = check(consistency.prose_applications_mismatch,
                  {"/sections/overview": OVERVIEW + "\n依申请公开申请均已按时办结，共16件。"},
                  ("K801", "/tables/applications/results_total/total"))
    # both clauses quoted as printed (the prose is read width-folded: ， is ,)
    assert found[0].details["sentence"] == "依申请公开申请均已按时办结,共16件"


def test_received_may_include_carried_over():
    check(consistency.prose_applications_mismatch,
          {"/sections/overview": OVERVIEW.replace("申请16件，上年结转1件", "申请17件（含上年结转1件）")})


def test_applications_cell_absent_or_not_a_count_is_skipped():
    bad = {"/sections/overview": OVERVIEW.replace("申请16件", "申请15件")}
    check(consistency.prose_applications_mismatch, {**bad, "/tables/applications/new": DELETE})
    check(consistency.prose_applications_mismatch, {**bad, "/tables/applications/new/total": "/"})


# ---------------------------------------------------------------- K802

def test_reviews_mismatch():
    check(consistency.prose_reviews_mismatch, {"/sections/reviews": REVIEWS.replace("复议2件", "复议3件")},
          ("K802", "/tables/reviews/review/total"))
    check(consistency.prose_reviews_mismatch, {"/sections/reviews": REVIEWS.replace("诉讼1件", "诉讼2件")},
          ("K802", "/tables/reviews/litigation_direct/total"))
    check(consistency.prose_reviews_mismatch, {"/sections/reviews": REVIEWS.replace("复议2件", "复议两件")})


def test_no_cases_claim_against_table():
    claim = "本年度未发生因政府信息公开引起的行政复议、行政诉讼。"
    check(consistency.prose_reviews_mismatch, {"/sections/reviews": claim},
          ("K802", "/tables/reviews/review/total"), ("K802", "/tables/reviews/litigation_direct/total"))
    zero = {f"/tables/reviews/{g}": {"upheld": 0, "corrected": 0, "other": 0, "pending": 0, "total": 0}
            for g in ("review", "litigation_direct", "litigation_after_review")}
    check(consistency.prose_reviews_mismatch, {"/sections/reviews": claim, **zero})
    check(consistency.prose_reviews_mismatch, {"/sections/reviews": "本年度未发生行政复议纠错。"})


# ---------------------------------------------------------------- K803

def test_no_applications_claim():
    claim = OVERVIEW.replace(APPS, "本年度未收到政府信息公开申请。")
    found = check(consistency.prose_no_applications, {"/sections/overview": claim},
                  ("K803", "/tables/applications/new/total"))
    assert found[0].actual == 16


def test_no_applications_claim_consistent_with_zero():
    claim = OVERVIEW.replace(APPS, "本年度未收到政府信息公开申请。")
    check(consistency.prose_no_applications, {"/sections/overview": claim, "/tables/applications/new/total": 0})
    check(consistency.prose_no_applications,
          {"/sections/overview": OVERVIEW + "\n未收到对依申请公开工作的投诉。"})


# ---------------------------------------------------------------- K804

def test_all_upheld_contradiction():
    text = "本年度被申请行政复议2件，均获维持。被提起行政诉讼1件。"
    found = check(consistency.prose_all_upheld, {"/sections/reviews": text},
                  ("K804", "/tables/reviews/review/pending"))
    assert found[0].actual == 1


def test_all_upheld_scope():
    # litigation only: its direct group has a pending case
    check(consistency.prose_all_upheld, {"/sections/reviews": "被提起行政诉讼1件，法院判决全部维持。"},
          ("K804", "/tables/reviews/litigation_direct/pending"))
    # neither named: every group
    check(consistency.prose_all_upheld, {"/sections/reviews": "相关案件均获维持。"},
          ("K804", "/tables/reviews/review/pending"), ("K804", "/tables/reviews/litigation_direct/pending"))
    check(consistency.prose_all_upheld, {"/sections/reviews": "行政复议2件，均依法予以维持。"},
          ("K804", "/tables/reviews/review/pending"))
    check(consistency.prose_all_upheld, {"/sections/reviews": "行政复议2件，除1件尚未审结外均获维持。"})
    check(consistency.prose_all_upheld, {"/sections/reviews": "行政复议2件，均获维持。",
                                         "/tables/reviews/review": {"upheld": 2, "corrected": 0, "other": 0,
                                                                    "pending": 0, "total": 2}})


def test_all_upheld_with_correction():
    review = {"upheld": 1, "corrected": 1, "other": 0, "pending": 0, "total": 2}
    check(consistency.prose_all_upheld,
          {"/sections/reviews": "行政复议2件，全部维持。", "/tables/reviews/review": review},
          ("K804", "/tables/reviews/review/corrected"))


# ---------------------------------------------------------------- whole reports

K_CODES = {"K801", "K802", "K803", "K804"}


@functools.cache
def _linter():
    from xxgk_lint.config import Config
    from xxgk_lint.engine import Linter

    return Linter(Config())


def _codes(path: Path) -> list[str]:
    return sorted(d.code for d in _linter().lint_file(str(path)).diagnostics if d.code in K_CODES)


def test_sample_prose_agrees_with_tables():
    assert _codes(ROOT / "examples" / "sample-2021.yaml") == []


def test_seed_no_applications_claim_is_consistent():
    # "2021 年我镇未接到依申请公开信息" with table 三 一、本年新收 总计 0
    assert _codes(ROOT / "examples" / "jianning-suixi-2021.txt") == []


@pytest.mark.parametrize("path", sorted((ROOT / "tests" / "fixtures" / "corpus").glob("*.txt")), ids=lambda p: p.name)
def test_real_reports_raise_no_contradiction(path):
    assert _codes(path) == []


_OVERVIEW = "/sections/overview"


@pytest.mark.parametrize("sentence, expected", [
    ("全年收取行政事业性收费12.6万元。", []),
    ("全年收取行政事业性收费126000元。", []),
    ("全年收取行政事业性收费12.58万元。", []),           # the table gives one decimal: 12.6
    ("全年收取行政事业性收费13万元。", []),              # the prose gives none: 12.6 rounds to 13
    ("全年收取行政事业性收费13.5万元。", [("K806", "/tables/proactive/item8/fees/amount")]),
    ("全年收取行政事业性收费135000元。", [("K806", "/tables/proactive/item8/fees/amount")]),
    ("全年作出行政强制决定4件。", [("K806", "/tables/proactive/item6/enforcement/decisions")]),
    ("全年作出行政强制决定3件。", []),
])
def test_prose_figures_mismatch(sentence, expected):
    text = sample_data()["sections"]["overview"] + "\n" + sentence
    check(consistency.prose_figures_mismatch, {_OVERVIEW: text}, *expected)


def test_prose_figures_skip_unreadable_cells():
    text = sample_data()["sections"]["overview"] + "\n全年作出行政强制决定4件。"
    check(consistency.prose_figures_mismatch, {_OVERVIEW: text, "/tables/proactive/item6/enforcement": {}})
