"""The seed report (examples/jianning-suixi-2021.txt), and planted defects in its text form.

Every value the seed has must be read right; what it lacks (section 四, the tail of table
三) must stay absent. The planted variants change one thing each and check that the
extractor keeps the raw value, notes the loose step, or reports what is missing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from xxgk_lint.extract import extract
from xxgk_lint.readers.text import from_text

ROOT = Path(__file__).resolve().parents[1]
SEED = (ROOT / "examples" / "jianning-suixi-2021.txt").read_text(encoding="utf-8")
APPLICANTS = ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total")
SEED_TABLE3_ROWS = ["new", "carried_over", "disclosed", "partly_disclosed"] + [f"withheld_{i}" for i in range(1, 9)] \
    + ["unable_1", "unable_2", "unable_3", "not_processed_1"]


def extract_text(text: str, path: str = "report.txt"):
    return extract(from_text(path, text))


@pytest.fixture(scope="module")
def seed():
    return extract_text(SEED, "jianning-suixi-2021.txt")


def test_seed_meta(seed):
    meta = seed.data["meta"]
    assert meta["organ"] == "建宁县濉溪镇人民政府"
    assert meta["year"] == 2021
    assert meta["title"] == "建宁县濉溪镇人民政府2021年政府信息公开工作年度报告"
    assert meta["statistics_period"] == {"start": "2021-01-01", "end": "2021-12-31",
                                         "text": "自2021年1月1日起至2021年12月31日止"}
    assert meta["report_date"] == "2022-01-06"
    assert meta["publication_url"] == "https://wzgl.sm.gov.cn/wcm/app/main.jsp"
    assert meta["contact"] == {"phone": "0598-3961801", "email": "sxrmzf1801@163.com"}


def test_seed_sections(seed):
    assert [(h.section_id, h.exact) for h in seed.headings] == [
        ("overview", True), ("proactive", True), ("applications", True), ("problems", True), ("other", True)]
    sections = seed.data["sections"]
    assert "reviews" not in sections
    assert sections["other"] == "无"                       # the signature is not part of section 六
    assert sections["proactive"] == "" and sections["applications"] == ""   # only tables there
    assert sections["overview"].startswith("2021年，我镇高度重视政府信息公开工作")
    # a line the source wrapped mid-sentence (…编制 / 并公布…) is one paragraph again
    assert "全面梳理政务公开事项，编制并公布《濉溪镇人民政府基层政府信息公开标准目录》" in sections["overview"]
    assert sections["problems"].startswith("2021年，我镇在政府信息公开方向")
    assert seed.spans["/sections/problems"].line == 79


def test_seed_table_2(seed):
    assert seed.format_version == "2021"
    assert seed.data["tables"]["proactive"] == {
        "item1": {"rules": {"issued": 0, "repealed": 0, "in_force": 0},
                  "normative_documents": {"issued": 0, "repealed": 0, "in_force": 0}},
        "item5": {"licensing": {"decisions": 0}},
        "item6": {"penalty": {"decisions": 0}, "enforcement": {"decisions": 0}},
        "item8": {"fees": {"amount": 0}},
    }


def test_seed_table_3(seed):
    table = seed.data["tables"]["applications"]
    assert list(table) == SEED_TABLE3_ROWS
    for row in SEED_TABLE3_ROWS:
        assert table[row] == dict.fromkeys(APPLICANTS, 0), row
    for absent in ("not_processed_2", "not_processed_5", "other_1", "other_3", "results_total", "carried_forward"):
        assert absent not in table
    assert "reviews" not in seed.data["tables"]
    # （五）1 is printed as “1. 信访举报投诉”: read, and noted as label drift
    drift = [n for n in seed.notes if n.code == "F901"]
    assert len(drift) == 1 and drift[0].details["found"] == "1. 信访举报投诉"
    assert drift[0].pointer == "/tables/applications/not_processed_1"
    assert [n.code for n in seed.notes] == ["F901"]


def test_seed_spans(seed):
    lines = SEED.split("\n")
    span = seed.spans["/tables/proactive/item1/rules/issued"]
    assert (span.line, span.column) == (43, 4)             # `规章\t0…`: the first 0
    span = seed.spans["/tables/applications/withheld_2/total"]
    assert lines[span.line - 1].startswith("\t\t2. 其他法律行政法规禁止公开")
    assert lines[span.line - 1][span.column - 1] == "0" and span.column == len(lines[span.line - 1])
    span = seed.spans["/meta/contact/email"]
    assert lines[span.line - 1][span.column - 1:span.end_column - 1] == "sxrmzf1801@163.com"
    span = seed.spans["/meta/statistics_period"]
    assert lines[span.line - 1][span.column - 1:span.end_column - 1] == "自2021年1月1日起至2021年12月31日止"
    assert seed.spans["/meta/report_date"].line == 91
    table_span = seed.spans["/tables/applications"]
    assert (table_span.line, table_span.end_line) == (58, 77)


# ---------------------------------------------------------------- planted defects

def _replace(old: str, new: str, text: str = SEED) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def test_slash_in_a_count_cell_stays_raw():
    report = extract_text(_replace("规章\t0\t0\t0", "规章\t/\t0\t0"))
    rules = report.data["tables"]["proactive"]["item1"]["rules"]
    assert rules == {"issued": "/", "repealed": 0, "in_force": 0}
    assert report.spans["/tables/proactive/item1/rules/issued"].column == 4


def test_letter_o_for_zero_stays_raw():
    report = extract_text(_replace("行政处罚\t0", "行政处罚\tO"))
    assert report.data["tables"]["proactive"]["item6"]["penalty"] == {"decisions": "O"}


def test_sign_word_in_a_2019_signed_column():
    text = ("二、主动公开政府信息情况\n第二十条第（五）项\n信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n"
            "行政许可\t10\t减4\t6\n其他对外管理服务事项\t3\t增2\t１\n")
    report = extract_text(text)
    assert report.format_version == "2019"
    item5 = report.data["tables"]["proactive"]["item5"]
    assert item5 == {"licensing": {"previous": 10, "change": -4, "decisions": 6},
                     "other_services": {"previous": 3, "change": 2, "decisions": 1}}


def test_sign_word_in_a_count_column_stays_raw():
    report = extract_text(_replace("行政许可\t0", "行政许可\t减4"))
    assert report.data["tables"]["proactive"]["item5"]["licensing"] == {"decisions": "减4"}


def test_missing_row_is_absent_and_the_rest_still_read():
    report = extract_text(_replace("二、上年结转政府信息公开申请数量\t\t0\t0\t0\t0\t0\t0\t0\t\n", ""))
    table = report.data["tables"]["applications"]
    assert "carried_over" not in table
    assert table["new"] == dict.fromkeys(APPLICANTS, 0)
    assert table["disclosed"] == dict.fromkeys(APPLICANTS, 0)
    assert not [n for n in report.notes if n.code in ("F905", "F906")]


def test_garbled_period_keeps_only_its_text():
    report = extract_text(_replace("自2021年1月1日起至2021年12月31日止", "202111日至20211231日"))
    assert report.data["meta"]["statistics_period"] == {"text": "202111日至20211231日"}
    assert report.data["meta"]["year"] == 2021                # the title year still stands


def test_traditional_characters_read_like_simplified(seed):
    import opencc

    traditional = opencc.OpenCC("s2t").convert(SEED)
    assert "規章" in traditional and "總體情況" in traditional
    report = extract_text(traditional)
    assert report.data["tables"] == seed.data["tables"]
    assert report.data["meta"]["year"] == 2021
    assert report.data["meta"]["statistics_period"] == seed.data["meta"]["statistics_period"]
    assert [(h.section_id, h.exact) for h in report.headings] == [(h.section_id, h.exact) for h in seed.headings]
    assert report.data["sections"]["other"] == "无"


def test_spaces_inside_labels_are_not_drift():
    text = ("三、收到和处理政府信息公开申请情况\n"
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况 |\n"
            "自然人 | 法人或其他组织 | 总计 |\n"
            "商业 企业 | 科研 机构 | 社会公益组织 | 法律服务机构 | 其他 |\n"
            "一、本年新收政府信息公开申请数量 | 1 | 2 | 0 | 0 | 0 | 0 | 3 |\n"
            "三、本年度办理结果 | （一） 予以 公开 | 1 | 2 | 0 | 0 | 0 | 0 | 3 |\n"
            "（三） 不予公开 | 1. 属于 国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n")
    report = extract_text(text)
    table = report.data["tables"]["applications"]
    assert table["new"]["total"] == 3 and table["disclosed"]["commercial"] == 2
    assert table["withheld_1"] == dict.fromkeys(APPLICANTS, 0)
    assert report.notes == []


def test_injected_pinyin_is_removed_from_title_and_labels():
    text = _replace("建宁县濉溪镇人民政府 2021 年政府信息公开工作年度报告",
                    "建寧縣濉溪鎮人民政府2021年政府信息公開工作年度報(bào)告")
    text = _replace("行政規範性文件" if "行政規範性文件" in text else "行政规范性文件\t0",
                    "行政規範(fàn)性文件\t0", text)
    report = extract_text(text)
    assert report.data["meta"]["title"] == "建宁县濉溪镇人民政府2021年政府信息公开工作年度报告"
    assert report.data["tables"]["proactive"]["item1"]["normative_documents"]["issued"] == 0
    assert not [n for n in report.notes if n.code == "F901" and "规范" in n.details["found"]]
