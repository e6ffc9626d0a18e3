"""PDF reports: pypdfium2 for text, ruling lines and cell text (docs/ECOSYSTEM.md §5).

pypdfium2 extracts a page's text in about 1 ms with Chinese intact. Tables are found from
the page's own drawing: the path objects pdfium already parsed give the ruling lines
(`_rulings`), `pdf_tables` turns them into cells, and pdfium reads each cell's text from its
box. A page without ruling lines costs nothing more than its text.

Each page is bounded before any table work (characters, drawing objects, ruling lines,
grid crossings: readers/limits.py), and the time budget is checked between pages and inside
the long loops of a page.

On a page with tables, the text outside the table boxes is taken band by band
(`get_text_bounded`), so table text does not reappear as paragraphs; text beside a table, in
its band, is kept. Each Paragraph is one extracted text line: span page + line (1-based
line within that page's full extracted text). A table is one TableBlock: span page + table
(1-based across the document); cells add row (1-based fine-grid row within its page's part)
and cell (1-based grid column). Merged cells appear once with rowspan/colspan. A table
broken across pages is joined into one TableBlock (`pdf_tables.join`), its cells keeping
their own page.

A page without a text layer that holds an image is a scan: with the `ocr` extra installed it
is rendered and recognised by `ocr.pdf_page_blocks` (its spans carry the confidence; its tables
are not joined across pages).
"""

from __future__ import annotations

import ctypes
import re
import time

from ..model import Cell, Document, InputProblem, Message, Paragraph, Span, TableBlock
from . import limits, ocr
from .encoding import normalise_newlines
from .pdf_columns import Row, Rows, Run, unruled_rows
from .pdf_tables import Fragment, Grid, Segment, continues, find_grids, grid_size, join

_LOOKAHEAD = 1000   # lines; a printed page has a few hundred at most
_THIN = 3.0         # points: a path this thin in one direction is a ruling line
_MIN_RULE = 3.0     # points: shorter strokes (bullets, underlines of one character) are no rule
_CLOCK_EVERY = 4096         # page objects or cells between two looks at the time budget
_MAX_RUNS = 4000            # text runs of a page whose unruled table rows are rebuilt (a report page: ~300)
# A number standing alone in the text: a page with few has no table of figures to rebuild.
_NUMBER_WORD = re.compile(r"(?<!\S)\d+(?:\.\d+)?(?!\S)")
# A running header or footer line that may sit between two parts of one table.
_RUNNING_LINE = re.compile(r"^[\s\-—–·・]*(?:第\s*)?\d+\s*(?:页)?(?:\s*[/／]\s*(?:共\s*)?\d+\s*页?)?[\s\-—–·・]*$")


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


def _damaged() -> InputProblem:
    return InputProblem("I001", Message("PDF 文件已损坏或格式无效，无法读取", "the PDF is damaged or not a valid PDF"))


class _Clock:
    """The reading time budget, checked between pages and inside a page's long loops."""

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
                _check_page_chars(textpage.count_chars(), i + 1)
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
                "PDF 中没有可提取的文字（可能是扫描件或图片），未做文字识别（OCR），无法检查；"
                "请提供带文字层的 PDF 或 Word 文档",
                "the PDF has no extractable text (probably a scan or images); no OCR is done, so it cannot "
                "be checked; provide a PDF with a text layer or the Word document"))
        blocks: list = []
        fragments: list[Fragment] = []
        open_row = None
        for i, (page, textpage, text) in enumerate(pages):
            clock.check(i + 1)
            if i in scanned:
                # numbered with the others when the blocks are joined
                blocks.extend(ocr.pdf_page_blocks(page, i + 1, 0))
                open_row = None
                continue
            previous = pages[i - 1][2] if i else ""
            open_row = _read_page(page, textpage, text, i + 1, clock, blocks, fragments, _lines(previous), open_row)
        return Document(path=path, kind="pdf", blocks=_joined(blocks, fragments), title=title)
    finally:
        pdf.close()


def _has_image(page) -> bool:
    import pypdfium2 as pdfium

    try:
        return any(obj.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE for obj in page.get_objects(max_depth=2))
    except pdfium.PdfiumError:
        return False


