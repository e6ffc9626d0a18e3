"""Readers: real files (rendered from examples/sample-2021.yaml) → Document, sniffing, encodings."""

from __future__ import annotations

import io
import sys
import types
import zipfile
from pathlib import Path

import pytest

from xxgk_lint.model import Document, InputProblem, Paragraph, Report, TableBlock
from xxgk_lint.readers import SUPPORTED_EXTENSIONS, read
from xxgk_lint.readers.encoding import decode

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "fixtures" / "seed" / "jianning-suixi-2021.txt"
TITLE = "示例县市场监督管理局2021年政府信息公开工作年度报告"


def _read(path: Path) -> Document:
    doc = read(str(path), path.read_bytes())
    assert isinstance(doc, Document)
    return doc


def _tables(doc: Document) -> list[TableBlock]:
    return [b for b in doc.blocks if isinstance(b, TableBlock)]


def _paragraphs(doc: Document) -> list[Paragraph]:
    return [b for b in doc.blocks if isinstance(b, Paragraph)]


def _cells(doc: Document, text: str):
    return [c for t in _tables(doc) for row in t.rows for c in row if c.text.replace("\n", "") == text]


def _para(doc: Document, text: str) -> Paragraph:
    return next(p for p in _paragraphs(doc) if p.text == text)


@pytest.fixture(scope="module")
def docs(sample_documents) -> dict[str, Document]:
    return {kind: _read(path) for kind, path in sample_documents.items()}


# ---------------------------------------------------------------- every reader on the sample

@pytest.mark.parametrize("kind", ["txt", "md", "html", "docx", "pdf"])
def test_sample_reads_with_text_intact(docs, kind):
    doc = docs[kind]
    assert doc.kind == kind
    texts = [p.text for p in _paragraphs(doc)]
    assert TITLE in texts
    assert "六、其他需要报告的事项" in texts
    assert "本年度未收取信息处理费。" in texts
    if kind != "txt":
        assert _cells(doc, "3.危及“三安全一稳定”"), "Chinese quotes in a table cell"


@pytest.mark.parametrize("kind", ["md", "html", "docx", "pdf"])
def test_sample_has_three_tables(docs, kind):
    tables = _tables(docs[kind])
    assert len(tables) == 3
    assert [len(t.rows) for t in tables][:1] == [14]          # 表二: 4 blocks, 14 rows
    assert len(tables[2].rows) == 4                           # 表四: 3 header rows + values


@pytest.mark.parametrize("kind", ["html", "docx", "pdf"])
def test_merged_cells_appear_once_with_spans(docs, kind):
    doc = docs[kind]
    (group,) = _cells(doc, "三、本年度办理结果")
    assert (group.rowspan, group.colspan) == (22, 1)
    (withheld,) = _cells(doc, "（三）不予公开")
    assert withheld.rowspan == 8
    (applicants,) = _cells(doc, "申请人情况")
    assert applicants.colspan == 7
    (orgs,) = _cells(doc, "法人或其他组织")
    assert orgs.colspan == 5
    (note,) = [c for t in _tables(doc) for r in t.rows for c in r if c.text.startswith("（本列数据的勾稽关系")]
    assert (note.rowspan, note.colspan) == (3, 3)
    (litigation,) = _cells(doc, "行政诉讼")
    assert litigation.colspan == 10
    # a row under a vertical merge starts with its own cells, not a repeat of the group
    table3 = _tables(doc)[1]
    second = next(r for r in table3.rows if r[0].text.startswith("2.其他法律"))
    assert [c.text for c in second[1:]] == ["0"] * 7
    # 8 rows + header: every data row of table 三 has 7 values after its labels
    data_rows = [r for r in table3.rows if r[-1].text.isdigit()]
    assert len(data_rows) == 25


