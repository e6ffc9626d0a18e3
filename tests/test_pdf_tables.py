"""PDF tables read from pdfium's own drawing: findings unchanged on every PDF fixture, tables
across pages in LibreOffice-made PDFs, bounded pages.

- Every PDF fixture (tests/fixtures/pdf_fixtures.py) gives the findings recorded with the
  earlier pdfplumber-based reader (tests/fixtures/pdf_findings.json).
- The sample report and every planted-defect case, rendered as .docx with narrow label
  columns (labels wrap over several lines, 表三 runs over 2–3 pages with rows cut by page
  breaks) and converted to PDF by LibreOffice, give the findings of the .docx.
- The same documents with borderless tables (columns aligned by white space, labels wrapped):
  表三's rows are rebuilt from text positions (a few cases and 表四 not yet: strict xfails).
- A page with ~780,000 tiny characters in a 99×99 ruled grid ends quickly with a clear
  finding, in the real CLI, within the time budget and under 1 GB.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from xxgk_lint.config import Config
from xxgk_lint.engine import Linter
from xxgk_lint.model import InputProblem

TESTS = Path(__file__).resolve().parent
FIXTURES = TESTS / "fixtures"
sys.path.insert(0, str(FIXTURES))
import make_documents  # noqa: E402
import pdf_fixtures  # noqa: E402
import soffice  # noqa: E402

sys.path.remove(str(FIXTURES))


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(Config())


# ---------------------------------------------------------------- before and after

def test_every_pdf_fixture_gives_the_findings_recorded_before_the_pdfium_reader(tmp_path, linter):
    recorded = json.loads(pdf_fixtures.RECORD.read_text(encoding="utf-8"))
    fixtures = pdf_fixtures.pdf_fixtures()
    assert sorted(fixtures) == sorted(recorded)
    changed = {name: (recorded[name], now) for name, data in fixtures.items()
               if (now := pdf_fixtures.findings(linter, name, data, tmp_path)) != recorded[name]}
    assert not changed


# ---------------------------------------------------------------- LibreOffice-made PDFs

def _printable(path: Path) -> bool:
    try:
        make_documents.build_items(make_documents.load(path))
    except (KeyError, TypeError, ValueError):
        return False        # no period or a damaged date: the renderer cannot print it
    return True


PLANTED = [Path(make_documents.DEFAULT_YAML),
           *(p for p in sorted((TESTS / "cases").glob("*/fail/*.yaml")) if _printable(p))]


def _name(path: Path) -> str:
    if path.parent.name == "examples":
        return "sample"
    return "__".join(path.relative_to(TESTS / "cases").with_suffix("").parts)


@pytest.fixture(scope="module")
def office_pdfs(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    """{case: (.docx with narrow label columns, the PDF LibreOffice made of it)}."""
    folder = tmp_path_factory.mktemp("office")
    docx: dict[str, Path] = {}
    for path in PLANTED:
        report = make_documents.load(path)
        target = docx[_name(path)] = folder / f"{_name(path)}.docx"
        target.write_bytes(make_documents.render_docx(make_documents.build_items(report), report, narrow_labels=True))
    pdfs = soffice.convert(list(docx.values()), "pdf", folder / "pdf")
    return {name: (source, pdf) for (name, source), pdf in zip(docx.items(), pdfs, strict=True)}


def _codes(linter: Linter, path: Path) -> list[tuple[str, str]]:
    return sorted((d.code, d.location.pointer or "") for d in linter.lint_file(str(path)).diagnostics)


@pytest.mark.slow      # LibreOffice converts every planted case (batch fixture)
def test_the_libreoffice_pdf_of_the_clean_report_runs_table_3_over_pages_and_reads_cleanly(office_pdfs, linter):
    import pypdfium2 as pdfium

    source, pdf = office_pdfs["sample"]
    document = pdfium.PdfDocument(pdf)
    try:
        pages = [document[i].get_textpage().get_text_range() for i in range(len(document))]
    finally:
        document.close()
    # the fixture is what the issue describes: 表三 over three pages, labels wrapped in cells
    start = next(i for i, text in enumerate(pages) if "申请人情况" in text)
    end = max(i for i, text in enumerate(pages) if "结转下年度继续办理" in text)
    assert end - start >= 2
    assert not any(label in pages[start + 1] for label in ("申请人情况", "行政复议", "本年新收"))
    assert "5.属于\r\n三类内\r\n部事务\r\n信息" in pages[start]
    result = linter.lint_file(str(pdf))
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    assert _codes(linter, pdf) == _codes(linter, source) == []
    assert _pages_of_table_3(pdf) == set(range(start + 1, end + 2))      # one table over its pages


@pytest.mark.slow      # LibreOffice converts every planted case (batch fixture)
@pytest.mark.parametrize("name", [_name(p) for p in PLANTED])
def test_a_libreoffice_pdf_gives_the_findings_of_its_docx(office_pdfs, linter, name):
    source, pdf = office_pdfs[name]
    assert _codes(linter, pdf) == _codes(linter, source)


# ---------------------------------------------------------------- bounded pages

def _heavy_page(cells: int = 99, text: str = "0123456789" * 8) -> bytes:
    """One page: a cells × cells ruled grid, every cell holding 80 tiny characters (~790,000)."""
    import io

    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=(595, 842), invariant=1)
    step, origin = 5.5, 20
    page.setLineWidth(0.05)
    for i in range(cells + 1):
        page.line(origin + i * step, origin, origin + i * step, origin + cells * step)
        page.line(origin, origin + i * step, origin + cells * step, origin + i * step)
    page.setFont("Helvetica", 0.5)
    for row in range(cells):
        for column in range(cells):
            page.drawString(origin + column * step + 0.2, origin + row * step + 2, text)
    page.showPage()
    page.save()
    return buffer.getvalue()


MEASURED_CHILD = """
import resource, subprocess, sys, time
start = time.monotonic()
done = subprocess.run([sys.executable, "-m", "xxgk_lint", "check", "--format", "json", sys.argv[1]],
                      capture_output=True, text=True, encoding="utf-8")