def _check_page_chars(count: int, page_no: int) -> None:
    if count > limits.MAX_PDF_PAGE_CHARS:
        raise limits.too_large(
            f"PDF 第{page_no}页的字符过多（{count:,} 个，上限 {limits.MAX_PDF_PAGE_CHARS:,}）",
            f"page {page_no} of the PDF has too many characters ({count:,}, limit {limits.MAX_PDF_PAGE_CHARS:,})")


def _read_page(page, textpage, text: str, page_no: int, clock: _Clock, blocks: list,
               fragments: list[Fragment], previous_page: list[str],
               open_row: tuple[Paragraph, Row] | None) -> tuple[Paragraph, Row] | None:
    """The page's paragraphs and tables, appended to `blocks` in reading order; each table
    also to `fragments`, for joining a table across pages (`previous_page`: the lines of the
    page before, whose top a running header repeats). Returns the last row of an unruled
    table ending the page, which the next page's first lines may continue (`open_row`)."""
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

    grids = _page_grids(page, page_no, clock) if text.strip() else []
    left, bottom, right, top = page.get_bbox()
    if not grids:
        rows = _unruled_rows(textpage, top, page_no, clock) if len(_NUMBER_WORD.findall(text)) >= 9 else None
        if rows is None:
            emit(full)
            return None
        if rows.lead and open_row is not None and blocks and blocks[-1] is open_row[0]:
            paragraph, row = open_row           # the row the page break cut, made whole
            row.label += rows.lead
            paragraph.text = row.text
        else:
            emit(_lines(textpage.get_text_bounded(left, top - rows.top, right, top)))
        emit([row.text for row in rows.rows])
        last = (blocks[-1], rows.rows[-1])
        rest = _lines(textpage.get_text_bounded(left, bottom, right, top - rows.bottom))
        emit(rest)
        return last if _only_running(rest) else None

    def text_in(x0: float, t0: float, x1: float, t1: float) -> list[str]:
        # top-down page coordinates (from the page's top edge) to PDF's bottom-up ones
        return _lines(textpage.get_text_bounded(x0, top - t1, x1, top - t0))

    height = top - bottom
    done = 0.0                                  # top-down: how far down the page is read
    for n, grid in enumerate(grids):
        x0, t_top, x1, t_bottom = grid.box
        above = text_in(left, done, right, t_top) if t_top > done else []
        emit(above)
        emit(text_in(left, t_top, x0, t_bottom))            # text beside the table
        emit(text_in(x1, t_top, right, t_bottom))
        block = _table_block(grid, textpage, top, page_no, clock)
        done = max(done, t_bottom)
        blocks.append(block)
        below = text_in(left, done, right, height) if n == len(grids) - 1 else []
        fragments.append(Fragment.of(
            block, grid.xs, len(grid.ys) - 1,
            starts_page=n == 0 and (_only_running(above) or _repeats_top(above, previous_page)),
            ends_page=n == len(grids) - 1 and _only_running(below)))
    if done < height:
        emit(text_in(left, done, right, height))
    return None


def _only_running(lines: list[str]) -> bool:
    """Whether these lines hold nothing but a running header or footer (a page number,
    which pdfium may give in pieces: `-` and `3 -`)."""
    text = " ".join(lines).strip()
    return not text or bool(_RUNNING_LINE.match(text))


def _unruled_rows(textpage, top: float, page_no: int, clock: _Clock) -> Rows | None:
    """The rebuilt rows of an unruled table with wrapped labels, from pdfium's text runs
    (none on a page of more runs than a report page has: its text lines stay as they are)."""
    count = textpage.count_rects()
    if count > _MAX_RUNS:
        return None
    runs = []
    for i in range(count):
        if i % _CLOCK_EVERY == _CLOCK_EVERY - 1:
            clock.check(page_no)
        x0, y0, x1, y1 = textpage.get_rect(i)
        text = textpage.get_text_bounded(x0, y0, x1, y1).strip()
        if text:
            runs.append(Run(x0, top - y1, x1, top - y0, text))
    return unruled_rows(runs)


