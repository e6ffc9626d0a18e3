"""How the extractor finds sections and reads tables in the shapes real reports take."""

from __future__ import annotations

from pathlib import Path

import pytest

from xxgk_lint.extract import extract
from xxgk_lint.extract.document import EXTRACTION_CODES
from xxgk_lint.model import Cell, Document, Paragraph, Span, TableBlock
from xxgk_lint.readers.text import from_text

APPLICANTS = ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total")
T3_HEAD = ("三、收到和处理政府信息公开申请情况\n"
           "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n申请人情况\n")


def text_report(text: str):
    return extract(from_text("report.txt", text))


def codes(report) -> list[str]:
    return [n.code for n in report.notes]


# ---------------------------------------------------------------- headings

def test_table_row_numerals_are_not_section_headings():
    report = text_report(
        "一、总体情况\n正文。\n" + T3_HEAD +
        "一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1\n"
        "二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0\n"
        "四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0\n"
        "四、政府信息公开行政复议、行政诉讼情况\n本年度无。\n五、存在的主要问题及改进情况\n无。\n")
    assert [h.section_id for h in report.headings] == ["overview", "applications", "reviews", "problems"]
    assert report.headings[2].span.line == 9
    assert report.data["tables"]["applications"]["carried_forward"] == dict.fromkeys(APPLICANTS, 0)
    assert report.data["sections"]["reviews"] == "本年度无。"


def test_intro_list_of_parts_is_not_a_heading():
    report = text_report(
        "本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况、"
        "存在的主要问题及改进情况、其他需要报告的事项等六部分组成。\n"
        "全文包括：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况。\n"
        "一、总体情况\n正文。\n")
    assert [(h.section_id, h.span.line) for h in report.headings] == [("overview", 3)]


@pytest.mark.parametrize("line, section, exact", [
    ("一、总体情况", "overview", True),
    ("一、总体情况、", "overview", False),
    ("一)总体情况", "overview", False),
    ("一．总体情况", "overview", False),
    ("一、 总体 情况", "overview", True),
    ("一、總體情況", "overview", True),
    ("一、2019年政府信息公开工作的总体情况", "overview", False),
    ("四、政府信息公开行行政复议、行政诉讼情况", "reviews", False),
    ("四、因政府信息公开工作被申请行政复议和提起行政诉讼情况", "reviews", False),
    ("五、政府信息公开工作存在的主要问题及改进情况", "problems", False),
    ("六、其他需要报告的事项", "other", True),
    ("四、行政复议、行政诉讼情况", "reviews", False),                  # reworded: numeral + core words
    ("五、政府信息公开行政复议、行政诉讼情况", "reviews", False),        # official wording, wrong numeral
    ("一、主动公开情况", None, None),                                  # a variant under another numeral
    ("三、本年度办理结果", None, None),
    ("二、上年结转政府信息公开申请数量", None, None),
    ("一是按章办事，及时公开。", None, None),
    ("（一）主动公开情况", None, None),
])
def test_heading_forms(line, section, exact):
    report = text_report(f"{line}\n正文。\n")
    if section is None:
        assert report.headings == []
    else:
        assert [(h.section_id, h.exact) for h in report.headings] == [(section, exact)]


def test_heading_followed_by_its_first_sentence_on_one_line():
    report = text_report("现将报告公布如下。 一、总体情况 2024年，本机关主动公开信息705条。 "
                         "二、主动公开政府信息情况 见下表。\n")
    assert [(h.section_id, h.exact) for h in report.headings] == [("overview", True), ("proactive", True)]
    assert report.data["sections"]["overview"] == "2024年，本机关主动公开信息705条。"


def test_marked_heading_without_numeral():
    doc = Document("r.md", "md", [Paragraph("总体情况", Span(line=1), level=2),
                                  Paragraph("正文。", Span(line=2))])
    report = extract(doc)
    assert [(h.section_id, h.exact) for h in report.headings] == [("overview", False)]
    # without the file's heading mark, a bare name is body text
    assert extract(Document("r.txt", "txt", [Paragraph("总体情况", Span(line=1))])).headings == []


# ---------------------------------------------------------------- table shapes

