"""PDF reports: pypdfium2 for text, pdfplumber for tables (ECOSYSTEM.md §5).

pypdfium2 extracts a page's text in about 1 ms with Chinese intact; pdfplumber is the only
library that recovers table cells reliably but costs ~30 ms a page and ~100 ms to import,
so it runs only on pages whose text carries table labels.

On a page with tables, the text outside the table boxes is taken band by band
(`get_text_bounded`), so table text does not reappear as paragraphs. Each Paragraph is one
extracted text line: span page + line (1-based line within that page's full extracted
text). A table fragment is one TableBlock per pdfplumber table: span page + table (1-based
across the document); cells add row (1-based row within the fragment) and cell (1-based
grid column). Merged cells appear once with rowspan/colspan computed from the cell boxes.
A table broken across pages gives one TableBlock per page.

A page without a text layer that holds an image is a scan: with the `ocr` extra installed it
is rendered and recognised by `ocr.pdf_page_blocks` (its spans carry the confidence).
"""

from __future__ import annotations

import bisect
import time

from ..model import Cell, Document, InputProblem, Message, Paragraph, Span, TableBlock
from . import limits, ocr
from .encoding import normalise_newlines

# Labels found only in the report tables: a page without any has no table worth parsing.
TABLE_LABELS = ("申请人情况", "信息内容", "行政复议", "行政诉讼", "本年新收", "上年结转", "予以公开",
                "不予公开", "无法提供", "不予处理", "其他处理", "结转下年度", "结果维持", "第二十条",
                "本年制发", "处理决定", "收费金额", "新制作", "对外公开总数量")
_TOL = 2.0   # points: edges closer than this are the same grid line
_LOOKAHEAD = 1000   # lines; a printed page has a few hundred at most


def _problem_encrypted() -> InputProblem:
    return InputProblem("I005", Message("PDF 文件已加密（需要密码才能打开），无法读取，请提供未加密的文件",
                                        "the PDF is encrypted (a password is needed to open it) and cannot be read"))


def _open(data: bytes):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == getattr(pdfium.raw, "FPDF_ERR_PASSWORD", 4) or "password" in str(exc).lower():
            raise _problem_encrypted() from None
        if code == getattr(pdfium.raw, "FPDF_ERR_SECURITY", 5):
            raise InputProblem("I005", Message("PDF 使用了不支持的加密方式，无法读取",
                                               "the PDF uses an unsupported security handler")) from None
        raise _damaged() from None


def _lines(text: str) -> list[str]:
    return [ln.strip() for ln in normalise_newlines(text).split("\n")]


def _index(edges: list[float], value: float) -> int:
    i = bisect.bisect_left(edges, value - _TOL)
    return min(i, len(edges) - 1)


def _merge_edges(values) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > _TOL:
            out.append(v)
    return out


def _table_block(table: tuple, page_no: int, table_no: int) -> TableBlock | None:
    """A found table (bbox, texts, cell boxes per row) → TableBlock, spans from the cell boxes."""
    _, texts, cell_rows = table
    boxes = [(r, c, bbox) for r, row in enumerate(cell_rows) for c, bbox in enumerate(row) if bbox]
    if not boxes:
        return None
    xs = _merge_edges([b[0] for _, _, b in boxes] + [b[2] for _, _, b in boxes])
    ys = _merge_edges([b[1] for _, _, b in boxes] + [b[3] for _, _, b in boxes])
    rows: dict[int, list[tuple[int, Cell]]] = {}
    for r, c, (x0, top, x1, bottom) in boxes:
        col, row = _index(xs, x0), _index(ys, top)
        colspan = max(1, _index(xs, x1) - col)
        rowspan = max(1, _index(ys, bottom) - row)
        raw = texts[r][c] if r < len(texts) and c < len(texts[r]) else None
        text = "\n".join(part.strip() for part in normalise_newlines(raw or "").split("\n") if part.strip())
        rows.setdefault(row, []).append(
            (col, Cell(text, Span(page=page_no, table=table_no, row=row + 1, cell=col + 1), rowspan, colspan)))
    out = [[cell for _, cell in sorted(cells, key=lambda x: x[0])] for _, cells in sorted(rows.items())]
    return TableBlock(out, Span(page=page_no, table=table_no))