def test_txt_paragraph_spans_and_tabs(docs, sample_documents):
    doc = docs["txt"]
    lines = sample_documents["txt"].read_text(encoding="utf-8").split("\n")
    assert doc.lines == lines
    heading = _para(doc, "一、总体情况")
    assert lines[heading.span.line - 1] == "一、总体情况"
    assert heading.span.column == 1
    row = next(p for p in _paragraphs(doc) if "2.其他法律行政法规禁止公开" in p.text)
    assert row.text.startswith("\t\t2.其他法律"), "leading tabs (empty merged cells) are kept"
    assert not doc.notes


def test_txt_column_is_first_visible_character():
    doc = read("x.txt", "标题\n\u3000\u3000一、总体情况  \n\n  正文".encode("utf-8"))
    assert [(p.text, p.span.line, p.span.column) for p in doc.blocks] == [
        ("标题", 1, 1), ("一、总体情况", 2, 3), ("正文", 4, 3)]
    assert doc.blocks[1].span.end_column == 9


def test_seed_txt_keeps_line_numbers():
    doc = _read(SEED)
    first = doc.blocks[0]
    assert first.text == "建宁县濉溪镇人民政府 2021 年政府信息公开工作年度报告"
    assert first.span.line == 3
    assert doc.lines[first.span.line - 1].strip() == first.text


def test_html_spans_point_at_source(docs, sample_documents):
    doc = docs["html"]
    assert doc.title == f"{TITLE}_示例县市场监督管理局"
    assert doc.encoding == "utf-8"
    lines = sample_documents["html"].read_text(encoding="utf-8").split("\n")
    for p in _paragraphs(doc):
        assert lines[p.span.line - 1][p.span.column - 1:].startswith(p.text[:8]), p
    for cell in _cells(doc, "356") + _cells(doc, "（三）不予公开") + _cells(doc, "16"):
        assert lines[cell.span.line - 1][cell.span.column - 1:].startswith(cell.text)
    assert _para(doc, TITLE).level == 1


def test_html_drops_portal_chrome(docs):
    text = "\n".join(p.text for p in _paragraphs(docs["html"]))
    for chrome in ("互动交流", "当前位置", "0591-00000000", "网站标识码", "打印本页", "xxgk</td>"):
        assert chrome not in text
    assert "0591-87654321" in text                      # the report's own phone stays


def test_md_spans_and_levels(docs, sample_documents):
    doc = docs["md"]
    lines = sample_documents["md"].read_text(encoding="utf-8").split("\n")
    assert _para(doc, TITLE).level == 1
    heading = _para(doc, "二、主动公开政府信息情况")
    assert heading.level == 2
    assert lines[heading.span.line - 1] == "## 二、主动公开政府信息情况"
    assert heading.span.column == 4
    (cell,) = _cells(doc, "356")
    assert lines[cell.span.line - 1][cell.span.column - 1:].startswith("356 |")


def test_docx_spans_match_python_docx(docs, sample_documents):
    import docx

    doc = docs["docx"]
    assert doc.title == TITLE
    ref = docx.Document(str(sample_documents["docx"]))
    texts = [p.text for p in ref.paragraphs]
    heading = _para(doc, "四、政府信息公开行政复议、行政诉讼情况")
    assert texts[heading.span.paragraph - 1] == heading.text
    assert heading.level == 1
    assert _para(doc, TITLE).level is None          # Title style is not an outline level
    for text in ("356", "15", "（四）无法提供", "复议后起诉"):
        for cell in _cells(doc, text):
            # python-docx indexes cells by grid column, as the span does
            ref_cell = ref.tables[cell.span.table - 1].rows[cell.span.row - 1].cells[cell.span.cell - 1]
            assert ref_cell.text == cell.text


