"""Scanned pages and photos: offline text recognition (OCR) into the blocks other readers give.

Optional: needs the `ocr` extra (`pip install 'xxgk-lint[ocr]'`: RapidOCR with the PP-OCR
Chinese models shipped in its wheel, run by onnxruntime; no model is downloaded, no network).
docs/OCR.md compares it with the alternatives and records the speed measured here.

A page image becomes blocks in four steps:
1. deskew: the rotation whose row profile of ink is sharpest (text lines and ruling lines
   horizontal), found on a reduced copy and undone on the page;
2. tables: ruling lines by morphology (long horizontal and vertical runs of ink); each closed
   white area inside a table's lines is a cell, and the distinct cell edges give the grid, so
   merged cells come out once with their rowspan/colspan like the other readers give them;
3. recognition: one OCR pass over the whole page (text boxes with text and confidence);
4. assembly: each box goes into the cell holding its centre; boxes outside tables are joined
   into lines, and lines and tables are emitted in reading order (top to bottom).

Every span made here carries `ocr` = the recognition confidence (0–1) of its text, the lowest
of the boxes it was joined from. A cell with ink but no recognised text gets confidence 0
(something is printed there that was not read); a cell without ink is truly empty (1.0).
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from ..model import Block, Cell, Document, InputProblem, Message, Paragraph, Span, TableBlock
from . import limits

# Resolution image-only PDF pages are rendered at: 200 dpi reads 5-pt table digits reliably
# (150 dpi too, docs/OCR.md); more costs time without changing the readings.
RENDER_DPI = 200
# Images wider than this (photos, 600-dpi scans) are reduced to it first: the width of an A4
# page at 200 dpi, bounding the cost of a page whatever the camera.
MAX_WIDTH_PX = 1700
# Deskew search: scanners and photos of a page tilt it by a few degrees at most.
_MAX_SKEW_DEG = 4.0

INSTALL_HINT = "pip install 'xxgk-lint[ocr]'"


def available() -> bool:
    """Whether the OCR extra is installed and loads (asked only once a scan is met: the
    import takes about a second)."""
    try:
        with _their_encoding_warnings_ignored():
            import cv2  # noqa: F401
            import onnxruntime  # noqa: F401
            import rapidocr  # noqa: F401
    except (ImportError, OSError):
        return False
    return True


def _their_encoding_warnings_ignored():
    """OpenCV and RapidOCR read their own config files without naming an encoding; under
    `-W error::EncodingWarning` (as CI runs) that would be an error that is not ours to fix."""
    import warnings

    return warnings.catch_warnings(action="ignore", category=EncodingWarning)


def not_installed(what_zh: str, what_en: str) -> InputProblem:
    """I006 for an image-only file when the OCR extra is missing, with how to install it."""
    return InputProblem("I006", Message(
        f"{what_zh}没有可提取的文字（扫描件或图片），需要文字识别（OCR），但未安装识别组件，无法检查；"
        f"可安装 {INSTALL_HINT} 后重新检查，或提供带文字层的 PDF 或 Word 文档",
        f"{what_en} has no extractable text (a scan or images) and needs text recognition (OCR), "
        f"which is not installed, so it cannot be checked; install it with {INSTALL_HINT} and check "
        f"again, or provide a PDF with a text layer or the Word document"))


# ---------------------------------------------------------------- the engine

_ENGINE = None


def _engine():
    """The recogniser, built once per process (loading the models takes about a second).

    One thread: the audit runs one worker per core (`--jobs`), and OCR must stay inside it."""
    global _ENGINE
    if _ENGINE is None:
        import logging

        with _their_encoding_warnings_ignored():
            from rapidocr import RapidOCR

            _ENGINE = RapidOCR(params={
                "Global.log_level": "error",
                "EngineConfig.onnxruntime.intra_op_num_threads": 1,
                "EngineConfig.onnxruntime.inter_op_num_threads": 1,
            })
        # RapidOCR logs each call's timing at INFO on its own logger; the user sees findings.
        logging.getLogger("RapidOCR").setLevel(logging.ERROR)
    return _ENGINE


@dataclass(slots=True)
class _Box:
    """A recognised piece of text in page pixels (deskewed page)."""
    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    score: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2


def _recognise(gray) -> list[_Box]:
    import numpy as np

    # every option named: RapidOCR keeps a call's options for the calls after it
    result = _engine()(np.ascontiguousarray(gray), use_det=True, use_cls=True, use_rec=True)
    if result.boxes is None or result.txts is None:
        return []
    out = []
    # RapidOCR gives one box, text and score per detection (its lengths are its to keep equal)
    for quad, text, score in zip(result.boxes, result.txts, result.scores, strict=False):
        text = text.strip()
        if not text:
            continue
        xs, ys = [p[0] for p in quad], [p[1] for p in quad]
        out.append(_Box(min(xs), min(ys), max(xs), max(ys), text, float(score)))
    return out


def _recognise_cell(gray, cell: _CellBox) -> tuple[str, float]:
    """Text and confidence of one cell read on its own (recognition only, no detection);
    ("", 0.0) when nothing is read: print is there, its value unknown."""
    import numpy as np

    crop = np.ascontiguousarray(gray[cell.y0:cell.y1, cell.x0:cell.x1])
    result = _engine()(crop, use_det=False, use_cls=False, use_rec=True)
    texts = [t.strip() for t in (result.txts or ()) if t.strip()]
    if not texts:
        return "", 0.0
    return "".join(texts), float(min(result.scores))


# ---------------------------------------------------------------- image geometry

def _ink(gray):
    """Binary image, ink = 255 (Otsu threshold: scans are dark print on light paper)."""
    import cv2

    _, binary = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return binary


def _rotate(gray, degrees: float, fill: int = 255):
    import cv2

    h, w = gray.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    return cv2.warpAffine(gray, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=fill)


def skew_angle(gray) -> float:
    """The rotation (degrees, counter-clockwise positive as cv2 has it) that makes the page's
    lines horizontal: the one whose row sums of ink vary most (sharpest line profile)."""
    import cv2
    import numpy as np

    h, w = gray.shape[:2]
    scale = 800 / max(w, 1)
    small = cv2.resize(gray, (800, max(1, int(h * scale))), interpolation=cv2.INTER_AREA) if scale < 1 else gray
    ink = _ink(small)

    def sharpness(angle: float) -> float:
        rows = _rotate(ink, angle, fill=0).sum(axis=1, dtype=np.float64)
        return float(np.var(np.diff(rows)))

    best = max(np.arange(-_MAX_SKEW_DEG, _MAX_SKEW_DEG + 1e-9, 0.25), key=sharpness)
    return float(max(np.arange(best - 0.25, best + 0.25 + 1e-9, 0.05), key=sharpness))


def deskew(gray):
    angle = skew_angle(gray)
    return gray if abs(angle) < 0.05 else _rotate(gray, angle)


@dataclass(slots=True)
class _CellBox:
    x0: int
    y0: int
    x1: int
    y1: int


def find_tables(gray) -> list[list[_CellBox]]:
    """The cells of each ruled table on the page, tables top to bottom.

    Ruling lines are long thin runs of ink (opened with a long horizontal / vertical
    kernel: text strokes are far shorter). A table is a connected set of ruling lines; its
    cells are the white areas its lines enclose (an area reaching the table's bounding box
    is outside the lines)."""
    import cv2
    import numpy as np

    h, w = gray.shape[:2]
    ink = _ink(gray)
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (max(10, w // 35), 1)))
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(10, h // 80))))
    # close the small gaps blur and thresholding leave in a line, and where lines cross
    lines = cv2.dilate(cv2.bitwise_or(horizontal, vertical), np.ones((5, 5), np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(lines, connectivity=8)
    tables = []
    min_cell = max(6, w // 200)
    for i in range(1, count):
        x, y, bw, bh, _ = stats[i]
        if bw < w // 5 or bh < h // 60:
            continue                    # a rule under a heading, a stamp's edge: not a table
        region = lines[y:y + bh, x:x + bw]
        n, _, cell_stats, _ = cv2.connectedComponentsWithStats(255 - region, connectivity=4)
        cells = []
        for j in range(1, n):
            cx, cy, cw, ch, _ = cell_stats[j]
            if cx == 0 or cy == 0 or cx + cw >= bw or cy + ch >= bh:
                continue                # touches the bounding box: outside the table's lines
            if cw < min_cell or ch < min_cell:
                continue
            cells.append(_CellBox(x + cx, y + cy, x + cx + cw, y + cy + ch))
        if len(cells) >= 2:
            tables.append(cells)
    tables.sort(key=lambda cells: min(c.y0 for c in cells))
    return tables


def _merge_edges(values: Iterable[float], tol: float) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tol:
            out.append(v)
    return out


def _edge_index(edges: list[float], value: float, tol: float) -> int:
    for i, edge in enumerate(edges):
        if value <= edge + tol:
            return i
    return len(edges) - 1


# ---------------------------------------------------------------- assembly

def _lines_of(boxes: list[_Box]) -> list[list[_Box]]:
    """Boxes grouped into text lines (vertical centres within half a box height), each line
    left to right, lines top to bottom."""
    lines: list[list[_Box]] = []
    for box in sorted(boxes, key=lambda b: b.cy):
        if lines:
            last = lines[-1]
            height = max(b.y1 - b.y0 for b in last)
            if abs(box.cy - sum(b.cy for b in last) / len(last)) <= height / 2:
                last.append(box)
                continue
        lines.append([box])
    return [sorted(line, key=lambda b: b.x0) for line in lines]


def _join(line: list[_Box]) -> str:
    """A line's boxes as text: a wide gap (over a character's height) is a space."""
    out = line[0].text
    for prev, box in pairwise(line):
        gap = box.x0 - prev.x1
        out += (" " if gap > (box.y1 - box.y0) else "") + box.text
    return out


def _has_ink(ink, cell: _CellBox) -> bool:
    """Whether a cell holds print the recogniser did not read (a few pixels of noise aside)."""
    pad = 3
    inner = ink[cell.y0 + pad:cell.y1 - pad, cell.x0 + pad:cell.x1 - pad]
    return inner.size > 0 and int((inner > 0).sum()) > max(12, inner.size // 400)


# What the recogniser reads for a lone "/" in a cell (a report's "not applicable" mark, V301):
# the models' digit "1" is the likeliest, and at high confidence.
_ONE_LIKE = ("1", "l", "I", "|", "/", "丨")


def _slanted(ink, cell: _CellBox) -> bool:
    """Whether a cell's single stroke leans right like "/" rather than standing like "1":
    the ink of its upper half lies right of its lower half (by over 8% of its height, at
    least a pixel: a "/" is only ~12 px tall at 150 dpi). A printed "1" leans slightly
    left, its flag pulling the top to the left."""
    import numpy as np

    pad = 3
    inner = ink[cell.y0 + pad:cell.y1 - pad, cell.x0 + pad:cell.x1 - pad]
    ys, xs = np.nonzero(inner)
    if len(ys) < 10:
        return False
    middle = (ys.min() + ys.max()) / 2
    top, bottom = xs[ys < middle], xs[ys >= middle]
    if not len(top) or not len(bottom):
        return False
    return float(top.mean() - bottom.mean()) > max(1.0, 0.08 * float(ys.max() - ys.min() + 1))


def _table_block(cells: list[_CellBox], boxes: list[_Box], gray, ink, page_no: int, table_no: int,
                 tol: float) -> TableBlock:
    xs = _merge_edges([c.x0 for c in cells] + [c.x1 for c in cells], tol)
    ys = _merge_edges([c.y0 for c in cells] + [c.y1 for c in cells], tol)
    rows: dict[int, list[tuple[int, Cell]]] = {}
    row_lowest: dict[int, float] = {}      # each row's lowest confidence, as its cells' spans hold it
    lowest = 1.0
    for cell in cells:
        inside = [b for b in boxes if cell.x0 - tol / 2 <= b.cx <= cell.x1 + tol / 2
                  and cell.y0 - tol / 2 <= b.cy <= cell.y1 + tol / 2]
        if inside:
            text = "\n".join(_join(line) for line in _lines_of(inside))
            confidence = min(b.score for b in inside)
            if text in _ONE_LIKE:
                text = "/" if _slanted(ink, cell) else "1"
        elif _has_ink(ink, cell):
            # print the page-wide pass found no text in (a smudge, a stamp over a digit): read
            # the cell alone; what comes back, if anything, carries its (low) confidence
            text, confidence = _recognise_cell(gray, cell)
        else:
            text, confidence = "", 1.0
        lowest = min(lowest, confidence)
        col, row = _edge_index(xs, cell.x0, tol), _edge_index(ys, cell.y0, tol)
        colspan = max(1, _edge_index(xs, cell.x1, tol) - col)
        rowspan = max(1, _edge_index(ys, cell.y1, tol) - row)
        rounded = round(confidence, 3)
        span = Span(page=page_no, table=table_no, row=row + 1, cell=col + 1, ocr=rounded)
        rows.setdefault(row, []).append((col, Cell(text, span, rowspan, colspan)))
        row_lowest[row] = min(row_lowest.get(row, rounded), rounded)
    out = []
    for row, found in sorted(rows.items()):
        row_cells = [c for _, c in sorted(found, key=lambda x: x[0])]
        # A value that is blank because it could not be read leaves no span of its own: a
        # finding about it falls back to the row, located at the row's first cell, which
        # therefore carries the row's lowest confidence.
        first = row_cells[0]
        first.span = Span(page=page_no, table=table_no, row=first.span.row, cell=first.span.cell,
                          ocr=row_lowest[row])
        out.append(row_cells)
    return TableBlock(out, Span(page=page_no, table=table_no, ocr=round(lowest, 3)))


def page_blocks(gray, page_no: int, first_table_no: int) -> list[Block]:
    """The blocks of one page image (2-D uint8 grayscale array), tables numbered from
    `first_table_no`, in reading order."""
    import cv2

    if gray.shape[1] > MAX_WIDTH_PX:
        scale = MAX_WIDTH_PX / gray.shape[1]
        gray = cv2.resize(gray, (MAX_WIDTH_PX, max(1, int(gray.shape[0] * scale))), interpolation=cv2.INTER_AREA)
    gray = deskew(gray)
    tables = find_tables(gray)
    boxes = _recognise(gray)
    ink = _ink(gray)
    tol = max(6.0, gray.shape[1] * 0.006)
    placed: list[tuple[float, TableBlock | list[_Box]]] = []   # a table, or a line of text boxes
    free = boxes
    for n, cells in enumerate(tables):
        x0, y0 = min(c.x0 for c in cells), min(c.y0 for c in cells)
        x1, y1 = max(c.x1 for c in cells), max(c.y1 for c in cells)
        within = [b for b in free if x0 - tol <= b.cx <= x1 + tol and y0 - tol <= b.cy <= y1 + tol]
        free = [b for b in free if not (x0 - tol <= b.cx <= x1 + tol and y0 - tol <= b.cy <= y1 + tol)]
        placed.append((y0, _table_block(cells, within, gray, ink, page_no, first_table_no + n, tol)))
    for line in _lines_of(free):
        placed.append((min(b.y0 for b in line), line))
    placed.sort(key=lambda item: item[0])
    blocks: list[Block] = []
    line_no = 0
    for _, item in placed:
        if isinstance(item, TableBlock):
            blocks.append(item)
        else:
            line_no += 1
            blocks.append(Paragraph(_join(item), Span(page=page_no, line=line_no,
                                                      ocr=round(min(b.score for b in item), 3))))
    return blocks


# ---------------------------------------------------------------- image files

def _pages(data: bytes):
    """Grayscale arrays of an image file's pages (several for a multi-page TIFF)."""
    import numpy as np
    from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
        frames = getattr(image, "n_frames", 1)
        if frames > limits.MAX_OCR_PAGES:
            raise limits.too_large(f"图片页数过多（{frames:,} 页，上限 {limits.MAX_OCR_PAGES} 页）",
                                   f"the image has too many pages ({frames:,}, limit {limits.MAX_OCR_PAGES})")
        pages = []
        for frame in ImageSequence.Iterator(image):
            frame = ImageOps.exif_transpose(frame)      # a phone photo stores its rotation apart
            pages.append(np.asarray(frame.convert("L")))
        return pages
    except Image.DecompressionBombError:
        raise limits.too_large("图片像素过多", "the image has too many pixels") from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        raise InputProblem("I001", Message("图片文件已损坏或格式无效，无法读取",
                                           "the image file is damaged or not a valid image")) from None


def read_image(path: str, data: bytes) -> Document:
    """An image file (.png .jpg .jpeg .tif .tiff, multi-page TIFF included) read by OCR."""
    if not available():
        raise not_installed("图片文件", "the image file")
    blocks: list[Block] = []
    for page_no, gray in enumerate(_pages(data), start=1):
        tables = sum(1 for b in blocks if isinstance(b, TableBlock))
        blocks.extend(page_blocks(gray, page_no, tables + 1))
    return Document(path=path, kind="image", blocks=blocks)


def pdf_page_blocks(page, page_no: int, first_table_no: int) -> list[Block]:
    """The blocks of an image-only PDF page (a pypdfium2 page), rendered at RENDER_DPI."""
    import numpy as np

    bitmap = page.render(scale=RENDER_DPI / 72, grayscale=True)
    gray = np.array(bitmap.to_pil().convert("L"))
    return page_blocks(gray, page_no, first_table_no)
