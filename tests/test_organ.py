"""Organ level inferred from the organ's name, or from how the report names itself in its
prose when no name gives one (xxgk_lint.organ)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from xxgk_lint import spec
from xxgk_lint.config import Config
from xxgk_lint.engine import Linter
from xxgk_lint.organ import infer_level, infer_level_from_text, self_references, short_names, split_name

SAMPLE = Path(__file__).resolve().parents[1] / "examples" / "sample-2021.yaml"


@pytest.mark.parametrize("name, level", [
    # townships and sub-districts
    ("建宁县濉溪镇人民政府", "乡镇"),
    ("上湾乡人民政府", "乡镇"),
    ("中村乡", "乡镇"),
    ("五常市民意乡", "乡镇"),              # 民 inside a place name
    ("XX县红旗镇人民政府", "乡镇"),        # 旗 inside a place name is not a 旗
    ("西咸新区太平镇人民政府", "乡镇"),
    ("长沙市天心区桂花坪街道办事处", "街道"),
    ("桂花坪街道", "街道"),
    # governments
    ("福建省人民政府", "省级人民政府"),
    ("广西壮族自治区人民政府", "省级人民政府"),
    ("北京市人民政府", "省级人民政府"),        # 直辖市
    ("江苏省常州市人民政府", "设区的市人民政府"),
    ("溧阳市人民政府", "设区的市人民政府"),     # ambiguous city: the lenient reading (documented)
    ("常州市溧阳市人民政府", "县级人民政府"),   # a city inside a city is county-level
    ("恩施州恩施市人民政府", "县级人民政府"),
    ("恩施土家族苗族自治州人民政府", "设区的市人民政府"),
    ("北京市海淀区人民政府", "县级人民政府"),
    ("重庆市万州区人民政府", "县级人民政府"),   # 州 before 区 belongs to the name
    ("济南市市中区人民政府", "县级人民政府"),   # a district called 市中
    ("和县人民政府", "县级人民政府"),
    ("内蒙古自治区阿拉善左旗人民政府", "县级人民政府"),
    ("县人民政府", "县级人民政府"),
    # departments
    ("国务院办公厅", "国务院部门"),
    ("教育部", "国务院部门"),
    ("审计署", "国务院部门"),
    ("国家统计局", "国务院部门"),
    ("国家市场监督管理总局", "国务院部门"),     # 市 in 市场 is no city
    ("国家税务总局福建省税务局", "省级部门"),   # a local branch of a central organ
    ("国家税务总局建宁县税务局", "县级部门"),
    ("浙江省教育厅", "省级部门"),
    ("省教育厅", "省级部门"),
    ("北京市教育委员会", "省级部门"),
    ("上海市人民政府办公厅", "省级部门"),      # 人民政府办公厅 is a department
    ("天门市人民政府办公室", "市级部门"),
    ("市人民政府办公室", "市级部门"),
    ("福州市住房和城乡建设局", "市级部门"),    # 城乡 is no township
    ("抚远市自然资源局", "市级部门"),
    ("示例县市场监督管理局", "县级部门"),      # 市场 after 县 is no city
    ("建宁县城市管理局", "县级部门"),          # 城市 is no city
    ("建宁县乡村振兴局", "县级部门"),          # 乡村 is no township
    ("来凤县政务服务和大数据管理局", "县级部门"),
    ("宣州区审计局", "县级部门"),
    ("杭州市余杭区审计局", "县级部门"),
    ("深圳市龙岗区人民政府办公室", "县级部门"),
    ("区统计局", "县级部门"),
    ("市政府办公室", "市级部门"),
    ("县政府", "县级人民政府"),
    ("市政工程管理处", "部门"),            # 市政 is a word, not the city
    ("统计局", "部门"),
    ("市场监督管理局", "部门"),
])
def test_infer_level(name, level):
    assert infer_level(name) == level
    assert level in spec.ORGAN_LEVEL_BY_ID


@pytest.mark.parametrize("name", [
    "建宁县人民法院",               # not an administrative organ
    "建宁县人民武装部",
    "建宁县濉溪镇农业服务中心",     # a unit inside a township has no level of its own
    "香港特别行政区政府",
    "",
])
def test_unknown_level_is_none(name):
    assert infer_level(name) is None


def test_non_string_is_none():
    assert infer_level(None) is None  # type: ignore[arg-type]


def test_split_name_keeps_the_department_part():
    assert split_name("杭州市余杭区审计局") == ([("杭州", "市"), ("余杭", "区")], "审计局")
    assert split_name("建宁县濉溪镇人民政府（本级）") == ([("建宁", "县"), ("濉溪", "镇")], "人民政府")


def test_short_names():
    assert short_names("建宁县濉溪镇人民政府") == ["建宁县濉溪镇人民政府", "建宁县濉溪镇", "濉溪镇", "濉溪"]
    names = short_names("示例县市场监督管理局")
    assert names[0] == "示例县市场监督管理局" and "市场监督管理局" in names
    assert short_names("") == []


# ---------------------------------------------------------------- level from the prose

@pytest.mark.parametrize("text, level", [
    ("现结合我镇实际……汇报我镇2023年政府信息公开工作。", "乡镇"),     # 2023_xjnlk-zhen
    ("2019年，我乡明确专人负责。本乡未收到申请。", "乡镇"),
    ("全乡共有12个行政村，我乡坚持公开为常态。", "乡镇"),
    ("我 镇认真落实条例，\n结合我\n镇实际。", "乡镇"),                  # spaces and wraps inside words
    ("我鎮認真落實，本鎮未收到申請。", "乡镇"),                           # traditional characters
    ("2024年,我街道始终坚持。2024年我街未收到信息公开申请。", "街道"),  # 2024_jiedao-unknown
    ("本街道办事处高度重视，全街道共公开信息86条。", "街道"),
    ("我局坚持以公开为常态。本局未收到行政复议申请。", "部门"),
    ("我局部署开展政务公开培训，我局限时办结全部申请。", "部门"),   # 局部/局限 read across the word
    ("我委高度重视政务公开，本委员会全年公开信息20条。", "部门"),
    ("我办公室负责政务公开，全年我办未收到申请。", "部门"),
    ("我厅认真落实条例。本厅全年发布信息300条，我省……", "部门"),
])
def test_level_from_self_references(text, level):
    assert infer_level_from_text(text) == level
    assert level in spec.ORGAN_LEVEL_BY_ID


@pytest.mark.parametrize("text", [
    "现结合我镇实际编制本报告。",                                   # one mention is not enough
    "结合我镇实际……我镇全年……请与我局办公室联系。",                 # 乡镇 and 部门 disagree
    "我街道坚持……全镇共有……我街未收到申请。",                       # 街道 and 乡镇 disagree
    "各镇要结合本镇实际，本镇（街道）政务公开专栏……本镇",           # a county addressing its towns
    "各乡镇（街道）要结合本乡镇（街道）实际，健全乡镇政务公开制度，推动全乡村振兴。",
    "我部认真落实……我局……本局",                                     # a central organ may make 规章
    "我县坚持……我县全年……我县政务公开……我局负责……本局",            # more 我县 than 我局: maybe the 县政府
    "保持基本局面稳定，按照本办法执行，为群众办理，委托我委托人，本部门，本单位，本机关，本乡本土",
    "",
])
def test_disagreeing_or_missing_self_references_decide_nothing(text):
    assert infer_level_from_text(text) is None


def test_words_containing_the_characters_are_no_self_references():
    counts = self_references("基本局面、本办法、我办理、委托、全局、大局、本部门、本乡镇、乡村、健全乡镇、镇街、我街区")
    assert counts["乡镇"] == counts["街道"] == counts["部门"] == counts["central"] == 0


def test_a_unit_inside_a_township_is_not_the_township():
    # 我镇 in the prose of 濉溪镇农业服务中心 is its town, not itself (infer_level leaves it None too)
    text = "结合我镇实际，我镇农业服务中心……我镇"
    assert infer_level_from_text(text) == "乡镇"
    assert infer_level_from_text(text, "建宁县濉溪镇农业服务中心") is None
    assert infer_level_from_text(text, "建宁县人民法院") == "乡镇"   # a name that reads as no unit


def test_non_string_text_is_none():
    assert infer_level_from_text(None) is None  # type: ignore[arg-type]


# ---------------------------------------------------------------- the engine's resolution

def _township_report(**meta_changes) -> bytes:
    """The sample, as a 镇 that names itself only as 我镇, with 规章 现行有效 6."""
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    meta = data["meta"]
    del meta["organ"], meta["organ_level"]
    meta["title"] = "2021年政府信息公开工作年度报告"
    for key, value in meta_changes.items():
        meta[key] = value
    data["sections"]["overview"] = data["sections"]["overview"].replace("示例县市场监督管理局", "我镇")
    data["sections"]["other"] += "\n结合我镇实际，本年度未发生其他需要报告的事项。"
    data["tables"]["proactive"]["item1"]["rules"]["in_force"] = 6
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")


def _lint(data: bytes, config: Config | None = None):
    result = Linter(config).lint_file("report.yaml", data)
    return result.organ_level, {d.code for d in result.diagnostics}


def test_engine_takes_the_level_from_the_prose_when_nothing_else_gives_one():
    level, codes = _lint(_township_report())
    assert level == "乡镇"
    assert "V303" in codes
    level, codes = _lint(_township_report(report_date="2022-03-15"))
    assert "D505" in codes


@pytest.mark.parametrize("meta, config_level, expected", [
    ({"organ": "示例市人民政府"}, None, "设区的市人民政府"),   # the name decides
    ({"organ_level": "省级人民政府"}, None, "省级人民政府"),    # the declared level decides
    ({}, "设区的市人民政府", "设区的市人民政府"),               # the configured level decides
    ({"organ_level": "镇政府"}, None, None),                  # declared, if invalid: no guess over it
    ({"organ": "建宁县濉溪镇农业服务中心"}, None, None),       # a unit of the town
])
def test_engine_never_overrides_a_given_level(meta, config_level, expected):
    config = Config()
    config.organ_level = config_level
    level, codes = _lint(_township_report(**meta), config)
    assert level == expected
    assert ("V303" in codes) == (expected is not None and not spec.ORGAN_LEVEL_BY_ID[expected].can_make_rules)