def test_pdf_pages_lines_and_no_table_text_in_paragraphs(docs, sample_documents):
    import pypdfium2 as pdfium

    doc = docs["pdf"]
    assert doc.title == TITLE
    pdf = pdfium.PdfDocument(str(sample_documents["pdf"]))
    try:
        page_lines = [pdf[i].get_textpage().get_text_range().replace("\r\n", "\n").split("\n")
                      for i in range(len(pdf))]
    finally:
        pdf.close()
    for p in _paragraphs(doc):
        assert p.span.page is not None and p.span.line is not None
        assert page_lines[p.span.page - 1][p.span.line - 1].strip() == p.text
    assert _para(doc, "六、其他需要报告的事项").span.page == 3
    tables = _tables(doc)
    assert [t.span.table for t in tables] == [1, 2, 3]
    assert tables[1].span.page == 2
    (cell,) = _cells(doc, "356")
    assert (cell.span.page, cell.span.table) == (1, 1)
    paragraph_text = "\n".join(p.text for p in _paragraphs(doc))
    for table_text in ("1.属于国家秘密", "本年制发件数", "结果维持", "申请人情况"):
        assert table_text not in paragraph_text
    # blocks keep reading order: the heading of 三 comes before table 三
    order = [b.text if isinstance(b, Paragraph) else "TABLE" for b in doc.blocks]
    assert order.index("三、收到和处理政府信息公开申请情况") < [i for i, x in enumerate(order) if x == "TABLE"][1]


def test_renderer_is_deterministic(sample_documents):
    sys.path.insert(0, str(ROOT / "tests" / "fixtures"))
    try:
        import make_documents
    finally:
        sys.path.pop(0)
    report = make_documents.load(make_documents.DEFAULT_YAML)
    items = make_documents.build_items(report)
    assert make_documents.render_docx(items, report) == sample_documents["docx"].read_bytes()
    assert make_documents.render_pdf(items, report) == sample_documents["pdf"].read_bytes()
    assert make_documents.render_html(items, report) == sample_documents["html"].read_text(encoding="utf-8")


# ---------------------------------------------------------------- encodings

_SAMPLE_TEXT = SEED.read_text(encoding="utf-8")


@pytest.mark.parametrize(("data", "encoding"), [
    (_SAMPLE_TEXT.encode("utf-8"), "utf-8"),
    (b"\xef\xbb\xbf" + _SAMPLE_TEXT.encode("utf-8"), "utf-8-sig"),
    (_SAMPLE_TEXT.encode("gbk"), "gb18030"),
    (_SAMPLE_TEXT.encode("gb18030"), "gb18030"),
    (_SAMPLE_TEXT.encode("utf-16"), "utf-16"),              # with BOM
    (b"\xfe\xff" + _SAMPLE_TEXT.encode("utf-16-be"), "utf-16"),
    (_SAMPLE_TEXT.encode("utf-16-le"), "utf-16-le"),        # no BOM
    (_SAMPLE_TEXT.encode("utf-16-be"), "utf-16-be"),
], ids=["utf8", "utf8-bom", "gbk", "gb18030", "utf16-bom-le", "utf16-bom-be", "utf16le", "utf16be"])
def test_decode_gives_identical_text(data, encoding):
    text, name, note = decode(data)
    assert text == _SAMPLE_TEXT
    assert name == encoding
    assert note is None
    doc = read("report.txt", data)
    assert doc.encoding == encoding
    assert doc.blocks[0].text == "建宁县濉溪镇人民政府 2021 年政府信息公开工作年度报告"


def test_decode_normalises_newlines():
    text, _, _ = decode("一\r\n二\r三\n".encode("gbk"))
    assert text == "一\n二\n三\n"


def test_gb18030_characters_outside_gbk():
    text, name, note = decode("政府信息𠮷公开€年度报告，共收到申请16件。".encode("gb18030"))
    assert (text, name, note) == ("政府信息𠮷公开€年度报告，共收到申请16件。", "gb18030", None)


def test_big5_is_not_silently_read_as_gbk():
    trad = "建寧縣濉溪鎮人民政府2021年政府資訊公開工作年度報告。本年度共收到政府資訊公開申請十六件，辦結十五件。\n" * 3
    text, name, note = decode(trad.encode("big5"))
    assert note is not None and note.code == "I003"
    assert note.details["encoding"] == name
    assert text == trad


def test_lossy_utf8_is_flagged():
    data = _SAMPLE_TEXT[:100].encode("utf-8") + b"\xff" + _SAMPLE_TEXT[100:].encode("utf-8")
    text, name, note = decode(data)
    assert name == "utf-8"
    assert note.code == "I003" and note.details["replaced"] == 1
    assert text.count("\ufffd") == 1


