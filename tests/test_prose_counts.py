"""Reading figures out of the prose (xxgk_lint.prose_counts): what is read, and what is not."""

from __future__ import annotations

import pytest

from xxgk_lint.normalize import fold_width
from xxgk_lint.prose_counts import count_lists, table2_figures, table4_figures


def _lists(text: str) -> list[tuple[int, int, bool]]:
    return [(c.total, c.parts_sum, c.has_rest) for c in count_lists(fold_width(text))]


@pytest.mark.parametrize("text, expected", [
    # the three real defects (elided items filled in)
    ("全市主动公开政府信息22753条。其中，机构职能类信息1467条，政策文件653条，规划信息20574条。",
     [(22753, 22694, False)]),
    ("主动公开465条，其中政策文件100条、工作动态300条、其他信息64条。", [(465, 464, True)]),
    ("全年主动公开政务信息382条，包括政府网站35条，在报刊媒体上发布信息80条，微信公众号2443条。", [(382, 2558, False)]),
    # real reports of the corpus, as printed
    ("2022年,我镇主动公开政府信息151条,其中部门文件信息公开12条,政府工作报告1条,工作动态类信息(含通知公告)135条,财政预决算3条",
     [(151, 151, False)]),
    ("全年主动公开政府信息124条,其中政府文件和解读信息21条、政务督查信息45条、财政资金信息10条、政府工作报告1条、"
     "政府公报4条、政府会议20条,其他23条", [(124, 124, True)]),
    ("通過政府門戶網站共發布信息18篇,其中,政府信息年報1篇,土地資源6篇,礦產資源10篇,城市規劃1篇", [(18, 18, False)]),
])
def test_lists_read(text, expected):
    assert _lists(text) == expected


@pytest.mark.parametrize("text", [
    "全年主动公开政府信息386条，其中行政许可信息356条、行政处罚信息42条。",              # two parts: maybe examples
    "全年主动公开政府信息386条，主要包括政策文件120条、工作动态200条、通知公告30条。",      # 主要包括: examples
    "全年发布政策解读36篇，其中图解12篇、视频5篇、问答8篇等。",                            # ends with 等
    "全年发布政策解读文件10篇,其中制作图文解读5篇,制作专题专栏5期,视频直播10期",            # other units
    "发布政务信息约300条，其中动态类150条、通知类100条、其他20条。",                        # approximate total
    "政务新媒体发布信息95条，其中转载12条、原创50条、阅读量1.2万次。",                      # a figure of another kind
    "全年主动公开信息230条,其中通过区政府门户网站公开政府审计信息3条,其他信息8条;通过本局微信公众号公开信息64条",
    "办结15件，结转下年度继续办理2件。其中予以公开6件，部分公开3件，不予公开2件。",            # whose list?
    "被申请行政复议2件，其中维持1件，尚未审结1件，被提起行政诉讼1件。",                      # a new statement
    "主动公开信息较上年增长120条，其中政策文件40条、动态50条、其他30条。",                  # a comparison
])
def test_lists_not_read(text):
    assert [c for c in count_lists(fold_width(text)) if c.parts_sum != c.total] == []


def _figures(text: str, year: int = 2021) -> list[tuple[tuple[str, ...], float]]:
    text = fold_width(text)
    return [(f.cells, f.value) for f in (*table2_figures(text, year), *table4_figures(text, year))]


def test_table_two_figures():
    assert _figures("本年制发行政规范性文件3件，废止1件，现行有效12件") == [
        (("/tables/proactive/item1/normative_documents/issued",), 3),
        (("/tables/proactive/item1/normative_documents/repealed",), 1),
        (("/tables/proactive/item1/normative_documents/in_force",), 12)]
    assert _figures("全年作出行政许可决定356件，行政处罚决定42件") == [
        (("/tables/proactive/item5/licensing/decisions",), 356), (("/tables/proactive/item6/penalty/decisions",), 42)]
    assert _figures("收取行政事业性收费126000元") == [(("/tables/proactive/item8/fees/amount",), 12.6)]
    assert _figures("未制发规范性文件") == [(("/tables/proactive/item1/normative_documents/issued",), 0)]


@pytest.mark.parametrize("text", [
    # information, not decisions
    "全年通过县政府门户网站主动公开政府信息386条，其中行政许可信息356条、行政处罚信息42条",
    "通过信用平台公示行政处罚信息50条",
    "全县各部门现行有效行政规范性文件120件",
    "2020年制发行政规范性文件5件",                                                          # another year
    "本年制发规章1件、行政规范性文件3件",                                                    # 规章 and 规范性文件 mixed
    "清理规范性文件20件，废止3件",
    "本年度未收取信息处理费",                                                                # not 表二's fee
])
def test_table_two_near_misses(text):
    assert _figures(text) == []


def test_table_four_figures():
    assert _figures("信息公开类行政复议7件，诉讼9件，均获维持") == [
        (("/tables/reviews/litigation_direct/total", "/tables/reviews/litigation_after_review/total"), 9)]
    assert _figures("被申请行政复议2件，其中维持1件，尚未审结1件，被提起行政诉讼1件") == [
        (("/tables/reviews/review/upheld",), 1), (("/tables/reviews/review/pending",), 1)]
    assert _figures("被申请行政复议2件，被提起行政诉讼1件，详见下表") == []     # K802's totals
    assert _figures("复议后起诉1件，维持1件") == []                                     # which group's outcome?