print(done.returncode, time.monotonic() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)
print(done.stdout)
"""


@pytest.mark.slow      # a hostile page: 780,000 characters
def test_a_page_of_780000_tiny_characters_in_a_ruled_grid_ends_with_a_finding_within_budget_and_1_gb(tmp_path):
    import subprocess

    from xxgk_lint.readers import limits

    heavy = tmp_path / "heavy.pdf"
    heavy.write_bytes(_heavy_page())
    run = subprocess.run([sys.executable, "-c", MEASURED_CHILD, str(heavy)], capture_output=True, text=True,
                         encoding="utf-8", check=True)
    status, seconds, peak_mb = run.stdout.split("\n", 1)[0].split()
    findings = json.loads(run.stdout.split("\n", 1)[1])
    assert int(status) == 1
    assert float(seconds) < limits.PDF_TIME_BUDGET_S / 2
    assert int(peak_mb) < 1024
    [finding] = [d for file in findings["files"] for d in file["diagnostics"]]
    assert finding["code"] == "I004"
    assert "第1页的字符过多" in finding["message"] and "50,000" in finding["message"]


def test_the_page_limits_are_checked_before_table_detection(tmp_path, linter, monkeypatch):
    """Characters under the page limit, but the drawing over the ruling-line limit: the
    finding names the lines, and no table detection ran."""
    from xxgk_lint.readers import limits
    from xxgk_lint.readers import pdf as pdf_reader

    heavy = tmp_path / "grid.pdf"
    heavy.write_bytes(_heavy_page(text="1"))
    monkeypatch.setattr(limits, "MAX_PDF_PAGE_RULES", 150)
    monkeypatch.setattr(pdf_reader, "find_grids", lambda *_: pytest.fail("table detection ran"))
    [finding] = linter.lint_file(str(heavy)).diagnostics
    assert finding.code == "I004" and "第1页的表格线过多（200 条，上限 150）" in finding.message.zh


def _sample_variant(tmp_path: Path, office_pdfs, change, name: str) -> tuple[Path, Path, list[str]]:
    """The narrow-label sample .docx changed by `change(source, target)`, its LibreOffice PDF,
    and the text of each PDF page."""
    import pypdfium2 as pdfium

    source = tmp_path / f"{name}.docx"
    change(office_pdfs["sample"][0], source)
    [pdf] = soffice.convert([source], "pdf", tmp_path / "pdf")
    document = pdfium.PdfDocument(pdf)
    try:
        return source, pdf, [document[i].get_textpage().get_text_range() for i in range(len(document))]
    finally:
        document.close()


def _docx_with_repeated_header(source: Path, target: Path) -> None:
    """The document with 表三's three header rows marked to repeat on every page (Word's
    标题行重复, w:tblHeader), as many organs set it."""
    import docx
    from docx.oxml import OxmlElement

    document = docx.Document(str(source))
    table = next(t for t in document.tables if len(t.columns) == 10)
    for row in table.rows[:3]:
        row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    document.save(str(target))


@pytest.mark.slow      # LibreOffice converts every planted case (batch fixture)
def test_a_table_whose_header_rows_repeat_on_every_page_reads_as_one_table(tmp_path, office_pdfs, linter):
    from xxgk_lint.readers import read

    source, pdf, texts = _sample_variant(tmp_path, office_pdfs, _docx_with_repeated_header, "repeated")
    assert sum("申请人情况" in text for text in texts) >= 3        # the header is printed on each page
    assert _codes(linter, pdf) == _codes(linter, source) == []
    tables = [b for b in read(str(pdf), pdf.read_bytes()).blocks if hasattr(b, "rows")]
    applications = [t for t in tables if any("申请人情况" in c.text for row in t.rows for c in row)]
    assert len(applications) == 1
    assert sum(c.text == "申请人情况" for row in applications[0].rows for c in row) == 1


def _canvas(draw) -> bytes:
    import io

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=(595, 842), invariant=1)
    page.setFont("STSong-Light", 10)
    draw(page)
    page.showPage()
    page.save()
    return buffer.getvalue()


def _small_table(page, left: float = 60, top: float = 700) -> None:
    """A 3 × 2 ruled table, lines drawn as one rectangle per cell (as some exporters do)."""
    for r, row in enumerate([("项目", "数量"), ("行政许可", "356"), ("行政处罚", "42")]):
        for c, text in enumerate(row):
            x, y = left + c * 100, top - (r + 1) * 20
            page.rect(x, y, 100, 20)
            page.drawString(x + 4, y + 6, text)


def test_text_beside_a_table_at_the_same_height_is_kept():
    from xxgk_lint.readers import read

    def draw(page):
        page.drawString(60, 760, "表一 主动公开情况")
        _small_table(page)
        page.drawString(300, 670, "注：单位为件")
        page.drawString(60, 600, "表后的段落")

    blocks = read("a.pdf", _canvas(draw)).blocks
    texts = [b.text if hasattr(b, "text") else [[c.text for c in row] for row in b.rows] for b in blocks]
    assert texts == ["表一 主动公开情况", "注：单位为件", [["项目", "数量"], ["行政许可", "356"], ["行政处罚", "42"]],
                     "表后的段落"]


def test_the_time_budget_is_checked_inside_a_page(monkeypatch):
    """A clock that advances a second at each look: the budget runs out after the two looks
    between pages, so only a look inside the page's loops can stop the reading."""
    from xxgk_lint.readers import limits, read
    from xxgk_lint.readers import pdf as pdf_reader

    def draw(page):
        page.drawString(60, 760, "第一页")
        for i in range(40):
            page.line(60, 100 + i * 10, 300, 100 + i * 10)
            page.line(60 + i * 6, 100, 60 + i * 6, 490)

    data = _canvas(draw)
    assert read("a.pdf", data).blocks        # with time to spare: read
    ticks = iter(range(1, 10_000))
    monkeypatch.setattr(pdf_reader.time, "monotonic", lambda: float(next(ticks)))
    monkeypatch.setattr(limits, "PDF_TIME_BUDGET_S", 3.5)
    monkeypatch.setattr(pdf_reader, "_CLOCK_EVERY", 16)
    with pytest.raises(InputProblem) as stopped:
        read("a.pdf", data)
    assert stopped.value.code == "I008" and "第1页" in stopped.value.message.zh