@pytest.mark.parametrize("data", [bytes(range(256)) * 8, b"\x00\x01\x02\x03" * 300,
                                  bytes(range(128, 256)) * 10])
def test_binary_data_is_unreadable(data):
    with pytest.raises(InputProblem) as exc:
        read("report.txt", data)
    assert exc.value.code == "I001"


# ---------------------------------------------------------------- sniffing

def _problem(path: str, data: bytes) -> InputProblem:
    with pytest.raises(InputProblem) as exc:
        read(path, data)
    return exc.value


def test_txt_that_is_html_goes_to_html_reader():
    page = "<!DOCTYPE html><html><head><title>报告</title></head><body><p>一、总体情况</p></body></html>"
    doc = read("download.txt", page.encode("utf-8"))
    assert doc.kind == "html"
    assert [p.text for p in doc.blocks] == ["一、总体情况"]
    assert doc.notes[0].code == "I009"
    assert doc.notes[0].details == {"extension": ".txt", "detected": "html"}


def test_doc_that_is_docx_is_read_as_docx(sample_documents):
    doc = read("report.doc", sample_documents["docx"].read_bytes())
    assert doc.kind == "docx"
    assert doc.notes[0].code == "I009"
    assert len(_tables(doc)) == 3


@pytest.mark.parametrize("name", ["report.doc", "report.wps", "report.dot", "report.docx"])
def test_word_binary_without_libreoffice_says_how_to_check_it(name):
    from xxgk_lint.readers.office import OfficeSettings

    with pytest.raises(InputProblem) as caught:
        read(name, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, office=OfficeSettings(None))
    assert caught.value.code == "I002"
    assert "LibreOffice" in caught.value.message.zh and ".docx" in caught.value.message.zh


def test_wps_spreadsheet_is_legacy_format():
    problem = _problem("report.et", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert problem.code == "I002"
    assert ".docx" in problem.message.zh


def test_ofd_is_named_unsupported():
    problem = _problem("报告.ofd", b"PK\x03\x04" + b"\x00" * 60)
    assert problem.code == "I002"
    assert "OFD" in problem.message.zh and "PDF" in problem.message.zh


def test_docm_is_read_as_docx(sample_documents):
    doc = read("report.docm", sample_documents["docx"].read_bytes())
    assert doc.kind == "docx" and not doc.notes
    assert len(_tables(doc)) == 3


def test_password_protected_docx_is_encrypted():
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100 + "EncryptedPackage".encode("utf-16-le")
    assert _problem("report.docx", data).code == "I005"


@pytest.mark.parametrize("name", ["a.txt", "a.md", "a.html", "a.docx", "a.pdf", "a.yaml", "a.json", "a.doc"])
def test_empty_file(name):
    assert _problem(name, b"").code == "I010"


def test_blank_text_file_is_empty():
    assert _problem("a.txt", " \n\u3000\n\t\n".encode("utf-8")).code == "I010"


@pytest.mark.parametrize(("name", "data", "code"), [
    ("a.docx", b"plain text, not a zip", "I001"),
    ("a.docx", b"PK\x03\x04" + b"\x00" * 50, "I001"),
    ("a.pdf", b"not a pdf at all", "I001"),
    ("a.pdf", b"%PDF-1.7\n garbage", "I001"),
    ("a.xlsx", b"whatever", "I002"),
    ("README", b"whatever", "I002"),
])
def test_wrong_or_broken_content(name, data, code):
    assert _problem(name, data).code == code


def test_docx_zip_without_document_part():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("hello.txt", "hi")
    assert _problem("a.docx", buf.getvalue()).code == "I001"


def test_supported_extensions():
    assert {".txt", ".md", ".html", ".htm", ".docx", ".pdf", ".yaml", ".yml", ".json"} <= set(SUPPORTED_EXTENSIONS)
    assert {".doc", ".wps", ".dot", ".docm"} <= set(SUPPORTED_EXTENSIONS)      # .doc/.wps through LibreOffice


def test_structured_inputs_go_to_structured_reader(monkeypatch):
    seen = {}

    def fake(kind):
        def reader(path, text):
            seen[kind] = text
            return Report(path=path, kind=kind, data={})
        return reader

    module = types.ModuleType("xxgk_lint.readers.structured")
    module.read_yaml, module.read_json = fake("yaml"), fake("json")
    monkeypatch.setitem(sys.modules, "xxgk_lint.readers.structured", module)
    report = read("r.yml", "meta:\r\n  organ: 示例\r\n".encode("gbk"))
    assert isinstance(report, Report)
    assert seen["yaml"] == "meta:\n  organ: 示例\n"
    assert report.encoding == "gb18030"
    read("r.json", '{"a": "示例"}'.encode("utf-16"))
    assert seen["json"] == '{"a": "示例"}'


# ---------------------------------------------------------------- PDF problems

def _canvas_pdf(draw, **kwargs) -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1, **kwargs)
    draw(c)
    c.showPage()
    c.save()
    return buf.getvalue()