def _damaged() -> InputProblem:
    return InputProblem("I001", Message("PDF 文件已损坏或格式无效，无法读取", "the PDF is damaged or not a valid PDF"))


class _Clock:
    """The reading time budget, checked between pages (a page itself is not interrupted)."""

    def __init__(self):
        self.deadline = time.monotonic() + limits.PDF_TIME_BUDGET_S

    def check(self, page_no: int) -> None:
        if time.monotonic() > self.deadline:
            raise InputProblem("I008", Message(
                f"读取 PDF 超过 {limits.PDF_TIME_BUDGET_S:g} 秒（停在第{page_no}页），页面内容异常复杂，未检查",
                f"reading the PDF took over {limits.PDF_TIME_BUDGET_S:g} s (stopped at page {page_no}); "
                f"its pages are abnormally complex; not checked"))


def read(path: str, data: bytes) -> Document:
    import pypdfium2 as pdfium

    clock = _Clock()
    pdf = _open(data)
    try:
        try:
            title = (pdf.get_metadata_value("Title") or "").strip() or None
        except (pdfium.PdfiumError, UnicodeDecodeError, ValueError):
            title = None        # damaged metadata loses only the title
        if len(pdf) > limits.MAX_PDF_PAGES:
            raise limits.too_large(f"PDF 页数过多（{len(pdf):,} 页，上限 {limits.MAX_PDF_PAGES} 页）",
                                   f"the PDF has too many pages ({len(pdf):,}, limit {limits.MAX_PDF_PAGES})")
        try:
            pages = []
            chars = 0
            for i in range(len(pdf)):
                clock.check(i + 1)
                page = pdf[i]
                textpage = page.get_textpage()
                pages.append((page, textpage, textpage.get_text_range()))
                chars += len(pages[-1][2])
                if chars > limits.MAX_TEXT_CHARS:
                    raise limits.too_long_text(chars)
        except pdfium.PdfiumError:
            raise _damaged() from None
        # Pages without a text layer but with an image are scans: read by OCR when installed.
        scanned = {i for i, (page, _, text) in enumerate(pages) if not text.strip() and _has_image(page)}
        if scanned and len(scanned) > limits.MAX_OCR_PAGES:
            raise limits.too_large(f"PDF 扫描页过多（{len(scanned)} 页，上限 {limits.MAX_OCR_PAGES} 页）",
                                   f"the PDF has too many scanned pages ({len(scanned)}, limit {limits.MAX_OCR_PAGES})")
        if scanned and not ocr.available():
            if len(scanned) == len(pages):
                raise ocr.not_installed("PDF ", "the PDF")
            scanned = set()
        clock.deadline += limits.OCR_SECONDS_PER_PAGE * len(scanned)
        if not scanned and not any(text.strip() for _, _, text in pages):
            raise InputProblem("I006", Message(
                "PDF 中没有可提取的文字（可能是扫描件或图片），未做文字识别（OCR），无法检查；请提供带文字层的 PDF 或 Word 文档",
                "the PDF has no extractable text (probably a scan or images); no OCR is done, so it cannot "
                "be checked; provide a PDF with a text layer or the Word document"))
        table_pages = [i for i, (_, _, text) in enumerate(pages) if any(lbl in text for lbl in TABLE_LABELS)]
        found = _find_tables(data, table_pages, clock) if table_pages else {}
        blocks: list = []
        table_no = 0
        for i, (page, textpage, text) in enumerate(pages):
            page_no = i + 1
            if i in scanned:
                clock.check(page_no)
                recognised = ocr.pdf_page_blocks(page, page_no, table_no + 1)
                table_no += sum(1 for b in recognised if isinstance(b, TableBlock))
                blocks.extend(recognised)
                continue
            full = _lines(text)
            cursor = 0

            def emit(lines: list[str]) -> None:
                nonlocal cursor
                for line in lines:
                    if not line:
                        continue
                    try:
                        # searched a page's worth of lines ahead, not to the end: a line that
                        # is never found would otherwise cost a scan of the rest, each time
                        at = full.index(line, cursor, cursor + _LOOKAHEAD)
                    except ValueError:
                        at = None
                    if at is not None:
                        cursor = at + 1
                    blocks.append(Paragraph(line, Span(page=page_no, line=at + 1 if at is not None else None)))

            tables = found.get(i, [])
            if not tables:
                emit(full)
                continue
            width, height = page.get_size()
            top = 0.0                              # pdfplumber coordinates: from the top
            for table in tables:
                _, t_top, _, t_bottom = table[0]
                if t_top > top:
                    emit(_lines(textpage.get_text_bounded(0, height - t_top, width, height - top)))
                table_no += 1
                block = _table_block(table, page_no, table_no)
                if block is not None:
                    blocks.append(block)
                else:
                    table_no -= 1
                top = max(top, t_bottom)
            if top < height:
                emit(_lines(textpage.get_text_bounded(0, 0, width, height - top)))
        return Document(path=path, kind="pdf", blocks=blocks, title=title)
    finally:
        pdf.close()