def test_one_cell_per_line_with_separator_lines():
    report = text_report("二、主动公开政府信息情况\n第二十条第（一）项\n|\n信息内容\n|\n本年制发件数\n|\n"
                         "本年废止件数\n|\n现行有效件数\n"
                         "|\n规章\n|\n1\n|\n2\n|\n3\n|\n行政规范性文件\n|\n4\n|\n5\n|\n6\n|\n")
    assert report.data["tables"]["proactive"]["item1"] == {
        "rules": {"issued": 1, "repealed": 2, "in_force": 3},
        "normative_documents": {"issued": 4, "repealed": 5, "in_force": 6}}
    assert codes(report) == []


def test_one_cell_per_line_with_terminators_and_empty_cells():
    report = text_report("二、主动公开政府信息情况\n第二十条第（一）项 |\n|||\n信息内容 |\n"
                         "本年制发件数 |\n本年废止件数 |\n"
                         "现行有效件数 |\n规章 |\n|\n|\n0 |\n||\n行政规范性文件 |\n2 |\n|\n7 |\n")
    item1 = report.data["tables"]["proactive"]["item1"]
    assert item1 == {"rules": {"in_force": 0}, "normative_documents": {"issued": 2, "in_force": 7}}


def test_label_and_values_in_one_pdf_line():
    doc = Document("r.pdf", "pdf", [
        Paragraph("二、主动公开政府信息情况", Span(line=1, page=1)),
        Paragraph("第二十条第（一）项", Span(line=2, page=1)),
        Paragraph("信息内容 本年制发件数 本年废止件数 现行有效件数", Span(line=3, page=1)),
        Paragraph("规章 0 0 0", Span(line=4, page=1)),
        Paragraph("行政规范性文件 3 1 12", Span(line=5, page=1)),
    ])
    report = extract(doc)
    assert report.data["tables"]["proactive"]["item1"]["normative_documents"] == {
        "issued": 3, "repealed": 1, "in_force": 12}
    assert report.spans["/tables/proactive/item1/normative_documents/issued"].page == 1


def test_label_wrapped_onto_the_next_pdf_line():
    lines = ["三、收到和处理政府信息公开申请情况", "三、本年度办理结果 （一）予以公开 1 0 0 0 0 0 1",
             "（二）部分公开（区分处理的，只计这一情形，不", "计其他情形） 2 0 0 0 0 0 2",
             "（三）不予公开 1.属于国家秘密 0 0 0 0 0 0 0"]
    doc = Document("r.pdf", "pdf", [Paragraph(text, Span(line=i, page=1)) for i, text in enumerate(lines, 1)])
    report = extract(doc)
    table = report.data["tables"]["applications"]
    assert table["partly_disclosed"] == {"natural_person": 2, "commercial": 0, "research": 0, "social_welfare": 0,
                                         "legal_service": 0, "other_org": 0, "total": 2}
    assert table["withheld_1"]["total"] == 0
    assert report.notes == []                          # the wrap is not label drift


def _cell(text, table, row, col, rowspan=1, colspan=1):
    return Cell(text, Span(table=table, row=row, cell=col), rowspan, colspan)


def test_table_block_with_merged_group_cells():
    rows = [
        [_cell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 1, 1, 1, 3, 3),
         _cell("申请人情况", 1, 1, 4, 1, 7)],
        [_cell("一、本年新收政府信息公开申请数量", 1, 2, 1, 1, 3)] + [_cell(str(i), 1, 2, 4 + i) for i in range(7)],
        [_cell("三、本年度办理结果", 1, 3, 1, 5), _cell("（一）予以公开", 1, 3, 2, 1, 2)]
        + [_cell("1", 1, 3, 4 + i) for i in range(7)],
        [_cell("（三）不予公开", 1, 4, 2, 2), _cell("1.属于国家秘密", 1, 4, 3)]
        + [_cell("", 1, 4, 4 + i) for i in range(7)],
        [_cell("2.其他法律行政法规禁止公开", 1, 5, 3)]
        + [_cell("2", 1, 5, 4 + i) for i in range(6)] + [_cell("", 1, 5, 10)],
    ]
    doc = Document("r.docx", "docx", [Paragraph("三、收到和处理政府信息公开申请情况", Span(paragraph=1)),
                                      TableBlock(rows, Span(table=1))])
    report = extract(doc)
    table = report.data["tables"]["applications"]
    assert table["new"] == dict(zip(APPLICANTS, range(7), strict=True))
    assert table["disclosed"] == dict.fromkeys(APPLICANTS, 1)
    assert table["withheld_1"] == {}                                # a row with all cells empty
    assert table["withheld_2"] == dict.fromkeys(APPLICANTS[:6], 2)   # 总计 left blank
    assert report.spans["/tables/applications/new/total"] == Span(table=1, row=2, cell=10)