def test_encrypted_pdf():
    data = _canvas_pdf(lambda c: c.drawString(100, 700, "report"), encrypt="secret")
    assert _problem("a.pdf", data).code == "I005"


def test_image_only_pdf():
    data = _canvas_pdf(lambda c: c.rect(100, 100, 300, 400, fill=1))
    problem = _problem("scan.pdf", data)
    assert problem.code == "I006"
    assert "OCR" in problem.message.zh


def test_pdf_without_ruling_lines_gives_its_text_lines():
    data = _canvas_pdf(lambda c: (c.drawString(100, 700, "Line one"), c.drawString(100, 680, "Line two")))
    doc = read("a.pdf", data)
    assert [(p.text, p.span.page, p.span.line) for p in doc.blocks] == [("Line one", 1, 1), ("Line two", 1, 2)]


# ---------------------------------------------------------------- HTML details

def test_html_meta_charset_gb2312():
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
            "<title>年度报告</title></head><body>\n<p>一、总体情况</p>\n<p>濉溪镇</p></body></html>")
    doc = read("a.html", page.encode("gb18030"))
    assert doc.encoding == "gb18030"
    assert [(p.text, p.span.line) for p in doc.blocks] == [("一、总体情况", 2), ("濉溪镇", 3)]
    assert not doc.notes


def test_html_wrong_meta_charset_is_noted():
    page = '<html><head><meta charset="gb2312"></head><body><p>一、总体情况：政府信息公开</p></body></html>'
    doc = read("a.html", page.encode("utf-8"))
    assert doc.blocks[0].text == "一、总体情况：政府信息公开"
    assert doc.notes[0].code == "I003"


def test_html_layout_table_and_br_lines():
    page = """<html><body><table width="100%"><tr><td>
<div class="nav">首页</div>
<h2>示例镇2021年政府信息公开工作年度报告</h2>
<p>一、总体情况<br>本镇共收到申请
3件。</p>
<table><tr><td rowspan="2">行政复议</td><td>1</td></tr><tr><td>2</td></tr></table>
<p>六、其他需要报告的事项</p>
</td></tr></table></body></html>"""
    doc = read("a.htm", page.encode("utf-8"))
    assert [(type(b).__name__, getattr(b, "text", None)) for b in doc.blocks] == [
        ("Paragraph", "示例镇2021年政府信息公开工作年度报告"), ("Paragraph", "一、总体情况"),
        ("Paragraph", "本镇共收到申请 3件。"), ("TableBlock", None), ("Paragraph", "六、其他需要报告的事项")]
    assert [(p.span.line, p.span.column) for p in _paragraphs(doc)][:3] == [(3, 5), (4, 4), (4, 14)]
    (table,) = _tables(doc)
    assert [[(c.text, c.rowspan, c.span.line) for c in r] for r in table.rows] == [
        [("行政复议", 2, 6), ("1", 1, 6)], [("2", 1, 6)]]


