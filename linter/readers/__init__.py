"""Readers: bytes of a file → `Document` (or `Report` for YAML/JSON).

`read(path, data)` picks the reader from the extension and confirms it from the content
(`sniff`): renamed downloads are common on government portals. Each reader module and its
library are imported only when a file of that kind is read. Word 97/WPS binaries go through
LibreOffice (`office.py`) to the .docx reader.
"""

from __future__ import annotations

import importlib
import os
from typing import TYPE_CHECKING, Iterable

from ..model import Document, Finding, InputProblem, Message, Paragraph, Report
from . import limits, sniff

if TYPE_CHECKING:
    from .office import OfficeSettings

# Word 97/WPS binaries (WPS saves .wps in Word 97's format), read when LibreOffice is installed.
WORD_BINARY_EXTENSIONS: tuple[str, ...] = (".doc", ".wps", ".dot")
# Files the CLI, pre-commit hook and audit pick up when given a directory.
SUPPORTED_EXTENSIONS: tuple[str, ...] = (".yaml", ".yml", ".json", ".txt", ".md", ".markdown",
                                         ".html", ".htm", ".docx", ".docm", ".pdf", ".png", ".jpg", ".jpeg",
                                         ".tif", ".tiff") + WORD_BINARY_EXTENSIONS
# Recognised but not readable: reported as I002 with advice, rather than ignored.
LEGACY_EXTENSIONS: tuple[str, ...] = (".et", ".ofd")

_KIND_BY_EXTENSION = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".txt": "txt", ".md": "md",
                      ".markdown": "md", ".html": "html", ".htm": "html", ".docx": "docx", ".docm": "docx",
                      ".pdf": "pdf", ".png": "image", ".jpg": "image", ".jpeg": "image", ".tif": "image",
                      ".tiff": "image"}
_KIND_NAMES = {"html": ("HTML 网页", "an HTML page"), "docx": ("Word（.docx）文档", "a Word .docx document"),
               "pdf": ("PDF 文件", "a PDF file"), "image": ("图片", "an image"), "txt": ("纯文本", "plain text"),
               "md": ("Markdown 文本", "Markdown text")}


def _mismatch(ext: str, kind: str) -> Finding:
    zh, en = _KIND_NAMES[kind]
    return Finding("I009", Message(f"文件扩展名为 {ext}，但内容是{zh}，已按{zh}读取",
                                   f"the file is named {ext} but contains {en}; read as such"),
                   details={"extension": ext, "detected": kind})


def _legacy(ext: str, what_zh: str = "旧版 Word/WPS 二进制格式",
            what_en: str = "a legacy Word/WPS binary file") -> InputProblem:
    return InputProblem("I002", Message(
        f"{what_zh}（{ext}）无法检查，请另存为 .docx（或 PDF、文本）后再检查",
        f"{what_en} ({ext}) cannot be checked; save it as .docx (or PDF, text) and check again"))


# OFD (GB/T 33190) is named, never skipped, but not read. Tried on PyPI (2026-12): ofdkit 0.2.0
# gives text runs with positions but no table cells or ruling lines (tables would arrive as loose
# text, worse than this finding); ofdreader 0.1.0 installs no module at all; easyofd pulls in
# PyMuPDF and reportlab to render pages; and the one OFD-making tool at hand (pdf2ofd 0.1.0) writes
# glyph outlines without any text, so no real text OFD was available to judge them on.
def _ofd() -> InputProblem:
    return InputProblem("I002", Message(
        "不支持 OFD（.ofd）格式，请导出为 PDF 或 Word（.docx）后再检查",
        "OFD (.ofd) files are not supported; export the report as PDF or Word (.docx) and check again"))


def _encrypted() -> InputProblem:
    return InputProblem("I005", Message("文件已加密（设有打开密码），无法读取，请提供未加密的文件",
                                        "the file is encrypted (password-protected) and cannot be read"))


# The reader of each document kind: (module in this package, function).
_READERS = {"txt": ("text", "read"), "md": ("markdown", "read"), "html": ("html", "read"),
            "docx": ("docx", "read"), "image": ("ocr", "read_image"), "pdf": ("pdf", "read")}


def _read_kind(kind: str, path: str, data: bytes) -> Document:
    module, function = _READERS[kind]
    reader = getattr(importlib.import_module(f"{__name__}.{module}"), function)
    return reader(path, data)


def modules_for(paths: Iterable[str]) -> list[str]:
    """The modules reading `paths` imports, judged by their extensions: what a parent process
    imports before it forks workers, so that they share it (`Linter.prepare`)."""
    extensions = {os.path.splitext(p)[1].lower() for p in paths}
    kinds = {_KIND_BY_EXTENSION[ext] for ext in extensions if ext in _KIND_BY_EXTENSION}
    if extensions & set(WORD_BINARY_EXTENSIONS):     # converted by LibreOffice, then read as .docx
        kinds.add("docx")
    modules = [f"{__name__}.{_READERS[k][0]}" for k in sorted(kinds & _READERS.keys())]
    if kinds & {"yaml", "json"}:
        modules.append(f"{__name__}.structured")
    return modules