def test_reviews_data_row_without_labels_is_the_template():
    report = text_report("四、政府信息公开行政复议、行政诉讼情况\n行政复议\t行政诉讼\n"
                         "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉\n"
                         + "\t".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2) + "\n"
                         + "\t".join(str(i) for i in range(15)) + "\n")
    assert report.data["tables"]["reviews"] == {
        "review": {"upheld": 0, "corrected": 1, "other": 2, "pending": 3, "total": 4},
        "litigation_direct": {"upheld": 5, "corrected": 6, "other": 7, "pending": 8, "total": 9},
        "litigation_after_review": {"upheld": 10, "corrected": 11, "other": 12, "pending": 13, "total": 14}}
    assert codes(report) == []


def test_group_label_followed_by_its_subrows_values():
    values = "".join("0 |\n" for _ in range(8 * 7))
    report = text_report(T3_HEAD + "一、本年新收政府信息公开申请数量 |\n" + "1 |\n" * 7 + "（三）不予公开 |\n" + values
                         + "（四）无法提供 |\n1.本机关不掌握相关政府信息 |\n" + "3 |\n" * 7)
    table = report.data["tables"]["applications"]
    assert all(table[f"withheld_{i}"] == dict.fromkeys(APPLICANTS, 0) for i in range(1, 9))
    assert table["unable_1"] == dict.fromkeys(APPLICANTS, 3)
    notes = [n for n in report.notes if n.code == "F905"]
    assert len(notes) == 1 and notes[0].details["rows"] == [f"withheld_{i}" for i in range(1, 9)]


def test_unlabelled_row_between_labelled_rows():
    report = text_report(T3_HEAD + "一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1\n"
                         "\t0\t0\t0\t0\t0\t0\t0\n"
                         "三、本年度办理结果\t（一）予以公开\t1\t0\t0\t0\t0\t0\t1\n")
    table = report.data["tables"]["applications"]
    assert table["carried_over"] == dict.fromkeys(APPLICANTS, 0)
    assert codes(report) == ["F905"]
    assert report.notes[0].span.line == 5


def test_values_that_fit_no_row_are_noted():
    report = text_report(T3_HEAD + "一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1\n"
                         "合计\t3\t1\n"
                         "二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0\n")
    assert report.data["tables"]["applications"]["carried_over"] == dict.fromkeys(APPLICANTS, 0)
    note = next(n for n in report.notes if n.code == "F906")
    assert note.details["values"] == ["3", "1"]


def test_words_in_value_cells_keep_their_position():
    report = text_report("二、主动公开政府信息情况\n第二十条第（一）项\n"
                         "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n"
                         "规章\t暂无\t0\t3件\n行政规范性文件\n暂无\n1\n2\n")
    item1 = report.data["tables"]["proactive"]["item1"]
    assert item1 == {"rules": {"issued": "暂无", "repealed": 0, "in_force": "3件"},
                     "normative_documents": {"issued": "暂无", "repealed": 1, "in_force": 2}}


def test_page_numbers_are_neither_cells_nor_text():
    report = text_report("二、主动公开政府信息情况\n第二十条第（一）项\n"
                         "信息内容\n本年制发件数\n本年废止件数\n现行有效件数\n"
                         "规章\n0\n— 2 —\n0\n0\n五、存在的主要问题及改进情况\n问题。\n第 3 页 共 5 页\n改进。\n")
    assert report.data["tables"]["proactive"]["item1"]["rules"] == {"issued": 0, "repealed": 0, "in_force": 0}
    assert report.data["sections"]["problems"] == "问题。\n改进。"
    assert report.notes == []