# ---------------------------------------------------------------- Markdown details

def test_md_html_table_block_and_inline_markup():
    text = ("# **示例报告**\n\n一、总体情况\n本年度**共**收到申请\n\n<!-- xxgk-lint: disable -->\n\n"
            '<table>\n<tr><td colspan="2">申请人情况</td></tr>\n<tr><td>1</td><td>2</td></tr>\n</table>\n')
    doc = read("a.md", text.encode("utf-8"))
    paras = [(p.text, p.span.line, p.level) for p in _paragraphs(doc)]
    assert paras == [("示例报告", 1, 1), ("一、总体情况", 3, None), ("本年度共收到申请", 4, None)]
    (table,) = _tables(doc)
    assert [[(c.text, c.colspan, c.span.line) for c in r] for r in table.rows] == [
        [("申请人情况", 2, 9)], [("1", 1, 10), ("2", 1, 10)]]


# ---------------------------------------------------------------- DOCX details

def _docx_bytes(build) -> bytes:
    import docx

    d = docx.Document()
    build(d)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_docx_textbox_sdt_tracked_changes_and_styles():
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import parse_xml

    ns = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
          'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
          'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
          'xmlns:v="urn:schemas-microsoft-com:vml"')

    def build(d):
        d.add_paragraph("正文第一段")
        custom = d.styles.add_style("标题 2", WD_STYLE_TYPE.PARAGRAPH)
        d.add_paragraph("一、总体情况", style=custom)
        derived = d.styles.add_style("我的标题", WD_STYLE_TYPE.PARAGRAPH)
        derived.base_style = d.styles["Heading 3"]
        d.add_paragraph("（一）主动公开", style=derived)
        body = d.element.body
        sect = body[-1]
        sect.addprevious(parse_xml(
            f'<w:sdt {ns}><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>控件中的文字</w:t></w:r></w:p>'
            f"</w:sdtContent></w:sdt>"))
        sect.addprevious(parse_xml(
            f'<w:p {ns}><w:r><w:t>锚点段</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps">'
            f"<wps:txbx><w:txbxContent><w:p><w:r><w:t>文本框文字</w:t></w:r></w:p></w:txbxContent></wps:txbx>"
            f"</mc:Choice><mc:Fallback><v:textbox><w:txbxContent><w:p><w:r><w:t>文本框文字</w:t></w:r></w:p>"
            f"</w:txbxContent></v:textbox></mc:Fallback></mc:AlternateContent></w:r></w:p>"))
        sect.addprevious(parse_xml(
            f'<w:p {ns}><w:r><w:t>保留</w:t></w:r><w:del w:id="1" w:author="a"><w:r><w:delText>删除</w:delText>'
            f'</w:r></w:del><w:r><w:tab/><w:t>制表</w:t><w:br/><w:t>换行后</w:t></w:r></w:p>'))

    doc = read("a.docx", _docx_bytes(build))
    got = [(p.text, p.span.paragraph, p.level) for p in _paragraphs(doc)]
    assert got == [("正文第一段", 1, None), ("一、总体情况", 2, 2), ("（一）主动公开", 3, 3),
                   ("控件中的文字", 4, None), ("锚点段", 5, None), ("文本框文字", 6, None),
                   ("保留\t制表", 7, None), ("换行后", 7, None)]


def test_docx_gridbefore_and_hmerge():
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

    def build(d):
        d.element.body[-1].addprevious(parse_xml(
            f"<w:tbl {w}><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
            f'<w:tr><w:tc><w:tcPr><w:hMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>合并</w:t></w:r></w:p></w:tc>'
            f'<w:tc><w:tcPr><w:hMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>c</w:t></w:r></w:p></w:tc></w:tr>'
            f'<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr><w:tc><w:p><w:r><w:t>b</w:t></w:r></w:p></w:tc>'
            f"<w:tc><w:p><w:r><w:t>c2</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"))

    (table,) = _tables(read("a.docx", _docx_bytes(build)))
    assert [[(c.text, c.colspan, c.span.cell) for c in r] for r in table.rows] == [
        [("合并", 2, 1), ("c", 1, 3)], [("b", 1, 2), ("c2", 1, 3)]]