def test_a_grid_drawn_as_one_path_is_a_table_and_a_shaded_background_is_not():
    from xxgk_lint.readers import read

    def draw(page):
        page.setFillColorRGB(0.95, 0.95, 0.95)
        page.rect(20, 20, 555, 800, stroke=0, fill=1)          # a page background
        page.setFillColorRGB(0, 0, 0)
        page.drawString(60, 760, "表一")
        grid = page.beginPath()
        for y in (700, 680, 660):
            grid.moveTo(60, y)
            grid.lineTo(260, y)
        for x in (60, 160, 260):
            grid.moveTo(x, 700)
            grid.lineTo(x, 660)
        page.drawPath(grid, stroke=1, fill=0)
        for r, row in enumerate([("行政许可", "356"), ("行政处罚", "42")]):
            for c, text in enumerate(row):
                page.drawString(64 + c * 100, 686 - r * 20, text)
        page.drawString(60, 600, "表后的段落")

    blocks = read("a.pdf", _canvas(draw)).blocks
    texts = [b.text if hasattr(b, "text") else [[c.text for c in row] for row in b.rows] for b in blocks]
    assert texts == ["表一", [["行政许可", "356"], ["行政处罚", "42"]], "表后的段落"]


def test_a_page_border_keeps_the_page_text_as_paragraphs():
    from xxgk_lint.readers import read

    def draw(page):
        page.rect(20, 20, 555, 800)                 # a decorative border around the page
        page.drawString(60, 760, "一、总体情况")
        _small_table(page)
        page.drawString(60, 600, "表后的段落")

    blocks = read("a.pdf", _canvas(draw)).blocks
    texts = [b.text if hasattr(b, "text") else [[c.text for c in row] for row in b.rows] for b in blocks]
    assert texts == ["一、总体情况", [["项目", "数量"], ["行政许可", "356"], ["行政处罚", "42"]], "表后的段落"]


