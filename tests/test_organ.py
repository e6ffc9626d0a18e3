"""Organ level inferred from the organ's name (xxgk_lint.organ)."""

from __future__ import annotations

import pytest

from xxgk_lint import spec
from xxgk_lint.organ import infer_level, short_names, split_name


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