def _repeats_top(lines: list[str], previous_page: list[str]) -> bool:
    """Whether these lines are the ones the page before begins with (a running header)."""
    lines = [line for line in lines if line]
    return bool(lines) and lines == [line for line in previous_page if line][:len(lines)]


def _table_block(grid: Grid, textpage, top: float, page_no: int, clock: _Clock) -> TableBlock:
    """The cells of one ruled table with the text pdfium finds inside each cell's box."""
    rows: dict[int, list[Cell]] = {}
    for n, cell in enumerate(grid.cells):
        if n % _CLOCK_EVERY == _CLOCK_EVERY - 1:
            clock.check(page_no)
        x0, t0, x1, t1 = cell.box
        raw = textpage.get_text_bounded(x0, top - t1, x1, top - t0)
        text = "\n".join(part for part in _lines(raw) if part)
        rows.setdefault(cell.row, []).append(Cell(text, Span(page=page_no, row=cell.row + 1, cell=cell.col + 1),
                                                  cell.rowspan, cell.colspan))
    return TableBlock([cells for _, cells in sorted(rows.items())], Span(page=page_no))


def _joined(blocks: list, fragments: list[Fragment]) -> list:
    """The blocks with each table continued on the next page joined into its first part,
    and tables numbered across the document."""
    continuation: set[int] = set()
    current: Fragment | None = None
    for fragment in fragments:
        if current is not None and continues(current, fragment):
            continuation.add(id(fragment.block))
            current = join(current, fragment)
        else:
            current = fragment
    out = []
    table_no = 0
    for block in blocks:
        if isinstance(block, TableBlock):
            if id(block) in continuation:
                continue
            table_no += 1
            block.span.table = table_no
            for row in block.rows:
                for cell in row:
                    cell.span.table = table_no
        out.append(block)
    return out


# ---------------------------------------------------------------- ruling lines from pdfium

def _page_grids(page, page_no: int, clock: _Clock) -> list[Grid]:
    """The ruled tables of a page, after checking that its drawing is of a size a report
    page can have."""
    horizontal, vertical = _rulings(page, page_no, clock)
    if len(horizontal) < 2 or len(vertical) < 2:
        return []
    if len(horizontal) + len(vertical) > limits.MAX_PDF_PAGE_RULES:
        raise limits.too_large(
            f"PDF 第{page_no}页的表格线过多（{len(horizontal) + len(vertical):,} 条，"
            f"上限 {limits.MAX_PDF_PAGE_RULES:,}）",
            f"page {page_no} of the PDF has too many ruling lines ({len(horizontal) + len(vertical):,}, "
            f"limit {limits.MAX_PDF_PAGE_RULES:,})")
    columns, rows = grid_size(horizontal, vertical)
    if columns * rows > limits.MAX_PDF_GRID:
        raise limits.too_large(
            f"PDF 第{page_no}页的表格线过多（{columns}×{rows}，上限 {limits.MAX_PDF_GRID:,} 个交点）",
            f"page {page_no} of the PDF has too many table ruling lines ({columns}×{rows}, "
            f"limit {limits.MAX_PDF_GRID:,} crossings)")
    return find_grids(horizontal, vertical)


_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _rulings(page, page_no: int, clock: _Clock) -> tuple[list[Segment], list[Segment]]:
    """Horizontal and vertical ruling lines of a page (top-down coordinates), from its path
    objects, those inside form XObjects included."""
    import pypdfium2.raw as pdfium_c

    top = page.get_bbox()[3]
    horizontal: list[Segment] = []
    vertical: list[Segment] = []
    seen = 0        # page objects and path segments looked at
    left, bottom, right, upper = (ctypes.c_float() for _ in range(4))
    bounds = tuple(ctypes.byref(v) for v in (left, bottom, right, upper))
    matrix = pdfium_c.FS_MATRIX()
    stack = [(None, pdfium_c.FPDFPage_CountObjects(page.raw), _IDENTITY)]
    while stack:
        form, count, outer = stack.pop()
        seen += count
        _check_drawing(seen, page_no)
        for k in range(count):
            if k % _CLOCK_EVERY == _CLOCK_EVERY - 1:
                clock.check(page_no)
            obj = (pdfium_c.FPDFPage_GetObject(page.raw, k) if form is None
                   else pdfium_c.FPDFFormObj_GetObject(form, k))
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
                pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(matrix))
                inner = _compose((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), outer)
                stack.append((obj, pdfium_c.FPDFFormObj_CountObjects(obj), inner))
                continue
            if kind != pdfium_c.FPDF_PAGEOBJ_PATH or not pdfium_c.FPDFPageObj_GetBounds(obj, *bounds):
                continue
            box = _box(outer, left.value, bottom.value, right.value, upper.value)
            if box[2] - box[0] <= _THIN or box[3] - box[1] <= _THIN:
                _add_line(box, top, horizontal, vertical)
            else:
                seen += _path_edges(pdfium_c, obj, outer, top, horizontal, vertical)
                _check_drawing(seen, page_no)
    return horizontal, vertical


