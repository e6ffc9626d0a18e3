"""Limits that keep a hostile or broken file from exhausting time or memory.

A county office receives whatever is sent to it: zip bombs, entity bombs, pages nested
100,000 levels deep, a 40 MB single line. Every limit below is far above any real annual
report (the longest in the corpus has ~30,000 characters, ~600 lines, ~20 pages) and far
below what would stall a bulk run; crossing one is an `input` finding (I004, or I001 for a
structure no real report has) that names the limit, never a crash or a hang.

The file-size limit itself is the engine's (`max-file-size-mb`, default 50).
"""

from __future__ import annotations

from ..model import InputProblem, Message

# Text of a text-like file (.txt .md .yaml .json), and text extracted from any document.
MAX_TEXT_CHARS = 1_000_000
# Paragraphs plus table cells of one document (lines of a text file).
MAX_BLOCKS = 20_000
# No encoding takes more than 4 bytes a character: a text file longer than this has too
# many characters, whatever its encoding (checked before decoding it).
MAX_TEXT_BYTES = 4 * MAX_TEXT_CHARS

# HTML: characters of the page source (markup included), start tags (counting the
# elements the parser re-creates for formatting tags left open), and nesting depth.
MAX_HTML_CHARS = 10_000_000
MAX_HTML_ELEMENTS = 200_000
MAX_HTML_DEPTH = 500

# .docx: entries of the zip archive, and uncompressed size of the parts that are read.
MAX_ZIP_ENTRIES = 10_000
MAX_DOCX_BODY_BYTES = 32 * 1024 * 1024       # word/document.xml
MAX_DOCX_PART_BYTES = 8 * 1024 * 1024        # styles.xml, numbering.xml, core.xml

# PDF: pages, and seconds spent reading (checked between pages and inside a page's loops).
# Per page, checked before any table detection: characters (a dense report page has
# ~4,000), drawing objects (~1,000), ruling lines (~300), and grid crossings (vertical ×
# horizontal line positions; table detection grows with their product).
MAX_PDF_PAGES = 500
PDF_TIME_BUDGET_S = 30.0
MAX_PDF_PAGE_CHARS = 50_000
MAX_PDF_PAGE_OBJECTS = 50_000
MAX_PDF_PAGE_RULES = 5_000
MAX_PDF_GRID = 10_000

# OCR (scanned PDF pages, image files): pages recognised per file, and the reading time
# allowed per recognised page on top of PDF_TIME_BUDGET_S. A page takes 2–6 s on one core
# of the 2-core reference machine (docs/OCR.md); the longest real report has ~20 pages.
MAX_OCR_PAGES = 60
OCR_SECONDS_PER_PAGE = 20.0


def too_large(zh: str, en: str) -> InputProblem:
    return InputProblem("I004", Message(f"{zh}，超出检查上限，未检查（正常的年度报告远小于此）",
                                        f"{en}; not checked (a real annual report is far smaller)"))


def too_long_text(chars: int) -> InputProblem:
    return too_large(f"文件文字过长（{chars:,} 个字符，上限 {MAX_TEXT_CHARS:,}）",
                     f"the text is too long ({chars:,} characters, limit {MAX_TEXT_CHARS:,})")


def too_many_blocks(blocks: int) -> InputProblem:
    return too_large(f"文件段落和表格单元格过多（{blocks:,} 个，上限 {MAX_BLOCKS:,}）",
                     f"the file has too many paragraphs and table cells ({blocks:,}, limit {MAX_BLOCKS:,})")


def check_text_bytes(size: int) -> None:
    if size > MAX_TEXT_BYTES:
        raise too_large(f"文本文件过大（{size / 1024 / 1024:.1f} MB，上限 {MAX_TEXT_BYTES / 1024 / 1024:.1f} MB）",
                        f"the text file is too large ({size / 1024 / 1024:.1f} MB, limit "
                        f"{MAX_TEXT_BYTES / 1024 / 1024:.1f} MB)")


def check_text(text: str) -> None:
    if len(text) > MAX_TEXT_CHARS:
        raise too_long_text(len(text))
