"""Text normalisation: what counts as the same label, and what prose keeps."""

from __future__ import annotations

import pytest

from xxgk_lint.normalize import (fold_width, label_key, normalize_text, simplify, squeeze_cjk_spaces,
                                 strip_pinyin)


@pytest.mark.parametrize("printed, official", [
    ("（三） 不予公開", "（三）不予公开"),
    ("(三)不予公开", "（三）不予公开"),
    ("第二十條第(一)項", "第二十条第（一）项"),
    ("本年收費金額(單位:萬元)", "本年收费金额（单位：万元）"),
    ("行政規范性文件", "行政规范性文件"),
    ("商业 企业", "商业企业"),
    ("1. 属于国家秘密", "1.属于国家秘密"),
    ("１．属于国家秘密", "1.属于国家秘密"),
    ("主動(dòng)公開", "主动公开"),
    ("3.危及\"三安全一稳定\"", "3.危及“三安全一稳定”"),
    ("规章 |", "规章"),
])
def test_label_key_identifies_printed_variants(printed, official):
    assert label_key(printed) == label_key(official)


@pytest.mark.parametrize("a, b", [
    ("规范性文件", "行政规范性文件"),
    ("总计", "（七）总计"),
    ("其他", "3.其他"),
])
def test_label_key_keeps_different_labels_apart(a, b):
    assert label_key(a) != label_key(b)


def test_pinyin_only_after_a_character_and_with_tone_marks():
    assert strip_pinyin("本年報(bào)根據(jù)") == "本年報根據"
    assert strip_pinyin("項（xiàng）") == "項"
    # unmarked syllables go only where marked ones show the text was annotated
    assert strip_pinyin("們(men)報(bào)") == "們報"
    for untouched in ("(一)予以公开", "网址(www)", "文件(PDF)", "们(men)", "2021(bào)"):
        assert strip_pinyin(untouched) == untouched


def test_normalize_text_keeps_content():
    text = "2020 年主动公开信息  条。\r\n（一）主動公開：ＡＢＣ１２３"
    assert normalize_text(text) == "2020 年主动公开信息  条。\n(一)主动公开:ABC123"


def test_simplify_keeps_punctuation_as_printed():
    assert simplify("（一）主動公開：共３條。") == "（一）主动公开：共３条。"


def test_fold_width_only_touches_full_width_ascii_and_odd_spaces():
    assert fold_width("（一）：，　１２ａ\u200b。、《》“”〔〕") == "(一):, 12a。、《》“”〔〕"
    assert fold_width("纯中文。") == "纯中文。"


def test_squeeze_cjk_spaces():
    assert squeeze_cjk_spaces("建宁县濉溪镇人民政府 2021 年政府信息公开工作年度报告") == \
        "建宁县濉溪镇人民政府2021年政府信息公开工作年度报告"
    assert squeeze_cjk_spaces("商业 企业") == "商业企业"
    assert squeeze_cjk_spaces("Led 电子屏 and www.x.gov.cn 网站") == "Led 电子屏 and www.x.gov.cn 网站"