def _has_image(page) -> bool:
    import pypdfium2 as pdfium

    try:
        return any(obj.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE for obj in page.get_objects(max_depth=2))
    except pdfium.PdfiumError:
        return False


def _grid_size(page) -> tuple[int, int]:
    """Distinct vertical and horizontal ruling-line positions of a page (3 pt apart, as
    pdfplumber snaps them): table detection costs grow faster than their product."""
    xs: set[int] = set()
    ys: set[int] = set()
    for edge in page.edges:
        if edge["orientation"] == "v":
            xs.add(round(edge["x0"] / 3))
        else:
            ys.add(round(edge["top"] / 3))
    return len(xs), len(ys)


def _find_tables(data: bytes, page_indices: list[int], clock: _Clock) -> dict[int, list[tuple]]:
    """(bbox, cell texts, cell boxes) of pdfplumber tables on the given pages, top to bottom."""
    import logging

    # pdfminer logs a warning for every oddity of a damaged file ("Data-loss while
    # decompressing corrupted data"), which would reach the user's terminal; what matters
    # is reported as findings.
    logger = logging.getLogger("pdfminer")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        return _plumb(data, page_indices, clock)
    finally:
        logger.setLevel(level)


def _plumb(data: bytes, page_indices: list[int], clock: _Clock) -> dict[int, list[tuple]]:
    import io

    import pdfplumber

    out: dict[int, list[tuple]] = {}
    try:
        doc = pdfplumber.open(io.BytesIO(data))
    except Exception:  # noqa: BLE001 - pdfminer raises many types on damaged files; pdfium read the text
        return out
    try:
        for i in page_indices:
            clock.check(i + 1)
            try:
                page = doc.pages[i]
                vertical, horizontal = _grid_size(page)
            except Exception:  # noqa: BLE001 - as below
                continue
            if vertical * horizontal > limits.MAX_PDF_GRID:
                raise limits.too_large(
                    f"PDF 第{i + 1}页的表格线过多（{vertical}×{horizontal}，上限 {limits.MAX_PDF_GRID:,} 个交点）",
                    f"page {i + 1} of the PDF has too many table ruling lines ({vertical}×{horizontal}, "
                    f"limit {limits.MAX_PDF_GRID:,} crossings)")
            try:
                tables = sorted(page.find_tables(), key=lambda t: t.bbox[1])
                found = [(t.bbox, t.extract(), [row.cells for row in t.rows]) for t in tables]
            except Exception:  # noqa: BLE001 - same: the page's text lines are still read, as paragraphs
                continue
            if found:
                out[i] = found
    finally:
        try:
            doc.close()     # parses every page again; damaged pages raise here too
        except Exception:  # noqa: BLE001
            pass
    return out