def test_duplicate_row_keeps_the_first():
    report = text_report("二、主动公开政府信息情况\n第二十条第（五）项\n"
                         "信息内容\t本年处理决定数量\n行政许可\t3\n行政许可\t5\n")
    assert report.data["tables"]["proactive"]["item5"]["licensing"] == {"decisions": 3}
    assert codes(report) == ["F907"]


def test_extra_cells_are_ignored_and_noted():
    report = text_report("二、主动公开政府信息情况\n第二十条第（五）项\n信息内容\t本年处理决定数量\n行政许可\t3\t4\n")
    assert report.data["tables"]["proactive"]["item5"]["licensing"] == {"decisions": 3}
    note = report.notes[0]
    assert note.code == "F904" and note.details["extra"] == ["4"]


def test_header_without_rows_is_an_unreadable_table():
    report = text_report(T3_HEAD + "自然人\n法人或其他组织\n总计\n五、存在的主要问题及改进情况\n无。\n")
    assert report.data["tables"]["applications"] == {}
    note = next(n for n in report.notes if n.code == "T210")
    assert note.pointer == "/tables/applications"


def test_heading_without_any_table_leaves_the_table_absent():
    report = text_report("二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n"
                         "四、政府信息公开行政复议、行政诉讼情况\n")
    assert report.data["tables"] == {}
    assert report.notes == []


def test_table_without_its_heading_is_found_by_its_labels():
    # the seed's defect in reverse: section 四's heading is missing, its table is not
    report = text_report(T3_HEAD + "一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1\n"
                         "行政复议\t行政诉讼\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉\n"
                         + "\t".join(["1"] * 15) + "\n五、存在的主要问题及改进情况\n无。\n")
    assert "reviews" not in report.data["sections"]
    assert report.data["tables"]["reviews"]["litigation_after_review"] == dict.fromkeys(
        ("upheld", "corrected", "other", "pending", "total"), 1)
    assert list(report.data["tables"]["applications"]) == ["new"]


def test_mixed_layout_is_noted():
    report = text_report("二、主动公开政府信息情况\n第二十条第（一）项\n"
                         "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n"
                         "规章\t0\t0\t0\n第二十条第（八）项\n信息内容\t本年收费金额（单位：万元）\n行政事业性收费\t0\n"
                         "第二十条第（九）项\n信息内容\t采购项目数量\t采购总金额\n政府集中采购\t1\t251000元\n")
    assert report.format_version == "2019"
    assert "F902" in codes(report)
    assert report.data["tables"]["proactive"]["item9"]["procurement"] == {"projects": 1, "amount": "251000元"}


def test_empty_document_extracts_to_an_empty_report():
    report = extract(Document("empty.txt", "txt", []))
    assert report.data == {"meta": {}, "sections": {}, "tables": {}}
    assert report.headings == [] and report.format_version is None


def test_emitted_codes_are_declared_rules():
    from xxgk_lint.registry import load_rules

    rules = load_rules()
    declared = {code for code, r in rules.items() if r.produced_by == "extract"}
    assert declared == set(EXTRACTION_CODES)
    assert rules["F901"].severity == "warning" and rules["F903"].severity == "info"
    assert rules["T210"].category == "table"


def test_notes_become_diagnostics_in_the_engine(tmp_path):
    from xxgk_lint.engine import Linter

    path = tmp_path / "report.txt"
    path.write_text("二、主动公开政府信息情况\n第二十条第（五）项\n信息内容\t本年处理决定数量\n行政许可\t3\t4\n",
                    encoding="utf-8")
    result = Linter().lint_file(str(path))
    extra = [d for d in result.diagnostics if d.code == "F904"]
    assert len(extra) == 1
    assert (extra[0].location.line, extra[0].location.column) == (4, 8)
    assert extra[0].location.row == "行政许可"


# ---------------------------------------------------------------- lines the source wrapped

CASES = Path(__file__).parent / "cases"


def _codes_of(tmp_path, name: str, text: str) -> set[str]:
    from xxgk_lint.engine import Linter

    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return {d.code for d in Linter().lint_file(str(path)).diagnostics}