def _docx_with_page_numbers(source: Path, target: Path) -> None:
    """The document with a centred page number in its footer (- 3 -), as most reports have."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document(str(source))
    footer = document.sections[0].footer.paragraphs[0]
    footer.alignment = 1
    footer.add_run("- ")
    footer._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    footer.add_run(" -")
    document.save(str(target))


@pytest.mark.slow      # LibreOffice converts every planted case (batch fixture)
def test_a_page_number_in_the_footer_does_not_keep_a_table_from_joining(tmp_path, office_pdfs, linter):
    source, pdf, texts = _sample_variant(tmp_path, office_pdfs, _docx_with_page_numbers, "numbered")
    assert "".join(texts[2].split()).endswith("-3-")
    assert _codes(linter, pdf) == _codes(linter, source) == []
    assert _pages_of_table_3(pdf) == {2, 3, 4}


def _pages_of_table_3(pdf: Path) -> set[int]:
    """The pages of the cells of the one table holding 表三's header."""
    from xxgk_lint.readers import read

    tables = [b for b in read(str(pdf), pdf.read_bytes()).blocks if hasattr(b, "rows")]
    [applications] = [t for t in tables if any("申请人情况" in c.text for row in t.rows for c in row)]
    return {c.span.page for row in applications.rows for c in row}


def _docx_with_running_header(source: Path, target: Path) -> None:
    """The document with the report's title as a running header on every page."""
    import docx

    document = docx.Document(str(source))
    document.sections[0].header.paragraphs[0].text = "示例县市场监督管理局2021年政府信息公开工作年度报告"
    document.save(str(target))


@pytest.mark.slow      # LibreOffice converts every planted case (batch fixture)
def test_a_running_header_does_not_keep_a_table_from_joining(tmp_path, office_pdfs, linter):
    source, pdf, texts = _sample_variant(tmp_path, office_pdfs, _docx_with_running_header, "headed")
    assert all(text.startswith("示例县市场监督管理局 2021 年政府信息公开工作年度报告") for text in texts)
    assert _codes(linter, pdf) == _codes(linter, source)
    assert _pages_of_table_3(pdf) == {2, 3, 4}