def test_docx_automatic_numbering_is_rendered():
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

    def build(d):
        numbering = d.part.numbering_part.element
        numbering.insert(0, parse_xml(
            f'<w:abstractNum {w} w:abstractNumId="90">'
            f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
            f'<w:suff w:val="nothing"/><w:lvlText w:val="%1、"/></w:lvl>'
            f'<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
            f'<w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum>'))
        numbering.append(parse_xml(f'<w:num {w} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
        for text, ilvl in (("总体情况", 0), ("主动公开", 1), ("依申请公开", 1), ("主动公开政府信息情况", 0),
                           ("规章", 1)):
            p = d.add_paragraph(text)
            p._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {w}><w:ilvl w:val="{ilvl}"/><w:numId w:val="90"/></w:numPr>'))
        d.add_paragraph("第一点", style="List Bullet")

    doc = read("a.docx", _docx_bytes(build))
    assert [p.text for p in _paragraphs(doc)] == [
        "一、总体情况", "（一）主动公开", "（二）依申请公开", "二、主动公开政府信息情况", "（一）规章", "第一点"]


def test_html_named_file_with_plain_text_keeps_lines():
    doc = read("a.html", "一、总体情况\n本年度共收到申请16件。\n".encode("utf-8"))
    assert doc.kind == "txt"
    assert [(p.text, p.span.line) for p in doc.blocks] == [("一、总体情况", 1), ("本年度共收到申请16件。", 2)]
    assert doc.notes[0].code == "I009"


def test_markdown_opening_with_html_stays_markdown():
    text = '<div align="center"><p>示例</p><table><tr><td>1</td></tr></table></div>\n\n# 标题\n'
    doc = read("a.md", text.encode("utf-8"))
    assert doc.kind == "md"
    assert not doc.notes
    assert _para(doc, "标题").level == 1


def test_html_repeated_cell_texts_get_their_own_positions():
    # a <td> outside any table is dropped by the HTML5 parser: the <td> counts of source and
    # tree differ, so cell positions fall back to searching the text, which must move forward
    page = ("<html><body><td>x</td>\n<table>\n<tr><td><p>0</p></td><td><p>0</p></td></tr>\n"
            "<tr><td><p>0</p></td></tr>\n</table></body></html>")
    (table,) = _tables(read("a.html", page.encode("utf-8")))
    spans = [(c.span.line, c.span.column) for r in table.rows for c in r]
    assert spans == [(3, 12), (3, 29), (4, 12)]


@pytest.mark.parametrize("cell, text", [
    ("<td>12</td>", "12"),
    ("<td><p><span>12</span></p></td>", "12"),
    ("<td><p>本年新\n制作数量</p></td>", "本年新制作数量"),
    ("<td><p>1</p><p>2</p></td>", "1\n2"),
    ("<td>1<br>2</td>", "1\n2"),
    ("<td><br></td>", ""),
    ("<td><!-- 空 --></td>", ""),
    ("<td><script>x()</script></td>", ""),
    ("<td> <b>3</b> </td>", "3"),
    ("<td></td>", ""),
])
def test_html_cell_text(cell, text):
    doc = read("a.html", f"<table><tr><td>x</td>{cell}</tr></table>".encode("utf-8"))
    (table,) = _tables(doc)
    assert [c.text for c in table.rows[0]] == ["x", text]


def test_md_table_cells_with_and_without_markup():
    text = ("| 项目 | 数量 |\n|---|---|\n| **新收** | 1 |\n| a\\|b | `2` |\n| &lt;三&gt; | [4][n] |\n"
            "| ![图](x.png) | 5 |\n\n[n]: http://example.org\n")
    doc = read("a.md", text.encode("utf-8"))
    (table,) = _tables(doc)
    assert [[c.text for c in row] for row in table.rows] == [
        ["项目", "数量"], ["新收", "1"], ["a|b", "2"], ["<三>", "4"], ["图", "5"]]