@pytest.mark.parametrize("case, old, new, finding", [
    # a PDF or a hard-wrapped text cuts the intro's list of parts, or the report's own name
    ("S111/fail/five-of-six.txt", "存在的主要问题及改进情况、其他", "存在的主要问\n题及改进情况、其他",
     "S111"),
    ("D508/fail/title-year.txt", "2020年政府信息公开工作年度报告。", "2020年政府信息公\n开工作年度报告。",
     "D508"),
])
def test_prose_rules_read_across_wrapped_lines(tmp_path, case, old, new, finding):
    text = (CASES / case).read_text(encoding="utf-8")
    assert text.count(old) == 1
    assert finding in _codes_of(tmp_path, "as-published.txt", text)
    assert finding in _codes_of(tmp_path, "wrapped.txt", text.replace(old, new))


def test_html_title_named_off_the_format_stays_in_the_report(tmp_path):
    """<h1>…政府信息公开工作报告</h1> is the report's title even though the page's <title> is the
    site's name: S112 names it and points at its line."""
    from xxgk_lint.engine import Linter

    lines = (CASES / "S112/fail/work-report.txt").read_text(encoding="utf-8").split("\n")
    body = "\n".join(f"<p>{line}</p>" for line in lines[1:] if line.strip())
    page = (f"<html><head><title>示例县人民政府门户网站</title></head><body>\n"
            f"<div class=\"nav\">首页 | 政务公开</div>\n<div class=\"article\">\n<h1>{lines[0]}</h1>\n"
            f"<div class=\"info\">发布日期：2022-01-20</div>\n<div class=\"content\">\n{body}\n"
            f"</div></div></body></html>")
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    [s112] = [d for d in Linter().lint_file(str(path)).diagnostics if d.code == "S112"]
    assert s112.location.pointer == "/meta/title" and s112.location.line == 4


@pytest.mark.parametrize("written", ["2022-02-30", "2022/2/30", "2022.02.30", "2022年2月30日"])
def test_signature_date_in_any_common_form_is_read_and_checked(tmp_path, written):
    text = (CASES / "D507/fail/february-30.txt").read_text(encoding="utf-8").replace("2022年2月30日", written)
    report = text_report(text)
    assert report.data["meta"]["report_date"] == "2022-02-30"
    assert "D507" in _codes_of(tmp_path, "dated.txt", text)


def test_url_with_a_broken_scheme_is_kept_for_the_url_check(tmp_path):
    text = (CASES / "D507/fail/february-30.txt").read_text(encoding="utf-8")
    url = "https://www.example.gov.cn/xxgk/ndbg/2021.html"
    assert text.count(url) == 1
    broken = text.replace(url, "http//www.example.gov.cn/xxgk/ndbg/2021.html")
    assert text_report(broken).data["meta"]["publication_url"] == "http//www.example.gov.cn/xxgk/ndbg/2021.html"
    assert "C604" in _codes_of(tmp_path, "broken.txt", broken) - _codes_of(tmp_path, "as-published.txt", text)


# ---------------------------------------------------------------- where a mixed layout shows

def test_mixed_layout_points_at_the_stray_2019_row_label(tmp_path):
    """A 2021 table 二 carrying one 2019 row (bench/plant_study.py's "2019-format label in a 2021
    table"): F902 points at that row's label, where the author has to look."""
    from xxgk_lint.engine import Linter

    text = (CASES / "S111/pass/six-parts.txt").read_text(encoding="utf-8")
    licensing = "行政许可\t356\t\t\n"
    assert text.count(licensing) == 1
    text = text.replace(licensing, licensing + "其他对外管理服务事项\t356\t\t\n")
    stray_line = text.split("\n").index("其他对外管理服务事项\t356\t\t") + 1
    path = tmp_path / "mixed.txt"
    path.write_text(text, encoding="utf-8")
    [f902] = [d for d in Linter().lint_file(str(path)).diagnostics if d.code == "F902"]
    assert (f902.location.line, f902.location.column, f902.location.end_column) == (stray_line, 1, 11)
    assert f902.location.pointer == "/tables"
    assert f902.message.zh.startswith("表格同时含有2019年试行格式（其他对外管理服务事项）和2021年格式（本年制发件数")
    assert f902.message.zh.endswith("的标签，按2021年格式读取")