# ---------------------------------------------------------------- tables without ruling lines

@pytest.fixture(scope="module")
def unruled_pdfs(tmp_path_factory, office_pdfs) -> dict[str, tuple[Path, Path]]:
    """{case: (.docx whose tables have no borders, its LibreOffice PDF)}: columns aligned by
    white space only, labels wrapped in their narrow column, 表三 over several pages."""
    import docx

    folder = tmp_path_factory.mktemp("unruled")
    sources = {}
    for name, (ruled, _) in office_pdfs.items():
        document = docx.Document(str(ruled))
        for table in document.tables:
            table.style = None          # Word's 普通表格: no borders
        document.save(str(folder / f"{name}.docx"))
        sources[name] = folder / f"{name}.docx"
    pdfs = soffice.convert(list(sources.values()), "pdf", folder / "pdf")
    return {name: (source, pdf) for (name, source), pdf in zip(sources.items(), pdfs, strict=True)}


def _without_table_4(codes: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(code, pointer) for code, pointer in codes if not pointer.startswith("/tables/reviews")
            and (code, pointer) != ("S102", "/tables/reviews")]


# Cases whose unruled PDF is not yet read as the .docx (causes not yet analysed; seen: extra
# F901/A40x on 表三 where the 2019 layout or an odd label wraps differently, and on 表二).
UNRULED_NOT_YET = {
    "D508__fail__title-year": "extra F901 on 表三 （五）/（六） labels",
    "K803__fail__none-received": "extra F901 on 表三 labels",
    "S107__fail__2022-in-2019-format": "the 2019-format 表三 rows are not rebuilt (A402/A403)",
    "S108__fail__2020-in-2021-format": "extra F901 on 表二 and A405 on 表三",
    "S111__fail__five-aspects-listing-six": "表三 rows misread (A403/A405)",
    "S111__fail__five-of-six": "表三 rows misread (A403/A405)",
    "S113__fail__no-organ": "extra F901 on 表三 labels",
    "T205__fail__one-row": "the one-row （六）其他处理 is rebuilt as （六）1 (T201 instead of T205)",
    "V301__fail__sign-words": "cells holding 减4/-// make the unruled rows misread (F901, T202)",
}


def _unruled_params():
    for path in PLANTED:
        reason = UNRULED_NOT_YET.get(_name(path))
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        yield pytest.param(_name(path), marks=marks, id=_name(path))


@pytest.mark.slow      # LibreOffice converts every planted case (batch fixture)
@pytest.mark.parametrize("name", list(_unruled_params()))
def test_an_unruled_table_3_with_wrapped_labels_reads_as_in_the_docx(unruled_pdfs, linter, name):
    source, pdf = unruled_pdfs[name]
    assert _without_table_4(_codes(linter, pdf)) == _without_table_4(_codes(linter, source))


@pytest.mark.xfail(strict=True, reason="表四 without ruling lines: one row of figures under a header whose cells "
                                       "wrap one character a line (结/果/维/持) is not rebuilt, so 表四 is not found")
@pytest.mark.slow      # LibreOffice converts every planted case (batch fixture)
def test_an_unruled_clean_report_reads_as_in_the_docx(unruled_pdfs, linter):
    source, pdf = unruled_pdfs["sample"]
    assert _codes(linter, pdf) == _codes(linter, source) == []


def test_a_page_of_more_text_runs_than_a_report_page_is_not_rebuilt(monkeypatch):
    from xxgk_lint.readers import pdf as pdf_reader
    from xxgk_lint.readers import read

    def draw(page):
        for row in range(4):
            page.drawString(60, 700 - row * 20, f"第{row + 1}行")
            for column in range(5):
                page.drawString(200 + column * 40, 700 - row * 20, str(column))

    data = _canvas(draw)
    monkeypatch.setattr(pdf_reader, "_MAX_RUNS", 10)
    monkeypatch.setattr(pdf_reader, "unruled_rows", lambda runs: pytest.fail("rows rebuilt"))
    assert "第1行" in [b.text for b in read("a.pdf", data).blocks]       # its text lines, as they are