def _structured(kind: str, path: str, data: bytes) -> Report:
    from .encoding import decode
    from .structured import read_json, read_yaml

    limits.check_text_bytes(len(data))
    text, encoding, note = decode(data)
    limits.check_text(text)
    if not text.strip():
        raise _empty()
    report = (read_yaml if kind == "yaml" else read_json)(path, text)
    if report.encoding is None:
        report.encoding = encoding
    if note is not None:
        report.notes.insert(0, note)
    return report


def _empty() -> InputProblem:
    return InputProblem("I010", Message("文件为空，没有可检查的内容", "the file is empty; nothing to check"))


def _check_not_blank(doc: Document) -> Document:
    if not doc.blocks:
        raise _empty()
    # Readers stop early on the cheap signs of size; this bounds what extraction and rules get.
    blocks = chars = 0
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            blocks += 1
            chars += len(block.text)
        else:
            for row in block.rows:
                blocks += len(row)
                chars += sum(len(cell.text) for cell in row)
    if blocks > limits.MAX_BLOCKS:
        raise limits.too_many_blocks(blocks)
    if chars > limits.MAX_TEXT_CHARS:
        raise limits.too_long_text(chars)
    return doc


def read(path: str, data: bytes, *, office: "OfficeSettings | None" = None) -> Document | Report:
    """Read one file. Raises InputProblem when the file cannot be checked at all.

    `office` says where LibreOffice is for Word 97/WPS binaries (default: found on PATH or
    through $XXGK_SOFFICE, no cache)."""
    ext = os.path.splitext(path)[1].lower()
    _refuse_at_once(ext, data)
    found = sniff.kind_of(data)
    if found == "ole2":
        if sniff.is_encrypted_ooxml(data):
            raise _encrypted()
        if ext in WORD_BINARY_EXTENSIONS or _KIND_BY_EXTENSION.get(ext) == "docx":
            return _converted(path, data, ext, office)
        raise _legacy(ext)
    if found == "rtf":
        raise _legacy(ext, "RTF 格式", "an RTF file")

    expected = _KIND_BY_EXTENSION.get(ext)
    if expected in ("yaml", "json"):
        if found in ("docx", "pdf"):
            return _with_note(_read_kind(found, path, data), _mismatch(ext, found))
        return _structured(expected, path, data)

    if expected is None:                       # .doc/.wps/.dot/.et that is not OLE2
        actual = {"docx": "docx", "pdf": "pdf", "html": "html", "text": "txt"}.get(found)
        if actual is None:
            raise _legacy(ext)
        return _with_note(_read_kind(actual, path, data), _mismatch(ext, actual))
    return _document(path, data, ext, expected, found)


def _refuse_at_once(ext: str, data: bytes) -> None:
    """InputProblem for what is refused before the content is looked at: an empty file, OFD,
    an extension of no kind read."""
    if not data:
        raise _empty()
    if ext == ".ofd":
        raise _ofd()
    if ext not in SUPPORTED_EXTENSIONS and ext not in LEGACY_EXTENSIONS:
        raise InputProblem("I002", Message(
            f"不支持的文件类型“{ext or '（无扩展名）'}”；支持 {'、'.join(SUPPORTED_EXTENSIONS)}",
            f"unsupported file type {ext or '(no extension)'!r}; supported: {', '.join(SUPPORTED_EXTENSIONS)}"))


def _document(path: str, data: bytes, ext: str, expected: str, found: str) -> Document:
    """A document named as a document kind (`expected`), read as what its content is (`found`)."""
    if expected == "md" and found == "html" and not sniff.is_html(data, strict=True):
        found = "text"              # Markdown may open with raw HTML; only a whole page is HTML
    if expected == "html" and found == "text" and not sniff.has_markup(data):
        return _with_note(_read_kind("txt", path, data), _mismatch(ext, "txt"))
    if found == "zip":
        raise InputProblem("I001", Message("文件是 ZIP 压缩包，不是 .docx 文档，无法读取",
                                           "the file is a zip archive, not a .docx document"))
    if found in ("docx", "pdf", "html", "image") and found != expected:
        return _with_note(_read_kind(found, path, data), _mismatch(ext, found))
    if expected in ("docx", "pdf", "image") and found != expected:
        zh = {"docx": "Word（.docx）文档", "pdf": "PDF 文件", "image": "图片"}[expected]
        raise InputProblem("I001", Message(f"文件扩展名为 {ext}，但内容不是{zh}，文件可能已损坏",
                                           f"the file is named {ext} but is not {_KIND_NAMES[expected][1]}; "
                                           f"it may be damaged"))
    return _check_not_blank(_read_kind(expected, path, data))


def _converted(path: str, data: bytes, ext: str, office: "OfficeSettings | None") -> Document:
    """A Word 97/WPS binary, converted to .docx by LibreOffice and read as such."""
    from . import office as converter

    settings = office or converter.OfficeSettings(converter.find_soffice())
    doc = _read_kind("docx", path, converter.to_docx(data, ext, settings))
    return _with_note(doc, converter.converted_note(ext))


def _with_note(doc: Document, note: Finding) -> Document:
    doc.notes.insert(0, note)
    return _check_not_blank(doc)