def test_mixed_layout_read_as_2019_points_at_the_first_2021_label():
    report = text_report("二、主动公开政府信息情况\n第二十条第（一）项\n"
                         "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n"
                         "规章\t0\t0\t0\n第二十条第（八）项\n信息内容\t本年收费金额（单位：万元）\n行政事业性收费\t0\n"
                         "第二十条第（九）项\n信息内容\t采购项目数量\t采购总金额\n政府集中采购\t1\t251000元\n")
    [f902] = [n for n in report.notes if n.code == "F902"]
    assert (f902.span.line, f902.span.column) == (6, 6)       # 本年收费金额, the one 2021 label
    assert f902.details["stray"] == "本年收费金额"


def test_layout_detection_tells_where_each_marker_was_first_seen():
    from xxgk_lint.extract.layout import detect_layout
    from xxgk_lint.extract.sections import midline_splitter
    from xxgk_lint.extract.units import build_units

    units = build_units(from_text("report.txt", "本年新制作数量\n行政许可\t本年处理决定数量\n本年新制作数量\t1\n"),
                        midline_splitter)
    layout = detect_layout(units)
    assert layout.version is None and layout.found == {"2019": ["本年新制作数量"], "2021": ["本年处理决定数量"]}
    assert layout.where["本年新制作数量"].unit == 0 and layout.where["本年新制作数量"].span.line == 1
    hit = layout.where["本年处理决定数量"]
    assert hit.unit == 1 and (hit.span.line, hit.span.column, hit.span.end_column) == (2, 6, 14)


def test_intro_listing_parts_as_aspects_reads_across_a_wrapped_line(tmp_path):
    text = (CASES / "S111/fail/five-aspects-listing-six.txt").read_text(encoding="utf-8")
    old = "存在的主要问题及改进情况及其他"
    assert text.count(old) == 1
    assert "S111" in _codes_of(tmp_path, "as-published.txt", text)
    assert "S111" in _codes_of(tmp_path, "wrapped.txt", text.replace(old, "存在的主要问\n题及改进情况及其他"))


def test_mixed_layout_with_even_evidence_names_the_layout_the_year_chooses():
    """One label of each layout: the tables are read in the reporting year's layout (2019 for a
    2020 report), so the note says so and points at the 2021 label."""
    report = text_report("示例县人民政府办公室2020年政府信息公开工作年度报告\n"
                         "二、主动公开政府信息情况\n第二十条第（一）项\n"
                         "信息内容\t本年新制作数量\t本年制发件数\n规章\t0\t0\n")
    [f902] = [n for n in report.notes if n.code == "F902"]
    assert f902.message.zh.endswith("按2019年格式读取") and f902.message.en.endswith("read as the 2019 format")
    assert (f902.span.line, f902.span.column) == (4, 14) and f902.details["stray"] == "本年制发件数"


def test_period_named_by_a_keyword_beats_an_earlier_plain_range():
    text = (CASES / "D507/fail/february-30.txt").read_text(encoding="utf-8")
    keyword_sentence = "本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。"
    assert text.count(keyword_sentence) == 1
    moved = text.replace(keyword_sentence, "")
    moved = moved.replace("一、总体情况", "现将2021年1月1日至2021年6月30日的工作报告如下。\n\n一、总体情况", 1)
    moved = moved.replace("六、其他需要报告的事项\n", "六、其他需要报告的事项\n" + keyword_sentence + "\n", 1)
    assert moved.count(keyword_sentence) == 1 and "2021年6月30日" in moved
    assert text_report(moved).data["meta"]["statistics_period"]["end"] == "2021-12-31"


def test_the_label_index_does_not_depend_on_the_hash_seed():
    """The order of the label targets decides ties between loose matches: it must be the same in
    every run, not follow the iteration order of a set of strings."""
    import os
    import subprocess
    import sys

    code = ("from xxgk_lint.extract.labels import LabelIndex\n"
            "for t in LabelIndex().targets: print(t.table, t.kind, t.id, sorted(t.layouts))\n")
    orders = [subprocess.run([sys.executable, "-c", code], capture_output=True, encoding="utf-8", check=True,
                             env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "3")]
    assert orders[0] and orders[0] == orders[1] == orders[2]
