"""Real published reports (tests/fixtures/corpus): each extracts, and what it holds is pinned.

The expectations were read off each file by hand (see the file's own `# completeness:`
line): which section headings it has, which layout its table 二 follows, which rows of each
table are present and a few values. The corpus files are partial copies; a table or
section cut off by the copy is simply absent (or truncated) here too.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from xxgk_lint.extract import extract
from xxgk_lint.readers.text import from_text

CORPUS = Path(__file__).resolve().parent / "fixtures" / "corpus"
ZERO7 = dict.fromkeys(("natural_person", "commercial", "research", "social_welfare", "legal_service",
                       "other_org", "total"), 0)
ZERO_2021_T2 = {"item1": {"rules": {"issued": 0, "repealed": 0, "in_force": 0},
                          "normative_documents": {"issued": 0, "repealed": 0, "in_force": 0}},
                "item5": {"licensing": {"decisions": 0}},
                "item6": {"penalty": {"decisions": 0}, "enforcement": {"decisions": 0}},
                "item8": {"fees": {"amount": 0}}}
T3_2021 = ["new", "carried_over", "disclosed", "partly_disclosed"] + [f"withheld_{i}" for i in range(1, 9)] \
    + [f"unable_{i}" for i in range(1, 4)] + [f"not_processed_{i}" for i in range(1, 6)]


def zero_2019_t2(procurement: dict) -> dict:
    three = {"previous": 0, "change": 0, "decisions": 0}
    return {"item1": {"rules": {"new_made": 0, "new_published": 0, "total_published": 0},
                      "normative_documents": {"new_made": 0, "new_published": 0, "total_published": 0}},
            "item5": {"licensing": dict(three), "other_services": dict(three)},
            "item6": {"penalty": dict(three), "enforcement": dict(three)},
            "item8": {"fees": {"previous": 0, "change": 0}},
            "item9": {"procurement": procurement}}


def load(name: str):
    """The corpus file as a text document; its two `#` provenance lines are blanked (not removed,
    so that line numbers stay those of the file)."""
    text = (CORPUS / name).read_text(encoding="utf-8")
    lines = ["" if line.startswith(("# source:", "# completeness:")) else line for line in text.split("\n")]
    return extract(from_text(name, "\n".join(lines)))


# file: (section ids in order, layout, {table id: row ids in order or None for absent}, meta subset)
EXPECTED = {
    "2019_kangle-shangwan-xiang.txt": (
        ["overview", "proactive", "applications"], "2019",
        {"proactive": ["rules", "normative_documents", "licensing", "other_services", "penalty", "enforcement",
                       "fees", "procurement"], "applications": [], "reviews": None},
        {"organ": "上湾乡人民政府", "year": 2019,
         "statistics_period": {"start": "2019-01-01", "end": "2019-12-31", "text": "2019年1月1日至12月31日"}}),
    "2019_xiongxian-xiang.txt": (
        ["overview", "proactive", "applications", "reviews"], "2019",
        {"proactive": ["rules", "normative_documents", "licensing", "other_services", "penalty", "enforcement",
                       "fees", "procurement"],
         "applications": T3_2021[:20] + ["other", "results_total", "carried_forward"],
         "reviews": ["review", "litigation_direct", "litigation_after_review"]},
        {"year": 2019}),
    "2020_huichang-zhongcun-xiang.txt": (
        ["overview", "proactive"], "2019",
        {"proactive": ["rules", "normative_documents", "licensing", "other_services", "penalty", "enforcement",
                       "fees", "procurement"], "applications": None},
        {"organ": "中村乡", "year": 2020, "title": "中村乡2020年政府信息公开工作年度报告"}),
    "2020_shenzhen-longgang-qzfgzbm.txt": (
        ["overview", "proactive"], "2019",
        {"proactive": ["rules", "normative_documents", "licensing", "other_services", "penalty", "enforcement",
                       "fees", "procurement"]},
        {"year": 2020, "statistics_period": {"start": "2020-01-01", "end": "2020-12-31",
                                             "text": "2020年1月1日至2020年12月31日"}}),
    "2021_laifeng-zwfwhdsjglj.txt": (
        ["overview", "proactive"], "2021",
        {"proactive": ["rules", "normative_documents"]},
        {"organ": "来凤县政务服务和大数据管理局", "year": 2021,
         "contact": {"phone": "0718-6277499", "address": "来凤县政务服务中心501室"}}),
    "2021_wuchang-minyi-xiang.txt": (
        ["overview", "proactive", "applications", "reviews", "problems"], None,
        {"proactive": None, "applications": None, "reviews": None},
        {"organ": "五常市民意乡", "year": 2021, "publication_url": "http://wcsxxgk.harbin.gov.cn/col/col12596/index.html",
         "contact": {"phone": "0451-55843017", "address": "五常市民意乡人民政府", "postcode": "150207"}}),
    "2022_fengshou-xiang.txt": (
        ["overview", "proactive", "applications"], "2019",
        {"proactive": ["rules", "normative_documents", "licensing", "other_services", "penalty", "enforcement",
                       "fees", "procurement"], "applications": ["new", "carried_over"]},
        {"organ": "丰收乡", "year": 2022}),
    "2022_fuyuan-zrzyj.txt": (
        ["overview", "proactive", "applications"], "2021",
        {"proactive": ["rules", "normative_documents", "licensing", "penalty", "enforcement", "fees"],
         "applications": T3_2021[:6]},
        {"organ": "抚远市自然资源局", "year": 2022}),
    "2022_heshan-longkou-zhen.txt": (
        ["overview", "proactive", "applications"], "2021",
        {"proactive": ["rules", "normative_documents", "licensing", "penalty", "enforcement", "fees"],
         "applications": ["new", "carried_over"]},
        {"organ": "龙口镇", "year": 2022}),
    "2022_xixian-taiping-zhen.txt": (
        ["overview", "proactive", "applications"], "2021",
        {"proactive": ["rules", "normative_documents", "licensing", "penalty", "enforcement", "fees"],
         "applications": T3_2021[:7]},
        {"organ": "太平镇人民政府", "year": 2022}),
    "2022_xuanzhou-sjj.txt": (
        ["overview"], None, {"proactive": None},
        {"organ": "宣州区审计局", "year": 2022,
         "contact": {"phone": "0563-2718578", "email": "xzsj2718578@sina.com",
                     "address": "宣州区鳌峰东路178号区政府大楼北8楼", "postcode": "242000"}}),
    "2022_yuhang-sjj.txt": (["overview"], None, {}, {"organ": "杭州市余杭区审计局", "year": 2022}),
    "2023_qu-tongjiju-61150.txt": (
        ["overview", "proactive", "applications"], "2021",
        {"proactive": ["rules", "normative_documents", "licensing", "penalty", "enforcement", "fees"],
         "applications": ["new", "carried_over", "disclosed"]},
        {"organ": "区统计局", "year": 2023}),
    "2023_tianshui-qingshui-jyj.txt": (
        ["overview"], None, {},
        {"organ": "清水县教育局", "year": 2023, "statistics_period": {"text": "2023 11日到1231日"}}),
    "2023_xjnlk-zhen.txt": (
        ["overview", "proactive", "applications"], "2021",
        {"proactive": ["rules", "normative_documents", "licensing", "penalty", "enforcement", "fees"],
         "applications": T3_2021[:10]},
        {"year": 2023}),
    "2024_jiedao-unknown.txt": (["overview", "problems"], None, {"proactive": None}, {"year": 2024}),
    "2024_shenzhen-longgang-qzfgzbm.txt": (
        ["overview", "proactive", "applications"], "2021",
        {"proactive": ["rules", "normative_documents", "licensing", "penalty", "enforcement", "fees"],
         "applications": T3_2021[:11]},
        {"year": 2024, "statistics_period": {"start": "2024-01-01", "end": "2024-12-31",
                                             "text": "2024年1月1日至2024年12月31日"}}),
    "2024_zhejiang-jyt.txt": (["overview"], None, {}, {"organ": "浙江省教育厅", "year": 2024,
                                                      "title": "浙江省教育厅2024年度政府信息公开工作报告"}),
    "2025_liyang-szfbgs.txt": (
        ["overview"], None, {},
        {"organ": "市政府办公室", "year": 2025,
         "statistics_period": {"start": "2025-01-01", "end": "2025-12-31",
                               "text": "自2025年1月1日起至2025年12月31日"}}),
    "2025_tianmen-szfbgs.txt": (
        ["overview", "proactive"], "2021",
        {"proactive": ["rules", "normative_documents", "licensing", "penalty", "enforcement"]},
        {"organ": "市人民政府办公室", "year": 2025}),
}


def test_every_corpus_file_is_pinned():
    assert sorted(p.name for p in CORPUS.glob("*.txt")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_file(name):
    sections, layout, tables, meta = EXPECTED[name]
    report = load(name)
    assert [h.section_id for h in report.headings] == sections
    assert report.format_version == layout
    for table_id, rows in tables.items():
        table = report.data["tables"].get(table_id)
        if rows is None:
            assert table is None, table_id
            continue
        assert table is not None, table_id
        found = [r for block in table.values() for r in block] if table_id == "proactive" else list(table)
        assert found == rows, table_id
    for key, value in meta.items():
        assert report.data["meta"].get(key) == value, key


def test_corpus_values():
    """Spot checks of numbers, raw cells and the notes they come with."""
    kangle = load("2019_kangle-shangwan-xiang.txt")
    assert kangle.data["tables"]["proactive"] == zero_2019_t2({"projects": 6, "amount": "152790元"})
    assert kangle.data["tables"]["applications"] == {}          # cut off in its header
    assert {n.code for n in kangle.notes} == {"F901", "T210"}    # 本年新制作数量 printed twice
    assert kangle.headings[0].exact is False                    # 一、2019年政府信息公开工作的总体情况

    longgang = load("2020_shenzhen-longgang-qzfgzbm.txt")       # traditional characters + pinyin
    assert longgang.data["tables"]["proactive"] == zero_2019_t2({"projects": 10, "amount": 180774.8})
    assert all(h.exact for h in longgang.headings)

    huichang = load("2020_huichang-zhongcun-xiang.txt")
    assert huichang.data["tables"]["proactive"]["item1"]["normative_documents"] == {
        "new_made": 5, "new_published": 5, "total_published": 5}
    assert huichang.data["tables"]["proactive"]["item9"]["procurement"] == {"projects": 1, "amount": 8040}

    xiong = load("2019_xiongxian-xiang.txt")
    assert xiong.data["tables"]["proactive"]["item1"] == {"rules": {"new_made": 0}, "normative_documents": {}}
    assert all(row == {} for row in xiong.data["tables"]["applications"].values())
    assert [n.code for n in xiong.notes] == ["F903"]             # 规章 with one number of three

    fuyuan = load("2022_fuyuan-zrzyj.txt")
    assert fuyuan.data["tables"]["proactive"]["item5"] == {"licensing": {"decisions": 76}}
    assert fuyuan.data["tables"]["proactive"]["item8"] == {"fees": {"amount": 26.55}}
    assert fuyuan.data["tables"]["applications"]["withheld_1"] == ZERO7

    heshan = load("2022_heshan-longkou-zhen.txt")               # one cell per line, `|` terminators
    assert heshan.data["tables"]["proactive"] == ZERO_2021_T2
    assert [(n.code, n.details["found"]) for n in heshan.notes] == [("F901", "规范性文件")]

    qu = load("2023_qu-tongjiju-61150.txt")                     # bare `|` lines are empty cells
    table = qu.data["tables"]
    assert table["proactive"]["item1"]["rules"] == {"issued": "/", "repealed": "/", "in_force": "/"}
    assert table["applications"]["new"] == {"total": 0}
    assert table["applications"]["disclosed"] == {}

    xjnlk = load("2023_xjnlk-zhen.txt")                         # `|` lines are separators
    assert xjnlk.data["tables"]["proactive"]["item1"]["rules"] == {"issued": 0, "repealed": 0, "in_force": 6}
    assert xjnlk.data["tables"]["applications"]["withheld_5"] == ZERO7

    lg2024 = load("2024_shenzhen-longgang-qzfgzbm.txt")
    apps = lg2024.data["tables"]["applications"]
    assert apps["new"] == {"natural_person": 58, "commercial": 7, "research": 0, "social_welfare": 0,
                           "legal_service": 1, "other_org": 0, "total": 66}
    assert apps["partly_disclosed"]["total"] == 17 and apps["withheld_5"]["natural_person"] == 1
    assert "total" not in apps["withheld_7"] and len(apps["withheld_7"]) == 6
    assert lg2024.data["tables"]["proactive"]["item1"]["normative_documents"] == {
        "issued": 5, "repealed": 1, "in_force": 25}

    tianmen = load("2025_tianmen-szfbgs.txt")
    assert tianmen.data["tables"]["proactive"]["item1"]["normative_documents"] == {
        "issued": 6, "repealed": 6, "in_force": 49}
    assert [(n.code, n.details["found"]) for n in tianmen.notes] == [("F901", "现行有效件")]

    wuchang = load("2021_wuchang-minyi-xiang.txt")
    assert [h.exact for h in wuchang.headings] == [True, False, True, True, True]   # 二、主动公开政府信息的情况
    assert wuchang.data["sections"]["proactive"] == ""

    zhejiang = load("2024_zhejiang-jyt.txt")                    # heading in the middle of a flattened page
    assert zhejiang.headings[0].exact
    assert zhejiang.data["sections"]["overview"].startswith("2024年,在省教育厅门户网站主动公开发布各类信息705条")

    taiping = load("2022_xixian-taiping-zhen.txt")
    assert taiping.data["tables"]["applications"]["withheld_3"] == ZERO7