def _check_drawing(seen: int, page_no: int) -> None:
    """Drawing objects and path segments of a page, bounded (a whole table's grid may be one
    path of hundreds of segments; a hostile page has millions)."""
    if seen > limits.MAX_PDF_PAGE_OBJECTS:
        raise limits.too_large(
            f"PDF 第{page_no}页的绘图对象过多（超过 {limits.MAX_PDF_PAGE_OBJECTS:,} 个）",
            f"page {page_no} of the PDF has too many drawing objects (over {limits.MAX_PDF_PAGE_OBJECTS:,})")


def _compose(inner: tuple, outer: tuple) -> tuple:
    """The matrix applying `inner`, then `outer` (PDF's a b c d e f)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _point(m: tuple, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _box(m: tuple, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
    if m is _IDENTITY:
        return x0, y0, x1, y1
    xs, ys = zip(*(_point(m, x, y) for x in (x0, x1) for y in (y0, y1)), strict=True)
    return min(xs), min(ys), max(xs), max(ys)


def _add_line(box: tuple, top: float, horizontal: list[Segment], vertical: list[Segment]) -> None:
    """A thin box (a stroked line or a filled hairline rectangle) as one ruling line."""
    x0, y0, x1, y1 = box
    if x1 - x0 >= y1 - y0:
        if x1 - x0 >= _MIN_RULE:
            horizontal.append(Segment(top - (y0 + y1) / 2, x0, x1))
    elif y1 - y0 >= _MIN_RULE:
        vertical.append(Segment((x0 + x1) / 2, top - y1, top - y0))


def _path_edges(pdfium_c, obj, outer: tuple, top: float, horizontal: list[Segment], vertical: list[Segment]) -> int:
    """The axis-parallel straight edges of a stroked path (the sides of a cell's rectangle,
    or a whole grid drawn as one path); returns the number of segments looked at."""
    count = pdfium_c.FPDFPath_CountSegments(obj)
    if count <= 0 or count > limits.MAX_PDF_PAGE_OBJECTS:
        return max(count, 0)
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke)) or not stroke.value:
        return count        # a filled area (cell shading, a page background) draws no rule
    matrix = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(matrix))
    m = _compose((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), outer)
    x, y = ctypes.c_float(), ctypes.c_float()
    start = previous = None
    for k in range(count):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, k)
        pdfium_c.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y))
        point = _point(m, x.value, y.value)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = previous = point
            continue
        if kind == pdfium_c.FPDF_SEGMENT_LINETO and previous is not None:
            _add_edge(previous, point, top, horizontal, vertical)
        previous = point
        if pdfium_c.FPDFPathSegment_GetClose(segment) and start is not None:
            _add_edge(point, start, top, horizontal, vertical)
            previous = start
    return count


def _add_edge(a: tuple[float, float], b: tuple[float, float], top: float,
              horizontal: list[Segment], vertical: list[Segment]) -> None:
    (x0, y0), (x1, y1) = a, b
    if abs(y0 - y1) <= 0.5 and abs(x1 - x0) >= _MIN_RULE:
        horizontal.append(Segment(top - y0, min(x0, x1), max(x0, x1)))
    elif abs(x0 - x1) <= 0.5 and abs(y1 - y0) >= _MIN_RULE:
        vertical.append(Segment(x0, top - max(y0, y1), top - min(y0, y1)))
